// alam/utf8.hpp — UTF-8 decoding and offset conversion, with one rule for bad bytes.
//
// alam reads every ill-formed byte as one U+FFFD, the way sentencepiece does: a byte that does
// not start a well-formed sequence (or a sequence that is overlong, a surrogate, above
// U+10FFFF, or cut short) counts as one code point of its own. Offsets stay byte offsets into
// the caller's text, and code point offsets count each bad byte as one code point, so both
// always index the original bytes.
//
//   std::size_t cp = alam::utf8::codepoint_offset(text, span.begin);
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace alam::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

struct Decoded {
  char32_t cp;         // the code point, or kReplacement for a bad byte
  std::uint8_t size;   // bytes consumed: 1..4
  bool valid;          // false when this was a bad byte
};

// Decodes the code point starting at text[pos] (pos < text.size()). Never reads past the end.
Decoded decode(std::string_view text, std::size_t pos);

// Appends the UTF-8 encoding of cp (cp must be a scalar value) to out.
void append(std::string& out, char32_t cp);

// Byte offset of the first ill-formed byte, or npos when text is valid UTF-8.
std::size_t first_invalid(std::string_view text);

// The text with each bad byte replaced by U+FFFD (valid text is returned unchanged).
std::string sanitize(std::string_view text);

// Number of code points in text under the bad-byte rule above (a bad byte is one).
// known_valid: the caller has checked that text is valid UTF-8 (skips the check).
std::size_t count_codepoints(std::string_view text, bool known_valid = false);

// Number of code points in text[0, byte_offset) under the bad-byte rule above.
std::size_t codepoint_offset(std::string_view text, std::size_t byte_offset);

// Maps many byte offsets to code point offsets and UTF-16 offsets in one pass.
class OffsetConverter {
 public:
  explicit OffsetConverter(std::string_view text);
  // byte_offset must be <= text.size() and lie on a code point boundary.
  std::size_t to_codepoint(std::size_t byte_offset) const;
  std::size_t to_utf16(std::size_t byte_offset) const;
  // Inverse of to_codepoint; cp_offset must be <= the number of code points.
  std::size_t to_byte(std::size_t cp_offset) const;
  std::size_t codepoint_count() const { return cp_to_byte_.size() - 1; }

 private:
  std::vector<std::uint32_t> cp_to_byte_;   // code point index -> byte offset, plus end
  std::vector<std::uint32_t> cp_to_utf16_;  // code point index -> UTF-16 offset, plus end
};

}  // namespace alam::utf8
