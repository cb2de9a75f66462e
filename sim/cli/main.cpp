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
#include "sim/cli/help_text.hpp"

namespace {

using vpnsim::cli::Args;
using namespace vpnsim::cli;  // the help texts (help_text.hpp)

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

// What report and what-if's HTML show of a run.
void report_outputs(CLI::App& cmd, Args& args) {
    cmd.add_option_function<std::string>(
           "-o,--output", [&args](const std::string& v) { args.options["output"] = v; },
           "write it to FILE (complete or not at all; default: standard output)")
        ->type_name("FILE");
    value(cmd, args, "from", "T", "the time window's start, e.g. 0, 90s, 2m (default: the start)");
    value(cmd, args, "to", "T", "the time window's end (default: the run's end)");
    value(cmd, args, "rows", "N", "at most N rows per ladder diagram (default 3000)");
    flag(cmd, args, "no-fix", "do not search proved fixes (faster)");
    value(cmd, args, "fix-budget", "N", "at most N simulations for the fix search (default 60)");
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

    auto& report_cmd = add("report",
                           "an HTML report: AWS view, ladder diagrams, state timeline, "
                           "diagnosis, fixes, logs",
                           vpnsim::cli::cmd_report, kReportDescription);
    positional(report_cmd, args, "FILE", "the scenario");
    report_outputs(report_cmd, args);
    value(report_cmd, args, "format", "html|svg",
          "html: the whole report (default); svg: one tunnel's ladder diagram alone");
    value(report_cmd, args, "tunnel", "N", "with --format svg: the AWS tunnel (default 1)");
    run_options(report_cmd, args);

    auto& what_if =
        add("what-if", "replay a scenario as written and with changes; show the difference",
            vpnsim::cli::cmd_what_if, kWhatIfDescription);
    positional(what_if, args, "FILE", "the scenario");
    values(
        what_if, args, "set", "KEY=VALUE",
        "change a scenario key (repeatable), e.g. cgw.tunnel[0].local_ts=[\"0.0.0.0/0\"] or "
        "aws.tunnel[1].dpd_timeout_action=restart (TOML value; a bare word is taken as a string)");
    values(what_if, args, "fix", "CODE",
           "apply a catalogue fix by its code (repeatable), e.g. "
           "cgw.enable-nat-t");
    value(what_if, args, "report", "FILE", "also write both runs side by side as one HTML report");
    report_outputs(what_if, args);
    run_options(what_if, args);

    auto& check =
        add("check", "validate scenario files without running them", vpnsim::cli::cmd_check);
    positional(check, args, "FILE...", "the scenarios");
    max_file_size(check, args);

    auto& list =
        add("list", "one line per scenario under DIR (default: scenarios)", vpnsim::cli::cmd_list);
    positional(list, args, "DIR", "where to look");
    flag(list, args, "long", "also each scenario's lesson, wrapped and indented under its line");
    max_file_size(list, args);

    auto& quiz = add("quiz", "self-study: the cause and the cheapest fix of broken scenarios",
                     vpnsim::cli::cmd_quiz);
    value(quiz, args, "dir", "DIR", "the catalogue (default scenarios/training)");
    value(quiz, args, "questions", "N", "questions to ask (default 10)");
    value(quiz, args, "seed", "N",
          "the question order and option order (default: a random one, shown)");
    value(quiz, args, "difficulty", "easy|medium|hard", "ask only scenarios of this difficulty");
    value(quiz, args, "scenario", "NAME", "judge one question: this broken scenario (file name)");
    value(quiz, args, "answer", "CAUSE", "with --scenario: the cause code answered");
    value(quiz, args, "fix", "FIX",
          "with --scenario: the fix answered (codes joined by +, or none)");
    max_file_size(quiz, args);
    quiz.footer(std::string("\n") + kQuizDescription + "\n" + kQuizExit);

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
