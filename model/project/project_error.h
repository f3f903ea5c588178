#pragma once
// The one exception type of the project-file layer. Its message always names the file and the operation,
// e.g. "/home/ana/shop.hdrm: save scenario 'peak': database is locked", so it can be shown to the user as is;
// kind() lets callers react without parsing text (offer "open read-only" on Busy, "update Headroom" on
// NewerSchema, and so on).
#include <stdexcept>
#include <string>

namespace headroom {

class ProjectError : public std::runtime_error {
 public:
  enum class Kind {
    NotAProject,    // not an SQLite file, or an SQLite file without the Headroom application_id
    NewerSchema,    // written by a newer Headroom: schema version above what this build knows
    AlreadyExists,  // Project::create() on an existing path
    NotFound,       // no such scenario, version, series, calibration or run
    InvalidInput,   // the caller passed something we refuse to store (bad JSON, mismatched sizes, ...)
    Busy,           // another connection holds the lock longer than the busy timeout
    Corrupt,        // SQLite reports corruption, or stored data contradicts itself
    Io,             // cannot open, disk full, I/O error, read-only file
    Other           // any other SQLite failure
  };

  ProjectError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

}  // namespace headroom
