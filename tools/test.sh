#!/usr/bin/env bash
# Runs every test from a fresh clone: installs what integration tests need, builds everything that builds on Linux
# (the portable core for net10.0 AND against nanoFramework mscorlib, the device code against the API declarations),
# runs every test project, and ends with one line "N passed, N failed, N skipped". Exit status 0 only if all passed.
set -u -o pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
configuration=Release
results=out/test-results
rm -rf "$results" && mkdir -p "$results"

# 1. System packages for integration tests (idempotent: only missing ones are installed).
packages=$(grep -vE '^\s*(#|$)' tools/ci/apt-packages.txt | tr '\n' ' ')
missing=""
for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: these Debian packages are needed and missing:$missing (run as root, or install them)" >&2
    echo "0 passed, 1 failed"; exit 1
  fi
  echo "test.sh: installing$missing"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing; } >"$results/apt.log" 2>&1; then
    tail -20 "$results/apt.log" >&2
    echo "test.sh: apt-get failed" >&2; echo "0 passed, 1 failed"; exit 1
  fi
fi

# 2. Build everything that builds on Linux (Firmware.Linux.slnf leaves out only the .nfproj projects).
echo "test.sh: building Firmware.Linux.slnf ($configuration)"
if ! dotnet build Firmware.Linux.slnf -c "$configuration" -nologo -clp:ErrorsOnly >"$results/build.log" 2>&1; then
  grep -E "error|Error" "$results/build.log" | sort -u | head -40 >&2
  echo "test.sh: build failed (full log: $results/build.log)" >&2
  echo "0 passed, 1 failed"; exit 1
fi

# 3. Run every test project; sum the per-project summaries.
projects=$(grep -oE '"tests[^"]+\.csproj"' Firmware.Linux.slnf | tr -d '"' | sed 's#\\\\#/#g')
passed=0; failed=0; skipped=0; status=0
for project in $projects; do
  name=$(basename "$project" .csproj)
  # Only xunit projects run here; a CI twin of an on-device test project (NFUnitTest) only has to build.
  grep -q '<IsTestProject>true</IsTestProject>' "$project" || continue
  echo "test.sh: running $name"
  dotnet test "$project" -c "$configuration" --no-build -nologo --blame-hang-timeout 10m \
      --logger "console;verbosity=minimal" --results-directory "$results/$name" >"$results/$name.log" 2>&1
  rc=$?
  summary=$(grep -E '(Passed|Failed)!  ?- Failed:' "$results/$name.log" | tail -1)
  if [ -z "$summary" ]; then
    echo "test.sh: $name produced no test summary (exit $rc); its log:" >&2
    tail -30 "$results/$name.log" >&2
    failed=$((failed + 1)); status=1; continue
  fi
  f=$(echo "$summary" | sed -E 's/.*Failed: *([0-9]+).*/\1/')
  p=$(echo "$summary" | sed -E 's/.*Passed: *([0-9]+).*/\1/')
  s=$(echo "$summary" | sed -E 's/.*Skipped: *([0-9]+).*/\1/')
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  echo "  $name: $p passed, $f failed, $s skipped"
  if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then
    status=1
    # The failing tests with their message and the first lines of the stack, so a CI log says why.
    grep -E -A12 '^\s+Failed ' "$results/$name.log" | head -120 >&2
  fi
done

echo "$passed passed, $failed failed, $skipped skipped"
if [ "$skipped" -ne 0 ]; then echo "test.sh: a skipped test is a test that did not run" >&2; status=1; fi
exit $status
