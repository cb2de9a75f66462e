// DOC: the shape every protocol machine's transition table shares (STYLE: explicit tables,
// pure step functions). A table is a constexpr array of rows (from, event, guard, to, effect)
// tried in order -- the first row for (state, event) whose guard holds fires -- plus a list of
// (state, event) pairs that are deliberately ignored, each with the reason traced for it.
// The machines keep their own Guard and Effect signatures; only the lookup is shared.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
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

// The rows of each (state, event) pair, chained in table order, so a step looks only at its own
// pair's rows instead of scanning the whole table. Built at compile time from the table itself:
// the table stays the one statement of the machine. States and events index the chains by their
// underlying values, which must be below NStates and NEvents (checked while building).
template <std::size_t NStates, std::size_t NEvents, std::size_t NRows>
struct RowIndex {
    static constexpr std::uint16_t kNone = NRows;
    std::array<std::uint16_t, NStates * NEvents> first{};  // first row of the pair, or kNone
    std::array<std::uint16_t, NRows> next{};               // next row of the same pair, or kNone
};

template <std::size_t NStates, std::size_t NEvents, typename Row, std::size_t NRows>
constexpr RowIndex<NStates, NEvents, NRows> index_rows(const std::array<Row, NRows>& rows) {
    static_assert(NRows < 0xffff);
    RowIndex<NStates, NEvents, NRows> ix;
    ix.first.fill(ix.kNone);
    ix.next.fill(ix.kNone);
    std::array<std::uint16_t, NStates * NEvents> last{};
    last.fill(ix.kNone);
    for (std::size_t i = 0; i < NRows; ++i) {
        const auto s = static_cast<std::size_t>(rows[i].from);
        const auto e = static_cast<std::size_t>(rows[i].on);
        if (s >= NStates || e >= NEvents) throw "state or event outside the index";  // not constant
        const auto pair = s * NEvents + e;
        if (last[pair] == ix.kNone) {
            ix.first[pair] = static_cast<std::uint16_t>(i);
        } else {
            ix.next[last[pair]] = static_cast<std::uint16_t>(i);
        }
        last[pair] = static_cast<std::uint16_t>(i);
    }
    return ix;
}

// The first row for (s, e) whose guard holds on guard_args, in table order; nullptr when none
// does.
template <typename Row, std::size_t NStates, std::size_t NEvents, std::size_t NRows,
          typename... GuardArgs>
const Row* first_match(const std::array<Row, NRows>& rows,
                       const RowIndex<NStates, NEvents, NRows>& ix, decltype(Row::from) s,
                       decltype(Row::on) e, const GuardArgs&... guard_args) {
    const auto pair = static_cast<std::size_t>(s) * NEvents + static_cast<std::size_t>(e);
    for (auto i = ix.first[pair]; i != ix.kNone; i = ix.next[i]) {
        const auto& t = rows[i];
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
