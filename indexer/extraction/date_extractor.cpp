/// @file
/// @brief Rule-based extraction of a document's own date.
///
/// The text is tokenised (text_tokens.hpp) and scanned left to right for date
/// forms: ISO `2026-01-04`, `4 January 2026`, `4th of January 2026`,
/// `January 4, 2026`, an optional weekday before any of them (`Monday, 4 January
/// 2026`), `January 2026`, bare years, day-month without a year (`12 March`), and
/// "Nth session of the General Assembly" (regular session N opens in 1945 + N).
/// Every match becomes a candidate whose score adds up its form, where it stands
/// and the words around it; a candidate that reads as a citation rather than the
/// document's own date is rejected (score -1) with the reason in its rule.
///
/// Scores (the date is set only when the best reaches kThreshold = 5):
/// - full date: 3; in a dateline (`CITY, 4 January 2026 (Agency) —` in the first
///   three lines) +6; alone on a line near the top or at the very end (a header or
///   a signature such as `New Delhi\n1 December 2008`, but not a wrapped line that
///   carries on the sentence above) +4; otherwise in the first 400 bytes +1.5 or
///   the first 1,500 bytes +1. Within those first 1,500 bytes (or in a header), a
///   cue before it: "issued on", "adopted on the", "signed on", "dated", "Date:",
///   "done at Geneva on" +3 when the cue opens the sentence or follows
///   was/is/been/hereby, else +1.5; "held/met/meeting/convened ... on" +1.5. A
///   weekday before it +0.5; the latest of two or more full dates in the first 400
///   bytes +0.5; "<noun> of 26 December 2004" (an event it cites) -2. So a lone
///   date at the start needs a cue: speeches open with the dates they recall.
/// - month and year: 2; in a dateline or alone on a line +5; first 400 bytes
///   +1.5, first 1,500 bytes +0.5; "in" +0.5, "so far/now/today in" +3.
/// - bare year: 1; "this year, 2026" / "the current year (2026)" +5; "at the
///   beginning/start/outset/end/close/middle of", "in early/mid/late" +2.5; "so
///   far/now/today in" +3; plain "in"/"during" +0.5; first 400 bytes +1.5, first
///   1,500 bytes +0.5. "in 2026" alone therefore never decides (3 at most).
/// - title: "(2015)" 8, a full date 8, month and year 7, GA session 7, another
///   year 5.5 unless a citation (title candidates have offset 0 and rules
///   starting "title-").
/// - GA session: 2; "this/present/current" just before the ordinal +4; "election"
///   within 20 words before it in the sentence +3; the highest session the text
///   names (past sessions it thanks included) +1, any lower one -1.5. Sessions
///   named with "predecessor/previous/last/thank/tribute ..." are past, with
///   "next/will/candidacy/requests ..." future: both rejected.
/// - agreement: +0.5 for each candidate of another kind (full date, month-year,
///   year, session, title) with the same year and a score >= 3, at most +1.
/// - later year: a full date or month-year in running text whose year is before
///   another candidate's (score >= 2, not a bare year) -3: a text is not older
///   than the dates it gives.
///
/// Rejected as citations (years and month-years; full dates where it applies):
/// "since/until/before/after/by/from/through 1960", "between 2015 and 2020",
/// "up to 2030", "by the end of 2030", ranges (`2015-2020`, `2015–2020`,
/// `2015/16`, `2010 to 2012`), "ago" or "anniversary" in the sentence, a past
/// event just before ("established/founded/began ... 1951"; for years also
/// "signed/adopted/held/concluded in 1960"), a future marker earlier in the
/// sentence ("will", "shall", "next", "expected", "target", "by", ...),
/// attributive years ("the 1960 Indus Waters Treaty", "its 2015 agreement", "2015
/// nuclear agreement"), labels ("Agenda 2063"), "Treaty of 1960", parenthesised
/// years in the body (`resolution 242 (1967)`, but not "this year (2026)"), and
/// numbers that are quantities ("2000 troops", "more than 2000").
///
/// A dateline with a day and month but no year (`ISLAMABAD, 12 March (Agency) —`)
/// gets its year only from: (a) a full date elsewhere with the same day and month
/// (the dateline then adds +3 to it); (b) a month-year with the same month scoring
/// at least 3 (its score + 3); (c) a year candidate that passes the threshold on
/// its own, other than a GA session (its score + 0.5); or (d) the weekday the
/// dateline's paragraph gives ("on Tuesday"): when exactly one non-rejected year
/// in the text puts that day and month on that weekday, and it is also the latest
/// such year, the dateline with that year scores 6. Otherwise the text gets no
/// date from it.
///
/// Long texts (over 16 KB) are scanned in their first 12 KB and last 2 KB only.
#include "date_extractor.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <set>

#include "text_tokens.hpp"

namespace diplosearch::extraction {

namespace {

constexpr double kThreshold = 5.0;
constexpr double kRejected = -1.0;
constexpr std::size_t kWholeLimit = 16000;
constexpr std::size_t kHeadBytes = 12000;
constexpr std::size_t kTailBytes = 2000;
constexpr std::size_t kLeadBytes = 400;
constexpr std::size_t kNearBytes = 1500;
constexpr std::size_t kSignatureBytes = 400;
constexpr int kMinYear = 1800;
constexpr int kMaxYear = 2099;

// ---------------------------------------------------------------- word lists

bool one_of(std::string_view word, std::initializer_list<std::string_view> list) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

int month_number(std::string_view w) {
    static constexpr std::array<std::string_view, 12> kFull = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    for (std::size_t i = 0; i < kFull.size(); ++i) {
        if (w == kFull[i]) return static_cast<int>(i) + 1;
    }
    static constexpr std::array<std::pair<std::string_view, int>, 12> kShort = {{{"jan", 1},
                                                                                 {"feb", 2},
                                                                                 {"mar", 3},
                                                                                 {"apr", 4},
                                                                                 {"jun", 6},
                                                                                 {"jul", 7},
                                                                                 {"aug", 8},
                                                                                 {"sep", 9},
                                                                                 {"sept", 9},
                                                                                 {"oct", 10},
                                                                                 {"nov", 11},
                                                                                 {"dec", 12}}};
    for (const auto& [name, number] : kShort) {
        if (w == name) return number;
    }
    return 0;
}

/// 0 = Monday ... 6 = Sunday, or -1.
int weekday_number(std::string_view w) {
    static constexpr std::array<std::string_view, 7> kDays = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    for (std::size_t i = 0; i < kDays.size(); ++i) {
        if (w == kDays[i]) return static_cast<int>(i);
    }
    return -1;
}

bool is_leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
    constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && (y == 0 || is_leap(y))) return 29;  // y == 0: year unknown.
    return kDays[static_cast<std::size_t>(m - 1)];
}

/// Day of the week of a (proleptic Gregorian) date: 0 = Monday.
int weekday_of(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const long days = era * 146097 + doe - 719468;  // Since 1970-01-01, a Thursday.
    return static_cast<int>(((days + 3) % 7 + 7) % 7);
}

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

/// "4", "04", "4th", "1st", "22nd", "3rd" -> the day; 0 otherwise.
int day_value(std::string_view folded) {
    std::string_view digits = folded;
    if (folded.size() >= 3 && !all_digits(folded)) {
        const auto suffix = folded.substr(folded.size() - 2);
        if (!one_of(suffix, {"st", "nd", "rd", "th"})) return 0;
        digits = folded.substr(0, folded.size() - 2);
    }
    if (digits.empty() || digits.size() > 2 || !all_digits(digits)) return 0;
    const int d = to_int(digits);
    return d >= 1 && d <= 31 ? d : 0;
}

int year_value(std::string_view s) {
    return s.size() == 4 && all_digits(s) ? to_int(s) : 0;
}

/// Ordinal numbers as words or "45th", for GA sessions: 1..99, or 0.
int ordinal_unit(std::string_view w) {
    static constexpr std::array<std::string_view, 19> kOrd = {
        "first",     "second",      "third",      "fourth",     "fifth",
        "sixth",     "seventh",     "eighth",     "ninth",      "tenth",
        "eleventh",  "twelfth",     "thirteenth", "fourteenth", "fifteenth",
        "sixteenth", "seventeenth", "eighteenth", "nineteenth"};
    for (std::size_t i = 0; i < kOrd.size(); ++i) {
        if (w == kOrd[i]) return static_cast<int>(i) + 1;
    }
    return 0;
}

int tens_value(std::string_view w, bool ordinal) {
    static constexpr std::array<std::string_view, 8> kCard = {
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    static constexpr std::array<std::string_view, 8> kOrd = {"twentieth", "thirtieth", "fortieth",
                                                             "fiftieth",  "sixtieth",  "seventieth",
                                                             "eightieth", "ninetieth"};
    const auto& list = ordinal ? kOrd : kCard;
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (w == list[i]) return (static_cast<int>(i) + 2) * 10;
    }
    return 0;
}

/// Words that make a following year an event's name rather than a date.
bool is_instrument_noun(std::string_view w) {
    return one_of(
        w, {"treaty",     "treaties",     "agreement",   "agreements", "accord",     "accords",
            "deal",       "convention",   "declaration", "protocol",   "act",        "law",
            "charter",    "constitution", "resolution",  "award",      "ruling",     "decision",
            "memorandum", "plan",         "agenda",      "framework",  "war",        "crisis",
            "earthquake", "tsunami",      "floods",      "flood",      "attacks",    "attack",
            "coup",       "census",       "elections",   "election",   "referendum", "ceasefire",
            "principles", "code",         "pact",        "compact",    "summit",     "conference",
            "roadmap",    "understanding"});
}

/// Past events: "established in 1951", "signed in 1960", "ten years ago".
bool is_history_word(std::string_view w) {
    return one_of(
        w, {"established", "founded",  "created",       "formed",    "born",      "independence",
            "began",       "begun",    "started",       "launched",  "built",     "ratified",
            "joined",      "admitted", "withdrew",      "withdrawn", "gained",    "occurred",
            "happened",    "ended",    "inaugurated",   "erupted",   "collapsed", "died",
            "invaded",     "ago",      "anniversary",   "dating",    "dates",     "birth",
            "creation",    "founding", "establishment", "signing",   "adoption"});
}

/// Verbs that, before "in 1960", mark a cited event (but cue a full date: "signed on").
bool is_event_verb(std::string_view w) {
    return one_of(w, {"signed",  "concluded",  "adopted",    "agreed", "reached", "entered",
                      "enacted", "introduced", "proclaimed", "held",   "filed",   "issued",
                      "passed",  "approved",   "took",       "opened", "hosted",  "convened",
                      "set",     "won",        "lost",       "elected"});
}

bool is_future_word(std::string_view w) {
    return one_of(
        w, {"will",      "shall",    "next",     "upcoming", "forthcoming", "expected",  "due",
            "scheduled", "planned",  "plans",    "plan",     "target",      "targets",   "goal",
            "goals",     "deadline", "aim",      "aims",     "envisaged",   "projected", "hope",
            "hopes",     "intend",   "intends",  "hold",     "convene",     "host",      "ll",
            "would",     "until",    "requests", "expects",  "vision",      "aspire",    "strive",
            "commit",    "commits",  "pledge",   "pledged"});
}

bool is_unit_word(std::string_view w) {
    return one_of(
        w, {"people",     "persons",    "troops",       "soldiers", "km",        "kilometres",
            "kilometers", "miles",      "tonnes",       "tons",     "dollars",   "usd",
            "euros",      "megawatts",  "mw",           "metres",   "meters",    "hectares",
            "barrels",    "cubic",      "square",       "refugees", "migrants",  "children",
            "families",   "villages",   "homes",        "members",  "delegates", "cases",
            "deaths",     "households", "lives",        "years",    "days",      "hours",
            "times",      "units",      "feet",         "per",      "percent",   "million",
            "billion",    "students",   "workers",      "women",    "men",       "ships",
            "vessels",    "houses",     "schools",      "projects", "staff",     "personnel",
            "casualties", "victims",    "participants", "words",    "pages",     "votes"});
}

// ---------------------------------------------------------------- scanning

enum class Form { Iso, DayMonthYear, MonthDayYear, MonthYear, Year, DayMonth, MonthDay, Session };

const char* form_name(Form f) {
    switch (f) {
        case Form::Iso:
            return "iso";
        case Form::DayMonthYear:
            return "day-month-year";
        case Form::MonthDayYear:
            return "month-day-year";
        case Form::MonthYear:
            return "month-year";
        case Form::Year:
            return "year";
        case Form::DayMonth:
            return "day-month";
        case Form::MonthDay:
            return "month-day";
        case Form::Session:
            return "ga-session";
    }
    return "";
}

bool is_full(Form f) {
    return f == Form::Iso || f == Form::DayMonthYear || f == Form::MonthDayYear;
}

struct Match {
    Form form = Form::Year;
    int y = 0, m = 0, d = 0;
    std::size_t first = 0, last = 0;  // Token indices, inclusive.
    int weekday = -1;                 // Written weekday before the date.
};

struct Scored {
    DateCandidate candidate;
    Form form = Form::Year;
    std::size_t token = 0;
    bool title = false;
};

/// The tokens of one text (title or body) and helpers over them.
class Scanner {
  public:
    Scanner(std::string_view text, bool is_title) : m_text(text), m_title(is_title) {
        // Skip a byte order mark and leading space for position measures.
        std::size_t start = 0;
        if (m_text.substr(0, 3) == "\xEF\xBB\xBF") start = 3;
        while (start < m_text.size() && (m_text[start] == ' ' || m_text[start] == '\n' ||
                                         m_text[start] == '\r' || m_text[start] == '\t')) {
            ++start;
        }
        m_content_start = start;
        if (m_text.size() <= kWholeLimit || is_title) {
            m_tokens = tokenise(m_text);
        } else {
            std::size_t head = kHeadBytes;
            while (head > 0 && m_text[head] != ' ' && m_text[head] != '\n') --head;
            std::size_t tail = m_text.size() - kTailBytes;
            while (tail < m_text.size() && m_text[tail] != ' ' && m_text[tail] != '\n') ++tail;
            m_tokens = tokenise(m_text.substr(0, head));
            auto rest = tokenise(m_text.substr(tail));
            const std::uint32_t para = m_tokens.empty() ? 0 : m_tokens.back().paragraph + 1;
            for (std::size_t i = 0; i < rest.size(); ++i) {
                rest[i].offset += tail;
                rest[i].paragraph += para;
                if (i == 0) rest[i].sentence_start = true;
                m_tokens.push_back(std::move(rest[i]));
            }
        }
        for (std::size_t i = 0; i + 1 < m_tokens.size(); ++i) {
            if (m_tokens[i].folded == "general" && m_tokens[i + 1].folded == "assembly") {
                m_mentions_ga = true;
                break;
            }
        }
    }

    const std::vector<Token>& tokens() const { return m_tokens; }
    std::size_t size() const { return m_tokens.size(); }
    const Token& tok(std::size_t i) const { return m_tokens[i]; }
    std::string_view text() const { return m_text; }
    bool is_title() const { return m_title; }
    bool mentions_ga() const { return m_mentions_ga; }
    void set_mentions_ga() { m_mentions_ga = true; }

    std::size_t end_of(std::size_t i) const { return m_tokens[i].offset + m_tokens[i].text.size(); }

    /// Bytes between tokens i and j (i < j).
    std::string_view gap(std::size_t i, std::size_t j) const {
        return m_text.substr(end_of(i), m_tokens[j].offset - end_of(i));
    }

    /// A gap inside a written date: spaces, at most one line break, and optionally
    /// one comma or one period.
    bool date_gap(std::size_t i, std::size_t j, bool comma, bool period = false) const {
        const auto g = gap(i, j);
        if (g.empty() || g.size() > 6) return false;
        int commas = 0, periods = 0, newlines = 0;
        for (std::size_t k = 0; k < g.size(); ++k) {
            const char c = g[k];
            if (c == ' ' || c == '\t' || c == '\r') continue;
            if (c == '\n') {
                ++newlines;
            } else if (c == ',') {
                ++commas;
            } else if (c == '.') {
                ++periods;
            } else if (c == '\xC2' && k + 1 < g.size() && g[k + 1] == '\xA0') {
                ++k;  // No-break space.
            } else {
                return false;
            }
        }
        return newlines <= 1 && commas <= (comma ? 1 : 0) && periods <= (period ? 1 : 0);
    }

    /// Position from the start of the content (after BOM and blank space).
    std::size_t rel(std::size_t offset) const {
        return offset > m_content_start ? offset - m_content_start : 0;
    }

    std::size_t line_start(std::size_t offset) const {
        if (offset == 0) return 0;
        const auto nl = m_text.rfind('\n', offset - 1);
        return nl == std::string_view::npos ? 0 : nl + 1;
    }
    std::size_t line_end(std::size_t offset) const {
        const auto nl = m_text.find('\n', offset);
        return nl == std::string_view::npos ? m_text.size() : nl;
    }

    /// Number of non-blank lines before the line holding @p offset.
    int line_index(std::size_t offset) const {
        int lines = 0;
        std::size_t pos = m_content_start;
        const std::size_t stop = line_start(offset);
        while (pos < stop) {
            const std::size_t end = line_end(pos);
            bool blank = true;
            for (std::size_t k = pos; k < end; ++k) {
                if (m_text[k] != ' ' && m_text[k] != '\t' && m_text[k] != '\r') blank = false;
            }
            if (!blank) ++lines;
            pos = end + 1;
        }
        return lines;
    }

    /// The tokens before @p i in the same sentence and paragraph, nearest first.
    std::vector<std::size_t> before(std::size_t i, std::size_t limit) const {
        std::vector<std::size_t> out;
        std::size_t j = i;
        while (j > 0 && out.size() < limit && !m_tokens[j].sentence_start &&
               m_tokens[j - 1].paragraph == m_tokens[i].paragraph) {
            --j;
            out.push_back(j);
        }
        return out;
    }

    /// The tokens after @p i in the same sentence and paragraph.
    std::vector<std::size_t> after(std::size_t i, std::size_t limit) const {
        std::vector<std::size_t> out;
        for (std::size_t j = i + 1; j < m_tokens.size() && out.size() < limit; ++j) {
            if (m_tokens[j].sentence_start || m_tokens[j].paragraph != m_tokens[i].paragraph) {
                break;
            }
            out.push_back(j);
        }
        return out;
    }

    /// The token before @p i in the same paragraph, ignoring sentence breaks.
    std::optional<std::size_t> prev(std::size_t i) const {
        if (i == 0 || m_tokens[i - 1].paragraph != m_tokens[i].paragraph) return std::nullopt;
        return i - 1;
    }

    // ---- date forms

    std::optional<Match> match_at(std::size_t i) const {
        const int wd = m_tokens[i].capitalised ? weekday_number(m_tokens[i].folded) : -1;
        if (wd >= 0 && i + 1 < size() && date_gap(i, i + 1, true)) {
            if (auto m = match_plain(i + 1); m && m->form != Form::MonthYear) {
                m->first = i;
                m->weekday = wd;
                return m;
            }
        }
        return match_plain(i);
    }

    std::optional<Match> match_plain(std::size_t i) const {
        if (auto m = match_iso(i)) return m;
        if (auto m = match_day_first(i)) return m;
        if (auto m = match_month_first(i)) return m;
        return std::nullopt;
    }

    std::optional<Match> match_iso(std::size_t i) const {
        if (i + 2 >= size() || !year_value(m_tokens[i].text)) return std::nullopt;
        const auto& mo = m_tokens[i + 1];
        const auto& da = m_tokens[i + 2];
        if (mo.text.size() != 2 || da.text.size() != 2 || !all_digits(mo.text) ||
            !all_digits(da.text) || gap(i, i + 1) != "-" || gap(i + 1, i + 2) != "-") {
            return std::nullopt;
        }
        const auto parsed = PartialDate::parse(
            m_text.substr(m_tokens[i].offset, end_of(i + 2) - m_tokens[i].offset));
        if (!parsed) return std::nullopt;
        return Match{Form::Iso, parsed->year, parsed->month, parsed->day, i, i + 2};
    }

    bool is_month(std::size_t i) const {
        return i < size() && m_tokens[i].capitalised && month_number(m_tokens[i].folded) > 0;
    }

    std::optional<Match> match_day_first(std::size_t i) const {
        const int d = day_value(m_tokens[i].folded);
        if (!d) return std::nullopt;
        std::size_t k = i + 1;
        if (k < size() && m_tokens[k].folded == "of" && date_gap(i, k, false)) ++k;
        if (!is_month(k) || !date_gap(k - 1, k, false)) return std::nullopt;
        const int m = month_number(m_tokens[k].folded);
        if (d > days_in_month(0, m)) return std::nullopt;
        if (k + 1 < size() && date_gap(k, k + 1, true, true)) {
            if (const int y = year_value(m_tokens[k + 1].text)) {
                if (y < 1600 || y > 2199 || d > days_in_month(y, m)) return std::nullopt;
                return Match{Form::DayMonthYear, y, m, d, i, k + 1};
            }
        }
        return Match{Form::DayMonth, 0, m, d, i, k};
    }

    std::optional<Match> match_month_first(std::size_t i) const {
        if (!is_month(i) || i + 1 >= size()) return std::nullopt;
        const int m = month_number(m_tokens[i].folded);
        const bool abbreviated = m_tokens[i].folded.size() <= 4 && m_tokens[i].folded != "may" &&
                                 m_tokens[i].folded != "june" && m_tokens[i].folded != "july";
        if (const int y = year_value(m_tokens[i + 1].text);
            y && date_gap(i, i + 1, true, abbreviated)) {
            if (y < 1600 || y > 2199) return std::nullopt;
            return Match{Form::MonthYear, y, m, 0, i, i + 1};
        }
        const int d = day_value(m_tokens[i + 1].folded);
        if (!d || !date_gap(i, i + 1, false, abbreviated) || d > days_in_month(0, m)) {
            return std::nullopt;
        }
        if (i + 2 < size() && date_gap(i + 1, i + 2, true)) {
            if (const int y = year_value(m_tokens[i + 2].text)) {
                if (y < 1600 || y > 2199 || d > days_in_month(y, m)) return std::nullopt;
                return Match{Form::MonthDayYear, y, m, d, i, i + 2};
            }
        }
        // "May 12" needs the day to stand alone: not "May 12 people".
        if (i + 2 < size() &&
            gap(i + 1, i + 2).find_first_not_of(" \t") == std::string_view::npos &&
            !m_tokens[i + 2].capitalised) {
            return std::nullopt;
        }
        return Match{Form::MonthDay, 0, m, d, i, i + 1};
    }

    /// A bare year token, not part of a larger number.
    std::optional<Match> match_year(std::size_t i) const {
        const int y = year_value(m_tokens[i].text);
        if (y < kMinYear || y > kMaxYear) return std::nullopt;
        const std::size_t start = m_tokens[i].offset;
        const std::size_t end = end_of(i);
        if (start >= 2 && (m_text[start - 1] == '.' || m_text[start - 1] == ',') &&
            m_text[start - 2] >= '0' && m_text[start - 2] <= '9') {
            return std::nullopt;
        }
        if (end + 1 < m_text.size() && (m_text[end] == '.' || m_text[end] == ',') &&
            m_text[end + 1] >= '0' && m_text[end + 1] <= '9') {
            return std::nullopt;
        }
        if (i + 1 < size() && is_unit_word(m_tokens[i + 1].folded) &&
            gap(i, i + 1).find_first_not_of(" \t\n") == std::string_view::npos) {
            return std::nullopt;
        }
        if (i > 0 &&
            one_of(m_tokens[i - 1].folded, {"than", "approximately", "nearly", "almost"})) {
            return std::nullopt;
        }
        return Match{Form::Year, y, 0, 0, i, i};
    }

    /// "forty-fifth session", "45th session", "the Assembly at its fifth session".
    std::optional<Match> match_session(std::size_t i) const {
        int n = 0;
        std::size_t last = i;
        const auto& t = m_tokens[i];
        if (t.folded.size() >= 3 && all_digits(t.folded.substr(0, t.folded.size() - 2)) &&
            one_of(t.folded.substr(t.folded.size() - 2), {"st", "nd", "rd", "th"})) {
            n = to_int(t.folded.substr(0, t.folded.size() - 2));
        } else if (const int unit = ordinal_unit(t.folded)) {
            // Not the tail of a compound we cannot read ("forth-seventh", "fifty—fourth").
            if (i > 0 && (tens_value(m_tokens[i - 1].folded, false) ||
                          gap(i - 1, i).find_first_of("-\xE2") != std::string_view::npos)) {
                return std::nullopt;
            }
            n = unit;
        } else if (const int tens = tens_value(t.folded, true)) {
            n = tens;
        } else if (const int tens_c = tens_value(t.folded, false); tens_c && i + 1 < size()) {
            const auto g = gap(i, i + 1);
            const int unit2 = ordinal_unit(m_tokens[i + 1].folded);
            const bool joined = g == "-" || g == "- " || g == "-\n" || g == "- \n" || g == " -\n" ||
                                g == "\xE2\x80\x94" || g == "\xE2\x80\x93" || g == "\xE2\x80\x91";
            if (unit2 >= 1 && unit2 <= 9 && joined) {
                n = tens_c + unit2;
                last = i + 1;
            }
        }
        if (n < 1 || n > 99 || last + 1 >= size() || m_tokens[last + 1].folded != "session") {
            return std::nullopt;
        }
        if (!m_mentions_ga) return std::nullopt;
        // "session of the Human Rights Council", "session of the twenty-first century":
        // a session of something other than the Assembly.
        std::size_t k = last + 2;
        if (k < size() && m_tokens[k].folded == "of") {
            ++k;
            if (k < size() && one_of(m_tokens[k].folded, {"the", "our", "this"})) ++k;
            if (k + 1 < size() && m_tokens[k].folded == "united" &&
                m_tokens[k + 1].folded == "nations") {
                k += 2;
            }
            if (k < size() && m_tokens[k].folded == "general") ++k;
            if (k >= size() || m_tokens[k].folded != "assembly") return std::nullopt;
        }
        // "the first session of the General Assembly of the new millennium".
        for (std::size_t j = last + 2; j < size() && j < last + 12; ++j) {
            if (one_of(m_tokens[j].folded, {"millennium", "century"})) return std::nullopt;
        }
        // "Assembly" nearby; and not a special or emergency session.
        bool assembly = false;
        const std::size_t lo = i >= 25 ? i - 25 : 0;
        const std::size_t hi = std::min(size(), last + 27);
        for (std::size_t j = lo; j < hi; ++j) {
            if (m_tokens[j].folded == "assembly" &&
                (j == 0 || m_tokens[j - 1].folded != "health")) {
                assembly = true;
            }
        }
        if (!assembly) return std::nullopt;
        return Match{Form::Session, 1945 + n, 0, 0, i, last + 1};
    }

  private:
    std::string_view m_text;
    bool m_title = false;
    std::size_t m_content_start = 0;
    std::vector<Token> m_tokens;
    bool m_mentions_ga = false;
};

// ---------------------------------------------------------------- scoring

struct Context {
    std::vector<std::string> tags;
    double score = 0.0;
    bool rejected = false;

    void add(double points, std::string tag) {
        score += points;
        tags.push_back(std::move(tag));
    }
    void reject(std::string tag) {
        rejected = true;
        tags.push_back("rejected:" + std::move(tag));
    }
};

// Month-years and bare years gain a little for standing near the start.
void add_position_score(std::size_t pos, Context& ctx) {
    if (pos < kLeadBytes) {
        ctx.add(1.5, "lead");
    } else if (pos < kNearBytes) {
        ctx.add(0.5, "near-start");
    }
}

bool is_place_prefix(std::string_view prefix) {
    // "ISLAMABAD, ", "GUBA, Ethiopia, ", "THE HAGUE, ", "Manila, ", "" (caller decides).
    std::size_t words = 0;
    std::size_t k = 0;
    bool saw_comma_at_end = false;
    while (k < prefix.size()) {
        const char c = prefix[k];
        if (c == ' ' || c == '\t') {
            ++k;
            continue;
        }
        if (c == ',') {
            saw_comma_at_end = true;
            ++k;
            continue;
        }
        // A word: must start upper-case (ASCII or a multi-byte letter), no digits.
        std::size_t e = k;
        while (e < prefix.size() && prefix[e] != ' ' && prefix[e] != ',' && prefix[e] != '\t') ++e;
        const auto word = prefix.substr(k, e - k);
        const bool upper =
            (word[0] >= 'A' && word[0] <= 'Z') || static_cast<unsigned char>(word[0]) >= 0xC0;
        const bool connector = one_of(word, {"of", "de", "del", "la", "el", "al", "du", "es",
                                             "upon", "am", "an", "on", "da", "do", "dos", "das"});
        if (!upper && !connector) return false;
        if (std::any_of(word.begin(), word.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
            return false;
        }
        if (++words > 6) return false;
        saw_comma_at_end = false;
        k = e;
    }
    return words > 0 && saw_comma_at_end;
}

/// After a dateline's date: "(Agency) —", " — ", ":", ".", or nothing.
bool is_dateline_end(std::string_view suffix) {
    std::size_t k = 0;
    auto skip_space = [&] {
        while (k < suffix.size() && (suffix[k] == ' ' || suffix[k] == '\t' || suffix[k] == '\r'))
            ++k;
    };
    skip_space();
    if (k < suffix.size() && suffix[k] == '(') {
        const auto close = suffix.find(')', k);
        if (close == std::string_view::npos || close - k > 40) return false;
        k = close + 1;
        skip_space();
    }
    if (k >= suffix.size()) return true;
    const auto rest = suffix.substr(k);
    return rest.starts_with("\xE2\x80\x94") || rest.starts_with("\xE2\x80\x93") ||
           rest.starts_with("-") || rest.starts_with(":") || rest.starts_with(".") ||
           rest.starts_with(",");
}

std::string_view trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

enum class Placement { Running, Dateline, OwnLine };

/// Whether the line starting at @p ls carries on a sentence from the line before
/// (wrapped text: "... invite them, in\nJanuary 2004.").
bool continues_previous_line(std::string_view text, std::size_t ls) {
    if (ls == 0) return false;
    const std::size_t end = ls - 1;  // The line break before the line.
    const auto nl = end == 0 ? std::string_view::npos : text.rfind('\n', end - 1);
    const std::size_t begin = nl == std::string_view::npos ? 0 : nl + 1;
    const auto prev_line = trim(text.substr(begin, end - begin));
    if (prev_line.empty()) return false;
    const char last = prev_line.back();
    if (last == ',' || last == '-') return true;
    // The last word: lower-case means the sentence runs on.
    const auto space = prev_line.find_last_of(" \t");
    const auto word = space == std::string_view::npos ? prev_line : prev_line.substr(space + 1);
    return !word.empty() && word[0] >= 'a' && word[0] <= 'z' && last >= 'a' && last <= 'z';
}

/// Whether a date heads the text as a dateline, stands on its own line at the top
/// or bottom, or runs in the prose.
Placement placement_of(const Scanner& sc, const Match& m) {
    if (sc.is_title()) return Placement::Running;
    const auto text = sc.text();
    const std::size_t start = sc.tok(m.first).offset;
    const std::size_t end = sc.end_of(m.last);
    const std::size_t ls = sc.line_start(start);
    const std::size_t le = sc.line_end(end);
    const auto prefix = text.substr(ls, start - ls);
    const auto suffix = text.substr(end, le - end);
    const bool near_top = sc.rel(ls) < kLeadBytes && sc.line_index(start) < 3;
    const bool at_bottom = text.size() - ls <= kSignatureBytes;
    const auto tprefix = trim(prefix);
    const auto tsuffix = trim(suffix);
    const bool own_line_suffix = tsuffix.empty() || tsuffix == ".";
    const bool place = !tprefix.empty() && is_place_prefix(prefix);
    if (near_top && place && is_dateline_end(suffix)) return Placement::Dateline;
    // "12 March (Agency) — ..." or "12 March — ..." opening the text.
    if (near_top && tprefix.empty() && !own_line_suffix &&
        (tsuffix.starts_with("(") || tsuffix.starts_with("\xE2\x80\x94") ||
         tsuffix.starts_with("\xE2\x80\x93") || tsuffix.starts_with("- "))) {
        return is_dateline_end(suffix) ? Placement::Dateline : Placement::Running;
    }
    if ((near_top || at_bottom || sc.rel(ls) < 600) && own_line_suffix &&
        (tprefix.empty() || place) && !continues_previous_line(text, ls)) {
        return Placement::OwnLine;
    }
    return Placement::Running;
}

/// Traps shared by years and month-years (and, where marked, full dates).
void apply_citation_traps(const Scanner& sc, const Match& m, Context& ctx) {
    const bool full = is_full(m.form);
    const auto before = sc.before(m.first, 8);
    const auto after = sc.after(m.last, 8);
    auto word = [&](std::size_t k) -> const std::string& { return sc.tok(k).folded; };

    // Immediately before.
    if (!before.empty()) {
        const auto& p1 = word(before[0]);
        if (one_of(p1, {"since", "until", "till", "before", "after", "by", "prior", "pre", "post",
                        "circa", "through", "throughout", "ca", "c", "from"}) ||
            (!full && p1 == "between")) {
            ctx.reject("cited:" + p1);
            return;
        }
        if (before.size() >= 2 && p1 == "to" && word(before[1]) == "up") {
            ctx.reject("cited:up-to");
            return;
        }
        // "by the end of 2030", "by the year 2000".
        for (std::size_t k = 1; k < before.size() && k < 5; ++k) {
            const auto& w = word(before[k - 1]);
            if (!one_of(w, {"the", "end", "beginning", "start", "middle", "close", "year", "of",
                            "early", "late", "mid"})) {
                break;
            }
            if (word(before[k]) == "by" || word(before[k]) == "until") {
                ctx.reject("future:by");
                return;
            }
        }
    }
    // Ranges: 2015-2020, 2015/16, 2010 to 2012, 2016 and 2017.
    if (!full) {
        const auto text = sc.text();
        const std::size_t s = sc.tok(m.first).offset;
        const std::size_t e = sc.end_of(m.last);
        auto is_dash = [&](std::size_t pos, bool backwards) {
            if (backwards) {
                if (pos >= 1 && (text[pos - 1] == '-' || text[pos - 1] == '/')) return true;
                return pos >= 3 && text.substr(pos - 3, 3) == "\xE2\x80\x93";
            }
            if (pos < text.size() && (text[pos] == '-' || text[pos] == '/')) return true;
            return text.substr(pos, 3) == "\xE2\x80\x93";
        };
        const bool digit_before =
            m.first > 0 && all_digits(sc.tok(m.first - 1).text) && sc.end_of(m.first - 1) + 3 >= s;
        const bool digit_after = m.last + 1 < sc.size() && all_digits(sc.tok(m.last + 1).text) &&
                                 e + 3 >= sc.tok(m.last + 1).offset;
        if ((is_dash(s, true) && digit_before) || (is_dash(e, false) && digit_after)) {
            ctx.reject("range");
            return;
        }
        if (!after.empty() && after.size() >= 2 && one_of(word(after[0]), {"to", "and", "or"}) &&
            year_value(sc.tok(after[1]).text)) {
            ctx.reject("range");
            return;
        }
        if (before.size() >= 2 && one_of(word(before[0]), {"to", "and", "or"}) &&
            year_value(sc.tok(before[1]).text)) {
            ctx.reject("range");
            return;
        }
        if (!after.empty() && after.size() >= 2 && one_of(word(after[0]), {"to", "and", "or"}) &&
            month_number(word(after[1])) > 0 && after.size() >= 3 &&
            year_value(sc.tok(after[2]).text)) {
            ctx.reject("range");
            return;
        }
    }
    // Anniversaries, "ago", past events.
    for (std::size_t k : after) {
        if (one_of(word(k), {"anniversary", "ago"})) {
            ctx.reject("anniversary");
            return;
        }
    }
    for (std::size_t n = 0; n < before.size(); ++n) {
        const auto& w = word(before[n]);
        if (w == "anniversary" || w == "ago" || w == "anniversaries") {
            ctx.reject(w == "ago" ? "history:ago" : "anniversary");
            return;
        }
        if (n < 5 && is_history_word(w)) {
            ctx.reject("history:" + w);
            return;
        }
        if (!full && n < 4 && is_event_verb(w)) {
            ctx.reject("history:" + w);
            return;
        }
        if (is_future_word(w)) {
            ctx.reject("future:" + w);
            return;
        }
    }
    // A plain future tense anywhere earlier in the sentence.
    for (std::size_t k : sc.before(m.first, 40)) {
        const auto& w = word(k);
        if (one_of(w, {"will", "shall", "next", "upcoming", "forthcoming", "scheduled", "ll"})) {
            ctx.reject("future:" + w);
            return;
        }
    }
    if (!full && !before.empty()) {
        const auto& p1 = word(before[0]);
        // Attributive: "the 1960 Indus Waters Treaty", "its 2015 agreement".
        const bool determiner =
            one_of(p1, {"the", "its", "their", "our", "his", "her", "a", "an", "that", "whose"}) ||
            p1.ends_with("'s") || p1.ends_with("\xE2\x80\x99s");
        const bool followed_by_word =
            m.last + 1 < sc.size() &&
            sc.gap(m.last, m.last + 1).find_first_not_of(" \t") == std::string_view::npos;
        if (determiner && followed_by_word && m.form == Form::Year) {
            ctx.reject("attributive");
            return;
        }
        // "Treaty of 1960", "the earthquake of 2005".
        if (p1 == "of" && before.size() >= 2) {
            const auto& p2 = sc.tok(before[1]);
            if ((p2.capitalised && !p2.sentence_start) || is_instrument_noun(p2.folded)) {
                ctx.reject("cited:of");
                return;
            }
        }
        // Labels: "Agenda 2063", "Vision 2030".
        const auto& t1 = sc.tok(before[0]);
        if (m.form == Form::Year && t1.capitalised && !t1.sentence_start &&
            sc.gap(before[0], m.first).find_first_not_of(' ') == std::string_view::npos &&
            !one_of(t1.folded, {"in", "since", "of", "during", "from", "by"}) &&
            month_number(t1.folded) == 0) {
            ctx.reject("name");
            return;
        }
    }
    // A following instrument noun: "2015 nuclear agreement" (years only).
    if (!full && m.form == Form::Year) {
        for (std::size_t n = 0; n < after.size() && n < 3; ++n) {
            if (sc.gap(n == 0 ? m.last : after[n - 1], after[n]).find_first_not_of(" \t") !=
                std::string_view::npos) {
                break;
            }
            if (is_instrument_noun(word(after[n]))) {
                ctx.reject("attributive");
                return;
            }
        }
    }
    // Parenthesised years in running text: "resolution 242 (1967)".
    if (!sc.is_title() && m.form == Form::Year) {
        const auto text = sc.text();
        const std::size_t s = sc.tok(m.first).offset;
        const std::size_t e = sc.end_of(m.last);
        const bool after_year_word = !before.empty() && word(before[0]) == "year";
        if (s > 0 && text[s - 1] == '(' && e < text.size() && text[e] == ')' && !after_year_word) {
            ctx.reject("parenthetical");
            return;
        }
    }
}

/// Positive cues for a bare year or month-year: "this year, 2026", "at the beginning of 2026".
void apply_year_cues(const Scanner& sc, const Match& m, Context& ctx) {
    const auto before = sc.before(m.first, 6);
    auto word = [&](std::size_t n) -> std::string_view {
        return n < before.size() ? std::string_view(sc.tok(before[n]).folded) : std::string_view();
    };
    if (m.form == Form::Year && before.size() >= 2 && word(0) == "year" &&
        one_of(word(1), {"this", "current", "present"})) {
        const auto g = sc.gap(before[0], m.first);
        if (g.find(',') != std::string_view::npos || g.find('(') != std::string_view::npos) {
            ctx.add(5, "this-year");
            return;
        }
    }
    if (m.form == Form::Year && before.size() >= 3 && word(0) == "of" &&
        one_of(word(1), {"beginning", "start", "outset", "end", "close", "middle"}) &&
        word(2) == "the") {
        ctx.add(2.5, "period-of");
        return;
    }
    if (!before.empty() && one_of(word(0), {"early", "mid", "late"}) && word(1) == "in") {
        ctx.add(2.5, "period-of");
        return;
    }
    if (word(0) == "in" && one_of(word(1), {"so", "now", "today"})) {
        ctx.add(3, "current-in");
        return;
    }
    if (one_of(word(0), {"in", "during"})) ctx.add(0.5, std::string(word(0)));
}

/// Positive cues for a month-year: "in January 2026", "so far in January 2026".
void apply_month_year_cues(const Scanner& sc, const Match& m, Context& ctx) {
    const auto before = sc.before(m.first, 2);
    if (before.empty() || !one_of(sc.tok(before[0]).folded, {"in", "during"})) return;
    if (before.size() >= 2 && one_of(sc.tok(before[1]).folded, {"so", "now", "today"})) {
        ctx.add(3, "current-in");
    } else {
        ctx.add(0.5, sc.tok(before[0]).folded);
    }
}

/// Cue words before a full date: "issued on", "adopted on", "dated", "Date:".
void apply_full_date_cues(const Scanner& sc, const Match& m, Context& ctx) {
    // Look back over up to 4 words, across a colon ("Date: 4 January 2026").
    std::vector<std::size_t> back;
    for (std::size_t j = m.first; j > 0 && back.size() < 6;) {
        const auto p = sc.prev(j);
        if (!p) break;
        back.push_back(*p);
        j = *p;
    }
    auto word = [&](std::size_t n) -> std::string_view {
        return n < back.size() ? std::string_view(sc.tok(back[n]).folded) : std::string_view();
    };
    // The cue, with only "on", "the", "of", "at" or a place between it and the date:
    // "issued on", "adopted on the 4th of", "done at Geneva on".
    std::size_t cue = back.size();
    for (std::size_t n = 0; n < back.size() && n < 5; ++n) {
        if (one_of(word(n), {"issued", "adopted", "signed", "done", "dated", "date"})) {
            cue = n;
            break;
        }
        if (!one_of(word(n), {"on", "the", "this", "of", "at", "in"}) &&
            !(sc.tok(back[n]).capitalised && n > 0)) {
            break;
        }
    }
    if (cue < back.size()) {
        const Token& ct = sc.tok(back[cue]);
        const bool opens = ct.sentence_start || sc.line_start(ct.offset) == ct.offset ||
                           (cue + 1 < back.size() &&
                            one_of(word(cue + 1), {"was", "were", "is", "been", "hereby", "be"}));
        if (opens) {
            ctx.add(3, "cue:" + std::string(word(cue)));
        } else {
            ctx.add(1.5, "cue:" + std::string(word(cue)));
        }
        return;
    }
    const auto sentence = sc.before(m.first, 8);
    if (!sentence.empty() && sc.tok(sentence[0]).folded == "on") {
        for (std::size_t n = 1; n < sentence.size(); ++n) {
            if (one_of(sc.tok(sentence[n]).folded,
                       {"held", "met", "meeting", "convened", "signed", "concluded", "opened",
                        "meet", "gathered", "assembled"})) {
                ctx.add(1.5, "cue:" + sc.tok(sentence[n]).folded + "-on");
                return;
            }
        }
    }
}

/// "election to the presidency of the forty-fifth session", "this fiftieth session".
void apply_session_cues(const Scanner& sc, const Match& m, Context& ctx) {
    const auto before = sc.before(m.first, 40);
    for (std::size_t n = 0; n < before.size(); ++n) {
        const auto& w = sc.tok(before[n]).folded;
        if (n < 3 && one_of(w, {"special", "emergency"})) {
            ctx.reject("special-session");
            return;
        }
        if (one_of(w, {"predecessor", "previous", "last", "past", "outgoing", "preceding", "former",
                       "thank", "thanks", "appreciation", "gratitude", "tribute", "commend",
                       "since", "after", "ago", "anniversary", "retiring"})) {
            ctx.reject("past-session:" + w);
            return;
        }
        if (one_of(w, {"next", "forthcoming", "until", "before", "upcoming", "requests", "request",
                       "decided", "decides", "candidacy", "candidature", "candidate", "will",
                       "shall"})) {
            ctx.reject("other-session:" + w);
            return;
        }
    }
    for (std::size_t k : sc.after(m.last, 12)) {
        if (one_of(sc.tok(k).folded, {"predecessor", "outgoing", "retiring"})) {
            ctx.reject("past-session:" + sc.tok(k).folded);
            return;
        }
    }
    if (!before.empty()) {
        const auto& w0 = sc.tok(before[0]).folded;
        const auto w1 = before.size() > 1 ? sc.tok(before[1]).folded : std::string();
        if (one_of(w0, {"this", "present", "current"}) ||
            (w0 == "resumed" && one_of(w1, {"this", "present", "current"}))) {
            ctx.add(4, "this-session");
            return;
        }
    }
    for (std::size_t n = 0; n < before.size() && n < 20; ++n) {
        if (sc.tok(before[n]).folded == "election") {
            ctx.add(3, "election-cue");
            return;
        }
    }
}

/// The partial dateline (day and month, no year) at the head of the text, if any,
/// and the weekday the lead paragraph names.
struct PartialDateline {
    int month = 0, day = 0;
    int weekday = -1;
    std::size_t offset = 0;
    std::string matched;
};

}  // namespace

DateExtraction DateExtractor::extract(std::string_view title, std::string_view text) const {
    std::vector<Scored> found;
    std::optional<PartialDateline> partial;

    auto scan = [&](const Scanner& sc) {
        const bool in_title = sc.is_title();
        std::size_t i = 0;
        while (i < sc.size()) {
            std::optional<Match> m = sc.match_at(i);
            if (!m) m = sc.match_session(i);
            if (!m) m = sc.match_year(i);
            if (!m) {
                ++i;
                continue;
            }
            const std::size_t start = sc.tok(m->first).offset;
            const std::size_t end = sc.end_of(m->last);
            const std::size_t pos = sc.rel(start);
            Context ctx;

            if (m->form == Form::DayMonth || m->form == Form::MonthDay) {
                if (!in_title && !partial && placement_of(sc, *m) == Placement::Dateline) {
                    PartialDateline p;
                    p.month = m->m;
                    p.day = m->d;
                    p.offset = start;
                    p.matched = std::string(sc.text().substr(start, end - start));
                    // The first "on <Weekday>" in the dateline's paragraph.
                    for (std::size_t k = m->last + 1; k < sc.size(); ++k) {
                        if (sc.tok(k).paragraph != sc.tok(m->last).paragraph) break;
                        const int wd =
                            sc.tok(k).capitalised ? weekday_number(sc.tok(k).folded) : -1;
                        if (wd >= 0 && k > 0 && sc.tok(k - 1).folded == "on") {
                            p.weekday = wd;
                            break;
                        }
                    }
                    partial = p;
                }
                i = m->last + 1;
                continue;
            }

            if (in_title) {
                switch (m->form) {
                    case Form::Iso:
                    case Form::DayMonthYear:
                    case Form::MonthDayYear:
                        ctx.add(8, "title");
                        break;
                    case Form::MonthYear:
                        ctx.add(7, "title");
                        break;
                    case Form::Session:
                        ctx.add(7, "title");
                        break;
                    default: {
                        const auto t = sc.text();
                        const bool paren =
                            start > 0 && t[start - 1] == '(' && end < t.size() && t[end] == ')';
                        if (paren && m->first > 0 && all_digits(sc.tok(m->first - 1).text)) {
                            ctx.reject("parenthetical");  // "resolution 2231 (2015)".
                        } else if (paren) {
                            ctx.add(8, "title-paren");
                        } else {
                            ctx.add(5.5, "title");
                            apply_citation_traps(sc, *m, ctx);
                        }
                    }
                }
                if (m->form == Form::MonthYear) apply_citation_traps(sc, *m, ctx);
            } else {
                const Placement placement =
                    m->form == Form::Session ? Placement::Running : placement_of(sc, *m);
                switch (m->form) {
                    case Form::Iso:
                    case Form::DayMonthYear:
                    case Form::MonthDayYear: {
                        ctx.add(3, form_name(m->form));
                        if (placement == Placement::Dateline) {
                            ctx.add(6, "dateline");
                        } else if (placement == Placement::OwnLine) {
                            ctx.add(4, "own-line");
                        } else if (pos < kLeadBytes) {
                            ctx.add(1.5, "lead");
                        } else if (pos < kNearBytes) {
                            ctx.add(1, "near-start");
                        }
                        if (m->weekday >= 0) ctx.add(0.5, "weekday");
                        if (placement != Placement::Running || pos < kNearBytes) {
                            apply_full_date_cues(sc, *m, ctx);
                        }
                        if (placement == Placement::Running) {
                            apply_citation_traps(sc, *m, ctx);
                            const auto b = sc.before(m->first, 2);
                            if (!ctx.rejected && !b.empty() && sc.tok(b[0]).folded == "of" &&
                                b.size() >= 2 && !one_of(sc.tok(b[1]).folded, {"date", "dated"})) {
                                ctx.add(-2, "of-event");
                            }
                        }
                        break;
                    }
                    case Form::MonthYear:
                        ctx.add(2, form_name(m->form));
                        if (placement == Placement::Dateline || placement == Placement::OwnLine) {
                            ctx.add(5, placement == Placement::Dateline ? "dateline" : "own-line");
                        } else {
                            add_position_score(pos, ctx);
                            apply_citation_traps(sc, *m, ctx);
                            if (!ctx.rejected) apply_month_year_cues(sc, *m, ctx);
                        }
                        break;
                    case Form::Year:
                        ctx.add(1, form_name(m->form));
                        add_position_score(pos, ctx);
                        apply_citation_traps(sc, *m, ctx);
                        if (!ctx.rejected) apply_year_cues(sc, *m, ctx);
                        break;
                    case Form::Session:
                        ctx.add(2, form_name(m->form));
                        apply_session_cues(sc, *m, ctx);
                        break;
                    default:
                        break;
                }
            }
            if (in_title && m->form == Form::Session) apply_session_cues(sc, *m, ctx);

            Scored s;
            s.form = m->form;
            s.token = m->first;
            s.title = in_title;
            s.candidate.date =
                PartialDate{m->y, is_full(m->form) || m->form == Form::MonthYear ? m->m : 0,
                            is_full(m->form) ? m->d : 0};
            s.candidate.matched = std::string(sc.text().substr(start, end - start));
            s.candidate.offset = in_title ? 0 : start;
            std::string rule = in_title ? std::string("title-") + form_name(m->form)
                                        : std::string(form_name(m->form));
            for (const auto& tag : ctx.tags) {
                if (tag == form_name(m->form) || tag == "title") continue;
                rule += ";" + tag;
            }
            s.candidate.rule = std::move(rule);
            s.candidate.score = ctx.rejected ? kRejected : ctx.score;
            found.push_back(std::move(s));
            i = m->last + 1;
        }
    };

    Scanner body(text, false);
    if (!title.empty()) {
        Scanner head(title, true);
        if (body.mentions_ga()) head.set_mentions_ga();
        scan(head);
    }
    scan(body);

    auto add_points = [](DateCandidate& c, double points, const std::string& tag) {
        c.score += points;
        c.rule += ";" + tag;
    };

    // The latest of several full dates at the start.
    {
        std::set<std::string> dates;
        PartialDate latest;
        for (const auto& s : found) {
            if (!s.title && is_full(s.form) && s.candidate.score > 0 &&
                body.rel(s.candidate.offset) < kLeadBytes) {
                dates.insert(s.candidate.date.sortable());
                if (s.candidate.date.sortable() > latest.sortable()) latest = s.candidate.date;
            }
        }
        if (dates.size() >= 2) {
            for (auto& s : found) {
                if (!s.title && is_full(s.form) && s.candidate.score > 0 &&
                    body.rel(s.candidate.offset) < kLeadBytes && s.candidate.date == latest) {
                    add_points(s.candidate, 0.5, "latest");
                }
            }
        }
    }
    // A document is not older than the dates it gives: a full date or month-year in
    // running text, earlier than another dated candidate, is a citation.
    {
        int latest_year = 0;
        for (const auto& s : found) {
            if (s.candidate.score >= 2 && s.form != Form::Year) {
                latest_year = std::max(latest_year, s.candidate.date.year);
            }
        }
        for (auto& s : found) {
            if (s.candidate.score > 0 && !s.title &&
                (is_full(s.form) || s.form == Form::MonthYear) &&
                s.candidate.date.year < latest_year &&
                s.candidate.rule.find("dateline") == std::string::npos &&
                s.candidate.rule.find("own-line") == std::string::npos) {
                add_points(s.candidate, -3, "later-year-" + std::to_string(latest_year));
            }
        }
    }
    // The highest GA session mentioned.
    {
        int top = 0;
        // Past sessions the text names ("thank the President of the forty-fourth
        // session") still show the document is at least that late.
        for (const auto& s : found) {
            if (s.form == Form::Session &&
                (s.candidate.score > 0 ||
                 s.candidate.rule.find("past-session") != std::string::npos)) {
                top = std::max(top, s.candidate.date.year);
            }
        }
        for (auto& s : found) {
            if (s.form != Form::Session || s.candidate.score <= 0) continue;
            if (s.candidate.date.year == top) {
                add_points(s.candidate, 1, "highest-session");
            } else {
                add_points(s.candidate, -1.5, "earlier-session");
            }
        }
    }
    // Agreement between independent mentions of the same year.
    {
        // Only different kinds of evidence count: a date cited twice is still cited.
        auto kind = [](const Scored& s) {
            if (s.title) return 0;
            if (is_full(s.form)) return 1;
            return static_cast<int>(s.form) + 2;
        };
        std::vector<double> bonus(found.size(), 0.0);
        for (std::size_t a = 0; a < found.size(); ++a) {
            if (found[a].candidate.score < 2) continue;
            for (std::size_t b = 0; b < found.size(); ++b) {
                if (a == b || found[b].candidate.score < 3 || kind(found[a]) == kind(found[b])) {
                    continue;
                }
                if (found[a].candidate.date.year == found[b].candidate.date.year) {
                    bonus[a] = std::min(1.0, bonus[a] + 0.5);
                }
            }
        }
        for (std::size_t a = 0; a < found.size(); ++a) {
            if (bonus[a] > 0) add_points(found[a].candidate, bonus[a], "agrees");
        }
    }

    // A dateline with day and month only: find its year (see the file comment).
    if (partial) {
        bool resolved = false;
        for (auto& s : found) {
            if (!s.title && is_full(s.form) && s.candidate.score > 0 &&
                s.candidate.date.month == partial->month && s.candidate.date.day == partial->day) {
                add_points(s.candidate, 3, "matches-dateline");
                resolved = true;
            }
        }
        std::vector<DateCandidate> extra;
        if (!resolved) {
            const Scored* best_month = nullptr;
            const Scored* best_year = nullptr;
            for (const auto& s : found) {
                if (s.candidate.score <= 0) continue;
                if (s.form == Form::MonthYear && s.candidate.date.month == partial->month &&
                    s.candidate.score >= 3 &&
                    (!best_month || s.candidate.score > best_month->candidate.score)) {
                    best_month = &s;
                }
                if ((s.form == Form::Year || s.form == Form::MonthYear || s.title) &&
                    s.form != Form::Session && s.candidate.score >= kThreshold &&
                    (!best_year || s.candidate.score > best_year->candidate.score)) {
                    best_year = &s;
                }
            }
            auto combined = [&](int year, double score, const std::string& how) {
                DateCandidate c;
                c.date = PartialDate{year, partial->month, partial->day};
                c.matched = partial->matched;
                c.offset = partial->offset;
                c.rule = "dateline+" + how;
                c.score = score;
                extra.push_back(std::move(c));
            };
            if (best_month &&
                partial->day <= days_in_month(best_month->candidate.date.year, partial->month)) {
                combined(best_month->candidate.date.year, best_month->candidate.score + 3,
                         "month-year");
            } else if (best_year && partial->day <= days_in_month(best_year->candidate.date.year,
                                                                  partial->month)) {
                combined(best_year->candidate.date.year, best_year->candidate.score + 0.5, "year");
            } else if (partial->weekday >= 0) {
                std::set<int> years;
                int latest = 0;
                for (const auto& s : found) {
                    if (s.candidate.score <= 0 || s.title) continue;
                    latest = std::max(latest, s.candidate.date.year);
                    const int y = s.candidate.date.year;
                    if (partial->day <= days_in_month(y, partial->month) &&
                        weekday_of(y, partial->month, partial->day) == partial->weekday) {
                        years.insert(y);
                    }
                }
                if (years.size() == 1 && *years.begin() == latest) {
                    combined(latest, 6, "weekday");
                }
            }
        }
        for (auto& c : extra) found.push_back(Scored{std::move(c), Form::DayMonthYear, 0, false});
    }

    // Best first: score, then the more specific date, then the later date, then position.
    std::stable_sort(found.begin(), found.end(), [](const Scored& a, const Scored& b) {
        if (a.candidate.score != b.candidate.score) return a.candidate.score > b.candidate.score;
        auto precision = [](const PartialDate& d) { return (d.month ? 1 : 0) + (d.day ? 1 : 0); };
        if (precision(a.candidate.date) != precision(b.candidate.date)) {
            return precision(a.candidate.date) > precision(b.candidate.date);
        }
        if (a.candidate.date.sortable() != b.candidate.date.sortable()) {
            return a.candidate.date.sortable() > b.candidate.date.sortable();
        }
        return a.candidate.offset < b.candidate.offset;
    });

    DateExtraction out;
    out.candidates.reserve(found.size());
    for (auto& s : found) out.candidates.push_back(std::move(s.candidate));
    if (!out.candidates.empty() && out.candidates.front().score >= kThreshold) {
        out.date = out.candidates.front().date;
    }
    return out;
}

}  // namespace diplosearch::extraction
