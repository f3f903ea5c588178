// Report generation headless: for every bundled scenario, the time to build the report and write it as PDF and
// as HTML from a finished run (the simulation is timed apart: it is the run's cost, not the report's).
// Target: under 3 s per scenario. Usage: headroom-bench-report [SCENARIO_DIR] [OUT_DIR]
#include <QApplication>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <vector>

#include "model/scenario_json.h"
#include "simulator/simulation.h"
#include "ui/report/report_writer.h"
#include "ui/report/scenario_assumptions.h"

namespace {

struct Timer {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  std::clock_t cpu = std::clock();
  double wallSeconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count(); }
  double cpuSeconds() const { return static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC; }
};

}  // namespace

int main(int argc, char** argv) {
  headroom::report::ensureHeadlessPlatform();
  QApplication app(argc, argv);
  namespace fs = std::filesystem;
  const fs::path dir = argc > 1 ? argv[1] : HEADROOM_SCENARIO_DIR;
  const fs::path out = argc > 2 ? argv[2] : fs::temp_directory_path() / "headroom-bench-report";
  fs::create_directories(out);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::printf("%-22s %10s %12s %12s %12s %8s\n", "scenario", "simulate_s", "pdf_wall_s", "html_wall_s", "report_cpu_s", "< 3 s");
  double worst = 0.0;
  for (const fs::path& f : files) {
    const headroom::Scenario s = headroom::loadAndValidateScenarioFile(f.string());
    Timer sim;
    headroom::RunResult run = headroom::runSimulation(s);
    const double simulate_s = sim.wallSeconds();
    std::ifstream raw(f);
    headroom::report::ReportInput input;
    input.primary = headroom::report::makeVariant("A: " + s.name, s, nlohmann::json::parse(raw), f.string(), std::move(run));
    input.options.version = "bench";
    input.options.generated_utc = headroom::report::utcNowText();
    Timer pdf;
    headroom::report::writeReport(input, (out / (f.stem().string() + ".pdf")).string());
    const double pdf_s = pdf.wallSeconds();
    const double pdf_cpu = pdf.cpuSeconds();
    Timer html;
    headroom::report::writeReport(input, (out / (f.stem().string() + ".html")).string());
    const double html_s = html.wallSeconds();
    const double cpu = pdf_cpu + html.cpuSeconds();
    worst = std::max({worst, pdf_s, html_s});
    std::printf("%-22s %10.2f %12.3f %12.3f %12.3f %8s\n", f.stem().string().c_str(), simulate_s, pdf_s, html_s, cpu,
                std::max(pdf_s, html_s) < 3.0 ? "yes" : "NO");
    std::fflush(stdout);
  }
  std::printf("slowest report: %.3f s (target < 3 s); reports in %s\n", worst, out.string().c_str());
  return worst < 3.0 ? 0 : 1;
}
