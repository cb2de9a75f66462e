// DOC: strict, located access to one TOML table of a scenario (internal to sim/scenario).
// A TableReader hands out Fields (a key's node plus where it is) and remembers every key it
// was asked about; finish() then reports every other key in the table as unknown, with a
// "did you mean" suggestion drawn from the keys the schema asked for. The schema is therefore
// simply the code that reads it: there is no second key list to keep in step.
// A valid file prints no diagnostic, so nothing here builds text on that path: dotted paths
// ("aws.tunnel[1].psk") are put together from the Fields' parent links only when an error
// needs one, and a key is found by a scan of the table's few entries, taken once.
#pragma once

#include <toml++/toml.h>

#include <array>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/scenario/diagnostics.hpp"

namespace vpnsim::scenario::detail {

// One key of a table: its value node (null when the key is absent) and where it is -- the
// Field that named its table (null for the file's root table), its key and the array indices
// that led to it -- from which its dotted path ("aws.tunnel[1].psk",
// "cgw.tunnel[0].local_ts[2]") is built. Errors reported through a Field point at the value,
// or -- when the key is absent -- at the table that would hold it: every operation is defined
// on an absent Field, so no caller has to check presence before reporting.
// A Field refers to its table's TableReader and to the key the schema code asked for (a
// literal): it must not outlive that reader.
class Field {
  public:
    Field(const toml::node* node, const Field* table, std::string_view key,
          Diagnostics& diagnostics)
        : node_(node), table_(table), key_(key), diagnostics_(&diagnostics) {}

    const toml::node* node() const { return node_; }
    std::string key() const;  // the dotted path
    bool present() const { return node_ != nullptr; }
    // Where this Field's errors point: the value, else the table that would hold the key.
    toml::source_position position() const;
    // Reports message at position().
    void error(std::string message) const;
    // Reports "expected a <type>, got <type>" unless the value has the wanted type; false
    // (and nothing reported) when the key is absent.
    bool expect_type(toml::node_type wanted) const;
    // Element i of an array value, as its own Field "key[i]" (arrays nest at most
    // kMaxDepth deep: expect.fixes[1][0] is the deepest a scenario has). Absent when this
    // Field is absent or not an array, or has no element i.
    Field element(std::size_t index) const;
    Diagnostics& diagnostics() const { return *diagnostics_; }

  private:
    static constexpr std::size_t kMaxDepth = 3;
    void append_key(std::string& path) const;

    const toml::node* node_;
    const Field* table_;
    std::string_view key_;
    std::array<std::size_t, kMaxDepth> indices_{};
    std::size_t depth_{0};
    Diagnostics* diagnostics_;
};

// Reads one table. Fields point back at the reader (its location()), so a reader stays where
// it was made: it is neither copied nor moved.
class TableReader {
  public:
    // The file's root table.
    TableReader(const toml::table& table, Diagnostics& diagnostics);
    // The table that `location` holds.
    TableReader(const toml::table& table, const Field& location);
    TableReader(const TableReader&) = delete;
    TableReader& operator=(const TableReader&) = delete;

    // An optional key: the Field is absent when the file leaves it out.
    Field get(std::string_view key);
    // A required key: when absent, reports "missing required key" at this table.
    Field require(std::string_view key);
    // Reports message about key at this table's position (for keys that are not there);
    // an empty key means the table itself.
    void error(std::string_view key, std::string message) const;
    // Reports every key of the table that no get()/require() asked for.
    void finish() const;
    // True when the table has a key other than these.
    bool has_other_keys(std::initializer_list<std::string_view> keys) const;

    // The Field naming this table; its key() is the table's dotted path.
    const Field& location() const { return location_; }
    std::string path_of(std::string_view key) const;
    int line() const { return static_cast<int>(table_->source().begin.line); }

  private:
    // A string_view's parts: no member initialisers, so the inline arrays below cost nothing
    // to set up.
    struct Text {
        const char* data;
        std::size_t size;
        std::string_view view() const { return {data, size}; }
    };
    // One key of the table: its text (held by the parsed table), key and value.
    struct Entry {
        Text name;
        const toml::key* key;
        const toml::node* value;
        bool asked;
    };

    // Room for the keys of a usual table, and for the keys one table's schema asks for:
    // [[cgw.tunnel]], the largest, asks 29. Beyond that, the vectors take the rest (no
    // allocation for a usual table).
    static constexpr std::size_t kFewEntries = 16;
    static constexpr std::size_t kUsualAsked = 32;

    // The keys the schema asked for, in order: the candidates for "did you mean".
    std::vector<std::string_view> asked() const;

    const toml::table* table_;
    Field location_;
    std::span<Entry> entries_;  // the table's keys, in the table's (sorted) order
    std::array<Entry, kFewEntries> few_entries_;
    std::vector<Entry> many_entries_;
    std::array<Text, kUsualAsked> asked_;  // keys the schema asked for, may repeat ...
    std::size_t asked_count_{0};
    std::vector<std::string_view> more_asked_;  // ... the rest of them
};

// The value as a table to read from; reports a type error for anything else. (Made in place:
// a TableReader cannot move.)
std::optional<TableReader> as_table(const Field& field);
// Checks that the value is an array (absent: nothing to read); reports anything else.
bool check_table_array(const Field& field);

// Runs read(reader) on the table at key (if present and a table), then reports its unknown
// keys; the result of read, or nullopt when the table is absent or not a table.
template <class Read>
auto read_table(const Field& field, Read read)
    -> std::optional<decltype(read(std::declval<TableReader&>()))> {
    auto reader = as_table(field);
    if (!reader) return std::nullopt;
    auto value = read(*reader);
    reader->finish();
    return value;
}

// An array of tables (`[[x]]` or `x = [{...}, ...]`): runs read(reader) on each table element
// and reports its unknown keys; other elements and non-array values are reported. Absent ->
// empty.
template <class Read>
auto read_tables(const Field& field, Read read)
    -> std::vector<decltype(read(std::declval<TableReader&>()))> {
    std::vector<decltype(read(std::declval<TableReader&>()))> out;
    if (!check_table_array(field)) return out;
    const auto size = field.node()->as_array()->size();
    out.reserve(size);
    for (std::size_t i = 0; i < size; ++i) {
        if (auto table = as_table(field.element(i))) {
            out.push_back(read(*table));
            table->finish();
        }
    }
    return out;
}

}  // namespace vpnsim::scenario::detail
