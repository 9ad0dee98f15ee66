// Fuzz target: the gazetteer text parser (Gazetteer::from_sources) on any text.
// Invariants: either an error whose message starts "fuzz.gaz:LINE:COLUMN: ", or a gazetteer
// whose entities have non-empty ids and non-empty aliases (output types at least one alias,
// the name first); to_text() parses back to as many entities; tagging a sample keeps the span
// invariants.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "alam/gazetteer.hpp"
#include "alam/tagger.hpp"
#include "invariants.hpp"

namespace {

// "NAME:LINE:COLUMN: " with LINE and COLUMN decimal numbers >= 1.
bool has_position_prefix(const std::string& message, std::string_view name) {
  if (message.compare(0, name.size(), name) != 0) return false;
  std::size_t p = name.size();
  for (int field = 0; field < 2; ++field) {
    if (p >= message.size() || message[p] != ':') return false;
    ++p;
    const std::size_t digits = p;
    while (p < message.size() && std::isdigit(static_cast<unsigned char>(message[p]))) ++p;
    if (p == digits || message[digits] == '0') return false;
  }
  return message.compare(p, 2, ": ") == 0;
}

constexpr std::string_view kSample =
    "قالت إنفيديا إن رقائق A800 وH800 لـNvidia بالصين، وقال جنسن هوانغ: 5 مليارات دولار 20% "
    "Acme Corp في 3 مارس 2024";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > alam::fuzz::kMaxInput) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto g = alam::Gazetteer::from_sources({{"fuzz.gaz", text}});
  if (!g) {
    alam::fuzz::check(!g.status().is_ok(), "error result with an ok status");
    alam::fuzz::check(has_position_prefix(g.status().message(), "fuzz.gaz"),
                      "error without a fuzz.gaz:line:column: prefix: " + g.status().message());
    return 0;
  }
  const alam::Gazetteer& gaz = *g;
  for (std::size_t i = 0; i < gaz.size(); ++i) {
    const alam::EntityView e = gaz.entity(i);
    const std::string who = "entity " + std::to_string(i) + " [" + std::string(e.id()) + "]: ";
    alam::fuzz::check(!e.id().empty(), who + "empty id");
    if (alam::is_output_type(e.type())) {
      alam::fuzz::check(e.alias_count() >= 1, who + "no alias");
      alam::fuzz::check(e.alias(0).text == e.name(), who + "first alias is not the name");
    }
    for (std::size_t a = 0; a < e.alias_count(); ++a)
      alam::fuzz::check(!e.alias(a).text.empty(), who + "empty alias " + std::to_string(a));
  }
  // Rendering back to text and parsing again keeps every entity.
  const std::string rendered = gaz.to_text();
  auto again = alam::Gazetteer::from_sources({{"rendered.gaz", rendered}});
  alam::fuzz::check(again.has_value(),
                    "to_text() output does not parse: " +
                        (again ? std::string() : again.status().message()));
  alam::fuzz::check(again->size() == gaz.size(), "to_text() round trip changed the entity count");

  const alam::Tagger tagger(std::make_shared<const alam::Gazetteer>(std::move(*g)));
  alam::fuzz::check_spans(kSample, tagger.tag(kSample), true);
  alam::fuzz::check_spans(text, tagger.tag(text), true);
  return 0;
}
