// fuzz/replay_main.cpp — runs a fuzz target over files, for builds without libFuzzer (g++).
//
//   alam_fuzz_tagger fuzz/corpus/tagger fuzz/crashes/some-crash
//
// Each argument is a file or a folder (read recursively, in sorted order); every file is one
// input. Exit status 0 when all ran; an invariant violation aborts the process.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

bool run_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << path.string() << ": cannot read\n";
    return false;
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::cerr << "running " << path.string() << " (" << bytes.size() << " bytes)\n";
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " FILE_OR_FOLDER...\n";
    return 2;
  }
  std::size_t runs = 0;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path arg(argv[i]);
    std::error_code ec;
    if (std::filesystem::is_directory(arg, ec)) {
      std::vector<std::filesystem::path> files;
      for (const auto& e : std::filesystem::recursive_directory_iterator(arg))
        if (e.is_regular_file()) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) ok = run_file(f) && ok, ++runs;
    } else if (std::filesystem::exists(arg, ec)) {
      ok = run_file(arg) && ok;
      ++runs;
    } else {
      std::cerr << arg.string() << ": no such file or folder\n";
      ok = false;
    }
  }
  std::cerr << "replayed " << runs << " input(s)\n";
  if (runs == 0) return 1;
  return ok ? 0 : 1;
}
