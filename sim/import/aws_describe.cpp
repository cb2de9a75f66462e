#include "sim/import/aws_describe.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <stdexcept>
#include <utility>

#include "sim/import/describe_names.hpp"
#include "sim/import/json_source.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/writer.hpp"

namespace vpnsim::import {
namespace {

using detail::by_json;
using detail::contains;
using detail::kConnectionKeys;
using detail::kConnectionState;
using detail::kDocumentExtras;
using detail::kTunnelLists;
using detail::kTunnelScalars;
using nlohmann::json;
using scenario::Diagnostic;
using scenario::detail::printable;

// "an object", "a string": JSON's type names (nlohmann's type_name()), as the loader's
// "expected an integer, got string" has them.
std::string a_type(json::value_t type) {
    const std::string name = json(type).type_name();
    const bool vowel = name[0] == 'a' || name[0] == 'o';
    return fmt::format("{} {}", vowel ? "an" : "a", name);
}

struct Warning {
    std::size_t offset;
    std::string path;
};

// A diagnostic at a byte offset of the JSON text, its key the JSON path.
Diagnostic located(std::string_view text, const std::string& file, const std::string& path,
                   std::size_t offset, std::string message) {
    const auto at = position_of(text, offset);
    return Diagnostic{file, at.line, at.column, printable(path, scenario::detail::kMaxKeyPath),
                      printable(message, scenario::detail::kMaxMessage)};
}

// One connection: its JSON written as a scenario's [aws] section, loaded, and the loader's
// diagnostics brought back to the JSON.
class ConnectionReader {
  public:
    ConnectionReader(const JsonSource& source, std::string_view text, const std::string& file,
                     std::vector<Warning>& warnings)
        : source_(source), text_(text), file_(file), warnings_(warnings) {}

    std::optional<scenario::Aws> read(const json& connection, const std::string& path,
                                      std::size_t ordinal, std::vector<Diagnostic>& out);

  private:
    void error(const std::string& path, std::string message) {
        errors_.push_back(located(text_, file_, path, source_.offset_of(path), std::move(message)));
        error_paths_.push_back(path);
    }
    void warn(const std::string& path) { warnings_.push_back({source_.offset_of(path), path}); }
    bool expect(const json& value, json::value_t type, const std::string& path) {
        if (value.type() == type) return true;
        error(path, fmt::format("expected {}, got {}", a_type(type), value.type_name()));
        return false;
    }
    std::optional<std::string> scalar(const json& value, const std::string& path);
    std::optional<std::string> member_scalar(const json& object, std::string_view key,
                                             const std::string& path);
    void put(std::string& out, std::string_view table, std::string_view key, const json& value,
             const std::string& path);
    void read_options(const json& options, const std::string& path, std::string& aws,
                      std::string& tunnels);
    void read_tunnels(const json& list, const std::string& path, std::string& aws,
                      std::string& tunnels);
    void read_value_list(std::string& out, const std::string& table, std::string_view key,
                         const json& list, const std::string& path);
    void read_routes(const json& routes, const std::string& path, std::string& aws);
    std::optional<Diagnostic> brought_back(const Diagnostic& d) const;

    const JsonSource& source_;
    std::string_view text_;
    const std::string& file_;
    std::vector<Warning>& warnings_;
    detail::Origins origins_;  // scenario key path ("aws.tunnel[0].psk") -> JSON path
    std::vector<Diagnostic> errors_;
    std::vector<std::string> error_paths_;
    std::size_t tunnel_count_{0};
};

// The value as TOML text, of the same type, for the loader to judge: a string stays a string
// where a number belongs, and the loader says so. A list or object where a single value belongs
// is written empty ([] or {}): its type is all the loader needs to refuse it.
std::optional<std::string> ConnectionReader::scalar(const json& value, const std::string& path) {
    switch (value.type()) {
        case json::value_t::string:
            return scenario::toml_basic_string(value.get_ref<const std::string&>());
        case json::value_t::boolean:
            return value.get<bool>() ? "true" : "false";
        case json::value_t::number_integer:
            return std::to_string(value.get<std::int64_t>());
        case json::value_t::number_unsigned: {
            const auto n = value.get<std::uint64_t>();
            if (n > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
                error(path, fmt::format("must be a 64-bit signed integer, got {}", n));
                return std::nullopt;
            }
            return std::to_string(n);
        }
        case json::value_t::number_float: {
            // The shortest text that reads back as the same double; always a TOML float.
            auto text = fmt::format("{}", value.get<double>());
            if (text.find_first_of(".e") == std::string::npos) text += ".0";
            return text;
        }
        case json::value_t::object:
            return "{}";
        case json::value_t::array:
            return "[]";
        case json::value_t::null:
        case json::value_t::binary:
        case json::value_t::discarded:
            break;
    }
    error(path, fmt::format("expected a value, got {}", value.type_name()));
    return std::nullopt;
}

// object[key] as scalar() writes it; an error at `path` (the member's) when it is missing.
std::optional<std::string> ConnectionReader::member_scalar(const json& object, std::string_view key,
                                                           const std::string& path) {
    const auto it = object.find(key);
    if (it == object.end()) {
        error(path, "missing required key");
        return std::nullopt;
    }
    return scalar(*it, path);
}

void ConnectionReader::put(std::string& out, std::string_view table, std::string_view key,
                           const json& value, const std::string& path) {
    const auto text = scalar(value, path);
    if (!text) return;
    out += fmt::format("{} = {}\n", key, *text);
    origins_.insert_or_assign(fmt::format("{}.{}", table, key), path);
}

std::optional<scenario::Aws> ConnectionReader::read(const json& connection, const std::string& path,
                                                    std::size_t ordinal,
                                                    std::vector<Diagnostic>& out) {
    origins_.insert_or_assign("aws", path);
    std::string name = fmt::format("imported-{}", ordinal);
    std::string aws;
    std::string tunnels;
    for (const auto& [key, value] : connection.items()) {
        const auto at = member_path(path, key);
        if (key == "VpnConnectionId") {
            put(aws, "aws", "vpn_id", value, at);
            if (value.is_string()) name = "imported-" + value.get<std::string>();
        } else if (key == "AmazonSideAsn") {
            put(aws, "aws", "asn", value, at);
        } else if (key == "TransitGatewayId" || key == "VpnGatewayId") {
            expect(value, json::value_t::string, at);
        } else if (key == "Options") {
            read_options(value, at, aws, tunnels);
        } else if (key == "Routes") {
            read_routes(value, at, aws);
        } else if (!contains(kConnectionState, key)) {
            warn(at);
        }
    }
    // A connection is attached to a transit gateway or to a virtual private gateway.
    for (const std::string_view key : {"TransitGatewayId", "VpnGatewayId"}) {
        const auto it = connection.find(key);
        if (it == connection.end() || !it->is_string()) continue;
        aws += fmt::format("gateway = \"{}\"\n", key == "VpnGatewayId" ? "vgw" : "tgw");
        origins_.insert_or_assign("aws.gateway", member_path(path, key));
        break;
    }
    // The loader reads the whole scenario: a fixed, valid [cgw] completes it.
    const auto toml = fmt::format(
        "[scenario]\nname = {}\n\n[aws]\n{}{}\n[cgw]\noutside_ip = \"198.51.100.1\"\n\n"
        "[[cgw.tunnel]]\npeer = \"203.0.113.1\"\npsk = \"import_check\"\n",
        scenario::toml_basic_string(name), aws, tunnels);
    auto loaded = scenario::load_string(toml, file_);
    for (const auto& d : loaded.diagnostics) {
        if (auto back = brought_back(d)) errors_.push_back(std::move(*back));
    }
    out.insert(out.end(), errors_.begin(), errors_.end());
    if (!errors_.empty() || !loaded.scenario) return std::nullopt;
    auto result = std::move(loaded.scenario->aws);
    for (auto& t : result.tunnels) t.source_line = 0;  // not from a scenario file
    return result;
}

void ConnectionReader::read_options(const json& options, const std::string& path, std::string& aws,
                                    std::string& tunnels) {
    if (!expect(options, json::value_t::object, path)) return;
    for (const auto& [key, value] : options.items()) {
        const auto at = member_path(path, key);
        if (key == "StaticRoutesOnly") {
            if (!expect(value, json::value_t::boolean, at)) continue;
            aws += fmt::format("routing = \"{}\"\n", value.get<bool>() ? "static" : "dynamic");
            origins_.insert_or_assign("aws.routing", at);
        } else if (key == "TunnelOptions") {
            read_tunnels(value, at, aws, tunnels);
        } else if (key == "OutsideIpAddressType") {
            if (value != "PublicIpv4") warn(at);  // PrivateIpv4: a VPN over Direct Connect
        } else if (key == "TunnelInsideIpVersion") {
            if (value != "ipv4") warn(at);
        } else if (const auto* k = by_json(kConnectionKeys, "Options." + key)) {
            put(aws, "aws", k->toml, value, at);
        } else {
            warn(at);
        }
    }
}

void ConnectionReader::read_tunnels(const json& list, const std::string& path, std::string& aws,
                                    std::string& tunnels) {
    origins_.insert_or_assign("aws.tunnel", path);
    if (!expect(list, json::value_t::array, path)) return;
    if (list.empty()) aws += "tunnel = []\n";  // the loader says how many there must be
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto at = element_path(path, i);
        if (!expect(list[i], json::value_t::object, at)) continue;
        const auto table = fmt::format("aws.tunnel[{}]", tunnel_count_++);
        origins_.insert_or_assign(table, at);
        tunnels += "\n[[aws.tunnel]]\n";
        for (const auto& [key, value] : list[i].items()) {
            const auto option = member_path(at, key);
            if (const auto* k = by_json(kTunnelScalars, key)) {
                put(tunnels, table, k->toml, value, option);
            } else if (const auto* l = by_json(kTunnelLists, key)) {
                read_value_list(tunnels, table, l->toml, value, option);
            } else if (key == "PreSharedKeyArn") {
                // PreSharedKeyStorage = SecretsManager: the output has the secret's ARN only.
                if (!list[i].contains("PreSharedKey")) {
                    error(member_path(at, "PreSharedKey"),
                          "missing: the key is kept in AWS Secrets Manager (PreSharedKeyArn); "
                          "add its value as PreSharedKey");
                }
            } else if (key != "LogOptions") {  // CloudWatch logging: vpnsim always logs
                warn(option);
            }
        }
    }
}

// [{"Value": "AES128"}, {"Value": "AES256"}] -> ["AES128", "AES256"]; [] -> not set.
void ConnectionReader::read_value_list(std::string& out, const std::string& table,
                                       std::string_view key, const json& list,
                                       const std::string& path) {
    if (!list.is_array()) {
        error(path, fmt::format("expected an array of {{\"Value\": ...}} objects, got {}",
                                list.type_name()));
        return;
    }
    if (list.empty()) return;  // AWS's default: every value it accepts
    const auto key_path = fmt::format("{}.{}", table, key);
    std::string items;
    std::size_t n = 0;
    bool complete = true;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto at = element_path(path, i);
        if (!expect(list[i], json::value_t::object, at)) {
            complete = false;
            continue;
        }
        const auto value_at = member_path(at, "Value");
        for (const auto& [k, v] : list[i].items()) {
            if (k != "Value") warn(member_path(at, k));
        }
        const auto text = member_scalar(list[i], "Value", value_at);
        if (!text) {
            complete = false;
            continue;
        }
        origins_.insert_or_assign(fmt::format("{}[{}]", key_path, n++), value_at);
        items += (items.empty() ? "" : ", ") + *text;
    }
    // Part of a list would be another list (a narrower set of algorithms): only a whole one.
    if (!complete) return;
    out += fmt::format("{} = [{}]\n", key, items);
    origins_.insert_or_assign(key_path, path);
}

// Routes: the static routes, as AWS lists them; one being deleted is already gone. Each route
// stands alone, so the ones that can be read are checked even when another cannot.
void ConnectionReader::read_routes(const json& routes, const std::string& path, std::string& aws) {
    origins_.insert_or_assign("aws.static_routes", path);
    if (!expect(routes, json::value_t::array, path)) return;
    std::string items;
    std::size_t n = 0;
    for (std::size_t i = 0; i < routes.size(); ++i) {
        const auto at = element_path(path, i);
        const json& route = routes[i];
        if (!expect(route, json::value_t::object, at)) continue;
        const auto state = route.find("State");
        if (state != route.end() && (*state == "deleted" || *state == "deleting")) continue;
        for (const auto& [k, v] : route.items()) {
            if (k != "DestinationCidrBlock" && k != "Source" && k != "State")
                warn(member_path(at, k));
        }
        const auto dest_at = member_path(at, "DestinationCidrBlock");
        const auto text = member_scalar(route, "DestinationCidrBlock", dest_at);
        if (!text) continue;
        origins_.insert_or_assign(fmt::format("aws.static_routes[{}]", n++), dest_at);
        items += (items.empty() ? "" : ", ") + *text;
    }
    if (n > 0) aws += fmt::format("static_routes = [{}]\n", items);
}

// A loader diagnostic about the scenario text, told about the JSON: its key as a JSON path,
// located at that value (or, for a missing key, at the object that lacks it), the scenario's
// words in its message replaced by the JSON's. Nothing when it repeats an error already found
// in the JSON itself (e.g. "no tunnels" after the one tunnel was not an object).
std::optional<Diagnostic> ConnectionReader::brought_back(const Diagnostic& d) const {
    if (!d.key.starts_with("aws")) {
        throw std::logic_error(fmt::format(
            "import: the scenario text written from {} does not load: {}", file_, d.to_string()));
    }
    std::string key = d.key;
    std::vector<std::string> below;  // components the JSON lacks, innermost last
    auto origin = origins_.find(key);
    while (origin == origins_.end() && !key.empty()) {
        const auto cut = key.back() == ']' ? key.rfind('[') : key.rfind('.');
        below.insert(below.begin(), key.substr(cut == std::string::npos ? 0 : cut));
        key.resize(cut == std::string::npos ? 0 : cut);
        origin = origins_.find(key);
    }
    if (origin == origins_.end()) {
        throw std::logic_error(fmt::format("import: no JSON origin for {}", d.to_string()));
    }
    std::string path = origin->second;
    for (const auto& c : below) {
        if (c.front() == '[') {
            path += c;
        } else {
            path = member_path(path, detail::json_component(key, c.substr(1)));
        }
        key += c;
    }
    for (const auto& seen : error_paths_) {
        if (seen.starts_with(path) && (seen.size() == path.size() || path.empty() ||
                                       seen[path.size()] == '.' || seen[path.size()] == '[')) {
            return std::nullopt;
        }
    }
    return located(text_, file_, path, source_.offset_of(origin->second),
                   detail::in_json_words(d.message, origins_));
}

bool earlier(const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
}

}  // namespace

std::variant<AwsImport, std::vector<Diagnostic>> read_aws_describe(
    std::string_view text, const std::string& file, std::optional<std::string_view> only) {
    auto parsed = parse_json(text, file);
    if (auto* d = std::get_if<Diagnostic>(&parsed)) return std::vector<Diagnostic>{std::move(*d)};
    const auto& source = std::get<JsonSource>(parsed);
    std::vector<Diagnostic> diagnostics;
    std::vector<Warning> warnings;
    const auto fail = [&](const std::string& path, std::string message) {
        diagnostics.push_back(
            located(text, file, path, source.offset_of(path), std::move(message)));
    };
    struct Connection {
        const json* value;
        std::string path;
        std::size_t ordinal;  // 1-based, in the file
    };
    std::vector<Connection> connections;
    const json& root = source.root;
    if (!root.is_object()) {
        fail("", fmt::format("expected an object (the output of `aws ec2 "
                             "describe-vpn-connections`, or one of its VpnConnections), got {}",
                             root.type_name()));
    } else if (const auto list = root.find("VpnConnections"); list != root.end()) {
        for (const auto& [key, value] : root.items()) {
            if (key != "VpnConnections" && !contains(kDocumentExtras, key))
                warnings.push_back({source.offset_of(key), key});
        }
        if (!list->is_array()) {
            fail("VpnConnections", fmt::format("expected an array, got {}", list->type_name()));
        } else if (list->empty()) {
            fail("VpnConnections", "no VPN connection in the file");
        }
        for (std::size_t i = 0; list->is_array() && i < list->size(); ++i) {
            const auto at = element_path("VpnConnections", i);
            if ((*list)[i].is_object()) {
                connections.push_back({&(*list)[i], at, i + 1});
            } else {
                fail(at, fmt::format("expected an object, got {}", (*list)[i].type_name()));
            }
        }
    } else {
        connections.push_back({&root, "", 1});
    }
    if (only && diagnostics.empty()) {
        const auto is_it = [&](const Connection& c) {
            const auto id = c.value->find("VpnConnectionId");
            return id != c.value->end() && id->is_string() && *id == *only;
        };
        const auto it = std::find_if(connections.begin(), connections.end(), is_it);
        if (it == connections.end()) {
            std::string ids;
            for (const auto& c : connections) {
                const auto id = c.value->find("VpnConnectionId");
                ids += ids.empty() ? "" : ", ";
                ids += id != c.value->end() && id->is_string() ? printable(id->get<std::string>())
                                                               : "(no VpnConnectionId)";
            }
            fail(root.contains("VpnConnections") ? "VpnConnections" : "",
                 fmt::format("no connection has VpnConnectionId \"{}\"; the file has {}",
                             printable(*only), ids));
        } else {
            connections = {*it};
        }
    }
    AwsImport result;
    for (const auto& c : connections) {
        if (!diagnostics.empty() && only) break;
        ConnectionReader reader(source, text, file, warnings);
        if (auto aws = reader.read(*c.value, c.path, c.ordinal, diagnostics)) {
            result.connections.push_back(std::move(*aws));
        }
    }
    if (!diagnostics.empty()) {
        std::stable_sort(diagnostics.begin(), diagnostics.end(), earlier);
        return diagnostics;
    }
    std::stable_sort(warnings.begin(), warnings.end(),
                     [](const Warning& a, const Warning& b) { return a.offset < b.offset; });
    for (const auto& w : warnings) {
        result.warnings.push_back(fmt::format("{}: key {} not modelled", file,
                                              printable(w.path, scenario::detail::kMaxKeyPath)));
    }
    return result;
}

}  // namespace vpnsim::import
