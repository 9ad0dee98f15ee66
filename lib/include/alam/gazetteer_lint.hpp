// alam/gazetteer_lint.hpp — checks of gazetteer text beyond what loading needs.
//
//   alam::Result<alam::LintReport> r = alam::lint_gazetteer_path("gazetteers");
//   for (const alam::LintFinding& f : r->findings) std::cout << alam::format_finding(f) << '\n';
//   // gazetteers/orgs.gaz:120: error: alias 'Apple' of [apple] ORG has the same lookup key …
//   return r->errors > 0 ? 1 : 0;
//
// Errors (a gazetteer that fails to load, or one whose lookups are ambiguous):
//   syntax          a line the parser rejects; unlike loading, every such line is reported
//   structure       a missing or second name, a STOP entry with a name, an entity without alias
//   duplicate-id    an id defined twice (both places named)
//   no-word-start   an alias that does not start with a letter or digit after normalization
//   alias-collision two entities (of different types, or of the same type) with aliases of the
//                   same lookup key (normalized tokens joined by ' ', as the tagger matches);
//                   two case-sensitive aliases only collide when they are written alike; a STOP
//                   list hiding an entity's alias collides too; GIVEN lists (cues for the
//                   person grammar, never tagged) collide with nothing
//   load            any other error of Gazetteer::from_sources
// Warnings:
//   common-word     a one-word Latin alias that is a common English word and not flagged cs
//                   (or flagged cs but written in lower case); not for STOP or GIVEN lists
//   function-word   a one-word Arabic alias that is a common Arabic function word
//   case-variant    aliases of one entity that differ only by letter case where one is cs and
//                   another is not (the cs flag has no effect)
//   redundant-alias two aliases of one entity with the same lookup key and flags
//   flag-no-effect  cs on an alias without cased letters; exact on an alias that does not start
//                   with an Arabic word
//   attribute       attr.country / attr.iso not two capital letters, attr.wikidata not Q123…,
//                   an attribute given twice in one entity
//
// Thread-safety: the functions are pure and may run in many threads at once. Bad input: any
// bytes are accepted; problems become findings, never failures (only reading files can fail).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "alam/gazetteer.hpp"
#include "alam/status.hpp"

namespace alam {

enum class LintSeverity : unsigned char { kWarning, kError };

struct LintFinding {
  LintSeverity severity = LintSeverity::kError;
  std::string file;
  std::size_t line = 0;  // 1-based; 0 when the finding is about a file as a whole
  std::string code;      // "alias-collision", "common-word", … (see above)
  std::string message;
};

struct LintReport {
  std::vector<LintFinding> findings;  // by file (in source order), then line
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t files = 0;
  std::size_t entities = 0;
  std::size_t aliases = 0;
};

struct LintOptions {
  bool common_words = true;  // the common-word and function-word warnings
};

// Lints texts as a set (ids and keys are compared across all of them).
LintReport lint_gazetteer(const std::vector<GazetteerSource>& sources,
                          const LintOptions& options = {});
// Reads a file or a folder's *.gaz files (as Gazetteer::read_sources) and lints them.
Result<LintReport> lint_gazetteer_path(const std::filesystem::path& path,
                                       const LintOptions& options = {});

// "FILE:LINE: error: MESSAGE [CODE]".
std::string format_finding(const LintFinding& finding);

// The lookup key of an alias text: its normalized tokens joined by ' ' (case folded), as the
// tagger's index keys it. With case_sensitive, the key without case folding (the form a cs
// alias must match). Thread-safe.
std::string gazetteer_alias_key(std::string_view text, bool case_sensitive = false);

// Warnings about one alias on its own (common word, function word, flags without effect), as
// messages without location. Used by lint and by edits for the aliases they add.
std::vector<LintFinding> lint_alias(std::string_view text, bool case_sensitive, bool exact,
                                    EntityType type);

// The built-in word lists (normalized keys), for tests and documentation.
const std::vector<std::string_view>& common_english_words();
const std::vector<std::string_view>& arabic_function_words();

}  // namespace alam
