#!/usr/bin/env bash
# UDP echo packets/s (Stardust vs raw Netty vs node's dgram, one Java load generator for all three) and
# resolves/s against one dnsmasq (Stardust's Resolver vs node's dns.Resolver), in one run.
# Needs: benchmarks/target/stardust-benchmarks.jar (mvn -pl benchmarks -am package -DskipTests), node, dnsmasq.
# Usage: benchmarks/udp-bench.sh [SECONDS] [WINDOW] [SIZE] [CONCURRENCY]
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_RUN=${1:-10}
WINDOW=${2:-64}
SIZE=${3:-64}
CONCURRENCY=${4:-32}
PORT=${PORT_BASE:-17100}
JAR=target/stardust-benchmarks.jar
JAVA=${JAVA:-java}
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

await_ready() { # FILE: waits up to 20 s for a "ready" line
  for _ in $(seq 200); do grep -q ready "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "server did not start: $(cat "$1")" >&2; exit 1
}

echo_run() { # NAME COMMAND...
  local name=$1; shift
  local out; out=$(mktemp)
  "$@" > "$out" 2>&1 & local pid=$!; pids+=("$pid")
  await_ready "$out"
  local rate; rate=$("$JAVA" -cp "$JAR" dev.stardust.benchmarks.udp.UdpEchoLoad "$PORT" "$SECONDS_PER_RUN" "$WINDOW" "$SIZE")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf '%-28s %10s packets/s\n' "udp echo $name" "$rate"
  PORT=$((PORT + 1))
}

echo "# window $WINDOW x $SIZE bytes, $SECONDS_PER_RUN s per run; java $("$JAVA" -version 2>&1 | head -1); node $(node --version)"
echo_run stardust "$JAVA" -cp "$JAR" dev.stardust.benchmarks.udp.UdpEchoServer stardust "$PORT"
echo_run netty "$JAVA" -cp "$JAR" dev.stardust.benchmarks.udp.UdpEchoServer netty "$PORT"
echo_run node node node/udp-echo-server.js "$PORT"

DNS_PORT=$((PORT + 10))
DNSMASQ=$(command -v dnsmasq || echo /usr/sbin/dnsmasq)
"$DNSMASQ" --keep-in-foreground --no-resolv --no-hosts --conf-file=/dev/null --port="$DNS_PORT" \
  --listen-address=127.0.0.1 --bind-interfaces --user=root --group=root --local=/test/ \
  --host-record=host.test,10.0.0.1 --cache-size=0 > /dev/null 2>&1 & pids+=($!)
sleep 1
rate=$("$JAVA" -cp "$JAR" dev.stardust.benchmarks.udp.ResolveLoad "127.0.0.1:$DNS_PORT" host.test "$SECONDS_PER_RUN" "$CONCURRENCY")
printf '%-28s %10s resolves/s\n' "resolve4 stardust" "$rate"
rate=$(node node/resolve-load.js "127.0.0.1:$DNS_PORT" host.test "$SECONDS_PER_RUN" "$CONCURRENCY")
printf '%-28s %10s resolves/s\n' "resolve4 node" "$rate"
