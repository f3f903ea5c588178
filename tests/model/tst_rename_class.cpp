// renameRequestClass(): a class rename reaches every place the class is named (declared classes, mixes,
// behaviours, per-class service times, cache ratios / sizes / classes, database write classes, provenance),
// leaves other classes alone, and refuses (changing nothing) a name that is empty, "*" or already a class.
#include <QTest>

#include "model/rename_class.h"
#include "model/scenario_json.h"
#include "model/validation.h"
#include "scenario_fixtures.h"

using namespace headroom;

namespace {

constexpr auto service = &test::serviceComponent;
constexpr auto callTo = &test::callStep;

// web mixes browse and buy; cache serves browse (given ratio per class), db takes buy as a write.
Scenario shop() {
  Scenario sc;
  sc.name = "shop";
  sc.request_classes = {"browse", "buy"};
  Component api = service("api");
  api.behaviour["browse"].steps.push_back(callTo("cache"));
  api.behaviour["buy"].steps.push_back(callTo("db"));
  api.service_time_by_class["buy"] = Distribution::exponential(0.05);
  Component cache = service("cache");
  cache.cache = CacheSpec{};
  cache.cache->hit_ratio = {{"browse", 0.9}, {"*", 0.5}};
  cache.cache->response_bytes = {{"browse", 2000.0}};
  cache.cache->classes = {"browse"};
  cache.cache->write_classes = {"buy"};
  cache.behaviour[kAnyClass].steps.push_back(callTo("db"));
  Component db = service("db");
  db.database = DatabaseSpec{};
  db.database->write_classes = {"buy"};
  sc.components = {api, cache, db};
  Source web;
  web.name = "web";
  web.entry = "api";
  web.rate = RateCurve::constant(10);
  web.mix = {{"browse", 3.0}, {"buy", 1.0}};
  sc.sources = {web};
  ParameterProvenance p;
  p.parameter = "components[api].service_time_by_class[buy].mean";
  sc.provenance = {p};
  return sc;
}

}  // namespace

class TestRenameClass : public QObject {
  Q_OBJECT

 private slots:
  void everyReferenceFollowsTheNewName() {
    Scenario sc = shop();
    QVERIFY(validateScenario(sc).empty());
    QCOMPARE(renameRequestClass(sc, "buy", "checkout"), std::string());
    QCOMPARE(sc.request_classes, (std::vector<std::string>{"browse", "checkout"}));
    QCOMPARE(sc.sources[0].mix[1].request_class, std::string("checkout"));
    QCOMPARE(sc.sources[0].mix[1].weight, 1.0);
    const Component& api = sc.components[0];
    QVERIFY(api.behaviour.count("checkout") && !api.behaviour.count("buy"));
    QCOMPARE(api.behaviour.at("checkout").steps[0].calls[0].target, std::string("db"));
    QVERIFY(api.service_time_by_class.count("checkout") && !api.service_time_by_class.count("buy"));
    QCOMPARE(sc.components[1].cache->write_classes, (std::vector<std::string>{"checkout"}));
    QCOMPARE(sc.components[2].database->write_classes, (std::vector<std::string>{"checkout"}));
    QCOMPARE(sc.provenance[0].parameter, std::string("components[api].service_time_by_class[checkout].mean"));
    // Untouched: the other class and the "*" entries.
    QCOMPARE(sc.components[1].cache->hit_ratio.at("browse"), 0.9);
    QCOMPARE(sc.components[1].cache->hit_ratio.at("*"), 0.5);
    QVERIFY(sc.components[1].behaviour.count(kAnyClass));
    // Still a valid scenario (before the rename API's behaviour for "buy" would have been orphaned).
    QVERIFY(validateScenario(sc).empty());
    // And it survives the file round trip.
    QCOMPARE(scenarioToJson(scenarioFromJson(scenarioToJson(sc))).dump(), scenarioToJson(sc).dump());
  }

  void cacheMapsAndListsFollow() {
    Scenario sc = shop();
    QCOMPARE(renameRequestClass(sc, "browse", "read"), std::string());
    const CacheSpec& cache = *sc.components[1].cache;
    QVERIFY(cache.hit_ratio.count("read") && !cache.hit_ratio.count("browse"));
    QCOMPARE(cache.hit_ratio.at("read"), 0.9);
    QCOMPARE(cache.response_bytes.at("read"), 2000.0);
    QCOMPARE(cache.classes, (std::vector<std::string>{"read"}));
    QVERIFY(sc.components[0].behaviour.count("read"));
    QVERIFY(validateScenario(sc).empty());
  }

  void aSourceNamedClassGetsAnExplicitMix() {
    Scenario sc = shop();
    sc.request_classes.clear();
    sc.sources[0].mix.clear();  // one class, named "web" after the source
    sc.components[0].behaviour["web"] = sc.components[0].behaviour.at("browse");
    QCOMPARE(renameRequestClass(sc, "web", "visit"), std::string());
    QCOMPARE(sc.sources[0].mix.size(), std::size_t(1));
    QCOMPARE(sc.sources[0].mix[0].request_class, std::string("visit"));
    QCOMPARE(sc.sources[0].name, std::string("web"));  // the source keeps its name
    QVERIFY(sc.components[0].behaviour.count("visit") && !sc.components[0].behaviour.count("web"));
  }

  void refusalsChangeNothing() {
    const Scenario before = shop();
    const auto same = [&](const Scenario& sc) { return scenarioToJson(sc) == scenarioToJson(before); };
    Scenario sc = before;
    QVERIFY(renameRequestClass(sc, "buy", "browse").find("already exists") != std::string::npos);
    QVERIFY(same(sc));
    QVERIFY(!renameRequestClass(sc, "buy", "").empty());
    QVERIFY(renameRequestClass(sc, "buy", "*").find("every class") != std::string::npos);
    QVERIFY(renameRequestClass(sc, "nope", "x").find("no request class 'nope'") != std::string::npos);
    // A name used only as a behaviour key (not declared) would merge too.
    sc.components[2].behaviour["legacy"] = Behaviour{};
    const Scenario withLegacy = sc;
    QVERIFY(!renameRequestClass(sc, "buy", "legacy").empty());
    QCOMPARE(scenarioToJson(sc).dump(), scenarioToJson(withLegacy).dump());
  }
};

QTEST_MAIN(TestRenameClass)
#include "tst_rename_class.moc"
