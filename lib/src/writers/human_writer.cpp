// The human-readable terminal format: the text, then one line per entity (moved here from
// apps/alam/human_writer.cpp; the output is unchanged).
#include <algorithm>

#include "alam/utf8.hpp"
#include "format_util.hpp"
#include "writers.hpp"

namespace alam::detail {
namespace {

const char* colour_of(EntityType t) {
  switch (t) {
    case EntityType::kOrg: return "\x1b[1;34m";
    case EntityType::kPerson: return "\x1b[1;32m";
    case EntityType::kChip: return "\x1b[1;35m";
    case EntityType::kProduct: return "\x1b[1;36m";
    case EntityType::kLoc: return "\x1b[1;33m";
    default: return "\x1b[1;31m";
  }
}

class HumanWriter final : public Writer {
 public:
  HumanWriter(bool colour, OffsetUnit unit) : colour_(colour), unit_(unit) {}

  void document(const WriterDocument& doc, WriterOutput& out) override {
    ++count_;
    std::string& o = out.stream;
    std::string label(doc.source.empty() ? "#" : doc.source);
    if (!doc.source.empty()) label.push_back(':');
    label.append(std::to_string(doc.source.empty() ? count_ : doc.line));
    if (colour_) o.append("\x1b[2m");
    o.append(label);
    if (colour_) o.append("\x1b[0m");
    o.append("  ").append(utf8::sanitize(doc.text)).push_back('\n');
    const std::vector<Span> spans = usable_spans(doc.text, doc.spans);
    const UnitOffsets units(doc.text, unit_);
    for (const Span& s : spans) {
      std::string type(type_name(s.type));
      type.resize(std::max<std::size_t>(type.size(), 8), ' ');
      o.append("  ");
      if (colour_) o.append(colour_of(s.type));
      o.append(type);
      if (colour_) o.append("\x1b[0m");
      // U+2068 FIRST STRONG ISOLATE .. U+2069 keeps Arabic names from reordering the line.
      o.append(" \u2068").append(one_line(doc.text.substr(s.begin, s.end - s.begin)));
      o.append("\u2069  [").append(std::to_string(units.from_byte(s.begin))).append(", ");
      o.append(std::to_string(units.from_byte(s.end))).append(")  ").append(s.source);
      if (!s.canonical.empty()) o.append("  \u2192 ").append(s.canonical);
      o.push_back('\n');
    }
    if (spans.empty()) o.append("  (no entities)\n");
  }

 private:
  bool colour_;
  OffsetUnit unit_;
  std::size_t count_ = 0;
};

}  // namespace

std::unique_ptr<Writer> make_human_writer(const WriterOptions& options) {
  return std::make_unique<HumanWriter>(options.colour, options.offsets);
}

}  // namespace alam::detail
