#include "human_writer.hpp"

#include <fmt/core.h>

#include "alam/utf8.hpp"

namespace alam::cli {
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

}  // namespace

void HumanWriter::write(std::string& out, std::string_view source, std::size_t line_no,
                        std::string_view text, const std::vector<Span>& spans) const {
  const std::string clean = utf8::sanitize(text);
  out += colour_ ? fmt::format("\x1b[2m{}:{}\x1b[0m  {}\n", source, line_no, clean)
                 : fmt::format("{}:{}  {}\n", source, line_no, clean);
  const utf8::OffsetConverter conv(text);
  for (const Span& s : spans) {
    const std::string name = utf8::sanitize(text.substr(s.begin, s.end - s.begin));
    const std::string type(type_name(s.type));
    const std::string shown = colour_ ? fmt::format("{}{:<8}\x1b[0m", colour_of(s.type), type)
                                      : fmt::format("{:<8}", type);
    // U+2068 FIRST STRONG ISOLATE .. U+2069 keeps Arabic names from reordering the line.
    out += fmt::format("  {} \u2068{}\u2069  [{}, {})  {}{}\n", shown, name,
                       conv.to_codepoint(s.begin), conv.to_codepoint(s.end), s.source,
                       s.canonical.empty() ? "" : "  → " + s.canonical);
  }
  if (spans.empty()) out += "  (no entities)\n";
}

}  // namespace alam::cli
