/// @file
/// @brief Server test harness.
#include "service_harness.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>

namespace diplosearch::test {

namespace {

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace

std::string diplo_serve_bin() {
    return DIPLO_SERVE_BIN;
}

void run_indexer(const std::string& db, const std::string& args) {
    const CommandResult r =
        run_command(shell_quote(diplo_index_bin()) + " -q --db " + shell_quote(db) + " " + args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
}

SampleIndex::SampleIndex() : m_db((m_dir / "db").string()) {
    run_indexer(m_db, shell_quote(sample_corpus().string()));
}

const SampleIndex& shared_sample_index() {
    static const SampleIndex index;
    return index;
}

InProcessService::InProcessService(const std::string& db, server::ServiceOptions options)
    : m_searcher(db),
      m_service(m_searcher,
                [&] {
                    options.host = "127.0.0.1";
                    options.port = 0;
                    return options;
                }()),
      m_port(m_service.bind()),
      m_thread([this] { m_service.serve(); }) {}

InProcessService::~InProcessService() {
    m_service.stop();
    m_thread.join();
}

httplib::Client InProcessService::client() const {
    httplib::Client client("127.0.0.1", m_port);
    client.set_read_timeout(std::chrono::seconds(10));
    // Targets are sent as written: the tests encode them (httplib would turn `+` into %2B).
    client.set_url_encode(false);
    return client;
}

ServeProcess::ServeProcess(const std::string& args, const std::string& env_token) {
    const std::string err = (m_dir / "stderr").string();
    const std::string command = "exec " + shell_quote(diplo_serve_bin()) + " " + args +
                                " --listen 127.0.0.1:0 2>" + shell_quote(err);
    m_pid = fork();
    REQUIRE(m_pid >= 0);
    if (m_pid == 0) {
        if (env_token.empty()) {
            unsetenv("DIPLOSEARCH_TOKEN");
        } else {
            setenv("DIPLOSEARCH_TOKEN", env_token.c_str(), 1);
        }
        execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    const std::regex listening(R"(listening on http://127\.0\.0\.1:([0-9]+))");
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < give_up) {
        std::smatch match;
        const std::string text = slurp(err);
        if (std::regex_search(text, match, listening)) {
            m_port = std::stoi(match[1]);
            return;
        }
        int status = 0;
        if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            FAIL("diplo-serve ended before listening: " << text);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
    m_pid = -1;
    FAIL("diplo-serve did not log its port: " << log());
}

ServeProcess::~ServeProcess() {
    if (m_pid > 0) {
        kill(m_pid, SIGKILL);
        waitpid(m_pid, nullptr, 0);
    }
}

void ServeProcess::signal(int sig) const {
    REQUIRE(m_pid > 0);
    kill(m_pid, sig);
}

int ServeProcess::wait(int seconds) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (m_pid > 0 && std::chrono::steady_clock::now() < give_up) {
        int status = 0;
        if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;
}

std::string ServeProcess::log() const {
    return slurp(m_dir / "stderr");
}

}  // namespace diplosearch::test
