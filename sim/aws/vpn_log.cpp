#include "sim/aws/vpn_log.hpp"

#include <fmt/format.h>

namespace vpnsim::aws {

std::string ike_stream_name(std::string_view vpn_id, std::string_view outside_ip) {
    return fmt::format("{}_{}-IKE.log", vpn_id, outside_ip);
}

std::string bgp_stream_name(std::string_view vpn_id, std::string_view outside_ip) {
    return fmt::format("{}_{}-BGP.log", vpn_id, outside_ip);
}

}  // namespace vpnsim::aws
