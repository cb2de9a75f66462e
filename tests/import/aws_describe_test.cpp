// The describe-vpn-connections importer: the AWS CLI's document (the bundled sample), the
// mapping of each field, and every way a document is refused -- each error text pinned, at the
// JSON path and the line and column of the value.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "sim/import/json_source.hpp"
#include "tests/import/import_test_util.hpp"

using namespace vpnsim;
using namespace vpnsim::import::testing;
using scenario::DpdAction;
using scenario::GatewayType;
using scenario::Routing;
using scenario::StartupAction;

namespace {

// One connection on a virtual private gateway, two tunnels, the second with some options set.
constexpr std::string_view kBase = R"({
    "VpnConnections": [
        {
            "VpnConnectionId": "vpn-0123456789abcdef0",
            "VpnGatewayId": "vgw-0123456789abcdef0",
            "State": "available",
            "Options": {
                "StaticRoutesOnly": false,
                "TunnelOptions": [
                    {
                        "OutsideIpAddress": "203.0.113.10",
                        "TunnelInsideCidr": "169.254.10.0/30",
                        "PreSharedKey": "tunnel1_psk_value"
                    },
                    {
                        "OutsideIpAddress": "203.0.113.20",
                        "TunnelInsideCidr": "169.254.11.0/30",
                        "PreSharedKey": "tunnel2_psk_value",
                        "Phase1LifetimeSeconds": 28800,
                        "Phase2LifetimeSeconds": 3600,
                        "DpdTimeoutSeconds": 30,
                        "Phase1DHGroupNumbers": [{"Value": 14}, {"Value": 20}]
                    }
                ]
            },
            "Routes": []
        }
    ]
}
)";

// kBase with the first `from` replaced by `to`.
std::string with(std::string_view from, std::string_view to, std::string_view base = kBase) {
    std::string text(base);
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

constexpr std::string_view kTunnel2 = "VpnConnections[0].Options.TunnelOptions[1]";

}  // namespace

TEST_CASE("import - the sample describe-vpn-connections document", "[import]") {
    const auto text = read_text(sample_path());
    const auto r = imported(text);
    REQUIRE(r.connections.size() == 2);

    SECTION("a dynamic connection on a virtual private gateway, every option listed") {
        const auto& a = r.connections[0];
        CHECK(a.vpn_id == "vpn-0a1b2c3d4e5f60718");
        CHECK(a.gateway == GatewayType::Vgw);
        CHECK(a.routing == Routing::Dynamic);
        CHECK_FALSE(a.accelerated);
        CHECK(a.asn == 64512);  // describe-vpn-connections does not carry it: the default
        CHECK(a.local_ipv4_network_cidr == net::Ipv4Prefix::any());
        CHECK(a.static_routes.empty());
        REQUIRE(a.tunnels.size() == 2);
        const auto& t1 = a.tunnels[0];
        CHECK(t1.outside_ip.to_string() == "203.0.113.10");
        CHECK(t1.inside_cidr.to_string() == "169.254.44.108/30");
        CHECK(t1.psk == "q7Rz2Lm9Xw4Kp8Vt3Nh6Bd1Fs5Gj0Ca_");
        // Every value listed is every value AWS allows: the same as leaving them out.
        const auto defaults = imported(R"({"Options": {"TunnelOptions": [{
            "OutsideIpAddress": "203.0.113.10", "TunnelInsideCidr": "169.254.44.108/30",
            "PreSharedKey": "q7Rz2Lm9Xw4Kp8Vt3Nh6Bd1Fs5Gj0Ca_"}]}})");
        CHECK(t1 == defaults.connections.at(0).tunnels.at(0));
        const auto& t2 = a.tunnels[1];
        CHECK(t2.phase1_lifetime_seconds == 14400);
        CHECK(t2.phase2_lifetime_seconds == 1800);
        CHECK(t2.rekey_margin_time_seconds == 540);
        CHECK(t2.rekey_fuzz_percentage == 50);
        CHECK(t2.replay_window_size == 2048);
        CHECK(t2.dpd_timeout_seconds == 40);
        CHECK(t2.dpd_timeout_action == DpdAction::Restart);
        CHECK(t2.startup_action == StartupAction::Start);
        CHECK(t2.ike_versions == std::vector<int>{2});
        CHECK(t2.phase1.encryption == std::vector{ike::Encr::Aes256});
        CHECK(t2.phase2.encryption == std::vector{ike::Encr::Aes256Gcm16});
        CHECK(t2.phase1.integrity == std::vector{ike::Integ::Sha2_256});
        CHECK(t2.phase1.dh_groups == std::vector<int>{14, 20});
        CHECK(t2.phase2.dh_groups == std::vector<int>{14, 20});
    }
    SECTION("a static, accelerated connection on a transit gateway") {
        const auto& a = r.connections[1];
        CHECK(a.vpn_id == "vpn-0f9e8d7c6b5a49382");
        CHECK(a.gateway == GatewayType::Tgw);
        CHECK(a.routing == Routing::Static);
        CHECK(a.accelerated);
        CHECK(a.local_ipv4_network_cidr.to_string() == "10.20.0.0/16");
        CHECK(a.remote_ipv4_network_cidr.to_string() == "172.31.0.0/16");
        // The deleted route is gone.
        REQUIRE(a.static_routes.size() == 1);
        CHECK(a.static_routes[0].to_string() == "10.20.0.0/16");
        REQUIRE(a.tunnels.size() == 2);
        CHECK(a.tunnels[1].outside_ip.to_string() == "198.51.100.72");
        CHECK(a.tunnels[1].phase1_lifetime_seconds == 28800);  // AWS's default
    }
    SECTION("keys vpnsim does not model are warnings, in file order") {
        CHECK(r.warnings ==
              std::vector<std::string>{
                  "in.json: key VpnConnections[0].CustomerGatewayConfiguration not modelled",
                  "in.json: key VpnConnections[0].Options.TunnelOptions[0]."
                  "EnableTunnelLifecycleControl not modelled",
                  "in.json: key VpnConnections[0].Options.TunnelOptions[1]."
                  "EnableTunnelLifecycleControl not modelled"});
    }
    SECTION("one connection by its id") {
        const auto one = imported(text, "vpn-0f9e8d7c6b5a49382");
        REQUIRE(one.connections.size() == 1);
        CHECK(one.connections[0].gateway == GatewayType::Tgw);
        CHECK(one.warnings.empty());  // the other connection is not read
    }
    SECTION("an id the file does not have") {
        auto e = import::read_aws_describe(text, "in.json", "vpn-00000000");
        REQUIRE(std::holds_alternative<std::vector<scenario::Diagnostic>>(e));
        CHECK(std::get<std::vector<scenario::Diagnostic>>(e).at(0).to_string() ==
              where(text, "[") +
                  ": VpnConnections: no connection has VpnConnectionId \"vpn-00000000\"; the "
                  "file has vpn-0a1b2c3d4e5f60718, vpn-0f9e8d7c6b5a49382");
    }
}

TEST_CASE("import - a bare connection object; the gateway from its id", "[import]") {
    SECTION("TransitGatewayId: a transit gateway") {
        const auto r = imported(R"({
            "VpnConnectionId": "vpn-0123abcd",
            "TransitGatewayId": "tgw-0123456789abcdef0",
            "AmazonSideAsn": 4200000001,
            "Options": {"EnableAcceleration": true, "TunnelOptions": [{
                "OutsideIpAddress": "203.0.113.10", "TunnelInsideCidr": "169.254.10.0/30",
                "PreSharedKey": "tunnel1_psk_value"}]}})");
        REQUIRE(r.connections.size() == 1);
        const auto& a = r.connections[0];
        CHECK(a.vpn_id == "vpn-0123abcd");
        CHECK(a.gateway == GatewayType::Tgw);
        CHECK(a.accelerated);
        CHECK(a.asn == 4200000001U);
        CHECK(a.routing == Routing::Dynamic);  // StaticRoutesOnly absent: AWS's default
        CHECK(a.tunnels.size() == 1);
        CHECK(r.warnings.empty());
    }
    SECTION("VpnGatewayId: a virtual private gateway") {
        const auto r = imported(with("\"State\": \"available\",", ""));
        CHECK(r.connections.at(0).gateway == GatewayType::Vgw);
    }
    SECTION("acceleration needs a transit gateway") {
        const auto bad = with("\"StaticRoutesOnly\": false", "\"EnableAcceleration\": true");
        CHECK(errors(bad) == std::vector<std::string>{
                                 where(bad, "true") +
                                 ": VpnConnections[0].Options.EnableAcceleration: acceleration is "
                                 "only available on a transit gateway (TransitGatewayId)"});
    }
}

TEST_CASE("import - static routes", "[import]") {
    const auto text = with(R"("StaticRoutesOnly": false)", R"("StaticRoutesOnly": true)");
    SECTION("StaticRoutesOnly true: routes from Routes") {
        const auto r = imported(with(R"("Routes": [])",
                                     R"("Routes": [
                {"DestinationCidrBlock": "10.0.0.0/16", "Source": "Static", "State": "available"},
                {"DestinationCidrBlock": "10.1.0.0/16", "Source": "Static", "State": "pending"},
                {"DestinationCidrBlock": "10.2.0.0/16", "Source": "Static", "State": "deleting"}])",
                                     text));
        const auto& a = r.connections.at(0);
        CHECK(a.routing == Routing::Static);
        REQUIRE(a.static_routes.size() == 2);
        CHECK(a.static_routes[1].to_string() == "10.1.0.0/16");
    }
    SECTION("routes on a dynamic connection") {
        const auto bad =
            with(R"("Routes": [])", R"("Routes": [{"DestinationCidrBlock": "10.0.0.0/16"}])");
        CHECK(errors(bad) ==
              std::vector<std::string>{where(bad, "[{\"Dest") +
                                       ": VpnConnections[0].Routes: static routes require "
                                       "StaticRoutesOnly = true"});
    }
    SECTION("a route that is not a CIDR, and one without a destination") {
        const auto bad = with(R"("Routes": [])", R"("Routes": [
                {"DestinationCidrBlock": "10.0.0.1/16"},
                {"Source": "Static"}])",
                              text);
        CHECK(errors(bad) ==
              std::vector<std::string>{
                  where(bad, "\"10.0.0.1/16\"") +
                      ": VpnConnections[0].Routes[0].DestinationCidrBlock: invalid CIDR "
                      "'10.0.0.1/16' (expected a.b.c.d/len with host bits zero)",
                  where(bad, "{\"Source\"") +
                      ": VpnConnections[0].Routes[1].DestinationCidrBlock: missing required key"});
    }
}

TEST_CASE("import - syntax errors are located where nlohmann stopped", "[import]") {
    const std::string text =
        "{\n  \"VpnConnections\": [\n    {\"VpnConnectionId\" \"vpn-1\"}\n  ]\n}\n";
    // The offending token is the string after the key: nlohmann stops at its last character.
    CHECK(errors(text) ==
          std::vector<std::string>{"in.json:3:30: invalid JSON: syntax error while parsing object "
                                   "separator - unexpected string literal; expected ':'"});
    CHECK(errors("{\"a\": tru}") ==
          std::vector<std::string>{"in.json:1:10: invalid JSON: syntax error while parsing value "
                                   "- invalid literal; last read: '\"a\": tru}'"});
    CHECK(errors("{\n  \"a\": [1, 2\n") ==
          std::vector<std::string>{"in.json:3:1: invalid JSON: syntax error while parsing array "
                                   "- unexpected end of input; expected ']'"});
    CHECK(errors("") ==
          std::vector<std::string>{"in.json:1:1: invalid JSON: syntax error while parsing value - "
                                   "unexpected end of input; expected '[', '{', or a literal"});
    CHECK(errors("[]") ==
          std::vector<std::string>{"in.json:1:1: expected an object (the output of `aws ec2 "
                                   "describe-vpn-connections`, or one of its VpnConnections), got "
                                   "array"});
}

TEST_CASE("import - wrong types", "[import]") {
    SECTION("a string where AWS writes a number: the loader's words, at the value") {
        const auto bad = with(R"("DpdTimeoutSeconds": 30)", R"("DpdTimeoutSeconds": "30")");
        CHECK(errors(bad) ==
              std::vector<std::string>{where(bad, "\"30\"") + ": " + std::string(kTunnel2) +
                                       ".DpdTimeoutSeconds: expected an integer, got string"});
    }
    SECTION("a fraction, an object, null") {
        const auto bad = with(R"("Phase1LifetimeSeconds": 28800,
                        "Phase2LifetimeSeconds": 3600,
                        "DpdTimeoutSeconds": 30)",
                              R"("Phase1LifetimeSeconds": 2880.5,
                        "Phase2LifetimeSeconds": {"Seconds": 3600},
                        "DpdTimeoutSeconds": null)");
        CHECK(errors(bad) == std::vector<std::string>{
                                 where(bad, "2880.5") + ": " + std::string(kTunnel2) +
                                     ".Phase1LifetimeSeconds: expected an integer, got float",
                                 where(bad, "{\"Seconds\"") + ": " + std::string(kTunnel2) +
                                     ".Phase2LifetimeSeconds: expected an integer, got object",
                                 where(bad, "null") + ": " + std::string(kTunnel2) +
                                     ".DpdTimeoutSeconds: expected a value, got null"});
    }
    SECTION("StaticRoutesOnly must be a boolean; TunnelOptions an array of objects") {
        const auto bad = with(R"("StaticRoutesOnly": false)", R"("StaticRoutesOnly": "false")");
        CHECK(errors(bad) ==
              std::vector<std::string>{where(bad, "\"false\"") +
                                       ": VpnConnections[0].Options.StaticRoutesOnly: expected a "
                                       "boolean, got string"});
        const auto list = std::string(R"({"Options": {"TunnelOptions": {"OutsideIpAddress": 1}}})");
        CHECK(errors(list) ==
              std::vector<std::string>{where(list, "{\"Outside") +
                                       ": Options.TunnelOptions: expected an array, got object"});
    }
    SECTION("value lists are [{\"Value\": x}]") {
        const auto bad = with(R"([{"Value": 14}, {"Value": 20}])", R"([14, {"Valeu": 20}])");
        CHECK(errors(bad) == std::vector<std::string>{
                                 where(bad, "14, {") + ": " + std::string(kTunnel2) +
                                     ".Phase1DHGroupNumbers[0]: expected an object, got number",
                                 where(bad, "{\"Valeu\"") + ": " + std::string(kTunnel2) +
                                     ".Phase1DHGroupNumbers[1].Value: missing required key"});
        const auto scalar = with(R"([{"Value": 14}, {"Value": 20}])", R"("14")");
        CHECK(errors(scalar) ==
              std::vector<std::string>{where(scalar, "\"14\"") + ": " + std::string(kTunnel2) +
                                       ".Phase1DHGroupNumbers: expected an array of {\"Value\": "
                                       "...} objects, got string"});
    }
}

TEST_CASE("import - out-of-range and conflicting values: the scenario loader's rules", "[import]") {
    SECTION("a range") {
        const auto bad = with(R"("DpdTimeoutSeconds": 30)", R"("DpdTimeoutSeconds": 10)");
        CHECK(errors(bad) == std::vector<std::string>{
                                 where(bad, "10,", 0) + ": " + std::string(kTunnel2) +
                                 ".DpdTimeoutSeconds: must be between 30 and 2147483647, got 10"});
    }
    SECTION("phase 2 must be shorter than phase 1: named by their JSON keys") {
        const auto bad =
            with(R"("Phase2LifetimeSeconds": 3600)", R"("Phase2LifetimeSeconds": 2880)",
                 with(R"("Phase1LifetimeSeconds": 28800)", R"("Phase1LifetimeSeconds": 1800)"));
        CHECK(errors(bad) ==
              std::vector<std::string>{where(bad, "2880,") + ": " + std::string(kTunnel2) +
                                       ".Phase2LifetimeSeconds: must be less than 1800 "
                                       "(Phase1LifetimeSeconds), got 2880"});
    }
    SECTION("a value a list does not allow") {
        const auto bad = with(R"({"Value": 20}])", R"({"Value": 1}])");
        CHECK(errors(bad) ==
              std::vector<std::string>{where(bad, "1}]") + ": " + std::string(kTunnel2) +
                                       ".Phase1DHGroupNumbers[1].Value: must be one of 2, 14, 15, "
                                       "16, 17, 18, 19, 20, 21, 22, 23, 24; got 1"});
    }
    SECTION("an id, a PSK, an inside CIDR, an ASN") {
        const auto bad =
            with(R"("vpn-0123456789abcdef0")", R"("vpn-XYZ")",
                 with(R"("tunnel1_psk_value")", R"("0tunnel1_psk")",
                      with(R"("169.254.11.0/30")", R"("169.254.11.0/29")",
                           with(R"("State": "available")", R"("AmazonSideAsn": 65535)"))));
        CHECK(errors(bad) ==
              std::vector<std::string>{
                  where(bad, "\"vpn-XYZ\"") +
                      ": VpnConnections[0].VpnConnectionId: must be \"vpn-\" followed by 8 or 17 "
                      "lowercase hex digits, got \"vpn-XYZ\"",
                  where(bad, "65535") +
                      ": VpnConnections[0].AmazonSideAsn: must be a private ASN (64512-65534 or "
                      "4200000000-4294967294) or a legacy Amazon ASN (7224, 9059, 10124, "
                      "17493), got 65535",
                  where(bad, "\"0tunnel1") +
                      ": VpnConnections[0].Options.TunnelOptions[0].PreSharedKey: must not start "
                      "with '0'",
                  where(bad, "\"169.254.11.0/29\"") + ": " + std::string(kTunnel2) +
                      ".TunnelInsideCidr: must be a /30, got /29"});
    }
    SECTION("two tunnels with one outside IP") {
        const auto bad = with(R"("203.0.113.20")", R"("203.0.113.10")");
        CHECK(errors(bad) == std::vector<std::string>{
                                 where(bad, "\"203.0.113.10\"", 1) + ": " + std::string(kTunnel2) +
                                 ".OutsideIpAddress: 203.0.113.10 is already used by "
                                 "VpnConnections[0].Options.TunnelOptions[0]"});
    }
    SECTION("a number no integer type holds") {
        const auto bad =
            with(R"("DpdTimeoutSeconds": 30)", R"("DpdTimeoutSeconds": 18446744073709551615)");
        CHECK(errors(bad) ==
              std::vector<std::string>{where(bad, "1844") + ": " + std::string(kTunnel2) +
                                       ".DpdTimeoutSeconds: must be a 64-bit signed integer, got "
                                       "18446744073709551615"});
    }
}

TEST_CASE("import - missing values and tunnel counts", "[import]") {
    SECTION("a tunnel without its key: at the tunnel") {
        const auto bad = with(R"(,
                        "PreSharedKey": "tunnel1_psk_value")",
                              "");
        CHECK(errors(bad) == std::vector<std::string>{
                                 where(bad, "{\n                        \"OutsideIpAddress\"") +
                                 ": VpnConnections[0].Options.TunnelOptions[0].PreSharedKey: "
                                 "missing required key"});
    }
    SECTION("a key kept in Secrets Manager: the output has its ARN only") {
        const auto bad = with(
            R"("PreSharedKey": "tunnel1_psk_value")",
            R"("PreSharedKeyArn": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:vpn-psk")");
        CHECK(errors(bad) == std::vector<std::string>{
                                 where(bad, "{\n                        \"OutsideIpAddress\"") +
                                 ": VpnConnections[0].Options.TunnelOptions[0].PreSharedKey: "
                                 "missing: the key is kept in AWS Secrets Manager "
                                 "(PreSharedKeyArn); add its value as PreSharedKey"});
    }
    SECTION("no TunnelOptions at all: at the connection") {
        CHECK(errors(R"({"VpnConnectionId": "vpn-0123abcd"})") ==
              std::vector<std::string>{"in.json:1:1: Options.TunnelOptions: missing required key"});
    }
    SECTION("no tunnels, or three") {
        const std::string none = R"({"Options": {"TunnelOptions": []}})";
        CHECK(errors(none) ==
              std::vector<std::string>{where(none, "[]") +
                                       ": Options.TunnelOptions: must have 1 or 2 entries, got 0"});
        const std::string three = R"({"Options": {"TunnelOptions": [
  {"OutsideIpAddress": "203.0.113.10", "TunnelInsideCidr": "169.254.10.0/30", "PreSharedKey": "psk_value_1"},
  {"OutsideIpAddress": "203.0.113.20", "TunnelInsideCidr": "169.254.11.0/30", "PreSharedKey": "psk_value_2"},
  {"OutsideIpAddress": "203.0.113.30", "TunnelInsideCidr": "169.254.12.0/30", "PreSharedKey": "psk_value_3"}]}})";
        CHECK(errors(three) ==
              std::vector<std::string>{where(three, "{\"OutsideIpAddress\": \"203.0.113.30") +
                                       ": Options.TunnelOptions[2]: a VPN connection has at most 2 "
                                       "tunnels, got 3"});
    }
    SECTION("a tunnel that is not an object is the one error, not also a count") {
        const std::string text = R"({"Options": {"TunnelOptions": ["tunnel"]}})";
        CHECK(errors(text) == std::vector<std::string>{
                                  where(text, "\"tunnel\"") +
                                  ": Options.TunnelOptions[0]: expected an object, got string"});
    }
    SECTION("no connections") {
        CHECK(errors(R"({"VpnConnections": []})") ==
              std::vector<std::string>{where(R"({"VpnConnections": []})", "[]") +
                                       ": VpnConnections: no VPN connection in the file"});
    }
}

TEST_CASE("import - unknown keys are warnings; state and identifiers are skipped", "[import]") {
    const auto text = with(R"("State": "available",)", R"("State": "available",
            "Category": "VPN", "CustomerGatewayId": "cgw-0123", "Tags": [],
            "CoreNetworkArn": "arn:aws:networkmanager::111122223333:core-network/cn-1",
            "VgwTelemetry": [],)",
                           with(R"("StaticRoutesOnly": false,)", R"("StaticRoutesOnly": false,
                "TunnelInsideIpVersion": "ipv6", "OutsideIpAddressType": "PublicIpv4",)"));
    const auto r =
        imported(R"({"NextToken": "x", "VpnLogs": [], "Simulation": {},)" + text.substr(1));
    CHECK(r.warnings ==
          std::vector<std::string>{
              "in.json: key VpnConnections[0].CoreNetworkArn not modelled",
              "in.json: key VpnConnections[0].Options.TunnelInsideIpVersion not modelled"});
    const auto extra = imported(with(R"({"Value": 14})", R"({"Value": 14, "Note": "x"})"));
    CHECK(extra.warnings == std::vector<std::string>{"in.json: key " + std::string(kTunnel2) +
                                                     ".Phase1DHGroupNumbers[0].Note not modelled"});
    const auto top = imported(with("\"VpnConnections\": [", "\"Extra\": 1, \"VpnConnections\": ["));
    CHECK(top.warnings == std::vector<std::string>{"in.json: key Extra not modelled"});
}

TEST_CASE("import - JSON positions: the first character of each value", "[import][json]") {
    const std::string text = "{\"a\": [1, -2.5e3, \"x\\\"\\\\\", true],\n \"b\": {\"c\": null}}";
    const auto parsed = import::parse_json(text, "in.json");
    REQUIRE(std::holds_alternative<import::JsonSource>(parsed));
    const auto& s = std::get<import::JsonSource>(parsed);
    CHECK(s.offsets.at("") == 0);
    CHECK(s.offsets.at("a") == text.find('['));
    CHECK(s.offsets.at("a[0]") == text.find('1'));
    CHECK(s.offsets.at("a[1]") == text.find("-2.5"));
    CHECK(s.offsets.at("a[2]") == text.find("\"x"));
    CHECK(s.offsets.at("a[3]") == text.find("true"));
    CHECK(s.offsets.at("b.c") == text.find("null"));
    CHECK(s.offset_of("b.c.d[3]") == text.find("null"));  // nearest recorded ancestor
    const auto at = import::position_of(text, s.offsets.at("b.c"));
    CHECK(at.line == 2);
    CHECK(at.column == 13);
    // A top-level number ends the text: nothing was read past it.
    const auto number = import::parse_json(" 42", "in.json");
    CHECK(std::get<import::JsonSource>(number).offsets.at("") == 1);
}
