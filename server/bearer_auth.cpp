/// @file
/// @brief Bearer-token checks.
#include "bearer_auth.hpp"

#include <cctype>
#include <fstream>

#include "diplosearch/errors.hpp"
#include "text.hpp"

namespace diplosearch::server {

bool constant_time_equal(std::string_view given, std::string_view expected) {
    // Every byte of `expected` is compared whatever `given` holds; a length
    // difference is folded into the same accumulator instead of returning early.
    unsigned char diff = given.size() == expected.size() ? 0 : 1;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const unsigned char g =
            given.empty() ? 0 : static_cast<unsigned char>(given[i % given.size()]);
        diff |= static_cast<unsigned char>(g ^ static_cast<unsigned char>(expected[i]));
    }
    return diff == 0;
}

std::string read_token_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("--token-file: cannot read " + path.string());
    std::string line;
    std::getline(in, line);
    std::string token(text::trim(line));
    if (token.empty()) throw UsageError("--token-file: " + path.string() + " holds no token");
    return token;
}

bool BearerAuth::allows(std::string_view authorization) const {
    if (!enabled()) return true;
    constexpr std::string_view kScheme = "Bearer ";
    if (authorization.size() < kScheme.size()) return false;
    // The scheme name is case-insensitive (RFC 7235).
    for (std::size_t i = 0; i < kScheme.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(authorization[i])) !=
            std::tolower(static_cast<unsigned char>(kScheme[i]))) {
            return false;
        }
    }
    return constant_time_equal(authorization.substr(kScheme.size()), m_token);
}

}  // namespace diplosearch::server
