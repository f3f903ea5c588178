#include "importers/route_classes.h"

#include <fstream>
#include <stdexcept>

#include "importers/parse_util.h"

namespace headroom {

RouteClass parseRouteClass(std::string_view spec) {
  const auto eq = spec.rfind('=');
  if (eq == std::string_view::npos || trim(spec.substr(0, eq)).empty() || trim(spec.substr(eq + 1)).empty())
    throw std::invalid_argument("route '" + std::string(spec) + "': expected PATTERN=CLASS, e.g. /api/checkout*=checkout");
  return {std::string(trim(spec.substr(0, eq))), std::string(trim(spec.substr(eq + 1)))};
}

std::vector<RouteClass> readRouteMap(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ImportError(path, 0, "", "cannot open route map");
  std::vector<RouteClass> routes;
  std::string line;
  long n = 0;
  while (std::getline(in, line)) {
    ++n;
    std::string_view t = trim(line);
    if (t.empty() || t.front() == '#') continue;
    const auto sep = t.find_first_of(" \t=");
    if (sep == std::string_view::npos)
      throw ImportError(path, n, "route", "expected 'PATTERN CLASS' or 'PATTERN=CLASS', got '" + std::string(t) + "'");
    const std::string_view pattern = trim(t.substr(0, sep)), cls = trim(t.substr(sep + 1));
    if (cls.empty() || cls.find_first_of(" \t=") != std::string_view::npos)
      throw ImportError(path, n, "class", "expected one class name after the pattern, got '" + std::string(cls) + "'");
    routes.push_back({std::string(pattern), std::string(cls)});
  }
  if (routes.empty()) throw ImportError(path, 0, "", "route map has no route");
  return routes;
}

bool routePatternMatches(std::string_view pattern, std::string_view path) {
  // Iterative glob with backtracking to the last '*': linear in practice, never exponential.
  std::size_t p = 0, s = 0, star = std::string_view::npos, mark = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = s;
    } else if (p < pattern.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::optional<std::string> classifyRoute(std::string_view target, const std::vector<RouteClass>& routes) {
  const auto q = target.find_first_of("?#");
  const std::string_view path = target.substr(0, q);
  for (const auto& r : routes)
    if (routePatternMatches(r.pattern, path)) return r.request_class;
  return std::nullopt;
}

}  // namespace headroom
