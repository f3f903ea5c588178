#pragma once
// A whole file as text, for the cost inputs read offline (price books, offer files).
#include <string>

namespace headroom::cost {

// Throws std::invalid_argument "<path>: cannot open the <what>" when it cannot be read.
std::string readTextFile(const std::string& path, const std::string& what);

}  // namespace headroom::cost
