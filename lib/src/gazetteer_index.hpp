// The gazetteer's lookup structure: a trie over normalized tokens, stored in flat arrays.
//
// Every alias is normalized and tokenized like text. Its tokens get ids in a vocabulary (an
// open-addressing hash table over a string arena); the trie's edges are (node, token id) →
// child in a second table; each node lists the entities whose alias ends there. Lookup at a
// text position hashes each token once: a miss on the first token (the common case) costs one
// probe.
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

struct Gazetteer::Index {
  static constexpr std::uint32_t kNone = 0xFFFFFFFF;

  struct Hit {
    std::uint32_t entity = 0;     // index into Gazetteer::entities()
    bool exact = false;           // no proclitic stripping
    // Every alias of this entity with this key is written with a hamza alef (أ إ آ) first:
    // after a stripped proclitic, a bare ا in the text is then another word (كابل ≠ ك + أبل).
    bool hamza_initial = false;
    std::string cased_key;        // non-empty for case-sensitive aliases: key without case folding
  };

  Normalizer normalizer;  // matching form (default options)
  Normalizer cased;       // the same rules without case folding, for case-sensitive aliases

  Index();

  // Builds the index; errors name the alias's file and line.
  static Result<std::unique_ptr<Index>> build(const std::vector<Entity>& entities);

  // The vocabulary id of a normalized token, or kNone.
  std::uint32_t token_id(std::string_view token) const;
  // The trie node reached by an alias's first token, or kNone.
  std::uint32_t first(std::uint32_t token) const { return vocab_[token].first_node; }
  // The child of node along token, or kNone.
  std::uint32_t child(std::uint32_t node, std::uint32_t token) const;
  // Entities whose alias ends at node (first entity first).
  std::span<const Hit> hits(std::uint32_t node) const {
    return {hits_.data() + nodes_[node].hits_begin, hits_.data() + nodes_[node].hits_end};
  }

  std::size_t vocabulary_size() const { return vocab_.size(); }
  std::size_t node_count() const { return nodes_.size(); }

  // The key of a whole (unnormalized) string under a normalizer: token texts joined by ' '.
  static std::string key_of(const Normalizer& normalizer, std::string_view text);

 private:
  struct VocabEntry {
    std::uint32_t offset, length;  // in arena_
    std::uint32_t hash;            // low 32 bits of hash_bytes, checked before comparing bytes
    std::uint32_t first_node;      // trie node after this token as an alias start, or kNone
  };
  struct Edge {
    std::uint32_t node, token, child;
  };
  struct Node {
    std::uint32_t hits_begin = 0, hits_end = 0;
  };

  std::uint32_t add_token(std::string_view token);

  std::string arena_;
  std::vector<VocabEntry> vocab_;
  struct Slot {
    std::uint32_t hash = 0, id = 0;  // id: vocab index + 1; 0 = empty
  };
  std::vector<Slot> vocab_slots_;
  std::vector<Edge> edges_;
  std::vector<std::uint32_t> edge_slots_;   // edge index + 1; 0 = empty
  std::vector<Node> nodes_;
  std::vector<Hit> hits_;
};

}  // namespace alam
