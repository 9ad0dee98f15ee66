// Arabic proclitic analysis: the ways an Arabic token can split into proclitics and a stem.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace alam {

struct Stem {
  std::uint32_t skip = 0;  // bytes of proclitic letters at the token's start (outside the span)
  std::string key;         // the stem's lookup form
};

// Splits of a normalized Arabic token, unsplit first: conjunction (و ف) and/or preposition
// (ب ك ل), and the لل contraction of ل + ال, where the stem key gets its alif back
// (للصين → skip ل, key الصين). Stems keep at least two letters. The future marker س is never
// split (it precedes verbs, never names). out is cleared first.
void proclitic_splits(std::string_view token, std::vector<Stem>& out);

// The token without a leading article ال (for cue words such as الرقائق), or the token itself.
std::string_view strip_article(std::string_view token);

}  // namespace alam
