#!/usr/bin/env bash
# QuickDrawDsl's entry point. Each command prepares the machine first (eng/setup.sh), so a fresh clone needs nothing else.
#   ./build.sh            run the main job: the QuickDraw example end to end (train, evaluate, export, predict)
#   ./build.sh test       build and run every test, then print the skips per reason and "N passed, N failed, N skipped"
#   ./build.sh build      build the solution (Release)
#   ./build.sh pack       pack the packages (generator, runtime, plotting, testing, command line, templates) into artifacts/packages
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
configuration="${CONFIGURATION:-Release}"
command="${1:-run}"
[ $# -gt 0 ] && shift

./eng/setup.sh

case "$command" in
  run)
    dotnet run -c "$configuration" --project Examples/QuickDraw/QuickDrawDsl.Examples.QuickDraw.csproj -- all --force "$@"
    ;;
  build)
    dotnet build QuickDrawDsl.sln -c "$configuration" "$@"
    ;;
  test)
    results="artifacts/test-results"
    rm -rf "$results" && mkdir -p "$results"
    status=0
    # TRX results carry each skip's reason, which the summary counts (a skip is never silent).
    dotnet test QuickDrawDsl.sln -c "$configuration" --results-directory "$results" --logger trx "$@" 2>&1 \
      | tee "$results/dotnet-test.log" || status=$?
    ./eng/test-summary.sh "$results/dotnet-test.log" "$results" || status=$((status == 0 ? 1 : status))
    exit "$status"
    ;;
  pack)
    dotnet pack QuickDrawDsl.sln -c "$configuration" -o artifacts/packages "$@"
    # The dotnet new templates are no part of the solution (nothing to build or test there); same version, same folder.
    dotnet pack templates/QuickDrawDsl.Templates.csproj -c "$configuration" -o artifacts/packages "$@"
    ;;
  *)
    echo "usage: ./build.sh [run|test|build|pack] [args...]" >&2
    exit 2
    ;;
esac
