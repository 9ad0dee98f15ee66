// The output writers of alam/writer.hpp, format by format.
#include <gtest/gtest.h>

#include <regex>

#include "alam/formats.hpp"
#include "alam/utf8.hpp"
#include "alam/writer.hpp"
#include "format_test_support.hpp"

namespace alam {
namespace {

using testing::file_named;
using testing::span_of;
using testing::tricky_documents;
using testing::write_all;

Document doc(std::string id, std::string text, std::vector<Span> spans) {
  return Document{std::move(id), std::move(text), std::move(spans)};
}

TEST(Writers, FactoryKnowsEveryFormatAndRejectsOthers) {
  for (std::string_view f : writer_formats()) EXPECT_TRUE(make_writer(f, {})) << f;
  EXPECT_EQ(writer_formats().size(), 6u);
  auto bad = make_writer("yaml", {});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("unknown output format \"yaml\""), std::string::npos);
  EXPECT_NE(bad.status().message().find("conll"), std::string::npos);
  EXPECT_TRUE((*make_writer("brat", {}))->writes_files());
  EXPECT_FALSE((*make_writer("jsonl", {}))->writes_files());
}

// --- jsonl -----------------------------------------------------------------------------------

TEST(JsonlWriter, CodepointOutputIsAppendDocumentJson) {
  for (const Document& d : tricky_documents()) {
    std::string expected;
    append_document_json(expected, d.id_json, d.text, d.entities);
    EXPECT_EQ(write_all("jsonl", {d}).stream, expected + "\n");
  }
}

struct OffsetCase {
  OffsetUnit unit;
  std::size_t start, end;  // of SenseTime in "😀👍🏽 SenseTime و𝐀 iFlytek"
  std::size_t start2, end2;  // of iFlytek
};

TEST(JsonlWriter, OffsetsInEachUnitAfterAstralCharacters) {
  const std::string text = "😀👍🏽 SenseTime و𝐀 iFlytek";
  const Document d = doc(R"({"start":99,"entities":[{"start":5}]})", text,
                         {span_of(text, "SenseTime", EntityType::kOrg),
                          span_of(text, "iFlytek", EntityType::kOrg)});
  // 😀 👍 🏽 are astral (two UTF-16 units, four bytes); و is two bytes, 𝐀 astral.
  const OffsetCase cases[] = {
      {OffsetUnit::kCodepoint, 4, 13, 17, 24},
      {OffsetUnit::kUtf16, 7, 16, 21, 28},
      {OffsetUnit::kByte, 13, 22, 30, 37},
  };
  for (const OffsetCase& c : cases) {
    WriterOptions o;
    o.offsets = c.unit;
    const std::string out = write_all("jsonl", {d}, o).stream;
    SCOPED_TRACE(offset_unit_name(c.unit));
    // The id is passed through untouched, byte offsets are always bytes.
    EXPECT_EQ(out.rfind(R"({"id":{"start":99,"entities":[{"start":5}]},"text":)", 0), 0u) << out;
    EXPECT_NE(out.find(R"({"start":)" + std::to_string(c.start) + R"(,"end":)" +
                       std::to_string(c.end) + R"(,"byte_start":13,"byte_end":22,)"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find(R"({"start":)" + std::to_string(c.start2) + R"(,"end":)" +
                       std::to_string(c.end2) + R"(,"byte_start":30,"byte_end":37,)"),
              std::string::npos)
        << out;
    EXPECT_EQ(out.back(), '\n');
  }
}

TEST(JsonlWriter, Utf16OffsetsSliceLikeJavaScript) {
  // A UTF-16 reimplementation of String.prototype.slice over the text.
  for (const Document& d : tricky_documents()) {
    std::u16string u16;
    for (std::size_t i = 0; i < d.text.size();) {
      const utf8::Decoded c = utf8::decode(d.text, i);
      if (c.cp >= 0x10000) {
        u16.push_back(char16_t(0xD800 + ((c.cp - 0x10000) >> 10)));
        u16.push_back(char16_t(0xDC00 + ((c.cp - 0x10000) & 0x3FF)));
      } else {
        u16.push_back(char16_t(c.cp));
      }
      i += c.size;
    }
    WriterOptions o;
    o.offsets = OffsetUnit::kUtf16;
    const std::string out = write_all("jsonl", {d}, o).stream;
    const std::regex entity(R"re(\{"start":(\d+),"end":(\d+),"byte_start":(\d+),"byte_end":(\d+))re");
    std::size_t n = 0;
    for (auto it = std::sregex_iterator(out.begin(), out.end(), entity);
         it != std::sregex_iterator(); ++it, ++n) {
      const std::size_t a = std::stoul((*it)[1]), b = std::stoul((*it)[2]);
      const std::size_t ba = std::stoul((*it)[3]), bb = std::stoul((*it)[4]);
      std::u16string expected;
      for (std::size_t i = ba; i < bb;) {
        const utf8::Decoded c = utf8::decode(d.text, i);
        if (c.cp >= 0x10000) {
          expected.push_back(char16_t(0xD800 + ((c.cp - 0x10000) >> 10)));
          expected.push_back(char16_t(0xDC00 + ((c.cp - 0x10000) & 0x3FF)));
        } else {
          expected.push_back(char16_t(c.cp));
        }
        i += c.size;
      }
      EXPECT_EQ(u16.substr(a, b - a), expected) << out;
    }
    EXPECT_EQ(n, d.entities.size());
  }
}

// --- conll -----------------------------------------------------------------------------------

struct ConllCase {
  const char* name;
  bool segment;
  std::string expected;
};

TEST(ConllWriter, WhitespaceAndSegmentedTokens) {
  const std::string text = "قالت وإنفيديا إن (SMIC) لـNvidia";
  const Document d = doc(R"("d1")", text,
                         {span_of(text, "إنفيديا", EntityType::kOrg),
                          span_of(text, "SMIC", EntityType::kOrg),
                          span_of(text, "Nvidia", EntityType::kOrg)});
  const ConllCase cases[] = {
      {"whitespace", false,
       "# id = \"d1\"\n# text = قالت وإنفيديا إن (SMIC) لـNvidia\n"
       "قالت\tO\nوإنفيديا\tB-ORG\nإن\tO\n(SMIC)\tB-ORG\nلـNvidia\tB-ORG\n\n"},
      {"segment", true,
       "# id = \"d1\"\n# text = قالت وإنفيديا إن (SMIC) لـNvidia\n"
       "قالت\tO\nو\tO\nإنفيديا\tB-ORG\nإن\tO\n(\tO\nSMIC\tB-ORG\n)\tO\nلـ\tO\nNvidia\tB-ORG\n\n"},
  };
  for (const ConllCase& c : cases) {
    WriterOptions o;
    o.segment = c.segment;
    EXPECT_EQ(write_all("conll", {d}, o).stream, c.expected) << c.name;
  }
}

TEST(ConllWriter, MultiTokenSpansUseInsideTags) {
  const std::string text = "China Renaissance  و الولايات المتحدة";
  const Document d = doc("", text,
                         {span_of(text, "China Renaissance", EntityType::kOrg),
                          span_of(text, "الولايات المتحدة", EntityType::kLoc)});
  EXPECT_EQ(write_all("conll", {d}).stream,
            "# text = China Renaissance  و الولايات المتحدة\n"
            "China\tB-ORG\nRenaissance\tI-ORG\nو\tO\nالولايات\tB-LOC\nالمتحدة\tI-LOC\n\n");
}

TEST(ConllWriter, EmptyDocumentsLineBreaksAndAdjacentSpans) {
  const std::string text = "A800/H800\nx";
  const std::vector<Document> docs = {
      doc("", "", {}),
      doc("", text,
          {span_of(text, "A800", EntityType::kChip), span_of(text, "H800", EntityType::kChip)}),
  };
  WriterOptions seg;
  seg.segment = true;
  EXPECT_EQ(write_all("conll", docs, seg).stream,
            "# text = \n\n"
            "# text_json = \"A800/H800\\nx\"\nA800\tB-CHIP\n/\tO\nH800\tB-CHIP\nx\tO\n\n");
  // Without segmentation the token holds both spans: the first one wins (lossy).
  EXPECT_EQ(write_all("conll", {docs[1]}).stream,
            "# text_json = \"A800/H800\\nx\"\nA800/H800\tB-CHIP\nx\tO\n\n");
}

TEST(ConllWriter, TokensSplitOnEveryUnicodeSpaceAndBadBytesBecomeReplacement) {
  const std::string text = "a\u00A0b\u3000c\td \xFF";
  const std::string out = write_all("conll", {doc("", text, {})}).stream;
  EXPECT_EQ(out, "# text = a\u00A0b\u3000c\td \uFFFD\na\tO\nb\tO\nc\tO\nd\tO\n\uFFFD\tO\n\n");
}

// --- brat ------------------------------------------------------------------------------------

TEST(BratWriter, TxtAndAnnPerDocumentWithCodepointOffsets) {
  const std::string text = "😀 SenseTime و𝐀 iFlytek";
  const WriterOutput out = write_all(
      "brat", {doc(R"("news/03")", text,
                   {span_of(text, "SenseTime", EntityType::kOrg, 0, "SenseTime", "gaz:sensetime"),
                    span_of(text, "iFlytek", EntityType::kOrg)})});
  EXPECT_EQ(out.stream, "");
  const OutputFile* txt = file_named(out, "news_03.txt");
  const OutputFile* ann = file_named(out, "news_03.ann");
  ASSERT_TRUE(txt && ann);
  EXPECT_EQ(txt->content, text);  // no newline added
  EXPECT_EQ(ann->content,
            "T1\tORG 2 11\tSenseTime\n"
            "#1\tAnnotatorNotes T1\tcanonical: SenseTime; source: gaz:sensetime\n"
            "T2\tORG 15 22\tiFlytek\n");
  const OutputFile* conf = file_named(out, "annotation.conf");
  ASSERT_TRUE(conf);
  EXPECT_FALSE(conf->replace);  // an existing collection configuration is kept
  EXPECT_NE(conf->content.find("[entities]\nORG\nPERSON\n"), std::string::npos);
  ASSERT_TRUE(file_named(out, "visual.conf"));
}

TEST(BratWriter, OffsetUnitsAndFragmentsAcrossLineBreaks) {
  const std::string text = "😀 China\nRenaissance";
  const Document d = doc("", text, {span_of(text, "China\nRenaissance", EntityType::kOrg)});
  const std::pair<OffsetUnit, const char*> cases[] = {
      {OffsetUnit::kCodepoint, "T1\tORG 2 7;8 19\tChina Renaissance\n"},
      {OffsetUnit::kUtf16, "T1\tORG 3 8;9 20\tChina Renaissance\n"},
      {OffsetUnit::kByte, "T1\tORG 5 10;11 22\tChina Renaissance\n"},
  };
  for (const auto& [unit, expected] : cases) {
    WriterOptions o;
    o.offsets = unit;
    const WriterOutput out = write_all("brat", {d}, o);
    const OutputFile* ann = file_named(out, "doc-000001.ann");
    ASSERT_TRUE(ann);
    EXPECT_EQ(ann->content, expected) << offset_unit_name(unit);
  }
}

TEST(BratWriter, DocumentNamesAreSafeAndUnique) {
  const std::vector<Document> docs = {doc(R"("a")", "x", {}), doc(R"("a")", "y", {}),
                                      doc("", "z", {}),       doc(R"("../../etc")", "w", {}),
                                      doc("12", "v", {}),     doc(R"("شركة")", "u", {})};
  const WriterOutput out = write_all("brat", docs);
  std::vector<std::string> names;
  for (const OutputFile& f : out.files)
    if (f.name.ends_with(".txt")) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"a.txt", "a-2.txt", "doc-000003.txt", "_._.._etc.txt",
                                             "12.txt", "doc-000006.txt"}));
}

TEST(BratWriter, InvalidUtf8IsWrittenAsReplacementAndOffsetsStayCodepoints) {
  const std::string text = "\xFF\xFE Nvidia";
  const WriterOutput out = write_all("brat", {doc("", text, {span_of(text, "Nvidia",
                                                                      EntityType::kOrg)})});
  EXPECT_EQ(file_named(out, "doc-000001.txt")->content, "\uFFFD\uFFFD Nvidia");
  EXPECT_EQ(file_named(out, "doc-000001.ann")->content, "T1\tORG 3 9\tNvidia\n");
  WriterOptions bytes;
  bytes.offsets = OffsetUnit::kByte;  // bytes of the .txt as written
  EXPECT_EQ(file_named(write_all("brat", {doc("", text, {span_of(text, "Nvidia",
                                                                 EntityType::kOrg)})},
                                 bytes),
                       "doc-000001.ann")
                ->content,
            "T1\tORG 7 13\tNvidia\n");
}

// --- xml -------------------------------------------------------------------------------------

// The text of an XML document element: tags dropped, entities unescaped.
std::string xml_text(std::string_view xml) {
  std::string out;
  for (std::size_t i = 0; i < xml.size();) {
    if (xml[i] == '<') {
      i = xml.find('>', i) + 1;
      continue;
    }
    if (xml[i] == '&') {
      const std::size_t semi = xml.find(';', i);
      const std::string_view e = xml.substr(i, semi - i + 1);
      out += e == "&amp;" ? "&" : e == "&lt;" ? "<" : e == "&gt;" ? ">" : e == "&quot;" ? "\"" : "?";
      i = semi + 1;
      continue;
    }
    out.push_back(xml[i++]);
  }
  return out;
}

TEST(XmlWriter, InlineElementsWithEscapedTextAndAttributes) {
  const std::string text = "AT&T <Nvidia> \"x\" وإنفيديا";
  const Document d = doc(R"("q\"1")", text,
                         {span_of(text, "AT&T", EntityType::kOrg, 0, "AT&T \"Inc\"", "gaz:att"),
                          span_of(text, "إنفيديا", EntityType::kOrg, 0, "Nvidia", "gaz:nvidia")});
  const std::string out = write_all("xml", {d}).stream;
  EXPECT_EQ(out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<documents>\n"
            "<document n=\"1\" id=\"q&quot;1\" xml:space=\"preserve\">"
            "<ORG canonical=\"AT&amp;T &quot;Inc&quot;\" source=\"gaz:att\">AT&amp;T</ORG>"
            " &lt;Nvidia&gt; \"x\" و<ORG canonical=\"Nvidia\" source=\"gaz:nvidia\">إنفيديا</ORG>"
            "</document>\n</documents>\n");
}

TEST(XmlWriter, TextOutsideTagsIsTheOriginalByteForByte) {
  for (const Document& d : tricky_documents()) {
    const std::string out = write_all("xml", {d}).stream;
    const std::size_t open = out.find("xml:space=\"preserve\">") + 21;
    const std::size_t close = out.rfind("</document>");
    EXPECT_EQ(xml_text(std::string_view(out).substr(open, close - open)), d.text);
    // Every span is one element whose content is the span's text.
    for (const Span& s : d.entities) {
      std::string element = "<" + std::string(type_name(s.type)) + " ";
      EXPECT_NE(out.find(element), std::string::npos);
    }
  }
  // Controls not allowed in XML 1.0 and bad bytes become U+FFFD.
  const std::string out = write_all("xml", {doc("", "a\x01z\xC0", {})}).stream;
  EXPECT_NE(out.find(">a\uFFFDz\uFFFD</document>"), std::string::npos) << out;
}

// --- html ------------------------------------------------------------------------------------

TEST(HtmlWriter, SelfContainedPageWithDirectionsSpansLegendAndSummary) {
  const std::string ar = "قالت وإنفيديا إن رقائق A800 <ستباع>";
  const std::string en = "SenseTime and Nvidia & AMD";
  const std::string mixed = "SenseTime هي شركة صينية\nJensen Huang said so";
  const std::vector<Document> docs = {
      doc(R"("ar")", ar,
          {span_of(ar, "إنفيديا", EntityType::kOrg, 0, "Nvidia", "gaz:nvidia"),
           span_of(ar, "A800", EntityType::kChip, 0, "A800", "rule:chip")}),
      doc(R"("en")", en,
          {span_of(en, "SenseTime", EntityType::kOrg), span_of(en, "Nvidia", EntityType::kOrg,
                                                               0, "Nvidia", "gaz:nvidia")}),
      doc("", mixed,
          {span_of(mixed, "SenseTime", EntityType::kOrg),
           span_of(mixed, "Jensen Huang", EntityType::kPerson)}),
      doc("", "", {}),
  };
  WriterOptions o;
  o.title = "t<1>";
  const std::string page = write_all("html", docs, o).stream;
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("<title>t&lt;1&gt;</title>"), std::string::npos);
  // No external assets.
  for (const char* external : {"<link", " src=", "http://", "https://", "@import", "url("})
    EXPECT_EQ(page.find(external), std::string::npos) << external;
  // Paragraph directions: the Arabic document, the English one, then the mixed document's
  // two paragraphs (Arabic majority although it starts with a Latin name; then English).
  const std::regex para(R"re(<p class="para" dir="(rtl|ltr)")re");
  std::vector<std::string> dirs;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), para);
       it != std::sregex_iterator(); ++it)
    dirs.push_back((*it)[1]);
  EXPECT_EQ(dirs, (std::vector<std::string>{"rtl", "ltr", "rtl", "ltr", "ltr"}));
  // Every span is a mark with its type, its own direction, offsets and a hover title.
  EXPECT_NE(page.find(R"(<mark class="ent ent-ORG" data-type="ORG" dir="rtl" data-start="6" )"
                      R"(data-end="13" data-canonical="Nvidia" data-source="gaz:nvidia" )"
                      R"(title="ORG · Nvidia · gaz:nvidia">إنفيديا</mark>)"),
            std::string::npos)
      << page;
  EXPECT_NE(page.find(R"(dir="ltr" data-start="23" data-end="27" data-canonical="A800" )"
                      R"(data-source="rule:chip" title="CHIP · A800 · rule:chip">A800</mark>)"),
            std::string::npos);
  std::size_t marks = 0;
  for (std::size_t p = page.find("<mark "); p != std::string::npos; p = page.find("<mark ", p + 1))
    ++marks;
  EXPECT_EQ(marks, 6u);
  EXPECT_NE(page.find("&lt;ستباع&gt;"), std::string::npos);  // escaped text
  EXPECT_NE(page.find(" &amp; AMD"), std::string::npos);
  // Legend for every type, summary table with counts.
  for (int t = 0; t < kEntityTypeCount; ++t)
    EXPECT_NE(page.find("value=\"" + std::string(type_name(static_cast<EntityType>(t))) + "\""),
              std::string::npos);
  EXPECT_NE(page.find("<caption>6 entities in 4 documents</caption>"), std::string::npos);
  EXPECT_NE(page.find(R"(<tr data-type="ORG"><td><span class="swatch key-ORG">ORG</span></td>)"
                      R"(<td class="n">4</td><td class="n">2</td><td><bdi>Nvidia</bdi> ×2, )"
                      R"(<bdi>SenseTime</bdi> ×2</td></tr>)"),
            std::string::npos);
  EXPECT_EQ(page.substr(page.size() - 16), "</body>\n</html>\n");
}

TEST(HtmlWriter, SpansAcrossLineBreaksStayInOneParagraph) {
  const std::string text = "a\nChina\nRenaissance\nb";
  const std::string page =
      write_all("html", {doc("", text, {span_of(text, "China\nRenaissance", EntityType::kOrg)})})
          .stream;
  EXPECT_NE(page.find(">a</p>"), std::string::npos);
  EXPECT_NE(page.find(">China\nRenaissance</mark></p>"), std::string::npos);
  EXPECT_NE(page.find(">b</p>"), std::string::npos);
}

// --- human -----------------------------------------------------------------------------------

TEST(HumanWriter, TextThenOneLinePerEntity) {
  const std::string text = "😀 رقائق A100";
  const Document d = doc("", text, {span_of(text, "A100", EntityType::kChip, 0, "A100",
                                            "gaz:chip-a100")});
  EXPECT_EQ(write_all("human", {d}).stream,
            "in.txt:1  😀 رقائق A100\n"
            "  CHIP     \u2068A100\u2069  [8, 12)  gaz:chip-a100  \u2192 A100\n");
  WriterOptions o;
  o.offsets = OffsetUnit::kUtf16;
  o.colour = true;
  const std::string coloured = write_all("human", {d, doc("", "x", {})}, o).stream;
  EXPECT_NE(coloured.find("\x1b[1;35mCHIP    \x1b[0m"), std::string::npos) << coloured;
  EXPECT_NE(coloured.find("[9, 13)"), std::string::npos);
  EXPECT_NE(coloured.find("(no entities)"), std::string::npos);
}

// --- bad spans -------------------------------------------------------------------------------

TEST(Writers, SpansOutOfRangeOrInsideCharactersNeverCrash) {
  const std::string text = "إنفيديا x";
  const Document d = doc("", text,
                         {{1, 3, EntityType::kOrg, {}, {}},     // inside a character
                          {2, 2, EntityType::kOrg, {}, {}},     // empty
                          {5, 100, EntityType::kOrg, {}, {}},   // past the end
                          {0, 4, EntityType::kStop, {}, {}}});  // never output
  for (std::string_view f : writer_formats()) {
    const WriterOutput out = write_all(f, {d});
    EXPECT_EQ(utf8::first_invalid(out.stream), std::string::npos) << f;
    for (const OutputFile& file : out.files)
      EXPECT_EQ(utf8::first_invalid(file.content), std::string::npos) << f;
  }
}

}  // namespace
}  // namespace alam
