#!/usr/bin/env bash
# Runs every test project in Release and ends with one plain line: `tests: N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")"

# The tests need nothing beyond the .NET SDK yet. When a test needs a server or a browser
# (redis-server, chromium), install it here when missing: apt-get, as root, non-interactively.

if ! dotnet build EarlyWarning.sln -c Release -nologo -v quiet; then
  echo "build failed"
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

passed=0
failed=0
for project in tests/*/*.csproj; do
  log=$(mktemp)
  dotnet test "$project" -c Release --no-build -nologo 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  # VSTest's summary: "Passed!  - Failed: 0, Passed: 60, Skipped: 0, Total: 60 ..."
  summary=$(grep -E '(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+' "$log" | tail -n 1)
  if [ -n "$summary" ]; then
    f=$(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$summary")
    p=$(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$summary")
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
  else
    echo "no test summary from $project (exit $status)"
    failed=$((failed + 1))
  fi
  rm -f "$log"
done

echo "tests: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
