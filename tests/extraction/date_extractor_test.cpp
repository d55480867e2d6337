// @brief Table-driven tests of indexer/extraction/date_extractor.hpp: every written
// date form, the document's own date against the dates it cites (history,
// anniversaries, treaty names, deadlines, ranges), datelines without a year,
// titles, no-date texts, and impossible dates.
#include "extraction/date_extractor.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using diplosearch::extraction::DateCandidate;
using diplosearch::extraction::DateExtraction;
using diplosearch::extraction::DateExtractor;

namespace {

struct Case {
    std::string title;
    std::string text;
    std::string expected;  // ISO date, or "" for none.
};

DateExtraction run(const std::string& title, const std::string& text) {
    return DateExtractor{}.extract(title, text);
}

std::string date_of(const std::string& title, const std::string& text) {
    const auto r = run(title, text);
    return r.date ? r.date->iso() : std::string();
}

void check_cases(const std::vector<Case>& cases) {
    for (const auto& c : cases) {
        INFO("title: " << c.title);
        INFO("text: " << c.text);
        const auto r = run(c.title, c.text);
        if (!r.candidates.empty()) {
            INFO("best: " << r.candidates[0].date.iso() << " " << r.candidates[0].rule << " "
                          << r.candidates[0].score);
            CHECK((r.date ? r.date->iso() : std::string()) == c.expected);
        } else {
            CHECK((r.date ? r.date->iso() : std::string()) == c.expected);
        }
    }
}

/// The candidate whose matched text is @p matched, or nullptr.
const DateCandidate* candidate(const DateExtraction& r, const std::string& matched) {
    for (const auto& c : r.candidates) {
        if (c.matched == matched) return &c;
    }
    return nullptr;
}

// A dateline without a year whose lead names the weekday: 12 March was a Monday
// in 2007, 2012, 2018 and 2029.
const std::string kMondayDateline =
    "ISLAMABAD, 12 March (Agency) \xE2\x80\x94 Pakistan and China on Monday signed a trade "
    "accord in the capital.\n\n";

}  // namespace

TEST_CASE("date forms: datelines, ISO, day-month-year, month-day-year, ordinals, weekdays",
          "[extraction][date]") {
    check_cases({
        // Datelines.
        {"", "ISLAMABAD, 4 January 2026 (Agency) \xE2\x80\x94 Talks opened on Sunday.",
         "2026-01-04"},
        {"", "THE HAGUE, 10 December 2019 (Agency) \xE2\x80\x94 Hearings began.", "2019-12-10"},
        {"", "GUBA, Ethiopia, 9 September 2025 (Agency) \xE2\x80\x94 The dam opened.",
         "2025-09-09"},
        {"", "WASHINGTON, December 12, 2016 \xE2\x80\x94 The Bank paused the process.",
         "2016-12-12"},
        {"", "Islamabad, 22 September 2021. The Embassy notes progress.", "2021-09-22"},
        {"", "BEIJING, 6 February 2025: China and Pakistan agreed to act.", "2025-02-06"},
        {"", "Manila, 7 August 2023\nThe Department has lodged a protest.", "2023-08-07"},
        // A date heading the text, or signing it at the end.
        {"", "4 January 2026\n\nThe Council met in closed session.", "2026-01-04"},
        {"",
         "The Council met in closed session and agreed to meet again.\n\nNew Delhi\n1 December "
         "2008\n",
         "2008-12-01"},
        // ISO dates.
        {"", "Date: 2026-01-04\n\nThe ministers met in Rome.", "2026-01-04"},
        {"", "The agreement was signed on 2026-01-04 in Rome.", "2026-01-04"},
        // Written dates with a cue in the opening lines.
        {"", "The meeting was held in Islamabad on 21 November 2017 and reviewed progress.",
         "2017-11-21"},
        {"", "The ministers, meeting in Astana on June 17, 2025, adopted a plan.", "2025-06-17"},
        {"", "Issued on the 4th of January 2026 in Geneva.", "2026-01-04"},
        {"", "Adopted on 1st March 2024 by the Board.", "2024-03-01"},
        {"", "Done at Geneva on 4 January 2026.", "2026-01-04"},
        {"", "The statement is dated 4 Jan. 2026 and was issued by the Ministry.", "2026-01-04"},
        // Weekdays.
        {"", "Monday, 4 January 2026\n\nThe Council met.", "2026-01-04"},
        {"", "GENEVA, Monday, 4 January 2026 \xE2\x80\x94 The Council met.", "2026-01-04"},
        {"", "On Monday, 4 January 2026, the leaders met in Geneva.", "2026-01-04"},
        // Month and year.
        {"", "January 2026\n\nQuarterly review of the partnership.", "2026-01"},
        {"", "Geneva, January 2026\n\nQuarterly review of the partnership.", "2026-01"},
        // Bare years in context.
        {"", "We meet this year, 2026, at a turning point for the region.", "2026"},
        {"", "At the beginning of 2026, the two governments launched a review.", "2026"},
        {"", "The current year (2026) has brought new challenges.", "2026"},
    });
}

TEST_CASE("date forms: the latest full date near the start wins", "[extraction][date]") {
    check_cases({
        {"",
         "We, the leaders meeting in Jakarta on 6 January 2005, following the earthquake and "
         "tsunami of 26 December 2004, declare our resolve.",
         "2005-01-06"},
        {"",
         "The Council, meeting in Geneva on 4 January 2026, recalled the attacks of 11 September "
         "2001.",
         "2026-01-04"},
    });
}

TEST_CASE("titles: a year in brackets, a session of the General Assembly, a full date",
          "[extraction][date]") {
    check_cases({
        {"Statement by Ghana at the 75th session of the UN General Assembly (2020)",
         "Mr. President, I congratulate you.", "2020"},
        {"Communique on the situation in Darfur (2004)", "The Council decides to act.", "2004"},
        {"Statement at the 75th session of the General Assembly", "Mr. President, I thank you.",
         "2020"},
        {"Joint statement of 4 January 2026", "The two sides met.", "2026-01-04"},
        {"Quarterly review, January 2026", "The partnership grew.", "2026-01"},
        // Cited years in a title are not the document's.
        {"India seeks changes to the 1960 Indus Waters Treaty", "Talks continue.", ""},
        {"Council reaffirms resolution 2231 (2015)", "The Council met.", ""},
        {"Relations since 1991", "A review of three decades.", ""},
    });
}

TEST_CASE("General Assembly sessions give the year of the debate", "[extraction][date]") {
    check_cases({
        {"",
         "I congratulate you on your election to the presidency of the forty-fifth session of the "
         "General Assembly.",
         "1990"},
        {"", "It is an honour to address this seventy-fifth session of the General Assembly.",
         "2020"},
        {"", "On behalf of my delegation, I welcome this 79th session of the General Assembly.",
         "2024"},
        // The previous session is thanked, not dated; a later one is the debate's.
        {"",
         "I thank your predecessor, who presided over the forty-fourth session of the General "
         "Assembly. I congratulate you on your election to the presidency of the forty-fifth "
         "session of the General Assembly.",
         "1990"},
        // A session of another body, a special session, a future session.
        {"", "The Human Rights Council at its first session of the General Assembly year met.", ""},
        {"", "The tenth special session of the General Assembly was devoted to disarmament.", ""},
        {"",
         "The General Assembly requests a report at its eighty-second session of the General "
         "Assembly.",
         ""},
    });
}

TEST_CASE("a dateline without a year takes its year only by a stated rule", "[extraction][date]") {
    check_cases({
        // (a) A full date elsewhere with the same day and month.
        {"",
         "HANOI, 30 January \xE2\x80\x94 The President paid an official visit from 29 to 30 "
         "January 2024.",
         "2024-01-30"},
        // (c) A year that passes on its own: the title's.
        {"Talks in Islamabad (2018)", kMondayDateline + "Officials said more talks would follow.",
         "2018-03-12"},
        // (d) The weekday: 12 March 2018 was a Monday, and 2018 is the latest year given.
        {"", kMondayDateline + "Trade between them rose sharply in 2018.", "2018-03-12"},
        // The weekday does not fit the year: no date.
        {"",
         "ISLAMABAD, 12 March (Agency) \xE2\x80\x94 Pakistan and China on Tuesday signed an "
         "accord.\n\nTrade between them rose sharply in 2018.",
         ""},
        // Two years fit the weekday: ambiguous, no date.
        {"", kMondayDateline + "Trade rose in 2007 and fell again in 2018.", ""},
        // No year anywhere: no date.
        {"", kMondayDateline + "Officials said more talks would follow.", ""},
        {"", "MOGADISHU, 6 March \xE2\x80\x94 The first peacekeepers landed on Tuesday.", ""},
    });
}

TEST_CASE("cited years are rejected: history, anniversaries, treaties, deadlines, ranges",
          "[extraction][date]") {
    // Each sentence would date the Monday dateline if its year were taken as the
    // document's (12 March is a Monday in 2018 and 2029).
    struct Trap {
        std::string sentence;
        std::string year;    // The cited year as written.
        std::string reason;  // Part of the rejected candidate's rule.
    };
    const std::vector<Trap> traps = {
        {"Relations have been close since 2018.", "2018", "cited:since"},
        {"The council, established in 2018, met again.", "2018", "history:established"},
        {"The body was founded in 2018 by six states.", "2018", "history:founded"},
        {"It marked the anniversary of the accord of 2018.", "2018", "anniversary"},
        {"Both sides reaffirmed the 2018 Indus Waters Treaty.", "2018", "attributive"},
        {"Both sides reaffirmed the Treaty of 2018.", "2018", "cited:of"},
        {"Both sides praised the 2018 agreement.", "2018", "attributive"},
        {"They aim to double trade by 2029.", "2029", "cited:by"},
        {"They aim to double trade by the end of 2029.", "2029", "future:by"},
        {"The railway will be finished in 2029.", "2029", "future:will"},
        {"Trade grew over the period 2018-2029.", "2018", "range"},
        {"Trade grew over the period 2018\xE2\x80\x93"
         "2029.",
         "2029", "range"},
        {"Trade grew from 2018 to 2029.", "2018", "cited:from"},
        {"Trade grew between 2018 and 2029.", "2029", "range"},
        {"Ten years ago, in 2018, the talks began.", "2018", "history:ago"},
        {"Both sides support Agenda 2029 for the region.", "2029", "name"},
        {"The Council recalled resolution 2231 (2018).", "2018", "parenthetical"},
        {"The pipeline, whose construction began in 2018, is late.", "2018", "history:began"},
        {"The treaty was signed in 2018 in Beijing.", "2018", "history:signed"},
    };
    for (const auto& t : traps) {
        const std::string text = kMondayDateline + t.sentence;
        INFO(text);
        const auto r = run("", text);
        CHECK_FALSE(r.date.has_value());
        const auto* c = candidate(r, t.year);
        REQUIRE(c != nullptr);
        CHECK(c->score <= 0);
        CHECK_THAT(c->rule, Catch::Matchers::Contains(t.reason));
    }
    // Numbers that are quantities are not years at all.
    const auto r = run("", kMondayDateline + "More than 2018 troops were deployed.");
    CHECK_FALSE(r.date.has_value());
    CHECK(candidate(r, "2018") == nullptr);
}

TEST_CASE("cited full dates lose to the document's own", "[extraction][date]") {
    check_cases({
        {"", "Since 1 January 2020 the rules have applied to all members.", ""},
        {"", "The parties will act by 31 December 2030 at the latest.", ""},
        {"", "The rules apply from 1 January 2025 to all members.", ""},
        {"",
         "GENEVA, 4 January 2026 \xE2\x80\x94 The ministers recalled the treaty signed on 5 May "
         "1999 and the summit of 3 March 2015.",
         "2026-01-04"},
        {"",
         "The Council met on 4 January 2026 in Geneva.\n\nIt recalled that the attacks of 11 "
         "September 2001 had changed the world.",
         "2026-01-04"},
        // A date at the start without a cue ("met on", "issued on", a dateline) is
        // not enough: speeches open with the dates they commemorate.
        {"", "The Council on 4 January 2026 adopted a text.", ""},
        {"", "On 11 September 2001 the world changed.", ""},
    });
}

TEST_CASE("texts without a date of their own get none", "[extraction][date]") {
    check_cases({
        {"", "", ""},
        {"", "The ministers met on Tuesday and agreed to meet again.", ""},
        {"", "India and Pakistan became independent in 1947.", ""},
        {"", "In 2026 the ministers met in Rome.", ""},  // "in 2026" alone is too weak.
        {"", "More than 2000 troops and 1,800 police officers were deployed.", ""},
        {"", "The convoy travelled 1999 kilometres.", ""},
        {"", "The meeting on 12 March reviewed progress.", ""},
        {"", "Growth reached 3.2015 per cent.", ""},
        {"", "Relations have been strained since 1960 and since 1971.", ""},
    });
}

TEST_CASE("impossible dates and leap days", "[extraction][date]") {
    check_cases({
        {"", "GENEVA, 29 February 2024 \xE2\x80\x94 The Council met.", "2024-02-29"},
        {"", "GENEVA, 29 February 2000 \xE2\x80\x94 The Council met.", "2000-02-29"},
        {"", "GENEVA, 29 February 2023 \xE2\x80\x94 The Council met.", ""},
        {"", "GENEVA, 29 February 1900 \xE2\x80\x94 The Council met.", ""},
        {"", "GENEVA, 30 February 2024 \xE2\x80\x94 The Council met.", ""},
        {"", "GENEVA, 31 April 2026 \xE2\x80\x94 The Council met.", ""},
        {"", "GENEVA, 32 January 2026 \xE2\x80\x94 The Council met.", ""},
        {"", "Date: 2026-02-30\n\nThe Council met.", ""},
        {"", "Date: 2026-13-01\n\nThe Council met.", ""},
        {"", "Date: 2024-02-29\n\nThe Council met.", "2024-02-29"},
        {"", "February 29, 2023\n\nThe Council met.", ""},
    });
}

TEST_CASE("candidates: best first, with rules, scores and offsets into the text",
          "[extraction][date]") {
    const std::string text =
        "\xEF\xBB\xBFGENEVA, 4 January 2026 (Agency) \xE2\x80\x94 The ministers recalled the "
        "treaty of 1960, signed in 1960, and set targets for 2030 and this year, 2026.";
    const auto r = run("Ministers meet in Geneva (2026)", text);
    REQUIRE(r.date.has_value());
    CHECK(r.date->iso() == "2026-01-04");
    REQUIRE(r.candidates.size() >= 4);
    for (std::size_t i = 1; i < r.candidates.size(); ++i) {
        CHECK(r.candidates[i - 1].score >= r.candidates[i].score);
    }
    CHECK_THAT(r.candidates[0].rule, Catch::Matchers::Contains("dateline"));
    for (const auto& c : r.candidates) {
        INFO(c.matched << " " << c.rule);
        CHECK_FALSE(c.rule.empty());
        if (c.rule.rfind("title", 0) == 0) continue;  // Title candidates: offset 0.
        REQUIRE(c.offset + c.matched.size() <= text.size());
        CHECK(text.substr(c.offset, c.matched.size()) == c.matched);
    }
    const auto* title_year = candidate(r, "2026");
    REQUIRE(title_year != nullptr);
    CHECK(title_year->score > 0);
    bool saw_title = false;
    for (const auto& c : r.candidates) {
        if (c.rule.rfind("title-", 0) == 0) saw_title = true;
    }
    CHECK(saw_title);
}

TEST_CASE("no candidate above the threshold leaves the date empty but explains",
          "[extraction][date]") {
    const auto r = run("", "In 2026 the ministers met in Rome to discuss trade.");
    CHECK_FALSE(r.date.has_value());
    REQUIRE_FALSE(r.candidates.empty());
    CHECK(r.candidates[0].date.year == 2026);
    CHECK(r.candidates[0].score > 0);
    CHECK(r.candidates[0].score < 5);
}

TEST_CASE("long texts are scanned at both ends", "[extraction][date]") {
    std::string text = "GENEVA, 4 January 2026 \xE2\x80\x94 The Council met.\n\n";
    for (int i = 0; i < 2000; ++i) text += "The delegates discussed many questions at length. ";
    CHECK(date_of("", text) == "2026-01-04");
    std::string signed_at_end = "The Council met.\n\n";
    for (int i = 0; i < 2000; ++i) signed_at_end += "The delegates discussed many questions. ";
    signed_at_end += "\n\nNew Delhi\n1 December 2008\n";
    CHECK(date_of("", signed_at_end) == "2008-12-01");
}
