// Format names, format detection, loading files and folders, pairing gold and predicted
// documents. The CoNLL and brat parsers are in lib/src/readers/.
#include "alam/formats.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <system_error>

#include "alam/utf8.hpp"
#include "file_io.hpp"
#include "format_util.hpp"

namespace alam {
namespace fs = std::filesystem;
namespace {

std::string lower_extension(const fs::path& p) {
  std::string e = p.extension().string();
  for (char& c : e) c = char(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

// "doc-2" < "doc-10": digit runs compare by value.
bool natural_less(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      std::size_t i2 = i, j2 = j;
      while (i2 < a.size() && digit(a[i2])) ++i2;
      while (j2 < b.size() && digit(b[j2])) ++j2;
      std::string_view x(a.data() + i, i2 - i), y(b.data() + j, j2 - j);
      while (x.size() > 1 && x[0] == '0') x.remove_prefix(1);
      while (y.size() > 1 && y[0] == '0') y.remove_prefix(1);
      if (x.size() != y.size()) return x.size() < y.size();
      if (x != y) return x < y;
      i = i2, j = j2;
      continue;
    }
    if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
    ++i, ++j;
  }
  if (a.size() - i != b.size() - j) return a.size() - i < b.size() - j;
  return a < b;
}

Result<Document> load_brat_pair(const fs::path& stem_path, bool need_ann, OffsetUnit unit) {
  fs::path ann = stem_path, txt = stem_path;
  ann += ".ann";
  txt += ".txt";
  auto text = detail::read_whole_file(txt);
  if (!text) {
    if (text.status().code() == StatusCode::kNotFound)
      return Status(StatusCode::kNotFound,
                    ann.string() + ": no " + txt.filename().string() + " beside it");
    return text.status();
  }
  std::string ann_content;
  std::error_code ec;
  if (need_ann || fs::exists(ann, ec)) {
    auto a = detail::read_whole_file(ann);
    if (!a) return a.status();
    ann_content = std::move(a).value();
  }
  return parse_brat(ann.string(), ann_content, *text, stem_path.filename().string(), unit);
}

Result<std::vector<Document>> load_brat(const fs::path& path, OffsetUnit unit) {
  std::error_code ec;
  std::vector<Document> docs;
  if (!fs::is_directory(path, ec)) {
    fs::path stem = path;
    stem.replace_extension();
    auto d = load_brat_pair(stem, lower_extension(path) == ".ann", unit);
    if (!d) return d.status();
    docs.push_back(std::move(d).value());
    return docs;
  }
  std::set<std::string> stems;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string ext = it->path().extension().string();
    if (ext == ".ann" || ext == ".txt") stems.insert(it->path().stem().string());
  }
  if (ec) return Status(StatusCode::kIoError, path.string() + ": cannot list: " + ec.message());
  std::vector<std::string> sorted(stems.begin(), stems.end());
  std::sort(sorted.begin(), sorted.end(), natural_less);
  for (const std::string& stem : sorted) {
    auto d = load_brat_pair(path / stem, false, unit);
    if (!d) return d.status();
    docs.push_back(std::move(d).value());
  }
  return docs;
}

// Non-whitespace code points of a text: their byte ranges.
struct Visible {
  std::vector<std::uint32_t> begin, end;
};

Visible visible_of(std::string_view text) {
  Visible v;
  for (std::size_t i = 0; i < text.size();) {
    const utf8::Decoded d = utf8::decode(text, i);
    if (!detail::is_white_space(d.cp)) {
      v.begin.push_back(std::uint32_t(i));
      v.end.push_back(std::uint32_t(i + d.size));
    }
    i += d.size;
  }
  return v;
}

bool same_visible(std::string_view a, const Visible& va, std::string_view b, const Visible& vb) {
  if (va.begin.size() != vb.begin.size()) return false;
  for (std::size_t k = 0; k < va.begin.size(); ++k)
    if (a.substr(va.begin[k], va.end[k] - va.begin[k]) !=
        b.substr(vb.begin[k], vb.end[k] - vb.begin[k]))
      return false;
  return true;
}

bool same_text(std::string_view a, std::string_view b) {
  if (a == b) return true;
  return same_visible(a, visible_of(a), b, visible_of(b));
}

// Moves pred's spans onto gold's text (same visible characters).
void move_onto(const Document& gold, Document& pred) {
  if (pred.text == gold.text) return;
  const Visible vg = visible_of(gold.text), vp = visible_of(pred.text);
  std::vector<Span> moved;
  for (Span s : pred.entities) {
    const auto first = std::lower_bound(vp.begin.begin(), vp.begin.end(), s.begin);
    const auto last = std::upper_bound(vp.end.begin(), vp.end.end(), s.end);
    if (first == vp.begin.end() || last == vp.end.begin()) continue;
    const std::size_t i = std::size_t(first - vp.begin.begin());
    const std::size_t j = std::size_t(last - vp.end.begin()) - 1;
    if (i > j) continue;
    s.begin = vg.begin[i];
    s.end = vg.end[j];
    moved.push_back(std::move(s));
  }
  pred.entities = std::move(moved);
  pred.text = gold.text;
}

std::string key_of(const Document& d) { return file_stem_for_id(id_display(d.id_json)); }

}  // namespace

std::optional<OffsetUnit> parse_offset_unit(std::string_view name) {
  if (name == "codepoint") return OffsetUnit::kCodepoint;
  if (name == "utf16") return OffsetUnit::kUtf16;
  if (name == "byte") return OffsetUnit::kByte;
  return std::nullopt;
}

std::string_view offset_unit_name(OffsetUnit unit) {
  switch (unit) {
    case OffsetUnit::kCodepoint: return "codepoint";
    case OffsetUnit::kUtf16: return "utf16";
    case OffsetUnit::kByte: return "byte";
  }
  return "codepoint";
}

std::optional<DocumentFormat> parse_document_format(std::string_view name) {
  if (name == "jsonl") return DocumentFormat::kJsonl;
  if (name == "conll") return DocumentFormat::kConll;
  if (name == "brat") return DocumentFormat::kBrat;
  return std::nullopt;
}

std::string_view document_format_name(DocumentFormat format) {
  switch (format) {
    case DocumentFormat::kJsonl: return "jsonl";
    case DocumentFormat::kConll: return "conll";
    case DocumentFormat::kBrat: return "brat";
  }
  return "jsonl";
}

Result<std::vector<Document>> parse_jsonl_documents(std::string_view source,
                                                    std::string_view content) {
  std::vector<Document> docs;
  std::size_t line_no = 0;
  while (!content.empty()) {
    const std::size_t nl = content.find('\n');
    std::string_view line = content.substr(0, nl);
    content = nl == std::string_view::npos ? std::string_view() : content.substr(nl + 1);
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto doc = parse_document(line, true);
    if (!doc)
      return Status(doc.status().code(), std::string(source) + ":" + std::to_string(line_no) +
                                             ": " + doc.status().message());
    docs.push_back(std::move(doc).value());
  }
  return docs;
}

Result<std::vector<Document>> parse_documents(std::string_view source, std::string_view content,
                                              DocumentFormat format) {
  switch (format) {
    case DocumentFormat::kJsonl: return parse_jsonl_documents(source, content);
    case DocumentFormat::kConll: return parse_conll(source, content);
    case DocumentFormat::kBrat: break;
  }
  return Status(StatusCode::kInvalidArgument,
                std::string(source) + ": brat documents are NAME.txt and NAME.ann files");
}

DocumentFormat detect_content_format(std::string_view content) {
  while (!content.empty()) {
    const std::size_t nl = content.find('\n');
    const std::string_view line = content.substr(0, nl);
    content = nl == std::string_view::npos ? std::string_view() : content.substr(nl + 1);
    const std::size_t p = line.find_first_not_of(" \t\r");
    if (p != std::string_view::npos)
      return line[p] == '{' ? DocumentFormat::kJsonl : DocumentFormat::kConll;
  }
  return DocumentFormat::kJsonl;  // empty: no documents either way
}

namespace {

bool is_jsonl_extension(const std::string& ext) {
  return ext == ".jsonl" || ext == ".json" || ext == ".ndjson";
}
bool is_conll_extension(const std::string& ext) {
  return ext == ".conll" || ext == ".conllu" || ext == ".bio" || ext == ".iob" ||
         ext == ".iob2" || ext == ".tsv";
}

// The regular files of a folder whose extension `wanted` accepts, in natural name order.
Result<std::vector<fs::path>> folder_files(const fs::path& dir,
                                           bool (*wanted)(const std::string& ext)) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && wanted(lower_extension(it->path())))
      names.push_back(it->path().filename().string());
  if (ec) return Status(StatusCode::kIoError, dir.string() + ": cannot list: " + ec.message());
  std::sort(names.begin(), names.end(), natural_less);
  std::vector<fs::path> out;
  for (const std::string& n : names) out.push_back(dir / n);
  return out;
}

bool is_document_extension(const std::string& ext) {
  return ext == ".ann" || ext == ".txt" || is_jsonl_extension(ext) || is_conll_extension(ext);
}

}  // namespace

Result<DocumentFormat> detect_format(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    // brat (NAME.txt / NAME.ann) unless the folder holds only JSONL or CoNLL files.
    auto files = folder_files(path, is_document_extension);
    if (!files) return files.status();
    bool brat = false, jsonl = false, conll = false;
    for (const fs::path& f : *files) {
      const std::string ext = lower_extension(f);
      brat |= ext == ".ann" || ext == ".txt";
      jsonl |= is_jsonl_extension(ext);
      conll |= is_conll_extension(ext);
    }
    if (brat) return DocumentFormat::kBrat;
    if (jsonl != conll) return jsonl ? DocumentFormat::kJsonl : DocumentFormat::kConll;
    if (!jsonl)
      return Status(StatusCode::kInvalidArgument,
                    path.string() + ": no documents in this folder (no brat NAME.txt/NAME.ann, "
                                    "JSONL or CoNLL files)");
    return Status(StatusCode::kInvalidArgument,
                  path.string() + ": a folder of both JSONL and CoNLL files: name one file, or "
                                  "give --format");
  }
  const std::string ext = lower_extension(path);
  if (ext == ".ann") return DocumentFormat::kBrat;
  if (is_jsonl_extension(ext)) return DocumentFormat::kJsonl;
  if (is_conll_extension(ext)) return DocumentFormat::kConll;
  if (ext == ".txt") {
    fs::path ann = path;
    ann.replace_extension(".ann");
    if (fs::exists(ann, ec)) return DocumentFormat::kBrat;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kNotFound, path.string() + ": cannot open");
  std::string head(64 * 1024, '\0');
  in.read(head.data(), std::streamsize(head.size()));
  if (in.bad()) return Status(StatusCode::kIoError, path.string() + ": read error");
  head.resize(std::size_t(in.gcount()));
  return detect_content_format(head);
}

Result<std::vector<Document>> load_documents(const fs::path& path,
                                             std::optional<DocumentFormat> format,
                                             ReadOptions options) {
  if (!format) {
    auto detected = detect_format(path);
    if (!detected) return detected.status();
    format = *detected;
  }
  if (*format == DocumentFormat::kBrat) return load_brat(path, options.brat_offsets);
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    // Every file of the format in the folder, in natural name order, one after another.
    auto files = folder_files(path, *format == DocumentFormat::kJsonl ? is_jsonl_extension
                                                                      : is_conll_extension);
    if (!files) return files.status();
    if (files->empty())
      return Status(StatusCode::kInvalidArgument,
                    path.string() + ": no " + std::string(document_format_name(*format)) +
                        " files in this folder");
    std::vector<Document> all;
    for (const fs::path& f : *files) {
      auto docs = load_documents(f, format, options);
      if (!docs) return docs.status();
      for (Document& d : *docs) all.push_back(std::move(d));
    }
    return all;
  }
  auto content = detail::read_whole_file(path);
  if (!content) return content.status();
  return parse_documents(path.string(), *content, *format);
}

Status pair_documents(const std::vector<Document>& gold, std::vector<Document>& pred,
                      std::string_view gold_name, std::string_view pred_name) {
  const std::string g(gold_name), p(pred_name);
  if (gold.size() == pred.size()) {
    std::size_t bad = gold.size();
    for (std::size_t i = 0; i < gold.size() && bad == gold.size(); ++i)
      if (!same_text(gold[i].text, pred[i].text)) bad = i;
    if (bad == gold.size()) {
      for (std::size_t i = 0; i < gold.size(); ++i) move_onto(gold[i], pred[i]);
      return Status::ok();
    }
    // Same count but not in the same order: try the ids below.
  }
  auto keyed = [](const std::vector<Document>& docs, std::map<std::string, std::size_t>& keys) {
    for (std::size_t i = 0; i < docs.size(); ++i) {
      std::string k = key_of(docs[i]);
      if (k.empty() || !keys.emplace(std::move(k), i).second) return false;
    }
    return true;
  };
  std::map<std::string, std::size_t> gk, pk;
  if (!keyed(gold, gk) || !keyed(pred, pk)) {
    if (gold.size() != pred.size())
      return {StatusCode::kInvalidArgument, p + " has " + std::to_string(pred.size()) +
                                                " documents but " + g + " has " +
                                                std::to_string(gold.size())};
    for (std::size_t i = 0; i < gold.size(); ++i)
      if (!same_text(gold[i].text, pred[i].text))
        return {StatusCode::kInvalidArgument, "document " + std::to_string(i + 1) +
                                                  " differs in text between " + g + " and " + p};
    return {StatusCode::kInvalidArgument, "cannot pair the documents of " + g + " and " + p};
  }
  // Check everything first: on error pred is left as it was.
  std::vector<std::size_t> index;
  index.reserve(gold.size());
  for (std::size_t i = 0; i < gold.size(); ++i) {
    const std::string k = key_of(gold[i]);
    auto it = pk.find(k);
    if (it == pk.end())
      return {StatusCode::kInvalidArgument,
              "document \"" + k + "\" of " + g + " is not in " + p};
    if (!same_text(gold[i].text, pred[it->second].text))
      return {StatusCode::kInvalidArgument,
              "document \"" + k + "\" differs in text between " + g + " and " + p};
    index.push_back(it->second);
  }
  for (const auto& [k, i] : pk)
    if (!gk.count(k))
      return {StatusCode::kInvalidArgument,
              "document \"" + k + "\" of " + p + " is not in " + g};
  std::vector<Document> ordered;
  ordered.reserve(gold.size());
  for (std::size_t i = 0; i < gold.size(); ++i) {
    Document& d = pred[index[i]];
    move_onto(gold[i], d);
    ordered.push_back(std::move(d));
  }
  pred = std::move(ordered);
  return Status::ok();
}

std::string id_display(std::string_view id_json) {
  if (id_json.empty()) return {};
  boost::json::error_code ec;
  const boost::json::value v = boost::json::parse(id_json, ec);
  if (ec) return std::string(id_json);
  if (v.is_string()) return std::string(v.as_string());
  return boost::json::serialize(v);
}

std::string file_stem_for_id(std::string_view id) {
  std::string out;
  bool usable = false;
  for (std::size_t i = 0; i < id.size() && out.size() < 120;) {
    const auto c = static_cast<unsigned char>(id[i]);
    const bool keep = std::isalnum(c) || c == '-' || c == '_' || c == '.';
    if (keep) {
      if (!(c == '_' && !out.empty() && out.back() == '_')) out.push_back(char(c));
      usable = usable || std::isalnum(c);
      ++i;
    } else {
      if (out.empty() || out.back() != '_') out.push_back('_');
      i += c < 0x80 ? 1 : utf8::decode(id, i).size;
    }
  }
  if (!usable) return {};
  if (out[0] == '.') out[0] = '_';
  return out;
}

}  // namespace alam
