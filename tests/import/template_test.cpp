// CGW templates: placeholders filled from the AWS side, every refusal located, and positions in
// the rendered text brought back to the template's.
#include <catch2/catch.hpp>

#include <string>
#include <variant>

#include "sim/import/template.hpp"
#include "tests/import/reader_test_util.hpp"

using namespace vpnsim;
using namespace vpnsim::import;

namespace {

scenario::Aws two_tunnels() {
    return testing::reader_test_aws();
}

Rendered rendered(std::string_view text, const scenario::Aws& aws = two_tunnels()) {
    auto r = render_template(text, "t.conf", template_values(aws));
    if (const auto* d = std::get_if<std::vector<scenario::Diagnostic>>(&r)) {
        for (const auto& e : *d) UNSCOPED_INFO(e.to_string());
    }
    REQUIRE(std::holds_alternative<Rendered>(r));
    return std::get<Rendered>(std::move(r));
}

std::vector<std::string> refusals(std::string_view text, const scenario::Aws& aws = two_tunnels()) {
    auto r = render_template(text, "t.conf", template_values(aws));
    REQUIRE(std::holds_alternative<std::vector<scenario::Diagnostic>>(r));
    std::vector<std::string> out;
    for (const auto& d : std::get<std::vector<scenario::Diagnostic>>(r)) {
        out.push_back(d.to_string());
    }
    return out;
}

}  // namespace

TEST_CASE("every placeholder takes its value from the AWS side", "[import][template]") {
    const auto r = rendered(
        "right={{ tunnel1.outside_ip }} {{tunnel2.outside_ip}}\n"
        "inside {{ tunnel1.inside_cidr }} aws {{ tunnel2.aws_inside_ip }} cgw "
        "{{ tunnel2.cgw_inside_ip }}\n"
        "psk {{ tunnel1.psk }}/{{ tunnel2.psk }} asn {{ aws.asn }} {{ cgw.asn }}\n"
        "{{ cgw.outside_ip }} {{ vpc.cidr }} {{ vpn.id }}");
    CHECK(r.text ==
          "right=203.0.113.10 203.0.113.20\n"
          "inside 169.254.10.0/30 aws 169.254.11.1 cgw 169.254.11.2\n"
          "psk tunnel1_psk_value/tunnel2_psk_value asn 64512 65000\n"
          "198.51.100.10 172.31.0.0/16 vpn-0123456789abcdef0");
}

TEST_CASE("text without placeholders is kept byte for byte", "[import][template]") {
    const std::string text = "connections {\n  a { b = {c} }\n}\n\n# { not a placeholder }\n";
    CHECK(rendered(text).text == text);
    CHECK(rendered("").text.empty());
    CHECK(rendered("trailing {").text == "trailing {");
}

TEST_CASE("the customer gateway ASN is the AWS customer gateway's", "[import][template]") {
    auto aws = two_tunnels();
    aws.customer_gateway_asn = 65010;
    CHECK(rendered("{{ cgw.asn }}", aws).text == "65010");
}

TEST_CASE("Jinja comments are removed and their line kept", "[import][template]") {
    const auto r = rendered("a {# note #}b\nc");
    CHECK(r.text == "a b\nc");
    CHECK(r.original({1, 3}) == SourcePos{1, 13});
}

TEST_CASE("positions in the rendered text are the template's", "[import][template]") {
    //                   123456789012345678901234567890123456789
    const auto r = rendered("peer {{ tunnel1.outside_ip }} key {{ tunnel1.psk }} end\nx");
    // "peer 203.0.113.10 key tunnel1_psk_value end"
    CHECK(r.original({1, 1}) == SourcePos{1, 1});
    CHECK(r.original({1, 6}) == SourcePos{1, 6});  // inside the first value: its '{{'
    CHECK(r.original({1, 12}) == SourcePos{1, 6});
    CHECK(r.original({1, 19}) == SourcePos{1, 31});  // "key"
    CHECK(r.original({1, 23}) == SourcePos{1, 35});  // inside the second value
    CHECK(r.original({1, 39}) == SourcePos{1, 35});  // the second value's end
    CHECK(r.original({1, 41}) == SourcePos{1, 53});  // "end"
    CHECK(r.original({2, 1}) == SourcePos{2, 1});
}

TEST_CASE("unknown placeholders are refused where they are", "[import][template]") {
    CHECK(refusals("a\n  {{ tunnel1.outside_addr }}") ==
          std::vector<std::string>{"t.conf:2:3: tunnel1.outside_addr: unknown placeholder "
                                   "'tunnel1.outside_addr'; did you mean 'tunnel1.outside_ip'?"});
    CHECK(refusals("{{ colour }} {{ vpc.cidr }} {{ x.y }}").size() == 2);
}

TEST_CASE("a second tunnel's placeholder on a one-tunnel connection says so",
          "[import][template]") {
    auto aws = two_tunnels();
    aws.tunnels.pop_back();
    CHECK(refusals("{{ tunnel2.psk }}", aws) ==
          std::vector<std::string>{"t.conf:1:1: tunnel2.psk: unknown placeholder "
                                   "'tunnel2.psk': the connection has 1 tunnel"});
}

TEST_CASE("filters, statements and unclosed braces are refused", "[import][template]") {
    CHECK(refusals("x {{ tunnel1.psk | upper }}") ==
          std::vector<std::string>{"t.conf:1:3: tunnel1.psk | upper: Jinja filters are not "
                                   "supported; write the placeholder alone, {{ name }}"});
    CHECK(refusals("{% if x %}\n") ==
          std::vector<std::string>{"t.conf:1:1: {% if x %}: Jinja statements ({% ... %}) are not "
                                   "supported: render the template's logic first, or keep one "
                                   "template per variant"});
    CHECK(refusals("ok\nbad {{ tunnel1.psk\n}}") ==
          std::vector<std::string>{"t.conf:2:5: {{: '{{' is not closed on its line by '}}'"});
    CHECK(refusals("{{ }}") ==
          std::vector<std::string>{"t.conf:1:1: '' is not a placeholder name"});
    CHECK(refusals("{{ a-b }}").size() == 1);
}

TEST_CASE("hostile templates are refused or rendered, never more", "[import][template]") {
    std::string big(100000, '{');
    CHECK(refusals(big).size() == 1);
    std::string nul("a\0{{ vpn.id }}\0b", 16);
    CHECK(rendered(nul).text == std::string("a\0vpn-0123456789abcdef0\0b", 25));
}
