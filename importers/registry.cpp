#include "importers/registry.h"

#include <fstream>
#include <stdexcept>

#include "importers/builtin_importers.h"

namespace headroom {

ImporterRegistry::ImporterRegistry() {
  for (auto& importer : makeBuiltinImporters()) add(std::move(importer));
}

void ImporterRegistry::add(std::unique_ptr<Importer> importer) {
  if (!importer) throw std::invalid_argument("ImporterRegistry::add: no importer given");
  importers_.push_back(std::move(importer));
}

const Importer* ImporterRegistry::find(const std::string& id) const {
  for (const auto& i : importers_)
    if (i->id() == id) return i.get();
  return nullptr;
}

const Importer* ImporterRegistry::detectContent(const std::string& head, const std::string& fileName) const {
  const Importer* best = nullptr;
  int bestScore = 0;
  for (const auto& i : importers_) {
    const int score = i->sniff(head, fileName);
    if (score > bestScore) {  // ties go to the earlier (more specific) importer
      bestScore = score;
      best = i.get();
    }
  }
  return best;
}

static std::string readHead(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ImportError(path, 0, "", "cannot open file");
  std::string head(64 * 1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (head.size() >= 3 && head.compare(0, 3, "\xEF\xBB\xBF") == 0) head.erase(0, 3);
  return head;
}

const Importer* ImporterRegistry::detect(const std::string& path) const { return detectContent(readHead(path), path); }

ImportResult ImporterRegistry::importFile(const std::string& path, const ImportOptions& options,
                                          Feedback* feedback) const {
  const Importer* importer = detect(path);
  if (!importer) {
    std::string tried;
    for (const auto& i : importers_) tried += (tried.empty() ? "" : ", ") + i->id();
    throw ImportError(path, 0, "", "format not recognised; tried: " + tried);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ImportError(path, 0, "", "cannot open file");
  return importer->read(in, path, options, feedback);
}

}  // namespace headroom
