/// @file
/// @brief Directory walking.
#include "source_walker.hpp"

#include <unistd.h>

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

const char* type_name(fs::file_type type) {
    switch (type) {
        case fs::file_type::fifo:
            return "a FIFO";
        case fs::file_type::socket:
            return "a socket";
        case fs::file_type::character:
            return "a character device";
        case fs::file_type::block:
            return "a block device";
        case fs::file_type::directory:
            return "a directory";
        default:
            return "not a regular file";
    }
}

bool is_within(const fs::path& p, const fs::path& root) {
    const auto [root_end, p_at] = std::mismatch(root.begin(), root.end(), p.begin(), p.end());
    return root_end == root.end();
}

// Why a symbolic link in the walk is not followed, or "" to read its target.
// Targets are resolved fully, so a link to a link outside the root is caught.
std::string symlink_skip_reason(const fs::path& link, const fs::path& canonical_root) {
    std::error_code ec;
    const fs::path target = fs::canonical(link, ec);
    if (ec) return "symbolic link cannot be followed: " + ec.message();
    if (!is_within(target, canonical_root)) {
        return "symbolic link leads outside the source root (to " + target.string() + ")";
    }
    const auto status = fs::status(target, ec);
    if (ec) return "symbolic link cannot be followed: " + ec.message();
    if (status.type() == fs::file_type::directory) {
        return "symbolic link to a directory (not followed)";
    }
    if (status.type() != fs::file_type::regular) {
        return std::string("symbolic link to ") + type_name(status.type()) + ", not a regular file";
    }
    return {};
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
        files.push_back({source, id_for(root), size_of(root), listing.root_path, {}});
        return listing;
    }

    const fs::path canonical_root = fs::canonical(root, ec);
    if (ec) throw InputError(source, 0, "cannot resolve: " + ec.message());
    auto skipped = [&](const fs::path& p, std::string reason) {
        files.push_back(
            {p.string(), id_for(p), 0, absolute(p).generic_string(), std::move(reason)});
    };
    fs::recursive_directory_iterator it(root, ec);
    if (ec) throw InputError(source, 0, "cannot read directory: " + ec.message());
    for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
        if (ec) throw InputError(source, 0, "cannot read directory: " + ec.message());
        const fs::path& p = it->path();
        if (is_hidden(p)) {
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        // symlink_status: the entry itself, so that a link is judged by where it leads.
        const auto type = it->symlink_status(ec).type();
        if (ec) {
            skipped(p, "cannot stat: " + ec.message());
        } else if (type == fs::file_type::symlink) {
            if (std::string reason = symlink_skip_reason(p, canonical_root); !reason.empty()) {
                skipped(p, std::move(reason));
            } else {
                files.push_back(
                    {p.string(), id_for(p), size_of(p), absolute(p).generic_string(), {}});
            }
        } else if (type == fs::file_type::directory) {
            // Checked here because the iterator would either stop the whole walk
            // or, skipping permission errors, pass over the folder in silence.
            if (::access(p.c_str(), R_OK | X_OK) != 0) {
                it.disable_recursion_pending();
                skipped(p, "cannot read directory: " +
                               std::error_code(errno, std::generic_category()).message());
            }
        } else if (type == fs::file_type::regular) {
            files.push_back({p.string(), id_for(p), size_of(p), absolute(p).generic_string(), {}});
        } else {
            skipped(p, std::string(type_name(type)) + ", not a regular file");
        }
    }
    std::sort(files.begin(), files.end(),
              [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
    return listing;
}

}  // namespace diplosearch::indexer
