#include "model/pricing_json.h"

#include <cmath>

#include "model/scenario.h"
#include "model/validation.h"

namespace headroom::json_detail {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

PricingSpec readPricing(const json& j, const JsonPath& path, const std::string& ctx) {
  ObjectReader r(j, path, ctx);
  PricingSpec p;
  p.vendor = r.stringOr("vendor", p.vendor);
  p.region = r.stringOr("region", p.region);
  p.instance_type = r.stringOr("instance_type", p.instance_type);
  p.managed_class = r.stringOr("managed_class", p.managed_class);
  p.managed_instances = r.integerOr("managed_instances", p.managed_instances);
  if (r.has("multi_az")) p.multi_az = readBool(r.required("multi_az"), r.pathOf("multi_az"), ctx);
  p.storage_gb = r.numberOr("storage_gb", p.storage_gb);
  p.architecture = r.stringOr("architecture", p.architecture);
  if (r.has("free_tier")) p.free_tier = readBool(r.required("free_tier"), r.pathOf("free_tier"), ctx);
  p.bytes_per_response = r.numberOr("bytes_per_response", p.bytes_per_response);
  p.egress_via = r.stringOr("egress_via", p.egress_via);
  p.api_gateway = r.stringOr("api_gateway", p.api_gateway);
  p.spot_share = r.numberOr("spot_share", p.spot_share);
  p.spot_discount = r.numberOr("spot_discount", p.spot_discount);
  p.committed_share = r.numberOr("committed_share", p.committed_share);
  p.committed_discount = r.numberOr("committed_discount", p.committed_discount);
  r.finish();
  return p;
}

ojson writePricing(const PricingSpec& p) {
  const PricingSpec d;
  ojson o = ojson::object();
  auto putString = [&o](const char* key, const std::string& v, const std::string& dflt) {
    if (v != dflt) o[key] = v;
  };
  auto putNumber = [&o](const char* key, double v, double dflt) {
    if (v != dflt) o[key] = v;
  };
  putString("vendor", p.vendor, d.vendor);
  putString("region", p.region, d.region);
  putString("instance_type", p.instance_type, d.instance_type);
  putString("managed_class", p.managed_class, d.managed_class);
  if (p.managed_instances != d.managed_instances) o["managed_instances"] = p.managed_instances;
  if (p.multi_az) o["multi_az"] = true;
  putNumber("storage_gb", p.storage_gb, d.storage_gb);
  putString("architecture", p.architecture, d.architecture);
  if (p.free_tier) o["free_tier"] = true;
  putNumber("bytes_per_response", p.bytes_per_response, d.bytes_per_response);
  putString("egress_via", p.egress_via, d.egress_via);
  putString("api_gateway", p.api_gateway, d.api_gateway);
  putNumber("spot_share", p.spot_share, d.spot_share);
  putNumber("spot_discount", p.spot_discount, d.spot_discount);
  putNumber("committed_share", p.committed_share, d.committed_share);
  putNumber("committed_discount", p.committed_discount, d.committed_discount);
  return o;
}

namespace {

bool isShare(double x) { return std::isfinite(x) && x >= 0 && x <= 1; }
// A discount given explicitly is a fraction of the on-demand price; < 0 means "the catalog's".
bool isDiscount(double x) { return x < 0 ? x == -1.0 : isShare(x); }

}  // namespace

void checkPricing(const Scenario& s, std::vector<ValidationIssue>& issues) {
  for (const Component& c : s.components) {
    if (!c.pricing) continue;
    const PricingSpec& p = *c.pricing;
    const std::string where = "component '" + c.name + "'";
    auto add = [&](const std::string& field, const std::string& rule) { issues.push_back({where, "pricing." + field, rule}); };
    const bool serverless = c.type == Component::Type::Serverless;
    if (!p.instance_type.empty() && (serverless || c.type == Component::Type::Delay))
      add("instance_type", "only services and topics run on instances");
    if (!p.instance_type.empty() && c.pod && s.cluster)
      add("instance_type", "runs as pods on the cluster: its nodes are paid (give the node pool an instance_type)");
    if (p.managed_instances < 0) add("managed_instances", "must be >= 0 (0 = derived from the component)");
    if (!(std::isfinite(p.storage_gb) && p.storage_gb >= 0)) add("storage_gb", "must be >= 0");
    if (p.architecture != "x86" && p.architecture != "arm") add("architecture", "must be \"x86\" or \"arm\"");
    if (p.architecture == "arm" && !serverless) add("architecture", "only serverless functions take an architecture");
    if (!(std::isfinite(p.bytes_per_response) && p.bytes_per_response >= 0)) add("bytes_per_response", "must be >= 0");
    if (p.egress_via != "internet" && p.egress_via != "cdn") add("egress_via", "must be \"internet\" or \"cdn\"");
    if (!p.api_gateway.empty() && p.api_gateway != "rest" && p.api_gateway != "http")
      add("api_gateway", "must be \"rest\" or \"http\" (or absent)");
    if (!isShare(p.spot_share)) add("spot_share", "must be in [0, 1]");
    if (!isShare(p.committed_share)) add("committed_share", "must be in [0, 1]");
    if (isShare(p.spot_share) && isShare(p.committed_share) && p.spot_share + p.committed_share > 1 + 1e-12)
      add("committed_share", "spot_share + committed_share must be <= 1");
    if (!isDiscount(p.spot_discount)) add("spot_discount", "must be in [0, 1] (or absent for the catalog's)");
    if (!isDiscount(p.committed_discount)) add("committed_discount", "must be in [0, 1] (or absent for the catalog's)");
    if ((p.spot_share > 0 || p.committed_share > 0) && p.instance_type.empty())
      add("spot_share", "discounts apply to instances: give an instance_type");
  }
}

}  // namespace headroom::json_detail
