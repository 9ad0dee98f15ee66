// Shared pieces of the readers and writers (lib/src/readers, lib/src/writers): offsets in
// other units, whitespace, markup escaping, text cleaning.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "alam/formats.hpp"
#include "alam/span.hpp"

namespace alam::detail {

// Offsets of one text in a unit, under the bad-byte rule of alam/utf8.hpp (an ill-formed byte
// is one code point, one UTF-16 unit, one byte).
class UnitOffsets {
 public:
  UnitOffsets(std::string_view text, OffsetUnit unit);
  // byte must lie on a code point boundary (or it is rounded up to the next one).
  std::size_t from_byte(std::size_t byte) const { return cp_unit_[codepoint_of(byte)]; }
  // The code point index of a byte offset (rounded up to a boundary).
  std::size_t codepoint_of(std::size_t byte) const;
  // The unit offset of code point index cp (cp <= codepoint_count()).
  std::size_t from_codepoint(std::size_t cp) const { return cp_unit_[cp]; }
  // The byte offset of a unit offset; nullopt inside a code point (a lone half of a UTF-16
  // surrogate pair, a byte inside a sequence) or past the end.
  std::optional<std::size_t> to_byte(std::size_t unit) const;
  std::size_t size() const { return cp_unit_.back(); }  // the text's length in units
  std::size_t codepoint_count() const { return cp_byte_.size() - 1; }

 private:
  std::vector<std::uint32_t> cp_byte_;  // code point index -> byte offset, plus the end
  std::vector<std::uint32_t> cp_unit_;  // code point index -> unit offset, plus the end
};

// Unicode White_Space (what splits CoNLL tokens and what pair_documents ignores).
bool is_white_space(char32_t c);

// Appends text to out for XML/HTML character data (attribute: also escapes '"'). & < > are
// escaped; ill-formed bytes and C0 controls other than TAB, LF and CR (not allowed in XML 1.0)
// become U+FFFD, as does U+FFFE/U+FFFF.
void append_markup(std::string& out, std::string_view text, bool attribute);

// The text with ill-formed bytes as U+FFFD (utf8::sanitize), and TAB, LF, CR as spaces: for
// one-line fields (brat notes, terminal lines).
std::string one_line(std::string_view text);

// Spans clipped to the text and to code point boundaries, empty and overlapping ones dropped
// (the later of two overlapping spans), sorted by begin. Writers call it on their input.
std::vector<Span> usable_spans(std::string_view text, std::span<const Span> spans);

// The JSON string literal (with quotes) of s.
std::string json_string(std::string_view s);

}  // namespace alam::detail
