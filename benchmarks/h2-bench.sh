#!/usr/bin/env bash
# Side-by-side HTTP/2 hello benchmark with h2load (Debian's nghttp2-client), cleartext h2c with prior knowledge so
# that the figures are HTTP/2's framing, HPACK and streams rather than TLS: Stardust's hello-h2 example, node's
# http2.createServer and Vert.x core (one event loop, VertxH2Hello), each the same "Hello world" handler. One
# connection, with 1 and with 100 concurrent streams (h2load -m). Servers alternate (A B C, A B C, ...) so that drift of
# the machine hits each alike; p99 comes from h2load's per-request log. Prints every round's row, then the median per
# server and stream count, as a Markdown table.
# Usage: benchmarks/h2-bench.sh [DURATION_SECONDS] [ROUNDS]   (needs h2load, node, taskset, and:
#        mvn -q -B -DskipTests package)      ONLY="stardust node" limits the servers; PIN=0 runs server and
#        h2load unpinned (by default each gets one core with taskset, as the other benchmarks here).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
ROUNDS="${2:-3}"
JAVA="${JAVA:-java}"
JAVA_OPTS="${JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseParallelGC}"
EXAMPLES=examples/target/stardust-examples.jar
BENCH=benchmarks/target/stardust-benchmarks.jar
for f in "$EXAMPLES" "$BENCH"; do
  [ -f "$f" ] || { echo "missing $f: run mvn -q -B -DskipTests package first" >&2; exit 1; }
done
command -v h2load >/dev/null || { echo "h2load is not installed (apt-get install -y nghttp2-client)" >&2; exit 1; }
DIR=$(mktemp -d)
cat > "$DIR/server.js" <<'JS'
const http2 = require('http2');
http2.createServer((req, res) => {
  res.setHeader('Content-Type', 'text/plain');
  res.end('Hello world\n');
}).listen(+process.argv[2]);
JS
if [ "$(nproc)" -ge 2 ] && [ "${PIN:-1}" != 0 ]; then SRV="taskset -c 0"; CLI="taskset -c 1"; else SRV=""; CLI=""; fi
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null || true; rm -rf "$DIR"; }
trap cleanup EXIT

wait_port() {
  for _ in $(seq 1 100); do
    curl -s --http2-prior-knowledge -o /dev/null "http://127.0.0.1:$1/" && return 0
    sleep 0.1
  done
  echo "server on port $1 did not start" >&2; exit 1
}

server() { # kind port: the command line of one server
  case $1 in
    stardust) echo "$JAVA $JAVA_OPTS -jar $EXAMPLES hello-h2 $2" ;;
    node) echo "node $DIR/server.js $2" ;;
    vertx) echo "$JAVA $JAVA_OPTS -cp $BENCH dev.stardust.benchmarks.http.VertxH2Hello $2" ;;
  esac
}
declare -A NAME=([stardust]="Stardust hello-h2" [node]="node $(node --version) http2" [vertx]="Vert.x 5 h2c (1 event loop)")
SERVERS="${ONLY:-stardust node vertx}"

declare -A RPS=() P99=()
measure() { # kind port round
  local kind=$1 port=$2 round=$3
  $SRV $(server "$kind" "$port") >/dev/null 2>&1 &
  PID=$!
  wait_port "$port"
  $CLI h2load -c1 -m100 -D5 "http://127.0.0.1:$port/" >/dev/null   # warm-up (JIT)
  for m in 1 100; do
    local out rps p99 failed
    rm -f "$DIR/log"   # h2load appends to its log file
    out=$($CLI h2load -c1 -m"$m" -D"$DURATION" --log-file="$DIR/log" "http://127.0.0.1:$port/")
    rps=$(echo "$out" | awk '/^finished in/ {print $4}')
    # The log's third column is each request's time in microseconds.
    p99=$(sort -n -k3 "$DIR/log" | awk '{t[NR]=$3} END {i=int(NR*0.99); if (i<1) i=1; printf "%.2fms", t[i]/1000}')
    failed=$(echo "$out" | awk '/^requests:/ {print $10 " failed, " $12 " errored"}')
    RPS[$kind,$m]="${RPS[$kind,$m]:-} $rps"; P99[$kind,$m]="${P99[$kind,$m]:-} $p99"
    echo "| ${NAME[$kind]} | $m | $round | $rps | $p99 | $failed |"
  done
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
}
median() { printf '%s\n' $@ | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
spread() { printf '%s\n' $@ | sort -g | awk 'NR==1 {lo=$1} {hi=$1} END {print lo " – " hi}'; }

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $ROUNDS rounds of ${DURATION}s, $(h2load --version | head -1)"
echo
echo "| server | streams per connection | round | requests/s | p99 latency | failures |"
echo "|---|---|---|---|---|---|"
port=18381
for round in $(seq 1 "$ROUNDS"); do
  for kind in $SERVERS; do
    port=$((port + 1))
    measure "$kind" "$port" "$round"
  done
done
echo
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| server | streams per connection | median requests/s | spread (min – max) | p99 per round |"
echo "|---|---|--:|---|---|"
for m in 1 100; do
  for kind in $SERVERS; do
    echo "| ${NAME[$kind]} | $m | $(median ${RPS[$kind,$m]}) | $(spread ${RPS[$kind,$m]}) | ${P99[$kind,$m]# } |"
  done
done
