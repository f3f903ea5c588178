#include "simulator/autoscaling/aws_scheduled_action.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace headroom::autoscaling {
namespace {

// Parses one cron field into a membership table over [lo, hi].
std::vector<bool> parseField(const std::string& text, int lo, int hi, const char* name, bool& star) {
  std::vector<bool> set(static_cast<std::size_t>(hi + 1), false);
  star = text == "*" || text == "?";
  auto bad = [&](const std::string& why) {
    throw std::invalid_argument(std::string("cron field ") + name + " '" + text + "': " + why);
  };
  std::stringstream ss(text);
  std::string part;
  while (std::getline(ss, part, ',')) {
    if (part.empty()) bad("empty list item");
    int step = 1;
    const auto slash = part.find('/');
    std::string range = part.substr(0, slash);
    if (slash != std::string::npos) {
      try {
        step = std::stoi(part.substr(slash + 1));
      } catch (...) {
        bad("bad step");
      }
      if (step <= 0) bad("step must be > 0");
    }
    int a = lo, b = hi;
    if (range != "*" && range != "?") {
      const auto dash = range.find('-');
      try {
        std::size_t used = 0;
        a = std::stoi(range.substr(0, dash), &used);
        if (used != range.substr(0, dash).size()) bad("not a number");
        b = dash == std::string::npos ? (slash != std::string::npos ? hi : a) : std::stoi(range.substr(dash + 1));
      } catch (const std::invalid_argument&) {
        bad("not a number");
      } catch (const std::out_of_range&) {
        bad("out of range");
      }
    }
    if (a < lo || b > hi || a > b) bad("values must be within " + std::to_string(lo) + "-" + std::to_string(hi));
    for (int v = a; v <= b; v += step) set[static_cast<std::size_t>(v)] = true;
  }
  return set;
}

// Days since 1970-01-01 -> civil date (proleptic Gregorian), H. Hinnant's algorithm.
void civilFromDays(std::int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

CronSchedule::CronSchedule(const std::string& expression) {
  std::stringstream ss(expression);
  std::vector<std::string> f;
  std::string tok;
  while (ss >> tok) f.push_back(tok);
  if (f.size() != 5)
    throw std::invalid_argument("cron '" + expression + "': expected 5 fields (minute hour day month weekday)");
  bool star = false;
  minute_ = parseField(f[0], 0, 59, "minute", star);
  hour_ = parseField(f[1], 0, 23, "hour", star);
  dom_ = parseField(f[2], 1, 31, "day-of-month", dom_star_);
  month_ = parseField(f[3], 1, 12, "month", star);
  dow_ = parseField(f[4], 0, 7, "day-of-week", dow_star_);
  if (dow_[7]) dow_[0] = true;
}

bool CronSchedule::matches(std::int64_t t) const {
  const std::int64_t days = floorDiv(t, 86400);
  const std::int64_t secOfDay = t - days * 86400;
  const int minute = static_cast<int>(secOfDay / 60 % 60), hour = static_cast<int>(secOfDay / 3600);
  int y = 0, m = 0, d = 0;
  civilFromDays(days, y, m, d);
  const int dow = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday (4)
  if (!minute_[static_cast<std::size_t>(minute)] || !hour_[static_cast<std::size_t>(hour)] ||
      !month_[static_cast<std::size_t>(m)])
    return false;
  const bool domOk = dom_[static_cast<std::size_t>(d)], dowOk = dow_[static_cast<std::size_t>(dow)];
  if (dom_star_ || dow_star_) return domOk && dowOk;
  return domOk || dowOk;
}

ScheduledScaler::ScheduledScaler(std::vector<ScheduledAction> actions, std::int64_t epoch_unix_s)
    : actions_(std::move(actions)), epoch_unix_s_(epoch_unix_s) {
  for (const ScheduledAction& a : actions_) {
    const std::string f = "scheduled action '" + a.name + "': ";
    if (!a.min_size && !a.max_size && !a.desired_capacity)
      throw std::invalid_argument(f + "sets none of MinSize, MaxSize, DesiredCapacity");
    if (a.min_size && a.max_size && *a.min_size > *a.max_size) throw std::invalid_argument(f + "MinSize > MaxSize");
    crons_.push_back(a.recurrence ? std::optional<CronSchedule>(CronSchedule(*a.recurrence)) : std::nullopt);
  }
}

std::vector<FiredAction> ScheduledScaler::due(SimTime now, AsgCapacity& capacity) {
  struct Due {
    SimTime time;
    std::size_t index;
  };
  std::vector<Due> due;
  const SimTime from = last_ ? *last_ : -1;  // exclusive
  for (std::size_t i = 0; i < actions_.size(); ++i) {
    const ScheduledAction& a = actions_[i];
    if (!crons_[i]) {
      if (a.start > from && a.start <= now) due.push_back({a.start, i});
      continue;
    }
    // Walk the minute boundaries in (from, now]; the engine calls at least every few minutes.
    // Calendar minutes are aligned in Unix time, which need not align with SimTime 0.
    const SimTime first = std::max(from + 1, a.start);
    std::int64_t u = epoch_unix_s_ + (first + kNanosPerSecond - 1) / kNanosPerSecond;
    u = floorDiv(u + 59, 60) * 60;
    for (;; u += 60) {
      const SimTime t = (u - epoch_unix_s_) * kNanosPerSecond;
      if (t > now || (a.end && t > *a.end)) break;
      if (crons_[i]->matches(u)) due.push_back({t, i});
    }
  }
  last_ = now;
  std::stable_sort(due.begin(), due.end(), [](const Due& a, const Due& b) { return a.time < b.time; });
  std::vector<FiredAction> out;
  for (const Due& d : due) {
    const ScheduledAction& a = actions_[d.index];
    FiredAction f;
    f.time = d.time;
    f.name = a.name;
    f.before = capacity;
    if (a.min_size) capacity.min = *a.min_size;
    if (a.max_size) capacity.max = *a.max_size;
    if (capacity.min > capacity.max) capacity.max = capacity.min;
    if (a.desired_capacity) capacity.desired = *a.desired_capacity;
    capacity.desired = std::clamp(capacity.desired, capacity.min, capacity.max);
    f.after = capacity;
    std::ostringstream os;
    os << "scheduled action " << a.name << ": min " << f.before.min << "->" << f.after.min << ", max "
       << f.before.max << "->" << f.after.max << ", desired " << f.before.desired << "->" << f.after.desired;
    f.reason = os.str();
    out.push_back(f);
  }
  return out;
}

}  // namespace headroom::autoscaling
