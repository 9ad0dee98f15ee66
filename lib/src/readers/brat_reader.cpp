// brat standoff reader: NAME.ann against NAME.txt (docs/output-formats.md, "brat").
#include <algorithm>
#include <charconv>
#include <map>

#include "alam/formats.hpp"
#include "alam/utf8.hpp"
#include "format_util.hpp"

namespace alam {
namespace {

bool parse_number(std::string_view s, std::size_t& out) {
  if (s.empty()) return false;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace

Result<Document> parse_brat(std::string_view ann_source, std::string_view ann,
                            std::string_view text, std::string_view doc_name,
                            OffsetUnit unit) {
  const std::string src(ann_source);
  auto error = [&](std::size_t line, const std::string& message) -> Status {
    return {StatusCode::kInvalidArgument, src + ":" + std::to_string(line) + ": " + message};
  };
  Document doc;
  doc.id_json = detail::json_string(doc_name);
  doc.text = std::string(text);
  const detail::UnitOffsets units(text, unit);
  std::map<std::string, std::size_t, std::less<>> by_id;  // T id -> entity index
  std::vector<std::pair<std::string, std::string>> notes;  // (T id, note)

  std::size_t line_no = 0;
  while (!ann.empty()) {
    const std::size_t nl = ann.find('\n');
    std::string_view line = ann.substr(0, nl);
    ann = nl == std::string_view::npos ? std::string_view() : ann.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0)
      return error(line_no, "expected an annotation id and a TAB");
    const std::string_view id = line.substr(0, tab);
    const std::string_view rest = line.substr(tab + 1);
    if (id[0] == '#') {
      // "#1\tAnnotatorNotes T1\tnote"
      const std::size_t tab2 = rest.find('\t');
      const std::string_view head = rest.substr(0, tab2);
      if (tab2 != std::string_view::npos && head.starts_with("AnnotatorNotes "))
        notes.emplace_back(std::string(head.substr(15)), std::string(rest.substr(tab2 + 1)));
      continue;
    }
    if (id[0] != 'T') continue;  // relations, events, attributes, normalizations, equivalences
    const std::size_t tab2 = rest.find('\t');
    if (tab2 == std::string_view::npos)
      return error(line_no, std::string(id) + ": expected \"TYPE START END\", a TAB and the text");
    const std::string_view head = rest.substr(0, tab2);
    const std::string_view span_text = rest.substr(tab2 + 1);
    const std::size_t sp = head.find(' ');
    if (sp == std::string_view::npos)
      return error(line_no, std::string(id) + ": expected \"TYPE START END\"");
    const std::string_view type_name_text = head.substr(0, sp);
    const auto type = parse_type(type_name_text);
    if (!type || *type == EntityType::kStop)
      return error(line_no, std::string(id) + ": unknown entity type \"" +
                                std::string(type_name_text) + "\"");
    // Fragments "START END;START END".
    std::string_view frags = head.substr(sp + 1);
    std::string joined;
    std::size_t lo = std::string_view::npos, hi = 0;
    while (true) {
      const std::size_t semi = frags.find(';');
      const std::string_view frag = frags.substr(0, semi);
      const std::size_t space = frag.find(' ');
      std::size_t a = 0, b = 0;
      if (space == std::string_view::npos || !parse_number(frag.substr(0, space), a) ||
          !parse_number(frag.substr(space + 1), b))
        return error(line_no, std::string(id) + ": bad offsets \"" + std::string(frag) + "\"");
      if (b <= a)
        return error(line_no, std::string(id) + ": empty or reversed offsets " +
                                  std::to_string(a) + " " + std::to_string(b));
      const auto ba = units.to_byte(a), bb = units.to_byte(b);
      if (!ba || !bb) {
        const std::size_t bad = ba ? b : a;
        if (bad > units.size())
          return error(line_no, std::string(id) + ": offset " + std::to_string(bad) +
                                    " is past the end of the text (" +
                                    std::to_string(units.size()) + " " +
                                    std::string(offset_unit_name(unit)) + " units)");
        return error(line_no, std::string(id) + ": offset " + std::to_string(bad) +
                                  " falls inside a character (not a " +
                                  std::string(offset_unit_name(unit)) + " boundary)");
      }
      if (!joined.empty() || lo != std::string_view::npos) joined.push_back(' ');
      joined.append(text.substr(*ba, *bb - *ba));
      lo = std::min(lo, *ba);
      hi = std::max(hi, *bb);
      if (semi == std::string_view::npos) break;
      frags = frags.substr(semi + 1);
    }
    if (span_text != joined && span_text != utf8::sanitize(joined))
      return error(line_no, std::string(id) + ": text \"" + detail::one_line(span_text) +
                                "\" differs from the text file's \"" +
                                detail::one_line(joined) + "\" at those offsets");
    if (!by_id.emplace(std::string(id), doc.entities.size()).second)
      return error(line_no, "duplicate annotation id " + std::string(id));
    doc.entities.push_back(Span{lo, hi, *type, {}, {}});
  }
  // Notes written by alam: "canonical: NAME; source: SOURCE" (either part may be absent).
  for (const auto& [target, note] : notes) {
    auto it = by_id.find(target);
    if (it == by_id.end()) continue;
    Span& s = doc.entities[it->second];
    std::string_view n = note;
    const std::size_t src_at = n.rfind("source: ");
    if (n.starts_with("canonical: ")) {
      std::string_view c = n.substr(11, src_at == std::string_view::npos ? std::string_view::npos
                                                                          : src_at - 11);
      if (c.ends_with("; ")) c.remove_suffix(2);
      s.canonical = std::string(c);
    }
    if (src_at != std::string_view::npos && (src_at == 0 || n.substr(0, src_at).ends_with("; ")))
      s.source = std::string(n.substr(src_at + 8));
  }
  std::stable_sort(doc.entities.begin(), doc.entities.end(),
                   [](const Span& a, const Span& b) { return a.begin < b.begin; });
  return doc;
}

}  // namespace alam
