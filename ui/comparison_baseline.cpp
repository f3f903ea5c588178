#include "ui/comparison_baseline.h"

#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>

#include "simulator/result_io.h"

namespace headroom {

namespace {

std::string fileName(const std::string& path) { return std::filesystem::path(path).filename().string(); }

RunResult parseResult(const std::string& text, const std::string& origin) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(origin + ": not valid JSON (" + e.what() + ")");
  }
  if (!j.is_object() || !j.contains("end_to_end"))
    throw std::runtime_error(origin + ": not a run result (no 'end_to_end' block; write one with headroom-cli run --json FILE)");
  try {
    return runResultFromJson(j);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(origin + ": not a run result this version can read (" + e.what() + ")");
  }
}

}  // namespace

RunBaseline loadResultFileBaseline(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot be opened");
  std::ostringstream text;
  text << in.rdbuf();
  return RunBaseline{parseResult(text.str(), path), "result " + fileName(path)};
}

std::vector<RunInfo> listStoredRuns(const std::string& projectPath) { return Project::open(projectPath).listRuns(); }

std::string describeStoredRun(const RunInfo& run) {
  const std::time_t t = static_cast<std::time_t>(run.created_unix_ms / 1000);
  char when[32] = "";
  if (std::tm tm{}; gmtime_r(&t, &tm)) std::strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
  return "run #" + std::to_string(run.id) + " · " + run.scenario_name + " v" + std::to_string(run.scenario_version) + " · seed " +
         std::to_string(run.seed) + " · " + when;
}

RunBaseline loadStoredRunBaseline(const std::string& projectPath, std::int64_t runId) {
  Project project = Project::open(projectPath);
  const StoredRun stored = project.loadRun(runId);
  const std::string origin = projectPath + ": run #" + std::to_string(runId);
  return RunBaseline{parseResult(stored.result_json, origin),
                     fileName(projectPath) + " run #" + std::to_string(runId) + " (" + stored.info.scenario_name + " v" +
                         std::to_string(stored.info.scenario_version) + ")"};
}

std::optional<RunBaseline> chooseResultFileBaseline(QWidget* parent) {
  const QString path = QFileDialog::getOpenFileName(parent, QObject::tr("Compare With Result File"), QString(),
                                                    QObject::tr("Run results (*.json);;All files (*)"));
  if (path.isEmpty()) return std::nullopt;
  try {
    return loadResultFileBaseline(path.toStdString());
  } catch (const std::exception& e) {
    QMessageBox::warning(parent, QObject::tr("Could not read the result"), QString::fromStdString(e.what()));
    return std::nullopt;
  }
}

std::optional<RunBaseline> chooseStoredRunBaseline(QWidget* parent) {
  const QString path = QFileDialog::getOpenFileName(parent, QObject::tr("Compare With Stored Run"), QString(),
                                                    QObject::tr("Headroom projects (*.hdrm);;All files (*)"));
  if (path.isEmpty()) return std::nullopt;
  try {
    const std::vector<RunInfo> runs = listStoredRuns(path.toStdString());
    if (runs.empty()) throw std::runtime_error(path.toStdString() + ": the project holds no runs yet");
    QStringList items;
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) items << QString::fromStdString(describeStoredRun(*it));  // newest first
    bool ok = false;
    const QString picked = QInputDialog::getItem(parent, QObject::tr("Compare With Stored Run"), QObject::tr("Run:"), items, 0, false, &ok);
    if (!ok) return std::nullopt;
    const auto index = static_cast<std::size_t>(items.indexOf(picked));
    return loadStoredRunBaseline(path.toStdString(), runs[runs.size() - 1 - index].id);
  } catch (const std::exception& e) {
    QMessageBox::warning(parent, QObject::tr("Could not read the project"), QString::fromStdString(e.what()));
    return std::nullopt;
  }
}

}  // namespace headroom
