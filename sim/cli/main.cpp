// vpnsim: the command-line entry point. Only wiring lives here: the command line is declared
// with CLI11 (Debian's libcli11-dev), parsed into Args, and dispatched; each command checks
// its own values and returns the exit status.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdio>
#include <exception>
#include <functional>
#include <map>
#include <new>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "sim/cli/commands.hpp"

namespace {

using vpnsim::cli::Args;

constexpr const char* kVersion = "vpnsim 0.1.0";

constexpr const char* kDescription =
    "vpnsim - offline simulator and test bench for AWS Site-to-Site VPN negotiation";

constexpr const char* kExitStatus = R"(
Exit status: 0 ok (the scenario's [expect] holds, or it has none), 1 an expectation
failed, 2 bad input (the error names file:line:col and key) or bad usage, 3 incomplete:
the run spent its event budget before the scenario's end, so there is no verdict.
An output that cannot be written (a full disk) is exit status 2; 70 is a bug in vpnsim.
Every command that reads scenario files takes --max-file-size SIZE (default 1M; a
scenario is a few KB): a larger file is refused with exit status 2.
Run 'vpnsim help COMMAND' for a command's options.)";

constexpr const char* kRunDescription =
    R"(Replays FILE (a TOML scenario) in simulated time and prints, per AWS tunnel: outside IP,
Status, StatusMessage (as the AWS console shows them), IKE SA and CHILD_SA state with the
time each came up, the negotiated traffic selectors, and the BGP FSM state.)";

constexpr const char* kBenchDescription =
    R"(Measures, in one run: the peak memory of a `vpnsim run --trace` process (started for
each measurement) for a heavy scenario -- the bundled prefix-limit loop run for 24h with a
1s connect-retry -- and for every bundled scenario; the memory per simulated tunnel: the heap
a built and run World holds (its result included) for the healthy two-tunnel example over 10
minutes, divided by its tunnels -- every allocation of that run goes to a private mimalloc heap
whose blocks still in use are summed (blocks times their size class), so the figure depends on
what is allocated, never on timing (skipped in a build without mimalloc) -- once as `run` keeps
it (trace and CloudWatch log events) and once keeping the outcome only (as the fix search runs;
the target's figure); scenario replays per second (TOML parse + validate + simulate) of FILE
(default scenarios/training/ts-cgw-proxy-ids-narrow.toml);
raw kernel events per second on a synthetic event storm; the healthy two-tunnel example
(scenarios/examples/010-healthy-dynamic.toml) replayed for 10 minutes, its simulation timed
against its own TOML parse; and generated-and-simulated scenarios per second of an explore
census on one thread and on two. Targets: peak <= 64 MiB, <= 4 KiB per tunnel, <= 100 us
per replay, >= 10 M events/s, the healthy 10-minute simulation <= 4x its parse, >= 20000
explore scenarios/s per
core and >= 1.8x that on two threads. Instructions per simulated event (target <= 1000 on
the healthy 10-minute replay) are counted by tools/profile with callgrind. Run it from the repository's root (the memory
figures read scenarios/). The replays run in 10 timed batches; the median batch is
compared with the target and the best is shown too, since other load on the machine slows
some batches. Prints "NOT met" beside a missed target (the exit status stays 0: a
benchmark is not a test).)";

constexpr const char* kExploreDescription =
    R"(Generates scenarios -- a healthy connection drawn from the realistic option space (one or two
tunnels, IKEv1/IKEv2, static or BGP, VGW or TGW, acceleration, NAT, proposals, vendor), or
the --from scenario, with up to --mutate K fields set to other valid values across the whole
schema -- simulates each with the built-in reachability probes, and checks properties:
  invariants          time never goes back; every drop has a reason; Status UP iff IPsec up and
                      (static or BGP Established); BGP only over a CHILD_SA covering both
                      inside addresses; traffic only through tunnels that had a CHILD_SA
  diagnosis-complete  an unhealthy run gets a cause, and every DOWN tunnel is named by one
  fix-sound           every fix set `vpnsim fix` proposes, applied (and replayed from the TOML
                      `fix --apply` writes), makes traffic flow end to end
  deterministic       two runs give byte-identical reports and traces
  healthy-converges   an unmutated base is UP with traffic flowing within 75 s
  round-trip          the scenario written as TOML (full and minimal) loads back equal
The lowest failing case of each property is shrunk by rapidcheck to a minimal scenario,
written with --out DIR as DIR/PROPERTY.toml (only fields that differ from defaults; `vpnsim
run` replays it) with the command that reproduces it.
--census N runs N cases and tabulates their outcomes instead: UP, each cause code `diagnose`
names, "unexplained" (unhealthy, no cause), each with its share and one shrunk example.
Case i is a pure function of (--seed, i), so results do not depend on --jobs, and --shard k/N
(cases i with i mod N = k) splits a run across processes or machines: without --shard the
index comes from a Kubernetes Indexed Job (JOB_COMPLETION_INDEX with --shards N or
VPNSIM_SHARDS) or a Slurm job array (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT). Write each
shard with --format jsonl --output FILE; `vpnsim explore merge FILE...` joins them into the
output one run would have printed, byte for byte.)";

constexpr const char* kExploreExit = R"(
Exit status: 0 every property held (or a census ran), 1 a property failed, 2 bad input or
usage.)";

constexpr const char* kDiagnoseDescription =
    R"(Replays FILE with the built-in reachability probes (10 pings each way between a VPC host
and a host in every on-premises prefix, in the last 20 s) and names each cause of a DOWN
tunnel, of traffic that does not flow through UP tunnels, or of an incident on the way, with a
stable code such as ts.excludes-bgp-peers or bgp.not-configured-on-cgw: an explanation, what
AWS shows (Status, StatusMessage, the CloudWatch line) and the simulated trace records that
prove it. Causes come in the order the packets met them. The scenario's [expect] is not read.)";

constexpr const char* kDiagnoseExit = R"(
Exit status: 0 every tunnel UP, traffic flowing and nothing found, 1 causes found (or DOWN
or traffic failing, and unexplained),
2 bad input, 3 the run spent its event budget (incomplete: nothing is diagnosed).)";

constexpr const char* kFixDescription =
    R"(Searches a catalogue of fixes (change the CGW config, open a firewall, modify AWS tunnel or
connection options, recreate the VPN connection), cheapest first, re-simulating every
candidate, and reports the minimal fix sets: each brings every tunnel UP with every
advertised prefix accepted and traffic flowing both ways between the VPC and every
on-premises prefix (built-in probe pings, shown in the output), and no proper subset does. A simulation that spends its event
budget proves nothing: an incomplete run of FILE itself stops the search, and an
incomplete candidate is listed as not judged.)";

constexpr const char* kFixExit = R"(
Exit status: 0 a working fix set exists (or nothing needs fixing), 1 none in the catalogue
works (or --apply names a set that does not exist), 2 bad input, 3 incomplete: FILE's own
run, or every candidate that might have worked, spent its event budget.)";

constexpr const char* kImportDescription =
    R"(Reads FILE, the JSON `aws ec2 describe-vpn-connections` prints ({"VpnConnections": [...]}
or one connection object; `vpnsim run --format json` writes the same shape), and writes a
scenario. [aws] is the connection as AWS holds it: VpnConnectionId, the gateway
(TransitGatewayId or VpnGatewayId), StaticRoutesOnly, EnableAcceleration, the IPv4 network
CIDRs, the static Routes and every TunnelOptions value, checked by the rules a scenario file
is; a field the JSON leaves out keeps AWS's default.
[cgw] is the customer gateway as its configuration files set it up (--cgw, once per file:
strongSwan swanctl.conf, or ipsec.conf with ipsec.secrets; FRR frr.conf or bgpd.conf; a Cisco
IOS/IOS-XE or Junos `set` configuration as AWS's downloadable files have them). The dialect is
found from the file's name or first lines, or named: --cgw junos:edge.txt. Files may be
templates: {{ tunnel1.outside_ip }}, {{ tunnel1.psk }}, {{ tunnel1.cgw_inside_ip }},
{{ aws.asn }} ... are filled from the connection. Without --cgw, [cgw] is AWS's generic
configuration: one tunnel per AWS tunnel, pointing at its outside IP with its pre-shared key,
BGP to the Amazon-side ASN on a dynamic connection, everything else at vpnsim's defaults
(narrowed to what the tunnel accepts). The JSON does not hold the CGW's own address: unless a
file gives it, the scenario uses 198.51.100.10. What vpnsim does not model is ignored, each
with a warning on stderr ("FILE: key X not modelled", "FILE:LINE: ... not modelled").
Without -o the scenario is printed; `vpnsim run` replays it. A scenario can also name the
files itself ([aws] describe = "describe.json", [cgw] config = ["swanctl.conf", "frr.conf"]),
so CI runs on the real files.)";

constexpr const char* kImportExit = R"(
Exit status: 0 written; 2 bad input (file:line:col, the JSON path or the configuration's words
for the key, and why), FILE
holding several connections and no --connection (their ids are listed), or -o naming an
existing file without --force. Nothing is written unless the whole scenario is.)";

constexpr const char* kMatrixDescription =
    R"(Checks CGW configuration templates against every combination of the AWS options a team
uses. MATRIX.toml is a scenario without [cgw] -- its [aws] written out or read from
describe-vpn-connections JSON ([aws] describe = "FILE") -- and a [matrix] table whose keys are
[aws] or [path] keys, each with the values to try:
  [matrix]
  "aws.tunnel[*].ike_versions" = [["ikev2"], ["ikev1"]]
  "aws.routing" = ["dynamic", "static"]
  "path.nat" = ["none", "pat"]
Each combination is one case: the templates are filled from that case's AWS side
({{ tunnel1.outside_ip }}, {{ tunnel1.psk }}, ...) and the case is simulated with the built-in
reachability probes. A case passes when every tunnel is UP and traffic flows both ways between
the VPC and every on-premises prefix; a failing one shows diagnose's causes and the cheapest
fix set the fix search proves by simulation.

Exit status: 0 every case passes; 1 some case fails (or cannot be built, or spent its event
budget); 2 bad input (file:line:col).)";

constexpr const char* kFleetDescription =
    R"(Checks every site of a fleet: each scenario file under DIR, at any depth -- one scenario per
file, or one folder per site whose scenario names the site's own files ([aws] describe =
"describe.json", [cgw] config = ["swanctl.conf", "frr.conf"]). A site is UP only when every
tunnel is UP and traffic flows both ways between the VPC and every on-premises prefix (the
built-in probes); DOWN shows diagnose's causes; ERROR, the site's files' diagnostics. Sites are
taken in path order; with --shard k/N (or a Kubernetes Indexed Job's JOB_COMPLETION_INDEX with
--shards / VPNSIM_SHARDS, or a Slurm array's SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT)
this process checks the sites i with i mod N = k, and `vpnsim fleet merge` joins the shards'
--format jsonl outputs into exactly one run's output.

Exit status: 0 every site UP; 1 some site is not; 2 bad usage or an unreadable DIR.)";

// Declares `--name TYPE` (stored in args.options[name] when given; the command checks it).
void value(CLI::App& cmd, Args& args, const std::string& name, const std::string& type,
           const std::string& help) {
    cmd.add_option_function<std::string>(
           "--" + name, [&args, name](const std::string& v) { args.options[name] = v; }, help)
        ->type_name(type);
}

// Declares the repeatable `--name TYPE` (every value, in order, in args.lists[name]).
void values(CLI::App& cmd, Args& args, const std::string& name, const std::string& type,
            const std::string& help) {
    cmd.add_option_function<std::vector<std::string>>(
           "--" + name,
           [&args, name](const std::vector<std::string>& v) {
               auto& list = args.lists[name];
               list.insert(list.end(), v.begin(), v.end());
           },
           help)
        ->type_name(type)
        ->take_all()
        ->allow_extra_args(false);
}

// Declares the boolean `--name` (in args.flags when given).
void flag(CLI::App& cmd, Args& args, const std::string& name, const std::string& help) {
    cmd.add_flag_callback(
        "--" + name, [&args, name] { args.flags.insert(name); }, help);
}

void positional(CLI::App& cmd, Args& args, const std::string& name, const std::string& help) {
    cmd.add_option(name, args.positional, help)->type_name("");
}

void max_file_size(CLI::App& cmd, Args& args) {
    value(cmd, args, "max-file-size", "SIZE",
          "refuse a scenario file larger than SIZE (default 1M)");
}

// The options run and diagnose share.
void run_options(CLI::App& cmd, Args& args) {
    value(cmd, args, "seed", "N", "override [scenario] seed");
    value(cmd, args, "duration", "D",
          "override [scenario] duration, e.g. 90s, 10m, 1h (at most 24h)");
    value(cmd, args, "event-budget", "N",
          "end a runaway run after N events (1000 to 100000000, default 5000000); a run that "
          "spends it is INCOMPLETE: exit status 3");
    value(cmd, args, "trace-limit", "N",
          "keep at most N trace records (default 65536, at most 10000000); later ones are "
          "counted and a note says so, the run goes on");
    max_file_size(cmd, args);
}

// What explore and explore merge write, and where.
void explore_outputs(CLI::App& cmd, Args& args) {
    value(cmd, args, "format", "text|json|jsonl", "output shape (default text)");
    value(cmd, args, "out", "DIR", "write each shrunk scenario to DIR/KEY.toml");
    value(cmd, args, "output", "FILE", "write the report to FILE (complete or not at all)");
    max_file_size(cmd, args);
}

void fleet_outputs(CLI::App& cmd, Args& args) {
    value(cmd, args, "format", "text|jsonl", "a summary (default), or one JSON object per site");
    value(cmd, args, "output", "FILE", "write it to FILE (complete or not at all)");
    max_file_size(cmd, args);
}

// Runs a command. An exception escaping it is a bug in vpnsim, reported as one (exit 70,
// EX_SOFTWARE), never a crash.
int finish(const std::string& name, int (*run)(const Args&), const Args& args) {
    try {
        return run(args);
    } catch (const std::bad_alloc&) {
        fmt::print(stderr, "vpnsim {}: out of memory\n", name);
    } catch (const std::exception& e) {
        fmt::print(stderr, "vpnsim {}: internal error: {} (please report it with the scenario)\n",
                   name, e.what());
    }
    return vpnsim::cli::kExitInternal;
}

// Makes sure the output really was written: a full disk is an error, not a silent success.
int flushed(int status) {
    if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
        const int error = errno;
        fmt::print(stderr, "vpnsim: cannot write the output: {}\n",
                   std::generic_category().message(error != 0 ? error : EIO));
        return vpnsim::cli::kExitBadInput;
    }
    return status;
}

struct Command {
    CLI::App* app;
    int (*run)(const Args&);
};

int dispatch(int argc, char** argv) {
    CLI::App app{kDescription, "vpnsim"};
    app.footer(kExitStatus);
    app.set_version_flag("--version", kVersion);
    app.require_subcommand(1);
    Args args;
    std::map<std::string, Command> commands;
    // summary: the overview's line; details: the command's own page, after its options.
    const auto add = [&](const std::string& name, const std::string& summary,
                         int (*run)(const Args&), const std::string& details = "") -> CLI::App& {
        CLI::App* cmd = app.add_subcommand(name, summary);
        if (!details.empty()) cmd->footer("\n" + details);
        commands[name] = Command{cmd, run};
        return *cmd;
    };

    auto& run = add("run", "replay a scenario; print the AWS tunnel table", vpnsim::cli::cmd_run);
    positional(run, args, "FILE", "the scenario");
    value(run, args, "format", "text|json",
          "text: the tunnel table (default); json: a describe-vpn-connections shaped document "
          "with VgwTelemetry, plus the CloudWatch log streams");
    flag(run, args, "trace", "include the event trace (every state change and packet drop)");
    value(run, args, "logs", "DIR",
          "write the CloudWatch-style streams to DIR, one file per stream: "
          "<vpn-id>_<outside-ip>-IKE.log and ...-BGP.log (JSON lines)");
    flag(run, args, "force", "with --logs: overwrite existing stream files (default: refuse)");
    run_options(run, args);
    flag(run, args, "probes",
         "add the built-in reachability probes: 10 pings each way between a VPC host and a host "
         "in every on-premises prefix, in the run's last 20 s; the report says whether traffic "
         "flows (as diagnose and fix judge it)");
    flag(run, args, "no-expect",
         "do not check [expect]; exit 0 unless the input is bad or the run is incomplete");
    run.footer(std::string("\n") + kRunDescription + "\n" + kExitStatus);

    auto& diagnose = add("diagnose", "name the causes of DOWN tunnels, with simulated evidence",
                         vpnsim::cli::cmd_diagnose);
    positional(diagnose, args, "FILE", "the scenario");
    value(diagnose, args, "format", "text|json", "output shape (default text)");
    run_options(diagnose, args);
    diagnose.footer(std::string("\n") + kDiagnoseDescription + "\n" + kDiagnoseExit);

    auto& fix =
        add("fix", "find minimal fix sets, each proved by re-simulation", vpnsim::cli::cmd_fix);
    positional(fix, args, "FILE", "the scenario");
    value(fix, args, "format", "text|json", "output shape (default text)");
    value(fix, args, "budget", "N", "at most N simulations (default 200)");
    value(fix, args, "apply", "N",
          "print the scenario with fix set N applied, as TOML ([expect] set from its verifying "
          "run)");
    value(fix, args, "out", "FILE",
          "with --apply: write it to FILE instead (complete or not at all)");
    value(fix, args, "event-budget", "N", "each simulation's event budget, as for vpnsim run");
    max_file_size(fix, args);
    fix.footer(std::string("\n") + kFixDescription + "\n" + kFixExit);

    auto& explore = add("explore", "check properties over generated scenarios; shrink failures",
                        vpnsim::cli::cmd_explore);
    values(explore, args, "property", "NAME",
           "a property to check (repeatable; default all): invariants, diagnosis-complete, "
           "fix-sound, deterministic, healthy-converges, round-trip");
    value(explore, args, "census", "N", "run N cases and tabulate their outcomes instead");
    value(explore, args, "cases", "N", "cases to generate (default 100)");
    value(explore, args, "seed", "S", "the run's seed (default 1); case i depends on S and i only");
    value(explore, args, "mutate", "K", "at most K mutated fields per case (0 to 8, default 2)");
    value(explore, args, "from", "FILE", "mutate this scenario instead of generated bases");
    value(explore, args, "jobs", "J", "threads (default 1; 0 = one per core)");
    value(explore, args, "time-limit", "D",
          "start no case after D (e.g. 10m); the report "
          "covers the cases run");
    value(explore, args, "shard", "k/N", "run only the cases i with i mod N = k");
    value(explore, args, "shards", "N",
          "the shard count of a Kubernetes Indexed Job (with JOB_COMPLETION_INDEX)");
    value(explore, args, "case", "I", "evaluate case I only (the reproduction of a failure)");
    value(explore, args, "shrink-budget", "N", "at most N evaluations per shrink (default 400)");
    flag(explore, args, "quiet", "no progress bar (it is shown only on a terminal anyway)");
    explore_outputs(explore, args);
    explore.footer(std::string("\n") + kExploreDescription + "\n" + kExploreExit);
    CLI::App* merge = explore.add_subcommand(
        "merge", "join shard outputs (--format jsonl) into the output of one run");
    positional(*merge, args, "FILE...", "the shards' JSON-lines outputs");
    explore_outputs(*merge, args);
    commands["explore merge"] = Command{merge, vpnsim::cli::cmd_explore_merge};

    auto& import_cmd =
        add("import", "a scenario from `aws ec2 describe-vpn-connections` JSON (the AWS side)",
            vpnsim::cli::cmd_import);
    value(import_cmd, args, "aws", "FILE",
          "the JSON `aws ec2 describe-vpn-connections` prints (required)");
    value(import_cmd, args, "connection", "ID",
          "the VpnConnectionId to import when FILE has several");
    values(import_cmd, args, "cgw", "[DIALECT:]FILE",
           "a configuration file of the customer gateway (repeatable: swanctl.conf, ipsec.conf, "
           "ipsec.secrets, frr.conf, a Cisco IOS or Junos `set` config; placeholders filled)");
    import_cmd
        .add_option_function<std::string>(
            "-o,--out", [&args](const std::string& v) { args.options["out"] = v; },
            "write the scenario to FILE (complete or not at all) instead of printing it")
        ->type_name("FILE");
    flag(import_cmd, args, "force", "with -o: overwrite an existing FILE (default: refuse)");
    max_file_size(import_cmd, args);
    import_cmd.footer(std::string("\n") + kImportDescription + "\n" + kImportExit);

    auto& matrix_cmd =
        add("matrix", "CGW configuration templates against every combination of AWS options",
            vpnsim::cli::cmd_matrix);
    positional(matrix_cmd, args, "TEMPLATE...",
               "the CGW's configuration files ([DIALECT:]FILE; placeholders filled per case)");
    value(matrix_cmd, args, "aws-options", "MATRIX.toml",
          "the AWS side and the [matrix] of option values to combine (required)");
    value(matrix_cmd, args, "junit", "FILE", "also write the results as JUnit XML to FILE");
    flag(matrix_cmd, args, "no-fix", "do not search a proved fix for failing cases (faster)");
    value(matrix_cmd, args, "jobs", "J", "run J cases at a time (0: one per core; default 1)");
    flag(matrix_cmd, args, "quiet", "no progress bar (it is shown only on a terminal anyway)");
    max_file_size(matrix_cmd, args);
    matrix_cmd.footer(std::string("\n") + kMatrixDescription);

    auto& fleet_cmd =
        add("fleet", "check every site (scenario) under DIR end to end", vpnsim::cli::cmd_fleet);
    positional(fleet_cmd, args, "DIR", "the fleet: scenario files, or one folder per site");
    value(fleet_cmd, args, "jobs", "J", "check J sites at a time (0: one per core; default 1)");
    value(fleet_cmd, args, "shard", "k/N", "check only the sites i with i mod N = k");
    value(fleet_cmd, args, "shards", "N",
          "the shard count of a Kubernetes Indexed Job (with JOB_COMPLETION_INDEX)");
    value(fleet_cmd, args, "duration", "D", "simulate each site for D instead of its own duration");
    flag(fleet_cmd, args, "quiet", "no progress bar (it is shown only on a terminal anyway)");
    fleet_outputs(fleet_cmd, args);
    fleet_cmd.footer(std::string("\n") + kFleetDescription);
    CLI::App* fleet_merge = fleet_cmd.add_subcommand(
        "merge", "join shard outputs (--format jsonl) into the output of one run");
    positional(*fleet_merge, args, "FILE...", "the shards' JSON-lines outputs");
    fleet_outputs(*fleet_merge, args);
    commands["fleet merge"] = Command{fleet_merge, vpnsim::cli::cmd_fleet_merge};

    auto& check =
        add("check", "validate scenario files without running them", vpnsim::cli::cmd_check);
    positional(check, args, "FILE...", "the scenarios");
    max_file_size(check, args);

    auto& list =
        add("list", "one line per scenario under DIR (default: scenarios)", vpnsim::cli::cmd_list);
    positional(list, args, "DIR", "where to look");
    max_file_size(list, args);

    auto& dot = add("dot", "the scenario's network as a Graphviz graph", vpnsim::cli::cmd_dot);
    positional(dot, args, "FILE", "the scenario");
    max_file_size(dot, args);

    auto& bench = add("bench", "measure peak memory, replay speed and raw kernel speed",
                      vpnsim::cli::cmd_bench, kBenchDescription);
    positional(bench, args, "FILE", "the scenario to replay");
    value(bench, args, "replays", "N", "replays to time (default 2000)");
    value(bench, args, "duration", "D", "replay FILE for D instead of its own duration, e.g. 10m");
    value(bench, args, "events", "N", "kernel storm events (default 20000000)");
    flag(bench, args, "no-memory", "skip the memory figures (they take a few seconds)");
    flag(bench, args, "no-healthy", "skip the healthy 10-minute replay figures");
    value(bench, args, "explore-cases", "N",
          "census cases for the explore figures (default 4000; 0 skips them)");
    max_file_size(bench, args);

    std::vector<std::string> help_topic;
    auto& help = *app.add_subcommand("help", "this text, or a command's options");
    help.add_option("COMMAND", help_topic, "the command");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        // `vpnsim CMD --help` prints that command's page; `vpnsim --help` the overview.
        for (auto it = commands.rbegin(); it != commands.rend(); ++it) {
            if (it->second.app->parsed()) {
                std::fputs(it->second.app->help("vpnsim").c_str(), stdout);
                return vpnsim::cli::kExitOk;
            }
        }
        std::fputs(app.help().c_str(), stdout);
        return vpnsim::cli::kExitOk;
    } catch (const CLI::CallForVersion&) {
        fmt::print("{}\n", kVersion);
        return vpnsim::cli::kExitOk;
    } catch (const CLI::ParseError& e) {
        if (argc > 1 && argv[1][0] != '-' && commands.count(argv[1]) == 0 &&
            std::string_view(argv[1]) != "help") {
            fmt::print(stderr, "vpnsim: unknown command '{}' (try 'vpnsim --help')\n", argv[1]);
            return vpnsim::cli::kExitBadInput;
        }
        for (auto it = commands.rbegin(); it != commands.rend(); ++it) {
            if (it->second.app->parsed()) return vpnsim::cli::usage_error(it->first, e.what());
        }
        if (argc <= 1) {
            std::fputs(app.help().c_str(), stderr);
        } else {
            fmt::print(stderr, "vpnsim: {} (try 'vpnsim --help')\n", e.what());
        }
        return vpnsim::cli::kExitBadInput;
    }
    if (help.parsed()) {
        const auto it = help_topic.empty() ? commands.end() : commands.find(help_topic.front());
        std::fputs(
            it == commands.end() ? app.help().c_str() : it->second.app->help("vpnsim").c_str(),
            stdout);
        return vpnsim::cli::kExitOk;
    }
    // Reverse order: "explore merge" before "explore" (both are parsed for the former).
    for (auto it = commands.rbegin(); it != commands.rend(); ++it) {
        if (it->second.app->parsed()) return finish(it->first, it->second.run, args);
    }
    return vpnsim::cli::kExitBadInput;  // require_subcommand(1) leaves no other case
}

}  // namespace

int main(int argc, char** argv) {
    return flushed(dispatch(argc, argv));
}
