// Overlap resolution: from competing candidates to non-overlapping spans.
#pragma once

#include <cstdint>
#include <vector>

#include "alam/span.hpp"

namespace alam {

// A candidate span over tokens [first_token, last_token) and normalized bytes [begin, end).
struct Candidate {
  std::uint32_t first_token = 0;
  std::uint32_t last_token = 0;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  EntityType type = EntityType::kOrg;
  std::uint8_t priority = 0;      // breaks ties between equally long candidates
  std::int32_t entity = -1;       // gazetteer entity index, or -1
  const char* rule = nullptr;     // grammar rule name for grammar candidates
  bool memory = false;            // added by document memory
};

namespace priority {
inline constexpr std::uint8_t kMemory = 0, kGrammar = 1, kGazetteer = 2, kStop = 3;
}

// Picks non-overlapping candidates (token-level overlap): longest first (normalized bytes),
// then higher priority, then leftmost, then the first listed. The winners come back sorted by
// position; STOP winners are kept so that they keep blocking, and are dropped by the caller.
std::vector<Candidate> resolve(const std::vector<Candidate>& candidates, std::size_t token_count);

// The order in which resolve() tries candidates, without its last key (the first listed): true
// when a wins over b (longer, then higher priority, then further left).
inline bool ranks_before(const Candidate& a, const Candidate& b) {
  const auto la = a.end - a.begin, lb = b.end - b.begin;
  if (la != lb) return la > lb;
  if (a.priority != b.priority) return a.priority > b.priority;
  return a.begin < b.begin;
}

// Working storage of resolve(), kept by callers that resolve many documents (the tagger keeps
// one per thread): once its capacity suffices, resolving allocates nothing.
struct ResolveScratch {
  std::vector<std::uint32_t> order;  // candidate indices in the order they are tried
  std::vector<char> taken;           // per token
};

// The same, into chosen (its previous contents are replaced).
void resolve(const std::vector<Candidate>& candidates, std::size_t token_count,
             std::vector<Candidate>& chosen, ResolveScratch& scratch);

}  // namespace alam
