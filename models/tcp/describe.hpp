// DOC: human-readable facts about TCP steps, for trace lines ("SYN retransmit #3 after 4.000s")
// and for the RFC 2385 drops an adapter reports before any connection exists.
#pragma once

#include <cstdint>
#include <string_view>

#include "models/common/deferred_text.hpp"

#include "models/tcp/connection.hpp"

namespace vpnsim::tcp {

// Why an RFC 2385 check failed: "RFC 2385: segment has no MD5 signature but a key is configured".
std::string_view md5_mismatch_detail(std::uint64_t ours, std::uint64_t theirs);

// One line of facts for the trace: "SYN retransmit #3 after 4.000s".
// Deferred: the text is built only when the trace is read.
DeferredText describe_step(const Config& cfg, const Before& before, State from, const Input& in,
                           const StepResult& r);

}  // namespace vpnsim::tcp
