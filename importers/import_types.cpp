#include "importers/import_types.h"

namespace headroom {

const char* toString(WarningKind kind) {
  switch (kind) {
    case WarningKind::MalformedLine: return "malformed line";
    case WarningKind::MissingValue: return "missing value";
    case WarningKind::DuplicateTimestamp: return "duplicate timestamp";
    case WarningKind::Unsorted: return "unsorted";
    case WarningKind::UnknownUnit: return "unknown unit";
    case WarningKind::MissingTimestamp: return "missing timestamp";
    case WarningKind::PartialData: return "partial data";
    case WarningKind::Skipped: return "skipped";
    case WarningKind::CounterReset: return "counter reset";
    case WarningKind::Implausible: return "implausible";
  }
  return "?";
}

static std::string composeMessage(const std::string& file, long line, const std::string& field,
                                  const std::string& detail) {
  std::string msg = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    msg += ':';
    msg += std::to_string(line);
  }
  msg += ": ";
  if (!field.empty()) msg += field + ": ";
  msg += detail;
  return msg;
}

ImportError::ImportError(const std::string& file, long line, const std::string& field, const std::string& detail)
    : std::runtime_error(composeMessage(file, line, field, detail)), file_(file), line_(line), field_(field) {}

}  // namespace headroom
