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
# A plain closing line for CI: "Tests: N passed, N failed, N skipped".
passed=$(grep -Eo '^ +Passed: +[0-9]+' "$log" | tail -n 1 | grep -Eo '[0-9]+' || true)
failed=$(grep -Eo '^ +Failed: +[0-9]+' "$log" | tail -n 1 | grep -Eo '[0-9]+' || true)
skipped=$(grep -Eo '^ +Skipped: +[0-9]+' "$log" | tail -n 1 | grep -Eo '[0-9]+' || true)
if [[ -z "$passed" ]]; then
  summary=$(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" | tail -n 1 || true)
  failed=$(sed -E 's/Failed: +([0-9]+).*/\1/' <<<"$summary")
  passed=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
  skipped=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$summary")
fi
# Failures again at the very end, so a log read from its tail names them: each failed test with the
# first lines of its message and stack.
if grep -qE '^ +Failed [A-Za-z]' "$log"; then
  echo "==> failed tests"
  awk '/^ +Failed [A-Za-z]/ { n = 30 } n > 0 { print; n-- }' "$log"
fi
if [[ -n "$passed" ]]; then
  echo "Tests: ${passed} passed, ${failed:-0} failed, ${skipped:-0} skipped"
fi
rm -f "$log"
exit "$status"
