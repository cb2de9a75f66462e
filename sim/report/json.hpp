// DOC: a small streaming JSON writer with deterministic output.
// Keys come out in the order they are written (no hashing), strings are escaped per RFC 8259
// §7, and indent 0 gives the compact one-object-per-line form CloudWatch exports use.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace vpnsim::report {

class JsonWriter {
  public:
    explicit JsonWriter(int indent = 4) : indent_(indent) {}
    // Streams to `sink` instead: the text is written out in blocks as it grows, so a large
    // document (a long trace) never sits in memory whole. Call flush() at the end.
    JsonWriter(int indent, std::FILE* sink) : indent_(indent), sink_(sink) {}

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view k);
    JsonWriter& value(std::string_view v);
    JsonWriter& value(const char* v) { return value(std::string_view(v)); }
    JsonWriter& value(bool v);
    JsonWriter& value(std::int64_t v);
    JsonWriter& value(int v) { return value(static_cast<std::int64_t>(v)); }
    JsonWriter& value(std::uint64_t v);
    JsonWriter& null();
    // key + value in one call.
    template <typename T>
    JsonWriter& field(std::string_view k, const T& v) {
        key(k);
        return value(v);
    }

    // The document (with a sink: only what has not been written out yet).
    const std::string& str() const { return out_; }
    // Writes what is buffered to the sink (no-op without one).
    void flush();

  private:
    void before_value();
    void newline();
    JsonWriter& open(char c);
    JsonWriter& close(char c);

    int indent_;
    std::FILE* sink_{nullptr};
    std::string out_;
    struct Level {
        bool first{true};
    };
    std::vector<Level> stack_;
    bool after_key_{false};
};

std::string json_escape(std::string_view s);

}  // namespace vpnsim::report
