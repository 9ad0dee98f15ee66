// alam/jsonl.hpp — the JSONL document format of alam and of the gold data.
//
//   auto doc = alam::parse_document(line, /*read_entities=*/false);
//   if (!doc) std::cerr << file << ':' << line_no << ':' << doc.status().message() << '\n';
//   std::string out;
//   alam::append_document_json(out, doc->id_json, doc->text, tagger.tag(doc->text));
//
// One object per line: {"id"?, "text", "entities": [{"start", "end", "byte_start", "byte_end",
// "type", "text", "canonical"?, "source"?}]}. start/end are code point offsets, byte_* UTF-8
// byte offsets into "text", end exclusive (../shared/eval/GUIDELINES.md). Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "alam/span.hpp"
#include "alam/status.hpp"

namespace alam {

struct Document {
  std::string id_json;         // the "id" value as JSON text (passed through), empty if absent
  std::string text;            // the "text" value
  std::vector<Span> entities;  // byte offsets into text; read only when asked
};

// Parses one line. Errors say "column C: message" (C is the 1-based byte column); the caller
// adds file and line. Entities need "start", "end" (code points) and "type"; a given entity
// "text" must equal the slice it names.
Result<Document> parse_document(std::string_view line, bool read_entities);

// Appends one JSON object (no newline) for text and its spans. Ill-formed UTF-8 in text is
// written as U+FFFD per bad byte, so code point offsets stay consistent with byte offsets.
// known_valid: the caller has checked that text is valid UTF-8 (saves a pass over it).
void append_document_json(std::string& out, std::string_view id_json, std::string_view text,
                          const std::vector<Span>& spans, bool known_valid = false);

// Appends s as a JSON string literal (with quotes), escaping as needed; bad UTF-8 → U+FFFD.
void append_json_string(std::string& out, std::string_view s);

}  // namespace alam
