// DOC: a packet's fields as a list of (name, value) rows, for the report's message view:
// what a packet capture's detail pane shows -- addresses and ports, then the IKE header and
// payloads (SPIs, message ID, SA proposal, KE group, IDs, TSi/TSr, notifies, Delete), or the
// ESP SPI and sequence with the inner packet (TCP ports, flags, sequence numbers, RFC 2385
// signature, each BGP message: OPEN, UPDATE, NOTIFICATION with its code names).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "models/net/packet.hpp"

namespace vpnsim::report {

using Field = std::pair<std::string, std::string>;

std::vector<Field> wire_fields(const net::Packet& p);

}  // namespace vpnsim::report
