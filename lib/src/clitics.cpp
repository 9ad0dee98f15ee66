#include "clitics.hpp"

#include <array>

namespace alam {
namespace {

// Normalized Arabic letters are two bytes each.
constexpr std::string_view kWaw = "\u0648", kFa = "\u0641", kBa = "\u0628", kKaf = "\u0643",
                           kLam = "\u0644", kAlef = "\u0627";
constexpr std::size_t kLetter = 2;
constexpr std::size_t kMinStem = 2 * kLetter;

}  // namespace

void proclitic_splits(std::string_view token, std::vector<Stem>& out) {
  out.clear();
  out.push_back({0, std::string(token)});
  static constexpr std::array<std::string_view, 3> kConj{"", kWaw, kFa};
  static constexpr std::array<std::string_view, 4> kPrep{"", kBa, kKaf, kLam};
  for (std::string_view conj : kConj) {
    if (!token.starts_with(conj)) continue;
    for (std::string_view prep : kPrep) {
      const std::size_t skip = conj.size() + prep.size();
      if (skip == 0 || token.substr(conj.size()).substr(0, prep.size()) != prep) continue;
      if (token.size() < skip + kMinStem) continue;
      std::string_view rest = token.substr(skip);
      out.push_back({std::uint32_t(skip), std::string(rest)});
      // ل + ال written لل: the stem's article lost its alif.
      if (prep == kLam && rest.starts_with(kLam))
        out.push_back({std::uint32_t(skip), std::string(kAlef) + std::string(rest)});
    }
  }
}

std::string_view strip_article(std::string_view token) {
  constexpr std::string_view kArticle = "\u0627\u0644";
  if (token.starts_with(kArticle) && token.size() >= kArticle.size() + kMinStem)
    return token.substr(kArticle.size());
  return token;
}

}  // namespace alam
