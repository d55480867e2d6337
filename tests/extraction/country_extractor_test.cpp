// @brief Table-driven tests of indexer/extraction/country_extractor.hpp: longest match,
// case and context rules for ambiguous names, hyphenated compounds, demonyms, capitals
// and metonyms, datelines, zones, mention offsets and the salience ranking.
#include "extraction/country_extractor.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

using diplosearch::CountryGazetteer;
using namespace diplosearch::extraction;

namespace {

const CountryExtractor& extractor() {
    static const CountryExtractor instance(CountryGazetteer::builtin());
    return instance;
}

/// The distinct countries mentioned, sorted.
std::vector<std::string> countries_in(const std::string& text, const std::string& title = "") {
    const CountryExtraction x = extractor().extract(title, text);
    std::set<std::string> codes;
    for (const auto& m : x.mentions) codes.insert(m.alpha3);
    return {codes.begin(), codes.end()};
}

/// The matched spans, in order, as "ALPHA3:matched".
std::vector<std::string> spans_in(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& m : extractor().extract("", text).mentions) {
        out.push_back(m.alpha3 + ":" + m.matched);
    }
    return out;
}

struct Case {
    const char* text;
    std::vector<std::string> expected;  // sorted alpha-3 codes
};

void check_table(const std::vector<Case>& table) {
    for (const Case& c : table) {
        INFO("text: " << c.text);
        CHECK(countries_in(c.text) == c.expected);
    }
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("country extractor: longest match wins", "[extraction][country]") {
    SECTION("spans") {
        CHECK(spans_in("The Democratic People's Republic of Korea fired a missile.") ==
              V{"PRK:Democratic People's Republic of Korea"});
        CHECK(spans_in("The Democratic People\u2019s Republic of Korea fired a missile.") ==
              V{"PRK:Democratic People\u2019s Republic of Korea"});
        CHECK(spans_in("Talks with the Republic of Korea resumed.") == V{"KOR:Republic of Korea"});
        CHECK(spans_in("Niger and Nigeria signed a pact.") == V{"NER:Niger", "NGA:Nigeria"});
        CHECK(spans_in("Guinea-Bissau and Guinea agreed.") == V{"GNB:Guinea-Bissau", "GIN:Guinea"});
        CHECK(spans_in("Dominica and the Dominican Republic met.") ==
              V{"DMA:Dominica", "DOM:Dominican Republic"});
        CHECK(spans_in("Papua New Guinea welcomed the decision.") == V{"PNG:Papua New Guinea"});
        CHECK(spans_in("Equatorial Guinea and South Sudan voted.") ==
              V{"GNQ:Equatorial Guinea", "SSD:South Sudan"});
        CHECK(spans_in("The People's Republic of China and the Republic of China.") ==
              V{"CHN:People's Republic of China", "TWN:Republic of China"});
    }
    SECTION("table") {
        check_table({
            {"Troops left the Democratic Republic of the Congo.", {"COD"}},
            {"The Republic of the Congo held elections.", {"COG"}},
            {"Guinea Bissau without a hyphen still matches.", {"GNB"}},
            {"Nigerien and Nigerian officials met.", {"NER", "NGA"}},
            {"A Papua New Guinean delegate spoke.", {"PNG"}},
            {"Saint Kitts and Nevis and St. Lucia attended.", {"KNA", "LCA"}},
            {"The former Yugoslav Republic of Macedonia applied.", {"MKD"}},
            {"The former Soviet Union and the Jamahiriya.", {"LBY", "SUN"}},
        });
    }
}

TEST_CASE("country extractor: names must be capitalised", "[extraction][country]") {
    check_table({
        {"She served the turkey on fine china plates.", {}},
        {"The chad was left hanging; a jersey hung on the wall.", {}},
        {"China and Turkey held talks.", {"CHN", "TUR"}},
        {"CHINA AND TURKEY HOLD TALKS", {"CHN", "TUR"}},
        {"Relations with china are lower-case here and do not count.", {}},
        {"Peru's exports and China's imports grew.", {"CHN", "PER"}},
    });
}

TEST_CASE("country extractor: Georgia the country and the US state", "[extraction][country]") {
    check_table({
        {"Georgia and Armenia signed an accord.", {"ARM", "GEO"}},
        {"The talks in Tbilisi, Georgia, ended today.", {"GEO"}},
        {"He flew to Atlanta, Georgia, for the convention.", {}},
        {"A new law in the state of Georgia took effect.", {}},
        {"The company moved to Savannah, Georgia, USA, last year.", {"USA"}},
        {"The firm is based in Macon, Georgia, United States.", {"USA"}},
        {"Georgia's governor signed the bill.", {}},
        {"The Governor of Georgia spoke.", {}},
        {"The plant is near Georgia, USA.", {"USA"}},
        {"Students at Georgia Tech protested.", {}},
        {"Russia withdrew its troops from Georgia's territory.", {"GEO", "RUS"}},
        {"The summit in Athens, Georgia, was small.", {}},
        {"South Georgia is a British territory.", {"GBR", "SGS"}},
        {"Moldova, Georgia and Ukraine signed.", {"GEO", "MDA", "UKR"}},
        {"Offices in Geneva, New York, Paris, Washington and Kyiv.", {"FRA", "UKR", "USA"}},
        {"Officials from Moscow, Idaho, and Lima, Ohio, met.", {}},
    });
}

TEST_CASE("country extractor: Jordan the country and the person", "[extraction][country]") {
    check_table({
        {"Jordan and Egypt signed a treaty.", {"EGY", "JOR"}},
        {"Both Jordan and Egypt signed a treaty.", {"EGY", "JOR"}},
        {"King Abdullah of Jordan visited Cairo.", {"EGY", "JOR"}},
        {"The fans cheered Michael Jordan all night.", {}},
        {"Mr. Jordan said the vote was fair.", {}},
        {"Dr. Jordan chaired the panel.", {}},
        {"A lecture by Jordan Peterson drew crowds.", {}},
        {"The Jordan River is shallow.", {}},
        {"Refugees in Jordan need support.", {"JOR"}},
    });
}

TEST_CASE("country extractor: Chad the country and the first name", "[extraction][country]") {
    check_table({
        {"Chad and the Sudan share a border.", {"SDN", "TCD"}},
        {"Chad Smith plays the drums.", {}},
        {"We met Chad Johnson yesterday.", {}},
        {"The Chad Government welcomed the mission.", {"TCD"}},
        {"The Lake Chad basin is shrinking.", {}},
        {"In Chad, the harvest failed.", {"TCD"}},
        {"The Republic of Chad voted in favour.", {"TCD"}},
    });
}

TEST_CASE("country extractor: Turkey and turkey, China and china", "[extraction][country]") {
    check_table({
        {"Turkey and Greece discussed Cyprus.", {"CYP", "GRC", "TUR"}},
        {"We had turkey for dinner.", {}},
        {"Turkey dinners are popular in November.", {}},
        {"They served a roast Turkey.", {}},
        {"Turkey's position has not changed.", {"TUR"}},
        {"The Republic of T\u00fcrkiye and T\u00fcrkiye's allies.", {"TUR"}},
        {"The cabinet held fine China and bone China.", {}},
        {"Teacups of china were sold.", {}},
        {"China Plates were sold out.", {}},
        {"China's economy grew.", {"CHN"}},
    });
}

TEST_CASE("country extractor: names never match inside words", "[extraction][country]") {
    check_table({
        {"Somalia and Somaliland.", {"SOM"}},
        {"Mali and the Malian army.", {"MLI"}},
        {"Romania is not Oman; Omani ships docked.", {"OMN", "ROU"}},
        {"Chadian forces and Nigerian troops.", {"NGA", "TCD"}},
        {"The Perugia festival and Cubism are not countries.", {}},
        {"Malians, Somalis and Omanis met.", {}},
    });
}

TEST_CASE("country extractor: hyphenated compounds yield both countries", "[extraction][country]") {
    check_table({
        {"The China-Pakistan Economic Corridor expanded.", {"CHN", "PAK"}},
        {"Sino-Indian border talks resumed.", {"CHN", "IND"}},
        {"Indo-Pakistani relations improved.", {"IND", "PAK"}},
        {"The Franco-German engine is running.", {"DEU", "FRA"}},
        {"Anglo-Irish talks resumed.", {"GBR", "IRL"}},
        {"The Indo-Pacific strategy was published.", {}},
        {"Anglo-Saxon law differs.", {}},
        {"General Franco ruled until 1975.", {}},
        {"The Sino Indian talks (no hyphen) do not use the combining form.", {"IND"}},
        {"Israeli-Palestinian talks resumed.", {"ISR", "PSE"}},
    });
}

TEST_CASE("country extractor: demonyms", "[extraction][country]") {
    SECTION("kinds") {
        const auto x = extractor().extract("", "The Chinese delegation met Brazilian officials.");
        REQUIRE(x.mentions.size() == 2);
        CHECK(x.mentions[0].alpha3 == "CHN");
        CHECK(x.mentions[0].kind == MentionKind::kDemonym);
        CHECK(x.mentions[1].alpha3 == "BRA");
        CHECK(x.mentions[1].kind == MentionKind::kDemonym);
    }
    SECTION("context rules") {
        check_table({
            {"Latin American and South American leaders met.", {}},
            {"The Organization of American States met in Latin America.", {}},
            {"American troops left; America paid.", {"USA"}},
            {"Inter-American and Pan-American bodies.", {}},
            {"Ships crossed the Indian Ocean and the Persian Gulf.", {}},
            {"The Indian Government and the Iranian Government.", {"IND", "IRN"}},
            {"(spoke in French)", {}},
            {"The French-speaking countries met.", {}},
            {"The French Government protested.", {"FRA"}},
            {"Violence in Northern Ireland declined.", {"GBR"}},
            {"Ireland voted yes.", {"IRL"}},
            {"Oil spills in the Niger Delta.", {"NGA"}},
            {"Fishing on the Niger River.", {}},
            {"The Economic Community of Central African States met.", {}},
            {"The Central African Republic voted.", {"CAF"}},
            {"Navies patrol the South China Sea.", {}},
        });
    }
}

TEST_CASE("country extractor: capitals and metonyms", "[extraction][country]") {
    SECTION("metonyms map through the capitals column") {
        const auto x = extractor().extract(
            "", "The Kremlin, Downing Street and the White House reacted; Washington said no.");
        V got;
        for (const auto& m : x.mentions) {
            got.push_back(m.alpha3 + ":" + m.matched);
            CHECK(m.kind == MentionKind::kCapital);
        }
        CHECK(got == V{"RUS:Kremlin", "GBR:Downing Street", "USA:White House", "USA:Washington"});
    }
    SECTION("context rules") {
        check_table({
            {"Ministers met in Nairobi and Islamabad.", {"KEN", "PAK"}},
            {"The Paris Agreement and the Rome Statute entered into force.", {}},
            {"The Doha Round stalled; the Beijing Declaration was adopted.", {}},
            {"Beijing+25 reviewed progress.", {}},
            {"A portrait of George Washington hangs there.", {}},
            {"Washington State voted.", {}},
            {"The rains in Paris, Texas, were heavy.", {}},
            {"Queen Victoria reigned long; Victoria Falls is large.", {}},
            {"Mr. Hamilton and Michael Douglas met Stanley.", {}},
            {"The Gulf of Aden and the Gulf of Guinea are patrolled.", {}},
            {"New Delhi and Delhi are in India.", {"IND"}},
        });
    }
}

TEST_CASE("country extractor: US and us", "[extraction][country]") {
    check_table({
        {"The US and the UK disagreed.", {"GBR", "USA"}},
        {"Let us work together; give us peace.", {}},
        {"Us too.", {}},
        {"LET US ACT NOW!", {}},
        {"U.S. forces withdrew.", {"USA"}},
        {"It was removed from the US\u2019s list.", {"USA"}},
        {"A contribution of $US 500,000 was made.", {}},
        {"US GDP grew.", {"USA"}},
        {"The United States of America and the USA.", {"USA"}},
    });
}

TEST_CASE("country extractor: New Jersey, New Guinea, rivers and lakes", "[extraction][country]") {
    check_table({
        {"Refineries in New Jersey closed.", {}},
        {"Jersey and Guernsey are Crown Dependencies.", {"GGY", "JEY"}},
        {"The island of New Guinea is large.", {}},
        {"A guinea pig and a Guinea pig.", {}},
        {"Piracy in the Gulf of Guinea rose.", {}},
        {"Boats on the Congo River and the Congo Basin forests.", {}},
        {"The Congo voted.", {"COG"}},
        {"Migrants in New Mexico.", {}},
        {"Lake Victoria and Mount Kenya.", {}},
    });
}

TEST_CASE("country extractor: datelines", "[extraction][country]") {
    struct DatelineCase {
        const char* text;
        const char* alpha3;  // expected in the dateline, or "" for none
    };
    const std::vector<DatelineCase> table{
        {"BEIJING: The ministry said talks would resume.", "CHN"},
        {"ISLAMABAD, 12 March (Agency) \u2014 Talks ended.", "PAK"},
        {"\xEF\xBB\xBFNAIROBI \u2014 Rains fell.", "KEN"},
        {"WASHINGTON, D.C., 5 May \u2014 The Senate voted.", "USA"},
        {"VICTORIA, Seychelles \u2014 The island nation voted.", "SYC"},
        {"UNITED NATIONS, New York \u2014 The Council met.", ""},
        {"Beijing: a mixed-case start is not a dateline.", ""},
        {"In BEIJING, the talks ended.", ""},
    };
    for (const auto& c : table) {
        INFO("text: " << c.text);
        const auto x = extractor().extract("", c.text);
        std::string dateline;
        for (const auto& m : x.mentions) {
            if (m.zone == Zone::kDateline) dateline = m.alpha3;
        }
        CHECK(dateline == c.alpha3);
        if (!dateline.empty()) {
            REQUIRE_FALSE(x.ranked.empty());
            CHECK(x.ranked.front().alpha3 == dateline);
            CHECK(x.ranked.front().in_dateline);
        }
    }
    SECTION("UNITED NATIONS dateline: the mixed-case part is in the dateline zone") {
        const auto x =
            extractor().extract("", "UNITED NATIONS, Geneva, Switzerland \u2014 France spoke.");
        REQUIRE(x.mentions.size() == 2);
        CHECK(x.mentions[0].alpha3 == "CHE");
        CHECK(x.mentions[0].zone == Zone::kDateline);
        CHECK(x.mentions[1].alpha3 == "FRA");
        CHECK(x.mentions[1].zone == Zone::kLead);
    }
}

TEST_CASE("country extractor: zones", "[extraction][country]") {
    const std::string text =
        "Ghana and Togo opened the meeting.\n\nLater, Mali spoke. Chile, Peru and Cuba "
        "followed.";
    const auto x = extractor().extract("Kenya hosts talks", text);
    REQUIRE(x.mentions.size() == 7);
    CHECK(x.mentions[0].alpha3 == "KEN");
    CHECK(x.mentions[0].zone == Zone::kTitle);
    CHECK(x.mentions[1].zone == Zone::kLead);
    CHECK(x.mentions[2].zone == Zone::kLead);
    CHECK(x.mentions[3].zone == Zone::kBody);
    CHECK(x.mentions[6].zone == Zone::kBody);

    SECTION("without blank lines the lead is the first 80 words") {
        std::string long_text = "Chile opened.";
        for (int i = 0; i < 100; ++i) long_text += " word";
        long_text += " Peru closed.";
        const auto y = extractor().extract("", long_text);
        REQUIRE(y.mentions.size() == 2);
        CHECK(y.mentions[0].zone == Zone::kLead);
        CHECK(y.mentions[1].zone == Zone::kBody);
    }
}

TEST_CASE("country extractor: mention offsets point at the matched text", "[extraction][country]") {
    const std::string title = "Sino-Indian talks in Beijing";
    const std::string text =
        "\xEF\xBB\xBFNEW DELHI \u2014 India's minister met the Chinese envoy. The Democratic "
        "People\u2019s Republic of Korea, Guinea-Bissau and the U.S. were discussed; "
        "C\u00f4te d\u2019Ivoire too.";
    const auto x = extractor().extract(title, text);
    REQUIRE(x.mentions.size() >= 9);
    for (const auto& m : x.mentions) {
        INFO(m.alpha3 << " " << m.matched);
        const std::string& source = m.zone == Zone::kTitle ? title : text;
        REQUIRE(m.offset + m.matched.size() <= source.size());
        CHECK(source.substr(m.offset, m.matched.size()) == m.matched);
    }
    V got;
    for (const auto& m : x.mentions) got.push_back(m.alpha3 + ":" + m.matched);
    CHECK(got == V{"CHN:Sino", "IND:Indian", "CHN:Beijing", "IND:NEW DELHI", "IND:India",
                   "CHN:Chinese", "PRK:Democratic People\u2019s Republic of Korea",
                   "GNB:Guinea-Bissau", "USA:U.S", "CIV:C\u00f4te d\u2019Ivoire"});
}

TEST_CASE("country extractor: salience", "[extraction][country]") {
    SECTION("a report of bilateral talks puts the two parties first") {
        const std::string title = "China and Pakistan sign trade and security accords";
        const std::string text =
            "ISLAMABAD, 12 March (Agency) \u2014 Chinese and Pakistani ministers signed five "
            "accords on Tuesday, officials said.\n\n"
            "The talks also touched on Afghanistan, where both sides want stability, and on "
            "India. The United States and Russia were briefed. Officials from Iran, Japan and "
            "the United Kingdom attended as observers.\n\n"
            "China will finance a new port. Pakistan will supply labour. Afghanistan was "
            "mentioned again, as was the United States.";
        const auto x = extractor().extract(title, text);
        REQUIRE(x.principal.size() >= 2);
        CHECK(std::set<std::string>{x.principal[0], x.principal[1]} ==
              std::set<std::string>{"CHN", "PAK"});
        REQUIRE(x.ranked.size() >= 2);
        CHECK(x.ranked[0].in_title);
        CHECK(x.ranked[1].in_title);
        // Every mentioned country is ranked; principal is a prefix of ranked.
        CHECK(x.ranked.size() == 9);
        for (std::size_t i = 0; i < x.principal.size(); ++i) {
            CHECK(x.principal[i] == x.ranked[i].alpha3);
        }
        CHECK(x.principal.size() <= 5);
    }
    SECTION("a dateline country ranks high") {
        const std::string text =
            "NAIROBI \u2014 Ministers from Uganda and Tanzania arrived for a regional meeting "
            "on trade. Uganda asked for new roads. Tanzania asked for a railway.";
        const auto x = extractor().extract("", text);
        REQUIRE(x.ranked.size() == 3);
        const auto ken = std::find_if(x.ranked.begin(), x.ranked.end(),
                                      [](const CountrySalience& c) { return c.alpha3 == "KEN"; });
        REQUIRE(ken != x.ranked.end());
        CHECK(ken - x.ranked.begin() <= 1);  // first or second of three
        CHECK(ken->in_dateline);
        CHECK(ken->mentions == 1);
        CHECK(std::find(x.principal.begin(), x.principal.end(), "KEN") != x.principal.end());
    }
    SECTION("a speech names its own state in subject position") {
        const std::string text =
            "I congratulate you, Sir, on your election. The crisis in Syria worries us all. "
            "Syria needs peace; the war in Syria must end.\n\n"
            "Ghana supports the Secretary-General. Ghana believes in multilateralism. My "
            "country, Ghana, will do its part.";
        const auto x = extractor().extract("", text);
        REQUIRE_FALSE(x.ranked.empty());
        CHECK(x.ranked[0].alpha3 == "GHA");
        CHECK(std::find(x.principal.begin(), x.principal.end(), "SYR") != x.principal.end());
    }
    SECTION("names outweigh demonyms and capitals") {
        const auto x = extractor().extract(
            "", "Officials discussed many things.\n\nKenya, Kenya. Ugandan, Ugandan. Lima, Lima.");
        REQUIRE(x.ranked.size() == 3);
        CHECK(x.ranked[0].alpha3 == "KEN");
        CHECK(x.ranked[1].alpha3 == "UGA");
        CHECK(x.ranked[2].alpha3 == "PER");
        CHECK(x.ranked[0].score > x.ranked[1].score);
        CHECK(x.ranked[1].score > x.ranked[2].score);
        CHECK(x.ranked[0].mentions == 2);
    }
    SECTION("a single passing mention is not principal") {
        const auto x = extractor().extract(
            "", "The committee met for the third time.\n\nIt noted the rains in Peru.");
        REQUIRE(x.ranked.size() == 1);
        CHECK(x.principal.empty());
    }
    SECTION("no countries") {
        const auto x = extractor().extract("", "Nothing here but us.");
        CHECK(x.mentions.empty());
        CHECK(x.ranked.empty());
        CHECK(x.principal.empty());
        const auto y = extractor().extract("", "");
        CHECK(y.mentions.empty());
    }
}
