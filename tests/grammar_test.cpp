#include <gtest/gtest.h>

#include <set>

#include "alam/normalizer.hpp"
#include "alam/tokenizer.hpp"
#include "grammar/chip.hpp"
#include "grammar/lexicon.hpp"
#include "grammar/numeric.hpp"

namespace alam::grammar {
namespace {

using Matcher = std::optional<Match> (*)(std::string_view, std::size_t);

struct Case {
  const char* text;      // raw text; the grammar runs on its normalized form at byte 0
  const char* matched;   // expected normalized match, or nullptr for no match
  const char* rule;      // expected rule name (when matched)
};

void check(Matcher m, const Case& c) {
  static const Normalizer norm;
  const std::string n = norm.normalize_text(c.text);
  const auto r = m(n, 0);
  if (!c.matched) {
    EXPECT_FALSE(r) << c.text << " matched " << (r ? n.substr(0, r->end) : "");
    return;
  }
  ASSERT_TRUE(r) << c.text;
  EXPECT_EQ(n.substr(0, r->end), c.matched) << c.text;
  EXPECT_STREQ(r->rule, c.rule) << c.text;
}

TEST(ChipGrammar, Models) {
  const Case cases[] = {
      {"A100 chips", "a100", "chip.code"},
      {"H800،", "h800", "chip.code"},
      {"MI300X", "mi300x", "chip.code"},
      {"GB200 NVL72", "gb200 nvl72", "chip.code"},
      {"H100 SXM5 وغيرها", "h100 sxm5", "chip.code"},
      {"A100 80GB", "a100 80gb", "chip.code"},
      {"A100-SXM4-80GB", "a100-sxm4-80gb", "chip.code"},
      {"Ascend 910B", "ascend 910b", "chip.ascend"},
      {"Kirin 9000S", "kirin 9000s", "chip.kirin"},
      {"Snapdragon 8 Gen 3", "snapdragon 8 gen 3", "chip.snapdragon"},
      {"Snapdragon X Elite", "snapdragon x elite", "chip.snapdragon"},
      {"GeForce RTX 4090", "geforce rtx 4090", "chip.geforce"},
      {"Instinct MI300X", "instinct mi300x", "chip.instinct"},
      {"Gaudi 3", "gaudi 3", "chip.gaudi"},
      {"TPU v5e", "tpu v5e", "chip.tpu"},
      {"Cortex-X4", "cortex-x4", "chip.cortex"},
      {"M4 Max", "m4 max", "chip.apple_soc"},
      {"A17 Pro", "a17 pro", "chip.apple_soc"},
      {"Core Ultra 7", "core ultra 7", "chip.intel_cpu"},
      {"H100x", "h100x", "chip.code"},
      {"B200", "b200", "chip.code"},
      {"GB300 NVL72", "gb300 nvl72", "chip.code"},
      {"L40S", "l40s", "chip.code"},
      {"MI325X،", "mi325x", "chip.code"},
      {"H100 PCIe", "h100 pcie", "chip.code"},
      {"MLU370", "mlu370", "chip.code"},
      {"Ascend 910C", "ascend 910c", "chip.ascend"},
      {"Kirin 9030", "kirin 9030", "chip.kirin"},
      {"Snapdragon 8 Elite", "snapdragon 8 elite", "chip.snapdragon"},
      {"Snapdragon X75", "snapdragon x75", "chip.snapdragon"},
      {"Snapdragon 8s Gen 3", "snapdragon 8s gen 3", "chip.snapdragon"},
      {"Exynos 2400", "exynos 2400", "chip.mobile_soc"},
      {"Dimensity 9300", "dimensity 9300", "chip.mobile_soc"},
      {"Tensor G4", "tensor g4", "chip.mobile_soc"},
      {"RTX 4090 Ti", "rtx 4090 ti", "chip.geforce"},
      {"Radeon RX 7900 XTX", "radeon rx 7900 xtx", "chip.radeon"},
      {"Cortex-A720", "cortex-a720", "chip.cortex"},
      {"Xeon Platinum 8480", "xeon platinum 8480", "chip.intel_cpu"},
      {"EPYC 9654", "epyc 9654", "chip.amd_cpu"},
      {"Jetson AGX Orin", "jetson agx orin", "chip.jetson"},
      {"A16 Bionic", "a16 bionic", "chip.apple_soc"},
      {"Snapdragon", nullptr, nullptr},  // a product line alone is the gazetteer's
      {"Kirin", nullptr, nullptr},
      {"Core i7", nullptr, nullptr},
      {"Tensor Core", nullptr, nullptr},
      {"COVID19", nullptr, nullptr},
      {"Nvidia", nullptr, nullptr},
      {"A100abc", nullptr, nullptr},  // not a word end
      {"2021", nullptr, nullptr},
  };
  for (const Case& c : cases) check(&match_chip, c);
}

// The tagger asks may_start_chip once per distinct Latin or mixed word, of the word's text
// alone (word_cache.hpp); that must be the answer match_chip gets in running text.
TEST(ChipGrammar, FirstTestDependsOnTheTokenAlone) {
  static const Normalizer norm;
  const std::string text = norm.normalize_text(
      "Nvidia RTX 4090 وA100-SXM4-80GB وH800، Kirin 9000S, Core Ultra 7 و Cortex-A78 "
      "alibaba.com rtx4090 gtx's ascend910b Snapdragon 8 Gen 3 x86 AB12cd-ef A4 M1 Pro "
      "Ryzen AI 9 HX 370 tpu v5e TPUv4 café5 اشترت 5nm 3.5 e-commerce 12ab");
  int starts = 0, words = 0;
  for (const Token& t : tokenize(text)) {
    if (t.script != Script::kLatin && t.script != Script::kMixed) continue;
    ++words;
    const bool alone = may_start_chip(t.view(text), 0);
    EXPECT_EQ(alone, may_start_chip(text, t.begin)) << t.view(text);
    EXPECT_EQ(alone || !match_chip(text, t.begin), true) << t.view(text);
    starts += alone;
  }
  EXPECT_GE(words, 30);
  EXPECT_GT(starts, 10);
  EXPECT_LT(starts, words);
}

// match_chip tries a product-line rule only where the text starts with one of the words listed
// for it (chip.cpp). Every rule is run here alone on chip mentions of every line, and wherever
// it matches, the text must start with one of its words: a rule whose definition gained a first
// word that its list lacks fails here.
TEST(ChipGrammar, RulesMatchOnlyWhereTheyMayStart) {
  static const Normalizer norm;
  const char* const mentions[] = {
      "A100", "H800 SXM5", "MI300X", "GB200 NVL72", "L40S", "A4", "M1", "MLU370",
      "Ascend 910B", "Ascend 910C", "Kirin 9000S", "Kirin 9030", "Snapdragon 8 Gen 3",
      "Snapdragon 8s Gen 3", "Snapdragon 8 Elite", "Snapdragon X Elite", "Snapdragon X75",
      "Snapdragon 888", "Exynos 2400", "Dimensity 9300 Plus", "Tensor G4", "Helio G99",
      "GeForce RTX 4090 Ti", "RTX 4090", "GTX 1080 Super", "Radeon RX 7900 XTX",
      "Radeon Pro 7800", "Radeon 780", "Instinct MI300X", "Gaudi 3", "Gaudi3", "TPU v5e",
      "TPUv4", "Cortex-A720", "Cortex-X4", "Cortex-M7", "Core Ultra 7 155H", "Core Ultra 9",
      "Xeon Platinum 8480", "Xeon W 3495", "Xeon 6780", "EPYC 9654", "Ryzen AI 9 HX 370",
      "Ryzen 9 7950X", "Ryzen 7", "A17 Pro", "A16 Bionic", "M3 Max", "M2 Ultra",
      "Jetson AGX Orin", "Jetson Nano", "Jetson Thor"};
  std::set<std::string_view> matched;  // rules that matched at least once
  for (const char* m : mentions) {
    const std::string text = norm.normalize_text(m);
    bool any = false;
    for (const NamedRule& r : chip_rules()) {
      if (!r.run(text, 0)) continue;
      any = true;
      matched.insert(r.name);
      EXPECT_TRUE(r.may_start(text, 0)) << r.name << " matches \"" << text
                                        << "\", which starts with none of its words";
    }
    EXPECT_TRUE(any) << m;  // each mention is one of some rule
    // And the driver, which skips rules, finds what the longest of all rules finds.
    std::optional<std::size_t> longest_end;
    for (const NamedRule& r : chip_rules())
      if (const auto end = r.run(text, 0); end && (!longest_end || *end > *longest_end))
        longest_end = end;
    const auto found = match_chip(text, 0);
    EXPECT_EQ(found ? std::optional<std::size_t>(found->end) : std::nullopt, longest_end) << m;
  }
  EXPECT_EQ(matched.size(), chip_rules().size()) << "a rule no mention exercises";
}

TEST(ChipGrammar, BareShortCodesAreWeak) {
  static const Normalizer norm;
  for (const char* weak : {"A4", "M1", "T4", "H20", "B2", "H2O"}) {
    const auto r = match_chip(norm.normalize_text(weak), 0);
    ASSERT_TRUE(r) << weak;
    EXPECT_FALSE(r->strong) << weak;
  }
  for (const char* strong : {"A100", "H800", "MI300X", "GB200", "L40S", "B200"}) {
    const auto r = match_chip(norm.normalize_text(strong), 0);
    ASSERT_TRUE(r) << strong;
    EXPECT_TRUE(r->strong) << strong;
  }
}

TEST(MoneyGrammar, Amounts) {
  const Case cases[] = {
      {"5.9 مليار دولار", "5.9 مليار دولار", "money.arabic"},
      {"2.4 مليار رنمينبي،", "2.4 مليار رنمينبي", "money.arabic"},
      {"330 مليون دولار", "330 مليون دولار", "money.arabic"},
      {"120 دولارا", "120 دولارا", "money.arabic"},
      {"5 مليارات دولار أسترالي", "5 مليارات دولار استرالي", "money.arabic"},
      {"مليار دولار", "مليار دولار", "money.arabic"},
      {"ملياري يورو", "ملياري يورو", "money.arabic"},
      {"٥٫٩ مليار دولار", "5.9 مليار دولار", "money.arabic"},
      {"2,5 مليار دولار", "2,5 مليار دولار", "money.arabic"},
      {"4ر7 مليار دولار", "4ر7 مليار دولار", "money.arabic"},
      {"$40bn", "$40bn", "money.sign_first"},
      {"$5.9 billion", "$5.9 billion", "money.sign_first"},
      {"5 billion dollars", "5 billion dollars", "money.amount_first"},
      {"مليارات الدولارات", nullptr, nullptr},  // vague plural
      {"3.5 تريليون", nullptr, nullptr},        // no currency
      {"500 ألف رقاقة", nullptr, nullptr},      // units, not money
      {"5 ينافس", nullptr, nullptr},
      {"50 مليون دولار،", "50 مليون دولار", "money.arabic"},
      {"١٢٠ مليار ين ياباني", "120 مليار ين ياباني", "money.arabic"},
      {"3 ملايين جنيه إسترليني", "3 ملايين جنيه استرليني", "money.arabic"},
      {"€10m", "€10m", "money.sign_first"},
      {"US$ 3 million", "us$ 3 million", "money.sign_first"},
      {"40 مليار $", "40 مليار $", "money.amount_first"},
      {"5 billion yuan", "5 billion yuan", "money.amount_first"},
      {"5 دولارات", "5 دولارات", "money.arabic"},
      {"مليون شخص", nullptr, nullptr},
      {"5 مليارات بيزو مكسيكي", "5 مليارات بيزو مكسيكي", "money.arabic"},  // ICU's Arabic names
      {"7 ملايين روبل روسي", "7 ملايين روبل روسي", "money.arabic"},
  };
  for (const Case& c : cases) check(&match_money, c);
}

TEST(PercentGrammar, Percentages) {
  const Case cases[] = {
      {"75 في المائة", "75 في المايه", "percent.suffixed"},
      {"3 في المئة", "3 في الميه", "percent.suffixed"},
      {"20 بالمائة", "20 بالمايه", "percent.suffixed"},
      {"58%", "58%", "percent.suffixed"},
      {"27-36%", "27-36%", "percent.suffixed"},
      {"٪20", "%20", "percent.prefixed"},
      {"٥٨٪", "58%", "percent.suffixed"},
      {"75 في", nullptr, nullptr},
      {"20 - 25 %", "20 - 25 %", "percent.suffixed"},
      {"4.5 بالمئة", "4.5 بالميه", "percent.suffixed"},
      {"12 percent", "12 percent", "percent.suffixed"},
      {"20 في المائة من", "20 في المايه", "percent.suffixed"},
      {"%", nullptr, nullptr},
  };
  for (const Case& c : cases) check(&match_percent, c);
}

TEST(DateGrammar, Dates) {
  const Case cases[] = {
      {"2021،", "2021", "date.year_only"},
      {"حزيران (يونيو) 2022", "حزيران (يونيو) 2022", "date.month_year"},
      {"يونيو 2025", "يونيو 2025", "date.month_year"},
      {"12 مارس 2024", "12 مارس 2024", "date.full"},
      {"5 نوفمبر", "5 نوفمبر", "date.full"},
      {"الخامس من أبريل 2025", "الخامس من ابريل 2025", "date.full"},
      {"مارس/ آذار 2024", "مارس/ اذار 2024", "date.month_year"},
      {"March 12, 2024", "march 12, 2024", "date.full"},
      {"12/03/2024", "12/03/2024", "date.numeric"},
      {"2024-03-12", "2024-03-12", "date.numeric"},
      {"١٩٩٩", "1999", "date.year_only"},
      {"أبريل", nullptr, nullptr},   // a month alone
      {"12345", nullptr, nullptr},
      {"3000", nullptr, nullptr},
      {"40 مارس", nullptr, nullptr},
      {"كانون الثاني 2023", "كانون الثاني 2023", "date.month_year"},
      {"1 تشرين الأول 2024", "1 تشرين الاول 2024", "date.full"},
      {"أيار/مايو 2021", "ايار/مايو 2021", "date.month_year"},
      {"Sept 2024", "sept 2024", "date.month_year"},
      {"3 يناير،", "3 يناير", "date.full"},
      {"31/12/1999", "31/12/1999", "date.numeric"},
      {"13/13/2020", nullptr, nullptr},
      {"2020-13-01", "2020", "date.year_only"},
      {"1799", nullptr, nullptr},
  };
  for (const Case& c : cases) check(&match_date, c);
}

// The tagger runs the money, percent and date grammars only where starts_numeric() says: at
// digits, signs and the words of numeric_start_words(); these begin an expression, so they
// must open that gate, and words
// that only follow a number must not (each would cost three grammar runs for nothing: في
// alone was 39 % of them on news text).
TEST(NumericGrammars, OnlyWordsThatBeginAnExpressionOpenTheGate) {
  for (const std::string& w : numeric_start_words())
    EXPECT_TRUE(may_start_numeric(std::string_view(w).substr(0, w.find(' ')))) << w;
  for (const char* w : {"في", "بالميه", "دولار", "دولارات", "ين", "يوان", "ريال", "امريكي",
                        "percent", "dollars", "billion", "yen"})
    EXPECT_FALSE(may_start_numeric(w)) << w;
  for (const char* w : {"الف", "مليار", "مليونا", "usd", "eur", "مارس", "اذار", "كانون", "may",
                        "الثاني", "الحادي", "5", "%", "$", "€", "£", "¥"})
    EXPECT_TRUE(may_start_numeric(w)) << w;
}

// Each grammar runs only where numeric_starts() opens its own gate; so wherever one matches,
// its gate must be open. Checked at every word start of expressions of every rule, glued to a
// proclitic or not.
TEST(NumericGrammars, EachGrammarsGateIsOpenWhereItMatches) {
  static const Normalizer norm;
  const char* texts[] = {
      "5.9 مليار دولار", "330 مليون دولار", "120 دولارا", "مليار دولار", "ملياري يورو",
      "الفا دولار", "5 مليارات دولار استرالي", "$40bn", "$5.9 billion", "US$ 3 million",
      "€ 10m", "£5m", "¥300", "USD 5 million", "EUR 3bn", "GBP 10m", "RMB 20 billion",
      "5.9 billion dollars", "40 مليار $", "40$", "75 في المائة", "58%", "27-36%", "58 %",
      "٪20", "12 مارس 2024", "5 نوفمبر", "March 12, 2024", "الخامس من ابريل 2025",
      "الحادي والعشرين من مايو", "حزيران (يونيو) 2022", "يونيو 2025", "كانون الثاني 2020",
      "12/03/2024", "2024-03-12", "2021", "وفي 2021", "بـ5 مليارات دولار", "ومارس 2024"};
  std::size_t matched[3] = {0, 0, 0};
  for (const char* raw : texts) {
    const std::string text = norm.normalize_text(raw);
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
      if (pos > 0 && text[pos - 1] != ' ' && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80)
        continue;  // inside a character
      std::size_t end = text.find(' ', pos);
      const NumericStarts gate = numeric_starts_at(text.substr(pos, end == std::string::npos ? std::string::npos : end - pos));
      const bool money = match_money(text, pos).has_value(), percent = match_percent(text, pos).has_value(),
                 date = match_date(text, pos).has_value();
      matched[0] += money;
      matched[1] += percent;
      matched[2] += date;
      EXPECT_TRUE(!money || gate.money) << raw << " at byte " << pos;
      EXPECT_TRUE(!percent || gate.percent) << raw << " at byte " << pos;
      EXPECT_TRUE(!date || gate.date) << raw << " at byte " << pos;
      const NumericStarts after = numeric_after_digit(text, pos);
      EXPECT_TRUE(!money || after.money) << raw << " at byte " << pos;
      EXPECT_TRUE(!percent || after.percent) << raw << " at byte " << pos;
      EXPECT_TRUE(!date || after.date) << raw << " at byte " << pos;
    }
  }
  EXPECT_GE(matched[0], 20u);
  EXPECT_GE(matched[1], 5u);
  EXPECT_GE(matched[2], 10u);
  // And the gates are narrower than their union: a month does not open money, a scale not a date.
  EXPECT_FALSE(numeric_starts_at("مارس").money);
  EXPECT_FALSE(numeric_starts_at("مليار").date);
  EXPECT_FALSE(numeric_starts_at("الثاني").percent);
}

// The gate after a digit (numeric_after_digit) is a necessary condition of each family's rules:
// over numbers of every shape followed by every word the rules know (and a few they do not),
// glued or after spaces, wherever a family matches, its gate is open. And it is a real filter:
// it closes on most of these texts, where the rules find nothing.
TEST(NumericGrammars, GateAfterADigitIsOpenWhereverARuleMatches) {
  static const Normalizer norm;
  std::vector<std::string> words = numeric_words();
  for (const char* w : {"$", "%", "-", "/", "-5%", "- 7 %", "/03/2024", "-03-12", "في", "من",
                        "بالمئه", "في المئه", "الشركه", "x", "us dollars", "per cent", ".5", "ر5"})
    words.push_back(w);
  const char* numbers[] = {"5",  "12", "31", "32", "123", "1800", "2024", "2100", "2101",
                           "1799", "20245", "5.9", "1,000", "4ر7", "1,000.5", "12.", "7,"};
  const char* gaps[] = {"", " ", "  "};
  std::size_t texts = 0, closed = 0, matches = 0;
  for (const char* number : numbers)
    for (const char* gap : gaps)
      for (const std::string& word : words) {
        const std::string text = norm.normalize_text(std::string(number) + gap + word + " بعد");
        ++texts;
        const NumericStarts after = numeric_after_digit(text, 0);
        closed += !after.any();
        const bool money = match_money(text, 0).has_value(),
                   percent = match_percent(text, 0).has_value(),
                   date = match_date(text, 0).has_value();
        matches += money + percent + date;
        EXPECT_TRUE(!money || after.money) << text;
        EXPECT_TRUE(!percent || after.percent) << text;
        EXPECT_TRUE(!date || after.date) << text;
      }
  EXPECT_GT(matches, 500u);  // the rules do match here: the test is not vacuous
  EXPECT_GT(closed, texts / 4);  // 3,522 of 11,780 (most words here are the rules' own)
  // Where the families part.
  EXPECT_EQ(numeric_after_digit("5 مليار دولار", 0).money, true);
  EXPECT_EQ(numeric_after_digit("5 مليار دولار", 0).date, false);
  EXPECT_EQ(numeric_after_digit("97 في المايه", 0).percent, true);
  EXPECT_EQ(numeric_after_digit("97 في المايه", 0).money, false);
  EXPECT_EQ(numeric_after_digit("2016 وقال", 0).date, true);
  EXPECT_EQ(numeric_after_digit("2016 وقال", 0).any(), true);
  EXPECT_EQ(numeric_after_digit("3000 موظف", 0).any(), false);
  EXPECT_EQ(numeric_after_digit("3 مارس", 0).date, true);
  EXPECT_EQ(numeric_after_digit("مليار", 0).money, true);  // not a digit: no opinion
}

TEST(NumericGrammars, WordListsAreInNormalizedForm) {
  static const Normalizer norm;
  for (const std::string& w : numeric_words()) EXPECT_EQ(norm.normalize_text(w), w);
}

}  // namespace
}  // namespace alam::grammar
