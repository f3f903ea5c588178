#include "model/project/point_blob.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace headroom {

namespace {

std::uint64_t swapBytes(std::uint64_t x) {
  std::uint64_t result = 0;
  for (int i = 0; i < 8; ++i) {
    result = (result << 8) | (x & 0xFFu);
    x >>= 8;
  }
  return result;
}

}  // namespace

const void* encodeF64Le(const std::vector<double>& values, std::vector<unsigned char>& scratch) {
  if constexpr (std::endian::native == std::endian::little) {
    return values.data();
  } else {
    scratch.resize(values.size() * sizeof(double));
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::uint64_t swapped = swapBytes(std::bit_cast<std::uint64_t>(values[i]));
      std::memcpy(scratch.data() + i * sizeof(double), &swapped, sizeof(double));
    }
    return scratch.data();
  }
}

void decodeF64Le(const void* data, std::size_t count, std::vector<double>& out) {
  out.resize(count);
  if (count == 0) return;
  std::memcpy(out.data(), data, count * sizeof(double));
  if constexpr (std::endian::native != std::endian::little) {
    for (double& v : out) v = std::bit_cast<double>(swapBytes(std::bit_cast<std::uint64_t>(v)));
  }
}

}  // namespace headroom
