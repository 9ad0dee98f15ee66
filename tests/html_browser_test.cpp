// The HTML view in a real browser: headless Chromium loads a page written by the html writer
// for mixed Arabic/Latin documents, and the rendered DOM (--dump-dom) must hold every entity
// span with its type, with the directions the browser computed (recorded by the page's own
// script in data-rendered-dir): right-to-left for Arabic paragraphs and names, left-to-right
// for Latin ones. A screenshot is saved as <build>/html_view.png (and the page as
// <build>/html_view.html). Skipped when no chromium is installed (scripts/install-deps.sh
// installs Debian's).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <algorithm>
#include <map>
#include <regex>
#include <sstream>

#include "alam/tagger.hpp"
#include "alam/utf8.hpp"
#include "alam/writer.hpp"

namespace alam {
namespace {

namespace fs = std::filesystem;

std::string find_chromium() {
  if (const char* env = std::getenv("ALAM_CHROMIUM"); env && *env) return env;
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':'))
    for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
      const fs::path p = fs::path(dir) / name;
      if (::access(p.c_str(), X_OK) == 0) return p.string();
    }
  return {};
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Runs headless Chromium on a page with extra flags; returns its exit status.
int run_chromium(const std::string& chromium, const fs::path& profile, const fs::path& page,
                 const std::string& flags, const fs::path& out) {
  const std::string command =
      "HOME='" + profile.string() + "' timeout 120 '" + chromium +
      "' --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
      " --disable-background-networking --disable-component-update --disable-sync"
      " --user-data-dir='" + (profile / "data").string() + "' " + flags + " 'file://" +
      page.string() + "' >'" + out.string() + "' 2>'" + (profile / "stderr.txt").string() + "'";
  const int raw = std::system(command.c_str());
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : 128;
}

// More Arabic letters than Latin ones: the test's own idea of the expected direction.
std::string expected_direction(std::string_view text, const std::string& fallback) {
  int arabic = 0, latin = 0;
  for (std::size_t i = 0; i < text.size();) {
    const utf8::Decoded d = utf8::decode(text, i);
    if (d.cp >= 0x0600 && d.cp <= 0x06FF && d.cp != 0x060C && d.cp != 0x061F &&
        !(d.cp >= 0x0660 && d.cp <= 0x066C) && d.cp != 0x0640)
      ++arabic;
    else if ((d.cp | 0x20) >= 'a' && (d.cp | 0x20) <= 'z')
      ++latin;
    i += d.size;
  }
  if (arabic == latin) return fallback;
  return arabic > latin ? "rtl" : "ltr";
}

std::map<std::string, std::string> attributes(const std::string& tag) {
  std::map<std::string, std::string> a;
  static const std::regex attr(R"re(([\w-]+)="([^"]*)")re");
  for (auto it = std::sregex_iterator(tag.begin(), tag.end(), attr); it != std::sregex_iterator();
       ++it)
    a[(*it)[1]] = (*it)[2];
  return a;
}

TEST(HtmlBrowser, ChromiumRendersEverySpanWithTheRightDirections) {
  const std::string chromium = find_chromium();
  if (chromium.empty())
    GTEST_SKIP() << "chromium is not installed (bash scripts/install-deps.sh installs it)";

  const std::vector<std::pair<std::string, std::string>> inputs = {
      {R"("ar")", "قالت إنفيديا إن رقائق A800 وH800 لـNvidia ستباع في الصين بقيمة 5.9 مليار دولار."},
      {R"("en")", "SenseTime and Nvidia signed a deal in Shanghai; the A100 chip rose 58% in 2021."},
      {R"("ar-latin-first")",
       "SenseTime هي شركة صينية، والرئيس التنفيذي جنسن هوانغ قال لرويترز إن H800 متاحة."},
      {R"("en-emoji")", "😀 Jensen Huang said Nvidia & <AMD> compete in الصين."},
      {R"("two-paragraphs")",
       "أعلنت هواوي عن رقائق Ascend 910B في شنغهاي.\nHuawei announced Ascend 910B chips in Shanghai."},
  };
  auto gazetteer = Gazetteer::embedded();
  ASSERT_TRUE(gazetteer) << gazetteer.status().message();
  const Tagger tagger(std::make_shared<const Gazetteer>(std::move(gazetteer).value()));

  WriterOptions options;
  options.title = "alam browser test";
  auto writer = make_writer("html", options);
  ASSERT_TRUE(writer);
  WriterOutput out;
  (*writer)->begin(out);
  struct Expected {
    std::size_t doc, start, end;
    std::string type, text, dir;
  };
  std::vector<Expected> spans;
  std::vector<std::string> paragraph_dirs;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const std::string& text = inputs[i].second;
    const std::vector<Span> found = tagger.tag(text);
    ASSERT_FALSE(found.empty()) << text;
    (*writer)->document({inputs[i].first, text, found}, out);
    const utf8::OffsetConverter conv(text);
    std::vector<std::string> dirs;  // of this document's paragraphs
    for (std::size_t start = 0;;) {
      const std::size_t nl = text.find('\n', start);
      const std::size_t end = nl == std::string::npos ? text.size() : nl;
      dirs.push_back(expected_direction(text.substr(start, end - start), "ltr"));
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
    paragraph_dirs.insert(paragraph_dirs.end(), dirs.begin(), dirs.end());
    for (const Span& s : found) {
      // A name without letters (2021, 58%) takes its paragraph's direction.
      const std::string& pdir = dirs[std::size_t(
          std::count(text.begin(), text.begin() + std::ptrdiff_t(s.begin), '\n'))];
      const std::string name = text.substr(s.begin, s.end - s.begin);
      spans.push_back({i, conv.to_codepoint(s.begin), conv.to_codepoint(s.end),
                       std::string(type_name(s.type)), name, expected_direction(name, pdir)});
    }
  }
  (*writer)->end(out);
  EXPECT_EQ(paragraph_dirs,
            (std::vector<std::string>{"rtl", "ltr", "rtl", "ltr", "rtl", "ltr"}));

  char tmpl[] = "/tmp/alam_browser_XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  const fs::path tmp = tmpl;
  const fs::path page = tmp / "view.html";
  std::ofstream(page, std::ios::binary) << out.stream;
  std::ofstream(fs::path(ALAM_BUILD_DIR) / "html_view.html", std::ios::binary) << out.stream;

  // The rendered DOM.
  const fs::path dom_file = tmp / "dom.html";
  ASSERT_EQ(run_chromium(chromium, tmp, page, "--dump-dom", dom_file), 0)
      << slurp(tmp / "stderr.txt");
  const std::string dom = slurp(dom_file);
  ASSERT_NE(dom.find("data-rendered=\"yes\""), std::string::npos)
      << "the page's script did not run:\n" << dom.substr(0, 2000);

  // Paragraphs, in order, with the direction the browser computed.
  static const std::regex para_re(R"re(<p class="para"[^>]*>)re");
  std::vector<std::string> rendered_paras;
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), para_re);
       it != std::sregex_iterator(); ++it) {
    auto a = attributes(it->str());
    EXPECT_EQ(a["dir"], a["data-rendered-dir"]);
    rendered_paras.push_back(a["data-rendered-dir"]);
  }
  EXPECT_EQ(rendered_paras, paragraph_dirs);

  // Every span, in order, with its type, offsets, text, direction and a visible box.
  static const std::regex mark_re(R"re(<mark ([^>]*)>([^<]*)</mark>)re");
  static const std::regex article_re(R"re(<article class="doc" id="doc-(\d+)")re");
  std::vector<std::size_t> article_at;
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), article_re);
       it != std::sregex_iterator(); ++it)
    article_at.push_back(std::size_t(it->position()));
  ASSERT_EQ(article_at.size(), inputs.size());
  std::size_t k = 0;
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), mark_re);
       it != std::sregex_iterator(); ++it, ++k) {
    ASSERT_LT(k, spans.size()) << "more marks than spans";
    const Expected& e = spans[k];
    auto a = attributes((*it)[1]);
    const std::size_t doc =
        std::size_t(std::upper_bound(article_at.begin(), article_at.end(),
                                     std::size_t(it->position())) - article_at.begin()) - 1;
    SCOPED_TRACE(e.text);
    EXPECT_EQ(doc, e.doc);
    EXPECT_EQ(a["data-type"], e.type);
    EXPECT_EQ(a["class"], "ent ent-" + e.type);
    EXPECT_EQ(a["data-start"], std::to_string(e.start));
    EXPECT_EQ(a["data-end"], std::to_string(e.end));
    EXPECT_EQ((*it)[2].str(), e.text);
    EXPECT_EQ(a["data-rendered-dir"], e.dir);
    EXPECT_NE(a["title"].find(e.type), std::string::npos);
    const std::string box = a["data-rendered-box"];
    const std::size_t x = box.find('x');
    ASSERT_NE(x, std::string::npos) << box;
    EXPECT_GT(std::stoi(box.substr(0, x)), 0) << box;
    EXPECT_GT(std::stoi(box.substr(x + 1)), 0) << box;
  }
  EXPECT_EQ(k, spans.size());
  EXPECT_NE(dom.find("<caption>" + std::to_string(spans.size()) + " entities in " +
                     std::to_string(inputs.size()) + " documents</caption>"),
            std::string::npos);

  // A screenshot under the build tree, for people to look at.
  const fs::path shot = fs::path(ALAM_BUILD_DIR) / "html_view.png";
  fs::remove(shot);
  ASSERT_EQ(run_chromium(chromium, tmp, page,
                         "--hide-scrollbars --window-size=1200,900 --screenshot='" +
                             shot.string() + "'",
                         tmp / "shot.txt"),
            0)
      << slurp(tmp / "stderr.txt");
  const std::string png = slurp(shot);
  ASSERT_GT(png.size(), 10000u) << shot;
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  fs::remove_all(tmp);
}

}  // namespace
}  // namespace alam
