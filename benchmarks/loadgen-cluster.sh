#!/usr/bin/env bash
# The cluster half of `benchmarks/loadgen.sh --gateways N` (which builds, raises the open-files
# limit and calls this; not meant to be run alone):
#
#   benchmarks/loadgen-cluster.sh GATEWAYS SILOS ADDRESSES CSV [loadgen options…] -- [gateway KEY=VALUE settings…]
#
# Starts scripts/cluster.sh in a fresh folder beside the CSV (CSV minus .csv, then -cluster) on a
# free base port below the ephemeral range (20000–31999), every gateway given the settings and
# listening on 127.0.0.1 … 127.0.0.ADDRESSES; runs the load generator against every gateway, with
# the pids of Redis, the silos and the gateways to read their memory and Redis's port and password
# (REDISCLI_AUTH) to read its counters; stops the cluster however the run ends, and sums the
# batches each gateway's sink delivered (its log, at Debug for the sink).
set -euo pipefail
cd "$(dirname "$0")/.."

gateways=$1 silos=$2 addresses=$3 csv=$4
shift 4
pass=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do pass+=("$1"); shift; done
[ $# -gt 0 ] && shift
setting_args=()
for setting in "$@"; do setting_args+=(--gateway-setting "$setting"); done
# Each gateway's sink logs every batch it delivers (a few per round): which gateway sent what.
setting_args+=(--gateway-setting Logging:LogLevel:EarlyWarning.Gateway.Alerts.HubAlertSink=Debug)

dir=$(realpath -m "${csv%.csv}-cluster")
dotnet build src/Silo -c Release -nologo -v quiet
rm -rf "$dir"
started=$(date +%s)

stop_cluster() {
  local status=$? file name
  if [ -d "$dir/pids" ]; then
    for file in "$dir"/pids/*.pid; do
      [ -f "$file" ] || continue
      name=$(basename "$file" .pid)
      echo "loadgen: $name pid $(cat "$file") peak RSS (VmHWM) $(awk '/VmHWM/ {printf "%.0f MiB", $2 / 1024}' "/proc/$(cat "$file")/status" 2>/dev/null || echo '?')"
    done
  fi
  scripts/cluster.sh stop --dir "$dir" || true
  # The batches each gateway's sink handed to the hub (and so to the Redis backplane).
  for file in "$dir"/logs/gateway-*.log; do
    [ -f "$file" ] || continue
    awk -v name="$(basename "$file" .log)" '/Delivered case .* subscribers/ { batches++; alerts += $(NF - 1) }
      END { printf "loadgen: %s sink delivered %d batches, %d alerts\n", name, batches, alerts }' "$file"
  done
  echo "loadgen: csv $(realpath -m "$csv"), cluster logs $dir/logs, $(( $(date +%s) - started )) s in all"
  exit "$status"
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM

up=false
for attempt in 1 2 3; do
  base=$(( 20000 + (RANDOM % 120) * 100 ))
  if scripts/cluster.sh start --dir "$dir" --silos "$silos" --gateways "$gateways" --base-port "$base" \
      --gateway-addresses "$addresses" --no-build "${setting_args[@]}"; then
    up=true
    break
  fi
  echo "loadgen: the cluster did not start on base port $base (attempt $attempt)" >&2
done
[ "$up" = true ] || { echo "loadgen: could not start the cluster" >&2; exit 1; }

redis_port=$(sed -n 's/^REDIS_PORT=//p' "$dir/cluster.env")
urls=$(for j in $(seq 1 "$gateways"); do printf 'http://127.0.0.1:%d,' $((base + 50 + j)); done)
watch=$(for file in "$dir"/pids/*.pid; do printf '%s=%s,' "$(basename "$file" .pid)" "$(cat "$file")"; done)
REDISCLI_AUTH=$(cat "$dir/redis.password")
export REDISCLI_AUTH
echo "loadgen: cluster of $silos silo(s) and $gateways gateway(s) up after $(( $(date +%s) - started )) s; gateways ${urls%,}"

dotnet run -c Release --no-build --project benchmarks/EarlyWarning.LoadGen -- \
  --gateway "${urls%,}" --addresses "$addresses" --csv "$csv" --watch "${watch%,}" --redis-port "$redis_port" "${pass[@]+"${pass[@]}"}"
