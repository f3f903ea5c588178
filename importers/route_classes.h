#pragma once
// Request classes of an access log: which class a request path belongs to. A route map is an ordered list of
// (pattern, class); the FIRST pattern that matches wins. Patterns match the path without its query string; `*`
// matches any run of characters (also '/'), everything else is literal: "/api/checkout*" -> checkout.
// Requests that match no pattern go to class ImportOptions::route_default_class ("other").
// Pure functions, thread-safe.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "importers/import_types.h"

namespace headroom {

// "/api/checkout*=checkout" -> {"/api/checkout*", "checkout"}; throws std::invalid_argument naming the text when
// the class or the pattern is empty.
RouteClass parseRouteClass(std::string_view spec);

// A route-map file: one "PATTERN CLASS" or "PATTERN=CLASS" per line, '#' comments and blank lines ignored. Throws
// ImportError naming file and line for a line that is neither.
std::vector<RouteClass> readRouteMap(const std::string& path);

bool routePatternMatches(std::string_view pattern, std::string_view path);

// Class of `target` (the request target of "GET /x?y HTTP/1.1": path with optional query); nullopt = no match.
std::optional<std::string> classifyRoute(std::string_view target, const std::vector<RouteClass>& routes);

}  // namespace headroom
