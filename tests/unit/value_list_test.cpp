// @brief Unit tests of common/value_list.hpp: the length-prefixed encoding of
// multi-valued slots.
#include "value_list.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace diplosearch;

TEST_CASE("value_list round-trips lists of codes and slugs", "[unit][value_list]") {
    const std::vector<std::vector<std::string>> lists = {
        {}, {"PAK"}, {"PAK", "CHN"}, {"human-rights", "trade", "côte-d-ivoire"}, {"", "x", ""},
    };
    for (const auto& items : lists) {
        CHECK(value_list::decode(value_list::encode(items)) == items);
    }
}

TEST_CASE("value_list encodes each item as a length byte and its bytes", "[unit][value_list]") {
    CHECK(value_list::encode({}).empty());
    CHECK(value_list::encode({"PAK", "CN"}) == std::string("\x03PAK\x02"
                                                           "CN"));
    CHECK(value_list::encode({""}) == std::string(1, '\0'));
}

TEST_CASE("value_list keeps any byte inside items, including separators and NUL",
          "[unit][value_list]") {
    const std::vector<std::string> items = {std::string("a\0b", 3), "x|y;z,w", "\x03\x03\x03",
                                            std::string(255, 'q')};
    CHECK(value_list::decode(value_list::encode(items)) == items);
}

TEST_CASE("value_list cuts items longer than 255 bytes on a UTF-8 boundary", "[unit][value_list]") {
    std::string long_ascii(300, 'a');
    auto decoded = value_list::decode(value_list::encode({long_ascii, "next"}));
    REQUIRE(decoded.size() == 2);
    CHECK(decoded[0] == std::string(255, 'a'));
    CHECK(decoded[1] == "next");

    // 127 two-byte characters are 254 bytes; one more would straddle byte 255.
    std::string accents;
    for (int i = 0; i < 130; ++i) accents += "é";
    decoded = value_list::decode(value_list::encode({accents}));
    REQUIRE(decoded.size() == 1);
    CHECK(decoded[0].size() == 254);
    CHECK(decoded[0] == accents.substr(0, 254));
}

TEST_CASE("value_list ignores a truncated tail instead of reading past the end",
          "[unit][value_list]") {
    const std::string encoded = std::string("\x03PAK\x05") + "CH";  // Second item claims 5 bytes.
    CHECK(value_list::decode(encoded) == std::vector<std::string>{"PAK"});
    CHECK(value_list::decode(std::string("\x09"
                                         "abc"))
              .empty());
    CHECK(value_list::decode("").empty());
}

TEST_CASE("value_list::for_each visits items in order without copying", "[unit][value_list]") {
    const std::string encoded = value_list::encode({"PAK", "CHN", "IND"});
    std::vector<std::string> seen;
    value_list::for_each(encoded, [&](std::string_view item) {
        // The view points into the encoded buffer.
        CHECK(item.data() >= encoded.data());
        CHECK(item.data() + item.size() <= encoded.data() + encoded.size());
        seen.emplace_back(item);
    });
    CHECK(seen == std::vector<std::string>{"PAK", "CHN", "IND"});
}
