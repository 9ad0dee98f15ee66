#include "format_util.hpp"

#include <algorithm>
#include <stdexcept>

#include "alam/jsonl.hpp"
#include "alam/utf8.hpp"

namespace alam::detail {

UnitOffsets::UnitOffsets(std::string_view text, OffsetUnit unit) {
  if (text.size() >= UINT32_MAX) throw std::length_error("alam: text larger than 4 GiB");
  cp_byte_.reserve(text.size() / 2 + 1);
  cp_unit_.reserve(text.size() / 2 + 1);
  std::uint32_t u = 0;
  for (std::size_t i = 0; i < text.size();) {
    cp_byte_.push_back(std::uint32_t(i));
    cp_unit_.push_back(u);
    const utf8::Decoded d = static_cast<unsigned char>(text[i]) < 0x80
                                ? utf8::Decoded{char32_t(text[i]), 1, true}
                                : utf8::decode(text, i);
    switch (unit) {
      case OffsetUnit::kCodepoint: u += 1; break;
      case OffsetUnit::kUtf16: u += d.cp >= 0x10000 ? 2 : 1; break;
      case OffsetUnit::kByte: u += d.size; break;
    }
    i += d.size;
  }
  cp_byte_.push_back(std::uint32_t(text.size()));
  cp_unit_.push_back(u);
}

std::size_t UnitOffsets::codepoint_of(std::size_t byte) const {
  return std::size_t(std::lower_bound(cp_byte_.begin(), cp_byte_.end() - 1, byte) -
                     cp_byte_.begin());
}

std::optional<std::size_t> UnitOffsets::to_byte(std::size_t unit) const {
  auto it = std::lower_bound(cp_unit_.begin(), cp_unit_.end(), unit);
  if (it == cp_unit_.end() || *it != unit) return std::nullopt;
  return cp_byte_[std::size_t(it - cp_unit_.begin())];
}

bool is_white_space(char32_t c) {
  if (c <= 0x20) return c == 0x20 || (c >= 0x09 && c <= 0x0D);
  if (c < 0x85) return false;
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

void append_markup(std::string& out, std::string_view text, bool attribute) {
  static constexpr std::string_view kFffd = "\xEF\xBF\xBD";
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '&': out.append("&amp;"); break;
        case '<': out.append("&lt;"); break;
        case '>': out.append("&gt;"); break;
        case '"':
          if (attribute)
            out.append("&quot;");
          else
            out.push_back('"');
          break;
        case '\t':
        case '\n':
        case '\r':
          // In attributes a literal TAB/LF/CR is normalized to a space by XML parsers.
          if (attribute)
            out.append(c == '\t' ? "&#9;" : c == '\n' ? "&#10;" : "&#13;");
          else
            out.push_back(char(c));
          break;
        default:
          if (c < 0x20)
            out.append(kFffd);
          else
            out.push_back(char(c));
      }
      ++i;
      continue;
    }
    const utf8::Decoded d = utf8::decode(text, i);
    if (!d.valid || d.cp == 0xFFFE || d.cp == 0xFFFF)
      out.append(kFffd);
    else
      out.append(text.substr(i, d.size));
    i += d.size;
  }
}

std::string one_line(std::string_view text) {
  std::string s = utf8::sanitize(text);
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

std::vector<Span> usable_spans(std::string_view text, std::span<const Span> spans) {
  std::vector<Span> out;
  out.reserve(spans.size());
  auto boundary = [&](std::size_t p) {
    p = std::min(p, text.size());
    while (p < text.size() && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80 &&
           p > 0) {
      // Inside a multi-byte sequence only when a valid sequence covers p.
      std::size_t start = p;
      while (start > 0 && p - start < 3 &&
             (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
        --start;
      const utf8::Decoded d = utf8::decode(text, start);
      if (!d.valid || start + d.size <= p) break;
      p = start + d.size;
    }
    return p;
  };
  for (const Span& s : spans) {
    Span c = s;
    c.begin = boundary(s.begin);
    c.end = boundary(s.end);
    if (c.begin >= c.end || c.type == EntityType::kStop) continue;
    out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::vector<Span> kept;
  kept.reserve(out.size());
  for (Span& s : out)
    if (kept.empty() || s.begin >= kept.back().end) kept.push_back(std::move(s));
  return kept;
}

std::string json_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

}  // namespace alam::detail
