# Sourced by the bench commands that run the emulator and the gateway each in its own process, from the jar, on
# free ports of 127.0.0.1; both are stopped and their files removed when the command exits.

source bin/lib/java-options.sh
bench_work=$(mktemp -d)
bench_pids=()
bench_cleanup() {
  for pid in "${bench_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${bench_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$bench_work"
}
trap bench_cleanup EXIT

# JVM options of the emulator and the load clients. ZGC: their garbage collectors' pauses would count as latency on
# every path measured (the load client's G1 young pauses reached 85 ms on 2 cores, 2026-12-06).
load_java_options="-XX:+UseZGC -Xmx1g"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_port() {
  for _ in $(seq 1 240); do (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.5; done
  echo "port $1 never opened" >&2
  exit 1
}

wait_ready() {
  for _ in $(seq 1 240); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1/health/ready")" = 200 ] && return 0
    sleep 0.5
  done
  echo "$1 never became ready; the end of its log:" >&2
  tail -20 "$bench_work/gateway.log" >&2
  exit 1
}

# Sets emulator_url and emulator_pid.
start_emulator() {
  local port
  port=$(free_port)
  java $load_java_options -jar target/camel-llm-gateway.jar emulator --port "$port" >"$bench_work/emulator.log" 2>&1 &
  emulator_pid=$!
  bench_pids+=("$emulator_pid")
  wait_port "$port"
  emulator_url=http://127.0.0.1:$port
}

# start_gateway [NAME=VALUE...]: the gateway in front of the emulator, with more LLMGW_* settings if given; one API
# key for team bench; its heap is $gateway_heap (default 2g), its java $GATEWAY_JAVA (default: java, the one the
# emulator and the load client run on), and its JVM options those bin/gateway gives it.
# Sets gateway_url, gateway_pid and gateway_key.
start_gateway() {
  local port
  port=$(free_port)
  gateway_key="sk-bench-$(date +%s)-$RANDOM"
  cat >"$bench_work/bench.yaml" <<YAML
auth:
  keys:
    - {team: bench, name: bench, key: $gateway_key}
YAML
  env LLMGW_SERVER_HOST=127.0.0.1 LLMGW_SERVER_PORT="$port" LLMGW_UPSTREAM_MODE=emulator \
    LLMGW_UPSTREAM_ENDPOINT="$emulator_url" LLMGW_STORAGE_DATADIR="$bench_work/data" \
    LLMGW_CACHE_DIRECTORY="$bench_work/data/cache" LLMGW_LOG_LEVEL=WARN "$@" \
    "${GATEWAY_JAVA:-java}" $(gateway_java_options "${GATEWAY_JAVA:-java}") -Xmx"${gateway_heap:-2g}" -jar target/camel-llm-gateway.jar --config "$bench_work/bench.yaml" >"$bench_work/gateway.log" 2>&1 &
  gateway_pid=$!
  bench_pids+=("$gateway_pid")
  gateway_url=http://127.0.0.1:$port
  wait_ready "$gateway_url"
}
