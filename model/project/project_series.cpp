// Project: imported time series.
#include <cmath>

#include <nlohmann/json.hpp>

#include "model/project/point_blob.h"
#include "model/project/project.h"
#include "model/project/project_detail.h"

namespace headroom {

using namespace project_detail;

namespace {

std::string labelsToJson(const TimeSeries& s, std::size_t index) {
  try {
    return nlohmann::json(s.labels).dump();
  } catch (const nlohmann::json::exception& e) {  // dump() refuses strings that are not UTF-8
    throw Failure{ProjectError::Kind::InvalidInput,
                  "series " + std::to_string(index) + " " + quoted(s.name) + ": labels: " + e.what()};
  }
}

std::map<std::string, std::string> labelsFromJson(const std::string& text, std::int64_t series_id) {
  try {
    return nlohmann::json::parse(text).get<std::map<std::string, std::string>>();
  } catch (const nlohmann::json::exception& e) {
    throw Failure{ProjectError::Kind::Corrupt,
                  "series " + std::to_string(series_id) + ": labels are not a JSON object of strings: " + e.what()};
  }
}

void checkSeries(const TimeSeries& s, std::size_t index) {
  const auto where = [&] { return "series " + std::to_string(index) + " " + quoted(s.name) + ": "; };
  if (s.time_s.size() != s.value.size()) {
    throw Failure{ProjectError::Kind::InvalidInput, where() + std::to_string(s.time_s.size()) + " times but " +
                                                        std::to_string(s.value.size()) + " values"};
  }
  for (std::size_t i = 0; i < s.time_s.size(); ++i) {
    if (!std::isfinite(s.time_s[i])) {
      throw Failure{ProjectError::Kind::InvalidInput,
                    where() + "time of point " + std::to_string(i) + " is not a finite number"};
    }
  }
}

void readPoints(const sqlite::Statement& row, int column, std::int64_t series_id, std::int64_t count,
                const char* what, std::vector<double>& out) {
  const std::size_t expected = static_cast<std::size_t>(count) * sizeof(double);
  const std::size_t bytes = row.columnBytes(column);
  if (bytes != expected) {
    throw Failure{ProjectError::Kind::Corrupt, "series " + std::to_string(series_id) + ": " + what + " holds " +
                                                   std::to_string(bytes) + " bytes, expected " +
                                                   std::to_string(expected) + " (" + std::to_string(count) +
                                                   " points)"};
  }
  decodeF64Le(row.columnBlob(column), static_cast<std::size_t>(count), out);
}

}  // namespace

StoredImport Project::importSeries(const std::vector<TimeSeries>& series, const ImportRecord& record) {
  return guarded(path_, "import series from " + quoted(record.source_file), [&] {
    if (record.format.empty()) throw Failure{ProjectError::Kind::InvalidInput, "the import format is empty"};
    requireJson(record.settings_json, "the import settings");
    sqlite::Database& db = state_->db;
    sqlite::Transaction transaction(db);
    StoredImport result;
    {
      sqlite::Statement insert(db,
                               "INSERT INTO import_batch(source_file, format, settings_json, imported_unix_ms) "
                               "VALUES (?1, ?2, ?3, ?4)");
      insert.bindText(1, record.source_file).bindText(2, record.format).bindText(3, record.settings_json);
      insert.bindInt64(4, nowUnixMs());
      insert.run();
      result.import_id = db.lastInsertRowId();
    }
    sqlite::Statement meta(db,
                           "INSERT INTO series(import_id, position, name, labels_json, unit, point_count, "
                           "first_time_s, last_time_s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    sqlite::Statement points(db,
                             "INSERT INTO series_points(series_id, encoding, time_s, value) VALUES (?1, ?2, ?3, ?4)");
    std::vector<unsigned char> time_scratch;
    std::vector<unsigned char> value_scratch;
    for (std::size_t i = 0; i < series.size(); ++i) {
      const TimeSeries& s = series[i];
      // Checked here rather than up front, so an invalid series half way also exercises the rollback.
      checkSeries(s, i);
      meta.reset();
      meta.bindInt64(1, result.import_id).bindInt64(2, static_cast<std::int64_t>(i)).bindText(3, s.name);
      meta.bindText(4, labelsToJson(s, i)).bindText(5, s.unit);
      meta.bindInt64(6, static_cast<std::int64_t>(s.size()));
      if (s.size() > 0) {
        meta.bindDouble(7, s.time_s.front()).bindDouble(8, s.time_s.back());
      } else {
        meta.bindNull(7).bindNull(8);
      }
      meta.run();
      const std::int64_t id = db.lastInsertRowId();
      points.reset();
      points.bindInt64(1, id).bindText(2, kPointEncodingF64Le);
      points.bindBlobNoCopy(3, encodeF64Le(s.time_s, time_scratch), s.size() * sizeof(double));
      points.bindBlobNoCopy(4, encodeF64Le(s.value, value_scratch), s.size() * sizeof(double));
      points.run();
      points.reset();  // drop the no-copy bindings before the scratch buffers change
      result.series_ids.push_back(id);
      checkpoint("import: series written");
    }
    transaction.commit();
    return result;
  });
}

std::vector<ImportInfo> Project::imports() {
  return guarded(path_, "list imports", [&] {
    sqlite::Statement query(state_->db,
                            "SELECT i.id, i.source_file, i.format, i.settings_json, i.imported_unix_ms, "
                            "(SELECT COUNT(*) FROM series s WHERE s.import_id = i.id) FROM import_batch i ORDER BY i.id");
    std::vector<ImportInfo> result;
    while (query.step()) {
      result.push_back({query.columnInt64(0), {query.columnText(1), query.columnText(2), query.columnText(3)},
                        query.columnInt64(4), query.columnInt64(5)});
    }
    return result;
  });
}

std::vector<SeriesInfo> Project::listSeries() {
  return guarded(path_, "list series", [&] {
    sqlite::Statement query(state_->db,
                            "SELECT s.id, s.import_id, s.name, s.labels_json, s.unit, s.point_count, s.first_time_s, "
                            "s.last_time_s, i.source_file, i.format, i.imported_unix_ms "
                            "FROM series s JOIN import_batch i ON i.id = s.import_id ORDER BY s.id");
    std::vector<SeriesInfo> result;
    while (query.step()) {
      SeriesInfo info;
      info.id = query.columnInt64(0);
      info.import_id = query.columnInt64(1);
      info.name = query.columnText(2);
      info.labels = labelsFromJson(query.columnText(3), info.id);
      info.unit = query.columnText(4);
      info.point_count = query.columnInt64(5);
      if (!query.isNull(6)) info.first_time_s = query.columnDouble(6);
      if (!query.isNull(7)) info.last_time_s = query.columnDouble(7);
      info.source_file = query.columnText(8);
      info.format = query.columnText(9);
      info.imported_unix_ms = query.columnInt64(10);
      result.push_back(std::move(info));
    }
    return result;
  });
}

TimeSeries Project::loadSeries(std::int64_t series_id) {
  return guarded(path_, "load series " + std::to_string(series_id), [&] {
    sqlite::Statement query(state_->db,
                            "SELECT s.name, s.labels_json, s.unit, s.point_count, p.encoding, p.time_s, p.value "
                            "FROM series s JOIN series_points p ON p.series_id = s.id WHERE s.id = ?1");
    query.bindInt64(1, series_id);
    if (!query.step()) throw Failure{ProjectError::Kind::NotFound, "no such series"};
    TimeSeries series;
    series.name = query.columnText(0);
    series.labels = labelsFromJson(query.columnText(1), series_id);
    series.unit = query.columnText(2);
    const std::int64_t count = query.columnInt64(3);
    const std::string encoding = query.columnText(4);
    if (encoding != kPointEncodingF64Le) {
      throw Failure{ProjectError::Kind::NewerSchema,
                    "points use encoding " + quoted(encoding) + ", which this build cannot read"};
    }
    readPoints(query, 5, series_id, count, "time_s", series.time_s);
    readPoints(query, 6, series_id, count, "value", series.value);
    return series;
  });
}
}  // namespace headroom
