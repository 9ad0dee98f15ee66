// Fuzz target: Normalizer (default and all-rules-off-but-one variants) and tokenizer on any
// bytes. Invariants: fuzz/invariants.hpp (check_normalized, check_tokens), and
// normalize_and_tokenize (twice: computed, then from the piece cache) equal to normalize, then
// tokenize.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "alam/normalizer.hpp"
#include "alam/tokenizer.hpp"
#include "invariants.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > alam::fuzz::kMaxInput) return 0;
  static const alam::Normalizer norm;
  static const alam::Normalizer accents([] {
    alam::NormalizerOptions o;
    o.fold_accents = true;
    return o;
  }());
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  for (const alam::Normalizer* n : {&norm, &accents}) {
    const alam::NormalizedText nt = n->normalize(input);
    alam::fuzz::check_normalized(*n, input, nt);
    alam::fuzz::check_tokens(nt.text, alam::tokenize(nt.text), input.size(), false);
    const auto tokens = alam::tokenize(nt);
    alam::fuzz::check_tokens(nt.text, tokens, input.size(), true);
    const auto plain = alam::tokenize(nt.text);
    alam::fuzz::check(plain.size() == tokens.size(),
                      "tokenize(text) and tokenize(NormalizedText) disagree on the token count");
    for (std::size_t i = 0; i < tokens.size(); ++i)
      alam::fuzz::check(plain[i].begin == tokens[i].begin && plain[i].end == tokens[i].end &&
                            plain[i].script == tokens[i].script,
                        "tokenize(text) and tokenize(NormalizedText) disagree at token " +
                            std::to_string(i));
    for (int pass = 0; pass < 2; ++pass) {
      alam::NormalizedText fused;
      std::vector<alam::Token> fused_tokens;
      n->normalize_and_tokenize(input, fused, fused_tokens);
      alam::fuzz::check(fused.text == nt.text && fused.src_begin == nt.src_begin &&
                            fused.src_end == nt.src_end,
                        "normalize_and_tokenize and normalize disagree");
      alam::fuzz::check(fused_tokens.size() == plain.size(),
                        "normalize_and_tokenize and tokenize disagree on the token count");
      for (std::size_t i = 0; i < plain.size(); ++i)
        alam::fuzz::check(plain[i].begin == fused_tokens[i].begin &&
                              plain[i].end == fused_tokens[i].end &&
                              plain[i].script == fused_tokens[i].script &&
                              plain[i].space_before == fused_tokens[i].space_before,
                          "normalize_and_tokenize and tokenize disagree at token " +
                              std::to_string(i));
    }
  }
  return 0;
}
