#include "model/atomic_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace headroom {

namespace {

[[noreturn]] void failWith(const std::string& what, const std::string& path, int err) {
  throw std::runtime_error(path + ": " + what + ": " + std::strerror(err));
}

std::string randomSuffix() {
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device rd;
  std::uniform_int_distribution<int> pick(0, static_cast<int>(sizeof(kChars)) - 2);
  std::string s;
  for (int i = 0; i < 6; ++i) s += kChars[pick(rd)];
  return s;
}

// Creates the temporary file with O_EXCL so two savers never share one; the umask applies as for a new file.
int createTemporary(const std::string& path, std::string& tmpPath) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    tmpPath = path + ".tmp-" + randomSuffix();
    const int fd = ::open(tmpPath.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) return fd;
    if (errno != EEXIST) failWith("cannot create temporary file " + tmpPath, path, errno);
  }
  failWith("cannot create a unique temporary file", path, EEXIST);
}

void syncDirectoryOf(const std::string& path) {
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (dir.empty()) dir = ".";
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // best effort: the rename itself already happened
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void writeFileAtomically(const std::string& path, const std::string& content) {
  std::string tmpPath;
  const int fd = createTemporary(path, tmpPath);
  auto abandon = [&](const std::string& what, int err) {
    ::close(fd);
    ::unlink(tmpPath.c_str());
    failWith(what, path, err);
  };

  struct stat existing {};
  if (::stat(path.c_str(), &existing) == 0 && ::fchmod(fd, existing.st_mode & 07777) != 0)
    abandon("cannot copy permissions to " + tmpPath, errno);

  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      abandon("cannot write " + tmpPath, errno);
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) abandon("cannot flush " + tmpPath, errno);
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmpPath.c_str());
    failWith("cannot close " + tmpPath, path, err);
  }

  std::error_code ec;
  std::filesystem::rename(tmpPath, path, ec);
  if (ec) {
    ::unlink(tmpPath.c_str());
    failWith("cannot replace the file", path, ec.value());
  }
  syncDirectoryOf(path);
}

}  // namespace headroom
