#include "resolver.hpp"

#include <algorithm>

namespace alam {

std::vector<Candidate> resolve(std::vector<Candidate> candidates, std::size_t token_count) {
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    const auto la = a.end - a.begin, lb = b.end - b.begin;
    if (la != lb) return la > lb;
    if (a.priority != b.priority) return a.priority > b.priority;
    return a.begin < b.begin;
  });
  std::vector<bool> taken(token_count, false);
  std::vector<Candidate> chosen;
  for (const Candidate& c : candidates) {
    bool free = true;
    for (std::uint32_t t = c.first_token; t < c.last_token && free; ++t) free = !taken[t];
    if (!free) continue;
    for (std::uint32_t t = c.first_token; t < c.last_token; ++t) taken[t] = true;
    chosen.push_back(c);
  }
  std::sort(chosen.begin(), chosen.end(),
            [](const Candidate& a, const Candidate& b) { return a.begin < b.begin; });
  return chosen;
}

}  // namespace alam
