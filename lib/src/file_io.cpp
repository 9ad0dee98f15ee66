#include "file_io.hpp"
#include <fstream>
#include <iterator>

namespace alam::detail {

Result<std::string> read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kNotFound, path.string() + ": cannot open");
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status(StatusCode::kIoError, path.string() + ": read error");
  return content;
}

}  // namespace alam::detail
