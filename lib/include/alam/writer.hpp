// alam/writer.hpp — output formats of tagged documents behind one interface.
//
//   alam::WriterOptions options;
//   options.offsets = alam::OffsetUnit::kUtf16;                 // for JavaScript consumers
//   auto writer = alam::make_writer("jsonl", options);         // Result<unique_ptr<Writer>>
//   if (!writer) { std::cerr << writer.status().message(); return 2; }
//   alam::WriterOutput out;
//   (*writer)->begin(out);
//   for (...) {
//     const std::vector<alam::Span> spans = tagger.tag(text);
//     out.clear();
//     (*writer)->document({.id_json = id, .text = text, .spans = spans}, out);
//     write(out.stream);                                       // and out.files, for brat
//   }
//   out.clear();
//   (*writer)->end(out);
//   write(out.stream);
//
// Formats (docs/output-formats.md has every detail):
//   jsonl  one JSON object per document; start/end in options.offsets, byte_* always bytes
//   conll  one token per line with its BIO (IOB2) tag, "# id"/"# text" comments, a blank line
//          after each document; whitespace tokens, or with options.segment tokens also cut at
//          span boundaries (so proclitics glued to a name become tokens of their own)
//   brat   NAME.txt and NAME.ann per document (files, not stream), plus annotation.conf and
//          visual.conf for the collection; offsets in options.offsets (brat: code points)
//   xml    <documents><document id="…">text with <ORG canonical="…" source="…">…</ORG></…>
//   html   one self-contained page: bidi-isolated paragraphs and spans, legend, summary table
//   human  the text and one line per entity, for terminals (options.colour: ANSI colours)
//
// Output is always valid UTF-8: an ill-formed byte of the input is written as U+FFFD (one per
// byte, so code point offsets are unchanged). Spans must be sorted, non-overlapping and lie on
// code point boundaries inside the text, as Tagger::tag returns them; others are clipped or
// skipped, never a crash. Thread-safety: make_writer is thread-safe; a Writer keeps state
// between documents (document numbers, HTML statistics), so use each one from one thread.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "alam/formats.hpp"
#include "alam/span.hpp"
#include "alam/status.hpp"

namespace alam {

struct WriterOptions {
  OffsetUnit offsets = OffsetUnit::kCodepoint;  // jsonl start/end, brat, human
  bool segment = false;                         // conll: cut tokens at span boundaries
  bool colour = false;                          // human: ANSI colours
  std::string title = "alam";                   // html: page title
};

// One tagged document (a view: it owns nothing).
struct WriterDocument {
  std::string_view id_json;        // the document id as JSON text; empty when it has none
  std::string_view text;           // the original text (any bytes)
  const std::vector<Span>& spans;  // byte offsets into text, sorted, non-overlapping
  std::string_view source;         // where the text came from ("<stdin>", a file name): human
  std::size_t line = 0;            // 1-based line in source, 0 when unknown: human
  bool valid_utf8 = false;         // the caller has checked that text is valid UTF-8
};

// A whole file produced by a writer (brat). name is a plain file name, no folders.
struct OutputFile {
  std::string name;
  std::string content;
  bool replace = true;  // false: an existing file of that name is kept (collection config)
};

// What a writer produced: text for the output stream, and whole files for an output folder.
struct WriterOutput {
  std::string stream;
  std::vector<OutputFile> files;
  void clear() {
    stream.clear();
    files.clear();
  }
};

class Writer {
 public:
  virtual ~Writer() = default;
  // Before the first document (HTML head and legend, XML declaration and root element).
  virtual void begin(WriterOutput& out) { (void)out; }
  // One document. Cannot fail.
  virtual void document(const WriterDocument& doc, WriterOutput& out) = 0;
  // After the last document (HTML summary table, XML root end, brat collection config).
  virtual void end(WriterOutput& out) { (void)out; }
  // True when the writer produces files (brat) and so needs an output folder.
  virtual bool writes_files() const { return false; }
  // True when the writer keeps no state between documents (jsonl, conll): then documents may
  // be written by several writers of the same options at once, and their outputs concatenated
  // in document order equal one writer's (alam tag -j N writes in its worker threads).
  virtual bool stateless() const { return false; }
};

// The writer of a format: "jsonl", "conll", "brat", "xml", "html" or "human". An unknown name
// gives kInvalidArgument with the list of formats.
Result<std::unique_ptr<Writer>> make_writer(std::string_view format, const WriterOptions& options);

// The format names, in the order above.
std::span<const std::string_view> writer_formats();

}  // namespace alam
