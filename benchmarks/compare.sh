#!/usr/bin/env bash
# EarlyWarning side by side with Redis GEO, in one run on this machine (issue 6):
#   1. the Redis peer (benchmarks/redis-peer.sh): GEOSEARCH, GEOSEARCH + PUBLISH per member to
#      10 gateway connections, GEOADD ingest, GEOADD p99 under 50 km searches;
#   2. EarlyWarning through its grains (EarlyWarning.Benchmarks `compare`): the same points, the
#      same zones, the same recipient counts (each side checks its count against exact haversine);
#   3. EarlyWarning end to end over loopback WebSockets (benchmarks/loadgen.sh): hub ingest, and
#      the same load against the gateway's no-op hub (/hubs/noop: the channel's own ceiling here),
#      location-update p99 while a 50 km zone is re-matched, sighting→alert latency.
# Ends with exactly one line:
#   ratios: fanout=R zone5km=R zone50km=R ingest=R mixed=R
# each R = Redis ÷ EarlyWarning (time; p99 for mixed), and for ingest EarlyWarning ÷ Redis (rate):
# above 1, EarlyWarning is ahead. Before it, a line "ingest / no-op hub" gives EarlyWarning's hub
# ingest as a share of the no-op hub's rate in the same run.
#
#   benchmarks/compare.sh [--quick]     (--quick: 200 000 subscribers, 10 000 sockets; a few minutes)
set -euo pipefail
cd "$(dirname "$0")/.."

quick=()
suffix=""
if [ "${1:-}" = "--quick" ]; then quick=(--quick); suffix="-quick"; fi
out="artifacts/benchmarks/compare-$(date -u +%Y%m%dT%H%M%SZ)${suffix}"
mkdir -p "$out"

# One build up front, so no build overlaps a measured run.
dotnet build EarlyWarning.sln -c Release -nologo -v quiet

echo "== Redis GEO peer"
benchmarks/redis-peer.sh "${quick[@]}" --csv "$out/redis.csv"
echo "== EarlyWarning through the grains"
dotnet run -c Release --no-build --project benchmarks/EarlyWarning.Benchmarks -- compare "${quick[@]}" --csv "$out/earlywarning.csv"
echo "== EarlyWarning over loopback WebSockets"
benchmarks/loadgen.sh "${quick[@]}" latency ingest mixed --csv "$out/loadgen.csv"

{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "dotnet: $(dotnet --version); redis-server: $(redis-server --version | sed -E 's/.*v=([^ ]+).*/\1/')"
  echo "date: $(date -u +%FT%TZ); command: benchmarks/compare.sh ${quick[*]}"
} > "$out/machine.txt"
cat "$out/machine.txt"
echo "results in $out"
python3 benchmarks/ratios.py "$out"
