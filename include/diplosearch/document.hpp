/// @file
/// @brief The document model shared by the indexer and the searcher.
#pragma once

#include <string>
#include <vector>

#include "diplosearch/export.hpp"

namespace diplosearch {

/// One diplomatic document as the indexer stores it and the searcher returns it.
///
/// Values are normalised before indexing: countries become ISO 3166-1 alpha-3
/// codes, topics and types become lowercase slugs, and dates are `YYYY`,
/// `YYYY-MM` or `YYYY-MM-DD`.
struct DIPLOSEARCH_API Document {
    std::string id;                      ///< Unique id; derived from the source path when absent.
    std::string title;                   ///< Display title.
    std::string date;                    ///< `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; empty when unknown.
    std::vector<std::string> countries;  ///< ISO 3166-1 alpha-3 codes, most salient first.
    std::vector<std::string> topics;     ///< Topic slugs such as `trade` or `human-rights`.
    std::string type;     ///< Document type slug: `article`, `communique`, `speech`, ...
    std::string lang;     ///< Language code, e.g. `en`.
    std::string source;   ///< Publisher or collection name.
    std::string url;      ///< Canonical URL, when known.
    std::string speaker;  ///< Speaker or author names, `; `-separated.
    std::string path;     ///< Source file (with `:line` for JSONL records).
    std::string text;     ///< Body text.
    /// E-mail sender (`From`) as `Name <address>`; empty for other documents.
    std::string sender;
    /// E-mail recipients (`To`, then `Cc`), each as `Name <address>`.
    std::vector<std::string> recipients;
    /// Every country the text mentions (alpha-3), most salient first; found by
    /// extraction whether or not `countries` came from the source.
    std::vector<std::string> mentions;
    /// Fields whose values came from extraction rather than the source:
    /// any of `country`, `topic`, `date`, `type`.
    std::vector<std::string> extracted;
    /// UN-style document symbols the title and text cite (`S/RES/2334 (2016)`),
    /// normalised, in order of first mention; filled by the indexer.
    std::vector<std::string> symbols;

    /// The year of `date`, or 0 when the date is unknown.
    int year() const;
};

}  // namespace diplosearch
