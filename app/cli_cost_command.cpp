#include "app/cli_cost_command.h"

#include <algorithm>
#include <filesystem>

#include "app/cli_args.h"
#include "app/terminal_progress.h"
#include "model/project/project.h"
#include "model/scenario_json.h"
#include "simulator/cost/aws_offer_csv.h"
#include "simulator/cost/cost_report.h"
#include "simulator/cost/crossover.h"
#include "simulator/cost/price_book_json.h"
#include "simulator/result_io.h"

namespace headroom::cli {

cost::PriceCatalog catalogForCommand(const std::optional<std::string>& project, const std::optional<std::string>& price_book,
                                     const std::optional<std::string>& offer_csv, std::ostream* notes) {
  cost::PriceCatalog catalog = cost::builtinCatalog();
  std::optional<cost::PriceBook> book;
  if (price_book) book = cost::readPriceBookFile(*price_book);
  if (project) {
    Project p = std::filesystem::exists(*project) ? Project::open(*project) : Project::create(*project);
    if (book) p.savePriceBook(book->prices.version, cost::priceBookToJson(*book).dump());
    for (const auto& name : p.priceBooks())
      if (!book || name != book->prices.version)
        catalog = cost::withPriceBook(catalog, cost::priceBookFromJson(nlohmann::json::parse(*p.loadPriceBook(name)), *project + ":" + name));
  }
  if (book) catalog = cost::withPriceBook(catalog, *book);
  if (offer_csv) {
    const cost::OfferImport offer = cost::readAwsOfferCsvFile(*offer_csv);
    if (notes) {
      *notes << offer.summary(*offer_csv) << "\n";
      for (const auto& w : offer.warnings) *notes << "warning: " << w << "\n";
    }
    catalog.overrideWith(offer.prices);
  }
  return catalog;
}

void storeCostInProject(const std::string& project, std::int64_t run_id, const cost::ScenarioCost& c) {
  Project p = Project::open(project);
  p.saveCost({run_id, c.catalog_version, c.catalog_date, cost::costToJson(c).dump()});
}

int commandCost(const std::vector<std::string>& argv, CommandContext& ctx) {
  const Args a(argv, {"json", "price-book", "offer-csv", "project", "today", "seed", "replications", "threads", "horizon", "crossover",
                      "export-catalog"},
               {"no-progress"});
  const auto project = a.value("project");
  const cost::PriceCatalog catalog = catalogForCommand(project, a.value("price-book"), a.value("offer-csv"), &ctx.err);
  if (auto out = a.value("export-catalog")) {
    cost::PriceBook book;
    book.prices = catalog;
    writeOutput(*out, cost::priceBookToJson(book).dump(2) + "\n", ctx.out);
    if (a.positional().empty()) return 0;
  }
  if (a.positional().size() != 1) throw UsageError("expected exactly one SCENARIO file");
  const std::string today = a.value("today").value_or(cost::todayUtc());
  if (!cost::daysBetween(today, today)) throw UsageError("--today must be a date YYYY-MM-DD");
  const Scenario s = loadAndValidateScenarioFile(a.positional().front());
  const cost::PricingContext pricing{&catalog, today};

  nlohmann::ordered_json out;
  out["scenario"] = s.name;
  if (auto other = a.value("crossover")) {
    const Scenario o = loadAndValidateScenarioFile(*other);
    const bool firstIsServerless = std::any_of(s.components.begin(), s.components.end(),
                                               [](const Component& c) { return c.type == Component::Type::Serverless; });
    const auto [fn, fleet] = firstIsServerless ? cost::crossoverSides(s, o) : cost::crossoverSides(o, s);
    const cost::Crossover x = cost::crossoverRate(fn, fleet, pricing);
    ctx.out << "Crossover (serverless vs containers, steady load): " << x.explanation << "\n";
    out["crossover"] = {{"found", x.found},
                        {"rate_per_s", x.found ? nlohmann::ordered_json(x.rate_per_s) : nlohmann::ordered_json(nullptr)},
                        {"replicas_at_crossover", x.replicas_at_crossover},
                        {"serverless_usd_per_request", x.serverless_usd_per_request},
                        {"instance_usd_per_hour", x.instance_usd_per_hour},
                        {"replica_capacity_per_s", x.replica_capacity_per_s},
                        {"explanation", x.explanation}};
  }
  if (!cost::hasPricing(s)) {
    ctx.err << a.positional().front() << ": no component says what it runs on (no `pricing` block, no node pool "
            << "instance_type): nothing to price (docs/cost.md)\n";
    return 1;
  }
  TerminalProgress progress(ctx.interactive && !a.flag("no-progress"));
  const cost::CostRun r = cost::runWithCost(s, runOptionsFromArgs(a), pricing, &ctx.feedback, &progress);
  progress.finish();
  if (r.run.cancelled) return 130;
  ctx.out << cost::formatCost(r.cost);
  out["cost"] = cost::costToJson(r.cost);
  if (auto p = a.value("json")) writeOutput(*p, out.dump(2) + "\n", ctx.out);
  if (project) {
    const auto stored = storeRunInProject(*project, s, r.run);
    storeCostInProject(*project, stored.second, r.cost);
    ctx.out << "stored in " << *project << ": scenario '" << s.name << "' version " << stored.first << ", run #" << stored.second
            << " with its cost (catalog " << r.cost.catalog_version << ")\n";
  }
  return 0;
}

}  // namespace headroom::cli
