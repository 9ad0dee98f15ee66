// Chip-model grammar rules. Each rule has a name that the tagger reports as the span's source
// ("rule:chip.code", ...). Input is normalized (lower-case) text.
#pragma once

#include "grammar/common.hpp"

namespace alam::grammar::chip {

using common::digit;
using common::lower;
using common::sp;
using x3::lit;
using x3::repeat;

// --- pieces -----------------------------------------------------------------------------------
// Memory and form-factor suffixes glued to a model stay in the span: H100 SXM5, A100 80GB,
// A100-SXM4-80GB, GB300 NVL72, H100 PCIe.
auto const config_suffix = x3::rule<struct config_suffix_class>{"chip.config_suffix"} =
    (sp | lit('-')) >>
    ((lit("sxm") >> -digit) | lit("pcie") | (lit("nvl") >> *digit) | (+digit >> lit("gb")));

// A vendor model code: 1–3 letters, 1–4 digits, 0–2 letters (A100, MI300X, GB200, L40S).
auto const model_code = x3::rule<struct model_code_class>{"chip.code"} =
    repeat(1, 3)[lower] >> repeat(1, 4)[digit] >> repeat(0, 2)[lower] >>
    repeat(0, 2)[config_suffix];

// --- named product lines ------------------------------------------------------------------------
auto const ascend = x3::rule<struct ascend_class>{"chip.ascend"} =
    lit("ascend") >> sp >> repeat(3)[digit] >> -lower;

auto const kirin = x3::rule<struct kirin_class>{"chip.kirin"} =
    lit("kirin") >> sp >> repeat(3, 4)[digit] >> -lower;

auto const snapdragon = x3::rule<struct snapdragon_class>{"chip.snapdragon"} =
    lit("snapdragon") >> sp >>
    ((digit >> -(lit('s') | lit('+')) >> sp >> lit("gen") >> sp >> digit) |
     (digit >> sp >> lit("elite")) | (lit('x') >> sp >> (lit("elite") | lit("plus"))) |
     (lit('x') >> repeat(2, 3)[digit]) | repeat(3)[digit]);

auto const mobile_soc = x3::rule<struct mobile_soc_class>{"chip.mobile_soc"} =
    ((lit("exynos") | lit("dimensity")) >> sp >> repeat(4)[digit] >> -(sp >> lit("plus"))) |
    (lit("tensor") >> sp >> lit('g') >> digit) | (lit("helio") >> sp >> lower >> repeat(2)[digit]);

auto const geforce = x3::rule<struct geforce_class>{"chip.geforce"} =
    -(lit("geforce") >> sp) >> (lit("rtx") | lit("gtx")) >> sp >> repeat(4)[digit] >>
    -(sp >> (lit("ti") | lit("super")));

auto const radeon = x3::rule<struct radeon_class>{"chip.radeon"} =
    lit("radeon") >> sp >> -((lit("rx") | lit("pro")) >> sp) >> repeat(3, 4)[digit] >>
    -(sp >> (lit("xtx") | lit("xt")));

auto const instinct = x3::rule<struct instinct_class>{"chip.instinct"} =
    lit("instinct") >> sp >> lit("mi") >> repeat(3)[digit] >> -lower;

auto const gaudi = x3::rule<struct gaudi_class>{"chip.gaudi"} = lit("gaudi") >> -sp >> digit;

auto const tpu = x3::rule<struct tpu_class>{"chip.tpu"} =
    lit("tpu") >> -sp >> lit('v') >> digit >> -lower;

auto const cortex = x3::rule<struct cortex_class>{"chip.cortex"} =
    lit("cortex-") >> (lit('x') | lit('a') | lit('m') | lit('r')) >> repeat(1, 3)[digit] >>
    -lower;

auto const intel_cpu = x3::rule<struct intel_cpu_class>{"chip.intel_cpu"} =
    (lit("core") >> sp >> lit("ultra") >> sp >> digit >> -(sp >> repeat(3)[digit] >> -lower)) |
    (lit("xeon") >> sp >>
     -((lit("platinum") | lit("gold") | lit("silver") | lit("max") | lit('w')) >> sp) >>
     repeat(1, 4)[digit] >> -lower);

auto const amd_cpu = x3::rule<struct amd_cpu_class>{"chip.amd_cpu"} =
    (lit("epyc") >> sp >> repeat(4)[digit] >> -lower) |
    (lit("ryzen") >> sp >> -(lit("ai") >> sp) >> digit >> -(sp >> repeat(3, 4)[digit] >> -lower));

auto const apple_soc = x3::rule<struct apple_soc_class>{"chip.apple_soc"} =
    (lit('a') >> repeat(2)[digit] >> sp >> (lit("bionic") | lit("pro"))) |
    (lit('m') >> digit >> sp >> (lit("pro") | lit("max") | lit("ultra")));

auto const jetson = x3::rule<struct jetson_class>{"chip.jetson"} =
    lit("jetson") >> sp >> -(lit("agx") >> sp) >>
    (lit("orin") | lit("thor") | lit("xavier") | lit("nano"));

}  // namespace alam::grammar::chip
