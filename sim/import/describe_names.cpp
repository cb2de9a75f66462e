#include "sim/import/describe_names.hpp"

namespace vpnsim::import::detail {
namespace {

void replace_all(std::string& text, std::string_view from, std::string_view to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
}

bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// Replaces `from` where it stands as a whole scenario key (not inside a longer one).
void replace_word(std::string& text, std::string_view from, std::string_view to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + 1)) {
        const auto end = at + from.size();
        if ((at > 0 && is_word_char(text[at - 1])) ||
            (end < text.size() && is_word_char(text[end])))
            continue;
        text.replace(at, from.size(), to);
    }
}

}  // namespace

std::string json_component(std::string_view table, std::string_view name) {
    if (table == "aws") {
        for (const auto& k : kConnectionKeys) {
            if (k.toml == name) return std::string(k.json);
        }
    }
    for (const auto& k : kTunnelScalars) {
        if (k.toml == name) return std::string(k.json);
    }
    for (const auto& k : kTunnelLists) {
        if (k.toml == name) return std::string(k.json);
    }
    return std::string(name);
}

std::string in_json_words(std::string message, const Origins& origins) {
    replace_all(message, "(gateway = \"tgw\")", "(TransitGatewayId)");
    replace_all(message, "routing = \"static\"", "StaticRoutesOnly = true");
    replace_all(message, "got table", "got object");
    for (const auto& [toml, json_path] : origins) {
        if (toml.starts_with("aws.tunnel[") && toml.back() == ']') {
            replace_all(message, toml, json_path.empty() ? "the connection" : json_path);
        }
    }
    for (const auto& k : kTunnelScalars) replace_word(message, k.toml, k.json);
    for (const auto& k : kTunnelLists) replace_word(message, k.toml, k.json);
    return message;
}

}  // namespace vpnsim::import::detail
