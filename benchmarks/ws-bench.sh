#!/usr/bin/env bash
# WebSocket echo (issue 18): messages/s and latency percentiles for small text messages echoed by Stardust's
# WebSocketServer, Vert.x core's, raw Netty's websocketx (the floor) and node's ws; servers alternating over the rounds
# (A B C D, A B C D, ...), server on CPU 0 and the load generator (WsLoadClient, one Java thread) on CPU 1.
#
#   benchmarks/ws-bench.sh                 # 3 rounds, 64/16/1 connections x 4 messages of 32 bytes in flight: ~6-10 min
#   benchmarks/ws-bench.sh --quick         # 1 round, short runs: ~2 minutes
#   benchmarks/ws-bench.sh --rounds 5 --duration 5 --conns 1,16,64,256 --window 8 --size 32
#   SERVERS=stardust,vertx benchmarks/ws-bench.sh   # a subset
#
# Build first (run.sh does): mvn -q -B -pl benchmarks -am package -DskipTests. Installs the pinned ws (the version
# runtime-websocket's tests use) under benchmarks/target/node-ws with npm when it is missing (npm's cache first).
# Writes benchmarks/results/ws.md (the table, ratios) and ws.json (every run). What the columns mean: README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
WS_VERSION=8.18.3
ARGS=("$@")
EXTRA=()
while [ $# -gt 0 ]; do
  case $1 in
    --quick) EXTRA+=(--rounds 1 --warmup 2 --duration 1.5) ;;
    --rounds|--warmup|--duration|--conns|--window|--size|--out) EXTRA+=("$1" "${2:?$1 needs a value}"); shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ -f benchmarks/target/stardust-benchmarks.jar ] || {
  echo "benchmarks/target/stardust-benchmarks.jar is missing: mvn -q -B -pl benchmarks -am package -DskipTests" >&2
  exit 1; }
DEFAULT_SERVERS=stardust,vertx,netty
if command -v node > /dev/null && command -v npm > /dev/null; then
  if [ ! -f benchmarks/target/node-ws/node_modules/ws/package.json ] \
      || ! grep -q "\"version\": \"$WS_VERSION\"" benchmarks/target/node-ws/node_modules/ws/package.json; then
    echo "installing ws@$WS_VERSION under benchmarks/target/node-ws"
    mkdir -p benchmarks/target/node-ws
    npm install --no-audit --no-fund --silent --prefer-offline --prefix benchmarks/target/node-ws "ws@$WS_VERSION"
  fi
  DEFAULT_SERVERS=$DEFAULT_SERVERS,node
else
  echo "warning: node or npm is missing; the node ws column will be missing" >&2
fi
SERVERS=${SERVERS:-$DEFAULT_SERVERS}
exec python3 benchmarks/harness/ws_compare.py --servers "$SERVERS" "${EXTRA[@]}" \
  --command "benchmarks/ws-bench.sh ${ARGS[*]}"
