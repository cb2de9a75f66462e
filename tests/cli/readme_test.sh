#!/usr/bin/env bash
# README.md shows real output: every fenced block whose first line is "$ build/vpnsim ..." is
# run (from the repository root, with this build's vpnsim) and must print exactly the block's
# other lines. tools/update_readme_blocks reruns every such block and pastes the output.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh" "$@"
blocks=0
cmd=""
in_block=0
check() {
    blocks=$((blocks + 1))
    (cd "$root" && bash -c "${cmd/build\/vpnsim/$vpnsim}") >"$tmp/actual" 2>/dev/null
    if ! cmp -s "$tmp/want" "$tmp/actual"; then
        echo "FAIL: README block '\$ $cmd' is not the command's real output:"
        diff -u "$tmp/want" "$tmp/actual" | head -40
        failures=$((failures + 1))
    fi
}
while IFS= read -r line; do
    if [ "$in_block" -eq 1 ]; then
        if [ "$line" = '```' ]; then
            in_block=0
            check
        else
            printf '%s\n' "$line" >>"$tmp/want"
        fi
    elif [ "$line" = '```' ]; then
        in_block=2  # the next line decides
    elif [ "$in_block" -eq 2 ]; then
        in_block=0
        case "$line" in
            '$ build/vpnsim '*)
                cmd="${line#\$ }"
                : >"$tmp/want"
                in_block=1
                ;;
        esac
    fi
done <"$root/README.md"
[ "$blocks" -gt 0 ] || { echo "FAIL: no '\$ build/vpnsim' blocks found in README.md"; exit 1; }
echo "$blocks README blocks checked, $failures differ"
[ "$failures" -eq 0 ]
