/// @file
/// @brief Sources to raw documents, format by format.
#include "document_reader.hpp"

#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "diplosearch/errors.hpp"
#include "email_document.hpp"
#include "html_document.hpp"
#include "json_document.hpp"
#include "office_document.hpp"
#include "parse_error.hpp"
#include "pdf_document.hpp"
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

// Text in UTF-16 with a byte order mark (as Windows tools save it) to UTF-8;
// unpaired surrogates become U+FFFD. Without a mark UTF-16 looks binary.
bool decode_utf16(std::string& content) {
    const bool little = content.starts_with("\xFF\xFE");
    if (!little && !content.starts_with("\xFE\xFF")) return false;
    std::string out;
    out.reserve(content.size());
    auto unit_at = [&](std::size_t i) -> std::uint32_t {
        const auto a = static_cast<unsigned char>(content[i]);
        const auto b = static_cast<unsigned char>(content[i + 1]);
        return little ? (a | (b << 8)) : ((a << 8) | b);
    };
    auto append = [&](std::uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    };
    constexpr std::uint32_t kReplacement = 0xFFFD;
    for (std::size_t i = 2; i + 1 < content.size(); i += 2) {
        const std::uint32_t unit = unit_at(i);
        if (unit >= 0xD800 && unit < 0xDC00 && i + 3 < content.size()) {
            const std::uint32_t low = unit_at(i + 2);
            if (low >= 0xDC00 && low < 0xE000) {
                append(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
                i += 2;
                continue;
            }
        }
        append(unit >= 0xD800 && unit < 0xE000 ? kReplacement : unit);
    }
    content = std::move(out);
    return true;
}

// A JSON file may be large as a whole, but each of its documents is bounded
// like a file or a record.
Document bounded(Document doc) {
    if (doc.text.size() + doc.title.size() > kMaxDocumentBytes) {
        throw std::invalid_argument(fmt::format(
            "document larger than {} MiB, the limit for one document", kMaxDocumentBytes >> 20));
    }
    return doc;
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
    } catch (const UnreadableDocument& e) {
        report(ProblemKind::kSkipped, origin, line, e.what());
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
        if (reader.overlong()) {
            any = true;
            report(ProblemKind::kRejected, name, line_no,
                   fmt::format("record longer than {} MiB, the limit for one document",
                               kMaxDocumentBytes >> 20));
            continue;
        }
        if (line_no == 1) text::strip_bom(line);
        if (text::trim(line).empty()) continue;
        any = true;
        nlohmann::json object;
        try {
            object = nlohmann::json::parse(line);
        } catch (const nlohmann::json::exception& e) {
            // Not only parse_error: a number too large for a double is out_of_range.
            report(ProblemKind::kRejected, name, line_no, json_error(e));
            continue;
        }
        deliver([&] { return document_from_json(object); }, name, line_no,
                fmt::format("{}#{}", id_base, line_no));
    }
    if (!any) report(ProblemKind::kSkipped, name, 0, "no JSONL records (empty input)");
}

void DocumentReader::read_listed_file(const SourceFile& file) {
    if (!file.skip_reason.empty()) {
        report(ProblemKind::kSkipped, file.path, 0, file.skip_reason);
        return;
    }
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
        std::string content = read_all(
            *stream, *format == InputFormat::kJson ? kMaxJsonFileBytes : kMaxDocumentBytes);
        if (is_binary_format(*format)) {
            read_binary(content, *format, file);
            return;
        }
        decode_utf16(content);
        if (text::trim(content).empty()) {
            report(ProblemKind::kSkipped, file.path, 0, "empty file");
            return;
        }
        if (text::looks_binary(content)) {
            report(ProblemKind::kSkipped, file.path, 0, "binary content, not text");
            return;
        }
        text::strip_bom(content);
        if (const std::size_t repaired = text::repair_utf8(content); repaired > 0) {
            report(ProblemKind::kWarning, file.path, 0,
                   fmt::format("repaired {} invalid UTF-8 sequence(s)", repaired));
        }
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
            case InputFormat::kPdf:
            case InputFormat::kDocx:
            case InputFormat::kOdt:
            case InputFormat::kEmail:
                break;  // Read as bytes above.
        }
    } catch (const FileVanished& e) {
        report(ProblemKind::kSkipped, file.path, 0, e.reason());
    } catch (const InputError& e) {
        report(ProblemKind::kRejected, file.path, e.line(), e.reason());
    }
}

// Formats with parsers of their own take the bytes as they are: a PDF or a zip is
// binary by nature, and a message declares its charsets part by part.
void DocumentReader::read_binary(const std::string& content, InputFormat format,
                                 const SourceFile& file) {
    if (text::trim(content).empty()) {
        report(ProblemKind::kSkipped, file.path, 0, "empty file");
        return;
    }
    deliver(
        [&] {
            switch (format) {
                case InputFormat::kPdf:
                    return bounded(document_from_pdf(content));
                case InputFormat::kDocx:
                    return bounded(document_from_docx(content));
                case InputFormat::kOdt:
                    return bounded(document_from_odt(content));
                default:
                    return bounded(document_from_email(content));
            }
        },
        file.path, 0, file.id_base);
}

void DocumentReader::read_json(const std::string& content, const SourceFile& file) {
    nlohmann::json parsed;
    try {
        parsed = nlohmann::json::parse(content);
    } catch (const nlohmann::json::exception& e) {
        report(ProblemKind::kRejected, file.path, 0, json_error(e));
        return;
    }
    if (parsed.is_array() && parsed.empty()) {
        report(ProblemKind::kSkipped, file.path, 0, "empty JSON array");
        return;
    }
    if (!parsed.is_array()) {
        deliver([&] { return bounded(document_from_json(parsed)); }, file.path, 0, file.id_base);
        return;
    }
    for (std::size_t i = 0; i < parsed.size(); ++i) {
        try {
            SourceDocument source{bounded(document_from_json(parsed[i])), file.path, 0,
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
