// `report --project P --run N` over a project whose stored documents were damaged behind Headroom's back (issue
// #18): the message names project, run and scenario, with a line and column for the scenario text, and never
// shows nlohmann's internals ("[json.exception.parse_error.101] ...", which it used to print alone).
#include <QtTest>

#include <sqlite3.h>

#include "tests/report/cli_process.h"

namespace {

using report_test::Cli;
using report_test::cli;

// Runs one SQL statement on the file directly (Headroom itself only ever stores valid JSON).
bool damage(const QString& path, const char* sql) {
  sqlite3* db = nullptr;
  const bool ok = sqlite3_open(path.toUtf8().constData(), &db) == SQLITE_OK && sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
  sqlite3_close(db);
  return ok;
}

}  // namespace

class TestReportDamagedProject : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

  // A project holding one short run of mm1.
  QString projectWithARun(const QString& name) {
    const QString path = dir_.filePath(name);
    const Cli run = cli({QStringLiteral("run"), QStringLiteral(HEADROOM_SOURCE_DIR "/scenarios/mm1.json"), QStringLiteral("--project"), path,
                         QStringLiteral("--replications"), QStringLiteral("1"), QStringLiteral("--horizon"), QStringLiteral("2000"),
                         QStringLiteral("--warmup"), QStringLiteral("100"), QStringLiteral("--quiet")});
    return run.code == 0 ? path : QString();
  }

 private slots:
  void damagedScenarioOfAStoredRunIsNamed() {
    const QString path = projectWithARun(QStringLiteral("scenario.hdrm"));
    QVERIFY(!path.isEmpty());
    QVERIFY(damage(path, "UPDATE scenario_version SET json = substr(json, 1, 40) || ' ,,, '"));
    const Cli r = cli({QStringLiteral("report"), QStringLiteral("--project"), path, QStringLiteral("--out"), dir_.filePath(QStringLiteral("a.html"))});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(path + QStringLiteral(" run #1 (scenario 'mm1' version 1): line 1, column ")) &&
                 r.err.contains(QStringLiteral("JSON syntax error")),
             qPrintable(r.err));
    QVERIFY2(!r.err.contains(QStringLiteral("json.exception")), qPrintable(r.err));
  }

  void damagedResultOfAStoredRunIsNamed() {
    const QString path = projectWithARun(QStringLiteral("result.hdrm"));
    QVERIFY(!path.isEmpty());
    QVERIFY(damage(path, "UPDATE run SET result_json = '{\"scenario\": '"));
    const Cli r = cli({QStringLiteral("report"), QStringLiteral("--project"), path, QStringLiteral("--out"), dir_.filePath(QStringLiteral("b.html"))});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(path + QStringLiteral(" run #1 (scenario 'mm1' version 1): the stored result is damaged: ")), qPrintable(r.err));
    QVERIFY2(!r.err.contains(QStringLiteral("json.exception")), qPrintable(r.err));
  }
};

QTEST_GUILESS_MAIN(TestReportDamagedProject)
#include "test_report_damaged_project.moc"
