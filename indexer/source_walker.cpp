/// @file
/// @brief Directory walking.
#include "source_walker.hpp"

#include <algorithm>
#include <filesystem>

#include "diplosearch/errors.hpp"

namespace diplosearch::indexer {

namespace fs = std::filesystem;

namespace {

bool is_hidden(const fs::path& p) {
    const std::string name = p.filename().string();
    return name.size() > 1 && name.front() == '.';
}

// Size for progress only, so an unreadable size counts as 0.
std::uint64_t size_of(const fs::path& p) {
    std::error_code ec;
    const auto size = fs::file_size(p, ec);
    return ec ? 0 : static_cast<std::uint64_t>(size);
}

}  // namespace

SourceListing list_source(const std::string& source) {
    std::error_code ec;
    const fs::path root(source);
    const auto status = fs::status(root, ec);
    if (ec || !fs::exists(status)) throw InputError(source, 0, "no such file or directory");

    // Ids derive from the path relative to the source's parent, so they do not
    // depend on the working directory: `corpus/documents/a.md` -> `documents/a.md`.
    fs::path root_abs = fs::absolute(root, ec).lexically_normal();
    if (!root_abs.has_filename()) root_abs = root_abs.parent_path();
    const fs::path base = root_abs.parent_path();
    auto absolute = [&](const fs::path& p) { return fs::absolute(p, ec).lexically_normal(); };
    auto id_for = [&](const fs::path& p) {
        return absolute(p).lexically_relative(base).generic_string();
    };

    SourceListing listing{root_abs.generic_string(), fs::is_directory(status), {}};
    auto& files = listing.files;
    if (!listing.directory) {
        files.push_back({source, id_for(root), size_of(root), listing.root_path});
        return listing;
    }

    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) throw InputError(source, 0, "cannot read directory: " + ec.message());
    for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
        if (ec) throw InputError(source, 0, "cannot read directory: " + ec.message());
        if (is_hidden(it->path())) {
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(ec)) {
            files.push_back({it->path().string(), id_for(it->path()), size_of(it->path()),
                             absolute(it->path()).generic_string()});
        }
    }
    std::sort(files.begin(), files.end(),
              [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
    return listing;
}

}  // namespace diplosearch::indexer
