// Generates 1,000,000 points as Prometheus range JSON, a CloudWatch/NAB CSV and a Grafana CSV in a temp dir, times
// the import of each through the registry (detection included) and prints points/s against the 2 s budget.
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "importers/registry.h"

namespace {

constexpr std::size_t kPoints = 1000000;
constexpr double kBudget_s = 2.0;

void writePrometheus(const std::string& path) {
  std::ofstream out(path);
  out << R"({"status":"success","data":{"resultType":"matrix","result":[)";
  constexpr std::size_t kSeries = 10;
  for (std::size_t s = 0; s < kSeries; ++s) {
    out << (s ? "," : "") << R"({"metric":{"__name__":"http_requests_total","instance":"10.0.0.)" << s
        << R"(","job":"api"},"values":[)";
    for (std::size_t i = 0; i < kPoints / kSeries; ++i)
      out << (i ? "," : "") << "[" << 1700000000 + i * 15 << ".123,\"" << (i * 7 + s) % 1000 << "." << i % 10 << "\"]";
    out << "]}";
  }
  out << "]}}";
}

void writeCloudWatch(const std::string& path) {
  std::ofstream out(path);
  out << "timestamp,value\n";
  char buf[64];
  for (std::size_t i = 0; i < kPoints; ++i) {
    const long long t = 1392388200LL + static_cast<long long>(i) * 300;
    const long long days = t / 86400, sec = t % 86400;
    // Civil date from days (inverse of daysFromCivil) for realistic "YYYY-MM-DD HH:MM:SS" text.
    long long z = days + 719468, era = z / 146097, doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365, y = yoe + era * 400;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    long long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld,%.3f\n", y + (m <= 2), m, d, sec / 3600,
                  sec / 60 % 60, sec % 60, static_cast<double>(i % 1000) / 10.0);
    out << buf;
  }
}

void writeGrafana(const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  out << "\"Time\",\"{pod=\"\"a\"\"}\",\"{pod=\"\"b\"\"}\",\"{pod=\"\"c\"\"}\",\"{pod=\"\"d\"\"}\"\r\n";
  for (std::size_t i = 0; i < kPoints / 4; ++i)
    out << 1700000000000ULL + i * 1000 << "," << i % 97 << " ms," << i % 89 << " ms," << i % 83 << " ms,"
        << i % 79 << " ms\r\n";
}

}  // namespace

int main() {
  const auto dir = std::filesystem::temp_directory_path() / "headroom_bench_importers";
  std::filesystem::create_directories(dir);
  const std::string prom = (dir / "range.json").string(), cw = (dir / "cloudwatch.csv").string(),
                    graf = (dir / "grafana.csv").string();
  writePrometheus(prom);
  writeCloudWatch(cw);
  writeGrafana(graf);
  headroom::ImporterRegistry registry;
  int failures = 0;
  for (const auto& [label, path] : {std::pair{"Prometheus range JSON", prom}, {"CloudWatch CSV", cw}, {"Grafana CSV", graf}}) {
    const auto start = std::chrono::steady_clock::now();
    const auto result = registry.importFile(path);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::size_t points = 0;
    for (const auto& series : result.series) points += series.size();
    std::printf("%-22s [%s] %zu points in %.3f s (budget %.0f s, ratio %.2f), %.2f M points/s, file %.1f MB\n", label,
                result.format.c_str(), points, s, kBudget_s, s / kBudget_s, static_cast<double>(points) / s / 1e6,
                static_cast<double>(std::filesystem::file_size(path)) / 1e6);
    if (points != kPoints) ++failures;
  }
  if (!std::getenv("HEADROOM_BENCH_KEEP")) std::filesystem::remove_all(dir);
  return failures;
}
