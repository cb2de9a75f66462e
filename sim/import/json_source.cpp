#include "sim/import/json_source.hpp"

#include <fmt/format.h>

#include <iterator>
#include <optional>
#include <vector>

#include "sim/scenario/diagnostics.hpp"

namespace vpnsim::import {
namespace {

using nlohmann::json;

// The text as nlohmann's lexer reads it, one byte at a time, with the count of bytes it has
// taken kept where the SAX handler can see it (iterator_input_adapter advances by ++).
class CountingIterator {
  public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    CountingIterator(const char* at, const char* begin, std::size_t* taken)
        : at_(at), begin_(begin), taken_(taken) {}
    reference operator*() const { return *at_; }
    CountingIterator& operator++() {
        ++at_;
        *taken_ = static_cast<std::size_t>(at_ - begin_);
        return *this;
    }
    CountingIterator operator++(int) {
        CountingIterator before = *this;
        ++*this;
        return before;
    }
    bool operator==(const CountingIterator& other) const { return at_ == other.at_; }
    bool operator!=(const CountingIterator& other) const { return at_ != other.at_; }

  private:
    const char* at_;
    const char* begin_;
    std::size_t* taken_;
};

bool is_number_char(char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// Records the offset of every value's first byte by its path. At each event the lexer has
// just read the value's last byte, except after a number: it read one byte more to see where
// the number ends (RFC 8259 §6: a number is followed by whitespace or a structural
// character, never by another number character; at the end of the text, by nothing).
class PositionRecorder {
  public:
    PositionRecorder(std::string_view text, const std::size_t* taken,
                     std::map<std::string, std::size_t, std::less<>>& out)
        : text_(text), taken_(taken), out_(out) {}

    bool null() { return scalar(*taken_ - 4); }
    bool boolean(bool value) { return scalar(*taken_ - (value ? 4 : 5)); }
    bool number_integer(json::number_integer_t /*value*/) { return scalar(number_start()); }
    bool number_unsigned(json::number_unsigned_t /*value*/) { return scalar(number_start()); }
    bool number_float(json::number_float_t /*value*/, const json::string_t& /*text*/) {
        return scalar(number_start());
    }
    bool string(json::string_t& /*value*/) { return scalar(string_start()); }
    bool binary(json::binary_t& /*value*/) { return scalar(*taken_); }  // not in JSON text
    bool start_object(std::size_t /*elements*/) { return open(false); }
    bool key(json::string_t& key) {
        if (deeper_ == 0 && !frames_.empty()) frames_.back().key = key;
        return true;
    }
    bool end_object() { return close(); }
    bool start_array(std::size_t /*elements*/) { return open(true); }
    bool end_array() { return close(); }
    bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                     const json::exception& /*error*/) {
        return false;  // the DOM parse has already accepted the same text
    }

  private:
    struct Frame {
        bool array;
        std::size_t count;
        std::string key;   // the member being read (objects)
        std::string path;  // the container's own path
    };

    // A string ends at its closing quote; it starts at the nearest quote before that which
    // is not escaped (preceded by an even number of backslashes: inside a string every quote
    // is escaped).
    std::size_t string_start() const {
        std::size_t at = *taken_ - 1;  // the closing quote
        while (at > 0) {
            --at;
            if (text_[at] != '"') continue;
            std::size_t backslashes = 0;
            while (at > backslashes && text_[at - backslashes - 1] == '\\') ++backslashes;
            if (backslashes % 2 == 0) return at;
        }
        return at;
    }

    std::size_t number_start() const {
        std::size_t at = *taken_;
        if (at > 0 && !is_number_char(text_[at - 1])) --at;  // the terminator read ahead
        while (at > 0 && is_number_char(text_[at - 1])) --at;
        return at;
    }

    // The path of a value starting now (nullopt when nested too deep to record).
    std::optional<std::string> begin_value(std::size_t start) {
        if (deeper_ > 0) return std::nullopt;
        std::string path;
        if (!frames_.empty()) {
            Frame& frame = frames_.back();
            path = frame.array ? element_path(frame.path, frame.count++)
                               : member_path(frame.path, frame.key);
        }
        out_.insert_or_assign(path, start);
        return path;
    }

    bool scalar(std::size_t start) {
        begin_value(start);
        return true;
    }

    bool open(bool array) {
        auto path = begin_value(*taken_ - 1);  // the bracket just read
        if (!path || frames_.size() >= kMaxPathDepth) {
            ++deeper_;
        } else {
            frames_.push_back(Frame{array, 0, {}, std::move(*path)});
        }
        return true;
    }

    bool close() {
        if (deeper_ > 0) {
            --deeper_;
        } else if (!frames_.empty()) {
            frames_.pop_back();
        }
        return true;
    }

    std::string_view text_;
    const std::size_t* taken_;
    std::map<std::string, std::size_t, std::less<>>& out_;
    std::vector<Frame> frames_;
    std::size_t deeper_{0};  // containers open below kMaxPathDepth
};

// nlohmann's message without its "[json.exception.parse_error.101] parse error at line 1,
// column 5: " preamble (the diagnostic says where).
std::string syntax_message(std::string_view what) {
    const auto column = what.find("column ");
    const auto colon = what.find(": ", column == std::string_view::npos ? 0 : column);
    if (colon != std::string_view::npos) what.remove_prefix(colon + 2);
    return "invalid JSON: " + std::string(what);
}

}  // namespace

std::size_t JsonSource::offset_of(std::string_view path) const {
    for (;;) {
        if (const auto it = offsets.find(path); it != offsets.end()) return it->second;
        if (path.empty()) return 0;
        const auto cut = path.back() == ']' ? path.rfind('[') : path.rfind('.');
        path = path.substr(0, cut == std::string_view::npos ? 0 : cut);
    }
}

TextPosition position_of(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    TextPosition at;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++at.line;
            line_start = i + 1;
        }
    }
    for (std::size_t i = line_start; i < offset; ++i) {
        // One column per character: UTF-8 continuation bytes (10xxxxxx) do not start one.
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++at.column;
    }
    return at;
}

std::variant<JsonSource, scenario::Diagnostic> parse_json(std::string_view text,
                                                          const std::string& file) {
    JsonSource source;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    try {
        source.root = json::parse(begin, end);
    } catch (const json::parse_error& error) {
        // error.byte counts the bytes read, the offending one included.
        const auto at = position_of(text, error.byte > 0 ? error.byte - 1 : 0);
        return scenario::Diagnostic{file, at.line, at.column, "",
                                    scenario::detail::printable(syntax_message(error.what()),
                                                                scenario::detail::kMaxMessage)};
    }
    std::size_t taken = 0;
    PositionRecorder recorder(text, &taken, source.offsets);
    json::sax_parse(CountingIterator(begin, begin, &taken), CountingIterator(end, begin, &taken),
                    &recorder);
    return source;
}

std::string member_path(std::string_view parent, std::string_view key) {
    if (parent.empty()) return std::string(key);
    std::string path;
    path.reserve(parent.size() + 1 + key.size());
    path.append(parent).append(".").append(key);
    return path;
}

std::string element_path(std::string_view parent, std::size_t index) {
    return fmt::format("{}[{}]", parent, index);
}

}  // namespace vpnsim::import
