#!/usr/bin/env bash
# Coverage-guided fuzzing of one portable-core parser with AFL++ and SharpFuzz, bounded in time; files only, no network.
# Usage: tools/fuzz/run.sh <target> <seconds>     targets: sip sdp rtp rtcp dtmf digest dns config siptx dialplan
# Prints one line "fuzz <target>: <seconds> s, <execs> executions, <crashes> crashes, <hangs> hangs"; exit 1 on a crash.
# Needs the Debian package afl++ and `dotnet tool restore` (SharpFuzz.CommandLine in .config/dotnet-tools.json).
set -eu -o pipefail
cd "$(dirname "$0")/../.."
target=${1:?target}; seconds=${2:?seconds}
[ -d "tools/fuzz/seeds/$target" ] || { echo "run.sh: no seeds for $target (tools/fuzz/seeds/)" >&2; exit 2; }
command -v afl-fuzz >/dev/null || { echo "run.sh: afl-fuzz missing (apt-get install afl++)" >&2; exit 2; }
work=out/fuzz
mkdir -p "$work"

# Build once, then instrument a private copy of Phone.Core.dll (only the core is instrumented: coverage is the parser's).
if [ ! -f "$work/bin/.instrumented" ] || [ -n "$(find src/Phone.Core tools/Phone.Fuzz -name '*.cs' -newer "$work/bin/.instrumented" | head -1)" ]; then
  dotnet tool restore >/dev/null
  rm -rf "$work/bin"
  dotnet build tools/Phone.Fuzz -c Release -nologo -clp:ErrorsOnly -o "$work/bin" >"$work/build.log" 2>&1 \
    || { tail -20 "$work/build.log" >&2; exit 2; }
  dotnet tool run sharpfuzz "$work/bin/Phone.Core.dll" >"$work/instrument.log" 2>&1 \
    || { cat "$work/instrument.log" >&2; exit 2; }
  touch "$work/bin/.instrumented"
fi

findings="$work/findings-$target"
rm -rf "$findings"
# dotnet is not an AFL-instrumented binary (the instrumentation is in the managed DLL), hence SKIP_BIN_CHECK.
AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
AFL_FORKSRV_INIT_TMOUT=60000 \
  afl-fuzz -V "$seconds" -i "tools/fuzz/seeds/$target" -o "$findings" -t 2000 -m none \
    -- dotnet "$work/bin/Phone.Fuzz.dll" afl "$target" >"$work/afl-$target.log" 2>&1 \
  || { tail -30 "$work/afl-$target.log" >&2; exit 2; }

stats="$findings/default/fuzzer_stats"
[ -f "$stats" ] || { echo "run.sh: afl-fuzz left no fuzzer_stats" >&2; tail -30 "$work/afl-$target.log" >&2; exit 2; }
get() { sed -nE "s/^$1 +: +([0-9]+).*/\1/p" "$stats"; }
execs=$(get execs_done); crashes=$(get saved_crashes); hangs=$(get saved_hangs); paths=$(get corpus_count)
echo "fuzz $target: $seconds s, $execs executions, $crashes crashes, $hangs hangs, corpus $paths (findings: $findings/default)"
[ "${crashes:-0}" -eq 0 ]
