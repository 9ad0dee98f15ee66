// alam gaz add | alias | rm | rename | set | show | find | ls | lint: editing and checking
// gazetteer text in place (GazetteerStore, alam/gazetteer_edit.hpp; lint_gazetteer,
// alam/gazetteer_lint.hpp). Every subcommand takes --dir (a folder of *.gaz, or one file).
#include <fmt/core.h>

#include <algorithm>
#include <optional>

#include "alam/gazetteer_edit.hpp"
#include "alam/gazetteer_lint.hpp"
#include "common.hpp"

namespace alam::cli {
namespace {

struct EditArgs {
  std::string dir;
  bool force = false;
  // add
  std::string type, name, id, file, after;
  std::vector<std::string> aliases, attrs;
  // alias / rm / rename / set
  std::vector<std::string> texts;
  bool cs = false, no_cs = false, exact = false, no_exact = false, drop_old = false, unset = false;
  std::string key, value, new_name, new_id;
  // show / find / ls / lint
  bool keys = false, where = false, strict = false, errors_only = false, no_substring = false;
  std::size_t limit = 0;
  std::string query;
};

int exit_code(const Status& s) {
  switch (s.code()) {
    case StatusCode::kNotFound:
    case StatusCode::kIoError: return kExitIo;
    default: return kExitBadInput;
  }
}

int fail(const Status& s) {
  fmt::print(stderr, "alam: error: {}\n", s.message());
  return exit_code(s);
}

int usage(const std::string& message) {
  fmt::print(stderr, "alam: error: {}\n", message);
  return kExitUsage;
}

std::optional<GazetteerStore> open_store(const EditArgs& a, int& code) {
  const std::filesystem::path dir =
      a.dir.empty() ? default_gazetteer_dir() : std::filesystem::path(a.dir);
  if (dir.empty()) {
    code = usage("no gazetteer folder: pass --dir PATH or set ALAM_GAZETTEERS");
    return std::nullopt;
  }
  auto store = GazetteerStore::open(dir);
  if (!store) {
    code = fail(store.status());
    return std::nullopt;
  }
  return std::move(store).value();
}

std::optional<EntityType> type_arg(std::string t) {
  std::transform(t.begin(), t.end(), t.begin(),
                 [](char c) { return c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c; });
  return parse_type(t);
}

// The name, or a list's first alias.
std::string display_name(const Entity& e) {
  return e.name.empty() && !e.aliases.empty() ? e.aliases.front().text : e.name;
}

int report(const Result<EditOutcome>& r) {
  if (!r) return fail(r.status());
  for (const std::string& w : r->warnings) fmt::print(stderr, "alam: warning: {}\n", w);
  fmt::print("{}\n", r->message);
  return kExitOk;
}

EditOptions edit_options(const EditArgs& a) {
  EditOptions o;
  o.allow_collisions = a.force;
  return o;
}

// Opens the store named by --dir (or the default folder) and runs fn on it.
template <typename Fn>
int with_store(const EditArgs& a, Fn&& fn) {
  int code = kExitOk;
  auto store = open_store(a, code);
  if (!store) return code;
  return fn(*store);
}

int show(const GazetteerStore& store, const EditArgs& a);
int find(const GazetteerStore& store, const std::string& query, const FindOptions& o);
int ls(const GazetteerStore& store, std::optional<EntityType> type, bool where);
int lint(const GazetteerStore& store, const EditArgs& a);

int run_add(const EditArgs& a) {
  if (a.type.empty() || a.name.empty()) return usage("add needs a TYPE and a NAME");
  const auto type = type_arg(a.type);
  if (!type)
    return usage("unknown type '" + a.type +
                 "' (ORG PERSON CHIP PRODUCT LOC MONEY PERCENT DATE STOP GIVEN)");
  NewEntity e;
  e.type = *type;
  e.id = a.id;
  e.file = a.file;
  e.after = a.after;
  auto name = parse_alias_spec(a.name);
  if (!name) return usage(name.status().message());
  if (is_list_type(*type))
    e.aliases.push_back(*name);  // a STOP or GIVEN list has no name: NAME is its first alias
  else
    e.name = *name;
  for (const std::string& s : a.aliases) {
    auto alias = parse_alias_spec(s);
    if (!alias) return usage(alias.status().message());
    e.aliases.push_back(*alias);
  }
  for (const std::string& kv : a.attrs) {
    const std::size_t eq = kv.find('=');
    if (eq == std::string::npos) return usage("--attr wants KEY=VALUE, not '" + kv + "'");
    e.attributes.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return with_store(a, [&](const GazetteerStore& store) {
    return report(store.add_entity(e, edit_options(a)));
  });
}

int run_alias(const EditArgs& a) {
  std::vector<AliasSpec> aliases;
  for (const std::string& s : a.texts) {
    auto alias = parse_alias_spec(s);
    if (!alias) return usage(alias.status().message());
    alias->case_sensitive |= a.cs;
    alias->exact |= a.exact;
    aliases.push_back(*alias);
  }
  return with_store(a, [&](const GazetteerStore& store) {
    return report(store.add_aliases(a.id, aliases, edit_options(a)));
  });
}

int run_rm(const EditArgs& a) {
  return with_store(a, [&](const GazetteerStore& store) {
    if (a.texts.empty()) return report(store.remove_entity(a.id, edit_options(a)));
    return report(store.remove_aliases(a.id, a.texts, edit_options(a)));
  });
}

int run_rename(const EditArgs& a) {
  if (a.new_name.empty() && a.new_id.empty())
    return usage("give a new name, --id NEW_ID, or both");
  if ((a.cs && a.no_cs) || (a.exact && a.no_exact))
    return usage("--cs/--no-cs and --exact/--no-exact exclude each other");
  return with_store(a, [&](const GazetteerStore& store) {
    if (!a.new_name.empty()) {
      RenameOptions r;
      r.keep_old_name = !a.drop_old;
      if (a.cs || a.no_cs) r.case_sensitive = a.cs;
      if (a.exact || a.no_exact) r.exact = a.exact;
      if (int code = report(store.rename(a.id, a.new_name, r, edit_options(a))); code != kExitOk)
        return code;
    }
    if (!a.new_id.empty()) return report(store.change_id(a.id, a.new_id, edit_options(a)));
    return kExitOk;
  });
}

int run_set(const EditArgs& a) {
  std::string key = a.key;
  if (key == "type") {
    if (a.unset) return usage("the type cannot be unset");
    const auto type = type_arg(a.value);
    if (!type) return usage("unknown type '" + a.value + "'");
    return with_store(a, [&](const GazetteerStore& store) {
      return report(store.set_type(a.id, *type, edit_options(a)));
    });
  }
  if (key.starts_with("attr.")) {
    if (!a.unset && a.value.empty()) return usage("set " + key + " needs a VALUE (or --unset)");
    return with_store(a, [&](const GazetteerStore& store) {
      if (a.unset) return report(store.unset_attribute(a.id, key, edit_options(a)));
      return report(store.set_attribute(a.id, key, a.value, edit_options(a)));
    });
  }
  if (key.starts_with("alias") || key.starts_with("name")) {
    // alias[FLAGS] TEXT: the flags of that alias become exactly FLAGS.
    const std::string_view rest = std::string_view(key).substr(key.starts_with("alias") ? 5 : 4);
    if (!rest.empty() && (rest.front() != '[' || rest.back() != ']'))
      return usage("expected alias[FLAGS] or name[FLAGS], not '" + key + "'");
    if (a.value.empty()) return usage("set " + key + " needs the alias TEXT");
    auto spec = parse_alias_spec(std::string(rest) + " " + a.value);
    if (!spec) return usage(spec.status().message());
    return with_store(a, [&](const GazetteerStore& store) {
      return report(store.set_alias_flags(a.id, spec->text, spec->case_sensitive, spec->exact,
                                          spec->generated, edit_options(a)));
    });
  }
  return usage("unknown KEY '" + key + "' (attr.KEY, type, alias[FLAGS], name[FLAGS])");
}

int run_show(const EditArgs& a) {
  return with_store(a, [&](const GazetteerStore& store) { return show(store, a); });
}

int show(const GazetteerStore& store, const EditArgs& a) {
  auto shown = store.show(a.id);
  if (!shown) return fail(shown.status());
  fmt::print("# {}:{}-{}\n{}", shown->entity.file, shown->entity.line, shown->last_line,
             shown->text);
  if (a.keys) {
    fmt::print("# lookup keys:\n");
    for (const Alias& al : shown->entity.aliases)
      fmt::print("#   {}:{}  {}  →  {}{}\n", shown->entity.file, al.line, al.text,
                 gazetteer_alias_key(al.text), al.case_sensitive
                                                   ? "  (cs: " + gazetteer_alias_key(al.text, true) + ")"
                                                   : std::string());
  }
  return kExitOk;
}

int run_find(const EditArgs& a) {
  FindOptions o;
  if (!a.type.empty()) {
    o.type = type_arg(a.type);
    if (!o.type) return usage("unknown type '" + a.type + "'");
  }
  o.substring = !a.no_substring;
  o.limit = a.limit;
  return with_store(a, [&](const GazetteerStore& store) { return find(store, a.query, o); });
}

int find(const GazetteerStore& store, const std::string& query, const FindOptions& o) {
  auto hits = store.find(query, o);
  if (!hits && hits.status().message().starts_with("the query")) return usage(hits.status().message());
  if (!hits) {
    fmt::print(stderr, "alam: error: {}\n", hits.status().message());
    return hits.status().code() == StatusCode::kInvalidArgument ? kExitData
                                                                : exit_code(hits.status());
  }
  for (const FindHit& h : *hits) {
    const char* how = h.match == FindHit::Match::kKey         ? "key"
                      : h.match == FindHit::Match::kProclitic ? "proclitic"
                                                              : "substring";
    fmt::print("{}\t{}\t{}\t{}\t{}\t{}:{}\n", h.entity.id, type_name(h.entity.type),
               display_name(h.entity), how, h.alias, h.entity.file, h.line);
  }
  return hits->empty() ? kExitBadInput : kExitOk;
}

int run_ls(const EditArgs& a) {
  std::optional<EntityType> type;
  if (!a.type.empty()) {
    type = type_arg(a.type);
    if (!type) return usage("unknown type '" + a.type + "'");
  }
  return with_store(a, [&](const GazetteerStore& store) { return ls(store, type, a.where); });
}

int ls(const GazetteerStore& store, std::optional<EntityType> type, bool where) {
  auto entities = store.entities(type);
  if (!entities) {
    fmt::print(stderr, "alam: error: {}\n", entities.status().message());
    return entities.status().code() == StatusCode::kInvalidArgument ? kExitData
                                                                      : exit_code(entities.status());
  }
  std::string out;
  for (const Entity& e : *entities) {
    out += fmt::format("{}\t{}\t{}\t{}", e.id, type_name(e.type), display_name(e), e.aliases.size());
    if (where) out += fmt::format("\t{}:{}", e.file, e.line);
    out += '\n';
  }
  fmt::print("{}", out);
  return kExitOk;
}

int run_lint(const EditArgs& a) {
  return with_store(a, [&](const GazetteerStore& store) { return lint(store, a); });
}

int lint(const GazetteerStore& store, const EditArgs& a) {
  auto sources = store.read_sources();
  if (!sources) return fail(sources.status());
  const LintReport r = lint_gazetteer(*sources);
  std::string out;
  for (const LintFinding& f : r.findings)
    if (!a.errors_only || f.severity == LintSeverity::kError) out += format_finding(f) + "\n";
  fmt::print("{}", out);
  std::fflush(stdout);
  fmt::print(stderr, "alam gaz lint: {} error{}, {} warning{} in {} file{} ({} entities, {} aliases)\n",
             r.errors, r.errors == 1 ? "" : "s", r.warnings, r.warnings == 1 ? "" : "s", r.files,
             r.files == 1 ? "" : "s", r.entities, r.aliases);
  if (r.errors > 0) return kExitBadInput;
  if (a.strict && r.warnings > 0) return kExitBadInput;
  return kExitOk;
}

CLI::App* subcommand(CLI::App& gaz, const std::shared_ptr<EditArgs>& a, const char* name,
                     const char* help, int (*run)(const EditArgs&)) {
  CLI::App* cmd = gaz.add_subcommand(name, help);
  cmd->add_option("--dir", a->dir,
                  "gazetteer folder (or one .gaz file); default: $ALAM_GAZETTEERS, ./gazetteers, "
                  "or the installed gazetteers");
  cmd->callback([a, run] { throw CLI::RuntimeError(run(*a)); });
  return cmd;
}

}  // namespace

void register_gaz_edit(CLI::App& gaz) {
  auto a = std::make_shared<EditArgs>();
  const char* force_help = "write even when an alias would share its lookup key with another "
                           "entity's alias";

  CLI::App* add = subcommand(gaz, a, "add", "Add an entity (into the file for its type)", run_add);
  add->add_option("TYPE", a->type, "ORG PERSON CHIP PRODUCT LOC MONEY PERCENT DATE STOP GIVEN");
  add->add_option("NAME", a->name,
                  "canonical name, optionally with flags: '[cs] Arm' (for STOP and GIVEN lists: "
                  "the first alias)");
  add->add_option("--type", a->type, "the same as TYPE");
  add->add_option("--name", a->name, "the same as NAME");
  add->add_option("--id", a->id, "entity id (default: made from the name, e.g. per-jensen-huang)");
  add->add_option("--alias,-a", a->aliases, "another alias, optionally '[cs,exact] TEXT' (repeatable)")
      ->allow_extra_args(false);
  add->add_option("--attr", a->attrs, "attribute KEY=VALUE (repeatable)")->allow_extra_args(false);
  add->add_option("--file", a->file, "file in the folder (default: orgs.gaz, people.gaz, … by type)");
  add->add_option("--after", a->after, "insert after this entity (default: after the last of its type)");
  add->add_flag("--force", a->force, force_help);

  CLI::App* alias = subcommand(gaz, a, "alias", "Add aliases to an entity", run_alias);
  alias->add_option("id", a->id, "entity id")->required();
  alias->add_option("aliases", a->texts, "aliases, optionally '[cs,exact] TEXT'")->required();
  alias->add_flag("--cs", a->cs, "case-sensitive (flag cs)");
  alias->add_flag("--exact", a->exact, "never matched after a stripped proclitic (flag exact)");
  alias->add_flag("--force", a->force, force_help);

  CLI::App* rm = subcommand(gaz, a, "rm", "Remove an entity, or some of its aliases", run_rm);
  rm->add_option("id", a->id, "entity id")->required();
  rm->add_option("--alias,-a", a->texts, "remove this alias instead of the entity (repeatable)")
      ->allow_extra_args(false);

  CLI::App* rename = subcommand(gaz, a, "rename",
                                "Change an entity's canonical name (the old one stays an alias) "
                                "and/or its id",
                                run_rename);
  rename->add_option("id", a->id, "entity id")->required();
  rename->add_option("name", a->new_name, "the new canonical name");
  rename->add_option("--id", a->new_id, "the new id");
  rename->add_flag("--drop-old", a->drop_old, "do not keep the old name as an alias");
  rename->add_flag("--cs", a->cs, "the new name is case-sensitive");
  rename->add_flag("--no-cs", a->no_cs, "the new name is not case-sensitive");
  rename->add_flag("--exact", a->exact, "the new name has the exact flag");
  rename->add_flag("--no-exact", a->no_exact, "the new name has no exact flag");
  rename->add_flag("--force", a->force, force_help);

  CLI::App* set = subcommand(gaz, a, "set",
                             "Set an attribute (attr.KEY VALUE, or --unset), the type (type "
                             "TYPE) or an alias's flags (alias[cs,exact] TEXT; alias[] clears)",
                             run_set);
  set->add_option("id", a->id, "entity id")->required();
  set->add_option("key", a->key, "attr.KEY, type, alias[FLAGS] or name[FLAGS]")->required();
  set->add_option("value", a->value, "the value, type or alias text");
  set->add_flag("--unset", a->unset, "remove the attribute");
  set->add_flag("--force", a->force, force_help);

  CLI::App* show = subcommand(gaz, a, "show", "Print one entity as written, with file:line", run_show);
  show->add_option("id", a->id, "entity id")->required();
  show->add_flag("--keys", a->keys, "also print each alias's lookup key");

  CLI::App* find = subcommand(gaz, a, "find",
                              "Find entities by alias: same lookup key as the tagger (also after "
                              "a proclitic), then substrings; exit 1 when nothing matches",
                              run_find);
  find->add_option("query", a->query, "text to look up")->required();
  find->add_option("--type", a->type, "only this type");
  find->add_flag("--no-substring", a->no_substring, "whole lookup keys only");
  find->add_option("--limit", a->limit, "at most N results");

  CLI::App* ls = subcommand(gaz, a, "ls", "List entities: id, TYPE, name, alias count (tab-separated)", run_ls);
  ls->add_option("--type", a->type, "only this type");
  ls->add_flag("--where", a->where, "add file:line");

  CLI::App* lint = subcommand(gaz, a, "lint",
                              "Check the gazetteer: errors exit 1 (syntax, duplicate ids, alias "
                              "collisions), warnings do not (common words, redundant aliases)",
                              run_lint);
  lint->add_flag("--strict", a->strict, "warnings fail too");
  lint->add_flag("--errors-only", a->errors_only, "print errors only");
}

}  // namespace alam::cli
