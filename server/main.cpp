/// @file
/// @brief diplo-serve: the read-only HTTP JSON search service over one database.
#include <pthread.h>

#include <csignal>
#include <cstdlib>
#include <thread>

#include <spdlog/spdlog.h>

#include "bearer_auth.hpp"
#include "cli/common_options.hpp"
#include "cli/exit_codes.hpp"
#include "diplosearch/errors.hpp"
#include "diplosearch/searcher.hpp"
#include "http_service.hpp"

namespace po = boost::program_options;
using namespace diplosearch;

namespace {

constexpr const char* kProgram = "diplo-serve";

constexpr const char* kUsage =
    "Usage: diplo-serve --db PATH [options]\n"
    "\n"
    "Serves the database read-only over HTTP as JSON (docs/http-service.md): GET /search,\n"
    "/documents/{id}, /documents/{id}/similar, /suggest, /facets, /stats, /healthz and\n"
    "/metrics. Picks up reindexing without a restart; SIGTERM or SIGINT stops it after\n"
    "the requests in progress are answered.\n"
    "\n"
    "A bearer token, when wanted, is read from --token-file or the environment variable\n"
    "DIPLOSEARCH_TOKEN, never from the command line (where other users could see it).\n";

// Waits for SIGTERM/SIGINT on its own thread, so the stop runs outside a signal handler.
class StopOnSignal {
  public:
    explicit StopOnSignal(server::HttpService& service)
        : m_thread([this, &service] {
              int signal = 0;
              sigwait(&signals(), &signal);
              if (!m_released) {
                  spdlog::info("stopping: finishing the requests in progress");
                  service.stop();
              }
          }) {}
    ~StopOnSignal() {
        m_released = true;
        pthread_kill(m_thread.native_handle(), SIGTERM);
        m_thread.join();
    }
    StopOnSignal(const StopOnSignal&) = delete;
    StopOnSignal& operator=(const StopOnSignal&) = delete;

    /// Blocks the signals in the calling thread and every thread it starts later.
    static void block() { pthread_sigmask(SIG_BLOCK, &signals(), nullptr); }

  private:
    static sigset_t& signals() {
        static sigset_t set = [] {
            sigset_t s;
            sigemptyset(&s);
            sigaddset(&s, SIGTERM);
            sigaddset(&s, SIGINT);
            return s;
        }();
        return set;
    }

    std::atomic<bool> m_released = false;
    std::thread m_thread;
};

int run(int argc, char** argv) {
    cli::CommonOptions common;
    server::ServiceOptions options;
    std::string listen = "127.0.0.1:8080";
    std::string token_file;
    std::vector<std::string> synonym_files;
    std::vector<std::string> positionals;
    SearcherOptions searcher_options;
    cli::Count threads{options.threads}, queue{options.queue},
        deadline_ms{static_cast<std::uint32_t>(options.deadline.count())};

    po::options_description serve("Service options");
    // clang-format off
    serve.add_options()
        ("listen", po::value(&listen)->value_name("HOST:PORT"),
         "address to listen on (default 127.0.0.1:8080, loopback only; port 0 picks one)")
        ("threads", po::value(&threads)->value_name("N"), "requests run at once (default 2)")
        ("queue", po::value(&queue)->value_name("N"),
         "requests that may wait for a thread (default 64); more are answered 503")
        ("deadline-ms", po::value(&deadline_ms)->value_name("MS"),
         "a request not started within MS of arriving is answered 503; what is left of MS"
         " bounds its match counting (default 2000)")
        ("token-file", po::value(&token_file)->value_name("FILE"),
         "require `Authorization: Bearer TOKEN` with the token in FILE (else $DIPLOSEARCH_TOKEN)")
        ("cors-origin", po::value(&options.cors_origin)->value_name("ORIGIN"),
         "allow browsers on ORIGIN (or *) to call the service (default: no CORS headers)")
        ("synonyms", po::value(&synonym_files)->value_name("FILE"),
         "add the synonym groups in FILE (repeatable)");
    // clang-format on
    serve.add(cli::shard_options(searcher_options));
    if (!cli::parse_command_line(argc, argv, {kProgram, kUsage, serve, "argument"}, common,
                                 positionals)) {
        return cli::kExitOk;
    }
    if (!positionals.empty()) throw UsageError("unexpected argument '" + positionals[0] + "'");
    if (common.db.empty()) throw UsageError("--db PATH is required (try --help)");
    const auto address = server::parse_listen_address(listen);
    options.host = address.host;
    options.port = address.port;
    if (threads.value == 0) throw UsageError("--threads must be 1 or more");
    if (deadline_ms.value == 0) throw UsageError("--deadline-ms must be 1 or more");
    options.threads = threads.value;
    options.queue = queue.value;
    options.deadline = std::chrono::milliseconds(deadline_ms.value);
    if (!token_file.empty()) {
        options.token = server::read_token_file(token_file);
    } else if (const char* env = std::getenv("DIPLOSEARCH_TOKEN"); env && *env) {
        options.token = env;
    }

    StopOnSignal::block();
    Searcher searcher(common.db, searcher_options);
    for (const auto& file : synonym_files) searcher.add_synonyms(file);
    const auto settings = common.log_settings(kProgram);
    server::HttpService service(
        searcher, options,
        std::make_shared<server::AccessLog>(kProgram, settings.format, settings.level));
    const int port = service.bind();
    spdlog::info(
        "listening on http://{}:{} ({} threads, queue {}, deadline {} ms{}{})",
        address.host.find(':') == std::string::npos ? address.host : "[" + address.host + "]", port,
        options.threads, options.queue, options.deadline.count(),
        options.token.empty() ? "" : ", bearer token required",
        options.cors_origin.empty() ? "" : ", CORS for " + options.cors_origin);
    {
        StopOnSignal stop_on_signal(service);
        service.serve();
    }
    spdlog::info("stopped");
    return cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    return cli::run_guarded(kProgram, [&] { return run(argc, argv); });
}
