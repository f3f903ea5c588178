// Every real sample in shared/data imports through the registry (detection by content) with the facts listed in
// sample_table.h; renamed to a wrong extension it is still recognised; unknown content gets a clear error.
#include <QtTest>

#include <QDir>
#include <QDirIterator>
#include <QTemporaryDir>
#include <cmath>

#include "sample_table.h"
#include "test_support.h"

using namespace headroom;

class TestRealSamples : public QObject {
  Q_OBJECT
 private slots:
  void everySampleImportsWithKnownFacts_data() {
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < test::sampleFacts().size(); ++i)
      QTest::newRow(test::sampleFacts()[i].path) << static_cast<int>(i);
  }
  void everySampleImportsWithKnownFacts() {
    HEADROOM_REQUIRE_SHARED();
    QFETCH(int, index);
    const auto& f = test::sampleFacts()[static_cast<std::size_t>(index)];
    const std::string path = test::sharedData().toStdString() + "/" + f.path;
    ImporterRegistry registry;
    const ImportResult r = registry.importFile(path);
    QCOMPARE(r.format, std::string(f.format));
    QCOMPARE(r.series.size(), f.series);
    std::map<std::string, std::string> labels;
    if (f.labelKey) labels[f.labelKey] = f.labelValue;
    const TimeSeries* s = test::findSeries(r, f.name, labels);
    QVERIFY2(s, f.name);
    QCOMPARE(s->unit, std::string(f.unit));
    QVERIFY(s->size() > 0);
    QVERIFY2(std::fabs(s->time_s[0] - f.firstTime) < 1e-3, qPrintable(QString::number(s->time_s[0], 'f', 3)));
    if (std::isnan(f.firstValue))
      QVERIFY(std::isnan(s->value[0]));
    else
      QVERIFY2(std::fabs(s->value[0] - f.firstValue) <= 1e-9 * std::max(1.0, std::fabs(f.firstValue)),
               qPrintable(QString::number(s->value[0], 'g', 17)));
    for (const auto& series : r.series) QCOMPARE(series.time_s.size(), series.value.size());
  }

  void everyFileIsCoveredOrExplained() {
    HEADROOM_REQUIRE_SHARED();
    const QDir root(test::sharedData());
    QDirIterator it(test::sharedData(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
      const std::string rel = root.relativeFilePath(it.next()).toStdString();
      bool known = false;
      for (const auto& f : test::sampleFacts()) known = known || rel == f.path;
      for (const auto& [p, why] : test::notImported()) known = known || rel == p;
      // The many NAB series share one layout; the table samples two of them and this loop imports the rest.
      if (!known && rel.rfind("cloudwatch_nab/", 0) == 0 && rel.size() > 4 && rel.substr(rel.size() - 4) == ".csv") {
        const ImportResult r = ImporterRegistry().importFile(test::sharedData().toStdString() + "/" + rel);
        QCOMPARE(r.format, std::string("timeseries-csv"));
        QCOMPARE(r.series.size(), std::size_t{1});
        QVERIFY(r.series[0].size() > 1000);
        known = true;
      }
      QVERIFY2(known, ("new sample not covered by a test: " + rel).c_str());
    }
  }

  void nabDuplicatesAreWarned() {
    HEADROOM_REQUIRE_SHARED();
    // SOURCES.md: 11 duplicate timestamps in this file.
    const ImportResult r = ImporterRegistry().importFile(
        test::sharedData().toStdString() + "/cloudwatch_nab/realAWSCloudwatch/ec2_disk_write_bytes_1ef3de.csv");
    QVERIFY(test::hasWarning(r, WarningKind::DuplicateTimestamp));
    QCOMPARE(r.series[0].size(), std::size_t{4730});
  }

  void detectedByContentUnderWrongExtension_data() {
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < test::sampleFacts().size(); ++i)
      QTest::newRow(test::sampleFacts()[i].path) << static_cast<int>(i);
  }
  void detectedByContentUnderWrongExtension() {
    HEADROOM_REQUIRE_SHARED();
    QFETCH(int, index);
    const auto& f = test::sampleFacts()[static_cast<std::size_t>(index)];
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(QStringLiteral("renamed.dat"));
    QVERIFY(QFile::copy(test::sharedData() + "/" + f.path, copy));
    const ImporterRegistry registry;  // owns the importer that detect() points to
    const Importer* importer = registry.detect(copy.toStdString());
    QVERIFY(importer);
    QCOMPARE(importer->id(), std::string(f.format));
  }

  void unknownContentNamesTriedFormats() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("notes.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Dear diary,\nnothing to import here.\n");
    file.close();
    try {
      ImporterRegistry().importFile(path.toStdString());
      QFAIL("expected ImportError");
    } catch (const ImportError& e) {
      const std::string m = e.what();
      QVERIFY(m.find("notes.txt") != std::string::npos);
      QVERIFY(m.find("format not recognised; tried: prometheus-json") != std::string::npos);
    }
  }
};

QTEST_APPLESS_MAIN(TestRealSamples)
#include "test_real_samples.moc"
