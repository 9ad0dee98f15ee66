#include "clitics.hpp"

#include "word_cache.hpp"

namespace alam {
namespace {

// Normalized Arabic letters are two bytes each.
constexpr std::string_view kWaw = "\u0648", kFa = "\u0641", kBa = "\u0628", kKaf = "\u0643",
                           kLam = "\u0644", kAlef = "\u0627";
constexpr std::size_t kMinStem = 2 * 2;  // two letters

}  // namespace

void Stems::whole(std::string_view token) {
  items_[0] = {0, token, false};
  size_ = 1;
}

namespace {
// The letter at byte i of a normalized Arabic token, as its two UTF-8 bytes.
inline bool letter_at(std::string_view s, std::size_t i, std::string_view letter) {
  return i + 1 < s.size() && s[i] == letter[0] && s[i + 1] == letter[1];
}
}  // namespace

void Stems::split(std::string_view token) {
  whole(token);
  restored_count_ = 0;
  static constexpr std::array<std::string_view, 3> kConj{"", kWaw, kFa};
  static constexpr std::array<std::string_view, 4> kPrep{"", kBa, kKaf, kLam};
  if (token.size() < 2 + kMinStem) return;
  for (std::string_view conj : kConj) {
    if (!conj.empty() && !letter_at(token, 0, conj)) continue;
    for (std::string_view prep : kPrep) {
      const std::size_t skip = conj.size() + prep.size();
      if (skip == 0 || (!prep.empty() && !letter_at(token, conj.size(), prep))) continue;
      if (token.size() < skip + kMinStem) continue;
      const std::string_view rest = token.substr(skip);
      items_[size_++] = {std::uint32_t(skip), rest, false};
      // ل + ال written لل: the stem's article lost its alif.
      if (prep == kLam && letter_at(rest, 0, kLam)) {
        std::string& buf = restored_[restored_count_++];
        buf.assign(kAlef);
        buf.append(rest);
        items_[size_++] = {std::uint32_t(skip), buf, true};
      }
    }
  }
}

void Stems::assign(std::string_view token, const WordFacts& facts) {
  size_ = facts.count;
  restored_count_ = 0;
  for (std::size_t k = 0; k < size_; ++k) {
    const WordFacts::StemFacts& f = facts.stems[k];
    std::string_view key = token.substr(f.skip);
    if (f.restored) {  // لل: the article's alif back
      std::string& buf = restored_[restored_count_++];
      buf.assign(kAlef);
      buf.append(key);
      key = buf;
    }
    items_[k] = {f.skip, key, f.restored};
  }
}

std::string_view strip_article(std::string_view token) {
  constexpr std::string_view kArticle = "\u0627\u0644";
  if (token.starts_with(kArticle) && token.size() >= kArticle.size() + kMinStem)
    return token.substr(kArticle.size());
  return token;
}

}  // namespace alam
