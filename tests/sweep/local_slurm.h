#pragma once
// A one-node Slurm cluster for tests: munged, slurmctld and slurmd started on localhost as the current user,
// with configuration, keys, state and logs in a temporary folder (no systemd, nothing under /etc). Plugins
// that work in a container: proctrack/linuxproc, task/none, no accounting. The daemons are QProcess
// children started in the foreground; the destructor stops each by its PID, so every exit path of a test
// (including a failed QVERIFY) stops them.
#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace headroom::test {

class LocalSlurm {
 public:
  // Empty when every program is installed; otherwise what is missing.
  static QString missingPrograms() {
    QString missing;
    for (const char* p : {"munged", "slurmctld", "slurmd", "sbatch", "squeue", "scancel", "sinfo"})
      if (find(p).isEmpty()) missing += QString(missing.isEmpty() ? "" : ", ") + p;
    return missing;
  }

  LocalSlurm() {
    dir_ = std::make_unique<QTemporaryDir>();
    dir_->setAutoRemove(qEnvironmentVariableIsEmpty("HEADROOM_KEEP_SLURM_DIR"));
    const QString d = dir_->path();
    for (const char* sub : {"state", "spool", "log", "munge"}) QDir(d).mkpath(sub);
    QFile::setPermissions(d + "/munge", QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    {
      std::ofstream key((d + "/munge/munge.key").toStdString(), std::ios::binary);
      std::random_device rd;
      for (int i = 0; i < 1024; ++i) key.put(static_cast<char>(rd() & 0xFF));
    }
    QFile::setPermissions(d + "/munge/munge.key", QFileDevice::ReadOwner);
    socket_ = d + "/munge/munge.sock";
    conf_ = d + "/slurm.conf";
    writeConfig(d);
    env_ = QProcessEnvironment::systemEnvironment();
    env_.insert("SLURM_CONF", conf_);
    start(find("munged"), {"-F", "-f", "--socket=" + socket_, "--key-file=" + d + "/munge/munge.key",
                           "--log-file=" + d + "/log/munged.log", "--pid-file=" + d + "/munge/munged.pid",
                           "--seed-file=" + d + "/munge/munged.seed"});
    for (int i = 0; i < 100 && !QFile::exists(socket_); ++i) QThread::msleep(100);
    start(find("slurmctld"), {"-D", "-i", "-f", conf_});
    start(find("slurmd"), {"-D", "-N", "localhost", "-f", conf_});
  }

  ~LocalSlurm() {
    // Jobs first (their steps are not our children), then the daemons, newest first, each by its PID.
    if (ready_) {
      QProcess scancel;
      scancel.setProcessEnvironment(env_);
      scancel.start(find("scancel"), {"--user", qEnvironmentVariable("USER", "root")});
      scancel.waitForFinished(10000);
    }
    for (auto it = daemons_.rbegin(); it != daemons_.rend(); ++it) {
      QProcess& p = **it;
      if (p.state() == QProcess::NotRunning) continue;
      ::kill(static_cast<pid_t>(p.processId()), SIGTERM);
      if (!p.waitForFinished(10000)) {
        ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
        p.waitForFinished(5000);
      }
    }
  }

  // Waits until the node accepts jobs; false (with the daemons' logs in `why`) after `timeout_s`.
  bool waitReady(int timeout_s, QString* why) {
    for (int i = 0; i < timeout_s * 4; ++i) {
      QProcess sinfo;
      sinfo.setProcessEnvironment(env_);
      sinfo.start(find("sinfo"), {"-h", "-o", "%t"});
      sinfo.waitForFinished(10000);
      const QString state = QString::fromUtf8(sinfo.readAllStandardOutput()).trimmed();
      if (state == "idle" || state == "mix") return ready_ = true;
      for (const auto& d : daemons_)
        if (d->state() == QProcess::NotRunning) {
          *why = d->program() + " exited: " + QString::fromUtf8(d->readAll()).right(2000);
          return false;
        }
      QThread::msleep(250);
    }
    *why = "the node never became idle; logs in " + dir_->path() + "/log";
    return false;
  }

  const QProcessEnvironment& environment() const { return env_; }
  QString folder() const { return dir_->path(); }
  std::vector<qint64> pids() const {
    std::vector<qint64> out;
    for (const auto& d : daemons_) out.push_back(d->processId());
    return out;
  }

  static QString find(const char* program) {
    QString p = QStandardPaths::findExecutable(program);
    if (p.isEmpty()) p = QStandardPaths::findExecutable(program, {"/usr/sbin", "/sbin", "/usr/local/sbin"});
    return p;
  }

 private:
  static int freePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    const int port = ntohs(a.sin_port);
    ::close(fd);
    return port;
  }

  void writeConfig(const QString& d) {
    const std::string user = qEnvironmentVariable("USER", "root").toStdString();
    const int cpus = std::max(1, QThread::idealThreadCount());
    std::ofstream c(conf_.toStdString());
    c << "ClusterName=headroomtest\nSlurmctldHost=localhost\n"
      << "SlurmUser=" << user << "\nSlurmdUser=" << user << "\n"
      << "SlurmctldPort=" << freePort() << "\nSlurmdPort=" << freePort() << "\n"
      << "AuthType=auth/munge\nCredType=cred/munge\nAuthInfo=socket=" << socket_.toStdString() << "\n"
      << "StateSaveLocation=" << d.toStdString() << "/state\nSlurmdSpoolDir=" << d.toStdString() << "/spool\n"
      << "SlurmctldPidFile=" << d.toStdString() << "/slurmctld.pid\nSlurmdPidFile=" << d.toStdString() << "/slurmd.pid\n"
      << "SlurmctldLogFile=" << d.toStdString() << "/log/slurmctld.log\nSlurmdLogFile=" << d.toStdString() << "/log/slurmd.log\n"
      << "ProctrackType=proctrack/linuxproc\nTaskPlugin=task/none\nJobAcctGatherType=jobacct_gather/none\n"
      << "AccountingStorageType=accounting_storage/none\nJobCompType=jobcomp/none\nMpiDefault=none\n"
      << "SchedulerType=sched/backfill\nSelectType=select/cons_tres\nSelectTypeParameters=CR_CPU\nReturnToService=2\n"
      << "NodeName=localhost NodeAddr=127.0.0.1 CPUs=" << cpus << " State=UNKNOWN\n"
      << "PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP\n";
  }

  void start(const QString& program, const QStringList& args) {
    auto p = std::make_unique<QProcess>();
    p->setProcessEnvironment(env_);
    p->setProcessChannelMode(QProcess::MergedChannels);
    p->start(program, args);
    p->waitForStarted(10000);
    daemons_.push_back(std::move(p));
  }

  std::unique_ptr<QTemporaryDir> dir_;
  QString socket_, conf_;
  QProcessEnvironment env_;
  std::vector<std::unique_ptr<QProcess>> daemons_;
  bool ready_ = false;
};

}  // namespace headroom::test
