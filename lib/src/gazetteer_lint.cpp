// Gazetteer lint: every syntax problem, duplicate ids, alias-key collisions, risky aliases.
// Rules: lib/include/alam/gazetteer_lint.hpp and docs/gazetteer-format.md ("Editing").
#include "alam/gazetteer_lint.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "alam/gazetteer_edit.hpp"
#include "alam/normalizer.hpp"
#include "gazetteer_index.hpp"
#include "gazetteer_syntax.hpp"
#include "alam/tokenizer.hpp"

namespace alam {
namespace {

using gazetteer_syntax::where;

// Common English words: one-word Latin aliases equal to one of these match ordinary English
// text unless they are case-sensitive. The most frequent English words, and ordinary words
// that are also company, product or place names in technology news.
constexpr std::string_view kCommonEnglish[] = {
    // function words and the most frequent words
    "a", "about", "above", "across", "after", "again", "against", "all", "almost", "alone",
    "along", "already", "also", "although", "always", "am", "among", "an", "and", "another",
    "any", "anyone", "anything", "are", "around", "as", "at", "away", "back", "be", "because",
    "been", "before", "behind", "being", "below", "best", "better", "between", "both", "but",
    "by", "can", "could", "did", "do", "does", "down", "during", "each", "either", "else",
    "enough", "even", "ever", "every", "few", "for", "from", "further", "had", "has", "have",
    "he", "her", "here", "hers", "him", "his", "how", "however", "i", "if", "in", "into", "is",
    "it", "its", "just", "least", "less", "like", "many", "may", "me", "might", "more", "most",
    "much", "must", "my", "near", "neither", "never", "next", "no", "nor", "not", "now", "of",
    "off", "often", "on", "once", "only", "or", "other", "our", "out", "over", "own", "per",
    "perhaps", "quite", "rather", "same", "she", "should", "since", "so", "some", "still",
    "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "though", "through", "thus", "to", "together", "too", "toward", "under", "until",
    "up", "upon", "us", "very", "via", "was", "we", "well", "were", "what", "when", "where",
    "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within",
    "without", "would", "yet", "you", "your",
    // frequent verbs
    "add", "allow", "ask", "become", "begin", "bring", "build", "buy", "call", "care", "carry",
    "change", "check", "choose", "come", "connect", "create", "cut", "deal", "deliver", "drive",
    "eat", "enable", "explore", "face", "fall", "feel", "find", "fly", "follow", "get", "give",
    "go", "grow", "guard", "help", "hold", "hope", "keep", "know", "launch", "lead", "learn",
    "leave", "let", "lift", "live", "look", "lose", "love", "make", "mean", "meet", "move",
    "need", "offer", "open", "pay", "play", "put", "reach", "read", "run", "say", "see", "seek",
    "sell", "send", "serve", "set", "share", "shift", "show", "sign", "sing", "sit", "speak",
    "stand", "start", "stay", "stop", "switch", "take", "talk", "tell", "think", "trade", "try",
    "turn", "use", "wait", "walk", "want", "watch", "win", "work", "write",
    // frequent nouns and adjectives
    "able", "access", "action", "age", "air", "amazing", "answer", "area", "art", "bad", "bank",
    "base", "bear", "bed", "big", "bird", "black", "blue", "board", "body", "book", "box",
    "brave", "bridge", "bright", "business", "capital", "car", "case", "cell", "center",
    "central", "chance", "chip", "city", "class", "clear", "close", "cloud", "code", "cold",
    "common", "company", "core", "country", "course", "credit", "cross", "current", "data",
    "day", "dear", "deep", "digital", "direct", "door", "dream", "early", "earth", "east",
    "easy", "edge", "end", "energy", "eye", "fact", "fair", "family", "far", "fast", "field",
    "fine", "fire", "first", "five", "food", "force", "form", "four", "free", "fresh",
    "friend", "front", "fruit", "full", "fun", "fund", "future", "game", "general", "gift",
    "girl", "global", "gold", "good", "great", "green", "ground", "group", "half", "hand",
    "happy", "hard", "head", "health", "heart", "heavy", "high", "home", "hot", "house",
    "human", "idea", "image", "insight", "intelligence", "iron", "island", "key", "kind",
    "king", "land", "large", "last", "late", "law", "left", "level", "life", "light", "line",
    "link", "little", "local", "long", "low", "machine", "main", "man", "market", "master",
    "matter", "media", "member", "mind", "mobile", "model", "money", "moon", "morning",
    "mother", "mountain", "name", "nation", "national", "nature", "net", "network", "new",
    "news", "nice", "night", "north", "note", "number", "ocean", "office", "oil", "old", "one",
    "order", "page", "paper", "part", "party", "past", "path", "peace", "people", "person",
    "phone", "picture", "place", "plan", "plant", "point", "power", "present", "press",
    "price", "prime", "program", "project", "public", "quick", "rain", "real", "red", "rest",
    "right", "river", "road", "rock", "room", "round", "rule", "safe", "school", "sea",
    "second", "security", "service", "seven", "shape", "short", "side", "simple", "six", "size",
    "sky", "small", "smart", "social", "soft", "sound", "south", "space", "special", "speed",
    "spirit", "spring", "square", "standard", "star", "state", "station", "step", "stone",
    "store", "story", "street", "strong", "study", "summer", "sun", "sure", "system", "table",
    "team", "ten", "test", "thing", "three", "time", "today", "top", "total", "town", "tree",
    "true", "trust", "truth", "two", "union", "unit", "united", "unity", "universal", "value",
    "view", "vision", "voice", "war", "water", "way", "web", "week", "west", "white", "whole",
    "wide", "wild", "wind", "window", "windows", "winter", "woman", "word", "world", "year",
    "young", "zero",
    // ordinary words that are also names in technology and business news
    "alliance", "amber", "anchor", "apple", "arm", "atlas", "bard", "beacon", "block", "bolt",
    "brain", "canvas", "character", "circle", "compass", "copilot", "corona", "crown",
    "discord", "dove", "echo", "element", "embrace", "excel", "express", "fidelity", "focus",
    "fortune", "frontier", "galaxy", "gap", "gemini", "genesis", "guardian", "harmony",
    "herald", "horizon", "independent", "infinity", "inflection", "jasper", "lemon", "lens",
    "lily", "magic", "match", "mercury", "mirror", "mosaic", "nest", "notion", "nova",
    "oasis", "olive", "oracle", "orange", "outlook", "pacific", "palm", "pilot", "pioneer",
    "pixel", "pulse", "quest", "ring", "runway", "scale", "shell", "signal", "slack", "snap",
    "spark", "stability", "stream", "summit", "surface", "target", "teams", "threads", "tide",
    "times", "titan", "visa", "wave", "writer", "zoom",
};

// Common Arabic function words (and a few very frequent verbs and adverbs): an alias equal to
// one of them would be tagged wherever the word occurs. Keys are normalized at first use.
constexpr std::string_view kArabicFunction[] = {
    "في", "من", "إلى", "على", "عن", "مع", "أن", "إن", "أو", "ثم", "بل", "لكن", "حتى",
    "لا", "لم", "لن", "ما", "ماذا", "متى", "أين", "كيف", "هل", "قد", "لقد", "كان", "كانت",
    "يكون", "تكون", "ليس", "ليست", "هو", "هي", "هم", "هن", "أنا", "نحن", "أنت", "أنتم", "هذا",
    "هذه", "ذلك", "تلك", "هؤلاء", "أولئك", "الذي", "التي", "الذين", "اللذين", "اللتين",
    "اللواتي", "كل", "بعض", "غير", "بين", "عند", "عندما", "بينما", "حيث", "كما", "قبل", "بعد",
    "خلال", "ضد", "حول", "منذ", "عبر", "لدى", "دون", "تحت", "فوق", "أمام", "وراء", "هناك",
    "هنا", "إذا", "لو", "مثل", "أي", "أيضا", "فقط", "جدا", "نحو", "كذلك", "لأن", "إلا", "سوف",
    "أكثر", "أقل", "جميع", "عدة", "ذات", "ذو", "نفس", "ضمن", "وفق", "بشأن", "إنه", "إنها", "أنه",
    "أنها", "له", "لها", "به", "بها", "فيه", "فيها", "منه", "منها", "عليه", "عليها", "الآن",
    "اليوم", "أمس", "غدا", "قال", "قالت", "يقول", "تقول", "وقال", "وقالت", "عام", "العام",
    "شركة", "الشركة", "مجموعة", "دولة", "مدينة", "رئيس", "الرئيس",
};

struct WordSets {
  std::unordered_set<std::string> english;
  std::unordered_set<std::string> arabic;
};

const WordSets& word_sets() {
  static const WordSets sets = [] {
    WordSets w;
    for (std::string_view s : kCommonEnglish) w.english.insert(gazetteer_alias_key(s));
    for (std::string_view s : kArabicFunction) w.arabic.insert(gazetteer_alias_key(s));
    return w;
  }();
  return sets;
}

const Normalizer& folding_normalizer() { return Gazetteer::Index::matching_normalizer(); }

struct KeyInfo {
  std::string key;
  std::vector<Script> scripts;  // per token
  bool word_start = false;      // the first token is a word
};

KeyInfo key_info(std::string_view text) {
  KeyInfo k;
  const std::string n = folding_normalizer().normalize_text(text);
  const std::vector<Token> tokens = tokenize(n);
  for (const Token& t : tokens) {
    if (!k.key.empty()) k.key.push_back(' ');
    k.key.append(t.view(n));
    k.scripts.push_back(t.script);
  }
  k.word_start = !tokens.empty() && tokens.front().is_word();
  return k;
}

bool has_upper_ascii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string quote(std::string_view s) {
  std::string q;
  q.reserve(s.size() + 2);
  q += '\'';
  q += s;
  q += '\'';
  return q;
}

LintFinding warning(std::string code, std::string message) {
  return {LintSeverity::kWarning, {}, 0, std::move(code), std::move(message)};
}

// "FILE:LINE:COL: message" → LINE (0 when the message does not start with file).
std::size_t line_of_message(const std::string& message, const std::string& file) {
  if (!message.starts_with(file + ":")) return 0;
  std::size_t line = 0;
  for (std::size_t i = file.size() + 1; i < message.size() && message[i] >= '0' && message[i] <= '9'; ++i)
    line = line * 10 + std::size_t(message[i] - '0');
  return line;
}

std::string strip_location(const std::string& message, const std::string& file) {
  if (!message.starts_with(file + ":")) return message;
  std::size_t colons = 0, i = file.size();
  for (; i < message.size() && colons < 3; ++i)
    if (message[i] == ':') ++colons;
  while (i < message.size() && message[i] == ' ') ++i;
  return message.substr(i);
}

struct AliasRef {
  std::size_t entity = 0;  // index into the entity list
  std::string text;
  std::size_t line = 0;
  bool cs = false;
  bool exact = false;
  std::string key;
};

struct EntityRef {
  std::string id;
  std::string type;
  bool given = false;  // a GIVEN list: cues for the person grammar, never tagged itself
  std::string file;
  std::size_t line = 0;
};

}  // namespace

std::string gazetteer_alias_key(std::string_view text, bool case_sensitive) {
  // The very key the gazetteer index uses (gazetteer_index.hpp).
  return Gazetteer::Index::key_of(case_sensitive ? Gazetteer::Index::case_preserving_normalizer()
                                                 : Gazetteer::Index::matching_normalizer(),
                                  text);
}

const std::vector<std::string_view>& common_english_words() {
  static const std::vector<std::string_view> v(std::begin(kCommonEnglish), std::end(kCommonEnglish));
  return v;
}

const std::vector<std::string_view>& arabic_function_words() {
  static const std::vector<std::string_view> v(std::begin(kArabicFunction), std::end(kArabicFunction));
  return v;
}

std::vector<LintFinding> lint_alias(std::string_view text, bool case_sensitive, bool exact,
                                    EntityType type) {
  std::vector<LintFinding> out;
  const KeyInfo k = key_info(text);
  if (k.scripts.empty()) return out;
  const bool one_word = k.scripts.size() == 1;
  if (!is_list_type(type) && one_word) {
    if (k.scripts[0] == Script::kLatin && word_sets().english.count(k.key)) {
      if (!case_sensitive)
        out.push_back(warning("common-word",
                              quote(text) + " is a common English word: flag it cs (alias[cs] = " +
                                  std::string(text) + ") so that only this spelling matches"));
      else if (!has_upper_ascii(text))
        out.push_back(warning("common-word", quote(text) +
                                                 " is a common English word written in lower "
                                                 "case: even as cs it matches the ordinary word"));
    }
    if (k.scripts[0] == Script::kArabic && word_sets().arabic.count(k.key))
      out.push_back(warning("function-word", quote(text) +
                                                 " is a common Arabic word: it would be tagged "
                                                 "wherever the word occurs"));
  }
  if (case_sensitive) {
    const bool cased = std::any_of(k.scripts.begin(), k.scripts.end(), [](Script s) {
      return s == Script::kLatin || s == Script::kMixed || s == Script::kOther;
    });
    if (!cased)
      out.push_back(warning("flag-no-effect",
                            quote(text) + " has no letter case: the cs flag has no effect"));
  }
  if (exact && k.scripts.front() != Script::kArabic)
    out.push_back(warning("flag-no-effect",
                          quote(text) + " does not start with an Arabic word: the exact flag "
                                        "(no proclitic stripping) has no effect"));
  return out;
}

std::string format_finding(const LintFinding& f) {
  std::string out = f.file;
  if (f.line) {
    out += ':';
    out += std::to_string(f.line);
  }
  out += f.severity == LintSeverity::kError ? ": error: " : ": warning: ";
  out += f.message;
  if (!f.code.empty()) {
    out += " [";
    out += f.code;
    out += ']';
  }
  return out;
}

LintReport lint_gazetteer(const std::vector<GazetteerSource>& sources, const LintOptions& options) {
  LintReport report;
  report.files = sources.size();
  auto add = [&](LintSeverity severity, const std::string& file, std::size_t line,
                 std::string code, std::string message) {
    report.findings.push_back({severity, file, line, std::move(code), std::move(message)});
  };

  std::vector<GazetteerDocument> docs;
  docs.reserve(sources.size());
  for (const GazetteerSource& s : sources) docs.push_back(GazetteerDocument::parse(s.name, s.text));

  // Every line and entity problem (loading stops at the first).
  for (const GazetteerDocument& doc : docs)
    for (const BlockProblem& p : doc.problems())
      add(LintSeverity::kError, doc.name(), p.line, p.code, p.message);

  // Entities, ids and aliases.
  std::vector<EntityRef> entities;
  std::vector<AliasRef> aliases;
  std::unordered_map<std::string, std::size_t> first_id;
  for (const GazetteerDocument& doc : docs) {
    for (const EntityBlock& b : doc.blocks()) {
      const Entity e = doc.entity(b);
      const std::size_t index = entities.size();
      entities.push_back({b.id, b.type, e.type == EntityType::kGiven && b.type == "GIVEN",
                          doc.name(), b.first_line});
      if (auto [it, inserted] = first_id.try_emplace(b.id, index); !inserted) {
        const EntityRef& first = entities[it->second];
        add(LintSeverity::kError, doc.name(), b.first_line, "duplicate-id",
            "duplicate id '" + b.id + "' (first defined at " + where(first.file, first.line) + ")");
      }
      for (const Alias& a : e.aliases) {
        const KeyInfo k = key_info(a.text);
        if (!k.word_start) {
          add(LintSeverity::kError, doc.name(), a.line, "no-word-start",
              "alias " + quote(a.text) +
                  " does not start with a letter or digit after normalization");
          continue;
        }
        aliases.push_back({index, a.text, a.line, a.case_sensitive, a.exact, k.key});
        for (LintFinding& f : lint_alias(a.text, a.case_sensitive, a.exact, e.type)) {
          if (!options.common_words && (f.code == "common-word" || f.code == "function-word"))
            continue;
          add(f.severity, doc.name(), a.line, std::move(f.code), std::move(f.message));
        }
      }
      // Attributes.
      std::map<std::string, std::size_t> seen;
      for (std::size_t n = b.first_line + 1; n <= b.last_line; ++n) {
        const GazLine& g = doc.info(n);
        if (g.kind != GazLineKind::kAttribute) continue;
        if (auto [it, inserted] = seen.try_emplace(g.key, n); !inserted)
          add(LintSeverity::kWarning, doc.name(), n, "attribute",
              "attr." + g.key + " is given twice in [" + b.id + "] (first at line " +
                  std::to_string(it->second) + ")");
        const bool two_caps = g.value.size() == 2 && g.value[0] >= 'A' && g.value[0] <= 'Z' &&
                              g.value[1] >= 'A' && g.value[1] <= 'Z';
        if ((g.key == "country" || g.key == "iso") && !two_caps)
          add(LintSeverity::kWarning, doc.name(), n, "attribute",
              "attr." + g.key + " = " + g.value + " is not an ISO 3166-1 alpha-2 code (two "
              "capital letters)");
        if (g.key == "wikidata" &&
            !(g.value.size() > 1 && g.value[0] == 'Q' &&
              std::all_of(g.value.begin() + 1, g.value.end(),
                          [](char c) { return c >= '0' && c <= '9'; })))
          add(LintSeverity::kWarning, doc.name(), n, "attribute",
              "attr.wikidata = " + g.value + " is not a Wikidata item id (Q and digits)");
      }
    }
  }
  report.entities = entities.size();
  report.aliases = aliases.size();

  // Aliases sharing a lookup key.
  std::unordered_map<std::string, std::vector<std::size_t>> by_key;
  for (std::size_t i = 0; i < aliases.size(); ++i) by_key[aliases[i].key].push_back(i);
  std::set<std::tuple<std::size_t, std::size_t, std::string>> reported_pairs;
  for (std::size_t j = 0; j < aliases.size(); ++j) {
    const AliasRef& b = aliases[j];
    const auto& group = by_key[b.key];
    if (group.size() < 2) continue;
    bool same_reported = false;
    for (std::size_t i : group) {
      if (i >= j) break;
      const AliasRef& a = aliases[i];
      const bool both_cs = a.cs && b.cs;
      const bool collide = !both_cs || gazetteer_alias_key(a.text, true) ==
                                           gazetteer_alias_key(b.text, true);
      if (a.entity == b.entity) {
        if (same_reported) continue;
        const EntityRef& e = entities[a.entity];
        if (a.cs != b.cs) {
          const AliasRef& cs = a.cs ? a : b;
          const AliasRef& plain = a.cs ? b : a;
          add(LintSeverity::kWarning, e.file, b.line, "case-variant",
              quote(cs.text) + " (cs, line " + std::to_string(cs.line) + ") and " +
                  quote(plain.text) + " (line " + std::to_string(plain.line) +
                  ") differ only by letter case, and the second matches any case: the cs flag "
                  "has no effect");
          same_reported = true;
        } else if (collide) {
          add(LintSeverity::kWarning, e.file, b.line, "redundant-alias",
              "alias " + quote(b.text) + " has the same lookup key '" + b.key + "' as " +
                  quote(a.text) + " (line " + std::to_string(a.line) + "): it adds nothing");
          same_reported = true;
        }
        continue;
      }
      if (!collide || entities[a.entity].given || entities[b.entity].given) continue;
      if (!reported_pairs.insert({a.entity, b.entity, b.key}).second) continue;
      const EntityRef& ea = entities[a.entity];
      const EntityRef& eb = entities[b.entity];
      add(LintSeverity::kError, eb.file, b.line, "alias-collision",
          "alias " + quote(b.text) + " of [" + eb.id + "] " + eb.type +
              " has the same lookup key '" + b.key + "' as alias " + quote(a.text) + " of [" +
              ea.id + "] " + ea.type + " at " + where(ea.file, a.line) +
              (ea.type == eb.type ? " (same type)" : " (different types)"));
    }
  }

  // Whatever else the parser (file by file) or the loader (all files) rejects, unless an error
  // is already reported on that line: a safety net in case the rules above fall behind.
  auto add_unless_known = [&](const std::string& message) {
    for (const GazetteerSource& s : sources) {
      if (!message.starts_with(s.name + ":")) continue;
      const std::size_t line = line_of_message(message, s.name);
      for (const LintFinding& f : report.findings)
        if (f.severity == LintSeverity::kError && f.file == s.name && f.line == line) return;
      add(LintSeverity::kError, s.name, line, "load", strip_location(message, s.name));
      return;
    }
    add(LintSeverity::kError, "", 0, "load", message);
  };
  for (const GazetteerSource& s : sources)
    if (auto parsed = parse_entities({s}); !parsed) add_unless_known(parsed.status().message());
  if (auto g = Gazetteer::from_sources(sources); !g) add_unless_known(g.status().message());

  // Order: files as given, then lines.
  std::unordered_map<std::string, std::size_t> file_order;
  for (std::size_t i = 0; i < sources.size(); ++i) file_order.try_emplace(sources[i].name, i);
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [&](const LintFinding& a, const LintFinding& b) {
                     const auto ia = file_order.find(a.file), ib = file_order.find(b.file);
                     const std::size_t fa = ia == file_order.end() ? 0 : ia->second;
                     const std::size_t fb = ib == file_order.end() ? 0 : ib->second;
                     if (fa != fb) return fa < fb;
                     return a.line < b.line;
                   });
  for (const LintFinding& f : report.findings)
    (f.severity == LintSeverity::kError ? report.errors : report.warnings)++;
  return report;
}

Result<LintReport> lint_gazetteer_path(const std::filesystem::path& path,
                                       const LintOptions& options) {
  auto sources = Gazetteer::read_sources({path});
  if (!sources) return sources.status();
  return lint_gazetteer(*sources, options);
}

}  // namespace alam
