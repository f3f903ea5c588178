#pragma once
// Bounded waits for the GUI tests: every one turns the event loop for at most its timeout and fails fast when
// a load fails or a run is refused, so a test can never wait forever.
#include <functional>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include "ui/main_window.h"
#include "ui/run_controller.h"

namespace headroom::test {

inline QString example(const char* name) { return QStringLiteral(HEADROOM_SOURCE_DIR "/scenarios/") + QLatin1String(name); }

// Turns the event loop until `done` or `timeout_ms` passed; never longer.
inline bool waitFor(const std::function<bool()>& done, int timeout_ms) {
  QElapsedTimer clock;
  clock.start();
  while (!done() && clock.elapsed() < timeout_ms) QTest::qWait(20);
  return done();
}

inline bool openAndWait(MainWindow& window, const QString& path) {
  QSignalSpy loaded(&window, &MainWindow::scenarioLoaded);
  QSignalSpy failed(&window, &MainWindow::loadFailed);
  window.openScenarioFile(path);
  waitFor([&] { return !loaded.isEmpty() || !failed.isEmpty(); }, 20000);
  return !loaded.isEmpty();
}

// A run of a built-in example takes seconds; the budget leaves room for a machine shared with other builds.
inline bool runAndWait(MainWindow& window) {
  QSignalSpy completed(&window, &MainWindow::runCompleted);
  window.startRun();
  if (!window.runController()->isBusy() && completed.isEmpty()) {
    qWarning("run refused: %s", qPrintable(window.statusText()));
    return false;
  }
  return waitFor([&] { return !completed.isEmpty(); }, 180000);
}

}  // namespace headroom::test
