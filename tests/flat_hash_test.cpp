// hash_bytes is stored in compiled gazetteer images (vocabulary records), so its value must not
// change with how it is computed: checked against the plain definition (eight bytes at a time,
// the tail zero-filled) for every length up to 40 and every tail.
#include "flat_hash.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>

namespace alam {
namespace {

std::uint64_t reference_hash(std::string_view s) {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = 0x243F6A8885A308D3ull ^ (s.size() * kMul);
  for (std::size_t i = 0; i < s.size(); i += 8) {
    std::uint64_t w = 0;
    for (std::size_t k = 0; k < 8 && i + k < s.size(); ++k)
      w |= std::uint64_t(static_cast<unsigned char>(s[i + k])) << (8 * k);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  }
  h *= kMul;
  return h ^ (h >> 32);
}

TEST(HashBytes, EqualsThePlainDefinitionForEveryLength) {
  std::mt19937 rng(7);
  for (std::size_t n = 0; n <= 40; ++n)
    for (int trial = 0; trial < 50; ++trial) {
      // A buffer with bytes before and after the string: the tail must not read them.
      std::string buf(n + 16, '\0');
      for (char& c : buf) c = char(rng());
      const std::string_view s(buf.data() + 8, n);
      ASSERT_EQ(hash_bytes(s), reference_hash(s)) << "length " << n;
    }
  // Known values (computed by a separate Python transcription of the definition), so that a
  // change to both definitions is noticed too.
  EXPECT_EQ(hash_bytes("\u0627\u0644\u0635\u064a\u0646"), 0x4bd12187ff113529ull);  // الصين
  EXPECT_EQ(hash_bytes("Nvidia"), 0x5a77aa7ad11b6937ull);
}

}  // namespace
}  // namespace alam

namespace alam {
namespace {

TEST(IndexTable, FindsEveryRecordAcrossGrowthAndNothingElse) {
  std::vector<std::string> words;
  auto hash_of = [&](std::size_t k) { return hash_bytes(words[k]); };
  IndexTable<decltype(hash_of)> table(hash_of);
  auto find = [&](const std::string& w) {
    return table.find(hash_bytes(w), [&](std::size_t k) { return words[k] == w; });
  };
  EXPECT_EQ(find("x"), table.kAbsent);  // empty
  for (int i = 0; i < 5000; ++i) {  // grows from 64 slots past 8,192
    words.push_back("w" + std::to_string(i));
    table.add(hash_bytes(words.back()), words.size() - 1);
  }
  for (std::size_t k = 0; k < words.size(); ++k) ASSERT_EQ(find(words[k]), k);
  EXPECT_EQ(find("w5000"), table.kAbsent);
  EXPECT_EQ(find(""), table.kAbsent);
}

}  // namespace
}  // namespace alam
