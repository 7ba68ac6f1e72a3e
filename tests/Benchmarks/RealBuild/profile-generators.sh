#!/usr/bin/env bash
# Where a generator's time goes in a new csc process (benchmark (c) of docs/benchmarks.md): the 20-type projects of
# measure-generators.sh compiled once more by csc under `perf record` (4 kHz, call graphs, JIT-ed code named through
# the runtime's perf map), then the samples whose stacks hold each generator's frames split into JIT compiling,
# Roslyn's own work (binding, symbols), the runtime, and the generator's code. Needs perf (linux-perf).
#
#   KEEP=1 SHARED=false tests/Benchmarks/RealBuild/measure-generators.sh 20 1   # prints the folder it kept
#   tests/Benchmarks/RealBuild/profile-generators.sh /tmp/pinterest-generator-build.XXXXXX
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${1:?the folder measure-generators.sh kept (KEEP=1)}
profile() { # project dir, generator name, frame marker, analyzer frames to leave out
  local dir=$1 log=$1/build.log rsp=$1/csc.rsp
  # The compiler's command line from the kept build log, as a response file (its /define holds semicolons).
  grep -m1 "bincore/csc " "$log" | sed 's/^ *//; s#^[^ ]*/bincore/csc ##' > "$rsp"
  local csc; csc=$(grep -m1 -o "[^ ]*/bincore/csc " "$log" | tr -d ' ')
  (cd "$dir" && touch Event0.cs && DOTNET_EnableWriteXorExecute=0 DOTNET_PerfMapEnabled=1 \
    perf record -q -F 4000 -g -o "$dir/perf.data" "$csc" "@$rsp" /reportanalyzer > "$dir/csc.txt" 2>/dev/null) || true
  echo "execution time (s, %, generator): $(grep -E "^\s+[0-9.]+\s+[0-9<]+\s+$2\$" "$dir/csc.txt" | head -1 | xargs)"
  perf script -i "$dir/perf.data" 2>/dev/null > "$dir/perf.txt"
  python3 "$here/generator-cpu.py" "$dir/perf.txt" "$3" "$4"
}
profile "$work/events20" "Pinterest.Conversions.Generators.Pipeline.EventGenerator" "Pinterest.Conversions.Generators" "Pinterest.Conversions.Generators.Analyzers"
profile "$work/json20" "System.Text.Json.SourceGeneration.JsonSourceGenerator" "System.Text.Json.SourceGeneration" ""
