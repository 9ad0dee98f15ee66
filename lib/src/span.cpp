#include "alam/span.hpp"

#include <array>

namespace alam {
namespace {
constexpr std::array<std::string_view, 10> kNames{"ORG",   "PERSON",  "CHIP", "PRODUCT", "LOC",
                                                  "MONEY", "PERCENT", "DATE", "STOP",  "GIVEN"};
}

std::string_view type_name(EntityType type) { return kNames[static_cast<int>(type)]; }

std::optional<EntityType> parse_type(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<EntityType>(i);
  return std::nullopt;
}

std::vector<std::string_view> flag_names(unsigned flags) {
  std::vector<std::string_view> out;
  if (flags & kFlagBidiControl) out.push_back("bidi-control");
  return out;
}

bool is_core_type(EntityType type) {
  return type == EntityType::kOrg || type == EntityType::kPerson || type == EntityType::kChip;
}

}  // namespace alam
