/// @file
/// @brief What the server tests share: the sample corpus indexed once, the service run in
/// process on an ephemeral loopback port, and the diplo-serve binary run as a child process.
#pragma once

#include <httplib.h>
#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "diplosearch/searcher.hpp"
#include "http_service.hpp"
#include "service_options.hpp"
#include "support/test_env.hpp"

namespace diplosearch::test {

/// A database of corpus/documents built by diplo-index into a fresh folder.
class SampleIndex {
  public:
    SampleIndex();
    const std::string& db() const { return m_db; }

  private:
    TempDir m_dir;
    std::string m_db;
};

/// The sample index built once and shared by the tests that only read it.
const SampleIndex& shared_sample_index();

/// diplo-index run on @p db with @p args; fails the test unless it exits 0.
void run_indexer(const std::string& db, const std::string& args);

/// HttpService serving @p db in this process on 127.0.0.1 and a port the system picks.
class InProcessService {
  public:
    explicit InProcessService(const std::string& db, server::ServiceOptions options = {});
    ~InProcessService();
    InProcessService(const InProcessService&) = delete;
    InProcessService& operator=(const InProcessService&) = delete;

    int port() const { return m_port; }
    /// A client of the service with a 10 s timeout.
    httplib::Client client() const;

  private:
    Searcher m_searcher;
    server::HttpService m_service;
    int m_port;
    std::thread m_thread;
};

/// The diplo-serve binary run with @p args plus `--listen 127.0.0.1:0`, its standard
/// error in a file; the constructor waits for the port it logs.
class ServeProcess {
  public:
    /// @param env_token when not empty, DIPLOSEARCH_TOKEN for the child.
    explicit ServeProcess(const std::string& args, const std::string& env_token = "");
    ~ServeProcess();
    ServeProcess(const ServeProcess&) = delete;
    ServeProcess& operator=(const ServeProcess&) = delete;

    int port() const { return m_port; }
    void signal(int sig) const;
    /// Waits for the process to end (at most @p seconds) and returns its exit status
    /// (-1 when killed by a signal or still running).
    int wait(int seconds);
    std::string log() const;

  private:
    TempDir m_dir;
    pid_t m_pid = -1;
    int m_port = 0;
};

std::string diplo_serve_bin();

}  // namespace diplosearch::test
