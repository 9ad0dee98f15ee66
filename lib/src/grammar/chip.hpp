// Chip-model grammar (Spirit X3): vendor model codes and named product lines.
#pragma once

#include <optional>
#include <string_view>

#include "grammar/common.hpp"

namespace alam::grammar {

// The longest chip mention starting at normalized byte pos, if any. Bare codes that are also
// ordinary strings (A4, M1, T4, H20, ...) come back with strong == false.
std::optional<Match> match_chip(std::string_view normalized, std::size_t pos);

// True for a normalized word that signals chips nearby: رقائق, شريحة, معالج, chip, GPU, or a
// chip vendor's name. Proclitics and the article are stripped by the caller.
bool is_chip_cue(std::string_view word);

}  // namespace alam::grammar
