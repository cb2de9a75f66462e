// DOC: CGW configuration templates: the values AWS assigns, filled in from the AWS side.
// Teams keep their CGW configurations as templates (Ansible/Jinja) with placeholders where a
// VPN connection's values go; vpnsim fills them from the [aws] side of the case it simulates,
// so one template is checked against many connections. A placeholder is Jinja's
// `{{ name }}` (blanks inside the braces optional); a Jinja comment `{# ... #}` is removed. The
// names:
//   tunnelN.outside_ip      AWS's outside address of tunnel N (1 or 2)
//   tunnelN.inside_cidr     its inside /30, e.g. 169.254.10.0/30
//   tunnelN.aws_inside_ip   the /30's first host (AWS's side, the BGP neighbor)
//   tunnelN.cgw_inside_ip   the /30's second host (the CGW's side)
//   tunnelN.psk             its pre-shared key
//   aws.asn                 the Amazon-side ASN
//   cgw.asn                 the customer gateway's ASN (aws.customer_gateway_asn, else 65000)
//   cgw.outside_ip          the customer gateway's address (kCgwOutsideIp, see generic_cgw.hpp)
//   vpc.cidr                the VPC's CIDR
//   vpn.id                  the VPN connection's id
// Anything else -- an unknown name, a tunnel the connection does not have, a filter
// (`{{ x | lower }}`), a statement (`{% if %}`), an unclosed `{{` -- is refused at its
// file:line:col. Only placeholders are replaced: the text keeps its lines, so a reader's
// positions in the rendered text are brought back to the template's by original().
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/import/cgw_draft.hpp"
#include "sim/scenario/scenario.hpp"

namespace vpnsim::import {

// The placeholders' values for one AWS side and CGW address, by name.
using TemplateValues = std::map<std::string, std::string, std::less<>>;
TemplateValues template_values(const scenario::Aws& aws, net::Ipv4Addr cgw_outside_ip,
                               std::uint32_t cgw_asn);
// With the CGW's address and ASN as an import without them has it: cgw_outside_ip(aws), and
// aws.customer_gateway_asn or the loader's default 65000.
TemplateValues template_values(const scenario::Aws& aws);

// A rendered template: its text, and where each replacement was, to bring positions back.
class Rendered {
  public:
    struct Replacement {
        int line{0};             // 1-based
        int rendered_column{0};  // 1-based, where the value starts in the rendered line
        int rendered_length{0};  // the value's length
        int template_column{0};  // where `{{` started in the template's line
        int template_length{0};  // the placeholder's length, braces included
    };
    std::string text;
    std::vector<Replacement> replacements;  // in text order
    // The template's position of a position in `text`: inside a value, the placeholder's start.
    SourcePos original(SourcePos rendered) const;
};

// The template with every placeholder replaced, or every problem with a placeholder.
std::variant<Rendered, std::vector<scenario::Diagnostic>> render_template(
    std::string_view text, const std::string& file, const TemplateValues& values);

}  // namespace vpnsim::import
