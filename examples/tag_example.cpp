// Tags each line of standard input with the embedded default gazetteers and prints the spans.
//   tag_example < sample.txt
#include <alam/alam.hpp>

#include <iostream>
#include <memory>
#include <string>

int main() {
  alam::Result<alam::Gazetteer> gazetteer = alam::Gazetteer::embedded();
  if (!gazetteer) {
    std::cerr << gazetteer.status().message() << '\n';
    return 1;
  }
  const alam::Tagger tagger(std::make_shared<const alam::Gazetteer>(std::move(gazetteer).value()));
  std::string line;
  while (std::getline(std::cin, line)) {
    const alam::utf8::OffsetConverter offsets(line);
    for (const alam::Span& s : tagger.tag(line)) {
      std::cout << alam::type_name(s.type) << '\t' << offsets.to_codepoint(s.begin) << '\t'
                << offsets.to_codepoint(s.end) << '\t' << line.substr(s.begin, s.end - s.begin)
                << '\t' << s.source << '\n';
    }
  }
  return 0;
}
