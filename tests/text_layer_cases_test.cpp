// Table-driven cases for the text layer: real-world inputs, their normalized form and tokens.
// Tokens are written as their normalized texts joined by " | ".
#include <gtest/gtest.h>

#include "alam/normalizer.hpp"
#include "alam/tokenizer.hpp"

namespace alam {
namespace {

struct Case {
  const char* rule;
  const char* input;
  const char* normalized;
  const char* tokens;
};

// clang-format off
const Case kCases[] = {
    // Diacritics, superscript alef, Quranic and honorific marks
    {"tashkeel", "إِنْفِيدْيَا", "انفيديا", "انفيديا"},
    {"tanween", "شكراً جزيلاً", "شكرا جزيلا", "شكرا | جزيلا"},
    {"shadda", "الذكاء الاصطناعيّ", "الذكاء الاصطناعي", "الذكاء | الاصطناعي"},
    {"sukun and damma", "جُنْسِن هُوانْغ", "جنسن هوانغ", "جنسن | هوانغ"},
    {"superscript alef", "هٰذا", "هذا", "هذا"},
    {"end of ayah is a format character, not a token", "الرحمن۝", "الرحمن۝", "الرحمن"},
    {"small high meem", "عليهۘ", "عليه", "عليه"},
    {"honorific sign", "محمد ﷺ", "محمد صلي الله عليه وسلم", "محمد | صلي | الله | عليه | وسلم"},
    // Tatweel
    {"tatweel inside", "إنفيـــديا", "انفيديا", "انفيديا"},
    {"tatweel after proclitic", "لـNvidia", "لnvidia", "ل | nvidia"},
    {"tatweel after article", "الـA100", "الa100", "ال | a100"},
    {"tatweel emphasis", "جـــداً", "جدا", "جدا"},
    // Bidi and joiner controls
    {"RLM", "\u200fإنفيديا\u200f", "انفيديا", "انفيديا"},
    {"LRM", "H800\u200e", "h800", "h800"},
    {"ALM", "\u061cالصين", "الصين", "الصين"},
    {"RLE PDF", "\u202bNvidia\u202c", "nvidia", "nvidia"},
    {"RLO override", "\u202eAMD\u202c", "amd", "amd"},
    {"LRI PDI", "\u2066iFlytek\u2069", "iflytek", "iflytek"},
    {"FSI PDI", "\u2068SenseTime\u2069", "sensetime", "sensetime"},
    {"ZWNJ between proclitic and Latin", "و\u200cH800", "وh800", "و | h800"},
    {"ZWJ inside word", "هوا\u200dوي", "هواوي", "هواوي"},
    {"BOM", "\ufeffقال", "قال", "قال"},
    {"soft hyphen", "Sense\u00adTime", "sensetime", "sensetime"},
    // Alef variants, alef maqsura, teh marbuta, hamza carriers
    {"alef hamza above", "أبل", "ابل", "ابل"},
    {"alef hamza below", "إنتل", "انتل", "انتل"},
    {"alef madda", "آبل", "ابل", "ابل"},
    {"alef wasla", "ٱلصين", "الصين", "الصين"},
    {"alef maqsura", "مصطفى على", "مصطفي علي", "مصطفي | علي"},
    {"teh marbuta", "شركة الصين الشعبية", "شركه الصين الشعبيه", "شركه | الصين | الشعبيه"},
    {"waw hamza", "مؤسسة", "موسسه", "موسسه"},
    {"yeh hamza", "رئيس هيئة", "رييس هييه", "رييس | هييه"},
    {"bare hamza kept", "جزء", "جزء", "جزء"},
    // Persian and Urdu letters
    {"keheh", "کوالکوم", "كوالكوم", "كوالكوم"},
    {"farsi yeh", "ایران", "ايران", "ايران"},
    {"veh", "ڤيديو", "فيديو", "فيديو"},
    {"peh", "پكين", "بكين", "بكين"},
    {"tcheh", "چين", "جين", "جين"},
    {"gaf", "گوگل", "كوكل", "كوكل"},
    {"ae", "هاوە", "هاوه", "هاوه"},
    // Presentation forms (NFKC)
    {"presentation forms B", "ﺇﻧﻔﻴﺪﻳﺎ", "انفيديا", "انفيديا"},
    {"lam-alef ligature", "ﻻ", "لا", "لا"},
    {"lam-alef hamza ligature", "ﻹنتاج", "لانتاج", "لانتاج"},
    // Digits and separators
    {"arabic-indic digits", "عام ٢٠٢١", "عام 2021", "عام | 2021"},
    {"eastern digits", "سال ۱۴۰۲", "سال 1402", "سال | 1402"},
    {"arabic decimal separator", "٥٫٩ مليار", "5.9 مليار", "5.9 | مليار"},
    {"arabic thousands separator", "١٬٠٠٠ رقاقة", "1,000 رقاقه", "1,000 | رقاقه"},
    {"arabic percent sign", "٪٢٠", "%20", "% | 20"},
    {"digits glued to proclitic", "و٢٠٢٤", "و2024", "و | 2024"},
    {"latin decimal", "3.5 مليار", "3.5 مليار", "3.5 | مليار"},
    {"latin thousands", "1,000,000", "1,000,000", "1,000,000"},
    {"percent range", "27-36%", "27-36%", "27-36 | %"},
    // Latin case, full-width, accents, spaces
    {"case folding", "NVIDIA Nvidia nvidia", "nvidia nvidia nvidia", "nvidia | nvidia | nvidia"},
    {"mixed case name", "iFlytek", "iflytek", "iflytek"},
    {"full case folding", "Straße", "strasse", "strasse"},
    {"full-width letters", "ＮＶＩＤＩＡ", "nvidia", "nvidia"},
    {"full-width digits", "Ｈ８００", "h800", "h800"},
    {"accents kept by default", "Société Générale", "société générale", "société | générale"},
    {"no-break space", "Jensen\u00a0Huang", "jensen huang", "jensen | huang"},
    {"narrow no-break space", "5\u202f%", "5 %", "5 | %"},
    // Script changes and proclitics before Latin
    {"conjunction glued to Latin", "A800 وH800", "a800 وh800", "a800 | و | h800"},
    {"hyphen after proclitic", "و-H800", "و-h800", "و- | h800"},
    {"hyphen after article", "ال-GPU", "ال-gpu", "ال- | gpu"},
    {"proclitics before Latin", "وبـNvidia", "وبnvidia", "وب | nvidia"},
    {"arabic word then latin", "رقائقH20", "رقايقh20", "رقايق | h20"},
    {"latin then arabic", "Nvidiaو", "nvidiaو", "nvidia | و"},
    // Name-internal punctuation
    {"model with suffixes", "A100-SXM4-80GB", "a100-sxm4-80gb", "a100-sxm4-80gb"},
    {"core design", "Cortex-X4", "cortex-x4", "cortex-x4"},
    {"domain", "Alibaba.com", "alibaba.com", "alibaba.com"},
    {"apostrophe", "O'Reilly", "o'reilly", "o'reilly"},
    {"slash splits", "CFOTO/Future Publishing", "cfoto/future publishing", "cfoto | / | future | publishing"},
    {"ampersand splits", "AT&T", "at&t", "at | & | t"},
    {"sentence end", "Nvidia. ثم", "nvidia. ثم", "nvidia | . | ثم"},
    {"trailing hyphen", "H800-", "h800-", "h800 | -"},
    {"arabic comma", "إنفيديا، AMD", "انفيديا، amd", "انفيديا | ، | amd"},
    {"quotes", "“سكاي نيوز”", "“سكاي نيوز”", "“ | سكاي | نيوز | ”"},
    {"parentheses", "هواوي (Huawei)", "هواوي (huawei)", "هواوي | ( | huawei | )"},
    {"guillemets", "«ديب سيك»", "«ديب سيك»", "« | ديب | سيك | »"},
    {"emoji", "🚀Nvidia", "🚀nvidia", "🚀 | nvidia"},
    {"cjk", "华为 Huawei", "华为 huawei", "华为 | huawei"},
    {"dollar", "$40bn", "$40bn", "$ | 40bn"},
    {"empty", "", "", ""},
};
// clang-format on

std::string joined_tokens(const std::string& normalized) {
  std::string out;
  for (const Token& t : tokenize(normalized)) {
    if (!out.empty()) out += " | ";
    out += t.view(normalized);
  }
  return out;
}

TEST(TextLayerCases, AtLeastSixtyCases) { EXPECT_GE(std::size(kCases), 60u); }

TEST(TextLayerCases, NormalizedFormAndTokens) {
  const Normalizer norm;
  for (const Case& c : kCases) {
    const std::string n = norm.normalize_text(c.input);
    EXPECT_EQ(n, c.normalized) << c.rule << ": " << c.input;
    EXPECT_EQ(joined_tokens(n), c.tokens) << c.rule << ": " << c.input;
  }
}

// The original byte range of every token re-slices the original text to something that
// normalizes to the token (except tokens cut from one original character, such as the words
// of the ligature ﷺ, which share that character's range).
TEST(TextLayerCases, TokenSourceRangesReslice) {
  const Normalizer norm;
  for (const Case& c : kCases) {
    const std::string in = c.input;
    const NormalizedText n = norm.normalize(in);
    const std::vector<Token> tokens = tokenize(n);
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      const Token& t = tokens[k];
      auto same_source = [&](std::size_t j) {
        return j < tokens.size() && tokens[j].source_begin == t.source_begin;
      };
      if (same_source(k + 1) || (k > 0 && same_source(k - 1))) continue;
      ASSERT_LE(t.source_begin, t.source_end) << c.rule;
      ASSERT_LE(t.source_end, in.size()) << c.rule;
      const std::string slice = in.substr(t.source_begin, t.source_end - t.source_begin);
      std::string want(t.view(n.text));
      std::string got = norm.normalize_text(slice);
      EXPECT_EQ(got, want) << c.rule << ": " << c.input << " token " << want;
    }
  }
}

TEST(TextLayerCases, GluedProcliticOwnsTheJoiner) {
  const Normalizer norm;
  struct Glue { const char* input; const char* clitic; const char* stem; };
  const Glue cases[] = {
      {"لـNvidia", "لـ", "Nvidia"},
      {"الـA100", "الـ", "A100"},
      {"و\u200cH800", "و\u200c", "H800"},
      {"و-H800", "و-", "H800"},
      {"وبـ5", "وبـ", "5"},
  };
  for (const Glue& g : cases) {
    const std::string in = g.input;
    const NormalizedText n = norm.normalize(in);
    const auto tokens = tokenize(n);
    ASSERT_EQ(tokens.size(), 2u) << g.input;
    EXPECT_EQ(in.substr(tokens[0].source_begin, tokens[0].source_end - tokens[0].source_begin), g.clitic);
    EXPECT_EQ(in.substr(tokens[1].source_begin, tokens[1].source_end - tokens[1].source_begin), g.stem);
  }
}

}  // namespace
}  // namespace alam
