// alam/gazetteer.hpp — named entities and their surface forms, loaded from gazetteer text.
//
//   alam::Result<alam::Gazetteer> g = alam::Gazetteer::load({"gazetteers/"});
//   alam::Result<alam::Gazetteer> d = alam::Gazetteer::embedded();   // built into the library
//   auto shared = std::make_shared<const alam::Gazetteer>(std::move(*g));
//
// The text format is documented in docs/gazetteer-format.md. A Gazetteer is immutable once
// built; every const member is thread-safe. Loading never half-succeeds: any error (reported
// as "file:line:column: message") leaves no Gazetteer at all.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "alam/span.hpp"
#include "alam/status.hpp"

namespace alam {

struct Alias {
  std::string text;             // as written in the gazetteer
  bool case_sensitive = false;  // flag `cs`
  bool exact = false;           // flag `exact`: never matched after a stripped proclitic
  bool generated = false;       // flag `gen`: made by a tool (variants, import), for review
  std::size_t line = 0;         // line in Entity::file
};

struct Entity {
  std::string id;
  EntityType type = EntityType::kOrg;
  std::string name;             // canonical name (empty for STOP entries)
  std::vector<Alias> aliases;   // includes the canonical name first
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string file;             // where it was defined
  std::size_t line = 0;
};

// One gazetteer text with the name used in error messages.
struct GazetteerSource {
  std::string name;
  std::string text;
};

// Parses gazetteer texts into entities, in order, without building a lookup index: the source
// model for tools that read or edit gazetteers. Errors are "file:line:column: message".
Result<std::vector<Entity>> parse_entities(const std::vector<GazetteerSource>& sources);

// Renders entities as gazetteer text (the inverse of parse_entities, comments aside).
std::string format_entities(const std::vector<Entity>& entities);

class EntityView;

class Gazetteer {
 public:
  // Parses sources in order and builds the lookup image in memory. Ids must be unique across
  // all of them.
  static Result<Gazetteer> from_sources(const std::vector<GazetteerSource>& sources);
  // Reads files, and the *.gaz files of folders (sorted by name), without parsing them. In a
  // folder only regular files (and links to them) are read: another entry named *.gaz (a pipe,
  // a device, a folder, a broken link) is an error (kInvalidArgument). A file named directly may
  // be a pipe (--gazetteer <(…)).
  static Result<std::vector<GazetteerSource>> read_sources(
      const std::vector<std::filesystem::path>& paths);
  // Loads gazetteer text files and folders, or one compiled file (alam gaz compile), which is
  // memory-mapped and used in place after validation.
  static Result<Gazetteer> load(const std::vector<std::filesystem::path>& paths);
  // Memory-maps a compiled gazetteer. A truncated, corrupted or foreign file is an error
  // (StatusCode::kDataLoss) naming what is wrong; every offset in it is validated first.
  static Result<Gazetteer> load_compiled(const std::filesystem::path& path);
  // The same from bytes in memory (copied).
  static Result<Gazetteer> from_compiled(std::string_view bytes, std::string_view source_name);
  // The same from bytes that outlive the gazetteer and start at an 8-byte boundary (an image
  // linked into the program), used in place; misaligned bytes are copied.
  static Result<Gazetteer> from_static_image(std::string_view bytes, std::string_view source_name);
  // True when a regular file starts with the compiled-gazetteer magic number (false for a pipe,
  // which is not read).
  static bool is_compiled_file(const std::filesystem::path& path);
  // The default gazetteers shipped in gazetteers/ and embedded at build time.
  static Result<Gazetteer> embedded();
  // The embedded texts themselves.
  static const std::vector<GazetteerSource>& embedded_sources();

  Gazetteer(Gazetteer&&) noexcept;
  Gazetteer& operator=(Gazetteer&&) noexcept;
  ~Gazetteer();

  // The compiled image (what write_compiled writes).
  std::string_view compiled_image() const { return image_; }
  // Writes the compiled image atomically (temporary file, fsync, rename).
  Status write_compiled(const std::filesystem::path& path) const;

  std::size_t size() const;
  // Entity i (0 <= i < size()), in load order.
  EntityView entity(std::size_t i) const;
  // The entity with this id, or nullopt.
  std::optional<EntityView> find(std::string_view id) const;
  // Every entity as owned data, and as gazetteer text (decompiling a compiled file).
  std::vector<Entity> to_entities() const;
  std::string to_text() const;

  struct Index;  // the lookup structure used by the tagger (lib/src/gazetteer_index.hpp)
  const Index& index() const { return *index_; }

 private:
  Gazetteer(std::shared_ptr<const void> owner, std::string_view image, std::unique_ptr<Index> index);
  static Result<Gazetteer> from_image(std::shared_ptr<const void> owner, std::string_view image,
                                      std::string_view source_name);
  std::shared_ptr<const void> owner_;  // keeps the image alive (owned bytes or a mapping)
  std::string_view image_;
  std::unique_ptr<Index> index_;
};

struct AliasView {
  std::string_view text;
  bool case_sensitive = false;
  bool exact = false;
  bool generated = false;
  std::size_t line = 0;
};

// One entity of a Gazetteer, read in place; valid while the Gazetteer lives.
class EntityView {
 public:
  std::string_view id() const;
  EntityType type() const;
  std::string_view name() const;
  std::string_view file() const;
  std::size_t line() const;
  std::size_t alias_count() const;
  AliasView alias(std::size_t i) const;
  std::size_t attribute_count() const;
  std::pair<std::string_view, std::string_view> attribute(std::size_t i) const;
  std::size_t index() const { return i_; }
  Entity to_entity() const;

 private:
  friend class Gazetteer;
  EntityView(const Gazetteer::Index* index, std::size_t i) : index_(index), i_(i) {}
  const Gazetteer::Index* index_;
  std::size_t i_;
};

}  // namespace alam
