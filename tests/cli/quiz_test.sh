#!/usr/bin/env bash
# `vpnsim quiz` (issue 15): scripted single questions judged against what diagnose and fix
# derive (exit 0 both right, 1 either wrong, 2 unknown scenario/cause/fix with a suggestion);
# a quiz read from piped stdin; --seed gives byte-identical output; list --long shows lessons;
# and a question never shows the scenario's name, its summary or the simulator's records.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh" "$@"
cd "$root" || exit 1

expect_status 0 "help quiz" "$vpnsim" help quiz
grep -q -- "--difficulty easy|medium|hard" "$tmp/out" || fail "help quiz lists --difficulty"
grep -q -- "--answer CAUSE" "$tmp/out" || fail "help quiz lists --answer"

# Scripted single questions: right, wrong cause, wrong fix.
expect_status 0 "both right" "$vpnsim" quiz --scenario psk-mismatch --answer ike.psk-mismatch \
    --fix cgw.psk-match-aws
grep -q "^Right: ike.psk-mismatch" "$tmp/out" || fail "both right: cause verdict: $(cat "$tmp/out")"
grep -q "^Score: 1/1 causes, 1/1 fixes" "$tmp/out" || fail "both right: score"
grep -q "^Lesson:" "$tmp/out" || fail "both right: the lesson is shown"
expect_status 1 "wrong cause" "$vpnsim" quiz --scenario psk-mismatch --answer ike.proposal-mismatch \
    --fix cgw.psk-match-aws
grep -q "^Not quite: ike.proposal-mismatch" "$tmp/out" || fail "wrong cause: verdict"
grep -q "^Score: 0/1 causes, 1/1 fixes" "$tmp/out" || fail "wrong cause: score"
expect_status 1 "wrong fix" "$vpnsim" quiz --scenario psk-mismatch --answer ike.psk-mismatch \
    --fix aws.startup-action-start
grep -q "does not bring every tunnel UP" "$tmp/out" || fail "wrong fix: explained"
# A set that works but is not the cheapest is wrong, and said to work.
expect_status 1 "dearer fix" "$vpnsim" quiz --scenario dpd-peer-dead-clear --answer ipsec.stale-sa \
    --fix aws.dpd-action-restart
grep -q "aws.dpd-action-restart works too, but costs 3" "$tmp/out" || fail "dearer fix: explained"
# Any cause diagnose names counts; a fix set in any order; none when nothing works.
expect_status 0 "another true cause" "$vpnsim" quiz --scenario cgw-psk-changed-then-reboot \
    --answer dpd.peer-dead --fix cgw.psk-match-aws
expect_status 0 "no fix works" "$vpnsim" quiz --scenario path-heavy-loss --answer path.packet-loss \
    --fix none
# The answers are checked against the simulation, not against [expect]: a copy whose
# [expect] names other causes and fixes is judged the same.
mkdir -p "$tmp/dir"
sed -e 's/^causes = .*/causes = ["bgp.md5-mismatch"]/' -e 's/^fixes = .*/fixes = [["cgw.remove-md5"]]/' \
    scenarios/training/psk-mismatch.toml >"$tmp/dir/psk-mismatch.toml"
grep -q '^causes = \["bgp.md5-mismatch"\]' "$tmp/dir/psk-mismatch.toml" || fail "the copy's [expect] was changed"
expect_status 0 "[expect] not read" "$vpnsim" quiz --dir "$tmp/dir" --scenario psk-mismatch \
    --answer ike.psk-mismatch --fix cgw.psk-match-aws

# Unknown scenario, cause or fix code: exit 2 with a suggestion; usage errors: 2.
expect_status 2 "unknown scenario" "$vpnsim" quiz --scenario psk-mismatc --answer ike.psk-mismatch \
    --fix cgw.psk-match-aws
grep -q "did you mean 'psk-mismatch'" "$tmp/err" || fail "unknown scenario: suggestion: $(cat "$tmp/err")"
expect_status 2 "a twin is no question" "$vpnsim" quiz --scenario psk-mismatch-fixed \
    --answer ike.psk-mismatch --fix cgw.psk-match-aws
expect_status 2 "unknown cause" "$vpnsim" quiz --scenario psk-mismatch --answer ike.psk-mismatc \
    --fix cgw.psk-match-aws
grep -q "unknown cause code 'ike.psk-mismatc'; did you mean 'ike.psk-mismatch'" "$tmp/err" ||
    fail "unknown cause: suggestion: $(cat "$tmp/err")"
expect_status 2 "unknown fix" "$vpnsim" quiz --scenario psk-mismatch --answer ike.psk-mismatch \
    --fix cgw.psk-match
grep -q "unknown fix code 'cgw.psk-match'; did you mean 'cgw.psk-match-aws'" "$tmp/err" ||
    fail "unknown fix: suggestion: $(cat "$tmp/err")"
expect_status 2 "--answer without --scenario" "$vpnsim" quiz --answer ike.psk-mismatch
expect_status 2 "--scenario without --fix" "$vpnsim" quiz --scenario psk-mismatch --answer ike.psk-mismatch
expect_status 2 "bad --difficulty" "$vpnsim" quiz --difficulty brutal
expect_status 2 "bad --questions" "$vpnsim" quiz --questions 0
expect_status 2 "bad --dir" "$vpnsim" quiz --dir "$tmp/none"

# A quiz read from piped stdin: answers by number, by code, an unknown code asked again,
# then q; the score so far is printed and the exit status is 0.
printf '1\n2\nike.psk-mismatch\nnot.a-code\n3\nq\n' >"$tmp/answers"
"$vpnsim" quiz --seed 7 --questions 3 <"$tmp/answers" >"$tmp/piped" 2>"$tmp/err"
[ $? -eq 0 ] || fail "piped quiz: exit status: $(cat "$tmp/err")"
grep -q "^=== Question 1 of 3" "$tmp/piped" || fail "piped quiz: first question"
grep -q "^unknown fix code 'not.a-code'" "$tmp/piped" ||
    fail "piped quiz: an unknown code is asked again"
grep -q "^Score: [0-2]/2 causes, [0-2]/2 fixes" "$tmp/piped" || fail "piped quiz: score so far: $(tail -3 "$tmp/piped")"
# The same seed and answers: byte-identical; another seed: other questions.
"$vpnsim" quiz --seed 7 --questions 3 <"$tmp/answers" >"$tmp/again" 2>/dev/null
cmp -s "$tmp/piped" "$tmp/again" || fail "piped quiz: --seed 7 twice differs"
"$vpnsim" quiz --seed 8 --questions 3 <"$tmp/answers" >"$tmp/other" 2>/dev/null
cmp -s "$tmp/piped" "$tmp/other" && fail "piped quiz: --seed 8 asks the same as --seed 7"
# The end of the input ends the quiz like q.
"$vpnsim" quiz --seed 7 --questions 2 </dev/null >"$tmp/eof" 2>/dev/null
[ $? -eq 0 ] || fail "empty stdin: exit 0"
grep -q "^Score: 0/0 causes, 0/0 fixes" "$tmp/eof" || fail "empty stdin: score"

# A full quiz over every difficulty: whatever the answers, no question shows the scenario's
# name, its summary, or the word trace.
yes 1 | head -200 >"$tmp/ones"
for level in easy medium hard; do
    "$vpnsim" quiz --seed 3 --questions 50 --difficulty "$level" <"$tmp/ones" >"$tmp/full-$level" \
        2>"$tmp/err" || fail "quiz --difficulty $level: exit status: $(cat "$tmp/err")"
    grep -q "^Score: " "$tmp/full-$level" || fail "quiz --difficulty $level: no score"
done
cat "$tmp"/full-* >"$tmp/full"
grep -qi "trace" "$tmp/full" && fail "a quiz shows the word trace: $(grep -i trace "$tmp/full" | head -3)"
for f in scenarios/training/*.toml; do
    name="$(sed -n 's/^name = "\(.*\)"$/\1/p' "$f")"
    summary="$(sed -n 's/^summary = "\(.*\)"$/\1/p' "$f")"
    # As a word of its own: psk-mismatch is also the tail of the cause code ike.psk-mismatch.
    grep -qE -- "(^|[^.a-z0-9-])$name([^a-z0-9-]|\$)" "$tmp/full" && fail "a quiz shows the scenario name $name"
    grep -qF -- "$summary" "$tmp/full" && fail "a quiz shows the summary of $name"
done
# Every broken scenario is asked once over the three difficulties.
total="$(grep -c '^=== Question ' "$tmp/full")"
broken="$(ls scenarios/training/*.toml | grep -vc -- '-fixed.toml')"
[ "$total" -eq "$broken" ] || fail "the three difficulties ask $total questions, expected $broken"

# The lesson is about the scenario as written: the fixed scenario fix --apply writes has none.
expect_status 0 "fix --apply" "$vpnsim" fix scenarios/training/psk-mismatch.toml --apply 1
grep -q '^lesson = ' "$tmp/out" && fail "fix --apply writes the broken scenario's lesson"
grep -q '^lesson = ' scenarios/training/psk-mismatch.toml || fail "psk-mismatch has a lesson"

# list --long: each scenario's lesson, wrapped and indented under its line.
expect_status 0 "list --long" "$vpnsim" list --long scenarios/training
grep -q '^    .*RFC' "$tmp/out" || fail "list --long shows the lessons"
awk '/^    / && length > 100 { bad = 1 } END { exit bad }' "$tmp/out" ||
    fail "list --long: lesson lines wider than 100 columns"
expect_status 0 "list" "$vpnsim" list scenarios/training
grep -q '^    ' "$tmp/out" && fail "list without --long shows no lessons"

echo "quiz CLI: $failures failures"
[ "$failures" -eq 0 ]
