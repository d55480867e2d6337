/// @file
/// @brief The HTTP service: routes, limits, authentication, the worker pool, metrics and
/// the access log around one shared Searcher (docs/http-service.md).
#pragma once

#include <memory>

#include "access_log.hpp"
#include "diplosearch/searcher.hpp"
#include "service_options.hpp"

namespace diplosearch::server {

/// Serves the read-only JSON API of one database.
class HttpService {
  public:
    /// @param searcher shared by every worker thread; must outlive the service.
    /// @param access_log where answered requests are logged; null for no access log.
    HttpService(Searcher& searcher, ServiceOptions options,
                std::shared_ptr<const AccessLog> access_log = nullptr);
    ~HttpService();
    HttpService(const HttpService&) = delete;
    HttpService& operator=(const HttpService&) = delete;

    /// Binds the listening socket.
    /// @returns the port, which is the one the system chose when the options ask for 0.
    /// @throws Error when the address cannot be bound.
    int bind();

    /// Answers requests until stop(); returns once the requests in progress are answered.
    /// @throws Error when bind() was not called or failed.
    void serve();

    /// Stops accepting connections and makes serve() return. Safe from any thread.
    void stop();

  private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace diplosearch::server
