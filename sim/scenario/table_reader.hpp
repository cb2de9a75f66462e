// DOC: strict, located access to one TOML table of a scenario (internal to sim/scenario).
// A TableReader hands out Fields (a key's node plus its dotted path) and remembers every key
// it was asked about; finish() then reports every other key in the table as unknown, with a
// "did you mean" suggestion drawn from the keys the schema asked for. The schema is therefore
// simply the code that reads it: there is no second key list to keep in step.
#pragma once

#include <toml++/toml.h>

#include <array>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/scenario/diagnostics.hpp"

namespace vpnsim::scenario::detail {

// One key of a table: its value node (null when the key is absent) and where it is, from
// which its dotted path ("aws.tunnel[1].psk", "cgw.tunnel[0].local_ts[2]") is built -- only
// when an error needs it, since a valid file never prints one. Errors reported through a Field
// point at the value. The views point at storage that outlives the load: the table's path
// (interned in Diagnostics) and the key the schema code asked for.
class Field {
  public:
    Field(const toml::node* node, std::string_view table_path, std::string_view key,
          Diagnostics& diagnostics)
        : node_(node), table_path_(table_path), key_(key), diagnostics_(&diagnostics) {}

    const toml::node* node() const { return node_; }
    std::string key() const;  // the dotted path
    bool present() const { return node_ != nullptr; }
    // Reports message at this value. Only for present fields.
    void error(std::string message) const;
    // Reports "expected a <type>, got <type>" unless the value has the wanted type.
    bool expect_type(toml::node_type wanted) const;
    // Element i of an array value, as its own Field "key[i]" (arrays nest at most
    // kMaxDepth deep: expect.fixes[1][0] is the deepest a scenario has).
    Field element(std::size_t index) const;
    Diagnostics& diagnostics() const { return *diagnostics_; }

  private:
    static constexpr std::size_t kMaxDepth = 3;
    const toml::node* node_;
    std::string_view table_path_;
    std::string_view key_;
    std::array<std::size_t, kMaxDepth> indices_{};
    std::size_t depth_{0};
    Diagnostics* diagnostics_;
};

class TableReader {
  public:
    TableReader(const toml::table& table, std::string path, Diagnostics& diagnostics)
        : table_(&table), path_(diagnostics.intern(std::move(path))), diagnostics_(&diagnostics) {}

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

    std::string_view path() const { return path_; }
    std::string path_of(std::string_view key) const;
    int line() const { return static_cast<int>(table_->source().begin.line); }

  private:
    const toml::table* table_;
    std::string_view path_;  // interned in Diagnostics: stable while readers are moved
    Diagnostics* diagnostics_;
    std::vector<std::string_view> known_;  // keys the schema asked for (literals)
};

// The value as a table to read from; reports a type error for anything else.
std::optional<TableReader> as_table(const Field& field);
// An array of tables (`[[x]]` or `x = [{...}, ...]`): one reader per table element; other
// elements and non-array values are reported. Absent -> empty.
std::vector<TableReader> as_table_array(const Field& field);

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

// Runs read(reader) on each table of an array of tables, then reports its unknown keys.
template <class Read>
auto read_tables(const Field& field, Read read)
    -> std::vector<decltype(read(std::declval<TableReader&>()))> {
    std::vector<decltype(read(std::declval<TableReader&>()))> out;
    for (auto& table : as_table_array(field)) {
        out.push_back(read(table));
        table.finish();
    }
    return out;
}

}  // namespace vpnsim::scenario::detail
