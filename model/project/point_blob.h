#pragma once
// How series points sit in the file: each array (times, values) is one BLOB of IEEE-754 binary64 numbers in
// LITTLE-ENDIAN byte order, 8 bytes per point, no header. This is the "f64le" encoding named in
// series_points.encoding; bit-exact, so NaN gaps and -0.0 survive a round trip.
#include <cstddef>
#include <string>
#include <vector>

namespace headroom {

inline constexpr const char* kPointEncodingF64Le = "f64le";

// Bytes to hand to SQLite. On a little-endian machine this is the vector's own memory (no copy);
// `scratch` receives a byte-swapped copy only on big-endian machines. The result lives as long as the
// vector or `scratch`, whichever it points into.
const void* encodeF64Le(const std::vector<double>& values, std::vector<unsigned char>& scratch);

// Fills `out` from `bytes` bytes of f64le; the caller has checked bytes == 8 * count.
void decodeF64Le(const void* data, std::size_t count, std::vector<double>& out);

}  // namespace headroom
