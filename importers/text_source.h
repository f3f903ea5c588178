#pragma once
// Whole-stream text buffer with line splitting (\n, \r\n and lone \r), byte-based progress and periodic cancel
// checks. Importers read everything first: the inputs are at most tens of MB and random access keeps parsers simple.
#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

#include "importers/import_types.h"
#include "model/feedback.h"

namespace headroom {

// Reads the full stream; checks cancel every MiB. Strips a UTF-8 BOM.
std::string readAll(std::istream& in, const std::string& fileName, Feedback* feedback);

class LineCursor {
 public:
  LineCursor(std::string_view text, const std::string& fileName, Feedback* feedback)
      : text_(text), file_(fileName), feedback_(feedback) {}
  // Next line without its terminator; false at end.
  bool next(std::string_view& line);
  long lineNumber() const { return line_; }  // of the last line returned, 1-based
  std::size_t offset() const { return pos_; }
  // Call once per record: every 4096 calls reports progress and throws ImportCancelled if asked to.
  void tick();

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  long line_ = 0;
  unsigned ticks_ = 0;
  const std::string& file_;
  Feedback* feedback_;
};

// Cancel checks for loops over an already parsed document (JSON importers): tick() once per element; every
// 65,536 ticks it throws ImportCancelled if asked to. Cheap enough for the innermost loop.
class CancelTicker {
 public:
  CancelTicker(Feedback* feedback, const std::string& fileName) : feedback_(feedback), file_(fileName) {}
  void tick() {
    if ((++ticks_ & 0xFFFFu) == 0 && feedback_ && feedback_->isCancelled()) throw ImportCancelled(file_);
  }

 private:
  Feedback* feedback_;
  const std::string& file_;
  unsigned ticks_ = 0;
};

// Progress + cancel for parsers that walk the buffer themselves.
void checkpoint(Feedback* feedback, const std::string& fileName, std::size_t done, std::size_t total);

// 1-based line number of byte `offset` in `text`.
long lineOfOffset(std::string_view text, std::size_t offset);

}  // namespace headroom
