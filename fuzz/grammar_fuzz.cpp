// Fuzz target: the character-level grammar families (chip, money, percent, date), run at every
// code point boundary of the normalized input, as the tagger would at token starts and more.
// Invariants: a match ends inside the text, after pos, on a code point boundary; where money,
// percent or date match, the tagger's gate after a digit (numeric_after_digit) is open.
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
  bool alam::grammar::NumericStarts::*gate;  // its flag in numeric_after_digit, if any
};

constexpr Family kFamilies[] = {
    {"chip", &alam::grammar::match_chip, nullptr},
    {"money", &alam::grammar::match_money, &alam::grammar::NumericStarts::money},
    {"percent", &alam::grammar::match_percent, &alam::grammar::NumericStarts::percent},
    {"date", &alam::grammar::match_date, &alam::grammar::NumericStarts::date},
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
    const alam::grammar::NumericStarts after = alam::grammar::numeric_after_digit(normalized, pos);
    for (const Family& f : kFamilies) {
      const auto m = f.fn(normalized, pos);
      if (!m) continue;
      // The tagger's gate after a digit never closes on a match.
      const bool gate = f.gate == nullptr || after.*(f.gate);
      alam::fuzz::check(gate, std::string(f.name) + " matches at " + std::to_string(pos) +
                                  " where numeric_after_digit says it cannot");
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
