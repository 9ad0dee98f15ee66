// The pci.ids importer: one CHIP entity per marketing model of the GPU and accelerator vendors.
// The rules are in docs/gazetteer-format.md, "Generated gazetteers"; keep the two in step.
#include "alam/gazetteer_import.hpp"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "alam/utf8.hpp"

#include "gazetteer_syntax.hpp"
#include "import/import_common.hpp"

namespace alam {
namespace {

using gazetteer_syntax::collapse_spaces;
using gazetteer_syntax::trim;
using namespace import_detail;  // the importers' shared helpers (import_common.hpp)

// ---------------------------------------------------------------------------------------------
// Text helpers

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start) words.emplace_back(s.substr(start, i - start));
  }
  return words;
}

std::string join_words(const std::vector<std::string>& words, std::size_t begin = 0,
                       std::size_t end = std::string::npos) {
  std::string out;
  end = std::min(end, words.size());
  for (std::size_t i = begin; i < end; ++i) {
    if (!out.empty()) out.push_back(' ');
    out += words[i];
  }
  return out;
}

bool has_digit(std::string_view s) { return std::any_of(s.begin(), s.end(), is_ascii_digit); }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

// ---------------------------------------------------------------------------------------------
// pci.ids
//
// A device line is "\tDDDD  NAME" under a vendor line "VVVV  VENDOR". For NVIDIA, AMD and Intel
// the marketing names are the bracketed part ("GA100 [A100 SXM4 80GB]") or, without brackets,
// the whole name ("HD Graphics 620"); a line with text after the bracket is a function of a
// chipset ("MCP78S [GeForce 8200] SMBus") and is skipped. Alternatives separated by '/' are
// completed from the one before ("Radeon RX 6800/6800 XT" → Radeon RX 6800, Radeon RX 6800 XT).
// Memory, form factor and mobile suffixes are variants of one model; OEM, revision, bus and
// similar suffixes are dropped. A model is kept only when it matches one of the vendor's model
// patterns. Smaller vendors have one pattern per product line over the whole device name.

enum class Extract { kBracketModels, kPatterns };

struct PatternRule {
  const char* pattern;    // regular expression (ICU syntax) over the whole device name
  const char* canonical;  // format ($1, $2, …)
  const char* alias;      // another format, or nullptr
};

struct VendorSpec {
  std::string_view id = {};      // pci vendor id (lower-case hex), or empty to match by name
  std::string_view name = {};    // a word of the vendor name, for vendors with no id here
  std::string_view vendor = {};  // attr.vendor
  std::string_view slug = {};    // id part
  Extract extract = Extract::kPatterns;
  bool whole_names = false;  // kBracketModels: a line without brackets may be a model (Intel)
  std::vector<std::string_view> leading = {};  // family words that start a complete model name
  std::vector<const char*> accept = {};        // kBracketModels: model patterns (full match)
  std::vector<std::pair<std::string_view, std::string_view>> short_forms = {};  // prefix → alias
  std::vector<PatternRule> rules = {};         // kPatterns
};

const std::vector<VendorSpec>& vendor_specs() {
  using R = PatternRule;
  static const std::vector<VendorSpec> specs = {
      {.id = "10de", .vendor = "Nvidia", .slug = "nvidia", .extract = Extract::kBracketModels,
       .leading = {"GeForce", "Geforce", "Quadro", "Quadro2", "Quadro4", "Tesla", "TITAN", "NVS",
                   "CMP", "Riva", "RTX"},
       .accept = {R"((GeForce|Geforce|Quadro[24]?|Tesla|NVS|CMP|Riva|RTX))"
                  R"(( \S+)*( \S*\d\S*)( \S+)*)",
                  R"(TITAN (X|Xp|V|RTX|Z|Black))", R"([A-Z]{1,2}\d{2,4}[A-Z]{0,2}(-\d{3})?)"},
       .short_forms = {{"GeForce ", "RTX "}, {"GeForce ", "GTX "}, {"GeForce ", "GTS "},
                       {"GeForce ", "GT "}, {"GeForce ", "MX"}, {"Tesla ", ""}}},
      {.id = "1002", .vendor = "AMD", .slug = "amd", .extract = Extract::kBracketModels,
       .leading = {"Radeon", "Mobility", "FirePro", "FireGL", "FireStream", "Instinct"},
       .accept = {R"((Mobility )?(Radeon|FirePro|FireGL|FireStream|Instinct))"
                  R"(( \S+)*( \S*\d\S*)( \S+)*)",
                  R"(Radeon( Pro)? VII)"},
       .short_forms = {{"Radeon ", "RX "}, {"Radeon Instinct ", ""}, {"Instinct ", ""}}},
      {.id = "8086", .vendor = "Intel", .slug = "intel", .extract = Extract::kBracketModels,
       .whole_names = true,
       .leading = {"Arc", "Iris", "UHD", "HD", "Data", "Xeon"},
       .accept = {R"(Arc (Pro )?[AB]\d{2,3}[A-Z]?)", R"(Iris( Plus| Pro)? Graphics [PG]?\d+)",
                  R"(Iris Xe( MAX)?( Graphics)?( [A-Z]?\d+[A-Z]?)?)", R"(U?HD Graphics [PG]?\d+)",
                  R"(Data Center GPU (Max|Flex) \d+)", R"(Xeon Phi \S*\d\S*)"}},
      {.id = "1da3", .vendor = "Intel", .slug = "habana",
       .rules = {R{R"(HL-(\d+) AI \w+ Accelerator \[(Goya|Gaudi)( secured)?\])", "$2", "HL-$1"},
                 R{R"((Greco) AI Inference Accelerator)", "$1", nullptr},
                 R{R"((Gaudi ?\d+)( .*)?)", "$1", nullptr}}},
      {.id = "19e5", .vendor = "Huawei", .slug = "huawei",
       .rules = {R{R"((.*[ \[])?(Ascend \d{3}[A-Z0-9]*)([ \]].*)?)", "$2", nullptr}}},
      {.id = "1d95", .vendor = "Graphcore", .slug = "graphcore",
       .rules = {R{R"((Colossus (GC|MK)\d+)( .*)?)", "$1", nullptr}}},
      {.id = "1e36", .vendor = "Enflame", .slug = "enflame",
       .rules = {R{R"(([TI]\d+)[A-Z]?(\(.*\))? \[CloudBlazer\])", "CloudBlazer $1", nullptr}}},
      {.id = "1ed5", .vendor = "Moore Threads", .slug = "moore-threads",
       .rules = {R{R"((MTT S\d+[A-Z]?)( Engineering Sample)?)", "$1", nullptr}}},
      {.id = "1d22", .vendor = "Baidu", .slug = "baidu",
       .rules = {R{R"((Kunlun\d*) AI Accelerator.*)", "$1", nullptr}}},
      {.id = "1ae0", .vendor = "Google", .slug = "google",
       .rules = {R{R"(.*\[(Pixel Neural Core)\])", "$1", nullptr},
                 R{R"((.* )?(TPU v\d+[a-z]*)( .*)?)", "$2", nullptr}}},
      {.id = "1d0f", .vendor = "AWS", .slug = "aws",
       .rules = {R{R"(NeuronDevice \((Inferentia\d*|Trainium\d*)\))", "$1", nullptr}}},
      {.id = "1de0", .vendor = "Groq", .slug = "groq",
       .rules = {R{R"(.*\[(GroqChip)\])", "$1", nullptr}}},
      {.id = "1ec8", .vendor = "Innosilicon", .slug = "innosilicon",
       .rules = {R{R"((Fantasy I+))", "$1", nullptr}}},
      {.id = "6766", .vendor = "Glenfly", .slug = "glenfly",
       .rules = {R{R"((Arise-?GT-?\w+|Arise\d+))", "$1", nullptr}}},
      {.id = "0731", .vendor = "Jingjia Micro", .slug = "jingjia",
       .rules = {R{R"((JM\d{4})(-[A-Z]| Series GPU)?)", "$1", nullptr},
                 R{R"((JH\d{3})(-[A-Z])?)", "$1", nullptr}}},
      {.id = "1faa", .vendor = "Hexaflake", .slug = "hexaflake",
       .rules = {R{R"((Compass C\d+)( [PV]F)?)", "$1", nullptr}}},
      {.id = "1e38", .vendor = "Blaize", .slug = "blaize",
       .rules = {R{R"((Xplorer X\d+))", "$1", nullptr}}},
      {.id = "1e60", .vendor = "Hailo", .slug = "hailo",
       .rules = {R{R"((Hailo-\d+\w*) AI Processor)", "$1", nullptr}}},
      {.id = "1e67", .vendor = "Untether AI", .slug = "untether",
       .rules = {R{R"((runAI\d+) AI Inference Accelerator)", "$1", nullptr}}},
      {.id = "1ed2", .vendor = "FuriosaAI", .slug = "furiosa",
       .rules = {R{R"((Warboy|RNGD)( .*)?)", "$1", nullptr}}},
      // Not in every pci.ids release (or under changing ids): matched by vendor name.
      {.name = "Cambricon", .vendor = "Cambricon", .slug = "cambricon",
       .rules = {R{R"((.*[ \[])?(MLU ?\d+[A-Z0-9-]*)([ \]].*)?)", "$2", nullptr}}},
      {.name = "Biren", .vendor = "Biren", .slug = "biren",
       .rules = {R{R"((.*[ \[])?(BR\d{3}[A-Z]?)([ \]].*)?)", "$2", nullptr}}},
      {.name = "Iluvatar", .vendor = "Iluvatar CoreX", .slug = "iluvatar",
       .rules = {R{R"((.*[ \[])?((BI|MR)-V\d+\w*)([ \]].*)?)", "$2", nullptr}}},
      {.name = "MetaX", .vendor = "MetaX", .slug = "metax",
       .rules = {R{R"((.*[ \[])?(MX[CN]\d+\w*)([ \]].*)?)", "$2", nullptr}}},
      {.name = "Tenstorrent", .vendor = "Tenstorrent", .slug = "tenstorrent",
       .rules = {R{R"((.*[ \[])?(Grayskull|Wormhole|Blackhole)([ \]].*)?)", "$2", nullptr}}},
  };
  return specs;
}

// Words that make a whole bracket a family or a prototype, not models.
constexpr std::array<std::string_view, 7> kBracketRejects = {
    "Series", "series", "Engineering", "Sample", "SKU", "vGPU", "FAKE"};

// Words that mark one alternative as something other than a GPU model.
bool is_reject_word(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "Engineering", "Sample", "vGPU", "USM", "SKU", "Series", "series", "IGP", "NVSwitch",
      "PROD", "+", "Barco", "Custom", "Adapter", "with", "and", "Plex", "Stella", "Controller",
      "Bridge", "Audio", "USB", "Wonder", "All-In-Wonder", "APU"};
  if (kWords.count(w)) return true;
  return w.size() > 2 && w[0] == 'P' && w[1] == 'G' && is_ascii_digit(w[2]);  // PG506 boards
}

// Informative configuration suffixes: kept in variant aliases (A100 SXM4 80GB).
bool is_config_word(std::string_view w) {
  if (w.size() > 2 && iequals(w.substr(w.size() - 2), "GB") &&
      std::all_of(w.begin(), w.end() - 2, is_ascii_digit))
    return true;
  if (w.size() >= 3 && iequals(w.substr(0, 3), "SXM") &&
      std::all_of(w.begin() + 3, w.end(), is_ascii_digit))
    return true;
  if (w.starts_with("GDDR") || w.starts_with("HBM")) return true;  // GeForce RTX 3060 GDDR6X
  return iequals(w, "PCIe") || w == "Mobile" || w == "Max-Q" || w == "Max-P";
}

// Noise suffixes: dropped (OEM, revisions, buses, marketing editions, functions).
bool is_noise_word(std::string_view w, std::string_view vendor_slug) {
  static const std::unordered_set<std::string_view> kWords = {
      "OEM", "Refresh", "MxGPU", "LHR", "AGP", "PCI", "PCI-E", "FHHL", "DGXS", "Processor",
      "64-bit", "secured", "PF", "VF", "Mac"};
  if (kWords.count(w)) return true;
  if (w == "Graphics" && vendor_slug == "amd") return true;  // Radeon R7 Graphics (APUs)
  return w.size() > 2 && iequals(w.substr(w.size() - 2), "SP") &&
         std::all_of(w.begin(), w.end() - 2, is_ascii_digit);  // 640SP
}

struct Stripped {
  std::vector<std::string> model;
  std::vector<std::string> config;  // informative suffix words, in order
  bool glued = false;               // a word held glued configuration (A800-SXM4-80GB)
};

// Splits a model name from its suffixes: "GeForce RTX 3050 6GB Laptop GPU" → model
// GeForce RTX 3050, config 6GB Laptop GPU; "A800-SXM4-80GB" → A800 + SXM4 80GB.
Stripped strip_suffixes(std::vector<std::string> words, std::string_view vendor_slug) {
  Stripped s;
  // "Xeon Phi coprocessor 7220" is the Xeon Phi 7220.
  words.erase(std::remove(words.begin(), words.end(), "coprocessor"), words.end());
  // Expand glued configuration: A800-SXM4-80GB, A100-SXM-64GB.
  std::vector<std::string> expanded;
  for (const std::string& w : words) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= w.size(); ++i)
      if (i == w.size() || w[i] == '-') {
        parts.push_back(w.substr(start, i - start));
        start = i + 1;
      }
    const bool glued = parts.size() > 1 && !parts.front().empty() &&
                       std::all_of(parts.begin() + 1, parts.end(),
                                   [](const std::string& p) { return is_config_word(p); });
    if (glued) {
      expanded.insert(expanded.end(), parts.begin(), parts.end());
      s.glued = true;
    }
    else
      expanded.push_back(w);
  }
  words = std::move(expanded);
  std::vector<std::string> config_rev;
  while (words.size() > 1) {
    const std::string& last = words.back();
    const std::string* prev = words.size() >= 2 ? &words[words.size() - 2] : nullptr;
    if (last == "GPU" && prev && (*prev == "Laptop" || *prev == "Embedded")) {
      config_rev.push_back("GPU");
      config_rev.push_back(*prev);
      words.resize(words.size() - 2);
    } else if (last == "GB" && prev && std::all_of(prev->begin(), prev->end(), is_ascii_digit)) {
      config_rev.push_back("GB");  // "3 GB"
      config_rev.push_back(*prev);
      words.resize(words.size() - 2);
    } else if (is_config_word(last)) {
      config_rev.push_back(last);
      words.pop_back();
    } else if (last == "Edition" && prev &&
               (*prev == "Platinum" || *prev == "GHz" || *prev == "Mac" ||
                is_noise_word(*prev, vendor_slug))) {
      words.resize(words.size() - 2);
    } else if (prev && *prev == "Rev.") {
      words.resize(words.size() - 2);
    } else if (prev && *prev == "AGP" &&
               (last == "Pro" || (last.size() == 2 && is_ascii_digit(last[0]) &&
                                  (last[1] == 'x' || last[1] == 'X')))) {
      words.resize(words.size() - 2);
    } else if (last == "Rate" && words.size() >= 4 && words[words.size() - 3] == "Lite") {
      words.resize(words.size() - 3);
    } else if (is_noise_word(last, vendor_slug)) {
      words.pop_back();
    } else {
      break;
    }
  }
  s.model = std::move(words);
  s.config.assign(config_rev.rbegin(), config_rev.rend());
  return s;
}

bool all_modifiers(const std::vector<std::string>& words, std::string_view vendor_slug) {
  if (words.empty()) return true;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (is_config_word(w) || is_noise_word(w, vendor_slug) || w == "Laptop" || w == "Embedded" ||
        (w == "GPU" && i > 0))
      continue;
    return false;
  }
  return true;
}

std::string alpha_prefix(std::string_view w) {
  std::size_t i = 0;
  while (i < w.size() && is_ascii_alpha(w[i])) ++i;
  return std::string(w.substr(0, i));
}

// One alternative of a bracket: the completed model words and whether it only modifies the
// previous model (Max-Q, 16GB, Mobile).
struct Alternative {
  std::vector<std::string> words;
  bool modifier = false;
};

// "Radeon RX 470/480 / 570/580" → Radeon RX 470, Radeon RX 480, Radeon RX 570, Radeon RX 580.
std::vector<Alternative> split_alternatives(std::string_view inner, const VendorSpec& v) {
  std::vector<Alternative> out;
  std::vector<std::string> prev;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= inner.size(); ++i) {
    if (i < inner.size() && inner[i] != '/') continue;
    std::vector<std::string> words = split_words(inner.substr(start, i - start));
    start = i + 1;
    if (words.empty()) continue;
    if (!prev.empty() && all_modifiers(words, v.slug)) {
      out.push_back({words, true});
      continue;
    }
    const std::string& first = words.front();
    const bool leading = std::find(v.leading.begin(), v.leading.end(), first) != v.leading.end();
    if (!leading && !prev.empty()) {
      std::vector<std::string> completed;
      if (is_ascii_digit(first[0])) {
        // Replace from the first word that starts with a digit (else the last word).
        std::size_t k = 0;
        while (k < prev.size() && !is_ascii_digit(prev[k][0])) ++k;
        if (k < prev.size()) {
          completed.assign(prev.begin(), prev.begin() + std::ptrdiff_t(k));
        } else {  // R7 M445 / 530: the family words only (Radeon 530)
          for (const std::string& w : prev) {
            if (std::find(v.leading.begin(), v.leading.end(), w) == v.leading.end()) break;
            completed.push_back(w);
          }
        }
      } else if (has_digit(first) && !alpha_prefix(first).empty()) {
        // Replace the last word with the same letter prefix (X1300/X1550, C2050 / C2070).
        const std::string prefix = alpha_prefix(first);
        std::size_t k = prev.size();
        while (k > 0 && !(has_digit(prev[k - 1]) && alpha_prefix(prev[k - 1]) == prefix)) --k;
        if (k == 0) {  // no word to replace: the family is a guess (Instinct MI25/V340), skip
          prev.clear();
          continue;
        }
        completed.assign(prev.begin(), prev.begin() + std::ptrdiff_t(k - 1));
      } else {
        // A series word (GT 240, HD 3610, R5 230, Pro 450): keep the family words.
        for (const std::string& w : prev) {
          if (std::find(v.leading.begin(), v.leading.end(), w) == v.leading.end()) break;
          completed.push_back(w);
        }
      }
      completed.insert(completed.end(), words.begin(), words.end());
      words = std::move(completed);
    }
    prev = words;
    out.push_back({std::move(words), false});
  }
  return out;
}

struct PciModel {
  std::string canonical;
  const VendorSpec* vendor = nullptr;
  std::string section;               // "NVIDIA Corporation (pci.ids vendor 10de)"
  std::vector<std::string> aliases;  // as found, in order
  std::vector<std::string> devices;  // vendor:device
  std::vector<std::string> dies;     // GPU codenames before the bracket
};

// Short aliases: "GeForce RTX 4090" → "RTX 4090", "Instinct MI210" → "MI210". The rest must be
// two words or more starting with a letter, or one code of five characters or more (four with
// two letters or more: MI50, K40m); shorter codes are left to the chip grammar.
std::string short_form(std::string_view model, const VendorSpec& v) {
  for (const auto& [prefix, rest_start] : v.short_forms) {
    if (!model.starts_with(prefix)) continue;
    const std::string_view rest = model.substr(prefix.size());
    if (!rest.starts_with(rest_start)) continue;
    const std::vector<std::string> words = split_words(rest);
    if (words.empty()) continue;
    if (words.size() >= 2 && is_ascii_alpha(words[0][0])) return std::string(rest);
    if (words.size() == 1 && has_digit(words[0])) {
      const std::size_t letters =
          std::size_t(std::count_if(words[0].begin(), words[0].end(), is_ascii_alpha));
      if (words[0].size() >= 5 || (words[0].size() >= 4 && letters >= 2))
        return std::string(rest);
    }
  }
  return {};
}

// Gaudi2 ↔ Gaudi 2, Hailo-8 → Hailo 8.
std::vector<std::string> number_spacing_variants(std::string_view name) {
  std::size_t i = 0;
  while (i < name.size() && is_ascii_alpha(name[i])) ++i;
  if (i < 3 || i == name.size()) return {};
  std::size_t j = i;
  const bool sep = name[j] == ' ' || name[j] == '-';
  if (sep) ++j;
  if (j == name.size() ||
      !std::all_of(name.begin() + std::ptrdiff_t(j), name.end(), is_ascii_digit))
    return {};
  const std::string word(name.substr(0, i)), number(name.substr(j));
  if (!sep) return {word + " " + number};
  if (name[i] == ' ') return {word + number};
  return {word + " " + number};
}

const VendorSpec* find_vendor(std::string_view id, std::string_view name) {
  for (const VendorSpec& v : vendor_specs()) {
    if (!v.id.empty() && v.id == id) return &v;
    if (v.id.empty() && !v.name.empty()) {
      const std::string lower = lower_ascii(name);
      if (lower.find(lower_ascii(v.name)) != std::string::npos) return &v;
    }
  }
  return nullptr;
}

bool is_hex4(std::string_view s) {
  return s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) {
           return is_ascii_digit(c) || (c >= 'a' && c <= 'f');
         });
}

std::string pci_version(std::string_view text) {
  const std::size_t at = text.find("Version:");
  if (at == std::string_view::npos || at > 2000) return {};
  std::size_t end = text.find('\n', at);
  return std::string(trim(text.substr(at, end == std::string_view::npos ? end : end - at)));
}

// A model pattern, compiled once: an ICU regular expression that must match a whole name.
// (ICU keeps its backtracking state on the heap, where std::regex recursed; and it is compiled
// into ICU rather than instantiated here.)
class ModelPattern {
 public:
  static Result<ModelPattern> compile(const char* pattern) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError where{};
    std::unique_ptr<icu::RegexPattern> p(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), 0, where, status));
    if (U_FAILURE(status))
      return Status{StatusCode::kInvalidArgument, std::string("model pattern '") + pattern +
                                                      "' at " + std::to_string(where.offset) +
                                                      ": " + u_errorName(status)};
    return ModelPattern(std::move(p));
  }

  // Whether the whole of name matches; when it does and groups is given, *groups holds the
  // whole match and then each group ("" for a group that took no part).
  bool matches(std::string_view name, std::vector<std::string>* groups = nullptr) const {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(name.data(), static_cast<std::int32_t>(name.size())));
    std::unique_ptr<icu::RegexMatcher> m(pattern_->matcher(text, status));
    if (U_FAILURE(status) || !m->matches(status) || U_FAILURE(status)) return false;
    if (groups) {
      groups->clear();
      for (std::int32_t g = 0; g <= m->groupCount(); ++g)
        groups->push_back(to_utf8(m->group(g, status)));
    }
    return true;
  }

 private:
  explicit ModelPattern(std::unique_ptr<icu::RegexPattern> p) : pattern_(std::move(p)) {}
  std::unique_ptr<const icu::RegexPattern> pattern_;
};

// format with "$1", "$2", … replaced by the groups of a match (a rule's canonical or alias).
std::string expand(std::string_view format, const std::vector<std::string>& groups) {
  std::string out;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '$' && i + 1 < format.size() && is_ascii_digit(format[i + 1])) {
      const std::size_t g = static_cast<std::size_t>(format[++i] - '0');
      if (g < groups.size()) out += groups[g];
      continue;
    }
    out += format[i];
  }
  return out;
}

Result<ImportSummary> pci_import(std::string_view text, const PciIdsImportOptions& options,
                                 Sink& sink) {
  ImportSummary summary;
  const KeyMaker keys;
  Assembler assembler(keys, summary);
  if (Status s = assembler.exclude(options.exclude); !s) return s;

  // Compile each vendor's patterns once.
  struct Compiled {
    std::vector<ModelPattern> accept;
    std::vector<ModelPattern> rules;
  };
  std::unordered_map<const VendorSpec*, Compiled> compiled;
  for (const VendorSpec& v : vendor_specs()) {
    Compiled& c = compiled[&v];
    for (const char* p : v.accept) {
      auto pattern = ModelPattern::compile(p);
      if (!pattern) return pattern.status();
      c.accept.push_back(std::move(*pattern));
    }
    for (const PatternRule& r : v.rules) {
      auto pattern = ModelPattern::compile(r.pattern);
      if (!pattern) return pattern.status();
      c.rules.push_back(std::move(*pattern));
    }
  }

  std::vector<PciModel> models;
  std::unordered_map<std::string, std::size_t> model_index;  // key of the canonical name
  const VendorSpec* vendor = nullptr;  // the current vendor, when it is in the table
  std::string_view vendor_id, vendor_name;
  const auto add_model = [&](const VendorSpec& v, std::string model,
                             const std::vector<std::string>& aliases, std::string device,
                             std::string die) {
    if (model.starts_with("Geforce ")) model.replace(0, 8, "GeForce ");
    const std::string key = keys.key(model);
    if (key.empty()) return;
    auto [it, inserted] = model_index.try_emplace(key, models.size());
    if (inserted)
      models.push_back({model, &v,
                        std::string(vendor_name) + " (pci.ids vendor " +
                            std::string(vendor_id) + ")",
                        {}, {}, {}});
    PciModel& m = models[it->second];
    for (std::string a : aliases) {
      if (a.starts_with("Geforce ")) a.replace(0, 8, "GeForce ");
      if (a != m.canonical && std::find(m.aliases.begin(), m.aliases.end(), a) == m.aliases.end())
        m.aliases.push_back(std::move(a));
    }
    if (std::find(m.devices.begin(), m.devices.end(), device) == m.devices.end())
      m.devices.push_back(std::move(device));
    if (!die.empty() && std::find(m.dies.begin(), m.dies.end(), die) == m.dies.end())
      m.dies.push_back(std::move(die));
  };

  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (line.starts_with("C ")) break;  // the device class list follows the vendors
    if (line.front() != '\t') {
      const std::string_view id = line.substr(0, 4);
      vendor_name = line.size() > 6 ? trim(line.substr(4)) : std::string_view{};
      vendor = is_hex4(id) && !vendor_name.empty() ? find_vendor(id, vendor_name) : nullptr;
      vendor_id = id;
      continue;
    }
    if (!vendor || line.size() < 7 || line[1] == '\t') continue;  // subsystems: two tabs
    const std::string_view device_id = line.substr(1, 4);
    if (!is_hex4(device_id)) continue;
    // Invalid UTF-8, or a name far longer than any in pci.ids (backtracking over it is slow).
    if (utf8::first_invalid(line) != std::string_view::npos || line.size() > 300) continue;
    const std::string name = collapse_spaces(trim(line.substr(5)));
    ++summary.records;
    const std::string device = std::string(vendor_id) + ":" + std::string(device_id);
    const Compiled& c = compiled[vendor];

    if (vendor->extract == Extract::kPatterns) {
      for (std::size_t r = 0; r < vendor->rules.size(); ++r) {
        std::vector<std::string> groups;
        if (!c.rules[r].matches(name, &groups)) continue;
        std::string model = collapse_spaces(expand(vendor->rules[r].canonical, groups));
        std::vector<std::string> aliases;
        if (vendor->rules[r].alias) aliases.push_back(expand(vendor->rules[r].alias, groups));
        for (std::string& s : number_spacing_variants(model)) aliases.push_back(std::move(s));
        add_model(*vendor, std::move(model), aliases, device, {});
        break;
      }
      continue;
    }

    // Bracket models.
    std::string inner, die;
    const std::size_t lb = name.find('[');
    if (lb != std::string::npos) {
      const std::size_t rb = name.find(']', lb);
      if (rb == std::string::npos) continue;
      const std::string_view after = trim(std::string_view(name).substr(rb + 1));
      if (!after.empty() && after != "(Secondary)") continue;  // a chipset function
      inner = strip_parenthetical(std::string_view(name).substr(lb + 1, rb - lb - 1));
      die = strip_parenthetical(std::string_view(name).substr(0, lb));
    } else if (vendor->whole_names) {
      inner = strip_parenthetical(name);
    } else {
      continue;  // a codename (GA102, Navi 10) or a function, not a marketing name
    }
    if (std::any_of(kBracketRejects.begin(), kBracketRejects.end(), [&](std::string_view w) {
          const std::vector<std::string> words = split_words(inner);
          return std::find(words.begin(), words.end(), w) != words.end();
        }))
      continue;  // "Radeon HD 5000/6000/7350/8350 Series": a series, not models
    const std::vector<Alternative> alternatives = split_alternatives(inner, *vendor);
    for (std::size_t i = 0; i < alternatives.size(); ++i) {
      const Alternative& alt = alternatives[i];
      if (alt.modifier) continue;  // folded into the model before it, below
      if (std::any_of(alt.words.begin(), alt.words.end(),
                      [](const std::string& w) { return is_reject_word(w); }))
        continue;
      const Stripped s = strip_suffixes(alt.words, vendor->slug);
      const std::string model = join_words(s.model);
      if (model.empty()) continue;
      const bool accepted = std::any_of(c.accept.begin(), c.accept.end(),
                                        [&](const ModelPattern& p) { return p.matches(model); });
      if (!accepted) continue;
      // Bare codes of four characters or fewer (L4, A10G, T600) are left to the chip grammar,
      // which asks for chip context before tagging such short strings (T400 is also a laptop).
      if (s.model.size() == 1 && model.size() <= 4) {
        ++summary.filtered_aliases;
        continue;
      }
      std::vector<std::string> aliases;
      if (std::string sf = short_form(model, *vendor); !sf.empty()) aliases.push_back(sf);
      if (!s.config.empty()) aliases.push_back(model + " " + join_words(s.config));
      if (s.glued) aliases.push_back(join_words(alt.words));  // A800-SXM4-80GB as written
      // Modifiers written after this alternative: GeForce RTX 3070 Mobile / Max-Q.
      for (std::size_t j = i + 1; j < alternatives.size() && alternatives[j].modifier; ++j) {
        std::vector<std::string> config;
        for (const std::string& w : alternatives[j].words)
          if (is_config_word(w) || w == "Laptop" || w == "Embedded" || w == "GPU")
            config.push_back(w);
        if (!config.empty()) aliases.push_back(model + " " + join_words(config));
      }
      add_model(*vendor, model, aliases, device, die);
    }
  }

  // Entities, in pci.ids order.
  for (PciModel& m : models) {
    GenEntity e;
    e.type = EntityType::kChip;
    e.id = std::string(m.vendor->slug) + "-" + slug(m.canonical);
    e.section = m.section;
    e.names.push_back({m.canonical, !has_digit(m.canonical)});
    for (const std::string& a : m.aliases) e.names.push_back({a, !has_digit(a)});
    e.attributes.emplace_back("vendor", std::string(m.vendor->vendor));
    std::string pci;
    for (const std::string& d : m.devices) pci += (pci.empty() ? "" : ",") + d;
    e.attributes.emplace_back("pci", pci);
    if (!m.dies.empty()) {
      std::string dies;
      for (const std::string& d : m.dies) dies += (dies.empty() ? "" : ", ") + d;
      e.attributes.emplace_back("die", dies);
    }
    assembler.add(std::move(e));
  }

  std::string& out = sink.buf();
  std::vector<std::string> header = {
      "Source: " + options.source_name +
          (pci_version(text).empty() ? "" : " (" + pci_version(text) + ")") +
          ", the PCI ID Repository,",
      "https://pci-ids.ucw.cz/, under GPL-2.0-or-later or BSD-3-Clause.",
      "One CHIP per marketing model of the GPU and accelerator vendors; rules:",
      "docs/gazetteer-format.md, \"Generated gazetteers\". Aliases already listed in the curated",
      "gazetteers are not repeated; to change an entry, edit the curated files (a curated name",
      "replaces the generated entity) and run the command again."};
  write_header(out, options.command, header);
  assembler.write(sink, options.id_prefix);
  if (!sink.flush()) return Status{StatusCode::kIoError, "write error"};
  return summary;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public API

Result<std::string> import_pci_ids(std::string_view text, const PciIdsImportOptions& options) {
  Sink sink(nullptr);
  auto r = pci_import(text, options, sink);
  if (!r) return r.status();
  return sink.take();
}

Result<ImportSummary> import_pci_ids(std::string_view text, std::ostream& out,
                                     const PciIdsImportOptions& options) {
  Sink sink(&out);
  return pci_import(text, options, sink);
}

}  // namespace alam
