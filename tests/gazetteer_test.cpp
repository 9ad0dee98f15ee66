#include "alam/gazetteer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "alam/tagger.hpp"
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
  ASSERT_EQ(g->size(), 2u);
  const EntityView e = g->entity(0);
  EXPECT_EQ(e.id(), "nvidia");
  EXPECT_EQ(e.type(), EntityType::kOrg);
  EXPECT_EQ(e.name(), "Nvidia");
  ASSERT_EQ(e.alias_count(), 4u);
  EXPECT_EQ(e.alias(0).text, "Nvidia");
  EXPECT_EQ(e.alias(2).text, "NVIDIA Corporation");
  EXPECT_TRUE(e.alias(3).case_sensitive);
  EXPECT_EQ(e.alias(3).line, 7u);
  ASSERT_EQ(e.attribute_count(), 1u);
  EXPECT_EQ(e.attribute(0).first, "wikidata");
  EXPECT_EQ(e.attribute(0).second, "Q182477");
  EXPECT_EQ(g->entity(1).type(), EntityType::kStop);
  EXPECT_TRUE(g->entity(1).alias(0).exact);
  ASSERT_TRUE(g->find("nvidia"));
  EXPECT_EQ(g->find("nvidia")->index(), 0u);
  EXPECT_FALSE(g->find("nope"));
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

// What the image builder keeps per trie node: one hit per (entity, case-sensitive key), in the
// order the entities list them, with the hamza condition lifted by any spelling without it.
TEST(Gazetteer, IndexHitsKeepOrderCaseKeysAndHamza) {
  auto g = parse(
      "[a] ORG\nname = Apple\nalias[cs] = Xy\nalias[cs] = XY\nalias[cs] = Xy\n"
      "alias = أبل\nalias = ابل\n"
      "[b] ORG\nname = Bee\nalias = أبل\nalias[cs] = XY\n"
      "[c] ORG\nname = Sea\nalias = إنتل\nalias = إنتل\n");
  ASSERT_TRUE(g);
  const auto& idx = g->index();
  using I = Gazetteer::Index;
  const auto hits_of = [&](std::string_view token) {
    return idx.hits(idx.first(idx.token_id(token)));
  };
  // "xy": a's two case-sensitive keys (the repeated Xy once), then b's.
  const auto xy = hits_of("xy");
  ASSERT_EQ(xy.size(), 3u);
  EXPECT_EQ(xy[0].entity, 0u);
  EXPECT_EQ(idx.str(xy[0].cased_key), "Xy");
  EXPECT_EQ(xy[1].entity, 0u);
  EXPECT_EQ(idx.str(xy[1].cased_key), "XY");
  EXPECT_EQ(xy[2].entity, 1u);
  EXPECT_EQ(idx.str(xy[2].cased_key), "XY");
  // "ابل": a wrote it with and without hamza (no hamza condition), b only with.
  const auto abl = hits_of("ابل");
  ASSERT_EQ(abl.size(), 2u);
  EXPECT_EQ(abl[0].entity, 0u);
  EXPECT_FALSE(abl[0].hamza_initial);
  EXPECT_EQ(abl[1].entity, 1u);
  EXPECT_TRUE(abl[1].hamza_initial);
  EXPECT_EQ(idx.str(abl[0].cased_key), "");
  // The same alias twice in one entity: one hit.
  const auto intl = hits_of("انتل");
  ASSERT_EQ(intl.size(), 1u);
  EXPECT_TRUE(intl[0].hamza_initial);
  // Names, aliases and files read back as written (the image stores repeated texts once).
  for (std::size_t e = 0; e < g->size(); ++e) {
    EXPECT_EQ(g->entity(e).file(), "test.gaz");
    EXPECT_EQ(g->entity(e).to_entity().aliases.front().text, g->entity(e).name());
  }
  EXPECT_EQ(g->entity(0).to_entity().aliases.size(), 6u);
  EXPECT_EQ(g->entity(0).to_entity().aliases[2].text, "XY");
  EXPECT_EQ(g->entity(2).line(), 12u);
  // Tagging follows: the first entity listing an alias owns it.
  const Tagger t(std::make_shared<const Gazetteer>(std::move(g).value()));
  const auto spans = t.tag("قال XY وابل");
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].source, "gaz:a");
  EXPECT_EQ(spans[1].source, "gaz:a");
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
  ASSERT_EQ(g->size(), 2u);
  EXPECT_EQ(g->entity(0).id(), "a");
  EXPECT_EQ(g->entity(0).file(), (dir / "a.gaz").string());

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
  EXPECT_GT(g->size(), 500u);
  for (const char* id : {"nvidia", "sensetime"}) EXPECT_TRUE(g->find(id)) << id;
  EXPECT_FALSE(Gazetteer::embedded_sources().empty());
}

// ---------------------------------------------------------------------------------------------
// Compiled form

const char* kSmall = R"(
[nvidia] ORG
name = Nvidia
alias = إنفيديا
alias[cs] = NV
attr.country = US
[china] LOC
name = الصين
[stop] STOP
alias = GPU
)";

TEST(CompiledGazetteer, RoundTripsThroughAFile) {
  auto g = Gazetteer::from_sources({{"small.gaz", kSmall}});
  ASSERT_TRUE(g) << g.status().message();
  const auto path = std::filesystem::temp_directory_path() / "alam_compiled_test.alamc";
  ASSERT_TRUE(g->write_compiled(path)) << "write";
  EXPECT_TRUE(Gazetteer::is_compiled_file(path));
  auto loaded = Gazetteer::load({path});
  ASSERT_TRUE(loaded) << loaded.status().message();
  EXPECT_EQ(loaded->compiled_image(), g->compiled_image());
  ASSERT_EQ(loaded->size(), 3u);
  EXPECT_EQ(loaded->entity(0).to_entity().aliases.size(), 3u);
  EXPECT_EQ(loaded->find("nvidia")->attribute(0).second, "US");
  // Tagging with the mapped file gives the same spans.
  const Tagger a(std::make_shared<const Gazetteer>(std::move(g).value()));
  const Tagger b(std::make_shared<const Gazetteer>(std::move(loaded).value()));
  const std::string text = "قالت وإنفيديا بالصين إن NV وGPU";
  EXPECT_EQ(a.tag(text), b.tag(text));
  EXPECT_EQ(b.tag(text).size(), 3u);
  std::filesystem::remove(path);
}

TEST(CompiledGazetteer, StaticImageIsUsedInPlaceWhenAligned) {
  auto g = Gazetteer::from_sources({{"small.gaz", kSmall}});
  ASSERT_TRUE(g);
  // 8-aligned storage that outlives the gazetteers, and a misaligned copy one byte further on.
  std::vector<std::uint64_t> words(g->compiled_image().size() / 8 + 2);
  auto* aligned = reinterpret_cast<char*>(words.data());
  std::memcpy(aligned, g->compiled_image().data(), g->compiled_image().size());
  const std::string_view image(aligned, g->compiled_image().size());
  auto in_place = Gazetteer::from_static_image(image, "static");
  ASSERT_TRUE(in_place) << in_place.status().message();
  EXPECT_EQ(in_place->compiled_image().data(), aligned);
  std::string shifted(image.size() + 1, '\0');
  std::memcpy(shifted.data() + 1, image.data(), image.size());
  const std::string_view odd(shifted.data() + 1, image.size());
  auto copied = Gazetteer::from_static_image(odd, "static");
  ASSERT_TRUE(copied) << copied.status().message();
  EXPECT_NE(copied->compiled_image().data(), odd.data());
  EXPECT_EQ(copied->compiled_image(), image);
  const Tagger a(std::make_shared<const Gazetteer>(std::move(in_place).value()));
  const Tagger b(std::make_shared<const Gazetteer>(std::move(copied).value()));
  const std::string text = "قالت وإنفيديا بالصين إن NV وGPU";
  EXPECT_EQ(a.tag(text), b.tag(text));
  EXPECT_EQ(a.tag(text).size(), 3u);
  // A bad image is rejected as from_compiled rejects it.
  std::memset(aligned + 8, 0x7F, 4);  // the version field
  EXPECT_FALSE(Gazetteer::from_static_image(image, "static"));
}

TEST(CompiledGazetteer, DecompilesToEquivalentText) {
  auto g = Gazetteer::from_sources({{"small.gaz", kSmall}});
  ASSERT_TRUE(g);
  auto again = Gazetteer::from_sources({{"small.gaz", g->to_text()}});
  ASSERT_TRUE(again) << again.status().message() << "\n" << g->to_text();
  ASSERT_EQ(again->size(), g->size());
  for (std::size_t i = 0; i < g->size(); ++i) {
    Entity x = g->entity(i).to_entity(), y = again->entity(i).to_entity();
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.type, y.type);
    EXPECT_EQ(x.name, y.name);
    ASSERT_EQ(x.aliases.size(), y.aliases.size());
    for (std::size_t k = 0; k < x.aliases.size(); ++k) {
      EXPECT_EQ(x.aliases[k].text, y.aliases[k].text);
      EXPECT_EQ(x.aliases[k].case_sensitive, y.aliases[k].case_sensitive);
      EXPECT_EQ(x.aliases[k].exact, y.aliases[k].exact);
    }
    EXPECT_EQ(x.attributes, y.attributes);
  }
}

TEST(CompiledGazetteer, RejectsTruncatedCorruptedAndForeignBytes) {
  auto g = Gazetteer::embedded();
  ASSERT_TRUE(g);
  const std::string image(g->compiled_image());
  ASSERT_GT(image.size(), 16384u);
  // Cut at every 4 KiB boundary and at small sizes.
  for (std::size_t cut = 0; cut < image.size(); cut += (cut < 256 ? 7 : 4096)) {
    auto r = Gazetteer::from_compiled(std::string_view(image).substr(0, cut), "cut.alamc");
    ASSERT_FALSE(r) << cut;
    EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
    EXPECT_EQ(r.status().message().rfind("cut.alamc: not a valid compiled gazetteer: ", 0), 0u);
  }
  // Flip one bit at every position of a small image: header fields, section table, data.
  auto small = Gazetteer::from_sources({{"small.gaz", kSmall}});
  ASSERT_TRUE(small);
  const std::string small_image(small->compiled_image());
  for (std::size_t pos = 0; pos < small_image.size(); ++pos) {
    std::string bad = small_image;
    bad[pos] = char(bad[pos] ^ (1 << (pos % 8)));
    EXPECT_FALSE(Gazetteer::from_compiled(bad, "flip.alamc")) << "bit flip at byte " << pos;
  }
  // Foreign files.
  EXPECT_FALSE(Gazetteer::from_compiled(std::string(4096, 'x'), "x"));
  EXPECT_FALSE(Gazetteer::from_compiled("[a] ORG\nname = A\n", "text.gaz"));
  std::string other_version = image;
  other_version[8] = 99;  // version field
  auto v = Gazetteer::from_compiled(other_version, "v.alamc");
  ASSERT_FALSE(v);
  EXPECT_NE(v.status().message().find("format version 99"), std::string::npos);
}

TEST(CompiledGazetteer, CompiledFileMustBeUsedAlone) {
  auto g = Gazetteer::from_sources({{"small.gaz", kSmall}});
  ASSERT_TRUE(g);
  const auto dir = std::filesystem::temp_directory_path() / "alam_compiled_alone";
  std::filesystem::create_directories(dir);
  ASSERT_TRUE(g->write_compiled(dir / "x.alamc"));
  std::ofstream(dir / "y.gaz") << "[y] ORG\nname = Y\n";
  auto r = Gazetteer::load({dir / "x.alamc", dir / "y.gaz"});
  ASSERT_FALSE(r);
  EXPECT_NE(r.status().message().find("must be used alone"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace alam
