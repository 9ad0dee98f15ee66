// CoNLL reader: token-per-line files with BIO/IOB2 tags (docs/output-formats.md, "conll").
#include <boost/json.hpp>

#include <optional>

#include "alam/formats.hpp"
#include "alam/utf8.hpp"
#include "format_util.hpp"

namespace alam {
namespace {

struct TokenLine {
  std::string_view token;
  std::string_view tag;
  std::size_t line = 0;
};

struct Block {
  std::string id_json;
  std::optional<std::string> text;
  std::vector<TokenLine> tokens;
  std::size_t last_line = 0;
  bool comments = false;
};

class ConllReader {
 public:
  explicit ConllReader(std::string_view source) : source_(source) {}

  Result<std::vector<Document>> read(std::string_view content) {
    std::size_t line_no = 0;
    while (!content.empty()) {
      const std::size_t nl = content.find('\n');
      std::string_view line = content.substr(0, nl);
      content = nl == std::string_view::npos ? std::string_view() : content.substr(nl + 1);
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (Status s = take(line, line_no); !s) return s;
    }
    if (Status s = flush(); !s) return s;
    return std::move(docs_);
  }

 private:
  Status error(std::size_t line, const std::string& message) const {
    return {StatusCode::kInvalidArgument,
            std::string(source_) + ":" + std::to_string(line) + ": " + message};
  }

  Status take(std::string_view line, std::size_t line_no) {
    if (line.find_first_not_of(" \t") == std::string_view::npos) return flush();
    if (line.starts_with("-DOCSTART-")) return flush();
    if (block_.tokens.empty() && (line == "#" || line.starts_with("# ")))
      return comment(line, line_no);
    // A token line: TAB-separated columns when there is a TAB, else space-separated.
    const char sep = line.find('\t') != std::string_view::npos ? '\t' : ' ';
    std::vector<std::string_view> fields;
    for (std::size_t i = 0; i <= line.size();) {
      std::size_t j = line.find(sep, i);
      if (j == std::string_view::npos) j = line.size();
      if (j > i) fields.push_back(line.substr(i, j - i));
      i = j + 1;
    }
    if (sep == '\t')
      for (auto& f : fields) {  // trim spaces around TAB-separated columns
        while (!f.empty() && f.front() == ' ') f.remove_prefix(1);
        while (!f.empty() && f.back() == ' ') f.remove_suffix(1);
      }
    std::erase_if(fields, [](std::string_view f) { return f.empty(); });
    if (fields.size() < 2) return error(line_no, "expected a token and a tag");
    block_.tokens.push_back({fields.front(), fields.back(), line_no});
    block_.last_line = line_no;
    return Status::ok();
  }

  Status comment(std::string_view line, std::size_t line_no) {
    block_.comments = true;
    block_.last_line = line_no;
    std::string_view body = line.substr(1);
    if (!body.empty()) body.remove_prefix(1);  // the space after '#'
    const std::size_t eq = body.find('=');
    if (eq == std::string_view::npos) return Status::ok();
    std::string_view key = body.substr(0, eq);
    while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
    std::string_view value = body.substr(eq + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);  // "= " then verbatim
    if (key == "text") {
      block_.text = std::string(value);
    } else if (key == "text_json") {
      boost::json::error_code ec;
      const boost::json::value v = boost::json::parse(value, ec);
      if (ec || !v.is_string()) return error(line_no, "text_json is not a JSON string");
      block_.text = std::string(v.as_string());
    } else if (key == "id") {
      boost::json::error_code ec;
      (void)boost::json::parse(value, ec);
      block_.id_json = ec ? detail::json_string(value) : std::string(value);
    } else if (key == "sent_id" || key == "doc_id") {
      block_.id_json = detail::json_string(value);
    }
    return Status::ok();
  }

  Status flush() {
    Block b = std::move(block_);
    block_ = Block{};
    if (b.tokens.empty() && !b.text) return Status::ok();  // blank lines, stray comments
    Document doc;
    doc.id_json = std::move(b.id_json);
    // Token byte ranges in the text.
    std::vector<std::pair<std::size_t, std::size_t>> where;
    where.reserve(b.tokens.size());
    if (b.text) {
      doc.text = std::move(*b.text);
      const std::string_view text = doc.text;
      std::size_t at = 0;
      auto skip_space = [&](std::size_t p) {
        while (p < text.size()) {
          const utf8::Decoded d = utf8::decode(text, p);
          if (!detail::is_white_space(d.cp)) break;
          p += d.size;
        }
        return p;
      };
      for (const TokenLine& t : b.tokens) {
        at = skip_space(at);
        if (text.substr(at).substr(0, t.token.size()) != t.token)
          return error(t.line, "token \"" + std::string(t.token) +
                                   "\" is not next in the document's text (at code point " +
                                   std::to_string(utf8::codepoint_offset(text, at)) + ")");
        where.emplace_back(at, at + t.token.size());
        at += t.token.size();
      }
      if (at = skip_space(at); at != text.size())
        return error(b.last_line, "the document's text goes on after the last token: \"" +
                                      detail::one_line(text.substr(at, 40)) + "\"");
    } else {
      for (const TokenLine& t : b.tokens) {
        if (!doc.text.empty()) doc.text.push_back(' ');
        where.emplace_back(doc.text.size(), doc.text.size() + t.token.size());
        doc.text.append(t.token);
      }
    }
    // Tags to spans.
    Span open;
    bool is_open = false;
    auto close = [&] {
      if (is_open) doc.entities.push_back(open);
      is_open = false;
    };
    for (std::size_t k = 0; k < b.tokens.size(); ++k) {
      const std::string_view tag = b.tokens[k].tag;
      if (tag == "O") {
        close();
        continue;
      }
      char prefix = 'I';
      std::string_view name = tag;
      if (tag.size() > 2 && (tag[1] == '-' || tag[1] == '_')) {
        prefix = tag[0];
        name = tag.substr(2);
      }
      if (prefix != 'B' && prefix != 'I' && prefix != 'E' && prefix != 'S' && prefix != 'L' &&
          prefix != 'U')
        return error(b.tokens[k].line, "bad tag \"" + std::string(tag) +
                                           "\" (expected O, B-TYPE or I-TYPE)");
      const auto type = parse_type(name);
      if (!type || *type == EntityType::kStop)
        return error(b.tokens[k].line, "unknown entity type \"" + std::string(name) + "\"");
      const auto [tb, te] = where[k];
      const bool starts = prefix == 'B' || prefix == 'S' || prefix == 'U' || !is_open ||
                          open.type != *type;
      if (starts) {
        close();
        open = Span{tb, te, *type, {}, {}};
        is_open = true;
      } else {
        open.end = te;
      }
      if (prefix == 'E' || prefix == 'S' || prefix == 'L' || prefix == 'U') close();
    }
    close();
    docs_.push_back(std::move(doc));
    return Status::ok();
  }

  std::string_view source_;
  Block block_;
  std::vector<Document> docs_;
};

}  // namespace

Result<std::vector<Document>> parse_conll(std::string_view source, std::string_view content) {
  return ConllReader(source).read(content);
}

}  // namespace alam
