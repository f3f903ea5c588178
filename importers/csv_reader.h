#pragma once
// Small RFC-4180 reader: quoted fields with doubled quotes and embedded newlines, \n / \r\n / \r line ends,
// Excel's "sep=X" first line, and header lines repeated inside the body (k6, concatenated exports) skipped.
// The UTF-8 BOM is removed by readAll() before the text reaches here.
#include <string>
#include <string_view>
#include <vector>

#include "model/feedback.h"

namespace headroom {

class CsvReader {
 public:
  CsvReader(std::string_view text, const std::string& fileName, Feedback* feedback, char delimiter = ',');

  // Reads the header record (after an optional sep= line). False if the text is empty.
  bool readHeader();
  const std::vector<std::string>& header() const { return header_; }
  // Index of the header column named `name` (exact, then case-insensitive), or -1.
  int column(std::string_view name) const;

  // Next data record; rows equal to the header and blank lines are skipped. False at end.
  bool next(std::vector<std::string>& fields);
  long line() const { return recordLine_; }  // first line of the last record returned
  char delimiter() const { return delim_; }

 private:
  bool readRecord(std::vector<std::string>& fields);

  std::string_view text_;
  std::size_t pos_ = 0;
  long line_ = 1;
  long recordLine_ = 0;
  unsigned ticks_ = 0;
  const std::string& file_;
  Feedback* feedback_;
  char delim_;
  std::vector<std::string> header_;
};

// Splits one line on a delimiter with the same quoting rules (for sniffers looking at a head).
std::vector<std::string> splitCsvLine(std::string_view line, char delimiter = ',');

}  // namespace headroom
