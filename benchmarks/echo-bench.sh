#!/usr/bin/env bash
# TCP echo throughput, MB/s over loopback, 1 and 64 connections: raw Netty vs Stardust vs node, alternating
# servers (A B C A B C A B C) so drift hits all alike; the median of three runs is what counts. Server on CPU 0, load client on CPU 1 when there are 2+ cores.
# Usage: benchmarks/echo-bench.sh [SECONDS_PER_RUN]   (build first: mvn -q -B -pl benchmarks -am package -DskipTests)
#        SERVERS="stardust stardust-uring" benchmarks/echo-bench.sh   # Stardust on epoll vs io_uring (Linux)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-3}
JAR=benchmarks/target/stardust-benchmarks.jar
JAVA=${JAVA:-java}
PORT=7311
if [ "$(nproc)" -ge 2 ]; then SRV="taskset -c 0"; CLI="taskset -c 1"; else SRV=""; CLI=""; fi
server_cmd() {
  case $1 in
    netty) echo "$JAVA -cp $JAR dev.stardust.benchmarks.echo.NettyEchoServer $PORT" ;;
    stardust) echo "$JAVA -Dio.netty.leakDetection.level=disabled -cp $JAR dev.stardust.benchmarks.echo.StardustEchoServer $PORT" ;;
    stardust-uring) echo "$JAVA -Dio.netty.leakDetection.level=disabled -Dstardust.transport=io_uring -cp $JAR dev.stardust.benchmarks.echo.StardustEchoServer $PORT" ;;
    node) echo "node benchmarks/node/echo.js $PORT" ;;
  esac
}
run() { # server connections
  $SRV $(server_cmd "$1") > /dev/null & local pid=$!
  for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.1; done
  local r; r=$($CLI $JAVA -cp $JAR dev.stardust.benchmarks.echo.EchoLoadClient $PORT "$2" "$SECS")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$r"
}
if [ -z "${SERVERS:-}" ]; then
  SERVERS="netty stardust"
  command -v node > /dev/null && SERVERS="$SERVERS node"
fi
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
printf '%-14s %6s %8s %8s %8s %8s\n' server conns "run 1" "run 2" "run 3" median
for conns in 1 64; do
  declare -A res=()
  for round in 1 2 3; do for s in $SERVERS; do res[$s,$round]=$(run "$s" "$conns"); done; done
  for s in $SERVERS; do
    printf '%-14s %6s %8s %8s %8s %8s\n' "$s" "$conns" "${res[$s,1]}" "${res[$s,2]}" "${res[$s,3]}" \
      "$(median "${res[$s,1]}" "${res[$s,2]}" "${res[$s,3]}")"
  done
done
