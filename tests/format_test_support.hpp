// Helpers for the writer and reader tests: spans by their text, running a writer over documents.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "alam/jsonl.hpp"
#include "alam/writer.hpp"

namespace alam::testing {

// The span of the nth occurrence of needle in text (byte offsets).
inline Span span_of(std::string_view text, std::string_view needle, EntityType type,
                    std::size_t nth = 0, std::string canonical = {}, std::string source = {}) {
  std::size_t at = text.find(needle);
  for (std::size_t i = 0; i < nth && at != std::string_view::npos; ++i)
    at = text.find(needle, at + 1);
  EXPECT_NE(at, std::string_view::npos) << needle << " not in " << text;
  if (at == std::string_view::npos) return {};
  return Span{at, at + needle.size(), type, std::move(canonical), std::move(source)};
}

// Everything a writer produces for the documents: the stream and the files, in order.
inline WriterOutput write_all(std::string_view format, const std::vector<Document>& docs,
                              const WriterOptions& options = {}) {
  auto made = make_writer(format, options);
  EXPECT_TRUE(made) << made.status().message();
  WriterOutput all, out;
  if (!made) return all;
  Writer& w = **made;
  auto take = [&] {
    all.stream += out.stream;
    for (auto& f : out.files) all.files.push_back(std::move(f));
    out.clear();
  };
  w.begin(out);
  take();
  std::size_t line = 0;
  for (const Document& d : docs) {
    w.document({d.id_json, d.text, d.entities, "in.txt", ++line}, out);
    take();
  }
  w.end(out);
  take();
  return all;
}

inline const OutputFile* file_named(const WriterOutput& out, std::string_view name) {
  for (const OutputFile& f : out.files)
    if (f.name == name) return &f;
  return nullptr;
}

// (begin, end, type) of each span, for comparing spans without canonical/source.
inline std::vector<std::tuple<std::size_t, std::size_t, EntityType>> keys(
    const std::vector<Span>& spans) {
  std::vector<std::tuple<std::size_t, std::size_t, EntityType>> k;
  for (const Span& s : spans) k.emplace_back(s.begin, s.end, s.type);
  return k;
}

// Mixed Arabic/Latin documents with the hard cases: astral characters (emoji, mathematical
// letters) before spans, proclitics and punctuation glued to names, markup characters, an
// empty document, a document without entities, a line break inside a document.
inline std::vector<Document> tricky_documents() {
  std::vector<Document> docs;
  auto add = [&](std::string id, std::string text,
                 std::vector<std::pair<std::string, EntityType>> names) {
    Document d;
    d.id_json = std::move(id);
    d.text = std::move(text);
    std::string_view t = d.text;
    std::size_t from = 0;
    for (auto& [n, type] : names) {
      const std::size_t at = t.find(n, from);
      EXPECT_NE(at, std::string_view::npos) << n;
      d.entities.push_back({at, at + n.size(), type, "canon:" + n, "gaz:" + n});
      from = at + n.size();
    }
    docs.push_back(std::move(d));
  };
  add(R"("ar-1")", "قالت وإنفيديا إن رقائق A800 وH800 لـNvidia بالصين",
      {{"إنفيديا", EntityType::kOrg},
       {"A800", EntityType::kChip},
       {"H800", EntityType::kChip},
       {"Nvidia", EntityType::kOrg},
       {"الصين", EntityType::kLoc}});
  add(R"("emoji")", "😀👍🏽 SenseTime و𝐀 iFlytek: 58% في 2021",
      {{"SenseTime", EntityType::kOrg},
       {"iFlytek", EntityType::kOrg},
       {"58%", EntityType::kPercent},
       {"2021", EntityType::kDate}});
  add("7", "AT&T <Nvidia> \"Huawei\" & 'x' (SMIC).",
      {{"AT&T", EntityType::kOrg},
       {"Nvidia", EntityType::kOrg},
       {"Huawei", EntityType::kOrg},
       {"SMIC", EntityType::kOrg}});
  add("", "", {});
  add(R"({"doc":"no entities","start":1})", "لا شيء هنا", {});
  add(R"("multi line")", "أعلنت إنفيديا\r\nNvidia said:\tChina Renaissance",
      {{"إنفيديا", EntityType::kOrg},
       {"Nvidia", EntityType::kOrg},
       {"China Renaissance", EntityType::kOrg}});
  return docs;
}

}  // namespace alam::testing
