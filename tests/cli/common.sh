# Sourced by the CLI tests: their arguments, a scratch directory removed on exit, and the
# failure counter with the helpers that feed it.
#   usage: source common.sh "$@"    (arguments: VPNSIM ROOT)
set -u
vpnsim="$1"
root="$2"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

expect_status() {  # expected-status description command...
    local want="$1" what="$2"
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    [ "$got" -eq "$want" ] || fail "$what: exit $got, expected $want; stderr: $(head -c 600 "$tmp/err")"
}
