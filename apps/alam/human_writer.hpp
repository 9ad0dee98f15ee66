// The human-readable terminal format of `alam tag`: the text, then one line per entity.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "alam/span.hpp"

namespace alam::cli {

class HumanWriter {
 public:
  explicit HumanWriter(bool colour) : colour_(colour) {}
  void write(std::string& out, std::string_view source, std::size_t line_no,
             std::string_view text, const std::vector<Span>& spans) const;

 private:
  bool colour_;
};

}  // namespace alam::cli
