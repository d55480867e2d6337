/// @file
/// @brief Gazetteer-driven country matching with case and context rules, and a
/// transparent salience score.
///
/// MATCHING
///   Every short name, formal name, alias, demonym and capital of the gazetteer is
///   tokenised with the same tokeniser as the text (text_tokens.hpp), so "Guinea-Bissau",
///   "U.S." and "People's" compare token by token. A hash map from the first folded token
///   to the name sequences that start with it (longest first) gives the longest match at
///   each position; a match consumes its tokens. Each name token carries a case rule
///   taken from how the gazetteer writes it: capitalised words must be capitalised in the
///   text ("china" and "turkey" never match), all-caps codes must be all caps ("US" but not
///   "us"), mixed-case ones ("BiH", "d'Ivoire") must match exactly or be all caps, small
///   words ("of", "the") match any case. ALL-CAPS text passes every rule. A final "'s"
///   ("China's") is allowed on the last token and left out of the mention.
///
/// AMBIGUITY RULES (a rejected match does not count; see kNameRules and check_context())
///   every match   - after a personal title (Mr, Mrs, Ms, Dr, Sir, Lord, Lady, Queen,
///                   King, Prince, Princess, Prof) -> a person, rejected;
///                 - right after "New" (New Jersey, New Guinea, New Mexico) -> rejected;
///                 - geographic features: "Lake/River/Mount X", "Gulf/Bay/Sea/Strait/
///                   Bight of X", "X Sea/Ocean/Gulf/River/Basin/Strait" -> rejected
///                   ("Lake Chad", "Gulf of Guinea", "South China Sea", "Persian Gulf");
///                 - "X, <US state or Canadian province>" ("Paris, Texas", "Athens,
///                   Georgia") -> rejected; "Tbilisi, Georgia" and "Moldova, Georgia and
///                   Ukraine" are kept;
///   capitals      - followed by an instrument or event word ("Paris Agreement", "Rome
///                   Statute", "Doha Round", "Vienna talks", "Beijing+25") -> rejected: the
///                   text is about the instrument, not the state;
///                 - weak capitals that are common personal or place names (Victoria,
///                   Hamilton, Douglas, Stanley, Jamestown, Sucre, ...) count only in the
///                   dateline;
///   demonyms      - the language, not the people: "(spoke in French)", "French-speaking",
///                   "the Spanish language" -> rejected;
///                 - combining forms (Sino, Indo, Franco, Anglo, ...) count only before a
///                   hyphen ("Sino-Indian", "Franco-German"), not in "Indo-Pacific",
///                   "Anglo-Saxon" or "General Franco";
///   Georgia       - the US state: "Atlanta, Georgia" (a Georgia city and a comma), "state
///                   of Georgia", "Governor of Georgia", "Georgia, USA", "Georgia's
///                   governor", "Georgia Tech" -> rejected;
///   Jordan        - a person after a capitalised first name ("Michael Jordan"; not at the
///                   start of a sentence, where "Both Jordan and ..." is common) or before a
///                   capitalised surname ("Jordan Peterson") -> rejected;
///   Chad          - a first name before a capitalised surname ("Chad Smith") -> rejected;
///   Washington    - a person ("George Washington"), "Washington State" -> rejected;
///   Turkey/China  - the bird and the porcelain by their neighbours ("Turkey dinner",
///                   "roast Turkey", "fine China", "China plates") -> rejected; lower-case
///                   "turkey" and "china" never match;
///   US            - all caps only ("us" and "Us" never match); inside an all-caps run
///                   ("LET US ACT NOW") or as "$US" -> rejected; "U.S." always matches;
///   Guinea        - "guinea pig", "Gulf of Guinea", "New Guinea" -> rejected;
///   Niger         - "Niger Delta" -> Nigeria; "Niger River/Basin" -> rejected;
///   Ireland       - "Northern Ireland" -> United Kingdom;
///   America(n)    - "Latin/South/North/Central/Ibero/Inter-/Pan- America(n)", "our America",
///                   "Organization of American States", "American continent" -> rejected;
///   Indian        - "Indian Ocean", "West Indian", "American Indian" -> rejected;
///   Central African - "Central African States/region/subregion/leaders" and
///                     "West and Central African" -> rejected;
///   Benin, Jersey - "Benin City", "Jersey City" -> rejected.
///   "Mali" inside "Somalia" never matches: matching is by whole tokens.
///
/// ZONES
///   title (the separate argument); dateline (a leading ALL-CAPS place at the very start
///   of the text followed by ':', ',', '(' or a dash; after ',' or '(' it extends to a dash
///   or ':' on the same line: "ISLAMABAD, 12 March (Agency) —", "UNITED NATIONS, New York
///   —"); lead (the first paragraph after the dateline, at most 120 words; the first 80
///   words when the text has no blank line); body (the rest).
///
/// SALIENCE (per country, over all of its accepted mentions)
///   F     = sum of mention weights: name 1.0, demonym 0.5, capital/metonym 0.4 (a place in
///           the dateline weighs 1.0: it is where the story happens)
///   cues  = mentions where the country is the subject or names itself: it opens a
///           sentence, or a verb follows it ("X supports", "X is", "X welcomes"; see
///           kSubjectVerbs), or "my/our country(,) X", "X, my country", "we in X"
///   score = 2·log2(1 + F)  +  4·[in title]  +  4·[in dateline]  +  1.5·[in lead]
///           + 1.0·min(cues, 4)
///   ranked    = every mentioned country by score (ties: more mentions, then earlier).
///   principal = the ranked countries with score >= 0.30 × (top score) and score >= 2.5,
///               at most 5.
///   A country named once in the body scores 2.0 and is never principal on that alone;
///   the parties named in the title and lead of a report of bilateral talks outrank every
///   third party. On the UN General Debate speeches since 1990 (country and title
///   withheld) the speaking state is principal in 98% of speeches, with 2.7 principal
///   countries on average (bench/extraction/country_eval.cpp).
#include "country_extractor.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "localised_country_names.hpp"
#include "script_name_matcher.hpp"
#include "text_tokens.hpp"

namespace diplosearch::extraction {

namespace {

// ---- Weights and cut-offs (see SALIENCE above; tuned with bench/extraction/country_eval) ---
constexpr double kWeightName = 1.0;
constexpr double kWeightDemonym = 0.5;
constexpr double kWeightCapital = 0.4;
constexpr double kFrequencyFactor = 2.0;
constexpr double kTitleBonus = 4.0;
constexpr double kDatelineBonus = 4.0;
constexpr double kLeadBonus = 1.5;
constexpr double kCueBonus = 1.0;
constexpr std::uint32_t kMaxCues = 4;
constexpr double kPrincipalRatio = 0.30;
constexpr double kPrincipalFloor = 2.5;
constexpr std::size_t kMaxPrincipal = 5;
constexpr std::size_t kLeadWordsNoBlankLine = 80;
constexpr std::size_t kLeadWordsMax = 120;
constexpr std::size_t kDatelineMaxTokens = 8;

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
        return std::hash<std::string_view>{}(s);
    }
};
using WordSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

bool contains(const WordSet& set, std::string_view word) {
    return set.find(word) != set.end();
}

// ---- Word tables for the ambiguity rules (folded forms) --------------------------------

// Personal titles: "Mr. Jordan", "Queen Victoria".
const WordSet kPersonTitles{"mr",    "mrs",  "ms",     "miss",    "mister", "dr",
                            "sir",   "dame", "lord",   "lady",    "prof",   "professor",
                            "queen", "king", "prince", "princess"};

// "Lake Chad", "River Niger", "Mount Kenya".
const WordSet kFeatureBefore{"lake", "river", "mount", "mt"};
// "Gulf of Guinea", "Sea of Japan" (the word before "of").
const WordSet kFeatureBeforeOf{"gulf",    "bay",   "sea",     "strait",
                               "straits", "bight", "isthmus", "lake"};
// "South China Sea", "Indian Ocean", "Persian Gulf", "Congo Basin", "Jordan River".
const WordSet kFeatureAfter{"sea", "ocean", "gulf", "river", "basin", "strait", "straits"};

// Instruments and events named after a capital: "Paris Agreement", "Doha Round".
const WordSet kInstrumentAfter{
    "agreement",       "agreements",    "accord",      "accords",       "declaration",
    "declarations",    "convention",    "conventions", "protocol",      "club",
    "principles",      "statute",       "consensus",   "platform",      "programme",
    "program",         "plan",          "process",     "document",      "rules",
    "round",           "treaty",        "charter",     "pact",          "summit",
    "conference",      "commitment",    "commitments", "agenda",        "framework",
    "action",          "call",          "initiative",  "group",         "memorandum",
    "outcome",         "strategy",      "roadmap",     "guidelines",    "mandate",
    "formula",         "format",        "final",       "amendment",     "amendments",
    "appeal",          "communiqué",    "communique",  "understanding", "compact",
    "recommendations", "consultations", "mechanism",   "regulation",    "arrangements",
    "arrangement",     "plus",          "ministerial", "commission",    "climate",
    "talks",           "negotiations",  "peace",       "world",         "international",
    "support",         "partial",       "follow",      "meeting",       "meetings",
    "powers",          "forum",         "global",      "high",          "spirit",
    "criteria",        "consultation"};

// US states and Canadian provinces that follow a place after a comma: "Paris, Texas",
// "Moscow, Idaho". Left out: Georgia (a country, see Rule::kGeorgia), and New York,
// Washington and Quebec, which are also cities listed beside capitals ("Geneva, New York
// and Vienna").
const WordSet kSubnational{"alabama",          "alaska",         "arizona",
                           "arkansas",         "california",     "colorado",
                           "connecticut",      "delaware",       "florida",
                           "hawaii",           "idaho",          "illinois",
                           "indiana",          "iowa",           "kansas",
                           "kentucky",         "louisiana",      "maine",
                           "maryland",         "massachusetts",  "michigan",
                           "minnesota",        "mississippi",    "missouri",
                           "montana",          "nebraska",       "nevada",
                           "new hampshire",    "new jersey",     "new mexico",
                           "north carolina",   "north dakota",   "ohio",
                           "oklahoma",         "oregon",         "pennsylvania",
                           "rhode island",     "south carolina", "south dakota",
                           "tennessee",        "texas",          "utah",
                           "vermont",          "virginia",       "west virginia",
                           "wisconsin",        "wyoming",        "ontario",
                           "british columbia", "alberta",        "manitoba",
                           "saskatchewan",     "nova scotia",    "new brunswick"};

// Cities of the US state of Georgia ("Atlanta, Georgia"; "Athens, Georgia" is not Greece).
const WordSet kGeorgiaCities{"atlanta", "savannah", "augusta", "macon",    "columbus",
                             "athens",  "rome",     "albany",  "marietta", "valdosta"};

// Capitalised words that may stand right before a country name without being a first
// name ("Both Jordan and Egypt", "Neighbouring Jordan").
const WordSet kNotFirstNames{
    "the",         "a",          "an",        "and",          "but",         "or",
    "nor",         "both",       "like",      "unlike",       "in",          "on",
    "at",          "to",         "for",       "from",         "with",        "by",
    "as",          "of",         "neither",   "either",       "only",        "even",
    "today",       "yesterday",  "now",       "then",         "thus",        "hence",
    "also",        "meanwhile",  "however",   "indeed",       "similarly",   "where",
    "when",        "if",         "although",  "though",       "while",       "whereas",
    "since",       "because",    "including", "neighbouring", "neighboring", "brotherly",
    "sisterly",    "friendly",   "hashemite", "northern",     "southern",    "eastern",
    "western",     "central",    "modern",    "independent",  "sovereign",   "whether",
    "let",         "that",       "this",      "so",           "after",       "before",
    "during",      "against",    "despite",   "until",        "why",         "how",
    "what",        "which",      "once",      "here",         "there",       "moreover",
    "furthermore", "recently",   "yet",       "not",          "all",         "via",
    "whereby",     "said",       "through",   "within",       "between",     "among",
    "towards",     "toward",     "about",     "under",        "over",        "into",
    "upon",        "greater",    "ancient",   "historic",     "historical",  "today's",
    "tomorrow's",  "every",      "president", "prime",        "minister",    "government",
    "ambassador",  "delegation", "state"};

// Capitalised words that may follow a country name without being a surname
// ("Chad Government", "Jordan Valley").
const WordSet kNotSurnames{
    "government",  "governments", "president",    "presidency",  "king",
    "queen",       "crown",       "prince",       "minister",    "ministry",
    "prime",       "foreign",     "parliament",   "army",        "armed",
    "embassy",     "mission",     "delegation",   "republic",    "kingdom",
    "valley",      "rift",        "dead",         "state",       "states",
    "national",    "central",     "bank",         "authorities", "forces",
    "red",         "basin",       "river",        "lake",        "commission",
    "declaration", "agreement",   "accord",       "treaty",      "conference",
    "summit",      "talks",       "process",      "initiative",  "plan",
    "office",      "police",      "constitution", "court",       "senate",
    "assembly",    "congress",    "airlines",     "airways",     "international",
    "university",  "institute",   "council",      "society",     "union",
    "league",      "association", "fund",         "foundation",  "group",
    "chamber",     "railway",     "airport",      "port",        "province",
    "region",      "desert",      "border",       "frontier",    "peace",
    "news",        "times",       "post",         "television",  "radio",
    "telecom",     "oil",         "gas",          "power",       "energy",
    "crisis",      "question",    "issue",        "problem",     "conflict",
    "war"};

// Verbs after a country that make it the subject of a statement ("Peru supports the
// draft", "China is ready"): a cue that the text speaks for or about that state.
const WordSet kSubjectVerbs{
    "is",         "has",        "will",       "would",     "was",        "had",        "does",
    "commends",   "reiterates", "urges",      "believes",  "supports",   "joins",      "reaffirms",
    "condemns",   "hopes",      "strongly",   "shares",    "welcomes",   "therefore",  "looks",
    "firmly",     "wishes",     "attaches",   "considers", "expresses",  "calls",      "fully",
    "recognizes", "recognises", "intends",    "stands",    "remains",    "also",       "pledges",
    "appeals",    "encourages", "endorses",   "applauds",  "renews",     "favours",    "favors",
    "deplores",   "emphasizes", "emphasises", "stresses",  "underlines", "reaffirmed", "welcomed",
    "supported",  "wants",      "continues",  "seeks",     "remain",     "welcome",    "support",
    "believe",    "reiterate"};

// Combining forms, valid only before a hyphen, and their exceptions.
const WordSet kCombiningForms{"sino",  "indo",  "franco", "anglo", "austro",
                              "russo", "greco", "italo",  "luso",  "turco"};
const WordSet kCombiningExceptions{"pacific", "european", "saxon",   "saxons",   "aryan",
                                   "iranian", "china",    "chinese", "gangetic", "caribbean"};

// Capitals that are also common personal or place names: they count only in a dateline.
// (Names are compared tokenised: "Saint-Denis" is "saint denis".)
const WordSet kWeakCapitals{"victoria",    "hamilton",    "douglas",      "stanley",  "jamestown",
                            "west island", "saint denis", "saint pierre", "sucre",    "frunze",
                            "miraflores",  "planalto",    "pankow",       "road town"};

// ---- Special rules by name --------------------------------------------------------------

enum class Rule : std::uint8_t {
    kNone,
    kUsCode,          // "US": not inside an all-caps run.
    kGeorgia,         // the US state.
    kPersonName,      // Jordan: first name before or surname after.
    kFirstName,       // Chad: surname after.
    kWashington,      // person before, "Washington State".
    kTurkey,          // the bird.
    kChina,           // the porcelain.
    kGuinea,          // guinea pig.
    kNiger,           // Niger Delta -> Nigeria.
    kIreland,         // Northern Ireland -> United Kingdom.
    kAmericas,        // Latin America etc.
    kIndian,          // West Indian, American Indian.
    kCentralAfrican,  // Central African States.
    kBenin,           // Benin City.
    kJersey,          // Jersey City.
};

struct NameRule {
    std::string_view folded_name;  // tokens joined by one space
    Rule rule;
};

constexpr NameRule kNameRules[] = {
    {"us", Rule::kUsCode},
    {"georgia", Rule::kGeorgia},
    {"jordan", Rule::kPersonName},
    {"chad", Rule::kFirstName},
    {"washington", Rule::kWashington},
    {"turkey", Rule::kTurkey},
    {"china", Rule::kChina},
    {"guinea", Rule::kGuinea},
    {"niger", Rule::kNiger},
    {"ireland", Rule::kIreland},
    {"america", Rule::kAmericas},
    {"american", Rule::kAmericas},
    {"indian", Rule::kIndian},
    {"central african", Rule::kCentralAfrican},
    {"benin", Rule::kBenin},
    {"jersey", Rule::kJersey},
};

// ---- Names ------------------------------------------------------------------------------

enum class CaseRule : std::uint8_t { kAny, kCapitalised, kAllCaps, kExact };

struct NameEntry {
    std::vector<std::string> folded;  // one per token
    std::vector<std::string> exact;   // as written, for CaseRule::kExact
    std::vector<CaseRule> cases;
    std::uint32_t country = 0;
    MentionKind kind = MentionKind::kName;
    Rule rule = Rule::kNone;
    std::string language;    // empty: English, any document; else only documents in it
    bool weak = false;       // dateline only
    bool combining = false;  // only before a hyphen
};

std::string_view strip_possessive(std::string_view folded) {
    if (folded.size() > 2 && folded.ends_with("'s")) return folded.substr(0, folded.size() - 2);
    if (folded.size() > 4 && folded.ends_with("\u2019s"))
        return folded.substr(0, folded.size() - 4);
    return folded;
}

/// "US's": the word before a possessive "'s" is all caps.
bool caps_before_possessive(const Token& t) {
    const std::size_t cut = t.folded.size() - strip_possessive(t.folded).size();
    if (cut == 0 || t.text.size() < cut + 2) return false;
    const std::string_view stem = t.text.substr(0, t.text.size() - cut);
    std::size_t letters = 0;
    for (const char c : stem) {
        if (c >= 'a' && c <= 'z') return false;
        if (c >= 'A' && c <= 'Z') ++letters;
    }
    return letters >= 2;
}

bool case_ok(CaseRule rule, const Token& t, std::string_view exact) {
    switch (rule) {
        case CaseRule::kAny:
            return true;
        case CaseRule::kCapitalised:
            return t.capitalised;
        case CaseRule::kAllCaps:
            return t.all_caps || caps_before_possessive(t);
        case CaseRule::kExact:
            return t.all_caps || t.text == exact ||
                   (t.text.size() > exact.size() && t.text.starts_with(exact));
    }
    return false;
}

CaseRule case_rule_of(const Token& t) {
    if (t.all_caps) return CaseRule::kAllCaps;
    bool inner_upper = false;
    for (std::size_t k = 1; k < t.text.size(); ++k) {
        if (t.text[k] >= 'A' && t.text[k] <= 'Z') inner_upper = true;
    }
    if (inner_upper) return CaseRule::kExact;
    if (t.capitalised) return CaseRule::kCapitalised;
    return CaseRule::kAny;
}

int kind_rank(MentionKind k) {
    switch (k) {
        case MentionKind::kName:
            return 0;
        case MentionKind::kDemonym:
            return 1;
        case MentionKind::kCapital:
            return 2;
    }
    return 3;
}

double kind_weight(MentionKind k) {
    switch (k) {
        case MentionKind::kName:
            return kWeightName;
        case MentionKind::kDemonym:
            return kWeightDemonym;
        case MentionKind::kCapital:
            return kWeightCapital;
    }
    return 0.0;
}

// ---- Token neighbourhood helpers --------------------------------------------------------

/// The text between token j-1 and token j (the text before token 0 for j == 0).
std::string_view gap_before(const std::vector<Token>& toks, std::size_t j, std::string_view text) {
    if (j == 0) return text.substr(0, toks[0].offset);
    const std::size_t end = toks[j - 1].offset + toks[j - 1].text.size();
    return text.substr(end, toks[j].offset - end);
}

/// Only blanks (at most one line break) between two words.
bool blank_gap(std::string_view gap) {
    int newlines = 0;
    for (const char c : gap) {
        if (c == '\n') {
            if (++newlines > 1) return false;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            return false;
        }
    }
    return true;
}

enum class Verdict : std::uint8_t { kAccept, kReject, kRemap };

}  // namespace

// ---- Implementation ---------------------------------------------------------------------

class CountryExtractor::Impl {
  public:
    explicit Impl(const CountryGazetteer& gazetteer);
    CountryExtraction extract(std::string_view title, std::string_view text,
                              std::string_view lang) const;

  private:
    struct Match {
        std::size_t first = 0;
        std::size_t count = 0;
        const NameEntry* entry = nullptr;
        std::uint32_t country = 0;
    };
    struct Scan {
        const std::vector<Token>& toks;
        std::string_view text;
        Zone zone_default;
        std::size_t dateline_end = 0;  // tokens [0, dateline_end) are the dateline
        std::size_t lead_end = 0;      // tokens [dateline_end, lead_end) are the lead
        bool title_case = false;
        std::string_view lang;  // the document's language
    };

    void add(std::string_view name, std::uint32_t country, MentionKind kind,
             std::string_view language = {}, bool any_case = false);
    // Adds the names m_script_names finds in @p s's text to the mentions that
    // scan() found there (from index @p first on), keeping them in text order.
    void scan_scripts(const Scan& s, std::size_t first, std::vector<CountryMention>& out,
                      std::vector<bool>& mention_cues) const;
    bool find_match(const Scan& s, std::size_t i, Match& m) const;
    Verdict check_context(const Scan& s, const Match& m, Zone zone, std::uint32_t& remap) const;
    /// A one-word name, demonym or capital ("Syria Jordan" is two countries, not a person).
    bool is_country_word(std::string_view folded) const {
        const auto it = m_by_first.find(strip_possessive(folded));
        if (it == m_by_first.end()) return false;
        return std::any_of(it->second.begin(), it->second.end(),
                           [&](std::uint32_t e) { return m_entries[e].folded.size() == 1; });
    }
    bool first_name_before(const Scan& s, std::size_t i) const;
    bool surname_after(const Scan& s, std::size_t after) const;
    bool is_cue(const Scan& s, const Match& m) const;
    void scan(const Scan& s, std::vector<CountryMention>& out,
              std::vector<bool>& mention_cues) const;

    std::vector<std::string> m_alpha3;
    std::vector<NameEntry> m_entries;
    ScriptNameMatcher m_script_names;
    std::unordered_map<std::string, std::vector<std::uint32_t>, StringHash, std::equal_to<>>
        m_by_first;
    bool may_start_lowercase(std::string_view folded) const {
        if (folded.empty() || !m_lowercase_first_bytes[static_cast<unsigned char>(folded[0])]) {
            return false;
        }
        return contains(m_lowercase_firsts, strip_possessive(folded));
    }

    WordSet m_lowercase_firsts;  // first tokens of names that may start lower-case
    std::array<bool, 256> m_lowercase_first_bytes{};  // their first bytes
    std::uint32_t m_nigeria = UINT32_MAX;
    std::uint32_t m_uk = UINT32_MAX;
};

CountryExtractor::Impl::Impl(const CountryGazetteer& gazetteer) {
    const auto& countries = gazetteer.countries();
    for (std::size_t c = 0; c < countries.size(); ++c) {
        const Country& country = countries[c];
        const auto idx = static_cast<std::uint32_t>(c);
        m_alpha3.push_back(country.alpha3);
        if (country.alpha3 == "NGA") m_nigeria = idx;
        if (country.alpha3 == "GBR") m_uk = idx;
        add(country.short_name, idx, MentionKind::kName);
        add(country.formal_name, idx, MentionKind::kName);
        for (const auto& a : country.aliases) add(a, idx, MentionKind::kName);
        for (const auto& d : country.demonyms) add(d, idx, MentionKind::kDemonym);
        for (const auto& cap : country.capitals) add(cap, idx, MentionKind::kCapital);
    }
    for (const LocalisedCountryName& name : localised_country_names(gazetteer)) {
        if (!m_script_names.add(name.name, name.country, name.kind))
            add(name.name, name.country, name.kind, name.language, name.any_case);
    }
    for (auto& [first, list] : m_by_first) {
        std::stable_sort(list.begin(), list.end(), [&](std::uint32_t a, std::uint32_t b) {
            const NameEntry& ea = m_entries[a];
            const NameEntry& eb = m_entries[b];
            if (ea.folded.size() != eb.folded.size()) return ea.folded.size() > eb.folded.size();
            return kind_rank(ea.kind) < kind_rank(eb.kind);
        });
    }
}

void CountryExtractor::Impl::add(std::string_view name, std::uint32_t country, MentionKind kind,
                                 std::string_view language, bool any_case) {
    if (name.empty()) return;
    // Apostrophes are ASCII in the gazetteer; texts also use U+2019.
    std::string curly;
    if (name.find('\'') != std::string_view::npos) {
        for (const char ch : name) {
            if (ch == '\'') {
                curly += "\u2019";
            } else {
                curly += ch;
            }
        }
    }
    for (const std::string_view variant : {name, std::string_view(curly)}) {
        if (variant.empty()) continue;
        const std::vector<Token> toks = tokenise(variant);
        if (toks.empty()) continue;
        NameEntry e;
        e.country = country;
        e.kind = kind;
        e.language = std::string(language);
        std::string joined;
        for (const Token& t : toks) {
            e.folded.push_back(t.folded);
            e.exact.emplace_back(t.text);
            e.cases.push_back(case_rule_of(t));
            if (!joined.empty()) joined += ' ';
            joined += t.folded;
        }
        // Every name starts with a capital letter (or is all caps) in the text, but for a
        // leading "Former": "the former Yugoslav Republic of Macedonia".
        if (e.cases[0] == CaseRule::kAny && !any_case) e.cases[0] = CaseRule::kCapitalised;
        if (e.folded[0] == "former") e.cases[0] = CaseRule::kAny;
        // Skip exact duplicates (e.g. "St. Kitts" and "St Kitts" tokenise alike).
        bool duplicate = false;
        if (const auto it = m_by_first.find(e.folded[0]); it != m_by_first.end()) {
            for (const std::uint32_t other : it->second) {
                const NameEntry& o = m_entries[other];
                if (o.folded == e.folded && o.cases == e.cases && o.exact == e.exact &&
                    (o.language.empty() || o.language == e.language)) {
                    duplicate = true;
                }
            }
        }
        if (duplicate) continue;
        for (const NameRule& r : kNameRules) {
            if (r.folded_name == joined) e.rule = r.rule;
        }
        e.weak = kind == MentionKind::kCapital && contains(kWeakCapitals, joined);
        e.combining = kind == MentionKind::kDemonym && contains(kCombiningForms, joined);
        if (e.cases[0] == CaseRule::kExact || e.cases[0] == CaseRule::kAny) {
            m_lowercase_firsts.insert(e.folded[0]);
            m_lowercase_first_bytes[static_cast<unsigned char>(e.folded[0][0])] = true;
        }
        const auto index = static_cast<std::uint32_t>(m_entries.size());
        m_by_first[e.folded[0]].push_back(index);
        m_entries.push_back(std::move(e));
    }
}

bool CountryExtractor::Impl::find_match(const Scan& s, std::size_t i, Match& m) const {
    const Token& first = s.toks[i];
    // Most words are lower-case and no name starts with one (but "eSwatini"): skip them
    // without hashing.
    if (!first.capitalised && !may_start_lowercase(first.folded)) return false;
    auto try_list = [&](std::string_view key, bool single_only) {
        const auto it = m_by_first.find(key);
        if (it == m_by_first.end()) return false;
        for (const std::uint32_t index : it->second) {
            const NameEntry& e = m_entries[index];
            const std::size_t n = e.folded.size();
            if (single_only && n != 1) continue;
            if (!e.language.empty() && e.language != s.lang) continue;
            if (i + n > s.toks.size()) continue;
            bool ok = true;
            for (std::size_t k = 0; k < n && ok; ++k) {
                const Token& t = s.toks[i + k];
                const bool last = k + 1 == n;
                if (k > 0 && t.folded != e.folded[k] &&
                    !(last && strip_possessive(t.folded) == e.folded[k])) {
                    ok = false;
                    break;
                }
                ok = case_ok(e.cases[k], t, e.exact[k]);
            }
            if (!ok) continue;
            m.first = i;
            m.count = n;
            m.entry = &e;
            m.country = e.country;
            return true;
        }
        return false;
    };
    if (try_list(first.folded, false)) return true;
    const std::string_view stem = strip_possessive(first.folded);
    if (stem.size() != first.folded.size() && try_list(stem, true)) return true;
    return false;
}

bool CountryExtractor::Impl::first_name_before(const Scan& s, std::size_t i) const {
    if (i == 0 || s.title_case) return false;
    const Token& t = s.toks[i];
    const Token& p = s.toks[i - 1];
    if (t.all_caps || p.all_caps || !p.capitalised || t.hyphen_before || p.sentence_start) {
        return false;
    }
    if (!blank_gap(gap_before(s.toks, i, s.text))) return false;
    if (contains(kNotFirstNames, p.folded) || is_country_word(p.folded)) return false;
    return true;
}

bool CountryExtractor::Impl::surname_after(const Scan& s, std::size_t after) const {
    if (after >= s.toks.size() || s.title_case) return false;
    const Token& n = s.toks[after];
    const Token& t = s.toks[after - 1];
    if (t.all_caps || n.all_caps || !n.capitalised || n.hyphen_before || n.sentence_start) {
        return false;
    }
    if (!blank_gap(gap_before(s.toks, after, s.text))) return false;
    if (contains(kNotSurnames, n.folded) || is_country_word(n.folded)) return false;
    return true;
}

Verdict CountryExtractor::Impl::check_context(const Scan& s, const Match& m, Zone zone,
                                              std::uint32_t& remap) const {
    const NameEntry& e = *m.entry;
    const auto& toks = s.toks;
    const std::size_t i = m.first;
    const std::size_t after = m.first + m.count;
    const Token* p1 = i >= 1 ? &toks[i - 1] : nullptr;
    const Token* p2 = i >= 2 ? &toks[i - 2] : nullptr;
    const Token* n1 = after < toks.size() ? &toks[after] : nullptr;
    const Token* n2 = after + 1 < toks.size() ? &toks[after + 1] : nullptr;
    const bool p1_joined = p1 && blank_gap(gap_before(toks, i, s.text));
    const bool n1_joined = n1 && (blank_gap(gap_before(toks, after, s.text)) || n1->hyphen_before);
    const bool n1_comma = n1 && gap_before(toks, after, s.text).find(',') != std::string_view::npos;
    const bool p1_comma = p1 && gap_before(toks, i, s.text).find(',') != std::string_view::npos;
    auto p1_is = [&](std::string_view w) { return p1 && p1->folded == w; };
    auto n1_is = [&](std::string_view w) { return n1 && n1->folded == w; };
    auto n1_in = [&](const WordSet& set) { return n1 && contains(set, n1->folded); };
    auto p1_in = [&](const WordSet& set) { return p1 && contains(set, p1->folded); };
    const bool possessive =
        toks[after - 1].folded.size() != strip_possessive(toks[after - 1].folded).size();

    // Weak capitals and combining forms.
    if (e.weak && zone != Zone::kDateline) return Verdict::kReject;
    if (e.combining) {
        if (!n1 || !n1->hyphen_before || contains(kCombiningExceptions, n1->folded)) {
            return Verdict::kReject;
        }
        return Verdict::kAccept;
    }

    // Generic rules.
    if (p1 && p1_in(kPersonTitles) && p1->capitalised && !toks[i].all_caps) {
        return Verdict::kReject;
    }
    if (p1 && p1->folded == "new" && p1->capitalised && p1_joined && !toks[i].hyphen_before)
        return Verdict::kReject;
    if (p1 && p1_in(kFeatureBefore) && p1->capitalised && p1_joined) return Verdict::kReject;
    if (p1_is("of") && p2 && contains(kFeatureBeforeOf, p2->folded) && p2->capitalised) {
        return Verdict::kReject;
    }
    if (e.rule == Rule::kNiger && n1 && n1->folded == "delta" && n1->capitalised) {
        if (m_nigeria == UINT32_MAX) return Verdict::kReject;
        remap = m_nigeria;
        return Verdict::kRemap;
    }
    if (n1_joined && !possessive && n1_in(kFeatureAfter) && !n1->hyphen_before) {
        return Verdict::kReject;
    }
    if (n1_comma && !possessive && n1->capitalised) {
        if (contains(kSubnational, strip_possessive(n1->folded))) return Verdict::kReject;
        if (n2 && contains(kSubnational, n1->folded + " " + n2->folded)) return Verdict::kReject;
        if (n1->folded == "georgia" && m.count == 1 && contains(kGeorgiaCities, toks[i].folded)) {
            return Verdict::kReject;  // "Athens, Georgia"
        }
    }
    if (e.kind == MentionKind::kDemonym) {
        // The language, not the people: "(spoke in French)", "French-speaking".
        static const WordSet language_after{"speaking", "language", "languages", "speakers"};
        static const WordSet spoke{"spoke",          "speaking",   "spoken",
                                   "written",        "translated", "interpreted",
                                   "interpretation", "published",  "delivered"};
        if (n1_joined && n1_in(language_after)) return Verdict::kReject;
        if (p1_is("in") && p2 && contains(spoke, p2->folded)) return Verdict::kReject;
        if (p1_is("in") && (!n1 || gap_before(toks, after, s.text).starts_with(')'))) {
            return Verdict::kReject;
        }
    }
    if (e.kind == MentionKind::kCapital && n1 && !possessive) {
        if (n1_joined && n1_in(kInstrumentAfter)) return Verdict::kReject;
        const std::string_view g = gap_before(toks, after, s.text);
        if (g.find('+') != std::string_view::npos) return Verdict::kReject;  // Beijing+20
    }

    switch (e.rule) {
        case Rule::kNone:
            break;
        case Rule::kNiger:
            if (p1_is("river")) return Verdict::kReject;
            break;
        case Rule::kUsCode: {
            if (toks[i].text.find('.') != std::string_view::npos) break;              // "U.S."
            if (gap_before(toks, i, s.text).ends_with('$')) return Verdict::kReject;  // "$US 5"
            // Inside an all-caps run ("LET US ACT NOW") "US" is the pronoun.
            static const WordSet acronyms{"un",  "eu",   "uk",  "nato", "usa",   "ussr",
                                          "imf", "wto",  "oas", "opec", "asean", "uae",
                                          "prc", "dprk", "gdp", "gnp",  "us",    "u.s"};
            int caps_words = 0;
            for (std::size_t k = i >= 2 ? i - 2 : 0; k < std::min(toks.size(), after + 2); ++k) {
                if (k == i) continue;
                if (toks[k].all_caps && !contains(acronyms, toks[k].folded)) ++caps_words;
            }
            if (caps_words >= 2) return Verdict::kReject;
            break;
        }
        case Rule::kGeorgia: {
            static const WordSet us_after{"tech",    "governor",    "senate",
                                          "senator", "legislature", "bulldogs",
                                          "peach",   "peaches",     "aquarium"};
            static const WordSet heads_of{"governor", "senator", "university", "congressman",
                                          "congresswoman"};
            if (p1 && p1_comma && contains(kGeorgiaCities, p1->folded)) return Verdict::kReject;
            if (p1_is("of") && p2 && p2->folded == "state" && !p2->capitalised) {
                return Verdict::kReject;
            }
            if (p1_is("of") && p2 && contains(heads_of, p2->folded)) return Verdict::kReject;
            if (p1_is("from") && p2 && (p2->folded == "senator" || p2->folded == "congressman")) {
                return Verdict::kReject;
            }
            if (n1 && n1_comma &&
                (n1->folded == "usa" || n1->folded == "u.s" || n1->folded == "u.s.a" ||
                 (n1->folded == "us" && n1->all_caps) ||
                 (n1->folded == "united" && n2 && n2->folded == "states"))) {
                return Verdict::kReject;
            }
            if (n1 && !n1_comma && contains(us_after, n1->folded)) return Verdict::kReject;
            if (p1 && p1->folded == "u.s" && p1_joined) return Verdict::kReject;
            break;
        }
        case Rule::kPersonName:
            if (first_name_before(s, i) || surname_after(s, after)) return Verdict::kReject;
            break;
        case Rule::kFirstName:
            if (surname_after(s, after)) return Verdict::kReject;
            break;
        case Rule::kWashington:
            if (first_name_before(s, i)) return Verdict::kReject;
            if (n1_joined && n1_is("state")) return Verdict::kReject;
            if (p1_is("of") && p2 && p2->folded == "state") return Verdict::kReject;
            break;
        case Rule::kTurkey: {
            static const WordSet before{"roast",     "roasted", "wild", "stuffed", "thanksgiving",
                                        "christmas", "smoked",  "cold", "carve",   "carved"};
            static const WordSet food{"dinner",  "dinners",  "sandwich", "sandwiches", "breast",
                                      "meat",    "leg",      "legs",     "farm",       "farms",
                                      "farmers", "feathers", "vulture",  "vultures",   "trot",
                                      "shoot",   "bacon",    "burger",   "burgers",    "stuffing"};
            if ((p1_in(before) && p1_joined) || (n1_in(food) && n1_joined)) {
                return Verdict::kReject;
            }
            break;
        }
        case Rule::kChina: {
            static const WordSet before{"fine", "bone", "porcelain"};
            static const WordSet ware{"plate",   "plates", "cup",  "cups",   "dish",   "dishes",
                                      "cabinet", "clay",   "doll", "dolls",  "teapot", "teacup",
                                      "teacups", "shop",   "ware", "saucer", "saucers"};
            if ((p1_in(before) && p1_joined) || (n1_in(ware) && n1_joined)) {
                return Verdict::kReject;
            }
            break;
        }
        case Rule::kGuinea: {
            static const WordSet animals{"pig", "pigs", "fowl", "fowls", "worm", "worms"};
            if (n1_in(animals) && n1_joined) return Verdict::kReject;
            break;
        }
        case Rule::kIreland:
            if (p1 && p1->folded == "northern" && p1_joined && p1->capitalised) {
                if (m_uk == UINT32_MAX) return Verdict::kReject;
                remap = m_uk;
                return Verdict::kRemap;
            }
            break;
        case Rule::kAmericas: {
            static const WordSet regions{"latin", "south",    "north",   "central",      "ibero",
                                         "our",   "meso",     "pan",     "inter",        "afro",
                                         "anglo", "hispanic", "spanish", "mesoamerican", "andean"};
            static const WordSet tails{"states",  "continent", "hemisphere", "nations",
                                       "peoples", "republics", "countries",  "region"};
            if (p1_in(regions) && (p1_joined || toks[i].hyphen_before)) return Verdict::kReject;
            if (e.kind == MentionKind::kDemonym && n1_in(tails) && n1_joined) {
                return Verdict::kReject;
            }
            break;
        }
        case Rule::kIndian: {
            static const WordSet before{"west", "american", "native", "east", "red"};
            if (p1_in(before) && (p1_joined || toks[i].hyphen_before)) return Verdict::kReject;
            break;
        }
        case Rule::kCentralAfrican: {
            static const WordSet tails{"states",    "region",  "subregion", "sub",
                                       "countries", "forest",  "forests",   "economic",
                                       "monetary",  "customs", "leaders",   "nations"};
            if (n1_in(tails) && n1_joined) return Verdict::kReject;
            // "West and Central African": the region, not the republic.
            static const WordSet regions{"west", "east", "and"};
            if (p1_in(regions) && p1_joined) return Verdict::kReject;
            break;
        }
        case Rule::kBenin:
        case Rule::kJersey:  // "Benin City", "Jersey City".
            if (n1_is("city") && n1_joined) return Verdict::kReject;
            break;
    }
    return Verdict::kAccept;
}

bool CountryExtractor::Impl::is_cue(const Scan& s, const Match& m) const {
    const auto& toks = s.toks;
    const std::size_t i = m.first;
    const std::size_t after = m.first + m.count;
    const auto folded = [&](std::size_t k) -> std::string_view {
        return k < toks.size() ? std::string_view(toks[k].folded) : std::string_view();
    };
    // Self-naming: "my country(,) X", "our country X", "X, my country", "we in X".
    if (i >= 2 && folded(i - 1) == "country" && (folded(i - 2) == "my" || folded(i - 2) == "our")) {
        return true;
    }
    if ((folded(after) == "my" || folded(after) == "our") && folded(after + 1) == "country") {
        return true;
    }
    if (i >= 2 && folded(i - 1) == "in" && folded(i - 2) == "we") return true;
    // Subject: the country opens a sentence or a verb follows it ("X supports", "X is").
    if (i > 0 && toks[i].sentence_start) return true;
    const bool possessive =
        toks[after - 1].folded.size() != strip_possessive(toks[after - 1].folded).size();
    return !possessive && contains(kSubjectVerbs, folded(after));
}

void CountryExtractor::Impl::scan(const Scan& s, std::vector<CountryMention>& out,
                                  std::vector<bool>& mention_cues) const {
    std::size_t i = 0;
    Match m;
    while (i < s.toks.size()) {
        if (!find_match(s, i, m)) {
            ++i;
            continue;
        }
        Zone zone = s.zone_default;
        if (zone != Zone::kTitle) {
            zone = i < s.dateline_end ? Zone::kDateline
                   : i < s.lead_end   ? Zone::kLead
                                      : Zone::kBody;
        }
        std::uint32_t country = m.country;
        const Verdict v = check_context(s, m, zone, country);
        if (v == Verdict::kReject) {
            ++i;
            continue;
        }
        const Token& first = s.toks[m.first];
        const Token& last = s.toks[m.first + m.count - 1];
        const std::size_t possessive = last.folded.size() - strip_possessive(last.folded).size();
        const std::size_t end = last.offset + last.text.size() - possessive;
        CountryMention mention;
        mention.alpha3 = m_alpha3[country];
        mention.matched = std::string(s.text.substr(first.offset, end - first.offset));
        mention.offset = first.offset;
        mention.zone = zone;
        mention.kind = m.entry->kind;
        out.push_back(std::move(mention));
        mention_cues.push_back(is_cue(s, m));
        i += m.count;
    }
}

namespace {

/// Number of leading tokens that form an ALL-CAPS dateline ("BEIJING:", "ISLAMABAD, 12
/// March (Agency) —", "UNITED NATIONS, New York —"), or 0.
std::size_t dateline_end(const std::vector<Token>& toks, std::string_view text) {
    if (toks.empty()) return 0;
    std::string_view before = text.substr(0, toks[0].offset);
    while (before.starts_with("\xEF\xBB\xBF")) before.remove_prefix(3);
    for (const char c : before) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return 0;
    }
    std::size_t k = 0;
    auto joins_words = [](std::string_view gap) {
        return std::all_of(gap.begin(), gap.end(),
                           [](char c) { return c == ' ' || c == '.' || c == '-' || c == '\''; });
    };
    while (k < toks.size() && k < kDatelineMaxTokens && toks[k].all_caps &&
           (k == 0 || joins_words(gap_before(toks, k, text)))) {
        ++k;
    }
    if (k == 0) return 0;
    std::size_t pos = toks[k - 1].offset + toks[k - 1].text.size();
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '.')) ++pos;
    if (pos >= text.size()) return 0;
    const std::string_view rest = text.substr(pos);
    const bool dash =
        rest.starts_with("\u2014") || rest.starts_with("\u2013") || rest.starts_with("-");
    if (rest[0] == ':' || dash) return k;
    if (rest[0] != ',' && rest[0] != '(') return 0;
    // After ',' or '(' the dateline runs to a dash or ':' on the same line.
    std::string_view line = rest.substr(0, std::min<std::size_t>(rest.size(), 100));
    line = line.substr(0, line.find('\n'));
    std::size_t stop = std::string_view::npos;
    for (const std::string_view sep : {"\u2014", "\u2013", " - ", ":"}) {
        stop = std::min(stop, line.find(sep));
    }
    if (stop == std::string_view::npos) return k;
    const std::size_t limit = pos + stop;
    std::size_t n = k;
    while (n < toks.size() && toks[n].offset < limit) ++n;
    return n;
}

bool looks_title_case(const std::vector<Token>& toks) {
    std::size_t words = 0;
    std::size_t capitalised = 0;
    for (const Token& t : toks) {
        if (t.text.size() < 4) continue;
        ++words;
        if (t.capitalised) ++capitalised;
    }
    return words >= 3 && capitalised * 4 >= words * 3;
}

}  // namespace

CountryExtraction CountryExtractor::Impl::extract(std::string_view title, std::string_view text,
                                                  std::string_view lang) const {
    CountryExtraction result;
    std::vector<bool> cues;

    if (!title.empty()) {
        const std::vector<Token> toks = tokenise(title);
        Scan s{toks, title, Zone::kTitle};
        s.title_case = looks_title_case(toks);
        s.lang = lang;
        const std::size_t first = result.mentions.size();
        scan(s, result.mentions, cues);
        scan_scripts(s, first, result.mentions, cues);
    }
    {
        const std::vector<Token> toks = tokenise(text);
        Scan s{toks, text, Zone::kBody};
        s.dateline_end = dateline_end(toks, text);
        const std::size_t lead_start = s.dateline_end;
        if (lead_start < toks.size()) {
            if (toks.back().paragraph == 0) {
                s.lead_end = std::min(toks.size(), lead_start + kLeadWordsNoBlankLine);
            } else {
                const std::uint32_t para = toks[lead_start].paragraph;
                std::size_t e = lead_start;
                while (e < toks.size() && toks[e].paragraph == para &&
                       e - lead_start < kLeadWordsMax) {
                    ++e;
                }
                s.lead_end = e;
            }
        } else {
            s.lead_end = lead_start;
        }
        s.lang = lang;
        const std::size_t first = result.mentions.size();
        scan(s, result.mentions, cues);
        scan_scripts(s, first, result.mentions, cues);
    }

    // Salience.
    struct Acc {
        CountrySalience sal;
        double frequency = 0.0;
        std::uint32_t cues = 0;
        std::size_t first_seen = 0;
    };
    std::unordered_map<std::string_view, std::size_t> index;
    std::vector<Acc> acc;
    for (std::size_t k = 0; k < result.mentions.size(); ++k) {
        const CountryMention& m = result.mentions[k];
        auto [it, inserted] = index.emplace(m.alpha3, acc.size());
        if (inserted) {
            Acc a;
            a.sal.alpha3 = m.alpha3;
            a.first_seen = k;
            acc.push_back(std::move(a));
        }
        Acc& a = acc[it->second];
        // The dateline place is where the story happens: it weighs as a name.
        a.frequency += m.zone == Zone::kDateline ? kWeightName : kind_weight(m.kind);
        if (cues[k]) ++a.cues;
        ++a.sal.mentions;
        if (m.zone == Zone::kTitle) a.sal.in_title = true;
        if (m.zone == Zone::kDateline) a.sal.in_dateline = true;
        if (m.zone == Zone::kLead) a.sal.in_lead = true;
    }
    for (Acc& a : acc) {
        a.sal.score = kFrequencyFactor * std::log2(1.0 + a.frequency) +
                      (a.sal.in_title ? kTitleBonus : 0.0) +
                      (a.sal.in_dateline ? kDatelineBonus : 0.0) +
                      (a.sal.in_lead ? kLeadBonus : 0.0) + kCueBonus * std::min(a.cues, kMaxCues);
    }
    std::sort(acc.begin(), acc.end(), [](const Acc& a, const Acc& b) {
        if (a.sal.score != b.sal.score) return a.sal.score > b.sal.score;
        if (a.sal.mentions != b.sal.mentions) return a.sal.mentions > b.sal.mentions;
        return a.first_seen < b.first_seen;
    });
    for (Acc& a : acc) result.ranked.push_back(std::move(a.sal));
    if (!result.ranked.empty()) {
        const double threshold =
            std::max(kPrincipalFloor, kPrincipalRatio * result.ranked.front().score);
        for (const CountrySalience& c : result.ranked) {
            if (result.principal.size() >= kMaxPrincipal || c.score < threshold) break;
            result.principal.push_back(c.alpha3);
        }
    }
    return result;
}

void CountryExtractor::Impl::scan_scripts(const Scan& s, std::size_t first,
                                          std::vector<CountryMention>& out,
                                          std::vector<bool>& mention_cues) const {
    const std::vector<ScriptNameMatch> matches = m_script_names.find(s.text);
    if (matches.empty()) return;
    // Zones by byte offset: where the dateline and the lead end.
    const auto offset_of = [&](std::size_t token) {
        return token < s.toks.size() ? s.toks[token].offset : s.text.size();
    };
    const std::size_t dateline_end = offset_of(s.dateline_end);
    const std::size_t lead_end = offset_of(s.lead_end);
    for (const ScriptNameMatch& m : matches) {
        CountryMention mention;
        mention.alpha3 = m_alpha3[m.country];
        mention.matched = std::string(s.text.substr(m.offset, m.length));
        mention.offset = m.offset;
        mention.zone = s.zone_default == Zone::kTitle                  ? Zone::kTitle
                       : m.offset < dateline_end && s.dateline_end > 0 ? Zone::kDateline
                       : m.offset < lead_end                           ? Zone::kLead
                                                                       : Zone::kBody;
        mention.kind = m.kind;
        out.push_back(std::move(mention));
        mention_cues.push_back(false);
    }
    // Merged into text order: salience breaks ties by first mention.
    std::vector<std::size_t> indices(out.size() - first);
    for (std::size_t k = 0; k < indices.size(); ++k) indices[k] = first + k;
    std::stable_sort(indices.begin(), indices.end(),
                     [&](std::size_t a, std::size_t b) { return out[a].offset < out[b].offset; });
    std::vector<CountryMention> sorted;
    std::vector<bool> sorted_cues;
    for (const std::size_t k : indices) {
        sorted.push_back(std::move(out[k]));
        sorted_cues.push_back(mention_cues[k]);
    }
    for (std::size_t k = 0; k < indices.size(); ++k) {
        out[first + k] = std::move(sorted[k]);
        mention_cues[first + k] = sorted_cues[k];
    }
}

// ---- Public interface -------------------------------------------------------------------

CountryExtractor::CountryExtractor(const CountryGazetteer& gazetteer)
    : m_impl(std::make_unique<Impl>(gazetteer)) {}
CountryExtractor::~CountryExtractor() = default;
CountryExtractor::CountryExtractor(CountryExtractor&&) noexcept = default;
CountryExtractor& CountryExtractor::operator=(CountryExtractor&&) noexcept = default;

CountryExtraction CountryExtractor::extract(std::string_view title, std::string_view text,
                                            std::string_view lang) const {
    return m_impl->extract(title, text, lang);
}

const char* zone_name(Zone zone) {
    switch (zone) {
        case Zone::kTitle:
            return "title";
        case Zone::kDateline:
            return "dateline";
        case Zone::kLead:
            return "lead";
        case Zone::kBody:
            return "body";
    }
    return "body";
}

const char* kind_name(MentionKind kind) {
    switch (kind) {
        case MentionKind::kName:
            return "name";
        case MentionKind::kDemonym:
            return "demonym";
        case MentionKind::kCapital:
            return "capital";
    }
    return "name";
}

}  // namespace diplosearch::extraction
