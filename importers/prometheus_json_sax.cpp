#include "importers/prometheus_json_sax.h"

#include <nlohmann/json.hpp>

#include "importers/parse_util.h"
#include "importers/series_builder.h"

namespace headroom {

namespace {

enum class Role { Envelope, Data, Result, Item, Metric, Values, Pair, Warnings, Other };

class Handler : public nlohmann::json_sax<nlohmann::json> {
 public:
  Handler(const std::string& file, Feedback* feedback) : file_(file), feedback_(feedback) {}

  bool null() override { return scalarOther(); }
  bool boolean(bool) override { return scalarOther(); }
  bool number_integer(number_integer_t v) override { return number(static_cast<double>(v)); }
  bool number_unsigned(number_unsigned_t v) override { return number(static_cast<double>(v)); }
  bool number_float(number_float_t v, const string_t&) override { return number(v); }
  bool binary(binary_t&) override { return false; }
  bool string(string_t& s) override {
    switch (top()) {
      case Role::Envelope:
        if (key_ == "status") status_ = s;
        return key_ != "errorType" && key_ != "error";  // an error document: let the DOM reader report it
      case Role::Data:
        if (key_ == "resultType") resultType_ = s;
        return true;
      case Role::Metric:
        if (key_ == "__name__") name_ = s;
        else labels_[key_] = s;
        return true;
      case Role::Pair: {
        double v;
        if (pairIndex_ != 1 || !parseDouble(s, v)) return false;
        pairValue_ = v;
        ++pairIndex_;
        return true;
      }
      case Role::Warnings:
        warnings_.push_back(s);
        return true;
      case Role::Other:
        return true;
      default:
        return false;
    }
  }
  bool start_object(std::size_t) override { return push(true); }
  bool end_object() override {
    if (top() == Role::Item) {
      if (!sawValues_) return false;
      const UnitInfo unit = unitFromMetricName(name_);
      const std::size_t h = builder_.series(name_, labels_, unit.canonical);
      TimeSeries& s = builder_.at(h);
      for (std::size_t i = 0; i < times_.size(); ++i) {
        s.time_s.push_back(times_[i]);
        s.value.push_back(values_[i] * unit.scale);
      }
    }
    return pop();
  }
  bool start_array(std::size_t) override { return push(false); }
  bool end_array() override {
    if (top() == Role::Pair) {
      if (pairIndex_ != 2) return false;
      times_.push_back(pairTime_);
      values_.push_back(pairValue_);
      if ((++points_ & 0xFFFF) == 0 && feedback_ && feedback_->isCancelled()) throw ImportCancelled(file_);
    }
    return pop();
  }
  bool key(string_t& k) override {
    key_ = k;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

  bool finished(std::vector<TimeSeries>& series, std::vector<ImportWarning>& warnings) {
    // Without data.result the DOM reader gives the precise error; "0 series" would hide a truncated response.
    if (!bare_ && (status_ != "success" || (resultType_ != "matrix" && resultType_ != "vector") || !sawResult_))
      return false;
    for (const auto& w : warnings_) warnings.push_back({WarningKind::PartialData, 0, "Prometheus warning: \"" + w + "\""});
    series = builder_.finish(warnings, false);
    return true;
  }

 private:
  Role top() const { return stack_.empty() ? Role::Other : stack_.back(); }

  bool push(bool object) {
    Role role = Role::Other;
    if (stack_.empty()) {
      bare_ = !object;
      role = object ? Role::Envelope : Role::Result;
    } else {
      switch (top()) {
        case Role::Envelope:
          role = key_ == "data" && object ? Role::Data : key_ == "warnings" && !object ? Role::Warnings : Role::Other;
          break;
        case Role::Data:
          role = key_ == "result" && !object ? Role::Result : Role::Other;
          if (role == Role::Result) sawResult_ = true;
          break;
        case Role::Result:
          if (!object) return false;  // scalar results and odd shapes go to the DOM reader
          role = Role::Item;
          name_ = "value";
          labels_.clear();
          times_.clear();
          values_.clear();
          sawValues_ = false;
          break;
        case Role::Item:
          if (key_ == "metric" && object) role = Role::Metric;
          else if (key_ == "values" && !object) role = Role::Values, sawValues_ = true;
          else if (key_ == "value" && !object) role = Role::Pair, sawValues_ = true, pairIndex_ = 0;
          else return false;  // native histograms, unknown members: DOM reader decides
          break;
        case Role::Values:
          if (object) return false;
          role = Role::Pair;
          pairIndex_ = 0;
          break;
        case Role::Other:
          role = Role::Other;
          break;
        default:
          return false;
      }
    }
    stack_.push_back(role);
    return true;
  }
  bool pop() {
    stack_.pop_back();
    return true;
  }
  bool number(double v) {
    if (top() == Role::Pair) {
      if (pairIndex_ != 0) return false;
      pairTime_ = v;
      ++pairIndex_;
      return true;
    }
    return scalarOther();
  }
  bool scalarOther() { return top() == Role::Other || top() == Role::Envelope || top() == Role::Data; }

  const std::string& file_;
  Feedback* feedback_;
  std::vector<Role> stack_;
  std::string key_, status_, resultType_, name_;
  std::map<std::string, std::string> labels_;
  std::vector<double> times_, values_;
  std::vector<std::string> warnings_;
  double pairTime_ = 0, pairValue_ = 0;
  int pairIndex_ = 0;
  bool sawValues_ = false, bare_ = false, sawResult_ = false;
  std::size_t points_ = 0;
  SeriesBuilder builder_;
};

}  // namespace

bool readPrometheusJsonFast(const std::string& text, const std::string& fileName, Feedback* feedback,
                            std::vector<TimeSeries>& series, std::vector<ImportWarning>& warnings) {
  Handler handler(fileName, feedback);
  if (!nlohmann::json::sax_parse(text, &handler)) return false;
  return handler.finished(series, warnings);
}

}  // namespace headroom
