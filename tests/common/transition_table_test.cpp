#include "models/common/transition_table.hpp"

#include <catch2/catch.hpp>

namespace vpnsim::table {
namespace {

enum class S : std::uint8_t { A, B, C };
enum class E : std::uint8_t { X, Y };
using Guard = bool (*)(int);
using Row = Transition<S, E, Guard, int>;

bool even(int v) {
    return v % 2 == 0;
}
bool big(int v) {
    return v > 10;
}

// Rows of one pair are interleaved with others', as a table written by RFC section may be.
constexpr std::array kRows = {
    Row{S::A, E::X, even, S::B, 0},    Row{S::B, E::Y, nullptr, S::C, 1},
    Row{S::A, E::X, big, S::C, 2},     Row{S::A, E::Y, nullptr, S::A, 3},
    Row{S::A, E::X, nullptr, S::A, 4},
};
constexpr auto kIx = index_rows<3, 2>(kRows);

// The plain scan the index must agree with.
const Row* scan(S s, E e, int v) {
    for (const auto& r : kRows) {
        if (r.from == s && r.on == e && (r.guard == nullptr || r.guard(v))) return &r;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("an indexed lookup finds the row a table-order scan finds", "[table]") {
    for (const auto s : {S::A, S::B, S::C}) {
        for (const auto e : {E::X, E::Y}) {
            for (const int v : {1, 2, 11, 12}) {
                CHECK(first_match(kRows, kIx, s, e, v) == scan(s, e, v));
            }
        }
    }
    CHECK(first_match(kRows, kIx, S::A, E::X, 12)->action == 0);  // first matching row wins
    CHECK(first_match(kRows, kIx, S::A, E::X, 11)->action == 2);
    CHECK(first_match(kRows, kIx, S::A, E::X, 1)->action == 4);
    CHECK(first_match(kRows, kIx, S::C, E::X, 1) == nullptr);
}

}  // namespace vpnsim::table
