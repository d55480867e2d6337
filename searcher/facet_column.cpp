/// @file
/// @brief Facet columns: reading, decoding and the per-revision cache.
#include "facet_column.hpp"

#include <cmath>
#include <deque>
#include <mutex>
#include <unordered_map>

#include "facet_counter.hpp"
#include "value_list.hpp"

namespace diplosearch::searcher {

namespace {

// Columns kept for reuse: every facet of a few revisions or generations, so a
// reader that has not yet reopened and one that has both find theirs.
constexpr std::size_t kCachedColumns = 24;

struct CachedColumn {
    std::string key;
    std::shared_ptr<const FacetColumn> column;
};

std::mutex g_cache_mutex;
std::deque<CachedColumn> g_cache;  // Oldest first.

// Identifies one revision of one database, or "" when it has no stable
// identity (in-memory databases, or several databases combined).
std::string revision_key(const Xapian::Database& db, Xapian::valueno slot) {
    try {
        const std::string uuid = db.get_uuid();
        if (uuid.empty()) return {};
        return uuid + ':' + std::to_string(db.get_revision()) + ':' + std::to_string(slot);
    } catch (const Xapian::Error&) {
        return {};
    }
}

}  // namespace

FacetColumn::FacetColumn(const Xapian::Database& db, const FacetField& field) {
    m_first.assign(static_cast<std::size_t>(db.get_lastdocid()) + 2, 0);
    std::unordered_map<std::string, std::uint32_t> id_of;
    auto add = [&](std::string value) {
        const auto [it, added] = id_of.emplace(value, static_cast<std::uint32_t>(m_values.size()));
        if (added) m_values.push_back(std::move(value));
        m_ids.push_back(it->second);
    };
    // A value stream lists documents in docid order, so each document's ids
    // follow the previous one's; m_first fills the gaps of documents without.
    Xapian::docid next = 0;  // The first docid whose start is not yet set.
    const auto end = db.valuestream_end(field.slot);
    for (auto it = db.valuestream_begin(field.slot); it != end; ++it) {
        const Xapian::docid did = it.get_docid();
        const auto start = static_cast<std::uint32_t>(m_ids.size());
        for (; next <= did; ++next) m_first[next] = start;
        for_each_facet_value(field, *it, add);
    }
    for (; next < m_first.size(); ++next) m_first[next] = static_cast<std::uint32_t>(m_ids.size());
}

std::shared_ptr<const FacetColumn> FacetColumn::of(const Xapian::Database& db,
                                                   const FacetField& field) {
    const std::string key = revision_key(db, field.slot);
    if (key.empty()) return std::make_shared<const FacetColumn>(db, field);
    {
        const std::lock_guard lock(g_cache_mutex);
        for (const auto& cached : g_cache) {
            if (cached.key == key) return cached.column;
        }
    }
    // Read outside the lock: another thread may read the same column at the
    // same time, which costs a read but never blocks other databases' queries.
    auto column = std::make_shared<const FacetColumn>(db, field);
    const std::lock_guard lock(g_cache_mutex);
    for (const auto& cached : g_cache) {
        if (cached.key == key) return cached.column;
    }
    g_cache.push_back({key, column});
    if (g_cache.size() > kCachedColumns) g_cache.pop_front();
    return column;
}

}  // namespace diplosearch::searcher
