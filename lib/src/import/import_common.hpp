// The pieces the gazetteer importers (tsv_import.cpp, pci_ids_import.cpp, icu_import.cpp) share:
// text helpers, ids, alias keys, the generated-file header and output, and the Assembler.
#pragma once

#include <unicode/unistr.h>

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "alam/gazetteer.hpp"
#include "alam/gazetteer_import.hpp"
#include "alam/normalizer.hpp"
#include "alam/status.hpp"

namespace alam::import_detail {

// ---------------------------------------------------------------------------------------------
// Text helpers

std::string to_utf8(const icu::UnicodeString& s);

inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }

std::string lower_ascii(std::string_view s);
bool contains_arabic(std::string_view s);

// The text without its parenthesized parts, runs of spaces collapsed, trimmed.
std::string strip_parenthetical(std::string_view s);

// ---------------------------------------------------------------------------------------------
// Ids: a slug of the name. ASCII letters and digits are kept (lower-cased), accented Latin
// letters lose their accents, Arabic letters are transliterated with a fixed table, and every
// other run of characters becomes one '-'. At most 48 characters, cut at a '-'.

std::string slug(std::string_view text);

// Unique ids: the first entity gets the base id; a later entity with the same base gets
// "-" and six hex digits of a hash of its name (stable whatever else the input holds), then
// "-2", "-3", … should even that be taken.
class IdAllocator {
 public:
  std::string allocate(std::string base, std::string_view hash_source);
  void reserve(std::size_t n) { used_.reserve(n); }

 private:
  std::unordered_set<std::string> used_;
};

// ---------------------------------------------------------------------------------------------
// Keys: the normalized token sequence under which the index files an alias.

class KeyMaker {
 public:
  // Tokens' normalized texts joined by ' ' (as Gazetteer::Index keys aliases); empty when the
  // text does not start with a letter or digit after normalization (it could never match).
  std::string key(std::string_view text) const;

  // Whether the text can be an alias at all (what key() checks, without building the key).
  bool matchable(std::string_view text) const;

 private:
  Normalizer normalizer_;
};

// ---------------------------------------------------------------------------------------------
// Output

class Sink {
 public:
  explicit Sink(std::ostream* os) : os_(os) {}
  std::string& buf() { return buf_; }
  // Hands full chunks to the stream as the text grows.
  void maybe_flush() {
    if (os_ && buf_.size() >= (std::size_t(1) << 20)) flush();
  }
  bool flush() {
    if (!os_) return true;
    os_->write(buf_.data(), std::streamsize(buf_.size()));
    buf_.clear();
    return bool(*os_);
  }
  std::string take() { return std::move(buf_); }

 private:
  std::ostream* os_;
  std::string buf_;
};

// The generated-file header: the marker that is_generated_gazetteer looks for, the command
// line when there is one, then each line as a comment.
void write_header(std::string& out, std::string_view command,
                  const std::vector<std::string>& lines);

// "key = value" (key[cs] when cs) and a line break.
void write_value(std::string& out, std::string_view key, bool cs, std::string_view value);

// ---------------------------------------------------------------------------------------------
// Generated entities (pci.ids, ICU): exclusion of curated aliases, dedupe, ids, output.

struct GenAlias {
  std::string text;
  bool cs = false;
};

struct GenEntity {
  std::string id;                // without the prefix; made unique on output
  EntityType type = EntityType::kLoc;
  std::vector<GenAlias> names;   // names[0] is the canonical name
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string section;           // a comment heading, written when it changes
};

class Assembler {
 public:
  Assembler(const KeyMaker& keys, ImportSummary& summary) : keys_(keys), summary_(summary) {}

  // Every alias of the curated sources becomes an excluded key.
  Status exclude(const std::vector<GazetteerSource>& sources);

  // Keeps the entity with the aliases that are new: not excluded, not taken by an earlier
  // generated entity, not repeated. When its canonical name, or another Latin-script name, is
  // an alias of a curated entity of the same type, the place or chip is already curated: the
  // entity is left out (the curated one is authoritative) and noted with the spellings that no
  // curated file has. (Arabic names alone do not decide: تونس is both Tunisia and Tunis.)
  void add(GenEntity e);

  std::size_t size() const { return entities_.size(); }

  // The entities in the order added, under their section headings, then the notes on the
  // entities left out.
  void write(Sink& sink, std::string_view id_prefix);

 private:
  const KeyMaker& keys_;
  ImportSummary& summary_;
  struct Curated {
    std::string where;  // "[id] in FILE"
    EntityType type;
  };
  std::unordered_map<std::string, Curated> excluded_;  // key → the curated entity
  std::unordered_set<std::string> claimed_;
  std::vector<GenEntity> entities_;
  std::vector<std::string> notes_;
};

}  // namespace alam::import_detail
