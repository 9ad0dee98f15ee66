// alam/span.hpp — the tagger's output: typed spans with byte offsets into the caller's text.
//
//   for (const alam::Span& s : tagger.tag(text))
//     std::cout << alam::type_name(s.type) << ' ' << text.substr(s.begin, s.end - s.begin);
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alam {

// Entity types of ../shared/eval/GUIDELINES.md, then two gazetteer list types that never
// appear in tagger output: kStop (words never to tag) and kGiven (given names for the person
// grammar).
enum class EntityType : unsigned char {
  kOrg,
  kPerson,
  kChip,
  kProduct,
  kLoc,
  kMoney,
  kPercent,
  kDate,
  kStop,
  kGiven,
};

inline constexpr int kEntityTypeCount = 8;  // output types, kStop excluded

// True for the eight types that spans carry (not STOP or GIVEN).
inline bool is_output_type(EntityType type) { return type < EntityType::kStop; }
// True for gazetteer word lists (STOP, GIVEN): entries without a canonical name.
inline bool is_list_type(EntityType type) { return !is_output_type(type); }

// "ORG", "PERSON", ... ("STOP" for kStop, "GIVEN" for kGiven).
std::string_view type_name(EntityType type);
// Parses a type name as written above; nullopt for anything else.
std::optional<EntityType> parse_type(std::string_view name);
// ORG, PERSON and CHIP are the core types of the guidelines.
bool is_core_type(EntityType type);

// Warnings carried by a span (bit flags).
enum SpanFlag : unsigned {
  // The span's original text contains a bidi control (an embedding, override, isolate or mark:
  // U+202A–202E, U+2066–2069, U+200E, U+200F, U+061C). The tagger reads through them, but a
  // reader may see the name displayed differently (Trojan Source-style spoofing).
  kFlagBidiControl = 1u << 0,
};
// The names of the set flags, as written in JSONL: "bidi-control".
std::vector<std::string_view> flag_names(unsigned flags);

struct Span {
  std::size_t begin = 0;  // UTF-8 byte offset into the original text, inclusive
  std::size_t end = 0;    // UTF-8 byte offset, exclusive
  EntityType type = EntityType::kOrg;
  std::string canonical;  // canonical name of the gazetteer entity; empty for grammar spans
  std::string source;     // "gaz:<entity id>" or "rule:<grammar rule name>"
  unsigned flags = 0;     // SpanFlag bits

  friend bool operator==(const Span&, const Span&) = default;
};

}  // namespace alam
