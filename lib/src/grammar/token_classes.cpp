// Word lists for the name grammars, in normalized form (ا for أ/إ/آ, ه for ة, ي for ى/ئ,
// و for ؤ, lower-case Latin). grammar_test checks that normalization leaves them unchanged.
#include "grammar/token_classes.hpp"

#include <algorithm>
#include <utility>

#include "clitics.hpp"
#include "grammar/lexicon.hpp"

namespace alam::grammar {

const std::vector<std::pair<char, std::vector<std::string_view>>>& class_word_lists() {
  static const std::vector<std::pair<char, std::vector<std::string_view>>> kLists = {
      {cls::kSpeech,
       {"قال", "قالت", "يقول", "تقول", "اضاف", "اضافت", "يضيف", "تضيف", "اكد", "اكدت", "يوكد",
        "توكد", "صرح", "صرحت", "اوضح", "اوضحت", "يوضح", "توضح", "ذكر", "ذكرت", "اعلن", "اعلنت",
        "اشار", "اشارت", "يشير", "تشير", "كتب", "كتبت", "said", "says", "told", "added",
        "wrote"}},
      {cls::kTitle,
       {"رييس", "الرييس", "رييسه", "الرييسه", "التنفيذي", "التنفيذيه", "مدير", "المدير",
        "مديره", "المديره", "موسس", "الموسس", "موسسه", "شريك", "الشريك", "نايب", "النايب",
        "المحلل", "المحلله", "محلل", "محلله", "الخبير", "وزير", "الوزير", "وزيره", "الوزيره",
        "مستشار", "المستشار", "المتحدث", "متحدث", "الباحث", "باحث", "الاستاذ", "استاذ",
        "الامير", "الملك", "الشيخ", "حاكم", "الحاكم", "ceo", "cfo", "cto", "founder", "cofounder", "co-founder", "chairman",
        "chairwoman", "president", "analyst", "executive", "chief", "director", "minister",
        "secretary", "spokesman", "spokeswoman", "spokesperson", "professor", "senator",
        "governor"}},
      {cls::kHonorific,
       {"السيد", "السيده", "الدكتور", "الدكتوره", "المهندس", "المهندسه", "د", "mr", "mrs",
        "ms", "dr", "sir"}},
      {cls::kByline, {"التغطيه", "اعداد", "تحرير"}},
      {cls::kOrgCue,
       {"شركه", "شركتي", "مجموعه", "مختبر", "مختبرات", "منصه", "بنك", "مصرف", "صندوق",
        "صحيفه", "وكاله", "موقع", "شبكه", "قناه", "جامعه", "معهد"}},
      {cls::kSuffix,
       {"inc", "ltd", "llc", "plc", "corp", "corporation", "co", "group", "holdings",
        "holding", "technologies", "technology", "tech", "research", "labs", "lab",
        "systems", "semiconductor", "semiconductors", "electronics", "capital", "partners",
        "ventures", "securities", "bank", "robotics", "intelligence", "networks", "software",
        "microelectronics", "gmbh", "ag", "sa", "bv", "kk"}},
      {cls::kThat, {"ان"}},
      {cls::kArabicOther,
       {// function words
        "في", "من", "الي", "علي", "عن", "مع", "لكن", "لكنه", "لكنها", "كما", "التي", "الذي",
        "الذين", "هذا", "هذه", "ذلك", "تلك", "هو", "هي", "هم", "قد", "لقد", "لم", "لن", "ما",
        "لا", "كان", "كانت", "يكون", "تكون", "بعد", "قبل", "عند", "عندما", "حيث", "او", "ام",
        "ثم", "بين", "حول", "خلال", "منذ", "حتي", "ايضا", "فقط", "جدا", "كل", "بعض", "غير",
        "انه", "انها", "بان", "بانه", "لان", "اذا", "اذ", "اي", "مثل", "نحو", "ضد", "عبر",
        "لدي", "لها", "له", "لهم", "به", "بها", "فيه", "فيها", "منه", "منها", "عليه", "عليها",
        "يوم", "امس", "اليوم", "غدا", "الان", "هناك", "هنا", "وفق", "وفقا", "حسب", "بحسب",
        "دون", "سوف", "ليس", "ليست", "كيف", "لماذا", "متي", "اين", "نعم", "ذات", "نفس",
        "عام", "سنه", "شهر", "اسبوع", "مليون", "مليار", "الف", "بعدما", "عندما", "بينما",
        "فيما", "مما", "لما", "كلما", "ربما", "انما", "طالما", "حينما", "اما", "الا",
        "الان", "لذلك", "لهذا", "كذلك", "هكذا", "جميع", "عده", "اكثر", "اقل", "اول", "ثاني",
        "يجب", "يمكن", "تم", "يتم", "وهو", "وهي", "علما", "رغم", "بسبب", "نتيجه",
        // common nouns and adjectives that follow speech verbs or titles
        "مسوول", "مسوولون", "مسوولين", "مسوولو", "محللون", "محللين", "مصدر", "مصادر",
        "متحدثه", "خبراء", "خبير", "تقرير", "بيان", "مستثمرون", "شخص", "اشخاص", "مطلعون",
        "مسووله", "موظف", "موظفون", "عضو", "اعضاء", "احد", "رييسي", "مسبقا", "سابقا",
        "سابق", "سابقه", "جديد", "جديده", "كبير", "كبيره", "اخر", "اخري", "قسم", "لجنه",
        "حكومه", "اداره", "تنفيذي", "عالمي", "صيني", "صينيه", "امريكي", "اميركي", "دولي",
        "الشركه", "بيانا", "لرويترز", "لوكاله", "لصحيفه", "لموقع", "لشبكه",
        "لقناه", "ردا", "تعليقا", "مضيفا", "مضيفه", "موضحا", "موضحه", "مشيرا", "مشيره",
        "موكدا", "موكده", "قايلا", "قايله", "وسايل", "اعلام", "مورد", "موردون", "جهه", "جهات",
        "مسوولا", "تقارير", "مصرفيون", "اقتصاديون", "مراقبون", "ناشطون", "مستخدمون",
        "عملاء", "منافسون", "باحثون", "علماء"}},
      {cls::kAnd, {"و"}},
      {cls::kAmp, {"and", "&"}},
      {cls::kLatinOther,
       {"the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "of", "for", "by",
        "with", "from", "to", "or", "but", "as", "it", "its", "we", "our", "they", "their",
        "he", "she", "his", "her", "i", "you", "is", "are", "was", "were", "be", "has", "have",
        "had", "will", "would", "can", "could", "not", "no", "if", "when", "while", "after",
        "before", "new", "last", "next", "first", "according", "however", "meanwhile",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}},
  };
  return kLists;
}

std::vector<std::string> name_grammar_words() {
  std::vector<std::string> out;
  for (const auto& [c, words] : class_word_lists())
    for (std::string_view w : words) out.emplace_back(w);
  return out;
}

char classify_token(Script script, std::string_view text, std::string_view original,
                    const Stems& stems, const WordInfo* const* info) {
  switch (script) {
    case Script::kArabic: {
      for (std::size_t k = 0; k < stems.size(); ++k)
        if (info[k] && info[k]->word_class) return info[k]->word_class;
      for (const Stem& stem : stems)
        if (stem.restored || stem.key.starts_with("\u0627\u0644")) return cls::kArticleWord;
      return text.size() >= 4 ? cls::kArabicName : cls::kArabicOther;
    }
    case Script::kLatin: {
      // An acronym (AT, HSBC) is a name word even when it spells a common word.
      const bool upper = !original.empty() && original.front() >= 'A' && original.front() <= 'Z';
      const bool acronym = upper && std::none_of(original.begin(), original.end(),
                                                 [](char ch) { return ch >= 'a' && ch <= 'z'; });
      const char c = info[0] ? info[0]->word_class : 0;
      if (c == cls::kLatinOther && acronym && text.size() > 1) return cls::kCapital;
      if (c) return c;
      return upper ? cls::kCapital : cls::kLatinOther;
    }
    case Script::kMixed: return cls::kMixed;
    case Script::kDigit: return cls::kDigits;
    case Script::kOther: return cls::kLatinOther;
    case Script::kSymbol: return text == "&" ? cls::kAmp : cls::kPunct;
    case Script::kPunct: break;
  }
  static constexpr std::string_view kCommas[] = {",", "\u060c"};
  static constexpr std::string_view kStops[] = {".", "!", "?", "\u061f", "\u061b", ";"};
  static constexpr std::string_view kQuotes[] = {"\"", "'", "\u201c", "\u201d", "\u00ab",
                                                 "\u00bb", "\u2018", "\u2019"};
  for (std::string_view p : kCommas) if (text == p) return cls::kComma;
  for (std::string_view p : kStops) if (text == p) return cls::kStop;
  for (std::string_view p : kQuotes) if (text == p) return cls::kQuote;
  if (text == ":") return cls::kColon;
  if (text == "(" || text == "[") return cls::kOpen;
  if (text == ")" || text == "]") return cls::kClose;
  if (text == "&") return cls::kAmp;
  return cls::kPunct;
}

}  // namespace alam::grammar
