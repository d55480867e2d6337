/// @file
/// @brief Sources to raw documents, format by format.
#include "document_reader.hpp"

#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "diplosearch/errors.hpp"
#include "html_document.hpp"
#include "json_document.hpp"
#include "parse_error.hpp"
#include "text.hpp"
#include "text_document.hpp"

namespace diplosearch::indexer {

namespace {

std::string json_error(const nlohmann::json::exception& e) {
    // nlohmann prefixes "[json.exception.parse_error.101] "; keep the readable part.
    std::string message = e.what();
    if (const auto bracket = message.find("] "); bracket != std::string::npos) {
        message.erase(0, bracket + 2);
    }
    // A JSONL record is one line, so nlohmann's "line 1" only confuses.
    if (const auto at = message.find("at line 1, "); at != std::string::npos) {
        message.erase(at + 3, 8);
    }
    return "invalid JSON: " + message;
}

// Where a result came from, as printed with it: the file, and the line for JSONL.
void set_path(SourceDocument& source) {
    if (!source.document.path.empty()) return;
    source.document.path =
        source.line > 0 ? fmt::format("{}:{}", source.origin, source.line) : source.origin;
}

}  // namespace

DocumentReader::DocumentReader(std::optional<InputFormat> format, DocumentSink on_document,
                               ProblemSink on_problem)
    : m_format(format),
      m_on_document(std::move(on_document)),
      m_on_problem(std::move(on_problem)) {}

void DocumentReader::report(ProblemKind kind, const std::string& source, std::uint64_t line,
                            const std::string& reason) {
    m_on_problem(InputProblem{kind, source, line, reason});
}

// Parses with @p parse and delivers the result, turning parse and
// normalisation failures into rejections of this one document.
template <typename Parse>
void DocumentReader::deliver(Parse&& parse, const std::string& origin, std::uint64_t line,
                             const std::string& fallback_id) {
    try {
        SourceDocument source{parse(), origin, line, fallback_id, m_origin_key};
        set_path(source);
        m_on_document(std::move(source));
    } catch (const ParseError& e) {
        report(ProblemKind::kRejected, origin, e.line() > 0 ? e.line() : line, e.what());
    } catch (const std::invalid_argument& e) {
        report(ProblemKind::kRejected, origin, line, e.what());
    } catch (const nlohmann::json::exception& e) {
        report(ProblemKind::kRejected, origin, line, json_error(e));
    }
}

void DocumentReader::read_source(const std::string& source) {
    if (source == "-") {
        m_origin_key.clear();
        read_jsonl(*wrap_istream(std::cin, "-"), "-", "stdin");
        return;
    }
    SourceListing listing;
    try {
        listing = list_source(source);
    } catch (const InputError& e) {
        report(ProblemKind::kRejected, e.source(), 0, e.reason());
        return;
    }
    for (const auto& file : listing.files) read_file(file);
}

void DocumentReader::read_file(const SourceFile& file) {
    m_origin_key = file.absolute_path;
    read_listed_file(file);
    m_origin_key.clear();
}

void DocumentReader::read_jsonl(ByteStream& stream, const std::string& name,
                                const std::string& id_base) {
    LineReader reader(stream);
    std::string line;
    bool any = false;
    while (reader.next(line)) {
        const auto line_no = reader.line_number();
        if (line_no == 1) text::strip_bom(line);
        if (text::trim(line).empty()) continue;
        any = true;
        nlohmann::json object;
        try {
            object = nlohmann::json::parse(line);
        } catch (const nlohmann::json::parse_error& e) {
            report(ProblemKind::kRejected, name, line_no, json_error(e));
            continue;
        }
        deliver([&] { return document_from_json(object); }, name, line_no,
                fmt::format("{}#{}", id_base, line_no));
    }
    if (!any) report(ProblemKind::kSkipped, name, 0, "no JSONL records (empty input)");
}

void DocumentReader::read_listed_file(const SourceFile& file) {
    const auto format = m_format ? m_format : format_from_path(file.path);
    if (!format) {
        report(ProblemKind::kSkipped, file.path, 0,
               fmt::format("unsupported file type (supported: {})", kSupportedExtensions));
        return;
    }
    try {
        auto stream = open_file_stream(file.path);
        if (*format == InputFormat::kJsonl) {
            read_jsonl(*stream, file.path, file.id_base);
            return;
        }
        std::string content = read_all(*stream);
        if (text::trim(content).empty()) {
            report(ProblemKind::kSkipped, file.path, 0, "empty file");
            return;
        }
        if (text::looks_binary(content)) {
            report(ProblemKind::kSkipped, file.path, 0, "binary content, not text");
            return;
        }
        text::strip_bom(content);
        text::repair_utf8(content);
        text::normalise_line_ends(content);
        switch (*format) {
            case InputFormat::kJson:
                read_json(content, file);
                break;
            case InputFormat::kText:
            case InputFormat::kMarkdown: {
                const bool markdown = *format == InputFormat::kMarkdown;
                deliver([&] { return document_from_text(content, markdown); }, file.path, 0,
                        file.id_base);
                break;
            }
            case InputFormat::kHtml:
                deliver([&] { return document_from_html(content); }, file.path, 0, file.id_base);
                break;
            case InputFormat::kJsonl:
                break;  // Streamed above.
        }
    } catch (const InputError& e) {
        report(ProblemKind::kRejected, file.path, e.line(), e.reason());
    }
}

void DocumentReader::read_json(const std::string& content, const SourceFile& file) {
    nlohmann::json parsed;
    try {
        parsed = nlohmann::json::parse(content);
    } catch (const nlohmann::json::parse_error& e) {
        report(ProblemKind::kRejected, file.path, 0, json_error(e));
        return;
    }
    if (parsed.is_array() && parsed.empty()) {
        report(ProblemKind::kSkipped, file.path, 0, "empty JSON array");
        return;
    }
    if (!parsed.is_array()) {
        deliver([&] { return document_from_json(parsed); }, file.path, 0, file.id_base);
        return;
    }
    for (std::size_t i = 0; i < parsed.size(); ++i) {
        try {
            SourceDocument source{document_from_json(parsed[i]), file.path, 0,
                                  fmt::format("{}#{}", file.id_base, i + 1), m_origin_key};
            set_path(source);
            m_on_document(std::move(source));
        } catch (const std::invalid_argument& e) {
            report(ProblemKind::kRejected, file.path, 0,
                   fmt::format("array element {}: {}", i + 1, e.what()));
        }
    }
}

}  // namespace diplosearch::indexer
