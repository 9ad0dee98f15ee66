// Organisation grammar rules: Spirit X3 over token classes (token_classes.hpp).
#pragma once

#include "grammar/common.hpp"
#include "grammar/token_classes.hpp"

namespace alam::grammar::org {

using x3::lit;
using x3::raw;
using x3::repeat;

// --- pieces -----------------------------------------------------------------------------------
// A Latin name: capitalized words, codes and corporate words, & inside (DZT Research, AT&T).
auto const latin_name = (lit(cls::kCapital) | lit(cls::kMixed)) >>
                        repeat(0, 4)[lit(cls::kCapital) | lit(cls::kMixed) | lit(cls::kSuffix) |
                                     (lit(cls::kAmp) >> &lit(cls::kCapital))];
auto const known_org = lit(cls::kOrgStart) >> *lit(cls::kOrgRest);
auto const separator = lit(cls::kAnd) | lit(cls::kComma) | lit(cls::kAmp);

// --- rules ------------------------------------------------------------------------------------
// شركة DZT Research · مجموعة Acme · بنك Foo Capital (the cue stays outside)
auto const cue = x3::rule<struct cue_class, boost::iterator_range<Iterator>>{"org.cue"} =
    lit(cls::kOrgCue) >> raw[latin_name] >> !lit(cls::kCapital);

// Zhipu Technologies · Biren Technology Group · Nvidia Corp (the corporate word stays in)
auto const suffix = x3::rule<struct suffix_class, boost::iterator_range<Iterator>>{
    "org.suffix"} = raw[(+lit(cls::kCapital) | known_org) >> +lit(cls::kSuffix)];

// SenseTime وAcme · Nvidia, Acme … : an unknown capitalized word coordinated with a known ORG
auto const coordinated_after = x3::rule<struct coordinated_after_class,
                                        boost::iterator_range<Iterator>>{"org.coordinated"} =
    known_org >> separator >> raw[lit(cls::kCapital)] >> !(lit(cls::kCapital) | lit(cls::kSuffix));
auto const coordinated_before = x3::rule<struct coordinated_before_class,
                                         boost::iterator_range<Iterator>>{"org.coordinated"} =
    raw[lit(cls::kCapital)] >> separator >> lit(cls::kOrgStart);

}  // namespace alam::grammar::org
