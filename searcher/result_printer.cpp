/// @file
/// @brief Text and JSON printers.
#include "result_printer.hpp"

#include <fmt/format.h>

#include "diplosearch/errors.hpp"
#include "results_json.hpp"
#include "suggestions_json.hpp"

namespace diplosearch::searcher {

namespace {

std::string join(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += sep;
        out += item;
    }
    return out;
}

class TextPrinter final : public ResultPrinter {
  public:
    explicit TextPrinter(bool terminal) : m_terminal(terminal) {}

    Highlight highlight() const override {
        return m_terminal ? Highlight{"\x1b[1m", "\x1b[0m", false} : Highlight{"", "", false};
    }

    void print(const SearchResults& r, std::ostream& out) const override {
        const std::string shown =
            r.hits.empty()
                ? std::string()
                : fmt::format(", showing {}-{}", r.hits.front().rank, r.hits.back().rank);
        if (r.corrected_query) {
            out << fmt::format(
                "No document has every word of \"{}\"; searched for \"{}\" instead\n", r.query,
                *r.corrected_query);
        }
        const std::string& searched = r.corrected_query ? *r.corrected_query : r.query;
        std::string what = searched.empty() ? std::string("all documents") : "\"" + searched + "\"";
        if (!r.like.empty()) {
            what = searched.empty() ? fmt::format("documents like {}", r.like)
                                    : fmt::format("{} like {}", what, r.like);
        }
        if (!r.duplicates_of.empty()) {
            what = searched.empty() && r.like.empty()
                       ? fmt::format("copies of {}", r.duplicates_of)
                       : fmt::format("{} among copies of {}", what, r.duplicates_of);
        }
        const std::string hidden = r.collapsed > 0
                                       ? fmt::format(" ({} near-duplicate{} hidden)", r.collapsed,
                                                     r.collapsed == 1 ? "" : "s")
                                       : std::string();
        out << fmt::format("{} result{} for {}{}{}\n", r.total, r.total == 1 ? "" : "s", what,
                           hidden, shown);
        if (r.all_words < r.total) {
            out << fmt::format("{} with every word, then {} with some of them\n", r.all_words,
                               r.total - r.all_words);
        }
        if (!r.corrected_query && r.suggestion) {
            out << fmt::format("Did you mean: {}\n", *r.suggestion);
        }
        for (const auto& hit : r.hits) {
            const Document& d = hit.document;
            out << fmt::format("\n{:>3}. {}{}{}  [{:.2f}]\n", hit.rank, bold(), d.title, plain(),
                               hit.score);
            std::vector<std::string> meta;
            if (!d.date.empty()) meta.push_back(d.date);
            if (!d.countries.empty()) meta.push_back(join(d.countries, ", "));
            if (!d.topics.empty()) meta.push_back(join(d.topics, ", "));
            if (!d.type.empty()) meta.push_back(d.type);
            if (!d.source.empty()) meta.push_back(d.source);
            if (!meta.empty()) out << "     " << join(meta, " | ") << '\n';
            out << "     id: " << d.id << '\n';
            if (!hit.snippet.empty()) out << "     " << hit.snippet << '\n';
            if (hit.duplicates > 0) {
                out << fmt::format("     and {} similar report{} (--duplicates-of {})\n",
                                   hit.duplicates, hit.duplicates == 1 ? "" : "s", d.id);
            }
        }
        for (const auto& facet : r.facets) {
            if (&facet == &r.facets.front()) out << "\nFacets:\n";
            std::vector<std::string> values;
            for (const auto& v : facet.values) {
                values.push_back(v.label != v.value
                                     ? fmt::format("{} ({}) {}", v.label, v.value, v.count)
                                     : fmt::format("{} {}", v.value, v.count));
            }
            const std::string more =
                facet.distinct > facet.values.size()
                    ? fmt::format(" (+{} more)", facet.distinct - facet.values.size())
                    : std::string();
            out << fmt::format("  {:<8} {}{}\n", facet.field + ":",
                               values.empty() ? std::string("-") : join(values, ", "), more);
        }
    }

    // One line each: kind, document count, text, and a title's document id.
    void print_suggestions(const std::string&, const std::vector<Suggestion>& suggestions,
                           std::ostream& out) const override {
        for (const auto& s : suggestions) {
            const std::string id = s.id.empty() ? std::string() : fmt::format("  (id: {})", s.id);
            out << fmt::format("{:<5} {:>6}  {}{}\n", s.kind, s.documents, s.text, id);
        }
    }

  private:
    const char* bold() const { return m_terminal ? "\x1b[1m" : ""; }
    const char* plain() const { return m_terminal ? "\x1b[0m" : ""; }
    bool m_terminal;
};

class JsonPrinter final : public ResultPrinter {
  public:
    Highlight highlight() const override { return Highlight{"<b>", "</b>", true}; }
    void print(const SearchResults& results, std::ostream& out) const override {
        out << contract_text(results_to_json(results));
    }
    void print_suggestions(const std::string& prefix, const std::vector<Suggestion>& suggestions,
                           std::ostream& out) const override {
        out << contract_text(suggestions_to_json(prefix, suggestions));
    }
};

}  // namespace

std::unique_ptr<ResultPrinter> make_printer(const std::string& format, bool terminal) {
    if (format == "text") return std::make_unique<TextPrinter>(terminal);
    if (format == "json") return std::make_unique<JsonPrinter>();
    throw UsageError("--format must be text or json, not '" + format + "'");
}

}  // namespace diplosearch::searcher
