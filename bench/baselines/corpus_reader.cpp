/// @file
/// @brief JSONL reading for the baselines; zstd frames are decompressed in-process so
/// that a baseline's measured time includes decompression, as diplo-index's does.
#include "corpus_reader.hpp"

#include <zstd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace diplosearch::bench {

namespace {

using json = nlohmann::json;

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string string_field(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return {};
    return it->get<std::string>();
}

int int_field(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer()) return 0;
    return it->get<int>();
}

CorpusRecord to_record(const json& j) {
    CorpusRecord r;
    r.id = string_field(j, "id");
    r.title = string_field(j, "title");
    r.text = string_field(j, "text");
    // UNGDC texts may start with a byte order mark.
    if (r.text.rfind("\xEF\xBB\xBF", 0) == 0) r.text.erase(0, 3);
    if (auto it = j.find("country"); it != j.end()) {
        if (it->is_string()) {
            r.countries.push_back(it->get<std::string>());
        } else if (it->is_array()) {
            for (const auto& c : *it)
                if (c.is_string()) r.countries.push_back(c.get<std::string>());
        }
    }
    r.type = string_field(j, "type");
    r.lang = string_field(j, "lang");
    r.speaker = string_field(j, "speaker");
    r.year = int_field(j, "year");
    r.session = int_field(j, "session");
    if (r.year == 0) {
        const std::string date = string_field(j, "date");
        if (date.size() >= 4) r.year = std::atoi(date.substr(0, 4).c_str());
    }
    return r;
}

/// Splits a zstd stream into lines, decompressing in fixed-size chunks.
class ZstdLineReader {
  public:
    explicit ZstdLineReader(const std::string& path)
        : m_file(std::fopen(path.c_str(), "rb")), m_stream(ZSTD_createDStream()) {
        if (!m_file) throw std::runtime_error("cannot open " + path);
        ZSTD_initDStream(m_stream);
        m_in.resize(ZSTD_DStreamInSize());
        m_out.resize(ZSTD_DStreamOutSize());
    }
    ~ZstdLineReader() {
        if (m_file) std::fclose(m_file);
        ZSTD_freeDStream(m_stream);
    }
    ZstdLineReader(const ZstdLineReader&) = delete;
    ZstdLineReader& operator=(const ZstdLineReader&) = delete;

    bool getline(std::string& line) {
        for (;;) {
            if (auto nl = m_pending.find('\n', m_scan); nl != std::string::npos) {
                line.assign(m_pending, 0, nl);
                m_pending.erase(0, nl + 1);
                m_scan = 0;
                return true;
            }
            m_scan = m_pending.size();
            if (!fill()) {
                if (m_pending.empty()) return false;
                line.swap(m_pending);
                m_pending.clear();
                m_scan = 0;
                return true;
            }
        }
    }

  private:
    /// Appends more decompressed bytes to m_pending; false at the end of input.
    bool fill() {
        for (;;) {
            if (m_input.pos == m_input.size) {
                std::size_t n = std::fread(m_in.data(), 1, m_in.size(), m_file);
                if (n == 0) return false;
                m_input = {m_in.data(), n, 0};
            }
            ZSTD_outBuffer output{m_out.data(), m_out.size(), 0};
            std::size_t rc = ZSTD_decompressStream(m_stream, &output, &m_input);
            if (ZSTD_isError(rc)) throw std::runtime_error(ZSTD_getErrorName(rc));
            if (output.pos > 0) {
                m_pending.append(m_out.data(), output.pos);
                return true;
            }
        }
    }

    std::FILE* m_file;
    ZSTD_DStream* m_stream;
    std::vector<char> m_in, m_out;
    ZSTD_inBuffer m_input{nullptr, 0, 0};
    std::string m_pending;
    std::size_t m_scan = 0;
};

}  // namespace

CorpusStats read_corpus(const std::string& path, const std::function<void(const CorpusRecord&)>& fn,
                        std::size_t max_records) {
    std::unique_ptr<ZstdLineReader> zstd;
    std::ifstream file;
    std::istream* in = &std::cin;
    if (ends_with(path, ".zst")) {
        zstd = std::make_unique<ZstdLineReader>(path);
    } else if (path != "-") {
        file.open(path);
        if (!file) throw std::runtime_error("cannot open " + path);
        in = &file;
    }
    CorpusStats stats;
    std::string line;
    while (zstd ? zstd->getline(line) : static_cast<bool>(std::getline(*in, line))) {
        if (max_records != 0 && stats.records >= max_records) break;
        if (line.empty()) continue;
        CorpusRecord r = to_record(json::parse(line));
        if (r.id.empty()) continue;
        ++stats.records;
        stats.text_bytes += r.title.size() + r.text.size();
        fn(r);
    }
    return stats;
}

}  // namespace diplosearch::bench
