#!/usr/bin/env bash
# A cluster on this machine, as production runs one: redis-server (AOF on, password, loopback
# only), N silos (src/Silo) and M gateways in client mode (src/Gateway), each its own process
# from the Release build, all on 127.0.0.1.
#
#   scripts/cluster.sh start [--silos N] [--gateways M] [--base-port P] [--dir DIR] [--no-build]
#                            [--gateway-addresses K] [--gateway-setting KEY=VALUE]…
#   scripts/cluster.sh status [--dir DIR]
#   scripts/cluster.sh stop [--dir DIR]
#
# Ports from P (default 7100): Redis P; silo i (1..N) P+10+i (silo-to-silo) and P+30+i (Orleans
# gateway); gateway j (1..M) P+50+j (HTTP), on 127.0.0.1 … 127.0.0.K (K default 1: more addresses
# give a load generator more ephemeral ports). Each --gateway-setting goes to every gateway as
# --KEY=VALUE (benchmarks/loadgen.sh raises the rate limits so). DIR (default artifacts/cluster, or $CLUSTER_DIR)
# keeps what is made once and reused by every start — the Redis password, the token signing key
# shared by every gateway, the VAPID pair, Redis's data (AOF) — and each run's logs, pids and
# copy of the build (bin/).
# The gateways run in Development, which enables the demo accounts. start builds the solution
# (Release) when a source is newer than the build; --no-build only checks the build is there.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir=${CLUSTER_DIR:-$root/artifacts/cluster}
silos=2
gateways=2
base_port=7100
build=true
gateway_addresses=1
gateway_settings=()
command=${1:-}
if [ $# -gt 0 ]; then shift; fi

usage() {
  sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos=${2:?--silos takes a number}; shift 2 ;;
    --gateways) gateways=${2:?--gateways takes a number}; shift 2 ;;
    --base-port) base_port=${2:?--base-port takes a port}; shift 2 ;;
    --dir) dir=${2:?--dir takes a folder}; shift 2 ;;
    --no-build) build=false; shift ;;
    --gateway-addresses) gateway_addresses=${2:?--gateway-addresses takes a number}; shift 2 ;;
    --gateway-setting)
      [[ "${2:-}" =~ ^[A-Za-z][A-Za-z0-9_:.]*=.*$ ]] || { echo "cluster: --gateway-setting takes KEY=VALUE" >&2; exit 2; }
      gateway_settings+=("--$2"); shift 2 ;;
    *) usage ;;
  esac
done

for number in "$silos" "$gateways" "$base_port" "$gateway_addresses"; do
  # No leading zero: the shell's arithmetic would read 07100 as octal.
  [[ "$number" =~ ^[1-9][0-9]*$ ]] || usage
done
if [ "$silos" -lt 1 ] || [ "$silos" -gt 19 ] || [ "$gateways" -lt 1 ] || [ "$gateways" -gt 49 ]; then
  echo "cluster: 1 to 19 silos and 1 to 49 gateways" >&2
  exit 2
fi
if [ "$gateway_addresses" -lt 1 ] || [ "$gateway_addresses" -gt 32 ]; then
  echo "cluster: --gateway-addresses must be 1 to 32" >&2
  exit 2
fi
if [ "$base_port" -lt 1024 ] || [ "$base_port" -gt 65400 ]; then
  echo "cluster: --base-port must be 1024 to 65400" >&2
  exit 2
fi

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
pids="$dir/pids"
logs="$dir/logs"
silo_dll="$root/src/Silo/bin/Release/net10.0/EarlyWarning.Silo.dll"
gateway_dll="$root/src/Gateway/bin/Release/net10.0/EarlyWarning.Gateway.dll"

# A secret made once and kept (owner-only): the next start reuses it, so Redis's data, tokens
# already issued and push subscriptions stay valid.
secret() {
  local file="$dir/$1"
  if [ ! -s "$file" ]; then
    (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '\n/+=' >"$file")
  fi
  cat "$file"
}

# The pid in a pid file, if that process still runs the program it was started as.
running_pid() {
  local file=$1 pid
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -e 'EarlyWarning\.' -e 'redis-server' || return 1
  echo "$pid"
}

# Whether a process this script just launched still runs. Right after `launch` its command line
# may still be this script's (the fork has not yet run its program), which running_pid does not
# recognise: such a process counts as running unless it is gone or a zombie.
launched_alive() {
  running_pid "$1" >/dev/null && return 0
  local pid state
  pid=$(cat "$1" 2>/dev/null) && [ -n "$pid" ] || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

ready_status() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$1/healthz/ready" || true
}

# Starts a process in the background with its output in its log; its pid goes to its pid file.
launch() {
  local name=$1
  shift
  nohup "$@" >"$logs/$name.log" 2>&1 </dev/null &
  echo $! >"$pids/$name.pid"
}

# Stops the processes of the given pid files: SIGTERM to all, up to 30 s, then SIGKILL.
stop_all() {
  local file pid waited alive
  local -a live=()
  for file in "$@"; do
    if pid=$(running_pid "$file"); then
      kill -TERM "$pid" 2>/dev/null || true
      live+=("$pid")
    fi
  done
  waited=0
  while [ ${#live[@]} -gt 0 ] && [ "$waited" -lt 300 ]; do
    alive=()
    for pid in "${live[@]}"; do
      if kill -0 "$pid" 2>/dev/null; then alive+=("$pid"); fi
    done
    live=("${alive[@]+"${alive[@]}"}")
    [ ${#live[@]} -eq 0 ] && break
    sleep 0.1
    waited=$((waited + 1))
  done
  for pid in "${live[@]+"${live[@]}"}"; do
    echo "cluster: pid $pid did not stop in 30 s, killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  done
  for file in "$@"; do rm -f "$file"; done
}

stop_cluster() {
  [ -d "$pids" ] || { echo "cluster: nothing started from $dir"; return 0; }
  # Gateways first (their clients go elsewhere), then silos, then Redis (it saves its AOF on SIGTERM).
  shopt -s nullglob
  local -a gateway_files=("$pids"/gateway-*.pid) silo_files=("$pids"/silo-*.pid)
  shopt -u nullglob
  if [ ${#gateway_files[@]} -gt 0 ]; then stop_all "${gateway_files[@]}"; fi
  if [ ${#silo_files[@]} -gt 0 ]; then stop_all "${silo_files[@]}"; fi
  stop_all "$pids/redis.pid"
  echo "cluster: stopped"
}

# A value of the running cluster's cluster.env (written by start).
started_with() {
  sed -n "s/^$1=//p" "$dir/cluster.env"
}

status_cluster() {
  [ -f "$dir/cluster.env" ] || { echo "cluster: not started from $dir"; return 1; }
  local run_base run_redis run_silos run_gateways healthy=0 name pid what port code
  run_base=$(started_with BASE_PORT)
  run_redis=$(started_with REDIS_PORT)
  run_silos=$(started_with SILOS)
  run_gateways=$(started_with GATEWAYS)
  local -a names=(redis)
  for i in $(seq 1 "$run_silos"); do names+=("silo-$i"); done
  for j in $(seq 1 "$run_gateways"); do names+=("gateway-$j"); done
  printf '%-12s %-8s %-6s %s\n' PROCESS PID STATE DETAIL
  for name in "${names[@]}"; do
    if pid=$(running_pid "$pids/$name.pid"); then
      case "$name" in
        redis) what="127.0.0.1:$run_redis" ;;
        silo-*) what="127.0.0.1:$((run_base + 10 + ${name#silo-})) (silo), 127.0.0.1:$((run_base + 30 + ${name#silo-})) (Orleans gateway)" ;;
        gateway-*)
          port=$((run_base + 50 + ${name#gateway-}))
          code=$(ready_status "$port")
          what="http://127.0.0.1:$port/  /healthz/ready: $code"
          [ "$code" = 200 ] || healthy=1 ;;
      esac
      printf '%-12s %-8s %-6s %s\n' "$name" "$pid" up "$what"
    else
      printf '%-12s %-8s %-6s %s\n' "$name" - down "log: $logs/$name.log"
      healthy=1
    fi
  done
  return "$healthy"
}

fail_start() {
  echo "cluster: $1" >&2
  if [ -n "${2:-}" ] && [ -f "$logs/$2.log" ]; then
    echo "--- last lines of $logs/$2.log" >&2
    tail -n 30 "$logs/$2.log" >&2
  fi
  stop_cluster >&2
  exit 1
}

build_if_needed() {
  local stale=false
  if [ ! -f "$silo_dll" ] || [ ! -f "$gateway_dll" ]; then
    [ "$build" = true ] || { echo "cluster: no Release build (dotnet build -c Release first)" >&2; exit 1; }
    stale=true
  elif [ "$build" = false ]; then
    return 0
  elif [ -n "$(find "$root/src" -newer "$gateway_dll" -type f \( -name '*.cs' -o -name '*.csproj' -o -name 'appsettings.json' \) \
      -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]; then
    stale=true
  fi
  if [ "$stale" = true ]; then
    echo "cluster: building (Release)"
    dotnet build "$root/EarlyWarning.sln" -c Release -nologo -v quiet
  fi
}

start_cluster() {
  for file in "$pids"/*.pid; do
    if [ -f "$file" ] && running_pid "$file" >/dev/null; then
      echo "cluster: already running from $dir (scripts/cluster.sh status, or stop first)" >&2
      exit 1
    fi
  done

  # redis-cli answers the start's Redis probe, curl the gateways' readiness: without them a
  # healthy start would wait out its 180 s and say the gateways were not ready.
  if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
    echo "cluster: installing redis-server, redis-tools and curl (apt-get)"
    local sudo="" had_redis=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    if command -v redis-server >/dev/null 2>&1; then had_redis=1; fi
    $sudo apt-get update -qq
    # Through env: sudo does not pass a variable set in front of it.
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server redis-tools curl >/dev/null
    # A fresh package starts (and enables) the distribution's own Redis on 6379, which this cluster
    # does not use and `stop` would leave running: stopped and disabled again. A Redis that was
    # here before (only redis-tools or curl missing) is someone else's and left alone.
    if [ -z "$had_redis" ]; then
      if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet redis-server 2>/dev/null; then
        echo "cluster: stopping and disabling the redis-server service the package started (this cluster runs its own)"
        $sudo systemctl disable --now redis-server >/dev/null 2>&1 || true
      elif command -v service >/dev/null 2>&1; then
        $sudo service redis-server stop >/dev/null 2>&1 || true
      fi
    fi
  fi
  build_if_needed

  local redis_port=$base_port port i j
  for port in "$redis_port" $(for i in $(seq 1 "$silos"); do echo $((base_port + 10 + i)) $((base_port + 30 + i)); done) \
    $(for j in $(seq 1 "$gateways"); do echo $((base_port + 50 + j)); done); do
    if port_in_use "$port"; then
      echo "cluster: port $port is taken on 127.0.0.1; choose another --base-port" >&2
      exit 1
    fi
  done

  mkdir -p "$pids" "$logs" "$dir/redis"
  rm -f "$pids"/*.pid

  # The processes run a copy of the build, so building again while the cluster runs cannot pull
  # files from under them; the next start takes the new build.
  # Only its own two folders: --dir may name a folder that holds other things (a home's bin/).
  rm -rf "${dir:?}/bin/silo" "${dir:?}/bin/gateway"
  mkdir -p "$dir/bin"
  cp -a "$(dirname "$silo_dll")" "$dir/bin/silo"
  cp -a "$(dirname "$gateway_dll")" "$dir/bin/gateway"
  local silo_run="$dir/bin/silo/EarlyWarning.Silo.dll" gateway_run="$dir/bin/gateway/EarlyWarning.Gateway.dll"
  local password signing_key vapid public_key private_key
  password=$(secret redis.password)
  signing_key=$(secret signing.key)
  if [ ! -s "$dir/vapid.json" ]; then
    (umask 077 && dotnet "$gateway_run" vapid-keys >"$dir/vapid.json")
  fi
  vapid=$(cat "$dir/vapid.json")
  public_key=$(sed -n 's/.*"publicKey": *"\([^"]*\)".*/\1/p' <<<"$vapid")
  private_key=$(sed -n 's/.*"privateKey": *"\([^"]*\)".*/\1/p' <<<"$vapid")

  printf 'BASE_PORT=%s\nREDIS_PORT=%s\nSILOS=%s\nGATEWAYS=%s\n' "$base_port" "$redis_port" "$silos" "$gateways" >"$dir/cluster.env"

  # Redis: loopback only, a password, every write appended to the AOF (fsync each second).
  (umask 077 && cat >"$dir/redis.conf" <<EOF
bind 127.0.0.1
port $redis_port
protected-mode yes
requirepass $password
appendonly yes
appendfsync everysec
dir $dir/redis
daemonize no
EOF
  )
  # From here processes run: an interrupted start stops what it started rather than leaving it.
  trap 'fail_start "start interrupted"' INT TERM
  launch redis redis-server "$dir/redis.conf"
  local waited=0
  until REDISCLI_AUTH=$password redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG; do
    launched_alive "$pids/redis.pid" || fail_start "redis-server exited" redis
    [ "$waited" -lt 100 ] || fail_start "redis-server did not answer in 10 s" redis
    sleep 0.1
    waited=$((waited + 1))
  done

  # The silos and gateways get Redis's password through their environment, not their command line.
  export Orleans__RedisConnectionString="127.0.0.1:$redis_port,password=$password"
  export Orleans__AdvertisedIPAddress=127.0.0.1
  for i in $(seq 1 "$silos"); do
    Orleans__SiloPort=$((base_port + 10 + i)) Orleans__GatewayPort=$((base_port + 30 + i)) DOTNET_ENVIRONMENT=Production \
      launch "silo-$i" dotnet "$silo_run"
  done

  local urls a
  for j in $(seq 1 "$gateways"); do
    urls=$(for a in $(seq 1 "$gateway_addresses"); do printf 'http://127.0.0.%d:%d;' "$a" $((base_port + 50 + j)); done)
    ASPNETCORE_ENVIRONMENT=Development Orleans__Mode=client Auth__SigningKey=$signing_key \
      Push__PublicKey=$public_key Push__PrivateKey=$private_key \
      launch "gateway-$j" dotnet "$gateway_run" --contentRoot "$root/src/Gateway" --urls "${urls%;}" \
      "${gateway_settings[@]+"${gateway_settings[@]}"}"
  done

  # Ready when every gateway says so: its silo answers, storage reads, its alert sink is registered.
  local deadline=$((SECONDS + 180)) pending name
  while :; do
    pending=0
    for file in "$pids"/*.pid; do
      name=$(basename "$file" .pid)
      launched_alive "$file" || fail_start "$name exited while starting" "$name"
    done
    for j in $(seq 1 "$gateways"); do
      [ "$(ready_status $((base_port + 50 + j)))" = 200 ] || pending=$((pending + 1))
    done
    [ "$pending" -eq 0 ] && break
    [ "$SECONDS" -lt "$deadline" ] || fail_start "$pending gateway(s) not ready after 180 s (logs in $logs)"
    sleep 0.5
  done

  echo "cluster: up — redis 127.0.0.1:$redis_port, $silos silo(s), $gateways gateway(s); data, logs and pids in $dir"
  for i in $(seq 1 "$silos"); do
    echo "  silo $i       127.0.0.1:$((base_port + 10 + i)) (silo-to-silo), 127.0.0.1:$((base_port + 30 + i)) (Orleans gateway)"
  done
  for j in $(seq 1 "$gateways"); do
    echo "  gateway $j    control room http://127.0.0.1:$((base_port + 50 + j))/   (field: /field, public: /public, dashboard: /dashboard/)"
  done
  echo "  sign in as supervisor / supervisor-demo or operator / operator-demo (field1 … field5 / field-demo);"
  echo "  a token from one gateway is accepted by every other (one signing key)."
  echo "  scripts/cluster.sh status | stop"
}

case "$command" in
  start) start_cluster ;;
  stop) stop_cluster ;;
  status) status_cluster ;;
  *) usage ;;
esac
