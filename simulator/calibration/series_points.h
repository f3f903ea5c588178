#pragma once
// Shared clean-up of imported TimeSeries for calibration: sorted finite points, the sampling step, unit
// conversion to a rate per second and nearest-time alignment. Plain C++, no state; safe from any thread.
//
// Accepted rate units (TimeSeries::unit): "1/s" (already a rate), "count" (events per sample interval,
// divided by the interval), "" (unknown: taken as 1/s with a note). Anything else is rejected.
#include <string>
#include <vector>

#include "model/time_series.h"

namespace headroom::calibration {

struct Point {
  double t_s = 0.0;  // Unix seconds
  double v = 0.0;
};

// Points with a finite time and a finite value, sorted by time; later duplicates of a time replace
// earlier ones. `gaps` (optional) receives the number of NaN/infinite values skipped.
std::vector<Point> finitePoints(const TimeSeries& s, int* gaps = nullptr);

// Median spacing between consecutive samples (NaN values included, they still mark a sample time);
// 0 when the series has fewer than two distinct times.
double medianStep_s(const TimeSeries& s);

// The series as requests per second. For "count", `count_interval_s` > 0 is the interval each value
// covers; 0 means the median sampling step. Throws std::invalid_argument naming the series and its unit
// when the unit is not a rate or a count, or when a count's interval cannot be known. `note` (optional)
// receives a sentence when an assumption was made.
TimeSeries toRatePerSecond(const TimeSeries& s, double count_interval_s = 0.0, std::string* note = nullptr);

// Utilization as a fraction of capacity: "ratio" as is, "percent" / 100, "" guessed from the values
// (any value > 1.5 means percent) with a note. Other units throw std::invalid_argument.
TimeSeries toFraction(const TimeSeries& s, std::string* note = nullptr);

// Latency in seconds: "s" as is, "ms" / 1000; other units throw std::invalid_argument.
TimeSeries toSeconds(const TimeSeries& s);

// Index of the point of `sorted` nearest to t_s within tolerance_s, or -1.
int nearestIndex(const std::vector<Point>& sorted, double t_s, double tolerance_s);

// "name" or "name{k=v,...}" for error messages.
std::string describe(const TimeSeries& s);

}  // namespace headroom::calibration
