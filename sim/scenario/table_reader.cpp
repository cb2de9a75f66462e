#include "sim/scenario/table_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "models/common/assert.hpp"

#include "sim/scenario/suggest.hpp"

namespace vpnsim::scenario::detail {
namespace {

// TOML's names for value types, as messages print them ("got float").
std::string_view type_name(toml::node_type type) {
    switch (type) {
        case toml::node_type::none:
            return "nothing";
        case toml::node_type::table:
            return "table";
        case toml::node_type::array:
            return "array";
        case toml::node_type::string:
            return "string";
        case toml::node_type::integer:
            return "integer";
        case toml::node_type::floating_point:
            return "float";
        case toml::node_type::boolean:
            return "boolean";
        case toml::node_type::date:
            return "date";
        case toml::node_type::time:
            return "time";
        case toml::node_type::date_time:
            return "date-time";
    }
    return "unknown";
}

// The article goes with the expected type: "expected an integer", "expected a string".
std::string_view article(toml::node_type type) {
    return type == toml::node_type::array || type == toml::node_type::integer ? "an" : "a";
}

// Where an unknown key is reported: at the key itself when toml++ recorded it.
toml::source_position key_position(const toml::key& key, const toml::node& value) {
    const auto& at = key.source().begin;
    return at.line != 0 ? at : value.source().begin;
}

}  // namespace

std::string Field::key() const {
    std::string path;
    append_key(path);
    return path;
}

void Field::append_key(std::string& path) const {
    if (table_ != nullptr) table_->append_key(path);
    if (!path.empty()) path += '.';
    path += key_;
    for (std::size_t i = 0; i < depth_; ++i) {
        fmt::format_to(std::back_inserter(path), "[{}]", indices_[i]);
    }
}

toml::source_position Field::position() const {
    if (node_ != nullptr) return node_->source().begin;
    if (table_ != nullptr) return table_->position();
    return toml::source_position{1, 1};
}

void Field::error(std::string message) const {
    diagnostics_->add(position(), key(), std::move(message));
}

bool Field::expect_type(toml::node_type wanted) const {
    if (node_ == nullptr) return false;
    const auto got = node_->type();
    if (got == wanted) return true;
    error(
        fmt::format("expected {} {}, got {}", article(wanted), type_name(wanted), type_name(got)));
    return false;
}

Field Field::element(std::size_t index) const {
    VPNSIM_ASSERT(depth_ < kMaxDepth, "{}: arrays nested too deep", key());
    Field e = *this;
    const toml::array* array = node_ != nullptr ? node_->as_array() : nullptr;
    e.node_ = array != nullptr ? array->get(index) : nullptr;
    e.indices_[e.depth_++] = index;
    return e;
}

TableReader::TableReader(const toml::table& table, Diagnostics& diagnostics)
    : TableReader(table, Field(&table, nullptr, "", diagnostics)) {}

TableReader::TableReader(const toml::table& table, const Field& location)
    : table_(&table), location_(location) {
    Entry* out = few_entries_.data();
    if (table.size() > kFewEntries) {
        many_entries_.resize(table.size());
        out = many_entries_.data();
    }
    entries_ = std::span<Entry>(out, table.size());
    for (const auto& [key, value] : table) {
        *out++ = Entry{Text{key.str().data(), key.str().size()}, &key, &value, false};
    }
}

std::vector<std::string_view> TableReader::asked() const {
    std::vector<std::string_view> keys;
    keys.reserve(asked_count_ + more_asked_.size());
    for (std::size_t i = 0; i < asked_count_; ++i) keys.push_back(asked_[i].view());
    keys.insert(keys.end(), more_asked_.begin(), more_asked_.end());
    return keys;
}

std::string TableReader::path_of(std::string_view key) const {
    std::string path = location_.key();
    if (key.empty()) return path;
    if (!path.empty()) path += '.';
    path += key;
    return path;
}

Field TableReader::get(std::string_view key) {
    if (asked_count_ < kUsualAsked) {
        asked_[asked_count_++] = Text{key.data(), key.size()};
    } else {
        more_asked_.push_back(key);
    }
    for (auto& entry : entries_) {
        if (entry.name.size == key.size() && entry.name.view() == key) {
            entry.asked = true;
            return Field(entry.value, &location_, key, location_.diagnostics());
        }
    }
    return Field(nullptr, &location_, key, location_.diagnostics());
}

Field TableReader::require(std::string_view key) {
    Field field = get(key);
    if (!field.present()) error(key, "missing required key");
    return field;
}

void TableReader::error(std::string_view key, std::string message) const {
    location_.diagnostics().add(table_->source().begin, path_of(key), std::move(message));
}

void TableReader::finish() const {
    for (const auto& entry : entries_) {
        if (entry.asked) continue;
        const std::string_view key = entry.name.view();
        const auto suggestion = closest_match(key, asked());
        location_.diagnostics().add(
            key_position(*entry.key, *entry.value), path_of(key),
            suggestion ? fmt::format("unknown key; did you mean '{}'?", *suggestion)
                       : std::string("unknown key"));
    }
}

bool TableReader::has_other_keys(std::initializer_list<std::string_view> keys) const {
    for (const auto& entry : entries_) {
        if (std::find(keys.begin(), keys.end(), entry.name.view()) == keys.end()) return true;
    }
    return false;
}

std::optional<TableReader> as_table(const Field& field) {
    if (!field.present() || !field.expect_type(toml::node_type::table)) return std::nullopt;
    return std::optional<TableReader>(std::in_place, *field.node()->as_table(), field);
}

bool check_table_array(const Field& field) {
    if (!field.present()) return false;
    if (field.node()->is_table()) {
        // [aws.tunnel] where [[aws.tunnel]] was meant: say how to write a list of tables. The
        // header names the path without indices ([[cgw.tunnel.proxy_ids]] adds to the last
        // tunnel).
        std::string header = field.key();
        std::erase_if(header, [open = false](char c) mutable {
            if (c == '[') open = true;
            const bool drop = open;
            if (c == ']') open = false;
            return drop;
        });
        field.error(fmt::format("expected an array of tables, got a table; write [[{}]] (double "
                                "brackets) for each entry",
                                header));
        return false;
    }
    return field.expect_type(toml::node_type::array);
}

}  // namespace vpnsim::scenario::detail
