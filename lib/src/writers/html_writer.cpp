// HTML view: one self-contained page (docs/output-formats.md, "html"). Paragraphs and entity
// spans are bidi isolates with an explicit direction (right-to-left where the letters are
// mostly Arabic, left-to-right where they are mostly Latin), entities are coloured by type
// with a legend, their title shows the canonical name and the rule, and a summary table
// counts them by type.
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <map>

#include "alam/utf8.hpp"
#include "format_util.hpp"
#include "writers.hpp"

namespace alam::detail {
namespace {

struct TypeInfo {
  const char* colour;
  const char* meaning;
};

// Indexed by EntityType; the colours are brat's too (brat_writer.cpp).
constexpr std::array<TypeInfo, kEntityTypeCount> kTypes = {{
    {"#9ec5fe", "organisation"},
    {"#a3e4a8", "person"},
    {"#e2b6f5", "chip"},
    {"#9fe7e3", "product"},
    {"#ffd98a", "place"},
    {"#f7b9a3", "money"},
    {"#f5c2d8", "percentage"},
    {"#d3d3a4", "date"},
}};

constexpr std::string_view kStyle = R"css(
:root { color-scheme: light; }
body { margin: 0; display: flex; flex-direction: column; background: #f4f5f7; color: #1f2328;
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", "Segoe UI", Tahoma,
  Arial, sans-serif; line-height: 1.9; }
header { order: -2; position: sticky; top: 0; z-index: 1; background: #fff;
  border-bottom: 1px solid #d0d7de; padding: .5em 1.2em; }
header h1 { font-size: 1.1em; margin: 0 .8em 0 0; display: inline-block; }
.legend { display: inline-flex; flex-wrap: wrap; gap: .35em; margin: 0; padding: 0;
  list-style: none; vertical-align: middle; }
.legend li { display: inline-block; }
.legend label { cursor: pointer; font-size: .85em; border-radius: .3em; padding: .1em .5em;
  background: var(--c); user-select: none; }
.legend input { margin: 0 .35em 0 0; vertical-align: middle; }
.legend .meaning { color: #444; font-size: .85em; margin-inline-start: .3em; }
#summary { order: -1; max-width: 62em; width: calc(100% - 2em); margin: 1em auto 0; }
#summary table { border-collapse: collapse; background: #fff; width: 100%; font-size: .9em; }
#summary th, #summary td { border: 1px solid #d0d7de; padding: .15em .6em; text-align: start;
  vertical-align: top; }
#summary td.n { text-align: end; font-variant-numeric: tabular-nums; }
#summary caption { text-align: start; font-weight: bold; padding: .3em 0; }
main { max-width: 62em; width: calc(100% - 2em); margin: 1em auto; }
article.doc { background: #fff; border: 1px solid #d0d7de; border-radius: 6px;
  margin: 0 0 .8em; padding: .3em 1em; }
article.doc h2 { font-size: .75em; font-weight: normal; color: #57606a; margin: .2em 0; }
p.para { margin: .25em 0; font-size: 1.15em; unicode-bidi: isolate; white-space: pre-wrap;
  overflow-wrap: anywhere; min-height: 1.2em; }
mark.ent { unicode-bidi: isolate; color: inherit; background: var(--c); border-radius: .3em;
  padding: .05em .25em; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
mark.ent:hover { outline: 2px solid #1f2328; }
mark.ent::after { content: attr(data-type); font: bold .55em/1 "DejaVu Sans", Arial, sans-serif;
  vertical-align: .35em; margin-inline-start: .35em; color: #24292f; opacity: .75; }
.swatch { display: inline-block; border-radius: .3em; padding: 0 .45em; background: var(--c); }
mark[data-flags~="bidi-control"] { outline: 2px dashed #b00; }
mark[data-flags~="bidi-control"]::after { content: "\26A0"; color: #b00; font-size: .8em; }
)css";

// Toggles a type's highlighting from the legend, and records in data-rendered-dir the
// direction the browser computed for each paragraph and entity (the browser test reads it).
constexpr std::string_view kScript = R"js(
(function () {
  function record() {
    document.querySelectorAll('p.para, mark.ent').forEach(function (e) {
      e.setAttribute('data-rendered-dir', getComputedStyle(e).direction);
      var r = e.getBoundingClientRect();
      e.setAttribute('data-rendered-box', Math.round(r.width) + 'x' + Math.round(r.height));
    });
    document.documentElement.setAttribute('data-rendered', 'yes');
  }
  document.querySelectorAll('.legend input').forEach(function (box) {
    box.addEventListener('change', function () {
      document.body.classList.toggle('hide-' + box.value, !box.checked);
    });
  });
  if (document.readyState === 'complete') record(); else window.addEventListener('load', record);
})();
)js";

// Bidi class of a code point: 1 right-to-left, -1 left-to-right, 0 neutral.
int strong(char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? -1 : 0;
  switch (u_charDirection(UChar32(c))) {
    case U_LEFT_TO_RIGHT: return -1;
    case U_RIGHT_TO_LEFT:
    case U_RIGHT_TO_LEFT_ARABIC: return 1;
    default: return 0;
  }
}

// "rtl" when most strong letters are right-to-left, "ltr" when most are left-to-right; a tie
// goes to the first strong letter; no strong letter at all gives fallback.
const char* direction_of(std::string_view text, const char* fallback) {
  long balance = 0;
  int first = 0;
  for (std::size_t i = 0; i < text.size();) {
    const utf8::Decoded d = utf8::decode(text, i);
    const int s = strong(d.cp);
    if (first == 0) first = s;
    balance += s;
    i += d.size;
  }
  if (balance > 0 || (balance == 0 && first > 0)) return "rtl";
  if (balance < 0 || first < 0) return "ltr";
  return fallback;
}

class HtmlWriter final : public Writer {
 public:
  explicit HtmlWriter(std::string title) : title_(std::move(title)) {}

  void begin(WriterOutput& out) override {
    std::string& o = out.stream;
    o.append("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    o.append("<meta name=\"generator\" content=\"alam\">\n<title>");
    append_markup(o, title_, false);
    o.append("</title>\n<style>");
    o.append(kStyle);
    for (int t = 0; t < kEntityTypeCount; ++t) {
      const std::string_view name = type_name(static_cast<EntityType>(t));
      o.append(".ent-").append(name).append(", .key-").append(name);
      o.append(" { --c: ").append(kTypes[t].colour).append("; }\n");
      o.append(".hide-").append(name).append(" mark.ent-").append(name);
      o.append(" { background: none; outline: 1px dashed #bbb; }\n");
    }
    o.append("</style>\n</head>\n<body>\n<header>\n<h1>");
    append_markup(o, title_, false);
    o.append("</h1>\n<ul class=\"legend\" aria-label=\"entity types\">\n");
    for (int t = 0; t < kEntityTypeCount; ++t) {
      const std::string_view name = type_name(static_cast<EntityType>(t));
      o.append("<li><label class=\"key-").append(name);
      o.append("\"><input type=\"checkbox\" value=\"").append(name).append("\" checked>");
      o.append(name).append("<span class=\"meaning\">");
      o.append(kTypes[t].meaning).append("</span></label></li>\n");
    }
    o.append("</ul>\n</header>\n<main>\n");
  }

  void document(const WriterDocument& doc, WriterOutput& out) override {
    std::string& o = out.stream;
    ++count_;
    const std::string_view text = doc.text;
    const std::vector<Span> spans = usable_spans(text, doc.spans);
    const UnitOffsets cps(text, OffsetUnit::kCodepoint);
    o.append("<article class=\"doc\" id=\"doc-").append(std::to_string(count_)).append("\"");
    if (!doc.id_json.empty()) {
      o.append(" data-id=\"");
      append_markup(o, id_display(doc.id_json), true);
      o.push_back('"');
    }
    o.append(">\n<h2 dir=\"ltr\">#").append(std::to_string(count_));
    if (!doc.id_json.empty()) {
      o.append(" \u00B7 <bdi>");
      append_markup(o, id_display(doc.id_json), false);
      o.append("</bdi>");
    }
    o.append(" \u00B7 ").append(std::to_string(spans.size()));
    o.append(spans.size() == 1 ? " entity" : " entities").append("</h2>\n");

    // Paragraphs: the text split at line feeds that no span covers.
    std::size_t k = 0, start = 0, next = 0;
    while (true) {
      std::size_t nl = text.find('\n', start);
      while (nl != std::string_view::npos && k < spans.size()) {
        while (k < spans.size() && spans[k].end <= nl) ++k;
        if (k < spans.size() && spans[k].begin <= nl) {  // inside a span: not a break
          nl = text.find('\n', spans[k].end);
          continue;
        }
        break;
      }
      std::size_t end = nl == std::string_view::npos ? text.size() : nl;
      const bool crlf = nl != std::string_view::npos && end > start && text[end - 1] == '\r';
      const std::size_t para_end = crlf ? end - 1 : end;
      paragraph(o, text, start, para_end, spans, next, cps);
      if (nl == std::string_view::npos) break;
      start = nl + 1;
    }
    o.append("</article>\n");
  }

  void end(WriterOutput& out) override {
    std::string& o = out.stream;
    o.append("</main>\n<section id=\"summary\">\n<table dir=\"ltr\">\n<caption>");
    std::size_t total = 0;
    for (const TypeStats& s : stats_) total += s.mentions;
    o.append(std::to_string(total)).append(total == 1 ? " entity in " : " entities in ");
    o.append(std::to_string(count_)).append(count_ == 1 ? " document" : " documents");
    o.append("</caption>\n<thead><tr><th>type</th><th>mentions</th><th>distinct</th>"
             "<th>most frequent</th></tr></thead>\n<tbody>\n");
    for (int t = 0; t < kEntityTypeCount; ++t) {
      const TypeStats& s = stats_[t];
      const std::string_view name = type_name(static_cast<EntityType>(t));
      o.append("<tr data-type=\"").append(name).append("\"><td><span class=\"swatch key-");
      o.append(name).append("\">").append(name).append("</span></td><td class=\"n\">");
      o.append(std::to_string(s.mentions)).append("</td><td class=\"n\">");
      o.append(std::to_string(s.names.size())).append("</td><td>");
      std::vector<std::pair<std::size_t, const std::string*>> top;
      for (const auto& [n, c] : s.names) top.emplace_back(c, &n);
      std::stable_sort(top.begin(), top.end(),
                       [](const auto& a, const auto& b) { return a.first > b.first; });
      for (std::size_t i = 0; i < top.size() && i < 5; ++i) {
        if (i) o.append(", ");
        o.append("<bdi>");
        append_markup(o, *top[i].second, false);
        o.append("</bdi> \u00D7").append(std::to_string(top[i].first));
      }
      o.append("</td></tr>\n");
    }
    o.append("</tbody>\n</table>\n</section>\n<script>");
    o.append(kScript);
    o.append("</script>\n</body>\n</html>\n");
  }

 private:
  struct TypeStats {
    std::size_t mentions = 0;
    std::map<std::string, std::size_t> names;  // canonical name (or text) -> mentions
  };

  void paragraph(std::string& o, std::string_view text, std::size_t begin, std::size_t end,
                 const std::vector<Span>& spans, std::size_t& next, const UnitOffsets& cps) {
    const std::string_view para = text.substr(begin, end - begin);
    const char* dir = direction_of(para, "ltr");
    o.append("<p class=\"para\" dir=\"").append(dir).push_back('"');
    if (dir[0] == 'r') o.append(" lang=\"ar\"");
    o.push_back('>');
    std::size_t at = begin;
    // Spans never cross a paragraph end (document() splits only between spans).
    for (; next < spans.size() && spans[next].begin < end; ++next) {
      const Span& s = spans[next];
      if (s.end <= begin) continue;
      const std::size_t b = std::max(s.begin, begin), e = std::min(s.end, end);
      append_markup(o, text.substr(at, b - at), false);
      const std::string_view type = type_name(s.type);
      const std::string name = utf8::sanitize(text.substr(b, e - b));
      o.append("<mark class=\"ent ent-").append(type).append("\" data-type=\"").append(type);
      o.append("\" dir=\"").append(direction_of(name, dir)).append("\" data-start=\"");
      o.append(std::to_string(cps.from_byte(s.begin))).append("\" data-end=\"");
      o.append(std::to_string(cps.from_byte(s.end))).push_back('"');
      if (!s.canonical.empty()) {
        o.append(" data-canonical=\"");
        append_markup(o, s.canonical, true);
        o.push_back('"');
      }
      if (!s.source.empty()) {
        o.append(" data-source=\"");
        append_markup(o, s.source, true);
        o.push_back('"');
      }
      if (s.flags & kFlagBidiControl) o.append(" data-flags=\"bidi-control\"");
      std::string title(type);
      if (!s.canonical.empty()) title.append(" \u00B7 ").append(s.canonical);
      if (!s.source.empty()) title.append(" \u00B7 ").append(s.source);
      if (s.flags & kFlagBidiControl)
        title.append(" \u00B7 \u26A0 contains bidi control characters: it may display as "
                     "something else");
      o.append(" title=\"");
      append_markup(o, title, true);
      o.append("\">");
      append_markup(o, name, false);
      o.append("</mark>");
      at = e;
      TypeStats& st = stats_[static_cast<int>(s.type)];
      ++st.mentions;
      ++st.names[s.canonical.empty() ? one_line(name) : s.canonical];
    }
    append_markup(o, text.substr(at, end - at), false);
    o.append("</p>\n");
  }

  std::string title_;
  std::size_t count_ = 0;
  std::array<TypeStats, kEntityTypeCount> stats_{};
};

}  // namespace

std::unique_ptr<Writer> make_html_writer(const WriterOptions& options) {
  return std::make_unique<HtmlWriter>(options.title.empty() ? "alam" : options.title);
}

}  // namespace alam::detail
