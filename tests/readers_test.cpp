// Readers of alam/formats.hpp (CoNLL, brat, JSONL files), document pairing, and the round
// trips writer → reader.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "alam/eval.hpp"
#include "alam/formats.hpp"
#include "alam/utf8.hpp"
#include "alam/writer.hpp"
#include "format_test_support.hpp"

namespace alam {
namespace {

using testing::file_named;
using testing::keys;
using testing::span_of;
using testing::tricky_documents;
using testing::write_all;
namespace fs = std::filesystem;

using Key = std::tuple<std::size_t, std::size_t, EntityType>;

Key key(std::string_view text, std::string_view needle, EntityType t, std::size_t nth = 0) {
  const Span s = span_of(text, needle, t, nth);
  return {s.begin, s.end, t};
}

// --- CoNLL -----------------------------------------------------------------------------------

TEST(ConllReader, LocatesTokensInTheTextComment) {
  const std::string in =
      "# id = \"d1\"\n# text = قالت  وإنفيديا إن A800\n"
      "قالت\tO\nو\tO\nإنفيديا\tB-ORG\nإن\tO\nA800\tB-CHIP\n\n";
  auto docs = parse_conll("g.conll", in);
  ASSERT_TRUE(docs) << docs.status().message();
  ASSERT_EQ(docs->size(), 1u);
  const Document& d = (*docs)[0];
  EXPECT_EQ(d.id_json, "\"d1\"");
  EXPECT_EQ(d.text, "قالت  وإنفيديا إن A800");
  EXPECT_EQ(keys(d.entities), (std::vector<Key>{key(d.text, "إنفيديا", EntityType::kOrg),
                                                 key(d.text, "A800", EntityType::kChip)}));
}

struct TagCase {
  const char* name;
  std::string conll;
  std::string text;  // the joined tokens
  std::vector<std::tuple<std::string, EntityType>> spans;
};

TEST(ConllReader, TagSchemes) {
  const TagCase cases[] = {
      {"IOB2", "China\tB-ORG\nRenaissance\tI-ORG\nand\tO\nNvidia\tB-ORG\nA100\tB-CHIP\n",
       "China Renaissance and Nvidia A100",
       {{"China Renaissance", EntityType::kOrg},
        {"Nvidia", EntityType::kOrg},
        {"A100", EntityType::kChip}}},
      {"IOB1: I opens a span", "China I-ORG\nRenaissance I-ORG\nNvidia B-ORG\nx O\nA100 I-CHIP\n",
       "China Renaissance Nvidia x A100",
       {{"China Renaissance", EntityType::kOrg},
        {"Nvidia", EntityType::kOrg},
        {"A100", EntityType::kChip}}},
      {"I of another type", "Nvidia\tB-ORG\nA100\tI-CHIP\n", "Nvidia A100",
       {{"Nvidia", EntityType::kOrg}, {"A100", EntityType::kChip}}},
      {"BIOES", "China\tB-ORG\nRenaissance\tE-ORG\nNvidia\tS-ORG\nA100\tU-CHIP\nH100\tS-CHIP\n",
       "China Renaissance Nvidia A100 H100",
       {{"China Renaissance", EntityType::kOrg},
        {"Nvidia", EntityType::kOrg},
        {"A100", EntityType::kChip},
        {"H100", EntityType::kChip}}},
      {"multi-column CoNLL-2003 with DOCSTART", "-DOCSTART- -X- -X- O\n\nNvidia NNP B-NP B-ORG\n",
       "Nvidia", {{"Nvidia", EntityType::kOrg}}},
      {"bare types (IO)", "Jensen\tPERSON\nHuang\tPERSON\n", "Jensen Huang",
       {{"Jensen Huang", EntityType::kPerson}}},
  };
  for (const TagCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto docs = parse_conll("t.conll", c.conll);
    ASSERT_TRUE(docs) << docs.status().message();
    ASSERT_EQ(docs->size(), 1u);
    EXPECT_EQ((*docs)[0].text, c.text);
    std::vector<Key> expected;
    for (const auto& [n, t] : c.spans) expected.push_back(key(c.text, n, t));
    EXPECT_EQ(keys((*docs)[0].entities), expected);
  }
}

TEST(ConllReader, DocumentsBlankLinesAndEmptyDocuments) {
  auto docs = parse_conll("t.conll",
                          "\n\n# text = \n\n\n# id = 3\n# text = a b\na\tO\nb\tO\n\n\nc\tO\n");
  ASSERT_TRUE(docs) << docs.status().message();
  ASSERT_EQ(docs->size(), 3u);
  EXPECT_EQ((*docs)[0].text, "");
  EXPECT_EQ((*docs)[1].id_json, "3");
  EXPECT_EQ((*docs)[1].text, "a b");
  EXPECT_EQ((*docs)[2].text, "c");
  auto json_text = parse_conll("t.conll", "# text_json = \"a\\nb\"\n# sent_id = s 1\na\tO\nb\tO\n");
  ASSERT_TRUE(json_text) << json_text.status().message();
  EXPECT_EQ((*json_text)[0].text, "a\nb");
  EXPECT_EQ((*json_text)[0].id_json, "\"s 1\"");
}

struct BadCase {
  std::string input;
  std::string message;
};

TEST(ConllReader, BadInputNamesFileAndLine) {
  const BadCase cases[] = {
      {"a\tO\nb\n", "bad.conll:2: expected a token and a tag"},
      {"a\tO\nb\tB-MISC\n", "bad.conll:2: unknown entity type \"MISC\""},
      {"a\tX-ORG\n", "bad.conll:1: bad tag \"X-ORG\""},
      {"a\tB-STOP\n", "bad.conll:1: unknown entity type \"STOP\""},
      {"# text = a b\na\tO\nc\tO\n", "bad.conll:3: token \"c\" is not next in the document's text (at code point 2)"},
      {"# text = a b c\na\tO\nb\tO\n", "bad.conll:3: the document's text goes on after the last token: \"c\""},
      {"# text_json = nope\n", "bad.conll:1: text_json is not a JSON string"},
  };
  for (const BadCase& c : cases) {
    auto r = parse_conll("bad.conll", c.input);
    ASSERT_FALSE(r) << c.input;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message().rfind(c.message, 0), 0u) << r.status().message();
  }
}

// --- brat ------------------------------------------------------------------------------------

TEST(BratReader, CodepointUtf16AndByteOffsets) {
  const std::string text = "😀 SenseTime و𝐀 iFlytek";
  const std::vector<Key> expected = {key(text, "SenseTime", EntityType::kOrg),
                                     key(text, "iFlytek", EntityType::kOrg)};
  const std::pair<OffsetUnit, std::string> cases[] = {
      {OffsetUnit::kCodepoint, "T1\tORG 2 11\tSenseTime\nT2\tORG 15 22\tiFlytek\n"},
      {OffsetUnit::kUtf16, "T1\tORG 3 12\tSenseTime\nT2\tORG 17 24\tiFlytek\n"},
      {OffsetUnit::kByte, "T1\tORG 5 14\tSenseTime\nT2\tORG 22 29\tiFlytek\n"},
  };
  for (const auto& [unit, ann] : cases) {
    auto d = parse_brat("x.ann", ann, text, "x", unit);
    ASSERT_TRUE(d) << d.status().message();
    EXPECT_EQ(keys(d->entities), expected) << offset_unit_name(unit);
    EXPECT_EQ(d->id_json, "\"x\"");
    EXPECT_EQ(d->text, text);
  }
}

TEST(BratReader, NotesFragmentsAndOtherAnnotations) {
  const std::string text = "a China\nRenaissance و Nvidia";
  const std::string ann =
      "T2\tORG 22 28\tNvidia\n"
      "#1\tAnnotatorNotes T2\tcanonical: Nvidia Corp; source: gaz:nvidia\n"
      "T1\tORG 2 7;8 19\tChina Renaissance\n"
      "R1\tPart-of Arg1:T1 Arg2:T2\n"
      "A1\tNegated T1\n"
      "N1\tReference T1 Wikipedia:1\tChina Renaissance\n"
      "*\tEquiv T1 T2\n"
      "\n";
  auto d = parse_brat("x.ann", ann, text, "x");
  ASSERT_TRUE(d) << d.status().message();
  ASSERT_EQ(d->entities.size(), 2u);
  EXPECT_EQ(keys(d->entities),
            (std::vector<Key>{key(text, "China\nRenaissance", EntityType::kOrg),
                              key(text, "Nvidia", EntityType::kOrg)}));
  EXPECT_EQ(d->entities[1].canonical, "Nvidia Corp");
  EXPECT_EQ(d->entities[1].source, "gaz:nvidia");
}

TEST(BratReader, BadInputNamesFileAndLine) {
  const std::string text = "😀 SenseTime";
  const std::pair<std::string, std::string> cases[] = {
      {"T1 ORG 2 11 SenseTime\n", "x.ann:1: expected an annotation id and a TAB"},
      {"T1\tORG 2 11 SenseTime\n", "x.ann:1: T1: expected \"TYPE START END\", a TAB and the text"},
      {"T1\tGENE 2 11\tSenseTime\n", "x.ann:1: T1: unknown entity type \"GENE\""},
      {"T1\tORG 2 x\tSenseTime\n", "x.ann:1: T1: bad offsets \"2 x\""},
      {"T1\tORG 5 5\t\n", "x.ann:1: T1: empty or reversed offsets 5 5"},
      {"T1\tORG 2 40\tSenseTime\n", "x.ann:1: T1: offset 40 is past the end of the text (11 codepoint units)"},
      {"\nT1\tORG 3 11\tenseTime\nT1\tORG 2 11\tSenseTime\n", "x.ann:3: duplicate annotation id T1"},
      {"T1\tORG 2 11\tSenseTim\n",
       "x.ann:1: T1: text \"SenseTim\" differs from the text file's \"SenseTime\" at those offsets"},
  };
  for (const auto& [ann, message] : cases) {
    auto d = parse_brat("x.ann", ann, text, "x");
    ASSERT_FALSE(d) << ann;
    EXPECT_EQ(d.status().message(), message);
  }
  // In UTF-16 units offset 1 falls between the two halves of 😀.
  auto half = parse_brat("x.ann", "T1\tORG 1 12\tSenseTime\n", text, "x", OffsetUnit::kUtf16);
  ASSERT_FALSE(half);
  EXPECT_EQ(half.status().message(),
            "x.ann:1: T1: offset 1 falls inside a character (not a utf16 boundary)");
}

// --- round trips -----------------------------------------------------------------------------

TEST(RoundTrip, SegmentedConllGivesBackExactSpansAndTexts) {
  const std::vector<Document> docs = tricky_documents();
  WriterOptions o;
  o.segment = true;
  const std::string conll = write_all("conll", docs, o).stream;
  auto back = parse_conll("rt.conll", conll);
  ASSERT_TRUE(back) << back.status().message() << "\n" << conll;
  ASSERT_EQ(back->size(), docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) {
    EXPECT_EQ((*back)[i].id_json, docs[i].id_json);
    EXPECT_EQ((*back)[i].text, docs[i].text);
    EXPECT_EQ(keys((*back)[i].entities), keys(docs[i].entities)) << docs[i].text;
  }
  // JSONL → CoNLL → eval: perfect scores.
  const EvalReport r = evaluate(docs, *back);
  EXPECT_EQ(r.strict_all.fp + r.strict_all.fn, 0u);
  EXPECT_EQ(r.strict_all.tp, 16u);
}

TEST(RoundTrip, WhitespaceConllIsExactWhenSpansAreWholeTokensAndWidensOtherwise) {
  const std::string text = "Nvidia و China Renaissance وإنفيديا";
  const std::vector<Document> docs = {
      {"", text,
       {span_of(text, "Nvidia", EntityType::kOrg),
        span_of(text, "China Renaissance", EntityType::kOrg),
        span_of(text, "إنفيديا", EntityType::kOrg)}}};
  auto back = parse_conll("ws.conll", write_all("conll", docs).stream);
  ASSERT_TRUE(back) << back.status().message();
  EXPECT_EQ(keys((*back)[0].entities),
            (std::vector<Key>{key(text, "Nvidia", EntityType::kOrg),
                              key(text, "China Renaissance", EntityType::kOrg),
                              key(text, "وإنفيديا", EntityType::kOrg)}));  // proclitic inside
}

TEST(RoundTrip, BratReslicesTheTxtInEveryUnit) {
  const std::vector<Document> docs = tricky_documents();
  for (OffsetUnit unit : {OffsetUnit::kCodepoint, OffsetUnit::kUtf16, OffsetUnit::kByte}) {
    SCOPED_TRACE(offset_unit_name(unit));
    WriterOptions o;
    o.offsets = unit;
    const WriterOutput out = write_all("brat", docs, o);
    std::size_t i = 0;
    for (const OutputFile& f : out.files) {
      if (!f.name.ends_with(".ann")) continue;
      const std::string stem = f.name.substr(0, f.name.size() - 4);
      const OutputFile* txt = file_named(out, stem + ".txt");
      ASSERT_TRUE(txt) << stem;
      auto d = parse_brat(f.name, f.content, txt->content, stem, unit);
      ASSERT_TRUE(d) << d.status().message();
      ASSERT_LT(i, docs.size());
      EXPECT_EQ(d->text, docs[i].text);
      EXPECT_EQ(keys(d->entities), keys(docs[i].entities));
      for (std::size_t k = 0; k < d->entities.size(); ++k) {
        EXPECT_EQ(d->entities[k].canonical, docs[i].entities[k].canonical);
        EXPECT_EQ(d->entities[k].source, docs[i].entities[k].source);
      }
      ++i;
    }
    EXPECT_EQ(i, docs.size());
  }
}

// Code point offsets of the .ann re-slice the .txt as Python's str does.
TEST(RoundTrip, BratCodepointOffsetsSliceTheTxtByCodePoints) {
  const WriterOutput out = write_all("brat", tricky_documents());
  for (const OutputFile& f : out.files) {
    if (!f.name.ends_with(".ann")) continue;
    const std::string txt = file_named(out, f.name.substr(0, f.name.size() - 4) + ".txt")->content;
    std::vector<std::u32string::size_type> starts;
    std::u32string cps;
    for (std::size_t i = 0; i < txt.size();) {
      const utf8::Decoded d = utf8::decode(txt, i);
      cps.push_back(d.cp);
      i += d.size;
    }
    std::istringstream lines(f.content);
    std::string line;
    while (std::getline(lines, line)) {
      if (line[0] != 'T') continue;
      const std::size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
      std::istringstream offsets(line.substr(t1 + 1, t2 - t1 - 1));
      std::string type, frag;
      offsets >> type;
      std::u32string sliced;
      while (std::getline(offsets >> std::ws, frag, ';')) {
        const std::size_t a = std::stoul(frag), b = std::stoul(frag.substr(frag.find(' ') + 1));
        if (!sliced.empty()) sliced.push_back(U' ');
        sliced += cps.substr(a, b - a);
      }
      std::string utf8_slice;
      for (char32_t c : sliced) utf8::append(utf8_slice, c);
      EXPECT_EQ(utf8_slice, line.substr(t2 + 1)) << line;
    }
  }
}

// --- files, detection, pairing ----------------------------------------------------------------

fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("alam_readers_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

void put(const fs::path& p, const std::string& content) {
  std::ofstream(p, std::ios::binary) << content;
}

TEST(LoadDocuments, DetectsFormatsAndReadsBratFoldersInNaturalOrder) {
  const fs::path dir = fresh_dir("load");
  put(dir / "a.jsonl", R"({"id":"x","text":"Nvidia","entities":[{"start":0,"end":6,"type":"ORG"}]})" "\n");
  put(dir / "a.conll", "Nvidia\tB-ORG\n");
  put(dir / "a.data", "# text = Nvidia\nNvidia\tB-ORG\n");
  put(dir / "b.data", "\n  {\"text\":\"x\"}\n");
  fs::create_directories(dir / "brat");
  for (const char* n : {"doc-10", "doc-2", "doc-1"}) {
    put(dir / "brat" / (std::string(n) + ".txt"), std::string("Nvidia ") + n);
    put(dir / "brat" / (std::string(n) + ".ann"), "T1\tORG 0 6\tNvidia\n");
  }
  put(dir / "brat" / "plain.txt", "no annotations");
  EXPECT_EQ(*detect_format(dir / "a.jsonl"), DocumentFormat::kJsonl);
  EXPECT_EQ(*detect_format(dir / "a.conll"), DocumentFormat::kConll);
  EXPECT_EQ(*detect_format(dir / "a.data"), DocumentFormat::kConll);
  EXPECT_EQ(*detect_format(dir / "b.data"), DocumentFormat::kJsonl);
  EXPECT_EQ(*detect_format(dir / "brat"), DocumentFormat::kBrat);
  EXPECT_EQ(*detect_format(dir / "brat" / "doc-1.txt"), DocumentFormat::kBrat);
  EXPECT_FALSE(detect_format(dir / "missing.data"));

  for (const char* f : {"a.jsonl", "a.conll", "a.data"}) {
    auto docs = load_documents(dir / f);
    ASSERT_TRUE(docs) << docs.status().message();
    ASSERT_EQ(docs->size(), 1u);
    EXPECT_EQ(keys((*docs)[0].entities), (std::vector<Key>{{0, 6, EntityType::kOrg}})) << f;
  }
  auto brat = load_documents(dir / "brat");
  ASSERT_TRUE(brat) << brat.status().message();
  ASSERT_EQ(brat->size(), 4u);
  EXPECT_EQ((*brat)[0].id_json, "\"doc-1\"");
  EXPECT_EQ((*brat)[1].id_json, "\"doc-2\"");
  EXPECT_EQ((*brat)[2].id_json, "\"doc-10\"");
  EXPECT_EQ((*brat)[3].text, "no annotations");
  EXPECT_TRUE((*brat)[3].entities.empty());
  auto one = load_documents(dir / "brat" / "doc-2.ann");
  ASSERT_TRUE(one);
  EXPECT_EQ((*one)[0].text, "Nvidia doc-2");

  put(dir / "brat" / "orphan.ann", "T1\tORG 0 1\tx\n");
  auto orphan = load_documents(dir / "brat");
  ASSERT_FALSE(orphan);
  EXPECT_NE(orphan.status().message().find("orphan.ann: no orphan.txt beside it"),
            std::string::npos);
  auto missing = load_documents(dir / "nothing.jsonl");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  auto bad_json = load_documents(dir / "b.data", DocumentFormat::kConll);
  ASSERT_FALSE(bad_json);
  EXPECT_EQ(bad_json.status().message().rfind((dir / "b.data").string() + ":2: ", 0), 0u);
  fs::remove_all(dir);
}

TEST(LoadDocuments, FoldersOfJsonlOrConllFiles) {
  const fs::path dir = fresh_dir("gold_folder");
  fs::create_directories(dir / "jsonl");
  put(dir / "jsonl" / "part-10.jsonl", R"({"id":"c","text":"Intel"})" "\n");
  put(dir / "jsonl" / "part-2.jsonl",
      R"({"id":"a","text":"Nvidia"})" "\n" R"({"id":"b","text":"AMD"})" "\n");
  put(dir / "jsonl" / "notes.md", "not a document");
  EXPECT_EQ(*detect_format(dir / "jsonl"), DocumentFormat::kJsonl);
  auto docs = load_documents(dir / "jsonl");
  ASSERT_TRUE(docs) << docs.status().message();
  ASSERT_EQ(docs->size(), 3u);  // part-2 before part-10, the .md file skipped
  EXPECT_EQ((*docs)[0].text, "Nvidia");
  EXPECT_EQ((*docs)[1].text, "AMD");
  EXPECT_EQ((*docs)[2].text, "Intel");

  fs::create_directories(dir / "conll");
  put(dir / "conll" / "x.conll", "Nvidia\tB-ORG\n");
  EXPECT_EQ(*detect_format(dir / "conll"), DocumentFormat::kConll);
  auto conll = load_documents(dir / "conll");
  ASSERT_TRUE(conll) << conll.status().message();
  EXPECT_EQ(conll->size(), 1u);

  // A bad line names its file and line.
  put(dir / "jsonl" / "part-3.jsonl", "{\"text\":\"x\"}\n{oops\n");
  auto bad = load_documents(dir / "jsonl");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.status().message().rfind((dir / "jsonl" / "part-3.jsonl").string() + ":2: ", 0),
            0u)
      << bad.status().message();

  fs::create_directories(dir / "empty");
  put(dir / "empty" / "readme", "nothing");
  auto empty = detect_format(dir / "empty");
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.status().message().find("no documents in this folder"), std::string::npos);
  EXPECT_FALSE(load_documents(dir / "empty"));
  EXPECT_FALSE(load_documents(dir / "empty", DocumentFormat::kJsonl));

  put(dir / "conll" / "y.jsonl", R"({"text":"x"})" "\n");
  auto mixed = detect_format(dir / "conll");
  ASSERT_FALSE(mixed);
  EXPECT_NE(mixed.status().message().find("both JSONL and CoNLL"), std::string::npos);
  auto chosen = load_documents(dir / "conll", DocumentFormat::kConll);
  ASSERT_TRUE(chosen) << chosen.status().message();
  EXPECT_EQ(chosen->size(), 1u);
  fs::remove_all(dir);
}

TEST(PairDocuments, ByPositionByIdAndAcrossWhitespace) {
  const std::string t1 = "قالت إنفيديا", t2 = "Nvidia  A100\tx";
  const std::vector<Document> gold = {
      {"\"a\"", t1, {span_of(t1, "إنفيديا", EntityType::kOrg)}},
      {"\"b\"", t2, {span_of(t2, "A100", EntityType::kChip)}}};
  // Same order: untouched.
  std::vector<Document> same = gold;
  ASSERT_TRUE(pair_documents(gold, same, "g", "p"));
  EXPECT_EQ(same[1].entities, gold[1].entities);
  // Other order with ids (brat file names): reordered.
  std::vector<Document> swapped = {gold[1], gold[0]};
  ASSERT_TRUE(pair_documents(gold, swapped, "g", "p"));
  EXPECT_EQ(swapped[0].text, t1);
  // Whitespace differs (CoNLL without "# text"): spans moved onto the gold text.
  auto conll = parse_conll("p.conll", "Nvidia\tO\nA100\tB-CHIP\nx\tO\n\n");
  ASSERT_TRUE(conll);
  std::vector<Document> joined = {gold[0], (*conll)[0]};
  EXPECT_EQ(joined[1].text, "Nvidia A100 x");
  ASSERT_TRUE(pair_documents(gold, joined, "g", "p"));
  EXPECT_EQ(joined[1].text, t2);
  EXPECT_EQ(keys(joined[1].entities), keys(gold[1].entities));
  // Errors.
  std::vector<Document> fewer = {gold[0]};
  fewer[0].id_json.clear();
  Status s = pair_documents(gold, fewer, "g", "p");
  EXPECT_EQ(s.message(), "p has 1 documents but g has 2");
  std::vector<Document> other = gold;
  other[1].text = "Nvidia A100 y";
  EXPECT_EQ(pair_documents(gold, other, "g", "p").message(),
            "document \"b\" differs in text between g and p");
  other[1].id_json = "\"c\"";
  EXPECT_EQ(pair_documents(gold, other, "g", "p").message(), "document \"b\" of g is not in p");
}

TEST(Ids, DisplayAndFileStems) {
  EXPECT_EQ(id_display("\"seed-03\""), "seed-03");
  EXPECT_EQ(id_display("12"), "12");
  EXPECT_EQ(id_display("{\"a\": 1}"), "{\"a\":1}");
  EXPECT_EQ(id_display(""), "");
  EXPECT_EQ(file_stem_for_id("seed-03"), "seed-03");
  EXPECT_EQ(file_stem_for_id("a/b c"), "a_b_c");
  EXPECT_EQ(file_stem_for_id(".hidden"), "_hidden");
  EXPECT_EQ(file_stem_for_id("إنفيديا"), "");
  EXPECT_EQ(file_stem_for_id("news إنفيديا 3"), "news_3");
  EXPECT_EQ(parse_offset_unit("utf16"), OffsetUnit::kUtf16);
  EXPECT_FALSE(parse_offset_unit("utf8"));
  EXPECT_EQ(parse_document_format("brat"), DocumentFormat::kBrat);
}

}  // namespace
}  // namespace alam

// Garbage in, a Status out: random mixes of the formats' own pieces never crash the readers,
// and writers given arbitrary spans always write valid UTF-8.
namespace alam {
namespace {

TEST(Readers, RandomInputNeverCrashes) {
  const std::vector<std::string> pieces = {
      "\t", "\n", "\r\n", " ", "T1", "T2", "#1", "ORG", "CHIP", "MISC", "0", "3", "12", "999",
      ";", "# text = ", "# text_json = \"a\\n\"", "# id = ", "B-ORG", "I-CHIP", "E-LOC", "O",
      "-DOCSTART-", "AnnotatorNotes T1", "canonical: x; source: y", "😀", "إنفيديا", "و",
      "\xFF", "\xE2\x82", "Nvidia", "\"", "{", "}", "R1", "*"};
  std::uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  for (int round = 0; round < 3000; ++round) {
    std::string a, b;
    for (int i = int(next() % 40); i > 0; --i) a += pieces[next() % pieces.size()];
    for (int i = int(next() % 20); i > 0; --i) b += pieces[next() % pieces.size()];
    (void)parse_conll("r.conll", a);
    const OffsetUnit unit = static_cast<OffsetUnit>(next() % 3);
    auto d = parse_brat("r.ann", a, b, "r", unit);
    if (d)
      for (const Span& s : d->entities) EXPECT_LE(s.end, d->text.size());
    // Writers with arbitrary spans over arbitrary text.
    std::vector<Span> spans;
    for (int i = int(next() % 4); i > 0; --i)
      spans.push_back({next() % (b.size() + 3), next() % (b.size() + 3),
                       static_cast<EntityType>(next() % 9), "c", "s"});
    const Document doc{"", b, spans};
    for (std::string_view f : writer_formats()) {
      const WriterOutput out = write_all(f, {doc});
      EXPECT_EQ(utf8::first_invalid(out.stream), std::string::npos) << f;
      for (const OutputFile& file : out.files)
        EXPECT_EQ(utf8::first_invalid(file.content), std::string::npos) << f;
    }
  }
}

}  // namespace
}  // namespace alam
