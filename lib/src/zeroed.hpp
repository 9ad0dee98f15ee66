// Per-thread caches (word_cache.hpp, piece_cache.hpp) start as all-zero bytes, which is their
// empty state. calloc gets them as untouched zero pages, so a short run pays only for the
// slots it uses instead of clearing about a megabyte at start-up.
#pragma once

#include <cstdlib>
#include <new>
#include <type_traits>

namespace alam {

struct FreeZeroed {
  void operator()(void* p) const { std::free(p); }
};

// A T whose every byte is zero (T is an implicit-lifetime type that all-zero bytes leave
// valid and empty).
template <typename T>
T* zeroed() {
  static_assert(std::is_trivially_destructible_v<T>);
  void* p = std::calloc(1, sizeof(T));
  if (p == nullptr) throw std::bad_alloc();
  return static_cast<T*>(p);
}

}  // namespace alam
