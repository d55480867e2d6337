// @brief The diplo-serve binary as an operator runs it: help, usage errors and exit codes,
// the token from a file or the environment, the access log, and SIGTERM finishing a request
// that is still arriving.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "service_harness.hpp"

using diplosearch::test::diplo_serve_bin;
using diplosearch::test::run_command;
using diplosearch::test::ServeProcess;
using diplosearch::test::shared_sample_index;
using diplosearch::test::shell_quote;
using diplosearch::test::TempDir;
using diplosearch::test::write_file;
using nlohmann::json;

namespace {

std::string db_arg() {
    return "--db " + shell_quote(shared_sample_index().db());
}

int serve_exit(const std::string& args) {
    return run_command(shell_quote(diplo_serve_bin()) + " " + args).exit_code;
}

int status_of(int port, const std::string& target, const httplib::Headers& headers = {}) {
    httplib::Client client("127.0.0.1", port);
    const auto r = client.Get(target.c_str(), headers);
    REQUIRE(r);
    return r->status;
}

// A plain TCP connection to the service, for requests sent in pieces.
class RawConnection {
  public:
    explicit RawConnection(int port) : m_fd(socket(AF_INET, SOCK_STREAM, 0)) {
        REQUIRE(m_fd >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(connect(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    }
    ~RawConnection() { close(m_fd); }
    void send_text(const std::string& text) const {
        REQUIRE(::send(m_fd, text.data(), text.size(), MSG_NOSIGNAL) ==
                static_cast<ssize_t>(text.size()));
    }
    std::string read_all() const {
        std::string out;
        char buffer[4096];
        for (ssize_t n; (n = recv(m_fd, buffer, sizeof buffer, 0)) > 0;) out.append(buffer, n);
        return out;
    }

  private:
    int m_fd;
};

}  // namespace

TEST_CASE("diplo-serve help, version and usage errors", "[server][process]") {
    const auto help = run_command(shell_quote(diplo_serve_bin()) + " --help");
    CHECK(help.exit_code == 0);
    CHECK_THAT(help.out, Catch::StartsWith("Usage: diplo-serve --db PATH"));
    CHECK_THAT(help.out, Catch::Contains("--listen HOST:PORT"));
    CHECK_THAT(help.out, Catch::Contains("--token-file FILE"));
    CHECK_THAT(help.out, Catch::Contains("Exit codes:"));
    const auto version = run_command(shell_quote(diplo_serve_bin()) + " --version");
    CHECK(version.exit_code == 0);
    CHECK_THAT(version.out, Catch::StartsWith("diplo-serve "));

    CHECK(serve_exit("") == 2);
    CHECK(serve_exit(db_arg() + " --listen 8080") == 2);
    CHECK(serve_exit(db_arg() + " --listen 127.0.0.1:99999") == 2);
    CHECK(serve_exit(db_arg() + " --threads 0") == 2);
    CHECK(serve_exit(db_arg() + " --deadline-ms 0") == 2);
    // The token never comes from the command line.
    CHECK(serve_exit(db_arg() + " --token secret") == 2);
    CHECK(serve_exit(db_arg() + " --token-file /nonexistent/token") == 2);
    CHECK(serve_exit(db_arg() + " stray") == 2);
    TempDir dir;
    CHECK(serve_exit("--db " + shell_quote((dir / "missing").string())) == 3);
}

TEST_CASE("diplo-serve exits 1 when its address is taken", "[server][process]") {
    ServeProcess first(db_arg());
    const auto second = run_command(shell_quote(diplo_serve_bin()) + " " + db_arg() +
                                    " --listen 127.0.0.1:" + std::to_string(first.port()));
    CHECK(second.exit_code == 1);
    CHECK_THAT(second.err, Catch::Contains("cannot listen on 127.0.0.1:"));
}

TEST_CASE("the token comes from a file or DIPLOSEARCH_TOKEN", "[server][process][auth]") {
    TempDir dir;
    write_file(dir / "token", "file-token-1\n");
    {
        ServeProcess serve(db_arg() + " --token-file " + shell_quote((dir / "token").string()),
                           "env-token-ignored");
        CHECK(status_of(serve.port(), "/stats") == 401);
        CHECK(status_of(serve.port(), "/stats", {{"Authorization", "Bearer file-token-1"}}) == 200);
        CHECK(status_of(serve.port(), "/stats", {{"Authorization", "Bearer env-token-ignored"}}) ==
              401);
        CHECK(status_of(serve.port(), "/healthz") == 200);
    }
    {
        ServeProcess serve(db_arg(), "env-token-2");
        CHECK(status_of(serve.port(), "/stats") == 401);
        CHECK(status_of(serve.port(), "/stats", {{"Authorization", "Bearer env-token-2"}}) == 200);
    }
    {
        ServeProcess serve(db_arg());
        CHECK(status_of(serve.port(), "/stats") == 200);
    }
}

TEST_CASE("the access log has one line per request, as text or JSON", "[server][process]") {
    {
        ServeProcess serve(db_arg());
        CHECK(status_of(serve.port(), "/search?q=gwadar") == 200);
        CHECK(status_of(serve.port(), "/search?limit=x") == 400);
        serve.signal(SIGTERM);
        CHECK(serve.wait(10) == 0);
        const std::string log = serve.log();
        CHECK_THAT(log,
                   Catch::Contains("diplo-serve: access: 127.0.0.1 \"GET /search?q=gwadar\" 200 "));
        CHECK_THAT(log,
                   Catch::Contains("diplo-serve: access: 127.0.0.1 \"GET /search?limit=x\" 400 "));
    }
    {
        ServeProcess serve(db_arg() + " --log-format json");
        CHECK(status_of(serve.port(), "/documents/nope") == 404);
        serve.signal(SIGTERM);
        CHECK(serve.wait(10) == 0);
        std::istringstream lines(serve.log());
        int access_lines = 0;
        for (std::string line; std::getline(lines, line);) {
            const json entry = json::parse(line);  // Every line is one JSON object.
            if (!entry.contains("access")) continue;
            ++access_lines;
            CHECK(entry["access"]["method"] == "GET");
            CHECK(entry["access"]["target"] == "/documents/nope");
            CHECK(entry["access"]["status"] == 404);
            CHECK(entry["access"]["ms"].is_number());
        }
        CHECK(access_lines == 1);
    }
}

TEST_CASE("SIGTERM answers the request in progress, then exits 0", "[server][process]") {
    ServeProcess serve(db_arg());
    const RawConnection connection(serve.port());
    // Half a request: the service is busy reading it when the signal arrives.
    connection.send_text("GET /search?q=gwadar+port&limit=2 HTTP/1.1\r\nHost: localhost\r\n");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    serve.signal(SIGTERM);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    connection.send_text("Connection: close\r\n\r\n");
    const std::string response = connection.read_all();
    CHECK_THAT(response, Catch::StartsWith("HTTP/1.1 200 OK\r\n"));
    CHECK_THAT(response, Catch::Contains("\"query\": \"gwadar port\""));
    CHECK(serve.wait(10) == 0);
    // And it no longer listens.
    httplib::Client client("127.0.0.1", serve.port());
    CHECK_FALSE(client.Get("/healthz"));
}
