// CSV reader, ISO-8601 parser, number and unit normalisation shared by every importer.
#include <QtTest>

#include <cmath>

#include "importers/csv_reader.h"
#include "importers/import_types.h"
#include "importers/parse_util.h"
#include "importers/text_source.h"

using namespace headroom;

class TestParsingHelpers : public QObject {
  Q_OBJECT
 private slots:
  void csvQuotesDoubledAndEmbeddedNewlines() {
    const std::string text = "a,b\r\n\"x \"\"q\"\"\",\"multi\nline\"\r\n1,2\r\n";
    const std::string file = "t.csv";
    CsvReader csv(text, file, nullptr);
    QVERIFY(csv.readHeader());
    std::vector<std::string> row;
    QVERIFY(csv.next(row));
    QCOMPARE(row.size(), std::size_t{2});
    QCOMPARE(row[0], std::string("x \"q\""));
    QCOMPARE(row[1], std::string("multi\nline"));
    QVERIFY(csv.next(row));
    QCOMPARE(row[0], std::string("1"));
    QCOMPARE(csv.line(), 4L);  // the quoted newline counts as a line
    QVERIFY(!csv.next(row));
  }
  void csvExcelSepLineAndRepeatedHeader() {
    const std::string text = "sep=;\na;b\n1;2\na;b\n3;4\n";
    const std::string file = "t.csv";
    CsvReader csv(text, file, nullptr);
    QVERIFY(csv.readHeader());
    QCOMPARE(csv.delimiter(), ';');
    QCOMPARE(csv.header()[1], std::string("b"));
    std::vector<std::string> row;
    QVERIFY(csv.next(row));
    QCOMPARE(row[1], std::string("2"));
    QVERIFY(csv.next(row));
    QCOMPARE(row[0], std::string("3"));  // repeated header skipped
    QCOMPARE(csv.line(), 5L);
  }
  void csvUnterminatedQuoteNamesLine() {
    const std::string text = "a,b\n1,\"oops\n";
    const std::string file = "bad.csv";
    CsvReader csv(text, file, nullptr);
    QVERIFY(csv.readHeader());
    std::vector<std::string> row;
    try {
      csv.next(row);
      QFAIL("expected ImportError");
    } catch (const ImportError& e) {
      QCOMPARE(e.line(), 2L);
      QVERIFY(std::string(e.what()).find("bad.csv:2") != std::string::npos);
      QVERIFY(std::string(e.what()).find("field 2") != std::string::npos);
    }
  }
  void bomIsStripped() {
    std::istringstream in("\xEF\xBB\xBFtime,v\n");
    QCOMPARE(readAll(in, "f", nullptr), std::string("time,v\n"));
  }
  void lineCursorHandlesCrOnly() {
    const std::string text = "a\rb\r\nc";
    const std::string file = "f";
    LineCursor c(text, file, nullptr);
    std::string_view l;
    QVERIFY(c.next(l) && l == "a");
    QVERIFY(c.next(l) && l == "b");
    QVERIFY(c.next(l) && l == "c");
    QCOMPARE(c.lineNumber(), 3L);
    QVERIFY(!c.next(l));
  }
  void isoTimeZones() {
    QCOMPARE(*parseTimeToUnix("1970-01-01T00:00:00Z", 0), 0.0);
    QCOMPARE(*parseTimeToUnix("2024-09-29T22:10:00+00:00", 0), 1727647800.0);
    QCOMPARE(*parseTimeToUnix("2024-09-30T00:10:00+02:00", 0), 1727647800.0);
    QCOMPARE(*parseTimeToUnix("2024-09-29T17:40:00-0430", 0), 1727647800.0);
    QCOMPARE(*parseTimeToUnix("2017-05-09T14:34:45.239+02:00", 0), 1494333285.239);
    // Naive time is UTC unless an offset for naive times is given (UTC+2 -> subtract 2 h).
    QCOMPARE(*parseTimeToUnix("2014-02-14 14:30:00", 0), 1392388200.0);
    QCOMPARE(*parseTimeToUnix("2014-02-14 14:30:00", 120), 1392388200.0 - 7200.0);
    QCOMPARE(*parseTimeToUnix("2000-02-29", 0), 951782400.0);  // leap day
    QVERIFY(!parseIsoTime("2001-02-29"));
    QVERIFY(!parseIsoTime("2014-13-01 00:00:00"));
    QVERIFY(!parseIsoTime("2014-02-14 25:00:00"));
    QVERIFY(!parseIsoTime("2014-02-14T10:00:00 nonsense"));
    QCOMPARE(*parseTimeToUnix("1949-01-01", 0), -662688000.0);  // before 1970
  }
  void numbersIncludingSpecials() {
    QVERIFY(std::isnan(*toDouble("NaN")));
    QCOMPARE(*toDouble("+Inf"), std::numeric_limits<double>::infinity());
    QCOMPARE(*toDouble("-Inf"), -std::numeric_limits<double>::infinity());
    QCOMPARE(*toDouble(" 1.5e3 "), 1500.0);
    QCOMPARE(*toDouble("+2"), 2.0);
    QVERIFY(!toDouble("1.2.3"));
    QVERIFY(!toDouble("+-1"));
    QVERIFY(!toDouble(""));
  }
  void epochMagnitude() {
    QCOMPARE(epochToSeconds(1641889530.0), 1641889530.0);
    QCOMPARE(epochToSeconds(1641889530123.0), 1641889530.123);
    QCOMPARE(epochToSeconds(1641889530123456.0), 1641889530.123456);
  }
  void unitsNormalised() {
    QCOMPARE(normaliseUnit("ms").canonical, std::string("s"));
    QCOMPARE(normaliseUnit("Milliseconds").scale, 1e-3);
    QCOMPARE(normaliseUnit("Percent").canonical, std::string("percent"));
    QCOMPARE(normaliseUnit("Count/Second").canonical, std::string("1/s"));
    QCOMPARE(normaliseUnit("Bytes/Second").canonical, std::string("bytes/s"));
    QVERIFY(!normaliseUnit("V").known);
    auto v = parseValueWithUnit("12 ms");
    QVERIFY(v);
    QCOMPARE(v->value, 12.0);
    QCOMPARE(v->unit, std::string("ms"));
    v = parseValueWithUnit("35%");
    QCOMPARE(v->unit, std::string("%"));
    v = parseValueWithUnit("1.5 K");
    QCOMPARE(v->value, 1500.0);
    QVERIFY(!parseValueWithUnit("abc"));
  }
};

QTEST_APPLESS_MAIN(TestParsingHelpers)
#include "test_parsing_helpers.moc"
