#pragma once
// The calibration result as JSON: what `headroom-cli calibrate --json` prints and what the desktop stores in the
// project (Project::saveCalibration). One writer, so both say the same. Pure.
#include <nlohmann/json.hpp>

#include "simulator/calibration/calibrate_model.h"

namespace headroom {

// ok/error, servers (value, method, notes), classes (service time, std error, mean throughput, variability), demand
// (background, R², condition number, samples used and dropped by reason, warnings) and notes.
nlohmann::json calibrationOutcomeToJson(const CalibrationOutcome& outcome);

}  // namespace headroom
