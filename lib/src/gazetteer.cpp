// Gazetteer text parser, loader and index builder. Format: docs/gazetteer-format.md.
#include "alam/gazetteer.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "alam/utf8.hpp"
#include "gazetteer_index.hpp"

namespace alam {
namespace {

std::string_view trim(std::string_view s) {
  const auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

// Collapses runs of spaces and tabs inside a value into one space.
std::string collapse_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

bool valid_id(std::string_view id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.';
  });
}

class Parser {
 public:
  Parser(std::vector<Entity>& entities, std::unordered_map<std::string, std::size_t>& ids)
      : entities_(entities), ids_(ids) {}

  Status parse(const GazetteerSource& src) {
    file_ = src.name;
    std::string_view text = src.text;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a leading BOM
    std::size_t line_no = 0;
    current_ = npos;
    while (!text.empty() || line_no == 0) {
      ++line_no;
      const std::size_t nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
      if (Status s = parse_line(line, line_no); !s) return s;
      if (nl == std::string_view::npos) break;
    }
    return finish_entity();
  }

 private:
  static constexpr std::size_t npos = std::size_t(-1);

  Status error(std::size_t line, std::size_t column, std::string_view message) const {
    return {StatusCode::kInvalidArgument,
            file_ + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                std::string(message)};
  }

  Status parse_line(std::string_view raw, std::size_t line_no) {
    if (std::size_t bad = utf8::first_invalid(raw); bad != std::string_view::npos)
      return error(line_no, bad + 1, "invalid UTF-8");
    std::string_view line = trim(raw);
    const std::size_t indent = std::size_t(line.data() - raw.data());
    if (line.empty() || line.front() == '#') return Status::ok();
    if (line.front() == '[') return parse_header(line, line_no, indent);
    if (current_ == npos) return error(line_no, indent + 1, "line before the first [id] TYPE header");

    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) return error(line_no, indent + 1, "expected KEY = VALUE");
    std::string_view key = trim(line.substr(0, eq));
    const std::string value = collapse_spaces(trim(line.substr(eq + 1)));
    Entity& e = entities_[current_];
    if (value.empty()) return error(line_no, indent + eq + 2, "empty value");

    if (key.starts_with("attr.")) {
      std::string_view name = key.substr(5);
      if (!valid_id(name)) return error(line_no, indent + 1, "malformed attribute name");
      e.attributes.emplace_back(std::string(name), value);
      return Status::ok();
    }
    Alias alias{value, false, false, line_no};
    if (const std::size_t lb = key.find('['); lb != std::string_view::npos) {
      if (key.back() != ']') return error(line_no, indent + lb + 1, "unterminated [flags]");
      std::string_view flags = key.substr(lb + 1, key.size() - lb - 2);
      key = trim(key.substr(0, lb));
      while (!flags.empty()) {
        const std::size_t comma = flags.find(',');
        std::string_view flag = trim(flags.substr(0, comma));
        if (flag == "cs")
          alias.case_sensitive = true;
        else if (flag == "exact")
          alias.exact = true;
        else
          return error(line_no, indent + lb + 2, "unknown flag '" + std::string(flag) +
                                                     "' (known: cs, exact)");
        flags = comma == std::string_view::npos ? std::string_view{} : flags.substr(comma + 1);
      }
    }
    if (key == "name") {
      if (e.type == EntityType::kStop)
        return error(line_no, indent + 1, "a STOP entry has no name; use alias");
      if (!e.name.empty()) return error(line_no, indent + 1, "second 'name' for " + e.id);
      e.name = value;
      e.aliases.insert(e.aliases.begin(), std::move(alias));
    } else if (key == "alias") {
      e.aliases.push_back(std::move(alias));
    } else {
      return error(line_no, indent + 1,
                   "unknown key '" + std::string(key) + "' (known: name, alias, attr.KEY)");
    }
    return Status::ok();
  }

  Status parse_header(std::string_view line, std::size_t line_no, std::size_t indent) {
    if (Status s = finish_entity(); !s) return s;
    const std::size_t rb = line.find(']');
    if (rb == std::string_view::npos) return error(line_no, indent + 1, "expected [id] TYPE");
    std::string_view id = line.substr(1, rb - 1);
    if (!valid_id(id))
      return error(line_no, indent + 2, "malformed id (letters, digits, '-', '_', '.')");
    std::string_view type_name = trim(line.substr(rb + 1));
    auto type = parse_type(type_name);
    if (!type)
      return error(line_no, indent + std::size_t(type_name.data() - line.data()) + 1,
                   "unknown type '" + std::string(type_name) +
                       "' (ORG PERSON CHIP PRODUCT LOC MONEY PERCENT DATE STOP)");
    if (auto it = ids_.find(std::string(id)); it != ids_.end()) {
      const Entity& first = entities_[it->second];
      return error(line_no, indent + 2,
                   "duplicate id '" + std::string(id) + "' (first defined at " + first.file +
                       ":" + std::to_string(first.line) + ")");
    }
    current_ = entities_.size();
    ids_.emplace(std::string(id), current_);
    Entity e;
    e.id = std::string(id);
    e.type = *type;
    e.file = file_;
    e.line = line_no;
    entities_.push_back(std::move(e));
    return Status::ok();
  }

  Status finish_entity() {
    if (current_ == npos) return Status::ok();
    const Entity& e = entities_[current_];
    if (e.type != EntityType::kStop && e.name.empty())
      return error(e.line, 1, "entity '" + e.id + "' has no 'name'");
    if (e.aliases.empty()) return error(e.line, 1, "entity '" + e.id + "' has no alias");
    current_ = npos;
    return Status::ok();
  }

  std::vector<Entity>& entities_;
  std::unordered_map<std::string, std::size_t>& ids_;
  std::string file_;
  std::size_t current_ = npos;
};

Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status{StatusCode::kNotFound, path.string() + ": cannot open"};
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status{StatusCode::kIoError, path.string() + ": read error"};
  return ss.str();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Index

Gazetteer::Index::Index() : normalizer(), cased([] {
  NormalizerOptions o;
  o.fold_case = false;
  return o;
}()) {}

void Gazetteer::Index::append_key(std::string& key, std::string_view normalized,
                                  const std::vector<Token>& tokens, std::size_t from,
                                  std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    if (i != from) key.push_back(' ');
    key.append(tokens[i].view(normalized));
  }
}

std::string Gazetteer::Index::key_of(const Normalizer& normalizer, std::string_view text,
                                     std::size_t* token_count) {
  const std::string n = normalizer.normalize_text(text);
  const std::vector<Token> tokens = tokenize(n);
  std::string key;
  append_key(key, n, tokens, 0, tokens.size());
  if (token_count) *token_count = tokens.size();
  return key;
}

Result<std::unique_ptr<Gazetteer::Index>> Gazetteer::Index::build(
    const std::vector<Entity>& entities) {
  auto index = std::make_unique<Index>();
  for (std::size_t e = 0; e < entities.size(); ++e) {
    for (const Alias& a : entities[e].aliases) {
      const std::string normalized = index->normalizer.normalize_text(a.text);
      const std::vector<Token> tokens = tokenize(normalized);
      const std::string where = entities[e].file + ":" + std::to_string(a.line) + ":1: ";
      // Lookups start at word tokens, so an alias must start with a letter or digit.
      if (tokens.empty() || !tokens.front().is_word())
        return Status{StatusCode::kInvalidArgument,
                      where + "alias has no letters or digits at its start after normalization"};
      if (tokens.size() > 0xFFFF)
        return Status{StatusCode::kInvalidArgument, where + "alias has too many tokens"};
      const std::size_t count = tokens.size();
      std::string key;
      append_key(key, normalized, tokens, 0, count);
      const std::string_view written = a.text;
      const bool hamza = written.starts_with("\u0623") || written.starts_with("\u0625") ||
                         written.starts_with("\u0622");
      Hit hit{std::uint32_t(e), std::uint16_t(count), a.exact, hamza, {}};
      if (a.case_sensitive) hit.cased_key = key_of(index->cased, a.text);
      std::string first = key.substr(0, key.find(' '));
      auto& hits = index->by_key[key];
      // The same alias twice in one entity adds nothing but may lift the hamza condition.
      auto same = std::find_if(hits.begin(), hits.end(), [&](const Hit& h) {
        return h.entity == hit.entity && h.cased_key == hit.cased_key;
      });
      if (same == hits.end())
        hits.push_back(std::move(hit));
      else
        same->hamza_initial = same->hamza_initial && hamza;
      auto& m = index->max_tokens[first];
      m = std::max<std::uint16_t>(m, std::uint16_t(count));
    }
  }
  return index;
}

// ---------------------------------------------------------------------------------------------
// Gazetteer

Gazetteer::Gazetteer(std::vector<Entity> entities, std::unique_ptr<Index> index)
    : entities_(std::move(entities)), index_(std::move(index)) {}
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;
Gazetteer::~Gazetteer() = default;

const std::vector<Entity>& Gazetteer::entities() const { return entities_; }

const Entity* Gazetteer::find(std::string_view id) const {
  for (const Entity& e : entities_)
    if (e.id == id) return &e;
  return nullptr;
}

Result<Gazetteer> Gazetteer::from_sources(const std::vector<GazetteerSource>& sources) {
  std::vector<Entity> entities;
  std::unordered_map<std::string, std::size_t> ids;
  for (const GazetteerSource& src : sources) {
    Parser parser(entities, ids);
    if (Status s = parser.parse(src); !s) return s;
  }
  auto index = Index::build(entities);
  if (!index) return index.status();
  return Gazetteer(std::move(entities), std::move(index).value());
}

Result<std::vector<GazetteerSource>> Gazetteer::read_sources(
    const std::vector<std::filesystem::path>& paths) {
  std::vector<GazetteerSource> sources;
  for (const auto& path : paths) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(path, ec)) {
      for (const auto& entry : std::filesystem::directory_iterator(path, ec))
        if (entry.path().extension() == ".gaz") files.push_back(entry.path());
      if (ec) return Status{StatusCode::kIoError, path.string() + ": " + ec.message()};
      std::sort(files.begin(), files.end());
      if (files.empty())
        return Status{StatusCode::kNotFound, path.string() + ": no *.gaz files in this folder"};
    } else if (std::filesystem::exists(path, ec)) {
      files.push_back(path);
    } else {
      return Status{StatusCode::kNotFound, path.string() + ": no such file or folder"};
    }
    for (const auto& f : files) {
      auto text = read_file(f);
      if (!text) return text.status();
      sources.push_back({f.string(), std::move(text).value()});
    }
  }
  return sources;
}

Result<Gazetteer> Gazetteer::load(const std::vector<std::filesystem::path>& paths) {
  auto sources = read_sources(paths);
  if (!sources) return sources.status();
  return from_sources(*sources);
}

Result<Gazetteer> Gazetteer::embedded() { return from_sources(embedded_sources()); }

}  // namespace alam
