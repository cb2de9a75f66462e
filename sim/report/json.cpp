#include "sim/report/json.hpp"

#include <fmt/format.h>

namespace vpnsim::report {

std::string json_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    for (const char c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
                } else {
                    out += c;
                }
        }
    }
    return out;
}

void JsonWriter::newline() {
    if (indent_ == 0) return;
    out_ += '\n';
    out_.append(stack_.size() * static_cast<std::size_t>(indent_), ' ');
}

void JsonWriter::flush() {
    if (sink_ == nullptr || out_.empty()) return;
    std::fwrite(out_.data(), 1, out_.size(), sink_);
    out_.clear();
}

void JsonWriter::before_value() {
    // A streaming writer hands its text on in blocks of about this size.
    constexpr std::size_t kBlock = std::size_t{64} << 10;
    if (sink_ != nullptr && out_.size() >= kBlock) flush();
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (stack_.empty()) return;
    if (!stack_.back().first) out_ += indent_ == 0 ? ", " : ",";
    stack_.back().first = false;
    newline();
}

JsonWriter& JsonWriter::open(char c) {
    before_value();
    out_ += c;
    stack_.push_back(Level{});
    return *this;
}

JsonWriter& JsonWriter::close(char c) {
    const bool empty = stack_.back().first;
    stack_.pop_back();
    if (!empty) newline();
    out_ += c;
    return *this;
}

JsonWriter& JsonWriter::begin_object() {
    return open('{');
}
JsonWriter& JsonWriter::end_object() {
    return close('}');
}
JsonWriter& JsonWriter::begin_array() {
    return open('[');
}
JsonWriter& JsonWriter::end_array() {
    return close(']');
}

JsonWriter& JsonWriter::key(std::string_view k) {
    before_value();
    out_ += fmt::format("\"{}\": ", json_escape(k));
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view v) {
    before_value();
    out_ += fmt::format("\"{}\"", json_escape(v));
    return *this;
}

JsonWriter& JsonWriter::value(bool v) {
    before_value();
    out_ += v ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t v) {
    before_value();
    out_ += fmt::format("{}", v);
    return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t v) {
    before_value();
    out_ += fmt::format("{}", v);
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    out_ += "null";
    return *this;
}

}  // namespace vpnsim::report
