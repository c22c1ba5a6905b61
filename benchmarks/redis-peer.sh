#!/usr/bin/env bash
# The Redis GEO peer of issue 6: starts a throw-away redis-server on a free loopback port
# (no persistence), runs benchmarks/EarlyWarning.RedisPeer in Release against it, and stops
# that server by its pid however the run ends.
#
#   benchmarks/redis-peer.sh [--quick] [--csv PATH] [--measures zone5km,zone50km,fanout] [...]
#
# Arguments go to the peer (--help lists them). Without --csv the rows go to
# artifacts/benchmarks/redis-peer[-quick].csv; the CSV columns are
# measure,distribution,size,count,median_ms,p99_ms,rate_per_s.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redis-server >/dev/null 2>&1; then
  echo "redis-peer: redis-server not found, installing Debian's package" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
fi

csv_given=false
quick=false
for arg in "$@"; do
  case "$arg" in
    --csv) csv_given=true ;;
    --quick) quick=true ;;
  esac
done
extra=()
if [ "$csv_given" = false ]; then
  if [ "$quick" = true ]; then extra=(--csv artifacts/benchmarks/redis-peer-quick.csv)
  else extra=(--csv artifacts/benchmarks/redis-peer.csv); fi
fi

# Build first, so the build's CPU does not overlap the measured run.
dotnet build benchmarks/EarlyWarning.RedisPeer -c Release -nologo -v quiet

workdir=$(mktemp -d)
pid=""
peer=""
stop_all() {
  if [ -n "$peer" ] && kill -0 "$peer" 2>/dev/null; then
    kill "$peer" 2>/dev/null || true
    wait "$peer" 2>/dev/null || true
  fi
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ping_redis() {
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = "PONG" ]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'PING\r\n' >&3 && head -c 5 <&3 | grep -q PONG) 2>/dev/null
  fi
}

# Another process may take the port between the check and the bind: try a few.
for attempt in 1 2 3 4 5; do
  port=$(( 20000 + RANDOM % 40000 ))
  port_is_free "$port" || continue
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no \
    --dir "$workdir" --logfile "$workdir/redis.log" --daemonize no &
  pid=$!
  for _ in $(seq 1 50); do
    ping_redis "$port" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if ping_redis "$port"; then break; fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
done
if [ -z "$pid" ]; then
  echo "redis-peer: could not start redis-server" >&2
  cat "$workdir/redis.log" >&2 2>/dev/null || true
  exit 1
fi
echo "redis-peer: redis-server $(redis-server --version | sed -E 's/.*v=([^ ]+).*/\1/') pid $pid on 127.0.0.1:$port"

# In the background and waited for, so that a TERM to this script stops the peer and the server at once.
dotnet run -c Release --no-build --project benchmarks/EarlyWarning.RedisPeer -- \
  --redis "127.0.0.1:$port" "${extra[@]}" "$@" &
peer=$!
wait "$peer"
