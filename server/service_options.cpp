/// @file
/// @brief Parsing the --listen address.
#include "service_options.hpp"

#include <charconv>

#include "diplosearch/errors.hpp"

namespace diplosearch::server {

ListenAddress parse_listen_address(const std::string& text) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) {
        throw UsageError("--listen needs HOST:PORT, not '" + text + "'");
    }
    ListenAddress address;
    address.host = text.substr(0, colon);
    if (address.host.size() > 2 && address.host.front() == '[' && address.host.back() == ']') {
        address.host = address.host.substr(1, address.host.size() - 2);
    }
    const std::string port = text.substr(colon + 1);
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), address.port);
    if (port.empty() || ec != std::errc{} || end != port.data() + port.size() || address.port < 0 ||
        address.port > 65535) {
        throw UsageError("--listen: '" + port + "' is not a port from 0 to 65535");
    }
    return address;
}

}  // namespace diplosearch::server
