#!/usr/bin/env bash
# Superseded by `benchmarks/run.sh --only http` (adds Vert.x, ab, RSS, startup, profiles, a chart); kept for reference.
# Side-by-side HTTP hello benchmark: Stardust's hello example vs raw Netty (one event-loop thread) vs node's http.
# Each server runs alone, is warmed up, then measured with wrk at 20 and 256 connections. Prints a Markdown table.
# Usage: benchmarks/http-bench.sh [DURATION_SECONDS]   (needs wrk, node, and: mvn -q -B -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
JAVA="${JAVA:-java}"
JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseParallelGC}"
EXAMPLES=examples/target/stardust-examples.jar
BENCH=benchmarks/target/stardust-benchmarks.jar
for f in "$EXAMPLES" "$BENCH"; do
  [ -f "$f" ] || { echo "missing $f: run mvn -q -B -DskipTests package first" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
NODE_SCRIPT=$(mktemp --suffix=.js)
cat > "$NODE_SCRIPT" <<'JS'
const http = require('http');
http.createServer((req, res) => {
  res.writeHead(200, {'Content-Type': 'text/plain'});
  res.end('Hello world\n');
}).listen(+process.argv[2]);
JS
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null || true; rm -f "$NODE_SCRIPT"; }
trap cleanup EXIT

wait_port() {
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0
    sleep 0.1
  done
  echo "server on port $1 did not start" >&2; exit 1
}

measure() { # name port command...
  local name=$1 port=$2; shift 2
  "$@" >/dev/null 2>&1 &
  PID=$!
  wait_port "$port"
  wrk -t2 -c64 -d5s "http://127.0.0.1:$port/" >/dev/null   # warm-up (JIT)
  for c in 20 256; do
    local out rps p99
    out=$(wrk -t2 -c"$c" -d"${DURATION}s" --latency "http://127.0.0.1:$port/")
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    errors=$(echo "$out" | awk '/Socket errors|Non-2xx/ {print}' | tr '\n' ' ')
    echo "| $name | $c | $rps | $p99 | ${errors:-none} |"
  done
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
}

echo "| server | connections | requests/s | p99 latency | errors |"
echo "|---|---|---|---|---|"
measure "Stardust hello" 18181 $JAVA $JAVA_OPTS -jar "$EXAMPLES" hello 18181
measure "raw Netty" 18182 $JAVA $JAVA_OPTS -cp "$BENCH" dev.stardust.benchmarks.http.RawNettyHello 18182
measure "node $(node --version)" 18183 node "$NODE_SCRIPT" 18183
