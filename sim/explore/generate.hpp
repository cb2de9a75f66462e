// DOC: generated scenarios for `vpnsim explore` -- a healthy base with a few mutated fields.
// Real configurations fail as near-misses: one wrong PSK, a narrowed proxy ID, NAT-T off
// behind a PAT. So a case is a healthy connection, drawn from the realistic option space
// (Knobs: one or two tunnels, IKEv1 or IKEv2, static or BGP, VGW or TGW, acceleration, NAT,
// proposals, delay, vendor), plus up to K mutations, each setting one field of the AWS side,
// the CGW, the path or the traffic to another valid value. With --from FILE the base is that
// scenario instead.
// Cases are plain data built with rapidcheck's combinators (no gen::exec, whose implicit
// parameters are process-global, so generation is safe on several threads), and scenarios are
// built from them in memory by pure functions -- no TOML per case. rapidcheck's shrink trees
// come with the values: a shrunk case has fewer mutations, simpler values, a simpler base.
// Every scenario built here is one the loader would accept (the round-trip property checks it).
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace vpnsim::explore {

// The healthy base: choices, each shrinking towards the first (simplest) value.
struct Knobs {
    int tunnels{1};      // 1 or 2
    int ike_version{2};  // the CGW's; AWS accepts both
    bool static_routing{false};
    bool tgw{false};
    bool accelerated{false};  // TGW only
    bool ecmp{false};         // TGW with BGP only
    int nat{0};               // 0 none, 1 static NAT, 2 PAT on the path
    int delay_ms{15};
    int prefixes{1};         // on-premises LANs, 1..3
    int proposal{0};         // index into the CGW proposal sets every AWS default accepts
    int vendor{0};           // generic, strongswan, cisco-ios, junos
    bool aws_starts{false};  // StartupAction start (IKEv2 only: the CGW then also has 2)
    int inside_base{10};     // third octet of tunnel 1's inside /30
    std::uint64_t seed{1};
};

// One mutated field. `kind` indexes mutation_names(); `tunnel` (0 or 1, taken modulo the
// tunnel count) picks the tunnel where the field is per tunnel; `a` and `b` choose the new
// value (each kind reads them modulo its own choices, so 0 is its simplest form).
struct Mutation {
    int kind{0};
    int tunnel{0};
    int a{0};
    int b{0};
};

struct Case {
    Knobs knobs;
    std::vector<Mutation> mutations;
};

// Mutation kinds by name ("cgw.psk", "path.block", ...), in kind order.
const std::vector<std::string>& mutation_names();

// The healthy connection the knobs describe, over a 3-minute horizon (the default).
scenario::Scenario healthy(const Knobs& k);
// Applies the mutations in order to `base` (a tunnel index beyond the base's count wraps
// around), then the loader's cross-field rules. `applied`, when given, receives what each
// mutation set ("cgw.tunnel[2].psk = \"wrong_psk_value\"", 1-based tunnel numbers as the
// console counts them; "<kind> (does not apply here)" for one that changed nothing).
scenario::Scenario build(const scenario::Scenario& base, const std::vector<Mutation>& ms,
                         std::vector<std::string>* applied = nullptr);
// A case's scenario: its base (`from`, when given, else healthy(knobs)) with its mutations.
scenario::Scenario build(const Case& c, const scenario::Scenario* from,
                         std::vector<std::string>* applied = nullptr);

rc::Gen<Knobs> knobs();
rc::Gen<Mutation> mutation();
// A case with 0..max_mutations mutations (as many of each count), on a generated base.
// Generate it at size 100: rapidcheck scales the knobs' ranges by size.
rc::Gen<Case> cases(int max_mutations);

}  // namespace vpnsim::explore
