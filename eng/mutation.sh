#!/usr/bin/env bash
# Mutation testing with Stryker.NET (local tool, dotnet-tools.json), one named scope at a time, and a score table.
#   eng/mutation.sh                 every scope, one after the other
#   eng/mutation.sh shapes readers  the named scopes only
#   eng/mutation.sh --list          the scopes, their files and test filters
# Environment: QD_MUTATION_CONCURRENCY (default 1: this machine's two cores are shared), QD_MUTATION_OUT (default
# artifacts/mutation), QD_MUTATION_TIMEOUT_MS (default 5000, Stryker's own: the time a mutant's test run may take beyond
# 1.5 x the unmutated run before it counts as a timeout; raise it on a loaded machine, where slow runs otherwise count
# as timeouts, which Stryker scores as detected). Each scope writes <out>/<scope>/reports/mutation-report.{json,html}; the table at the end is
# also written to <out>/scores.md. Scores are killed + timeout over every mutant tests could reach (killed, timeout,
# survived, no coverage); compile errors and ignored mutants do not count. Targets: docs/testing.md.
# A scope's glob may be FILE@Method1,Method2: only those methods of FILE are mutated (their character spans are found
# when the script runs, so the scope follows the code as the file changes).
set -euo pipefail
# The globs are Stryker's, not the shell's: without noglob, the unquoted "for g in $globs" below let bash expand
# Generator/Parsing/**/*.cs to Parsing/*/*.cs (the Sections folder only) before Stryker saw it.
set -f
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The generator's scopes run the fast in-process tests only: almost every generator test covers ShapeInference, so a
# slow test would run for nearly every mutant. Left out: the random-spec properties (Fuzz), the consumer builds that
# spawn dotnet (Packaging), the driver caching tests (Incremental), and the three loops that take seconds each (every
# name in every place, ten thousand layers, the option checks of instantiated TorchSharp models).
generator_filter="FullyQualifiedName!~Fuzz&FullyQualifiedName!~Packaging&FullyQualifiedName!~Incremental&FullyQualifiedName!~EveryNameInEveryPlace&FullyQualifiedName!~TenThousandLayers&FullyQualifiedName!~AnOverriddenOptionIsCheckedByTheConstructor"

# Shapes: the tests that read shapes, counts and diagnostics (Shapes, Diagnostics, Emit), so that a surviving mutant
# costs fewer test runs on this machine.
shape_filter="(FullyQualifiedName~Generator.Tests.Shapes|FullyQualifiedName~Generator.Tests.Diagnostics|FullyQualifiedName~Generator.Tests.Emit)&FullyQualifiedName!~TenThousandLayers&FullyQualifiedName!~AnOverriddenOptionIsCheckedByTheConstructor"

# name | source project | test project | target % | mutate globs (space-separated, relative to the repository) | test filter
scopes=(
  "parsing|Generator/QuickDrawDsl.Generator.csproj|Generator.Tests/QuickDrawDsl.Generator.Tests.csproj|85|Generator/Parsing/**/*.cs|$generator_filter"
  "shapes|Generator/QuickDrawDsl.Generator.csproj|Generator.Tests/QuickDrawDsl.Generator.Tests.csproj|85|Generator/Shapes/**/*.cs Generator/Layers/**/*.cs Generator/Emit/SummaryTable.cs|$shape_filter"
  "emit|Generator/QuickDrawDsl.Generator.csproj|Generator.Tests/QuickDrawDsl.Generator.Tests.csproj|85|Generator/Emit/**/*.cs Generator/Forward/**/*.cs|$generator_filter"
  "checkpoints|Runtime/QuickDrawDsl.Runtime.csproj|Runtime.Tests/QuickDrawDsl.Runtime.Tests.csproj|80|Runtime/Training/Checkpoints/**/*.cs|FullyQualifiedName~CheckpointFileTests|FullyQualifiedName~CheckpointRefusalTests|FullyQualifiedName~ModelWeights"
  "readers|Runtime/QuickDrawDsl.Runtime.csproj|Runtime.Tests/QuickDrawDsl.Runtime.Tests.csproj|80|Runtime/Data/QuickDraw/NdjsonDrawingParser.cs Runtime/Data/QuickDraw/QuickDrawNdjsonReader.cs Runtime/Data/QuickDraw/Utf8LineReader.cs Runtime/Data/QuickDraw/QuickDrawBinaryReader.cs Runtime/Data/NumPy/NpyHeader.cs Runtime/Data/NumPy/NpyArray.cs Runtime/Data/QuickDraw/QuickDrawBitmapReader.cs|(FullyQualifiedName~Runtime.Tests.Data.QuickDraw|FullyQualifiedName~Runtime.Tests.Data.NumPy)&FullyQualifiedName!~StreamingMemoryTests"
  "trainer-state|Runtime/QuickDrawDsl.Runtime.csproj|Runtime.Tests/QuickDrawDsl.Runtime.Tests.csproj|80|Runtime/Training/TrainerState.cs Runtime/Training/EarlyStopping.cs Runtime/Training/EpochPosition.cs Runtime/Training/Trainer.cs@SaveCheckpoint,LoadCheckpoint|FullyQualifiedName~TrainerStateTests|FullyQualifiedName~EarlyStoppingTests|FullyQualifiedName~BrokenCheckpointsAreRefused|FullyQualifiedName~EarlyStoppingStopsAndRestoresTheBestWeights"
)

out="${QD_MUTATION_OUT:-artifacts/mutation}"

# FILE@M1,M2 -> FILE{a..b}{c..d}: Stryker's spans are character offsets (Roslyn text positions), each method from the
# first character of its declaration line to its closing brace at the same indentation.
resolve_glob() {
  local glob="$1" file methods spans="" m lines first last start end bom=0
  if [[ "$glob" != *@* ]]; then
    printf '%s' "$glob"
    return
  fi
  file="${glob%%@*}"
  methods="${glob#*@}"
  [ "$(head -c 3 "$file" | od -An -tx1 | tr -d ' ')" = "efbbbf" ] && bom=1
  for m in ${methods//,/ }; do
    lines=$(awk -v name="$m" '
      !start && $0 ~ ("^[[:space:]]+(private|public|internal|protected)[^=]* " name "\\(") {
        start = NR; match($0, /^[[:space:]]*/); indent = substr($0, 1, RLENGTH); next
      }
      start && $0 == indent "}" { print start, NR; exit }' "$file")
    [ -n "$lines" ] || { echo "mutation.sh: no method $m in $file" >&2; exit 2; }
    read -r first last <<<"$lines"
    start=$(( $(head -n $((first - 1)) "$file" | LC_ALL=C.UTF-8 wc -m) - bom ))
    end=$(( $(head -n "$last" "$file" | LC_ALL=C.UTF-8 wc -m) - bom - 1 ))
    spans+="{$start..$end}"
  done
  printf '%s%s' "$file" "$spans"
}
concurrency="${QD_MUTATION_CONCURRENCY:-1}"
additional_timeout="${QD_MUTATION_TIMEOUT_MS:-5000}"
[[ "$additional_timeout" =~ ^[0-9]+$ ]] || { echo "mutation.sh: QD_MUTATION_TIMEOUT_MS must be a whole number of milliseconds, not '$additional_timeout'" >&2; exit 2; }

if [ "${1:-}" = "--list" ]; then
  for s in "${scopes[@]}"; do
    IFS='|' read -r name _ tests target globs filter <<<"$s"
    resolved=""
    for g in $globs; do resolved+="$(resolve_glob "$g") " || exit 2; done
    printf '%-14s target %s%%  mutate: %s\n%-14s tests: %s (%s)\n' "$name" "$target" "$resolved" "" "$tests" "$filter"
  done
  exit 0
fi

selected=("$@")
known=" $(for s in "${scopes[@]}"; do printf '%s ' "${s%%|*}"; done)"
for name in "${selected[@]}"; do
  [[ "$known" == *" $name "* ]] || { echo "mutation.sh: unknown scope '$name'; scopes:$known" >&2; exit 2; }
done

command -v jq >/dev/null || { echo "mutation.sh: needs jq to read Stryker's JSON report (apt-get install jq)" >&2; exit 2; }
dotnet tool restore >/dev/null
mkdir -p "$out"
root="$(pwd)"
results=()
status=0
for s in "${scopes[@]}"; do
  IFS='|' read -r name project tests target globs filter <<<"$s"
  if [ ${#selected[@]} -gt 0 ] && [[ " ${selected[*]} " != *" $name "* ]]; then
    continue
  fi

  mutate=()
  for g in $globs; do
    resolved=$(resolve_glob "$g") || exit 2
    mutate+=(--mutate "$root/$resolved")
  done
  report_dir="$root/$out/$name"
  rm -rf "$report_dir"
  mkdir -p "$report_dir"
  # Only the timeout goes through a config file: Stryker 5.1 has no command-line option for it.
  printf '{ "stryker-config": { "additional-timeout": %s } }\n' "$additional_timeout" > "$report_dir/stryker-config.json"
  echo "== $name: ${globs} (tests: $filter; additional timeout ${additional_timeout} ms)"
  start=$(date +%s)
  (cd "$(dirname "$tests")" && dotnet dotnet-stryker \
      --project "$(basename "$project")" \
      --test-project "$(basename "$tests")" \
      "${mutate[@]}" \
      --test-case-filter "$filter" \
      --concurrency "$concurrency" \
      --configuration Release \
      --reporter Json --reporter Html --reporter Dots \
      --skip-version-check --log-to-file \
      --config-file "$report_dir/stryker-config.json" \
      --output "$report_dir") > "$root/$out/$name.log" 2>&1 || { echo "   Stryker failed; see $out/$name.log" >&2; status=1; continue; }
  seconds=$(( $(date +%s) - start ))

  report="$report_dir/reports/mutation-report.json"
  # Per file: killed, timeout, survived, no coverage (the denominator), then the scope's total.
  jq -r --arg root "$root/" '
    def counts: [.mutants[] | .status] as $s
      | { k: ($s | map(select(. == "Killed")) | length), t: ($s | map(select(. == "Timeout")) | length),
          s: ($s | map(select(. == "Survived")) | length), n: ($s | map(select(. == "NoCoverage")) | length) };
    .files | to_entries[] | (.value | counts) as $c
      | "\(.key | ltrimstr($root))\t\($c.k)\t\($c.t)\t\($c.s)\t\($c.n)"' "$report" > "$report_dir/files.tsv"
  read -r killed timeouts survived uncovered < <(awk -F'\t' '{ k += $2; t += $3; s += $4; n += $5 } END { print k+0, t+0, s+0, n+0 }' "$report_dir/files.tsv")
  total=$((killed + timeouts + survived + uncovered))
  score=$(awk -v d="$((killed + timeouts))" -v n="$total" 'BEGIN { printf "%.1f", n ? 100 * d / n : 0 }')
  met=$(awk -v s="$score" -v t="$target" 'BEGIN { print (s + 0 >= t + 0) ? "yes" : "NO" }')
  [ "$met" = "yes" ] || status=1
  results+=("| $name | $score % | $target % | $met | $killed | $timeouts | $survived | $uncovered | ${seconds} s |")
  awk -F'\t' '$2 + $3 + $4 + $5 > 0 { n = $2 + $3 + $4 + $5; printf "   %-60s %5.1f %%  (%d survived, %d not covered)\n", $1, n ? 100 * ($2 + $3) / n : 0, $4, $5 }' "$report_dir/files.tsv"
done

{
  echo "| scope | score | target | met | killed | timeout | survived | no coverage | run time |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${results[@]}"
} | tee "$out/scores.md"
exit "$status"
