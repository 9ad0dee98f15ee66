#include "grammar/money_def.hpp"

#include <unicode/ucurr.h>
#include <unicode/ustring.h>
#include <unicode/unistr.h>
#include <unicode/uenum.h>

#include <array>
#include <memory>

#include "alam/normalizer.hpp"

#include "grammar/longest.hpp"
#include "grammar/numeric.hpp"

namespace alam::grammar {
namespace {

// Adds the Arabic long names of every ISO currency in ICU's locale data ("دولار أمريكي",
// "جنيه إسترليني", "بيزو مكسيكي"): the first word to the currency words, the rest to the
// nationality words, both normalized.
void add_icu_currency_names() {
  UErrorCode status = U_ZERO_ERROR;
  UEnumeration* codes = ucurr_openISOCurrencies(UCURR_ALL, &status);
  if (U_FAILURE(status)) return;
  const Normalizer norm;
  while (const char* code = uenum_next(codes, nullptr, &status)) {
    if (U_FAILURE(status)) break;
    UChar ucode[4] = {0};
    u_charsToUChars(code, ucode, 3);
    UBool is_choice = false;
    int32_t length = 0;
    UErrorCode name_status = U_ZERO_ERROR;
    const UChar* name = ucurr_getName(ucode, "ar", UCURR_LONG_NAME, &is_choice, &length, &name_status);
    if (U_FAILURE(name_status) || name_status == U_USING_DEFAULT_WARNING || !name) continue;
    std::string utf8;
    icu::UnicodeString(name, length).toUTF8String(utf8);
    if (utf8.empty() || static_cast<unsigned char>(utf8[0]) < 0x80) continue;  // no Arabic name
    const std::string n = norm.normalize_text(utf8);
    const std::size_t space = n.find(' ');
    const std::string first = n.substr(0, space);
    if (!money::currency.find(first)) money::currency.add(first);
    if (space != std::string::npos) {
      const std::string rest = n.substr(space + 1);
      if (!money::nationality.find(rest)) money::nationality.add(rest);
    }
  }
  uenum_close(codes);
}

// The currency names of ICU's locale data, added once (by the first caller of either function
// below).
void ensure_icu_currency_names() {
  static const bool icu_names = (add_icu_currency_names(), true);
  (void)icu_names;
}

}  // namespace

std::optional<Match> match_money(std::string_view text, std::size_t pos) {
  ensure_icu_currency_names();
  static const std::array<NamedRule, 3> kRules{{
      {"money.arabic", &run_rule<money::arabic>},
      {"money.sign_first", &run_rule<money::sign_first>},
      {"money.amount_first", &run_rule<money::amount_first>},
  }};
  return longest(kRules, text, pos);
}

// What money rules accept right after a number and its spaces (money.arabic: scale, currency;
// money.amount_first: latin_scale, latin_currency, scale; and '$', which number_follow.cpp
// knows itself).
std::vector<std::string> money_follow_words() {
  ensure_icu_currency_names();
  std::vector<std::string> out;
  // std::addressof: X3 gives its parsers a unary & (the and-predicate).
  const x3::symbols<int>* const tables[] = {
      std::addressof(money::scale), std::addressof(money::currency),
      std::addressof(money::latin_scale), std::addressof(money::latin_currency)};
  for (const x3::symbols<int>* t : tables)
    t->for_each([&](const std::string& word, int) { out.push_back(word); });
  return out;
}

}  // namespace alam::grammar
