// Broken or hostile monitoring exports (issue #18): refused with file, line and field, or imported with a
// warning that says what was wrong, never silently.
#include <QtTest>

#include "importers/access_log.h"
#include "importers/k6.h"
#include "importers/plausibility.h"
#include "importers/prometheus_json.h"
#include "importers/prometheus_text.h"
#include "importers/time_csv.h"
#include "test_support.h"

using namespace headroom;
using headroom::test::findSeries;
using headroom::test::hasWarning;
using headroom::test::readText;

namespace {

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

std::string importError(const Importer& importer, const std::string& text) {
  try {
    readText(importer, text, {}, "hostile.txt");
  } catch (const ImportError& e) {
    return e.what();
  }
  return {};
}

std::string warningsOf(const ImportResult& r) {
  std::string out;
  for (const auto& w : r.warnings) out += std::string(toString(w.kind)) + ":" + std::to_string(w.line) + ": " + w.detail + "\n";
  return out;
}

const char* const kLine = "1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" ";

}  // namespace

class TestHostileImports : public QObject {
  Q_OBJECT

 private slots:
  void accessLogStatusBeyond32BitsIsMalformedNotA200() {
    // 2^32 + 500 would wrap to 500 in 32 bits, and longer runs of digits overflow to anything.
    const std::string text = std::string(kLine) + "200 12\n" + kLine + "4294967796 12\n" + kLine + "99999999999999999999200 12\n";
    const ImportResult r = readText(AccessLogImporter(), text);
    QCOMPARE(findSeries(r, "throughput")->value[0], 1.0);
    QCOMPARE(findSeries(r, "error_rate")->value[0], 0.0);
    QVERIFY2(hasWarning(r, WarningKind::MalformedLine), warningsOf(r).c_str());
  }

  void accessLogLatencyThatIsNotANumberIsReported() {
    const std::string text = std::string(kLine) + "200 12 \"-\" \"ua\" 0.250\n" + kLine + "200 12 \"-\" \"ua\" 12x\n";
    ImportOptions o;
    o.quantiles = {0.5};
    const ImportResult r = readText(AccessLogImporter(), text, o);
    QCOMPARE(findSeries(r, "throughput")->value[0], 1.0);
    bool line2 = false;
    for (const auto& w : r.warnings) line2 = line2 || (w.kind == WarningKind::MalformedLine && w.line == 2);
    QVERIFY2(line2, warningsOf(r).c_str());
  }

  void prometheusJsonWithoutResultIsRefused() {
    const std::string error = importError(PrometheusJsonImporter(), R"({"status":"success","data":{"resultType":"matrix"}})");
    QVERIFY2(contains(error, "data.result") && contains(error, "missing"), error.c_str());
  }

  void prometheusJsonWithResultOfTheWrongTypeIsRefused() {
    for (const char* result : {R"("oops")", "42", R"({"a":1})", "null"}) {
      const std::string text = std::string(R"({"status":"success","data":{"resultType":"matrix","result":)") + result + "}}";
      const std::string error = importError(PrometheusJsonImporter(), text);
      QVERIFY2(contains(error, "data.result") && contains(error, "expected an array"), (std::string(result) + ": " + error).c_str());
    }
  }

  void commentsOnlyExpositionIsRefused() {
    const std::string error = importError(PrometheusTextImporter(), "# HELP up Whether the target is up.\n# TYPE up gauge\n\n");
    QVERIFY2(contains(error, "hostile.txt:") && contains(error, "only comments"), error.c_str());
  }

  void timesBefore1970OrAfter2100AreFlagged() {
    const std::string text = "time,value\n-86400,1\n0,2\n5000000000,3\n";
    const ImportResult r = readText(TimeSeriesCsvImporter(), text);
    const std::string all = warningsOf(r);
    QVERIFY2(contains(all, "implausible") && contains(all, "before 1970") && contains(all, "after 2100"), all.c_str());
  }

  void infiniteAndAbsurdValuesBecomeGapsWithAWarning() {
    const std::string text = "time,value\n1700000000,1\n1700000060,+Inf\n1700000120,1e300\n1700000180,-1e300\n";
    const ImportResult r = readText(TimeSeriesCsvImporter(), text);
    const TimeSeries& s = r.series.at(0);
    QCOMPARE(s.value[0], 1.0);
    QVERIFY(std::isnan(s.value[1]) && std::isnan(s.value[2]) && std::isnan(s.value[3]));
    QVERIFY2(contains(warningsOf(r), "3 infinite or absurd value(s)"), warningsOf(r).c_str());
  }

  void invalidUtf8InALabelIsRepairedAndReported() {
    const std::string text = "up{job=\"a\xff\xfe\"} 1 1700000000000\n";
    const ImportResult r = readText(PrometheusTextImporter(), text);
    const TimeSeries& s = r.series.at(0);
    QCOMPARE(s.labels.at("job"), std::string("a\xEF\xBF\xBD\xEF\xBF\xBD"));
    QVERIFY2(contains(warningsOf(r), "not valid UTF-8"), warningsOf(r).c_str());
    bool changed = false;
    QCOMPARE(validUtf8("caf\xC3\xA9 \xF0\x9F\x9A\x80", changed), std::string("caf\xC3\xA9 \xF0\x9F\x9A\x80"));
    QVERIFY(!changed);
    // An overlong '/' and a UTF-16 surrogate are invalid: every byte of them becomes U+FFFD.
    std::string fiveReplacements;
    for (int i = 0; i < 5; ++i) fiveReplacements += "\xEF\xBF\xBD";
    QCOMPARE(validUtf8("\xC0\xAF\xED\xA0\x80", changed), fiveReplacements);
    QVERIFY(changed);
  }

  void numberOverflowInALineFormatNamesTheLine() {
    const std::string text = R"({"type":"Point","metric":"http_req_duration","data":{"time":"2024-01-01T00:00:00Z","value":1}})"
                             "\n"
                             R"({"type":"Point","metric":"http_req_duration","data":{"time":"2024-01-01T00:00:01Z","value":1e400}})"
                             "\n";
    const std::string error = importError(K6RawImporter(), text);
    QVERIFY2(contains(error, "hostile.txt:2:") && contains(error, "1e400") && !contains(error, "json.exception"), error.c_str());
  }

  void k6SummaryWithANullThresholdWarns() {
    const std::string text = R"({"metrics":{"http_req_duration":{"type":"trend","contains":"time","values":{"avg":12.5},
                                 "thresholds":{"p(95)<500":null,"avg<10":{"ok":false}}}}})";
    ImportResult r;
    try {
      r = readText(K6SummaryImporter(), text);
    } catch (const std::exception& e) {
      QFAIL(e.what());
    }
    const std::string all = warningsOf(r);
    QVERIFY2(contains(all, "\"p(95)<500\" has no pass/fail result (null)") && contains(all, "\"avg<10\" failed"), all.c_str());
  }

  void deeplyNestedJsonIsRefusedWithALine() {
    const std::string error = importError(PrometheusJsonImporter(), "{\"data\":\n" + std::string(100000, '['));
    QVERIFY2(contains(error, "hostile.txt:2:") && contains(error, "nested more than 256 levels"), error.c_str());
  }
};

QTEST_APPLESS_MAIN(TestHostileImports)
#include "test_hostile_imports.moc"
