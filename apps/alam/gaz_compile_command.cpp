// alam gaz compile | variants | diff | suggest
#include <fmt/core.h>

#include <chrono>

#include "alam/curation.hpp"
#include "alam/utf8.hpp"
#include "alam/variants.hpp"
#include "common.hpp"

namespace alam::cli {
namespace {

struct CompileOptions {
  std::vector<std::string> sources;
  std::string output;
  bool variants = false;
};

std::shared_ptr<const Gazetteer> load_or_report(const std::string& path) {
  auto g = Gazetteer::load({path});
  if (!g) {
    fmt::print(stderr, "alam: error: {}\n", g.status().message());
    return nullptr;
  }
  return std::make_shared<const Gazetteer>(std::move(g).value());
}

int run_compile(const CompileOptions& o) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::filesystem::path> paths(o.sources.begin(), o.sources.end());
  auto sources = Gazetteer::read_sources(paths);
  if (!sources) {
    fmt::print(stderr, "alam: error: {}\n", sources.status().message());
    return sources.status().code() == StatusCode::kInvalidArgument ? kExitData : kExitIo;
  }
  Result<Gazetteer> g = Status{StatusCode::kInvalidArgument, "unset"};
  if (o.variants) {
    auto entities = parse_entities(*sources);
    if (!entities) {
      fmt::print(stderr, "alam: error: {}\n", entities.status().message());
      return kExitData;
    }
    const auto suggestions = suggest_variants(*entities);
    const std::size_t added = add_generated_variants(*entities, suggestions);
    fmt::print(stderr, "alam: added {} generated variants ({} left out: they collide)\n", added,
               suggestions.size() - added);
    const std::string text = format_entities(*entities);
    g = Gazetteer::from_sources({{o.output + " (with variants)", text}});
  } else {
    g = Gazetteer::from_sources(*sources);
  }
  if (!g) {
    fmt::print(stderr, "alam: error: {}\n", g.status().message());
    return kExitData;
  }
  if (Status s = g->write_compiled(o.output); !s) {
    fmt::print(stderr, "alam: error: {}\n", s.message());
    return kExitIo;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(stderr, "alam: compiled {} entities from {} files into {} ({:.1f} MB) in {:.2f} s\n",
             g->size(), sources->size(), o.output, double(g->compiled_image().size()) / 1e6,
             seconds);
  return kExitOk;
}

struct VariantsOptions {
  std::vector<std::string> names;
  std::string dir;
  std::vector<std::string> ids;
  bool all = false;
};

int run_variants(const VariantsOptions& o) {
  for (const std::string& name : o.names) {
    const bool latin = !name.empty() && static_cast<unsigned char>(name[0]) < 0x80;
    for (const std::string& v : latin ? arabic_spellings(name) : arabic_variants(name))
      fmt::print("{}\t{}\n", name, v);
  }
  if (o.ids.empty() && !o.all) return kExitOk;
  const std::filesystem::path dir = o.dir.empty() ? default_gazetteer_dir() : std::filesystem::path(o.dir);
  if (dir.empty()) {
    fmt::print(stderr, "alam: error: no gazetteer folder: give --dir or set ALAM_GAZETTEERS\n");
    return kExitUsage;
  }
  auto sources = Gazetteer::read_sources({dir});
  auto entities = sources ? parse_entities(*sources) : Result<std::vector<Entity>>(sources.status());
  if (!entities) {
    fmt::print(stderr, "alam: error: {}\n", entities.status().message());
    return kExitData;
  }
  std::size_t shown = 0;
  for (const VariantSuggestion& s : suggest_variants(*entities)) {
    const Entity& e = (*entities)[s.entity];
    if (!o.all && std::find(o.ids.begin(), o.ids.end(), e.id) == o.ids.end()) continue;
    fmt::print("{}\t{}\tfrom {}\t{}\n", e.id, s.variant, s.from,
               s.collides_with.empty() ? "new" : "collides with " + s.collides_with);
    ++shown;
  }
  fmt::print(stderr, "alam: {} variants; add the good ones as `alias[gen] = …` after review\n", shown);
  return kExitOk;
}

struct DiffOptions {
  std::string before, after, corpus;
};

int run_diff(const DiffOptions& o) {
  auto before = load_or_report(o.before);
  auto after = before ? load_or_report(o.after) : nullptr;
  if (!after) return kExitData;
  const Tagger old_tagger(before), new_tagger(after);
  std::size_t appeared = 0, vanished = 0, retyped = 0, moved = 0;
  const bool ok = for_each_line({o.corpus}, [&](const std::string& src, std::size_t line_no,
                                                std::string& line) {
    const std::string text = utf8::sanitize(line);
    for (const SpanChange& c : diff_spans(old_tagger.tag(text), new_tagger.tag(text))) {
      auto show = [&](const Span& s) {
        return fmt::format("{} \u2068{}\u2069 ({})", type_name(s.type),
                           text.substr(s.begin, s.end - s.begin), s.source);
      };
      switch (c.kind) {
        case SpanChange::Kind::kAppeared: ++appeared; fmt::print("{}:{}: + {}\n", src, line_no, show(c.after)); break;
        case SpanChange::Kind::kVanished: ++vanished; fmt::print("{}:{}: - {}\n", src, line_no, show(c.before)); break;
        case SpanChange::Kind::kRetyped: ++retyped; fmt::print("{}:{}: ~ {} → {}\n", src, line_no, show(c.before), show(c.after)); break;
        case SpanChange::Kind::kMoved: ++moved; fmt::print("{}:{}: ~ {} → {}\n", src, line_no, show(c.before), show(c.after)); break;
      }
    }
    return true;
  });
  fmt::print("{} appeared, {} vanished, {} changed type, {} changed boundaries\n", appeared,
             vanished, retyped, moved);
  return ok ? kExitOk : kExitIo;
}

struct SuggestOptions {
  std::string corpus;
  std::size_t min_count = 2;
  std::size_t top = 50;
  GazetteerOptions gazetteers;
};

int run_suggest(const SuggestOptions& o) {
  auto gazetteer = o.gazetteers.load();
  if (!gazetteer) return kExitData;
  const Tagger tagger(gazetteer);
  SuggestionCollector collector;
  const bool ok = for_each_line({o.corpus}, [&](const std::string&, std::size_t, std::string& line) {
    const std::string text = utf8::sanitize(line);
    collector.add(text, tagger.tag(text));
    return true;
  });
  std::size_t n = 0;
  for (const Suggestion& s : collector.ranked(o.min_count)) {
    if (n++ == o.top) break;
    fmt::print("{:>5}  {:<7} \u2068{}\u2069  ({})\n", s.count, type_name(s.type), s.text, s.rule);
    for (const std::string& ex : s.examples) fmt::print("         … {} …\n", ex);
    fmt::print("         alam gaz add --type {} --name '{}'\n", type_name(s.type), s.text);
  }
  return ok ? kExitOk : kExitIo;
}

}  // namespace

void register_gaz_compile(CLI::App& gaz) {
  auto o = std::make_shared<CompileOptions>();
  CLI::App* cmd = gaz.add_subcommand(
      "compile", "Compile gazetteer text files or folders into one binary file that `alam tag "
                 "--gazetteer FILE` memory-maps (no parsing at load)");
  cmd->add_option("sources", o->sources, "gazetteer files or folders of *.gaz")->required();
  cmd->add_option("-o,--output", o->output, "the compiled file to write")->required();
  cmd->add_flag("--variants", o->variants,
                "also add generated transliteration variants (alias[gen]) that collide with no "
                "other entity");
  cmd->callback([o] { throw CLI::RuntimeError(run_compile(*o)); });

  auto v = std::make_shared<VariantsOptions>();
  CLI::App* var = gaz.add_subcommand(
      "variants", "Generate the usual Arabic spellings of names (Latin → Arabic; Arabic "
                  "alternations), for NAMEs or for gazetteer entities, with collisions");
  var->add_option("names", v->names, "names to spell");
  var->add_option("--id", v->ids, "entities of the gazetteer to generate variants for")
      ->allow_extra_args(false);
  var->add_flag("--all", v->all, "every entity of the gazetteer");
  var->add_option("--dir", v->dir, "gazetteer folder (default: $ALAM_GAZETTEERS or gazetteers/)");
  var->callback([v] { throw CLI::RuntimeError(run_variants(*v)); });

  auto d = std::make_shared<DiffOptions>();
  CLI::App* diff = gaz.add_subcommand(
      "diff", "Which spans of a corpus appear, vanish or change type between two gazetteers "
              "(files, folders or compiled files)");
  diff->add_option("old", d->before, "the gazetteer before the edit")->required();
  diff->add_option("new", d->after, "the gazetteer after the edit")->required();
  diff->add_option("corpus", d->corpus, "text, one document per line")->required();
  diff->callback([d] { throw CLI::RuntimeError(run_diff(*d)); });

  auto s = std::make_shared<SuggestOptions>();
  CLI::App* sug = gaz.add_subcommand(
      "suggest", "Entities that the grammars find in a corpus but no gazetteer lists, most "
                 "frequent first, with contexts");
  sug->add_option("corpus", s->corpus, "text, one document per line")->required();
  sug->add_option("--min-count", s->min_count, "at least this many mentions")->capture_default_str();
  sug->add_option("--top", s->top, "show this many")->capture_default_str();
  s->gazetteers.add_to(*sug);
  sug->callback([s] { throw CLI::RuntimeError(run_suggest(*s)); });
}

}  // namespace alam::cli
