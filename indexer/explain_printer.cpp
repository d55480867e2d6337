/// @file
/// @brief Rendering extraction explanations.
#include "explain_printer.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace diplosearch::indexer {

namespace {

using namespace extraction;

constexpr std::size_t kMaxListed = 8;

bool was_extracted(const Document& doc, std::string_view field) {
    return std::find(doc.extracted.begin(), doc.extracted.end(), field) != doc.extracted.end();
}

std::string origin_label(const Document& doc, std::string_view field, bool has_value) {
    if (!has_value) return "none";
    return was_extracted(doc, field) ? "extracted" : "source";
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

void print_countries(const ExplainedDocument& e, std::ostream& out) {
    const Document& d = e.document;
    out << fmt::format("  country   [{}] {}\n", origin_label(d, "country", !d.countries.empty()),
                       join(d.countries));
    const auto& ranked = e.report.countries.ranked;
    for (std::size_t i = 0; i < ranked.size() && i < kMaxListed; ++i) {
        const auto& c = ranked[i];
        std::vector<std::string> spans;
        for (const auto& m : e.report.countries.mentions) {
            if (m.alpha3 != c.alpha3 || spans.size() == 4) continue;
            spans.push_back(fmt::format("\"{}\" {} {}@{}", m.matched, kind_name(m.kind),
                                        zone_name(m.zone), m.offset));
        }
        out << fmt::format("      {} score {:.2f}, {} mention(s){}{}{}: {}\n", c.alpha3, c.score,
                           c.mentions, c.in_title ? ", title" : "",
                           c.in_dateline ? ", dateline" : "", c.in_lead ? ", lead" : "",
                           join(spans));
    }
    if (ranked.size() > kMaxListed)
        out << fmt::format("      … {} more\n", ranked.size() - kMaxListed);
    out << fmt::format("  mentions  {}\n", join(d.mentions));
}

void print_topics(const ExplainedDocument& e, std::ostream& out) {
    const Document& d = e.document;
    out << fmt::format("  topic     [{}] {}\n", origin_label(d, "topic", !d.topics.empty()),
                       join(d.topics));
    if (!e.report.topics) return;
    const auto& scored = e.report.topics->scored;
    for (std::size_t i = 0; i < scored.size() && i < kMaxListed; ++i) {
        out << fmt::format("      {} {:.2f}: {}\n", scored[i].slug, scored[i].score,
                           join(scored[i].evidence));
    }
}

void print_date(const ExplainedDocument& e, std::ostream& out) {
    const Document& d = e.document;
    out << fmt::format("  date      [{}] {}\n", origin_label(d, "date", !d.date.empty()), d.date);
    if (!e.report.date) return;
    const auto& candidates = e.report.date->candidates;
    for (std::size_t i = 0; i < candidates.size() && i < kMaxListed; ++i) {
        const auto& c = candidates[i];
        out << fmt::format("      {} {:.2f} {} \"{}\"@{}\n", c.date.iso(), c.score, c.rule,
                           c.matched, c.offset);
    }
}

void print_type(const ExplainedDocument& e, std::ostream& out) {
    const Document& d = e.document;
    out << fmt::format("  type      [{}] {}\n", origin_label(d, "type", !d.type.empty()), d.type);
    if (!e.report.type) return;
    for (const auto& s : e.report.type->scored) {
        out << fmt::format("      {} {:.2f}: {}\n", s.type, s.score, join(s.evidence));
    }
}

nlohmann::json field_json(const Document& d, std::string_view field, nlohmann::json value,
                          bool has_value) {
    return {{"value", std::move(value)}, {"origin", origin_label(d, field, has_value)}};
}

}  // namespace

void print_explanation_text(const std::vector<ExplainedDocument>& docs, std::ostream& out) {
    for (const auto& e : docs) {
        const Document& d = e.document;
        out << fmt::format("{}\n  id        {}\n  title     {}\n", d.path.empty() ? d.id : d.path,
                           d.id, d.title);
        for (const auto& w : e.warnings) out << "  warning   " << w << '\n';
        print_countries(e, out);
        print_topics(e, out);
        print_date(e, out);
        print_type(e, out);
        out << '\n';
    }
}

nlohmann::json explanation_json(const std::vector<ExplainedDocument>& docs) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : docs) {
        const Document& d = e.document;
        nlohmann::json countries = nlohmann::json::array();
        for (const auto& c : e.report.countries.ranked) {
            countries.push_back({{"code", c.alpha3},
                                 {"score", c.score},
                                 {"mentions", c.mentions},
                                 {"in_title", c.in_title},
                                 {"in_dateline", c.in_dateline},
                                 {"in_lead", c.in_lead}});
        }
        nlohmann::json spans = nlohmann::json::array();
        for (const auto& m : e.report.countries.mentions) {
            spans.push_back({{"code", m.alpha3},
                             {"text", m.matched},
                             {"offset", m.offset},
                             {"zone", zone_name(m.zone)},
                             {"kind", kind_name(m.kind)}});
        }
        nlohmann::json topics = nlohmann::json::array();
        if (e.report.topics) {
            for (const auto& t : e.report.topics->scored) {
                topics.push_back({{"topic", t.slug}, {"score", t.score}, {"evidence", t.evidence}});
            }
        }
        nlohmann::json dates = nlohmann::json::array();
        if (e.report.date) {
            for (const auto& c : e.report.date->candidates) {
                dates.push_back({{"date", c.date.iso()},
                                 {"score", c.score},
                                 {"rule", c.rule},
                                 {"text", c.matched},
                                 {"offset", c.offset}});
            }
        }
        nlohmann::json types = nlohmann::json::array();
        if (e.report.type) {
            for (const auto& s : e.report.type->scored) {
                types.push_back({{"type", s.type}, {"score", s.score}, {"evidence", s.evidence}});
            }
        }
        list.push_back({
            {"id", d.id},
            {"path", d.path},
            {"title", d.title},
            {"warnings", e.warnings},
            {"country", field_json(d, "country", d.countries, !d.countries.empty())},
            {"topic", field_json(d, "topic", d.topics, !d.topics.empty())},
            {"date", field_json(d, "date", d.date, !d.date.empty())},
            {"type", field_json(d, "type", d.type, !d.type.empty())},
            {"mentions", d.mentions},
            {"evidence",
             {{"countries", countries},
              {"spans", spans},
              {"topics", topics},
              {"dates", dates},
              {"types", types}}},
        });
    }
    return {{"format_version", 1}, {"documents", list}};
}

}  // namespace diplosearch::indexer
