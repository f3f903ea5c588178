#include "importers/text_source.h"

#include <algorithm>

namespace headroom {

std::string readAll(std::istream& in, const std::string& fileName, Feedback* feedback) {
  std::string data;
  constexpr std::size_t kChunk = 1 << 20;
  std::string chunk(kChunk, '\0');
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(kChunk));
    data.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (feedback && feedback->isCancelled()) throw ImportCancelled(fileName);
  }
  if (in.bad()) throw ImportError(fileName, 0, "", "read error");
  if (data.size() >= 3 && static_cast<unsigned char>(data[0]) == 0xEF && static_cast<unsigned char>(data[1]) == 0xBB &&
      static_cast<unsigned char>(data[2]) == 0xBF)
    data.erase(0, 3);
  return data;
}

bool LineCursor::next(std::string_view& line) {
  if (pos_ >= text_.size()) return false;
  const std::size_t start = pos_;
  std::size_t end = start;
  while (end < text_.size() && text_[end] != '\n' && text_[end] != '\r') ++end;
  line = text_.substr(start, end - start);
  pos_ = end;
  if (pos_ < text_.size()) {
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
  }
  ++line_;
  return true;
}

void LineCursor::tick() {
  if ((++ticks_ & 4095u) == 0) checkpoint(feedback_, file_, pos_, text_.size());
}

void checkpoint(Feedback* feedback, const std::string& fileName, std::size_t done, std::size_t total) {
  if (!feedback) return;
  if (feedback->isCancelled()) throw ImportCancelled(fileName);
  feedback->setProgress(total ? static_cast<double>(done) / static_cast<double>(total) : 1.0, "importing");
}

long lineOfOffset(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<long>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

}  // namespace headroom
