#pragma once
// The one interface every file format implements (PlotJuggler/LabPlot style): identify itself, say how sure it is
// that a file is its format, and read a stream into series. Importers are stateless: read() may be called from any
// thread, concurrently on different streams.
#include <istream>
#include <string>
#include <vector>

#include "importers/import_types.h"
#include "model/feedback.h"

namespace headroom {

class Importer {
 public:
  virtual ~Importer() = default;
  virtual std::string id() const = 0;           // stable, e.g. "prometheus-json"
  virtual std::string displayName() const = 0;  // e.g. "Prometheus query API (JSON)"
  virtual std::vector<std::string> extensions() const = 0;  // lower case, without dot: {"json"}
  // Confidence 0..100 that `head` (the first few KiB of the file) is this format. Content decides; the file name's
  // extension only breaks ties (adds at most 10).
  virtual int sniff(const std::string& head, const std::string& fileName) const = 0;
  // Reads the whole stream. Throws ImportError on malformed input, ImportCancelled when feedback is cancelled
  // (checked every few thousand records). Reports progress by bytes consumed. `feedback` may be null.
  // Never throws anything else: a stray library exception (e.g. a JSON type error) becomes an ImportError.
  ImportResult read(std::istream& in, const std::string& fileName, const ImportOptions& options,
                    Feedback* feedback) const;

 protected:
  // The format's parser; called by read().
  virtual ImportResult readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                                Feedback* feedback) const = 0;
};

}  // namespace headroom
