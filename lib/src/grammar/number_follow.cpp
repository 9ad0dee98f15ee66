// numeric_after_digit (numeric.hpp): at a digit, which of the money, percent and date rules can
// match, from what follows the number. Every condition here is implied by the rules of
// money_def.hpp, percent_def.hpp and date_def.hpp; it never decides a match, only skips rules
// that cannot make one.
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "grammar/numeric.hpp"

namespace alam::grammar {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "text at p begins like one of these words": words of four bytes or more by their first four
// bytes (an open-addressing set), shorter ones whole (listed by their first byte). A word that
// begins at p therefore always passes; so can a few others (the test only needs to be
// necessary). One probe, not a search: the tagger asks at every number.
class WordStarts {
 public:
  explicit WordStarts(const std::vector<std::string>& words) {
    std::vector<std::uint32_t> four;
    for (const std::string& w : words) {
      if (w.size() >= 4)
        four.push_back(load4(w.data()));
      else if (!w.empty())
        short_[static_cast<unsigned char>(w[0])].push_back(w);
    }
    std::size_t size = 16;
    while (size < 4 * four.size()) size *= 2;
    slots_.assign(size, 0);  // 0 is never a key: a word's first byte is not NUL
    for (const std::uint32_t v : four) {
      std::size_t i = slot(v);
      while (slots_[i] != 0 && slots_[i] != v) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = v;
    }
  }

  bool at(std::string_view text, std::size_t p) const {
    if (p >= text.size()) return false;
    const std::string_view rest = text.substr(p);
    if (rest.size() >= 4) {
      const std::uint32_t v = load4(rest.data());
      for (std::size_t i = slot(v); slots_[i] != 0; i = (i + 1) & (slots_.size() - 1))
        if (slots_[i] == v) return true;
    }
    for (const std::string& w : short_[static_cast<unsigned char>(rest[0])])
      if (rest.starts_with(w)) return true;
    return false;
  }

 private:
  static std::uint32_t load4(const char* p) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
  }
  std::size_t slot(std::uint32_t v) const {
    return std::size_t((v * 0x9E3779B1u) >> 7) & (slots_.size() - 1);
  }
  std::vector<std::uint32_t> slots_;
  std::array<std::vector<std::string>, 256> short_;
};

}  // namespace

NumericStarts numeric_after_digit(std::string_view t, std::size_t pos) {
  if (pos >= t.size() || !is_digit(t[pos])) return {true, true, true};
  static const WordStarts money(money_follow_words()), percent(percent_follow_words()),
      month(date_follow_words());
  const std::size_t n = t.size();
  std::size_t digits_end = pos;
  while (digits_end < n && is_digit(t[digits_end])) ++digits_end;
  // common::number: digit runs joined by '.', ',' or the Egyptian decimal ر (greedy; a joiner
  // not followed by a digit is not part of it).
  std::size_t end = digits_end;
  for (;;) {
    std::size_t q = end;
    if (q < n && (t[q] == '.' || t[q] == ',')) {
      q += 1;
    } else if (t.substr(q, 2) == "\u0631") {
      q += 2;
    } else {
      break;
    }
    if (q >= n || !is_digit(t[q])) break;
    while (q < n && is_digit(t[q])) ++q;
    end = q;
  }
  std::size_t after = end;  // past the spaces after the number (common::sp, optional here)
  while (after < n && t[after] == ' ') ++after;
  NumericStarts r;
  // money.arabic: number sp (scale sp)? currency; money.amount_first: number sp? then a Latin
  // scale, a Latin currency, a scale or '$'. (money.sign_first begins with a sign.)
  r.money = (after < n && t[after] == '$') || money.at(t, after);
  // percent.suffixed: number (sp? '-' sp? number)? then sp? '%' or sp percent word.
  // (percent.prefixed begins with '%'.)
  r.percent = (after < n && (t[after] == '%' || t[after] == '-')) || percent.at(t, after);
  // date.full: a day of one or two digits, then sp and a month; date.numeric: a day and '/', or
  // a year and '-'; date.year_only: a year. A day or year is the whole digit run (word_end, or
  // the '/' or '-' that must follow it); a year has four digits from 1800 to 2100.
  const std::size_t digits = digits_end - pos;
  if (digits <= 2) {
    std::size_t s = digits_end;
    while (s < n && t[s] == ' ') ++s;
    r.date = (digits_end < n && t[digits_end] == '/') || (s > digits_end && month.at(t, s));
  } else if (digits == 4) {
    const int year = (t[pos] - '0') * 1000 + (t[pos + 1] - '0') * 100 + (t[pos + 2] - '0') * 10 +
                     (t[pos + 3] - '0');
    r.date = year >= 1800 && year <= 2100;
  }
  return r;
}

}  // namespace alam::grammar
