#include <catch2/catch.hpp>
#include <rapidcheck.h>
#include <rapidcheck/catch.h>

#include "tests/ike/ike_pair.hpp"

using namespace vpnsim;
using namespace vpnsim::testing;

namespace {

// Prefixes from a small pool, so that overlaps, containment and disjointness all occur.
rc::Gen<ipsec::TsList> gen_policy() {
    static const char* const kPool[] = {"0.0.0.0/0",     "10.0.0.0/8",     "10.0.0.0/16",
                                        "10.1.0.0/16",   "172.31.0.0/16",  "169.254.0.0/16",
                                        "169.254.10.0/30", "192.168.0.0/16"};
    return rc::gen::resize(
        3, rc::gen::nonEmpty(rc::gen::container<ipsec::TsList>(rc::gen::map(
               rc::gen::inRange<std::size_t>(0, std::size(kPool)),
               [](std::size_t i) { return tsl(kPool[i]).front(); }))));
}

}  // namespace

TEST_CASE("ikev2 - negotiated selectors respect both sides (RFC 7296 §2.9)", "[ike][ts][prop]") {
    rc::prop("an installed CHILD_SA's selectors lie within both policies", [] {
        Side cgw{cgw_cfg(), {}, IkeState::Idle, kCgw, {}};
        Side aws{aws_cfg(), {}, IkeState::Idle, kAws, {}};
        cgw.cfg.local_ts = *gen_policy();
        cgw.cfg.remote_ts = *gen_policy();
        aws.cfg.local_ts = *gen_policy();   // AWS side (remote IPv4 network CIDR)
        aws.cfg.remote_ts = *gen_policy();  // customer side (local IPv4 network CIDR)
        negotiate(cgw, aws, kCgw);
        RC_ASSERT(aws.state == IkeState::Established);
        if (aws.data.child_state != ike::ChildState::Installed) {
            RC_ASSERT(aws.last.reason == ike::Reason::TsUnacceptable);
            RC_ASSERT(!cgw.data.child.has_value());
            return;
        }
        const auto& a = *aws.data.child;
        RC_ASSERT(ipsec::covered_by(a.local_ts, aws.cfg.local_ts));
        RC_ASSERT(ipsec::covered_by(a.remote_ts, aws.cfg.remote_ts));
        RC_ASSERT(ipsec::covered_by(a.local_ts, cgw.cfg.remote_ts));
        RC_ASSERT(ipsec::covered_by(a.remote_ts, cgw.cfg.local_ts));
        RC_ASSERT(cgw.data.child.has_value());
        RC_ASSERT(cgw.data.child->local_ts == a.remote_ts);
        RC_ASSERT(cgw.data.child->remote_ts == a.local_ts);
    });
}
