#include "alam/tagger.hpp"

#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "alam/jsonl.hpp"
#include "alam/normalizer.hpp"
#include "alam/tokenizer.hpp"
#include "alam/utf8.hpp"

namespace alam {
namespace {

// A small gazetteer so that these tests do not depend on the shipped content.
const char* kTestGazetteer = R"(
[nvidia] ORG
name = Nvidia
alias = إنفيديا
alias = انفيديا
alias = نفيديا

[huawei] ORG
name = Huawei
alias = هواوي

[china] LOC
name = الصين
alias = China

[us] LOC
name = الولايات المتحدة
alias[cs] = US

[hk] LOC
name = هونج كونج
alias = هونغ كونغ

[china-renaissance] ORG
name = China Renaissance

[apple] ORG
name[cs] = Apple
alias = آبل

[warren] PERSON
name = وارن بافيت
alias[exact] = وارن

[jensen] PERSON
name = جنسن هوانغ

[ascend] CHIP
name = Ascend

[stop] STOP
alias = GPU
)";

std::shared_ptr<const Gazetteer> test_gazetteer() {
  static const auto g = [] {
    auto r = Gazetteer::from_sources({{"test.gaz", kTestGazetteer}});
    if (!r) throw std::runtime_error(r.status().message());
    return std::make_shared<const Gazetteer>(std::move(r).value());
  }();
  return g;
}

using Got = std::vector<std::pair<std::string, std::string>>;  // (type, original text)

Got tag(const Tagger& t, std::string_view text) {
  Got out;
  for (const Span& s : t.tag(text)) {
    EXPECT_LE(s.begin, s.end);
    EXPECT_LE(s.end, text.size());
    out.emplace_back(std::string(type_name(s.type)), std::string(text.substr(s.begin, s.end - s.begin)));
  }
  return out;
}

struct Case {
  const char* text;
  Got expected;
};

TEST(Tagger, OffsetsPointIntoTheOriginal) {
  const Tagger tagger(test_gazetteer());
  const Case cases[] = {
      {"قالت وإنفيديا إن", {{"ORG", "إنفيديا"}}},                      // proclitic outside
      {"رقائق A800 وH800", {{"CHIP", "A800"}, {"CHIP", "H800"}}},      // و glued to Latin
      {"لـNvidia", {{"ORG", "Nvidia"}}},                               // tatweel connector outside
      {"و-H800", {{"CHIP", "H800"}}},                                  // hyphen connector outside
      {"بالصين", {{"LOC", "الصين"}}},                                  // article stays in
      {"للصين", {{"LOC", "لصين"}}},                                    // لل contraction
      {"وللصين", {{"LOC", "لصين"}}},
      {"إنفيـــديا", {{"ORG", "إنفيـــديا"}}},                          // tatweel inside stays
      {"إِنْفِيدْيَا،", {{"ORG", "إِنْفِيدْيَا"}}},                    // diacritics on the name
      {"\u200fإنفيديا\u200f", {{"ORG", "إنفيديا"}}},                  // bidi marks outside
      {"“نفيديا”", {{"ORG", "نفيديا"}}},                              // quotes outside
      {"Nvidia A100", {{"ORG", "Nvidia"}, {"CHIP", "A100"}}},         // vendor and model apart
      {"Huawei Ascend 910B", {{"ORG", "Huawei"}, {"CHIP", "Ascend 910B"}}},
      {"شركة China Renaissance", {{"ORG", "China Renaissance"}}},     // longest match, no LOC
      {"في هونغ  كونغ", {{"LOC", "هونغ  كونغ"}}},                     // multi-word, any spacing
      {"الولايات المتحدة والصين", {{"LOC", "الولايات المتحدة"}, {"LOC", "الصين"}}},
      {"NVIDIA", {{"ORG", "NVIDIA"}}},                                 // case-insensitive alias
      {"Apple وآبل", {{"ORG", "Apple"}, {"ORG", "آبل"}}},
      {"apple pie", {}},                                               // case-sensitive alias
      {"US and us", {{"LOC", "US"}}},
      {"قال وارن", {{"PERSON", "وارن"}}},                              // exact alias, unsplit
      {"ارن", {}},
      {"كابل وآبل وابل", {{"ORG", "آبل"}}},                           // كابل is not ك + آبل
      {"GPU", {}},                                                     // stop entry
      {"", {}},
  };
  for (const Case& c : cases) EXPECT_EQ(tag(tagger, c.text), c.expected) << c.text;
}

TEST(Tagger, ExactAliasIsNotMatchedAfterAProclitic) {
  const Tagger tagger(test_gazetteer());
  // ووارن: the first و is a conjunction; وارن is exact, so no split may produce it...
  EXPECT_EQ(tag(tagger, "ووارن"), Got{});
  // ...but the full name is not exact.
  EXPECT_EQ(tag(tagger, "ووارن بافيت"), (Got{{"PERSON", "وارن بافيت"}}));
}

TEST(Tagger, WeakChipCodesNeedEvidence) {
  const Tagger tagger(test_gazetteer());
  EXPECT_EQ(tag(tagger, "the A4 paper size"), Got{});
  EXPECT_EQ(tag(tagger, "صدرت رقائق H20 إلى الصين"), (Got{{"CHIP", "H20"}, {"LOC", "الصين"}}));
  EXPECT_EQ(tag(tagger, "Apple M1 laptops"), (Got{{"ORG", "Apple"}, {"CHIP", "M1"}}));
  EXPECT_EQ(tag(tagger, "H100 وH20"), (Got{{"CHIP", "H100"}, {"CHIP", "H20"}}));
}

TEST(Tagger, NumericExpressions) {
  const Tagger tagger(test_gazetteer());
  EXPECT_EQ(tag(tagger, "بلغت 5.9 مليار دولار في عام 2021، بزيادة 75 في المائة"),
            (Got{{"MONEY", "5.9 مليار دولار"}, {"DATE", "2021"}, {"PERCENT", "75 في المائة"}}));
  EXPECT_EQ(tag(tagger, "في حزيران (يونيو) 2022"), (Got{{"DATE", "حزيران (يونيو) 2022"}}));
  EXPECT_EQ(tag(tagger, "بـ٥ مليارات دولار"), (Got{{"MONEY", "٥ مليارات دولار"}}));
  // Expressions that begin with a word (the grammars run there: lexicon.hpp, numeric_start),
  // also after a proclitic.
  EXPECT_EQ(tag(tagger, "بلغت ألف دولار ومليونا يوان"),
            (Got{{"MONEY", "ألف دولار"}, {"MONEY", "مليونا يوان"}}));
  EXPECT_EQ(tag(tagger, "دفعت USD 5 million"), (Got{{"MONEY", "USD 5 million"}}));
  EXPECT_EQ(tag(tagger, "منذ مارس 2024 وحتى الثاني من أبريل 2025"),
            (Got{{"DATE", "مارس 2024"}, {"DATE", "الثاني من أبريل 2025"}}));
  EXPECT_EQ(tag(tagger, "في المائة دولار يوان"), Got{});
}

TEST(Tagger, DocumentMemoryTagsTheFamilyNameAlone) {
  const Tagger tagger(test_gazetteer());
  EXPECT_EQ(tag(tagger, "التقى جنسن هوانغ بالصحفيين ثم غادر هوانغ"),
            (Got{{"PERSON", "جنسن هوانغ"}, {"PERSON", "هوانغ"}}));
  TaggerOptions off;
  off.document_memory = false;
  const Tagger plain(test_gazetteer(), off);
  EXPECT_EQ(tag(plain, "التقى جنسن هوانغ بالصحفيين ثم غادر هوانغ"), (Got{{"PERSON", "جنسن هوانغ"}}));
}

TEST(Tagger, SpansCarryCanonicalAndSource) {
  const Tagger tagger(test_gazetteer());
  const auto spans = tagger.tag("وإنفيديا A100");
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].canonical, "Nvidia");
  EXPECT_EQ(spans[0].source, "gaz:nvidia");
  EXPECT_EQ(spans[0].begin, 2u);
  EXPECT_EQ(spans[1].canonical, "");
  EXPECT_EQ(spans[1].source, "rule:chip.code");
}

// tag(text, spans) reuses the spans it is given: whatever a span held before (a canonical
// name, a flag, a gazetteer source) must not leak into the next document's spans.
TEST(Tagger, ReusedSpansVectorGivesTheSameSpans) {
  const Tagger tagger(test_gazetteer());
  const std::vector<std::string> texts = {
      "وإنفيديا A100 بالصين وهواوي وآبل في الولايات المتحدة",  // five gazetteer spans, a chip
      "لا شيء هنا",                                                 // none
      "5.9 مليار دولار في 2021",                                    // grammar spans only
      "قالت إنفي\u200fديا",                                        // a flagged span
      "قالت إنفيديا وهواوي",                                        // unflagged again
      "وارن بافيت وجنسن هوانغ ثم Ascend 910B و A800 وH800",
      "",
  };
  std::vector<Span> reused = {Span{1, 2, EntityType::kDate, "stale", "stale", kFlagBidiControl}};
  for (int round = 0; round < 3; ++round) {
    for (std::size_t i = 0; i < texts.size(); ++i) {
      const std::size_t k = round == 1 ? texts.size() - 1 - i : i;  // also in reverse
      const std::string& text = texts[k];
      tagger.tag(text, reused);
      EXPECT_EQ(reused, tagger.tag(text)) << text;
    }
  }
  tagger.tag("لا شيء هنا", reused);
  EXPECT_TRUE(reused.empty());
}

// A Latin word's class for the name grammars depends on the letter case of each occurrence
// (zorblat is not a name, Zorblat and ZORBLAT may be), while the tagger remembers what it learned
// of a word by its normalized text and of a piece of text by its original bytes. Tagging the
// same words in alternating case, over and over, gives each occurrence its own class.
TEST(Tagger, LatinWordClassFollowsTheCaseOfEachOccurrence) {
  const Tagger tagger(test_gazetteer());
  const std::vector<Case> cases = {
      {"قالت zorblat Holdings إن الأرباح ارتفعت", {}},
      {"قالت Zorblat Holdings إن الأرباح ارتفعت", {{"ORG", "Zorblat Holdings"}}},
      {"zorblat Holdings قالت إن الأرباح ارتفعت", {}},
      {"Zorblat Holdings قالت إن الأرباح ارتفعت", {{"ORG", "Zorblat Holdings"}}},
      {"قالت ZORBLAT Holdings إن الأرباح ارتفعت", {{"ORG", "ZORBLAT Holdings"}}},
  };
  for (int round = 0; round < 3; ++round)
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const Case& c = cases[round == 1 ? cases.size() - 1 - i : i];
      EXPECT_EQ(tag(tagger, c.text), c.expected) << "round " << round << ": " << c.text;
    }
}

// A character that normalizes to several (⅜ → 3⁄8) can end one candidate's last token and begin
// the next one's: in 2$1⅜% money takes "$13" and percent "8%" of the normalized text, disjoint
// tokens that share the original ⅜. Spans never overlap in the original: the one resolution
// ranks higher keeps the character, and explain() says why the other went.
TEST(Tagger, SpansNeverShareAnOriginalCharacter) {
  const Tagger tagger(test_gazetteer());
  const std::string text = "2$1\u215c% x";
  const auto spans = tagger.tag(text);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].type, EntityType::kMoney);
  EXPECT_EQ(text.substr(spans[0].begin, spans[0].end - spans[0].begin), "$1\u215c");
  bool reported = false;
  for (const Explanation& e : tagger.explain(text))
    if (!e.tagged && e.span.type == EntityType::kPercent &&
        e.candidates.front().verdict.starts_with("dropped: shares an original character"))
      reported = true;
  EXPECT_TRUE(reported);
  // Of the two, the one resolution ranks higher keeps the character, here the longer one on
  // the right (money "⅜ مليار دولار" over money "$1⅜").
  const std::string right = "2$1\u215c مليار دولار";
  const auto longer = tagger.tag(right);
  ASSERT_EQ(longer.size(), 1u);
  EXPECT_EQ(right.substr(longer[0].begin, longer[0].end - longer[0].begin),
            "\u215c مليار دولار");
  // The same with other characters that expand, anywhere between numbers, signs and names.
  for (const char* x : {"\u215c", "\u00bd", "\u2153", "\u33cf", "\ufb01", "\u2474", "\u3392"})
    for (const char* shape : {"2$1X% x", "5X% x", "$5X5% x", "٢٠٢١X٪ و", "US$ 1X1% A100"}) {
      std::string t = shape;
      t.replace(t.find('X'), 1, x);
      const auto got = tagger.tag(t);
      for (std::size_t i = 1; i < got.size(); ++i)
        EXPECT_LE(got[i - 1].end, got[i].begin) << t;
    }
}

TEST(Tagger, InvalidUtf8IsReadAsReplacementCharacters) {
  const Tagger tagger(test_gazetteer());
  const std::string text = "\xff\xfe إنفيديا \xc0";
  const auto spans = tagger.tag(text);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].begin, 3u);
  EXPECT_EQ(text.substr(spans[0].begin, spans[0].end - spans[0].begin), "إنفيديا");
}

TEST(Tagger, ConstTagIsSafeAcrossThreads) {
  const Tagger tagger(test_gazetteer());
  const std::vector<std::string> texts = {"وإنفيديا A100 بالصين", "رقائق A800 وH800",
                                          "5.9 مليار دولار في 2021", "لـNvidia و-H800"};
  std::vector<std::vector<Span>> expected;
  for (const auto& t : texts) expected.push_back(tagger.tag(t));
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int k = 0; k < 4; ++k)
    threads.emplace_back([&] {
      for (int round = 0; round < 200; ++round)
        for (std::size_t i = 0; i < texts.size(); ++i)
          if (tagger.tag(texts[i]) != expected[i]) ++mismatches;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

// The tokenizer classifies code points from U+0800 up a block of 256 at a time, on first use:
// threads that meet the same new blocks at once must all see them classified (run under
// ThreadSanitizer by scripts/sanitize.sh tsan).
TEST(Tokenizer, LazyCharacterClassesAreSafeAcrossThreads) {
  std::vector<char32_t> probes;  // one code point from each block no other test is likely to use
  for (char32_t block = 0x30; block < 0x100; ++block)
    if (block < 0xD8 || block > 0xDF) probes.push_back(block << 8 | 0x47);
  auto text_from = [&](std::size_t start) {
    std::string text;
    for (std::size_t k = 0; k < probes.size(); ++k) {
      utf8::append(text, probes[(start + k) % probes.size()]);
      text += " a";
      utf8::append(text, probes[(start + k) % probes.size()]);
      text += ' ';
    }
    return text;
  };
  constexpr int kThreads = 4;
  std::vector<std::vector<Token>> seen(kThreads);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      const std::string text = text_from(std::size_t(t) * probes.size() / kThreads);
      ++ready;
      while (ready.load() < kThreads) std::this_thread::yield();  // start together
      seen[t] = tokenize(text);
    });
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) {
    const std::vector<Token> again = tokenize(text_from(std::size_t(t) * probes.size() / kThreads));
    ASSERT_EQ(seen[t].size(), again.size()) << "thread " << t;
    for (std::size_t k = 0; k < again.size(); ++k) {
      EXPECT_EQ(seen[t][k].begin, again[k].begin);
      EXPECT_EQ(seen[t][k].end, again[k].end);
      EXPECT_EQ(seen[t][k].script, again[k].script);
    }
  }
}

TEST(Tagger, EmbeddedGazetteerTagsTechNews) {
  auto g = Gazetteer::embedded();
  ASSERT_TRUE(g) << g.status().message();
  const Tagger tagger(std::make_shared<const Gazetteer>(std::move(g).value()));
  const Got got = tag(tagger, "وقالت إنفيديا إن رقائق A800 وH800 لن تُباع في الصين");
  EXPECT_EQ(got, (Got{{"ORG", "إنفيديا"}, {"CHIP", "A800"}, {"CHIP", "H800"}, {"LOC", "الصين"}}));
}

}  // namespace
}  // namespace alam

namespace alam {
namespace {

// Property: marks sprinkled anywhere (diacritics and tatweel between Arabic letters, bidi and
// joiner controls between words) never change what is found, and every span re-slices to text
// that normalizes to the clean name.
TEST(TaggerProperty, OffsetsSurviveEveryKindOfMark) {
  const Tagger tagger(test_gazetteer());
  const Normalizer norm;
  const std::vector<std::string> sentences = {
      "قالت وإنفيديا إن رقائق A800 وH800 لن تباع بالصين", "أعلنت هواوي عن Ascend 910B في هونج كونج",
      "قال جنسن هوانغ إن China Renaissance والولايات المتحدة", "للصين وآبل و-H800"};
  const std::vector<std::string> arabic_marks = {"\u064e", "\u064f", "\u0650", "\u0651", "\u0652",
                                                 "\u064b", "\u0670", "\u0640"};
  const std::vector<std::string> controls = {"\u200f", "\u200e", "\u061c", "\u202b", "\u202c",
                                             "\u2067", "\u2069", "\u200c", "\ufeff"};
  std::mt19937 rng(7);
  for (const std::string& clean : sentences) {
    std::vector<std::pair<EntityType, std::string>> expected;
    for (const Span& s : tagger.tag(clean))
      expected.emplace_back(s.type, norm.normalize_text(clean.substr(s.begin, s.end - s.begin)));
    ASSERT_FALSE(expected.empty()) << clean;
    for (int round = 0; round < 200; ++round) {
      // Rebuild the sentence code point by code point, inserting marks.
      std::string noisy;
      for (std::size_t i = 0; i < clean.size();) {
        const utf8::Decoded d = utf8::decode(clean, i);
        noisy.append(clean, i, d.size);
        const bool arabic_letter = d.cp >= 0x0621 && d.cp <= 0x064A;
        if (arabic_letter && rng() % 3 == 0) noisy += arabic_marks[rng() % arabic_marks.size()];
        if (d.cp == U' ' && rng() % 3 == 0) noisy += controls[rng() % controls.size()];
        i += d.size;
      }
      const std::vector<Span> spans = tagger.tag(noisy);
      ASSERT_EQ(spans.size(), expected.size()) << noisy;
      for (std::size_t k = 0; k < spans.size(); ++k) {
        const std::string slice = noisy.substr(spans[k].begin, spans[k].end - spans[k].begin);
        EXPECT_EQ(utf8::first_invalid(slice), std::string::npos);  // on code point boundaries
        EXPECT_EQ(spans[k].type, expected[k].first) << noisy;
        EXPECT_EQ(norm.normalize_text(slice), expected[k].second) << noisy;
        // a span never starts or ends with a control or a tatweel
        EXPECT_NE(utf8::decode(slice, 0).cp, U'\u0640');
        EXPECT_FALSE(slice.ends_with("\u200f") || slice.ends_with("\u0640")) << slice;
      }
    }
  }
}

}  // namespace
}  // namespace alam

namespace alam {
namespace {

TEST(TaggerExplain, ShowsEveryCompetitorAndWhyTheWinnerWon) {
  const Tagger tagger(test_gazetteer());
  const std::string text = "شركة China Renaissance والمعالج M1 وGPU";
  const std::vector<Explanation> ex = tagger.explain(text);
  // The tagged spans are exactly tag()'s spans.
  std::vector<Span> tagged;
  for (const Explanation& e : ex)
    if (e.tagged) tagged.push_back(e.span);
  EXPECT_EQ(tagged, tagger.tag(text));
  auto find = [&](std::string_view surface) -> const Explanation* {
    for (const Explanation& e : ex)
      if (text.substr(e.span.begin, e.span.end - e.span.begin) == surface) return &e;
    return nullptr;
  };
  const Explanation* cr = find("China Renaissance");
  ASSERT_NE(cr, nullptr);
  ASSERT_GE(cr->candidates.size(), 2u);
  EXPECT_TRUE(cr->candidates[0].chosen);
  EXPECT_NE(cr->candidates[0].evidence.find("gazetteer entry china-renaissance (test.gaz:"),
            std::string::npos);
  bool china_lost = false;  // LOC China inside the longer name (guideline rule 8)
  for (const CandidateReport& c : cr->candidates)
    china_lost |= c.span.type == EntityType::kLoc && !c.chosen &&
                  c.verdict.starts_with("lost: shorter than ORG");
  EXPECT_TRUE(china_lost);
  const Explanation* m1 = find("M1");
  ASSERT_NE(m1, nullptr);
  EXPECT_TRUE(m1->tagged);
  EXPECT_NE(m1->candidates[0].evidence.find("bare code"), std::string::npos);
  const Explanation* gpu = find("GPU");
  ASSERT_NE(gpu, nullptr);
  EXPECT_FALSE(gpu->tagged);  // stop entry
  const std::vector<Explanation> weak = tagger.explain("the A4 paper");
  ASSERT_EQ(weak.size(), 1u);
  EXPECT_FALSE(weak[0].tagged);
  EXPECT_TRUE(weak[0].candidates[0].verdict.starts_with("rejected"));
}

}  // namespace
}  // namespace alam

namespace alam {
namespace {

// Trojan Source-style spoofing: a bidi control inside a name is read through, but flagged.
TEST(TaggerBidi, ControlsInsideASpanAreFlagged) {
  const Tagger tagger(test_gazetteer());
  struct Case { std::string text; unsigned flags; };
  const Case cases[] = {
      {"قالت إنفي\u202eديا", kFlagBidiControl},        // an override inside the name
      {"Nvi\u2067dia\u2069 A100", kFlagBidiControl},   // an isolate inside the name
      {"\u200fإنفيديا\u200f", 0},                       // marks around the name are outside
      {"إنفيديا", 0},
  };
  for (const Case& c : cases) {
    const auto spans = tagger.tag(c.text);
    ASSERT_FALSE(spans.empty()) << c.text;
    EXPECT_EQ(spans[0].type, EntityType::kOrg) << c.text;
    EXPECT_EQ(spans[0].flags, c.flags) << c.text;
  }
  std::string out;
  append_document_json(out, "", cases[0].text, tagger.tag(cases[0].text));
  EXPECT_NE(out.find(R"("flags":["bidi-control"])"), std::string::npos) << out;
}

// Every control at every place inside a longer name (more than one 16-byte block), and the
// characters that share a byte with one (E2 …, … 9C) but are none.
TEST(TaggerBidi, EveryControlAnywhereInALongName) {
  const Tagger tagger(test_gazetteer());
  const std::string name = "الولايات المتحدة";  // 31 bytes
  for (const char* control : {"\u061C", "\u200E", "\u200F", "\u202A", "\u202E", "\u2066",
                              "\u2069"})
    for (std::size_t at = 1; at < name.size(); ++at) {
      // at a character boundary inside a word
      if ((name[at] & 0xC0) == 0x80 || name[at] == ' ' || name[at - 1] == ' ') continue;
      const std::string text = "في " + name.substr(0, at) + control + name.substr(at) + " اليوم";
      const auto spans = tagger.tag(text);
      ASSERT_EQ(spans.size(), 1u) << text;
      EXPECT_EQ(spans[0].flags, kFlagBidiControl) << at << " " << text;
    }
  for (const char* other : {"\u200D", "\u2014", "\u069C", "\u065C"}) {
    const std::string text = "في الولايات" + std::string(other) + " المتحدة";
    const auto spans = tagger.tag(text);
    for (const Span& s : spans) EXPECT_EQ(s.flags, 0u) << text;
  }
}

}  // namespace
}  // namespace alam
