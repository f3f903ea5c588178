#pragma once
// What the report says, as a flat list of blocks (title, headings, paragraphs, tables, charts) that the PDF
// and HTML writers lay out, plus the headline numbers with the JSON path of the run result each came from
// (so a test can check every number printed against the JSON). Plain C++, no Qt.
#include <string>
#include <vector>

#include "ui/report/report_input.h"

namespace headroom::report {

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;  // per column: right-aligned
};

// Run charts draw a RunResult; Plan* charts draw the plan JSON (ui/report/plan_charts.cpp).
enum class ChartKind { Traffic, Latency, Utilization, Replicas, PlanTraffic, PlanUtilization, PlanP99, PlanReplicas, PlanCost };

struct Block {
  enum class Kind { Title, Subtitle, Heading, Paragraph, Verdict, Note, Table, Chart, PageBreak };
  Block() = default;
  Block(Kind k, std::string t = {}) : kind(k), text(std::move(t)) {}  // implicit: {Kind, "text"} in lists
  Kind kind = Kind::Paragraph;
  std::string text;  // Title/Heading/Paragraph/Verdict/Note text; Chart caption
  Table table;
  ChartKind chart = ChartKind::Traffic;
  int variant = 0;  // Chart: 0 = primary run, 1 = comparison run
};

// A number on the summary page and where it comes from.
struct Headline {
  std::string label;      // "p99 response (end to end)"
  std::string json_path;  // into runResultToJson(): "end_to_end[0].response.p99_s.mean"
  double value = 0.0;     // as in the JSON (seconds, per second, fraction)
  double scale = 1.0;     // display = value * scale
  int decimals = 1;
  std::string unit;       // "ms", "req/s", "%"
  std::string text;       // formatted display value, e.g. "142.3 ms"
  std::string ci_text;    // "± 3.1" or "" (one replication)
  std::string target;     // "<= 300 ms" or ""
  std::string status;     // "meets", "misses" or ""
};

struct ReportDocument {
  std::string title;
  std::string verdict;  // one sentence
  std::string stamp;    // reproducibility stamp, printed on every page
  std::vector<Headline> headlines;
  std::vector<Block> blocks;
};

// printf of one number: formatNumber("%.1f ms", 0.5) == "0.5 ms"
std::string formatNumber(const char* format, double x);

// "$1,234,567" (negative: "-$1,234")
std::string formatUsd(double usd);

// Formats `value * scale` with `decimals` and the unit ("142.3 ms"): the one formatting of headline numbers.
std::string formatHeadline(double value, double scale, int decimals, const std::string& unit);

ReportDocument buildReport(const ReportInput& input);

// "SLO used: p99 <= 300 ms (scenario slo block), errors <= 1% (built-in default)."
std::string sloUsedSentence(const ReportOptions& options);

// Parts of buildReport (report_content.cpp / report_blocks.cpp).
std::vector<Headline> headlines(const ReportInput& input);
std::string verdictSentence(const ReportInput& input, const std::vector<Headline>& headlines);
void appendSummary(const ReportInput& input, ReportDocument& doc);
void appendCharts(const ReportInput& input, ReportDocument& doc);
void appendBottleneck(const ReportInput& input, ReportDocument& doc);
void appendComparison(const ReportInput& input, ReportDocument& doc);
void appendBusinessImpact(const ReportInput& input, ReportDocument& doc);
void appendExtraSections(const ReportInput& input, ReportDocument& doc);
void appendMethod(const ReportInput& input, ReportDocument& doc);
void appendAssumptions(const ReportInput& input, ReportDocument& doc);

}  // namespace headroom::report
