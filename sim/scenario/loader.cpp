// DOC: scenario loading: TOML text -> checked Scenario, or located diagnostics.
// toml++ parses (a syntax error is the one diagnostic, with toml++'s own description); then
// every table is read through a TableReader, which reports wrong types, bad values and unknown
// keys and lets reading carry on, so one run lists every problem. [aws] and [cgw] live in
// read_aws.cpp / read_cgw.cpp; [scenario], [path] and [expect] are here.
#include "sim/scenario/loader.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <array>
#include <cctype>

#include <cerrno>
#include <cstdint>
#include <iterator>
#include <system_error>
#include <variant>

#include "sim/scenario/comments.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/fields.hpp"
#include "sim/scenario/references.hpp"
#include "sim/scenario/sections.hpp"

namespace vpnsim::scenario {
namespace {

using detail::as_array;
using detail::as_choice;
using detail::as_duration;
using detail::as_enum;
using detail::as_int;
using detail::as_ipv4;
using detail::as_nonempty_string;
using detail::as_string;
using detail::as_table;
using detail::EmptyArray;
using detail::Field;
using detail::Named;
using detail::set_if;
using detail::TableReader;

constexpr std::array<std::string_view, 2> kTunnelStatuses{"UP", "DOWN"};
// TEST-NET-1 (RFC 5737): the NAT's public address when the file does not give one.
constexpr net::Ipv4Addr kDefaultNatPublicIp = net::Ipv4Addr::from_octets(192, 0, 2, 1);
constexpr SimTime kMaxPathDelay = sec(10);

void read_header(TableReader& table, Scenario& scenario) {
    set_if(scenario.name, as_nonempty_string(table.require("name")));
    set_if(scenario.summary, as_string(table.get("summary")));
    set_if(scenario.lesson, as_string(table.get("lesson")));
    set_if(scenario.seed, as_int(table.get("seed"), 0, detail::kNoLimit));
    set_if(scenario.duration, as_duration(table.get("duration"), ms(1), detail::kMaxDuration));
}

// outage = { start = "60s", duration = "90s" }: both keys required.
Outage read_outage(TableReader& table) {
    Outage outage;
    set_if(outage.start, as_duration(table.require("start"), SimTime{0}, detail::kMaxDuration));
    set_if(outage.duration, as_duration(table.require("duration"), ms(1), detail::kMaxDuration));
    return outage;
}

Path read_path(TableReader& table) {
    Path path;
    set_if(path.delay, as_duration(table.get("delay"), SimTime{0}, kMaxPathDelay));
    const Field nat = table.get("nat");
    const auto mode = as_enum(nat, detail::kNatModes);
    set_if(path.nat, mode);
    const Field public_ip = table.get("nat_public_ip");
    set_if(path.nat_public_ip, as_ipv4(public_ip));
    set_if(path.block,
           as_array(
               table.get("block"), [](const Field& f) { return as_enum(f, detail::kBlocks); },
               EmptyArray::Allowed));
    path.outage = detail::read_table(table.get("outage"), read_outage);
    set_if(path.loss, detail::as_probability(table.get("loss")));
    const Field udp_timeout = table.get("nat_udp_timeout");
    set_if(path.nat_udp_timeout, as_duration(udp_timeout, sec(1), detail::kMaxDuration));
    if (!detail::usable(nat, mode)) return path;
    if (path.nat == NatMode::None && public_ip.present()) {
        public_ip.error("only allowed when nat is \"static\" or \"pat\"");
    } else if (path.nat != NatMode::None && !path.nat_public_ip) {
        path.nat_public_ip = kDefaultNatPublicIp;
    }
    // A static NAT's one-to-one mapping is configured, not learnt: nothing to time out.
    if (path.nat != NatMode::Pat && udp_timeout.present()) {
        udp_timeout.error(
            "only allowed when nat is \"pat\" (a static NAT's mapping never expires)");
    }
    return path;
}

// Reads one [[change]]. `aws` holds the options in force before it (the [aws] section with
// the earlier changes applied) and is brought up to date, so a change's keys are read over
// the values they replace. Option keys depend on the action: a tunnel's options for
// modify-tunnel-options, the connection's CIDRs for modify-vpn-options; others are unknown.
Change read_change(TableReader& table, Aws& aws, SimTime& previous_at) {
    Change change;
    const Field at = table.require("at");
    set_if(change.at, as_duration(at, SimTime{0}, detail::kMaxDuration));
    if (at.present() && change.at < previous_at) {
        at.error(fmt::format("changes must be listed in time order; the previous one is at {}",
                             format_time(previous_at)));
    }
    previous_at = std::max(previous_at, change.at);
    const Field kind = table.require("action");
    const auto action = as_enum(kind, detail::kChangeKinds);
    set_if(change.kind, action);
    const Field tunnel = table.get("tunnel");
    const auto n = as_int(tunnel, 1, 2);
    if (n) change.tunnel = static_cast<int>(*n);
    if (!usable(kind, action)) return change;
    if (change.kind == Change::Kind::ModifyVpnOptions) {
        if (tunnel.present()) tunnel.error("only for action = \"modify-tunnel-options\"");
        change.local_ipv4_network_cidr = as_cidr(table.get("local_ipv4_network_cidr"));
        change.remote_ipv4_network_cidr = as_cidr(table.get("remote_ipv4_network_cidr"));
    } else if (usable(tunnel, n)) {
        // With no tunnels ([aws] has said why) the keys are still checked, over defaults.
        const auto index = static_cast<std::size_t>(change.tunnel - 1);
        const bool known = index < aws.tunnels.size();
        if (!known && !aws.tunnels.empty()) {
            tunnel.error(fmt::format("the connection has {} tunnel(s)", aws.tunnels.size()));
            return change;
        }
        AwsTunnel modified = known ? aws.tunnels[index] : AwsTunnel{};
        detail::read_modified_tunnel(table, modified);
        if (known && table.has_other_keys({"at", "action", "tunnel"})) {
            change.tunnel_options = modified;
        }
    }
    apply_options(aws, change);
    return change;
}

// Most flows a scenario may list, and most probes per flow: far beyond a readable trace.
// Room for the probe flows `fix --apply` writes (two per on-premises prefix, up to a transit
// gateway's 1000 BGP routes) besides a scenario's own.
constexpr std::size_t kMaxFlows = 4096;
constexpr std::int64_t kMaxProbes = 100000;

// One [[traffic]] flow: one end in the VPC (aws.vpc_cidr), the other on premises.
Flow read_flow(TableReader& table, const Aws& aws) {
    Flow flow;
    const Field from = table.require("from");
    const Field to = table.require("to");
    const auto src = as_ipv4(from);
    const auto dst = as_ipv4(to);
    set_if(flow.from, src);
    set_if(flow.to, dst);
    set_if(flow.kind, as_enum(table.get("kind"), detail::kFlowKinds));
    set_if(flow.start, as_duration(table.get("start"), SimTime{0}, detail::kMaxDuration));
    set_if(flow.interval, as_duration(table.get("interval"), ms(1), detail::kMaxDuration));
    set_if(flow.count, as_int(table.get("count"), 1, kMaxProbes));
    // An IPv4 header and an ICMP/UDP header (TCP: 40) at least; jumbo frames at most.
    const Field size = table.get("size");
    set_if(flow.size, as_int(size, 28, 9001));
    if (flow.kind == FlowKind::Tcp && flow.size < 40) {
        size.error("a TCP segment is at least 40 bytes (IPv4 and TCP headers)");
    }
    const Field df = table.get("df");
    set_if(flow.df, as_bool(df));
    if (flow.kind == FlowKind::Tcp && !flow.df) df.error("TCP sets DF (path-MTU discovery)");
    if (!src || !dst) return flow;
    const bool from_vpc = aws.vpc_cidr.contains(*src);
    const bool to_vpc = aws.vpc_cidr.contains(*dst);
    flow.from_vpc = from_vpc;
    if (from_vpc == to_vpc) {
        (from_vpc ? to : from)
            .error(fmt::format("a flow runs between the VPC (aws.vpc_cidr {}) and on-premises: "
                               "exactly one of from and to must be in it",
                               aws.vpc_cidr));
    }
    return flow;
}

ExpectTunnel read_expect_tunnel(TableReader& table) {
    ExpectTunnel tunnel;
    tunnel.source_line = table.line();
    set_if(tunnel.outside_ip, as_ipv4(table.get("outside_ip")));
    set_if(tunnel.status, as_choice(table.get("status"), kTunnelStatuses));
    set_if(tunnel.message, as_string(table.get("message")));
    set_if(tunnel.ike, as_string(table.get("ike")));
    set_if(tunnel.child, as_string(table.get("child")));
    set_if(tunnel.bgp, as_string(table.get("bgp")));
    return tunnel;
}

constexpr std::array<std::string_view, 2> kFlowResults{"ok", "failing"};

ExpectFlow read_expect_flow(TableReader& table) {
    ExpectFlow flow;
    flow.source_line = table.line();
    set_if(flow.result, as_choice(table.get("result"), kFlowResults));
    set_if(flow.delivered, as_int(table.get("delivered"), 0, kMaxProbes));
    set_if(flow.answered, as_int(table.get("answered"), 0, kMaxProbes));
    return flow;
}

Expect read_expect(TableReader& table) {
    Expect expect;
    expect.source_line = table.line();
    expect.tunnels = detail::read_tables(table.get("tunnel"), read_expect_tunnel);
    expect.flows = detail::read_tables(table.get("flows"), read_expect_flow);
    // An empty pattern would match every line: never what a test means.
    set_if(expect.trace_contains,
           as_array(table.get("trace_contains"), as_nonempty_string, EmptyArray::Allowed));
    set_if(expect.trace_absent,
           as_array(table.get("trace_absent"), as_nonempty_string, EmptyArray::Allowed));
    if (auto causes = as_array(table.get("causes"), as_nonempty_string, EmptyArray::Allowed)) {
        expect.causes = std::move(*causes);
    }
    if (auto fixes = as_array(
            table.get("fixes"),
            [](const Field& f) { return as_array(f, as_nonempty_string, EmptyArray::Allowed); },
            EmptyArray::Allowed)) {
        expect.fixes = std::move(*fixes);
    }
    return expect;
}

// Reads the file's tables into `scenario` (default-constructed: the defaults stand for what the
// file leaves out).
void read_scenario(TableReader& root, Scenario& scenario, const detail::ReferenceContext& ctx) {
    if (auto header = as_table(root.require("scenario"))) {
        read_header(*header, scenario);
        header->finish();
    }
    // Read after [scenario]: the default vpn_id is derived from the name. Either side may
    // name the files it is read from instead (references.cpp).
    if (auto aws = as_table(root.require("aws"))) {
        if (const Field describe = aws->get("describe"); describe.present()) {
            set_if(scenario.aws, detail::read_aws_reference(*aws, describe, ctx));
        } else {
            scenario.aws = detail::read_aws(*aws, scenario.name);
        }
        aws->finish();
    }
    for (const auto& table : ctx.options.caller_tables) root.get(table);
    if (ctx.options.cgw_from_caller) {
        if (const Field cgw = root.get("cgw"); cgw.present()) {
            cgw.error("the customer gateway comes from the configuration templates given on the "
                      "command line; remove [cgw]");
        }
    } else if (auto cgw = as_table(root.require("cgw"))) {
        if (const Field config = cgw->get("config"); config.present()) {
            set_if(scenario.cgw, detail::read_cgw_reference(*cgw, config, scenario.aws, ctx));
        } else {
            scenario.cgw = detail::read_cgw(*cgw);
        }
        cgw->finish();
    }
    set_if(scenario.path, detail::read_table(root.get("path"), read_path));
    if (const Field changes = root.get("change"); changes.present()) {
        Aws in_force = scenario.aws;
        SimTime previous_at{0};
        scenario.changes = detail::read_tables(
            changes, [&](TableReader& t) { return read_change(t, in_force, previous_at); });
    }
    const Field traffic = root.get("traffic");
    scenario.traffic =
        detail::read_tables(traffic, [&](TableReader& t) { return read_flow(t, scenario.aws); });
    if (scenario.traffic.size() > kMaxFlows) {
        traffic.element(kMaxFlows).error(
            fmt::format("at most {} flows, got {}", kMaxFlows, scenario.traffic.size()));
    }
    scenario.expect = detail::read_table(root.get("expect"), read_expect);
    root.finish();
}

// toml++ descriptions start with a capital ("Error while parsing ..."); ours are lower-case.
std::string syntax_message(std::string_view description) {
    std::string text(description);
    if (!text.empty())
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    return "invalid TOML: " + text;
}

// A syntax error is the one diagnostic: toml++ stops at the first. Text that toml++ 3.3.0
// cannot read safely is refused before it gets there (comments.hpp, "Hazards"). toml++ reads the
// text without its comments when that parses (same nodes, same positions: comments.hpp); else
// the text as written, whose error is the one to report. No source path is given to toml++: the
// diagnostics carry the file's label themselves, and each toml++ node would otherwise hold a
// reference-counted copy of the path.
std::optional<toml::table> parse_toml(std::string_view text, detail::Diagnostics& diagnostics) {
    auto pre = detail::prepass(text);
    if (const auto& hazard = pre.hazard) {
        diagnostics.add(hazard->line, hazard->column, "", "invalid TOML: " + hazard->message);
        return std::nullopt;
    }
    if (const auto& plain = pre.without_comments) {
        try {
            return toml::parse(*plain);
        } catch (const toml::parse_error&) {  // NOLINT(bugprone-empty-catch): reported below
        }
    }
    try {
        return toml::parse(text);
    } catch (const toml::parse_error& error) {
        diagnostics.add(error.source().begin, "", syntax_message(error.description()));
        return std::nullopt;
    }
}

// Why a file cannot be opened, in the words a shell user knows.
std::string open_failure(int error) {
    switch (error) {
        case ENOENT:
            return "no such file";
        case EACCES:
        case EPERM:
            return "permission denied";
        case EISDIR:
            return "is a directory";
        case ENOTDIR:
            return "a component of the path is not a directory";
        case ELOOP:
            return "too many levels of symbolic links";
        case ENAMETOOLONG:
            return "file name too long";
        default:
            return std::generic_category().message(error);
    }
}

// What kind of thing a non-regular file is.
std::string_view file_kind(mode_t mode) {
    if (S_ISDIR(mode)) return "is a directory";
    if (S_ISFIFO(mode)) return "not a regular file (a FIFO)";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "not a regular file (a device)";
    if (S_ISSOCK(mode)) return "not a regular file (a socket)";
    return "not a regular file";
}

// The whole file, or the one-line reason it cannot be had. Opened without blocking (a FIFO
// never hangs the load) and read no further than the limit, whatever the file claims.
std::variant<std::string, std::string> read_whole_file(const std::string& path,
                                                       std::size_t max_bytes) {
    using Result = std::variant<std::string, std::string>;
    const auto failed = [](std::string why) {
        return Result(std::in_place_index<1>, std::move(why));
    };
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) return failed("cannot read file: " + open_failure(errno));
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) return failed("cannot read file: " + open_failure(errno));
    if (!S_ISREG(st.st_mode))
        return failed(fmt::format("cannot read file: {}", file_kind(st.st_mode)));
    const auto too_large = [&](std::size_t size) {
        return failed(
            fmt::format("file is {} bytes, over the {}-byte limit for a scenario (raise "
                        "it with --max-file-size BYTES)",
                        size, max_bytes));
    };
    if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
        return too_large(static_cast<std::size_t>(st.st_size));
    }
    std::string text(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t have = 0;
    for (;;) {
        if (have == text.size()) {
            if (text.size() > max_bytes) return too_large(text.size());
            text.resize(std::min(max_bytes + 1, std::max<std::size_t>(4096, text.size() * 2)));
        }
        const auto n = ::read(fd, text.data() + have, text.size() - have);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return failed("cannot read file: " + open_failure(errno));
        if (n == 0) break;
        have += static_cast<std::size_t>(n);
    }
    if (have > max_bytes) return too_large(have);
    text.resize(have);
    return Result(std::in_place_index<0>, std::move(text));
}

}  // namespace

LoadResult load_string(std::string_view toml_text, const std::string& file_label,
                       const LoadOptions& options) {
    detail::Diagnostics diagnostics(file_label);
    LoadResult result;
    if (const auto root = parse_toml(toml_text, diagnostics)) {
        TableReader reader(*root, diagnostics);
        // Read in place: a Scenario is large, and a valid file's is kept as it is.
        Scenario& scenario = result.scenario.emplace();
        read_scenario(reader, scenario,
                      detail::ReferenceContext{file_label, options, diagnostics, result.warnings});
        scenario.file = file_label;
        if (!diagnostics.empty()) result.scenario.reset();
    }
    result.diagnostics = diagnostics.take();
    return result;
}

std::variant<std::string, Diagnostic> read_scenario_text(const std::string& path,
                                                         const LoadOptions& options) {
    auto text = read_whole_file(path, options.max_file_bytes);
    if (text.index() == 0) return std::move(std::get<0>(text));
    return Diagnostic{path, 1, 1, "", std::move(std::get<1>(text))};
}

LoadResult load_file(const std::string& path, const LoadOptions& options) {
    auto text = read_scenario_text(path, options);
    if (auto* d = std::get_if<Diagnostic>(&text)) return LoadResult{std::nullopt, {std::move(*d)}, {}};
    return load_string(std::get<std::string>(text), path, options);
}

}  // namespace vpnsim::scenario

namespace vpnsim::scenario {

bool Cgw::has_static_routes() const {
    return std::any_of(tunnels.begin(), tunnels.end(),
                       [](const CgwTunnel& t) { return !t.static_routes.empty(); });
}

std::vector<net::Ipv4Prefix> Cgw::lans() const {
    std::vector<net::Ipv4Prefix> out = networks;
    out.insert(out.end(), bgp.announce.begin(), bgp.announce.end());
    for (auto& p : out) p = net::Ipv4Prefix{p.first(), p.len};
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

bool Cgw::announces(const net::Ipv4Prefix& p) const {
    return std::any_of(bgp.announce.begin(), bgp.announce.end(),
                       [&](const net::Ipv4Prefix& a) { return a.contains(p); });
}

std::vector<net::Ipv4Prefix> Cgw::unannounced_networks() const {
    std::vector<net::Ipv4Prefix> out;
    for (const auto& n : networks) {
        if (!announces(n)) out.push_back(n);
    }
    return out;
}

bool Path::blocks(Block b) const {
    return std::find(block.begin(), block.end(), b) != block.end();
}

}  // namespace vpnsim::scenario
