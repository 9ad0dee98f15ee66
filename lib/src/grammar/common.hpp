// Pieces shared by the Spirit X3 grammars. Grammars run on normalized text: lower-case Latin,
// ASCII digits, folded Arabic letters (docs/normalization.md), so their word lists are written
// in normalized form or normalized when the tables are built.
#pragma once

#include <boost/spirit/home/x3.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

#include "alam/utf8.hpp"

namespace alam::grammar {

namespace x3 = boost::spirit::x3;
using Iterator = const char*;

// A grammar match over normalized text, ending at normalized byte `end`, made by `rule`.
struct Match {
  std::size_t end = 0;
  const char* rule = "";
  bool strong = true;  // false: needs supporting evidence nearby (see the tagger)
};

// Letters and digits of any script continue a word; punctuation, symbols and spaces end it.
inline bool is_word_char(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (c >= 0x0600 && c <= 0x06FF)  // Arabic block: all but its punctuation and signs
    return !(c == 0x060C || c == 0x061B || c == 0x061F || (c >= 0x066A && c <= 0x066D) ||
             c == 0x06D4 || c == 0x0600 || c == 0x0601 || c == 0x060D);
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, symbols, arrows
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c >= 0xFE30 && c <= 0xFE4F) return false;
  if (c >= 0x1F000) return false;                 // emoji and other symbols
  return true;
}

// True when text[pos] is not inside a word: the text end, or a non-word character.
inline bool at_word_end(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return true;
  return !is_word_char(utf8::decode(text, pos).cp);
}

// An X3 predicate that succeeds, consuming nothing, at the end of a word.
struct WordEnd : x3::parser<WordEnd> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;
  template <typename It, typename Context, typename RContext, typename Attribute>
  bool parse(It& first, It const& last, Context const&, RContext const&, Attribute&) const {
    return at_word_end(std::string_view(first, std::size_t(last - first)), 0);
  }
};

namespace common {
inline WordEnd const word_end{};
// One or more spaces between words.
inline auto const sp = x3::rule<struct sp_class>{"sp"} = +x3::lit(' ');
inline auto const lower = x3::char_('a', 'z');
inline auto const digit = x3::char_('0', '9');
// A number as written in news: 5, 5.9, 2,5, 1,000, 4ر7 (Egyptian decimal ر), 1,000.5.
inline auto const number = x3::rule<struct number_class>{"number"} =
    x3::lexeme[+digit >> *((x3::lit('.') | x3::lit(',') | x3::lit("\u0631")) >> +digit)];
}  // namespace common

// Runs parser at text[pos]; returns the end when it matched up to the end of a word.
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
