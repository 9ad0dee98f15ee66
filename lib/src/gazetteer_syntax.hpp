// Lexical rules of the gazetteer text format shared by the parser (gazetteer.cpp), the editor
// (gazetteer_edit.cpp), the importers (import/*.cpp) and the linter (gazetteer_lint.cpp), so
// that all agree on them.
#pragma once

#include <algorithm>
#include <filesystem>
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

// A gazetteer folder is its *.gaz regular files (symbolic links to regular files count, wherever
// they lead). For any other entry named *.gaz this says what it is ("a pipe", "a folder", …), so
// that loaders report it instead of blocking on a pipe or reading a device without end; empty
// for a regular file.
inline std::string folder_entry_problem(const std::filesystem::path& entry) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status st = fs::status(entry, ec);  // follows links
  if (!ec && fs::is_regular_file(st)) return {};
  std::error_code lec;
  if (fs::is_symlink(fs::symlink_status(entry, lec)) && (ec || !fs::exists(st)))
    return "a broken or looping symbolic link";
  switch (st.type()) {
    case fs::file_type::directory: return "a folder";
    case fs::file_type::fifo: return "a pipe";
    case fs::file_type::block:
    case fs::file_type::character: return "a device";
    case fs::file_type::socket: return "a socket";
    case fs::file_type::not_found: return "gone";
    default: return ec ? ec.message() : "not a file";
  }
}

// "FILE:LINE", how messages about a gazetteer source name a place in it.
inline std::string where(const std::string& file, std::size_t line) {
  return file + ":" + std::to_string(line);
}

}  // namespace alam::gazetteer_syntax
