// @brief Tests of indexer/extraction/topic_classifier.hpp: taxonomy parsing, stemmed and
// phrase matching, title weighting, thresholds, ordering and the built-in taxonomy.
#include "extraction/topic_classifier.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "diplosearch/errors.hpp"

using diplosearch::UsageError;
using diplosearch::extraction::TopicClassifier;
using diplosearch::extraction::TopicExtraction;
using diplosearch::extraction::TopicScore;
using Strings = std::vector<std::string>;
using Catch::Matchers::Contains;

namespace {

/// A small taxonomy whose scores are easy to reason about: no length damping below
/// 1000 words, title words count 3 times, every topic with a score of 1 or more passes.
const std::string kSmall =
    "# test taxonomy\n"
    "set\tthreshold\t1\n"
    "set\trelative\t0\n"
    "set\tmax_topics\t3\n"
    "set\ttitle_weight\t3\n"
    "set\tlength_reference\t1000\n"
    "set\tlength_exponent\t0.5\n"
    "\n"
    "topic\ttrade\tTrade and economy\n"
    "topic\twater\tWater\n"
    "topic\tmaritime\tMaritime affairs\n"
    "topic\tclimate\tClimate and environment\n"
    "trade\t2\ttariff\n"
    "trade\t1\tnegotiation\n"
    "water\t1.5\twater\n"
    "water\t1\triver\n"
    "maritime\t2\tterritorial waters\n"
    "maritime\t1\tsea\n"
    "climate\t3\tclimate change\n"
    "climate\t1\tclimate\n";

const TopicScore* find_score(const TopicExtraction& result, const std::string& slug) {
    const auto it = std::find_if(result.scored.begin(), result.scored.end(),
                                 [&](const TopicScore& s) { return s.slug == slug; });
    return it == result.scored.end() ? nullptr : &*it;
}

double score_of(const TopicExtraction& result, const std::string& slug) {
    const auto* s = find_score(result, slug);
    return s ? s->score : 0.0;
}

bool has(const Strings& topics, const std::string& slug) {
    return std::find(topics.begin(), topics.end(), slug) != topics.end();
}

// A paragraph and the topics the built-in taxonomy must and must not give it.
struct ParagraphCase {
    const char* title;
    const char* text;
    Strings expected;   ///< Must all be assigned.
    Strings forbidden;  ///< Must not be assigned.
};

// Classifies @p c with the built-in taxonomy and checks its expected and forbidden topics.
TopicExtraction classify_checked(const ParagraphCase& c) {
    INFO(c.text);
    const auto result = TopicClassifier::builtin().classify(c.title, c.text);
    for (const auto& slug : c.expected) {
        INFO("expected " << slug);
        CHECK(has(result.topics, slug));
    }
    for (const auto& slug : c.forbidden) {
        INFO("forbidden " << slug);
        CHECK_FALSE(has(result.topics, slug));
    }
    return result;
}

}  // namespace

TEST_CASE("topics: a valid taxonomy is parsed into topics, labels and cues", "[topics]") {
    const TopicClassifier classifier(kSmall);
    const auto& topics = classifier.topics();
    REQUIRE(topics.size() == 4);
    CHECK(topics[0].slug == "trade");
    CHECK(topics[0].label == "Trade and economy");
    REQUIRE(topics[0].cues.size() == 2);
    CHECK(topics[0].cues[0].first == "tariff");
    CHECK(topics[0].cues[0].second == 2.0);
    CHECK(topics[0].cues[1].first == "negotiation");
    CHECK(topics[2].cues[0].first == "territorial waters");
    CHECK(topics[3].label == "Climate and environment");
}

TEST_CASE("topics: comments, blank lines, CRLF and spaces around fields are accepted", "[topics]") {
    const TopicClassifier classifier(
        "# comment\r\n"
        "   # indented comment\r\n"
        "\r\n"
        "topic\t trade \tTrade\r\n"
        "trade\t 4 \t tariff \r\n");
    REQUIRE(classifier.topics().size() == 1);
    CHECK(classifier.topics()[0].slug == "trade");
    CHECK(classifier.topics()[0].cues[0].first == "tariff");
    CHECK(classifier.classify("", "New tariffs were imposed.").topics == Strings{"trade"});
}

TEST_CASE("topics: malformed taxonomy data is rejected with its line number", "[topics]") {
    struct Case {
        const char* name;
        std::string tsv;
        std::string expected;  ///< Must appear in the error message.
    };
    const std::string head = "# header\ntopic\ttrade\tTrade\n";  // Lines 1-2.
    const std::vector<Case> cases = {
        {"cue of an undefined topic", head + "water\t1\triver\n", "line 3: unknown topic 'water'"},
        {"cue before its topic", "trade\t1\ttariff\ntopic\ttrade\tTrade\n",
         "line 1: unknown topic 'trade'"},
        {"too few fields", head + "trade\ttariff\n", "line 3: a cue line has 3"},
        {"too many fields", head + "trade\t1\ttariff\textra\n", "line 3: a cue line has 3"},
        {"non-numeric weight", head + "trade\theavy\ttariff\n",
         "line 3: cue weight must be a non-negative number"},
        {"negative weight", head + "\ntrade\t-1\ttariff\n", "line 4: cue weight"},
        {"weight with trailing text", head + "trade\t1x\ttariff\n", "line 3: cue weight"},
        {"empty cue", head + "trade\t1\t...\n", "line 3: empty cue"},
        {"duplicate cue after stemming", head + "trade\t1\ttariff\ntrade\t2\tTariffs\n",
         "line 4: cue 'Tariffs' of topic 'trade' repeats the cue on line 3"},
        {"duplicate topic", head + "topic\ttrade\tCommerce\n",
         "line 3: topic 'trade' is defined twice"},
        {"upper-case slug", "topic\tTrade\tTrade\n", "line 1: invalid topic slug 'Trade'"},
        {"double hyphen in slug", "topic\thuman--rights\tHR\n", "line 1: invalid topic slug"},
        {"reserved slug", "topic\tset\tSettings\n", "line 1: invalid topic slug 'set'"},
        {"empty label", "topic\ttrade\t\n", "line 1: topic 'trade' has an empty label"},
        {"topic line without label", "topic\ttrade\n", "line 1: a topic line has 3"},
        {"unknown setting", head + "set\tcutoff\t2\n", "line 3: unknown setting 'cutoff'"},
        {"setting without a number", head + "set\tthreshold\thigh\n",
         "line 3: setting 'threshold' needs a non-negative number"},
        {"max_topics must be a whole number", head + "set\tmax_topics\t2.5\n",
         "line 3: setting 'max_topics' is out of range"},
        {"relative is a fraction", head + "set\trelative\t1.5\n",
         "line 3: setting 'relative' is out of range"},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        CHECK_THROWS_WITH(TopicClassifier(c.tsv), Contains(c.expected));
        CHECK_THROWS_AS(TopicClassifier(c.tsv), UsageError);
    }
    SECTION("data without any topic") {
        CHECK_THROWS_AS(TopicClassifier("# nothing here\n\n"), UsageError);
        CHECK_THROWS_AS(TopicClassifier(""), UsageError);
    }
}

TEST_CASE("topics: cue words and text words are stemmed alike", "[topics]") {
    const TopicClassifier classifier(kSmall);
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"The government raised tariffs on steel.", "tariff"},
        {"TARIFF rates were cut.", "tariff"},
        {"Negotiations resumed in Geneva.", "negotiation"},
        {"They are negotiating a deal.", "negotiation"},
        {"Both rivers flooded.", "river"},
        {"The climate is changing.", "climate"},
    };
    for (const auto& [text, cue] : cases) {
        INFO(text);
        const auto result = classifier.classify("", text);
        // A named capture: clang before 16 cannot capture a structured binding.
        const auto& evidence = [&, &cue = cue]() -> const Strings& {
            for (const auto& s : result.scored) {
                for (const auto& e : s.evidence) {
                    if (e.rfind(cue, 0) == 0) return s.evidence;
                }
            }
            static const Strings none;
            return none;
        }();
        CHECK_FALSE(evidence.empty());
    }
    // Words that merely start like a cue do not match.
    CHECK(score_of(classifier.classify("", "A rivet and a tarp."), "water") == 0.0);
    CHECK(score_of(classifier.classify("", "A rivet and a tarp."), "trade") == 0.0);
    CHECK(score_of(classifier.classify("", "Riverside park"), "water") == 0.0);
}

TEST_CASE("topics: phrase cues match consecutive words and shield the words inside", "[topics]") {
    const TopicClassifier classifier(kSmall);
    SECTION("a phrase is scored once, not also as its first word") {
        const auto result = classifier.classify("", "Climate change is accelerating.");
        const auto* climate = find_score(result, "climate");
        REQUIRE(climate != nullptr);
        CHECK(climate->evidence == Strings{"climate change\xC3\x97"
                                           "1"});
        CHECK(climate->score == Approx(3.0));
    }
    SECTION("the longest cue wins: territorial waters is maritime, not water") {
        const auto result = classifier.classify("", "Ships entered territorial waters.");
        CHECK(score_of(result, "maritime") == Approx(2.0));
        CHECK(score_of(result, "water") == 0.0);
        const auto plain = classifier.classify("", "The waters of the river.");
        CHECK(score_of(plain, "water") > 0.0);
    }
    SECTION("a phrase does not span a sentence break") {
        const auto result = classifier.classify("", "We discussed the climate. Change came later.");
        CHECK(find_score(result, "climate")->evidence == Strings{"climate\xC3\x97"
                                                                 "1"});
    }
    SECTION("hyphenated and stemmed phrase words still match") {
        const auto result = classifier.classify("", "Climate-changes were noted.");
        CHECK(score_of(result, "climate") == Approx(3.0));
    }
}

TEST_CASE("topics: scores damp repetition and words in the title count more", "[topics]") {
    const TopicClassifier classifier(kSmall);
    const double once = score_of(classifier.classify("", "A tariff."), "trade");
    const double four =
        score_of(classifier.classify("", "Tariff, tariff, tariff and tariff."), "trade");
    CHECK(once == Approx(2.0));
    CHECK(four > once);
    CHECK(four < 4 * once);  // Damped: 2 * (1 + ln 4).
    CHECK(four == Approx(2.0 * (1.0 + std::log(4.0))));

    const double in_title = score_of(classifier.classify("Tariff row", "Officials met."), "trade");
    CHECK(in_title == Approx(2.0 * (1.0 + std::log(3.0))));
    CHECK(in_title > once);
    const auto with_title = classifier.classify("Tariff row", "A tariff.");
    const auto* evidence = find_score(with_title, "trade");
    REQUIRE(evidence != nullptr);
    CHECK(evidence->evidence == Strings{"tariff\xC3\x97"
                                        "2"});
}

TEST_CASE("topics: long texts need more evidence than short ones", "[topics]") {
    const TopicClassifier classifier(kSmall);
    std::string filler;
    for (int i = 0; i < 3000; ++i) filler += "word ";
    const double short_score = score_of(classifier.classify("", "A tariff."), "trade");
    const double long_score = score_of(classifier.classify("", filler + "A tariff."), "trade");
    // 3002 words against a 1000-word reference: divided by sqrt(3.002).
    CHECK(long_score == Approx(short_score / std::sqrt(3.002)).epsilon(0.001));
}

TEST_CASE("topics: threshold, relative cut-off, maximum and ordering", "[topics]") {
    const std::string text =
        "Tariff talks and a negotiation on tariffs. The river. Climate change at sea.";
    SECTION("topics come best first, with every scored topic listed") {
        const TopicClassifier classifier(kSmall);
        const auto result = classifier.classify("", text);
        REQUIRE(result.scored.size() == 4);
        for (std::size_t i = 1; i < result.scored.size(); ++i) {
            CHECK(result.scored[i - 1].score >= result.scored[i].score);
        }
        CHECK(result.scored[0].slug == "trade");  // 2 * (1 + ln 2) + 1 = 4.39
        CHECK(result.scored[1].slug == "climate");
        CHECK(result.topics == Strings{"trade", "climate", "maritime"});  // max_topics 3
    }
    SECTION("the threshold drops weak topics") {
        const TopicClassifier classifier(kSmall + "set\tthreshold\t2.5\n");
        CHECK(classifier.classify("", text).topics == Strings{"trade", "climate"});
    }
    SECTION("the relative cut-off drops topics far behind the best") {
        const TopicClassifier classifier(kSmall + "set\trelative\t0.9\n");
        CHECK(classifier.classify("", text).topics == Strings{"trade"});
    }
    SECTION("max_topics caps the list") {
        const TopicClassifier classifier(kSmall + "set\tmax_topics\t1\n");
        CHECK(classifier.classify("", text).topics == Strings{"trade"});
    }
    SECTION("ties are ordered by slug") {
        const TopicClassifier classifier(
            "set\tthreshold\t0.5\n"
            "topic\tzeta\tZ\ntopic\talpha\tA\ntopic\tmid\tM\n"
            "zeta\t1\tapple\nalpha\t1\tpear\nmid\t1\tplum\n");
        const auto result = classifier.classify("", "plum apple pear");
        CHECK(result.topics == Strings{"alpha", "mid", "zeta"});
    }
    SECTION("no cue, no topic") {
        const TopicClassifier classifier(kSmall);
        const auto result = classifier.classify("", "Nothing relevant is said here.");
        CHECK(result.scored.empty());
        CHECK(result.topics.empty());
        CHECK(classifier.classify("", "").topics.empty());
    }
    SECTION("a zero-weight cue shields words without scoring") {
        const TopicClassifier classifier(kSmall + "water\t0\ttreated water\n");
        CHECK(score_of(classifier.classify("", "The treated water was released."), "water") == 0.0);
    }
}

TEST_CASE("topics: classification is deterministic and thread-safe", "[topics]") {
    const auto& classifier = TopicClassifier::builtin();
    const std::string text =
        "The ministers discussed tariffs, the pipeline, refugees at sea and the nuclear "
        "programme, and called for a ceasefire and humanitarian access.";
    const auto first = classifier.classify("Talks", text);
    const TopicClassifier copy(kSmall);
    for (int i = 0; i < 3; ++i) {
        const auto again = classifier.classify("Talks", text);
        CHECK(again.topics == first.topics);
        REQUIRE(again.scored.size() == first.scored.size());
        for (std::size_t k = 0; k < first.scored.size(); ++k) {
            CHECK(again.scored[k].slug == first.scored[k].slug);
            CHECK(again.scored[k].score == first.scored[k].score);
            CHECK(again.scored[k].evidence == first.scored[k].evidence);
        }
        // Interleaving another classifier does not disturb the per-thread caches.
        CHECK_FALSE(copy.classify("", "tariff").topics.empty());
    }
    std::vector<Strings> from_threads(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < from_threads.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 20; ++i)
                from_threads[t] = classifier.classify("Talks", text).topics;
        });
    }
    for (auto& thread : threads) thread.join();
    for (const auto& topics : from_threads) CHECK(topics == first.topics);
}

TEST_CASE("topics: a moved classifier keeps working", "[topics]") {
    TopicClassifier a(kSmall);
    TopicClassifier b(std::move(a));
    CHECK(b.classify("", "tariffs").topics == Strings{"trade"});
    TopicClassifier c("topic\tx\tX\nx\t1\tzebra\n");
    c = std::move(b);
    CHECK(c.classify("", "tariffs").topics == Strings{"trade"});
}

TEST_CASE("topics: the built-in taxonomy has the required topics with labels and cues",
          "[topics]") {
    const auto& topics = TopicClassifier::builtin().topics();
    CHECK(topics.size() >= 15);
    std::set<std::string> slugs;
    for (const auto& topic : topics) {
        INFO(topic.slug);
        CHECK_FALSE(topic.label.empty());
        CHECK(topic.cues.size() >= 10);
        slugs.insert(topic.slug);
    }
    for (const char* required :
         {"trade", "infrastructure", "security", "counter-terrorism", "territorial-disputes",
          "human-rights", "climate", "energy", "health", "development", "multilateralism",
          "peace-process", "nuclear", "migration", "culture-education", "science-technology",
          "maritime", "water", "humanitarian"}) {
        INFO(required);
        CHECK(slugs.count(required) == 1);
    }
}

TEST_CASE("topics: realistic paragraphs get the expected topics", "[topics]") {
    const std::vector<ParagraphCase> cases = {
        {"Ministers agree to cut tariffs",
         "The trade ministers agreed to eliminate tariffs on most goods and to remove non-tariff "
         "barriers, in a free trade agreement that exporters say will open markets and attract "
         "investment.",
         {"trade"},
         {"nuclear", "health"}},
        {"",
         "The Board called on Iran to suspend uranium enrichment and to give inspectors of the "
         "International Atomic Energy Agency access to its centrifuge halls, in line with its "
         "obligations under the Non-Proliferation Treaty.",
         {"nuclear"},
         {"energy", "trade"}},
        {"",
         "Hundreds of migrants drowned when their boat capsized in the Mediterranean. The "
         "ministers pledged to strengthen search and rescue at sea, to act against smugglers and "
         "to ensure that asylum seekers and refugees are not returned to places of persecution.",
         {"migration", "maritime"},
         {"energy", "nuclear"}},
        {"",
         "Small island states warned that climate change and sea-level rise threaten their "
         "existence, and urged major emitters to cut greenhouse gas emissions in line with the "
         "Paris Agreement and to provide finance for adaptation.",
         {"climate"},
         {"water", "trade"}},
        {"Leaders sign gas pipeline agreement",
         "The pipeline will carry natural gas from the Caspian to Europe, strengthening energy "
         "security, while new power plants and hydropower projects will add electricity to the "
         "grid.",
         {"energy"},
         {"health"}},
        {"",
         "The Ebola outbreak has overwhelmed the health systems of the region. Hospitals lack "
         "beds, health workers are dying, and vaccines and treatment centres are urgently "
         "needed to contain the epidemic.",
         {"health"},
         {"trade", "nuclear"}},
        {"",
         "India and Pakistan disagree over the dams on the western rivers of the Indus basin. "
         "Pakistan fears that upstream storage could reduce the flow of water on which its "
         "irrigation depends, while India says the treaty allows run-of-river hydropower.",
         {"water"},
         {"maritime"}},
        {"",
         "The council condemned the terrorist attack and called on all states to cooperate in "
         "counter-terrorism, to stop the financing of terrorism and to prevent violent extremism "
         "and the travel of foreign fighters.",
         {"counter-terrorism"},
         {"climate"}},
        {"",
         "The parties agreed to a ceasefire and to resume peace talks under the mediation of "
         "the special envoy, while peacekeeping troops will monitor the withdrawal of forces "
         "from the front line.",
         {"peace-process"},
         {"trade", "health"}},
        {"",
         "Coast guard vessels confronted fishing boats near the disputed reef, which lies within "
         "the exclusive economic zone claimed under the Convention on the Law of the Sea; both "
         "sides asserted sovereignty over the islands.",
         {"maritime", "territorial-disputes"},
         {"water"}},
        {"",
         "The earthquake left thousands homeless. Relief agencies are delivering shelter, food "
         "and clean water to survivors, and the United Nations has launched a flash appeal for "
         "humanitarian assistance and reconstruction.",
         {"humanitarian"},
         {"nuclear", "trade"}},
        {"",
         "The new railway, a highway and an expanded port will improve connectivity across the "
         "region and cut transport costs, with further infrastructure financed along the "
         "economic corridor.",
         {"infrastructure"},
         {"health"}},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        const auto result = classify_checked(c);
        CHECK(result.topics.size() <= 4);
        CHECK(result.topics.front() == c.expected.front());
    }
}

TEST_CASE("topics: French and Spanish paragraphs get the expected topics", "[topics][language]") {
    // The first expected topic must come first.
    const std::vector<ParagraphCase> cases = {
        // French.
        {"Les ministres s'accordent sur un accord commercial",
         "Les deux pays réduiront les droits de douane et les tarifs douaniers sur les produits "
         "agricoles, afin de relancer le commerce extérieur et les exportations.",
         {"trade"},
         {"nuclear", "health"}},
        {"",
         "Les petits États insulaires ont rappelé que le changement climatique et le "
         "réchauffement menacent leur existence, et ont demandé de réduire les émissions de gaz à "
         "effet de serre.",
         {"climate"},
         {"trade", "water"}},
        {"",
         "La conférence d'examen du traité de non-prolifération a appelé au désarmement "
         "nucléaire et à l'élimination des armes nucléaires.",
         {"nuclear"},
         {"energy"}},
        {"",
         "Des milliers de réfugiés et de personnes déplacées ont fui les combats; les demandeurs "
         "d'asile attendent à la frontière et les passeurs profitent de la crise migratoire.",
         {"migration"},
         {"trade", "nuclear"}},
        {"",
         "L'épidémie de choléra met à rude épreuve les hôpitaux; le ministère de la santé "
         "lance une campagne de vaccination et de santé publique.",
         {"health"},
         {"trade"}},
        {"",
         "Les parties ont signé un cessez-le-feu et repris les pourparlers de paix sous la "
         "médiation de l'Union africaine, tandis que les casques bleus surveillent le retrait.",
         {"peace-process"},
         {"trade", "health"}},
        // Spanish.
        {"Los ministros firman un acuerdo comercial",
         "Ambos países eliminarán los aranceles sobre la mayoría de los productos y ampliarán el "
         "comercio y las exportaciones en el marco del tratado de libre comercio.",
         {"trade"},
         {"nuclear", "health"}},
        {"",
         "Los pequeños Estados insulares advirtieron que el cambio climático y el calentamiento "
         "global amenazan su existencia y pidieron reducir las emisiones de gases de efecto "
         "invernadero.",
         {"climate"},
         {"trade"}},
        {"",
         "La conferencia pidió el desarme, la no proliferación y la eliminación de las armas "
         "nucleares, y el fin del enriquecimiento de uranio.",
         {"nuclear"},
         {"energy"}},
        {"",
         "Los gobiernos acordaron ordenar los flujos migratorios, proteger a los migrantes y a "
         "los refugiados y respetar el derecho de asilo.",
         {"migration"},
         {"trade", "energy"}},
        {"",
         "El nuevo gasoducto llevará gas natural a la región y la central hidroeléctrica "
         "añadirá electricidad a la red, reforzando la seguridad energética.",
         {"energy"},
         {"health", "security"}},
        {"",
         "El terremoto dejó miles de damnificados; las agencias distribuyen ayuda humanitaria y "
         "el gobierno prepara la reconstrucción.",
         {"humanitarian"},
         {"nuclear", "trade"}},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        const auto result = classify_checked(c);
        REQUIRE_FALSE(result.topics.empty());
        CHECK(result.topics.front() == c.expected.front());
    }
}
