#pragma once
// Large inputs in every importer's format (record i, repeated), for the cancellation test.
#include <functional>
#include <string>
#include <vector>

namespace headroom::test {


struct LargeInput {
  const char* format;
  const char* fileName;
  std::string head;
  std::function<std::string(long)> record;  // record i (with its separator)
  std::string tail;
};

inline std::string ts(long i) { return std::to_string(1700000000L + i); }
inline std::string tsMs(long i) { return std::to_string((1700000000L + i) * 1000); }

inline const std::vector<LargeInput>& inputs() {
  static const std::vector<LargeInput> all = {
      {"timeseries-csv", "big.csv", "timestamp,value\n", [](long i) { return ts(i) + ",1\n"; }, ""},
      {"grafana-csv", "big.csv", "\"Time\",\"a\"\r\n", [](long i) { return tsMs(i) + ",1\r\n"; }, ""},
      {"jmeter-jtl", "big.jtl", "timeStamp,elapsed,label\n", [](long i) { return tsMs(i) + ",351,a\n"; }, ""},
      {"k6-raw", "big.csv", "metric_name,timestamp,metric_value\n", [](long i) { return "vus," + ts(i) + ",1\n"; }, ""},
      {"locust-history", "big_stats_history.csv", "Timestamp,User Count,Type,Name,Requests/s\n",
       [](long i) { return ts(i) + ",1,,Aggregated,0\n"; }, ""},
      {"prometheus-text", "big.prom", "# TYPE up gauge\n", [](long i) { return "up 1 " + tsMs(i) + "\n"; }, ""},
      {"access-log", "access.log", "",
       [](long) { return std::string("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"ua\"\n"); },
       ""},
      {"gatling-log", "simulation.log", "RUN\tSim\t\tid\t1700000000000\t \t3.5\n",
       [](long i) { return "REQUEST\t\tr\t" + tsMs(i) + "\t" + std::to_string((1700000000L + i) * 1000 + 100) + "\tOK\t \n"; },
       ""},
      {"nginx-plus-status", "status.jsonl", "",
       [](long i) {
         return R"({"timestamp":)" + tsMs(i) + R"(,"connections":{"active":1,"idle":2},"requests":{"total":)" +
                std::to_string(i) + "}}\n";
       },
       ""},
      {"prometheus-json", "big.json", R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up"},"values":[)",
       [](long i) { return std::string(i ? "," : "") + "[" + ts(i) + ",\"1\"]"; }, "]}]}}"},
      {"datadog-json", "big.json", R"({"status":"ok","series":[{"metric":"m","pointlist":[)",
       [](long i) { return std::string(i ? "," : "") + "[" + tsMs(i) + ",1]"; }, "]}]}"},
      {"cloudwatch-json", "big.json", R"({"Label":"CPU","Datapoints":[)",
       [](long i) { return std::string(i ? "," : "") + R"({"Timestamp":)" + ts(i) + R"(,"Average":1,"Unit":"Percent"})"; },
       "]}"},
      {"otlp-json", "big.json", R"({"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"m","gauge":{"dataPoints":[)",
       [](long i) { return std::string(i ? "," : "") + R"({"timeUnixNano":")" + ts(i) + R"(000000000","asDouble":1})"; },
       "]}}]}]}]}"},
      {"newrelic-json", "big.json", R"({"results":[)",
       [](long i) { return std::string(i ? "," : "") + R"({"beginTimeSeconds":)" + ts(i) + R"(,"count":1})"; }, "]}"},
      {"k6-summary", "summary.json", R"({"metrics":{)",
       [](long i) { return std::string(i ? "," : "") + "\"m" + std::to_string(i) + R"(":{"type":"counter","values":{"count":1}})"; },
       "}}"},
  };
  return all;
}

inline std::string build(const LargeInput& in, long records) {
  std::string text = in.head;
  for (long i = 0; i < records; ++i) text += in.record(i);
  return text + in.tail;
}

}  // namespace headroom::test
