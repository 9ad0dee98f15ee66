// The TSV importer: benchmark rows TYPE<TAB>canonical<TAB>alias, grouped into entities. The rules
// are in docs/gazetteer-format.md, "Generated gazetteers"; keep the two in step.
#include "alam/gazetteer_import.hpp"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <optional>
#include <ostream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "alam/utf8.hpp"

#include "gazetteer_syntax.hpp"
#include "import/import_common.hpp"

namespace alam {
namespace {

using gazetteer_syntax::collapse_spaces;
using gazetteer_syntax::trim;
using namespace import_detail;  // the importers' shared helpers (import_common.hpp)

constexpr std::uint32_t kNone = 0xFFFFFFFFu;

// True when a trimmed value still has a run of spaces or a tab, which the gazetteer parser
// would collapse into one space.
bool needs_collapse(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\t' || (s[i] == ' ' && i + 1 < s.size() && s[i + 1] == ' ')) return true;
  return false;
}

struct TsvEntity {
  EntityType type;
  std::string_view canonical;
  std::uint32_t first_row = kNone;
  std::uint32_t last_row = kNone;
};

struct TsvRow {
  std::string_view alias;
  std::uint32_t next = kNone;
};

Result<ImportSummary> tsv_import(std::string_view text, std::string_view source_name,
                                 const TsvImportOptions& options, Sink& sink) {
  const std::string file(source_name);
  const auto error = [&](std::size_t line, std::size_t column, const std::string& message) {
    return Status{StatusCode::kInvalidArgument, file + ":" + std::to_string(line) + ":" +
                                                    std::to_string(column) + ": " + message};
  };
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

  const KeyMaker keys;
  std::deque<std::string> owned;  // fields that needed trimming inside, and rebuilt group keys
  std::unordered_map<std::string_view, std::uint32_t> groups;  // "TYPE\tcanonical" → entity
  std::vector<TsvEntity> entities;
  std::vector<TsvRow> rows;
  ImportSummary summary;
  groups.reserve(text.size() / 96);  // gen_corpus rows: ~48 bytes, ~2.4 rows per entity
  const auto clean = [&](std::string_view field) -> std::string_view {
    field = trim(field);
    if (!needs_collapse(field)) return field;
    owned.push_back(collapse_spaces(field));
    return owned.back();
  };

  std::size_t line_no = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty() || line.front() == '#') continue;
    if (const std::size_t bad = utf8::first_invalid(line); bad != std::string_view::npos)
      return error(line_no, bad + 1, "invalid UTF-8");
    const std::size_t tab1 = line.find('\t');
    const std::size_t tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string_view::npos || line.find('\t', tab2 + 1) != std::string_view::npos)
      return error(line_no, 1,
                   "expected 3 tab-separated fields (TYPE, canonical name, alias), found " +
                       std::to_string(1 + std::count(line.begin(), line.end(), '\t')));
    const std::string_view type_field = trim(line.substr(0, tab1));
    const std::optional<EntityType> type = parse_type(type_field);
    if (!type)
      return error(line_no, 1,
                   "unknown type '" + std::string(type_field) +
                       "' (ORG PERSON CHIP PRODUCT LOC MONEY PERCENT DATE STOP)");
    const std::size_t canonical_column = tab1 + 2, alias_column = tab2 + 2;
    const std::string_view canonical = clean(line.substr(tab1 + 1, tab2 - tab1 - 1));
    if (canonical.empty()) return error(line_no, canonical_column, "empty canonical name");
    const std::string_view alias = clean(line.substr(tab2 + 1));
    if (alias.empty()) return error(line_no, alias_column, "empty alias");
    ++summary.records;

    // Group by type and canonical name: the line itself is the key when the two fields need
    // no cleaning ("TYPE\tcanonical" is its prefix); otherwise the key is built.
    std::string_view group;
    if (type_field.data() == line.data() && type_field.size() == tab1 &&
        canonical.data() == line.data() + tab1 + 1)
      group = line.substr(0, tab1 + 1 + canonical.size());
    else
      group = owned.emplace_back(std::string(type_name(*type)) + "\t" + std::string(canonical));
    const auto [it, inserted] = groups.try_emplace(group, std::uint32_t(entities.size()));
    if (inserted) {
      if (!keys.matchable(canonical))
        return error(line_no, canonical_column,
                     "canonical name '" + std::string(canonical) +
                         "' does not start with a letter or digit after normalization");
      entities.push_back({*type, canonical});
    }
    TsvEntity& entity = entities[it->second];
    if (alias == entity.canonical) continue;
    if (!keys.matchable(alias))
      return error(line_no, alias_column,
                   "alias '" + std::string(alias) +
                       "' does not start with a letter or digit after normalization");
    const std::uint32_t row = std::uint32_t(rows.size());
    rows.push_back({alias});
    if (entity.first_row == kNone)
      entity.first_row = row;
    else
      rows[entity.last_row].next = row;
    entity.last_row = row;
  }

  std::string& out = sink.buf();
  write_header(out, options.command,
               {"Source: " + file + ", " + std::to_string(summary.records) +
                    " rows TYPE<TAB>canonical<TAB>alias grouped by type and",
                "canonical name. Rules: docs/gazetteer-format.md, \"Generated gazetteers\"."});
  IdAllocator ids;
  ids.reserve(entities.size() * 2);
  std::vector<std::string_view> seen;
  std::unordered_set<std::string_view> seen_big;
  for (const TsvEntity& e : entities) {
    const std::string_view type = type_name(e.type);
    const std::string base = options.id_prefix + lower_ascii(type) + "-" + slug(e.canonical);
    const std::string id =
        ids.allocate(base, std::string(type) + "\t" + std::string(e.canonical));
    out += "\n[";
    out += id;
    out += "] ";
    out += type;
    out += '\n';
    write_value(out, e.type == EntityType::kStop ? "alias" : "name", false, e.canonical);
    ++summary.entities;
    ++summary.aliases;
    // Each alias once, in row order.
    seen.clear();
    seen_big.clear();
    seen.push_back(e.canonical);
    for (std::uint32_t r = e.first_row; r != kNone; r = rows[r].next) {
      const std::string_view alias = rows[r].alias;
      bool repeated;
      if (seen.size() < 16) {
        repeated = std::find(seen.begin(), seen.end(), alias) != seen.end();
        if (!repeated) seen.push_back(alias);
        if (seen.size() == 16) seen_big.insert(seen.begin(), seen.end());
      } else {
        repeated = !seen_big.insert(alias).second;
      }
      if (repeated) continue;
      write_value(out, "alias", false, alias);
      ++summary.aliases;
    }
    sink.maybe_flush();
  }
  if (!sink.flush()) return Status{StatusCode::kIoError, "write error"};
  return summary;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public API

Result<std::string> import_tsv(std::string_view text, std::string_view source_name,
                               const TsvImportOptions& options) {
  Sink sink(nullptr);
  auto r = tsv_import(text, source_name, options, sink);
  if (!r) return r.status();
  return sink.take();
}

Result<ImportSummary> import_tsv(std::string_view text, std::string_view source_name,
                                 std::ostream& out, const TsvImportOptions& options) {
  Sink sink(&out);
  return tsv_import(text, source_name, options, sink);
}

}  // namespace alam
