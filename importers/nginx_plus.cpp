#include "importers/nginx_plus.h"

#include <cmath>

#include "importers/histogram_math.h"
#include "importers/json_util.h"
#include "importers/parse_util.h"
#include "importers/series_builder.h"
#include "importers/text_source.h"

namespace headroom {

using jsonutil::Json;

int NginxPlusStatusImporter::sniff(const std::string& head, const std::string& fileName) const {
  if (jsonutil::firstNonBlank(head) != '{') return 0;
  if (head.find("\"nginx_version\"") != std::string::npos && head.find("\"connections\"") != std::string::npos) return 90;
  return 0;
}

ImportResult NginxPlusStatusImporter::readImpl(std::istream& in, const std::string& fileName,
                                               const ImportOptions& options, Feedback* feedback) const {
  const std::string text = readAll(in, fileName, feedback);
  ImportResult out;
  out.format = id();
  SeriesBuilder b;
  LineCursor cursor(text, fileName, feedback);
  std::string_view line;
  struct Prev {
    double t = std::nan("");
    double requests = 0, zoneReq = 0, zone5xx = 0, zoneTotal = 0;
  };
  Prev total;
  std::map<std::string, Prev> zones;
  bool reset = false;
  while (cursor.next(line)) {
    cursor.tick();
    if (trim(line).empty()) continue;
    const Json j = jsonutil::parseLine(line, fileName, cursor.lineNumber());
    const long ln = cursor.lineNumber();
    try {
      if (!j.is_object()) throw ImportError(fileName, ln, "JSON", "expected an object");
      const double t = jsonutil::number(jsonutil::member(j, "timestamp", fileName, ""), fileName, "timestamp") / 1000.0;
      if (!std::isfinite(t)) throw ImportError(fileName, ln, "timestamp", "not a finite number");
      if (auto c = j.find("connections"); c != j.end() && c->is_object()) {
        if (c->contains("active"))
          b.add(b.series("nginx_connections_active", {}, "count"), t, jsonutil::number((*c)["active"], fileName, "connections.active"));
        if (c->contains("idle"))
          b.add(b.series("nginx_connections_idle", {}, "count"), t, jsonutil::number((*c)["idle"], fileName, "connections.idle"));
      }
      if (auto r = j.find("requests"); r != j.end() && r->is_object() && r->contains("total")) {
        const double req = jsonutil::number((*r)["total"], fileName, "requests.total");
        if (!std::isnan(total.t) && t > total.t) {
          reset = reset || req < total.requests;
          b.add(b.series("rate(nginx_requests_total)", {}, "1/s"), t, counterIncrease(total.requests, req) / (t - total.t));
        }
        total.t = t;
        total.requests = req;
      }
      if (auto zs = j.find("server_zones"); zs != j.end() && zs->is_object())
        for (auto z = zs->begin(); z != zs->end(); ++z) {
          if (!z.value().is_object()) continue;
          const std::string path = "server_zones." + z.key();
          const double req = z.value().contains("requests") ? jsonutil::number(z.value()["requests"], fileName, path + ".requests") : 0;
          double e5 = 0, all = 0;
          if (auto rs = z.value().find("responses"); rs != z.value().end() && rs->is_object()) {
            if (rs->contains("5xx")) e5 = jsonutil::number((*rs)["5xx"], fileName, path + ".responses.5xx");
            if (rs->contains("total")) all = jsonutil::number((*rs)["total"], fileName, path + ".responses.total");
          }
          Prev& p = zones[z.key()];
          if (!std::isnan(p.t) && t > p.t) {
            reset = reset || req < p.zoneReq;
            const std::map<std::string, std::string> labels{{"zone", z.key()}};
            b.add(b.series("rate(nginx_zone_requests)", labels, "1/s"), t, counterIncrease(p.zoneReq, req) / (t - p.t));
            const double dAll = counterIncrease(p.zoneTotal, all);
            b.add(b.series("nginx_zone_5xx_ratio", labels, "ratio"), t,
                  dAll > 0 ? counterIncrease(p.zone5xx, e5) / dAll : std::nan(""));
          }
          p.t = t;
          p.zoneReq = req;
          p.zone5xx = e5;
          p.zoneTotal = all;
        }
    } catch (const ImportError& e) {
      if (e.line() > 0) throw;
      throw ImportError(fileName, ln, e.field(), e.what());
    }
  }
  if (b.count() == 0) throw ImportError(fileName, 1, "timestamp", "no status snapshot found");
  if (reset) out.warnings.push_back({WarningKind::CounterReset, 0, "a request counter went down; treated as a restart"});
  out.series = b.finish(out.warnings);
  if (feedback) feedback->setProgress(1.0, "imported");
  return out;
}

}  // namespace headroom
