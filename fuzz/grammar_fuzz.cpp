// Fuzz target: the character-level grammar families (chip, money, percent, date), run at every
// code point boundary of the normalized input, as the tagger would at token starts and more.
// Invariant: a match ends inside the text, after pos, on a code point boundary.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "alam/normalizer.hpp"
#include "grammar/chip.hpp"
#include "grammar/numeric.hpp"
#include "invariants.hpp"

namespace {

using MatchFn = std::optional<alam::grammar::Match> (*)(std::string_view, std::size_t);

struct Family {
  const char* name;
  MatchFn fn;
};

constexpr Family kFamilies[] = {
    {"chip", &alam::grammar::match_chip},
    {"money", &alam::grammar::match_money},
    {"percent", &alam::grammar::match_percent},
    {"date", &alam::grammar::match_date},
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Every position is tried, so the cap is lower than for the other targets.
  if (size > 4096) return 0;
  static const alam::Normalizer norm;
  const std::string normalized =
      norm.normalize_text(std::string_view(reinterpret_cast<const char*>(data), size));
  const std::vector<bool> bound = alam::fuzz::boundaries(normalized);
  for (std::size_t pos = 0; pos < normalized.size(); ++pos) {
    if (!bound[pos]) continue;
    for (const Family& f : kFamilies) {
      const auto m = f.fn(normalized, pos);
      if (!m) continue;
      const std::string who = std::string(f.name) + " match at " + std::to_string(pos) +
                              " ending at " + std::to_string(m->end) + " (rule " +
                              (m->rule ? m->rule : "null") + ", text size " +
                              std::to_string(normalized.size()) + "): ";
      alam::fuzz::check(m->end > pos, who + "does not advance");
      alam::fuzz::check(m->end <= normalized.size(), who + "ends past the text");
      alam::fuzz::check(bound[m->end], who + "end is not on a code point boundary");
      alam::fuzz::check(m->rule != nullptr && *m->rule != '\0', who + "has no rule name");
    }
  }
  return 0;
}
