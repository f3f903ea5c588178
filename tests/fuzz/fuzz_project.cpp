// libFuzzer target: the input as a project file, opened and read the way `headroom-cli project FILE` and the
// GUI do (lists, then every scenario, series and run). A ProjectError is a correct answer; a crash, a sanitizer
// report or any other exception is a bug.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "model/project/project.h"

namespace {

std::string scratchPath() {
  static const std::string path = "/tmp/headroom-fuzz-project-" + std::to_string(::getpid()) + ".hdrm";
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = scratchPath();
  std::remove((path + "-journal").c_str());
  if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  } else {
    return 0;
  }
  try {
    headroom::Project project = headroom::Project::open(path);
    for (const auto& s : project.scenarios()) {
      (void)project.history(s.name);
      (void)project.loadScenario(s.name);
    }
    for (const auto& s : project.listSeries()) (void)project.loadSeries(s.id);
    (void)project.imports();
    (void)project.listCalibrations();
    for (const auto& r : project.listRuns()) (void)project.loadRun(r.id);
  } catch (const headroom::ProjectError&) {
  }
  return 0;
}
