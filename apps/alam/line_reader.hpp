// Reading input files as runs of whole lines, with read(2) in large blocks (the iostream line
// reader cost a fifth of `alam tag`'s time). No line length limit; memory is one block plus the
// longest line.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace alam::cli {

// Whole lines of one input, as read: each ends with '\n' except perhaps the input's last.
struct Chunk {
  std::string bytes;
  std::size_t first_line = 1;  // 1-based line number of the first line in bytes

  // Calls fn(line_no, line) for each line, without its '\n' (and without a '\r' before it);
  // stops when fn returns false. Returns false when stopped.
  template <typename Fn>
  bool for_each(Fn&& fn) const {
    std::string_view rest = bytes;
    std::size_t no = first_line;
    while (!rest.empty()) {
      const std::size_t nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!fn(no++, line)) return false;
    }
    return true;
  }
};

class LineReader {
 public:
  // Opens name ("-": standard input). On failure, ok() is false and error() says why. When
  // cancel is given, a read that waits for input gives up once *cancel is true (next() then
  // returns false as at the end of input).
  explicit LineReader(const std::string& name, const std::atomic<bool>* cancel = nullptr);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  // The name to show in messages: the file name, or "<stdin>".
  const std::string& shown_name() const { return shown_; }
  // The input's size in bytes when it is a regular file, else 0.
  std::size_t size_hint() const { return size_hint_; }

  // Fills chunk with the next complete lines: as many as are already read, up to about
  // max_bytes (at least one line, whatever its length). Reads only when no complete line is
  // buffered, so lines are handed on as soon as they arrive; before a read, calls before_read
  // (to flush output that waits). Returns false at the end of input or on a read error (then
  // ok() is false).
  bool next(Chunk& chunk, std::size_t max_bytes = kBlock,
            const std::function<void()>& before_read = {});

  static constexpr std::size_t kBlock = std::size_t(1) << 20;

 private:
  bool fill();  // one read(2); false at end of input or on error

  const std::atomic<bool>* cancel_ = nullptr;
  int fd_ = -1;
  bool owns_fd_ = false;
  bool eof_ = false;
  std::string shown_;
  std::string error_;
  std::size_t size_hint_ = 0;
  std::string buf_;
  std::size_t begin_ = 0, end_ = 0;  // unread bytes are buf_[begin_, end_)
  std::size_t scanned_ = 0;          // buf_[begin_, scanned_) holds no '\n'
  std::size_t line_no_ = 1;
};

}  // namespace alam::cli
