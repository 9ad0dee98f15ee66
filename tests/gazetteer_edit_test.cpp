// GazetteerDocument (line-preserving edits) and GazetteerStore (locked, validated, atomic
// writes over a folder).
#include "alam/gazetteer_edit.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "alam/gazetteer_lint.hpp"

namespace alam {
namespace {

namespace fs = std::filesystem;

const char* const kOrgs =
    "# orgs.gaz — a test file\n"
    "# with a header comment\n"
    "\n"
    "# === AI labs ===\n"
    "\n"
    "[openai] ORG\n"
    "name = OpenAI\n"
    "alias =   Open  AI  \n"
    "alias = أوبن إيه آي\n"
    "# a comment inside the entity\n"
    "attr.country = US\n"
    "\n"
    "[arm] ORG\n"
    "name[cs] = Arm\n"
    "alias[cs] = ARM\n"
    "alias = Arm Holdings\n"
    "\n"
    "\n"
    "# === Stop list ===\n"
    "\n"
    "[stop-generic] STOP\n"
    "alias = AI\n"
    "alias = GPU\n";

GazetteerDocument doc(const std::string& text) { return GazetteerDocument::parse("t.gaz", text); }

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// The lines of `after` without those in [first, last] (1-based) must be `before`.
void expect_only_inserted(const std::string& before, const std::string& after, std::size_t first,
                          std::size_t last) {
  std::vector<std::string> a = lines_of(after);
  ASSERT_LE(last, a.size());
  a.erase(a.begin() + std::ptrdiff_t(first - 1), a.begin() + std::ptrdiff_t(last));
  EXPECT_EQ(a, lines_of(before));
}

NewEntity org(std::string id, std::string name, std::vector<AliasSpec> aliases = {}) {
  NewEntity e;
  e.type = EntityType::kOrg;
  e.id = std::move(id);
  e.name = {std::move(name)};
  e.aliases = std::move(aliases);
  return e;
}

// ---------------------------------------------------------------------------------------------
// Document model

TEST(GazetteerDocument, KeepsEveryByte) {
  for (const std::string text :
       {std::string(kOrgs), std::string(""), std::string("\n"), std::string("# only\n\n\n"),
        std::string("[a] ORG\nname = A"), std::string("\xEF\xBB\xBF[a] ORG\r\nname = A\r\n"),
        std::string("[a] ORG\n\tname\t=\tA  \n\n\n")}) {
    EXPECT_EQ(doc(text).text(), text);
  }
  for (const GazetteerSource& s : Gazetteer::embedded_sources())
    EXPECT_EQ(GazetteerDocument::parse(s.name, s.text).text(), s.text) << s.name;
}

TEST(GazetteerDocument, ReadsEntitiesAsTheParserDoes) {
  auto parsed = parse_entities(Gazetteer::embedded_sources());
  ASSERT_TRUE(parsed) << parsed.status().message();
  std::vector<Entity> mine;
  for (const GazetteerSource& s : Gazetteer::embedded_sources()) {
    const GazetteerDocument d = GazetteerDocument::parse(s.name, s.text);
    EXPECT_TRUE(d.problems().empty()) << s.name;
    for (const EntityBlock& b : d.blocks()) mine.push_back(d.entity(b));
  }
  ASSERT_EQ(mine.size(), parsed->size());
  for (std::size_t i = 0; i < mine.size(); ++i) {
    const Entity& a = mine[i];
    const Entity& b = (*parsed)[i];
    ASSERT_EQ(a.id, b.id);
    EXPECT_EQ(a.type, b.type) << a.id;
    EXPECT_EQ(a.name, b.name) << a.id;
    EXPECT_EQ(a.file, b.file) << a.id;
    EXPECT_EQ(a.line, b.line) << a.id;
    EXPECT_EQ(a.attributes, b.attributes) << a.id;
    ASSERT_EQ(a.aliases.size(), b.aliases.size()) << a.id;
    for (std::size_t k = 0; k < a.aliases.size(); ++k) {
      EXPECT_EQ(a.aliases[k].text, b.aliases[k].text) << a.id;
      EXPECT_EQ(a.aliases[k].case_sensitive, b.aliases[k].case_sensitive) << a.id;
      EXPECT_EQ(a.aliases[k].exact, b.aliases[k].exact) << a.id;
      EXPECT_EQ(a.aliases[k].line, b.aliases[k].line) << a.id;
    }
  }
}

TEST(GazetteerDocument, BlocksSpanHeaderToLastEntryLine) {
  const GazetteerDocument d = doc(kOrgs);
  ASSERT_EQ(d.blocks().size(), 3u);
  EXPECT_EQ(d.blocks()[0].id, "openai");
  EXPECT_EQ(d.blocks()[0].first_line, 6u);
  EXPECT_EQ(d.blocks()[0].last_line, 11u);  // the inner comment belongs to it
  EXPECT_EQ(d.blocks()[1].first_line, 13u);
  EXPECT_EQ(d.blocks()[1].last_line, 16u);  // the banner after it does not
  EXPECT_EQ(d.blocks()[2].type, "STOP");
  EXPECT_EQ(d.info(8).value, "Open AI");
  EXPECT_EQ(d.info(14).kind, GazLineKind::kName);
  EXPECT_TRUE(d.info(14).case_sensitive);
  EXPECT_EQ(d.block_text(d.blocks()[1]), "[arm] ORG\nname[cs] = Arm\nalias[cs] = ARM\nalias = Arm Holdings\n");
}

// Each bad text's first problem is the parser's error, with the same line, column and words.
TEST(GazetteerDocument, ProblemsMatchTheParser) {
  const std::vector<std::string> bad = {
      "name = x\n",
      "[a] ORG\nname = A\nnmae = B\n",
      "[a] ORG\nname = A\nalias[cz] = B\n",
      "[a] ORG\nname = A\nalias[cs = B\n",
      "[a] ORG\nname = A\nalias =\n",
      "[a] ORG\nname = A\nalias B\n",
      "[a] ORGANIZATION\nname = A\n",
      "[a b] ORG\nname = A\n",
      "[a ORG\nname = A\n",
      "[a] ORG\nalias = A\n",
      "[a] ORG\nname = A\nname = B\n",
      "[s] STOP\nname = A\n",
      "[s] STOP\n\n[t] ORG\nname = T\n",
      "[a] ORG\nname = A\nattr.x y = 1\n",
      "[a] ORG\nname = \xFF\n",
  };
  for (const std::string& text : bad) {
    auto parsed = parse_entities({{"t.gaz", text}});
    ASSERT_FALSE(parsed) << text;
    const auto problems = doc(text).problems();
    ASSERT_FALSE(problems.empty()) << text;
    const BlockProblem& p = problems.front();
    EXPECT_EQ(parsed.status().message(), "t.gaz:" + std::to_string(p.line) + ":" +
                                             std::to_string(p.column) + ": " + p.message)
        << text;
  }
  // Unlike the parser, every problem is reported.
  EXPECT_EQ(doc("[a] ORG\nname = A\nfoo = 1\nbar = 2\n[b] ORG\n").problems().size(), 3u);
}

TEST(GazetteerDocument, AddsEntityAfterTheLastOfItsType) {
  GazetteerDocument d = doc(kOrgs);
  auto line = d.add_entity(org("zhipu", "Zhipu AI", {{"تشيبو"}, {"Zhipu", true}}));
  ASSERT_TRUE(line) << line.status().message();
  EXPECT_EQ(*line, 18u);  // after [arm] and one blank line, before the stop banner
  const std::string text = d.text();
  EXPECT_NE(text.find("\n\n[zhipu] ORG\nname = Zhipu AI\nalias = تشيبو\nalias[cs] = Zhipu\n\n\n# === Stop"),
            std::string::npos)
      << text;
  expect_only_inserted(kOrgs, text, 17, 21);
  ASSERT_NE(d.find("zhipu"), nullptr);
  EXPECT_TRUE(Gazetteer::from_sources({{"t.gaz", text}})) << text;
}

TEST(GazetteerDocument, AddsEntityAfterAGivenOneOrAtTheEnd) {
  GazetteerDocument d = doc(kOrgs);
  NewEntity e = org("x", "X");
  e.attributes = {{"country", "CN"}};
  auto line = d.add_entity(e, "openai");
  ASSERT_TRUE(line);
  EXPECT_EQ(*line, 13u);
  expect_only_inserted(kOrgs, d.text(), 12, 15);  // a blank line, then the block
  EXPECT_EQ(d.line(15), "attr.country = CN");

  GazetteerDocument p = doc("# people\n[per-a] PERSON\nname = A");  // no final newline
  NewEntity person;
  person.type = EntityType::kPerson;
  person.id = "per-b";
  person.name = {"B"};
  ASSERT_TRUE(p.add_entity(person));
  EXPECT_EQ(p.text(), "# people\n[per-a] PERSON\nname = A\n\n[per-b] PERSON\nname = B\n");

  GazetteerDocument empty = doc("");
  ASSERT_TRUE(empty.add_entity(org("x", "X")));
  EXPECT_EQ(empty.text(), "[x] ORG\nname = X\n");

  GazetteerDocument crlf = doc("[a] ORG\r\nname = A\r\n");
  ASSERT_TRUE(crlf.add_entity(org("b", "B")));
  EXPECT_EQ(crlf.text(), "[a] ORG\r\nname = A\r\n\r\n[b] ORG\r\nname = B\r\n");
}

TEST(GazetteerDocument, RefusesBadNewEntities) {
  GazetteerDocument d = doc(kOrgs);
  EXPECT_FALSE(d.add_entity(org("openai", "Other")));  // taken
  EXPECT_FALSE(d.add_entity(org("bad id", "X")));
  EXPECT_FALSE(d.add_entity(org("x", "")));
  EXPECT_FALSE(d.add_entity(org("x", "two\nlines")));
  EXPECT_FALSE(d.add_entity(org("x", "X", {{"  "}})));
  NewEntity stop;
  stop.type = EntityType::kStop;
  stop.id = "stop-x";
  EXPECT_FALSE(d.add_entity(stop));  // no alias
  stop.name = {"N"};
  stop.aliases = {{"N"}};
  EXPECT_FALSE(d.add_entity(stop));  // a STOP entry has no name
  EXPECT_EQ(d.text(), kOrgs);
}

TEST(GazetteerDocument, AddsAliasAfterTheLastAlias) {
  GazetteerDocument d = doc(kOrgs);
  auto line = d.add_alias("openai", {"OpenAI Inc"});
  ASSERT_TRUE(line);
  EXPECT_EQ(*line, 10u);  // before the inner comment and the attribute
  expect_only_inserted(kOrgs, d.text(), 10, 10);
  EXPECT_EQ(d.line(10), "alias = OpenAI Inc");
  ASSERT_TRUE(d.add_alias("arm", {"Arm Ltd", true, true}));
  EXPECT_EQ(d.line(18), "alias[cs,exact] = Arm Ltd");
  EXPECT_FALSE(d.add_alias("arm", {"Arm Holdings"}));       // already there
  EXPECT_FALSE(d.add_alias("nope", {"x"}));                 // no such entity
  EXPECT_FALSE(d.add_alias("arm", {"x\ny"}));               // line break
}

TEST(GazetteerDocument, RemovesEntityWithOneBlankLine) {
  GazetteerDocument d = doc(kOrgs);
  ASSERT_TRUE(d.add_entity(org("zhipu", "Zhipu AI")));
  ASSERT_TRUE(d.remove_entity("zhipu"));
  EXPECT_EQ(d.text(), kOrgs);  // add then remove is the identity

  ASSERT_TRUE(d.remove_entity("openai"));
  EXPECT_EQ(d.text().find("openai"), std::string::npos);
  EXPECT_NE(d.text().find("# === AI labs ===\n\n[arm] ORG\n"), std::string::npos) << d.text();
  ASSERT_TRUE(d.remove_entity("stop-generic"));
  EXPECT_TRUE(d.text().ends_with("# === Stop list ===\n")) << d.text();
  EXPECT_FALSE(d.remove_entity("stop-generic"));
}

TEST(GazetteerDocument, RemovesAliasesByTextOrKey) {
  GazetteerDocument d = doc(kOrgs);
  ASSERT_TRUE(d.remove_alias("openai", "Open AI"));  // spaces collapse as in the parser
  EXPECT_EQ(d.text().find("Open  AI"), std::string::npos);
  auto by_key = d.remove_alias("openai", "اوبن ايه اي");  // alef variants: the same key
  ASSERT_TRUE(by_key) << by_key.status().message();
  EXPECT_EQ(d.text().find("أوبن"), std::string::npos);
  auto name = d.remove_alias("openai", "OpenAI");
  ASSERT_FALSE(name);
  EXPECT_NE(name.status().message().find("rename"), std::string::npos);
  EXPECT_FALSE(d.remove_alias("openai", "nothing"));
  // ARM (cs) and Arm (cs name) share a key: ambiguous unless written exactly.
  GazetteerDocument e = doc("[a] ORG\nname = A\nalias[cs] = Xy\nalias[cs] = XY\n");
  EXPECT_FALSE(e.remove_alias("a", "xy"));
  EXPECT_TRUE(e.remove_alias("a", "XY"));
  EXPECT_EQ(e.text(), "[a] ORG\nname = A\nalias[cs] = Xy\n");
}

TEST(GazetteerDocument, RenamesKeepingTheOldNameAsAlias) {
  GazetteerDocument d = doc(kOrgs);
  auto line = d.rename("openai", {"OpenAI Global"}, true);
  ASSERT_TRUE(line);
  EXPECT_EQ(*line, 7u);
  EXPECT_EQ(d.line(7), "name = OpenAI Global");
  EXPECT_EQ(d.line(8), "alias = OpenAI");
  expect_only_inserted(kOrgs, [&] {
    std::string t = d.text();
    t.replace(t.find("OpenAI Global"), 13, "OpenAI");
    return t;
  }(), 8, 8);

  GazetteerDocument drop = doc(kOrgs);
  ASSERT_TRUE(drop.rename("openai", {"Open AI"}, true));  // an alias becomes the name
  EXPECT_EQ(drop.text().find("alias =   Open  AI"), std::string::npos);
  EXPECT_NE(drop.text().find("name = Open AI\nalias = OpenAI\n"), std::string::npos) << drop.text();

  GazetteerDocument no_keep = doc(kOrgs);
  ASSERT_TRUE(no_keep.rename("openai", {"Open-AI"}, false));
  EXPECT_EQ(no_keep.text().find("= OpenAI\n"), std::string::npos);

  GazetteerDocument same_key = doc(kOrgs);  // a case change keeps no redundant alias
  ASSERT_TRUE(same_key.rename("openai", {"OPENAI"}, true));
  EXPECT_EQ(same_key.text().find("alias = OpenAI"), std::string::npos);

  EXPECT_FALSE(d.rename("stop-generic", {"X"}, true));
}

TEST(GazetteerDocument, ChangesIdTypeAttributesAndFlags) {
  GazetteerDocument d = doc(kOrgs);
  ASSERT_TRUE(d.change_id("arm", "arm-holdings"));
  EXPECT_EQ(d.line(13), "[arm-holdings] ORG");
  EXPECT_FALSE(d.change_id("arm-holdings", "openai"));
  EXPECT_FALSE(d.change_id("arm-holdings", "no good"));
  ASSERT_TRUE(d.set_type("arm-holdings", EntityType::kProduct));
  EXPECT_EQ(d.line(13), "[arm-holdings] PRODUCT");
  EXPECT_FALSE(d.set_type("arm-holdings", EntityType::kStop));

  auto replaced = d.set_attribute("openai", "attr.country", "GB");
  ASSERT_TRUE(replaced);
  EXPECT_EQ(*replaced, 11u);
  EXPECT_EQ(d.line(11), "attr.country = GB");
  auto added = d.set_attribute("openai", "wikidata", "Q21708200");
  ASSERT_TRUE(added);
  EXPECT_EQ(*added, 12u);
  EXPECT_EQ(d.line(12), "attr.wikidata = Q21708200");
  EXPECT_FALSE(d.set_attribute("openai", "bad key", "x"));
  EXPECT_FALSE(d.set_attribute("openai", "k", ""));
  ASSERT_TRUE(d.unset_attribute("openai", "wikidata"));
  EXPECT_FALSE(d.unset_attribute("openai", "wikidata"));

  auto flags = d.set_alias_flags("arm-holdings", "Arm Holdings", true, true);
  ASSERT_TRUE(flags);
  EXPECT_EQ(d.line(*flags), "alias[cs,exact] = Arm Holdings");
  ASSERT_TRUE(d.set_alias_flags("arm-holdings", "Arm", false, false));
  EXPECT_EQ(d.line(14), "name = Arm");

  // Everything else is as it was.
  std::string expected = kOrgs;
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"[arm] ORG", "[arm-holdings] PRODUCT"},
           {"attr.country = US", "attr.country = GB"},
           {"alias = Arm Holdings", "alias[cs,exact] = Arm Holdings"},
           {"name[cs] = Arm", "name = Arm"}})
    expected.replace(expected.find(from), from.size(), to);
  EXPECT_EQ(d.text(), expected);
}

TEST(GazetteerDocument, RefusesAmbiguousIds) {
  GazetteerDocument d = doc("[a] ORG\nname = A\n[a] ORG\nname = B\n");
  auto r = d.add_alias("a", {"C"});
  ASSERT_FALSE(r);
  EXPECT_NE(r.status().message().find("defined twice"), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Helpers

TEST(GazetteerEditHelpers, ParsesAliasSpecs) {
  auto plain = parse_alias_spec("  Arm  Ltd ");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->text, "Arm Ltd");
  EXPECT_FALSE(plain->case_sensitive);
  auto flagged = parse_alias_spec("[cs, exact]Arm");
  ASSERT_TRUE(flagged);
  EXPECT_EQ(flagged->text, "Arm");
  EXPECT_TRUE(flagged->case_sensitive && flagged->exact);
  EXPECT_FALSE(parse_alias_spec("[cz] Arm"));
  EXPECT_FALSE(parse_alias_spec("[cs Arm"));
  EXPECT_FALSE(parse_alias_spec("[cs]"));
  EXPECT_EQ(format_alias_line("alias", {"Arm", true, false}), "alias[cs] = Arm");
  EXPECT_EQ(format_alias_line("name", {"Arm"}), "name = Arm");
}

TEST(GazetteerEditHelpers, MakesIdsFromNames) {
  auto none = [](std::string_view) { return false; };
  EXPECT_EQ(make_entity_id(EntityType::kOrg, "Zhipu AI", {}, none), "zhipu-ai");
  EXPECT_EQ(make_entity_id(EntityType::kPerson, "جنسن هوانغ", {{"Jensen Huang"}}, none),
            "per-jensen-huang");
  EXPECT_EQ(make_entity_id(EntityType::kProduct, "GPT-3.5", {}, none), "prod-gpt-3-5");
  EXPECT_EQ(make_entity_id(EntityType::kLoc, "Zürich", {}, none), "loc-zurich");
  const std::string arabic = make_entity_id(EntityType::kLoc, "الصين", {}, none);
  EXPECT_TRUE(arabic.starts_with("loc-") && arabic.size() > 4) << arabic;
  EXPECT_EQ(make_entity_id(EntityType::kOrg, "A", {},
                           [](std::string_view id) { return id == "a" || id == "a-2"; }),
            "a-3");
  EXPECT_EQ(default_gazetteer_file(EntityType::kPerson), "people.gaz");
  EXPECT_EQ(default_gazetteer_file(EntityType::kLoc), "places.gaz");
}

// ---------------------------------------------------------------------------------------------
// Store

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("alam_store_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    write("orgs.gaz", kOrgs);
    write("people.gaz", "# people\n\n[per-jensen-huang] PERSON\nname = Jensen Huang\nalias = جنسن هوانغ\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  std::string read(const std::string& name) const {
    std::ifstream in(dir_ / name, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  GazetteerStore store() const {
    auto s = GazetteerStore::open(dir_);
    EXPECT_TRUE(s) << s.status().message();
    return std::move(s).value();
  }
  std::set<std::string> ids() const {
    auto sources = Gazetteer::read_sources({dir_});
    EXPECT_TRUE(sources);
    auto parsed = parse_entities(*sources);
    EXPECT_TRUE(parsed) << parsed.status().message();
    std::set<std::string> out;
    if (parsed)
      for (const Entity& e : *parsed) out.insert(e.id);
    return out;
  }

  fs::path dir_;
};

TEST_F(StoreTest, AddsIntoTheFileOfTheType) {
  NewEntity e;
  e.type = EntityType::kOrg;
  e.name = {"Zhipu AI"};
  e.aliases = {{"تشيبو"}};
  auto r = store().add_entity(e);
  ASSERT_TRUE(r) << r.status().message();
  EXPECT_EQ(r->id, "zhipu-ai");
  EXPECT_EQ(r->file, (dir_ / "orgs.gaz").string());
  EXPECT_EQ(r->line, 18u);
  EXPECT_EQ(r->message, (dir_ / "orgs.gaz").string() + ":18: added [zhipu-ai] ORG");
  expect_only_inserted(kOrgs, read("orgs.gaz"), 17, 20);

  NewEntity p;
  p.type = EntityType::kPerson;
  p.name = {"لي شو"};
  p.aliases = {{"Li Shu"}};
  auto rp = store().add_entity(p);
  ASSERT_TRUE(rp) << rp.status().message();
  EXPECT_EQ(rp->id, "per-li-shu");
  EXPECT_TRUE(read("people.gaz").ends_with("\n\n[per-li-shu] PERSON\nname = لي شو\nalias = Li Shu\n"));

  NewEntity chip;  // a missing file is created
  chip.type = EntityType::kChip;
  chip.name = {"Ascend 910C"};
  auto rc = store().add_entity(chip);
  ASSERT_TRUE(rc) << rc.status().message();
  EXPECT_EQ(read("chips.gaz"), "[chip-ascend-910c] CHIP\nname = Ascend 910C\n");

  NewEntity stop;  // a STOP entry goes where the STOP entries are
  stop.type = EntityType::kStop;
  stop.aliases = {{"AI PC"}};
  auto rs = store().add_entity(stop);
  ASSERT_TRUE(rs) << rs.status().message();
  EXPECT_EQ(rs->file, (dir_ / "orgs.gaz").string());
  EXPECT_TRUE(read("orgs.gaz").ends_with("alias = GPU\n\n[stop-ai-pc] STOP\nalias = AI PC\n"));
  EXPECT_EQ(ids(), (std::set<std::string>{"openai", "arm", "stop-generic", "zhipu-ai",
                                          "per-jensen-huang", "per-li-shu", "chip-ascend-910c",
                                          "stop-ai-pc"}));
}

TEST_F(StoreTest, GivenListsGoToTheirFileAndCollideWithNothing) {
  NewEntity given;
  given.type = EntityType::kGiven;
  given.aliases = {{"Jensen"}, {"جنسن هوانغ"}};  // the second is also [per-jensen-huang]'s alias
  auto r = store().add_entity(given);
  ASSERT_TRUE(r) << r.status().message();
  EXPECT_EQ(r->id, "given-jensen");
  EXPECT_EQ(read("given.gaz"), "[given-jensen] GIVEN\nalias = Jensen\nalias = جنسن هوانغ\n");
  given.id = "given-more";
  given.aliases = {{"Lisa"}};
  auto more = store().add_entity(given);  // into the file that has the GIVEN lists
  ASSERT_TRUE(more);
  EXPECT_EQ(more->file, (dir_ / "given.gaz").string());
  EXPECT_FALSE(store().rename("given-more", "Lisa Su"));  // a list has no name
}

TEST_F(StoreTest, RefusesInvalidResultsAndWritesNothing) {
  const std::string before = read("orgs.gaz");
  // An alias the index cannot hold (no letter or digit first): the loader's message.
  auto r = store().add_alias("openai", {"- OpenAI"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("refusing to write"), std::string::npos);
  EXPECT_NE(r.status().message().find("orgs.gaz:10:1:"), std::string::npos) << r.status().message();
  // An id taken in another file.
  NewEntity e;
  e.type = EntityType::kOrg;
  e.id = "per-jensen-huang";
  e.name = {"Jensen Huang Inc"};
  auto dup = store().add_entity(e);
  ASSERT_FALSE(dup);
  EXPECT_NE(dup.status().message().find("people.gaz:3"), std::string::npos) << dup.status().message();
  // An unknown id.
  EXPECT_FALSE(store().add_alias("nope", {"x"}));
  EXPECT_EQ(read("orgs.gaz"), before);
}

TEST_F(StoreTest, RefusesCollisionsUnlessAllowed) {
  auto r = store().add_alias("arm", {"Open AI"});
  ASSERT_FALSE(r);
  EXPECT_NE(r.status().message().find("[openai] ORG"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("orgs.gaz:8"), std::string::npos) << r.status().message();
  // Two cs aliases written differently do not collide.
  EXPECT_TRUE(store().add_alias("openai", {"ARM Ltd", true}));
  EXPECT_TRUE(store().add_alias("openai", {"arm", true}));
  EXPECT_FALSE(store().add_alias("openai", {"Arm"}));
  EditOptions force;
  force.allow_collisions = true;
  EXPECT_TRUE(store().add_alias("openai", {"Arm Holdings"}, force));
}

TEST_F(StoreTest, ReportsErrorsThatWereThereBefore) {
  write("bad.gaz", "[x] ORG\nnmae = X\n");
  const std::string before = read("orgs.gaz");
  auto r = store().add_alias("openai", {"OpenAI Inc"});
  ASSERT_FALSE(r);
  EXPECT_NE(r.status().message().find("has errors already"), std::string::npos);
  EXPECT_NE(r.status().message().find("bad.gaz:2:1: unknown key 'nmae'"), std::string::npos)
      << r.status().message();
  EXPECT_EQ(read("orgs.gaz"), before);
}

TEST_F(StoreTest, EditOperationsAndWarnings) {
  GazetteerStore s = store();
  auto w = s.add_alias("openai", {"Apple"});
  ASSERT_TRUE(w) << w.status().message();
  ASSERT_EQ(w->warnings.size(), 1u);
  EXPECT_NE(w->warnings[0].find("common English word"), std::string::npos);
  EXPECT_TRUE(s.remove_alias("openai", "Apple"));
  auto renamed = s.rename("openai", "OpenAI Group");
  ASSERT_TRUE(renamed) << renamed.status().message();
  EXPECT_NE(renamed->message.find("old name stays an alias"), std::string::npos);
  RenameOptions cs;
  cs.case_sensitive = true;
  cs.keep_old_name = false;
  ASSERT_TRUE(s.rename("openai", "OpenAI Foundation", cs));
  ASSERT_TRUE(s.change_id("openai", "open-ai"));
  ASSERT_TRUE(s.set_attribute("open-ai", "country", "US"));
  ASSERT_TRUE(s.set_alias_flags("arm", "Arm Holdings", true, false));
  ASSERT_TRUE(s.set_type("arm", EntityType::kProduct));
  auto shown = s.show("open-ai");
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->text,
            "[open-ai] ORG\nname[cs] = OpenAI Foundation\nalias = OpenAI\nalias =   Open  AI  \n"
            "alias = أوبن إيه آي\n# a comment inside the entity\nattr.country = US\n");
  EXPECT_EQ(shown->entity.line, 6u);
  EXPECT_EQ(shown->last_line, 12u);
  ASSERT_TRUE(s.remove_entity("arm"));
  EXPECT_EQ(ids(), (std::set<std::string>{"open-ai", "stop-generic", "per-jensen-huang"}));
  auto unchanged = s.set_attribute("open-ai", "country", "US");
  ASSERT_TRUE(unchanged);
  EXPECT_NE(unchanged->message.find("(no change)"), std::string::npos);
}

TEST_F(StoreTest, FindsByLookupKeyProcliticAndSubstring) {
  GazetteerStore s = store();
  auto key = s.find("اوبن ايه اي");
  ASSERT_TRUE(key) << key.status().message();
  ASSERT_FALSE(key->empty());
  EXPECT_EQ(key->front().entity.id, "openai");
  EXPECT_EQ(key->front().match, FindHit::Match::kKey);
  EXPECT_EQ(key->front().line, 9u);
  auto clitic = s.find("وجنسن هوانغ");
  ASSERT_TRUE(clitic);
  ASSERT_EQ(clitic->size(), 1u);
  EXPECT_EQ(clitic->front().match, FindHit::Match::kProclitic);
  auto cased = s.find("arm");  // [arm]'s aliases are cs: only the substring hit remains
  ASSERT_TRUE(cased);
  ASSERT_FALSE(cased->empty());
  EXPECT_EQ(cased->front().entity.id, "arm");
  EXPECT_EQ(cased->front().match, FindHit::Match::kSubstring);
  EXPECT_EQ(s.find("ARM")->front().match, FindHit::Match::kKey);
  FindOptions people;
  people.type = EntityType::kPerson;
  EXPECT_TRUE(s.find("open", people)->empty());
  EXPECT_FALSE(s.find("!!!"));
  auto listed = s.entities(EntityType::kOrg);
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->size(), 2u);
}

TEST_F(StoreTest, SingleFileStore) {
  auto s = GazetteerStore::open(dir_ / "people.gaz");
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->single_file());
  NewEntity e;
  e.type = EntityType::kOrg;
  e.name = {"Acme"};
  auto r = s->add_entity(e);  // the store is one file: everything goes there
  ASSERT_TRUE(r) << r.status().message();
  EXPECT_EQ(r->file, (dir_ / "people.gaz").string());
  EXPECT_NE(read("people.gaz").find("[acme] ORG"), std::string::npos);
  EXPECT_EQ(read("orgs.gaz"), kOrgs);
  auto fresh = GazetteerStore::open(dir_ / "new.gaz");
  ASSERT_TRUE(fresh);
  ASSERT_TRUE(fresh->add_entity(e));
  EXPECT_EQ(read("new.gaz"), "[acme] ORG\nname = Acme\n");
  EXPECT_FALSE(GazetteerStore::open(dir_ / "missing" / "x.gaz"));
  EXPECT_FALSE(GazetteerStore::open(dir_ / "missing"));
}

TEST_F(StoreTest, IgnoresAndRemovesStaleTemporaryFiles) {
  // What a killed editor leaves: loaders skip it (not *.gaz); the next editor deletes it.
  const fs::path stale = dir_ / ".orgs.gaz.alam-tmp-999999-0";
  std::ofstream(stale) << "[half";
  EXPECT_TRUE(Gazetteer::load({dir_})) << "a temporary file must not be loaded";
  ASSERT_TRUE(store().add_alias("openai", {"OpenAI Inc"}));
  EXPECT_FALSE(fs::exists(stale));
  for (const auto& entry : fs::directory_iterator(dir_))
    EXPECT_EQ(entry.path().filename().string().find(".alam-tmp-"), std::string::npos);
  EXPECT_TRUE(fs::exists(dir_ / ".alam-gazetteer.lock"));
}

TEST_F(StoreTest, WaitsForTheLockAndGivesUp) {
  GazetteerStore s = store();
  const int fd = ::open(s.lock_path().c_str(), O_RDWR | O_CREAT, 0666);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX), 0);
  EditOptions quick;
  quick.lock_timeout_ms = 100;
  auto r = s.add_alias("openai", {"OpenAI Inc"}, quick);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.status().code(), StatusCode::kIoError);
  EXPECT_NE(r.status().message().find("locked"), std::string::npos);
  EXPECT_EQ(read("orgs.gaz"), kOrgs);
  // Released within the timeout: the edit waits and lands.
  std::thread release([fd] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ::close(fd);
  });
  quick.lock_timeout_ms = 5000;
  EXPECT_TRUE(s.add_alias("openai", {"OpenAI Inc"}, quick));
  release.join();
}

TEST_F(StoreTest, RefusesWhenAFileChangedBehindTheLock) {
  // A program that does not take the lock (a text editor) rewrites the file during the edit.
  auto r = store().edit([&](std::vector<GazetteerDocument>& docs,
                            std::vector<std::pair<std::string, AliasSpec>>&) -> Result<EditOutcome> {
    write("orgs.gaz", std::string(kOrgs) + "\n[other] ORG\nname = Other\n");
    auto line = docs[0].add_alias("openai", {"OpenAI Inc"});
    if (!line) return line.status();
    return EditOutcome{"openai", docs[0].name(), *line, "added", {}};
  });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.status().code(), StatusCode::kIoError);
  EXPECT_NE(r.status().message().find("changed on disk during the edit"), std::string::npos)
      << r.status().message();
  EXPECT_NE(read("orgs.gaz").find("[other] ORG"), std::string::npos);  // theirs is kept
  EXPECT_EQ(read("orgs.gaz").find("OpenAI Inc"), std::string::npos);
}

TEST_F(StoreTest, WritesThroughSymlinksAndWarnsAboutGeneratedFiles) {
  fs::create_directories(dir_ / "real");
  fs::rename(dir_ / "people.gaz", dir_ / "real" / "people.gaz");
  fs::create_symlink(dir_ / "real" / "people.gaz", dir_ / "people.gaz");
  ASSERT_TRUE(store().add_alias("per-jensen-huang", {"Jen-Hsun Huang"}));
  EXPECT_TRUE(fs::is_symlink(dir_ / "people.gaz"));
  EXPECT_NE(read("real/people.gaz").find("alias = Jen-Hsun Huang"), std::string::npos);

  write("generated.gaz", "# Generated by alam gaz import: do not edit by hand.\n[gen-x] LOC\nname = Xland\n");
  auto r = store().add_alias("gen-x", {"Xlandia"});
  ASSERT_TRUE(r) << r.status().message();
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_NE(r->warnings[0].find("is generated"), std::string::npos);
}

TEST_F(StoreTest, ConcurrentThreadsAllLand) {
  constexpr int kThreads = 8;
  std::vector<std::thread> threads;
  std::vector<int> ok(kThreads, 0);
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      auto s = GazetteerStore::open(dir_);
      NewEntity e;
      e.type = t % 2 ? EntityType::kOrg : EntityType::kPerson;
      e.name = {"Thread Entity " + std::to_string(t)};
      auto r = s->add_entity(e);
      ok[t] = r.has_value();
    });
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_TRUE(ok[t]) << t;
  const auto all = ids();
  EXPECT_EQ(all.size(), 4u + kThreads);
  for (int t = 0; t < kThreads; ++t)
    EXPECT_TRUE(all.count((t % 2 ? "" : "per-") + std::string("thread-entity-") + std::to_string(t)))
        << t;
}

}  // namespace
}  // namespace alam
