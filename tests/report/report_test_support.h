#pragma once
// Shared by the report tests: poppler tools, the artefact folder, and reading a JSON value by the path a
// Headline records ("runways[0].break_at_s").
#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace report_test {

inline QString tool(const char* name) { return QStandardPaths::findExecutable(QString::fromLatin1(name)); }

inline QString runTool(const QString& program, const QStringList& args) {
  QProcess p;
  p.start(program, args);
  if (!p.waitForFinished(60000) || p.exitCode() != 0) return {};
  return QString::fromUtf8(p.readAllStandardOutput());
}

inline QString artefactDir() {
  QDir().mkpath(QStringLiteral(HEADROOM_REPORT_ARTEFACTS));
  return QStringLiteral(HEADROOM_REPORT_ARTEFACTS);
}

// "end_to_end[0].response.p99_s.mean" in a JSON document; null when a step is missing.
inline nlohmann::json atPath(const nlohmann::json& root, const std::string& path) {
  const nlohmann::json* j = &root;
  std::size_t i = 0;
  while (i < path.size()) {
    const std::size_t end = path.find_first_of(".[", i);
    const std::string key = path.substr(i, end == std::string::npos ? std::string::npos : end - i);
    if (!key.empty()) {
      if (!j->is_object() || !j->contains(key)) return nullptr;
      j = &j->at(key);
    }
    if (end == std::string::npos) break;
    if (path[end] == '[') {
      const std::size_t close = path.find(']', end);
      const std::size_t index = std::stoul(path.substr(end + 1, close - end - 1));
      if (!j->is_array() || index >= j->size()) return nullptr;
      j = &j->at(index);
      i = close + 1;
      if (i < path.size() && path[i] == '.') ++i;
    } else {
      i = end + 1;
    }
  }
  return *j;
}

}  // namespace report_test

using report_test::artefactDir;
using report_test::atPath;
using report_test::runTool;
using report_test::tool;
