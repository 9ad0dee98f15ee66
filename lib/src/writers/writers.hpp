// The writers of alam/writer.hpp, one source file each in lib/src/writers/.
#pragma once

#include <memory>

#include "alam/writer.hpp"

namespace alam::detail {

std::unique_ptr<Writer> make_jsonl_writer(const WriterOptions& options);
std::unique_ptr<Writer> make_conll_writer(const WriterOptions& options);
std::unique_ptr<Writer> make_brat_writer(const WriterOptions& options);
std::unique_ptr<Writer> make_xml_writer(const WriterOptions& options);
std::unique_ptr<Writer> make_html_writer(const WriterOptions& options);
std::unique_ptr<Writer> make_human_writer(const WriterOptions& options);

}  // namespace alam::detail
