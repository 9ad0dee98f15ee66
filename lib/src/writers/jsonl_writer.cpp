// JSONL writer: append_document_json (lib/src/jsonl.cpp), with start/end re-expressed in
// UTF-16 units or bytes when asked.
#include "alam/jsonl.hpp"
#include "format_util.hpp"
#include "writers.hpp"

namespace alam::detail {
namespace {

class JsonlWriter final : public Writer {
 public:
  explicit JsonlWriter(OffsetUnit unit) : unit_(unit) {}

  bool stateless() const override { return true; }

  void document(const WriterDocument& doc, WriterOutput& out) override {
    // Tagger output is used as it is (the hot path); anything else is cleaned first.
    if (!well_formed(doc.text, doc.spans)) {
      const std::vector<Span> clean = usable_spans(doc.text, doc.spans);
      write(WriterDocument{doc.id_json, doc.text, clean, doc.source, doc.line}, out.stream);
      return;
    }
    write(doc, out.stream);
  }

 private:
  static bool well_formed(std::string_view text, const std::vector<Span>& spans) {
    auto inside_char = [&](std::size_t p) {
      return p < text.size() && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80;
    };
    std::size_t last = 0;
    for (const Span& sp : spans) {
      if (sp.begin < last || sp.begin >= sp.end || sp.end > text.size() ||
          sp.type == EntityType::kStop || inside_char(sp.begin) || inside_char(sp.end))
        return false;
      last = sp.end;
    }
    return true;
  }

  void write(const WriterDocument& doc, std::string& s) const {
    const std::size_t base = s.size();
    append_document_json(s, doc.id_json, doc.text, doc.spans, doc.valid_utf8);
    if (unit_ != OffsetUnit::kCodepoint && !doc.spans.empty()) recount(doc, s, base);
    s.push_back('\n');
  }

  // append_document_json writes code points; rewrite the numbers after each entity's
  // {"start": and ,"end":. The entities array is the last ,"entities":[ of the object (no JSON
  // string can hold an unescaped quote, and the id comes first), and each entity object opens
  // with {"start": in the order of doc.spans.
  void recount(const WriterDocument& doc, std::string& s, std::size_t base) const {
    const UnitOffsets units(doc.text, unit_);
    std::size_t at = s.rfind(",\"entities\":[");
    if (at == std::string::npos || at < base) return;
    const std::size_t start = at;
    std::string tail;
    tail.reserve(s.size() - at + 16);
    std::size_t copied = at;
    auto replace_number = [&](std::size_t after_key, std::size_t value) {
      std::size_t end = after_key;
      while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
      tail.append(s, copied, after_key - copied);
      tail.append(std::to_string(value));
      copied = end;
      return end;
    };
    for (const Span& span : doc.spans) {
      const std::size_t k = s.find("{\"start\":", at);
      if (k == std::string::npos) break;
      at = replace_number(k + 9, units.from_byte(span.begin));
      const std::size_t e = s.find(",\"end\":", at);
      if (e == std::string::npos) break;
      at = replace_number(e + 7, units.from_byte(span.end));
    }
    tail.append(s, copied, std::string::npos);
    s.resize(start);
    s += tail;
  }

  OffsetUnit unit_;
};

}  // namespace

std::unique_ptr<Writer> make_jsonl_writer(const WriterOptions& options) {
  return std::make_unique<JsonlWriter>(options.offsets);
}

}  // namespace alam::detail
