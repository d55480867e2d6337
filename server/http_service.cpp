/// @file
/// @brief The HTTP service on cpp-httplib.
#include "http_service.hpp"

#include <httplib.h>

#include <chrono>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "admission.hpp"
#include "bearer_auth.hpp"
#include "endpoints.hpp"
#include "http_error.hpp"
#include "metrics.hpp"
#include "request_options.hpp"
#include "response_encoding.hpp"
#include "web_routes.hpp"

namespace diplosearch::server {

namespace {

using Clock = std::chrono::steady_clock;

// Connection threads beyond the workers and the waiting line, so that a request
// arriving when both are full still gets a thread to be told 503 on.
constexpr unsigned kSpareConnectionThreads = 4;

// httplib runs the pre-routing handler, the route and the logger of one request on
// the connection's thread, so per-request state lives in a thread_local.
struct RequestContext {
    Clock::time_point arrived;
    std::string route = "other";
    bool active = false;
};
thread_local RequestContext t_request;

void set_json(httplib::Response& res, int status, std::string body) {
    res.status = status;
    res.set_content(std::move(body), kJsonContentType);
}

void set_error(httplib::Response& res, int status, const std::string& code,
               const std::string& message, const std::string& parameter = "") {
    set_json(res, status, error_body(status, code, message, parameter));
}

// QueryErrors about an option say so as `--name: ...`; the rest are about the query text.
std::pair<std::string, std::string> query_error_parameter(const std::string& message) {
    if (message.starts_with("--")) {
        const auto colon = message.find(':');
        if (colon != std::string::npos) {
            return {message.substr(2, colon - 2), message.substr(2)};
        }
    }
    return {"q", message};
}

// Code and message of the errors httplib answers before any route runs.
std::pair<std::string, std::string> default_error(int status) {
    switch (status) {
        case 400:
            return {"bad_request", "the request could not be parsed"};
        case 404:
            return {"not_found", "no such endpoint"};
        case 413:
            return {"payload_too_large", "requests to this service carry no body"};
        case 414:
            return {"uri_too_long", "the request line is too long"};
        case 416:
            return {"range_not_satisfiable", "ranges are not supported"};
        default:
            return {status >= 500 ? "internal_error" : "error", "request failed"};
    }
}

}  // namespace

class HttpService::Impl {
  public:
    Impl(Searcher& searcher, ServiceOptions options, std::shared_ptr<const AccessLog> access_log)
        : m_options(std::move(options)),
          m_searcher(searcher),
          m_endpoints(searcher, m_options.limits),
          m_admission(m_options.threads, m_options.queue),
          m_auth(m_options.token),
          m_access_log(std::move(access_log)) {
        configure();
        add_routes();
    }

    int bind() {
        m_port =
            m_options.port == 0
                ? m_server.bind_to_any_port(m_options.host)
                : (m_server.bind_to_port(m_options.host, m_options.port) ? m_options.port : -1);
        if (m_port < 0) {
            throw Error(fmt::format("cannot listen on {}:{} (address in use or not available)",
                                    m_options.host, m_options.port));
        }
        return m_port;
    }

    void serve() {
        if (m_port < 0) throw Error("the service is not bound to an address");
        m_server.listen_after_bind();
    }

    void stop() { m_server.stop(); }

  private:
    void configure() {
        const unsigned connections = m_options.threads + m_options.queue + kSpareConnectionThreads;
        m_server.new_task_queue = [connections] { return new httplib::ThreadPool(connections); };
        m_server.set_read_timeout(m_options.read_timeout);
        m_server.set_write_timeout(m_options.read_timeout);
        m_server.set_keep_alive_timeout(m_options.keep_alive_timeout.count());
        m_server.set_keep_alive_max_count(m_options.keep_alive_max_requests);
        m_server.set_payload_max_length(m_options.limits.max_body_bytes);
        // httplib writes headers and body separately: with Nagle's algorithm the body
        // waits for the client's delayed ACK, 40 ms per response on Linux.
        m_server.set_tcp_nodelay(true);
        // httplib's default adds SO_REUSEPORT, which lets a second service bind the same
        // port and silently take half the connections; a taken port must be an error.
        m_server.set_socket_options([](socket_t sock) {
            int yes = 1;
            setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        });
        if (!m_options.cors_origin.empty()) {
            m_server.set_default_headers(
                {{"Access-Control-Allow-Origin", m_options.cors_origin}, {"Vary", "Origin"}});
        }
        m_server.set_pre_routing_handler(
            [this](const httplib::Request& req, httplib::Response& res) {
                return pre_route(req, res);
            });
        m_server.set_error_handler(httplib::Server::HandlerWithResponse(
            [](const httplib::Request&, httplib::Response& res) {
                // Routes write their own JSON errors; this covers what httplib answers itself.
                if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
                const auto [code, message] = default_error(res.status);
                set_error(res, res.status, code, message);
                return httplib::Server::HandlerResponse::Handled;
            }));
        m_server.set_exception_handler(
            [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
                set_error(res, 500, "internal_error", "internal error");
            });
        m_server.set_logger(
            [this](const httplib::Request& req, const httplib::Response& res) { log(req, res); });
    }

    httplib::Server::HandlerResponse pre_route(const httplib::Request& req,
                                               httplib::Response& res) {
        t_request = {Clock::now(), "other", true};
        const RequestLimits& limits = m_options.limits;
        std::size_t header_bytes = 0;
        for (const auto& [name, value] : req.headers) header_bytes += name.size() + value.size();
        if (req.headers.size() > limits.max_header_count ||
            header_bytes > limits.max_header_bytes) {
            set_error(res, 431, "headers_too_large",
                      fmt::format("at most {} headers of {} bytes in all", limits.max_header_count,
                                  limits.max_header_bytes));
            return httplib::Server::HandlerResponse::Handled;
        }
        const bool preflight = req.method == "OPTIONS" && !m_options.cors_origin.empty();
        if (req.path != "/healthz" && !preflight && !is_web_page_path(req.path) &&
            !m_auth.allows(req.get_header_value("Authorization"))) {
            res.set_header("WWW-Authenticate", "Bearer realm=\"diplosearch\"");
            set_error(res, 401, "unauthorized", "a valid bearer token is required");
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    }

    // One route: its metrics label, whether it runs in the worker pool (everything
    // reading the index), and the endpoint producing its reply.
    template <typename Body>
    httplib::Server::Handler route(std::string label, bool pooled, Body body) {
        return [this, label = std::move(label), pooled, body = std::move(body)](
                   const httplib::Request& req, httplib::Response& res) {
            t_request.route = label;
            try {
                std::optional<AdmissionControl::Slot> slot;
                double time_limit = 0;
                if (pooled) {
                    const auto deadline = t_request.arrived + m_options.deadline;
                    slot.emplace(m_admission.admit(deadline));
                    const auto left = deadline - Clock::now();
                    if (left <= Clock::duration::zero()) {
                        throw ServiceUnavailable("the request waited past its deadline");
                    }
                    time_limit = std::chrono::duration<double>(left).count();
                }
                const Reply reply = body(req, time_limit);
                set_json(res, 200, reply.body);
                if (!reply.exact) res.set_header("X-DiploSearch-Exact", "false");
                if (!reply.missing_shards.empty()) {
                    res.set_header("X-DiploSearch-Missing-Shards",
                                   fmt::format("{}", fmt::join(reply.missing_shards, ", ")));
                }
            } catch (...) {
                answer_error(res, std::current_exception());
            }
            encode_json_response(req, res);
        };
    }

    void answer_error(httplib::Response& res, const std::exception_ptr& error) {
        try {
            std::rethrow_exception(error);
        } catch (const searcher::OptionValueError& e) {
            set_error(res, 400, "bad_parameter", e.option() + " " + e.problem(), e.option());
        } catch (const HttpError& e) {
            set_error(res, e.status(), e.code(), e.what(), e.parameter());
        } catch (const QueryError& e) {
            const auto [parameter, message] = query_error_parameter(e.what());
            set_error(res, 400, "bad_query", message, parameter);
        } catch (const ServiceUnavailable& e) {
            res.set_header("Retry-After", "1");
            set_error(res, 503, "unavailable", e.what());
        } catch (const ShardUnavailableError& e) {
            set_error(res, 503, "shard_unavailable", e.what());
        } catch (const std::exception& e) {
            spdlog::error("{}", e.what());
            set_error(res, 500, "internal_error", e.what());
        }
    }

    void add_routes() {
        auto search = [this](const httplib::Request& req, double limit) {
            return m_endpoints.search(req.params, limit);
        };
        auto similar = [this](const httplib::Request& req, double limit) {
            return m_endpoints.similar(req.matches[1], req.params, limit);
        };
        auto document = [this](const httplib::Request& req, double) {
            return m_endpoints.document(req.matches[1], req.params);
        };
        auto facets = [this](const httplib::Request& req, double limit) {
            return m_endpoints.facets(req.params, limit);
        };
        auto suggest = [this](const httplib::Request& req, double) {
            return m_endpoints.suggest(req.params);
        };
        auto stats = [this](const httplib::Request& req, double) {
            return m_endpoints.stats(req.params);
        };
        m_server.Get("/search", route("/search", true, search));
        // Ids may hold '/' (`documents/news/x.md`, sent as %2F): /similar is matched first.
        m_server.Get(R"(/documents/(.+)/similar)", route("/documents/{id}/similar", true, similar));
        m_server.Get(R"(/documents/(.+))", route("/documents/{id}", true, document));
        m_server.Get("/facets", route("/facets", true, facets));
        m_server.Get("/suggest", route("/suggest", true, suggest));
        m_server.Get("/stats", route("/stats", true, stats));
        mount_web_routes(m_server);
        // Health and metrics stay outside the worker pool, so they answer under load.
        m_server.Get("/healthz", route("/healthz", false, [](const httplib::Request&, double) {
                         return Reply{"{\"status\":\"ok\"}\n"};
                     }));
        m_server.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
            t_request.route = "/metrics";
            try {
                res.set_content(m_metrics.prometheus_text({m_searcher.info(), m_admission.running(),
                                                           m_admission.waiting()}),
                                "text/plain; version=0.0.4");
            } catch (...) {
                answer_error(res, std::current_exception());
            }
        });
        auto read_only = [](const httplib::Request&, httplib::Response& res) {
            res.set_header("Allow", "GET, HEAD");
            set_error(res, 405, "method_not_allowed", "the service is read-only: use GET");
        };
        m_server.Post(".*", read_only);
        m_server.Put(".*", read_only);
        m_server.Patch(".*", read_only);
        m_server.Delete(".*", read_only);
        m_server.Options(".*",
                         [this, read_only](const httplib::Request& req, httplib::Response& res) {
                             if (m_options.cors_origin.empty()) return read_only(req, res);
                             res.status = 204;
                             res.set_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
                             res.set_header("Access-Control-Allow-Headers", "Authorization");
                             res.set_header("Access-Control-Max-Age", "600");
                         });
    }

    void log(const httplib::Request& req, const httplib::Response& res) {
        const double seconds =
            t_request.active
                ? std::chrono::duration<double>(Clock::now() - t_request.arrived).count()
                : 0.0;
        m_metrics.record(t_request.active ? t_request.route : "other", res.status, seconds);
        if (m_access_log) {
            m_access_log->write({req.remote_addr, req.method,
                                 req.target.empty() ? req.path : req.target, res.status,
                                 res.body.size(), seconds});
        }
        t_request.active = false;
    }

    ServiceOptions m_options;
    Searcher& m_searcher;
    Endpoints m_endpoints;
    AdmissionControl m_admission;
    BearerAuth m_auth;
    Metrics m_metrics;
    std::shared_ptr<const AccessLog> m_access_log;
    httplib::Server m_server;
    int m_port = -1;
};

HttpService::HttpService(Searcher& searcher, ServiceOptions options,
                         std::shared_ptr<const AccessLog> access_log)
    : m_impl(std::make_unique<Impl>(searcher, std::move(options), std::move(access_log))) {}

HttpService::~HttpService() = default;

int HttpService::bind() {
    return m_impl->bind();
}

void HttpService::serve() {
    m_impl->serve();
}

void HttpService::stop() {
    m_impl->stop();
}

}  // namespace diplosearch::server
