// Times the project file with a 1M-point series: import (save), open + load, listing, scenario saves.
// Usage: headroom-bench-project [points] [directory]. Prints numbers; the file is deleted afterwards.
// The OS page cache is warm after the first load (we cannot drop it without root), so "load" measures
// SQLite + copying, which is what a user sees when reopening a recently used project.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "model/project/project.h"

using namespace headroom;

namespace {

double msSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

TimeSeries bigSeries(std::size_t points) {
  TimeSeries s;
  s.name = "http_requests_total";
  s.labels = {{"job", "api"}};
  s.unit = "1/s";
  s.time_s.resize(points);
  s.value.resize(points);
  for (std::size_t i = 0; i < points; ++i) {
    s.time_s[i] = 1.7e9 + 15.0 * static_cast<double>(i);
    s.value[i] = i % 1000 == 0 ? std::nan("") : 100.0 + std::sin(static_cast<double>(i) * 1e-3);
  }
  return s;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t points = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  const std::filesystem::path dir = argc > 2 ? std::filesystem::path(argv[2]) : std::filesystem::temp_directory_path();
  const std::string path = (dir / ("headroom-bench-" + std::to_string(getpid()) + ".hdrm")).string();

  try {
    const TimeSeries series = bigSeries(points);
    std::int64_t id = 0;
    {
      Project project = Project::create(path);
      const auto start = std::chrono::steady_clock::now();
      id = project.importSeries({series}, {"bench.csv", "bench", "{}"}).series_ids.at(0);
      std::printf("import 1 series x %zu points (commit, synchronous=FULL): %8.1f ms\n", points, msSince(start));
    }
    std::printf("file size: %.1f MB (raw points %.1f MB)\n", std::filesystem::file_size(path) / 1e6,
                points * 16 / 1e6);

    std::vector<double> open_ms, load_ms, list_ms;
    for (int i = 0; i < 7; ++i) {
      auto start = std::chrono::steady_clock::now();
      Project project = Project::open(path);
      open_ms.push_back(msSince(start));
      start = std::chrono::steady_clock::now();
      const TimeSeries loaded = project.loadSeries(id);
      load_ms.push_back(msSince(start));
      if (loaded.size() != points) {
        std::fprintf(stderr, "loaded %zu points, expected %zu\n", loaded.size(), points);
        return 1;
      }
      start = std::chrono::steady_clock::now();
      (void)project.listSeries();
      list_ms.push_back(msSince(start));
    }
    std::printf("open project:                     median %8.2f ms (7 runs)\n", median(open_ms));
    std::printf("load 1 series x %zu points:  median %8.1f ms, first %8.1f ms (7 runs)\n", points, median(load_ms),
                load_ms.front());
    std::printf("list series (no points read):     median %8.2f ms\n", median(list_ms));

    {
      Project project = Project::open(path);
      const std::string json = "{\"components\":[" + std::string(20'000, ' ') + "]}";  // ~20 kB scenario
      const auto start = std::chrono::steady_clock::now();
      for (int i = 0; i < 50; ++i) project.saveScenario("shop", json, "bench");
      std::printf("save scenario (20 kB JSON):       mean %8.2f ms (50 saves, each a durable commit)\n",
                  msSince(start) / 50);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    std::filesystem::remove(path);
    return 1;
  }
  std::filesystem::remove(path);
  return 0;
}
