#pragma once
// Crash-safe file replacement: readers of `path` see either the old content or the new one, never a mix.
// POSIX only (the supported platforms are Linux desktops). Thread-safe; concurrent writers to the same
// path each leave a complete file, the last rename wins.
#include <string>

namespace headroom {

// Writes `content` to a new temporary file "<path>.tmp-XXXXXX" in the same directory, flushes it to disk
// (fsync), then renames it over `path` and syncs the directory. An existing file keeps its permissions.
// Throws std::runtime_error naming the path and the system error; on failure the temporary file is removed
// and `path` is untouched.
void writeFileAtomically(const std::string& path, const std::string& content);

}  // namespace headroom
