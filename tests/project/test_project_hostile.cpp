// Damaged project files (issue #18): refused on open with what is wrong and how to recover, and never written.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <optional>

#include <sqlite3.h>
#include <unistd.h>

#include "tests/immutable_path.h"
#include "model/project/project.h"
#include "project_test_support.h"

using namespace headroom;

class ProjectHostileTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  std::string pathOf(const char* name) { return dir_.filePath(name).toStdString(); }

  static QByteArray readFile(const std::string& path) {
    QFile file(QString::fromStdString(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
  }
  static void writeFile(const std::string& path, const QByteArray& bytes) {
    QFile file(QString::fromStdString(path));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
  }
  static void rawSql(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }
  // A project with a scenario and a few pages of series, closed.
  void makeProject(const std::string& path) {
    Project p = Project::create(path);
    p.saveScenario("shop", "{}");
    p.importSeries({test::makeSeries("rps", 20000, 1), test::makeSeries("p99", 20000, 2)}, {"a.json", "prometheus-json", "{}"});
  }
  static std::string openFailure(const std::string& path, ProjectError::Kind kind) {
    try {
      Project::open(path);
    } catch (const ProjectError& e) {
      if (e.kind() != kind) return std::string("WRONG KIND: ") + e.what();
      return e.what();
    }
    return "OPENED";
  }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void negativeSchemaVersionIsRefusedUntouched() {
    const std::string path = pathOf("negative.hdrm");
    makeProject(path);
    rawSql(path, "PRAGMA user_version = -3");
    const QByteArray before = readFile(path);
    const std::string what = openFailure(path, ProjectError::Kind::Corrupt);
    QVERIFY2(what.find(path + ": open project: the file header is damaged (schema version -3)") == 0, what.c_str());
    QVERIFY2(what.find(".recover") != std::string::npos, what.c_str());
    QCOMPARE(readFile(path), before);
  }

  void failedIntegrityCheckIsRefusedUntouched() {
    const std::string path = pathOf("damaged.hdrm");
    makeProject(path);
    QByteArray bytes = readFile(path);
    const int page = 16384;
    QVERIFY(bytes.size() > 4 * page);
    // Scribble over the second page (a table's b-tree page): header intact, structure broken.
    for (int i = page; i < 2 * page; ++i) bytes[i] = static_cast<char>(0xA5 ^ (i * 7));
    writeFile(path, bytes);
    const std::string what = openFailure(path, ProjectError::Kind::Corrupt);
    QVERIFY2(what.find(path + ": open project: the file is damaged") == 0, what.c_str());
    QVERIFY2(what.find("nothing was written") != std::string::npos && what.find("backup") != std::string::npos, what.c_str());
    QCOMPARE(readFile(path), bytes);
    QVERIFY(!QFile::exists(QString::fromStdString(path + "-journal")));
  }

  void intactProjectStillOpensAndIsWritable() {
    const std::string path = pathOf("fine.hdrm");
    makeProject(path);
    Project p = Project::open(path);
    p.requireWritable();
    QCOMPARE(p.loadScenario("shop"), std::string("{}"));
    QCOMPARE(p.schemaVersion(), builtinSchemaVersion());  // the probe wrote nothing that stayed
  }

  void readOnlyProjectIsReportedBeforeAnyWork() {
    const std::string path = pathOf("readonly.hdrm");
    makeProject(path);
    QFile::setPermissions(QString::fromStdString(path), QFile::ReadOwner | QFile::ReadGroup);
    // Permissions do not stop root: make the file immutable then, which stops everyone.
    std::optional<test::ImmutableGuard> immutable;
    if (::geteuid() == 0) {
      immutable.emplace(path);
      if (!immutable->active())
        QSKIP(("running as root, and file permissions do not stop root; " + immutable->why()).c_str());
    }
    Project p = Project::open(path);
    try {
      p.requireWritable();
      QFAIL("requireWritable() accepted a read-only file");
    } catch (const ProjectError& e) {
      QVERIFY2(e.kind() == ProjectError::Kind::Io, e.what());
    }
  }
};

QTEST_APPLESS_MAIN(ProjectHostileTest)
#include "test_project_hostile.moc"
