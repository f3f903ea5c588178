// Project: price books and cost results (schema 2, docs/cost.md).
#include "model/project/project.h"
#include "model/project/project_detail.h"

namespace headroom {

using namespace project_detail;

void Project::savePriceBook(const std::string& name, const std::string& json) {
  guarded(path_, "save price book " + quoted(name), [&] {
    if (name.empty()) throw Failure{ProjectError::Kind::InvalidInput, "a price book needs a name"};
    requireJson(json, "the price book");
    sqlite::Database& db = state_->db;
    sqlite::Transaction transaction(db);
    sqlite::Statement upsert(db,
                             "INSERT INTO price_book(name, json, saved_unix_ms) VALUES (?1, ?2, ?3) "
                             "ON CONFLICT(name) DO UPDATE SET json = excluded.json, saved_unix_ms = excluded.saved_unix_ms");
    upsert.bindText(1, name).bindText(2, json).bindInt64(3, nowUnixMs());
    upsert.run();
    transaction.commit();
    return 0;
  });
}

std::optional<std::string> Project::loadPriceBook(const std::string& name) {
  return guarded(path_, "load price book " + quoted(name), [&]() -> std::optional<std::string> {
    sqlite::Statement query(state_->db, "SELECT json FROM price_book WHERE name = ?1");
    query.bindText(1, name);
    if (!query.step()) return std::nullopt;
    return query.columnText(0);
  });
}

std::vector<std::string> Project::priceBooks() {
  return guarded(path_, "list price books", [&] {
    sqlite::Statement query(state_->db, "SELECT name FROM price_book ORDER BY name");
    std::vector<std::string> names;
    while (query.step()) names.push_back(query.columnText(0));
    return names;
  });
}

std::int64_t Project::saveCost(const CostRecord& cost) {
  return guarded(path_, "save cost of run " + std::to_string(cost.run_id), [&] {
    requireJson(cost.result_json, "the cost result");
    sqlite::Database& db = state_->db;
    sqlite::Transaction transaction(db);
    sqlite::Statement run(db, "SELECT 1 FROM run WHERE id = ?1");
    run.bindInt64(1, cost.run_id);
    if (!run.step()) throw Failure{ProjectError::Kind::NotFound, "no such run"};
    sqlite::Statement insert(db,
                             "INSERT INTO cost_result(run_id, catalog_version, catalog_date, created_unix_ms, result_json) "
                             "VALUES (?1, ?2, ?3, ?4, ?5)");
    insert.bindInt64(1, cost.run_id).bindText(2, cost.catalog_version).bindText(3, cost.catalog_date);
    insert.bindInt64(4, nowUnixMs()).bindText(5, cost.result_json);
    insert.run();
    const std::int64_t id = db.lastInsertRowId();
    transaction.commit();
    return id;
  });
}

std::vector<CostInfo> Project::listCosts() {
  return guarded(path_, "list costs", [&] {
    sqlite::Statement query(state_->db,
                            "SELECT id, run_id, catalog_version, catalog_date, created_unix_ms FROM cost_result ORDER BY id");
    std::vector<CostInfo> out;
    while (query.step())
      out.push_back({query.columnInt64(0), query.columnInt64(1), query.columnText(2), query.columnText(3), query.columnInt64(4)});
    return out;
  });
}

std::string Project::loadCost(std::int64_t cost_id) {
  return guarded(path_, "load cost " + std::to_string(cost_id), [&] {
    sqlite::Statement query(state_->db, "SELECT result_json FROM cost_result WHERE id = ?1");
    query.bindInt64(1, cost_id);
    if (!query.step()) throw Failure{ProjectError::Kind::NotFound, "no such cost result"};
    return query.columnText(0);
  });
}

}  // namespace headroom
