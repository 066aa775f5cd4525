#!/usr/bin/env bash
# Side-by-side HTTPS hello benchmark: Stardust's https-hello example vs raw Netty with the same (JDK) TLS engine vs
# node's https, all with one ECDSA P-256 certificate made here with openssl. Keep-alive connections, so this
# measures TLS record processing more than handshakes. Prints a Markdown table.
# Usage: benchmarks/https-bench.sh [DURATION_SECONDS]   (needs wrk, node, openssl, and: mvn -q -B -DskipTests package)
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
DIR=$(mktemp -d)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$DIR/key.pem" -out "$DIR/cert.pem" 2>/dev/null
cat > "$DIR/server.js" <<'JS'
const https = require('https'), fs = require('fs');
https.createServer({key: fs.readFileSync(process.argv[3]), cert: fs.readFileSync(process.argv[4])}, (req, res) => {
  res.writeHead(200, {'Content-Type': 'text/plain'});
  res.end('Hello world\n');
}).listen(+process.argv[2]);
JS
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null || true; rm -rf "$DIR"; }
trap cleanup EXIT

wait_port() {
  for _ in $(seq 1 100); do
    curl -sk -o /dev/null "https://127.0.0.1:$1/" && return 0
    sleep 0.1
  done
  echo "server on port $1 did not start" >&2; exit 1
}

measure() { # name port command...
  local name=$1 port=$2; shift 2
  "$@" >/dev/null 2>&1 &
  PID=$!
  wait_port "$port"
  wrk -t2 -c64 -d5s "https://127.0.0.1:$port/" >/dev/null   # warm-up (JIT)
  for c in 20 256; do
    local out rps p99
    out=$(wrk -t2 -c"$c" -d"${DURATION}s" --latency "https://127.0.0.1:$port/")
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    errors=$(echo "$out" | awk '/Socket errors|Non-2xx/ {print}' | tr '\n' ' ')
    echo "| $name | $c | $rps | $p99 | ${errors:-none} |"
  done
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
}

echo "| server | connections | requests/s | p99 latency | errors |"
echo "|---|---|---|---|---|"
measure "Stardust https-hello (jdk engine)" 18281 $JAVA $JAVA_OPTS -Dstardust.tls.engine=jdk -jar "$EXAMPLES" \
  https-hello 18281 --cert "$DIR/cert.pem" --key "$DIR/key.pem"
measure "raw Netty + SslHandler (jdk engine)" 18282 $JAVA $JAVA_OPTS -cp "$BENCH" \
  dev.stardust.benchmarks.http.RawNettyHttpsHello 18282 "$DIR/cert.pem" "$DIR/key.pem"
measure "node $(node --version) https" 18283 node "$DIR/server.js" 18283 "$DIR/key.pem" "$DIR/cert.pem"
