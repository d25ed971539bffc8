#!/usr/bin/env bash
# Adds up the per-assembly result lines of a `dotnet test` log ("Passed!  - Failed: 0, Passed: 5, Skipped: 1, ...")
# and prints one plain line: "N passed, N failed, N skipped". Exits 1 when nothing ran or something failed.
set -euo pipefail
log="${1:?usage: test-summary.sh dotnet-test.log}"
read -r passed failed skipped assemblies < <(
  grep -E '^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" \
    | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/' \
    | awk '{ f += $1; p += $2; s += $3; n++ } END { printf "%d %d %d %d\n", p, f, s, n }'
)
echo "$passed passed, $failed failed, $skipped skipped"
[ "$assemblies" -gt 0 ] || { echo "no test assembly reported results (see $log)" >&2; exit 1; }
[ "$failed" -eq 0 ]
