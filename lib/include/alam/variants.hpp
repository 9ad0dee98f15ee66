// alam/variants.hpp — transliteration variants for gazetteer curation.
//
//   for (const std::string& v : alam::arabic_spellings("Nvidia")) ...  // نفيديا، انفيديا، …
//   for (const std::string& v : alam::arabic_variants("هوانغ")) ...      // هوانج، هوانق، هونغ، …
//
// Rules (docs/gazetteer-format.md, "Variants"): a Latin name is spelled letter by letter with
// the usual Arabic renderings of its sounds (g → ج/غ/ق, v → ف/ڤ, p → ب/پ, ch → تش, sh → ش, e/i
// → ي or nothing inside a word, an initial vowel with alef); an Arabic name gets the same
// alternations (ج/غ/ق, ف/ڤ, ب/پ, تش/ش) and long vowels ا/و/ي dropped inside a word. Results
// are unique, never the input itself, at most `limit`, most usual first. Pure functions,
// thread-safe; any input is accepted (non-letters are copied).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "alam/gazetteer.hpp"

namespace alam {

std::vector<std::string> arabic_spellings(std::string_view latin_name, std::size_t limit = 8);
std::vector<std::string> arabic_variants(std::string_view arabic_name, std::size_t limit = 8);

// A generated alias for an entity of a gazetteer, for a curator to review.
struct VariantSuggestion {
  std::size_t entity = 0;     // index into the entities given
  std::string variant;        // the generated spelling
  std::string from;           // the alias it was generated from
  std::string collides_with;  // id of another entity that already has this alias, or empty
};

// Variants of every alias of every entity: Arabic spellings of Latin aliases of four letters
// or more (not case-sensitive ones), and variants of Arabic aliases. Variants that an entity
// already has (after normalization) or that are common words are left out; those that another
// entity has are reported with collides_with set.
std::vector<VariantSuggestion> suggest_variants(const std::vector<Entity>& entities,
                                                std::size_t per_alias = 4);

// Adds the suggestions that collide with nothing as aliases flagged `gen`. Returns how many.
std::size_t add_generated_variants(std::vector<Entity>& entities,
                                   const std::vector<VariantSuggestion>& suggestions);

}  // namespace alam
