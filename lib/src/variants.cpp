// Transliteration variants. Each rule maps a piece of the input to alternatives, the usual one
// first; variants are the product of the choices, explored most-usual-first and capped.
#include "alam/variants.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>

#include "alam/normalizer.hpp"
#include "alam/utf8.hpp"
#include "gazetteer_index.hpp"
#include "grammar/lexicon.hpp"

namespace alam {
namespace {

using Choices = std::vector<std::vector<std::string>>;  // per piece, its alternatives

// Expands choices into at most `limit` strings, changing the fewest pieces first.
std::vector<std::string> expand(const Choices& pieces, std::string_view input, std::size_t limit) {
  std::vector<std::string> out;
  std::string usual;
  for (const auto& p : pieces) usual += p.front();
  auto add = [&](const std::string& s) {
    if (s.empty() || s == input || std::find(out.begin(), out.end(), s) != out.end()) return;
    if (out.size() < limit) out.push_back(s);
  };
  add(usual);
  // One change at a time, then two.
  for (std::size_t i = 0; i < pieces.size() && out.size() < limit; ++i)
    for (std::size_t a = 1; a < pieces[i].size(); ++a) {
      std::string s;
      for (std::size_t k = 0; k < pieces.size(); ++k) s += k == i ? pieces[k][a] : pieces[k].front();
      add(s);
    }
  for (std::size_t i = 0; i < pieces.size() && out.size() < limit; ++i)
    for (std::size_t j = i + 1; j < pieces.size() && out.size() < limit; ++j)
      for (std::size_t a = 1; a < pieces[i].size(); ++a)
        for (std::size_t b = 1; b < pieces[j].size(); ++b) {
          std::string s;
          for (std::size_t k = 0; k < pieces.size(); ++k)
            s += k == i ? pieces[k][a] : k == j ? pieces[k][b] : pieces[k].front();
          add(s);
        }
  return out;
}

bool vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// The alternatives for the Latin letters at word[i], and how many letters they consume.
std::pair<std::vector<std::string>, std::size_t> latin_piece(const std::string& w, std::size_t i) {
  const bool initial = i == 0, final = i + 1 == w.size();
  auto next = [&](std::size_t k) { return i + k < w.size() ? w[i + k] : '\0'; };
  const char c = w[i], d = next(1);
  // Digraphs first.
  if (c == 's' && d == 'h') return {{"ش"}, 2};
  if (c == 'c' && d == 'h') return {{"تش", "ش"}, 2};
  if (c == 't' && d == 'h') return {{"ث", "ت"}, 2};
  if (c == 'k' && d == 'h') return {{"خ", "ك"}, 2};
  if (c == 'g' && d == 'h') return {{"غ"}, 2};
  if (c == 'p' && d == 'h') return {{"ف"}, 2};
  if (c == 'c' && d == 'k') return {{"ك"}, 2};
  if (c == 'q' && d == 'u') return {{"كو"}, 2};
  if (c == 'n' && d == 'g' && !vowel(next(2))) return {{"نغ", "نج"}, 2};
  if ((c == 'o' && d == 'o') || (c == 'o' && d == 'u')) return {{"و"}, 2};
  if (c == 'e' && d == 'e') return {{"ي"}, 2};
  if ((c == 'a' || c == 'e') && (d == 'i' || d == 'y')) return {{initial ? "اي" : "اي", "ي"}, 2};
  switch (c) {
    case 'a': return {initial || final ? std::vector<std::string>{"ا"} : std::vector<std::string>{"ا", ""}, 1};
    case 'e': return {{initial ? "ا" : (final ? "" : "ي"), initial ? "اي" : (final ? "ي" : "")}, 1};
    case 'i': return {{initial ? "ا" : "ي", initial ? "اي" : ""}, 1};
    case 'o': return {{initial ? "او" : "و", initial ? "ا" : ""}, 1};
    case 'u': return {{initial ? "او" : "و"}, 1};
    case 'y': return {{"ي"}, 1};
    case 'b': return {{"ب"}, 1};
    case 'c': return {{(d == 'e' || d == 'i' || d == 'y') ? "س" : "ك"}, 1};
    case 'd': return {{"د"}, 1};
    case 'f': return {{"ف"}, 1};
    case 'g': return {{(d == 'e' || d == 'i') ? "ج" : "غ", (d == 'e' || d == 'i') ? "غ" : "ج", "ق"}, 1};
    case 'h': return {{"ه"}, 1};
    case 'j': return {{"ج"}, 1};
    case 'k': return {{"ك"}, 1};
    case 'l': return {{"ل"}, 1};
    case 'm': return {{"م"}, 1};
    case 'n': return {{"ن"}, 1};
    case 'p': return {{"ب", "پ"}, 1};
    case 'q': return {{"ك", "ق"}, 1};
    case 'r': return {{"ر"}, 1};
    case 's': return {{"س"}, 1};
    case 't': return {{"ت"}, 1};
    case 'v': return {{"ف", "ڤ"}, 1};
    case 'w': return {{"و"}, 1};
    case 'x': return {{"كس"}, 1};
    case 'z': return {{"ز"}, 1};
    default: return {{std::string(1, c)}, 1};
  }
}

}  // namespace

std::vector<std::string> arabic_spellings(std::string_view latin, std::size_t limit) {
  Choices pieces;
  std::string word;
  auto flush_word = [&] {
    for (std::size_t i = 0; i < word.size();) {
      auto [alts, used] = latin_piece(word, i);
      // A doubled consonant is written once.
      if (i > 0 && word[i] == word[i - 1] && !vowel(word[i])) alts = {""};
      pieces.push_back(std::move(alts));
      i += used;
    }
    word.clear();
  };
  for (char ch : latin) {
    const unsigned char u = static_cast<unsigned char>(ch);
    if (std::isalpha(u)) {
      word.push_back(char(std::tolower(u)));
    } else {
      flush_word();
      pieces.push_back({std::string(1, ch == '-' ? ' ' : ch)});
    }
  }
  flush_word();
  return expand(pieces, latin, limit);
}

std::vector<std::string> arabic_variants(std::string_view arabic, std::size_t limit) {
  Choices pieces;
  std::size_t word_start = 0;
  for (std::size_t i = 0; i < arabic.size();) {
    const utf8::Decoded d = utf8::decode(arabic, i);
    const std::string ch(arabic.substr(i, d.size));
    const bool initial = i == word_start;
    std::size_t j = i + d.size;
    const bool final = j >= arabic.size() || arabic[j] == ' ';
    if (d.cp == U' ') word_start = j;
    if (d.cp == U'\u062C' || d.cp == U'\u063A' || d.cp == U'\u0642') {  // ج غ ق
      std::vector<std::string> alts = {ch};
      for (const char* o : {"ج", "غ", "ق"})
        if (ch != o) alts.push_back(o);
      pieces.push_back(alts);
    } else if (d.cp == U'\u0641' || d.cp == U'\u06A4') {  // ف ڤ
      pieces.push_back({ch, ch == "ف" ? "ڤ" : "ف"});
    } else if (d.cp == U'\u0628' || d.cp == U'\u067E') {  // ب پ
      pieces.push_back({ch, ch == "ب" ? "پ" : "ب"});
    } else if ((d.cp == U'\u0627' || d.cp == U'\u0648' || d.cp == U'\u064A') && !initial && !final) {
      pieces.push_back({ch, ""});  // a long vowel inside a word may be left out
    } else if (d.cp == U'\u062A' && arabic.substr(j).starts_with("\u0634")) {  // تش → ش
      pieces.push_back({ch, ""});
    } else {
      pieces.push_back({ch});
    }
    i = j;
  }
  return expand(pieces, arabic, limit);
}

std::vector<VariantSuggestion> suggest_variants(const std::vector<Entity>& entities,
                                                std::size_t per_alias) {
  const Normalizer& norm = Gazetteer::Index::matching_normalizer();
  auto key = [&](std::string_view s) { return Gazetteer::Index::key_of(norm, s); };
  std::unordered_map<std::string, std::size_t> owner;  // alias key → first entity
  for (std::size_t e = 0; e < entities.size(); ++e)
    for (const Alias& a : entities[e].aliases) owner.emplace(key(a.text), e);
  std::vector<VariantSuggestion> out;
  std::unordered_map<std::string, std::size_t> suggested;  // key → entity it was suggested for
  for (std::size_t e = 0; e < entities.size(); ++e) {
    const Entity& ent = entities[e];
    if (is_list_type(ent.type)) continue;
    for (const Alias& a : ent.aliases) {
      if (a.case_sensitive || a.generated || a.text.empty()) continue;
      const bool latin = static_cast<unsigned char>(a.text[0]) < 0x80;
      const std::size_t letters = std::count_if(a.text.begin(), a.text.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c));
      });
      if (latin && letters < 4) continue;
      const std::vector<std::string> variants =
          latin ? arabic_spellings(a.text, per_alias) : arabic_variants(a.text, per_alias);
      for (const std::string& v : variants) {
        const std::string k = key(v);
        if (k.empty() || grammar::lookup_word(k)) continue;  // a word the grammars know
        if (auto it = suggested.find(k); it != suggested.end()) continue;
        suggested.emplace(k, e);
        VariantSuggestion s{e, v, a.text, {}};
        if (auto it = owner.find(k); it != owner.end()) {
          if (it->second == e) continue;  // the entity has it already
          s.collides_with = entities[it->second].id;
        }
        out.push_back(std::move(s));
      }
    }
  }
  return out;
}

std::size_t add_generated_variants(std::vector<Entity>& entities,
                                   const std::vector<VariantSuggestion>& suggestions) {
  std::size_t added = 0;
  for (const VariantSuggestion& s : suggestions) {
    if (!s.collides_with.empty() || s.entity >= entities.size()) continue;
    Entity& e = entities[s.entity];
    e.aliases.push_back({s.variant, false, false, true, e.line});
    ++added;
  }
  return added;
}

}  // namespace alam
