// Loading, saving and loading again must give the same scenario, for every bundled scenario and for a
// scenario that uses every feature of the format.
#include <QTest>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "model/scenario_json.h"
#include "model/units.h"
#include "model/validation.h"
#include "tests/model/scenario_fixtures.h"

using namespace headroom;
namespace fs = std::filesystem;

class TestScenarioRoundTrip : public QObject {
  Q_OBJECT

 private:
  fs::path tempDir_;

 private slots:
  void initTestCase() {
    tempDir_ = fs::temp_directory_path() / ("headroom-roundtrip-" + std::to_string(::getpid()));
    fs::create_directories(tempDir_);
  }
  void cleanupTestCase() { fs::remove_all(tempDir_); }

  void bundledScenario_data() {
    QTest::addColumn<QString>("path");
    const fs::path dir = fs::path(HEADROOM_SOURCE_DIR) / "scenarios";
    QVERIFY2(fs::is_directory(dir), dir.c_str());
    int count = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() != ".json") continue;
      QTest::newRow(entry.path().filename().c_str()) << QString::fromStdString(entry.path().string());
      ++count;
    }
    QVERIFY2(count >= 6, "expected the six bundled scenarios in scenarios/");
  }

  // Every bundled file loads, validates without a single issue, and survives save + load unchanged.
  void bundledScenario() {
    QFETCH(QString, path);
    Scenario first;
    try {
      first = loadAndValidateScenarioFile(path.toStdString());
    } catch (const ScenarioError& e) {
      QFAIL(e.what());
    }
    const fs::path copy = tempDir_ / fs::path(path.toStdString()).filename();
    saveScenarioFile(copy.string(), first);
    const Scenario second = loadScenarioFile(copy.string());
    QCOMPARE(QString::fromStdString(scenarioToJson(second).dump(2)), QString::fromStdString(scenarioToJson(first).dump(2)));
  }

  void kitchenSinkSurvivesSaveAndLoad() {
    const Scenario first = test::scenarioFrom(nlohmann::json::parse(test::kKitchenSinkScenario));
    QVERIFY2(validateScenario(first).empty(), "the kitchen-sink fixture must be valid");
    const fs::path file = tempDir_ / "kitchen-sink.json";
    saveScenarioFile(file.string(), first);
    const Scenario second = loadScenarioFile(file.string());
    QCOMPARE(QString::fromStdString(scenarioToJson(second).dump(2)), QString::fromStdString(scenarioToJson(first).dump(2)));
    // scenarioToJson(scenarioFromJson(x)) is a fixed point after one normalisation.
    QCOMPARE(QString::fromStdString(scenarioToJson(test::scenarioFrom(scenarioToJson(second))).dump()), QString::fromStdString(scenarioToJson(second).dump()));
  }

  // Values written in milliseconds come back as the very same doubles in seconds.
  void millisecondsRoundTripExactly() {
    const Scenario first = test::scenarioFrom(nlohmann::json::parse(test::kKitchenSinkScenario));
    const Scenario second = test::scenarioFrom(scenarioToJson(first));
    const Component* front = second.findComponent("front");
    QVERIFY(front);
    QCOMPARE(front->service_time.mean_s, 3.5 / 1000.0);
    QCOMPARE(front->service_time.mean_s, first.findComponent("front")->service_time.mean_s);
    QCOMPARE(front->behaviour.at("*").steps[0].calls[0].timeout_s, 0.25);
    const auto saved = scenarioToJson(first);
    QCOMPARE(saved["components"][0]["service_time"]["mean_ms"].get<double>(), 3.5);
  }

  void loadedValuesMatchTheFile() {
    const Scenario s = test::scenarioFrom(nlohmann::json::parse(test::kKitchenSinkScenario));
    QCOMPARE(s.simulation.seed, std::uint64_t{18446744073709551615ULL});
    QCOMPARE(s.simulation.max_requests, std::int64_t{1000000});
    QCOMPARE(s.sources.size(), std::size_t{7});
    QCOMPARE(s.sources[0].arrivals, Source::Arrivals::Deterministic);
    QCOMPARE(s.sources[0].rate.start_weekday, 6);
    QCOMPARE(s.sources[0].rate.start_hour, 6.5);
    QCOMPARE(s.sources[1].arrivals, Source::Arrivals::Renewal);
    QCOMPARE(s.sources[1].interarrival_cv, 2.5);
    QCOMPARE(s.sources[3].rate.growth_period_s, kSecondsPerMonth);
    QCOMPARE(s.sources[4].rate.growth_period_s, 3600.0);
    QCOMPARE(s.sources[6].kind, Source::Kind::Closed);
    QCOMPARE(s.sources[6].population, 7);
    const Component& front = s.components[0];
    QCOMPARE(front.discipline, Component::Discipline::ProcessorSharing);
    QCOMPARE(front.balancer, Component::Balancer::LeastOutstanding);
    QVERIFY(front.queue_capacity.has_value());
    QCOMPARE(*front.queue_capacity, 0);
    QCOMPARE(front.serviceTimeFor("b").mean_s, 1.25);
    const Step& branch = front.behaviour.at("b").steps[2];
    QCOMPARE(branch.kind, Step::Kind::Branch);
    QCOMPARE(branch.arms.size(), std::size_t{2});
    QCOMPARE(branch.arms[0].steps[1].arms[0].steps[0].kind, Step::Kind::Send);
    QCOMPARE(s.components[2].type, Component::Type::Delay);
    QCOMPARE(s.components[2].service_time.bins.size(), std::size_t{3});
    QCOMPARE(s.components[2].service_time.min_s, 0.001);
    QVERIFY(!s.components[1].behaviourFor("a"));
  }
};

QTEST_APPLESS_MAIN(TestScenarioRoundTrip)
#include "tst_scenario_roundtrip.moc"
