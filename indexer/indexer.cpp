/// @file
/// @brief The public Indexer: read sources, normalise, extract, write to Xapian.
#include "diplosearch/indexer.hpp"

#include <chrono>
#include <exception>
#include <optional>
#include <unordered_set>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "build_pipeline.hpp"
#include "content_hash.hpp"
#include "country_gazetteer.hpp"
#include "database.hpp"
#include "database_writer.hpp"
#include "diplosearch/errors.hpp"
#include "document_builder.hpp"
#include "document_normaliser.hpp"
#include "document_reader.hpp"
#include "extraction/metadata_extractor.hpp"
#include "file_stamp.hpp"
#include "generations.hpp"
#include "job_report.hpp"
#include "near_duplicate.hpp"
#include "schema.hpp"
#include "shard_writers.hpp"
#include "shards.hpp"
#include "source_walker.hpp"

namespace diplosearch {

using namespace indexer;

namespace {

constexpr std::uint64_t kProgressEvery = 200;
constexpr std::size_t kMaxListedProblems = 1000;
// Documents handed to the build worker and not yet written: enough to keep
// both threads busy when document sizes vary, few enough to add little memory.
constexpr std::size_t kMaxDocumentsInFlight = 32;
constexpr std::uint64_t kMaxBytesInFlight = 32ULL << 20;

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

WriterOptions writer_options(const IndexerOptions& options) {
    return {options.wait_seconds, options.rebuild,    options.keep,
            options.compact,      options.batch_size, options.batch_bytes};
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
          m_writers(db_path, writer_options(m_options),
                    ShardSelection{m_options.shards, m_options.only_shard}),
          // Spelling data is added by the writer (add_spelling), not while building.
          m_builder(nullptr),
          m_clusters(m_writers.databases()),
          m_normaliser(CountryGazetteer::builtin()),
          // Anything that changes how a file's bytes become documents.
          m_rules(fmt::format("{:016x}/{}/{}", rules_fingerprint(),
                              m_options.extract ? "extract" : "no-extract",
                              m_options.format.empty() ? "auto" : m_options.format)),
          m_started(std::chrono::steady_clock::now()) {
        if (m_options.extract) m_extractor.emplace(CountryGazetteer::builtin());
        m_pipeline.emplace(
            [this](BuildJob& job) {
                if (m_extractor) m_extractor->apply(job.document);
                job.xdoc = m_builder.build(job.document);
                job.fingerprint = near_duplicate::fingerprint(job.document);
            },
            kMaxDocumentsInFlight, kMaxBytesInFlight);
    }

    ~Impl() {
        // Finish on a normal exit. When unwinding from an error, or after a
        // failed write, the writer drops the open transaction instead, so the
        // database keeps exactly its last commit.
        if (m_finished || m_failed || std::uncaught_exceptions() > m_uncaught_at_open) return;
        try {
            finish();
        } catch (const std::exception& e) {
            spdlog::error("{}: finishing the job failed: {}", m_path, e.what());
        }
    }

    DocumentReader& reader() { return m_reader; }

    void add_sources(const std::vector<std::string>& sources) {
        std::vector<std::optional<SourceListing>> listings;
        for (const auto& source : sources) {
            listings.push_back(list(source));
            if (listings.back()) {
                for (const auto& file : listings.back()->files) m_stats.bytes_total += file.size;
            }
        }
        for (std::size_t i = 0; i < sources.size(); ++i) {
            if (sources[i] == "-") {
                m_reader.read_source("-");
                drain();
            } else if (listings[i]) {
                add_listing(*listings[i]);
            }
        }
    }

    // Normalises a document and hands it to the build worker unless it is
    // unchanged; std::invalid_argument rejects it. Documents are written in
    // the order they arrive, by write(), as soon as they are built.
    void add(SourceDocument&& source) {
        Document& doc = source.document;
        std::vector<std::string> warnings;
        m_normaliser.normalise(doc, source.fallback_id, warnings);
        for (const auto& w : warnings) {
            report(InputProblem{ProblemKind::kWarning, source.origin, source.line, w});
        }
        if (!warnings.empty()) ++m_stats.warnings;
        const std::string hash = content_hash(doc, m_extractor.has_value(), source.origin_key);
        const unsigned shard = m_writers.shard_of(doc.id);
        DatabaseWriter* writer = m_writers.writer(shard);
        if (!writer) return;  // Another process writes that shard (only_shard).
        const std::string id_term = DocumentBuilder::id_term(doc.id);
        // A second document with an id still in flight must be compared with
        // the first one's hash, as it would be once the first is written.
        if (m_in_flight_ids.count(id_term) > 0) drain();
        write_guarded([&] {
            const auto indexed = writer->indexed_hash(id_term);
            if (indexed == hash) {
                ++m_stats.unchanged;
                return;
            }
            const std::uint64_t bytes = doc.text.size() + doc.title.size();
            m_in_flight_ids.insert(id_term);
            if (m_pipeline->full()) write(*m_pipeline->take(true));
            m_pipeline->submit(BuildJob{shard,
                                        std::move(doc),
                                        std::move(source.origin),
                                        source.line,
                                        std::move(source.origin_key),
                                        id_term,
                                        hash,
                                        bytes,
                                        indexed.has_value(),
                                        Xapian::Document(),
                                        {},
                                        nullptr});
            ++(indexed ? m_stats.updated : m_stats.added);
            ++m_stats.indexed;
        });
        while (auto built = m_pipeline->take(false)) write(std::move(*built));
        if ((m_stats.indexed + m_stats.unchanged) % kProgressEvery == 0) progress();
    }

    // Writes every document handed to the build worker.
    void drain() {
        while (auto built = m_pipeline->take(true)) write(std::move(*built));
    }

    void commit() {
        drain();
        write_guarded([&] { m_writers.commit(); });
    }

    IndexStats finish() {
        if (m_finished) return stats();
        drain();
        if (m_options.rebuild && !m_unlisted_sources.empty()) {
            // A mistyped path or an unmounted disk must not empty the index.
            m_failed = true;
            throw IndexError(fmt::format(
                "{}: not switching to the rebuilt generation: source {} could not be read "
                "(the live generation is unchanged)",
                m_path, m_unlisted_sources.front()));
        }
        write_guarded([&] {
            if (!m_prune_scopes.empty()) m_stats.deleted = m_writers.prune(m_prune_scopes);
            const WriteSummary summary = m_writers.finish();
            m_stats.doccount = summary.doccount;
            m_stats.revision = summary.revision;
            m_stats.generation = summary.generation.value_or(0);
        });
        m_finished = true;
        IndexStats final_stats = stats();
        record_last_job(final_stats);
        return final_stats;
    }

    IndexStats stats() const {
        IndexStats s = m_stats;
        s.seconds = seconds_since_start();
        return s;
    }

    void set_handler(std::function<void(const InputProblem&)> handler) {
        m_handler = std::move(handler);
    }

  private:
    // Finishes a built document on the writer's side: spelling data, the
    // near-duplicate cluster (which reads the documents written before it),
    // the content hash and origin, then the write itself.
    void write(BuildJob&& built) {
        m_in_flight_ids.erase(built.id_term);
        if (built.error) {
            try {
                std::rethrow_exception(built.error);
            } catch (const std::invalid_argument& e) {
                // Rejected as DocumentReader would have rejected it inline.
                report(InputProblem{ProblemKind::kRejected, built.origin, built.line, e.what()});
                // Counted when submitted; it was not indexed after all.
                --(built.replaces ? m_stats.updated : m_stats.added);
                --m_stats.indexed;
                return;
            }
        }
        write_guarded([&] {
            // Spelling data goes into the same transaction; a new cluster key
            // may go to a copy in any shard.
            m_writers.begin_all();
            DatabaseWriter& writer = *m_writers.writer(built.shard);
            Xapian::Document& xdoc = built.xdoc;
            if (m_options.spelling) DocumentBuilder::add_spelling(xdoc, writer.db());
            m_clusters.assign(built.fingerprint, built.id_term, built.shard, xdoc);
            xdoc.add_value(schema::slot(schema::ValueSlot::kContentHash), built.hash);
            if (!built.origin_key.empty()) {
                xdoc.add_boolean_term(schema::origin_term(built.origin_key));
            }
            writer.put(built.id_term, xdoc, built.bytes);
        });
    }

    // Any database failure poisons the job: nothing more is written or committed.
    template <typename Body>
    void write_guarded(Body&& body) {
        try {
            body();
        } catch (const IndexError&) {
            m_failed = true;
            throw;
        } catch (const Xapian::Error& e) {
            // Spelling data and the near-duplicate lookup use the database
            // directly; a disk failure there must end the job with its cause
            // (exit 1), not escape as a non-std exception and abort.
            m_failed = true;
            database::rethrow(e, m_path);
        }
    }

    std::optional<SourceListing> list(const std::string& source) {
        if (source == "-") return std::nullopt;
        try {
            return list_source(source);
        } catch (const InputError& e) {
            report(InputProblem{ProblemKind::kRejected, e.source(), 0, e.reason()});
            m_unlisted_sources.push_back(source);
            if (m_options.prune) {
                spdlog::warn("{}: not pruning documents from it, since it cannot be listed",
                             source);
            }
            return std::nullopt;
        }
    }

    void add_listing(const SourceListing& listing) {
        for (const auto& file : listing.files) add_file(file);
        if (!m_options.prune) return;
        if (listing.directory && listing.files.empty()) {
            // An empty folder is more often a disk that is not mounted than an
            // archive whose every file was deleted on purpose.
            spdlog::warn("{}: not pruning documents from it, since it holds no files",
                         listing.root_path);
            return;
        }
        m_prune_scopes.push_back({listing.root_path, listing.directory});
    }

    // Reads one file unless its stamp says it is unchanged since it was last
    // indexed; records its stamp once it has been read cleanly.
    void add_file(const SourceFile& file) {
        const std::string& key = file.absolute_path;
        m_writers.mark_visited(key);
        const auto before = FileStamp::of(file.path);
        if (before && !m_options.rehash) {
            if (m_writers.unchanged(key, StoredStamp{*before, m_rules, key})) {
                write_guarded([&] { m_stats.unchanged += m_writers.keep_origin(key); });
                ++m_stats.files_unchanged;
                m_stats.bytes_done += file.size;
                progress();
                return;
            }
        }
        const std::uint64_t problems_before = m_stats.rejected + m_stats.skipped;
        m_reader.read_file(file);
        // The file's stamp may only be committed with or after its documents.
        drain();
        ++m_stats.files_read;
        m_stats.bytes_done += file.size;
        if (m_stats.rejected + m_stats.skipped != problems_before) {
            // Not read cleanly: keep what it gave before, and read it again next time.
            write_guarded([&] { m_writers.keep_origin(key); });
        } else if (const auto after = FileStamp::of(file.path);
                   before && after && *before == *after && after->settled()) {
            write_guarded([&] { m_writers.set_stamp({*after, m_rules, key}); });
        }
        progress();
    }

    // Passes the live counts rather than a copy: progress is reported often and
    // the problem list can be long.
    void progress() {
        if (!m_options.progress) return;
        m_stats.seconds = seconds_since_start();
        m_options.progress(m_stats);
    }

    double seconds_since_start() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
    }

    void record_last_job(const IndexStats& final_stats) {
        const auto layout = generations::layout_of(m_path);
        if (layout != generations::Layout::kGenerational && layout != generations::Layout::kSharded)
            return;
        const auto status = final_stats.rejected > 0 ? "ok-with-rejections" : "ok";
        try {
            generations::replace_file(
                m_path, kLastJobFile,
                job_report(final_stats, m_path, m_options.rebuild, status).dump(2) + "\n",
                layout == generations::Layout::kSharded ? shards::temp_suffix() : ".tmp");
        } catch (const IndexError& e) {
            spdlog::warn("{}", e.what());  // The index is fine; only the summary is missing.
        }
    }

    void report(const InputProblem& problem) {
        if (problem.kind == ProblemKind::kSkipped) ++m_stats.skipped;
        if (problem.kind == ProblemKind::kRejected) ++m_stats.rejected;
        if (problem.kind != ProblemKind::kWarning && m_stats.problems.size() < kMaxListedProblems) {
            m_stats.problems.push_back(problem);
        }
        if (m_handler) {
            m_handler(problem);
        } else {
            log_problem(problem);
        }
    }

    std::string m_path;
    IndexerOptions m_options;
    DocumentReader m_reader;
    ShardWriters m_writers;
    DocumentBuilder m_builder;
    near_duplicate::ClusterAssigner m_clusters;
    DocumentNormaliser m_normaliser;
    std::optional<extraction::MetadataExtractor> m_extractor;
    std::string m_rules;
    std::function<void(const InputProblem&)> m_handler;
    std::vector<PruneScope> m_prune_scopes;
    IndexStats m_stats;
    bool m_failed = false;
    bool m_finished = false;
    int m_uncaught_at_open = std::uncaught_exceptions();
    std::chrono::steady_clock::time_point m_started;
    std::unordered_set<std::string> m_in_flight_ids;
    // Last, so the worker stops before the builder and extractor it uses go.
    std::optional<BuildPipeline> m_pipeline;
    std::vector<std::string> m_unlisted_sources;  // Sources that could not be listed at all.
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
    m_impl->add_sources({source});
}

void Indexer::add_sources(const std::vector<std::string>& sources) {
    m_impl->add_sources(sources);
}

void Indexer::add_jsonl_stream(std::istream& input, const std::string& name) {
    auto stream = wrap_istream(input, name);
    m_impl->reader().read_jsonl(*stream, name, name);
    m_impl->drain();
}

void Indexer::add_document(Document document) {
    const std::string id = document.id;
    try {
        m_impl->add(SourceDocument{std::move(document), "api", 0, id, {}});
    } catch (const std::invalid_argument& e) {
        throw InputError("api", 0, e.what());
    }
}

void Indexer::commit() {
    m_impl->commit();
}

IndexStats Indexer::finish() {
    return m_impl->finish();
}

IndexStats Indexer::stats() const {
    return m_impl->stats();
}

}  // namespace diplosearch
