#include "ui/report/report_writer.h"

#include <cstdlib>
#include <stdexcept>

namespace headroom::report {

void ensureHeadlessPlatform() {
  const auto set = [](const char* name) {
    const char* v = std::getenv(name);
    return v && *v;
  };
  if (!set("DISPLAY") && !set("WAYLAND_DISPLAY") && !set("QT_QPA_PLATFORM")) setenv("QT_QPA_PLATFORM", "offscreen", 1);
}

ReportDocument writeReport(const ReportInput& input, const std::string& path) {
  auto endsWith = [&path](const std::string& suffix) {
    if (path.size() < suffix.size()) return false;
    for (std::size_t i = 0; i < suffix.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(path[path.size() - suffix.size() + i])) != suffix[i]) return false;
    return true;
  };
  ReportDocument doc = buildReport(input);
  if (endsWith(".pdf")) writePdfReport(input, doc, path);
  else if (endsWith(".html") || endsWith(".htm")) writeHtmlReport(input, doc, path);
  else throw std::runtime_error(path + ": unknown report format (use .pdf or .html)");
  return doc;
}

}  // namespace headroom::report
