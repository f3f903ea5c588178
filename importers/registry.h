#pragma once
// All built-in importers and format detection by content. Thread-safe after construction (read-only).
#include <memory>
#include <string>
#include <vector>

#include "importers/importer.h"

namespace headroom {

class ImporterRegistry {
 public:
  // Registers every built-in importer.
  ImporterRegistry();
  static ImporterRegistry withBuiltins() { return ImporterRegistry(); }

  void add(std::unique_ptr<Importer> importer);
  const std::vector<std::unique_ptr<Importer>>& importers() const { return importers_; }
  const Importer* find(const std::string& id) const;

  // Best importer for this head-of-file text and name, or nullptr when no sniffer scores above 0.
  const Importer* detectContent(const std::string& head, const std::string& fileName) const;
  // Reads the first 64 KiB of `path` and detects. Throws ImportError if the file cannot be opened.
  const Importer* detect(const std::string& path) const;
  // Detects and reads. Throws ImportError("<file>: format not recognised; tried: a, b, ...") when nothing matches.
  ImportResult importFile(const std::string& path, const ImportOptions& options = {},
                          Feedback* feedback = nullptr) const;

 private:
  std::vector<std::unique_ptr<Importer>> importers_;
};

}  // namespace headroom
