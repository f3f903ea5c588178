#pragma once
// Runs the headroom-cli executable (HEADROOM_CLI_PATH) and keeps its exit code and both outputs, for the report
// tests that drive the command line.
#include <QProcess>
#include <QString>
#include <QStringList>

namespace report_test {

struct Cli {
  int code = -1;  // -1: did not finish within 5 minutes
  QString out, err;
};

inline Cli cli(const QStringList& args) {
  QProcess p;
  p.start(QStringLiteral(HEADROOM_CLI_PATH), args);
  Cli r;
  if (!p.waitForFinished(300000)) return r;
  r.code = p.exitCode();
  r.out = QString::fromUtf8(p.readAllStandardOutput());
  r.err = QString::fromUtf8(p.readAllStandardError());
  return r;
}

}  // namespace report_test
