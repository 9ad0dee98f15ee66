// alam/status.hpp — error values returned by loading, compiling and parsing.
//
//   alam::Result<alam::Gazetteer> g = alam::Gazetteer::load({"gazetteers/"});
//   if (!g) { std::cerr << g.status().message() << '\n'; return 1; }
//
// No exception crosses the public API: fallible calls return Status or Result<T>.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace alam {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad input data (gazetteer syntax, JSON, UTF-8 in strict mode)
  kNotFound,         // a file or folder that does not exist
  kIoError,          // reading or writing failed
  kDataLoss,         // a compiled file that is truncated or corrupted
};

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok() { return {}; }
  bool is_ok() const { return code_ == StatusCode::kOk; }
  explicit operator bool() const { return is_ok(); }
  StatusCode code() const { return code_; }
  // Human-readable, already prefixed with "file:line:column: " where that applies.
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) { assert(!status_.is_ok()); }  // NOLINT

  bool has_value() const { return value_.has_value(); }
  explicit operator bool() const { return has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace alam
