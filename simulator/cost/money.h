#pragma once
// Money as integer micro-dollars: every cost line is rounded once, to the micro-dollar, and lines add up
// exactly, so a total shown to the cent is the sum of its lines to the cent (no float drift).
#include <cstdint>
#include <string>

namespace headroom::cost {

using MicroUsd = std::int64_t;

inline constexpr double kHoursPerMonth = 730.0;  // the cloud vendors' billing month
inline constexpr double kBytesPerGb = 1024.0 * 1024.0 * 1024.0;  // AWS bills data transfer per GiB ("GB")

MicroUsd toMicroUsd(double usd);  // rounded half away from zero
double toUsd(MicroUsd micros);
// Cents, rounded half away from zero (the way an invoice rounds its total).
std::int64_t toCents(MicroUsd micros);
// "$1,234.56" (to the cent), or "$0.1234" below one dollar, "$0.001234" below a cent.
std::string formatUsd(double usd);

}  // namespace headroom::cost
