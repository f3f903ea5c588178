#pragma once
// Minimal argument parsing for headroom-cli: `--name value`, `--name=value` and flags. Unknown options are
// errors (a typo must not silently run with defaults).
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace headroom::cli {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Args {
 public:
  // `valued` lists options that take a value, `flags` those that do not.
  Args(const std::vector<std::string>& argv, const std::set<std::string>& valued, const std::set<std::string>& flags);

  const std::vector<std::string>& positional() const { return positional_; }
  bool flag(const std::string& name) const { return flags_.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;
  // Every value of a repeatable option, in command-line order (value() gives the last).
  std::vector<std::string> values(const std::string& name) const;
  std::optional<double> number(const std::string& name) const;       // throws UsageError if not a number
  std::optional<long long> integer(const std::string& name) const;   // throws UsageError if not an integer

 private:
  std::vector<std::string> positional_;
  std::set<std::string> flags_;
  std::map<std::string, std::string> values_;
  std::map<std::string, std::vector<std::string>> allValues_;
};

}  // namespace headroom::cli
