// Pieces shared by the Spirit X3 grammars. Grammars run on normalized text: lower-case Latin,
// ASCII digits, folded Arabic letters, single code points for separators.
#pragma once

#include <boost/spirit/home/x3.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace alam::grammar {

namespace x3 = boost::spirit::x3;
using Iterator = const char*;

// A grammar match over normalized text: [begin, end) in normalized bytes and the rule name.
struct Match {
  std::size_t end = 0;
  const char* rule = "";
  bool strong = true;  // false: needs supporting evidence nearby (see the tagger)
};

namespace common {
// One or more spaces between words.
inline auto const sp = x3::rule<struct sp_class>{"sp"} = +x3::lit(' ');
inline auto const lower = x3::char_('a', 'z');
inline auto const digit = x3::char_('0', '9');
}  // namespace common

// True when position pos of text is not inside a word: text end, or a character that is not
// an ASCII letter or digit (non-ASCII bytes are letters of other scripts).
inline bool at_word_end(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return true;
  const unsigned char c = static_cast<unsigned char>(text[pos]);
  return !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80);
}

// Runs parser at text[pos]; returns the end when it matched a whole word sequence.
template <typename Parser>
std::optional<std::size_t> parse_at(std::string_view text, std::size_t pos, const Parser& p) {
  Iterator first = text.data() + pos;
  const Iterator last = text.data() + text.size();
  try {
    if (!x3::parse(first, last, p)) return std::nullopt;
  } catch (const x3::expectation_failure<Iterator>&) {
    return std::nullopt;  // grammar failures are "no match", never errors
  }
  const std::size_t end = std::size_t(first - text.data());
  if (end == pos || !at_word_end(text, end)) return std::nullopt;
  return end;
}

}  // namespace alam::grammar
