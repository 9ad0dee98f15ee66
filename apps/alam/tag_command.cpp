// alam tag: reads documents (text lines or JSONL), writes them in an output format of
// alam/writer.hpp (jsonl, conll, brat, xml, html, human).
#include <fmt/core.h>
#include <unistd.h>

#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "alam/formats.hpp"
#include "alam/jsonl.hpp"
#include "alam/utf8.hpp"
#include "alam/writer.hpp"
#include "common.hpp"
#include "line_reader.hpp"

namespace alam::cli {
namespace {

struct TagOptions {
  std::vector<std::string> inputs;
  std::string input = "text";
  std::string format;  // default: human on a terminal, jsonl otherwise
  std::string offsets = "codepoint";
  bool offsets_given = false;
  bool segment = false;
  std::string output_dir;
  std::string title;
  bool strict = false;
  bool keep_going = false;
  bool no_grammars = false;
  bool no_memory = false;
  int jobs = 1;
  bool progress = true;
  GazetteerOptions gazetteers;
};

bool write_out(const std::string& s) {
  return std::fwrite(s.data(), 1, s.size(), stdout) == s.size();
}

// Writes the stream part to standard output and the files into the output folder.
bool flush(const WriterOutput& out, const std::filesystem::path& dir) {
  if (!write_out(out.stream)) {
    fmt::print(stderr, "alam: error: writing the output failed\n");
    return false;
  }
  for (const OutputFile& f : out.files) {
    const std::filesystem::path path = dir / f.name;
    std::error_code ec;
    if (!f.replace && std::filesystem::exists(path, ec)) continue;
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(f.content.data(), std::streamsize(f.content.size()));
    file.close();
    if (!file) {
      fmt::print(stderr, "alam: error: {}: cannot write\n", path.string());
      return false;
    }
  }
  return true;
}

// What tagging one input line gave: a message for stderr, and the document to write.
struct DocOutcome {
  std::string message;     // printed to stderr as it is ("alam: warning: …"), when not empty
  bool error = false;      // bad input: exit status 1, and the end unless --keep-going
  bool write = false;      // a document to write
  bool owned = false;      // text is doc.text (JSONL), not a view into the chunk
  bool valid = false;      // text is valid UTF-8
  std::size_t line_no = 0;
  Document doc;            // id and, from JSONL, the text
  std::string_view view;   // the text of a text-input line
  std::vector<Span> spans;
  std::size_t out_end = 0;  // stateless writer: end of this document's bytes in Work::output
  std::string_view text() const { return owned ? std::string_view(doc.text) : view; }
};

// One chunk of input lines on its way through the pipeline.
struct Work {
  std::string source;  // shown name of the input
  Chunk chunk;
  std::string open_error;  // the input could not be read (emitted in order, then the end)
  std::vector<DocOutcome> docs;
  WriterOutput output;  // stateless writer: the documents' output, in order
  std::vector<Span> spans;  // stateless writer: each document's spans in turn (storage reused)
  bool done = false;    // processed (Pipeline: guarded by its mutex)
};

// Written chunks, kept for the capacity of their buffers (input, documents, output): a fresh
// output string per chunk grew by doubling and page-faulted its way to ~2.5 MB each time (the
// page faults alone were 3.5 % of `alam tag`'s time). Thread-safe; keeps a few, and none that a
// huge line grew (nor the spans of a document with thousands of entities).
class WorkPool {
 public:
  std::unique_ptr<Work> take() {
    std::lock_guard lock(mu_);
    if (spare_.empty()) return std::make_unique<Work>();
    std::unique_ptr<Work> w = std::move(spare_.back());
    spare_.pop_back();
    return w;
  }
  void give(std::unique_ptr<Work> w) {
    if (w->chunk.bytes.capacity() > kKeepBytes || w->output.stream.capacity() > 4 * kKeepBytes)
      return;
    w->source.clear();
    w->open_error.clear();
    w->docs.clear();
    w->output.clear();
    if (w->spans.capacity() > kKeepSpans) w->spans = {};  // a document with very many entities
    w->done = false;
    std::lock_guard lock(mu_);
    if (spare_.size() < kKeep) spare_.push_back(std::move(w));
  }

 private:
  static constexpr std::size_t kKeep = 4, kKeepBytes = std::size_t(4) << 20, kKeepSpans = 4096;
  std::mutex mu_;
  std::vector<std::unique_ptr<Work>> spare_;
};

// Tags the lines of w. With a stateless writer, also writes them (so that -j N writes in
// parallel); otherwise keeps the documents for the in-order writer.
void process(Work& w, const Tagger& tagger, Writer* stateless_writer, const TagOptions& o) {
  const bool jsonl_in = o.input == "jsonl";
  // Room for the usual output (the text once, and entities) without regrowing.
  if (stateless_writer) w.output.stream.reserve(3 * w.chunk.bytes.size());
  w.chunk.for_each([&](std::size_t line_no, std::string_view line) {
    DocOutcome d;
    d.line_no = line_no;
    if (jsonl_in) {
      if (line.find_first_not_of(" \t") == std::string_view::npos) return true;  // blank line
      auto parsed = parse_document(line, false);
      if (!parsed) {
        d.message = fmt::format("alam: error: {}:{}: {}\n", w.source, line_no,
                                parsed.status().message());
        d.error = true;
        w.docs.push_back(std::move(d));
        return true;
      }
      d.doc = std::move(parsed).value();
      d.owned = true;
    } else {
      d.view = line;
    }
    const std::size_t bad = utf8::first_invalid(d.text());
    d.valid = bad == std::string::npos;
    if (!d.valid) {
      d.message = fmt::format("alam: {}: {}:{}: invalid UTF-8 at byte offset {}{}\n",
                              o.strict ? "error" : "warning", w.source, line_no, bad,
                              o.strict ? "" : " (read as U+FFFD)");
      if (o.strict) {
        d.error = true;
        w.docs.push_back(std::move(d));
        return true;
      }
    }
    d.write = true;
    if (stateless_writer) {
      tagger.tag(d.text(), w.spans);  // the chunk's spans vector, its strings reused
      stateless_writer->document({d.doc.id_json, d.text(), w.spans, w.source, line_no, d.valid},
                                 w.output);
      d.out_end = w.output.stream.size();
      d.doc = {};
    } else {
      d.spans = tagger.tag(d.text());
    }
    w.docs.push_back(std::move(d));
    return true;
  });
}

// Progress on stderr for long runs on a terminal: documents, MB, MB/s and, when the input size
// is known, the ETA. Never shown in pipes.
class Progress {
 public:
  Progress(bool enabled, std::size_t total_bytes) : enabled_(enabled), total_(total_bytes) {}
  void add(std::size_t docs, std::size_t bytes) {
    docs_ += docs;
    bytes_ += bytes;
    if (!enabled_) return;
    const double t = seconds();
    if (t < 1.0 || t - shown_at_ < 0.25) return;
    shown_at_ = t;
    const double mb = double(bytes_) / 1e6, rate = mb / t;
    std::string line = fmt::format("alam: {} documents, {:.1f} MB, {:.1f} MB/s", docs_, mb, rate);
    if (total_ > bytes_ && rate > 0) {
      const auto left = static_cast<long>(double(total_ - bytes_) / 1e6 / rate);
      line += fmt::format(", {:.0f}%, ETA {}:{:02}", 100.0 * double(bytes_) / double(total_),
                          left / 60, left % 60);
    }
    fmt::print(stderr, "\r{}\x1b[K", line);
    visible_ = true;
  }
  void finish() {
    if (visible_) fmt::print(stderr, "\r\x1b[K");
    visible_ = false;
  }

 private:
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  bool enabled_;
  std::size_t total_;
  std::size_t docs_ = 0, bytes_ = 0;
  double shown_at_ = 0;
  bool visible_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// Reads the inputs in chunks and hands each to sink(unique_ptr<Work>); stops when sink returns
// false. An input that cannot be read becomes a Work with open_error, and the last one.
template <typename Sink>
void read_inputs(const std::vector<std::string>& inputs, std::size_t chunk_bytes,
                 const std::atomic<bool>* cancel, const std::function<void()>& before_read,
                 WorkPool& pool, Sink&& sink) {
  const std::vector<std::string> names = inputs.empty() ? std::vector<std::string>{"-"} : inputs;
  for (const std::string& name : names) {
    LineReader reader(name, cancel);
    for (;;) {
      std::unique_ptr<Work> w = pool.take();
      w->source = reader.shown_name();
      if (!reader.next(w->chunk, chunk_bytes, before_read)) {
        if (reader.ok()) break;
        w->open_error = reader.error();
        sink(std::move(w));
        return;
      }
      if (!sink(std::move(w))) return;
    }
  }
}

std::size_t input_size(const std::vector<std::string>& inputs) {
  std::size_t total = 0;
  for (const std::string& name : inputs.empty() ? std::vector<std::string>{"-"} : inputs) {
    struct stat st {};
    const int r = name == "-" ? ::fstat(STDIN_FILENO, &st) : ::stat(name.c_str(), &st);
    if (r != 0 || !S_ISREG(st.st_mode)) return 0;  // unknown
    total += std::size_t(st.st_size);
  }
  return total;
}

// Tags documents on `jobs` threads: one reads, the workers tag (and write, with a stateless
// writer), the calling thread emits each chunk's results in input order. At most 2·jobs + 2
// chunks are in flight, so memory stays bounded by the chunk size and the longest line.
class Pipeline {
 public:
  Pipeline(const TagOptions& o, const Tagger& tagger, const std::string& format,
           const WriterOptions& wopt, bool stateless)
      : o_(o), tagger_(tagger), format_(format), wopt_(wopt), stateless_(stateless) {}

  // Calls emit(Work&) in input order; emit returns false to stop early.
  template <typename Emit>
  void run(int jobs, Emit&& emit) {
    std::thread reader([&] {
      read_inputs(o_.inputs, kChunkBytes, &cancel_, {}, pool_, [&](std::unique_ptr<Work> w) {
        std::unique_lock lock(mu_);
        room_.wait(lock, [&] { return stop_ || queue_.size() < std::size_t(2 * jobs + 2); });
        if (stop_) return false;
        queue_.push_back(std::move(w));
        ready_.notify_all();
        return true;
      });
      std::lock_guard lock(mu_);
      input_done_ = true;
      ready_.notify_all();
      done_.notify_all();
    });
    std::vector<std::thread> workers;
    for (int i = 0; i < jobs; ++i) workers.emplace_back([&] { work(); });

    for (;;) {
      std::unique_ptr<Work> w;
      {
        std::unique_lock lock(mu_);
        if (queue_.empty() || !queue_.front()->done) {
          lock.unlock();
          std::fflush(stdout);  // nothing to write until the next chunk is done
          lock.lock();
        }
        done_.wait(lock, [&] {
          return (!queue_.empty() && queue_.front()->done) || (queue_.empty() && input_done_);
        });
        if (queue_.empty()) break;
        w = std::move(queue_.front());
        queue_.pop_front();
        --taken_;
        room_.notify_all();
      }
      if (!emit(*w)) break;
      pool_.give(std::move(w));
    }
    {
      std::lock_guard lock(mu_);
      stop_ = true;
      cancel_ = true;  // a reader waiting for input gives up
      room_.notify_all();
      ready_.notify_all();
    }
    reader.join();
    for (std::thread& t : workers) t.join();
  }

 private:
  static constexpr std::size_t kChunkBytes = 256 << 10;

  void work() {
    std::unique_ptr<Writer> writer;
    if (stateless_) writer = std::move(make_writer(format_, wopt_)).value();
    for (;;) {
      Work* w = nullptr;
      {
        std::unique_lock lock(mu_);
        ready_.wait(lock, [&] { return stop_ || taken_ < queue_.size() || input_done_; });
        if (stop_) return;
        if (taken_ == queue_.size()) {
          if (input_done_) return;
          continue;
        }
        w = queue_[taken_++].get();
      }
      if (w->open_error.empty()) process(*w, tagger_, writer.get(), o_);
      std::lock_guard lock(mu_);
      w->done = true;
      done_.notify_all();
    }
  }

  const TagOptions& o_;
  const Tagger& tagger_;
  const std::string& format_;
  const WriterOptions& wopt_;
  bool stateless_;
  std::mutex mu_;
  std::condition_variable ready_, done_, room_;
  std::deque<std::unique_ptr<Work>> queue_;  // read, in input order; [0, taken_) handed out
  std::size_t taken_ = 0;
  bool input_done_ = false, stop_ = false;
  std::atomic<bool> cancel_ = false;
  WorkPool pool_;
};

int run_tag(const TagOptions& o) {
  const bool terminal = isatty(fileno(stdout));
  const std::string format = o.format.empty() ? (terminal ? "human" : "jsonl") : o.format;
  WriterOptions wopt;
  wopt.offsets = parse_offset_unit(o.offsets).value_or(OffsetUnit::kCodepoint);
  wopt.segment = o.segment;
  wopt.colour = terminal && format == "human";
  if (!o.title.empty()) wopt.title = o.title;
  auto made = make_writer(format, wopt);
  if (!made) {
    fmt::print(stderr, "alam: error: {}\n", made.status().message());
    return kExitUsage;
  }
  Writer& writer = **made;
  if (o.segment && format != "conll") {
    fmt::print(stderr, "alam: error: --segment is for --format conll only\n");
    return kExitUsage;
  }
  if (o.offsets_given && format != "jsonl" && format != "brat" && format != "human") {
    fmt::print(stderr, "alam: error: --offsets is for --format jsonl, brat and human only\n");
    return kExitUsage;
  }
  if (writer.writes_files() != !o.output_dir.empty()) {
    if (writer.writes_files())
      fmt::print(stderr, "alam: error: --format {} writes files: give --output-dir DIR\n", format);
    else
      fmt::print(stderr, "alam: error: --output-dir is for --format brat only (not {})\n", format);
    return kExitUsage;
  }
  const std::filesystem::path dir = o.output_dir;
  if (!dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir)) {
      fmt::print(stderr, "alam: error: {}: cannot create the output folder\n", o.output_dir);
      return kExitIo;
    }
  }

  auto gazetteer = o.gazetteers.load();
  if (!gazetteer) return kExitData;
  TaggerOptions topt;
  topt.grammars = !o.no_grammars;
  topt.document_memory = !o.no_memory;
  const Tagger tagger(gazetteer, topt);

  WriterOutput out;
  writer.begin(out);
  if (!flush(out, dir)) return kExitIo;

  // Progress only when stderr is a terminal and stdout is not (it would mix with the output).
  Progress progress(o.progress && isatty(fileno(stderr)) && !terminal, input_size(o.inputs));
  int status = kExitOk;
  bool io_failed = false, unreadable = false;
  const bool stateless = writer.stateless();
  // Writes one chunk's results in order; false ends the run.
  auto emit = [&](Work& w) {
    if (!w.open_error.empty()) {
      fmt::print(stderr, "alam: error: {}\n", w.open_error);
      unreadable = true;
      return false;
    }
    std::size_t written = 0, ready = 0;  // stateless: bytes of w.output.stream written, done
    auto write_ready = [&] {
      const std::size_t n = ready - written;
      if (n > 0 && std::fwrite(w.output.stream.data() + written, 1, n, stdout) != n) {
        fmt::print(stderr, "alam: error: writing the output failed\n");
        io_failed = true;
        return false;
      }
      written = ready;
      return true;
    };
    bool go_on = true;
    std::size_t docs = 0;
    for (DocOutcome& d : w.docs) {
      if (!d.message.empty()) {
        // What came before the message is out before it.
        if (!write_ready()) return false;
        std::fflush(stdout);
        std::fputs(d.message.c_str(), stderr);
      }
      if (d.error) {
        status = kExitBadInput;
        if (!o.keep_going) {
          go_on = false;
          break;
        }
        continue;
      }
      if (!d.write) continue;
      ++docs;
      if (stateless) {
        ready = d.out_end;
      } else {
        out.clear();
        writer.document({d.doc.id_json, d.text(), d.spans, w.source, d.line_no, d.valid}, out);
        if (!flush(out, dir)) {
          io_failed = true;
          return false;
        }
      }
    }
    if (!write_ready()) return false;
    progress.add(docs, w.chunk.bytes.size());
    return go_on;
  };

  if (o.jobs <= 1) {
    std::unique_ptr<Writer> own;  // a stateless writer of its own, as a worker has
    if (stateless) own = std::move(make_writer(format, wopt)).value();
    WorkPool pool;
    read_inputs(o.inputs, LineReader::kBlock, nullptr, [] { std::fflush(stdout); }, pool,
                [&](std::unique_ptr<Work> w) {
                  if (w->open_error.empty()) process(*w, tagger, own.get(), o);
                  const bool go_on = emit(*w);
                  pool.give(std::move(w));
                  return go_on;
                });
  } else {
    Pipeline(o, tagger, format, wopt, stateless).run(o.jobs, emit);
  }
  progress.finish();
  if (io_failed) return kExitIo;
  // The end (HTML summary, XML root end, brat configuration) is written even after bad input,
  // so that the output is complete.
  out.clear();
  writer.end(out);
  if (!flush(out, dir)) return kExitIo;
  if (std::fflush(stdout) != 0 && status == kExitOk) {
    fmt::print(stderr, "alam: error: writing the output failed\n");
    return kExitIo;
  }
  if (unreadable) return kExitIo;
  return status;
}

}  // namespace

void register_tag(CLI::App& app) {
  auto o = std::make_shared<TagOptions>();
  CLI::App* cmd = app.add_subcommand("tag", "Tag entities in text; one document per line");
  cmd->add_option("files", o->inputs, "input files ('-' or none: standard input)");
  cmd->add_option("--input", o->input, "input format: text (each line is a document) or jsonl "
                                       "(objects with \"text\" and optional \"id\")")
      ->check(CLI::IsMember({"text", "jsonl"}))
      ->capture_default_str();
  cmd->add_option("--format", o->format,
                  "output format: jsonl, conll, brat, xml, html or human (default: human on a "
                  "terminal, else jsonl); see docs/output-formats.md")
      ->check(CLI::IsMember({"jsonl", "conll", "brat", "xml", "html", "human"}));
  cmd->add_option("--offsets", o->offsets,
                  "unit of offsets for jsonl start/end, brat and human: codepoint, utf16 "
                  "(JavaScript, Java) or byte")
      ->check(CLI::IsMember({"codepoint", "utf16", "byte"}))
      ->capture_default_str()
      ->each([o](const std::string&) { o->offsets_given = true; });
  cmd->add_flag("--segment", o->segment,
                "conll: also cut tokens at entity boundaries, so that proclitics and punctuation "
                "glued to a name are tokens of their own (exact round trip)");
  cmd->add_option("--output-dir", o->output_dir,
                  "brat: folder for NAME.txt and NAME.ann per document (created if needed)");
  cmd->add_option("--title", o->title, "html: the page title (default: alam)");
  cmd->add_flag("--strict", o->strict, "treat invalid UTF-8 as an error instead of a warning");
  cmd->add_flag("--keep-going", o->keep_going,
                "after a bad input line, report it and go on with the next (exit status 1)");
  cmd->add_flag("--no-grammars", o->no_grammars, "gazetteer lookup only");
  cmd->add_flag("--no-memory", o->no_memory, "no document memory of family names");
  cmd->add_option("-j,--jobs", o->jobs,
                  "tagging threads; output stays in input order, identical to -j 1 (0: one per "
                  "core)")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();
  cmd->add_flag("--progress,!--no-progress", o->progress,
                "show progress on stderr when it is a terminal and the output is not (default)");
  o->gazetteers.add_to(*cmd);
  cmd->callback([o] {
    if (o->jobs == 0) o->jobs = int(std::max(1u, std::thread::hardware_concurrency()));
    throw CLI::RuntimeError(run_tag(*o));
  });
}

}  // namespace alam::cli
