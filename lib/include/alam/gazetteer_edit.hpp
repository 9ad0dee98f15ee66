// alam/gazetteer_edit.hpp — editing gazetteer text files in place: a line-preserving model of
// one .gaz file (GazetteerDocument) and a store over a folder that edits it safely
// (GazetteerStore).
//
//   alam::Result<alam::GazetteerStore> store = alam::GazetteerStore::open("gazetteers");
//   alam::NewEntity e;
//   e.type = alam::EntityType::kOrg;
//   e.name = {"Zhipu AI"};
//   e.aliases = {{"تشيبو"}, {"Zhipu", /*case_sensitive=*/true}};
//   e.attributes = {{"country", "CN"}};
//   alam::Result<alam::EditOutcome> r = store->add_entity(e);  // [zhipu-ai] ORG into orgs.gaz
//   if (!r) std::cerr << r.status().message() << '\n';
//   else std::cout << r->message << '\n';  // "gazetteers/orgs.gaz:812: added [zhipu-ai] ORG"
//
// Every edit through a GazetteerStore:
//   1. takes an exclusive advisory lock: flock() on FOLDER/.alam-gazetteer.lock (waiting up to
//      EditOptions::lock_timeout_ms);
//   2. re-reads every *.gaz file of the folder (the store caches nothing);
//   3. applies the change to the lines of one file: every other line stays byte for byte
//      (comments, blank lines, order, spacing, line endings); see docs/gazetteer-format.md,
//      "Editing", for where new lines go;
//   4. validates the whole resulting set with Gazetteer::from_sources and refuses to write when
//      it fails (the Status names file:line:column), or when a new alias would share its lookup
//      key with another entity's alias (unless EditOptions::allow_collisions);
//   5. writes the file to a temporary file in the same folder (".NAME.alam-tmp-PID-N", never
//      "*.gaz", so loaders ignore it), fsyncs it, renames it over the file and fsyncs the folder
//      (a file replaced meanwhile by a program that does not take the lock is left alone and
//      the edit fails with kIoError);
//   6. releases the lock.
// A killed editor therefore leaves either the old or the new file (at worst a stale temporary
// file, which the next editor deletes), and concurrent editors — threads or processes — run one
// after another, each on the other's result.
//
// Thread-safety: GazetteerDocument is a plain value (const members may be shared; edits are not
// synchronized). A GazetteerStore holds only its path; every member may be called from many
// threads and processes at once. Bad input: nothing throws. A document keeps lines that do not
// parse verbatim (lint reports them); edits return a Status (kInvalidArgument for an edit that
// cannot be applied or would leave an invalid gazetteer, kNotFound for a missing path, kIoError
// when reading, locking or writing fails) and then leave every file untouched.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "alam/gazetteer.hpp"
#include "alam/span.hpp"
#include "alam/status.hpp"

namespace alam {

// An alias (or canonical name) to write, with its flags.
struct AliasSpec {
  std::string text;
  bool case_sensitive = false;  // `cs`
  bool exact = false;           // `exact`
  bool generated = false;       // `gen`: made by a tool, for review
};

// Parses a command-line alias: "Arm", "[cs] Arm", "[cs,exact]Arm". A leading "[...]" holds
// flags (cs, exact, gen; an alias can never start with '[': it must start with a letter or
// digit). Errors for an unknown flag, a missing ']' or an empty text.
Result<AliasSpec> parse_alias_spec(std::string_view written);

// The line that declares an alias: ("alias", {Arm, cs}) → "alias[cs] = Arm".
std::string format_alias_line(std::string_view key, const AliasSpec& alias);

// The conventional file of a type: ORG orgs.gaz, PERSON people.gaz, LOC places.gaz, CHIP
// chips.gaz, PRODUCT products.gaz, MONEY money.gaz, PERCENT percent.gaz, DATE dates.gaz, STOP
// stop.gaz, GIVEN given.gaz (a store puts a new STOP or GIVEN list into the first file that
// already has a list of that type, see GazetteerStore::add_entity).
std::string default_gazetteer_file(EntityType type);

// An id for a new entity: the type's prefix (PERSON per-, LOC loc-, CHIP chip-, PRODUCT prod-,
// MONEY money-, PERCENT percent-, DATE date-, STOP stop-, GIVEN given-; none for ORG) and a
// slug of the first of name, aliases that has Latin letters or digits (lower case, other
// characters → '-'), else of the name transliterated to ASCII (ICU Any-Latin; Latin-ASCII);
// "-2", "-3", … are appended while taken(id) is true. Thread-safe.
std::string make_entity_id(EntityType type, std::string_view name,
                           const std::vector<AliasSpec>& aliases,
                           const std::function<bool(std::string_view)>& taken);

// A new entity for GazetteerDocument::add_entity / GazetteerStore::add_entity.
struct NewEntity {
  EntityType type = EntityType::kOrg;
  std::string id;                 // empty: make_entity_id (store only)
  AliasSpec name;                 // the canonical name; must be empty for STOP and GIVEN lists
  std::vector<AliasSpec> aliases; // more surface forms (a list needs at least one)
  std::vector<std::pair<std::string, std::string>> attributes;  // KEY (no "attr."), VALUE
  std::string file;   // store only: file name in the folder ("orgs.gaz"); empty: the type's file
  std::string after;  // store only: id of the entity to insert after
};

// What an entity line is.
enum class GazLineKind : unsigned char {
  kBlank,
  kComment,    // '#' first (after spaces)
  kHeader,     // [id] TYPE
  kName,       // name[FLAGS] = TEXT
  kAlias,      // alias[FLAGS] = TEXT
  kAttribute,  // attr.KEY = VALUE
  kMalformed,  // anything the parser rejects; see GazLine::problem
};

struct GazLine {
  GazLineKind kind = GazLineKind::kBlank;
  std::string key;    // kHeader: the id; kAttribute: KEY (without "attr."); kName/kAlias: "name"/"alias"
  std::string value;  // kHeader: the type as written; otherwise the value, spaces collapsed
  bool case_sensitive = false;
  bool exact = false;
  bool generated = false;
  std::string problem;     // kMalformed: the parser's message ("unknown key 'nmae' …")
  std::size_t column = 0;  // kMalformed: 1-based byte column of the problem
};

// An entity's place in a document. Lines are 1-based; the block runs from the header to the
// last name/alias/attribute (or malformed) line before the next header. Comment and blank lines
// after that last line belong to what follows (section banners, the next entity).
struct EntityBlock {
  std::string id;
  std::string type;  // as written
  std::size_t first_line = 0;
  std::size_t last_line = 0;
};

// Problems of an entity as a whole (the parser's messages).
struct BlockProblem {
  std::size_t line = 0;    // 1-based
  std::size_t column = 0;  // 1-based
  std::string code;        // "syntax" (a line) or "structure" (an entity as a whole)
  std::string message;
};

// One .gaz file as lines. Parsing never fails; text() gives back the parsed bytes exactly until
// an edit changes some lines, and after an edit every untouched line is still byte-identical.
// Edits address entities by id and refuse (kInvalidArgument) when the id is missing or defined
// twice in this document. They check single values (no line breaks, no empty text, well-formed
// ids and keys) but not the file as a whole: GazetteerStore validates that.
class GazetteerDocument {
 public:
  GazetteerDocument() = default;
  // name is used in messages (and by GazetteerStore as the path). Never fails.
  static GazetteerDocument parse(std::string name, std::string_view text);

  const std::string& name() const { return name_; }
  std::string text() const;
  std::size_t line_count() const { return lines_.size(); }
  // Line n (1-based), verbatim without its line break (a CRLF file keeps the '\r').
  std::string_view line(std::size_t n) const { return lines_.at(n - 1); }
  const GazLine& info(std::size_t n) const { return info_.at(n - 1); }
  const std::vector<EntityBlock>& blocks() const { return blocks_; }
  // The first block with this id, or nullptr.
  const EntityBlock* find(std::string_view id) const;
  // The entity a block describes, read leniently (malformed lines skipped), as parse_entities
  // would build it; file is name().
  Entity entity(const EntityBlock& block) const;
  // The block's lines verbatim, each followed by '\n'.
  std::string block_text(const EntityBlock& block) const;
  // Everything the parser would reject, in line order: malformed lines, lines before the first
  // header, a missing or second name, a STOP/GIVEN list with a name, an entity without aliases.
  std::vector<BlockProblem> problems() const;

  // Adds an entity (e.id must be set) after the block with id `after` if given, else after the
  // last entity of the same type, else at the end; one blank line separates it. Returns the
  // header's line.
  Result<std::size_t> add_entity(const NewEntity& e, std::string_view after = {});
  // Adds "alias[FLAGS] = TEXT" after the entity's last name/alias line. Returns its line.
  Result<std::size_t> add_alias(std::string_view id, const AliasSpec& alias);
  // Removes the block (and one blank line, so no double blank line is left behind).
  Status remove_entity(std::string_view id);
  // Removes the alias lines whose text is `text` (spaces collapsed); when none is, the one
  // alias with the same lookup key. The canonical name cannot be removed (rename it instead).
  // Returns the number of lines removed.
  Result<std::size_t> remove_alias(std::string_view id, std::string_view text);
  // Rewrites the name line; the old name stays as the first alias when keep_old_name (unless it
  // is the same text, or the same key with neither name case-sensitive); an alias equal to the
  // new name is dropped. Returns the name's line.
  Result<std::size_t> rename(std::string_view id, const AliasSpec& new_name, bool keep_old_name);
  // Rewrites the id inside the header line (the rest of the line is kept).
  Status change_id(std::string_view id, std::string_view new_id);
  // Rewrites the type inside the header line.
  Status set_type(std::string_view id, EntityType type);
  // Replaces the first attr.KEY line (dropping later ones) or adds one at the block's end.
  // key may be written with or without "attr.". Returns the line.
  Result<std::size_t> set_attribute(std::string_view id, std::string_view key,
                                    std::string_view value);
  // Removes every attr.KEY line; error when there is none.
  Status unset_attribute(std::string_view id, std::string_view key);
  // Rewrites the flags of the name/alias lines whose text is `text` (or the one with its key).
  // Returns the first line changed.
  Result<std::size_t> set_alias_flags(std::string_view id, std::string_view text,
                                      bool case_sensitive, bool exact, bool generated = false);

 private:
  Result<std::size_t> unique_block(std::string_view id) const;  // index into blocks_
  // Lines (0-based) of the block's name/alias lines matching text, by text then by key.
  Result<std::vector<std::size_t>> alias_lines(const EntityBlock& b, std::string_view text) const;
  void insert_lines(std::size_t at, const std::vector<std::string>& lines);  // at: 0-based
  void erase_lines(std::size_t first, std::size_t last);                      // 0-based, inclusive
  void replace_line(std::size_t at, std::string text);                        // 0-based
  void reindex();

  std::string name_;
  std::vector<std::string> lines_;
  std::vector<GazLine> info_;
  std::vector<EntityBlock> blocks_;
  bool bom_ = false;            // the first line starts with a UTF-8 BOM
  bool final_newline_ = false;  // the text ends with '\n'
  bool crlf_ = false;           // new lines get "\r\n" endings
};

struct EditOptions {
  // Write even when an added or renamed alias has the lookup key of another entity's alias
  // (`alam gaz lint` then reports the collision as an error).
  bool allow_collisions = false;
  // How long to wait for another editor's lock before giving up (kIoError).
  int lock_timeout_ms = 60000;
};

struct EditOutcome {
  std::string id;     // the entity's id after the edit
  std::string file;   // the file written (path as the store names it)
  std::size_t line = 0;  // 1-based line of the change in it
  std::string message;   // "FILE:LINE: added [id] TYPE", for people
  std::vector<std::string> warnings;  // lint warnings about the new text ("FILE:LINE: …")
};

// GazetteerStore::rename: the old name stays as an alias unless keep_old_name is false; flags
// not given are kept from the old name (`gen` is always dropped: a person chose the name).
struct RenameOptions {
  bool keep_old_name = true;
  std::optional<bool> case_sensitive;
  std::optional<bool> exact;
};

// An entity with where it is written.
struct LocatedEntity {
  Entity entity;            // entity.file / entity.line: file and header line
  std::size_t last_line = 0;
  std::string text;         // the block verbatim
};

// One match of GazetteerStore::find.
struct FindHit {
  enum class Match { kKey, kProclitic, kSubstring };
  Entity entity;
  std::string alias;        // the alias (or id) that matched
  std::size_t line = 0;     // its line in entity.file
  Match match = Match::kKey;
};

struct FindOptions {
  std::optional<EntityType> type;  // only entities of this type
  bool substring = true;           // also aliases (and ids) containing the query
  std::size_t limit = 0;           // at most this many hits (0: all)
};

class GazetteerStore {
 public:
  // A folder of *.gaz files (it must exist) or one file (which need not exist yet). Reads
  // nothing. kNotFound when the folder (or the file's folder) does not exist.
  static Result<GazetteerStore> open(const std::filesystem::path& path);

  const std::filesystem::path& path() const { return path_; }
  bool single_file() const { return single_file_; }
  // The advisory lock file: FOLDER/.alam-gazetteer.lock (created on first edit, never removed).
  std::filesystem::path lock_path() const;

  // The files now (no lock): the *.gaz files of the folder sorted by name (as
  // Gazetteer::read_sources lists them; temporary files are not *.gaz), named FOLDER/FILE with
  // FOLDER as given to open(); or the single file.
  Result<std::vector<GazetteerSource>> read_sources() const;
  Result<std::vector<GazetteerDocument>> read_documents() const;

  // The entities (of one type), by parse_entities of the files: a parse error is returned.
  Result<std::vector<Entity>> entities(std::optional<EntityType> type = {}) const;
  // One entity and its lines, read leniently (works on files with errors, to help fix them);
  // the first definition when the id is defined twice.
  Result<LocatedEntity> show(std::string_view id) const;
  // By parse_entities of the files: entities with an alias whose lookup key (normalized tokens,
  // as the tagger matches; a cs alias only as written) equals the query's (kKey), or equals the
  // query with an Arabic proclitic stripped from its first word (kProclitic; not for `exact`
  // aliases), then, with options.substring, whose key or id contains the query's key
  // (kSubstring). One hit per entity, best match first. kInvalidArgument for a query without
  // letters or digits.
  Result<std::vector<FindHit>> find(std::string_view query, const FindOptions& options = {}) const;

  // Edits (see the top of this file). Each returns what it did, or why it did nothing.
  // add_entity: into e.file, else the file of the entity `e.after`, else the type's file
  // (default_gazetteer_file); a STOP or GIVEN list goes into the first file that already has a
  // list of that type, else stop.gaz / given.gaz. A missing file is created. The id is
  // generated when empty.
  Result<EditOutcome> add_entity(NewEntity e, const EditOptions& options = {}) const;
  Result<EditOutcome> add_alias(std::string_view id, const AliasSpec& alias,
                                const EditOptions& options = {}) const;
  // Several aliases in one edit (all or none).
  Result<EditOutcome> add_aliases(std::string_view id, const std::vector<AliasSpec>& aliases,
                                  const EditOptions& options = {}) const;
  Result<EditOutcome> remove_entity(std::string_view id, const EditOptions& options = {}) const;
  // The alias lines written `alias` (or the one alias with its lookup key); not the name.
  Result<EditOutcome> remove_alias(std::string_view id, std::string_view alias,
                                   const EditOptions& options = {}) const;
  Result<EditOutcome> remove_aliases(std::string_view id, const std::vector<std::string>& aliases,
                                     const EditOptions& options = {}) const;
  // New canonical name (see RenameOptions).
  Result<EditOutcome> rename(std::string_view id, std::string_view new_name,
                             const RenameOptions& rename = {},
                             const EditOptions& options = {}) const;
  Result<EditOutcome> change_id(std::string_view id, std::string_view new_id,
                                const EditOptions& options = {}) const;
  Result<EditOutcome> set_type(std::string_view id, EntityType type,
                               const EditOptions& options = {}) const;
  Result<EditOutcome> set_attribute(std::string_view id, std::string_view key,
                                    std::string_view value, const EditOptions& options = {}) const;
  Result<EditOutcome> unset_attribute(std::string_view id, std::string_view key,
                                      const EditOptions& options = {}) const;
  // The flags of an alias (or the name): exactly the ones given (so `gen` is dropped unless
  // given, which marks a generated alias as reviewed).
  Result<EditOutcome> set_alias_flags(std::string_view id, std::string_view alias,
                                      bool case_sensitive, bool exact, bool generated = false,
                                      const EditOptions& options = {}) const;

  // The general form: under the lock, `change` edits the freshly read documents (it may append
  // a new document named FOLDER/FILE.gaz); every document whose text changed is validated and
  // written as above. Each file is replaced atomically, but a change to several files is not
  // atomic as a whole (the operations above change one file). `new_aliases` (filled by change, optional) lists the (entity id, alias)
  // pairs it added, checked for collisions with other entities and linted for warnings.
  using Change = std::function<Result<EditOutcome>(
      std::vector<GazetteerDocument>& documents,
      std::vector<std::pair<std::string, AliasSpec>>& new_aliases)>;
  Result<EditOutcome> edit(const Change& change, const EditOptions& options = {}) const;

 private:
  GazetteerStore(std::filesystem::path path, std::filesystem::path folder, bool single_file)
      : path_(std::move(path)), folder_(std::move(folder)), single_file_(single_file) {}
  Result<std::vector<std::filesystem::path>> list_files() const;
  std::filesystem::path path_;
  std::filesystem::path folder_;
  bool single_file_ = false;
};

}  // namespace alam
