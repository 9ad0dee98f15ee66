// The gazetteer's lookup structure: aliases keyed by their normalized token sequence.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "alam/gazetteer.hpp"
#include "alam/normalizer.hpp"
#include "alam/status.hpp"
#include "alam/tokenizer.hpp"

namespace alam {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

struct Gazetteer::Index {
  struct Hit {
    std::uint32_t entity = 0;     // index into Gazetteer::entities()
    std::uint16_t tokens = 0;     // number of tokens of the alias
    bool exact = false;           // no proclitic stripping
    // Every alias with this key is written with a hamza alef (أ إ آ) first: after a stripped
    // proclitic, a bare ا in the text is then another word (كابل is not ك + أبل).
    bool hamza_initial = false;
    std::string cased_key;        // non-empty for case-sensitive aliases: key without case folding
  };

  Normalizer normalizer;  // matching form (default options)
  Normalizer cased;       // the same rules without case folding, for case-sensitive aliases
  std::unordered_map<std::string, std::vector<Hit>, StringHash, std::equal_to<>> by_key;
  // Longest alias (in tokens) starting with a given first token.
  std::unordered_map<std::string, std::uint16_t, StringHash, std::equal_to<>> max_tokens;

  Index();

  // Builds the index; errors name the alias's file and line.
  static Result<std::unique_ptr<Index>> build(const std::vector<Entity>& entities);

  // Appends the lookup key of tokens [from, to) of a normalized text: token texts joined by ' '.
  static void append_key(std::string& key, std::string_view normalized,
                         const std::vector<Token>& tokens, std::size_t from, std::size_t to);
  // The key of a whole (unnormalized) string under the given normalizer.
  static std::string key_of(const Normalizer& normalizer, std::string_view text,
                            std::size_t* token_count = nullptr);
};

}  // namespace alam
