// DOC: the shape every protocol machine's transition table shares (STYLE: explicit tables,
// pure step functions). A table is a constexpr array of rows (from, event, guard, to, effect)
// tried in order -- the first row for (state, event) whose guard holds fires -- plus a list of
// (state, event) pairs that are deliberately ignored, each with the reason traced for it.
// The machines keep their own Guard and Effect signatures; only the lookup is shared.
#pragma once

#include <optional>
#include <span>

namespace vpnsim::table {

template <typename State, typename Event, typename Guard, typename Effect>
struct Transition {
    State from;
    Event on;
    Guard guard;  // nullptr = always
    State to;
    Effect action;
};

template <typename State, typename Event, typename Reason>
struct Ignored {
    State state;
    Event on;
    Reason reason;
};

// The first row for (s, e) whose guard holds on guard_args; nullptr when none does.
template <typename Row, typename... GuardArgs>
const Row* first_match(std::span<const Row> rows, decltype(Row::from) s, decltype(Row::on) e,
                       const GuardArgs&... guard_args) {
    for (const auto& t : rows) {
        if (t.from != s || t.on != e) continue;
        if (t.guard == nullptr || t.guard(guard_args...)) return &t;
    }
    return nullptr;
}

// Why (s, e) is ignored, when the table says it is.
template <typename Row>
std::optional<decltype(Row::reason)> ignored_reason(std::span<const Row> rows,
                                                    decltype(Row::state) s, decltype(Row::on) e) {
    for (const auto& i : rows) {
        if (i.state == s && i.on == e) return i.reason;
    }
    return std::nullopt;
}

}  // namespace vpnsim::table
