/// @file
/// @brief Rule-based document-type classification from title and text cues.
///
/// Each type collects points from cues; title cues weigh more than body cues, and
/// body cues are looked for in the first 8 KB of the text (plus the last 600
/// bytes for closings such as "I thank you" or "Media contact"). The best type is
/// returned when it reaches kThreshold (4) and leads the runner-up by kMargin (1);
/// otherwise the type is left empty and `scored` still shows the evidence.
///
/// Title (a headline with a verb such as "sign", "agree", "warns" counts +2.5 for
/// article and cuts the instrument cues below to a third, since "Leaders sign
/// declaration" reports on a declaration rather than being one):
/// - "joint communiqué" communique 8, "communiqué" communique 7;
/// - "joint statement" joint-statement 8;
/// - "press release" press-release 8; "statement by the spokesperson", "press
///   statement", "embassy/ministry statement" press-release 6;
/// - "transcript" transcript 8; "briefing", "press conference", "interview",
///   "Q&A" transcript 6;
/// - "speech", "address by/to", "remarks by/at", "statement (by X) at/before/to
///   the ..." speech 6-7;
/// - "resolution" resolution 7; "declaration" declaration 7.
///
/// Body:
/// - communique: "joint communiqué" 5; a "COMMUNIQUÉ" heading line 5; any other
///   "communiqué" 2; "adopted the following decision" 1.
/// - joint-statement: "joint statement" 3; "issued the following (joint)
///   statement" 4; sentences opening "The two sides", "Both sides", "The two
///   leaders", "The ministers", "The participants", ... 1 each (at most 4).
/// - press-release: "for immediate release" 5; "press release" 4; "media contact"
///   and similar 2; "spokesperson said" 1.5; an institution ("The Ministry",
///   "The Embassy", "The World Bank", ...) acting "today" in the first sentence
///   2.5; three or more numbered paragraphs that are not resolution clauses 1.5.
/// - speech: a salutation line opening the text ("Mr. President,", "Excellencies,",
///   "Ministers, ..., friends of the Arctic,") 5; "Mr./Madam President" or
///   "Chairman" 2 (+0.5 per repeat, at most 3); "Excellencies", "distinguished
///   delegates", "ladies and gentlemen", "dear colleagues" 1.5 each (at most 3);
///   a closing "I thank you" / "Thank you." 2; first-person address ("my
///   delegation", "my country", "I have the honour", "allow me", ...) 1 each (at
///   most 3); "this Assembly/Council/Organization" 1 (at most 2).
/// - transcript: two or more "Q:"/"A:"/"Question:"/"Answer:" turns 3, +0.5 per
///   further turn (at most 6); speaker labels at line starts ("MODERATOR:",
///   "SPOKESPERSON:", "Mr. Smith:") with two or more distinct labels and three
///   turns 4, +0.5 per further turn (at most 6).
/// - resolution: "resolution adopted by" 5; "draft resolution" 2; an opening
///   line "The General Assembly," / "The Board of Governors," 3; preambular
///   paragraphs ("Recalling", "Reaffirming", "Noting", "Deeply concerned", ...)
///   and numbered operative paragraphs ("1. Decides", "3. Calls upon", ...) 1
///   each (at most 4 each).
/// - declaration: "We, the Heads of State" / "We, the leaders" 6; "hereby
///   declare", "declare as follows", "declare our" 3; "this declaration" 1.5.
/// - article: a news dateline "CITY, 12 March (Agency) —" 4, "CITY:" 3, plain
///   "CITY, 12 March —" 1.5; a byline "By our correspondent" 2; "on Tuesday" and
///   other weekdays 1.5; reporting phrases ("officials said", "told reporters",
///   "according to", "analysts said", "said in a statement") 0.75 each (at most
///   3); "said" three times 1, six times 2.
#include "type_classifier.hpp"

#include "text.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>

namespace diplosearch::extraction {

namespace {

constexpr double kThreshold = 4.0;
constexpr double kMargin = 1.0;
constexpr std::size_t kHeadBytes = 8000;
constexpr std::size_t kTailBytes = 600;

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/// Positions of @p phrase (lower-case ASCII) in @p low as a whole word or phrase.
std::vector<std::size_t> find_all(std::string_view low, std::string_view phrase,
                                  std::size_t limit = 50) {
    std::vector<std::size_t> out;
    std::size_t pos = 0;
    while (out.size() < limit && (pos = low.find(phrase, pos)) != std::string_view::npos) {
        const bool left = pos == 0 || !is_alnum(low[pos - 1]);
        const std::size_t end = pos + phrase.size();
        const bool right = end >= low.size() || !is_alnum(low[end]) || !is_alnum(phrase.back());
        if (left && right) out.push_back(pos);
        pos += 1;
    }
    return out;
}

/// "communiqué", "communique", "COMMUNIQUÉ" in lower-cased ASCII text.
std::vector<std::size_t> find_communique(std::string_view low) {
    std::vector<std::size_t> out;
    std::size_t pos = 0;
    while ((pos = low.find("communiqu", pos)) != std::string_view::npos) {
        const std::size_t end = pos + 9;
        const bool left = pos == 0 || !is_alnum(low[pos - 1]);
        if (left && end < low.size()) {
            if (low[end] == 'e' && (end + 1 >= low.size() || !is_alnum(low[end + 1]))) {
                out.push_back(pos);
            } else if (low.substr(end, 2) == "\xC3\xA9" || low.substr(end, 2) == "\xC3\x89") {
                out.push_back(pos);
            }
        }
        pos = end;
    }
    return out;
}

struct Lines {
    std::vector<std::string_view> lines;  // Trimmed, non-blank.
};

// Trimmed like text::trim, and a byte order mark at the start is white space too.
std::string_view trim(std::string_view s) {
    s = text::trim(s);
    return s.starts_with("\xEF\xBB\xBF") ? text::trim(s.substr(3)) : s;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const auto nl = text.find('\n', pos);
        const auto line =
            trim(text.substr(pos, nl == std::string_view::npos ? text.npos : nl - pos));
        if (!line.empty()) out.push_back(line);
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    return out;
}

bool one_of(std::string_view w, std::initializer_list<std::string_view> list) {
    return std::find(list.begin(), list.end(), w) != list.end();
}

/// "MODERATOR:", "SENIOR OFFICIAL ONE:", "Mr. Smith:", "Q:" — a speaker label
/// opening a line with speech after it. Returns the label, or empty.
std::string_view speaker_label(std::string_view line) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 40) return {};
    if (trim(line.substr(colon + 1)).empty()) return {};
    const auto label = line.substr(0, colon);
    if (!(label[0] >= 'A' && label[0] <= 'Z')) return {};
    std::size_t words = 1;
    bool all_caps = true;
    for (std::size_t i = 0; i < label.size(); ++i) {
        const char c = label[i];
        if (c == ' ') {
            ++words;
            if (i + 1 < label.size() && !(label[i + 1] >= 'A' && label[i + 1] <= 'Z')) {
                return {};  // Every word capitalised: "Senior Official", not "The talks".
            }
        } else if (c >= 'a' && c <= 'z') {
            all_caps = false;
        } else if (!(c >= 'A' && c <= 'Z') && c != '.' && c != '\'' && c != '-') {
            return {};
        }
    }
    if (words > 4) return {};
    const auto low = lower_ascii(label);
    // Headings and form fields, not speakers.
    if (one_of(low, {"note",     "date",          "subject",       "source", "ref",
                     "tel",      "fax",           "email",         "e-mail", "website",
                     "contact",  "media contact", "press contact", "to",     "from",
                     "cc",       "title",         "place",         "venue",  "time",
                     "location", "update",        "editor's note", "photo",  "re",
                     "attention"})) {
        return {};
    }
    if (!all_caps && words == 1 &&
        !one_of(low, {"q", "a", "question", "answer", "moderator", "spokesperson", "spokesman",
                      "spokeswoman", "interviewer", "host", "chair", "president"})) {
        return {};  // "Tuesday: talks", "Background: ..." — single mixed-case words are rare
                    // speakers.
    }
    return label;
}

bool is_headline_verb(std::string_view w) {
    return one_of(w, {"sign",       "signs",       "agree",    "agrees",    "adopt",   "adopts",
                      "says",       "warn",        "warns",    "urge",      "urges",   "calls",
                      "holds",      "meet",        "meets",    "reach",     "reaches", "launches",
                      "rules",      "ends",        "presses",  "serves",    "voice",   "voices",
                      "inaugurate", "inaugurates", "protests", "demand",    "demands", "closes",
                      "restore",    "restores",    "reaffirm", "reaffirms", "pledge",  "pledges",
                      "extend",     "extends",     "lands",    "hits",      "seek",    "seeks",
                      "vow",        "vows",        "wins",     "backs",     "reject",  "rejects",
                      "announce",   "announces",   "accuse",   "accuses",   "condemn", "condemns",
                      "pauses",     "opens",       "approve",  "approves",  "unveil",  "unveils",
                      "resumes",    "suspend",     "suspends", "delivers"});
}

/// "X to study ...": verbs a headline puts in the infinitive.
bool is_headline_infinitive(std::string_view w) {
    return is_headline_verb(w) ||
           one_of(w, {"study", "hold", "launch", "open", "end", "resume", "meet", "sign", "visit",
                      "host", "review", "expand", "boost", "cut", "raise", "build"});
}

class Scores {
  public:
    void add(const std::string& type, double points, std::string evidence) {
        auto& s = m_scores[type];
        s.type = type;
        s.score += points;
        s.evidence.push_back(std::move(evidence));
    }
    std::vector<TypeScore> sorted() && {
        std::vector<TypeScore> out;
        for (auto& [type, s] : m_scores) {
            if (s.score > 0) out.push_back(std::move(s));
        }
        std::stable_sort(out.begin(), out.end(),
                         [](const TypeScore& a, const TypeScore& b) { return a.score > b.score; });
        return out;
    }

  private:
    std::map<std::string, TypeScore> m_scores;
};

// The cue as written; lengths count the lower-cased ASCII form, so the end is
// moved past any continuation bytes to keep "communiqué" whole.
std::string as_written(std::string_view raw, std::size_t pos, std::size_t len) {
    std::size_t end = std::min(pos + len, raw.size());
    while (end < raw.size() && (static_cast<unsigned char>(raw[end]) & 0xC0) == 0x80) ++end;
    return std::string(raw.substr(pos, end - pos));
}

// ---------------------------------------------------------------- title

void score_title(std::string_view title, Scores& s) {
    if (title.empty()) return;
    const std::string low = lower_ascii(title);
    auto ev = [&](std::string_view what) { return "title: " + std::string(what); };

    // A headline ("Leaders sign declaration ...") reports on an instrument.
    bool headline = false;
    {
        std::size_t pos = 0;
        std::size_t word_index = 0;
        std::string_view previous;
        while (pos < low.size()) {
            while (pos < low.size() && !is_alnum(low[pos])) ++pos;
            std::size_t end = pos;
            while (end < low.size() && (is_alnum(low[end]) || low[end] == '\'')) ++end;
            const auto w = std::string_view(low).substr(pos, end - pos);
            if (word_index > 0 && is_headline_verb(w) &&
                !one_of(previous, {"the", "a", "an", "of", "on", "for", "and", "its", "their",
                                   "this", "with", "in", "at", "by", "from", "weekly", "new"})) {
                headline = true;
                break;
            }
            // "X to study ...": a headline infinitive.
            if (word_index > 0 && w == "to" && end + 1 < low.size()) {
                std::size_t e2 = end + 1;
                while (e2 < low.size() && is_alnum(low[e2])) ++e2;
                if (is_headline_infinitive(std::string_view(low).substr(end + 1, e2 - end - 1))) {
                    headline = true;
                    break;
                }
            }
            ++word_index;
            previous = w;
            pos = end;
        }
    }
    const double k = headline ? 1.0 / 3.0 : 1.0;
    if (headline) s.add("article", 1.5, ev("headline with a verb"));

    const auto comm = find_communique(low);
    if (!comm.empty()) {
        const bool joint = comm[0] >= 6 && low.substr(comm[0] - 6, 6) == "joint ";
        s.add("communique", (joint ? 8 : 7) * k,
              ev(as_written(title, joint ? comm[0] - 6 : comm[0], joint ? 16 : 10)));
    }
    if (auto p = find_all(low, "joint statement"); !p.empty()) {
        s.add("joint-statement", 8 * k, ev(as_written(title, p[0], 15)));
    }
    if (auto p = find_all(low, "press release"); !p.empty()) {
        s.add("press-release", 8 * k, ev(as_written(title, p[0], 13)));
    }
    for (std::string_view cue :
         {"statement by the spokesperson", "spokesperson's statement", "press statement",
          "embassy statement", "ministry statement", "statement by the spokesman",
          "statement by the ministry", "statement by the embassy", "statement by the department"}) {
        if (auto p = find_all(low, cue); !p.empty()) {
            s.add("press-release", 6 * k, ev(as_written(title, p[0], cue.size())));
            break;
        }
    }
    if (auto p = find_all(low, "transcript"); !p.empty()) {
        s.add("transcript", 8 * k, ev(as_written(title, p[0], 10)));
    } else {
        for (std::string_view cue :
             {"press briefing", "briefing", "press conference", "interview", "q&a"}) {
            if (auto hit = find_all(low, cue); !hit.empty()) {
                s.add("transcript", 6 * k, ev(as_written(title, hit[0], cue.size())));
                break;
            }
        }
    }
    // Speeches: "Speech by", "Address by", "Remarks at", "Statement by Liberia at the ...".
    {
        bool done = false;
        for (std::string_view cue :
             {"speech", "address by", "address to", "address at", "remarks by", "remarks at",
              "remarks to", "keynote", "statement at the", "statement to the",
              "statement before the"}) {
            if (auto hit = find_all(low, cue); !hit.empty()) {
                s.add("speech", (cue == "speech" ? 7 : 6) * k,
                      ev(as_written(title, hit[0], cue.size())));
                done = true;
                break;
            }
        }
        if (!done) {
            const auto by = find_all(low, "statement by");
            if (!by.empty() && find_all(low, "joint statement").empty() &&
                find_all(low, "statement by the spokes").empty()) {
                for (std::string_view prep : {" at the ", " before the ", " to the "}) {
                    if (low.find(prep, by[0]) != std::string::npos) {
                        s.add("speech", 6 * k,
                              ev(as_written(title, by[0], 12) + " ..." +
                                 std::string(prep.substr(0, prep.size() - 1))));
                        break;
                    }
                }
            }
        }
    }
    if (auto p = find_all(low, "resolution"); !p.empty()) {
        s.add("resolution", 7 * k, ev(as_written(title, p[0], 10)));
    }
    if (auto p = find_all(low, "declaration"); !p.empty()) {
        s.add("declaration", 7 * k, ev(as_written(title, p[0], 11)));
    }
}

// ---------------------------------------------------------------- body

const std::array<std::string_view, 30> kPreambular = {
    "recalling",   "reaffirming",      "noting",          "recognising",
    "recognizing", "deeply concerned", "concerned",       "having",
    "aware",       "convinced",        "emphasizing",     "emphasising",
    "welcoming",   "expressing",       "bearing in mind", "guided by",
    "taking note", "mindful",          "alarmed",         "acknowledging",
    "affirming",   "stressing",        "underlining",     "shocked",
    "troubled",    "determined",       "considering",     "gravely concerned",
    "deploring",   "believing"};

const std::array<std::string_view, 30> kOperative = {
    "decides",    "calls upon", "calls on",   "requests",   "urges",     "affirms",
    "invites",    "encourages", "demands",    "condemns",   "welcomes",  "takes note",
    "expresses",  "endorses",   "commends",   "appeals",    "instructs", "remains",
    "reaffirms",  "notes",      "emphasizes", "emphasises", "stresses",  "recommends",
    "authorizes", "authorises", "supports",   "calls for",  "declares",  "approves"};

/// Whether @p pos in @p low opens a sentence or a line.
bool at_sentence_start(std::string_view low, std::size_t pos) {
    std::size_t q = pos;
    while (q > 0 && (low[q - 1] == ' ' || low[q - 1] == '\t' || low[q - 1] == '\r')) --q;
    return q == 0 || low[q - 1] == '\n' || low[q - 1] == '.' || low[q - 1] == '!' ||
           low[q - 1] == '?';
}

/// The distinct cues of @p list found in @p low, as written in @p raw.
std::vector<std::string> distinct_hits(std::string_view raw, std::string_view low,
                                       std::initializer_list<std::string_view> list,
                                       bool sentence_start = false) {
    std::vector<std::string> out;
    for (std::string_view cue : list) {
        for (std::size_t p : find_all(low, cue)) {
            if (sentence_start && !at_sentence_start(low, p)) continue;
            out.push_back(as_written(raw, p, cue.size()));
            break;
        }
    }
    return out;
}

/// "a, b, c (+2 more)".
std::string join_hits(const std::vector<std::string>& hits) {
    std::string out;
    for (std::size_t i = 0; i < hits.size() && i < 3; ++i) {
        if (i) out += ", ";
        out += hits[i];
    }
    if (hits.size() > 3) out += " (+" + std::to_string(hits.size() - 3) + " more)";
    return out;
}

void add_hits(Scores& s, const std::string& type, const std::vector<std::string>& hits,
              double per_hit, double cap) {
    if (hits.empty()) return;
    s.add(type, std::min(cap, per_hit * static_cast<double>(hits.size())), join_hits(hits));
}

/// Skips leading lines that only date or place the text ("Manila, 7 August 2023",
/// "22 September 2021") and a dateline before a dash ("Belém, Pará — ").
std::size_t opening_offset(std::string_view low) {
    std::size_t pos = 0;
    for (int guard = 0; guard < 3; ++guard) {
        while (pos < low.size() && (low[pos] == ' ' || low[pos] == '\n' || low[pos] == '\r')) ++pos;
        const auto nl = low.find('\n', pos);
        const auto line = low.substr(pos, nl == std::string_view::npos ? low.npos : nl - pos);
        const auto stop = line.find(". ");
        const auto first = stop == std::string_view::npos ? line : line.substr(0, stop);
        if (first.size() < 60 && first.find_first_of("0123456789") != std::string_view::npos) {
            pos += stop == std::string_view::npos ? line.size() : stop + 2;
            continue;
        }
        break;
    }
    const auto dash = low.find("\xE2\x80\x94", pos);
    if (dash != std::string_view::npos && dash - pos < 80 &&
        low.substr(pos, dash - pos).find('.') == std::string_view::npos) {
        pos = dash + 3;
        while (pos < low.size() && low[pos] == ' ') ++pos;
    }
    return pos;
}

void score_body(std::string_view title, std::string_view text, Scores& s) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    // Pages often repeat the title as the text's first line: skip it.
    {
        const auto start = text.find_first_not_of(" \t\r\n");
        const auto t = trim(title);
        if (!t.empty() && start != std::string_view::npos && text.substr(start).starts_with(t)) {
            const auto after = start + t.size();
            if (after == text.size() || text[after] == '\n' || text[after] == '\r') {
                text.remove_prefix(after);
            }
        }
    }
    const std::string_view head = text.substr(0, std::min(text.size(), kHeadBytes));
    const std::string_view tail =
        text.size() > kHeadBytes ? text.substr(text.size() - kTailBytes) : std::string_view();
    const std::string_view end_raw = tail.empty() ? head : tail;
    const std::string low = lower_ascii(head);
    const std::string end_low = lower_ascii(end_raw);
    const auto lines = split_lines(head);
    auto raw_at = [&](std::size_t pos, std::size_t len) { return as_written(head, pos, len); };
    auto first_pos = [&](std::string_view phrase) {
        const auto p = find_all(low, phrase, 1);
        return p.empty() ? std::string_view::npos : p[0];
    };
    auto first_hit = [&](std::string_view phrase) {
        const auto p = first_pos(phrase);
        return p == std::string_view::npos ? std::string() : raw_at(p, phrase.size());
    };

    // ---- communique
    if (const auto p = first_pos("joint communiqu"); p != std::string_view::npos) {
        s.add("communique", 5, raw_at(p, 16));
    } else {
        bool heading = false;
        for (std::size_t i = 0; i < lines.size() && i < 4; ++i) {
            if (!find_communique(lower_ascii(lines[i])).empty() && lines[i].size() <= 40) {
                s.add("communique", 5, std::string(lines[i]));
                heading = true;
                break;
            }
        }
        if (!heading) {
            if (auto c = find_communique(low); !c.empty()) s.add("communique", 2, raw_at(c[0], 11));
        }
    }
    if (auto h = first_hit("adopted the following decision"); !h.empty()) s.add("communique", 1, h);

    // ---- joint statement (a "joint statement" far into the text is only mentioned)
    if (auto h = first_hit("issued the following joint statement"); !h.empty()) {
        s.add("joint-statement", 4, h);
    } else if (auto h2 = first_hit("issued the following statement"); !h2.empty()) {
        s.add("joint-statement", 4, h2);
    } else if (const auto p = first_pos("joint statement"); p != std::string_view::npos) {
        s.add("joint-statement", p < 600 ? 3 : 1, raw_at(p, 15));
    }
    add_hits(s, "joint-statement",
             distinct_hits(head, low,
                           {"the two sides", "both sides", "the two leaders", "the two governments",
                            "both governments", "the ministers", "the participants",
                            "the two countries", "the parties", "the two ministers", "the leaders"},
                           true),
             1, 4);

    // ---- press release
    if (auto h = first_hit("for immediate release"); !h.empty()) s.add("press-release", 5, h);
    if (const auto p = first_pos("press release"); p != std::string_view::npos) {
        s.add("press-release", p < 600 ? 4 : 1, raw_at(p, 13));
    }
    for (std::string_view cue : {"media contact", "press contact", "for further information",
                                 "media inquiries", "media enquiries", "press office"}) {
        if (!find_all(end_low, cue, 1).empty()) {
            s.add("press-release", 2, std::string(cue));
            break;
        }
    }
    if (auto hits = distinct_hits(
            head, low,
            {"spokesperson said", "spokesman said", "spokeswoman said", "spokesperson stated"});
        !hits.empty()) {
        s.add("press-release", 1.5, hits[0]);
    }
    {
        // "The Ministry of Foreign Affairs ... today ..." opening the text.
        const std::size_t open = opening_offset(low);
        const std::string_view rest = std::string_view(low).substr(open);
        const auto stop = rest.find(". ");
        const std::string_view first_sentence = rest.substr(0, stop == rest.npos ? 400 : stop);
        static constexpr std::array<std::string_view, 16> kInstitutions = {
            "the ministry",          "the department",
            "the embassy",           "the government of",
            "the foreign secretary", "the foreign minister",
            "the world bank",        "the prime minister",
            "the presidency",        "the secretariat",
            "the office of",         "the spokesperson",
            "the high commission",   "the consulate",
            "the permanent mission", "the bank"};
        for (std::string_view inst : kInstitutions) {
            if (!rest.starts_with(inst)) continue;
            if (!find_all(first_sentence, "today", 1).empty()) {
                s.add("press-release", 2.5, raw_at(open, inst.size()) + " ... today");
            } else {
                s.add("press-release", 1.5, raw_at(open, inst.size()) + " ...");
            }
            break;
        }
        // The institution speaking of itself again: "The Department calls on ...".
        std::size_t self = 0;
        std::string self_cue;
        for (std::string_view inst : {"the ministry", "the department", "the embassy", "the bank",
                                      "the secretariat", "the presidency", "the commission"}) {
            for (std::size_t p : find_all(low, inst)) {
                if (!at_sentence_start(low, p)) continue;
                ++self;
                if (self_cue.empty()) self_cue = raw_at(p, inst.size());
            }
        }
        if (self >= 2) s.add("press-release", 2, self_cue + " (x" + std::to_string(self) + ")");
    }
    {
        // A signature: "New Delhi\n1 December 2008", "Ministry of Foreign Affairs, Islamabad".
        const auto end_lines =
            split_lines(end_raw.substr(end_raw.size() > 200 ? end_raw.size() - 200 : 0));
        if (!end_lines.empty()) {
            const auto last = end_lines.back();
            const auto ll = lower_ascii(last);
            const bool short_line = last.size() <= 60 && last.back() != '.' && last.back() != ';';
            const bool date_line = (last[0] >= '0' && last[0] <= '9') && end_lines.size() >= 2 &&
                                   end_lines[end_lines.size() - 2].size() <= 40 &&
                                   last.find(' ') != std::string_view::npos;
            const bool institution = ll.find("ministry") != std::string::npos ||
                                     ll.find("embassy") != std::string::npos ||
                                     ll.find("department") != std::string::npos ||
                                     ll.find("office") != std::string::npos;
            if (short_line && (date_line || (institution && last[0] >= 'A' && last[0] <= 'Z'))) {
                s.add("press-release", 2, "signature: " + std::string(last));
            }
        }
    }

    // A place and date alone on a line under the title: "Manila, 7 August 2023".
    for (std::size_t i = 0; i < lines.size() && i < 2; ++i) {
        const auto line = lines[i];
        const auto comma = line.find(", ");
        if (line.size() <= 40 && comma != std::string_view::npos && comma < 25 && line[0] >= 'A' &&
            line[0] <= 'Z' && line.back() >= '0' && line.back() <= '9') {
            s.add("press-release", 1, "dated header: " + std::string(line));
            break;
        }
    }

    // ---- speech
    if (!lines.empty()) {
        const auto first = lines[0];
        const auto lf = lower_ascii(first);
        if (first.size() <= 160 && first.back() == ',') {
            for (std::string_view w :
                 {"president", "excellenc", "delegates", "ladies", "gentlemen", "colleagues",
                  "friends", "ministers", "chair", "members", "distinguished", "honourable",
                  "honorable", "dear", "secretary-general", "representatives"}) {
                if (lf.find(w) != std::string::npos) {
                    s.add("speech", 5, std::string(first));
                    break;
                }
            }
        }
    }
    {
        std::size_t hits = 0;
        std::string first;
        for (std::string_view cue :
             {"mr. president", "madam president", "mr president", "madam chair", "mr. chairman",
              "mr chairman", "madame president", "mr. chair", "madam chairperson"}) {
            const auto p = find_all(low, cue);
            if (!p.empty() && first.empty()) first = raw_at(p[0], cue.size());
            hits += p.size();
        }
        if (hits) {
            s.add("speech", std::min(3.0, 2 + 0.5 * static_cast<double>(hits - 1)),
                  hits > 1 ? first + " (x" + std::to_string(hits) + ")" : first);
        }
    }
    add_hits(s, "speech",
             distinct_hits(head, low,
                           {"excellencies", "distinguished delegates", "ladies and gentlemen",
                            "dear colleagues", "dear friends", "honourable delegates",
                            "distinguished guests"}),
             1.5, 3);
    {
        const auto tail_lines = split_lines(
            std::string_view(end_low).substr(end_low.size() > 300 ? end_low.size() - 300 : 0));
        const std::string_view last = tail_lines.empty() ? std::string_view() : tail_lines.back();
        if (last.find("i thank you") != std::string_view::npos || last == "thank you." ||
            last == "thank you" || last.starts_with("thank you, mr") ||
            last.starts_with("thank you, madam") || last.ends_with("thank you.")) {
            s.add("speech", 2, "closing: " + std::string(last.substr(0, 40)));
        }
    }
    add_hits(s, "speech",
             distinct_hits(head, low,
                           {"my delegation",
                            "my country",
                            "my government",
                            "i have the honour",
                            "i have the honor",
                            "allow me",
                            "i would like to",
                            "i wish to",
                            "permit me",
                            "i am pleased",
                            "i am honoured",
                            "i stand before",
                            "our delegation",
                            "the delegation of",
                            "let me",
                            "i should like",
                            "may i",
                            "i am convinced",
                            "i congratulate",
                            "i trust",
                            "my statement",
                            "i take this opportunity",
                            "i believe",
                            "i am happy",
                            "i am glad"}),
             1, 3);
    // Congratulating the presiding officer: "congratulate you on your election".
    for (std::size_t p :
         find_all(std::string_view(low).substr(0, std::min<std::size_t>(low.size(), 3000)),
                  "congratulat")) {
        const auto window = std::string_view(low).substr(p, 250);
        if (window.find("election") != std::string_view::npos ||
            window.find("presiden") != std::string_view::npos) {
            s.add("speech", 3, raw_at(p, 14) + "... (election/president)");
            break;
        }
    }
    {
        // Speaking in the first person: "I" as a word.
        std::size_t i_count = 0;
        for (std::size_t p = 0; p + 1 < head.size(); ++p) {
            if (head[p] == 'I' && (p == 0 || !is_alnum(head[p - 1])) && !is_alnum(head[p + 1]) &&
                head[p + 1] != '.' && head[p + 1] != '\'' && head[p + 1] != '-' &&
                head[p + 1] != ')') {
                ++i_count;
            }
        }
        if (i_count >= 8) {
            s.add("speech", 2, "I (x" + std::to_string(i_count) + ")");
        } else if (i_count >= 3) {
            s.add("speech", 1, "I (x" + std::to_string(i_count) + ")");
        }
        // "we" and "our" throughout, as a delegation speaks.
        const std::size_t we = find_all(low, "we").size() + find_all(low, "our").size();
        if (we >= 15) s.add("speech", 1, "we/our (x" + std::to_string(we) + ")");
    }
    if (const auto ga = find_all(low, "general assembly");
        ga.size() >= 2 && !(lines.size() > 0 && lines[0].starts_with("The General Assembly"))) {
        s.add("speech", 1, raw_at(ga[0], 16) + " (x" + std::to_string(ga.size()) + ")");
    }
    add_hits(
        s, "speech",
        distinct_hits(head, low,
                      {"this assembly", "this council", "this organization", "this organisation",
                       "this august", "this conference", "this body", "this chamber",
                       "this session", "this hall", "this rostrum", "this podium", "this forum"}),
        1, 2);

    // ---- transcript
    {
        std::size_t qa = 0;
        std::map<std::string, std::size_t> labels;
        std::size_t label_lines = 0;
        std::string first_qa, first_label;
        for (const auto& line : lines) {
            const auto label = speaker_label(line);
            if (label.empty()) continue;
            const auto l = lower_ascii(label);
            if (one_of(l, {"q", "a", "question", "answer"})) {
                ++qa;
                if (first_qa.empty()) first_qa = std::string(label) + ":";
            }
            ++labels[l];
            ++label_lines;
            if (first_label.empty()) first_label = std::string(label) + ":";
        }
        if (qa >= 2) {
            s.add("transcript", std::min(6.0, 3 + 0.5 * static_cast<double>(qa - 2)),
                  first_qa + " turns (x" + std::to_string(qa) + ")");
        }
        if (labels.size() >= 2 && label_lines >= 3 && label_lines > qa) {
            s.add("transcript", std::min(6.0, 4 + 0.5 * static_cast<double>(label_lines - 3)),
                  "speaker labels (" + std::to_string(labels.size()) + " speakers, " +
                      std::to_string(label_lines) + " turns), first " + first_label);
        }
    }

    // ---- resolution
    if (auto h = first_hit("resolution adopted by"); !h.empty()) s.add("resolution", 5, h);
    if (auto h = first_hit("draft resolution"); !h.empty()) s.add("resolution", 2, h);
    if (!lines.empty()) {
        const auto first = lines[0];
        if (first.size() <= 60 && first.back() == ',' && first.starts_with("The ")) {
            const auto lf = lower_ascii(first);
            for (std::string_view body :
                 {"assembly", "council", "board", "conference", "commission", "committee",
                  "parliament", "summit", "meeting"}) {
                if (lf.find(body) != std::string::npos) {
                    s.add("resolution", 3, std::string(first));
                    break;
                }
            }
        }
    }
    {
        std::size_t pre = 0, op = 0, numbered_other = 0;
        std::string first_pre, first_op;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const auto line = lines[i];
            // A clause opens a paragraph: after a blank line or a clause that ended.
            const bool opens = i == 0 || lines[i - 1].back() == ',' || lines[i - 1].back() == ';' ||
                               lines[i - 1].back() == '.' || lines[i - 1].back() == ':';
            if (!opens) continue;
            const auto ll = lower_ascii(line.substr(0, std::min<std::size_t>(line.size(), 60)));
            for (std::string_view p : kPreambular) {
                if (ll.starts_with(p) && ll.size() > p.size() &&
                    (ll[p.size()] == ' ' || ll[p.size()] == ',') &&
                    (line.back() == ',' || line.back() == ';')) {
                    ++pre;
                    if (first_pre.empty()) first_pre = std::string(line.substr(0, p.size()));
                    break;
                }
            }
            // "1. Decides", "(a) Calls upon".
            std::size_t k = 0;
            while (k < ll.size() && ll[k] >= '0' && ll[k] <= '9') ++k;
            bool numbered = k > 0 && k < 4 && k + 1 < ll.size() && ll[k] == '.' && ll[k + 1] == ' ';
            std::size_t start = numbered ? k + 2 : 0;
            if (!numbered && ll.size() > 4 && ll[0] == '(' && ll[2] == ')' && ll[3] == ' ') {
                numbered = true;
                start = 4;
            }
            if (!numbered) continue;
            bool operative = false;
            for (std::string_view o : kOperative) {
                if (std::string_view(ll).substr(start).starts_with(o)) {
                    ++op;
                    operative = true;
                    if (first_op.empty()) first_op = std::string(line.substr(0, start + o.size()));
                    break;
                }
            }
            if (!operative && ll.size() > start && line[start] >= 'A' && line[start] <= 'Z') {
                ++numbered_other;
            }
        }
        if (pre) {
            s.add("resolution", std::min(4.0, static_cast<double>(pre)),
                  pre > 1 ? first_pre + " (x" + std::to_string(pre) + " paragraphs)" : first_pre);
        }
        if (op) {
            s.add("resolution", std::min(4.0, static_cast<double>(op)),
                  op > 1 ? first_op + " (x" + std::to_string(op) + " paragraphs)" : first_op);
        }
        // Numbered paragraphs of fact in a short text: a ministry's press release.
        if (numbered_other >= 3 && numbered_other <= 10 && op == 0 && text.size() < 8000) {
            s.add("press-release", 1.5,
                  "numbered paragraphs (x" + std::to_string(numbered_other) + ")");
        }
    }

    // ---- declaration
    for (std::string_view cue :
         {"we, the heads of state", "we, the leaders", "we, the heads of government",
          "we, the ministers", "we, the representatives", "we, the participants",
          "we the heads of state", "we, the undersigned"}) {
        if (const auto p = first_pos(cue); p != std::string_view::npos) {
            // Opening the text it is the declaration itself; later it is likely quoted.
            s.add("declaration", p < 300 ? 6 : 1.5, raw_at(p, cue.size()));
            break;
        }
    }
    if (auto hits = distinct_hits(head, low,
                                  {"hereby declare", "declare as follows", "declare our",
                                   "solemnly declare", "declare the following"});
        !hits.empty()) {
        s.add("declaration", 3, hits[0]);
    }
    if (auto hits = distinct_hits(head, low, {"this declaration", "the present declaration"});
        !hits.empty()) {
        s.add("declaration", 1.5, hits[0]);
    }

    // ---- article
    {
        bool dateline = false;
        for (std::size_t i = 0; i < lines.size() && i < 3 && !dateline; ++i) {
            const auto line = lines[i];
            const auto dash = line.find("\xE2\x80\x94");
            const auto agency = line.find(") \xE2\x80\x94");
            // "BEIJING:" / "NEW DELHI:" — an all-caps place and a colon, not a speaker
            // label that recurs.
            const auto colon = line.find(':');
            bool caps_colon = colon != std::string_view::npos && colon >= 3 && colon <= 30;
            for (std::size_t k = 0; caps_colon && k < colon; ++k) {
                const char c = line[k];
                if (!((c >= 'A' && c <= 'Z') || c == ' ' || c == '-' || c == '.' || c == '\'' ||
                      static_cast<unsigned char>(c) >= 0x80)) {
                    caps_colon = false;
                }
            }
            if (caps_colon) {
                std::size_t repeats = 0;
                for (const auto& l : lines) {
                    if (l.starts_with(line.substr(0, colon + 1))) ++repeats;
                }
                if (repeats > 1) caps_colon = false;
            }
            if (agency != std::string_view::npos && agency < 80) {
                s.add("article", 4, std::string(line.substr(0, agency + 5)));
                dateline = true;
            } else if (caps_colon) {
                s.add("article", 3, std::string(line.substr(0, colon + 1)));
                dateline = true;
            } else if (dash != std::string_view::npos && dash < 60 && line[0] >= 'A' &&
                       line[0] <= 'Z' &&
                       line.substr(0, dash).find_first_of("0123456789") != std::string_view::npos) {
                s.add("article", 1.5, std::string(line.substr(0, dash + 3)));
                dateline = true;
            } else if (dash != std::string_view::npos && dash >= 3 && dash < 30) {
                // "NUKU'ALOFA — ": an all-caps place alone before the dash.
                const auto place = trim(line.substr(0, dash));
                const bool caps =
                    !place.empty() && std::none_of(place.begin(), place.end(), [](char c) {
                        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
                    });
                if (caps) {
                    s.add("article", 2, std::string(line.substr(0, dash + 3)));
                    dateline = true;
                }
            }
        }
    }
    if (auto h = first_hit("by our correspondent"); !h.empty()) s.add("article", 2, h);
    for (std::string_view day : {"on monday", "on tuesday", "on wednesday", "on thursday",
                                 "on friday", "on saturday", "on sunday"}) {
        const auto p = find_all(low, day, 1);
        if (!p.empty() && head[p[0] + 3] >= 'A' && head[p[0] + 3] <= 'Z') {
            s.add("article", 1.5, raw_at(p[0], day.size()));
            break;
        }
    }
    add_hits(s, "article",
             distinct_hits(head, low,
                           {"officials said", "told reporters", "according to", "analysts said",
                            "diplomats said", "said in a statement", "official said",
                            "experts said", "officials say", "told the crowd", "said on"}),
             0.75, 3);
    {
        const std::size_t said = find_all(low, "said").size();
        if (said >= 6) {
            s.add("article", 2, "said (x" + std::to_string(said) + ")");
        } else if (said >= 3) {
            s.add("article", 1, "said (x" + std::to_string(said) + ")");
        }
    }
}

}  // namespace

TypeExtraction TypeClassifier::classify(std::string_view title, std::string_view text) const {
    Scores title_scores;
    score_title(title, title_scores);
    Scores body_scores;
    score_body(title, text, body_scores);

    // Merge: one TypeScore per type.
    std::map<std::string, TypeScore> merged;
    for (auto* part : {&title_scores, &body_scores}) {
        for (auto& ts : std::move(*part).sorted()) {
            auto& m = merged[ts.type];
            m.type = ts.type;
            m.score += ts.score;
            for (auto& e : ts.evidence) m.evidence.push_back(std::move(e));
        }
    }
    TypeExtraction out;
    for (auto& [type, ts] : merged) out.scored.push_back(std::move(ts));
    std::stable_sort(out.scored.begin(), out.scored.end(),
                     [](const TypeScore& a, const TypeScore& b) { return a.score > b.score; });
    if (!out.scored.empty() && out.scored[0].score >= kThreshold &&
        (out.scored.size() == 1 || out.scored[0].score - out.scored[1].score >= kMargin)) {
        out.type = out.scored[0].type;
    }
    return out;
}

}  // namespace diplosearch::extraction
