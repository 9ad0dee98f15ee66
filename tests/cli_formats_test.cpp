// alam tag --format conll|brat|xml|html, --offsets, --segment, --output-dir, and alam eval over
// JSONL, CoNLL and brat, driven as a user would. Independent consumers (Python for code
// points, Node.js for UTF-16, xmllint for XML) check the files when they are installed.
#include <gtest/gtest.h>

#include <filesystem>

#include "alam/formats.hpp"
#include "alam/writer.hpp"
#include "cli_support.hpp"

namespace alam {
namespace {

namespace fs = std::filesystem;
using testing::alam_cmd;
using testing::run;
using testing::slurp;
using testing::temp_dir;
using testing::write_temp;

// Mixed documents with astral characters before the names, proclitics glued to them, markup
// characters and an empty document.
const char* kJsonl =
    R"({"id":"ar-1","text":"😀👍🏽 قالت وإنفيديا إن رقائق A800 وH800 لـNvidia بالصين"})" "\n"
    R"({"id":"en/2","text":"𝐀𝐁 SenseTime & <Nvidia> \"Huawei\" rose 58% in 2021."})" "\n"
    R"({"id":"empty","text":""})" "\n"
    R"({"id":4,"text":"أعلنت هواوي عن رقائق Ascend 910B"})" "\n";

bool have(const std::string& program) {
  return run("command -v " + program).status == 0;
}

std::string fresh(const std::string& name) {
  const fs::path d = temp_dir() / name;
  fs::remove_all(d);
  return d.string();
}

TEST(CliFormats, UsageErrorsExitWithTwo) {
  const auto in = write_temp("u.txt", "Nvidia\n");
  EXPECT_EQ(run(alam_cmd("tag --format brat " + in)).status, 2);
  EXPECT_NE(run(alam_cmd("tag --format brat " + in)).err.find("give --output-dir DIR"),
            std::string::npos);
  EXPECT_EQ(run(alam_cmd("tag --format jsonl --output-dir " + fresh("u") + " " + in)).status, 2);
  EXPECT_EQ(run(alam_cmd("tag --format jsonl --segment " + in)).status, 2);
  EXPECT_EQ(run(alam_cmd("tag --format conll --offsets utf16 " + in)).status, 2);
  EXPECT_EQ(run(alam_cmd("tag --format jsonl --offsets utf8 " + in)).status, 2);
  EXPECT_EQ(run(alam_cmd("eval --gold-format xml " + in)).status, 2);
}

TEST(CliFormats, TagWritesEachFormat) {
  const auto in = write_temp("f.jsonl", kJsonl);
  auto conll = run(alam_cmd("tag --input jsonl --format conll --segment " + in));
  ASSERT_EQ(conll.status, 0) << conll.err;
  EXPECT_NE(conll.out.find("# id = \"ar-1\"\n# text = 😀👍🏽 قالت وإنفيديا"), std::string::npos);
  EXPECT_NE(conll.out.find("\nو\tO\nإنفيديا\tB-ORG\n"), std::string::npos) << conll.out;
  EXPECT_NE(conll.out.find("\nلـ\tO\nNvidia\tB-ORG\n"), std::string::npos);
  EXPECT_NE(conll.out.find("\nAscend\tB-CHIP\n910B\tI-CHIP\n\n"), std::string::npos);
  EXPECT_NE(conll.out.find("# id = \"empty\"\n# text = \n\n"), std::string::npos);

  auto plain = run(alam_cmd("tag --input jsonl --format conll " + in));
  EXPECT_NE(plain.out.find("\nوإنفيديا\tB-ORG\n"), std::string::npos) << plain.out;

  auto utf16 = run(alam_cmd("tag --input jsonl --offsets utf16 " + in));
  ASSERT_EQ(utf16.status, 0) << utf16.err;
  // 😀 👍 🏽 are two UTF-16 units each: إنفيديا starts at code point 10, UTF-16 unit 13.
  EXPECT_NE(utf16.out.find(R"({"start":13,"end":20,"byte_start":)"), std::string::npos)
      << utf16.out;
  auto cp = run(alam_cmd("tag --input jsonl " + in));
  EXPECT_NE(cp.out.find(R"({"start":10,"end":17,"byte_start":)"), std::string::npos) << cp.out;

  auto xml = run(alam_cmd("tag --input jsonl --format xml " + in));
  ASSERT_EQ(xml.status, 0) << xml.err;
  EXPECT_NE(xml.out.find(R"(<document n="2" id="en/2" xml:space="preserve">𝐀𝐁 <ORG )"),
            std::string::npos)
      << xml.out;
  EXPECT_NE(xml.out.find("</ORG> &amp; &lt;<ORG "), std::string::npos);
  if (have("xmllint")) {
    const auto file = write_temp("out.xml", xml.out);
    auto lint = run("xmllint --noout " + file);
    EXPECT_EQ(lint.status, 0) << lint.err;
  }

  auto html = run(alam_cmd("tag --input jsonl --format html --title Demo " + in));
  ASSERT_EQ(html.status, 0) << html.err;
  EXPECT_EQ(html.out.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.out.find("<title>Demo</title>"), std::string::npos);
  EXPECT_NE(html.out.find("</html>\n"), std::string::npos);

  auto human = run(alam_cmd("tag --input jsonl --format human --offsets utf16 " + in));
  EXPECT_NE(human.out.find("[13, 20)"), std::string::npos) << human.out;
}

TEST(CliFormats, BratFilesReSliceInPythonAndJavaScript) {
  const auto in = write_temp("b.jsonl", kJsonl);
  const std::string dir = fresh("brat_cp");
  auto r = run(alam_cmd("tag --input jsonl --format brat --output-dir " + dir + " " + in));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
  for (const char* f : {"ar-1.txt", "ar-1.ann", "en_2.txt", "en_2.ann", "empty.txt", "empty.ann",
                        "4.txt", "4.ann", "annotation.conf", "visual.conf"})
    EXPECT_TRUE(fs::exists(fs::path(dir) / f)) << f;
  EXPECT_EQ(slurp(fs::path(dir) / "ar-1.txt"), "😀👍🏽 قالت وإنفيديا إن رقائق A800 وH800 لـNvidia بالصين");
  EXPECT_NE(slurp(fs::path(dir) / "ar-1.ann").find("T1\tORG 10 17\tإنفيديا\n"), std::string::npos);
  EXPECT_EQ(slurp(fs::path(dir) / "empty.ann"), "");

  // An existing collection configuration is kept; documents are rewritten.
  write_temp("brat_cp/annotation.conf", "[entities]\nMINE\n");
  ASSERT_EQ(run(alam_cmd("tag --input jsonl --format brat --output-dir " + dir + " " + in)).status, 0);
  EXPECT_EQ(slurp(fs::path(dir) / "annotation.conf"), "[entities]\nMINE\n");

  // brat reads the .txt as a Python str: code point offsets slice it exactly.
  if (have("python3")) {
    const auto script = write_temp("reslice.py", R"(
import glob, sys
n = 0
for ann in sorted(glob.glob(sys.argv[1] + '/*.ann')):
    text = open(ann[:-4] + '.txt', encoding='utf-8', newline='').read()
    for line in open(ann, encoding='utf-8', newline=''):
        if not line.startswith('T'):
            continue
        tid, head, span_text = line.rstrip('\n').split('\t')
        parts = [tuple(map(int, f.split())) for f in head.split(' ', 1)[1].split(';')]
        got = ' '.join(text[a:b] for a, b in parts)
        if got != span_text:
            print('MISMATCH', ann, tid, repr(got), repr(span_text)); sys.exit(1)
        n += 1
print(n, 'spans')
)");
    auto py = run("python3 " + script + " " + dir);
    EXPECT_EQ(py.status, 0) << py.out << py.err;
    EXPECT_NE(py.out.find("12 spans"), std::string::npos) << py.out;
  }
  // With --offsets utf16 the same holds for JavaScript strings.
  const std::string dir16 = fresh("brat_u16");
  ASSERT_EQ(run(alam_cmd("tag --input jsonl --format brat --offsets utf16 --output-dir " + dir16 +
                         " " + in))
                .status,
            0);
  EXPECT_NE(slurp(fs::path(dir16) / "ar-1.ann").find("T1\tORG 13 20\tإنفيديا\n"),
            std::string::npos);
  if (have("node")) {
    const auto script = write_temp("reslice.js", R"(
const fs = require('fs');
const dir = process.argv[2];
let n = 0;
for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.ann')).sort()) {
  const text = fs.readFileSync(dir + '/' + f.slice(0, -4) + '.txt', 'utf8');
  for (const line of fs.readFileSync(dir + '/' + f, 'utf8').split('\n')) {
    if (!line.startsWith('T')) continue;
    const [id, head, spanText] = line.split('\t');
    const got = head.split(' ').slice(1).join(' ').split(';')
        .map(p => p.split(' ').map(Number)).map(([a, b]) => text.slice(a, b)).join(' ');
    if (got !== spanText) { console.log('MISMATCH', f, id, got, spanText); process.exit(1); }
    n++;
  }
}
console.log(n + ' spans');
)");
    auto js = run("node " + script + " " + dir16);
    EXPECT_EQ(js.status, 0) << js.out << js.err;
    EXPECT_NE(js.out.find("12 spans"), std::string::npos) << js.out;
  }
  // And alam itself reads them back with the matching unit.
  const auto gold = write_temp("b_gold.jsonl", run(alam_cmd("tag --input jsonl " + in)).out);
  auto eval16 = run(alam_cmd("eval --offsets utf16 --pred " + dir16 + " " + gold));
  EXPECT_EQ(eval16.status, 0) << eval16.err;
  EXPECT_NE(eval16.out.find("strict all F1 1.000"), std::string::npos) << eval16.out;
  auto wrong_unit = run(alam_cmd("eval --pred " + dir16 + " " + gold));
  EXPECT_EQ(wrong_unit.status, 1);
  EXPECT_NE(wrong_unit.err.find("ar-1.ann:1: T1: text"), std::string::npos) << wrong_unit.err;
}

TEST(CliFormats, EvalReadsEveryFormatAndRoundTripsExactly) {
  const auto in = write_temp("e.jsonl", kJsonl);
  auto tagged = run(alam_cmd("tag --input jsonl " + in));
  ASSERT_EQ(tagged.status, 0);
  const auto gold = write_temp("gold.jsonl", tagged.out);
  const auto seg = write_temp("seg.conll",
                              run(alam_cmd("tag --input jsonl --format conll --segment " + in)).out);
  const auto ws = write_temp("ws.conll", run(alam_cmd("tag --input jsonl --format conll " + in)).out);
  const std::string brat = fresh("brat_eval");
  ASSERT_EQ(run(alam_cmd("tag --input jsonl --format brat --output-dir " + brat + " " + in)).status, 0);

  // JSONL → CoNLL (segmented) → eval, and brat, in either role: the same spans.
  for (const std::string& pred : {gold, seg, brat}) {
    auto r = run(alam_cmd("eval --pred " + pred + " " + gold));
    ASSERT_EQ(r.status, 0) << pred << r.err;
    EXPECT_NE(r.out.find("strict core F1 1.000, strict all F1 1.000 over 4 documents"),
              std::string::npos)
        << pred << r.out;
  }
  for (const std::string& g : {seg, brat}) {
    auto r = run(alam_cmd("eval --pred " + gold + " " + g));
    ASSERT_EQ(r.status, 0) << g << r.err;
    EXPECT_NE(r.out.find("strict all F1 1.000"), std::string::npos) << g << r.out;
  }
  // Whitespace tokens are lossy where a proclitic is glued to a name: the errors say where.
  auto lossy = run(alam_cmd("eval --errors --json --pred " + ws + " " + gold));
  ASSERT_EQ(lossy.status, 0) << lossy.err;
  EXPECT_NE(lossy.out.find("\"ar-1\" missed   ORG     \u2068إنفيديا\u2069"), std::string::npos)
      << lossy.out;
  EXPECT_NE(lossy.out.find("\"ar-1\" spurious ORG     \u2068وإنفيديا\u2069"), std::string::npos);
  EXPECT_NE(lossy.out.find(R"("confusion":{"ORG":{)"), std::string::npos);
  // Text output: the per-type table and the confusion matrix.
  auto table = run(alam_cmd("eval --pred " + ws + " " + gold));
  EXPECT_NE(table.out.find("confusion of types"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("spurious"), std::string::npos);
  // A CoNLL file without "# text" comments still scores (texts compared without whitespace).
  std::string bare;
  for (const std::string& line : {std::string("قالت\tO"), std::string("إنفيديا\tB-ORG")})
    bare += line + "\n";
  const auto g1 = write_temp("g1.jsonl",
                             R"({"text":"قالت  إنفيديا","entities":[{"start":6,"end":13,"type":"ORG"}]})" "\n");
  auto b = run(alam_cmd("eval --pred " + write_temp("bare.txt", bare) + " " + g1));
  EXPECT_EQ(b.status, 0) << b.err;
  EXPECT_NE(b.out.find("strict all F1 1.000"), std::string::npos) << b.out;
  // Explicit formats override detection; standard input works for JSONL and CoNLL.
  auto forced = run(alam_cmd("eval --gold-format conll --pred-format jsonl --pred " + gold + " - < " + seg));
  EXPECT_EQ(forced.status, 0) << forced.err;
  EXPECT_NE(forced.out.find("strict all F1 1.000"), std::string::npos) << forced.out;
  // Without --pred the tagger is scored against the gold, whatever its format.
  auto self = run(alam_cmd("eval " + brat));
  EXPECT_EQ(self.status, 0) << self.err;
  EXPECT_NE(self.out.find("strict all F1 1.000"), std::string::npos) << self.out;
}

TEST(CliFormats, EvalBadInputNamesFileAndLine) {
  const auto gold = write_temp("g2.jsonl", R"({"text":"Nvidia A100","entities":[]})" "\n");
  const auto bad = write_temp("bad.conll", "Nvidia\tB-ORG\nA100\tB-GPU\n");
  auto r = run(alam_cmd("eval --pred " + bad + " " + gold));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(bad + ":2: unknown entity type \"GPU\""), std::string::npos) << r.err;
  auto missing = run(alam_cmd("eval --pred /nonexistent/p.jsonl " + gold));
  EXPECT_EQ(missing.status, 3);
  EXPECT_NE(missing.err.find("/nonexistent/p.jsonl: cannot open"), std::string::npos);
  const auto other = write_temp("other.conll", "# text = Nvidia A200\nNvidia\tB-ORG\nA200\tO\n");
  auto differ = run(alam_cmd("eval --pred " + other + " " + gold));
  EXPECT_EQ(differ.status, 1);
  EXPECT_NE(differ.err.find("document 1 differs in text"), std::string::npos) << differ.err;
}

TEST(CliFormats, EvalReadsAFolderOfGoldFiles) {
  const auto dir = temp_dir() / "gold_folder";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "a.jsonl")
      << R"({"text":"Nvidia A100","entities":[{"start":0,"end":6,"type":"ORG"},{"start":7,"end":11,"type":"CHIP"}]})"
      << "\n";
  std::ofstream(dir / "b.jsonl") << R"({"text":"قالت إنفيديا","entities":[{"start":5,"end":12,"type":"ORG"}]})"
                                 << "\n";
  auto r = run(alam_cmd("eval '" + dir.string() + "'"));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("strict core F1 1.000, strict all F1 1.000 over 2 documents"),
            std::string::npos)
      << r.out;
  const auto empty = temp_dir() / "no_gold";
  std::filesystem::create_directories(empty);
  auto none = run(alam_cmd("eval '" + empty.string() + "'"));
  EXPECT_EQ(none.status, 1);
  EXPECT_NE(none.err.find("no documents in this folder"), std::string::npos) << none.err;
  std::filesystem::remove_all(dir);
  std::filesystem::remove_all(empty);
}

}  // namespace
}  // namespace alam

// The shared dev gold (when it exists beside the checkout) survives CoNLL --segment and brat in
// every offset unit exactly: same texts, same spans.

namespace alam {
namespace {

std::vector<Document> written_and_read(const std::vector<Document>& gold, const std::string& format,
                                       OffsetUnit unit) {
  WriterOptions o;
  o.segment = true;
  o.offsets = unit;
  auto w = make_writer(format, o);
  EXPECT_TRUE(w);
  WriterOutput out;
  std::vector<Document> back;
  for (const Document& d : gold) {
    out.clear();
    (*w)->document({d.id_json, d.text, d.entities}, out);
    if (format == "conll") {
      auto docs = parse_conll("dev.conll", out.stream);
      EXPECT_TRUE(docs) << docs.status().message();
      if (docs) back.insert(back.end(), docs->begin(), docs->end());
    } else {
      auto doc = parse_brat(out.files[1].name, out.files[1].content, out.files[0].content, "x",
                            unit);
      EXPECT_TRUE(doc) << doc.status().message();
      if (doc) back.push_back(std::move(doc).value());
    }
  }
  return back;
}

TEST(CliFormats, DevGoldRoundTripsThroughConllAndBrat) {
  for (const char* name : {"seed.jsonl", "news.jsonl"}) {
    const fs::path file = fs::path(ALAM_SHARED_DIR) / "eval/dev" / name;
    if (!fs::exists(file)) GTEST_SKIP() << "no " << file << ": shared dev data absent";
    auto gold = load_documents(file);
    ASSERT_TRUE(gold) << gold.status().message();
    std::size_t spans = 0;
    for (const Document& d : *gold) spans += d.entities.size();
    ASSERT_GT(spans, 0u);
    const std::pair<const char*, OffsetUnit> cases[] = {{"conll", OffsetUnit::kCodepoint},
                                                        {"brat", OffsetUnit::kCodepoint},
                                                        {"brat", OffsetUnit::kUtf16},
                                                        {"brat", OffsetUnit::kByte}};
    for (const auto& [format, unit] : cases) {
      SCOPED_TRACE(std::string(name) + " " + format + " " + std::string(offset_unit_name(unit)));
      const std::vector<Document> back = written_and_read(*gold, format, unit);
      ASSERT_EQ(back.size(), gold->size());
      for (std::size_t i = 0; i < back.size(); ++i) {
        ASSERT_EQ(back[i].text, (*gold)[i].text);
        ASSERT_EQ(back[i].entities.size(), (*gold)[i].entities.size()) << (*gold)[i].text;
        for (std::size_t k = 0; k < back[i].entities.size(); ++k) {
          EXPECT_EQ(back[i].entities[k].begin, (*gold)[i].entities[k].begin);
          EXPECT_EQ(back[i].entities[k].end, (*gold)[i].entities[k].end);
          EXPECT_EQ(back[i].entities[k].type, (*gold)[i].entities[k].type);
        }
      }
    }
  }
}

}  // namespace
}  // namespace alam
