#include "sim/report/markup.hpp"

#include <fmt/format.h>

#include <chrono>

namespace vpnsim::report {

void append_escaped(std::string& out, std::string_view text) {
    for (const char ch : text) {
        switch (ch) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t' && ch != '\n' &&
                    ch != '\r') {
                    out += "\xEF\xBF\xBD";  // U+FFFD: XML cannot carry C0 controls
                } else {
                    out += ch;
                }
        }
    }
}

std::string escaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    append_escaped(out, text);
    return out;
}

std::string seconds(SimTime t) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t).count();
    return fmt::format("{}.{:03}", ms / 1000, ms % 1000);
}

}  // namespace vpnsim::report
