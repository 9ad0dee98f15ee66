// Fuzz target: the JSONL document reader (parse_document), with and without entities.
// Invariants: errors say "column C: ..."; without read_entities no entities come back; with
// it, each entity (in the order read) is in range, on UTF-8 boundaries and of an output type;
// for valid UTF-8 text, writing the document back (append_document_json) and reading it again
// gives the same id, text and entities.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "alam/jsonl.hpp"
#include "alam/utf8.hpp"
#include "invariants.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > alam::fuzz::kMaxInput) return 0;
  const std::string_view line(reinterpret_cast<const char*>(data), size);

  for (const bool read_entities : {false, true}) {
    auto doc = alam::parse_document(line, read_entities);
    if (!doc) {
      alam::fuzz::check(doc.status().message().rfind("column ", 0) == 0,
                        "error without a column: " + doc.status().message());
      continue;
    }
    if (!read_entities) {
      alam::fuzz::check(doc->entities.empty(), "entities read without read_entities");
      continue;
    }
    alam::fuzz::check_spans(doc->text, doc->entities, false);
    if (alam::utf8::first_invalid(doc->text) != std::string_view::npos) continue;

    std::string out;
    alam::append_document_json(out, doc->id_json, doc->text, doc->entities);
    auto back = alam::parse_document(out, true);
    alam::fuzz::check(back.has_value(), "written document does not parse: " +
                                            (back ? std::string() : back.status().message()) +
                                            "\n" + out);
    alam::fuzz::check(back->id_json == doc->id_json, "id changed in the round trip");
    alam::fuzz::check(back->text == doc->text, "text changed in the round trip");
    alam::fuzz::check(back->entities.size() == doc->entities.size(),
                      "entity count changed in the round trip");
    for (std::size_t i = 0; i < doc->entities.size(); ++i) {
      const alam::Span& a = doc->entities[i];
      const alam::Span& b = back->entities[i];
      alam::fuzz::check(a.begin == b.begin && a.end == b.end && a.type == b.type,
                        "entity " + std::to_string(i) + " changed in the round trip: " +
                            alam::fuzz::describe(a) + " vs " + alam::fuzz::describe(b));
    }
  }
  return 0;
}
