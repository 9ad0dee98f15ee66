// Building, validating and reading the gazetteer image (gazetteer_index.hpp).
#include <algorithm>
#include <cstring>
#include <limits>
#include <type_traits>

#include "flat_hash.hpp"
#include "gazetteer_index.hpp"

namespace alam {
namespace {

using namespace image;

static_assert(std::is_trivially_copyable_v<Header>);
static_assert(sizeof(VocabEntry) == 16 && sizeof(Slot) == 8 && sizeof(Edge) == 12);
static_assert(sizeof(Node) == 8 && sizeof(Hit) == 16 && sizeof(AliasRecord) == 16);
static_assert(sizeof(EntityRecord) == 48 && sizeof(AttributeRecord) == 16);

constexpr std::uint32_t kRecordSize[kSectionCount] = {
    1, sizeof(VocabEntry), sizeof(Slot), sizeof(Edge), sizeof(std::uint32_t), sizeof(Node),
    sizeof(Hit), sizeof(EntityRecord), sizeof(AliasRecord), sizeof(AttributeRecord)};

// A fast checksum of a byte range: four independent multiply-xor lanes over 8-byte words.
std::uint64_t checksum(const char* p, std::size_t n) {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
  std::uint64_t lane[4] = {1, 2, 3, 4};
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32)
    for (int k = 0; k < 4; ++k) {
      std::uint64_t w;
      std::memcpy(&w, p + i + 8 * k, 8);
      lane[k] = (lane[k] ^ w) * kMul;
      lane[k] ^= lane[k] >> 29;
    }
  std::uint64_t h = n;
  for (int k = 0; k < 4; ++k) h = (h ^ lane[k]) * kMul;
  return h ^ hash_bytes(std::string_view(p + i, n - i));
}

class StringPool {
 public:
  Str add(std::string_view s) {
    Str r{std::uint32_t(bytes_.size()), std::uint32_t(s.size())};
    bytes_.append(s);
    return r;
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

template <typename T>
void append_section(std::string& out, Header& h, Section kind, const T* data, std::size_t count) {
  while (out.size() % 8) out.push_back('\0');
  h.sections[kind] = {out.size(), count, kRecordSize[kind], kind};
  out.append(reinterpret_cast<const char*>(data), count * sizeof(T));
}

bool power_of_two(std::size_t n) { return n != 0 && (n & (n - 1)) == 0; }

}  // namespace

namespace {
const Normalizer& default_normalizer() {
  static const Normalizer n;
  return n;
}
const Normalizer& cased_normalizer() {
  static const Normalizer n([] {
    NormalizerOptions o;
    o.fold_case = false;
    return o;
  }());
  return n;
}

// The checksum of a whole image, its own field counted as zero.
std::uint64_t image_checksum(std::string_view img) {
  Header h;
  std::memcpy(&h, img.data(), sizeof h);
  h.checksum = 0;
  const std::uint64_t head = checksum(reinterpret_cast<const char*>(&h), sizeof h);
  const std::uint64_t body = checksum(img.data() + sizeof h, img.size() - sizeof h);
  return (head * 0x9E3779B97F4A7C15ull) ^ body;
}
}  // namespace

Gazetteer::Index::Index() : normalizer(default_normalizer()) {}

const Normalizer& Gazetteer::Index::matching_normalizer() { return default_normalizer(); }

void Gazetteer::Index::reseal(std::string& img) {
  if (img.size() < sizeof(Header)) return;
  Header h;
  std::memcpy(&h, img.data(), sizeof h);
  h.image_size = img.size();
  std::memcpy(img.data(), &h, sizeof h);
  h.checksum = image_checksum(img);
  std::memcpy(img.data(), &h, sizeof h);
}
const Normalizer& Gazetteer::Index::case_preserving_normalizer() { return cased_normalizer(); }

std::uint64_t Gazetteer::Index::normalizer_fingerprint() {
  // Normalizing one probe of every rule: if a rule changes, old images no longer match.
  static const std::uint64_t kFingerprint = [] {
    const Normalizer& n = default_normalizer();  // building another one's tables costs 1.5 ms
    return hash_bytes(n.normalize_text(
               "إأآٱ ى ة ؤئ کیڤپچگ ٠١٢٫٬٪ ۰۹ ABC Straße Ｎ ﻹ ـ ً \u200f \u00a0 A100-SXM4 و-H800")) ^
           kVersion;
  }();
  return kFingerprint;
}

std::string Gazetteer::Index::key_of(const Normalizer& normalizer, std::string_view text) {
  const std::string n = normalizer.normalize_text(text);
  std::string key;
  for (const Token& t : tokenize(n)) {
    if (!key.empty()) key.push_back(' ');
    key.append(t.view(n));
  }
  return key;
}

std::uint32_t Gazetteer::Index::token_id(std::string_view token) const {
  const std::uint64_t h = hash_bytes(token);
  const std::size_t mask = vocab_slots_.size() - 1;
  for (std::size_t slot = h & mask;; slot = (slot + 1) & mask) {
    const Slot s = vocab_slots_[slot];
    if (s.id == 0) return kNone;
    if (s.hash != std::uint32_t(h)) continue;
    const VocabEntry& t = vocab_[s.id - 1];
    if (t.text.length == token.size() &&
        std::memcmp(strings_.data() + t.text.offset, token.data(), token.size()) == 0)
      return s.id - 1;
  }
}

std::uint32_t Gazetteer::Index::child(std::uint32_t node, std::uint32_t token) const {
  const std::size_t mask = edge_slots_.size() - 1;
  for (std::size_t slot = hash_pair(node, token) & mask;; slot = (slot + 1) & mask) {
    const std::uint32_t v = edge_slots_[slot];
    if (v == 0) return kNone;
    const Edge& e = edges_[v - 1];
    if (e.node == node && e.token == token) return e.child;
  }
}

namespace {

// The vocabulary while an image is built: token text → id (ids in first-seen order), the texts
// in one byte arena (no allocation per token; a node-based map's misses were most of `alam gaz
// compile`'s time with a million rows).
class VocabBuilder {
 public:
  VocabBuilder() = default;
  VocabBuilder(const VocabBuilder&) = delete;  // its table points at hashes_
  VocabBuilder& operator=(const VocabBuilder&) = delete;

  std::uint32_t id_of(std::string_view t) {
    const std::uint64_t h = hash_bytes(t);
    const std::size_t found =
        table_.find(h, [&](std::size_t id) { return hashes_[id] == h && text(id) == t; });
    if (found != Table::kAbsent) return std::uint32_t(found);
    begins_.push_back(bytes_.size());
    bytes_.append(t);
    ends_.push_back(bytes_.size());
    hashes_.push_back(h);
    table_.add(h, size() - 1);
    return std::uint32_t(size() - 1);
  }
  std::size_t size() const { return hashes_.size(); }
  std::string_view text(std::size_t id) const {
    return std::string_view(bytes_).substr(begins_[id], ends_[id] - begins_[id]);
  }
  std::uint64_t hash(std::size_t id) const { return hashes_[id]; }

 private:
  struct HashOf {
    const std::vector<std::uint64_t>* hashes;
    std::uint64_t operator()(std::size_t id) const { return (*hashes)[id]; }
  };
  using Table = IndexTable<HashOf>;
  std::string bytes_;
  std::vector<std::size_t> begins_, ends_;
  std::vector<std::uint64_t> hashes_;
  Table table_{HashOf{&hashes_}};
};

// The trie's edges while an image is built: (node, token) → child, in creation order.
class EdgeBuilder {
 public:
  EdgeBuilder() = default;
  EdgeBuilder(const EdgeBuilder&) = delete;  // its table points at edges_
  EdgeBuilder& operator=(const EdgeBuilder&) = delete;

  // The child of node under token, made by new_node() when there is none.
  template <typename NewNode>
  std::uint32_t child(std::uint32_t node, std::uint32_t token, NewNode&& new_node) {
    const std::uint64_t h = hash_pair(node, token);
    const std::size_t found = table_.find(
        h, [&](std::size_t k) { return edges_[k].node == node && edges_[k].token == token; });
    if (found != Table::kAbsent) return edges_[found].child;
    const std::uint32_t c = new_node();
    edges_.push_back({node, token, c});
    table_.add(h, edges_.size() - 1);
    return c;
  }
  const std::vector<Edge>& edges() const { return edges_; }

 private:
  struct HashOf {
    const std::vector<Edge>* edges;
    std::uint64_t operator()(std::size_t k) const {
      return hash_pair((*edges)[k].node, (*edges)[k].token);
    }
  };
  using Table = IndexTable<HashOf>;
  std::vector<Edge> edges_;
  Table table_{HashOf{&edges_}};
};

}  // namespace

Result<std::string> Gazetteer::Index::build_image(const std::vector<Entity>& entities) {
  const Index x;  // for its normalizers
  StringPool pool;
  VocabBuilder vocab;
  std::vector<std::uint32_t> first_node;  // per vocabulary id
  EdgeBuilder edges;
  // Each node's hits, in the order they were added, as a list through one vector; cased keys
  // in an arena until they go into the pool, node by node, after the vocabulary.
  struct PendingHit {
    std::uint32_t entity;
    bool exact, hamza;
    std::uint32_t cased_begin, cased_end;  // in cased_keys; empty: not case-sensitive
    std::uint32_t next;                    // the node's next hit, or kNone
  };
  std::vector<PendingHit> hits;
  std::string cased_keys;
  std::vector<std::uint32_t> node_first, node_last;  // hit list of each node, or kNone
  auto new_node = [&] {
    node_first.push_back(kNone);
    node_last.push_back(kNone);
    return std::uint32_t(node_first.size() - 1);
  };
  auto cased = [&](const PendingHit& h) {
    return std::string_view(cased_keys).substr(h.cased_begin, h.cased_end - h.cased_begin);
  };

  std::vector<EntityRecord> entity_records;
  std::vector<AliasRecord> alias_records;
  std::vector<AttributeRecord> attribute_records;
  entity_records.reserve(entities.size());
  NormalizedText normalized;
  std::vector<Token> tokens;
  for (std::size_t e = 0; e < entities.size(); ++e) {
    const Entity& ent = entities[e];
    EntityRecord rec;
    rec.id = pool.add(ent.id);
    rec.name = pool.add(ent.name);
    // Texts that repeat are stored once: the source file of consecutive entities, and an alias
    // written as the entity's name (the name is always its first alias).
    rec.file = e > 0 && ent.file == entities[e - 1].file ? entity_records.back().file
                                                         : pool.add(ent.file);
    rec.line = std::uint32_t(ent.line);
    rec.type = static_cast<std::uint32_t>(ent.type);
    rec.aliases_begin = std::uint32_t(alias_records.size());
    rec.attributes_begin = std::uint32_t(attribute_records.size());
    for (const Alias& a : ent.aliases) {
      const Str text = a.text == ent.name ? rec.name : pool.add(a.text);
      alias_records.push_back({text, std::uint32_t(a.line), std::uint8_t(a.case_sensitive),
                               std::uint8_t(a.exact), std::uint8_t(a.generated), 0});
      x.normalizer.normalize(a.text, normalized);
      tokenize(normalized.text, tokens);
      // Lookups start at word tokens, so an alias must start with a letter or digit.
      if (tokens.empty() || !tokens.front().is_word())
        return Status{StatusCode::kInvalidArgument,
                      ent.file + ":" + std::to_string(a.line) +
                          ":1: alias has no letters or digits at its start after normalization"};
      std::uint32_t node = kNone;
      for (std::size_t k = 0; k < tokens.size(); ++k) {
        const std::uint32_t tok = vocab.id_of(tokens[k].view(normalized.text));
        if (tok == first_node.size()) first_node.push_back(kNone);  // a new token
        if (k == 0) {
          if (first_node[tok] == kNone) first_node[tok] = new_node();
          node = first_node[tok];
        } else {
          node = edges.child(node, tok, new_node);
        }
      }
      const std::string_view written = a.text;
      const bool hamza = written.starts_with("\u0623") || written.starts_with("\u0625") ||
                         written.starts_with("\u0622");
      PendingHit hit{std::uint32_t(e), a.exact, hamza, 0, 0, kNone};
      if (a.case_sensitive) {
        hit.cased_begin = std::uint32_t(cased_keys.size());
        cased_keys += key_of(case_preserving_normalizer(), a.text);
        if (cased_keys.size() >= std::numeric_limits<std::uint32_t>::max())
          return Status{StatusCode::kInvalidArgument, "gazetteer too large for one image (4 GiB)"};
        hit.cased_end = std::uint32_t(cased_keys.size());
      }
      // The same alias twice in one entity adds nothing but may lift the hamza condition.
      std::uint32_t same = node_first[node];
      while (same != kNone && !(hits[same].entity == hit.entity && cased(hits[same]) == cased(hit)))
        same = hits[same].next;
      if (same != kNone) {
        hits[same].hamza = hits[same].hamza && hamza;
        if (a.case_sensitive) cased_keys.resize(hit.cased_begin);
        continue;
      }
      const auto k = std::uint32_t(hits.size());
      hits.push_back(hit);
      if (node_last[node] == kNone)
        node_first[node] = k;
      else
        hits[node_last[node]].next = k;
      node_last[node] = k;
    }
    rec.aliases_end = std::uint32_t(alias_records.size());
    for (const auto& [k, v] : ent.attributes) attribute_records.push_back({pool.add(k), pool.add(v)});
    rec.attributes_end = std::uint32_t(attribute_records.size());
    entity_records.push_back(rec);
  }

  // Vocabulary in id order, then its open-addressing slots.
  std::vector<VocabEntry> vocab_records(vocab.size());
  for (std::uint32_t id = 0; id < vocab.size(); ++id)
    vocab_records[id] = {pool.add(vocab.text(id)), std::uint32_t(vocab.hash(id)), first_node[id]};
  std::vector<Slot> vocab_slots(slot_count(vocab_records.size()));
  for (std::uint32_t id = 0; id < vocab_records.size(); ++id) {
    const std::size_t mask = vocab_slots.size() - 1;
    std::size_t slot = vocab_records[id].hash & mask;  // hash_bytes & mask == low bits
    while (vocab_slots[slot].id != 0) slot = (slot + 1) & mask;
    vocab_slots[slot] = {vocab_records[id].hash, id + 1};
  }
  // Edges.
  const std::vector<Edge>& edge_records = edges.edges();
  std::vector<std::uint32_t> edge_slots(slot_count(edge_records.size()));
  for (std::uint32_t k = 0; k < edge_records.size(); ++k) {
    const std::size_t mask = edge_slots.size() - 1;
    std::size_t slot = hash_pair(edge_records[k].node, edge_records[k].token) & mask;
    while (edge_slots[slot] != 0) slot = (slot + 1) & mask;
    edge_slots[slot] = k + 1;
  }
  // Nodes and their hits.
  std::vector<Node> node_records(node_first.size());
  std::vector<Hit> hit_records;
  hit_records.reserve(hits.size());
  for (std::size_t n = 0; n < node_first.size(); ++n) {
    node_records[n].hits_begin = std::uint32_t(hit_records.size());
    for (std::uint32_t k = node_first[n]; k != kNone; k = hits[k].next) {
      const PendingHit& h = hits[k];
      hit_records.push_back({h.entity, h.cased_begin == h.cased_end ? Str{} : pool.add(cased(h)),
                             std::uint8_t(h.exact), std::uint8_t(h.hamza), 0});
    }
    node_records[n].hits_end = std::uint32_t(hit_records.size());
  }
  if (pool.bytes().size() >= std::numeric_limits<std::uint32_t>::max() ||
      hit_records.size() >= std::numeric_limits<std::uint32_t>::max())
    return Status{StatusCode::kInvalidArgument, "gazetteer too large for one image (4 GiB)"};

  Header h{};
  std::memcpy(h.magic, kMagic, sizeof h.magic);
  h.version = kVersion;
  h.header_size = sizeof(Header);
  h.normalizer = normalizer_fingerprint();
  h.section_count = kSectionCount;
  std::string out(sizeof(Header), '\0');
  append_section(out, h, kStrings, pool.bytes().data(), pool.bytes().size());
  append_section(out, h, kVocab, vocab_records.data(), vocab_records.size());
  append_section(out, h, kVocabSlots, vocab_slots.data(), vocab_slots.size());
  append_section(out, h, kEdges, edge_records.data(), edge_records.size());
  append_section(out, h, kEdgeSlots, edge_slots.data(), edge_slots.size());
  append_section(out, h, kNodes, node_records.data(), node_records.size());
  append_section(out, h, kHits, hit_records.data(), hit_records.size());
  append_section(out, h, kEntities, entity_records.data(), entity_records.size());
  append_section(out, h, kAliases, alias_records.data(), alias_records.size());
  append_section(out, h, kAttributes, attribute_records.data(), attribute_records.size());
  while (out.size() % 8) out.push_back('\0');
  h.image_size = out.size();
  std::memcpy(out.data(), &h, sizeof h);
  h.checksum = image_checksum(out);
  std::memcpy(out.data(), &h, sizeof h);
  return out;
}

Status Gazetteer::Index::attach(std::string_view img, std::string_view source_name) {
  auto bad = [&](const std::string& what) {
    return Status{StatusCode::kDataLoss,
                  std::string(source_name) + ": not a valid compiled gazetteer: " + what};
  };
  if (img.size() < sizeof(Header)) return bad("shorter than its header (truncated?)");
  if (reinterpret_cast<std::uintptr_t>(img.data()) % 8 != 0) return bad("misaligned in memory");
  Header h;
  std::memcpy(&h, img.data(), sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof h.magic) != 0) return bad("wrong magic number");
  if (h.version != kVersion)
    return bad("format version " + std::to_string(h.version) + ", this alam reads " +
               std::to_string(kVersion) + "; recompile it");
  if (h.header_size != sizeof(Header) || h.section_count != kSectionCount || h.reserved != 0)
    return bad("unexpected header layout");
  if (h.image_size != img.size())
    return bad("size " + std::to_string(img.size()) + " bytes, header says " +
               std::to_string(h.image_size) + " (truncated?)");
  if (h.normalizer != normalizer_fingerprint())
    return bad("built with different normalization rules; recompile it with this alam");
  if (image_checksum(img) != h.checksum) return bad("checksum mismatch (corrupted)");
  for (std::uint32_t k = 0; k < kSectionCount; ++k) {
    const SectionEntry& s = h.sections[k];
    if (s.kind != k || s.record_size != kRecordSize[k]) return bad("section table damaged");
    if (s.offset % 8 != 0 || s.offset < sizeof(Header) || s.offset > img.size() ||
        s.count > (img.size() - s.offset) / s.record_size)
      return bad("section " + std::to_string(k) + " outside the image");
  }
  auto section = [&]<typename T>(Section k, std::span<const T>& out) {
    out = {reinterpret_cast<const T*>(img.data() + h.sections[k].offset),
           std::size_t(h.sections[k].count)};
  };
  strings_ = img.substr(h.sections[kStrings].offset, h.sections[kStrings].count);
  section(kVocab, vocab_);
  section(kVocabSlots, vocab_slots_);
  section(kEdges, edges_);
  section(kEdgeSlots, edge_slots_);
  section(kNodes, nodes_);
  section(kHits, hits_);
  section(kEntities, entities_);
  section(kAliases, aliases_);
  section(kAttributes, attributes_);

  // Every offset and index is checked once here, so lookups need no checks.
  auto str_ok = [&](Str s) { return s.offset <= strings_.size() && s.length <= strings_.size() - s.offset; };
  const std::size_t nodes = nodes_.size(), vocab = vocab_.size();
  for (const VocabEntry& v : vocab_)
    if (!str_ok(v.text) || (v.first_node != kNone && v.first_node >= nodes))
      return bad("vocabulary entry out of range");
  auto slots_ok = [&](auto slots, std::size_t limit, auto id_of) {
    if (!power_of_two(slots.size())) return false;
    std::size_t empty = 0;
    for (const auto& s : slots) {
      if (id_of(s) > limit) return false;
      empty += id_of(s) == 0;
    }
    return empty > 0;  // probing always ends
  };
  if (!slots_ok(vocab_slots_, vocab, [](const Slot& s) { return std::size_t(s.id); }))
    return bad("vocabulary hash table damaged");
  if (!slots_ok(edge_slots_, edges_.size(), [](std::uint32_t v) { return std::size_t(v); }))
    return bad("trie hash table damaged");
  for (const Edge& e : edges_)
    if (e.node >= nodes || e.child >= nodes || e.token >= vocab) return bad("trie edge out of range");
  for (const Node& n : nodes_)
    if (n.hits_begin > n.hits_end || n.hits_end > hits_.size()) return bad("trie node out of range");
  for (const Hit& hit : hits_)
    if (hit.entity >= entities_.size() || !str_ok(hit.cased_key)) return bad("hit out of range");
  for (const EntityRecord& e : entities_)
    if (!str_ok(e.id) || !str_ok(e.name) || !str_ok(e.file) ||
        e.type > static_cast<std::uint32_t>(EntityType::kGiven) ||
        e.aliases_begin > e.aliases_end || e.aliases_end > aliases_.size() ||
        e.attributes_begin > e.attributes_end || e.attributes_end > attributes_.size())
      return bad("entity record out of range");
  for (const AliasRecord& a : aliases_)
    if (!str_ok(a.text)) return bad("alias out of range");
  for (const AttributeRecord& a : attributes_)
    if (!str_ok(a.key) || !str_ok(a.value)) return bad("attribute out of range");
  return Status::ok();
}

}  // namespace alam
