// Driver of the person and organisation grammars.
#include "grammar/names.hpp"

#include <array>
#include <cstdint>

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
  // The classes the rule's first token can have (read off its definition in person_def.hpp /
  // org_def.hpp; NameGrammar.FirstClassesAreComplete checks them against running every rule
  // everywhere).
  std::string_view first;
};

template <const auto& Rule>
bool run_name_rule(Iterator& first, Iterator last, boost::iterator_range<Iterator>& capture) {
  try {
    return x3::parse(first, last, Rule, capture);
  } catch (const x3::expectation_failure<Iterator>&) {
    return false;
  }
}

constexpr char kSpeechFirst[] = {cls::kSpeech, 0};
constexpr char kLatinWordFirst[] = {cls::kCapital, cls::kGiven, 0};
constexpr char kArabicWordFirst[] = {cls::kArabicName, cls::kGiven, 0};
constexpr char kAnyWordFirst[] = {cls::kArabicName, cls::kGiven, cls::kCapital, 0};
constexpr char kTitleFirst[] = {cls::kTitle, 0};
constexpr char kHonorificFirst[] = {cls::kHonorific, 0};
constexpr char kBylineFirst[] = {cls::kByline, 0};
constexpr char kGivenFirst[] = {cls::kGiven, 0};
constexpr char kOrgCueFirst[] = {cls::kOrgCue, 0};
constexpr char kSuffixFirst[] = {cls::kCapital, cls::kOrgStart, 0};
constexpr char kKnownOrgFirst[] = {cls::kOrgStart, 0};
constexpr char kCapitalFirst[] = {cls::kCapital, 0};

const std::array<NameRule, 12> kRules{{
    {"person.speech", EntityType::kPerson, false, &run_name_rule<person::speech>, kSpeechFirst},
    {"person.said_after", EntityType::kPerson, true, &run_name_rule<person::said_after>,
     kLatinWordFirst},
    {"person.apposition", EntityType::kPerson, false, &run_name_rule<person::apposition_two>,
     kArabicWordFirst},
    {"person.apposition", EntityType::kPerson, true, &run_name_rule<person::apposition>,
     kAnyWordFirst},
    {"person.title", EntityType::kPerson, false, &run_name_rule<person::title>, kTitleFirst},
    {"person.honorific", EntityType::kPerson, false, &run_name_rule<person::honorific>,
     kHonorificFirst},
    {"person.byline", EntityType::kPerson, false, &run_name_rule<person::byline>, kBylineFirst},
    // A given name anchors a name even right after a word that looks like one (ورحب محمد …).
    {"person.given", EntityType::kPerson, false, &run_name_rule<person::given_name>, kGivenFirst},
    {"org.cue", EntityType::kOrg, false, &run_name_rule<org::cue>, kOrgCueFirst},
    {"org.suffix", EntityType::kOrg, true, &run_name_rule<org::suffix>, kSuffixFirst},
    {"org.coordinated", EntityType::kOrg, false, &run_name_rule<org::coordinated_after>,
     kKnownOrgFirst},
    {"org.coordinated", EntityType::kOrg, true, &run_name_rule<org::coordinated_before>,
     kCapitalFirst},
}};

// For each class character, the rules (bit k: kRules[k]) that can start at it.
const std::array<std::uint16_t, 256> kRulesByFirst = [] {
  std::array<std::uint16_t, 256> t{};
  for (std::size_t k = 0; k < kRules.size(); ++k)
    for (char c : kRules[k].first) t[static_cast<unsigned char>(c)] |= std::uint16_t(1u << k);
  return t;
}();

bool is_name_class(char c) {
  return c == cls::kArabicName || c == cls::kCapital || c == cls::kGiven || c == cls::kGivenRest;
}

}  // namespace

void match_names(std::string_view classes, std::vector<TokenMatch>& out, bool every_rule) {
  const Iterator begin = classes.data(), end = classes.data() + classes.size();
  for (std::size_t pos = 0; pos < classes.size(); ++pos) {
    const unsigned can = every_rule ? (1u << kRules.size()) - 1
                                    : kRulesByFirst[static_cast<unsigned char>(classes[pos])];
    if (can == 0) continue;
    // A name starts a rule only at its first word.
    const bool name_start = !(pos > 0 && is_name_class(classes[pos - 1]));
    for (unsigned left = can; left != 0; left &= left - 1) {  // the rules in `can`, in order
      const NameRule& r = kRules[unsigned(__builtin_ctz(left))];
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
