#!/usr/bin/env bash
# Adds up the per-assembly result lines of a `dotnet test` log ("Passed!  - Failed: 0, Passed: 5, Skipped: 1, ...")
# and prints, last, one plain line: "N passed, N failed, N skipped" (CI reads that line). Before it, when tests were
# skipped, one line per skip reason with its count, read from the TRX files in the results folder (build.sh asks
# for them), so a skip is never silent. Exits 1 when nothing ran or something failed.
#   eng/test-summary.sh artifacts/test-results/dotnet-test.log [results-folder]
set -euo pipefail
log="${1:?usage: test-summary.sh dotnet-test.log [results-folder]}"
results="${2:-$(dirname "$log")}"
read -r passed failed skipped assemblies < <(
  grep -E '^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" \
    | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/' \
    | awk '{ f += $1; p += $2; s += $3; n++ } END { printf "%d %d %d %d\n", p, f, s, n }'
)

if [ "$skipped" -gt 0 ]; then
  # Each skipped result (outcome="NotExecuted") carries its reason as the first <Message> inside it.
  reasons=$(find "$results" -maxdepth 1 -name '*.trx' -print0 2>/dev/null | xargs -0 -r cat | awk '
      /<UnitTestResult / && /outcome="NotExecuted"/ { open = 1; next }
      open && /<Message>/ { line = $0; sub(/.*<Message>/, "", line); sub(/<\/Message>.*/, "", line); print line; open = 0; next }
      open && /<\/UnitTestResult>/ { print "(no reason given)"; open = 0 }' \
    | sed -e 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/'"'"'/g; s/&amp;/\&/g' \
    | sort | uniq -c | sort -rn)
  counted=0
  while read -r count reason; do
    [ -n "$count" ] || continue
    echo "  $count skipped: $reason"
    counted=$((counted + count))
  done <<<"$reasons"
  [ "$counted" -ge "$skipped" ] || echo "  $((skipped - counted)) skipped: reason not recorded (no TRX result; see $log)"
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$assemblies" -gt 0 ] || { echo "no test assembly reported results (see $log)" >&2; exit 1; }
[ "$failed" -eq 0 ]
