#pragma once
// Makes a file or directory refuse writes even to root (issue #18: the read-only tests used to skip as root):
// the ext2/3/4, xfs and btrfs "immutable" attribute (chattr +i) through FS_IOC_SETFLAGS. Needs
// CAP_LINUX_IMMUTABLE (root has it) and a filesystem that supports it (tmpfs does not): `why` says what failed so
// the caller can QSKIP with the reason. ImmutableGuard clears the attribute again, so temporary folders can be
// removed.
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace headroom::test {

inline bool setImmutable(const std::string& path, bool on, std::string* why = nullptr) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (why) *why = path + ": " + std::strerror(errno);
    return false;
  }
  int flags = 0;
  bool ok = ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
  if (ok) {
    flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
    ok = ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
  }
  if (!ok && why) *why = "cannot set the immutable attribute on " + path + ": " + std::strerror(errno);
  ::close(fd);
  return ok;
}

class ImmutableGuard {
 public:
  explicit ImmutableGuard(std::string path) : path_(std::move(path)) { on_ = setImmutable(path_, true, &why_); }
  ~ImmutableGuard() {
    if (on_) setImmutable(path_, false);
  }
  ImmutableGuard(const ImmutableGuard&) = delete;
  ImmutableGuard& operator=(const ImmutableGuard&) = delete;
  bool active() const { return on_; }
  const std::string& why() const { return why_; }

 private:
  std::string path_;
  bool on_ = false;
  std::string why_;
};

}  // namespace headroom::test
