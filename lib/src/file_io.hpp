// Reading a whole file, for the library's loaders (gazetteer sources, eval documents, the
// gazetteer editor's store).
#pragma once
#include <filesystem>
#include <string>
#include "alam/status.hpp"

namespace alam::detail {

// The file's bytes. kNotFound ("PATH: cannot open") when it cannot be opened, kIoError
// ("PATH: read error") when reading fails part way.
Result<std::string> read_whole_file(const std::filesystem::path& path);

}  // namespace alam::detail
