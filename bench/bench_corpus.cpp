#include "bench_corpus.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>

namespace alam::bench {

const std::vector<std::string>& corpus() {
  static const std::vector<std::string> docs = [] {
    std::vector<std::string> out;
    const char* mb_env = std::getenv("ALAM_BENCH_MB");
    const std::size_t limit = std::size_t(mb_env ? std::atof(mb_env) : 100.0) * 1000000;
    std::size_t total = 0;
    if (const char* path = std::getenv("ALAM_BENCH_CORPUS")) {
      std::ifstream in(path, std::ios::binary);
      if (!in) std::cerr << "alam_bench: cannot open " << path << "\n";
      std::string line;
      while (total < limit && std::getline(in, line)) {
        total += line.size() + 1;
        out.push_back(std::move(line));
      }
    }
    if (out.empty()) {
      const std::string para =
          "قالت شركة SenseTime إن مراكز بياناتها في شنغهاي تعمل برقائق A100 من Nvidia، بينما "
          "تقول إنفيديا إن رقائق A800 وH800 لـNvidia باتت ممنوعة بقرار من وزارة التجارة "
          "الأمريكية، وخسرت 5.5 مليار دولار أي 15 في المائة من مبيعاتها في عام 2025.";
      while (total < std::min<std::size_t>(limit, 20000000)) {
        out.push_back(para);
        total += para.size() + 1;
      }
    }
    return out;
  }();
  return docs;
}

std::size_t corpus_bytes() {
  static const std::size_t bytes = [] {
    std::size_t n = 0;
    for (const auto& d : corpus()) n += d.size() + 1;
    return n;
  }();
  return bytes;
}

}  // namespace alam::bench
