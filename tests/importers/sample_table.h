#pragma once
// Every importable real sample under shared/data with facts read from the file by eye, and every other file with
// the reason it is not imported. Shared by the real-sample and mutation tests.
#include <limits>
#include <string>
#include <vector>

namespace headroom::test {

struct SampleFact {
  const char* path;      // relative to shared/data
  const char* format;    // importer id expected from detection
  std::size_t series;    // exact number of series
  const char* name;      // a series that must exist ...
  const char* labelKey;  // ... with this label (nullptr = any) ...
  const char* labelValue;
  const char* unit;      // ... this unit ...
  double firstTime;      // ... and this first point (Unix s) ...
  double firstValue;     // ... and value (NaN = expect a gap)
};

inline const std::vector<SampleFact>& sampleFacts() {
  static const std::vector<SampleFact> facts = {
      // [1564308009.804, "1"] is the first pair of the first series (job "Thoth Metrics (stage)").
      {"prometheus/prometheus-api-client_up_201907281200.result.json", "prometheus-json", 9, "up", "job",
       "Thoth Metrics (stage)", "", 1564308009.804, 1},
      // First bucket line of port 5001: le="0.005" 0; no timestamps -> t = 0. 36 bucket + 3 sum + 3 count series,
      // + 4 quantiles and 1 mean per port.
      {"prometheus/1histogram.om.txt", "prometheus-text", 57, "golang_manual_histogram_seconds_bucket", "le", "0.005",
       "count", 0, 0},
      // go_gc_duration_seconds{quantile="0"} 4.9351e-05 (a summary, unit from the _seconds suffix).
      {"prometheus/promtestdata.txt", "prometheus-text", 478, "go_gc_duration_seconds", "quantile", "0", "s", 0,
       4.9351e-05},
      // Earliest datapoint of the unordered list: 2014-04-08T23:18:00Z Maximum 46.88 Percent.
      {"cloudwatch_cli/get-metric-statistics.output.json", "cloudwatch-json", 1, "CPUUtilization", "statistic",
       "Maximum", "percent", 1396999080, 46.88},
      {"cloudwatch_cli/get-metric-data.example1.output.json", "cloudwatch-json", 1, "Avg Total IOPS", "id", "m3", "",
       1727647800, 96.85},
      {"cloudwatch_cli/get-metric-data.example2.output.json", "cloudwatch-json", 1, "EstimatedCharges", "id", "m1", "",
       1727352000, 542.38},
      // 2014-02-14 14:30:00,0.132
      {"cloudwatch_nab/realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv", "timeseries-csv", 1,
       "ec2_cpu_utilization_24ae8d", nullptr, nullptr, "", 1392388200, 0.132},
      // 2015-09-08 11:39:00,73
      {"cloudwatch_nab/realTraffic/speed_7578.csv", "timeseries-csv", 1, "speed_7578", nullptr, nullptr, "",
       1441712340, 73},
      // [1641344100000, 91.4583840476142], unit percent.
      {"datadog/query_timeseries_response.json", "datadog-json", 1, "system.cpu.idle", nullptr, nullptr, "percent",
       1641344100, 91.4583840476142},
      // 1551783627191,351,JR-OK,...
      {"jmeter/HTMLReportTestFile.csv", "jmeter-jtl", 9, "elapsed", "label", "JR-OK", "s", 1551783627.191, 0.351},
      // 1549967385359,0,Requête HTTP (all failed)
      {"jmeter/HTMLReportFalseTestFile.csv", "jmeter-jtl", 8, "error_rate", nullptr, nullptr, "ratio", 1549967385, 1},
      // <httpSample t="2043" ... ts="1132668448174" lb="jakarta_home">
      {"jmeter/sample_log1c.jtl", "jmeter-jtl", 8, "elapsed", "label", "jakarta_home", "s", 1132668448.174, 2.043},
      // 1532376558110,1623,DDAAccountDetails_Party9_DDA_DDA,...
      {"jmeter/taurus_slow-stdev.jtl", "jmeter-jtl", 25, "elapsed", "label", "DDAAccountDetails_Party9_DDA_DDA", "s",
       1532376558.110, 1.623},
      // http_req_duration,1633706790,245.591442 (ms)
      {"k6/taurus_k6_kpi.csv", "k6-raw", 21, "http_req_duration", nullptr, nullptr, "s", 1633706790, 0.245591442},
      // "http_reqs": {"count": 878, ...}
      {"k6/k6-reporter_simple.json", "k6-summary", 90, "http_reqs", "stat", "count", "count", 0, 878},
      {"k6/k6-reporter_grpc.json", "k6-summary", 41, "checks", "stat", "passes", "count", 0, 9615},
      // 1772849612,0,,Aggregated,...,N/A
      {"locust/bitcoin-api_results_stats_history.csv", "locust-history", 15, "latency", "name", "Aggregated", "s",
       1772849612, std::numeric_limits<double>::quiet_NaN()},
      {"locust/load-testing-hub_locust_stats_history.csv", "locust-history", 24, "users", "name", "Aggregated", "count",
       1753581872, 0},
      {"locust/load-tests-hub_locust_stats_history.csv", "locust-history", 60, "requests_per_s", "name",
       "/company.v1.UserService/GetUserStatistics", "1/s", 1738153359, 5.333333},
      // my.counter asDouble 5 at 1544712660300000000 ns.
      {"otlp/metrics.json", "otlp-json", 16, "my.counter", "service.name", "my.service", "count", 1544712660.3, 5},
      // Lines are slightly out of order: the earliest are two requests at 17/May/2015:10:05:00 +0000.
      {"accesslogs/elastic_apache_logs.log", "access-log", 2, "throughput", nullptr, nullptr, "1/s", 1431857100, 2},
      // REQUEST<tab><tab>http://blazedemo.com/<tab>1522406682847<tab>1522406683226<tab>OK
      {"gatling/taurus_gatling-3-000_simulation.log", "gatling-log", 8, "response_time", "name", "http://blazedemo.com/",
       "s", 1522406682.847, 0.379},
      // First snapshot: "timestamp":1446249499322, "connections":{... "active":2, "idle":29}
      {"accesslogs/elastic_nginxplus_status.jsonl", "nginx-plus-status", 9, "nginx_connections_active", nullptr, nullptr,
       "count", 1446249499.322, 2},
      // 1949-01-01,112 (CR-only line ends).
      {"traces/growth/example_air_passengers.csv", "timeseries-csv", 1, "example_air_passengers", nullptr, nullptr, "",
       -662688000, 112},
      {"traces/growth/example_retail_sales.csv", "timeseries-csv", 1, "example_retail_sales", nullptr, nullptr, "",
       694224000, 146376},
      {"traces/growth/example_wp_log_peyton_manning.csv", "timeseries-csv", 1, "example_wp_log_peyton_manning", nullptr,
       nullptr, "", 1197244800, 9.59076113897809},
      {"traces/growth/example_yosemite_temps.csv", "timeseries-csv", 1, "example_yosemite_temps", nullptr, nullptr, "",
       1493596800, 27.8},
      // 2023-11-16 18:17:03.9800000,4808,10
      {"traces/azure_llm/AzureLLMInferenceTrace_code.csv", "timeseries-csv", 2, "ContextTokens", nullptr, nullptr, "",
       1700158623.98, 4808},
      // 2023-11-16 18:15:46.6805900,374,44
      {"traces/azure_llm/AzureLLMInferenceTrace_conv.csv", "timeseries-csv", 2, "GeneratedTokens", nullptr, nullptr, "",
       1700158546.68059, 44},
  };
  return facts;
}

// Files deliberately not imported, with the reason (the real-sample test fails on any file in neither list).
inline const std::vector<std::pair<const char*, const char*>>& notImported() {
  static const std::vector<std::pair<const char*, const char*>> files = {
      {"SOURCES.md", "documentation"},
      {"cloudwatch_cli/get-metric-data.rst", "documentation page"},
      {"cloudwatch_cli/get-metric-statistics.rst", "documentation page"},
      {"cloudwatch_cli/get-metric-data.example1.queries.json", "query definition, no data"},
      {"cloudwatch_nab/combined_windows.json", "anomaly labels, no metric data"},
      {"datadog/Scenario_Query_timeseries_points_returns_OK_response.yaml", "HTTP cassette; its body is query_timeseries_response.json"},
      {"datadog/Scenario_Query_timeseries_points_returns_OK_response.freeze", "recording clock"},
      {"prometheus/histograms.test", "PromQL test script, used by test_promql_histograms"},
      {"locust/bitcoin-api_results_exceptions.csv", "end-of-run table, not a time series"},
      {"locust/bitcoin-api_results_failures.csv", "end-of-run table, not a time series"},
      {"locust/bitcoin-api_results_stats.csv", "end-of-run table, not a time series"},
      {"locust/load-testing-hub_locust_stats.csv", "end-of-run table, not a time series"},
      {"locust/load-tests-hub_locust_stats.csv", "end-of-run table, not a time series"},
  };
  return files;
}

}  // namespace headroom::test
