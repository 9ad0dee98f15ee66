// make_writer: the format name → writer table.
#include <array>

#include "writers.hpp"

namespace alam {
namespace {

constexpr std::array<std::string_view, 6> kFormats = {"jsonl", "conll", "brat",
                                                      "xml",   "html",  "human"};

}  // namespace

std::span<const std::string_view> writer_formats() { return kFormats; }

Result<std::unique_ptr<Writer>> make_writer(std::string_view format,
                                            const WriterOptions& options) {
  if (format == "jsonl") return detail::make_jsonl_writer(options);
  if (format == "conll") return detail::make_conll_writer(options);
  if (format == "brat") return detail::make_brat_writer(options);
  if (format == "xml") return detail::make_xml_writer(options);
  if (format == "html") return detail::make_html_writer(options);
  if (format == "human") return detail::make_human_writer(options);
  std::string known;
  for (std::string_view f : kFormats) known.append(known.empty() ? "" : ", ").append(f);
  return Status(StatusCode::kInvalidArgument,
                "unknown output format \"" + std::string(format) + "\" (known: " + known + ")");
}

}  // namespace alam
