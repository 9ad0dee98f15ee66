// Build-time tool: compiles the gazetteers embedded in the library (Gazetteer::embedded()) into
// one image, which the alam binary links in (embedded_image.cpp.in) so that it starts without
// parsing and indexing them.
#include <cstdio>

#include "alam/gazetteer.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT.alamc\n", argv[0]);
    return 2;
  }
  auto g = alam::Gazetteer::embedded();
  if (!g) {
    std::fprintf(stderr, "alam: error: %s\n", g.status().message().c_str());
    return 1;
  }
  if (const alam::Status s = g->write_compiled(argv[1]); !s.ok()) {
    std::fprintf(stderr, "alam: error: %s\n", s.message().c_str());
    return 1;
  }
  return 0;
}
