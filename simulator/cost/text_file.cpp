#include "simulator/cost/text_file.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace headroom::cost {

std::string readTextFile(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(path + ": cannot open the " + what);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace headroom::cost
