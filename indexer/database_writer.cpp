/// @file
/// @brief Batched, checkpointed writes and generation switching.
#include "database_writer.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <exception>
#include <filesystem>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "diplosearch/errors.hpp"
#include "job_report.hpp"
#include "schema.hpp"

namespace diplosearch::indexer {

namespace {

// Names this job in its checkpoints: start time and process id.
std::string job_name() {
    return fmt::format("{}/{}", utc_timestamp(), ::getpid());
}

bool in_scope(const std::string& origin_key, const PruneScope& scope) {
    if (!scope.directory) return origin_key == scope.root_path;
    return origin_key.size() > scope.root_path.size() &&
           origin_key.compare(0, scope.root_path.size(), scope.root_path) == 0 &&
           origin_key[scope.root_path.size()] == '/';
}

// Documents Xapian buffers before it writes their postings out to its tables,
// even inside a transaction (it only defers the commit there). Its default,
// 10,000, lets the buffer's trees grow to hundreds of megabytes on long
// speeches, and inserting into trees that large costs more than writing them
// out often: on the UNGDC corpus 300 cuts indexing CPU by a third and peak
// memory by three quarters, with the same index contents.
constexpr const char* kFlushThreshold = "300";

// Xapian 1.4 reads its flush threshold only from the environment, when a
// writable database is opened. An operator's own setting wins.
void set_flush_threshold() {
    ::setenv("XAPIAN_FLUSH_THRESHOLD", kFlushThreshold, /*overwrite=*/0);
}

// The database a terminate handler names; set while a DatabaseWriter exists.
const std::string* g_writer_path = nullptr;
std::terminate_handler g_previous_terminate = nullptr;

// A Xapian::Error that escapes every handler (Xapian 1.4 calls std::terminate
// when its recovery from a failed commit fails too, on a disk that stays
// full) would be reported by its type alone. Say what failed and what it
// means before aborting; the abort itself is right, as unwinding could only
// reach Xapian's destructors, which commit.
[[noreturn]] void note_uncaught_xapian_error() {
    try {
        if (const auto error = std::current_exception()) std::rethrow_exception(error);
    } catch (const Xapian::Error& e) {
        spdlog::error("{}: {} (stopped without writing again; the database keeps its last commit)",
                      g_writer_path ? *g_writer_path : std::string("database"),
                      e.get_description());
        std::abort();
    } catch (...) {
    }
    if (g_previous_terminate) g_previous_terminate();
    std::abort();
}

}  // namespace

DatabaseWriter::DatabaseWriter(const std::string& path, WriterOptions options)
    : m_path(path), m_options(options), m_job(job_name()) {
    if (m_options.batch_documents == 0) m_options.batch_documents = 1;
    // Rebuilding a database that does not exist yet is just creating it.
    const bool fresh = generations::layout_of(path) == generations::Layout::kMissing;
    const bool rebuild = m_options.rebuild && !fresh;
    set_flush_threshold();
    m_live = database::open_for_writing(path, m_options.wait_seconds, /*check_schema=*/!rebuild);
    if (m_live.generation) generations::remove_debris(path);
    if (!rebuild) {
        m_target = m_live.db;
        note_uncaught_errors();
        return;
    }
    if (!m_live.generation) {
        throw UsageError(fmt::format(
            "{}: --rebuild needs a database kept in generations (made by diplo-index); this is a "
            "plain Xapian database, so index into a new path instead",
            path));
    }
    m_new_generation = *m_live.generation + 1;
    try {
        m_target = database::create_generation(path, *m_new_generation);
    } catch (const IndexError&) {
        // No destructor runs for a half-made writer: remove the folder here.
        generations::remove_generation(path, *m_new_generation);
        throw;
    }
    spdlog::info("{}: rebuilding into generation {} (live: {})", path, *m_new_generation,
                 *m_live.generation);
    note_uncaught_errors();
}

void DatabaseWriter::note_uncaught_errors() {
    g_writer_path = &m_path;
    g_previous_terminate = std::set_terminate(&note_uncaught_xapian_error);
}

DatabaseWriter::~DatabaseWriter() {
    std::set_terminate(g_previous_terminate);
    g_writer_path = nullptr;
    if (m_finished) return;
    if (m_failed) {
        database::abandon(m_target);
    } else if (m_in_transaction) {
        try {
            m_target.cancel_transaction();
        } catch (const Xapian::Error& e) {
            spdlog::debug("{}: cancelling the transaction: {}", m_path, e.get_description());
        }
    }
    if (m_new_generation) {
        if (!m_failed) {
            try {
                m_target.close();
            } catch (const Xapian::Error&) {
                // Closing only releases the lock; the folder goes either way.
            }
        }
        // A switch that renamed the stub but failed to sync the folder made
        // the new generation live: it must stay.
        if (generations::live_generation(m_path) != m_new_generation) {
            generations::remove_generation(m_path, *m_new_generation);
        }
    }
}

template <typename Body>
auto DatabaseWriter::guarded(Body&& body) {
    if (m_failed) throw IndexError(m_path + ": not writing after a failed write");
    try {
        return body();
    } catch (const Xapian::Error& e) {
        m_failed = true;  // Xapian's writer must not be reused after a failure.
        database::rethrow(e, m_path);
    }
}

void DatabaseWriter::begin() {
    if (m_in_transaction) return;
    guarded([&] { m_target.begin_transaction(); });
    m_in_transaction = true;
}

void DatabaseWriter::keep_docid(Xapian::docid id) {
    if (id >= m_kept.size()) m_kept.resize(std::max<std::size_t>(id + 1, m_kept.size() * 2));
    m_kept[id] = true;
}

bool DatabaseWriter::kept(Xapian::docid id) const {
    return id < m_kept.size() && m_kept[id];
}

std::optional<std::string> DatabaseWriter::indexed_hash(const std::string& id_term) {
    return guarded([&]() -> std::optional<std::string> {
        const auto it = m_target.postlist_begin(id_term);
        if (it == m_target.postlist_end(id_term)) return std::nullopt;
        keep_docid(*it);
        return m_target.get_document(*it, Xapian::DOC_ASSUME_VALID)
            .get_value(schema::slot(schema::ValueSlot::kContentHash));
    });
}

void DatabaseWriter::put(const std::string& id_term, const Xapian::Document& doc,
                         std::uint64_t bytes) {
    begin();
    keep_docid(guarded([&] { return m_target.replace_document(id_term, doc); }));
    ++m_written;
    ++m_batch_documents;
    m_batch_bytes += bytes;
    if (m_batch_documents >= m_options.batch_documents || m_batch_bytes >= m_options.batch_bytes) {
        commit();
    }
}

std::optional<StoredStamp> DatabaseWriter::stamp(const std::string& origin_key) {
    const std::string value = guarded([&] { return m_target.get_metadata(stamp_key(origin_key)); });
    auto stored = StoredStamp::decode(value);
    if (stored && stored->origin_key != origin_key) return std::nullopt;  // A hash collision.
    return stored;
}

void DatabaseWriter::set_stamp(const StoredStamp& stamp) {
    const std::string key = stamp_key(stamp.origin_key);
    const std::string value = stamp.encode();
    if (guarded([&] { return m_target.get_metadata(key); }) == value) return;
    begin();
    guarded([&] { m_target.set_metadata(key, value); });
}

void DatabaseWriter::mark_visited(const std::string& origin_key) {
    m_visited_origins.insert(origin_key);
}

std::uint64_t DatabaseWriter::keep_origin(const std::string& origin_key) {
    mark_visited(origin_key);
    const std::string term = schema::origin_term(origin_key);
    return guarded([&] {
        std::uint64_t count = 0;
        for (auto it = m_target.postlist_begin(term); it != m_target.postlist_end(term); ++it) {
            keep_docid(*it);
            ++count;
        }
        return count;
    });
}

std::uint64_t DatabaseWriter::prune(const std::vector<PruneScope>& scopes) {
    std::vector<Xapian::docid> doomed;
    std::vector<std::string> stale_stamps;
    guarded([&] {
        for (const auto& scope : scopes) {
            const std::string exact = schema::origin_term(scope.root_path);
            const std::string prefix =
                scope.directory ? std::string(schema::prefix::kOrigin) + scope.root_path + "/"
                                : exact;
            for (auto t = m_target.allterms_begin(prefix); t != m_target.allterms_end(prefix);
                 ++t) {
                if (!scope.directory && *t != exact) continue;
                for (auto p = m_target.postlist_begin(*t); p != m_target.postlist_end(*t); ++p) {
                    if (!kept(*p)) doomed.push_back(*p);
                }
            }
        }
        const std::string stamps(schema::metadata::kFileStampPrefix);
        for (auto k = m_target.metadata_keys_begin(stamps); k != m_target.metadata_keys_end(stamps);
             ++k) {
            const auto stored = StoredStamp::decode(m_target.get_metadata(*k));
            if (!stored || m_visited_origins.count(stored->origin_key) > 0) continue;
            for (const auto& scope : scopes) {
                if (in_scope(stored->origin_key, scope)) {
                    stale_stamps.push_back(*k);
                    break;
                }
            }
        }
    });
    std::sort(doomed.begin(), doomed.end());
    doomed.erase(std::unique(doomed.begin(), doomed.end()), doomed.end());
    for (const Xapian::docid id : doomed) {
        begin();
        guarded([&] { m_target.delete_document(id); });
        if (++m_batch_documents >= m_options.batch_documents) commit();
    }
    for (const auto& key : stale_stamps) {
        begin();
        guarded([&] { m_target.set_metadata(key, {}); });
    }
    return doomed.size();
}

void DatabaseWriter::commit() {
    if (!m_in_transaction) return;
    guarded([&] {
        const nlohmann::json checkpoint = {
            {"job", m_job},
            {"batch", m_batch + 1},
            {"documents", m_written},
            {"doccount", m_target.get_doccount()},
        };
        m_target.set_metadata(std::string(schema::metadata::kCheckpoint), checkpoint.dump());
        m_target.commit_transaction();
    });
    ++m_batch;
    spdlog::debug("{}: committed batch {} ({} documents, {} bytes)", m_path, m_batch,
                  m_batch_documents, m_batch_bytes);
    m_in_transaction = false;
    m_committed = m_written;
    m_batch_documents = 0;
    m_batch_bytes = 0;
}

// Xapian's compaction (what xapian-compact does) into @p destination via a
// temporary folder beside the generations: a crash leaves only that folder,
// which the next job removes.
void DatabaseWriter::compact_into(const std::filesystem::path& destination) {
    const std::filesystem::path temp =
        std::filesystem::path(m_path) / generations::kCompactTempName;
    guarded([&] {
        std::error_code ec;
        std::filesystem::remove_all(temp, ec);
        m_target.commit();  // Metadata set outside a batch (a new generation's schema stamp).
        // Docids stay as they are: the searcher's facet tables, the stamps
        // and anyone holding an id between jobs see the same numbers.
        m_target.compact(temp.string(), Xapian::DBCOMPACT_NO_RENUMBER);
    });
    // Xapian 1.4 ignores a failed fdatasync of the compacted tables, so the
    // copy is synced again here: one that may not be on disk never goes live.
    try {
        generations::sync_folder_contents(m_path, temp);
    } catch (const IndexError&) {
        // The handle itself is sound: the destructor closes it and removes a
        // rebuild's new generation as after any other failure before the switch.
        std::error_code ec;
        std::filesystem::remove_all(temp, ec);
        throw;
    }
    if (m_new_generation) {
        // The new generation is not live yet: nothing reads it but us.
        m_target.close();
        generations::remove_generation(m_path, *m_new_generation);
    }
    std::error_code ec;
    std::filesystem::rename(temp, destination, ec);
    if (ec) {
        m_failed = true;
        throw IndexError(fmt::format("{}: cannot move the compacted database into place: {}",
                                     m_path, ec.message()));
    }
}

WriteSummary DatabaseWriter::finish() {
    commit();
    if (m_options.compact && !m_new_generation && !m_live.generation) {
        spdlog::warn("{}: not compacting a plain Xapian database (use xapian-compact)", m_path);
    } else if (m_options.compact) {
        const auto started = std::chrono::steady_clock::now();
        const std::uint64_t doccount = guarded([&] { return m_target.get_doccount(); });
        // A rebuild compacts its own generation before the switch; any other
        // job makes the compacted copy the next generation and drops the live
        // one, whose content it holds. Readers on the old files keep them open.
        const unsigned number = m_new_generation ? *m_new_generation : *m_live.generation + 1;
        compact_into(generations::generation_dir(m_path, number));
        generations::switch_live(m_path, number);
        m_live.db.close();  // Releases the old live generation's lock.
        if (m_new_generation) {
            remove_old_generations();
        } else {
            generations::remove_generation(m_path, *m_live.generation);
        }
        m_finished = true;
        spdlog::info(
            "{}: compacted into generation {} in {:.1f} s", m_path, number,
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
        const Xapian::Database compacted(generations::generation_dir(m_path, number).string());
        return WriteSummary{doccount, compacted.get_revision(), number};
    }
    if (m_new_generation) {
        generations::switch_live(m_path, *m_new_generation);
        spdlog::info("{}: generation {} is live", m_path, *m_new_generation);
        m_live.db.close();  // Releases the old generation's lock.
        remove_old_generations();
    }
    m_finished = true;
    return guarded([&] {
        return WriteSummary{m_target.get_doccount(), m_target.get_revision(),
                            m_new_generation ? m_new_generation : m_live.generation};
    });
}

void DatabaseWriter::remove_old_generations() {
    std::vector<unsigned> older;
    for (const unsigned number : generations::list_generations(m_path)) {
        if (number < *m_new_generation) older.push_back(number);
    }
    const std::size_t keep = std::min<std::size_t>(m_options.keep, older.size());
    for (std::size_t i = 0; i + keep < older.size(); ++i) {
        generations::remove_generation(m_path, older[i]);
    }
}

}  // namespace diplosearch::indexer
