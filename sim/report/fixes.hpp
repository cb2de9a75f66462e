// DOC: rendering a fix search as text or JSON.
#pragma once

#include <string>

#include "sim/fix/search.hpp"

namespace vpnsim::report {

std::string fixes_text(const scenario::Scenario& s, const fix::SearchResult& r, std::size_t budget);
std::string fixes_json(const scenario::Scenario& s, const fix::SearchResult& r, std::size_t budget);

}  // namespace vpnsim::report
