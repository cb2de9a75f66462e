// The long texts of the commands' help pages (`vpnsim help COMMAND`), kept apart from the
// command-line wiring in main.cpp.
#include "sim/cli/help_text.hpp"

namespace vpnsim::cli {

extern const char* const kRunDescription =
    R"(Replays FILE (a TOML scenario) in simulated time and prints, per AWS tunnel: outside IP,
Status, StatusMessage (as the AWS console shows them), IKE SA and CHILD_SA state with the
time each came up, the negotiated traffic selectors, and the BGP FSM state.)";

extern const char* const kBenchDescription =
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
explore scenarios/s per core and >= 1.8x that on two threads. Instructions per simulated event (target <= 1000 on
the healthy 10-minute replay) are counted by tools/profile with callgrind. Run it from the repository's root (the memory
figures read scenarios/). The replays run in 10 timed batches; the median batch is
compared with the target and the best is shown too, since other load on the machine slows
some batches. Prints "NOT met" beside a missed target (the exit status stays 0: a
benchmark is not a test).)";

extern const char* const kReportDescription =
    R"(Replays FILE with the built-in reachability probes and writes one self-contained HTML page
(inline CSS, SVG and script; nothing is fetched, so it opens from disk or a CI artifact): the
AWS view (tunnel table, VgwTelemetry, the end-to-end verdict), the diagnosis with each cause
linked to its evidence, the fix sets proved by re-simulation with their cost and disruption,
a ladder diagram per tunnel (every IKE, ESP, TCP and BGP packet as an arrow at its simulated
time, drops where they happen with their reason, timer expiries and state changes as marks;
click an arrow for its fields), the state timeline (IKE SA, CHILD_SA, TCP, BGP and Status per
tunnel end), the CloudWatch log lines (filterable) and the trace. --from/--to narrow the
ladders and timeline to a window (the page can zoom further). --format svg writes only the
ladder of --tunnel N, for slides and docs. Exit status 0 when written, 2 on bad input, 3 when
the run spent its event budget (the page still shows what happened).)";

extern const char* const kWhatIfDescription =
    R"(Replays FILE twice -- as written, and with the --set changes and --fix catalogue fixes
applied -- and shows the difference: both tunnel tables side by side, the end-to-end verdict
of each, the first trace record where the runs diverge, and the causes that went away or
appeared. A key is named by its dotted path as the loader names it (aws.tunnel[0].x, with
aws.tunnel[*].x for every tunnel; cgw.tunnel[1].local_ts; path.nat); a bad key or value is
reported against the --set argument. --report FILE writes both runs into one HTML report.
Exit status 0 when the changed run is healthy (every tunnel UP, traffic flowing both ways),
1 when it is not, 2 on bad input, 3 when a run spent its event budget.)";

extern const char* const kExploreDescription =
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

extern const char* const kExploreExit = R"(
Exit status: 0 every property held (or a census ran), 1 a property failed, 2 bad input or
usage.)";

extern const char* const kDiagnoseDescription =
    R"(Replays FILE with the built-in reachability probes (10 pings each way between a VPC host
and a host in every on-premises prefix, in the last 20 s) and names each cause of a DOWN
tunnel, of traffic that does not flow through UP tunnels, or of an incident on the way, with a
stable code such as ts.excludes-bgp-peers or bgp.not-configured-on-cgw: an explanation, what
AWS shows (Status, StatusMessage, the CloudWatch line) and the simulated trace records that
prove it. Causes come in the order the packets met them. The scenario's [expect] is not read.)";

extern const char* const kDiagnoseExit = R"(
Exit status: 0 every tunnel UP, traffic flowing and nothing found, 1 causes found (or DOWN
or traffic failing, and unexplained),
2 bad input, 3 the run spent its event budget (incomplete: nothing is diagnosed).)";

extern const char* const kFixDescription =
    R"(Searches a catalogue of fixes (change the CGW config, open a firewall, modify AWS tunnel or
connection options, recreate the VPN connection), cheapest first, re-simulating every
candidate, and reports the minimal fix sets: each brings every tunnel UP with every
advertised prefix accepted and traffic flowing both ways between the VPC and every
on-premises prefix (built-in probe pings, shown in the output), and no proper subset does. A simulation that spends its event
budget proves nothing: an incomplete run of FILE itself stops the search, and an
incomplete candidate is listed as not judged.)";

extern const char* const kFixExit = R"(
Exit status: 0 a working fix set exists (or nothing needs fixing), 1 none in the catalogue
works (or --apply names a set that does not exist), 2 bad input, 3 incomplete: FILE's own
run, or every candidate that might have worked, spent its event budget.)";

extern const char* const kImportDescription =
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

extern const char* const kImportExit = R"(
Exit status: 0 written; 2 bad input (file:line:col, the JSON path or the configuration's words
for the key, and why), FILE
holding several connections and no --connection (their ids are listed), or -o naming an
existing file without --force. Nothing is written unless the whole scenario is.)";

extern const char* const kMatrixDescription =
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

extern const char* const kFleetDescription =
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

extern const char* const kQuizDescription =
    R"(Self-study over the training catalogue (--dir, default scenarios/training). Each question
shows what AWS shows for a broken scenario -- the connection and its tunnel options, the
tunnel table's Status and StatusMessage, VgwTelemetry, the CloudWatch IKE and BGP log lines --
and what its users see (pings between the VPC and on premises); never the scenario file or
the simulator's records. It asks for the cause (one of the options is a cause `vpnsim
diagnose` names; the others are causes of other catalogue scenarios) and then for the
cheapest fix (the first fix set `vpnsim fix` proves, or none), checks both against what
diagnose and fix derive from the simulation (never against [expect]), explains, shows the
scenario's lesson, and keeps a score. Answer with an option's number or a code; q quits
with the score so far. On a terminal it asks and waits; otherwise it reads one answer per
line from stdin. --scenario NAME --answer CAUSE --fix FIX judges one question without
asking. --difficulty is computed from each scenario's simulation: easy, one cause with a
clear AWS symptom; medium, two causes or every tunnel UP while traffic fails; hard, several
causes, a lossy path, or a failure that only shows after rekey, lifetime or DPD timers.)";

extern const char* const kQuizExit = R"(
Exit status: 0 the quiz ran (with --scenario: both answers right), 1 with --scenario: the
cause or the fix is wrong, 2 bad usage, an unknown scenario, cause or fix code (with a
suggestion), or a scenario under --dir that does not load.)";

}  // namespace vpnsim::cli
