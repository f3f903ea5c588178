// The readable version diff the project browser shows: one line per change, by JSON pointer, old -> new.
#include <QtTest>

#include "model/project/scenario_diff.h"

using namespace headroom;

class ScenarioDiffTest : public QObject {
  Q_OBJECT
 private slots:
  void namesEveryChangeWithItsValues() {
    const std::string a = R"({"name": "shop", "simulation": {"seed": 1}, "components": [{"name": "api", "replicas": 2}]})";
    const std::string b = R"({"name": "shop", "simulation": {"seed": 2, "horizon_s": 60}, "components": [{"name": "api"}]})";
    const auto changes = diffJsonText(a, b);
    QCOMPARE(changes.size(), std::size_t(3));
    const std::string text = formatJsonChanges(changes);
    QVERIFY2(text.find("~ /simulation/seed: 1 -> 2\n") != std::string::npos, text.c_str());
    QVERIFY2(text.find("+ /simulation/horizon_s: 60\n") != std::string::npos, text.c_str());
    QVERIFY2(text.find("- /components/0/replicas: 2\n") != std::string::npos, text.c_str());
  }

  void equalDocumentsSaySo() {
    QCOMPARE(formatJsonChanges(diffJsonText(R"({"a": [1, 2]})", R"({"a":[1,2]})")), std::string("no differences\n"));
  }

  void longValuesAreShortened() {
    const std::string big(500, 'x');
    const std::string text = formatJsonChanges(diffJsonText(R"({"d": "a"})", R"({"d": ")" + big + R"("})"), 40);
    QVERIFY(text.size() < 120);
    QVERIFY(text.find("…") != std::string::npos);
  }

  void refusesTextThatIsNotJson() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, diffJsonText("{", "{}"));
  }
};

QTEST_MAIN(ScenarioDiffTest)
#include "test_scenario_diff.moc"
