// Per-thread caches (word_cache.hpp, piece_cache.hpp) start as all-zero bytes, which is their
// empty state. calloc gets them as untouched zero pages, so a short run pays only for the
// slots it uses instead of clearing about a megabyte at start-up.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <type_traits>

namespace alam {

struct FreeZeroed {
  void* block = nullptr;  // what calloc returned (the object may start later, for alignment)
  void operator()(void*) const { std::free(block); }
};

template <typename T>
using ZeroedPtr = std::unique_ptr<T, FreeZeroed>;

// A T whose every byte is zero, aligned as T asks (T is an implicit-lifetime type that all-zero
// bytes leave valid and empty).
template <typename T>
ZeroedPtr<T> zeroed() {
  static_assert(std::is_trivially_destructible_v<T>);
  void* block = std::calloc(1, sizeof(T) + alignof(T));
  if (block == nullptr) throw std::bad_alloc();
  const auto at = (reinterpret_cast<std::uintptr_t>(block) + alignof(T) - 1) & ~(alignof(T) - 1);
  return ZeroedPtr<T>(reinterpret_cast<T*>(at), FreeZeroed{block});
}

// This thread's T, made by zeroed() on first use.
template <typename T>
T& per_thread_zeroed() {
  thread_local const ZeroedPtr<T> t = zeroed<T>();
  return *t;
}

}  // namespace alam
