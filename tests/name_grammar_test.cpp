// Positive and negative examples for each person and organisation rule, run through the
// tagger with a small gazetteer (so that known names get their gazetteer classes).
#include <gtest/gtest.h>

#include "alam/normalizer.hpp"
#include "alam/tagger.hpp"
#include "grammar/names.hpp"
#include "grammar/token_classes.hpp"

#include <random>

namespace alam {
namespace {

const char* kGazetteer = R"(
[nvidia] ORG
name = Nvidia
alias = إنفيديا
[sensetime] ORG
name = SenseTime
[reuters] ORG
name = Reuters
alias = رويترز
[hk] LOC
name = هونج كونج
[china] LOC
name = الصين
[given] GIVEN
alias = أحمد
alias = محمد
alias = Mohammed
alias = Ali
alias = ليزا
)";

const Tagger& tagger() {
  static const Tagger t(std::make_shared<const Gazetteer>(
      Gazetteer::from_sources({{"names.gaz", kGazetteer}}).value()));
  return t;
}

struct Case {
  const char* text;
  const char* type;   // expected grammar span type, or nullptr for none
  const char* name;   // its text
  const char* rule;   // the rule that made it
};

void check(const Case& c) {
  const std::string text = c.text;
  std::vector<Span> grammar_spans;
  for (const Span& s : tagger().tag(text))
    if (s.source.starts_with("rule:person") || s.source.starts_with("rule:org")) grammar_spans.push_back(s);
  if (!c.type) {
    for (const Span& s : grammar_spans)
      ADD_FAILURE() << c.text << ": unexpected " << type_name(s.type) << " "
                    << text.substr(s.begin, s.end - s.begin) << " by " << s.source;
    return;
  }
  bool found = false;
  for (const Span& s : grammar_spans)
    found |= type_name(s.type) == c.type && text.substr(s.begin, s.end - s.begin) == c.name &&
             s.source == std::string("rule:") + c.rule;
  EXPECT_TRUE(found) << c.text << ": want " << c.type << " " << c.name << " by " << c.rule;
}

TEST(PersonGrammar, Speech) {
  const Case cases[] = {
      {"وقال آندي ماينارد، رئيس قسم الأسهم", "PERSON", "آندي ماينارد", "person.speech"},
      {"قال ماينارد: “إن الشركة غير محبوبة”", "PERSON", "ماينارد", "person.speech"},
      {"وأضاف ليو تشيانغ إن المبيعات تراجعت", "PERSON", "ليو تشيانغ", "person.speech"},
      {"أكدت سارة كيم الرئيسة التنفيذية", "PERSON", "سارة كيم", "person.speech"},
      {"وصرح جون سميث لـرويترز.", nullptr, nullptr, nullptr},
      {"\"We will grow,\" said Jensen Huang.", "PERSON", "Jensen Huang", "person.speech"},
      {"قالت الشركة إن المبيعات تراجعت", nullptr, nullptr, nullptr},
      {"قال مسؤول في الشركة إن", nullptr, nullptr, nullptr},
      {"قال محللون إن الطلب قوي", nullptr, nullptr, nullptr},
      {"وقال مصدر مطلع إن", nullptr, nullptr, nullptr},
      {"قال إن الشركة", nullptr, nullptr, nullptr},
      {"قال في بيان", nullptr, nullptr, nullptr},
      {"قالت رويترز إن", nullptr, nullptr, nullptr},
  };
  for (const Case& c : cases) check(c);
}

TEST(PersonGrammar, SaidAfterAndApposition) {
  const Case cases[] = {
      {"Lisa Su said the chips", "PERSON", "Lisa Su", "person.said_after"},
      {"Market Research said", "ORG", "Market Research", "org.suffix"},  // not a PERSON
      {"كي يان، رئيس قسم الأبحاث في الشركة", "PERSON", "كي يان", "person.apposition"},
      {"يحل جينسن هوانغ، رئيس إنفيديا التنفيذي", "PERSON", "جينسن هوانغ", "person.apposition"},
      {"Lisa Su, chief executive of AMD", "PERSON", "Lisa Su", "person.apposition"},
      {"الشركة، رئيس مجلس الإدارة", nullptr, nullptr, nullptr},
      {"في الصين، رئيس الوزراء", nullptr, nullptr, nullptr},
      {"Nvidia, the chipmaker", nullptr, nullptr, nullptr},
  };
  for (const Case& c : cases) check(c);
}

TEST(PersonGrammar, TitlesHonorificsBylines) {
  const Case cases[] = {
      {"الرئيس التنفيذي جنسن هوانغ في المؤتمر", "PERSON", "جنسن هوانغ", "person.title"},
      {"الرئيس التنفيذي لإنفيديا جنسن هوانغ إن", "PERSON", "جنسن هوانغ", "person.title"},
      {"المدير المالي كوليت كريس في", "PERSON", "كوليت كريس", "person.title"},
      {"CEO Jensen Huang", "PERSON", "Jensen Huang", "person.title"},
      {"الرئيس التنفيذي للشركة في هونج كونج", nullptr, nullptr, nullptr},
      {"رئيس مجلس الإدارة", nullptr, nullptr, nullptr},
      {"الرئيس ترامب", nullptr, nullptr, nullptr},  // one word after a title is not enough
      {"السيد أحمد الخطيب", "PERSON", "أحمد الخطيب", "person.given"},  // longer than honorific
      {"الدكتور ماهر", "PERSON", "ماهر", "person.honorific"},
      {"Dr. Lisa Su", "PERSON", "Lisa Su", "person.honorific"},
      {"السيد الرئيس", nullptr, nullptr, nullptr},
      {"شارك في التغطية هدسون لوكيت في هونج كونج", "PERSON", "هدسون لوكيت", "person.byline"},
      {"إعداد محمد حسن", "PERSON", "محمد حسن", "person.byline"},
      {"شارك في التغطية الصحفية", nullptr, nullptr, nullptr},
  };
  for (const Case& c : cases) check(c);
}

TEST(PersonGrammar, GivenNames) {
  const Case cases[] = {
      {"التقى أحمد الخطيب بالوزير", "PERSON", "أحمد الخطيب", "person.given"},
      {"ورحب محمد أحمد الخطيب، بالقرار", "PERSON", "محمد أحمد الخطيب", "person.given"},
      {"وأحمد الخطيب حاضر في", "PERSON", "أحمد الخطيب", "person.given"},
      {"التقت ليزا سو في", "PERSON", "ليزا سو", "person.given"},
      {"Mohammed Ali said the deal", "PERSON", "Mohammed Ali", "person.said_after"},
      {"Mohammed Ali, the boxer", "PERSON", "Mohammed Ali", "person.given"},
      {"أحمد في الشركة", nullptr, nullptr, nullptr},  // a given name alone is not enough
      {"بأحمد الخطيب", nullptr, nullptr, nullptr},   // never after a preposition
  };
  for (const Case& c : cases) check(c);
}

TEST(OrgGrammar, CueSuffixCoordination) {
  const Case cases[] = {
      {"في شركة DZT Research، إن", "ORG", "DZT Research", "org.cue"},
      {"أعلنت شركة Moonshot عن", "ORG", "Moonshot", "org.cue"},
      {"مجموعة AT&T الأمريكية", "ORG", "AT&T", "org.cue"},
      {"بنك HSBC في", "ORG", "HSBC", "org.cue"},
      {"لشركة Zhipu الصينية", "ORG", "Zhipu", "org.cue"},
      {"شركة SenseTime", nullptr, nullptr, nullptr},     // known: the gazetteer's span
      {"شركة كبيرة", nullptr, nullptr, nullptr},
      {"شركة in China", nullptr, nullptr, nullptr},
      {"Biren Technology طورت", "ORG", "Biren Technology", "org.suffix"},
      {"Zhipu Labs and others", "ORG", "Zhipu Labs", "org.suffix"},
      {"Nvidia Corp said", "ORG", "Nvidia Corp", "org.suffix"},
      {"Acme Holdings Ltd", "ORG", "Acme Holdings Ltd", "org.suffix"},
      {"research labs", nullptr, nullptr, nullptr},
      {"The Group", nullptr, nullptr, nullptr},
      {"SenseTime وMegvii", "ORG", "Megvii", "org.coordinated"},
      {"Megvii وSenseTime", "ORG", "Megvii", "org.coordinated"},
      {"Nvidia, Cerebras", "ORG", "Cerebras", "org.coordinated"},
      {"SenseTime وH800", nullptr, nullptr, nullptr},
      {"Nvidia و Hong Kong", nullptr, nullptr, nullptr},
  };
  for (const Case& c : cases) check(c);
}

TEST(NameGrammars, WordListsAreInNormalizedForm) {
  const Normalizer norm;
  for (const std::string& w : grammar::name_grammar_words()) EXPECT_EQ(norm.normalize_text(w), w);
}

}  // namespace
}  // namespace alam

namespace alam {
namespace {

TEST(DocumentMemory, RepeatedGrammarNamesWithoutTheirCue) {
  const std::string text = "قال محلل في شركة DZT Research إن الطلب قوي، وتوقعت DZT Research نموا";
  std::vector<std::string> got;
  for (const Span& s : tagger().tag(text))
    got.push_back(std::string(type_name(s.type)) + " " + text.substr(s.begin, s.end - s.begin) +
                  " " + s.source);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], "ORG DZT Research rule:org.cue");
  EXPECT_EQ(got[1], "ORG DZT Research memory:rule:org.cue");
}

// match_names tries each rule only at the classes that can start it (names.cpp): the same
// matches as trying every rule everywhere, on random class strings weighted towards the rules'
// vocabulary and on the classes of real sentences.
TEST(NameGrammar, FirstClassesAreComplete) {
  namespace cls = grammar::cls;
  const std::string alphabet = {cls::kSpeech, cls::kTitle, cls::kHonorific, cls::kByline,
                                cls::kOrgCue, cls::kSuffix, cls::kThat, cls::kArabicName,
                                cls::kArabicOther, cls::kArticleWord, cls::kGiven,
                                cls::kGivenRest, cls::kCapital, cls::kLatinOther, cls::kMixed,
                                cls::kDigits, cls::kAnd, cls::kAmp, cls::kComma, cls::kColon,
                                cls::kStop, cls::kQuote, cls::kOpen, cls::kClose, cls::kPunct,
                                cls::kOrgStart, cls::kOrgRest, cls::kKnown};
  auto same = [](const std::string& classes) {
    std::vector<grammar::TokenMatch> fast, every;
    grammar::match_names(classes, fast);
    grammar::match_names(classes, every, true);
    if (fast.size() != every.size()) return false;
    for (std::size_t k = 0; k < fast.size(); ++k)
      if (fast[k].first != every[k].first || fast[k].last != every[k].last ||
          fast[k].type != every[k].type || std::string_view(fast[k].rule) != every[k].rule)
        return false;
    return true;
  };
  std::mt19937 rng(11);
  std::size_t matches = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    std::string classes(1 + rng() % 12, ' ');
    for (char& c : classes) c = alphabet[rng() % alphabet.size()];
    ASSERT_TRUE(same(classes)) << classes;
    std::vector<grammar::TokenMatch> found;
    grammar::match_names(classes, found, true);
    matches += found.size();
  }
  EXPECT_GT(matches, 1000u);  // the random strings do reach the rules
}

}  // namespace
}  // namespace alam
