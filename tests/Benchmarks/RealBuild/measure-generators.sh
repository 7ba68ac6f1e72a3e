#!/usr/bin/env bash
# The generators in a real build (benchmark (c) of docs/benchmarks.md): consumer projects with N event types and with N
# System.Text.Json DTOs of the same members, each built with `dotnet build -p:ReportAnalyzer=true -v:d`, which prints
# every generator's execution time. One build first (restore), then RUNS builds after touching a source file.
#
#   tests/Benchmarks/RealBuild/measure-generators.sh [counts (default "20 200")] [runs (default 5)]
#
# SHARED=true (the default) compiles through the compiler server (VBCSCompiler), as `dotnet build` does on a developer's
# machine: the generators stay loaded and JIT-compiled between builds. SHARED=false runs a new csc process per build,
# as CI machines that set UseSharedCompilation=false do (this project's machine sets it in the environment): every build
# then pays for loading and JIT-compiling each generator. KEEP=1 keeps the projects and build logs.
#
# Uses the Release builds of src/Pinterest.Conversions and src/Pinterest.Conversions.Generators (built first).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../../.." && pwd)
counts=${1:-"20 200"}
runs=${2:-5}
shared=${SHARED:-true}
work=$(mktemp -d /tmp/pinterest-generator-build.XXXXXX)
[ -n "${KEEP:-}" ] && echo "projects and logs kept in $work" || trap 'rm -rf "$work"' EXIT

dotnet build -c Release "$repo/src/Pinterest.Conversions/Pinterest.Conversions.csproj" -f net10.0 -v:q -nologo >/dev/null
dotnet build -c Release "$repo/src/Pinterest.Conversions.Generators/Pinterest.Conversions.Generators.csproj" -v:q -nologo >/dev/null
runtime="$repo/src/Pinterest.Conversions/bin/Release/net10.0/Pinterest.Conversions.dll"
generator="$repo/src/Pinterest.Conversions.Generators/bin/Release/netstandard2.0/Pinterest.Conversions.Generators.dll"

project() { # dir, extra items
  mkdir -p "$1"
  cat > "$1/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>disable</ImplicitUsings>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>$2</ItemGroup>
</Project>
XML
  # Outside the repository's Directory.Build.props and Directory.Packages.props.
  echo '<Project />' > "$1/Directory.Build.props"; echo '<Project />' > "$1/Directory.Build.targets"
  echo '<Project />' > "$1/Directory.Packages.props"
}

events() { # dir, count: one file per type, as a real project has
  project "$1" "<Reference Include=\"$runtime\" /><Analyzer Include=\"$generator\" />"
  for ((i = 0; i < $2; i++)); do
    cat > "$1/Event$i.cs" <<CS
using Pinterest.Conversions;
namespace Bench;
[PinterestEvent(EventName.Checkout)]
public partial record Event$i
{
    [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
    [MapTo(PinterestField.EventTime)] public System.DateTimeOffset At { get; init; }
    [MapTo(PinterestField.Email)] public string? Email { get; init; }
    [MapTo(PinterestField.Phone)] public string? Phone { get; init; }
    [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
    [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
    [MapTo(PinterestField.Currency)] public string? Currency { get; init; }
    [MapTo(PinterestField.Value)] public decimal Total { get; init; }
    [MapTo(PinterestField.ContentIds)] public string[] Skus { get; init; } = [];
    [MapTo(PinterestField.NumItems)] public int Count { get; init; }
}
CS
  done
}

dtos() { # dir, count
  project "$1" ""
  for ((i = 0; i < $2; i++)); do
    cat > "$1/Event$i.cs" <<CS
using System.Text.Json.Serialization;
namespace Bench;
public record Event$i
{
    [JsonPropertyName("event_id")] public string Id { get; init; } = "";
    [JsonPropertyName("event_time")] public System.DateTimeOffset At { get; init; }
    [JsonPropertyName("em")] public string? Email { get; init; }
    [JsonPropertyName("ph")] public string? Phone { get; init; }
    [JsonPropertyName("client_ip_address")] public string? Ip { get; init; }
    [JsonPropertyName("client_user_agent")] public string? UserAgent { get; init; }
    [JsonPropertyName("currency")] public string? Currency { get; init; }
    [JsonPropertyName("value")] public decimal Total { get; init; }
    [JsonPropertyName("content_ids")] public string[] Skus { get; init; } = [];
    [JsonPropertyName("num_items")] public int Count { get; init; }
}
CS
  done
  {
    echo "using System.Text.Json.Serialization;"; echo "namespace Bench;"
    echo "[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]"
    for ((i = 0; i < $2; i++)); do echo "[JsonSerializable(typeof(Event$i))]"; done
    echo "public partial class BenchContext : JsonSerializerContext;"
  } > "$1/BenchContext.cs"
}

# Seconds reported for the generator whose name contains $2, from one build log.
seconds() { grep -E "^\s+[0-9.<]+\s+[0-9<]+\s+$2" "$1" | head -1 | awk '{print $1}'; }

measure() { # dir, generator name
  dotnet build "$1" -p:UseSharedCompilation="$shared" -v:q -nologo >/dev/null # restore, first compile (and compiler server up)
  local times=()
  for ((r = 0; r < runs; r++)); do
    touch "$1/Event0.cs"
    dotnet build "$1" --no-restore -p:UseSharedCompilation="$shared" -p:ReportAnalyzer=true -v:d -nologo > "$1/build.log"
    times+=("$(seconds "$1/build.log" "$2")")
  done
  echo "${times[*]}"
}

echo "uptime: $(uptime); compiler server: $shared"
for n in $counts; do
  events "$work/events$n" "$n"
  dtos "$work/json$n" "$n"
  echo "$n types | Pinterest.Conversions generator (s): $(measure "$work/events$n" 'Pinterest.Conversions.Generators.Pipeline.EventGenerator')"
  echo "$n types | System.Text.Json generator (s):      $(measure "$work/json$n" 'System.Text.Json.SourceGeneration.JsonSourceGenerator')"
done
echo "uptime: $(uptime)"
