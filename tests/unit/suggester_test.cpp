// @brief Unit tests of searcher/suggester.hpp: completions of partly typed queries
// against a small in-memory database built with the indexer's DocumentBuilder.
#include "suggester.hpp"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "suggestions_json.hpp"
#include "unit_index.hpp"

using namespace diplosearch;
using diplosearch::searcher::read_typed_query;
using diplosearch::searcher::suggest_completions;
using diplosearch::test::make_doc;

namespace {

std::vector<Document> corpus() {
    return {
        make_doc("sc-1", "Security Council reform", "2005", {}, {}, "speech",
                 "The Security Council met. Reform of the Security Council was discussed."),
        make_doc("sc-2", "Security cooperation in the Gulf", "2010", {}, {}, "article",
                 "Security cooperation between states. The council of ministers."),
        make_doc("br-1", "Belt and Road forum", "2017", {}, {}, "article",
                 "The Belt and Road initiative. Security concerns."),
        make_doc("pk-1", "Pakistan's port at Gwadar", "2015", {}, {}, "article",
                 "Pakistan and China. Pakistani officials. Security Council."),
        make_doc("pk-2", "Pakistan and China sign agreements", "2015", {}, {}, "article",
                 "Pakistan signed. Côte d'Ivoire observed. 1945 charter."),
        make_doc("ci-1", "Côte d'Ivoire election", "2010", {}, {}, "article",
                 "Côte d'Ivoire held an election. Council."),
        make_doc("ci-2", "Côte d'Ivoire election", "2011", {}, {}, "article",
                 "A second report of the same election in Côte d'Ivoire."),
    };
}

struct Expected {
    std::string text;
    std::string kind;
    std::string id;
    std::uint64_t documents;
    bool operator==(const Expected&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Expected& e) {
    return out << '{' << e.text << ", " << e.kind << ", " << e.id << ", " << e.documents << '}';
}

struct Fixture {
    Xapian::WritableDatabase db = diplosearch::test::memory_db(corpus());

    std::vector<Expected> suggest(const std::string& typed, std::uint32_t limit = 10) const {
        std::vector<Expected> out;
        for (const auto& s : suggest_completions(db, typed, limit)) {
            out.push_back({s.text, s.kind, s.id, s.documents});
        }
        return out;
    }
};

}  // namespace

TEST_CASE("suggester: the typed query is read as diplo-search parses it", "[unit][suggester]") {
    struct Case {
        std::string typed;
        std::vector<std::string> words;
        std::string partial;
        std::size_t partial_begin;
    };
    const std::vector<Case> cases = {
        {"secu", {}, "secu", 0},
        {"Security Co", {"security"}, "co", 9},
        {"belt and ro", {"belt", "and"}, "ro", 9},
        {"security ", {"security"}, "", 0},
        {"  ", {}, "", 0},
        {"", {}, "", 0},
        {"CÔT", {}, "cot", 0},  // Folded as the indexer folds words.
        {"pakistan pakistan gwa", {"pakistan"}, "gwa", 18},
        {"country:PAK -india AND secu", {}, "secu", 23},
        {"+security co", {"security"}, "co", 10},
        {"\"belt and ro", {"belt", "and"}, "ro", 10},
        {"\"belt and road\"", {"belt", "and", "road"}, "", 0},
        {"nucl* secu", {}, "secu", 6},
        {"children's rig", {"children's"}, "rig", 11},
        {"china-pakis", {"china"}, "pakis", 6},
    };
    for (const auto& c : cases) {
        INFO(c.typed);
        const auto typed = read_typed_query(c.typed);
        CHECK(typed.words == c.words);
        CHECK(typed.partial == c.partial);
        CHECK(typed.partial_begin == c.partial_begin);
    }
}

TEST_CASE("suggester: a single word completes to the most frequent words, then titles",
          "[unit][suggester]") {
    const Fixture f;
    CHECK(f.suggest("secu") == std::vector<Expected>{
                                   {"security", "term", "", 4},
                                   {"Security Council reform", "title", "sc-1", 1},
                                   {"Security cooperation in the Gulf", "title", "sc-2", 1},
                               });
    // Upper case as typed; possessives are no completions of their word.
    CHECK(f.suggest("Pakis") == std::vector<Expected>{
                                    {"pakistan", "term", "", 2},
                                    {"pakistani", "term", "", 1},
                                    {"Pakistan's port at Gwadar", "title", "pk-1", 1},
                                    {"Pakistan and China sign agreements", "title", "pk-2", 1},
                                });
    // Terms are indexed without accents, titles shown as written; copies of one
    // title share a place and are counted. Typed with or without the accent.
    const std::vector<Expected> cote = {
        {"cote", "term", "", 3},
        {"Côte d'Ivoire election", "title", "ci-1", 2},
    };
    CHECK(f.suggest("CÔT") == cote);
    CHECK(f.suggest("cot") == cote);
    CHECK(f.suggest("19") == std::vector<Expected>{{"1945", "term", "", 1}});
    CHECK(f.suggest("gwadar") == std::vector<Expected>{
                                     {"gwadar", "term", "", 1},
                                     {"Pakistan's port at Gwadar", "title", "pk-1", 1},
                                 });
    CHECK(f.suggest("zzz").empty());
}

TEST_CASE("suggester: earlier words rank completions by the documents holding them all",
          "[unit][suggester]") {
    const Fixture f;
    // `council` is in four documents, three with `security`; `cote` is in three,
    // none with `security`, so it is left out.
    CHECK(f.suggest("security co") == std::vector<Expected>{
                                          {"security council", "term", "", 3},
                                          {"security concerns", "term", "", 1},
                                          {"security cooperation", "term", "", 1},
                                          {"Security Council reform", "title", "sc-1", 1},
                                          {"Security cooperation in the Gulf", "title", "sc-2", 1},
                                      });
    CHECK(f.suggest("belt and ro") == std::vector<Expected>{
                                          {"belt and road", "term", "", 1},
                                          {"Belt and Road forum", "title", "br-1", 1},
                                      });
    // Syntax is kept in the text but plays no part in the completion.
    CHECK(f.suggest("+security coop") ==
          std::vector<Expected>{{"+security cooperation", "term", "", 1},
                                {"Security cooperation in the Gulf", "title", "sc-2", 1}});
    CHECK(f.suggest("country:PAK \"belt and ro") ==
          std::vector<Expected>{{"country:PAK \"belt and road", "term", "", 1},
                                {"Belt and Road forum", "title", "br-1", 1}});
    // A finished word completes nothing, but titles still match it.
    CHECK(f.suggest("council ") ==
          std::vector<Expected>{{"Security Council reform", "title", "sc-1", 1}});
    // An earlier word no document has leaves nothing to complete.
    CHECK(f.suggest("zzz co").empty());
}

TEST_CASE("suggester: a completion that continues the typed words as a phrase comes first",
          "[unit][suggester]") {
    // `countries` shares three documents with `security`, `council` only one,
    // but only `council` ever follows `security`.
    const Xapian::WritableDatabase db = diplosearch::test::memory_db({
        make_doc("a", "", "", {}, {}, "", "Many countries spoke about security."),
        make_doc("b", "", "", {}, {}, "", "Countries want security and peace."),
        make_doc("c", "", "", {}, {}, "", "Security matters to countries."),
        make_doc("d", "", "", {}, {}, "", "The Security Council met."),
    });
    const auto suggestions = suggest_completions(db, "security co", 10);
    REQUIRE(suggestions.size() == 2);
    CHECK(suggestions[0].text == "security council");
    CHECK(suggestions[0].documents == 1);
    CHECK(suggestions[1].text == "security countries");
    CHECK(suggestions[1].documents == 3);
}

TEST_CASE("suggester: limits", "[unit][suggester]") {
    const Fixture f;
    CHECK(f.suggest("").empty());
    CHECK(f.suggest("   ").empty());
    CHECK(f.suggest("secu", 0).empty());
    // Titles keep a third of the places, rounded down, and take what terms leave.
    CHECK(f.suggest("secu", 1) == std::vector<Expected>{{"security", "term", "", 4}});
    CHECK(f.suggest("security co", 3) == std::vector<Expected>{
                                             {"security council", "term", "", 3},
                                             {"security concerns", "term", "", 1},
                                             {"Security Council reform", "title", "sc-1", 1},
                                         });

    std::string many;
    for (int i = 0; i < 60; ++i) many += " tok" + std::to_string(100 + i);
    const Xapian::WritableDatabase db = diplosearch::test::memory_db(
        {make_doc("many", "Numbered words", "2020", {}, {}, "note", many)});
    const auto capped = suggest_completions(db, "tok", 1000);
    REQUIRE(capped.size() == 50);
    CHECK(capped.front().text == "tok100");
    CHECK(capped.back().text == "tok149");
}

TEST_CASE("suggester: JSON contract", "[unit][suggester]") {
    const std::vector<Suggestion> suggestions = {
        {"security council", "term", "", 3},
        {"Security Council reform", "title", "sc-1", 1},
    };
    const nlohmann::json expected = R"({
        "format_version": 2,
        "prefix": "security co",
        "suggestions": [
            {"text": "security council", "kind": "term", "id": null, "documents": 3},
            {"text": "Security Council reform", "kind": "title", "id": "sc-1", "documents": 1}
        ]})"_json;
    CHECK(searcher::suggestions_to_json("security co", suggestions) == expected);
}
