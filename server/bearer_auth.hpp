/// @file
/// @brief Optional bearer-token authentication, compared in constant time.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace diplosearch::server {

/// True when @p given equals @p expected. The time taken depends only on the length
/// of @p expected, so a caller cannot learn the token a byte at a time.
bool constant_time_equal(std::string_view given, std::string_view expected);

/// The token in @p path: its first line, surrounding blanks removed.
/// @throws UsageError naming the file when it cannot be read or holds no token.
std::string read_token_file(const std::filesystem::path& path);

/// Checks `Authorization: Bearer TOKEN` headers against one token.
class BearerAuth {
  public:
    /// @param token the expected token; "" turns authentication off.
    explicit BearerAuth(std::string token) : m_token(std::move(token)) {}

    bool enabled() const { return !m_token.empty(); }

    /// True when authentication is off or @p authorization carries the token.
    bool allows(std::string_view authorization) const;

  private:
    std::string m_token;
};

}  // namespace diplosearch::server
