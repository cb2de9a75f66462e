#!/usr/bin/env bash
# The HTML report in a real browser (Debian's chromium, headless): the page's script runs
# without error, every evidence link resolves, zooming re-stacks the ladder, clicking a packet
# (the page's #select=TRIP) fills the detail pane, following a cause's evidence lands on its
# ladder row, the log filter hides lines; and the what-if page holds both runs.
#   usage: browser_test.sh VPNSIM ROOT
source "$(dirname "$0")/../cli/common.sh" "$@"
chromium="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$chromium" ]; then
    echo "FAIL: chromium is not installed (the test command installs it: tools/deps.sh)"
    exit 1
fi
cd "$root"

# The DOM after the page's script ran, for the page at $1 (a file plus #fragment).
dom() {
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --no-first-run --user-data-dir="$tmp/profile" --enable-logging=stderr --v=0 \
        --virtual-time-budget=5000 --dump-dom "file://$1" 2>"$tmp/console"
}
console_errors() {  # JavaScript errors the browser logged
    grep -E 'CONSOLE|Uncaught|SyntaxError|TypeError|ReferenceError' "$tmp/console" || true
}
body() { grep -o '<body[^>]*>' | head -1; }

scenario=scenarios/training/accel-without-nat-t.toml
"$vpnsim" report "$scenario" --fix-budget 20 -o "$tmp/r.html" || fail "report exit $?"

# Loaded: ready, no error, every evidence link resolved.
dom "$tmp/r.html" >"$tmp/dom0.html"
b="$(body <"$tmp/dom0.html")"
case "$b" in *'data-ready="1"'*) ;; *) fail "page not ready: $b" ;; esac
case "$b" in *data-js-error*) fail "script error: $b" ;; esac
case "$b" in *'data-evidence-missing="0"'*) ;; *) fail "unresolved evidence links: $b" ;; esac
[ -z "$(console_errors)" ] || fail "console: $(console_errors | head -3)"
links=$(grep -o 'class="ev"' "$tmp/dom0.html" | wc -l)
resolved=$(grep -o 'data-resolved="ladder"' "$tmp/dom0.html" | wc -l)
[ "$links" -gt 0 ] && [ "$resolved" -eq "$links" ] ||
    fail "evidence links: $resolved of $links resolve to a ladder row"

# The ladder's arrows and drops, the timeline's spans, as rendered.
ike=$(grep -o 'class="row pkt ike"' "$tmp/dom0.html" | wc -l)
[ "$ike" -ge 8 ] || fail "expected >= 8 IKE arrows (4 per tunnel), got $ike"
grep -q 'class="row pkt dropped tcp"[^>]*>.*accelerated-requires-nat-t' "$tmp/dom0.html" ||
    fail "no dropped ESP arrow with its reason accelerated-requires-nat-t"
grep -q 'data-node="aws-t1" data-machine="BGP"' "$tmp/dom0.html" || fail "no BGP lane for aws-t1"
grep -q 'data-state="Connect"' "$tmp/dom0.html" || fail "no BGP Connect span"
if grep -q 'data-state="Established"' "$tmp/dom0.html"; then fail "BGP shown Established"; fi

# Zoom: the browser re-stacks the ladder to the rows in the window.
dom "$tmp/r.html#window=0,2" >"$tmp/dom1.html"
rows=$(sed -n '/<svg[^>]*id="ladder1"/,/<\/svg>/p' "$tmp/r.html" |
       grep -o '<g class="row \(pkt\|mark\)[^"]*" data-t="[0-9.]*"' |
       sed 's/.*data-t="\([0-9.]*\)"/\1/' | awk '$1 <= 2' | wc -l)
visible=$(grep -o '<svg[^>]*id="ladder1"[^>]*>' "$tmp/dom1.html" | grep -o 'data-visible="[0-9]*"' |
          grep -o '[0-9]*')
[ "$rows" -gt 0 ] && [ "$visible" = "$rows" ] ||
    fail "window 0-2s: ladder 1 shows $visible rows, expected $rows"
grep -q '<body[^>]*data-window="0,2"' "$tmp/dom1.html" || fail "window not applied"

# Selecting a dropped packet fills the detail pane with its fields.
trip=$(grep -o 'class="row pkt dropped tcp" data-t="[0-9.]*" data-trip="[0-9]*"' "$tmp/r.html" |
       head -1 | grep -o 'data-trip="[0-9]*"' | grep -o '[0-9]*')
dom "$tmp/r.html#select=$trip" >"$tmp/dom2.html"
grep -q "<body[^>]*data-selected=\"$trip\"" "$tmp/dom2.html" || fail "packet $trip not selected"
detail=$(grep -o '<aside id="detail".*</aside>' "$tmp/dom2.html")
case "$detail" in *hidden*) fail "detail pane still hidden" ;; esac
case "$detail" in *'<td>ESP</td><td>SPI 0x'*) ;; *) fail "detail pane lacks the ESP SPI: $(echo "$detail" | head -c 400)" ;; esac
case "$detail" in *'<td>TCP</td><td>[SYN]'*) ;; *) fail "detail pane lacks the TCP flags" ;; esac

# Following the first evidence link lands on a ladder row carrying that record.
dom "$tmp/r.html#evidence=0" >"$tmp/dom3.html"
followed=$(body <"$tmp/dom3.html" | grep -o 'data-followed="[^"]*"')
case "$followed" in *'ladder:'*) ;; *) fail "evidence 0 not followed to the ladder: $followed" ;; esac
rec=${followed##*:}
rec=${rec%\"}
grep -q "class=\"row [^\"]*hl[^\"]*\"[^>]*data-rec=\"[0-9 ]*\\b$rec\\b" "$tmp/dom3.html" ||
    grep -q "data-rec=\"$rec\"[^>]*class=\"[^\"]*hl" "$tmp/dom3.html" ||
    grep -q "<g class=\"row[^\"]* hl\"[^>]*data-rec=\"$rec\"" "$tmp/dom3.html" ||
    fail "the row of record $rec is not highlighted"

# The log filter hides the lines that do not match.
dom "$tmp/r.html#filter=Phase%202" >"$tmp/dom4.html"
shown=$(grep -o '<tr data-kind="[A-Z]*"[^>]*>' "$tmp/dom4.html" | grep -vc 'display: none' || true)
hidden=$(grep -o '<tr data-kind="[A-Z]*" style="display: none;">' "$tmp/dom4.html" | wc -l)
[ "$shown" -gt 0 ] && [ "$hidden" -gt 0 ] || fail "log filter: $shown shown, $hidden hidden"

# what-if: both runs in one page, each with resolving links.
"$vpnsim" what-if "$scenario" --fix cgw.enable-nat-t --no-fix --report "$tmp/w.html" >/dev/null ||
    fail "what-if exit $?"
dom "$tmp/w.html" >"$tmp/dom5.html"
b="$(body <"$tmp/dom5.html")"
case "$b" in *'data-ready="1"'*'data-evidence-missing="0"'* | *'data-evidence-missing="0"'*'data-ready="1"'*) ;;
    *) fail "what-if page: $b" ;; esac
grep -q 'id="run2"' "$tmp/dom5.html" || fail "what-if page lacks the changed run"
[ -z "$(console_errors)" ] || fail "what-if console: $(console_errors | head -3)"

# The ladder alone as SVG is well-formed XML.
"$vpnsim" report "$scenario" --format svg --tunnel 2 -o "$tmp/l.svg" || fail "svg exit $?"
xmllint --noout "$tmp/l.svg" || fail "the SVG is not well-formed"

echo "browser test: $failures failure(s)"
[ "$failures" -eq 0 ]
