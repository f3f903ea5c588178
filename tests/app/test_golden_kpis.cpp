// Golden KPI files: each built-in scenario, run with its own seed and settings, must reproduce the KPIs
// recorded in tests/app/golden/<scenario>.kpi.json. Any change in what the engine predicts shows up here.
// After an intended change, regenerate with HEADROOM_UPDATE_GOLDEN=1 and review the diff like code.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "model/scenario_json.h"
#include "simulator/simulation.h"

using namespace headroom;
using nlohmann::json;

namespace {

const std::filesystem::path kScenarios = std::filesystem::path(HEADROOM_SOURCE_DIR) / "scenarios";
const std::filesystem::path kGolden = std::filesystem::path(HEADROOM_SOURCE_DIR) / "tests/app/golden";

json kpis(const RunResult& r) {
  auto num = [](double x) { return std::isfinite(x) ? json(x) : json(nullptr); };
  json j;
  j["replications"] = r.replications;
  j["requests"] = r.requests;
  for (const auto& c : r.components)
    j["components"][c.name] = {{"utilization", num(c.utilization.mean)},
                               {"throughput_per_s", num(c.throughput_per_s.mean)},
                               {"response_mean_s", num(c.response.mean_s.mean)},
                               {"response_p99_s", num(c.response.quantile_s[3].mean)},
                               {"rejection_ratio", num(c.rejection_ratio.mean)}};
  for (const auto& c : r.components)
    for (const auto& [name, e] : c.features) j["components"][c.name][name] = num(e.mean);
  for (const auto& e : r.end_to_end)
    j["end_to_end"][e.request_class] = {{"throughput_per_s", num(e.throughput_per_s.mean)},
                                        {"error_ratio", num(e.error_ratio.mean)},
                                        {"response_mean_s", num(e.response.mean_s.mean)},
                                        {"response_p99_s", num(e.response.quantile_s[3].mean)}};
  return j;
}

// Numbers equal to 1e-9 relative (bit-identical on one platform; the slack tolerates printing), rest exact.
bool same(const json& a, const json& b, std::string path, std::string& where) {
  if (a.is_number() && b.is_number()) {
    const double x = a.get<double>(), y = b.get<double>();
    if (std::abs(x - y) <= 1e-9 * std::max(std::abs(x), std::abs(y))) return true;
    where = path + ": golden " + a.dump() + ", now " + b.dump();
    return false;
  }
  if (a.is_object() && b.is_object()) {
    if (a.size() != b.size()) {
      where = path + ": different keys";
      return false;
    }
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (!b.contains(it.key())) {
        where = path + "." + it.key() + ": missing";
        return false;
      }
      if (!same(it.value(), b.at(it.key()), path + "." + it.key(), where)) return false;
    }
    return true;
  }
  if (a != b) where = path + ": golden " + a.dump() + ", now " + b.dump();
  return a == b;
}

}  // namespace

class GoldenKpiTest : public QObject {
  Q_OBJECT
 private slots:
  void builtInScenarioReproducesItsGoldenKpis_data() {
    QTest::addColumn<QString>("name");
    for (const auto& entry : std::filesystem::directory_iterator(kScenarios))
      if (entry.path().extension() == ".json")
        QTest::newRow(entry.path().stem().c_str()) << QString::fromStdString(entry.path().stem().string());
  }

  void builtInScenarioReproducesItsGoldenKpis() {
    QFETCH(QString, name);
    const Scenario s = loadAndValidateScenarioFile((kScenarios / (name.toStdString() + ".json")).string());
    const json now = kpis(runSimulation(s, {}));
    const auto goldenPath = kGolden / (name.toStdString() + ".kpi.json");
    if (qEnvironmentVariableIsSet("HEADROOM_UPDATE_GOLDEN")) {
      std::ofstream(goldenPath) << now.dump(2) << "\n";
      QSKIP("golden file rewritten; review the diff");
    }
    std::ifstream in(goldenPath);
    QVERIFY2(in.good(), qPrintable("no golden file " + QString::fromStdString(goldenPath.string()) +
                                   " (create it with HEADROOM_UPDATE_GOLDEN=1)"));
    const json golden = json::parse(in);
    std::string where;
    QVERIFY2(same(golden, now, name.toStdString(), where), where.c_str());
  }
};

QTEST_APPLESS_MAIN(GoldenKpiTest)
#include "test_golden_kpis.moc"
