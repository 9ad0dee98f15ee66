// Lexical rules of the gazetteer text format shared by the parser (gazetteer.cpp), the editor
// (gazetteer_edit.cpp) and the importers (gazetteer_import.cpp), so that all agree on them.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace alam::gazetteer_syntax {

// Without leading and trailing spaces, tabs and carriage returns.
inline std::string_view trim(std::string_view s) {
  const auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

// Runs of spaces and tabs (and line breaks, for values that come from other data) inside a
// value count as one space.
inline std::string collapse_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// An id (or attribute key): ASCII letters, digits, '-', '_', '.'.
inline bool valid_id(std::string_view id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.';
  });
}

}  // namespace alam::gazetteer_syntax
