// Chip grammar driver: tries every named rule at a position and keeps the longest match.
#include "grammar/chip.hpp"

#include <array>
#include <span>
#include <string>
#include <unordered_set>

#include "flat_hash.hpp"
#include "grammar/chip_def.hpp"
#include "grammar/longest.hpp"

namespace alam::grammar {
namespace {

// A bare code is strong (needs no evidence) when it is a well-known accelerator: the letter
// prefix and digits of NVIDIA and AMD data-centre parts.
bool strong_code(std::string_view code) {
  std::size_t i = 0;
  while (i < code.size() && code[i] >= 'a' && code[i] <= 'z') ++i;
  std::size_t j = i;
  while (j < code.size() && code[j] >= '0' && code[j] <= '9') ++j;
  const std::string_view prefix = code.substr(0, i), digits = code.substr(i, j - i);
  const std::string_view suffix = code.substr(j, std::min(code.size(), code.find_first_of(" -", j)) - j);
  if (prefix == "a" || prefix == "h" || prefix == "b")
    return digits == "100" || digits == "200" || digits == "300" || digits == "800";
  if (prefix == "gb" || prefix == "gh" || prefix == "mi" || prefix == "mlu") return digits.size() == 3;
  if (prefix == "v" || prefix == "p") return digits == "100";
  if (prefix == "l") return digits == "40" && suffix == "s";
  return false;
}

}  // namespace

bool may_start_chip(std::string_view text, std::size_t pos) {
  // Every rule starts with letters: either a model code (letters then a digit) or one of the
  // product-line words below.
  static const StringSet kLineWords{
      "ascend", "kirin", "snapdragon", "exynos", "dimensity", "tensor", "helio", "geforce",
      "rtx", "gtx", "radeon", "instinct", "gaudi", "tpu", "cortex", "core", "xeon", "epyc",
      "ryzen", "jetson"};
  std::size_t e = pos;
  while (e < text.size() && text[e] >= 'a' && text[e] <= 'z') ++e;
  if (e == pos) return false;
  const bool code = e < text.size() && text[e] >= '0' && text[e] <= '9';
  return code || kLineWords.contains(text.substr(pos, e - pos));
}

std::span<const NamedRule> chip_rules() {
  // Each named product line is tried only where its first word is (chip_def.hpp; the test
  // ChipGrammar.RulesMatchOnlyWhereTheyMayStart checks the lists against the rules): on text
  // full of bare codes (A1 A1 …) that is two rules instead of fifteen.
  static const std::array<NamedRule, 15> kRules{{
      {"chip.code", &run_rule<chip::model_code>},
      {"chip.ascend", &run_rule<chip::ascend>, {"ascend"}},
      {"chip.kirin", &run_rule<chip::kirin>, {"kirin"}},
      {"chip.snapdragon", &run_rule<chip::snapdragon>, {"snapdragon"}},
      {"chip.mobile_soc", &run_rule<chip::mobile_soc>, {"exynos", "dimensity", "tensor", "helio"}},
      {"chip.geforce", &run_rule<chip::geforce>, {"geforce", "rtx", "gtx"}},
      {"chip.radeon", &run_rule<chip::radeon>, {"radeon"}},
      {"chip.instinct", &run_rule<chip::instinct>, {"instinct"}},
      {"chip.gaudi", &run_rule<chip::gaudi>, {"gaudi"}},
      {"chip.tpu", &run_rule<chip::tpu>, {"tpu"}},
      {"chip.cortex", &run_rule<chip::cortex>, {"cortex-"}},
      {"chip.intel_cpu", &run_rule<chip::intel_cpu>, {"core", "xeon"}},
      {"chip.amd_cpu", &run_rule<chip::amd_cpu>, {"epyc", "ryzen"}},
      {"chip.apple_soc", &run_rule<chip::apple_soc>, {"a", "m"}},
      {"chip.jetson", &run_rule<chip::jetson>, {"jetson"}},
  }};
  return kRules;
}

std::optional<Match> match_chip(std::string_view text, std::size_t pos) {
  if (!may_start_chip(text, pos)) return std::nullopt;
  std::optional<Match> best = longest(chip_rules(), text, pos);
  if (best && std::string_view(best->rule) == "chip.code")
    best->strong = strong_code(text.substr(pos, best->end - pos));
  return best;
}

std::vector<std::string_view> chip_cue_words() {
  return {// Arabic (normalized: ة → ه, ئ → ي)
          "رقايق", "رقاقه", "رقاقات", "شرايح", "شريحه", "معالج", "معالجات", "معالجه", "مسرع",
          "مسرعات", "مسرعه", "اشباه", "رقاقتي",
          // Latin
          "chip", "chips", "gpu", "gpus", "accelerator", "accelerators", "processor",
          "processors", "npu", "cpu", "soc", "semiconductor", "semiconductors", "silicon",
          // chip vendors
          "nvidia", "انفيديا", "نفيديا", "amd", "intel", "انتل", "huawei", "هواوي", "qualcomm",
          "كوالكوم", "apple", "ابل", "cambricon", "mediatek", "arm"};
}

}  // namespace alam::grammar
