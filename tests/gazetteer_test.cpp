#include "alam/gazetteer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "gazetteer_index.hpp"

namespace alam {
namespace {

Result<Gazetteer> parse(std::string text) {
  return Gazetteer::from_sources({{"test.gaz", std::move(text)}});
}

TEST(Gazetteer, ParsesEntities) {
  auto g = parse(
      "# comment\n"
      "\n"
      "[nvidia] ORG\n"
      "name = Nvidia\n"
      "alias = إنفيديا\n"
      "  alias  =   NVIDIA   Corporation  \n"
      "alias[cs] = NV\n"
      "attr.wikidata = Q182477\n"
      "[stop] STOP\n"
      "alias[exact] = AI\n");
  ASSERT_TRUE(g) << g.status().message();
  ASSERT_EQ(g->entities().size(), 2u);
  const Entity& e = g->entities()[0];
  EXPECT_EQ(e.id, "nvidia");
  EXPECT_EQ(e.type, EntityType::kOrg);
  EXPECT_EQ(e.name, "Nvidia");
  ASSERT_EQ(e.aliases.size(), 4u);
  EXPECT_EQ(e.aliases[0].text, "Nvidia");
  EXPECT_EQ(e.aliases[2].text, "NVIDIA Corporation");
  EXPECT_TRUE(e.aliases[3].case_sensitive);
  EXPECT_EQ(e.aliases[3].line, 7u);
  EXPECT_EQ(e.attributes[0], (std::pair<std::string, std::string>{"wikidata", "Q182477"}));
  EXPECT_EQ(g->entities()[1].type, EntityType::kStop);
  EXPECT_TRUE(g->entities()[1].aliases[0].exact);
  EXPECT_EQ(g->find("nvidia"), &g->entities()[0]);
  EXPECT_EQ(g->find("nope"), nullptr);
}

TEST(Gazetteer, IndexKeysAreNormalizedTokenSequences) {
  auto g = parse("[cr] ORG\nname = China  Renaissance\nalias = إنفيـديا\n");
  ASSERT_TRUE(g);
  const auto& idx = g->index();
  using I = Gazetteer::Index;
  const std::uint32_t china = idx.token_id("china"), ren = idx.token_id("renaissance");
  ASSERT_NE(china, I::kNone);
  ASSERT_NE(ren, I::kNone);
  EXPECT_TRUE(idx.hits(idx.first(china)).empty());             // "china" alone is no alias
  EXPECT_EQ(idx.first(ren), I::kNone);                          // no alias starts with it
  const std::uint32_t node = idx.child(idx.first(china), ren);
  ASSERT_NE(node, I::kNone);
  ASSERT_EQ(idx.hits(node).size(), 1u);
  EXPECT_EQ(idx.hits(node)[0].entity, 0u);
  const std::uint32_t nv = idx.token_id("انفيديا");              // folded and tatweel-free
  ASSERT_NE(nv, I::kNone);
  EXPECT_EQ(idx.hits(idx.first(nv)).size(), 1u);
  EXPECT_EQ(idx.token_id("nvidia"), I::kNone);
}

struct ErrorCase {
  const char* text;
  const char* message;  // expected prefix "test.gaz:LINE:COL: ..."
};

TEST(Gazetteer, ErrorsNameFileLineAndColumn) {
  const ErrorCase cases[] = {
      {"name = X\n", "test.gaz:1:1: line before the first [id] TYPE header"},
      {"[a] ORG\nname = A\n[a] ORG\nname = B\n", "test.gaz:3:2: duplicate id 'a'"},
      {"[a] THING\n", "test.gaz:1:5: unknown type 'THING'"},
      {"[a b] ORG\n", "test.gaz:1:2: malformed id"},
      {"[a] ORG\nname = A\nname = B\n", "test.gaz:3:1: second 'name'"},
      {"[a] ORG\nalias = A\n", "test.gaz:1:1: entity 'a' has no 'name'"},
      {"[a] ORG\nname = A\nalias[loud] = B\n", "test.gaz:3:7: unknown flag 'loud'"},
      {"[a] ORG\nname = A\ncolour = red\n", "test.gaz:3:1: unknown key 'colour'"},
      {"[a] ORG\nname =   \n", "test.gaz:2:7: empty value"},
      {"[a] ORG\nname = A\xff\n", "test.gaz:2:9: invalid UTF-8"},
      {"[a] ORG\nname = A\nalias = ...\n", "test.gaz:3:1: alias has no letters"},
      {"[a] ORG\nname = A\nno equals sign\n", "test.gaz:3:1: expected KEY = VALUE"},
  };
  for (const ErrorCase& c : cases) {
    auto g = parse(c.text);
    ASSERT_FALSE(g) << c.text;
    EXPECT_EQ(g.status().message().rfind(c.message, 0), 0u)
        << "got: " << g.status().message() << "\nwant: " << c.message;
  }
}

TEST(Gazetteer, DuplicateIdsAcrossFilesNameBothPlaces) {
  auto g = Gazetteer::from_sources(
      {{"a.gaz", "[x] ORG\nname = X\n"}, {"b.gaz", "\n[x] LOC\nname = Y\n"}});
  ASSERT_FALSE(g);
  EXPECT_EQ(g.status().message(), "b.gaz:2:2: duplicate id 'x' (first defined at a.gaz:1)");
}

TEST(Gazetteer, LoadsFoldersSortedAndFailsWhole) {
  const auto dir = std::filesystem::temp_directory_path() / "alam_gazetteer_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "b.gaz") << "[b] LOC\nname = Bee\n";
  std::ofstream(dir / "a.gaz") << "[a] ORG\nname = Ay\n";
  std::ofstream(dir / "notes.txt") << "not a gazetteer";
  auto g = Gazetteer::load({dir});
  ASSERT_TRUE(g) << g.status().message();
  ASSERT_EQ(g->entities().size(), 2u);
  EXPECT_EQ(g->entities()[0].id, "a");
  EXPECT_EQ(g->entities()[0].file, (dir / "a.gaz").string());

  std::ofstream(dir / "c.gaz") << "[c] ORG\n";  // no name: the whole load fails
  auto bad = Gazetteer::load({dir});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.status().message().find("c.gaz:1:1"), std::string::npos);

  auto missing = Gazetteer::load({dir / "missing.gaz"});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  std::filesystem::remove_all(dir);
}

TEST(Gazetteer, EmbeddedDefaultsLoad) {
  auto g = Gazetteer::embedded();
  ASSERT_TRUE(g) << g.status().message();
  EXPECT_GT(g->entities().size(), 500u);
  for (const char* id : {"nvidia", "sensetime"}) EXPECT_NE(g->find(id), nullptr) << id;
  EXPECT_FALSE(Gazetteer::embedded_sources().empty());
}

}  // namespace
}  // namespace alam
