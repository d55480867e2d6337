/// @file
/// @brief The public Indexer: read sources, normalise, extract, write to Xapian.
#include "diplosearch/indexer.hpp"

#include <chrono>
#include <exception>
#include <optional>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "content_hash.hpp"
#include "country_gazetteer.hpp"
#include "database.hpp"
#include "diplosearch/errors.hpp"
#include "document_builder.hpp"
#include "document_normaliser.hpp"
#include "document_reader.hpp"
#include "extraction/metadata_extractor.hpp"
#include "schema.hpp"

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

std::optional<InputFormat> forced_format(const std::string& name) {
    if (name.empty() || name == "auto") return std::nullopt;
    const auto format = parse_format_name(name);
    if (!format) {
        throw UsageError(fmt::format(
            "unknown input format '{}' (use auto, jsonl, json, text, markdown or html)", name));
    }
    return format;
}

}  // namespace

class Indexer::Impl {
  public:
    Impl(const std::string& db_path, IndexerOptions options)
        : m_path(db_path),
          m_options(std::move(options)),
          m_reader(
              forced_format(m_options.format),
              [this](SourceDocument&& source) { add(std::move(source)); },
              [this](const InputProblem& problem) { report(problem); }),
          m_db(database::open_for_writing(db_path, m_options.wait_seconds)),
          m_builder(m_options.spelling ? &m_db : nullptr),
          m_normaliser(CountryGazetteer::builtin()),
          m_started(std::chrono::steady_clock::now()) {
        if (m_options.extract) m_extractor.emplace(CountryGazetteer::builtin());
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

    DocumentReader& reader() { return m_reader; }

    // Normalises, extracts and writes one document; std::invalid_argument rejects it.
    void add(SourceDocument&& source) {
        Document& doc = source.document;
        std::vector<std::string> warnings;
        m_normaliser.normalise(doc, source.fallback_id, warnings);
        for (const auto& w : warnings) {
            report(InputProblem{ProblemKind::kWarning, source.origin, source.line, w});
        }
        if (!warnings.empty()) ++m_stats.warnings;
        const std::string hash = content_hash(doc, m_extractor.has_value());
        const std::string id_term = DocumentBuilder::id_term(doc.id);
        try {
            if (indexed_hash(id_term) == hash) {
                ++m_stats.unchanged;
                return;
            }
            if (m_extractor) m_extractor->apply(doc);
            Xapian::Document xdoc = m_builder.build(doc);
            xdoc.add_value(schema::slot(schema::ValueSlot::kContentHash), hash);
            if (m_pending == 0) m_db.begin_transaction();
            m_db.replace_document(id_term, xdoc);
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
    // The content hash stored with the document indexed under @p id_term, or "".
    std::string indexed_hash(const std::string& id_term) {
        const auto it = m_db.postlist_begin(id_term);
        if (it == m_db.postlist_end(id_term)) return {};
        return m_db.get_document(*it, Xapian::DOC_ASSUME_VALID)
            .get_value(schema::slot(schema::ValueSlot::kContentHash));
    }

    void report(const InputProblem& problem) {
        if (problem.kind == ProblemKind::kSkipped) ++m_stats.skipped;
        if (problem.kind == ProblemKind::kRejected) ++m_stats.rejected;
        if (m_handler) {
            m_handler(problem);
        } else {
            log_problem(problem);
        }
    }

    std::string m_path;
    IndexerOptions m_options;
    DocumentReader m_reader;
    Xapian::WritableDatabase m_db;
    DocumentBuilder m_builder;
    DocumentNormaliser m_normaliser;
    std::optional<extraction::MetadataExtractor> m_extractor;
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
    m_impl->reader().read_source(source);
}

void Indexer::add_jsonl_stream(std::istream& input, const std::string& name) {
    auto stream = wrap_istream(input, name);
    m_impl->reader().read_jsonl(*stream, name, name);
}

void Indexer::add_document(Document document) {
    const std::string id = document.id;
    try {
        m_impl->add(SourceDocument{std::move(document), "api", 0, id});
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
