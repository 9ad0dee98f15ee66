// Fuzz target: the compiled-gazetteer loader (Gazetteer::from_compiled).
//   1. the input bytes as an image;
//   2. a valid image (compiled from a small gazetteer) with the input applied as patches:
//      each 3-byte group (offset low, offset high, value) XORs — or, when the first input byte
//      is odd, overwrites — one byte of the image; a leftover byte truncates it. When bit 1 of
//      the first byte is set, the image is then resealed (Gazetteer::Index::reseal recomputes its size and checksum)
//      so that the damage reaches the section and record validation behind the checksum.
// Either way the loader must return an error, or a gazetteer that can be walked, decompiled
// and used to tag a sample text with the span invariants holding.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "alam/gazetteer.hpp"
#include "alam/tagger.hpp"
#include "gazetteer_index.hpp"
#include "invariants.hpp"

namespace {

constexpr std::string_view kSource =
    "[acme] ORG\n"
    "name = Acme\n"
    "alias = أكمي\n"
    "alias[cs] = ACME Corp\n"
    "attr.country = US\n"
    "\n"
    "[chip-acme-x100] CHIP\n"
    "name = X100\n"
    "alias[exact] = إكس 100\n"
    "\n"
    "[loc-cairo] LOC\n"
    "name = Cairo\n"
    "alias = القاهرة\n";

constexpr std::string_view kSample =
    "قالت أكمي إن رقائق X100 ولـAcme بالقاهرة، ACME Corp في Cairo \xff\xfe إكس 100 وإكس 100";

const std::string& valid_image() {
  static const std::string image = [] {
    auto g = alam::Gazetteer::from_sources({{"fuzz-seed.gaz", std::string(kSource)}});
    if (!g) alam::fuzz::fail("seed gazetteer: " + g.status().message());
    return std::string(g->compiled_image());
  }();
  return image;
}

void exercise(std::string_view bytes) {
  auto g = alam::Gazetteer::from_compiled(bytes, "fuzz.alamgaz");
  if (!g) {
    alam::fuzz::check(!g.status().message().empty(), "load error without a message");
    return;
  }
  const alam::Gazetteer& gaz = *g;
  for (std::size_t i = 0; i < gaz.size(); ++i) {
    const alam::EntityView e = gaz.entity(i);
    (void)e.id(), (void)e.type(), (void)e.name(), (void)e.file(), (void)e.line();
    for (std::size_t a = 0; a < e.alias_count(); ++a) (void)e.alias(a);
    for (std::size_t a = 0; a < e.attribute_count(); ++a) (void)e.attribute(a);
    if (!e.id().empty()) alam::fuzz::check(gaz.find(e.id()).has_value(), "find(id) misses an entity");
  }
  (void)gaz.to_text();
  const alam::Tagger tagger(std::make_shared<const alam::Gazetteer>(std::move(*g)));
  alam::fuzz::check_spans(kSample, tagger.tag(kSample), true);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > alam::fuzz::kMaxInput) return 0;
  exercise(std::string_view(reinterpret_cast<const char*>(data), size));

  std::string image = valid_image();
  if (size == 0 || image.empty()) return 0;
  const bool overwrite = (data[0] & 1) != 0;
  std::size_t i = 1;
  for (; i + 3 <= size; i += 3) {
    const std::size_t off = (std::size_t(data[i]) | std::size_t(data[i + 1]) << 8) % image.size();
    if (overwrite)
      image[off] = static_cast<char>(data[i + 2]);
    else
      image[off] = static_cast<char>(image[off] ^ data[i + 2]);
  }
  if (i < size) image.resize(std::size_t(data[i]) * image.size() / 256);  // leftover: truncate
  if ((data[0] & 2) != 0) alam::Gazetteer::Index::reseal(image);
  exercise(image);
  return 0;
}
