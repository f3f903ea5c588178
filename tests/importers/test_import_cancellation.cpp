// Every importer, started on a large input, stops with ImportCancelled when cancelled from another thread
// (issue #18: cancellation reachable from every loop that can run long). The cancel is sent after the importer's
// first progress report (so the job is inside its read loop) and the job is held there until the cancel has been
// sent: the outcome does not depend on how fast the machine is.
#include <QtTest>

#include <sstream>
#include <string>

#include "importers/registry.h"
#include "large_inputs.h"
#include "tests/cancel_probe.h"

using namespace headroom;

using namespace headroom::test;


class ImportCancellationTest : public QObject {
  Q_OBJECT
 private slots:
  void everyImporterHasALargeInputHere() {
    const ImporterRegistry registry;
    for (const auto& imp : registry.importers()) {
      bool found = false;
      for (const auto& in : inputs()) found = found || imp->id() == in.format;
      QVERIFY2(found, ("no large input for importer " + imp->id()).c_str());
    }
  }

  void cancelFromAnotherThreadStopsTheImport_data() {
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < inputs().size(); ++i) QTest::newRow(inputs()[i].format) << static_cast<int>(i);
  }
  void cancelFromAnotherThreadStopsTheImport() {
    QFETCH(int, index);
    const LargeInput& li = inputs()[static_cast<std::size_t>(index)];
    const ImporterRegistry registry;
    const Importer* importer = registry.find(li.format);
    QVERIFY(importer);
    // 300,000 records: dozens of the importers' poll intervals (4,096 lines, 65,536 JSON values).
    std::istringstream stream(build(li, 300000));

    test::CancelProbe probe;
    QString outcome = "finished";
    try {
      importer->read(stream, li.fileName, {}, &probe.feedback);
    } catch (const ImportCancelled&) {
      outcome = "cancelled";
    } catch (const std::exception& e) {
      outcome = QString("error: ") + e.what();
    }
    probe.finish();
    QVERIFY2(probe.sawProgress(), "the importer never reported progress while reading");
    QCOMPARE(outcome, QString("cancelled"));
    // Generous: "promptly" means the next poll, not the end of the file.
    QVERIFY(probe.secondsToReturn() < 20.0);
  }
};

QTEST_APPLESS_MAIN(ImportCancellationTest)
#include "test_import_cancellation.moc"
