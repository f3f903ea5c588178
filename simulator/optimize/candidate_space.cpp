#include "simulator/optimize/candidate_space.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include "model/scenario_json.h"
#include "model/validation.h"
#include "simulator/cost/trace_pricing.h"
#include "simulator/sweep/json_pointer_edit.h"

namespace headroom::optimize {
namespace {

using nlohmann::json;
const std::string kInstanceTypeSuffix = "/pricing/instance_type";

std::string orDefault(const std::string& s, const char* fallback) { return s.empty() ? fallback : s; }

const cost::PriceEntry* instanceEntry(const cost::PriceCatalog& catalog, const PricingSpec& p, const std::string& type) {
  const std::string vendor = orDefault(p.vendor, "aws");
  return catalog.find(vendor, cost::instanceService(vendor), orDefault(p.region, "us-east-1"), type);
}

std::string componentInPointer(const std::string& pointer) {
  const std::string prefix = "/components/";
  if (pointer.rfind(prefix, 0) != 0) return {};
  const auto end = pointer.find('/', prefix.size());
  return pointer.substr(prefix.size(), end == std::string::npos ? std::string::npos : end - prefix.size());
}

const Component& requireComponent(const Scenario& base, const std::string& name, const std::string& variable) {
  const Component* c = base.findComponent(name);
  if (!c) throw std::invalid_argument("variable '" + variable + "': no component named '" + name + "'");
  return *c;
}

}  // namespace

std::vector<DecisionVariable> defaultVariables(const Scenario& base, const cost::PriceCatalog& catalog) {
  std::vector<DecisionVariable> vars;
  for (const Component& c : base.components) {
    if (c.type != Component::Type::Service) continue;
    DecisionVariable r;
    r.name = c.name + ".replicas";
    r.pointers = {"/components/" + c.name + "/replicas"};
    int hi = std::max(8, 3 * c.replicas);
    if (c.autoscaling) {
      hi = std::min(hi, c.autoscaling->max_replicas);
      r.pointers.push_back("/components/" + c.name + "/autoscaling/min_replicas");
    }
    for (int n = 1; n <= hi; ++n) r.levels.emplace_back(n);
    vars.push_back(r);
    if (!c.pricing || c.pricing->instance_type.empty()) continue;
    const std::string& type = c.pricing->instance_type;
    const std::string family = type.substr(0, type.find('.'));
    const std::string vendor = orDefault(c.pricing->vendor, "aws");
    std::vector<const cost::PriceEntry*> sizes;
    for (const cost::PriceEntry& e : catalog.entries())
      if (e.vendor == vendor && e.service == cost::instanceService(vendor) && e.purchase_option == "on-demand" &&
          e.sku.substr(0, e.sku.find('.')) == family && e.vcpu > 0 &&
          instanceEntry(catalog, *c.pricing, e.sku) == &e)
        sizes.push_back(&e);
    if (sizes.size() < 2) continue;
    std::stable_sort(sizes.begin(), sizes.end(),
                     [](const cost::PriceEntry* a, const cost::PriceEntry* b) { return a->firstPrice() < b->firstPrice(); });
    DecisionVariable t;
    t.name = c.name + ".instance_type";
    t.pointers = {"/components/" + c.name + kInstanceTypeSuffix};
    t.instance_type_of = c.name;
    for (const cost::PriceEntry* e : sizes) t.levels.emplace_back(e->sku);
    vars.push_back(t);
  }
  return vars;
}

DecisionVariable fromSweepVariable(const sweep::Variable& v, const Scenario& base, const cost::PriceCatalog& catalog) {
  if (v.kind == sweep::Variable::Kind::LatinHypercube)
    throw std::invalid_argument("variable '" + v.name + "': the optimizer needs a list or a range, not \"lhs\"");
  if (v.values.empty()) throw std::invalid_argument("variable '" + v.name + "': no values");
  DecisionVariable d;
  d.name = v.name;
  d.pointers = v.pointers;
  d.levels = v.values;
  for (const std::string& p : v.pointers) {
    if (p.size() <= kInstanceTypeSuffix.size() ||
        p.compare(p.size() - kInstanceTypeSuffix.size(), std::string::npos, kInstanceTypeSuffix) != 0)
      continue;
    d.instance_type_of = componentInPointer(p);
    const Component& c = requireComponent(base, d.instance_type_of, v.name);
    if (!c.pricing) throw std::invalid_argument("variable '" + v.name + "': component '" + c.name + "' has no pricing block");
    std::vector<std::pair<double, json>> priced;
    for (const json& level : d.levels) {
      if (!level.is_string()) throw std::invalid_argument("variable '" + v.name + "': instance type " + level.dump() + " is not a string");
      const cost::PriceEntry* e = instanceEntry(catalog, *c.pricing, level.get<std::string>());
      if (!e || !(e->vcpu > 0))
        throw std::invalid_argument("variable '" + v.name + "': instance type '" + level.get<std::string>() +
                                    "' has no price with a vCPU count in the catalog");
      priced.emplace_back(e->firstPrice(), level);
    }
    std::stable_sort(priced.begin(), priced.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    d.levels.clear();
    for (auto& [usd, level] : priced) d.levels.push_back(level);
    return d;
  }
  if (std::all_of(d.levels.begin(), d.levels.end(), [](const json& l) { return l.is_number(); }))
    std::stable_sort(d.levels.begin(), d.levels.end(), [](const json& a, const json& b) { return a.get<double>() < b.get<double>(); });
  return d;
}

sweep::Variable parseVarOption(const std::string& spec) {
  const auto eq = spec.rfind('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
    throw std::invalid_argument("--var '" + spec + "': expected POINTER=LO:HI[:STEP] or POINTER=A,B,...");
  sweep::Variable v;
  v.name = spec.substr(0, eq);
  v.pointers = {v.name};
  const std::string rhs = spec.substr(eq + 1);
  if (rhs.find(':') != std::string::npos) {
    std::vector<double> parts;
    std::size_t at = 0;
    while (at <= rhs.size()) {
      const auto colon = std::min(rhs.find(':', at), rhs.size());
      const std::string part = rhs.substr(at, colon - at);
      char* end = nullptr;
      const double x = std::strtod(part.c_str(), &end);
      if (part.empty() || *end != '\0' || !std::isfinite(x))
        throw std::invalid_argument("--var '" + spec + "': '" + part + "' is not a number");
      parts.push_back(x);
      at = colon + 1;
    }
    if (parts.size() < 2 || parts.size() > 3) throw std::invalid_argument("--var '" + spec + "': a range is LO:HI or LO:HI:STEP");
    const double lo = parts[0], hi = parts[1], step = parts.size() == 3 ? parts[2] : 1.0;
    if (!(step > 0) || hi < lo) throw std::invalid_argument("--var '" + spec + "': needs LO <= HI and STEP > 0");
    if ((hi - lo) / step > 100000) throw std::invalid_argument("--var '" + spec + "': more than 100000 levels");
    const bool integral = std::floor(lo) == lo && std::floor(step) == step;
    v.kind = sweep::Variable::Kind::Range;
    for (long k = 0; lo + double(k) * step <= hi + 1e-9; ++k) {
      const double x = lo + double(k) * step;
      if (integral) v.values.emplace_back(static_cast<std::int64_t>(std::llround(x)));
      else v.values.emplace_back(x);
    }
    return v;
  }
  std::size_t at = 0;
  while (at <= rhs.size()) {
    const auto comma = std::min(rhs.find(',', at), rhs.size());
    const std::string part = rhs.substr(at, comma - at);
    if (part.empty()) throw std::invalid_argument("--var '" + spec + "': an empty value in the list");
    char* end = nullptr;
    const double x = std::strtod(part.c_str(), &end);
    if (*end == '\0' && std::isfinite(x)) {
      if (std::floor(x) == x && std::abs(x) < 1e15) v.values.emplace_back(static_cast<std::int64_t>(x));
      else v.values.emplace_back(x);
    } else {
      v.values.emplace_back(part);
    }
    at = comma + 1;
  }
  return v;
}

CandidateSpace::CandidateSpace(const Scenario& base, std::vector<DecisionVariable> variables,
                               const cost::PriceCatalog& catalog)
    : base_doc_(scenarioToJson(base)), variables_(std::move(variables)) {
  if (variables_.empty()) throw std::invalid_argument("no decision variables (the scenario has no service to size)");
  for (const DecisionVariable& v : variables_) {
    if (v.levels.empty()) throw std::invalid_argument("variable '" + v.name + "': no levels");
    for (const std::string& p : v.pointers) {
      std::string why;
      if (sweep::resolvePointer(base_doc_, p, &why)) continue;
      // A field left at its default is not written out: create it when its parent object exists.
      const auto slash = p.rfind('/');
      nlohmann::json* parent = slash == std::string::npos || slash == 0 ? nullptr : sweep::resolvePointer(base_doc_, p.substr(0, slash));
      if (!parent || !parent->is_object()) throw std::invalid_argument("variable '" + v.name + "': pointer " + why);
      (*parent)[p.substr(slash + 1)] = v.levels.front();
    }
    int workers = 0;
    double vcpu = 0.0;
    std::vector<double> levels_vcpu;
    if (!v.instance_type_of.empty()) {
      const Component& c = requireComponent(base, v.instance_type_of, v.name);
      workers = c.workers_per_replica;
      const cost::PriceEntry* e = c.pricing ? instanceEntry(catalog, *c.pricing, c.pricing->instance_type) : nullptr;
      if (!e || !(e->vcpu > 0))
        throw std::invalid_argument("variable '" + v.name + "': the base instance type of '" + c.name + "' has no vCPU count in the catalog");
      vcpu = e->vcpu;
      for (const json& level : v.levels) {
        const cost::PriceEntry* le = instanceEntry(catalog, *c.pricing, level.get<std::string>());
        if (!le) throw std::invalid_argument("variable '" + v.name + "': instance type " + level.dump() + " is not in the catalog");
        levels_vcpu.push_back(le->vcpu);
      }
    }
    base_workers_.push_back(workers);
    base_vcpu_.push_back(vcpu);
    level_vcpu_.push_back(levels_vcpu);
  }
}

std::int64_t CandidateSpace::size() const {
  std::int64_t n = 1;
  for (const DecisionVariable& v : variables_) {
    if (n > (std::int64_t{1} << 62) / static_cast<std::int64_t>(v.levels.size())) return std::int64_t{1} << 62;
    n *= static_cast<std::int64_t>(v.levels.size());
  }
  return n;
}

std::vector<int> CandidateSpace::levelsAt(std::int64_t index) const {
  std::vector<int> levels(variables_.size(), 0);
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const auto n = static_cast<std::int64_t>(variables_[i].levels.size());
    levels[i] = static_cast<int>(index % n);
    index /= n;
  }
  return levels;
}

json CandidateSpace::valuesOf(const std::vector<int>& levels) const {
  json values = json::object();
  for (std::size_t i = 0; i < variables_.size(); ++i) values[variables_[i].name] = variables_[i].levels.at(static_cast<std::size_t>(levels[i]));
  return values;
}

Scenario CandidateSpace::scenarioOf(const std::vector<int>& levels) const {
  json doc = base_doc_;
  for (std::size_t i = 0; i < variables_.size(); ++i) {
    const DecisionVariable& v = variables_[i];
    const auto level = static_cast<std::size_t>(levels.at(i));
    for (const std::string& p : v.pointers) *sweep::resolvePointer(doc, p) = v.levels.at(level);
    if (!v.instance_type_of.empty()) {
      // Workers follow the vCPU count: a replica of twice the vCPUs runs twice the workers.
      const double workers = base_workers_[i] * level_vcpu_[i][level] / base_vcpu_[i];
      *sweep::resolvePointer(doc, "/components/" + v.instance_type_of + "/workers_per_replica") =
          std::max(1, static_cast<int>(std::lround(workers)));
    }
  }
  Scenario s = scenarioFromJson(doc, "candidate (" + valuesOf(levels).dump() + ")");
  const auto issues = validateScenario(s);
  if (!issues.empty())
    throw std::invalid_argument("candidate " + valuesOf(levels).dump() + " is not a valid scenario: " + issues.front().message());
  return s;
}

std::string CandidateSpace::componentOf(std::size_t variable) const {
  const DecisionVariable& v = variables_.at(variable);
  if (!v.instance_type_of.empty()) return v.instance_type_of;
  return v.pointers.empty() ? std::string{} : componentInPointer(v.pointers.front());
}

}  // namespace headroom::optimize
