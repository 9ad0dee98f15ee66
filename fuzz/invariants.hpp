// fuzz/invariants.hpp — checks shared by the fuzz targets. A violated invariant prints what
// broke and aborts, so libFuzzer (or the replay main) reports the input as a crash.
//
//   alam::fuzz::check_spans(text, tagger.tag(text), /*sorted_disjoint=*/true);
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "alam/normalizer.hpp"
#include "alam/span.hpp"
#include "alam/tokenizer.hpp"
#include "alam/utf8.hpp"

namespace alam::fuzz {

// Inputs above this size are ignored: the targets look for logic errors, not for slowness
// on huge texts (bench/ covers that).
inline constexpr std::size_t kMaxInput = 64 * 1024;

[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "alam fuzz invariant violated: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

inline void check(bool ok, const std::string& what) {
  if (!ok) fail(what);
}

// Code point boundaries of text under alam's bad-byte rule (one U+FFFD per bad byte):
// boundary[i] is true when byte offset i (0..size) starts a code point or is the end.
inline std::vector<bool> boundaries(std::string_view text) {
  std::vector<bool> b(text.size() + 1, false);
  std::size_t pos = 0;
  while (pos < text.size()) {
    b[pos] = true;
    const utf8::Decoded d = utf8::decode(text, pos);
    check(d.size >= 1 && d.size <= 4 && pos + d.size <= text.size(),
          "utf8::decode size " + std::to_string(d.size) + " at " + std::to_string(pos));
    pos += d.size;
  }
  b[text.size()] = true;
  return b;
}

inline std::string describe(const Span& s) {
  // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive) about
  // `"literal" + std::string&&` once it is inlined here.
  std::string out = "[";
  out += std::to_string(s.begin);
  out += ", ";
  out += std::to_string(s.end);
  out += ") ";
  out += type_name(s.type);
  out += " ";
  out += s.source;
  return out;
}

// Every span in range (begin < end <= size), on code point boundaries, with an output type,
// re-sliceable, and round-tripping through code point offsets; with sorted_disjoint, also
// sorted by begin and non-overlapping (what Tagger::tag promises). Without output_types, STOP
// and GIVEN are allowed too (Tagger::explain reports the stop entries that won).
inline void check_spans(std::string_view text, const std::vector<Span>& spans,
                        bool sorted_disjoint, bool output_types = true) {
  const std::vector<bool> bound = boundaries(text);
  const utf8::OffsetConverter conv(text);
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const Span& s = spans[i];
    const std::string who = "span " + std::to_string(i) + " " + describe(s) + " (text size " +
                            std::to_string(text.size()) + "): ";
    check(s.begin < s.end, who + "empty or reversed");
    check(s.end <= text.size(), who + "ends past the text");
    check(bound[s.begin], who + "begin is not on a code point boundary");
    check(bound[s.end], who + "end is not on a code point boundary");
    if (output_types) check(is_output_type(s.type), who + "type is not an output type");
    const std::string_view slice = text.substr(s.begin, s.end - s.begin);
    check(slice.size() == s.end - s.begin, who + "does not re-slice");
    check(conv.to_byte(conv.to_codepoint(s.begin)) == s.begin &&
              conv.to_byte(conv.to_codepoint(s.end)) == s.end,
          who + "code point offsets do not map back to the byte offsets");
    if (sorted_disjoint && i > 0)
      check(spans[i - 1].end <= s.begin,
            who + "overlaps or precedes span " + describe(spans[i - 1]));
  }
}

// Normalizer output: offset map sizes, ranges inside the input and on its code point
// boundaries, valid UTF-8 out, normalize_text agreeing with normalize, and idempotence.
inline void check_normalized(const Normalizer& norm, std::string_view input,
                             const NormalizedText& n) {
  check(n.src_begin.size() == n.text.size() && n.src_end.size() == n.text.size(),
        "offset map size differs from the normalized text size");
  check(utf8::first_invalid(n.text) == std::string_view::npos,
        "normalized text is not valid UTF-8");
  const std::vector<bool> bound = boundaries(input);
  for (std::size_t i = 0; i < n.text.size(); ++i) {
    const std::string who = "normalized byte " + std::to_string(i) + " -> [" +
                            std::to_string(n.src_begin[i]) + ", " +
                            std::to_string(n.src_end[i]) + "): ";
    check(n.src_begin[i] < n.src_end[i] && n.src_end[i] <= input.size(),
          who + "range empty or outside the input of " + std::to_string(input.size()));
    check(bound[n.src_begin[i]] && bound[n.src_end[i]], who + "not on code point boundaries");
  }
  check(norm.normalize_text(input) == n.text, "normalize_text differs from normalize().text");
  check(norm.normalize_text(n.text) == n.text, "normalization is not idempotent");
}

// Tokens of a normalized text: in range, on code point boundaries, sorted, non-overlapping;
// source ranges (when filled) inside the original input.
inline void check_tokens(std::string_view normalized, const std::vector<Token>& tokens,
                         std::size_t input_size, bool with_source) {
  const std::vector<bool> bound = boundaries(normalized);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    const std::string who = "token " + std::to_string(i) + " [" + std::to_string(t.begin) +
                            ", " + std::to_string(t.end) + "): ";
    check(t.begin < t.end && t.end <= normalized.size(), who + "empty or out of range");
    check(bound[t.begin] && bound[t.end], who + "not on code point boundaries");
    if (i > 0) check(tokens[i - 1].end <= t.begin, who + "overlaps the previous token");
    if (with_source) {
      check(t.source_begin <= t.source_end && t.source_end <= input_size,
            who + "source range [" + std::to_string(t.source_begin) + ", " +
                std::to_string(t.source_end) + ") outside the input");
      if (i > 0)
        check(tokens[i - 1].source_begin <= t.source_begin,
              who + "source ranges out of order");
    }
  }
}

}  // namespace alam::fuzz
