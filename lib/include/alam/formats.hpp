// alam/formats.hpp — reading annotated documents in JSONL, CoNLL (BIO/IOB2) and brat standoff.
//
//   alam::Result<std::vector<alam::Document>> gold = alam::load_documents("gold.conll");
//   if (!gold) std::cerr << gold.status().message() << '\n';   // "gold.conll:12: ..."
//   auto pred = alam::load_documents("pred/", alam::DocumentFormat::kBrat);
//   alam::Status s = alam::pair_documents(*gold, *pred, "gold.conll", "pred/");
//
// Every reader produces alam::Document values with byte offsets into Document::text, whatever
// the offsets of the file were. The formats are described exactly in docs/output-formats.md.
// Thread-safety: all functions are free functions without shared state; call them from any
// thread. Bad input never crashes and never throws: it gives a Status whose message starts
// with "file:line: " (brat: the .ann file and line; JSONL: "file:line: column C: ").
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alam/jsonl.hpp"
#include "alam/status.hpp"

namespace alam {

// The unit of offsets written or read: Unicode code points (Python str, the gold format, brat),
// UTF-16 code units (JavaScript, Java, C#), or UTF-8 bytes.
enum class OffsetUnit : unsigned char { kCodepoint, kUtf16, kByte };

// "codepoint", "utf16", "byte" (and back); nullopt for anything else.
std::optional<OffsetUnit> parse_offset_unit(std::string_view name);
std::string_view offset_unit_name(OffsetUnit unit);

enum class DocumentFormat : unsigned char { kJsonl, kConll, kBrat };

// "jsonl", "conll", "brat" (and back); nullopt for anything else.
std::optional<DocumentFormat> parse_document_format(std::string_view name);
std::string_view document_format_name(DocumentFormat format);

struct ReadOptions {
  OffsetUnit brat_offsets = OffsetUnit::kCodepoint;  // what the numbers of brat T lines count
};

// All the documents of a JSONL file's content (blank lines skipped), with their entities.
// source names the file in error messages.
Result<std::vector<Document>> parse_jsonl_documents(std::string_view source,
                                                    std::string_view content);

// CoNLL: one token per line ("TOKEN<TAB>TAG", or several columns: the first is the token and
// the last the tag), a blank line between documents, optional "# id = <JSON>" and
// "# text = <text>" / "# text_json = <JSON string>" comments before a document's first token.
// Tags are O, B-X, I-X (IOB2; an I-X that follows no X opens a span, as in IOB1), and E-X,
// S-X, L-X, U-X are accepted too. With a text comment, tokens are located in that text (and
// must appear in it in order, separated by nothing or whitespace); without one the text is
// the tokens joined by single spaces. "-DOCSTART-" lines separate documents.
Result<std::vector<Document>> parse_conll(std::string_view source, std::string_view content);

// One brat document: the .ann content and the .txt content. Text-bound annotations
// ("T<n>\tTYPE START END[;START END]...\tTEXT") of alam's types become spans (a discontinuous
// one covers its fragments); their TEXT must equal the slice of the .txt (fragments joined by a
// space), as brat itself checks. AnnotatorNotes lines written by alam ("canonical: …; source:
// …") fill Span::canonical and Span::source; other annotation kinds (R, E, A, N, M, *, #) are
// skipped. id_json of the result is the JSON string of doc_name.
Result<Document> parse_brat(std::string_view ann_source, std::string_view ann,
                            std::string_view text, std::string_view doc_name,
                            OffsetUnit offsets = OffsetUnit::kCodepoint);

// JSONL or CoNLL content (not brat, which is files) from any source, such as standard input.
Result<std::vector<Document>> parse_documents(std::string_view source, std::string_view content,
                                              DocumentFormat format);

// The format of content alone: JSONL when the first non-blank line starts with '{', else CoNLL.
DocumentFormat detect_content_format(std::string_view content);

// The format of a path: a folder is brat when it holds NAME.txt or NAME.ann files, otherwise
// JSONL or CoNLL when it holds files of just one of them (an error when it holds neither or
// both); *.ann (or a *.txt with an .ann beside it) is one brat
// document; *.jsonl / *.json / *.ndjson is JSONL; *.conll / *.conllu / *.bio / *.iob /
// *.iob2 / *.tsv is CoNLL; otherwise the content decides (a first non-blank line that starts
// with '{' is JSONL, anything else CoNLL). Errors when the path cannot be read.
Result<DocumentFormat> detect_format(const std::filesystem::path& path);

// Reads a file, or a folder: for brat its NAME.ann + NAME.txt pairs, for JSONL and CoNLL every
// file with that format's extension, both in natural name order ("doc-2" before "doc-10").
// Detects the format when none is given.
Result<std::vector<Document>> load_documents(const std::filesystem::path& path,
                                             std::optional<DocumentFormat> format = {},
                                             ReadOptions options = {});

// Puts predicted documents in the order of the gold ones so that pred[i] annotates gold[i]:
// by position when both have the same number of documents with the same texts, otherwise by
// document id (JSONL "id", CoNLL "# id", brat file name; compared as brat file names, see
// docs/output-formats.md) when every document has a distinct one. Texts that differ only in
// whitespace (a CoNLL file without "# text" comments) are accepted: predicted spans are moved
// onto the gold text by their non-whitespace characters, and pred[i].text becomes gold[i].text.
// Any other difference is an error naming the document.
Status pair_documents(const std::vector<Document>& gold, std::vector<Document>& pred,
                      std::string_view gold_name, std::string_view pred_name);

// The value of a JSON id for people and file names: a JSON string's content, otherwise the
// JSON text itself (2, true, ...). Empty for an empty id.
std::string id_display(std::string_view id_json);

// A safe file name stem for a document id (brat NAME.txt / NAME.ann): ASCII letters, digits,
// '-', '_' and '.' are kept, every other code point becomes '_', runs of '_' collapse, and a
// leading '.' becomes '_'. Empty when nothing usable remains (the caller numbers the document).
std::string file_stem_for_id(std::string_view id_display);

}  // namespace alam
