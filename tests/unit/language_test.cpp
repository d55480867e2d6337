// @brief Unit tests for language codes, detection, folded-text stemming and the
// non-Latin country name matcher.
#include <catch2/catch.hpp>

#include "extraction/script_name_matcher.hpp"
#include "folded_stemmer.hpp"
#include "language.hpp"
#include "language_detector.hpp"

using namespace diplosearch;

TEST_CASE("language: source values become ISO 639-1 codes", "[unit][language]") {
    const auto [value, code] = GENERATE(table<std::string, std::string>({
        {"fr", "fr"},
        {"FR", "fr"},
        {"fr-CA", "fr"},
        {"zh_Hans", "zh"},
        {"zh-Hant-TW", "zh"},
        {"fra", "fr"},
        {"fre", "fr"},
        {"French", "fr"},
        {"français", "fr"},
        {"Español", "es"},
        {"русский", "ru"},
        {"العربية", "ar"},
        {"中文", "zh"},
        {"nb", "no"},
        {"pl", "pl"},
    }));
    INFO(value);
    CHECK(language::canonical_code(value) == code);
}

TEST_CASE("language: values naming no language are refused", "[unit][language]") {
    for (const char* value : {"", " ", "Klingon", "xyz1", "e", "english please"}) {
        INFO(value);
        CHECK_FALSE(language::canonical_code(value));
    }
}

TEST_CASE("language: every language of the table has the stemmer Xapian names",
          "[unit][language]") {
    for (const auto& info : language::languages()) {
        INFO(info.code);
        if (info.stemmer.empty()) {
            CHECK(language::stemmer_name(info.code) == "english");
        } else {
            CHECK_NOTHROW(Xapian::Stem(std::string(info.stemmer)));
            CHECK(language::stemmer_name(info.code) == info.stemmer);
        }
    }
    CHECK(language::stemmer_name("") == "english");
    CHECK(language::stemmer_name("pl") == "english");
}

TEST_CASE("language: inflected forms share a stem in their own language", "[unit][language]") {
    const auto [code, a, b] = GENERATE(table<std::string, std::string, std::string>({
        {"en", "negotiations", "negotiation"},
        {"fr", "negociations", "negociation"},  // Folded, as the indexer sees them.
        {"es", "negociaciones", "negociacion"},
        {"es", "tecnologias", "tecnologia"},
        {"pt", "negociacoes", "negociacao"},
        {"ru", "переговоры", "переговорах"},
        {"ar", "المفاوضات", "بالمفاوضات"},
        {"de", "verhandlungen", "verhandlung"},
    }));
    INFO(code << ": " << a << " / " << b);
    const Xapian::Stem stemmer = language::folded_text_stemmer(code);
    CHECK(stemmer(a) == stemmer(b));
}

TEST_CASE("language: detection names the six UN languages", "[unit][language]") {
    const auto [code, text] = GENERATE(table<std::string, std::string>({
        {"en", "The ministers agreed to resume trade negotiations next month in Geneva."},
        {"fr", "Les ministres ont convenu de reprendre les négociations commerciales à Genève."},
        {"es", "Los ministros acordaron reanudar las negociaciones comerciales en Ginebra."},
        {"ru", "Министры договорились возобновить торговые переговоры в Женеве."},
        {"ar", "اتفق الوزراء على استئناف المفاوضات التجارية في جنيف الشهر المقبل."},
        {"zh", "部长们同意下个月在日内瓦恢复贸易谈判。"},
    }));
    INFO(text);
    const auto guess = language::detect_language(text);
    CHECK(guess.code == code);
    CHECK(guess.reliable);
    CHECK(language::detect_document_language("", text) == code);
}

TEST_CASE("language: text without letters or with bad bytes is unknown", "[unit][language]") {
    for (const std::string text :
         {std::string(), std::string("12 34 -- !!"), std::string("\xff\xfe\x80 abc", 7)}) {
        const auto guess = language::detect_language(text);
        CHECK(guess.code.empty());
        CHECK_FALSE(guess.reliable);
    }
}

TEST_CASE("language: a bilingual text is given one of its languages", "[unit][language]") {
    const auto guess = language::detect_language(
        "中国和巴基斯坦同意加快瓜达尔港及配套设施建设，并加强农业合作。"
        "China and Pakistan agreed to speed up the construction of Gwadar Port and to "
        "strengthen cooperation in agriculture.");
    CHECK((guess.code == "zh" || guess.code == "en"));
    CHECK(guess.second != guess.code);
}

TEST_CASE("script names: Chinese names are found inside unspaced text", "[unit][language]") {
    using diplosearch::extraction::MentionKind;
    extraction::ScriptNameMatcher matcher;
    CHECK(matcher.add("中国", 1, MentionKind::kName));
    CHECK(matcher.add("巴基斯坦", 2, MentionKind::kName));
    CHECK_FALSE(matcher.add("Pakistan", 2, MentionKind::kName));  // Latin: the tokens' job.
    const std::string text = "中国和巴基斯坦签署了合作备忘录";
    const auto found = matcher.find(text);
    REQUIRE(found.size() == 2);
    CHECK(found[0].country == 1);
    CHECK(text.substr(found[1].offset, found[1].length) == "巴基斯坦");
}

TEST_CASE("script names: Russian names match in every case, Arabic after clitics",
          "[unit][language]") {
    using diplosearch::extraction::MentionKind;
    extraction::ScriptNameMatcher matcher;
    matcher.add("Россия", 1, MentionKind::kName);
    matcher.add("Казахстан", 2, MentionKind::kName);
    matcher.add("السودان", 3, MentionKind::kName);
    const auto count = [&](const std::string& text, std::uint32_t country) {
        std::size_t n = 0;
        for (const auto& m : matcher.find(text)) n += m.country == country ? 1 : 0;
        return n;
    };
    CHECK(count("делегации России и Казахстана", 1) == 1);
    CHECK(count("делегации России и Казахстана", 2) == 1);
    CHECK(count("с Россией и Казахстаном", 1) == 1);
    CHECK(count("Казахстанскую", 2) == 0);  // An adjective: too long an ending.
    CHECK(count("مصر والسودان", 3) == 1);
    CHECK(count("في السودان", 3) == 1);
    CHECK(count("كالسودانيين", 3) == 1);
    CHECK(count("مالسودان", 3) == 0);  // Glued to a word that is not a clitic.
}
