// DOC: the free-text detail of an IKE step (StepResult::detail, both versions), deferred.
// A step's detail is only for the trace, and most runs never print the trace (benchmark, fix
// search, property tests), so a detail keeps its typed values and is rendered when the trace
// is read (models/common/deferred_text.hpp). Selector lists and proposals travel as
// ipsec::TsText / ProposalText, which hold short lists by value; a longer one is only viewed,
// and then text() renders at once -- the text is the same either way.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "models/common/deferred_text.hpp"
#include "models/ike/proposal.hpp"
#include "models/ipsec/traffic_selector.hpp"

namespace vpnsim::ike {

// The chosen transforms, or "?" when there are none (a malformed answer).
struct MaybeChosen {
    std::optional<Chosen> chosen;
};

// Whether a value may be kept for rendering later (see DOC).
template <typename T>
bool lasting(const T&) {
    return true;
}
inline bool lasting(const ipsec::TsText& t) {
    return t.lasting();
}
inline bool lasting(const ProposalText& p) {
    return p.lasting();
}

// fmt::format, deferred while every argument may be kept.
template <typename... Args>
DeferredText text(fmt::format_string<Args...> f, const Args&... args) {
    if ((lasting(args) && ...)) return DeferredText::format(f, args...);
    return fmt::vformat(f, fmt::make_format_args(args...));
}

// detail + more: for the few steps whose detail grows in parts (rendered at once).
inline void append(DeferredText& detail, std::string_view more) {
    std::string s = detail.str();
    s += more;
    detail = std::move(s);
}

}  // namespace vpnsim::ike

template <>
struct fmt::formatter<vpnsim::ike::MaybeChosen> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <typename Ctx>
    auto format(const vpnsim::ike::MaybeChosen& c, Ctx& ctx) const {
        if (!c.chosen) return fmt::format_to(ctx.out(), "?");
        return fmt::format_to(ctx.out(), "{}", *c.chosen);
    }
};
