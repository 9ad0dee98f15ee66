// CoNLL writer: one token per line with its IOB2 tag (docs/output-formats.md, "conll").
#include <algorithm>

#include "alam/utf8.hpp"
#include "format_util.hpp"
#include "writers.hpp"

namespace alam::detail {
namespace {

class ConllWriter final : public Writer {
 public:
  explicit ConllWriter(bool segment) : segment_(segment) {}

  bool stateless() const override { return true; }

  void document(const WriterDocument& doc, WriterOutput& out) override {
    std::string& o = out.stream;
    const std::string_view text = doc.text;
    const std::vector<Span> spans = usable_spans(text, doc.spans);
    if (!doc.id_json.empty()) o.append("# id = ").append(one_line(doc.id_json)).push_back('\n');
    if (text.find_first_of("\r\n") == std::string_view::npos)
      o.append("# text = ").append(utf8::sanitize(text)).push_back('\n');
    else
      o.append("# text_json = ").append(json_string(text)).push_back('\n');

    // Cut points inside whitespace tokens: every span boundary (with --segment).
    std::vector<std::size_t> cuts;
    if (segment_) {
      for (const Span& s : spans) cuts.push_back(s.begin), cuts.push_back(s.end);
      std::sort(cuts.begin(), cuts.end());
    }
    std::size_t k = 0;                     // first span that may overlap the next token
    std::size_t tagged = spans.size();     // the span the previous token was tagged with
    auto emit = [&](std::size_t a, std::size_t b) {
      while (k < spans.size() && spans[k].end <= a) ++k;
      o.append(utf8::sanitize(text.substr(a, b - a))).push_back('\t');
      if (k < spans.size() && spans[k].begin < b) {
        o.append(tagged == k ? "I-" : "B-").append(type_name(spans[k].type));
        tagged = k;
      } else {
        o.push_back('O');
      }
      o.push_back('\n');
    };
    std::size_t i = 0;
    while (i < text.size()) {
      const utf8::Decoded d = utf8::decode(text, i);
      if (is_white_space(d.cp)) {
        i += d.size;
        continue;
      }
      const std::size_t a = i;
      while (i < text.size()) {
        const utf8::Decoded e = utf8::decode(text, i);
        if (is_white_space(e.cp)) break;
        i += e.size;
      }
      std::size_t from = a;
      auto c = std::upper_bound(cuts.begin(), cuts.end(), a);
      for (; c != cuts.end() && *c < i; ++c) {
        if (*c == from) continue;
        emit(from, *c);
        from = *c;
      }
      emit(from, i);
    }
    o.push_back('\n');
  }

 private:
  bool segment_;
};

}  // namespace

std::unique_ptr<Writer> make_conll_writer(const WriterOptions& options) {
  return std::make_unique<ConllWriter>(options.segment);
}

}  // namespace alam::detail
