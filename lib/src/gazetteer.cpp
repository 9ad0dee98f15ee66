// Gazetteer text parser, loader and index builder. Format: docs/gazetteer-format.md.
#include "alam/gazetteer.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <vector>

#include "alam/utf8.hpp"
#include "file_io.hpp"
#include "flat_hash.hpp"
#include "gazetteer_index.hpp"
#include "gazetteer_syntax.hpp"

namespace alam {
namespace {

using gazetteer_syntax::collapse_spaces;
using gazetteer_syntax::trim;
using gazetteer_syntax::valid_id;

// The entities' ids, for the duplicate check: a table of entity indices keyed by the ids they
// hold (no copy of an id and no node per entity: the node-based map it replaces was a tenth of
// compiling a million rows).
struct HashOfId {
  const std::vector<Entity>* entities;
  std::uint64_t operator()(std::size_t k) const { return hash_bytes((*entities)[k].id); }
};
using IdTable = IndexTable<HashOfId>;

class Parser {
 public:
  Parser(std::vector<Entity>& entities, IdTable& ids) : entities_(entities), ids_(ids) {}

  Status parse(const GazetteerSource& src) {
    file_ = src.name;
    std::string_view text = src.text;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a leading BOM
    std::size_t line_no = 0;
    current_ = npos;
    while (!text.empty() || line_no == 0) {
      ++line_no;
      const std::size_t nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
      if (Status s = parse_line(line, line_no); !s) return s;
      if (nl == std::string_view::npos) break;
    }
    return finish_entity();
  }

 private:
  static constexpr std::size_t npos = std::size_t(-1);

  Status error(std::size_t line, std::size_t column, std::string_view message) const {
    return {StatusCode::kInvalidArgument,
            file_ + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                std::string(message)};
  }

  Status parse_line(std::string_view raw, std::size_t line_no) {
    if (std::size_t bad = utf8::first_invalid(raw); bad != std::string_view::npos)
      return error(line_no, bad + 1, "invalid UTF-8");
    std::string_view line = trim(raw);
    const std::size_t indent = std::size_t(line.data() - raw.data());
    if (line.empty() || line.front() == '#') return Status::ok();
    if (line.front() == '[') return parse_header(line, line_no, indent);
    if (current_ == npos) return error(line_no, indent + 1, "line before the first [id] TYPE header");

    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) return error(line_no, indent + 1, "expected KEY = VALUE");
    std::string_view key = trim(line.substr(0, eq));
    const std::string value = collapse_spaces(trim(line.substr(eq + 1)));
    Entity& e = entities_[current_];
    if (value.empty()) return error(line_no, indent + eq + 2, "empty value");

    if (key.starts_with("attr.")) {
      std::string_view name = key.substr(5);
      if (!valid_id(name)) return error(line_no, indent + 1, "malformed attribute name");
      e.attributes.emplace_back(std::string(name), value);
      return Status::ok();
    }
    Alias alias{value, false, false, false, line_no};
    if (const std::size_t lb = key.find('['); lb != std::string_view::npos) {
      if (key.back() != ']') return error(line_no, indent + lb + 1, "unterminated [flags]");
      std::string_view flags = key.substr(lb + 1, key.size() - lb - 2);
      key = trim(key.substr(0, lb));
      while (!flags.empty()) {
        const std::size_t comma = flags.find(',');
        std::string_view flag = trim(flags.substr(0, comma));
        if (flag == "cs")
          alias.case_sensitive = true;
        else if (flag == "exact")
          alias.exact = true;
        else if (flag == "gen")
          alias.generated = true;
        else
          return error(line_no, indent + lb + 2, "unknown flag '" + std::string(flag) +
                                                     "' (known: cs, exact, gen)");
        flags = comma == std::string_view::npos ? std::string_view{} : flags.substr(comma + 1);
      }
    }
    if (key == "name") {
      if (is_list_type(e.type))
        return error(line_no, indent + 1,
                     "a " + std::string(type_name(e.type)) + " list has no name; use alias");
      if (!e.name.empty()) return error(line_no, indent + 1, "second 'name' for " + e.id);
      e.name = value;
      e.aliases.insert(e.aliases.begin(), std::move(alias));
    } else if (key == "alias") {
      e.aliases.push_back(std::move(alias));
    } else {
      return error(line_no, indent + 1,
                   "unknown key '" + std::string(key) + "' (known: name, alias, attr.KEY)");
    }
    return Status::ok();
  }

  Status parse_header(std::string_view line, std::size_t line_no, std::size_t indent) {
    if (Status s = finish_entity(); !s) return s;
    const std::size_t rb = line.find(']');
    if (rb == std::string_view::npos) return error(line_no, indent + 1, "expected [id] TYPE");
    std::string_view id = line.substr(1, rb - 1);
    if (!valid_id(id))
      return error(line_no, indent + 2, "malformed id (letters, digits, '-', '_', '.')");
    std::string_view type_name = trim(line.substr(rb + 1));
    auto type = parse_type(type_name);
    if (!type)
      return error(line_no, indent + std::size_t(type_name.data() - line.data()) + 1,
                   "unknown type '" + std::string(type_name) +
                       "' (ORG PERSON CHIP PRODUCT LOC MONEY PERCENT DATE STOP GIVEN)");
    const std::size_t k =
        ids_.find(hash_bytes(id), [&](std::size_t e) { return entities_[e].id == id; });
    if (k != IdTable::kAbsent) {
      const Entity& first = entities_[k];
      return error(line_no, indent + 2,
                   "duplicate id '" + std::string(id) + "' (first defined at " + first.file +
                       ":" + std::to_string(first.line) + ")");
    }
    current_ = entities_.size();
    Entity e;
    e.id = std::string(id);
    e.type = *type;
    e.file = file_;
    e.line = line_no;
    entities_.push_back(std::move(e));
    ids_.add(hash_bytes(entities_.back().id), current_);
    return Status::ok();
  }

  Status finish_entity() {
    if (current_ == npos) return Status::ok();
    const Entity& e = entities_[current_];
    if (!is_list_type(e.type) && e.name.empty())
      return error(e.line, 1, "entity '" + e.id + "' has no 'name'");
    if (e.aliases.empty()) return error(e.line, 1, "entity '" + e.id + "' has no alias");
    current_ = npos;
    return Status::ok();
  }

  std::vector<Entity>& entities_;
  IdTable& ids_;
  std::string file_;
  std::size_t current_ = npos;
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Gazetteer

Gazetteer::Gazetteer(std::shared_ptr<const void> owner, std::string_view image,
                     std::unique_ptr<Index> index)
    : owner_(std::move(owner)), image_(image), index_(std::move(index)) {}
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;
Gazetteer::~Gazetteer() = default;

Result<Gazetteer> Gazetteer::from_image(std::shared_ptr<const void> owner, std::string_view image,
                                        std::string_view source_name) {
  auto index = std::make_unique<Index>();
  if (Status s = index->attach(image, source_name); !s) return s;
  return Gazetteer(std::move(owner), image, std::move(index));
}

Result<Gazetteer> Gazetteer::from_compiled(std::string_view bytes, std::string_view source_name) {
  // std::string storage is suitably aligned for the image's 8-byte records.
  auto owned = std::make_shared<const std::string>(bytes);
  const std::string_view image = *owned;
  return from_image(std::move(owned), image, source_name);
}

Result<Gazetteer> Gazetteer::from_static_image(std::string_view bytes,
                                               std::string_view source_name) {
  if (reinterpret_cast<std::uintptr_t>(bytes.data()) % 8 != 0)
    return from_compiled(bytes, source_name);
  return from_image(nullptr, bytes, source_name);
}

bool Gazetteer::is_compiled_file(const std::filesystem::path& path) {
  // Only regular files are memory-mapped; reading the magic number of a pipe
  // (--gazetteer <(…), /dev/stdin) would swallow the text that the loader reads next.
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  std::ifstream in(path, std::ios::binary);
  char magic[sizeof image::kMagic] = {};
  return in.read(magic, sizeof magic) && std::memcmp(magic, image::kMagic, sizeof magic) == 0;
}

Result<Gazetteer> Gazetteer::load_compiled(const std::filesystem::path& path) {
  const std::string name = path.string();
  const int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status{StatusCode::kNotFound, name + ": cannot open: " + std::strerror(errno)};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status{StatusCode::kIoError, name + ": not a regular file"};
  }
  const std::size_t size = std::size_t(st.st_size);
  if (size < sizeof(image::Header)) {
    ::close(fd);
    return Status{StatusCode::kDataLoss,
                  name + ": not a valid compiled gazetteer: shorter than its header (truncated?)"};
  }
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return Status{StatusCode::kIoError, name + ": mmap failed: " + std::strerror(errno)};
  std::shared_ptr<const void> owner(map, [size](const void* p) { ::munmap(const_cast<void*>(p), size); });
  return from_image(std::move(owner), std::string_view(static_cast<const char*>(map), size), name);
}

Status Gazetteer::write_compiled(const std::filesystem::path& path) const {
  const std::string name = path.string();
  const std::string tmp = name + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return {StatusCode::kIoError, tmp + ": cannot create: " + std::strerror(errno)};
  std::size_t done = 0;
  while (done < image_.size()) {
    const ssize_t n = ::write(fd, image_.data() + done, image_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return {StatusCode::kIoError, tmp + ": write failed: " + why};
    }
    done += std::size_t(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(tmp.c_str());
    return {StatusCode::kIoError, tmp + ": fsync failed"};
  }
  if (std::rename(tmp.c_str(), name.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return {StatusCode::kIoError, name + ": rename failed: " + std::strerror(errno)};
  }
  return Status::ok();
}

std::size_t Gazetteer::size() const { return index_->entities().size(); }

EntityView Gazetteer::entity(std::size_t i) const { return EntityView(index_.get(), i); }

std::optional<EntityView> Gazetteer::find(std::string_view id) const {
  for (std::size_t i = 0; i < size(); ++i)
    if (index_->str(index_->entities()[i].id) == id) return entity(i);
  return std::nullopt;
}

std::vector<Entity> Gazetteer::to_entities() const {
  std::vector<Entity> out;
  out.reserve(size());
  for (std::size_t i = 0; i < size(); ++i) out.push_back(entity(i).to_entity());
  return out;
}

std::string Gazetteer::to_text() const {
  return "# Decompiled by alam from a compiled gazetteer.\n" + format_entities(to_entities());
}

std::string format_entities(const std::vector<Entity>& entities) {
  std::string out;
  for (const Entity& e : entities) {
    out += "\n[" + e.id + "] " + std::string(type_name(e.type)) + "\n";
    for (std::size_t k = 0; k < e.aliases.size(); ++k) {
      const Alias& a = e.aliases[k];
      std::string flags;
      for (auto [on, flag] : {std::pair{a.case_sensitive, "cs"}, std::pair{a.exact, "exact"},
                              std::pair{a.generated, "gen"}})
        if (on) {
          if (!flags.empty()) flags += ',';
          flags += flag;
        }
      out += k == 0 && !is_list_type(e.type) ? "name" : "alias";
      if (!flags.empty()) out += "[" + flags + "]";
      out += " = " + a.text + "\n";
    }
    for (const auto& [key, value] : e.attributes) out += "attr." + key + " = " + value + "\n";
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// EntityView

namespace {
const image::EntityRecord& record(const Gazetteer::Index* x, std::size_t i) { return x->entities()[i]; }
}  // namespace

std::string_view EntityView::id() const { return index_->str(record(index_, i_).id); }
EntityType EntityView::type() const { return static_cast<EntityType>(record(index_, i_).type); }
std::string_view EntityView::name() const { return index_->str(record(index_, i_).name); }
std::string_view EntityView::file() const { return index_->str(record(index_, i_).file); }
std::size_t EntityView::line() const { return record(index_, i_).line; }
std::size_t EntityView::alias_count() const {
  return record(index_, i_).aliases_end - record(index_, i_).aliases_begin;
}
AliasView EntityView::alias(std::size_t k) const {
  const image::AliasRecord& a = index_->aliases()[record(index_, i_).aliases_begin + k];
  return {index_->str(a.text), a.case_sensitive != 0, a.exact != 0, a.generated != 0, a.line};
}
std::size_t EntityView::attribute_count() const {
  return record(index_, i_).attributes_end - record(index_, i_).attributes_begin;
}
std::pair<std::string_view, std::string_view> EntityView::attribute(std::size_t k) const {
  const image::AttributeRecord& a = index_->attributes()[record(index_, i_).attributes_begin + k];
  return {index_->str(a.key), index_->str(a.value)};
}
Entity EntityView::to_entity() const {
  Entity e;
  e.id = std::string(id());
  e.type = type();
  e.name = std::string(name());
  e.file = std::string(file());
  e.line = line();
  for (std::size_t k = 0; k < alias_count(); ++k) {
    const AliasView a = alias(k);
    e.aliases.push_back({std::string(a.text), a.case_sensitive, a.exact, a.generated, a.line});
  }
  for (std::size_t k = 0; k < attribute_count(); ++k) {
    const auto [key, value] = attribute(k);
    e.attributes.emplace_back(std::string(key), std::string(value));
  }
  return e;
}

Result<std::vector<Entity>> parse_entities(const std::vector<GazetteerSource>& sources) {
  std::vector<Entity> entities;
  IdTable ids(HashOfId{&entities});
  for (const GazetteerSource& src : sources) {
    Parser parser(entities, ids);
    if (Status s = parser.parse(src); !s) return s;
  }
  return entities;
}

Result<Gazetteer> Gazetteer::from_sources(const std::vector<GazetteerSource>& sources) {
  auto parsed = parse_entities(sources);
  if (!parsed) return parsed.status();
  auto image = Index::build_image(*parsed);
  if (!image) return image.status();
  auto owned = std::make_shared<const std::string>(std::move(image).value());
  const std::string_view view = *owned;
  return from_image(std::move(owned), view, "<built in memory>");
}

Result<std::vector<GazetteerSource>> Gazetteer::read_sources(
    const std::vector<std::filesystem::path>& paths) {
  std::vector<GazetteerSource> sources;
  for (const auto& path : paths) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(path, ec)) {
      for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
        if (entry.path().extension() != ".gaz") continue;
        // Only regular files (or links to them): a pipe would block, a device never end.
        if (const std::string why = gazetteer_syntax::folder_entry_problem(entry.path());
            !why.empty())
          return Status{StatusCode::kInvalidArgument,
                        entry.path().string() + ": not a regular file (" + why +
                            "); a gazetteer folder may hold only *.gaz files and links to them"};
        files.push_back(entry.path());
      }
      if (ec) return Status{StatusCode::kIoError, path.string() + ": " + ec.message()};
      std::sort(files.begin(), files.end());
      if (files.empty())
        return Status{StatusCode::kNotFound, path.string() + ": no *.gaz files in this folder"};
    } else if (std::filesystem::exists(path, ec)) {
      files.push_back(path);
    } else {
      return Status{StatusCode::kNotFound, path.string() + ": no such file or folder"};
    }
    for (const auto& f : files) {
      auto text = detail::read_whole_file(f);
      if (!text) return text.status();
      sources.push_back({f.string(), std::move(text).value()});
    }
  }
  return sources;
}

Result<Gazetteer> Gazetteer::load(const std::vector<std::filesystem::path>& paths) {
  for (const auto& p : paths) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec) || !is_compiled_file(p)) continue;
    if (paths.size() != 1)
      return Status{StatusCode::kInvalidArgument,
                    p.string() + ": a compiled gazetteer must be used alone; compile all sources "
                                 "into it with `alam gaz compile`"};
    return load_compiled(p);
  }
  auto sources = read_sources(paths);
  if (!sources) return sources.status();
  return from_sources(*sources);
}

Result<Gazetteer> Gazetteer::embedded() { return from_sources(embedded_sources()); }

}  // namespace alam
