#!/usr/bin/env bash
# vpnsim report and vpnsim what-if on the command line: outputs, exit statuses, errors that
# point at the bad argument, nothing half-written, byte-identical reruns.
#   usage: report_test.sh VPNSIM ROOT
source "$(dirname "$0")/common.sh" "$@"
cd "$root"
broken=scenarios/training/accel-without-nat-t.toml
fixed=scenarios/training/accel-without-nat-t-fixed.toml

expect_status 0 "report to stdout" "$vpnsim" report "$broken" --no-fix
head -c 15 "$tmp/out" | grep -q '<!DOCTYPE html>' || fail "report: not an HTML page"
grep -q '</html>' "$tmp/out" || fail "report: page not complete"
expect_status 0 "report -o" "$vpnsim" report "$broken" --fix-budget 10 -o "$tmp/a.html"
expect_status 0 "report again" "$vpnsim" report "$broken" --fix-budget 10 -o "$tmp/b.html"
cmp -s "$tmp/a.html" "$tmp/b.html" || fail "report: two runs differ"
grep -q 'cgw.enable-nat-t' "$tmp/a.html" || fail "report: the proved fix is missing"
expect_status 0 "svg" "$vpnsim" report "$broken" --format svg --from 1s --to 10s
head -c 5 "$tmp/out" | grep -q '<?xml' || fail "svg: no XML declaration"
grep -q 'IKE_SA_INIT request' "$tmp/out" || fail "svg: no IKE_SA_INIT arrow"
if grep -q 'data-t="0.000"' "$tmp/out"; then fail "svg: rows before --from"; fi

expect_status 2 "bad format" "$vpnsim" report "$broken" --format pdf
grep -q -- "--format must be html or svg" "$tmp/err" || fail "bad format: $(cat "$tmp/err")"
expect_status 2 "bad --from" "$vpnsim" report "$broken" --from soon
grep -q -- "--from must be a time" "$tmp/err" || fail "bad --from: $(cat "$tmp/err")"
expect_status 2 "window backwards" "$vpnsim" report "$broken" --from 20s --to 10s
expect_status 2 "no such tunnel" "$vpnsim" report "$broken" --format svg --tunnel 3
grep -q "the scenario has 2 AWS tunnel" "$tmp/err" || fail "tunnel 3: $(cat "$tmp/err")"
printf '[scenario]\nname = "x"\nduration = "forever"\n' >"$tmp/bad.toml"
expect_status 2 "bad scenario" "$vpnsim" report "$tmp/bad.toml" -o "$tmp/bad.html"
grep -q "bad.toml:3:" "$tmp/err" || fail "bad scenario: error lacks file:line: $(cat "$tmp/err")"
[ ! -e "$tmp/bad.html" ] || fail "bad scenario: an output file was written"

# what-if
expect_status 0 "what-if fix" "$vpnsim" what-if "$broken" --fix cgw.enable-nat-t
grep -q "accel.nat-t-required" "$tmp/out" || fail "what-if: the cause that went away is not named"
grep -q "first difference in the trace" "$tmp/out" || fail "what-if: no divergence shown"
cp "$tmp/out" "$tmp/w1"
expect_status 0 "what-if again" "$vpnsim" what-if "$broken" --fix cgw.enable-nat-t
cmp -s "$tmp/out" "$tmp/w1" || fail "what-if: two runs differ"
expect_status 0 "what-if --set" "$vpnsim" what-if "$broken" --set cgw.nat_t=true
expect_status 1 "what-if still broken" "$vpnsim" what-if "$broken" \
    --set 'aws.tunnel[1].dpd_timeout_action=restart'
grep -q "NOT healthy" "$tmp/out" || fail "what-if: verdict missing"
expect_status 1 "what-if breaks the fixed twin" "$vpnsim" what-if "$fixed" --set cgw.nat_t=false
grep -q "causes new:" "$tmp/out" && grep -q "accel.nat-t-required" "$tmp/out" ||
    fail "what-if: the new cause is not named"
expect_status 2 "what-if bad value" "$vpnsim" what-if "$broken" \
    --set 'aws.tunnel[0].dpd_timeout_action=restrat'
grep -q -- '^--set aws.tunnel\[0\].dpd_timeout_action=restrat:1:34: aws.tunnel\[0\].dpd_timeout_action: ' \
    "$tmp/err" || fail "what-if bad value: $(cat "$tmp/err")"
expect_status 2 "what-if bad key" "$vpnsim" what-if "$broken" --set 'aws.tunel[0].x=1'
expect_status 2 "what-if no =" "$vpnsim" what-if "$broken" --set 'cgw.nat_t'
expect_status 2 "what-if unknown fix" "$vpnsim" what-if "$broken" --fix cgw.enable-nat
grep -q "did you mean 'cgw.enable-nat-t'" "$tmp/err" || fail "unknown fix: $(cat "$tmp/err")"
expect_status 2 "what-if nothing" "$vpnsim" what-if "$broken"
expect_status 0 "what-if --report" "$vpnsim" what-if "$broken" --fix cgw.enable-nat-t --no-fix \
    --report "$tmp/w.html"
grep -q 'id="run2"' "$tmp/w.html" || fail "what-if --report: the changed run is missing"

echo "report cli test: $failures failure(s)"
[ "$failures" -eq 0 ]
