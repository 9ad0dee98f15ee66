#include "resolver.hpp"

#include <algorithm>
#include <numeric>

namespace alam {

void resolve(const std::vector<Candidate>& candidates, std::size_t token_count,
             std::vector<Candidate>& chosen, ResolveScratch& scratch) {
  // Indices sorted with the index as the last key: the order of a stable sort, without the
  // temporary buffer std::stable_sort allocates.
  std::vector<std::uint32_t>& order = scratch.order;
  order.resize(candidates.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t i, std::uint32_t j) {
    const Candidate &a = candidates[i], &b = candidates[j];
    if (ranks_before(a, b)) return true;
    if (ranks_before(b, a)) return false;
    return i < j;
  });
  std::vector<char>& taken = scratch.taken;
  taken.assign(token_count, 0);
  chosen.clear();
  for (const std::uint32_t k : order) {
    const Candidate& c = candidates[k];
    bool free = true;
    for (std::uint32_t t = c.first_token; t < c.last_token && free; ++t) free = !taken[t];
    if (!free) continue;
    for (std::uint32_t t = c.first_token; t < c.last_token; ++t) taken[t] = 1;
    chosen.push_back(c);
  }
  std::sort(chosen.begin(), chosen.end(),
            [](const Candidate& a, const Candidate& b) { return a.begin < b.begin; });
}

std::vector<Candidate> resolve(const std::vector<Candidate>& candidates, std::size_t token_count) {
  ResolveScratch scratch;
  std::vector<Candidate> chosen;
  resolve(candidates, token_count, chosen, scratch);
  return chosen;
}

}  // namespace alam
