// lint_gazetteer: every rule, on small texts, and the shipped gazetteers.
#include "alam/gazetteer_lint.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace alam {
namespace {

LintReport lint(const std::string& text) { return lint_gazetteer({{"t.gaz", text}}); }

// "LINE severity code" for each finding, in order.
std::vector<std::string> summary(const LintReport& r) {
  std::vector<std::string> out;
  for (const LintFinding& f : r.findings)
    out.push_back(std::to_string(f.line) +
                  (f.severity == LintSeverity::kError ? " error " : " warning ") + f.code);
  return out;
}

using Lines = std::vector<std::string>;

TEST(GazetteerLint, CleanTextHasNoFindings) {
  const LintReport r = lint(
      "# comment\n[nvidia] ORG\nname = Nvidia\nalias = إنفيديا\nalias[cs] = NV\n"
      "attr.country = US\nattr.wikidata = Q182477\n\n[stop] STOP\nalias = the\n");
  EXPECT_TRUE(r.findings.empty()) << format_finding(r.findings.front());
  EXPECT_EQ(r.errors, 0u);
  EXPECT_EQ(r.entities, 2u);
  EXPECT_EQ(r.aliases, 4u);
  EXPECT_EQ(r.files, 1u);
}

TEST(GazetteerLint, ShippedGazetteersHaveNoErrors) {
  const LintReport r = lint_gazetteer(Gazetteer::embedded_sources());
  std::string errors;
  for (const LintFinding& f : r.findings)
    if (f.severity == LintSeverity::kError) errors += format_finding(f) + "\n";
  EXPECT_EQ(r.errors, 0u) << errors;
  EXPECT_GT(r.entities, 1000u);
}

TEST(GazetteerLint, ReportsEverySyntaxError) {
  const LintReport r = lint(
      "name = early\n"        // 1: before the first header
      "[a] ORG\n"
      "nmae = A\n"            // 3: unknown key
      "alias[cz] = B\n"       // 4: unknown flag
      "alias =\n"             // 5: empty value
      "[b] THING\n"           // 6: unknown type
      "name = B\n"
      "[c] ORG\n"
      "alias = C\n"           // 8: no name (reported at the header)
      "[d] STOP\n"
      "name = D\n");          // 11: STOP with a name; 10: no alias
  EXPECT_EQ(summary(r), (Lines{"1 error syntax", "2 error structure", "3 error syntax",
                               "4 error syntax", "5 error syntax", "6 error syntax",
                               "8 error structure", "10 error structure", "11 error structure"}));
  EXPECT_EQ(format_finding(r.findings[2]),
            "t.gaz:3: error: unknown key 'nmae' (known: name, alias, attr.KEY) [syntax]");
}

TEST(GazetteerLint, DuplicateIdsAcrossFiles) {
  const LintReport r = lint_gazetteer({{"a.gaz", "[x] ORG\nname = X\n"},
                                       {"b.gaz", "# b\n[x] LOC\nname = Y\n"}});
  ASSERT_EQ(r.errors, 1u);
  EXPECT_EQ(format_finding(r.findings[0]),
            "b.gaz:2: error: duplicate id 'x' (first defined at a.gaz:1) [duplicate-id]");
}

TEST(GazetteerLint, AliasCollisionsNameBothPlaces) {
  const LintReport r = lint_gazetteer(
      {{"orgs.gaz", "[apple] ORG\nname[cs] = Apple\nalias = أبل\n[huawei] ORG\nname = Huawei\n"},
       {"places.gaz", "[loc-x] LOC\nname = ابل\n[loc-y] LOC\nname = HUAWEI\n"}});
  EXPECT_EQ(summary(r), (Lines{"2 error alias-collision", "4 error alias-collision"}));
  EXPECT_EQ(r.findings[0].file, "places.gaz");
  EXPECT_EQ(r.findings[0].message,
            "alias 'ابل' of [loc-x] LOC has the same lookup key 'ابل' as alias 'أبل' of [apple] "
            "ORG at orgs.gaz:3 (different types)");
  // Same type.
  const LintReport same = lint("[a] ORG\nname = Foo Bar\n[b] ORG\nname = foo  bar\n");
  EXPECT_EQ(summary(same), (Lines{"4 error alias-collision"}));
  EXPECT_NE(same.findings[0].message.find("(same type)"), std::string::npos);
  // Two cs aliases written differently do not collide; a cs and a plain one do.
  EXPECT_EQ(lint("[a] ORG\nname[cs] = META\n[b] ORG\nname[cs] = Meta\n").errors, 0u);
  EXPECT_EQ(lint("[a] ORG\nname[cs] = META\n[b] ORG\nname = Meta\n").errors, 1u);
  // A STOP entry that hides an entity's alias is a collision too.
  EXPECT_EQ(lint("[a] ORG\nname = Acme\n[s] STOP\nalias = ACME\n").errors, 1u);
}

TEST(GazetteerLint, AliasesWithinOneEntity) {
  const LintReport r = lint(
      "[a] ORG\nname = Acme\nalias = ACME\nalias[cs] = AcMe\nalias = إنفيديا\nalias = انفيديا\n");
  EXPECT_EQ(summary(r), (Lines{"3 warning redundant-alias", "4 warning case-variant",
                               "6 warning redundant-alias"}));
  // Two cs spellings are both useful.
  EXPECT_TRUE(lint("[a] ORG\nname[cs] = META\nalias[cs] = Meta\n").findings.empty());
}

TEST(GazetteerLint, CommonWordsAndFunctionWords) {
  const LintReport r = lint(
      "[a] ORG\nname = Apple\nalias[cs] = Apple Inc\nalias[cs] = Orange\nalias[cs] = target\n"
      "alias = في\nalias = Apple Music\n[s] STOP\nalias = the\nalias = من\n");
  EXPECT_EQ(summary(r), (Lines{"2 warning common-word", "5 warning common-word",
                               "6 warning function-word"}));
  EXPECT_NE(r.findings[0].message.find("alias[cs] = Apple"), std::string::npos);
  EXPECT_EQ(r.errors, 0u);
  LintOptions quiet;
  quiet.common_words = false;
  EXPECT_TRUE(lint_gazetteer({{"t.gaz", "[a] ORG\nname = Apple\n"}}, quiet).findings.empty());
  EXPECT_GE(common_english_words().size(), 300u);
  EXPECT_GE(arabic_function_words().size(), 50u);
}

TEST(GazetteerLint, FlagsWithoutEffectAndAttributes) {
  const LintReport r = lint(
      "[a] ORG\nname[cs] = إنفيديا\nalias[exact] = Nvidia Corp\nalias[exact] = وارن\n"
      "attr.country = usa\nattr.iso = US\nattr.wikidata = 123\nattr.iso = GB\n");
  EXPECT_EQ(summary(r), (Lines{"2 warning flag-no-effect", "3 warning flag-no-effect",
                               "5 warning attribute", "7 warning attribute", "8 warning attribute"}));
}

TEST(GazetteerLint, AliasesThatCannotStartALookup) {
  const LintReport r = lint("[a] ORG\nname = Acme\nalias = - dash\n");
  EXPECT_EQ(summary(r), (Lines{"3 error no-word-start"}));
}

TEST(GazetteerLint, KeysAreTheTaggersKeys) {
  EXPECT_EQ(gazetteer_alias_key("  China   Renaissance "), "china renaissance");
  EXPECT_EQ(gazetteer_alias_key("إنفيـديا"), "انفيديا");
  EXPECT_EQ(gazetteer_alias_key("وH800"), "و h800");
  EXPECT_EQ(gazetteer_alias_key("Arm", true), "Arm");
  EXPECT_EQ(gazetteer_alias_key("!!"), "! !");
}

TEST(GazetteerLint, ReadsFoldersAndFiles) {
  EXPECT_FALSE(lint_gazetteer_path("/nonexistent/alam"));
}

}  // namespace
}  // namespace alam
