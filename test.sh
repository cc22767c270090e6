#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need (PostgreSQL, Chromium), builds with warnings
# as errors, and runs every test against real PostgreSQL servers the tests start themselves.
# Extra arguments go to dotnet test, e.g. ./test.sh --filter "FullyQualifiedName~Dispatch"
set -euo pipefail
cd "$(dirname "$0")"
scripts/prerequisites.sh --browser
echo "==> building"
dotnet build TangerangLive.sln -c Release -nologo -v q -clp:ErrorsOnly
echo "==> testing"
log=$(mktemp)
set +e
dotnet test tests/Tests.csproj -c Release --no-build --blame-hang-timeout 10m \
  --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
summary=$(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" | tail -n 1)
if [[ -n "$summary" ]]; then
  failed=$(sed -E 's/Failed: +([0-9]+).*/\1/' <<<"$summary")
  passed=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
  skipped=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$summary")
  echo "Tests: $passed passed, $failed failed, $skipped skipped"
fi
rm -f "$log"
exit "$status"
