#!/usr/bin/env bash
# What each generator adds to a compile in a new csc process (benchmark (c) of docs/benchmarks.md), beside the
# execution time the compiler reports for it. The projects of measure-generators.sh are compiled again by csc with the
# command line of their kept build log, in turns, RUNS times each:
#   events, as built       our generator first in the compiler's analyzer list, where a package reference puts it
#   events, in STJ's place our generator moved to just before System.Text.Json's, behind the same SDK generators
#   events, without        our generator (and analyzers) left out: the partial records compile on their own
#   json, as built         System.Text.Json's generator where the SDK puts it
#   json, without          its generator and its JsonSerializerContext left out
# and prints, for each, the medians of the compile's wall time, of the execution time reported for the project's
# generator, and of the total the compiler reports for all generators (the SDK's run in every project).
#
#   KEEP=1 SHARED=false tests/Benchmarks/RealBuild/measure-generators.sh "20 200" 1   # prints the folder it kept
#   tests/Benchmarks/RealBuild/measure-build-cost.sh /tmp/pinterest-generator-build.XXXXXX [runs (default 7)]
set -euo pipefail
work=${1:?the folder measure-generators.sh kept (KEEP=1)}
runs=${2:-7}
ours='Pinterest.Conversions.Generators.Pipeline.EventGenerator'
stj='System.Text.Json.SourceGeneration.JsonSourceGenerator'

# The compiler's command line from a kept build log, as a response file (its /define holds semicolons).
response_file() { grep -m1 "bincore/csc " "$1/build.log" | sed 's/^ *//; s#^[^ ]*/bincore/csc ##'; }
compiler() { grep -m1 -o "[^ ]*/bincore/csc " "$1/build.log" | tr -d ' '; }
analyzer() { grep -o "/analyzer:[^ ]*/$2" "$1" | head -1; } # rsp, dll name

variants() { # project dir: writes one .rsp per variant
  local dir=$1 rsp=$1/as-built.rsp
  response_file "$dir" > "$rsp"
  if [[ $(basename "$dir") == events* ]]; then
    local gen; gen=$(analyzer "$rsp" Pinterest.Conversions.Generators.dll)
    local json; json=$(analyzer "$rsp" System.Text.Json.SourceGeneration.dll)
    sed "s#$gen ##" "$rsp" > "$dir/without.rsp"
    sed "s#$gen ##; s#$json#$gen $json#" "$rsp" > "$dir/in-stj-place.rsp"
  else
    local gen; gen=$(analyzer "$rsp" System.Text.Json.SourceGeneration.dll)
    sed "s#$gen ##; s#[^ ]*BenchContext.cs ##" "$rsp" > "$dir/without.rsp"
  fi
}

median() { tr ' ' '\n' | { grep -v '^$' || true; } | sort -n | awk '{v[NR]=$1} END {print NR == 0 ? "-" : (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

echo "uptime: $(uptime)"
for dir in "$work"/events* "$work"/json*; do variants "$dir"; done
declare -A wall reported total
for ((r = 0; r < runs; r++)); do
  for dir in "$work"/events* "$work"/json*; do
    csc=$(compiler "$dir")
    [[ $(basename "$dir") == events* ]] && generator=$ours || generator=$stj
    for rsp in "$dir"/as-built.rsp "$dir"/in-stj-place.rsp "$dir"/without.rsp; do
      [ -f "$rsp" ] || continue
      key="$(basename "$dir") $(basename "$rsp" .rsp)"
      start=$(date +%s%N)
      (cd "$dir" && "$csc" "@$rsp" /reportanalyzer > "$dir/last.txt" 2>&1) || { echo "compile failed: $key"; cat "$dir/last.txt"; exit 1; }
      wall[$key]+=" $(( ($(date +%s%N) - start) / 1000000 ))"
      total[$key]+=" $(grep -o 'Total generator execution time: [0-9.]*' "$dir/last.txt" | awk '{print $NF}')"
      reported[$key]+=" $(grep -E "^\s+[0-9.]+\s+[0-9<]+\s+$generator\$" "$dir/last.txt" | head -1 | awk '{print $1}' || true)"
    done
  done
done
printf '%-26s %10s %18s %16s   %s\n' "project, variant" "wall (ms)" "its generator (s)" "all generators" "wall times (ms)"
for key in $(printf '%s\n' "${!wall[@]}" | sort -V | tr ' ' '+'); do
  key=${key//+/ }
  printf '%-26s %10s %18s %16s   %s\n' "$key" "$(echo "${wall[$key]}" | median)" "$(echo "${reported[$key]}" | median)" \
    "$(echo "${total[$key]}" | median)" "${wall[$key]# }"
done
echo "uptime: $(uptime)"
