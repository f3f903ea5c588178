// Every importer, started on a large input, stops with ImportCancelled when cancelled from another thread
// (issue #18: cancellation reachable from every loop that can run long). The cancel is sent after the importer's
// first progress report (so the job is inside its read loop) and the job is held there until the cancel has been
// sent: the outcome does not depend on how fast the machine is.
#include <QtTest>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>

#include "importers/registry.h"
#include "large_inputs.h"

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

    Feedback feedback;
    std::mutex mutex;
    std::condition_variable changed;
    bool started = false, cancelSent = false;
    feedback.setProgressCallback([&](double, const std::string&) {
      std::unique_lock lock(mutex);
      if (started) return;
      started = true;
      changed.notify_all();
      changed.wait_for(lock, std::chrono::seconds(60), [&] { return cancelSent; });  // hold the job in its loop
    });
    std::chrono::steady_clock::time_point cancelledAt;
    std::thread canceller([&] {
      std::unique_lock lock(mutex);
      changed.wait_for(lock, std::chrono::seconds(60), [&] { return started; });
      lock.unlock();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      cancelledAt = std::chrono::steady_clock::now();
      feedback.cancel();
      lock.lock();
      cancelSent = true;
      changed.notify_all();
    });
    QString outcome = "finished";
    try {
      importer->read(stream, li.fileName, {}, &feedback);
    } catch (const ImportCancelled&) {
      outcome = "cancelled";
    } catch (const std::exception& e) {
      outcome = QString("error: ") + e.what();
    }
    const auto returnedAt = std::chrono::steady_clock::now();
    {
      std::lock_guard lock(mutex);
      if (!started) {  // never reported progress while working: release the canceller and fail below
        started = true;
        changed.notify_all();
      }
    }
    canceller.join();
    QCOMPARE(outcome, QString("cancelled"));
    // Generous: "promptly" means the next poll, not the end of the file.
    QVERIFY(returnedAt - cancelledAt < std::chrono::seconds(20));
  }
};

QTEST_APPLESS_MAIN(ImportCancellationTest)
#include "test_import_cancellation.moc"
