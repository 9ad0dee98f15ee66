// Inline XML writer: the text with entity elements around the spans (docs/output-formats.md).
#include "format_util.hpp"
#include "writers.hpp"

namespace alam::detail {
namespace {

class XmlWriter final : public Writer {
 public:
  void begin(WriterOutput& out) override {
    out.stream.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<documents>\n");
  }

  void document(const WriterDocument& doc, WriterOutput& out) override {
    std::string& o = out.stream;
    ++count_;
    o.append("<document n=\"").append(std::to_string(count_)).push_back('"');
    if (!doc.id_json.empty()) {
      o.append(" id=\"");
      append_markup(o, id_display(doc.id_json), true);
      o.push_back('"');
    }
    // xml:space="preserve": every character of the text is content, spaces included.
    o.append(" xml:space=\"preserve\">");
    const std::string_view text = doc.text;
    std::size_t at = 0;
    for (const Span& s : usable_spans(text, doc.spans)) {
      append_markup(o, text.substr(at, s.begin - at), false);
      const std::string_view type = type_name(s.type);
      o.append("<").append(type);
      if (!s.canonical.empty()) {
        o.append(" canonical=\"");
        append_markup(o, s.canonical, true);
        o.push_back('"');
      }
      if (!s.source.empty()) {
        o.append(" source=\"");
        append_markup(o, s.source, true);
        o.push_back('"');
      }
      o.push_back('>');
      append_markup(o, text.substr(s.begin, s.end - s.begin), false);
      o.append("</").append(type).push_back('>');
      at = s.end;
    }
    append_markup(o, text.substr(at), false);
    o.append("</document>\n");
  }

  void end(WriterOutput& out) override { out.stream.append("</documents>\n"); }

 private:
  std::size_t count_ = 0;
};

}  // namespace

std::unique_ptr<Writer> make_xml_writer(const WriterOptions&) {
  return std::make_unique<XmlWriter>();
}

}  // namespace alam::detail
