// JSONL reading (Boost.JSON) and writing (hand-written: it is on the output hot path).
#include "alam/jsonl.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>

#include <boost/json.hpp>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <cstdio>

#include "alam/utf8.hpp"

namespace alam {
namespace json = boost::json;
namespace {

Status column_error(std::size_t column, std::string_view message) {
  return {StatusCode::kInvalidArgument,
          "column " + std::to_string(column) + ": " + std::string(message)};
}

// The source text of a top-level member's value in a JSON object that has already parsed, so
// that ids pass through byte for byte (re-serializing a number such as 9.2E109 would change
// it). With a repeated key, the last one wins, as in Boost.JSON.
std::string raw_member(std::string_view json_text, std::string_view key) {
  std::size_t i = json_text.find('{') + 1;
  std::string found;
  auto skip_ws = [&] {
    while (i < json_text.size() && (json_text[i] == ' ' || json_text[i] == '\t' ||
                                    json_text[i] == '\n' || json_text[i] == '\r'))
      ++i;
  };
  auto skip_string = [&] {  // at the opening quote; leaves i after the closing quote
    for (++i; i < json_text.size() && json_text[i] != '"'; ++i)
      if (json_text[i] == '\\') ++i;
    ++i;
  };
  while (i < json_text.size()) {
    skip_ws();
    if (i >= json_text.size() || json_text[i] != '"') break;
    const std::size_t key_begin = i;
    skip_string();
    // Keys are compared decoded, so escapes in them still match.
    const json::value k = json::parse(json_text.substr(key_begin, i - key_begin));
    skip_ws();
    ++i;  // ':'
    skip_ws();
    const std::size_t value_begin = i;
    int depth = 0;
    for (; i < json_text.size(); ++i) {
      const char c = json_text[i];
      if (c == '"') {
        skip_string();
        --i;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (depth == 0) break;
        --depth;
      } else if (c == ',' && depth == 0) {
        break;
      }
    }
    std::string_view value = json_text.substr(value_begin, i - value_begin);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t' ||
                              value.back() == '\n' || value.back() == '\r'))
      value.remove_suffix(1);
    if (k.is_string() && k.as_string() == key) found = std::string(value);
    if (i < json_text.size() && json_text[i] == ',') ++i;
  }
  return found;
}

}  // namespace

Result<Document> parse_document(std::string_view line, bool read_entities) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  json::stream_parser parser;
  json::error_code ec;
  const std::size_t used = parser.write_some(line.data(), line.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    // Boost.JSON says "syntax error" for the two mistakes people make most; name them.
    std::string why = ec.message();
    if (used == 0 && line.starts_with("\xEF\xBB\xBF")) {
      why = "a byte order mark (EF BB BF) before the object; a JSONL line starts with '{'";
    } else if (used < line.size() && static_cast<unsigned char>(line[used]) >= 0x80 &&
               !utf8::decode(line, used).valid) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      const auto b = static_cast<unsigned char>(line[used]);
      why = std::string("invalid UTF-8 (byte ") + kHex[b >> 4] + kHex[b & 15] +
            "); JSON text must be UTF-8";
    }
    return column_error(used + 1, "malformed JSON: " + why);
  }
  const json::value v = parser.release();
  if (!v.is_object()) return column_error(1, "expected a JSON object");
  const json::object& obj = v.as_object();

  Document doc;
  const json::value* text = obj.if_contains("text");
  if (!text) return column_error(1, "missing \"text\"");
  if (!text->is_string()) return column_error(1, "\"text\" is not a string");
  doc.text = std::string(text->as_string());
  if (obj.if_contains("id")) doc.id_json = raw_member(line, "id");
  if (!read_entities) return doc;

  const json::value* ents = obj.if_contains("entities");
  if (!ents) return doc;
  if (!ents->is_array()) return column_error(1, "\"entities\" is not an array");
  const utf8::OffsetConverter conv(doc.text);
  const std::size_t ncp = conv.codepoint_count();
  std::size_t k = 0;
  for (const json::value& e : ents->as_array()) {
    const std::string where = "entity " + std::to_string(k++) + ": ";
    if (!e.is_object()) return column_error(1, where + "not an object");
    const json::object& o = e.as_object();
    const json::value* s = o.if_contains("start");
    const json::value* en = o.if_contains("end");
    const json::value* ty = o.if_contains("type");
    if (!s || !en || !s->is_int64() || !en->is_int64())
      return column_error(1, where + "\"start\" and \"end\" must be integers");
    if (!ty || !ty->is_string()) return column_error(1, where + "\"type\" must be a string");
    const auto type = parse_type(std::string_view(ty->as_string()));
    if (!type || !is_output_type(*type))
      return column_error(1, where + "unknown type \"" + std::string(ty->as_string()) + "\"");
    const std::int64_t a = s->as_int64(), b = en->as_int64();
    if (a < 0 || b <= a || std::size_t(b) > ncp)
      return column_error(1, where + "offsets [" + std::to_string(a) + ", " + std::to_string(b) +
                                 ") outside the text of " + std::to_string(ncp) + " code points");
    Span span{conv.to_byte(std::size_t(a)), conv.to_byte(std::size_t(b)), *type, {}, {}};
    if (const json::value* t = o.if_contains("text"); t && t->is_string()) {
      const std::string_view slice =
          std::string_view(doc.text).substr(span.begin, span.end - span.begin);
      if (std::string_view(t->as_string()) != slice)
        return column_error(1, where + "\"text\" does not match the offsets (the slice is \"" +
                                   std::string(slice) + "\")");
    }
    doc.entities.push_back(std::move(span));
  }
  return doc;
}

namespace {

// Bytes that JSON needs escaped: controls, '"' and '\\'.
constexpr auto kEscape = [] {
  std::array<bool, 128> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t['"'] = t['\\'] = true;
  return t;
}();

void append_escape(std::string& out, unsigned char c) {
  switch (c) {
    case '"': out.append("\\\""); break;
    case '\\': out.append("\\\\"); break;
    case '\n': out.append("\\n"); break;
    case '\r': out.append("\\r"); break;
    case '\t': out.append("\\t"); break;
    default: {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out.append(buf);
    }
  }
}

// Eight bytes hold a byte that JSON escapes (below 0x20, '"' or '\\'); bytes of 0x80 and more
// never count.
inline bool needs_escape8(std::uint64_t w) {
  constexpr std::uint64_t k01 = 0x0101010101010101ull, k80 = 0x8080808080808080ull;
  const std::uint64_t quote = w ^ (k01 * '"'), backslash = w ^ (k01 * '\\');
  const std::uint64_t control = (w - k01 * 0x20) & ~w;
  const std::uint64_t q = (quote - k01) & ~quote, b = (backslash - k01) & ~backslash;
  return ((control | q | b) & k80) != 0;
}

#ifdef __SSE2__
// Sixteen bytes at p (SSE2 is part of x86-64): bit k of the result is set when byte k needs a
// JSON escape (0x1F or less, '"' or '\\'); with `or_non_ascii`, also when it is 0x80 or more.
inline unsigned escapes16(const char* p, bool or_non_ascii) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
  const __m128i special = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                       _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
  const __m128i any = _mm_or_si128(control, special);
  return unsigned(_mm_movemask_epi8(or_non_ascii ? _mm_or_si128(any, v) : any));
}
#endif

// s as a JSON string, when s is valid UTF-8: only ASCII bytes can need escaping, found sixteen
// or eight bytes at a time.
void append_valid_json_string(std::string& out, std::string_view s) {
  out.reserve(out.size() + s.size() + 2);
  out.push_back('"');
  std::size_t run = 0, i = 0;
  const std::size_t n = s.size();
  while (i < n) {
#ifdef __SSE2__
    if (i + 16 <= n) {
      const unsigned mask = escapes16(s.data() + i, false);
      if (mask == 0) {
        i += 16;
        continue;
      }
      i += std::size_t(__builtin_ctz(mask));  // the first byte to escape
    }
#endif
    if (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (!needs_escape8(w)) {
        i += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80 && kEscape[c]) {
      out.append(s.data() + run, i - run);
      append_escape(out, c);
      run = i + 1;
    }
    ++i;
  }
  out.append(s.data() + run, n - run);
  out.push_back('"');
}

// True when s is printable ASCII without '"' and '\\' (rule names, ids, Latin names): written
// as it is, one pass.
bool plain_ascii(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
#ifdef __SSE2__
  for (; i + 16 <= n; i += 16)
    if (escapes16(s.data() + i, true) != 0) return false;
#endif
  for (; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80 || kEscape[c]) return false;
  }
  return true;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  if (plain_ascii(s)) {
    out.reserve(out.size() + s.size() + 2);
    out.push_back('"');
    out.append(s);
    out.push_back('"');
    return;
  }
  if (utf8::first_invalid(s) == std::string_view::npos) return append_valid_json_string(out, s);
  // Ill-formed UTF-8: one U+FFFD per bad byte.
  out.reserve(out.size() + s.size() + 2);
  out.push_back('"');
  std::size_t run = 0;  // s[run, i) is copied as it is
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n;) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (kEscape[c]) {
        out.append(s.data() + run, i - run);
        append_escape(out, c);
        run = i + 1;
      }
      ++i;
      continue;
    }
    const utf8::Decoded d = utf8::decode(s, i);
    if (d.valid) {
      i += d.size;
      continue;
    }
    out.append(s.data() + run, i - run);
    out.append("\xEF\xBF\xBD");
    run = ++i;
  }
  out.append(s.data() + run, n - run);
  out.push_back('"');
}

void append_document_json(std::string& out, std::string_view id_json, std::string_view text,
                          const std::vector<Span>& spans, bool known_valid) {
  out.push_back('{');
  if (!id_json.empty()) {
    out.append("\"id\":");
    out.append(id_json);
    out.push_back(',');
  }
  out.append("\"text\":");
  const bool valid = known_valid || utf8::first_invalid(text) == std::string_view::npos;
  if (valid)
    append_valid_json_string(out, text);
  else
    append_json_string(out, text);
  out.append(",\"entities\":[");
  // Code point offsets, counted on from the previous offset (spans are in order).
  std::size_t at_byte = 0, at_cp = 0;
  auto codepoint = [&](std::size_t byte) {
    byte = std::min(byte, text.size());
    if (byte < at_byte) at_byte = at_cp = 0;  // out of order: count from the start
    at_cp += utf8::count_codepoints(text.substr(at_byte, byte - at_byte), valid);
    at_byte = byte;
    return at_cp;
  };
  if (!spans.empty()) {
    bool first = true;
    for (const Span& s : spans) {
      // The fixed part of the entity, up to its text, composed on the stack and appended once
      // (at most 4 numbers of 20 digits, a type name and 63 bytes of keys).
      char head[192];
      char* h = head;
      auto put = [&h](std::string_view piece) {
        std::memcpy(h, piece.data(), piece.size());
        h += piece.size();
      };
      auto number = [&h](std::size_t v) { h = std::to_chars(h, h + 24, v).ptr; };
      if (!first) *h++ = ',';
      first = false;
      put("{\"start\":");
      number(codepoint(s.begin));
      put(",\"end\":");
      number(codepoint(s.end));
      put(",\"byte_start\":");
      number(s.begin);
      put(",\"byte_end\":");
      number(s.end);
      put(",\"type\":\"");
      put(type_name(s.type).substr(0, 32));
      put("\",\"text\":");
      out.append(head, std::size_t(h - head));
      const std::size_t b = std::min<std::size_t>(s.begin, text.size());
      const std::string_view span_text = text.substr(b, s.end > b ? s.end - b : 0);
      auto boundary = [&](std::size_t p) {
        return p >= text.size() || (static_cast<unsigned char>(text[p]) & 0xC0) != 0x80;
      };
      // A slice of valid text is valid when both its ends are code point boundaries.
      if (valid && boundary(b) && boundary(b + span_text.size()))
        append_valid_json_string(out, span_text);
      else
        append_json_string(out, span_text);
      if (!s.canonical.empty()) {
        out.append(",\"canonical\":");
        append_json_string(out, s.canonical);
      }
      if (!s.source.empty()) {
        out.append(",\"source\":");
        append_json_string(out, s.source);
      }
      if (s.flags != 0) {
        out.append(",\"flags\":[");
        bool first_flag = true;
        for (std::string_view f : flag_names(s.flags)) {
          if (!first_flag) out.push_back(',');
          first_flag = false;
          append_json_string(out, f);
        }
        out.push_back(']');
      }
      out.push_back('}');
    }
  }
  out.append("]}");
}

}  // namespace alam
