/// @file
/// @brief Shard folders, shard assignment and the stub that joins the shards.
#include "shards.hpp"

#include <unistd.h>

#include <charconv>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <xxhash.h>

#include "diplosearch/errors.hpp"
#include "generations.hpp"

namespace diplosearch::shards {

namespace {

constexpr std::string_view kTcpScheme = "tcp://";

// "host:port" -> address; nullopt when the port is missing or not a number.
std::optional<ShardAddress> parse_host_port(std::string_view text) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    unsigned port = 0;
    const std::string_view digits = text.substr(colon + 1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (ec != std::errc() || end != digits.data() + digits.size() || port == 0 || port > 65535) {
        return std::nullopt;
    }
    ShardAddress address;
    address.remote = true;
    address.host = std::string(text.substr(0, colon));
    address.port = port;
    return address;
}

}  // namespace

std::string temp_suffix() {
    return fmt::format(".tmp.{}", ::getpid());
}

unsigned shard_of(std::string_view id, unsigned count) {
    if (count <= 1) return 0;
    return static_cast<unsigned>(XXH3_64bits(id.data(), id.size()) % count);
}

std::string shard_name(unsigned number) {
    return fmt::format("shard-{:02d}", number);
}

std::string lexicon_name(unsigned number) {
    return fmt::format("lexicon-{:02d}", number);
}

std::string ShardAddress::label() const {
    return remote ? fmt::format("{}:{}", host, port) : path;
}

std::string ShardAddress::stub_line() const {
    return remote ? fmt::format("remote {}:{}", host, port) : fmt::format("auto {}", path);
}

ShardAddress parse_address(const std::string& spec) {
    if (spec.rfind(kTcpScheme, 0) == 0) {
        if (auto address = parse_host_port(std::string_view(spec).substr(kTcpScheme.size()))) {
            return *address;
        }
        throw UsageError(fmt::format("--shard {}: expected tcp://HOST:PORT", spec));
    }
    if (spec.empty()) throw UsageError("--shard: empty value (a path or tcp://HOST:PORT)");
    return ShardAddress{false, spec, "", 0};
}

bool is_sharded(const fs::path& db) {
    std::error_code ec;
    if (!fs::exists(db / generations::kStubName, ec)) return false;
    if (generations::live_generation(db)) return false;
    try {
        return !read_stub(db).empty();
    } catch (const IndexError&) {
        return false;
    }
}

std::vector<ShardAddress> read_stub(const fs::path& db) {
    const fs::path stub = db / generations::kStubName;
    std::ifstream in(stub);
    if (!in) throw IndexError(fmt::format("{}: cannot read the shard list", stub.string()));
    std::vector<ShardAddress> shards;
    std::string line;
    for (unsigned number = 1; std::getline(in, line); ++number) {
        std::istringstream words(line);
        std::string kind;
        std::string target;
        if (!(words >> kind) || kind.front() == '#') continue;
        words >> target;
        std::optional<ShardAddress> address;
        if ((kind == "auto" || kind == "glass") && !target.empty()) {
            address = ShardAddress{false, target, "", 0};
        } else if (kind == "remote") {
            address = parse_host_port(target);
        }
        if (!address) {
            throw IndexError(
                fmt::format("{}:{}: expected 'auto PATH' or 'remote HOST:PORT', got '{}'",
                            stub.string(), number, line));
        }
        shards.push_back(std::move(*address));
    }
    if (shards.size() > kMaxShards) {
        throw IndexError(fmt::format("{}: more than {} shards", stub.string(), kMaxShards));
    }
    return shards;
}

void write_stub(const fs::path& db, unsigned count) {
    if (is_sharded(db)) {
        const auto listed = read_stub(db).size();
        if (listed == count) return;
        throw IndexError(fmt::format(
            "{}: has {} shards, not {}: documents are placed by a hash modulo the number of "
            "shards, so changing it means indexing into a new database (see "
            "docs/sharding.md)",
            db.string(), listed, count));
    }
    std::string content = fmt::format(
        "# DiploSearch: {} shards, one line each in shard order (auto PATH or remote "
        "HOST:PORT)\n",
        count);
    for (unsigned k = 0; k < count; ++k) {
        content += ShardAddress{false, shard_name(k), "", 0}.stub_line() + "\n";
    }
    // Processes indexing one shard each may all write it first: each through a
    // temporary file of its own, the same content whichever rename comes last.
    generations::replace_file(db, generations::kStubName, content, temp_suffix());
}

}  // namespace diplosearch::shards
