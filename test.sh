#!/usr/bin/env bash
# Runs every test project in Release and ends with one plain line: `tests: N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")"

# What the tests need beyond the .NET SDK, installed when missing (as root, non-interactively):
# Debian's Chromium for the page tests (Playwright cannot download its own browser here),
# redis-server, and the pages' npm packages (the Gateway's build bundles them into wwwroot/build).
if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium (apt-get)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
# redis-server for the client-mode test (tests/Silo.Tests: Redis clustering, state and backplane).
if ! command -v redis-server >/dev/null 2>&1; then
  echo "installing redis-server (apt-get)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
# Again whenever the lock file is newer than what npm last installed (a pull that adds a package).
if [ ! -f src/Gateway/web/node_modules/.package-lock.json ] \
  || [ src/Gateway/web/package-lock.json -nt src/Gateway/web/node_modules/.package-lock.json ]; then
  (cd src/Gateway/web && npm ci --no-audit --no-fund)
fi

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
