// How big the heaviest test cases are: ALAM_TEST_LIGHT=1 (set by scripts/sanitize.sh) runs them
// smaller under the sanitizers (the 100 MB-scale hostile inputs, the 10 MB line, the number of
// kill points), at full size in the Release run.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <string_view>

namespace alam::testing {

inline bool light() {
  const char* v = std::getenv("ALAM_TEST_LIGHT");
  return v && *v && std::string_view(v) != "0";
}

// full, or a tenth of it when light().
inline std::size_t scaled(std::size_t full) { return light() ? full / 10 : full; }

}  // namespace alam::testing
