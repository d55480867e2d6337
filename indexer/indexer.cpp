/// @file
/// @brief The public Indexer: sources to formats to normalised documents to Xapian.
#include "diplosearch/indexer.hpp"

#include <chrono>
#include <exception>
#include <iostream>
#include <optional>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "byte_stream.hpp"
#include "country_gazetteer.hpp"
#include "database.hpp"
#include "diplosearch/errors.hpp"
#include "document_builder.hpp"
#include "document_normaliser.hpp"
#include "html_document.hpp"
#include "input_format.hpp"
#include "json_document.hpp"
#include "parse_error.hpp"
#include "source_walker.hpp"
#include "text.hpp"
#include "text_document.hpp"

namespace diplosearch {

using namespace indexer;

namespace {

constexpr std::uint64_t kProgressEvery = 200;

void log_problem(const InputProblem& problem) {
    const std::string where =
        problem.line > 0 ? fmt::format("{}:{}", problem.source, problem.line) : problem.source;
    switch (problem.kind) {
        case ProblemKind::kWarning:
            spdlog::warn("{}: {}", where, problem.reason);
            break;
        case ProblemKind::kSkipped:
            spdlog::warn("{}: skipped: {}", where, problem.reason);
            break;
        case ProblemKind::kRejected:
            spdlog::error("{}: rejected: {}", where, problem.reason);
            break;
    }
}

}  // namespace

class Indexer::Impl {
  public:
    Impl(const std::string& db_path, IndexerOptions options)
        : m_path(db_path),
          m_options(std::move(options)),
          m_db(database::open_for_writing(db_path)),
          m_builder(m_options.spelling ? &m_db : nullptr),
          m_normaliser(CountryGazetteer::builtin()),
          m_started(std::chrono::steady_clock::now()) {
        if (!m_options.format.empty() && m_options.format != "auto") {
            m_forced_format = parse_format_name(m_options.format);
            if (!m_forced_format) {
                throw UsageError(fmt::format(
                    "unknown input format '{}' (use jsonl, json, text, markdown or html)",
                    m_options.format));
            }
        }
        if (m_options.batch_size == 0) m_options.batch_size = 1;
    }

    ~Impl() {
        // Commit what was added on a normal exit. When unwinding from an error,
        // or after a failed write, the open transaction is dropped instead, so
        // the database keeps exactly its last commit.
        if (m_failed || std::uncaught_exceptions() > m_uncaught_at_open) return;
        try {
            commit();
        } catch (const std::exception& e) {
            spdlog::error("{}: final commit failed: {}", m_path, e.what());
        }
    }

    void add_source(const std::string& source) {
        if (source == "-") {
            add_jsonl(*wrap_istream(std::cin, "-"), "-", "stdin");
            return;
        }
        std::vector<SourceFile> files;
        try {
            files = list_source_files(source);
        } catch (const InputError& e) {
            report(ProblemKind::kRejected, e.source(), 0, e.reason());
            return;
        }
        for (const auto& file : files) add_file(file);
    }

    void add_jsonl(ByteStream& stream, const std::string& name, const std::string& id_base) {
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
            index_parsed([&] { return document_from_json(object); }, name, line_no,
                         fmt::format("{}#{}", id_base, line_no));
        }
        if (!any) report(ProblemKind::kSkipped, name, 0, "no JSONL records (empty input)");
    }

    void add_document(Document doc, const std::string& origin, std::uint64_t line,
                      const std::string& fallback_id) {
        std::vector<std::string> warnings;
        m_normaliser.normalise(doc, fallback_id, warnings);
        if (doc.path.empty()) doc.path = line > 0 ? fmt::format("{}:{}", origin, line) : origin;
        for (const auto& w : warnings) report(ProblemKind::kWarning, origin, line, w);
        if (!warnings.empty()) ++m_stats.warnings;
        try {
            if (m_pending == 0) m_db.begin_transaction();
            m_db.replace_document(DocumentBuilder::id_term(doc.id), m_builder.build(doc));
        } catch (const Xapian::Error& e) {
            m_failed = true;
            database::rethrow(e, m_path);
        }
        ++m_stats.indexed;
        if (++m_pending >= m_options.batch_size) commit();
        if (m_options.progress && m_stats.indexed % kProgressEvery == 0) {
            m_options.progress(stats());
        }
    }

    void commit() {
        if (m_pending == 0) return;
        if (m_failed) throw IndexError(m_path + ": not committing after a failed write");
        try {
            m_db.commit_transaction();
        } catch (const Xapian::Error& e) {
            m_failed = true;  // Xapian's writer must not be reused after a failed commit.
            database::rethrow(e, m_path);
        }
        spdlog::debug("{}: committed {} document(s)", m_path, m_pending);
        m_pending = 0;
    }

    IndexStats stats() const {
        IndexStats s = m_stats;
        s.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
        return s;
    }

    void set_handler(std::function<void(const InputProblem&)> handler) {
        m_handler = std::move(handler);
    }

  private:
    static std::string json_error(const nlohmann::json::exception& e) {
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

    void report(ProblemKind kind, const std::string& source, std::uint64_t line,
                const std::string& reason) {
        if (kind == ProblemKind::kSkipped) ++m_stats.skipped;
        if (kind == ProblemKind::kRejected) ++m_stats.rejected;
        const InputProblem problem{kind, source, line, reason};
        if (m_handler) {
            m_handler(problem);
        } else {
            log_problem(problem);
        }
    }

    // Parses with @p parse and indexes the result, turning parse and
    // normalisation failures into rejections of this one document.
    template <typename Parse>
    void index_parsed(Parse&& parse, const std::string& origin, std::uint64_t line,
                      const std::string& fallback_id) {
        try {
            add_document(parse(), origin, line, fallback_id);
        } catch (const ParseError& e) {
            report(ProblemKind::kRejected, origin, e.line() > 0 ? e.line() : line, e.what());
        } catch (const std::invalid_argument& e) {
            report(ProblemKind::kRejected, origin, line, e.what());
        } catch (const nlohmann::json::exception& e) {
            report(ProblemKind::kRejected, origin, line, json_error(e));
        }
    }

    void add_file(const SourceFile& file) {
        const auto format = m_forced_format ? m_forced_format : format_from_path(file.path);
        if (!format) {
            report(ProblemKind::kSkipped, file.path, 0,
                   fmt::format("unsupported file type (supported: {})", kSupportedExtensions));
            return;
        }
        try {
            auto stream = open_file_stream(file.path);
            if (*format == InputFormat::kJsonl) {
                add_jsonl(*stream, file.path, file.id_base);
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
            text::repair_utf8(content);  // The normaliser counts repairs in each field.
            text::normalise_line_ends(content);
            add_content(*format, content, file);
        } catch (const InputError& e) {
            report(ProblemKind::kRejected, file.path, e.line(), e.reason());
        }
    }

    void add_content(InputFormat format, const std::string& content, const SourceFile& file) {
        switch (format) {
            case InputFormat::kJson:
                add_json(content, file);
                break;
            case InputFormat::kText:
            case InputFormat::kMarkdown:
                index_parsed(
                    [&] { return document_from_text(content, format == InputFormat::kMarkdown); },
                    file.path, 0, file.id_base);
                break;
            case InputFormat::kHtml:
                index_parsed([&] { return document_from_html(content); }, file.path, 0,
                             file.id_base);
                break;
            case InputFormat::kJsonl:
                break;  // Streamed by add_file.
        }
    }

    void add_json(const std::string& content, const SourceFile& file) {
        nlohmann::json parsed;
        try {
            parsed = nlohmann::json::parse(content);
        } catch (const nlohmann::json::parse_error& e) {
            report(ProblemKind::kRejected, file.path, 0, json_error(e));
            return;
        }
        if (!parsed.is_array()) {
            index_parsed([&] { return document_from_json(parsed); }, file.path, 0, file.id_base);
            return;
        }
        for (std::size_t i = 0; i < parsed.size(); ++i) {
            try {
                add_document(document_from_json(parsed[i]), file.path, 0,
                             fmt::format("{}#{}", file.id_base, i + 1));
            } catch (const std::invalid_argument& e) {
                report(ProblemKind::kRejected, file.path, 0,
                       fmt::format("array element {}: {}", i + 1, e.what()));
            }
        }
    }

    std::string m_path;
    IndexerOptions m_options;
    std::optional<InputFormat> m_forced_format;
    Xapian::WritableDatabase m_db;
    DocumentBuilder m_builder;
    DocumentNormaliser m_normaliser;
    std::function<void(const InputProblem&)> m_handler;
    IndexStats m_stats;
    std::uint64_t m_pending = 0;
    bool m_failed = false;
    int m_uncaught_at_open = std::uncaught_exceptions();
    std::chrono::steady_clock::time_point m_started;
};

Indexer::Indexer(const std::string& db_path, IndexerOptions options)
    : m_impl(std::make_unique<Impl>(db_path, std::move(options))) {}
Indexer::~Indexer() = default;
Indexer::Indexer(Indexer&&) noexcept = default;
Indexer& Indexer::operator=(Indexer&&) noexcept = default;

void Indexer::set_problem_handler(std::function<void(const InputProblem&)> handler) {
    m_impl->set_handler(std::move(handler));
}

void Indexer::add_source(const std::string& source) {
    m_impl->add_source(source);
}

void Indexer::add_jsonl_stream(std::istream& input, const std::string& name) {
    auto stream = wrap_istream(input, name);
    m_impl->add_jsonl(*stream, name, name);
}

void Indexer::add_document(Document document) {
    const std::string id = document.id;
    try {
        m_impl->add_document(std::move(document), "api", 0, id);
    } catch (const std::invalid_argument& e) {
        throw InputError("api", 0, e.what());
    }
}

void Indexer::commit() {
    m_impl->commit();
}

IndexStats Indexer::stats() const {
    return m_impl->stats();
}

}  // namespace diplosearch
