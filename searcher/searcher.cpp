/// @file
/// @brief The public Searcher: a pool of search sessions shared by threads.
#include "diplosearch/searcher.hpp"

#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "diplosearch/errors.hpp"
#include "search_session.hpp"
#include "synonym_table.hpp"

namespace diplosearch {

using searcher::SearchSession;
using searcher::SynonymTable;

namespace {

// Idle sessions kept for reuse; a burst of more concurrent calls than this
// opens extra handles and closes them afterwards.
constexpr std::size_t kMaxIdleSessions = 64;

}  // namespace

class Searcher::Impl {
  public:
    // Opening the first session up front reports a missing or foreign
    // database from the constructor, as callers expect.
    Impl(std::string path, SearcherOptions options)
        : m_path(std::move(path)),
          m_options(std::move(options)),
          // The built-in table lives as long as the process: shared, not copied.
          m_synonyms(std::shared_ptr<void>(), &SynonymTable::builtin()) {
        m_idle.push_back(std::make_unique<SearchSession>(m_path, m_options));
    }

    // Runs @p call with a session of its own, returned to the pool afterwards.
    // A session whose call failed other than by a bad query is dropped: its
    // handle may be what failed.
    template <typename Call>
    auto with_session(Call&& call) {
        std::unique_ptr<SearchSession> session = acquire();
        try {
            auto result = call(*session);
            release(std::move(session));
            return result;
        } catch (const QueryError&) {
            release(std::move(session));
            throw;
        }
    }

    std::shared_ptr<const SynonymTable> synonyms() const {
        const std::lock_guard lock(m_mutex);
        return m_synonyms;
    }

    // Copy on write: searches in progress keep the table they started with.
    void add_synonyms(const std::string& tsv_path) {
        std::ifstream in(tsv_path);
        if (!in) throw UsageError(fmt::format("{}: cannot read the synonym table", tsv_path));
        std::stringstream content;
        content << in.rdbuf();
        const std::lock_guard adding(m_add_mutex);  // Two adds must not lose one.
        auto extended = std::make_shared<SynonymTable>(*synonyms());
        extended->add_tsv(content.str(), tsv_path);
        const std::lock_guard lock(m_mutex);
        m_synonyms = std::move(extended);
    }

  private:
    std::unique_ptr<SearchSession> acquire() {
        {
            const std::lock_guard lock(m_mutex);
            if (!m_idle.empty()) {
                auto session = std::move(m_idle.back());
                m_idle.pop_back();
                return session;
            }
        }
        // Opened outside the lock: other threads keep using idle sessions meanwhile.
        return std::make_unique<SearchSession>(m_path, m_options);
    }

    void release(std::unique_ptr<SearchSession> session) {
        const std::lock_guard lock(m_mutex);
        if (m_idle.size() < kMaxIdleSessions) m_idle.push_back(std::move(session));
    }

    std::string m_path;
    SearcherOptions m_options;
    mutable std::mutex m_mutex;  // Guards m_idle and m_synonyms.
    std::mutex m_add_mutex;
    std::vector<std::unique_ptr<SearchSession>> m_idle;
    std::shared_ptr<const SynonymTable> m_synonyms;
};

Searcher::Searcher(const std::string& db_path) : Searcher(db_path, SearcherOptions{}) {}

Searcher::Searcher(const std::string& db_path, SearcherOptions options)
    : m_impl(std::make_unique<Impl>(db_path, std::move(options))) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(const SearchRequest& request) {
    const auto synonyms = m_impl->synonyms();
    return m_impl->with_session(
        [&](SearchSession& session) { return session.search(request, *synonyms); });
}

SearchResults Searcher::similar(const std::string& id, SearchRequest request) {
    request.like = id;
    return search(request);
}

std::vector<Facet> Searcher::facets(SearchRequest request) {
    request.limit = 0;
    request.snippet_length = 0;
    return search(request).facets;
}

std::optional<Document> Searcher::document(const std::string& id) {
    return m_impl->with_session([&](SearchSession& session) { return session.document(id); });
}

void Searcher::add_synonyms(const std::string& tsv_path) {
    m_impl->add_synonyms(tsv_path);
}

IndexInfo Searcher::info() {
    return m_impl->with_session([](SearchSession& session) { return session.info(); });
}

std::vector<Suggestion> Searcher::suggest(const std::string& prefix, std::uint32_t limit) {
    return m_impl->with_session(
        [&](SearchSession& session) { return session.suggest(prefix, limit); });
}

}  // namespace diplosearch
