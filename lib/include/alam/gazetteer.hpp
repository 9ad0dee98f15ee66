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

class Gazetteer {
 public:
  // Parses sources in order. Ids must be unique across all of them.
  static Result<Gazetteer> from_sources(const std::vector<GazetteerSource>& sources);
  // Reads files, and the *.gaz files of folders (sorted by name), without parsing them.
  static Result<std::vector<GazetteerSource>> read_sources(
      const std::vector<std::filesystem::path>& paths);
  // read_sources, then from_sources.
  static Result<Gazetteer> load(const std::vector<std::filesystem::path>& paths);
  // The default gazetteers shipped in gazetteers/ and embedded at build time.
  static Result<Gazetteer> embedded();
  // The embedded texts themselves.
  static const std::vector<GazetteerSource>& embedded_sources();

  Gazetteer(Gazetteer&&) noexcept;
  Gazetteer& operator=(Gazetteer&&) noexcept;
  ~Gazetteer();

  const std::vector<Entity>& entities() const;
  // The entity with this id, or nullptr.
  const Entity* find(std::string_view id) const;

  struct Index;  // the lookup structure used by the tagger (lib/src/gazetteer_index.hpp)
  const Index& index() const { return *index_; }

 private:
  Gazetteer(std::vector<Entity> entities, std::unique_ptr<Index> index);
  std::vector<Entity> entities_;
  std::unique_ptr<Index> index_;
};

}  // namespace alam
