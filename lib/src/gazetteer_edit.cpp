// Line-preserving gazetteer documents and the locked, atomic GazetteerStore.
// Format: docs/gazetteer-format.md; guarantees: lib/include/alam/gazetteer_edit.hpp.
#include "alam/gazetteer_edit.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <memory>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "alam/gazetteer_lint.hpp"
#include "alam/normalizer.hpp"
#include "alam/tokenizer.hpp"
#include "alam/utf8.hpp"
#include "clitics.hpp"
#include "file_io.hpp"
#include "gazetteer_index.hpp"
#include "gazetteer_syntax.hpp"

namespace alam {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kLockName = ".alam-gazetteer.lock";
constexpr std::string_view kTempMarker = ".alam-tmp-";

using gazetteer_syntax::collapse_spaces;
using gazetteer_syntax::trim;
using gazetteer_syntax::valid_id;
using gazetteer_syntax::where;

bool is_blank(std::string_view raw) { return trim(raw).empty(); }

// The matching normalizer (default options), built once.
const Normalizer& shared_normalizer() { return Gazetteer::Index::matching_normalizer(); }

Status invalid(std::string message) { return {StatusCode::kInvalidArgument, std::move(message)}; }
Status io_error(std::string message) { return {StatusCode::kIoError, std::move(message)}; }

std::string errno_text(int err) { return std::strerror(err); }

// Checks and normalizes one value written on a line: no line breaks, valid UTF-8, not empty.
Result<std::string> clean_value(std::string_view text, std::string_view what) {
  if (text.find('\n') != std::string_view::npos || text.find('\r') != std::string_view::npos)
    return invalid(std::string(what) + " contains a line break");
  if (utf8::first_invalid(text) != std::string_view::npos)
    return invalid(std::string(what) + " is not valid UTF-8");
  std::string v = collapse_spaces(trim(text));
  if (v.empty()) return invalid(std::string(what) + " is empty");
  return v;
}

Result<std::string> clean_attribute_key(std::string_view key) {
  std::string_view k = trim(key);
  if (k.starts_with("attr.")) k.remove_prefix(5);
  if (!valid_id(k))
    return invalid("malformed attribute name '" + std::string(k) +
                   "' (letters, digits, '-', '_', '.')");
  return std::string(k);
}

// Classifies one line exactly as the parser in gazetteer.cpp reads it.
GazLine classify(std::string_view raw) {
  GazLine g;
  auto malformed = [&](std::size_t column, std::string message) {
    g.kind = GazLineKind::kMalformed;
    g.column = column;
    g.problem = std::move(message);
    return g;
  };
  if (std::size_t bad = utf8::first_invalid(raw); bad != std::string_view::npos)
    return malformed(bad + 1, "invalid UTF-8");
  const std::string_view line = trim(raw);
  if (line.empty()) return g;
  const std::size_t indent = std::size_t(line.data() - raw.data());
  if (line.front() == '#') {
    g.kind = GazLineKind::kComment;
    return g;
  }
  if (line.front() == '[') {
    const std::size_t rb = line.find(']');
    if (rb == std::string_view::npos) return malformed(indent + 1, "expected [id] TYPE");
    const std::string_view id = line.substr(1, rb - 1);
    if (!valid_id(id)) return malformed(indent + 2, "malformed id (letters, digits, '-', '_', '.')");
    const std::string_view type = trim(line.substr(rb + 1));
    if (!parse_type(type))
      return malformed(indent + std::size_t(type.data() - line.data()) + 1,
                       "unknown type '" + std::string(type) +
                           "' (ORG PERSON CHIP PRODUCT LOC MONEY PERCENT DATE STOP GIVEN)");
    g.kind = GazLineKind::kHeader;
    g.key = std::string(id);
    g.value = std::string(type);
    return g;
  }
  const std::size_t eq = line.find('=');
  if (eq == std::string_view::npos) return malformed(indent + 1, "expected KEY = VALUE");
  std::string_view key = trim(line.substr(0, eq));
  g.value = collapse_spaces(trim(line.substr(eq + 1)));
  if (g.value.empty()) return malformed(indent + eq + 2, "empty value");
  if (key.starts_with("attr.")) {
    const std::string_view name = key.substr(5);
    if (!valid_id(name)) return malformed(indent + 1, "malformed attribute name");
    g.kind = GazLineKind::kAttribute;
    g.key = std::string(name);
    return g;
  }
  if (const std::size_t lb = key.find('['); lb != std::string_view::npos) {
    if (key.back() != ']') return malformed(indent + lb + 1, "unterminated [flags]");
    std::string_view flags = key.substr(lb + 1, key.size() - lb - 2);
    key = trim(key.substr(0, lb));
    while (!flags.empty()) {
      const std::size_t comma = flags.find(',');
      const std::string_view flag = trim(flags.substr(0, comma));
      if (flag == "cs")
        g.case_sensitive = true;
      else if (flag == "exact")
        g.exact = true;
      else if (flag == "gen")
        g.generated = true;
      else
        return malformed(indent + lb + 2,
                         "unknown flag '" + std::string(flag) + "' (known: cs, exact, gen)");
      flags = comma == std::string_view::npos ? std::string_view{} : flags.substr(comma + 1);
    }
  }
  if (key == "name") {
    g.kind = GazLineKind::kName;
  } else if (key == "alias") {
    g.kind = GazLineKind::kAlias;
  } else {
    return malformed(indent + 1,
                     "unknown key '" + std::string(key) + "' (known: name, alias, attr.KEY)");
  }
  g.key = std::string(key);
  return g;
}

bool is_entry(GazLineKind k) {
  return k == GazLineKind::kName || k == GazLineKind::kAlias || k == GazLineKind::kAttribute ||
         k == GazLineKind::kMalformed;
}

bool looks_like_header(std::string_view raw) {
  const std::string_view t = trim(raw);
  return !t.empty() && t.front() == '[';
}

// A STOP or GIVEN list (no name) as written in a header.
bool is_list(const EntityBlock& b) {
  const auto type = parse_type(b.type);
  return type && is_list_type(*type);
}

std::string type_prefix(EntityType type) {
  switch (type) {
    case EntityType::kOrg: return "";
    case EntityType::kPerson: return "per-";
    case EntityType::kChip: return "chip-";
    case EntityType::kProduct: return "prod-";
    case EntityType::kLoc: return "loc-";
    case EntityType::kMoney: return "money-";
    case EntityType::kPercent: return "percent-";
    case EntityType::kDate: return "date-";
    case EntityType::kStop: return "stop-";
    case EntityType::kGiven: return "given-";
  }
  return "";
}

bool has_ascii_alnum(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  });
}

std::string to_ascii(std::string_view text) {
  const bool ascii = std::all_of(text.begin(), text.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return std::string(text);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
      "Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !t) return std::string(text);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  t->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string slugify(std::string_view text) {
  std::string slug;
  bool dash = false;
  for (char c : text) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') {
      c = char(c - 'A' + 'a');
    } else if (!alnum) {
      dash = true;
      continue;
    }
    if (dash && !slug.empty()) slug.push_back('-');
    dash = false;
    slug.push_back(c);
  }
  return slug;
}

// Two aliases with the same folded key overlap unless both are cs and written differently.
bool aliases_collide(const AliasSpec& a, const AliasSpec& b, const std::string& key_a,
                     const std::string& key_b) {
  if (key_a != key_b) return false;
  if (a.case_sensitive && b.case_sensitive)
    return gazetteer_alias_key(a.text, true) == gazetteer_alias_key(b.text, true);
  return true;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Free functions

Result<AliasSpec> parse_alias_spec(std::string_view written) {
  AliasSpec spec;
  std::string_view text = trim(written);
  if (!text.empty() && text.front() == '[') {
    const std::size_t rb = text.find(']');
    if (rb == std::string_view::npos)
      return invalid("'" + std::string(written) + "': missing ']' after the flags");
    std::string_view flags = text.substr(1, rb - 1);
    text = trim(text.substr(rb + 1));
    while (!flags.empty()) {
      const std::size_t comma = flags.find(',');
      const std::string_view flag = trim(flags.substr(0, comma));
      if (flag == "cs")
        spec.case_sensitive = true;
      else if (flag == "exact")
        spec.exact = true;
      else if (flag == "gen")
        spec.generated = true;
      else if (!flag.empty())
        return invalid("unknown flag '" + std::string(flag) + "' (known: cs, exact, gen)");
      flags = comma == std::string_view::npos ? std::string_view{} : flags.substr(comma + 1);
    }
  }
  auto clean = clean_value(text, "alias");
  if (!clean) return clean.status();
  spec.text = std::move(clean).value();
  return spec;
}

std::string format_alias_line(std::string_view key, const AliasSpec& alias) {
  std::string line(key);
  std::string flags;
  for (auto [on, flag] : {std::pair{alias.case_sensitive, "cs"}, std::pair{alias.exact, "exact"},
                          std::pair{alias.generated, "gen"}})
    if (on) flags += (flags.empty() ? "" : ",") + std::string(flag);
  if (!flags.empty()) line += "[" + flags + "]";
  line += " = ";
  line += alias.text;
  return line;
}

std::string default_gazetteer_file(EntityType type) {
  switch (type) {
    case EntityType::kOrg: return "orgs.gaz";
    case EntityType::kPerson: return "people.gaz";
    case EntityType::kChip: return "chips.gaz";
    case EntityType::kProduct: return "products.gaz";
    case EntityType::kLoc: return "places.gaz";
    case EntityType::kMoney: return "money.gaz";
    case EntityType::kPercent: return "percent.gaz";
    case EntityType::kDate: return "dates.gaz";
    case EntityType::kStop: return "stop.gaz";
    case EntityType::kGiven: return "given.gaz";
  }
  return "other.gaz";
}

std::string make_entity_id(EntityType type, std::string_view name,
                           const std::vector<AliasSpec>& aliases,
                           const std::function<bool(std::string_view)>& taken) {
  std::string_view source = name;
  if (!has_ascii_alnum(source)) {
    for (const AliasSpec& a : aliases)
      if (has_ascii_alnum(a.text)) {
        source = a.text;
        break;
      }
  }
  if (source.empty() && !aliases.empty()) source = aliases.front().text;
  std::string slug = slugify(to_ascii(source));
  if (slug.empty()) slug = "entity";
  const std::string prefix = type_prefix(type);
  const std::string base = slug.starts_with(prefix) ? slug : prefix + slug;
  std::string id = base;
  for (int n = 2; taken && taken(id); ++n) id = base + "-" + std::to_string(n);
  return id;
}

// ---------------------------------------------------------------------------------------------
// GazetteerDocument

GazetteerDocument GazetteerDocument::parse(std::string name, std::string_view text) {
  GazetteerDocument d;
  d.name_ = std::move(name);
  if (text.starts_with(kBom)) {
    d.bom_ = true;
    text.remove_prefix(kBom.size());
  }
  d.final_newline_ = !text.empty() && text.back() == '\n';
  if (d.final_newline_) text.remove_suffix(1);
  if (!text.empty() || d.final_newline_) {
    while (true) {
      const std::size_t nl = text.find('\n');
      d.lines_.emplace_back(text.substr(0, nl));
      if (nl == std::string_view::npos) break;
      text.remove_prefix(nl + 1);
    }
  }
  d.crlf_ = !d.lines_.empty() && !d.lines_.front().empty() && d.lines_.front().back() == '\r';
  d.reindex();
  return d;
}

std::string GazetteerDocument::text() const {
  std::string out;
  std::size_t size = bom_ ? kBom.size() : 0;
  for (const std::string& l : lines_) size += l.size() + 1;
  out.reserve(size);
  if (bom_) out += kBom;
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    if (i) out.push_back('\n');
    out += lines_[i];
  }
  if (final_newline_) out.push_back('\n');
  return out;
}

void GazetteerDocument::reindex() {
  info_.clear();
  info_.reserve(lines_.size());
  blocks_.clear();
  enum { kNone, kBlock, kBroken } state = kNone;
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    info_.push_back(classify(lines_[i]));
    const GazLine& g = info_.back();
    if (g.kind == GazLineKind::kHeader) {
      blocks_.push_back({g.key, g.value, i + 1, i + 1});
      state = kBlock;
    } else if (g.kind == GazLineKind::kMalformed && looks_like_header(lines_[i])) {
      state = kBroken;
    } else if (is_entry(g.kind) && state == kBlock) {
      blocks_.back().last_line = i + 1;
    }
  }
}

const EntityBlock* GazetteerDocument::find(std::string_view id) const {
  for (const EntityBlock& b : blocks_)
    if (b.id == id) return &b;
  return nullptr;
}

Entity GazetteerDocument::entity(const EntityBlock& b) const {
  Entity e;
  e.id = b.id;
  e.type = parse_type(b.type).value_or(EntityType::kOrg);
  e.file = name_;
  e.line = b.first_line;
  for (std::size_t n = b.first_line + 1; n <= b.last_line; ++n) {
    const GazLine& g = info_[n - 1];
    Alias a;
    a.text = g.value;
    a.case_sensitive = g.case_sensitive;
    a.exact = g.exact;
    a.generated = g.generated;
    a.line = n;
    if (g.kind == GazLineKind::kName && e.name.empty() && !is_list_type(e.type)) {
      e.name = g.value;
      e.aliases.insert(e.aliases.begin(), std::move(a));
    } else if (g.kind == GazLineKind::kAlias) {
      e.aliases.push_back(std::move(a));
    } else if (g.kind == GazLineKind::kAttribute) {
      e.attributes.emplace_back(g.key, g.value);
    }
  }
  return e;
}

std::string GazetteerDocument::block_text(const EntityBlock& b) const {
  std::string out;
  for (std::size_t n = b.first_line; n <= b.last_line; ++n) {
    out += lines_[n - 1];
    out.push_back('\n');
  }
  return out;
}

std::vector<BlockProblem> GazetteerDocument::problems() const {
  std::vector<BlockProblem> out;
  const EntityBlock* block = nullptr;
  bool broken = false;
  bool has_name = false, has_alias = false;
  std::size_t next_block = 0;
  auto finish = [&] {
    if (!block) return;
    if (!is_list(*block) && !has_name)
      out.push_back({block->first_line, 1, "structure", "entity '" + block->id + "' has no 'name'"});
    else if (!has_alias)
      out.push_back({block->first_line, 1, "structure", "entity '" + block->id + "' has no alias"});
    block = nullptr;
  };
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    const GazLine& g = info_[i];
    const std::size_t n = i + 1;
    const std::size_t indent =
        std::size_t(trim(lines_[i]).data() - lines_[i].data());
    if (g.kind == GazLineKind::kHeader) {
      finish();
      block = &blocks_[next_block++];
      broken = false;
      has_name = has_alias = false;
      continue;
    }
    if (g.kind == GazLineKind::kBlank || g.kind == GazLineKind::kComment) continue;
    if (g.kind == GazLineKind::kMalformed && looks_like_header(lines_[i])) {
      finish();
      broken = true;
      out.push_back({n, g.column, "syntax", g.problem});
      continue;
    }
    if (!block && !broken) {
      if (g.kind == GazLineKind::kMalformed && g.problem == "invalid UTF-8")
        out.push_back({n, g.column, "syntax", g.problem});
      else
        out.push_back({n, indent + 1, "syntax", "line before the first [id] TYPE header"});
      continue;
    }
    if (g.kind == GazLineKind::kMalformed) {
      out.push_back({n, g.column, "syntax", g.problem});
      continue;
    }
    if (!block) continue;  // lines of a malformed header's entity
    if (g.kind == GazLineKind::kName) {
      if (is_list(*block)) {
        out.push_back({n, indent + 1, "structure", "a " + block->type + " list has no name; use alias"});
      } else if (has_name) {
        out.push_back({n, indent + 1, "structure", "second 'name' for " + block->id});
      } else {
        has_name = true;
        has_alias = true;
      }
    } else if (g.kind == GazLineKind::kAlias) {
      has_alias = true;
    }
  }
  finish();
  return out;
}

Result<std::size_t> GazetteerDocument::unique_block(std::string_view id) const {
  std::size_t found = blocks_.size();
  for (std::size_t i = 0; i < blocks_.size(); ++i) {
    if (blocks_[i].id != id) continue;
    if (found != blocks_.size())
      return invalid("id '" + std::string(id) + "' is defined twice in " + name_ + " (lines " +
                     std::to_string(blocks_[found].first_line) + " and " +
                     std::to_string(blocks_[i].first_line) + ")");
    found = i;
  }
  if (found == blocks_.size()) return invalid("no entity [" + std::string(id) + "] in " + name_);
  return found;
}

Result<std::vector<std::size_t>> GazetteerDocument::alias_lines(const EntityBlock& b,
                                                                std::string_view text) const {
  const std::string wanted = collapse_spaces(trim(text));
  std::vector<std::size_t> by_text, by_key;
  for (std::size_t i = b.first_line; i < b.last_line; ++i) {
    const GazLine& g = info_[i];
    if (g.kind != GazLineKind::kName && g.kind != GazLineKind::kAlias) continue;
    if (g.value == wanted) by_text.push_back(i);
  }
  if (!by_text.empty()) return by_text;
  const std::string key = gazetteer_alias_key(wanted);
  std::string listed;
  for (std::size_t i = b.first_line; i < b.last_line; ++i) {
    const GazLine& g = info_[i];
    if (g.kind != GazLineKind::kName && g.kind != GazLineKind::kAlias) continue;
    if (!key.empty() && gazetteer_alias_key(g.value) == key) {
      by_key.push_back(i);
      listed += (listed.empty() ? "" : ", ") + ("'" + g.value + "' (line " + std::to_string(i + 1) + ")");
    }
  }
  if (by_key.size() == 1) return by_key;
  if (by_key.empty()) return invalid("[" + b.id + "] has no alias '" + wanted + "'");
  return invalid("'" + wanted + "' matches several aliases of [" + b.id +
                 "] after normalization: " + listed + "; give one exactly as written");
}

void GazetteerDocument::insert_lines(std::size_t at, const std::vector<std::string>& lines) {
  std::vector<std::string> with_endings;
  with_endings.reserve(lines.size());
  for (const std::string& l : lines) with_endings.push_back(crlf_ ? l + "\r" : l);
  if (at >= lines_.size()) final_newline_ = true;
  lines_.insert(lines_.begin() + std::ptrdiff_t(std::min(at, lines_.size())), with_endings.begin(),
                with_endings.end());
}

void GazetteerDocument::erase_lines(std::size_t first, std::size_t last) {
  lines_.erase(lines_.begin() + std::ptrdiff_t(first), lines_.begin() + std::ptrdiff_t(last + 1));
}

void GazetteerDocument::replace_line(std::size_t at, std::string text) {
  if (!lines_[at].empty() && lines_[at].back() == '\r') text.push_back('\r');
  lines_[at] = std::move(text);
}

Result<std::size_t> GazetteerDocument::add_entity(const NewEntity& e, std::string_view after) {
  if (!valid_id(e.id)) return invalid("malformed id '" + e.id + "' (letters, digits, '-', '_', '.')");
  for (const EntityBlock& b : blocks_)
    if (b.id == e.id)
      return invalid("id '" + e.id + "' is already taken (" + where(name_, b.first_line) + ")");
  std::vector<std::string> lines;
  lines.push_back("[" + e.id + "] " + std::string(type_name(e.type)));
  if (is_list_type(e.type)) {
    const std::string list(type_name(e.type));
    if (!e.name.text.empty()) return invalid("a " + list + " list has no name; give its aliases");
    if (e.aliases.empty()) return invalid("a " + list + " list needs at least one alias");
  } else {
    auto name = clean_value(e.name.text, "name");
    if (!name) return name.status();
    AliasSpec spec = e.name;
    spec.text = *name;
    lines.push_back(format_alias_line("name", spec));
  }
  for (const AliasSpec& a : e.aliases) {
    auto text = clean_value(a.text, "alias");
    if (!text) return text.status();
    AliasSpec spec = a;
    spec.text = *text;
    lines.push_back(format_alias_line("alias", spec));
  }
  for (const auto& [k, v] : e.attributes) {
    auto key = clean_attribute_key(k);
    if (!key) return key.status();
    auto value = clean_value(v, "attr." + *key);
    if (!value) return value.status();
    lines.push_back("attr." + *key + " = " + *value);
  }

  std::size_t pos = lines_.size();  // 0-based insertion point
  if (!after.empty()) {
    auto b = unique_block(after);
    if (!b) return b.status();
    pos = blocks_[*b].last_line;
  } else {
    for (const EntityBlock& b : blocks_)
      if (parse_type(b.type) == e.type) pos = b.last_line;
  }
  std::vector<std::string> inserted;
  if (pos > 0 && !is_blank(lines_[pos - 1])) inserted.emplace_back();
  const std::size_t header = pos + inserted.size() + 1;
  inserted.insert(inserted.end(), lines.begin(), lines.end());
  if (pos < lines_.size() && !is_blank(lines_[pos])) inserted.emplace_back();
  insert_lines(pos, inserted);
  reindex();
  return header;
}

Result<std::size_t> GazetteerDocument::add_alias(std::string_view id, const AliasSpec& alias) {
  auto bi = unique_block(id);
  if (!bi) return bi.status();
  const EntityBlock b = blocks_[*bi];
  auto text = clean_value(alias.text, "alias");
  if (!text) return text.status();
  std::size_t pos = b.first_line;  // 0-based: right after the header
  for (std::size_t i = b.first_line; i < b.last_line; ++i) {
    const GazLine& g = info_[i];
    if (g.kind != GazLineKind::kName && g.kind != GazLineKind::kAlias) continue;
    if (g.value == *text)
      return invalid("[" + b.id + "] already has " + (g.kind == GazLineKind::kName ? "the name" : "the alias") +
                     " '" + *text + "' (" + where(name_, i + 1) + ")" +
                     (g.case_sensitive != alias.case_sensitive || g.exact != alias.exact ||
                              g.generated != alias.generated
                          ? "; use `set` to change its flags"
                          : ""));
    pos = i + 1;
  }
  AliasSpec spec = alias;
  spec.text = *text;
  insert_lines(pos, {format_alias_line("alias", spec)});
  reindex();
  return pos + 1;
}

Status GazetteerDocument::remove_entity(std::string_view id) {
  auto bi = unique_block(id);
  if (!bi) return bi.status();
  const EntityBlock b = blocks_[*bi];
  const std::size_t first = b.first_line - 1;
  erase_lines(first, b.last_line - 1);
  // Leave one blank line where two would meet (or none at the file's start or end).
  const bool blank_before = first == 0 || is_blank(lines_[first - 1]);
  if (first < lines_.size() && is_blank(lines_[first]) && blank_before)
    erase_lines(first, first);
  else if (first == lines_.size() && first > 0 && is_blank(lines_[first - 1]))
    erase_lines(first - 1, first - 1);
  reindex();
  return Status::ok();
}

Result<std::size_t> GazetteerDocument::remove_alias(std::string_view id, std::string_view text) {
  auto bi = unique_block(id);
  if (!bi) return bi.status();
  const EntityBlock b = blocks_[*bi];
  auto lines = alias_lines(b, text);
  if (!lines) return lines.status();
  for (std::size_t i : *lines)
    if (info_[i].kind == GazLineKind::kName)
      return invalid("'" + info_[i].value + "' is the name of [" + b.id +
                     "]; rename the entity instead of removing its name");
  for (auto it = lines->rbegin(); it != lines->rend(); ++it) erase_lines(*it, *it);
  reindex();
  return lines->size();
}

Result<std::size_t> GazetteerDocument::rename(std::string_view id, const AliasSpec& new_name,
                                              bool keep_old_name) {
  auto bi = unique_block(id);
  if (!bi) return bi.status();
  const EntityBlock b = blocks_[*bi];
  if (is_list(b)) return invalid("[" + b.id + "] is a " + b.type + " list, which has no name");
  auto text = clean_value(new_name.text, "name");
  if (!text) return text.status();
  AliasSpec name = new_name;
  name.text = *text;
  std::size_t name_line = lines_.size();
  for (std::size_t i = b.first_line; i < b.last_line; ++i)
    if (info_[i].kind == GazLineKind::kName) {
      name_line = i;
      break;
    }
  if (name_line == lines_.size()) return invalid("[" + b.id + "] has no name line");
  const AliasSpec old{info_[name_line].value, info_[name_line].case_sensitive,
                      info_[name_line].exact, info_[name_line].generated};
  replace_line(name_line, format_alias_line("name", name));
  // An alias written like the new name is now the name itself.
  std::size_t end = b.last_line;  // 0-based, exclusive: the block's end
  for (std::size_t i = b.last_line; i-- > b.first_line;) {
    if (info_[i].kind == GazLineKind::kAlias && info_[i].value == name.text) {
      erase_lines(i, i);
      --end;
      if (i < name_line) --name_line;
    }
  }
  const bool same_key = gazetteer_alias_key(old.text) == gazetteer_alias_key(name.text);
  const bool keep = keep_old_name && old.text != name.text &&
                    !(same_key && !old.case_sensitive && !name.case_sensitive);
  if (keep) {
    bool listed = false;
    for (std::size_t i = b.first_line; i < end; ++i) {
      const GazLine g = classify(lines_[i]);
      listed |= g.kind == GazLineKind::kAlias && g.value == old.text;
    }
    if (!listed) insert_lines(name_line + 1, {format_alias_line("alias", old)});
  }
  reindex();
  return name_line + 1;
}

Status GazetteerDocument::change_id(std::string_view id, std::string_view new_id) {
  if (!valid_id(new_id))
    return invalid("malformed id '" + std::string(new_id) + "' (letters, digits, '-', '_', '.')");
  auto bi = unique_block(id);
  if (!bi) return bi.status();
  for (const EntityBlock& b : blocks_)
    if (b.id == new_id)
      return invalid("id '" + std::string(new_id) + "' is already taken (" +
                     where(name_, b.first_line) + ")");
  const std::size_t h = blocks_[*bi].first_line - 1;
  std::string line = lines_[h];
  const std::size_t lb = line.find('['), rb = line.find(']');
  line.replace(lb + 1, rb - lb - 1, new_id);
  lines_[h] = std::move(line);
  reindex();
  return Status::ok();
}

Status GazetteerDocument::set_type(std::string_view id, EntityType type) {
  auto bi = unique_block(id);
  if (!bi) return bi.status();
  const EntityBlock b = blocks_[*bi];
  if (is_list_type(type) != is_list(b))
    return invalid("cannot change [" + b.id + "] between a list type (STOP, GIVEN: no name) and "
                   "an entity type; remove it and add it again");
  const std::size_t h = b.first_line - 1;
  const std::string& line = lines_[h];
  replace_line(h, line.substr(0, line.find(']') + 1) + " " + std::string(type_name(type)));
  reindex();
  return Status::ok();
}

Result<std::size_t> GazetteerDocument::set_attribute(std::string_view id, std::string_view key,
                                                     std::string_view value) {
  auto k = clean_attribute_key(key);
  if (!k) return k.status();
  auto v = clean_value(value, "attr." + *k);
  if (!v) return v.status();
  auto bi = unique_block(id);
  if (!bi) return bi.status();
  const EntityBlock b = blocks_[*bi];
  std::vector<std::size_t> lines;
  for (std::size_t i = b.first_line; i < b.last_line; ++i)
    if (info_[i].kind == GazLineKind::kAttribute && info_[i].key == *k) lines.push_back(i);
  const std::string text = "attr." + *k + " = " + *v;
  if (lines.empty()) {
    insert_lines(b.last_line, {text});
    reindex();
    return b.last_line + 1;
  }
  for (std::size_t j = lines.size(); j-- > 1;) erase_lines(lines[j], lines[j]);
  replace_line(lines.front(), text);
  reindex();
  return lines.front() + 1;
}

Status GazetteerDocument::unset_attribute(std::string_view id, std::string_view key) {
  auto k = clean_attribute_key(key);
  if (!k) return k.status();
  auto bi = unique_block(id);
  if (!bi) return bi.status();
  const EntityBlock b = blocks_[*bi];
  bool any = false;
  for (std::size_t i = b.last_line; i-- > b.first_line;)
    if (info_[i].kind == GazLineKind::kAttribute && info_[i].key == *k) {
      erase_lines(i, i);
      any = true;
    }
  if (!any) return invalid("[" + b.id + "] has no attr." + *k);
  reindex();
  return Status::ok();
}

Result<std::size_t> GazetteerDocument::set_alias_flags(std::string_view id, std::string_view text,
                                                       bool case_sensitive, bool exact,
                                                       bool generated) {
  auto bi = unique_block(id);
  if (!bi) return bi.status();
  const EntityBlock b = blocks_[*bi];
  auto lines = alias_lines(b, text);
  if (!lines) return lines.status();
  for (std::size_t i : *lines)
    replace_line(i, format_alias_line(info_[i].kind == GazLineKind::kName ? "name" : "alias",
                                      {info_[i].value, case_sensitive, exact, generated}));
  reindex();
  return lines->front() + 1;
}

// ---------------------------------------------------------------------------------------------
// Store: files, lock, atomic writes

namespace {

// An exclusive flock() held until destruction.
class FileLock {
 public:
  static Result<std::unique_ptr<FileLock>> acquire(const fs::path& path, int timeout_ms) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0)
      return io_error(path.string() + ": cannot open the lock file: " + errno_text(errno));
    auto lock = std::unique_ptr<FileLock>(new FileLock(fd));
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max(timeout_ms, 0));
    int sleep_us = 200;
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      if (errno == EINTR) continue;
      if (errno != EWOULDBLOCK)
        return io_error(path.string() + ": cannot lock: " + errno_text(errno));
      if (std::chrono::steady_clock::now() >= deadline)
        return io_error(path.string() + ": still locked by another editor after " +
                        std::to_string(timeout_ms) + " ms; nothing written");
      std::this_thread::sleep_for(std::chrono::microseconds(sleep_us));
      sleep_us = std::min(sleep_us * 2, 20000);
    }
    return lock;
  }
  ~FileLock() { ::close(fd_); }  // closing releases the lock
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_;
};

struct FileStamp {
  bool exists = false;
  dev_t dev = 0;
  ino_t ino = 0;
  off_t size = 0;
  struct timespec mtime {};
  bool operator==(const FileStamp& o) const {
    return exists == o.exists && dev == o.dev && ino == o.ino && size == o.size &&
           mtime.tv_sec == o.mtime.tv_sec && mtime.tv_nsec == o.mtime.tv_nsec;
  }
};

FileStamp stamp_of(const fs::path& path) {
  FileStamp s;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    s.exists = true;
    s.dev = st.st_dev;
    s.ino = st.st_ino;
    s.size = st.st_size;
    s.mtime = st.st_mtim;
  }
  return s;
}

Status fsync_dir(const fs::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return io_error(dir.string() + ": cannot open folder: " + errno_text(errno));
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0 && err != EINVAL)
    return io_error(dir.string() + ": fsync failed: " + errno_text(err));
  return Status::ok();
}

// Writes text to a temporary file beside `target`, fsyncs it and renames it over target (the
// symlink's target when target is a symlink), then fsyncs the folder. `expected` is how target
// looked when it was read: if another writer replaced it since, nothing is written.
Status write_atomically(const fs::path& target_name, const std::string& text,
                        const FileStamp& expected) {
  static std::atomic<unsigned> counter{0};
  std::error_code ec;
  fs::path target = target_name;
  if (fs::is_symlink(target, ec)) {
    target = fs::canonical(target, ec);
    if (ec) return io_error(target_name.string() + ": cannot resolve symlink: " + ec.message());
  }
  fs::path dir = target.parent_path();
  const fs::path tmp =
      (dir.empty() ? fs::path(".") : dir) /
      ("." + target.filename().string() + std::string(kTempMarker) + std::to_string(::getpid()) +
       "-" + std::to_string(counter.fetch_add(1)));
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return io_error(tmp.string() + ": cannot create: " + errno_text(errno));
  auto fail = [&](std::string what, int err) {
    ::close(fd);
    ::unlink(tmp.c_str());
    return io_error(tmp.string() + ": " + what + ": " + errno_text(err));
  };
  struct stat st {};
  if (::stat(target.c_str(), &st) == 0 && ::fchmod(fd, st.st_mode & 07777) != 0)
    return fail("cannot set permissions", errno);
  const char* p = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("write failed", errno);
    }
    p += n;
    left -= std::size_t(n);
  }
  if (::fsync(fd) != 0) return fail("fsync failed", errno);
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return io_error(tmp.string() + ": close failed: " + errno_text(err));
  }
  if (!(stamp_of(target) == expected)) {
    ::unlink(tmp.c_str());
    return io_error(target_name.string() +
                    ": changed on disk during the edit (by a program that does not take the "
                    "lock); nothing written, run the edit again");
  }
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return io_error(target_name.string() + ": cannot replace: " + errno_text(err));
  }
  return fsync_dir(dir);
}

// Temporary files of editors that were killed (only editors holding the lock create them).
void remove_stale_temporaries(const fs::path& folder) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder.empty() ? "." : folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(".") && name.find(kTempMarker) != std::string::npos)
      fs::remove(entry.path(), ec);
  }
}

struct Located {
  std::size_t doc = 0;
  const EntityBlock* block = nullptr;
};

Result<Located> locate(const std::vector<GazetteerDocument>& docs, std::string_view id) {
  std::vector<Located> found;
  for (std::size_t d = 0; d < docs.size(); ++d)
    for (const EntityBlock& b : docs[d].blocks())
      if (b.id == id) found.push_back({d, &b});
  if (found.empty()) return invalid("no entity with id '" + std::string(id) + "'");
  if (found.size() > 1) {
    std::string places;
    for (const Located& l : found)
      places += (places.empty() ? "" : ", ") + where(docs[l.doc].name(), l.block->first_line);
    return invalid("id '" + std::string(id) + "' is defined more than once (" + places +
                   "); fix that by hand first");
  }
  return found.front();
}

bool id_taken(const std::vector<GazetteerDocument>& docs, std::string_view id) {
  for (const GazetteerDocument& d : docs)
    if (d.find(id)) return true;
  return false;
}

EditOutcome outcome_at(const GazetteerDocument& doc, std::string id, std::size_t line,
                       const std::string& what) {
  EditOutcome o;
  o.id = std::move(id);
  o.file = doc.name();
  o.line = line;
  o.message = where(doc.name(), line) + ": " + what;
  return o;
}

}  // namespace

Result<GazetteerStore> GazetteerStore::open(const fs::path& path) {
  std::error_code ec;
  if (path.empty()) return Status{StatusCode::kNotFound, "no gazetteer folder given"};
  if (fs::is_directory(path, ec)) return GazetteerStore(path, path, false);
  fs::path folder = path.parent_path();
  if (fs::exists(path, ec) || path.extension() == ".gaz") {
    if (!folder.empty() && !fs::is_directory(folder, ec))
      return Status{StatusCode::kNotFound, folder.string() + ": no such folder"};
    return GazetteerStore(path, folder, true);
  }
  return Status{StatusCode::kNotFound, path.string() + ": no such file or folder"};
}

fs::path GazetteerStore::lock_path() const {
  return (folder_.empty() ? fs::path(".") : folder_) / std::string(kLockName);
}

Result<std::vector<fs::path>> GazetteerStore::list_files() const {
  std::error_code ec;
  std::vector<fs::path> files;
  if (single_file_) {
    if (fs::exists(path_, ec)) files.push_back(path_);
    return files;
  }
  for (const auto& entry : fs::directory_iterator(path_, ec)) {
    if (entry.path().extension() != ".gaz") continue;
    // As Gazetteer::read_sources: only regular files (a pipe would block, a device never end).
    if (const std::string why = gazetteer_syntax::folder_entry_problem(entry.path()); !why.empty())
      return io_error(entry.path().string() + ": not a regular file (" + why +
                      "); a gazetteer folder may hold only *.gaz files and links to them");
    files.push_back(entry.path());
  }
  if (ec) return io_error(path_.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

Result<std::vector<GazetteerSource>> GazetteerStore::read_sources() const {
  auto files = list_files();
  if (!files) return files.status();
  std::vector<GazetteerSource> sources;
  for (const fs::path& f : *files) {
    auto text = detail::read_whole_file(f);
    if (!text) return text.status();
    sources.push_back({f.string(), std::move(text).value()});
  }
  return sources;
}

Result<std::vector<GazetteerDocument>> GazetteerStore::read_documents() const {
  auto sources = read_sources();
  if (!sources) return sources.status();
  std::vector<GazetteerDocument> docs;
  docs.reserve(sources->size());
  for (const GazetteerSource& s : *sources) docs.push_back(GazetteerDocument::parse(s.name, s.text));
  return docs;
}

Result<std::vector<Entity>> GazetteerStore::entities(std::optional<EntityType> type) const {
  auto sources = read_sources();
  if (!sources) return sources.status();
  auto parsed = parse_entities(*sources);
  if (!parsed) return parsed.status();
  if (!type) return parsed;
  std::vector<Entity> out;
  for (Entity& e : *parsed)
    if (e.type == *type) out.push_back(std::move(e));
  return out;
}

Result<LocatedEntity> GazetteerStore::show(std::string_view id) const {
  auto docs = read_documents();
  if (!docs) return docs.status();
  for (const GazetteerDocument& d : *docs)
    if (const EntityBlock* b = d.find(id))
      return LocatedEntity{d.entity(*b), b->last_line, d.block_text(*b)};
  return invalid("no entity with id '" + std::string(id) + "' in " + path_.string());
}

Result<std::vector<FindHit>> GazetteerStore::find(std::string_view query,
                                                  const FindOptions& options) const {
  const std::string key = gazetteer_alias_key(query);
  {
    const std::string n = shared_normalizer().normalize_text(query);
    const std::vector<Token> tokens = tokenize(n);
    if (std::none_of(tokens.begin(), tokens.end(), [](const Token& t) { return t.is_word(); }))
      return invalid("the query has no letters or digits");
  }
  const std::string cased = gazetteer_alias_key(query, true);
  // The query with a proclitic stripped from its first word, as the tagger tries it.
  std::unordered_set<std::string> stripped;
  {
    const std::string n = shared_normalizer().normalize_text(query);
    const std::vector<Token> tokens = tokenize(n);
    if (!tokens.empty() && tokens.front().script == Script::kArabic) {
      std::string rest;
      for (std::size_t k = 1; k < tokens.size(); ++k) {
        rest.push_back(' ');
        rest.append(tokens[k].view(n));
      }
      Stems stems;
      stems.split(tokens.front().view(n));
      for (const Stem& s : stems)
        if (s.skip > 0) stripped.insert(std::string(s.key) + rest);
    }
  }
  std::string lowered(trim(query));
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });

  auto all = entities(options.type);
  if (!all) return all.status();
  std::vector<FindHit> hits;
  for (const Entity& e : *all) {
    std::optional<FindHit> best;
    auto offer = [&](FindHit::Match m, const std::string& alias, std::size_t line) {
      if (!best || int(m) < int(best->match)) best = FindHit{e, alias, line, m};
    };
    for (const Alias& a : e.aliases) {
      const std::string k = gazetteer_alias_key(a.text);
      const bool cased_ok = !a.case_sensitive || gazetteer_alias_key(a.text, true) == cased;
      if (k == key && cased_ok)
        offer(FindHit::Match::kKey, a.text, a.line);
      else if (!a.exact && stripped.count(k))
        offer(FindHit::Match::kProclitic, a.text, a.line);
      else if (options.substring && k.find(key) != std::string::npos)
        offer(FindHit::Match::kSubstring, a.text, a.line);
    }
    if (options.substring && !best && e.id.find(lowered) != std::string::npos)
      offer(FindHit::Match::kSubstring, e.id, e.line);
    if (best) hits.push_back(std::move(*best));
  }
  std::stable_sort(hits.begin(), hits.end(),
                   [](const FindHit& a, const FindHit& b) { return a.match < b.match; });
  if (options.limit && hits.size() > options.limit) hits.resize(options.limit);
  return hits;
}

Result<EditOutcome> GazetteerStore::edit(const Change& change, const EditOptions& options) const {
  auto lock = FileLock::acquire(lock_path(), options.lock_timeout_ms);
  if (!lock) return lock.status();
  remove_stale_temporaries(folder_);

  // Stamp each file before reading it: a file replaced after that (by a writer that does not
  // take the lock) is noticed before the rename, and nothing is written.
  auto files = list_files();
  if (!files) return files.status();
  std::vector<FileStamp> stamps;
  std::vector<GazetteerSource> sources;
  std::vector<GazetteerDocument> docs;
  for (const fs::path& f : *files) {
    stamps.push_back(stamp_of(f));
    auto text = detail::read_whole_file(f);
    if (!text) return text.status();
    sources.push_back({f.string(), std::move(text).value()});
    docs.push_back(GazetteerDocument::parse(sources.back().name, sources.back().text));
  }

  std::vector<std::pair<std::string, AliasSpec>> new_aliases;
  auto outcome = change(docs, new_aliases);
  if (!outcome) return outcome.status();

  std::vector<std::size_t> changed;
  for (std::size_t i = 0; i < docs.size(); ++i)
    if (i >= sources.size() || docs[i].text() != sources[i].text) changed.push_back(i);
  if (changed.empty()) {
    outcome->message += " (no change)";
    return outcome;
  }

  std::vector<GazetteerSource> after;
  after.reserve(docs.size());
  for (const GazetteerDocument& d : docs) after.push_back({d.name(), d.text()});
  if (auto g = Gazetteer::from_sources(after); !g) {
    if (!Gazetteer::from_sources(sources))
      return invalid("the gazetteer has errors already (`alam gaz lint` lists them); fix them "
                     "first. Nothing written. " + g.status().message());
    return invalid("refusing to write: the result would not load: " + g.status().message());
  }

  if (!new_aliases.empty()) {
    auto entities = parse_entities(after);
    if (!entities) return entities.status();
    std::vector<std::vector<std::string>> keys;  // per entity, per alias
    keys.reserve(entities->size());
    for (const Entity& e : *entities) {
      keys.emplace_back();
      for (const Alias& a : e.aliases) keys.back().push_back(gazetteer_alias_key(a.text));
    }
    for (const auto& [id, alias] : new_aliases) {
      const std::string key = gazetteer_alias_key(alias.text);
      bool given = false;  // a GIVEN list's names collide with nothing
      for (const Entity& e : *entities) given |= e.id == id && e.type == EntityType::kGiven;
      const Entity* self = nullptr;
      std::size_t self_index = 0;
      for (std::size_t ei = 0; ei < entities->size(); ++ei) {
        const Entity& e = (*entities)[ei];
        if (e.id == id) {
          self = &e;
          self_index = ei;
          continue;
        }
        if (given) continue;
        if (options.allow_collisions || e.type == EntityType::kGiven) continue;
        for (std::size_t ai = 0; ai < e.aliases.size(); ++ai) {
          const Alias& a = e.aliases[ai];
          if (!aliases_collide(alias, {a.text, a.case_sensitive, a.exact}, key, keys[ei][ai]))
            continue;
          return invalid("refusing to write: alias '" + alias.text + "' of [" + id +
                         "] has the lookup key '" + key + "' of alias '" + a.text + "' of [" +
                         e.id + "] " + std::string(type_name(e.type)) + " (" +
                         where(e.file, a.line) +
                         "); nothing written (allow collisions with --force)");
        }
      }
      if (!self) continue;
      std::size_t line = outcome->line;
      for (const Alias& a : self->aliases)
        if (a.text == alias.text) line = a.line;
      for (const LintFinding& f :
           lint_alias(alias.text, alias.case_sensitive, alias.exact, self->type))
        outcome->warnings.push_back(where(self->file, line) + ": " + f.message);
      for (std::size_t ai = 0; ai < self->aliases.size(); ++ai) {
        const Alias& a = self->aliases[ai];
        if (a.text != alias.text && keys[self_index][ai] == key &&
            a.case_sensitive == alias.case_sensitive) {
          outcome->warnings.push_back(where(self->file, line) + ": alias '" + alias.text +
                                      "' has the same lookup key as '" + a.text + "' (line " +
                                      std::to_string(a.line) + "): it adds nothing");
          break;
        }
      }
    }
  }

  for (std::size_t i : changed) {
    const GazetteerDocument& d = docs[i];
    for (std::size_t n = 1; n <= std::min<std::size_t>(d.line_count(), 5); ++n)
      if (d.line(n).find("do not edit by hand") != std::string_view::npos) {
        outcome->warnings.push_back(d.name() +
                                    " is generated (\"do not edit by hand\"): this edit is lost "
                                    "when it is generated again; edit the curated files instead");
        break;
      }
  }
  // An edit writes only inside the folder it was given: a *.gaz that is a link to a file
  // elsewhere is read like the others, but not written through (that file belongs to another
  // folder, under another lock). A single-file store writes the file it was given.
  if (!single_file_) {
    std::error_code ec;
    const fs::path folder = fs::weakly_canonical(folder_.empty() ? fs::path(".") : folder_, ec);
    for (std::size_t i : changed) {
      const fs::path name = docs[i].name();
      if (!fs::is_symlink(name, ec)) continue;
      const fs::path target = fs::weakly_canonical(name, ec);
      if (ec) return io_error(name.string() + ": cannot resolve the link: " + ec.message());
      const auto [f, t] = std::mismatch(folder.begin(), folder.end(), target.begin(), target.end());
      if (f != folder.end())
        return invalid("refusing to write: " + name.string() + " is a link to " + target.string() +
                       ", outside " + folder_.string() + "; edit it there (--dir " +
                       target.parent_path().string() + ")");
    }
  }
  for (std::size_t i : changed) {
    const FileStamp expected = i < stamps.size() ? stamps[i] : FileStamp{};
    if (Status s = write_atomically(docs[i].name(), after[i].text, expected); !s) return s;
  }
  return outcome;
}

// ---------------------------------------------------------------------------------------------
// Store operations

Result<EditOutcome> GazetteerStore::add_entity(NewEntity e, const EditOptions& options) const {
  return edit(
      [&](std::vector<GazetteerDocument>& docs,
          std::vector<std::pair<std::string, AliasSpec>>& new_aliases) -> Result<EditOutcome> {
        auto taken = [&](std::string_view id) { return id_taken(docs, id); };
        if (e.id.empty()) {
          e.id = make_entity_id(e.type, e.name.text, e.aliases, taken);
        } else if (auto at = locate(docs, e.id); at) {
          return invalid("id '" + e.id + "' is already taken (" +
                         where(docs[at->doc].name(), at->block->first_line) + ")");
        }
        // Which file.
        std::string file;
        if (single_file_) {
          if (!e.file.empty() && fs::path(e.file).filename() != path_.filename())
            return invalid("this gazetteer is the single file " + path_.string() +
                           "; --file cannot name another");
          file = path_.string();
        } else if (!e.file.empty()) {
          const fs::path f(e.file);
          if (f.has_parent_path() || f.extension() != ".gaz")
            return invalid("--file must be a file name ending in .gaz inside " + path_.string() +
                           ", not '" + e.file + "'");
          file = (path_ / f).string();
        } else if (!e.after.empty()) {
          auto at = locate(docs, e.after);
          if (!at) return at.status();
          file = docs[at->doc].name();
        } else if (is_list_type(e.type)) {
          const std::string_view list = type_name(e.type);
          for (const GazetteerDocument& d : docs)
            for (const EntityBlock& b : d.blocks())
              if (file.empty() && b.type == list) file = d.name();
          if (file.empty()) file = (path_ / default_gazetteer_file(e.type)).string();
        } else {
          file = (path_ / default_gazetteer_file(e.type)).string();
        }
        auto doc = std::find_if(docs.begin(), docs.end(),
                                [&](const GazetteerDocument& d) { return d.name() == file; });
        if (doc == docs.end()) {
          docs.push_back(GazetteerDocument::parse(file, ""));
          doc = docs.end() - 1;
        }
        auto line = doc->add_entity(e, e.after);
        if (!line) return line.status();
        if (!e.name.text.empty()) new_aliases.emplace_back(e.id, e.name);
        for (const AliasSpec& a : e.aliases) new_aliases.emplace_back(e.id, a);
        for (auto& [id, a] : new_aliases) a.text = collapse_spaces(trim(a.text));
        return outcome_at(*doc, e.id, *line,
                          "added [" + e.id + "] " + std::string(type_name(e.type)));
      },
      options);
}

Result<EditOutcome> GazetteerStore::add_alias(std::string_view id, const AliasSpec& alias,
                                              const EditOptions& options) const {
  return add_aliases(id, {alias}, options);
}

Result<EditOutcome> GazetteerStore::add_aliases(std::string_view id,
                                                const std::vector<AliasSpec>& aliases,
                                                const EditOptions& options) const {
  return edit(
      [&](std::vector<GazetteerDocument>& docs,
          std::vector<std::pair<std::string, AliasSpec>>& new_aliases) -> Result<EditOutcome> {
        if (aliases.empty()) return invalid("no alias given");
        auto at = locate(docs, id);
        if (!at) return at.status();
        GazetteerDocument& doc = docs[at->doc];
        std::size_t first = 0;
        std::string what;
        for (const AliasSpec& alias : aliases) {
          auto line = doc.add_alias(id, alias);
          if (!line) return line.status();
          if (!first) first = *line;
          AliasSpec written = alias;
          written.text = collapse_spaces(trim(alias.text));
          new_aliases.emplace_back(std::string(id), written);
          what += (what.empty() ? "" : ", ") + format_alias_line("alias", written);
        }
        return outcome_at(doc, std::string(id), first,
                          "added " + what + " to [" + std::string(id) + "]");
      },
      options);
}

Result<EditOutcome> GazetteerStore::remove_entity(std::string_view id,
                                                  const EditOptions& options) const {
  return edit(
      [&](std::vector<GazetteerDocument>& docs,
          std::vector<std::pair<std::string, AliasSpec>>&) -> Result<EditOutcome> {
        auto at = locate(docs, id);
        if (!at) return at.status();
        GazetteerDocument& doc = docs[at->doc];
        const EntityBlock b = *at->block;
        if (Status s = doc.remove_entity(id); !s) return s;
        return outcome_at(doc, std::string(id), b.first_line,
                          "removed [" + b.id + "] " + b.type + " (lines " +
                              std::to_string(b.first_line) + "-" + std::to_string(b.last_line) +
                              ")");
      },
      options);
}

Result<EditOutcome> GazetteerStore::remove_alias(std::string_view id, std::string_view alias,
                                                 const EditOptions& options) const {
  return remove_aliases(id, {std::string(alias)}, options);
}

Result<EditOutcome> GazetteerStore::remove_aliases(std::string_view id,
                                                   const std::vector<std::string>& aliases,
                                                   const EditOptions& options) const {
  return edit(
      [&](std::vector<GazetteerDocument>& docs,
          std::vector<std::pair<std::string, AliasSpec>>&) -> Result<EditOutcome> {
        if (aliases.empty()) return invalid("no alias given");
        auto at = locate(docs, id);
        if (!at) return at.status();
        GazetteerDocument& doc = docs[at->doc];
        const std::size_t first = at->block->first_line;
        std::string what;
        for (const std::string& alias : aliases) {
          auto removed = doc.remove_alias(id, alias);
          if (!removed) return removed.status();
          what += (what.empty() ? "'" : ", '") + collapse_spaces(trim(alias)) + "'";
        }
        return outcome_at(doc, std::string(id), first,
                          "removed alias " + what + " from [" + std::string(id) + "]");
      },
      options);
}

Result<EditOutcome> GazetteerStore::rename(std::string_view id, std::string_view new_name,
                                           const RenameOptions& rename,
                                           const EditOptions& options) const {
  return edit(
      [&](std::vector<GazetteerDocument>& docs,
          std::vector<std::pair<std::string, AliasSpec>>& new_aliases) -> Result<EditOutcome> {
        auto at = locate(docs, id);
        if (!at) return at.status();
        GazetteerDocument& doc = docs[at->doc];
        const Entity before = doc.entity(*at->block);
        if (before.aliases.empty() || before.name.empty())
          return invalid("[" + std::string(id) + "] has no name to change");
        const Alias& old = before.aliases.front();
        AliasSpec name{collapse_spaces(trim(new_name)),
                       rename.case_sensitive.value_or(old.case_sensitive),
                       rename.exact.value_or(old.exact), false};
        auto line = doc.rename(id, name, rename.keep_old_name);
        if (!line) return line.status();
        bool listed_before = false;
        for (const Alias& a : before.aliases) listed_before |= a.text == name.text;
        if (!listed_before) new_aliases.emplace_back(std::string(id), name);
        const bool kept = doc.find(id) && [&] {
          for (const Alias& a : doc.entity(*doc.find(id)).aliases)
            if (a.text == old.text && a.line != *line) return true;
          return false;
        }();
        return outcome_at(doc, std::string(id), *line,
                          "renamed [" + std::string(id) + "] '" + old.text + "' to '" +
                              name.text + "'" + (kept ? " (the old name stays an alias)" : ""));
      },
      options);
}

Result<EditOutcome> GazetteerStore::change_id(std::string_view id, std::string_view new_id,
                                              const EditOptions& options) const {
  return edit(
      [&](std::vector<GazetteerDocument>& docs,
          std::vector<std::pair<std::string, AliasSpec>>&) -> Result<EditOutcome> {
        auto at = locate(docs, id);
        if (!at) return at.status();
        if (id != new_id)
          if (auto other = locate(docs, new_id); other)
            return invalid("id '" + std::string(new_id) + "' is already taken (" +
                           where(docs[other->doc].name(), other->block->first_line) + ")");
        GazetteerDocument& doc = docs[at->doc];
        const std::size_t line = at->block->first_line;
        if (Status s = doc.change_id(id, new_id); !s) return s;
        return outcome_at(doc, std::string(new_id), line,
                          "[" + std::string(id) + "] is now [" + std::string(new_id) + "]");
      },
      options);
}

Result<EditOutcome> GazetteerStore::set_type(std::string_view id, EntityType type,
                                             const EditOptions& options) const {
  return edit(
      [&](std::vector<GazetteerDocument>& docs,
          std::vector<std::pair<std::string, AliasSpec>>&) -> Result<EditOutcome> {
        auto at = locate(docs, id);
        if (!at) return at.status();
        GazetteerDocument& doc = docs[at->doc];
        const std::size_t line = at->block->first_line;
        if (Status s = doc.set_type(id, type); !s) return s;
        return outcome_at(doc, std::string(id), line,
                          "[" + std::string(id) + "] is now " + std::string(type_name(type)));
      },
      options);
}

Result<EditOutcome> GazetteerStore::set_attribute(std::string_view id, std::string_view key,
                                                  std::string_view value,
                                                  const EditOptions& options) const {
  return edit(
      [&](std::vector<GazetteerDocument>& docs,
          std::vector<std::pair<std::string, AliasSpec>>&) -> Result<EditOutcome> {
        auto at = locate(docs, id);
        if (!at) return at.status();
        GazetteerDocument& doc = docs[at->doc];
        auto line = doc.set_attribute(id, key, value);
        if (!line) return line.status();
        return outcome_at(doc, std::string(id), *line,
                          "[" + std::string(id) + "] " + std::string(trim(doc.line(*line))));
      },
      options);
}

Result<EditOutcome> GazetteerStore::unset_attribute(std::string_view id, std::string_view key,
                                                    const EditOptions& options) const {
  return edit(
      [&](std::vector<GazetteerDocument>& docs,
          std::vector<std::pair<std::string, AliasSpec>>&) -> Result<EditOutcome> {
        auto at = locate(docs, id);
        if (!at) return at.status();
        GazetteerDocument& doc = docs[at->doc];
        const std::size_t line = at->block->first_line;
        if (Status s = doc.unset_attribute(id, key); !s) return s;
        std::string_view k = trim(key);
        if (k.starts_with("attr.")) k.remove_prefix(5);
        return outcome_at(doc, std::string(id), line,
                          "removed attr." + std::string(k) + " from [" + std::string(id) + "]");
      },
      options);
}

Result<EditOutcome> GazetteerStore::set_alias_flags(std::string_view id, std::string_view alias,
                                                    bool case_sensitive, bool exact,
                                                    bool generated,
                                                    const EditOptions& options) const {
  return edit(
      [&](std::vector<GazetteerDocument>& docs,
          std::vector<std::pair<std::string, AliasSpec>>& new_aliases) -> Result<EditOutcome> {
        auto at = locate(docs, id);
        if (!at) return at.status();
        GazetteerDocument& doc = docs[at->doc];
        auto line = doc.set_alias_flags(id, alias, case_sensitive, exact, generated);
        if (!line) return line.status();
        // Dropping cs widens what the alias matches: check it against the others again.
        if (!case_sensitive)
          new_aliases.emplace_back(std::string(id),
                                   AliasSpec{doc.info(*line).value, case_sensitive, exact, generated});
        return outcome_at(doc, std::string(id), *line,
                          "[" + std::string(id) + "] " + std::string(trim(doc.line(*line))));
      },
      options);
}

}  // namespace alam
