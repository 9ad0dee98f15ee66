// The gazetteer's lookup structure and its binary image.
//
// A gazetteer is one contiguous image (docs/gazetteer-format.md, "Compiled form"): a header, a
// section table and flat arrays of fixed-size records, with all text in one string section.
// The same image is built in memory from gazetteer text and written by `alam gaz compile`; a
// compiled file is memory-mapped and used in place after its header, checksum and every offset
// have been validated.
//
// Lookup is a trie over normalized tokens: every alias is normalized and tokenized like text;
// its tokens get ids in a vocabulary (an open-addressing hash table over the string section);
// the trie's edges are (node, token id) → child in a second table; each node lists the
// entities whose alias ends there. Lookup at a text position hashes each token once.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "alam/gazetteer.hpp"
#include "alam/normalizer.hpp"
#include "alam/status.hpp"
#include "alam/tokenizer.hpp"

namespace alam {

namespace image {

inline constexpr char kMagic[8] = {'A', 'L', 'A', 'M', 'G', 'A', 'Z', '1'};
inline constexpr std::uint32_t kVersion = 1;

enum Section : std::uint32_t {
  kStrings, kVocab, kVocabSlots, kEdges, kEdgeSlots, kNodes, kHits, kEntities, kAliases,
  kAttributes, kSectionCount
};

struct SectionEntry {
  std::uint64_t offset = 0;  // from the image start, 8-aligned
  std::uint64_t count = 0;   // records (bytes for kStrings)
  std::uint32_t record_size = 0;
  std::uint32_t kind = 0;
};

struct Header {
  char magic[8];
  std::uint32_t version;
  std::uint32_t header_size;     // sizeof(Header)
  std::uint64_t image_size;      // the whole image, header included
  std::uint64_t checksum;        // of the whole image, this field counted as zero
  std::uint64_t normalizer;      // fingerprint of the normalization that built the keys
  std::uint32_t section_count;
  std::uint32_t reserved;
  SectionEntry sections[kSectionCount];
};

struct Str {  // a string in the kStrings section
  std::uint32_t offset = 0, length = 0;
};
struct VocabEntry {
  Str text;
  std::uint32_t hash = 0;        // low 32 bits of hash_bytes(text)
  std::uint32_t first_node = 0;  // trie node after this token as an alias start, or kNone
};
struct Slot {
  std::uint32_t hash = 0, id = 0;  // id: index + 1; 0 = empty
};
struct Edge {
  std::uint32_t node = 0, token = 0, child = 0;
};
struct Node {
  std::uint32_t hits_begin = 0, hits_end = 0;
};
struct Hit {
  std::uint32_t entity = 0;  // index into kEntities
  Str cased_key;             // non-empty for case-sensitive aliases: key without case folding
  std::uint8_t exact = 0;    // never after a stripped proclitic
  // Every alias of this entity with this key is written with a hamza alef (أ إ آ) first:
  // after a stripped proclitic, a bare ا in the text is then another word (كابل ≠ ك + أبل).
  std::uint8_t hamza_initial = 0;
  std::uint16_t reserved = 0;
};
struct EntityRecord {
  Str id, name, file;
  std::uint32_t line = 0;
  std::uint32_t type = 0;
  std::uint32_t aliases_begin = 0, aliases_end = 0;
  std::uint32_t attributes_begin = 0, attributes_end = 0;
};
struct AliasRecord {
  Str text;
  std::uint32_t line = 0;
  std::uint8_t case_sensitive = 0, exact = 0, generated = 0;
  std::uint8_t reserved = 0;
};
struct AttributeRecord {
  Str key, value;
};

}  // namespace image

struct Gazetteer::Index {
  static constexpr std::uint32_t kNone = 0xFFFFFFFF;
  using Hit = image::Hit;

  // Shared, immutable normalizers (built once per process).
  const Normalizer& normalizer;  // matching form (default options)

  Index();

  // The shared normalizers every index uses (also for tools that compute alias keys).
  static const Normalizer& matching_normalizer();
  // The same rules without case folding, for case-sensitive aliases: built on first use (its
  // tables are a fifth of start-up, and most text never meets a case-sensitive alias).
  static const Normalizer& case_preserving_normalizer();

  // Builds the image of entities; errors name the alias's file and line.
  static Result<std::string> build_image(const std::vector<Entity>& entities);
  // Validates an image and points the index's views into it (the image must outlive the
  // index). Errors say what is wrong, prefixed by source_name.
  Status attach(std::string_view image, std::string_view source_name);
  // The fingerprint of the default normalization, stored in images.
  static std::uint64_t normalizer_fingerprint();
  // Rewrites an image's size and checksum fields to match its bytes (for tests and fuzzing
  // that want damaged images to get past the checksum into the deeper validation).
  static void reseal(std::string& image);

  // The vocabulary id of a normalized token, or kNone.
  std::uint32_t token_id(std::string_view token) const;
  // The trie node reached by an alias's first token, or kNone.
  std::uint32_t first(std::uint32_t token) const { return vocab_[token].first_node; }
  // The child of node along token, or kNone.
  std::uint32_t child(std::uint32_t node, std::uint32_t token) const;
  // Entities whose alias ends at node (first entity first).
  std::span<const Hit> hits(std::uint32_t node) const {
    return hits_.subspan(nodes_[node].hits_begin, nodes_[node].hits_end - nodes_[node].hits_begin);
  }
  std::string_view str(image::Str s) const { return strings_.substr(s.offset, s.length); }

  std::span<const image::EntityRecord> entities() const { return entities_; }
  std::span<const image::AliasRecord> aliases() const { return aliases_; }
  std::span<const image::AttributeRecord> attributes() const { return attributes_; }
  std::size_t vocabulary_size() const { return vocab_.size(); }
  std::size_t node_count() const { return nodes_.size(); }

  // The key of a whole (unnormalized) string under a normalizer: token texts joined by ' '.
  static std::string key_of(const Normalizer& normalizer, std::string_view text);

 private:
  std::string_view strings_;
  std::span<const image::VocabEntry> vocab_;
  std::span<const image::Slot> vocab_slots_;
  std::span<const image::Edge> edges_;
  std::span<const std::uint32_t> edge_slots_;
  std::span<const image::Node> nodes_;
  std::span<const image::Hit> hits_;
  std::span<const image::EntityRecord> entities_;
  std::span<const image::AliasRecord> aliases_;
  std::span<const image::AttributeRecord> attributes_;
};

}  // namespace alam
