#!/usr/bin/env bash
# Runs every test project in Release and ends with one plain line: `tests: N passed, N failed`.
# Installs what the tests need when it is missing (as root, non-interactively), so a fresh
# Debian machine with the .NET SDK needs nothing else.
set -uo pipefail
cd "$(dirname "$0")"

# Nothing outside the .NET SDK is needed yet; tools that later tests need (redis-server,
# chromium) are installed here, when missing, with apt-get as root.
need_apt=()
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing: ${need_apt[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null \
    || { echo "could not install ${need_apt[*]}"; echo "tests: 0 passed, 1 failed"; exit 1; }
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
