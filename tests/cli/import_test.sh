#!/usr/bin/env bash
# `vpnsim import`: the AWS side of a VPN from `aws ec2 describe-vpn-connections` JSON, written
# as a scenario that `vpnsim run` replays (exit 0); bad input is exit 2 with file:line:col, the
# JSON key and why, and nothing written; -o never replaces a file without --force.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh" "$@"

sample="$root/scenarios/import/describe-vpn-connections.json"
vgw=vpn-0a1b2c3d4e5f60718
tgw=vpn-0f9e8d7c6b5a49382

expect_status 0 "help import" "$vpnsim" help import
grep -q -- "--connection ID" "$tmp/out" || fail "help import lists --connection"

# Two connections and no --connection: exit 2, the ids listed, nothing printed.
expect_status 2 "several connections" "$vpnsim" import --aws "$sample"
grep -qF "has 2 VPN connections ($vgw, $tgw); choose one with --connection ID" "$tmp/err" ||
    fail "several connections: the ids are listed: $(cat "$tmp/err")"
[ ! -s "$tmp/out" ] || fail "several connections printed a scenario"

# Each connection: printed as a scenario that runs with both tunnels UP; the keys vpnsim does
# not model are named on stderr.
for id in "$vgw" "$tgw"; do
    expect_status 0 "import $id" "$vpnsim" import --aws "$sample" --connection "$id"
    cp "$tmp/out" "$tmp/$id.toml"
    grep -qx "vpn_id = \"$id\"" "$tmp/$id.toml" || fail "$id: vpn_id written"
    grep -qx "name = \"imported-$id\"" "$tmp/$id.toml" || fail "$id: scenario named after it"
    expect_status 0 "run the imported $id" "$vpnsim" run "$tmp/$id.toml"
    [ "$(grep -cE '^[12] .* UP ' "$tmp/out")" -eq 2 ] || fail "$id: both tunnels UP: $(cat "$tmp/out")"
done
expect_status 0 "warnings" "$vpnsim" import --aws "$sample" --connection "$vgw"
grep -qxF "$sample: key VpnConnections[0].CustomerGatewayConfiguration not modelled" "$tmp/err" ||
    fail "an unmodelled key is a warning: $(cat "$tmp/err")"

# vpnsim's own `run --format json` reads back with nothing unmodelled, and runs.
expect_status 0 "run --format json" "$vpnsim" run "$root/scenarios/examples/020-healthy-static.toml" \
    --format json
cp "$tmp/out" "$tmp/own.json"
expect_status 0 "import vpnsim's JSON" "$vpnsim" import --aws "$tmp/own.json" -o "$tmp/own.toml"
[ ! -s "$tmp/err" ] || fail "vpnsim's own JSON: no warning expected: $(cat "$tmp/err")"
expect_status 0 "run the re-imported scenario" "$vpnsim" run "$tmp/own.toml"
grep -q "static routing" "$tmp/out" || fail "the re-imported scenario is static: $(cat "$tmp/out")"

# -o: the whole file; an existing one is refused and left alone unless --force.
expect_status 0 "-o" "$vpnsim" import --aws "$sample" --connection "$tgw" -o "$tmp/tgw.toml"
grep -qF "wrote $tmp/tgw.toml ($tgw)" "$tmp/out" || fail "-o says what it wrote: $(cat "$tmp/out")"
cmp -s "$tmp/tgw.toml" "$tmp/$tgw.toml" || fail "-o writes what stdout shows"
echo "keep me" >"$tmp/existing.toml"
expect_status 2 "-o over an existing file" "$vpnsim" import --aws "$sample" --connection "$tgw" \
    -o "$tmp/existing.toml"
grep -qF "vpnsim import: -o: cannot write $tmp/existing.toml: exists (use --force to overwrite)" \
    "$tmp/err" || fail "-o refusal names the file: $(cat "$tmp/err")"
[ "$(cat "$tmp/existing.toml")" = "keep me" ] || fail "the existing file was changed"
expect_status 0 "-o --force" "$vpnsim" import --aws "$sample" --connection "$tgw" \
    -o "$tmp/existing.toml" --force
cmp -s "$tmp/existing.toml" "$tmp/$tgw.toml" || fail "--force replaces the file"
expect_status 2 "--force without -o" "$vpnsim" import --aws "$sample" --force
expect_status 2 "no --aws" "$vpnsim" import
expect_status 2 "a positional FILE" "$vpnsim" import "$sample"

# Bad input: exit 2, file:line:col: key: message; nothing written, no temporary file left.
cat >"$tmp/range.json" <<'JSON'
{"VpnConnections": [{
  "VpnConnectionId": "vpn-0123abcd",
  "Options": {"TunnelOptions": [
    {"OutsideIpAddress": "203.0.113.10", "TunnelInsideCidr": "169.254.10.0/30",
     "PreSharedKey": "tunnel1_psk", "DpdTimeoutSeconds": 5}]}}]}
JSON
expect_status 2 "out of range" "$vpnsim" import --aws "$tmp/range.json" -o "$tmp/never.toml"
grep -qxF "$tmp/range.json:5:58: VpnConnections[0].Options.TunnelOptions[0].DpdTimeoutSeconds: must be between 30 and 2147483647, got 5" \
    "$tmp/err" || fail "out of range diagnostic: $(cat "$tmp/err")"
sed 's/"DpdTimeoutSeconds": 5/"DpdTimeoutSeconds": "thirty"/' "$tmp/range.json" >"$tmp/type.json"
expect_status 2 "wrong type" "$vpnsim" import --aws "$tmp/type.json" -o "$tmp/never.toml"
grep -qxF "$tmp/type.json:5:58: VpnConnections[0].Options.TunnelOptions[0].DpdTimeoutSeconds: expected an integer, got string" \
    "$tmp/err" || fail "wrong type diagnostic: $(cat "$tmp/err")"
printf '{"VpnConnections": [\n  {"VpnConnectionId": "vpn-0123abcd",}\n]}\n' >"$tmp/syntax.json"
expect_status 2 "syntax error" "$vpnsim" import --aws "$tmp/syntax.json" -o "$tmp/never.toml"
grep -qF "$tmp/syntax.json:2:38: invalid JSON: syntax error while parsing object key" "$tmp/err" ||
    fail "syntax error diagnostic: $(cat "$tmp/err")"
expect_status 2 "missing file" "$vpnsim" import --aws "$tmp/nope.json" -o "$tmp/never.toml"
grep -qF "$tmp/nope.json:1:1: cannot read file: no such file" "$tmp/err" || fail "missing file"
[ ! -e "$tmp/never.toml" ] || fail "bad input wrote -o"
leftover="$(find "$tmp" -name '.*.toml.*')"
[ -z "$leftover" ] || fail "temporary files left: $leftover"

[ "$failures" -eq 0 ] && echo "cli import: all checks passed"
exit $((failures > 0))
