#include "app/terminal_progress.h"

#include <string>

namespace headroom::cli {

void TerminalProgress::onProgress(const RunProgress& p) {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  constexpr int width = 30;
  const int filled = static_cast<int>(p.fraction * width + 0.5);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(width, '.');
  std::fprintf(stderr, "\r[%s] %5.1f%%  replications %d/%d  elapsed %.1f s", bar.c_str(), p.fraction * 100.0,
               p.replications_done, p.replications_total, p.elapsed_s);
  if (p.remaining_s >= 0) std::fprintf(stderr, "  remaining %.1f s   ", p.remaining_s);
  std::fflush(stderr);
  drawn_ = true;
}

void TerminalProgress::finish() {
  std::lock_guard lock(mutex_);
  if (drawn_) std::fprintf(stderr, "\n");
  drawn_ = false;
}

}  // namespace headroom::cli
