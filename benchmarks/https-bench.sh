#!/usr/bin/env bash
# Side-by-side HTTPS hello benchmark: Stardust's https-hello example on the JDK's TLS engine and on OpenSSL
# (netty-tcnative, from the benchmarks jar), raw Netty with the same two engines, and node's https, all with one ECDSA
# P-256 certificate made here with openssl. Keep-alive connections: each row starts with its connections' handshakes,
# then measures TLS record processing. Servers alternate (A B C D E, A B C D E, ...) so that drift of the machine hits
# each alike; prints every round's row, then the median per server and connection count, as a Markdown table.
# Usage: benchmarks/https-bench.sh [DURATION_SECONDS] [ROUNDS]   (needs wrk, node, openssl, taskset, and:
#        mvn -q -B -DskipTests package)      ONLY="stardust-jdk stardust-openssl node" limits the servers.
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
if [ "$(nproc)" -ge 2 ]; then SRV="taskset -c 0"; CLI="taskset -c 1"; else SRV=""; CLI=""; fi
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

server() { # kind port: the command line of one server
  local port=$2
  case $1 in
    stardust-jdk) echo "$JAVA $JAVA_OPTS -Dstardust.tls.engine=jdk -jar $EXAMPLES https-hello $port --cert $DIR/cert.pem --key $DIR/key.pem" ;;
    # The examples jar first (Stardust and Netty from it), the benchmarks jar for netty-tcnative; OpenSSL forced, so
    # that a missing native library fails the row instead of measuring the JDK engine twice.
    stardust-openssl) echo "$JAVA $JAVA_OPTS -Dstardust.tls.engine=openssl -cp $EXAMPLES:$BENCH dev.stardust.examples.Main https-hello $port --cert $DIR/cert.pem --key $DIR/key.pem" ;;
    netty-jdk) echo "$JAVA $JAVA_OPTS -Dstardust.tls.engine=jdk -cp $BENCH dev.stardust.benchmarks.http.RawNettyHttpsHello $port $DIR/cert.pem $DIR/key.pem" ;;
    netty-openssl) echo "$JAVA $JAVA_OPTS -Dstardust.tls.engine=openssl -cp $BENCH dev.stardust.benchmarks.http.RawNettyHttpsHello $port $DIR/cert.pem $DIR/key.pem" ;;
    node) echo "node $DIR/server.js $port $DIR/key.pem $DIR/cert.pem" ;;
  esac
}
declare -A NAME=([stardust-jdk]="Stardust https-hello (jdk engine)" [stardust-openssl]="Stardust https-hello (openssl engine)"
  [netty-jdk]="raw Netty + SslHandler (jdk engine)" [netty-openssl]="raw Netty + SslHandler (openssl engine)"
  [node]="node $(node --version) https")
SERVERS="${ONLY:-stardust-jdk stardust-openssl netty-jdk netty-openssl node}"

declare -A RPS=() P99=()
measure() { # kind port round
  local kind=$1 port=$2 round=$3
  $SRV $(server "$kind" "$port") >/dev/null 2>&1 &
  PID=$!
  wait_port "$port"
  $CLI wrk -t1 -c64 -d5s "https://127.0.0.1:$port/" >/dev/null   # warm-up (JIT)
  for c in 20 256; do
    local out rps p99 errors
    out=$($CLI wrk -t1 -c"$c" -d"${DURATION}s" --latency "https://127.0.0.1:$port/")
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    errors=$(echo "$out" | awk '/Socket errors|Non-2xx/ {print}' | tr '\n' ' ')
    RPS[$kind,$c]="${RPS[$kind,$c]:-} $rps"; P99[$kind,$c]="${P99[$kind,$c]:-} $p99"
    echo "| ${NAME[$kind]} | $c | $round | $rps | $p99 | ${errors:-none} |"
  done
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
}
median() { printf '%s\n' $@ | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
spread() { printf '%s\n' $@ | sort -g | awk 'NR==1 {lo=$1} {hi=$1} END {print lo " – " hi}'; }

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $ROUNDS rounds of ${DURATION}s"
echo
echo "| server | connections | round | requests/s | p99 latency | errors |"
echo "|---|---|---|---|---|---|"
port=18281
for round in $(seq 1 "$ROUNDS"); do
  for kind in $SERVERS; do
    port=$((port + 1))
    measure "$kind" "$port" "$round"
  done
done
echo
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| server | connections | median requests/s | spread (min – max) | p99 per round |"
echo "|---|---|--:|---|---|"
for c in 20 256; do
  for kind in $SERVERS; do
    echo "| ${NAME[$kind]} | $c | $(median ${RPS[$kind,$c]}) | $(spread ${RPS[$kind,$c]}) | ${P99[$kind,$c]# } |"
  done
done
