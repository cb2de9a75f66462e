#!/usr/bin/env bash
# Hardening contract (issue 11): hostile or broken input gets a located error and exit 2,
# never a crash; runs cut short by their event budget are INCOMPLETE (exit 3) everywhere;
# output files are never written through a planted symlink; memory-bounding limits hold.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh" "$@"
expect_err() {  # description fixed-string
    grep -qF -- "$2" "$tmp/err" || fail "$1: stderr lacks '$2': $(head -c 600 "$tmp/err")"
}

narrow="$root/scenarios/training/ts-cgw-proxy-ids-narrow.toml"

# 1. An absent optional key is reported at its table, not dereferenced.
printf '[[change]]\n' >"$tmp/change.toml"
expect_status 2 "[[change]] alone" "$vpnsim" check "$tmp/change.toml"
expect_err "[[change]] alone" "change.toml:1:1: change[0].action: missing required key"
expect_status 2 "[[change]] alone, run" "$vpnsim" run "$tmp/change.toml"
printf '[scenario]\nname = "x"\n[aws]\n[[aws.tunnels]]\n[cgw]\n[[change]]\nat = "1m"\naction = "modify-tunnel-options"\n' \
    >"$tmp/tunnels.toml"
expect_status 2 "[[aws.tunnels]] typo + [[change]]" "$vpnsim" check "$tmp/tunnels.toml"
expect_err "typo" "aws.tunnels: unknown key; did you mean 'tunnel'?"

# 8. Why a file cannot be read; [aws.tunnel] written as a single table.
expect_status 2 "missing file" "$vpnsim" check "$tmp/nope.toml"
expect_err "missing file" "nope.toml:1:1: cannot read file: no such file"
expect_status 2 "directory" "$vpnsim" check "$tmp"
expect_err "directory" "cannot read file: is a directory"
expect_status 2 "device" "$vpnsim" check /dev/null
expect_err "device" "cannot read file: not a regular file (a device)"
mkfifo "$tmp/fifo"
expect_status 2 "fifo (must not hang)" timeout 10 "$vpnsim" check "$tmp/fifo"
expect_err "fifo" "cannot read file: not a regular file (a FIFO)"
if [ "$(id -u)" -ne 0 ]; then
    cp "$narrow" "$tmp/secret.toml" && chmod 000 "$tmp/secret.toml"
    expect_status 2 "unreadable" "$vpnsim" check "$tmp/secret.toml"
    expect_err "unreadable" "cannot read file: permission denied"
fi
# The first [[aws.tunnel]] written with single brackets, the second tunnel left out.
awk '/^\[\[aws.tunnel\]\]$/ { n++; skip = (n == 2); if (n == 1) { print "[aws.tunnel]"; next } }
     /^$/ { skip = 0 } !skip' "$narrow" >"$tmp/single.toml"
expect_status 2 "[aws.tunnel]" "$vpnsim" check "$tmp/single.toml"
expect_err "[aws.tunnel]" "aws.tunnel: expected an array of tables, got a table; write [[aws.tunnel]] (double brackets) for each entry"

# 7. Pathological sizes: the file cap (with its override), a bounded echo, bounded output.
{ printf '[scenario]\nname = "x"\n'; head -c $((2 << 20)) /dev/zero | tr '\0' k; printf ' = 1\n'; } \
    >"$tmp/huge.toml"
expect_status 2 "over the size cap" "$vpnsim" check "$tmp/huge.toml"
expect_err "size cap" "over the 1048576-byte limit for a scenario (raise it with --max-file-size BYTES)"
expect_status 2 "cap raised: the long key is reported, not echoed whole" \
    timeout 20 "$vpnsim" check --max-file-size 4M "$tmp/huge.toml"
expect_err "long key" "kkkk...("
[ "$(wc -c <"$tmp/err")" -lt 4000 ] || fail "long key echoed whole: $(wc -c <"$tmp/err") bytes"
expect_status 2 "bad --max-file-size" "$vpnsim" check --max-file-size 0 "$narrow"
{ printf '[scenario]\nname = "x"\n'; seq 0 4999 | sed 's/.*/k& = 1/'; } >"$tmp/many.toml"
expect_status 2 "many errors" "$vpnsim" check "$tmp/many.toml"
expect_err "many errors" "more errors not shown"
[ "$(wc -l <"$tmp/err")" -le 21 ] || fail "diagnostics not capped: $(wc -l <"$tmp/err") lines"
printf '[scenario]\nname = "x"\n[aws]\nvpn_id = "vpn-\\u001b[2J"\n' >"$tmp/escape.toml"
expect_status 2 "control characters" "$vpnsim" check "$tmp/escape.toml"
grep -q $'\033' "$tmp/err" && fail "a control character reached the terminal"
expect_err "control characters" 'vpn-\x1b[2J'

# 2. Limits on the command line.
expect_status 2 "--duration over 24h" "$vpnsim" run "$narrow" --duration 25h
expect_err "--duration" "--duration must be a duration from 1ms to 24h"
expect_status 2 "--event-budget too small" "$vpnsim" run "$narrow" --event-budget 10
expect_status 2 "--event-budget too large" "$vpnsim" run "$narrow" --event-budget 1000000000
expect_status 2 "--trace-limit" "$vpnsim" run "$narrow" --trace-limit x
expect_status 0 "--trace-limit 5" "$vpnsim" run "$narrow" --trace --trace-limit 5 --no-expect
grep -q "^trace truncated after 5 records: [0-9]* later records not kept" "$tmp/out" ||
    fail "truncated trace note: $(tail -3 "$tmp/out")"

# 3. A run cut short by its event budget is no verdict: exit 3 from run, diagnose and fix.
expect_status 3 "run incomplete" "$vpnsim" run "$narrow" --duration 24h --event-budget 1000
grep -q "^INCOMPLETE: the run stopped at" "$tmp/out" || fail "run marks INCOMPLETE"
expect_status 3 "run incomplete, --no-expect" "$vpnsim" run "$narrow" --duration 24h \
    --event-budget 1000 --no-expect
expect_status 3 "run incomplete, json" "$vpnsim" run "$narrow" --duration 24h \
    --event-budget 1000 --format json
grep -q '"Complete": false' "$tmp/out" || fail "json marks Complete false"
expect_status 3 "diagnose incomplete" "$vpnsim" diagnose "$narrow" --duration 24h --event-budget 1000
grep -q "ts.excludes-bgp-peers" "$tmp/out" && fail "a cause was derived from an incomplete run"
sed 's/^duration = .*/duration = "24h"/' "$narrow" >"$tmp/long.toml"
expect_status 3 "fix incomplete" "$vpnsim" fix "$tmp/long.toml" --event-budget 1000
grep -q "^INCOMPLETE" "$tmp/out" || fail "fix marks INCOMPLETE"
grep -q "Minimal fix sets" "$tmp/out" && fail "a fix was derived from an incomplete run"

# 4. Writes never follow a planted symlink; existing logs are kept unless --force.
mkdir "$tmp/logs"
echo "precious" >"$tmp/victim"
"$vpnsim" run "$narrow" --logs "$tmp/probe" >/dev/null 2>&1
for f in "$tmp"/probe/*; do
    name="$(basename "$f")"
    ln -s "$tmp/victim" "$tmp/logs/$name.tmp"
    ln -s "$tmp/victim" "$tmp/logs/.$name.tmp"
done
expect_status 0 "--logs with planted .tmp symlinks" "$vpnsim" run "$narrow" --logs "$tmp/logs"
[ "$(cat "$tmp/victim")" = "precious" ] || fail "--logs wrote through a symlink"
expect_status 2 "--logs refuses to overwrite" "$vpnsim" run "$narrow" --logs "$tmp/logs"
expect_err "--logs overwrite" "exists (use --force to overwrite)"
expect_status 0 "--logs --force" "$vpnsim" run "$narrow" --logs "$tmp/logs" --force
cmp -s "$tmp/logs/$(ls "$tmp/probe" | head -1)" "$tmp/probe/$(ls "$tmp/probe" | head -1)" ||
    fail "--force did not rewrite the stream"
expect_status 2 "--force without --logs" "$vpnsim" run "$narrow" --force
nobgp="$root/scenarios/training/bgp-not-configured-on-cgw.toml"
ln -s "$tmp/victim" "$tmp/fixed.toml.tmp"
expect_status 0 "fix --out with a planted symlink" "$vpnsim" fix "$nobgp" --apply 1 --out "$tmp/fixed.toml"
[ "$(cat "$tmp/victim")" = "precious" ] || fail "fix --out wrote through a symlink"
expect_status 0 "the written fix loads" "$vpnsim" check "$tmp/fixed.toml"
ln -s "$tmp/victim" "$tmp/link.toml"
expect_status 0 "fix --out onto a symlink replaces the link" "$vpnsim" fix "$nobgp" --apply 1 --out "$tmp/link.toml"
[ "$(cat "$tmp/victim")" = "precious" ] || fail "fix --out wrote through the target symlink"
[ -L "$tmp/link.toml" ] && fail "fix --out left the symlink in place"
ls -a "$tmp" | grep -q '^\.fixed.toml\.' && fail "a temporary file was left behind"

# Output that cannot be written (a full disk) is an error, not a silent success.
if [ -w /dev/full ]; then
    "$vpnsim" run "$narrow" --trace >/dev/full 2>"$tmp/err"
    [ $? -eq 2 ] || fail "writing to a full disk did not exit 2"
    expect_err "full disk" "vpnsim: cannot write the output: No space left on device"
fi

[ "$failures" -eq 0 ] && echo "hardening: all checks passed"
exit $((failures > 0))
