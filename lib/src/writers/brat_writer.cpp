// brat standoff writer: NAME.txt and NAME.ann per document (docs/output-formats.md, "brat").
#include <set>

#include "alam/utf8.hpp"
#include "format_util.hpp"
#include "writers.hpp"

namespace alam::detail {
namespace {

// Background colours shared with the HTML view.
constexpr const char* kColours[kEntityTypeCount] = {"#9ec5fe", "#a3e4a8", "#e2b6f5", "#9fe7e3",
                                                    "#ffd98a", "#f7b9a3", "#f5c2d8", "#d3d3a4"};

bool is_break(char c) { return c == '\n' || c == '\r' || c == '\t'; }

class BratWriter final : public Writer {
 public:
  explicit BratWriter(OffsetUnit unit) : unit_(unit) {}

  bool writes_files() const override { return true; }

  void document(const WriterDocument& doc, WriterOutput& out) override {
    ++count_;
    std::string name = file_stem_for_id(id_display(doc.id_json));
    if (name.empty()) {
      const std::string n = std::to_string(count_);
      name.assign("doc-").append(n.size() < 6 ? 6 - n.size() : 0, '0').append(n);
    }
    for (int n = 2; !used_.insert(name).second; ++n) {  // a name taken: NAME-2, NAME-3, ...
      std::string next = name;
      next.append("-").append(std::to_string(n));
      if (used_.insert(next).second) {
        name = std::move(next);
        break;
      }
    }
    const std::vector<Span> spans = usable_spans(doc.text, doc.spans);
    // The .txt holds the text as valid UTF-8 (a bad byte becomes U+FFFD: still one code point),
    // and offsets count units of that file.
    std::string txt = utf8::sanitize(doc.text);
    const bool same = txt.size() == doc.text.size();
    const UnitOffsets original(doc.text, OffsetUnit::kCodepoint);
    const UnitOffsets units(txt, unit_);
    const UnitOffsets bytes(txt, OffsetUnit::kByte);
    auto txt_byte = [&](std::size_t b) {
      return same ? b : bytes.from_codepoint(original.codepoint_of(b));
    };

    std::string ann;
    std::size_t t = 0;
    for (const Span& s : spans) {
      ++t;
      const std::size_t b = txt_byte(s.begin), e = txt_byte(s.end);
      // Fragments: the span cut at line breaks and TABs, which a T line cannot hold.
      std::string offsets, text;
      std::size_t p = b;
      while (p < e) {
        while (p < e && is_break(txt[p])) ++p;
        if (p == e) break;
        std::size_t q = p;
        while (q < e && !is_break(txt[q])) ++q;
        if (!offsets.empty()) offsets.push_back(';'), text.push_back(' ');
        offsets.append(std::to_string(units.from_byte(p))).push_back(' ');
        offsets.append(std::to_string(units.from_byte(q)));
        text.append(txt, p, q - p);
        p = q;
      }
      if (offsets.empty()) continue;
      std::string id("T");
      id.append(std::to_string(t));
      ann.append(id).push_back('\t');
      ann.append(type_name(s.type)).push_back(' ');
      ann.append(offsets).push_back('\t');
      ann.append(text).push_back('\n');
      if (!s.canonical.empty() || !s.source.empty()) {
        ann.append("#").append(std::to_string(t)).append("\tAnnotatorNotes ").append(id);
        ann.push_back('\t');
        if (!s.canonical.empty()) ann.append("canonical: ").append(one_line(s.canonical));
        if (!s.canonical.empty() && !s.source.empty()) ann.append("; ");
        if (!s.source.empty()) ann.append("source: ").append(one_line(s.source));
        ann.push_back('\n');
      }
    }
    out.files.push_back({name + ".txt", std::move(txt), true});
    out.files.push_back({name + ".ann", std::move(ann), true});
  }

  void end(WriterOutput& out) override {
    std::string conf = "# alam entity types (written by alam tag --format brat)\n[entities]\n";
    for (int i = 0; i < kEntityTypeCount; ++i)
      conf.append(type_name(static_cast<EntityType>(i))).push_back('\n');
    conf += "\n[relations]\n\n[events]\n\n[attributes]\n";
    std::string visual = "[labels]\n\n[drawing]\n";
    for (int i = 0; i < kEntityTypeCount; ++i)
      visual.append(type_name(static_cast<EntityType>(i)))
          .append("\tbgColor:")
          .append(kColours[i])
          .push_back('\n');
    out.files.push_back({"annotation.conf", std::move(conf), false});
    out.files.push_back({"visual.conf", std::move(visual), false});
  }

 private:
  OffsetUnit unit_;
  std::size_t count_ = 0;
  std::set<std::string> used_;
};

}  // namespace

std::unique_ptr<Writer> make_brat_writer(const WriterOptions& options) {
  return std::make_unique<BratWriter>(options.offsets);
}

}  // namespace alam::detail
