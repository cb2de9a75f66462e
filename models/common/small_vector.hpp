// DOC: a vector that keeps its first N elements inline.
// A protocol step returns a handful of actions (send a segment, start a timer); a heap
// allocation for each step's list was the largest cost of a replay, so step results use this.
// Boost.Container's small_vector (header-only, shipped with the Boost headers we already use
// for Boost.Graph) has std::vector's interface.
#pragma once

#include <cstddef>

#include <boost/container/small_vector.hpp>

namespace vpnsim {

template <typename T, std::size_t N>
using SmallVector = boost::container::small_vector<T, N>;

}  // namespace vpnsim
