#!/usr/bin/env bash
# vpnsim explore from the command line: results independent of --jobs; shards run as separate
# processes from --shard, a Kubernetes Indexed Job's and a Slurm array's variables, merged
# byte-identical to one run; shrunk scenarios that `vpnsim run` replays; usage errors.
#   usage: explore_test.sh VPNSIM ROOT
source "$(dirname "$0")/common.sh" "$@"
cd "$root"
unset JOB_COMPLETION_INDEX VPNSIM_SHARDS SLURM_ARRAY_TASK_ID SLURM_ARRAY_TASK_COUNT SLURM_ARRAY_TASK_MIN

run=(--census 60 --seed 4 --shrink-budget 40 --quiet)

# --- threads do not change the result ---
"$vpnsim" explore "${run[@]}" --format jsonl >"$tmp/one.jsonl" || fail "census --jobs 1"
"$vpnsim" explore "${run[@]}" --format jsonl --jobs 2 >"$tmp/two.jsonl" || fail "census --jobs 2"
cmp -s "$tmp/one.jsonl" "$tmp/two.jsonl" || fail "--jobs 2 changed the JSON lines"
"$vpnsim" explore "${run[@]}" >"$tmp/one.txt" || fail "census text"

# --- shards, each a separate process, the index from each way of giving it ---
"$vpnsim" explore "${run[@]}" --format jsonl --shard 0/3 --output "$tmp/s0.jsonl" 2>/dev/null ||
    fail "--shard 0/3"
JOB_COMPLETION_INDEX=1 VPNSIM_SHARDS=3 "$vpnsim" explore "${run[@]}" --format jsonl \
    --output "$tmp/s1.jsonl" 2>"$tmp/k8s.err" || fail "Kubernetes shard"
grep -q "shard 1/3" "$tmp/k8s.err" || fail "the Kubernetes shard does not say which it is"
SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_TASK_MIN=1 SLURM_ARRAY_TASK_COUNT=3 "$vpnsim" explore \
    "${run[@]}" --format jsonl --output "$tmp/s2.jsonl" 2>/dev/null || fail "Slurm shard"
"$vpnsim" explore merge "$tmp/s2.jsonl" "$tmp/s0.jsonl" "$tmp/s1.jsonl" --format jsonl \
    >"$tmp/merged.jsonl" || fail "merge"
cmp -s "$tmp/one.jsonl" "$tmp/merged.jsonl" || fail "merged shards differ from one run (jsonl)"
"$vpnsim" explore merge "$tmp/s0.jsonl" "$tmp/s1.jsonl" "$tmp/s2.jsonl" >"$tmp/merged.txt" ||
    fail "merge (text)"
cmp -s "$tmp/one.txt" "$tmp/merged.txt" || fail "merged shards differ from one run (text)"
"$vpnsim" explore merge "$tmp/s0.jsonl" "$tmp/s1.jsonl" >"$tmp/partial.txt" ||
    fail "merge of two of three shards"
grep -q "20 of 60 cases not run" "$tmp/partial.txt" || fail "a partial merge does not say so"

# --- the shipped Slurm script, run as four array tasks by hand ---
mkdir -p "$tmp/slurm"
for task in 0 1 2 3; do
    (cd "$tmp/slurm" && SLURM_ARRAY_TASK_ID=$task SLURM_ARRAY_TASK_COUNT=4 SLURM_CPUS_PER_TASK=1 \
        VPNSIM="$vpnsim" CASES=60 SEED=4 bash "$root/tools/cluster/explore-census.sbatch") ||
        fail "sbatch task $task"
done
"$vpnsim" explore --census 60 --seed 4 --quiet --format jsonl >"$tmp/slurm-whole.jsonl"
"$vpnsim" explore merge "$tmp/slurm/results"/shard-*.jsonl --format jsonl >"$tmp/slurm-merged.jsonl" ||
    fail "merge of the Slurm script's shards"
cmp -s "$tmp/slurm-whole.jsonl" "$tmp/slurm-merged.jsonl" || fail "Slurm shards merged differ"
# The Kubernetes manifest runs the same command line with the Indexed Job's variables.
grep -q 'completionMode: Indexed' "$root/tools/cluster/explore-census-job.yaml" &&
    grep -q 'shard-${JOB_COMPLETION_INDEX}.jsonl' "$root/tools/cluster/explore-census-job.yaml" ||
    fail "the Kubernetes manifest is not an Indexed Job writing one shard per index"

# --- properties: a failure exits 1 with a scenario `vpnsim run` loads ---
expect_status 0 "properties hold" "$vpnsim" explore --cases 20 --property round-trip \
    --property invariants --quiet
mkdir -p "$tmp/examples"
"$vpnsim" explore "${run[@]}" --out "$tmp/examples" >/dev/null || fail "census --out"
ls "$tmp/examples"/*.toml >/dev/null 2>&1 || fail "--out wrote no scenario"
for f in "$tmp/examples"/*.toml; do
    "$vpnsim" check "$f" >/dev/null 2>&1 || fail "$f does not load"
done
grep -q "^# Reproduce: vpnsim explore --census 1 --seed 4 --mutate 2 --case " \
    "$tmp/examples/ike.psk-mismatch.toml" 2>/dev/null || fail "no reproduction command in the example"
# --from: the file itself with --mutate 0; a regression scenario holds every property.
expect_status 0 "--from a bundled scenario" "$vpnsim" explore --quiet --mutate 0 --cases 1 \
    --from scenarios/training/ts-cgw-proxy-ids-narrow.toml

# --- usage errors: exit 2, a message, no output ---
expect_status 2 "--shard 3/3" "$vpnsim" explore --shard 3/3
grep -q "0 <= k < N" "$tmp/err" || fail "--shard 3/3: $(cat "$tmp/err")"
expect_status 2 "unknown property" "$vpnsim" explore --property fastest
grep -q "unknown property 'fastest'" "$tmp/err" || fail "unknown property: $(cat "$tmp/err")"
expect_status 2 "census and property" "$vpnsim" explore --census 5 --property invariants
expect_status 2 "index without count" env JOB_COMPLETION_INDEX=0 "$vpnsim" explore --cases 1
expect_status 2 "--from a missing file" "$vpnsim" explore --from "$tmp/none.toml"
grep -q "none.toml" "$tmp/err" || fail "--from a missing file: $(cat "$tmp/err")"
"$vpnsim" explore --census 60 --seed 5 --quiet --format jsonl --shard 0/2 >"$tmp/other.jsonl" 2>/dev/null
expect_status 2 "merge of different runs" "$vpnsim" explore merge "$tmp/s0.jsonl" "$tmp/other.jsonl"
grep -q "another run" "$tmp/err" || fail "merge of different runs: $(cat "$tmp/err")"
printf '{"type":"explore","version":1}\n' >"$tmp/bad.jsonl"
expect_status 2 "merge of a broken file" "$vpnsim" explore merge "$tmp/bad.jsonl"
grep -q "bad.jsonl:1: " "$tmp/err" || fail "merge of a broken file: $(cat "$tmp/err")"

[ "$failures" -eq 0 ] && echo "explore CLI: all checks passed"
exit $((failures > 0))
