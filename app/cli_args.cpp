#include "app/cli_args.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace headroom::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& valued, const std::set<std::string>& flags) {
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.rfind("--", 0) != 0 || a == "--") {
      positional_.push_back(a);
      continue;
    }
    std::string name = a.substr(2), val;
    bool hasValue = false;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      val = name.substr(eq + 1);
      name = name.substr(0, eq);
      hasValue = true;
    }
    if (flags.count(name)) {
      if (hasValue) throw UsageError("option --" + name + " takes no value");
      flags_.insert(name);
    } else if (valued.count(name)) {
      if (!hasValue) {
        if (i + 1 >= argv.size()) throw UsageError("option --" + name + " needs a value");
        val = argv[++i];
      }
      values_[name] = val;
      allValues_[name].push_back(val);
    } else {
      throw UsageError("unknown option --" + name + " (see --help)");
    }
  }
}

std::optional<std::string> Args::value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Args::values(const std::string& name) const {
  auto it = allValues_.find(name);
  return it == allValues_.end() ? std::vector<std::string>{} : it->second;
}

std::optional<double> Args::number(const std::string& name) const {
  auto v = value(name);
  if (!v) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const double x = std::strtod(v->c_str(), &end);
  if (v->empty() || *end != '\0' || errno != 0 || !std::isfinite(x))
    throw UsageError("option --" + name + ": '" + *v + "' is not a number");
  return x;
}

std::optional<long long> Args::integer(const std::string& name) const {
  auto v = value(name);
  if (!v) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const long long x = std::strtoll(v->c_str(), &end, 10);
  if (v->empty() || *end != '\0' || errno != 0) throw UsageError("option --" + name + ": '" + *v + "' is not an integer");
  return x;
}

}  // namespace headroom::cli
