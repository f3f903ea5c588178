// The scenario's provenance block (assumptions log of a calibrated model) survives a save/load round trip, and a
// malformed entry is refused with its path.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "model/scenario_json.h"

using namespace headroom;

class ProvenanceFormatTest : public QObject {
  Q_OBJECT
 private slots:
  void roundTripKeepsEveryField() {
    const auto j = nlohmann::json::parse(R"({"format": "headroom-scenario", "version": 1, "name": "cal",
      "sources": [{"name": "web", "type": "open", "entry": "api", "rate": {"kind": "constant", "rate_per_s": 5}}],
      "components": [{"name": "api", "service_time": {"dist": "exponential", "mean_ms": 40}}],
      "provenance": [{"parameter": "components[api].service_time_by_class[browse].mean", "value": 0.04, "unit": "s",
        "estimator": "nnls", "series": ["worker_busy{job=shop}", "rate{endpoint=browse}"],
        "window_from_s": 1767258000, "window_to_s": 1767259650, "samples_used": 98, "samples_dropped": 12,
        "fit_quality": {"r_squared": 0.97, "std_error_s": 0.0008}, "notes": ["10 saturated samples dropped"]}]})");
    const Scenario s = scenarioFromJson(j);
    QCOMPARE(s.provenance.size(), std::size_t(1));
    const ParameterProvenance& p = s.provenance.front();
    QCOMPARE(p.samples_used, 98);
    QCOMPARE(p.fit_quality.at("r_squared"), 0.97);
    QCOMPARE(p.series.size(), std::size_t(2));
    const Scenario back = scenarioFromJson(scenarioToJson(s));
    QCOMPARE(scenarioToJson(back).dump(), scenarioToJson(s).dump());
    QCOMPARE(back.provenance.front().notes.front(), std::string("10 saturated samples dropped"));
    QCOMPARE(back.provenance.front().window_to_s, 1767259650.0);
  }

  void aMalformedEntryNamesItsPath() {
    const auto j = nlohmann::json::parse(R"({"format": "headroom-scenario", "version": 1, "name": "cal",
      "sources": [{"name": "web", "type": "open", "entry": "api", "rate": {"kind": "constant", "rate_per_s": 5}}],
      "components": [{"name": "api", "service_time": {"dist": "exponential", "mean_ms": 40}}],
      "provenance": [{"parameter": "x", "value": "fast"}]})");
    try {
      scenarioFromJson(j);
      QFAIL("accepted a text value");
    } catch (const std::exception& e) {
      QVERIFY2(std::string(e.what()).find("provenance") != std::string::npos, e.what());
    }
  }
};

QTEST_GUILESS_MAIN(ProvenanceFormatTest)
#include "tst_provenance_format.moc"
