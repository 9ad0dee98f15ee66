// The default gazetteers, compiled at build time (embedded_image.cpp.in).
#pragma once

#include <string_view>

namespace alam::cli {

// The compiled image of Gazetteer::embedded_sources(), as Gazetteer::from_compiled reads it.
std::string_view embedded_image();

}  // namespace alam::cli
