#include "importers/csv_reader.h"

#include <cctype>

#include "importers/import_types.h"
#include "importers/text_source.h"

namespace headroom {

CsvReader::CsvReader(std::string_view text, const std::string& fileName, Feedback* feedback, char delimiter)
    : text_(text), file_(fileName), feedback_(feedback), delim_(delimiter) {}

bool CsvReader::readHeader() {
  // Excel's "sep=;" line names the delimiter and is not data.
  if (text_.substr(0, 4) == "sep=" && text_.size() >= 5) {
    delim_ = text_[4];
    std::size_t p = 5;
    while (p < text_.size() && (text_[p] == '\r' || text_[p] == '\n')) {
      if (text_[p] == '\n' || (text_[p] == '\r' && (p + 1 >= text_.size() || text_[p + 1] != '\n'))) ++line_;
      ++p;
    }
    pos_ = p;
  }
  std::vector<std::string> fields;
  while (readRecord(fields)) {
    if (fields.size() == 1 && fields[0].empty()) continue;
    header_ = fields;
    for (auto& h : header_) {
      while (!h.empty() && std::isspace(static_cast<unsigned char>(h.back()))) h.pop_back();
      std::size_t b = 0;
      while (b < h.size() && std::isspace(static_cast<unsigned char>(h[b]))) ++b;
      h.erase(0, b);
    }
    return true;
  }
  return false;
}

int CsvReader::column(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return static_cast<int>(i);
  for (std::size_t i = 0; i < header_.size(); ++i) {
    const auto& h = header_[i];
    if (h.size() != name.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < h.size() && same; ++k)
      same = std::tolower(static_cast<unsigned char>(h[k])) == std::tolower(static_cast<unsigned char>(name[k]));
    if (same) return static_cast<int>(i);
  }
  return -1;
}

bool CsvReader::next(std::vector<std::string>& fields) {
  while (readRecord(fields)) {
    if ((++ticks_ & 4095u) == 0) checkpoint(feedback_, file_, pos_, text_.size());
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (!header_.empty() && fields.size() == header_.size()) {
      bool same = true;
      for (std::size_t i = 0; i < fields.size() && same; ++i) same = fields[i] == header_[i];
      if (same) continue;  // repeated header
    }
    return true;
  }
  return false;
}

bool CsvReader::readRecord(std::vector<std::string>& fields) {
  if (pos_ >= text_.size()) return false;
  fields.clear();
  recordLine_ = line_;
  std::string field;
  bool quoted = false;
  bool wasQuoted = false;
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (quoted) {
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          field.push_back('"');
          pos_ += 2;
          continue;
        }
        quoted = false;
        ++pos_;
        continue;
      }
      if (c == '\n') ++line_;
      field.push_back(c);
      ++pos_;
      continue;
    }
    if (c == '"' && field.empty() && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
      ++pos_;
      continue;
    }
    if (c == delim_) {
      fields.push_back(std::move(field));
      field.clear();
      wasQuoted = false;
      ++pos_;
      continue;
    }
    if (c == '\r' || c == '\n') {
      ++pos_;
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
      fields.push_back(std::move(field));
      return true;
    }
    field.push_back(c);  // text after a closing quote is kept, not an error (lenient like spreadsheet tools)
    ++pos_;
  }
  if (quoted) throw ImportError(file_, recordLine_, "field " + std::to_string(fields.size() + 1),
                                "unterminated quoted field");
  fields.push_back(std::move(field));
  return true;
}

std::vector<std::string> splitCsvLine(std::string_view line, char delimiter) {
  std::vector<std::string> out;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"' && field.empty()) {
      quoted = true;
    } else if (c == delimiter) {
      out.push_back(std::move(field));
      field.clear();
    } else {
      field.push_back(c);
    }
  }
  out.push_back(std::move(field));
  return out;
}

}  // namespace headroom
