// Writes a small but complete project file (scenario history, an import, a calibration, a run) into the
// folder given as argv[1]: the seed the project fuzzer mutates, made at test time from the current schema.
#include <cmath>
#include <filesystem>
#include <iostream>

#include "model/project/project.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_project_seed FOLDER\n";
    return 2;
  }
  const std::filesystem::path folder(argv[1]);
  std::filesystem::create_directories(folder);
  const std::string path = (folder / "seed.hdrm").string();
  std::filesystem::remove(path);
  headroom::Project p = headroom::Project::create(path);
  p.saveScenario("shop", R"({"format":"headroom-scenario","version":1,"name":"shop"})", "first");
  p.saveScenario("shop", R"({"format":"headroom-scenario","version":1,"name":"shop","description":"v2"})", "second");
  headroom::TimeSeries s;
  s.name = "http_requests";
  s.labels = {{"job", "api"}};
  s.unit = "1/s";
  for (int i = 0; i < 64; ++i) {
    s.time_s.push_back(1.7e9 + 15.0 * i);
    s.value.push_back(i % 9 == 4 ? std::nan("") : 100.0 + i);
  }
  p.importSeries({s}, {"seed.json", "prometheus-json", "{}"});
  p.saveCalibration("shop", R"({"fit":"ok"})");
  headroom::RunRecord run;
  run.scenario_name = "shop";
  run.seed = 7;
  run.summary_json = R"({"replications":1})";
  run.result_json = R"({"format":"headroom-run-result"})";
  p.saveRun(run);
  return 0;
}
