// Driver of the person and organisation grammars.
#include "grammar/names.hpp"

#include <array>

#include "grammar/org_def.hpp"
#include "grammar/person_def.hpp"

namespace alam::grammar {
namespace {

struct NameRule {
  const char* name;
  EntityType type;
  // Rules that begin with the name itself must start where a name can start.
  bool starts_with_name;
  bool (*run)(Iterator& first, Iterator last, boost::iterator_range<Iterator>& capture);
};

template <const auto& Rule>
bool run_name_rule(Iterator& first, Iterator last, boost::iterator_range<Iterator>& capture) {
  try {
    return x3::parse(first, last, Rule, capture);
  } catch (const x3::expectation_failure<Iterator>&) {
    return false;
  }
}

const std::array<NameRule, 12> kRules{{
    {"person.speech", EntityType::kPerson, false, &run_name_rule<person::speech>},
    {"person.said_after", EntityType::kPerson, true, &run_name_rule<person::said_after>},
    {"person.apposition", EntityType::kPerson, false, &run_name_rule<person::apposition_two>},
    {"person.apposition", EntityType::kPerson, true, &run_name_rule<person::apposition>},
    {"person.title", EntityType::kPerson, false, &run_name_rule<person::title>},
    {"person.honorific", EntityType::kPerson, false, &run_name_rule<person::honorific>},
    {"person.byline", EntityType::kPerson, false, &run_name_rule<person::byline>},
    // A given name anchors a name even right after a word that looks like one (ورحب محمد …).
    {"person.given", EntityType::kPerson, false, &run_name_rule<person::given_name>},
    {"org.cue", EntityType::kOrg, false, &run_name_rule<org::cue>},
    {"org.suffix", EntityType::kOrg, true, &run_name_rule<org::suffix>},
    {"org.coordinated", EntityType::kOrg, false, &run_name_rule<org::coordinated_after>},
    {"org.coordinated", EntityType::kOrg, true, &run_name_rule<org::coordinated_before>},
}};

// Classes that can start one of the rules; everything else is skipped cheaply.
bool can_start(char c) {
  switch (c) {
    case cls::kSpeech: case cls::kTitle: case cls::kHonorific: case cls::kByline:
    case cls::kOrgCue: case cls::kCapital: case cls::kArabicName: case cls::kOrgStart:
    case cls::kGiven:
      return true;
    default:
      return false;
  }
}

bool is_name_class(char c) {
  return c == cls::kArabicName || c == cls::kCapital || c == cls::kGiven || c == cls::kGivenRest;
}

}  // namespace

void match_names(std::string_view classes, std::vector<TokenMatch>& out) {
  const Iterator begin = classes.data(), end = classes.data() + classes.size();
  for (std::size_t pos = 0; pos < classes.size(); ++pos) {
    if (!can_start(classes[pos])) continue;
    // A name starts a rule only at its first word.
    const bool name_start = !(pos > 0 && is_name_class(classes[pos - 1]));
    for (const NameRule& r : kRules) {
      if (r.starts_with_name && !name_start) continue;
      Iterator first = begin + pos;
      boost::iterator_range<Iterator> capture;
      if (!r.run(first, end, capture) || capture.empty()) continue;
      out.push_back({std::size_t(capture.begin() - begin), std::size_t(capture.end() - begin),
                     r.type, r.name});
    }
  }
}

}  // namespace alam::grammar
