#!/usr/bin/env bash
# End-to-end load of issue 6 over real loopback WebSockets: builds Release, starts the gateway
# (embedded silo, Development so the demo supervisor exists, every rate limit raised: its clients share a few addresses; logs at
# Warning) on one free port of 127.0.0.1 … 127.0.0.N, waits for /healthz, runs
# benchmarks/EarlyWarning.LoadGen against it, and stops the gateway by its pid however the run
# ends. Ends with the CSV's path and the gateway's peak RSS (VmHWM).
#
#   benchmarks/loadgen.sh [--quick] [latency] [ingest] [mixed] [fanout] [--csv PATH] [--storage memory|sqlite] [loadgen options…]
#   benchmarks/loadgen.sh --gateways N [--silos S] [fanout] [--subscribers X] [--holders K] [loadgen options…]
#
# --storage: the embedded silo's grain storage, memory by default (what the figures in RESULTS.md
# were measured on); sqlite measures the durable default of `dotnet run`, its file in a fresh
# folder beside the CSV.
#
# --gateways N: a cluster instead (scripts/cluster.sh in a fresh folder beside the CSV, on a free
# base port): redis-server, S silos (default 2) on Redis storage, N client-mode gateways, each
# with the same raised limits and listening on every --addresses address; the load generator
# spreads its clients evenly over the gateways, reads the memory of every process and Redis's
# counters, and the cluster is stopped however the run ends. --holders K splits the fan-out's
# sockets over K processes (one may open ~20 000 files). The 100 000-socket run (six gateways: one
# idles at ~400 open files; about 15–30 min on a quiet machine, ~10 GiB):
#   benchmarks/loadgen.sh --gateways 6 fanout --subscribers 100000 --holders 6 --repeats 3
#
# Without --csv the rows go to artifacts/benchmarks/loadgen[-quick].csv (loadgen-gatewaysN.csv with --gateways), columns
# measure,clients,count,p50_ms,p90_ms,p99_ms,max_ms,rate_per_s. The gateway's output goes to
# the .log beside it. `--help` lists the load generator's options (sizes, rates, durations).
set -euo pipefail
cd "$(dirname "$0")/.."

addresses=4
gateways=0
silos=2
storage=memory
csv=""
quick=false
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --csv) csv="$2"; shift 2 ;;
    --addresses) addresses="$2"; shift 2 ;;
    --storage) storage="$2"; shift 2 ;;
    --gateways) gateways="$2"; shift 2 ;;
    --silos) silos="$2"; shift 2 ;;
    --quick) quick=true; pass+=("$1"); shift ;;
    --help)
      dotnet build benchmarks/EarlyWarning.LoadGen -c Release -nologo -v quiet >/dev/null
      dotnet run -c Release --no-build --project benchmarks/EarlyWarning.LoadGen -- --help
      exit 0 ;;
    *) pass+=("$1"); shift ;;
  esac
done
if [ -z "$csv" ]; then
  if [[ "$gateways" =~ ^[1-9][0-9]*$ ]]; then csv=artifacts/benchmarks/loadgen-gateways$gateways.csv
  elif [ "$quick" = true ]; then csv=artifacts/benchmarks/loadgen-quick.csv; else csv=artifacts/benchmarks/loadgen.csv; fi
fi
mkdir -p "$(dirname "$csv")"
log="${csv%.csv}-gateway.log"
[[ "$gateways" =~ ^[0-9]+$ && "$silos" =~ ^[0-9]+$ ]] || { echo "loadgen: --gateways and --silos take a number" >&2; exit 2; }
case "$storage" in
  memory) storage_args=(--Storage:Provider=memory) ;;
  sqlite)
    state="$(realpath -m "${csv%.csv}-state")"
    rm -rf "$state"
    storage_args=(--Storage:Provider=sqlite "--Storage:Path=$state/earlywarning.db") ;;
  *) echo "loadgen: --storage must be memory or sqlite" >&2; exit 2 ;;
esac
if [ "$gateways" -eq 0 ]; then echo "loadgen: storage $storage"; fi

# Every hub socket is a file descriptor on both sides: take the soft limit up to the hard one.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
echo "loadgen: open files limit $(ulimit -n) (hard $(ulimit -Hn))"
# The gateway is built from the work tree: name what was measured.
echo "loadgen: gateway source $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo ' + uncommitted changes in src/')"

# Every rate limit raised: the load generator's clients share a few addresses. The same for the
# embedded gateway and for each gateway of a cluster; the no-op hub for ingest's ceiling
# (Benchmarks:NoOpHub, Development only).
gateway_settings=(
  Cases:EscalationApprovers=1
  RateLimits:Subscriptions:Burst=1000000 RateLimits:Subscriptions:Refill=1000000 RateLimits:SubscriptionsPerMinute=100000000
  RateLimits:AnonymousSightings:Burst=1000000 RateLimits:AnonymousSightings:Refill=1000000 RateLimits:AnonymousSightingsPerMinute=100000000
  RateLimits:TokenRequests:Burst=1000000 RateLimits:TokenRequests:Refill=1000000
  RateLimits:Locations:Burst=1000000 RateLimits:Locations:Refill=1000000
  SignIn:PerAccount:Burst=1000000 SignIn:PerAccount:Refill=1000000
  RateLimits:Hub:Locations=1000000 RateLimits:Hub:LocationBurst=1000000
  RateLimits:Hub:Acknowledgements=1000000 RateLimits:Hub:AcknowledgementBurst=1000000
  Benchmarks:NoOpHub=true
  Logging:LogLevel:Default=Warning
)

# Build first, so the build's CPU does not overlap the measured run.
dotnet build src/Gateway -c Release -nologo -v quiet
dotnet build benchmarks/EarlyWarning.LoadGen -c Release -nologo -v quiet
if [ "$gateways" -gt 0 ]; then
  exec benchmarks/loadgen-cluster.sh "$gateways" "$silos" "$addresses" "$csv" "${pass[@]+"${pass[@]}"}" -- "${gateway_settings[@]}"
fi
gateway_dll=src/Gateway/bin/Release/net10.0/EarlyWarning.Gateway.dll
[ -f "$gateway_dll" ] || { echo "loadgen: $gateway_dll not found after the build" >&2; exit 1; }

pid=""
started=$(date +%s)
stop_gateway() {
  local status=$?
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    hwm=$(awk '/VmHWM/ {printf "%.0f MiB", $2 / 1024}' "/proc/$pid/status" 2>/dev/null || echo "?")
    echo "loadgen: gateway pid $pid peak RSS (VmHWM) $hwm"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  echo "loadgen: csv $(realpath -m "$csv"), gateway log $(realpath -m "$log"), $(( $(date +%s) - started )) s in all"
  exit "$status"
}
trap stop_gateway EXIT
trap 'exit 130' INT TERM

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 12000 ))
    if port_is_free "$p"; then echo "$p"; return 0; fi
  done
  return 1
}

healthy() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/healthz")" = "200" ]; }

# Another process may take a port between the check and the bind: try a few times.
for attempt in 1 2 3; do
  port=$(free_port); silo_port=$(free_port); orleans_gateway_port=$(free_port)
  urls=$(for i in $(seq 1 "$addresses"); do printf 'http://127.0.0.%d:%d;' "$i" "$port"; done)
  # Run the built gateway itself (not through `dotnet run`), so $pid is the gateway and its VmHWM is the gateway's.
  (cd src/Gateway && ASPNETCORE_ENVIRONMENT=Development exec dotnet "bin/Release/net10.0/EarlyWarning.Gateway.dll" \
    --urls "${urls%;}" \
    --Orleans:SiloPort="$silo_port" --Orleans:GatewayPort="$orleans_gateway_port" "${storage_args[@]}" \
    "${gateway_settings[@]/#/--}") >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    healthy "$port" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if healthy "$port"; then break; fi
  echo "loadgen: gateway did not become healthy (attempt $attempt); its log:" >&2
  tail -n 20 "$log" >&2 || true
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
done
[ -n "$pid" ] || { echo "loadgen: could not start the gateway" >&2; exit 1; }
echo "loadgen: gateway pid $pid on ${urls%;} (silo $silo_port/$orleans_gateway_port), healthy after $(( $(date +%s) - started )) s"

dotnet run -c Release --no-build --project benchmarks/EarlyWarning.LoadGen -- \
  --gateway "http://127.0.0.1:$port" --addresses "$addresses" --csv "$csv" "${pass[@]}"
