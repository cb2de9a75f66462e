#!/usr/bin/env bash
# Command-line contract tests: exit statuses (0 ok, 1 expectation failed, 2 bad input),
# error texts located at file:line:col, output files, and byte-identical reruns.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh" "$@"

narrow="$root/scenarios/training/ts-cgw-proxy-ids-narrow.toml"

expect_status 0 "--help" "$vpnsim" --help
grep -q "Usage:" "$tmp/out" || fail "--help prints usage"
expect_status 0 "help run" "$vpnsim" help run
grep -q -- "--format" "$tmp/out" || fail "help run lists --format"
expect_status 2 "no arguments" "$vpnsim"
expect_status 2 "unknown command" "$vpnsim" frobnicate
expect_status 2 "unknown option" "$vpnsim" run "$narrow" --formt json
grep -q "not expected: --formt" "$tmp/err" || fail "unknown option is named"
expect_status 2 "bad --format" "$vpnsim" run "$narrow" --format xml

# bench: both figures, each with its target verdict (a speed target is never a test failure).
expect_status 0 "bench" "$vpnsim" bench "$narrow" --replays 20 --events 1000
grep -q "^replay .*20 replays in 10 batches: median .* us/replay .*target <= 100 us: " "$tmp/out" ||
    fail "bench replay line: $(cat "$tmp/out")"
grep -q "^kernel  event storm: 1000 events .* M events/s; target >= 10 M: " "$tmp/out" ||
    fail "bench kernel line: $(cat "$tmp/out")"
expect_status 2 "bench bad count" "$vpnsim" bench "$narrow" --replays 0

# Bad input: located, key named, exit 2, nothing on stdout.
cat >"$tmp/bad.toml" <<'TOML'
[scenario]
name = "bad"
duraton = "5m"
TOML
expect_status 2 "bad scenario" "$vpnsim" run "$tmp/bad.toml"
grep -q "bad.toml:3:1: scenario.duraton: unknown key; did you mean 'duration'?" "$tmp/err" ||
    fail "unknown key diagnostic: $(cat "$tmp/err")"
[ ! -s "$tmp/out" ] || fail "bad input printed to stdout"
expect_status 2 "missing file" "$vpnsim" run "$tmp/nope.toml"
grep -q "nope.toml:1:1: cannot read file" "$tmp/err" || fail "missing file diagnostic"

# A failed expectation is exit 1 and says what differed.
sed 's/message = "IPSEC IS UP"/message = "1 BGP ROUTES"/' "$narrow" >"$tmp/wrong.toml"
expect_status 1 "failed expectation" "$vpnsim" run "$tmp/wrong.toml"
grep -q 'message: expected "1 BGP ROUTES", got "IPSEC IS UP"' "$tmp/err" ||
    fail "expectation message: $(cat "$tmp/err")"
expect_status 0 "--no-expect" "$vpnsim" run "$tmp/wrong.toml" --no-expect

# JSON output and log files.
expect_status 0 "json" "$vpnsim" run "$narrow" --format json
grep -q '"StatusMessage": "IPSEC IS UP"' "$tmp/out" || fail "json VgwTelemetry"
grep -q '(AWS-side) 172.31.0.0/16 <=> (CGW-side) 10.0.0.0/16' "$tmp/out" || fail "json phase 2 log"
expect_status 0 "--logs" "$vpnsim" run "$narrow" --logs "$tmp/logs"
[ "$(ls "$tmp/logs" | wc -l)" -eq 4 ] || fail "--logs writes 4 streams: $(ls "$tmp/logs")"
ls "$tmp/logs" | grep -q '^vpn-[0-9a-f]*_203.0.113.10-IKE.log$' || fail "IKE stream name"
expect_status 2 "--logs on bad input writes nothing" "$vpnsim" run "$tmp/bad.toml" --logs "$tmp/nologs"
[ ! -e "$tmp/nologs" ] || fail "bad input created the --logs directory"

# Determinism: byte-identical output on a rerun; a different seed changes SPIs.
"$vpnsim" run "$narrow" --trace --format json >"$tmp/a" 2>&1
"$vpnsim" run "$narrow" --trace --format json >"$tmp/b" 2>&1
cmp -s "$tmp/a" "$tmp/b" || fail "two runs differ"
"$vpnsim" run "$narrow" --trace --format json --seed 7 >"$tmp/c" 2>&1
cmp -s "$tmp/a" "$tmp/c" && fail "--seed has no effect"

# diagnose: causes with evidence, exit 1; a healthy twin exits 0.
expect_status 1 "diagnose narrow" "$vpnsim" diagnose "$narrow"
grep -q "ts.excludes-bgp-peers" "$tmp/out" || fail "diagnose names the cause"
grep -q "reason=selector-mismatch" "$tmp/out" || fail "diagnose shows evidence"
expect_status 0 "diagnose healthy" "$vpnsim" diagnose "$root/scenarios/training/ts-cgw-proxy-ids-narrow-fixed.toml"
expect_status 1 "diagnose json" "$vpnsim" diagnose "$narrow" --format json
grep -q '"code": "ts.excludes-bgp-peers"' "$tmp/out" || fail "diagnose json"
expect_status 2 "diagnose bad input" "$vpnsim" diagnose "$tmp/bad.toml"

# fix: minimal sets; --apply writes a scenario that then passes `vpnsim run`.
nobgp="$root/scenarios/training/bgp-not-configured-on-cgw.toml"
expect_status 0 "fix" "$vpnsim" fix "$nobgp"
grep -q "\[1\] cgw.enable-bgp" "$tmp/out" || fail "fix lists the cheapest set first"
grep -q "aws.recreate-vpn-static: t1 DOWN" "$tmp/out" || fail "recreate without re-point shown to fail"
expect_status 0 "fix --apply" "$vpnsim" fix "$nobgp" --apply 2 --out "$tmp/fixed.toml"
expect_status 0 "run the fixed scenario" "$vpnsim" run "$tmp/fixed.toml"
grep -q "static routing" "$tmp/out" || fail "the applied recreate is static"
expect_status 1 "fix --apply out of range" "$vpnsim" fix "$nobgp" --apply 9
expect_status 2 "fix --out without --apply" "$vpnsim" fix "$nobgp" --out "$tmp/x.toml"
[ ! -e "$tmp/x.toml" ] || fail "--out without --apply wrote a file"

# check / list / dot
expect_status 0 "check" "$vpnsim" check "$narrow"
expect_status 0 "list" "$vpnsim" list "$root/scenarios"
grep -q "ts-cgw-proxy-ids-narrow.toml" "$tmp/out" || fail "list shows the catalogue"
expect_status 0 "dot" "$vpnsim" dot "$narrow"
grep -q "graph topology" "$tmp/out" || fail "dot output"

[ "$failures" -eq 0 ] && echo "cli: all checks passed"
exit $((failures > 0))
