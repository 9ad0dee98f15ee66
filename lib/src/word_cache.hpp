// What the tagger learns from a token's text alone, remembered per thread: the token's
// proclitic splits (clitics.hpp), each stem's gazetteer vocabulary id and lexicon entry, and
// whether it is a chip cue word. News text repeats its words (in the benchmark corpus the 4,096
// most frequent cover 94 % of tokens), so most tokens cost one hash probe here instead of a
// split and up to a dozen lookups in tables too big for the cache.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

#include "short_key.hpp"
#include "two_way_sets.hpp"
#include "zeroed.hpp"
#include "grammar/lexicon.hpp"

namespace alam {

struct WordFacts {
  // Stems::split gives at most four stems: the whole token, a preposition alone or a
  // conjunction with or without a preposition, and a restored ل + ال (clitics_test checks it).
  // Kept small: the cache's slots are touched once per token, and fewer cache lines are faster.
  static constexpr std::size_t kMaxStems = 4;
  struct StemFacts {
    const grammar::WordInfo* info = nullptr;  // grammar::lookup_word of the key
    // Where an alias that starts with the stem's key leads (Gazetteer::Index::first of its
    // vocabulary id): kNone when none starts with it.
    std::uint32_t first_node = 0;
    std::uint8_t skip = 0;  // Stem::skip
    bool restored = false;  // Stem::restored
  };
  std::array<StemFacts, kMaxStems> stems{};
  // Gazetteer::Index::token_id of the whole token (stem 0), kNone when not in the vocabulary:
  // what a trie walk that reaches the token looks for.
  std::uint32_t id = 0;
  std::uint8_t count = 0;
  // The token's class for the name grammars (grammar::classify_token) when its text alone
  // decides it (every script but Latin, whose class depends on the original letter case); 0
  // otherwise.
  char cls = 0;
  bool cue : 1 = false;  // a stem, or a stem without its article, is a chip cue word
  // Nothing starts at the token but its class: an Arabic word none of whose stems starts an
  // alias or a number, or punctuation (Run::scan skips the rest).
  bool inert : 1 = false;
  // A Latin or mixed token where a chip mention may start (grammar::may_start_chip).
  bool chip : 1 = false;
};

// A two-way set-associative memo from (tagger, script, token text) to WordFacts, the least
// recently used way replaced (on the benchmark corpus 9 % of tokens miss, against 14 % for a
// direct-mapped table of the same size). Facts hold vocabulary ids of one gazetteer, so each
// entry carries the serial number of the Tagger that made it (unique for the process's
// lifetime; a Tagger's gazetteer never changes). A caller may also keep where an entry is
// (get's where) and come back to it with follow(), which checks that the slot still holds that
// filling: the tagger keeps wheres with the pieces of text it has seen (piece_cache.hpp).
class WordCache {
 public:
  static constexpr std::size_t kMaxText = ShortKey::kMax;  // longer tokens are not remembered

  // The facts for the token text[pos, pos + size); make(WordFacts&) fills them on a miss. The
  // reference stays valid until the next call.
  template <typename Make>
  const WordFacts& get(std::uint64_t serial, std::uint8_t script, std::string_view text,
                       std::size_t pos, std::size_t size, Make&& make) {
    std::uint64_t where;
    return get(serial, script, text, pos, size, make, where);
  }

  // The same, and in where the place of the facts for follow(): nonzero, or 0 when they are not
  // kept (a token longer than kMaxText, or no stamps left until the next document).
  template <typename Make>
  const WordFacts& get(std::uint64_t serial, std::uint8_t script, std::string_view text,
                       std::size_t pos, std::size_t size, Make&& make, std::uint64_t& where) {
    where = 0;
    if (size > kMaxText) {
      scratch_ = WordFacts{};
      make(scratch_);
      return scratch_;
    }
    const ShortKey key = ShortKey::of(text.data(), text.size(), pos, size);
    const std::uint64_t h = key.hash() ^ (serial * 0x9E3779B97F4A7C15ull) ^ script;
    Slot* s = sets_.find(h, [&](const Slot& s) {
      return s.serial == serial && s.script == script && s.key == key;
    });
    if (s == nullptr) {
      s = &sets_.victim(h);
      s->facts = WordFacts{};
      make(s->facts);
      s->serial = serial;
      s->script = script;
      s->key = key;
      s->stamp = next_stamp();
    } else if (s->stamp == 0) {  // kept from before the stamps started again
      s->stamp = next_stamp();
    }
    if (s->stamp != 0) where = std::uint64_t(s->stamp) << kIndexBits | sets_.index_of(*s);
    return s->facts;
  }

  // The facts at where (from get) if that slot still holds what it held then for the tagger
  // serial, else nullptr: what a repeated get would return, without its key and hash.
  const WordFacts* follow(std::uint64_t where, std::uint64_t serial) {
    const std::size_t index = where & (kSlots - 1);
    const Slot& s = sets_.at(index);
    if (s.stamp != std::uint32_t(where >> kIndexBits) || s.stamp == 0 || s.serial != serial)
      return nullptr;
    sets_.touch(index);
    return &s.facts;
  }

  // Each filling of a slot takes the next stamp, so that a where names one filling for good.
  // When the 2^32 - 1 stamps are used up, fillings take none (their where is 0) until the start
  // of the next document: then every slot's stamp is cleared (a slot kept takes a new one when
  // next found), the count starts again, and start_document returns true: wheres given before
  // then must be forgotten (the tagger's piece notes: PieceCache::forget_notes).
  bool start_document() {
    if (fills_ != kNoStamp) return false;
    for (Slot& s : sets_) s.stamp = 0;
    fills_ = 0;
    return true;
  }

  // For tests: stamps left before the count runs out.
  void use_up_stamps_but(std::uint32_t left) { fills_ = kNoStamp - left; }

  // This thread's cache.
  static WordCache& local() {
    return per_thread_zeroed<WordCache>();
  }

 private:
  static constexpr std::size_t kSlots = 4096;
  static constexpr int kIndexBits = 12;
  static_assert(std::size_t(1) << kIndexBits == kSlots);
  static constexpr std::uint32_t kNoStamp = 0xFFFFFFFFu;

  struct Slot {
    std::uint64_t serial = 0;  // 0: empty (serials start at 1)
    ShortKey key;
    std::uint8_t script = 0;
    std::uint32_t stamp = 0;  // of the filling (0: none)
    WordFacts facts;
  };
  static_assert(sizeof(Slot) == 128, "a slot is two cache lines");
  TwoWaySets<Slot, kSlots> sets_;
  std::uint32_t next_stamp() { return fills_ == kNoStamp ? 0 : ++fills_; }

  WordFacts scratch_;
  std::uint32_t fills_ = 0;  // stamps handed out
};

}  // namespace alam
