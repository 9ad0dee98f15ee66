// Gazetteer import: TSV rows, a pci.ids excerpt and ICU's locale data, checked entity by entity;
// every result must parse and load like a hand-written gazetteer.
#include "alam/gazetteer_import.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "alam/gazetteer.hpp"
#include "alam/tagger.hpp"

namespace alam {
namespace {

const std::filesystem::path kData = std::filesystem::path(__FILE__).parent_path() / "data/import";

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<Entity> parse(const std::string& text) {
  auto entities = parse_entities({{"generated.gaz", text}});
  EXPECT_TRUE(entities) << entities.status().message();
  return entities ? std::move(entities).value() : std::vector<Entity>{};
}

const Entity* find(const std::vector<Entity>& entities, std::string_view id) {
  for (const Entity& e : entities)
    if (e.id == id) return &e;
  return nullptr;
}

std::vector<std::string> alias_texts(const Entity& e) {
  std::vector<std::string> out;
  for (const Alias& a : e.aliases) out.push_back(a.text);
  return out;
}

std::string attr(const Entity& e, std::string_view key) {
  for (const auto& [k, v] : e.attributes)
    if (k == key) return v;
  return {};
}

bool has_alias(const std::vector<Entity>& entities, std::string_view text) {
  for (const Entity& e : entities)
    for (const Alias& a : e.aliases)
      if (a.text == text) return true;
  return false;
}

// The spans of text tagged with the gazetteer text alone, as "TYPE text source".
std::vector<std::string> tag_with(const std::string& gazetteer, const std::string& text) {
  auto g = Gazetteer::from_sources({{"generated.gaz", gazetteer}});
  EXPECT_TRUE(g) << g.status().message();
  if (!g) return {};
  const Tagger tagger(std::make_shared<const Gazetteer>(std::move(g).value()));
  std::vector<std::string> out;
  for (const Span& s : tagger.tag(text))
    out.push_back(std::string(type_name(s.type)) + " " + text.substr(s.begin, s.end - s.begin) +
                  " " + s.source);
  return out;
}

// ---------------------------------------------------------------------------------------------
// TSV

TEST(ImportTsv, GroupsRowsIntoEntitiesWithStableIds) {
  auto text = import_tsv(read(kData / "rows.tsv"), "rows.tsv");
  ASSERT_TRUE(text) << text.status().message();
  EXPECT_TRUE(is_generated_gazetteer(*text));
  const std::vector<Entity> e = parse(*text);
  ASSERT_EQ(e.size(), 9u);
  struct Expected {
    const char* id;
    EntityType type;
    std::vector<std::string> aliases;  // the canonical name first
  };
  const Expected expected[] = {
      {"person-tim-cook", EntityType::kPerson, {"Tim Cook", "تيم كوك"}},
      {"loc-almghrb", EntityType::kLoc, {"المغرب", "Morocco"}},
      // Rows of one canonical name need not be adjacent; a repeated alias is written once.
      {"org-tsmc", EntityType::kOrg, {"TSMC", "تي إس إم سي", "Taiwan Semiconductor Manufacturing"}},
      {"org-apple", EntityType::kOrg, {"Apple"}},
      // The same canonical name with another type is another entity.
      {"product-apple", EntityType::kProduct, {"Apple", "أبل"}},
      {"org-foo-bar", EntityType::kOrg, {"Foo-Bar"}},
      // Same slug as the one before: a hash of the type and name keeps the id unique and stable.
      {"org-foo-bar-abe81f", EntityType::kOrg, {"Foo Bar"}},
      {"chip-a100", EntityType::kChip, {"A100"}},  // a CRLF row
      {"stop-gpu", EntityType::kStop, {"GPU"}},
  };
  for (std::size_t i = 0; i < std::size(expected); ++i) {
    SCOPED_TRACE(expected[i].id);
    EXPECT_EQ(e[i].id, expected[i].id);
    EXPECT_EQ(e[i].type, expected[i].type);
    EXPECT_EQ(alias_texts(e[i]), expected[i].aliases);
  }
  EXPECT_EQ(e[8].name, "");  // STOP entries have no canonical name
  EXPECT_EQ(tag_with(*text, "قال تيم كوك إن TSMC"),
            (std::vector<std::string>{"PERSON تيم كوك gaz:person-tim-cook", "ORG TSMC gaz:org-tsmc"}));
}

TEST(ImportTsv, IdPrefixAndSummary) {
  TsvImportOptions options;
  options.id_prefix = "bench-";
  options.command = "alam gaz import tsv rows.tsv -o out.gaz";
  std::ostringstream out;
  auto summary = import_tsv(read(kData / "rows.tsv"), "rows.tsv", out, options);
  ASSERT_TRUE(summary) << summary.status().message();
  EXPECT_EQ(summary->records, 14u);
  EXPECT_EQ(summary->entities, 9u);
  EXPECT_EQ(summary->aliases, 14u);
  EXPECT_NE(out.str().find("# Command: alam gaz import tsv rows.tsv -o out.gaz\n"), std::string::npos);
  const std::vector<Entity> e = parse(out.str());
  ASSERT_FALSE(e.empty());
  EXPECT_EQ(e[0].id, "bench-person-tim-cook");
}

TEST(ImportTsv, BadRowsNameFileLineAndColumn) {
  const std::string good = "ORG\tA\tB\n";
  const struct {
    std::string row;
    std::string message;
  } cases[] = {
      {"ORG\tFoo", "t.tsv:2:1: expected 3 tab-separated fields (TYPE, canonical name, alias), found 2"},
      {"ORG\tA\tB\tC", "t.tsv:2:1: expected 3 tab-separated fields (TYPE, canonical name, alias), found 4"},
      {"COMPANY\tA\tB",
       "t.tsv:2:1: unknown type 'COMPANY' (ORG PERSON CHIP PRODUCT LOC MONEY PERCENT DATE STOP)"},
      {"ORG\t  \tB", "t.tsv:2:5: empty canonical name"},
      {"ORG\tA\t", "t.tsv:2:7: empty alias"},
      {"ORG\tA\tB\xff", "t.tsv:2:8: invalid UTF-8"},
      {"ORG\tA\t--", "t.tsv:2:7: alias '--' does not start with a letter or digit after normalization"},
      {"ORG\t(A)\tB",
       "t.tsv:2:5: canonical name '(A)' does not start with a letter or digit after normalization"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.row);
    auto r = import_tsv(good + c.row + "\n" + good, "t.tsv");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), c.message);
    std::ostringstream out;  // the stream version writes nothing at all
    EXPECT_FALSE(import_tsv(good + c.row + "\n", "t.tsv", out));
    EXPECT_EQ(out.str(), "");
  }
}

TEST(ImportTsv, EmptyInputGivesAHeaderOnly) {
  auto r = import_tsv("", "empty.tsv");
  ASSERT_TRUE(r);
  EXPECT_TRUE(is_generated_gazetteer(*r));
  EXPECT_TRUE(parse(*r).empty());
}

// ---------------------------------------------------------------------------------------------
// pci.ids

TEST(ImportPciIds, OneChipPerMarketingModelOfGpuVendors) {
  auto text = import_pci_ids(read(kData / "pci.ids"));
  ASSERT_TRUE(text) << text.status().message();
  const std::vector<Entity> e = parse(*text);
  struct Expected {
    const char* id;
    std::vector<std::string> aliases;
    const char* vendor;
    const char* pci;
  };
  const Expected expected[] = {
      // Alternatives are completed from the one before; V340/V320 have no word to replace in
      // "Instinct MI25x2" and are skipped rather than guessed.
      {"pci-amd-instinct-mi25", {"Instinct MI25", "MI25"}, "AMD", "1002:6860"},
      {"pci-amd-instinct-mi25x2", {"Instinct MI25x2", "MI25x2"}, "AMD", "1002:6860"},
      {"pci-amd-radeon-rx-6800", {"Radeon RX 6800", "RX 6800"}, "AMD", "1002:73bf"},
      {"pci-amd-radeon-rx-6800-xt", {"Radeon RX 6800 XT", "RX 6800 XT"}, "AMD", "1002:73bf"},
      {"pci-amd-radeon-rx-6900-xt", {"Radeon RX 6900 XT", "RX 6900 XT"}, "AMD", "1002:73bf"},
      {"pci-amd-instinct-mi250x", {"Instinct MI250X", "MI250X"}, "AMD", "1002:740c"},
      {"pci-amd-instinct-mi250", {"Instinct MI250", "MI250"}, "AMD", "1002:740c"},
      {"pci-nvidia-tesla-v100", {"Tesla V100", "Tesla V100 PCIe 16GB"}, "Nvidia", "10de:1db4"},
      {"pci-nvidia-tesla-t4", {"Tesla T4"}, "Nvidia", "10de:1eb8"},
      // Desktop and mobile lines of one model are one entity.
      {"pci-nvidia-geforce-rtx-3070",
       {"GeForce RTX 3070", "RTX 3070", "GeForce RTX 3070 Mobile", "GeForce RTX 3070 Max-Q"},
       "Nvidia",
       "10de:249d,10de:2484"},
      {"pci-nvidia-geforce-rtx-4090", {"GeForce RTX 4090", "RTX 4090"}, "Nvidia", "10de:2684"},
      {"pci-huawei-ascend-310", {"Ascend 310", "Ascend310"}, "Huawei", "19e5:d100"},
      {"pci-huawei-ascend-910", {"Ascend 910", "Ascend910"}, "Huawei", "19e5:d801"},
      {"pci-huawei-ascend-910b", {"Ascend 910B"}, "Huawei", "19e5:d802"},
      {"pci-habana-goya", {"Goya", "HL-1000"}, "Intel", "1da3:0001"},
      {"pci-habana-gaudi", {"Gaudi", "HL-2000"}, "Intel", "1da3:1000,1da3:1010"},
      {"pci-habana-gaudi2", {"Gaudi2", "Gaudi 2"}, "Intel", "1da3:1020"},
      {"pci-moore-threads-mtt-s80", {"MTT S80"}, "Moore Threads", "1ed5:0200,1ed5:0201"},
      {"pci-intel-data-center-gpu-max-1550", {"Data Center GPU Max 1550"}, "Intel", "8086:0bd5"},
      {"pci-intel-arc-a770", {"Arc A770"}, "Intel", "8086:56a0"},
      {"pci-intel-hd-graphics-620", {"HD Graphics 620"}, "Intel", "8086:5916"},
      {"pci-cambricon-mlu370", {"MLU370", "MLU 370"}, "Cambricon", "cabc:0370"},
  };
  // Skipped: chipset functions (MCP78S [GeForce 8200] SMBus), audio, USB, SATA, DRAM and
  // network controllers, codenames without a marketing name (GA102), series
  // (Radeon Vega Series), bare codes of four characters or fewer (A100, L40: the chip grammar
  // decides those), vendors outside the table (8088), and the device classes after "C 03".
  ASSERT_EQ(e.size(), std::size(expected)) << *text;
  for (std::size_t i = 0; i < std::size(expected); ++i) {
    SCOPED_TRACE(expected[i].id);
    EXPECT_EQ(e[i].id, expected[i].id);
    EXPECT_EQ(e[i].type, EntityType::kChip);
    EXPECT_EQ(alias_texts(e[i]), expected[i].aliases);
    EXPECT_EQ(attr(e[i], "vendor"), expected[i].vendor);
    EXPECT_EQ(attr(e[i], "pci"), expected[i].pci);
  }
  EXPECT_EQ(attr(e[9], "die"), "GA104M, GA104");
  // A name without a digit is case-sensitive (Goya), one with a digit is not.
  EXPECT_TRUE(e[14].aliases[0].case_sensitive);
  EXPECT_FALSE(e[14].aliases[1].case_sensitive);
  EXPECT_NE(text->find("(Version: 2023.04.10)"), std::string::npos);
}

TEST(ImportPciIds, CuratedNamesWinAndAreNotRepeated) {
  PciIdsImportOptions options;
  options.exclude = {{"curated.gaz",
                      "[chip-nvidia-rtx-4090] CHIP\nname = GeForce RTX 4090\n"
                      "[chip-amd-mi250x] CHIP\nname = MI250X\n"
                      "[some-org] ORG\nname = RX 6800\n"}};
  std::ostringstream out;
  auto r = import_pci_ids(read(kData / "pci.ids"), out, options);
  ASSERT_TRUE(r) << r.status().message();
  const std::vector<Entity> e = parse(out.str());
  // The canonical name is curated: the model is left out and its new spellings are noted.
  EXPECT_EQ(find(e, "pci-nvidia-geforce-rtx-4090"), nullptr);
  EXPECT_NE(out.str().find("#   GeForce RTX 4090 = [chip-nvidia-rtx-4090] in curated.gaz; also: RTX 4090\n"),
            std::string::npos);
  // Another Latin name of the same type is curated: the same chip, left out too.
  EXPECT_EQ(find(e, "pci-amd-instinct-mi250x"), nullptr);
  // Listed with another type: only that alias is dropped.
  const Entity* rx6800 = find(e, "pci-amd-radeon-rx-6800");
  ASSERT_NE(rx6800, nullptr);
  EXPECT_EQ(alias_texts(*rx6800), std::vector<std::string>{"Radeon RX 6800"});
  EXPECT_EQ(r->excluded_aliases, 3u);
  EXPECT_EQ(r->entities, 20u);
  // Generated and curated text load together.
  auto g = Gazetteer::from_sources({options.exclude[0], {"generated.gaz", out.str()}});
  EXPECT_TRUE(g) << g.status().message();
}

TEST(ImportPciIds, BadExcludeSourceIsAnError) {
  PciIdsImportOptions options;
  options.exclude = {{"broken.gaz", "name = X\n"}};
  auto r = import_pci_ids(read(kData / "pci.ids"), options);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.status().message(), "broken.gaz:1:1: line before the first [id] TYPE header");
}

TEST(ImportPciIds, GarbageIsSkippedNotAnError) {
  auto r = import_pci_ids("\xff\xfe garbage\n\t\tnot a device\n10de  NVIDIA\n\tzzzz  [GeForce X]\n");
  ASSERT_TRUE(r) << r.status().message();
  EXPECT_TRUE(parse(*r).empty());
}

// ---------------------------------------------------------------------------------------------
// ICU

TEST(ImportIcu, CountriesRegionsAndCitiesInEnglishAndArabic) {
  auto text = import_icu();
  ASSERT_TRUE(text) << text.status().message();
  const std::vector<Entity> e = parse(*text);
  ASSERT_GT(e.size(), 500u);

  const Entity* cn = find(e, "icu-cn");
  ASSERT_NE(cn, nullptr);
  EXPECT_EQ(cn->type, EntityType::kLoc);
  EXPECT_EQ(cn->name, "China");
  EXPECT_EQ(attr(*cn, "iso"), "CN");
  EXPECT_TRUE(has_alias({*cn}, "الصين"));

  // Standard, short and variant names; the g-variants that the normalizer does not fold.
  const Entity* hk = find(e, "icu-hk");
  ASSERT_NE(hk, nullptr);
  EXPECT_EQ(hk->name, "Hong Kong");
  for (const char* a : {"Hong Kong SAR China", "هونغ كونغ", "هونج كونج", "هونق كونق"})
    EXPECT_TRUE(has_alias({*hk}, a)) << a;

  const Entity* europe = find(e, "icu-region-150");
  ASSERT_NE(europe, nullptr);
  EXPECT_EQ(alias_texts(*europe), (std::vector<std::string>{"Europe", "أوروبا"}));

  // Cities: single Latin words are case-sensitive; ق only in names of two words or more.
  const Entity* shanghai = find(e, "icu-tz-asia-shanghai");
  ASSERT_NE(shanghai, nullptr);
  EXPECT_EQ(alias_texts(*shanghai), (std::vector<std::string>{"Shanghai", "شنغهاي", "شنجهاي"}));
  EXPECT_TRUE(shanghai->aliases[0].case_sensitive);
  EXPECT_EQ(attr(*shanghai, "country"), "CN");
  EXPECT_EQ(attr(*shanghai, "tz"), "Asia/Shanghai");
  // Arabic names of places in Arabic-speaking countries are native: no variants (غزة).
  const Entity* gaza = find(e, "icu-tz-asia-gaza");
  ASSERT_NE(gaza, nullptr);
  EXPECT_EQ(alias_texts(*gaza), (std::vector<std::string>{"Gaza", "غزة"}));
  // Georgia keeps its ج (a soft g), and جزر is an Arabic word, not a g.
  EXPECT_FALSE(has_alias(e, "غورغيا"));
  EXPECT_FALSE(has_alias(e, "غزر فيرجن البريطانية"));

  // Filtered: العالم (the world), a common word; سمراء (Samara) and ماهي (Mahé) are Arabic
  // words; Center, North Dakota and the Antarctic stations are not cities to tag.
  EXPECT_EQ(find(e, "icu-region-001"), nullptr);
  EXPECT_FALSE(has_alias(e, "العالم"));
  const Entity* samara = find(e, "icu-tz-europe-samara");
  ASSERT_NE(samara, nullptr);
  EXPECT_EQ(alias_texts(*samara), std::vector<std::string>{"Samara"});
  EXPECT_FALSE(has_alias(e, "سمراء"));
  EXPECT_FALSE(has_alias(e, "ماهي"));
  EXPECT_EQ(find(e, "icu-tz-america-north-dakota-center"), nullptr);
  EXPECT_EQ(find(e, "icu-tz-antarctica-casey"), nullptr);

  EXPECT_EQ(tag_with(*text, "من شنجهاي إلى هونج كونج"),
            (std::vector<std::string>{"LOC شنجهاي gaz:icu-tz-asia-shanghai",
                                      "LOC هونج كونج gaz:icu-hk"}));
}

TEST(ImportIcu, CuratedPlacesWin) {
  IcuImportOptions options;
  options.cities = true;
  options.regions = false;
  options.exclude = {{"places.gaz",
                      "[loc-china] LOC\nname = China\n"
                      "[loc-tunisia] LOC\nname = Tunisia\nalias = تونس\n"}};
  auto text = import_icu(options);
  ASSERT_TRUE(text) << text.status().message();
  const std::vector<Entity> e = parse(*text);
  EXPECT_EQ(find(e, "icu-cn"), nullptr);
  EXPECT_NE(text->find("#   China = [loc-china] in places.gaz; also: الصين"), std::string::npos);
  EXPECT_EQ(find(e, "icu-region-150"), nullptr);  // regions = false
  // تونس is Tunisia's curated alias, so the city Tunis keeps only its English name: Arabic
  // names alone do not make two places one.
  const Entity* tunis = find(e, "icu-tz-africa-tunis");
  ASSERT_NE(tunis, nullptr);
  EXPECT_EQ(alias_texts(*tunis), std::vector<std::string>{"Tunis"});
  EXPECT_FALSE(has_alias(e, "تونس"));
  auto g = Gazetteer::from_sources({options.exclude[0], {"generated.gaz", *text}});
  EXPECT_TRUE(g) << g.status().message();
}

TEST(ImportIcu, Deterministic) {
  auto a = import_icu(), b = import_icu();
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, *b);
}

// ---------------------------------------------------------------------------------------------
// The shipped gazetteers

TEST(GeneratedGazetteers, ShipAndLoadWithTheCuratedOnes) {
  std::size_t generated = 0;
  for (const GazetteerSource& s : Gazetteer::embedded_sources())
    if (is_generated_gazetteer(s.text)) ++generated;
  EXPECT_EQ(generated, 2u);  // generated-chips-pciids.gaz, generated-places-icu.gaz
  auto g = Gazetteer::embedded();  // ids unique across all files
  ASSERT_TRUE(g) << g.status().message();
  std::size_t pci = 0, icu = 0;
  for (std::size_t i = 0; i < g->size(); ++i) {
    const std::string_view id = g->entity(i).id();
    pci += id.starts_with("pci-");
    icu += id.starts_with("icu-");
  }
  EXPECT_GT(pci, 1000u);
  EXPECT_GT(icu, 200u);
}

TEST(GeneratedGazetteers, Marker) {
  EXPECT_TRUE(is_generated_gazetteer("# Generated by alam gaz import: do not edit by hand.\n"));
  EXPECT_TRUE(is_generated_gazetteer("\xEF\xBB\xBF# Generated by alam gaz import"));
  EXPECT_FALSE(is_generated_gazetteer("# alam gazetteer: places (LOC).\n"));
}

}  // namespace
}  // namespace alam
