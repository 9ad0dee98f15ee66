// Gazetteer text parser, loader and index builder. Format: docs/gazetteer-format.md.
#include "alam/gazetteer.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "alam/utf8.hpp"
#include "flat_hash.hpp"
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

std::string Gazetteer::Index::key_of(const Normalizer& normalizer, std::string_view text) {
  const std::string n = normalizer.normalize_text(text);
  std::string key;
  for (const Token& t : tokenize(n)) {
    if (!key.empty()) key.push_back(' ');
    key.append(t.view(n));
  }
  return key;
}

std::uint32_t Gazetteer::Index::token_id(std::string_view token) const {
  const std::uint64_t h = hash_bytes(token);
  const std::size_t mask = vocab_slots_.size() - 1;
  for (std::size_t slot = h & mask;; slot = (slot + 1) & mask) {
    const Slot s = vocab_slots_[slot];
    if (s.id == 0) return kNone;
    if (s.hash != std::uint32_t(h)) continue;
    const VocabEntry& t = vocab_[s.id - 1];
    if (t.length == token.size() &&
        std::memcmp(arena_.data() + t.offset, token.data(), token.size()) == 0)
      return s.id - 1;
  }
}

std::uint32_t Gazetteer::Index::child(std::uint32_t node, std::uint32_t token) const {
  const std::size_t mask = edge_slots_.size() - 1;
  for (std::size_t slot = hash_pair(node, token) & mask;; slot = (slot + 1) & mask) {
    const std::uint32_t v = edge_slots_[slot];
    if (v == 0) return kNone;
    const Edge& e = edges_[v - 1];
    if (e.node == node && e.token == token) return e.child;
  }
}

Result<std::unique_ptr<Gazetteer::Index>> Gazetteer::Index::build(
    const std::vector<Entity>& entities) {
  auto index = std::make_unique<Index>();
  Index& x = *index;
  // Build with node-based maps, then flatten into the lookup arrays.
  std::unordered_map<std::string, std::uint32_t> vocab;
  std::vector<std::string_view> vocab_text;
  std::vector<std::uint32_t> first_node;
  std::unordered_map<std::uint64_t, std::uint32_t> edges;
  std::vector<std::vector<Hit>> node_hits;
  auto token_of = [&](std::string_view t) {
    auto [it, inserted] = vocab.try_emplace(std::string(t), std::uint32_t(vocab.size()));
    if (inserted) first_node.push_back(kNone);
    return it->second;
  };
  auto new_node = [&] {
    node_hits.emplace_back();
    return std::uint32_t(node_hits.size() - 1);
  };

  for (std::size_t e = 0; e < entities.size(); ++e) {
    for (const Alias& a : entities[e].aliases) {
      const std::string normalized = x.normalizer.normalize_text(a.text);
      const std::vector<Token> tokens = tokenize(normalized);
      const std::string where = entities[e].file + ":" + std::to_string(a.line) + ":1: ";
      // Lookups start at word tokens, so an alias must start with a letter or digit.
      if (tokens.empty() || !tokens.front().is_word())
        return Status{StatusCode::kInvalidArgument,
                      where + "alias has no letters or digits at its start after normalization"};
      std::uint32_t node = kNone;
      for (std::size_t k = 0; k < tokens.size(); ++k) {
        const std::uint32_t tok = token_of(tokens[k].view(normalized));
        if (k == 0) {
          if (first_node[tok] == kNone) first_node[tok] = new_node();
          node = first_node[tok];
        } else {
          auto [it, inserted] = edges.try_emplace(std::uint64_t(node) << 32 | tok, 0);
          if (inserted) it->second = new_node();
          node = it->second;
        }
      }
      const std::string_view written = a.text;
      const bool hamza = written.starts_with("\u0623") || written.starts_with("\u0625") ||
                         written.starts_with("\u0622");
      Hit hit{std::uint32_t(e), a.exact, hamza, {}};
      if (a.case_sensitive) hit.cased_key = key_of(x.cased, a.text);
      auto& hits = node_hits[node];
      // The same alias twice in one entity adds nothing but may lift the hamza condition.
      auto same = std::find_if(hits.begin(), hits.end(), [&](const Hit& h) {
        return h.entity == hit.entity && h.cased_key == hit.cased_key;
      });
      if (same == hits.end())
        hits.push_back(std::move(hit));
      else
        same->hamza_initial = same->hamza_initial && hamza;
    }
  }

  // Vocabulary: arena, entries in id order, open-addressing slots.
  x.vocab_.resize(vocab.size());
  for (const auto& [text, id] : vocab) {
    const std::uint64_t h = hash_bytes(text);
    x.vocab_[id] = {std::uint32_t(x.arena_.size()), std::uint32_t(text.size()), std::uint32_t(h),
                    first_node[id]};
    x.arena_ += text;
  }
  x.vocab_slots_.assign(slot_count(x.vocab_.size()), Slot{});
  for (std::uint32_t id = 0; id < x.vocab_.size(); ++id) {
    const VocabEntry& t = x.vocab_[id];
    const std::size_t mask = x.vocab_slots_.size() - 1;
    std::size_t slot = hash_bytes(std::string_view(x.arena_).substr(t.offset, t.length)) & mask;
    while (x.vocab_slots_[slot].id != 0) slot = (slot + 1) & mask;
    x.vocab_slots_[slot] = {t.hash, id + 1};
  }
  // Edges.
  x.edges_.reserve(edges.size());
  x.edge_slots_.assign(slot_count(edges.size()), 0);
  for (const auto& [key, child] : edges) {
    const Edge edge{std::uint32_t(key >> 32), std::uint32_t(key), child};
    x.edges_.push_back(edge);
    const std::size_t mask = x.edge_slots_.size() - 1;
    std::size_t slot = hash_pair(edge.node, edge.token) & mask;
    while (x.edge_slots_[slot] != 0) slot = (slot + 1) & mask;
    x.edge_slots_[slot] = std::uint32_t(x.edges_.size());
  }
  // Nodes and their hits.
  x.nodes_.resize(node_hits.size());
  for (std::size_t n = 0; n < node_hits.size(); ++n) {
    x.nodes_[n].hits_begin = std::uint32_t(x.hits_.size());
    for (Hit& h : node_hits[n]) x.hits_.push_back(std::move(h));
    x.nodes_[n].hits_end = std::uint32_t(x.hits_.size());
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

Result<std::vector<Entity>> parse_entities(const std::vector<GazetteerSource>& sources) {
  std::vector<Entity> entities;
  std::unordered_map<std::string, std::size_t> ids;
  for (const GazetteerSource& src : sources) {
    Parser parser(entities, ids);
    if (Status s = parser.parse(src); !s) return s;
  }
  return entities;
}

Result<Gazetteer> Gazetteer::from_sources(const std::vector<GazetteerSource>& sources) {
  auto parsed = parse_entities(sources);
  if (!parsed) return parsed.status();
  std::vector<Entity> entities = std::move(parsed).value();
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
