// Opening something that is not a project this build can read fails clearly and touches nothing.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include "model/project/project.h"

using namespace headroom;

class ProjectOpenErrorsTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  std::string pathOf(const char* name) { return dir_.filePath(name).toStdString(); }

  static void writeFile(const std::string& path, const QByteArray& bytes) {
    QFile file(QString::fromStdString(path));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
  }

  static void rawSql(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }

  // Asserts that open(path) throws `kind` with a message starting with the path and containing `detail`.
  static void expectOpenFailure(const std::string& path, ProjectError::Kind kind, const std::string& detail) {
    try {
      Project::open(path);
      QFAIL("open() accepted the file");
    } catch (const ProjectError& e) {
      const std::string what = e.what();
      QVERIFY2(e.kind() == kind, what.c_str());
      QVERIFY2(what.starts_with(path + ": open project: "), what.c_str());
      QVERIFY2(what.find(detail) != std::string::npos, what.c_str());
    }
  }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void textFileIsNotAProject() {
    const std::string path = pathOf("notes.hdrm");
    const QByteArray text = QByteArray("time,value\n").repeated(400);
    writeFile(path, text);
    expectOpenFailure(path, ProjectError::Kind::NotAProject, "not a Headroom project (not an SQLite database)");
    QFile file(QString::fromStdString(path));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), text);  // untouched
  }

  void otherSqliteDatabaseIsNotAProject() {
    const std::string path = pathOf("other.sqlite");
    rawSql(path, "CREATE TABLE t(x); PRAGMA application_id = 1234;");
    expectOpenFailure(path, ProjectError::Kind::NotAProject, "application_id is 0x000004D2");
  }

  void emptyFileIsNotAProject() {
    const std::string path = pathOf("empty.hdrm");
    writeFile(path, QByteArray());
    expectOpenFailure(path, ProjectError::Kind::NotAProject, "application_id is 0x00000000");
  }

  void missingFileIsAnIoError() {
    const std::string path = pathOf("missing.hdrm");
    expectOpenFailure(path, ProjectError::Kind::Io, "unable to open");
    QVERIFY(!QFile::exists(QString::fromStdString(path)));  // open() never creates
  }

  void newerSchemaIsRefusedWithBothVersions() {
    const std::string path = pathOf("future.hdrm");
    Project::create(path).saveScenario("shop", "{}");
    const int future = builtinSchemaVersion() + 3;
    rawSql(path, ("PRAGMA user_version = " + std::to_string(future)).c_str());
    expectOpenFailure(path, ProjectError::Kind::NewerSchema,
                      "written by a newer Headroom (schema " + std::to_string(future) + ", this build knows " +
                          std::to_string(builtinSchemaVersion()) + ")");
  }
};

QTEST_APPLESS_MAIN(ProjectOpenErrorsTest)
#include "test_project_open_errors.moc"
