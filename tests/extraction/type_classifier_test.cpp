// @brief Table-driven tests of indexer/extraction/type_classifier.hpp: title cues,
// body cues for each of the eight types, title over body, headlines that only
// report on an instrument, ambiguous and cue-less texts, and the evidence.
#include "extraction/type_classifier.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using diplosearch::extraction::TypeClassifier;
using diplosearch::extraction::TypeExtraction;

namespace {

struct Case {
    std::string title;
    std::string text;
    std::string expected;  // Type slug, or "" for none.
};

TypeExtraction run(const std::string& title, const std::string& text) {
    return TypeClassifier{}.classify(title, text);
}

void check_cases(const std::vector<Case>& cases) {
    for (const auto& c : cases) {
        INFO("title: " << c.title);
        INFO("text: " << c.text);
        const auto r = run(c.title, c.text);
        for (const auto& s : r.scored) {
            std::string evidence;
            for (const auto& e : s.evidence) evidence += e + "; ";
            INFO(s.type << " " << s.score << " [" << evidence << "]");
            CHECK(s.score > 0);  // Only non-zero scores are listed.
        }
        std::string all;
        for (const auto& s : r.scored) all += s.type + "=" + std::to_string(s.score) + " ";
        INFO("scores: " << all);
        CHECK(r.type == c.expected);
    }
}

const std::string kNeutral = "The delegations met and discussed the questions before them.";

}  // namespace

TEST_CASE("title cues decide the type", "[extraction][type]") {
    check_cases({
        {"Joint communiqu\xC3\xA9 of the foreign ministers of Brazil and Argentina", kNeutral,
         "communique"},
        {"Joint Communique on maritime cooperation", kNeutral, "communique"},
        {"Communiqu\xC3\xA9 of the Peace and Security Council", kNeutral, "communique"},
        {"Joint statement on the official visit of the President", kNeutral, "joint-statement"},
        {"Press release: delivery of vaccines", kNeutral, "press-release"},
        {"Statement by the Spokesperson on the situation in the region", kNeutral, "press-release"},
        {"Statement by Liberia at the emergency meeting of the Security Council", kNeutral,
         "speech"},
        {"Statement at the 75th session of the UN General Assembly (2020)", kNeutral, "speech"},
        {"Address by the Prime Minister to the nation", kNeutral, "speech"},
        {"Remarks at the handover of the Arctic Council chairship", kNeutral, "speech"},
        {"Transcript of the weekly press briefing", kNeutral, "transcript"},
        {"Press briefing by the Deputy Press Secretary", kNeutral, "transcript"},
        {"Resolution on saving lives at sea", kNeutral, "resolution"},
        {"Draft resolution on sea-level rise", kNeutral, "resolution"},
        {"Kigali declaration on the launch of the free trade area", kNeutral, "declaration"},
        {"Declaration of the special leaders' meeting", kNeutral, "declaration"},
    });
}

TEST_CASE("body cues: communiques, joint statements, press releases", "[extraction][type]") {
    check_cases({
        {"", "JOINT COMMUNIQU\xC3\x89\n\nThe two foreign ministers met in Brasilia.", "communique"},
        {"", "COMMUNIQU\xC3\x89\n\nThe Peace and Security Council considered the report.",
         "communique"},
        {"",
         "The two ministers issued the following joint statement.\n\nThe two sides reaffirmed "
         "their partnership. Both sides agreed to meet again.",
         "joint-statement"},
        {"", "FOR IMMEDIATE RELEASE\n\nThe Ministry of Foreign Affairs today announced a grant.",
         "press-release"},
        {"", "Press Release No. 241/2013\n\nThe Prime Minister held talks today in Beijing.",
         "press-release"},
        {"",
         "The World Bank Group announced today that it is pausing the process.\n\nThe Bank "
         "takes no view on the questions.\n\nMedia contact: Office of External Affairs",
         "press-release"},
    });
}

TEST_CASE("body cues: speeches", "[extraction][type]") {
    check_cases({
        {"", "Mr. President,\n\nI speak today on behalf of my country.\n\nI thank you.", "speech"},
        {"", "Madam President,\n\nOn 17 July the initiative ended.\n\nThank you.", "speech"},
        {"",
         "Excellencies, distinguished delegates, ladies and gentlemen,\n\nIt is an honour to "
         "be here.",
         "speech"},
        {"",
         "Allow me to congratulate you, Sir, on your election as President of the General "
         "Assembly. My delegation is confident that this session will succeed. I believe we "
         "can act.",
         "speech"},
        {"",
         "Ministers, representatives of the Permanent Participants, friends of the Arctic,\n\n"
         "Two years ago we began.\n\nThank you.",
         "speech"},
    });
}

TEST_CASE("body cues: transcripts with Q/A turns or speaker labels", "[extraction][type]") {
    check_cases({
        {"", "Q: What was agreed?\nA: A framework.\nQ: When will it start?\nA: Next year.",
         "transcript"},
        {"",
         "Question: What was agreed?\n\nAnswer: A framework.\n\nQuestion: When?\n\nAnswer: Soon.",
         "transcript"},
        {"",
         "MODERATOR: Good afternoon.\n\nSENIOR OFFICIAL ONE: Thank you. The agreement was "
         "signed.\n\nQUESTION: What happens next?\n\nSENIOR OFFICIAL TWO: Talks continue.",
         "transcript"},
        {"",
         "SPOKESPERSON: Good evening.\n\nQUESTION: Can you comment?\n\nSPOKESPERSON: No.\n\n"
         "QUESTION: Why?\n\nSPOKESPERSON: It is too early.",
         "transcript"},
    });
}

TEST_CASE("body cues: resolutions and declarations", "[extraction][type]") {
    check_cases({
        {"",
         "The General Assembly,\n\nRecalling the Charter of the United Nations,\n\nReaffirming "
         "its commitment,\n\n1. Decides to act;\n\n2. Calls upon States to cooperate;\n\n3. "
         "Requests a report.",
         "resolution"},
        {"", "Resolution adopted by the General Assembly on 4 January 2026\n\nThe Assembly acts.",
         "resolution"},
        {"",
         "The Board of Governors,\n\nHaving considered the report,\n\nNoting the briefing,\n\n"
         "1. Requests the Director General to report;\n\n2. Remains seized of the question.",
         "resolution"},
        {"",
         "We, the Heads of State and Government of the African Union, meeting in Kigali:\n\n"
         "Hereby declare:\n\n1. That we have signed the Agreement.",
         "declaration"},
        {"",
         "We, the leaders and representatives meeting in Jakarta, declare our resolve to "
         "help the affected countries.",
         "declaration"},
    });
}

TEST_CASE("body cues: news articles", "[extraction][type]") {
    check_cases({
        {"",
         "BEIJING, 6 February (Agency) \xE2\x80\x94 China and Pakistan agreed on Thursday to "
         "set up a mechanism, officials said.",
         "article"},
        {"",
         "BEIJING: China said on Tuesday that it would send aid. Officials said the aid would "
         "arrive soon, according to state media.",
         "article"},
        {"",
         "By our correspondent in Odesa\nODESA, 15 February \xE2\x80\x94 Ports are busy, "
         "officials said. Traders said prices fell, and analysts said more ships would come.",
         "article"},
    });
}

TEST_CASE("title cues weigh more than body cues", "[extraction][type]") {
    const std::string news_body =
        "ROME, 10 March \xE2\x80\x94 The ministers met on Tuesday, officials said.";
    check_cases({
        {"Joint statement of the ministerial meeting on migration", news_body, "joint-statement"},
        {"Press release on the ministerial meeting", news_body, "press-release"},
        {"Resolution on the ministerial meeting", news_body, "resolution"},
        // A headline only reports on the declaration it names.
        {"Egypt, Ethiopia and Sudan sign declaration of principles on Nile dam",
         "KHARTOUM, 23 March (Agency) \xE2\x80\x94 The leaders signed a declaration on Monday, "
         "officials said.",
         "article"},
        {"Leaders adopt resolution on piracy",
         "YAOUND\xC3\x89, 25 June (Agency) \xE2\x80\x94 Leaders agreed on Tuesday to act, "
         "officials said.",
         "article"},
    });
}

TEST_CASE("ambiguous or cue-less texts get no type", "[extraction][type]") {
    check_cases({
        {"", "", ""},
        {"", kNeutral, ""},
        {"Gas supplies restored", "Supplies resumed.", ""},
        // Two strong cues of equal weight: no clear winner.
        {"", "JOINT COMMUNIQU\xC3\x89\n\nFOR IMMEDIATE RELEASE\n\nThe two ministers met.", ""},
        // A single weak cue is below the threshold.
        {"", "A spokesperson said the talks would continue.", ""},
        // News mentioning a joint statement is not one.
        {"",
         "BEIJING, 29 August (Agency) \xE2\x80\x94 The talks ended on Friday without a joint "
         "statement, officials said, according to diplomats.",
         "article"},
    });
}

TEST_CASE("scored lists every type with evidence, best first", "[extraction][type]") {
    const auto r = run("Joint statement on trade",
                       "BEIJING, 10 March (Agency) \xE2\x80\x94 The two sides agreed on Friday "
                       "to expand trade, officials said.\n\nA spokesperson said more talks "
                       "would follow.");
    CHECK(r.type == "joint-statement");
    REQUIRE(r.scored.size() >= 3);
    for (std::size_t i = 1; i < r.scored.size(); ++i) {
        CHECK(r.scored[i - 1].score >= r.scored[i].score);
    }
    for (const auto& s : r.scored) {
        INFO(s.type);
        CHECK_FALSE(s.evidence.empty());
        CHECK(s.score > 0);
    }
    bool title_evidence = false;
    bool press_evidence = false;
    for (const auto& s : r.scored) {
        for (const auto& e : s.evidence) {
            if (s.type == "joint-statement" && e.find("title: Joint statement") == 0) {
                title_evidence = true;
            }
            if (s.type == "press-release" && e == "spokesperson said") press_evidence = true;
        }
    }
    CHECK(title_evidence);
    CHECK(press_evidence);
    for (const auto& s : r.scored) {
        CHECK((s.type == "article" || s.type == "communique" || s.type == "joint-statement" ||
               s.type == "press-release" || s.type == "speech" || s.type == "transcript" ||
               s.type == "resolution" || s.type == "declaration"));
    }
}

TEST_CASE("a page whose text repeats the title is read past the title line", "[extraction][type]") {
    const std::string title = "Philippines protests use of water cannon";
    const std::string text =
        title +
        "\nManila, 7 August 2023\nThe Department of Foreign Affairs has lodged a diplomatic "
        "protest. The Department calls for restraint. The Department will keep resupplying.";
    CHECK(run(title, text).type == "press-release");
}
