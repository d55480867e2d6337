/// @file
/// @brief Opening, joining and following local and remote shards.
#include "index_reader.hpp"

#include <filesystem>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "diplosearch/errors.hpp"
#include "schema.hpp"

namespace diplosearch::searcher {

namespace fs = std::filesystem;

namespace {

// A shard that did not answer is tried again at most this often, so a down
// server costs a failed connection per second, not one per query.
constexpr auto kRetryDownEvery = std::chrono::seconds(1);

// How long a connection to a remote shard is used before a new one, which
// sees a generation switched by a rebuild on the shard's host.
constexpr auto kReconnectEvery = std::chrono::seconds(30);

unsigned milliseconds(double seconds) {
    return static_cast<unsigned>(seconds > 0 ? seconds * 1000 : 0);
}

void check_remote_schema(const Xapian::Database& db, const std::string& label) {
    const std::string version = db.get_metadata(std::string(schema::kVersionKey));
    if (version == schema::kVersion || (version.empty() && db.get_doccount() == 0)) return;
    throw SchemaMismatchError(
        fmt::format("shard {}: schema version {} but this build reads version {}", label,
                    version.empty() ? "(none)" : version, schema::kVersion));
}

}  // namespace

IndexReader::IndexReader(std::string path, const SearcherOptions& options)
    : m_path(std::move(path)), m_options(options) {
    const fs::path root(m_path);
    if (shards::is_sharded(root)) {
        const auto listed = shards::read_stub(root);
        for (unsigned k = 0; k < listed.size(); ++k) {
            Part part{listed[k], {}, {}, {}, false, {}, {}, {}};
            if (!part.address.remote && fs::path(part.address.path).is_relative()) {
                part.address.path = (root / part.address.path).string();
            }
            const fs::path lexicon = root / shards::lexicon_name(k);
            std::error_code ec;
            if (part.address.remote && fs::exists(lexicon, ec)) {
                part.lexicon = Xapian::Database(lexicon.string());
            }
            m_parts.push_back(std::move(part));
        }
    } else {
        m_parts.push_back(
            Part{shards::ShardAddress{false, m_path, "", 0}, {}, {}, {}, false, {}, {}, {}});
    }
    for (const auto& spec : m_options.shards) {
        m_parts.push_back(Part{shards::parse_address(spec), {}, {}, {}, false, {}, {}, {}});
    }
    for (auto& part : m_parts) connect(part);
    m_last_retry = std::chrono::steady_clock::now();
    join();
}

void IndexReader::connect(Part& part) {
    if (!part.address.remote) {
        if (!part.local) {
            part.local.emplace(part.address.path);
        } else {
            part.local->refresh();
        }
        part.generation = part.local->generation();
        return;
    }
    try {
        part.remote = Xapian::Remote::open(part.address.host, part.address.port,
                                           milliseconds(m_options.remote_timeout),
                                           milliseconds(m_options.connect_timeout));
        check_remote_schema(part.remote, part.address.label());
        part.connected = std::chrono::steady_clock::now();
        if (part.down) spdlog::info("shard {} answers again", part.address.label());
        part.down = false;
    } catch (const Xapian::Error& e) {
        if (!part.down) {
            spdlog::debug("shard {} does not answer: {}", part.address.label(),
                          e.get_description());
        }
        part.down = true;
        part.error = e.get_description();
        part.remote = Xapian::Database();
    }
}

void IndexReader::join() {
    if (m_parts.size() == 1 && m_parts.front().local) {
        m_db = m_parts.front().local->get();
        return;
    }
    m_db = Xapian::Database();
    for (auto& part : m_parts) {
        if (part.down) continue;
        m_db.add_database(part.local ? part.local->get() : part.remote);
    }
    // Last, so the shards' documents keep the order they interleave in.
    for (auto& part : m_parts) {
        if (!part.down && part.lexicon) m_db.add_database(*part.lexicon);
    }
}

Xapian::Database& IndexReader::refresh(bool allow_partial) {
    bool rejoin = false;
    for (auto& part : m_parts) {
        if (part.down) continue;
        if (part.local) {
            part.local->refresh();
            if (part.local->generation() != part.generation) {
                part.generation = part.local->generation();
                rejoin = true;
            }
            continue;
        }
        // A connection stays on the generation its server opened: connecting
        // again now and then follows a rebuild of the shard on its host, and
        // so does connecting again when reopening fails (a server restarted,
        // or the generation it had open was removed by a rebuild).
        bool reopened = false;
        if (std::chrono::steady_clock::now() - part.connected < kReconnectEvery) {
            try {
                part.remote.reopen();
                reopened = true;
            } catch (const Xapian::Error&) {
                // Connected again below.
            }
        }
        if (part.lexicon) part.lexicon->reopen();  // Copied in after a job on the shard.
        if (!reopened) {
            connect(part);
            rejoin = true;
        }
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - m_last_retry >= kRetryDownEvery) {
        for (auto& part : m_parts) {
            if (!part.down) continue;
            connect(part);
            rejoin = rejoin || !part.down;
        }
        m_last_retry = now;
    }
    if (!allow_partial) {
        for (const auto& part : m_parts) {
            if (part.down) {
                throw ShardUnavailableError(fmt::format(
                    "shard {} does not answer ({}; remote timeout {} s); --allow-partial "
                    "searches the other shards",
                    part.address.label(), part.error, m_options.remote_timeout));
            }
        }
    }
    if (rejoin) join();
    return m_db;
}

void IndexReader::recover(const Xapian::Error& error, bool allow_partial) {
    spdlog::debug("{}: {}; checking the remote shards", m_path, error.get_description());
    for (auto& part : m_parts) {
        if (part.address.remote && !part.down) connect(part);
    }
    m_last_retry = std::chrono::steady_clock::now();
    refresh(allow_partial);
}

bool IndexReader::has_remote() const {
    for (const auto& part : m_parts) {
        if (part.address.remote) return true;
    }
    return false;
}

std::vector<std::string> IndexReader::missing() const {
    std::vector<std::string> labels;
    for (const auto& part : m_parts) {
        if (part.down) labels.push_back(part.address.label());
    }
    return labels;
}

std::optional<unsigned> IndexReader::generation() const {
    if (joined() || !m_parts.front().local) return std::nullopt;
    return m_parts.front().local->generation();
}

std::uint64_t IndexReader::revision() {
    if (!joined()) return m_db.get_revision();
    std::uint64_t sum = 0;
    for (auto& part : m_parts) {
        if (part.down) continue;
        try {
            sum += part.local ? part.local->get().get_revision() : part.remote.get_revision();
        } catch (const Xapian::Error&) {
            // A backend without revisions adds nothing.
        }
    }
    return sum;
}

}  // namespace diplosearch::searcher
