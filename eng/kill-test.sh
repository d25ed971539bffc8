#!/usr/bin/env bash
# kill -9 at random moments during `quickdraw prepare` and during `quickdraw train --cache --checkpoint-every N`,
# then checks that nothing is lost or corrupt and that resuming is exact (docs/benchmarks.md section 7).
#
#   eng/kill-test.sh [work folder] [prepare drawings] [train epochs] [kills] [seed]
#
# prepare: a stand-in of <prepare drawings> (default 300,000) is prepared once without interruption (the reference);
#   then <kills> times (default 10): a fresh prepare is killed at a random moment in (0.2 s, reference time), re-run to
#   completion, and the cache must hold the same files with the same bytes as the reference (so every drawing, label,
#   key_id and the manifest's counts are back), and the manifest's counts must add up to the drawings in the stand-in.
# train: a cache of the shared real drawings (simplified_100: 6 classes x 100; 80 / 10 / 10 % by key_id hash) is trained
#   for <train epochs> (default 10) epochs, batch 16, 1 thread, --checkpoint-every 4, without interruption (the
#   reference); then one run is killed <kills> times in a chain, each time at a random moment in (1 s, a quarter of the
#   reference time) after it was started or resumed, resumed with --resume each time and finally run to completion:
#   model.qdweights must be byte-identical to the reference's. A prepare size of 0 skips the prepare part.
# Needs the Release builds of Examples/QuickDraw and benchmarks/QuickDrawDsl.Benchmarks (built here if missing).
# Exit 0 when every check passed, 1 when one failed.
set -euo pipefail
cd "$(dirname "$0")/.."

work="${1:-/tmp/qd-kill-test}"
prepare_n="${2:-300000}"
epochs="${3:-10}"
kills="${4:-10}"
RANDOM="${5:-14}"

qd="Examples/QuickDraw/bin/Release/net10.0/quickdraw.dll"
bench="benchmarks/QuickDrawDsl.Benchmarks/bin/Release/net10.0/QuickDrawDsl.Benchmarks.dll"
[ -f "$qd" ] || dotnet build Examples/QuickDraw -c Release -v q >/dev/null
[ -f "$bench" ] || dotnet build benchmarks/QuickDrawDsl.Benchmarks -c Release -v q >/dev/null

rm -rf "$work" && mkdir -p "$work"
failures=0
prepare_killed=0

now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }
# Sets $at to a random moment in (low, high) seconds, to the millisecond; $RANDOM is read in this shell (not in a
# subshell, which would reseed it), so a seed gives the same moments.
moment() { local r=$(( (RANDOM * 32768 + RANDOM) % 1000000 )); at=$(echo "scale=3; $1 + ($2 - $1) * $r / 1000000" | bc); }
# sha256 of every file under a cache, by relative path: equal digests mean the same files with the same bytes.
# data-report.txt is compared apart, as sorted lines: files prepared in parallel report their bad records in the order
# met, but a re-run must list the same records (those of reused files from their shards/*.bad.jsonl) and counts.
digest() { (cd "$1" && find . -type f ! -name data-report.txt -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1; }
report_digest() { LC_ALL=C sort "$1/data-report.txt" | sha256sum | cut -d' ' -f1; }
# Starts a command in the background, kills it with SIGKILL after $1 seconds; prints "killed" or "finished".
run_and_kill() {
  local after="$1"; shift
  "$@" >>"$work/killed-runs.log" 2>&1 &
  local pid=$!
  sleep "$after"
  if kill -9 "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null || true
    echo killed
  else
    wait "$pid" 2>/dev/null || true
    echo finished
  fi
}

if [ "$prepare_n" -gt 0 ]; then
echo "== prepare: stand-in of $prepare_n drawings"
dotnet "$bench" standin "$work/data" "$prepare_n" 7 >"$work/standin.log"
start=$(now)
dotnet "$qd" prepare --data "$work/data" --output "$work/reference-cache" >"$work/reference-prepare.log" 2>&1
prepare_s=$(elapsed "$start")
reference=$(digest "$work/reference-cache")
reference_report=$(report_digest "$work/reference-cache")
counted=$(jq '[.Train // .train, .Validation // .validation, .Test // .test] | add' "$work/reference-cache/manifest.json")
echo "reference prepare: ${prepare_s} s, cache digest $reference, drawings in the manifest's splits: $counted"
if [ "$counted" != "$prepare_n" ]; then
  echo "FAIL: the reference manifest's splits hold $counted drawings, the stand-in has $prepare_n" >&2
  failures=$((failures + 1))
fi

for i in $(seq 1 "$kills"); do
  cache="$work/cache-$i"
  moment 0.2 "$prepare_s"
  outcome=$(run_and_kill "$at" dotnet "$qd" prepare --data "$work/data" --output "$cache")
  [ "$outcome" = killed ] && prepare_killed=$((prepare_killed + 1))
  files_at_kill=$( (find "$cache" -type f 2>/dev/null || true) | wc -l)
  dotnet "$qd" prepare --data "$work/data" --output "$cache" >"$work/resume-prepare-$i.log" 2>&1 || { echo "FAIL: the re-run of prepare $i exited non-zero (see $work/resume-prepare-$i.log)" >&2; failures=$((failures + 1)); }
  got=$(digest "$cache")
  verdict=same
  if [ "$got" != "$reference" ]; then verdict=DIFFERENT; failures=$((failures + 1)); fi
  report_verdict=same
  if [ "$(report_digest "$cache")" != "$reference_report" ]; then report_verdict=DIFFERENT; failures=$((failures + 1)); fi
  echo "prepare kill $i: at ${at} s $outcome ($files_at_kill files on disk), re-run to completion: $verdict bytes as the reference, $report_verdict data-report lines"
  rm -rf "$cache"
done
fi

echo "== train: cache of the shared simplified_100 drawings, $epochs epochs, batch 16, 1 thread, --checkpoint-every 4"
shared="${QUICKDRAW_SHARED:-../shared/data/quickdraw/simplified_100}"
[ -d "$shared" ] || shared=/work/shared/data/quickdraw/simplified_100
dotnet "$qd" prepare --data "$shared" --output "$work/train-cache" --validation-fraction 0.1 --test-fraction 0.1 \
  >"$work/train-prepare.log" 2>&1
train=(dotnet "$qd" train --cache "$work/train-cache" --epochs "$epochs" --batch-size 16 --threads 1 --seed 5 --checkpoint-every 4)
start=$(now)
"${train[@]}" --output "$work/reference-run" >"$work/reference-train.log" 2>&1
train_s=$(elapsed "$start")
reference_weights=$(sha256sum "$work/reference-run/model.qdweights" | cut -d' ' -f1)
echo "reference training: ${train_s} s, model.qdweights $reference_weights"

# How far the killed run got: epochs in metrics.csv and the checkpoint's size (no checkpoint yet: killed at start-up).
progress() {
  local rows=0
  [ -f "$work/killed-run/metrics.csv" ] && rows=$(( $(wc -l <"$work/killed-run/metrics.csv") - 1 ))
  echo "$rows epoch(s) in metrics.csv, checkpoint $( [ -f "$work/killed-run/checkpoint.qdckpt" ] && stat -c %s "$work/killed-run/checkpoint.qdckpt" || echo none) bytes"
}
half=$(echo "scale=3; $train_s / 4" | bc)
train_killed=0
moment 1 "$half"
outcome=$(run_and_kill "$at" "${train[@]}" --output "$work/killed-run")
[ "$outcome" = killed ] && train_killed=$((train_killed + 1))
echo "train kill 1: started, killed at ${at} s: $outcome; $(progress)"
for i in $(seq 2 "$kills"); do
  moment 1 "$half"
  outcome=$(run_and_kill "$at" "${train[@]}" --output "$work/killed-run" --resume)
  [ "$outcome" = killed ] && train_killed=$((train_killed + 1))
  echo "train kill $i: resumed, killed at ${at} s: $outcome; $(progress)"
done
"${train[@]}" --output "$work/killed-run" --resume >"$work/final-resume.log" 2>&1 || { echo "FAIL: the final --resume exited non-zero (see $work/final-resume.log)" >&2; failures=$((failures + 1)); }
weights=$(sha256sum "$work/killed-run/model.qdweights" 2>/dev/null | cut -d' ' -f1 || echo missing)
verdict=bit-identical
if [ "$weights" != "$reference_weights" ]; then verdict="DIFFERENT ($weights)"; failures=$((failures + 1)); fi

echo "== summary"
[ "$prepare_n" -gt 0 ] && echo "prepare: $kills runs killed at random moments ($prepare_killed while running), each re-run to completion and compared byte for byte with an uninterrupted prepare of $prepare_n drawings"
echo "train: one run killed $kills times ($train_killed while running) and resumed each time; final model.qdweights $verdict to the uninterrupted run's"
echo "failures: $failures"
[ "$failures" -eq 0 ]
