#!/usr/bin/env bash
# CGW configuration files on the command line: `import --cgw` writes a scenario from them;
# `vpnsim matrix` runs templates against every combination of AWS options, with JUnit XML whose
# shape xmllint checks; `vpnsim fleet` checks a folder of sites, and its shards merged give
# exactly the unsharded output. Bad files are exit 2 with file:line:col.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh" "$@"

t="$root/scenarios/templates"
describe="$t/describe-vpn-connections.json"
dynamic=vpn-0c0ffee0c0ffee001

# import --cgw: the files' CGW, placeholders filled; it runs with both tunnels UP.
expect_status 0 "import --cgw" "$vpnsim" import --aws "$describe" --connection "$dynamic" \
    --cgw "$t/strongswan/healthy.swanctl.conf" --cgw "$t/frr/healthy.frr.conf" -o "$tmp/swan.toml"
grep -qx 'vendor = "strongswan"' "$tmp/swan.toml" || fail "import --cgw: the vendor is strongSwan"
grep -q '^# .*healthy.frr.conf' "$tmp/swan.toml" || fail "import --cgw: the header names the files"
expect_status 0 "run the imported CGW" "$vpnsim" run "$tmp/swan.toml" --probes
[ "$(grep -cE '^[12] .* UP ' "$tmp/out")" -eq 2 ] || fail "imported CGW: both tunnels UP: $(cat "$tmp/out")"

# A broken file: exit 2 at the file's line and column, nothing written.
printf 'crypto ikev2 proposal P\n encryption rot13\n' >"$tmp/bad.cfg"
expect_status 2 "a bad configuration" "$vpnsim" import --aws "$describe" --connection "$dynamic" \
    --cgw "$tmp/bad.cfg" -o "$tmp/bad.toml"
grep -q "^$tmp/bad.cfg:2:[0-9]*: " "$tmp/err" || fail "bad configuration located: $(cat "$tmp/err")"
[ ! -e "$tmp/bad.toml" ] || fail "bad configuration: nothing is written"
printf 'peer {{ tunnel3.outside_ip }}\n' >"$tmp/bad.swanctl.conf"
expect_status 2 "an unknown placeholder" "$vpnsim" import --aws "$describe" --connection "$dynamic" \
    --cgw "$tmp/bad.swanctl.conf"
grep -qF "$tmp/bad.swanctl.conf:1:6: tunnel3.outside_ip: unknown placeholder" "$tmp/err" ||
    fail "unknown placeholder located: $(cat "$tmp/err")"
printf 'hello\n' >"$tmp/mystery.txt"
expect_status 2 "an unknown dialect" "$vpnsim" import --aws "$describe" --connection "$dynamic" \
    --cgw "$tmp/mystery.txt"
grep -qF "cannot tell the configuration's dialect" "$tmp/err" || fail "unknown dialect: $(cat "$tmp/err")"

# matrix: a table, JUnit XML of the right shape, exit 1 when a case fails.
expect_status 1 "matrix" "$vpnsim" matrix "$t/cisco-ios/no-nat-t.cfg" \
    --aws-options "$t/options.matrix.toml" --junit "$tmp/junit.xml"
grep -q '^2 .*FAIL .*nat.pat-without-nat-t .*cgw.enable-nat-t$' "$tmp/out" ||
    fail "matrix: case 2 fails behind the PAT, fixed by NAT-T: $(cat "$tmp/out")"
grep -q '^1 of 8 cases pass' "$tmp/out" || fail "matrix: one case of eight passes: $(cat "$tmp/out")"
cp "$tmp/out" "$tmp/matrix1.txt"
expect_status 1 "matrix --jobs 2" "$vpnsim" matrix "$t/cisco-ios/no-nat-t.cfg" \
    --aws-options "$t/options.matrix.toml" --junit "$tmp/junit2.xml" --jobs 2
cmp -s "$tmp/out" "$tmp/matrix1.txt" || fail "matrix: --jobs 2 gives the same table"
cmp -s "$tmp/junit.xml" "$tmp/junit2.xml" || fail "matrix: --jobs 2 gives the same JUnit XML"
xmllint --noout "$tmp/junit.xml" || fail "junit: well-formed XML"
count() { xmllint --xpath "$1" "$tmp/junit.xml"; }
[ "$(count 'count(/testsuites/testsuite/testcase)')" = 8 ] || fail "junit: one testcase per case"
[ "$(count 'count(//testcase[failure])')" = 7 ] || fail "junit: seven failures"
[ "$(count 'string(/testsuites/testsuite/@failures)')" = 7 ] || fail "junit: the suite counts them"
count 'string(//testcase[2]/failure/@message)' | grep -q 'nat.pat-without-nat-t; cheapest fix: cgw.enable-nat-t' ||
    fail "junit: the failure message has the cause and the fix"
count 'string(//testcase[2]/system-out)' | grep -q 'pat-cannot-translate-esp' ||
    fail "junit: system-out has the trace evidence"
printf '[scenario]\nname = "ok"\nduration = "2m"\n[aws]\ndescribe = "%s"\nconnection = "%s"\n[matrix]\n"path.nat" = ["none", "pat"]\n"aws.tunnel[*].dpd_timeout_action" = ["clear", "restart"]\n' \
    "$describe" "$dynamic" >"$tmp/ok.matrix.toml"
expect_status 0 "matrix, all pass" "$vpnsim" matrix "$t/cisco-ios/healthy-ikev2.cfg" \
    --aws-options "$tmp/ok.matrix.toml" --no-fix
grep -q '^4 of 4 cases pass' "$tmp/out" || fail "matrix: all four pass: $(cat "$tmp/out")"
printf '[scenario]\nname = "m"\n[aws]\ndescribe = "%s"\nconnection = "%s"\n[matrix]\n"aws.routing" = ["dynamic", "sideways"]\n' \
    "$describe" "$dynamic" >"$tmp/bad.matrix.toml"
expect_status 1 "a refused axis value" "$vpnsim" matrix "$t/cisco-ios/healthy-ikev2.cfg" \
    --aws-options "$tmp/bad.matrix.toml" --no-fix
grep -q '^2 .*sideways .*ERROR' "$tmp/out" || fail "matrix: a refused value is an ERROR case: $(cat "$tmp/out")"

# fleet: sites in path order; shards merged are the unsharded output, byte for byte.
mkdir -p "$tmp/fleet/site-a" "$tmp/fleet/site-b"
cp "$t/describe-vpn-connections.json" "$tmp/fleet/"
for s in a b; do
    cp "$t/strongswan/healthy.swanctl.conf" "$t/frr/healthy.frr.conf" "$tmp/fleet/site-$s/"
done
cp "$t/frr/md5.frr.conf" "$tmp/fleet/site-b/healthy.frr.conf"
for s in a b; do
    printf '[scenario]\nname = "site-%s"\nduration = "2m"\n[aws]\ndescribe = "../describe-vpn-connections.json"\nconnection = "%s"\n[cgw]\nconfig = ["healthy.swanctl.conf", "healthy.frr.conf"]\n' \
        "$s" "$dynamic" >"$tmp/fleet/site-$s/site.toml"
done
printf '[scenario]\nname = "broken"\n' >"$tmp/fleet/z-broken.toml"
expect_status 1 "fleet" "$vpnsim" fleet "$tmp/fleet" --format jsonl --jobs 2
cp "$tmp/out" "$tmp/all.jsonl"
[ "$(wc -l <"$tmp/all.jsonl")" -eq 3 ] || fail "fleet: one line per site"
grep -q '"name":"site-a".*"status":"UP"' "$tmp/all.jsonl" || fail "fleet: site a UP"
grep -q '"causes":\["bgp.md5-mismatch"\].*"name":"site-b"\|"name":"site-b".*"causes":\["bgp.md5-mismatch"\]' "$tmp/all.jsonl" ||
    fail "fleet: site b's cause: $(cat "$tmp/all.jsonl")"
grep -q '"status":"ERROR"' "$tmp/all.jsonl" || fail "fleet: the broken site is an ERROR"
for k in 0 1; do
    JOB_COMPLETION_INDEX=$k VPNSIM_SHARDS=2 "$vpnsim" fleet "$tmp/fleet" --format jsonl \
        >"$tmp/shard$k.jsonl" 2>/dev/null
done
expect_status 1 "fleet merge" "$vpnsim" fleet merge "$tmp/shard1.jsonl" "$tmp/shard0.jsonl" --format jsonl
cmp -s "$tmp/out" "$tmp/all.jsonl" || fail "fleet: the merged shards equal the unsharded run"
expect_status 1 "fleet summary" "$vpnsim" fleet "$tmp/fleet"
grep -q '^fleet: 3 sites -- 1 UP' "$tmp/out" || fail "fleet summary: $(cat "$tmp/out")"
grep -q '^bgp.md5-mismatch *1$' "$tmp/out" || fail "fleet summary: the top causes"
expect_status 2 "fleet: not a directory" "$vpnsim" fleet "$tmp/none"

exit $((failures > 0))
