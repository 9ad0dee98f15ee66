// alam/gazetteer_import.hpp — gazetteer text generated from other data: benchmark TSV rows, the
// pci.ids database and ICU's locale data.
//
//   std::string tsv = read("gazetteer.tsv");                 // type<TAB>canonical<TAB>alias
//   alam::Result<std::string> gaz = alam::import_tsv(tsv, "gazetteer.tsv");
//   if (!gaz) { std::cerr << gaz.status().message() << '\n'; return 1; }   // "FILE:LINE:COL: …"
//
//   alam::PciIdsImportOptions pci;
//   pci.exclude = alam::Gazetteer::read_sources({"gazetteers/chips.gaz"}).value();
//   alam::Result<std::string> chips = alam::import_pci_ids(read("/usr/share/misc/pci.ids"), pci);
//
//   alam::Result<std::string> places = alam::import_icu({});  // countries, regions, cities
//
// Every function returns gazetteer text in the format of docs/gazetteer-format.md, which
// alam::parse_entities and alam::Gazetteer::from_sources accept; the generated-file rules (what
// is taken, what is skipped, how ids are made) are in that document, "Generated gazetteers".
// The output is deterministic: the same input and options give the same bytes.
//
// Thread-safety: the functions share no state; they may run on several threads at once.
// Bad input: TSV rows are validated and the first bad row fails the whole import with a
// "FILE:LINE:COLUMN: message" status (nothing is written to the stream then); pci.ids lines
// that are not understood are skipped, never an error; an `exclude` source that does not parse
// is an error with its own file:line:column. No exception crosses this API (std::bad_alloc
// aside).
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "alam/gazetteer.hpp"
#include "alam/status.hpp"

namespace alam {

// What an import read and wrote.
struct ImportSummary {
  std::size_t records = 0;           // TSV rows, pci.ids device lines, or ICU names read
  std::size_t entities = 0;          // entities written
  std::size_t aliases = 0;           // aliases written, canonical names included
  std::size_t excluded_aliases = 0;  // skipped: already listed in an `exclude` source
  std::size_t filtered_aliases = 0;  // skipped by a filter rule (common word, short code, …)
};

struct TsvImportOptions {
  std::string id_prefix;  // prepended to every id (ids are TYPE-slug, e.g. "org-sensetime")
  std::string command;    // the command line named in the generated-file header; may be empty
};

// Reads rows `TYPE<TAB>canonical<TAB>alias` (the format of ../shared/bench/gen_corpus.py; blank
// lines and lines starting with '#' are skipped, a trailing '\r' is dropped) and groups them by
// type and canonical name into entities, in order of first appearance, with their aliases in
// row order (the canonical name first, repeated aliases once). Ids are derived from the type
// and the canonical name (docs/gazetteer-format.md). Errors (first bad row only): a row without
// exactly three fields, an unknown type, an empty field, invalid UTF-8, or a field that
// normalizes to no letter or digit at its start (it could never match).
Result<std::string> import_tsv(std::string_view text, std::string_view source_name,
                               const TsvImportOptions& options = {});
// The same, written to out (in one pass after validation: nothing is written on error).
// StatusCode::kIoError when writing fails.
Result<ImportSummary> import_tsv(std::string_view text, std::string_view source_name,
                                 std::ostream& out, const TsvImportOptions& options = {});

struct PciIdsImportOptions {
  std::string source_name = "pci.ids";  // shown in the generated-file header
  std::string id_prefix = "pci-";
  // Curated gazetteers: a generated alias whose normalized key is already listed in one of
  // these is skipped, and a model whose canonical name is listed there is left out entirely.
  std::vector<GazetteerSource> exclude;
  std::string command;
};

// One CHIP entity per marketing model of the GPU and accelerator vendors in pci.ids (NVIDIA,
// AMD/ATI, Intel graphics, Habana, Huawei Ascend, Moore Threads, Enflame, Graphcore, …; the
// vendor table and the rules are in docs/gazetteer-format.md): variants of one model (memory,
// form factor, mobile, OEM) are merged, with attr.vendor and attr.pci (vendor:device list).
// Chipsets, bridges, audio, USB and other functions are skipped.
Result<std::string> import_pci_ids(std::string_view text, const PciIdsImportOptions& options = {});
Result<ImportSummary> import_pci_ids(std::string_view text, std::ostream& out,
                                     const PciIdsImportOptions& options = {});

struct IcuImportOptions {
  std::string id_prefix = "icu-";
  std::vector<GazetteerSource> exclude;  // as for pci.ids
  std::string command;
  bool regions = true;   // continents and sub-continental regions (UN M.49)
  bool cities = true;    // time-zone exemplar cities
  bool variants = true;  // Arabic spelling variants for a Latin g (غ / ج / ق)
};

// LOC entities from the ICU locale data linked into the library: every ISO 3166 country or
// territory with its English and Arabic display names (standard, short and variant forms),
// world regions, and the exemplar city of each canonical time zone, plus the spelling variants
// that the normalizer does not fold. Ids come from ISO codes and zone ids (icu-cn,
// icu-region-150, icu-tz-asia-shanghai).
Result<std::string> import_icu(const IcuImportOptions& options = {});
Result<ImportSummary> import_icu(std::ostream& out, const IcuImportOptions& options = {});

// True when gazetteer text starts with the header that the import functions write: a
// generated file, which `--exclude DIR` skips.
bool is_generated_gazetteer(std::string_view text);

}  // namespace alam
