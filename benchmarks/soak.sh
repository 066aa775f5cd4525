#!/usr/bin/env bash
# Soak (issue 20): the hello, https-hello, echo, collector and agent examples in one JVM (SoakServers) under a bounded
# mixed load from a second JVM (SoakLoad: keep-alive and fresh connections, pipelining, sized and chunked bodies, slow
# readers, cuts mid-request, mid-handshake and mid-response, TLS and plain) for DURATION. Samples RSS, heap after GC,
# descriptors, threads and timer lag every few seconds into soak.csv, charts them in soak.svg, and fails when a
# request fails, a metric's fitted slope exceeds its bound (SoakLoad.TRENDS), descriptors or threads do not return to
# their idle baseline, or Netty's leak detector (paranoid) reports a leak.
# Usage: benchmarks/soak.sh DURATION [OUT_DIR]   DURATION: 120, 120s, 2m or 1h
#        SOAK_SERVER_OPTS adds JVM options to the servers, e.g. -Dsoak.leakBytesPerSecond=50000 to see it fail.
#        (needs openssl and: mvn -q -B -DskipTests package, or install)
set -euo pipefail
# The whole script is one function, read before it runs: bash reads a script as it goes, so a soak.sh edited during
# an hour-long run would otherwise run the edited file's tail from the old offset.
main() {
cd "$(dirname "$0")/.."
case "${1:?usage: benchmarks/soak.sh DURATION [OUT_DIR]}" in
  *h) SECONDS_TOTAL=$(( ${1%h} * 3600 )) ;;
  *m) SECONDS_TOTAL=$(( ${1%m} * 60 )) ;;
  *s) SECONDS_TOTAL=${1%s} ;;
  *) SECONDS_TOTAL=$1 ;;
esac
OUT="${2:-benchmarks/results/soak-$(date -u +%Y-%m-%dT%H%M)}"
JAVA="${JAVA:-java}"
JAR="${JAR:-benchmarks/target/stardust-benchmarks.jar}"   # JAR=copy.jar: rebuild while a long soak runs
[ -f "$JAR" ] || { echo "missing $JAR: run mvn -q -B -DskipTests package first" >&2; exit 1; }
command -v openssl >/dev/null || { echo "soak: https-hello needs the openssl command" >&2; exit 1; }
# A quarter of the run warms up (C2 compiling, pools and caches filling; charted, not judged), at least 30 s and at
# most 10 minutes.
WARMUP=$(( SECONDS_TOTAL / 4 )); (( WARMUP < 30 )) && WARMUP=30; (( WARMUP > 600 )) && WARMUP=600
SAMPLE=5; (( SECONDS_TOTAL <= 600 )) && SAMPLE=2
# The servers' JVM: a fixed, pre-touched heap, so that RSS moves only with native memory and heap growth shows in
# heap-after-GC alone; a fixed number of JIT and GC threads, so that the thread count at rest is exact; Netty's leak
# detector at paranoid (every buffer tracked), as in the tests.
SERVER_OPTS="-Xms128m -Xmx128m -XX:+AlwaysPreTouch -XX:-UseDynamicNumberOfCompilerThreads
  -XX:-UseDynamicNumberOfGCThreads -Dio.netty.leakDetection.level=paranoid ${SOAK_SERVER_OPTS:-}"
# The load's JVM: small and cheap (C1 only), so that it leaves the shared cores to the servers and other work.
LOAD_OPTS="-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
mkdir -p "$OUT"
PORTS="$OUT/ports"
rm -f "$PORTS"
SERVER=""
CERTS=""
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; fi
  rm -f "$PORTS"
  if [ -n "$CERTS" ]; then rm -rf "$CERTS"; fi
}
trap cleanup EXIT
# stdout is the collector's one line per report; the log keeps stderr (errors, leak reports).
# The https-hello certificate, made here rather than by the example: a process spawned inside the soaked JVM leaves
# the JDK's "process reaper" thread behind for a minute, which would make the thread baseline depend on timing.
CERTS=$(mktemp -d)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 7 -subj /CN=localhost \
  -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout "$CERTS/key.pem" -out "$CERTS/cert.pem" 2>/dev/null
# shellcheck disable=SC2086
"$JAVA" $SERVER_OPTS -cp "$JAR" dev.stardust.benchmarks.soak.SoakServers "$PORTS" "$CERTS/cert.pem" "$CERTS/key.pem" \
  > /dev/null 2> "$OUT/server.log" &
SERVER=$!
for _ in $(seq 1 600); do
  [ -f "$PORTS" ] && break
  kill -0 "$SERVER" 2>/dev/null || { echo "soak: the servers ended at start:" >&2; cat "$OUT/server.log" >&2; exit 1; }
  sleep 0.1
done
[ -f "$PORTS" ] || { echo "soak: the servers did not listen within 60 s" >&2; exit 1; }
# Start-up is not soaked: what the servers log before they all listen (on a busy machine, a loop-blocked warning
# while the first TLS context is built) is kept in the log but only what follows is judged.
START_LINES=$(wc -l < "$OUT/server.log")
{ echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"; echo "uptime at start: $(uptime)"; "$JAVA" -version 2>&1 | head -1;
  echo "duration ${SECONDS_TOTAL}s, warm-up ${WARMUP}s, sample every ${SAMPLE}s"; } > "$OUT/run.txt"
status=0
# shellcheck disable=SC2086
"$JAVA" $LOAD_OPTS -cp "$JAR" dev.stardust.benchmarks.soak.SoakLoad "$PORTS" "$OUT" "$SECONDS_TOTAL" "$WARMUP" \
  "$SAMPLE" | tee "$OUT/load.log" || status=1
echo "uptime at end: $(uptime)" >> "$OUT/run.txt"
if ! kill -0 "$SERVER" 2>/dev/null; then
  echo "soak: FAIL: the servers' process ended during the run" >&2; status=1
fi
UNDER_LOAD=$(tail -n +"$((START_LINES + 1))" "$OUT/server.log")
if grep -q "LEAK:" <<< "$UNDER_LOAD"; then
  echo "soak: FAIL: Netty reported a leak (see $OUT/server.log)" >&2; status=1
fi
# A loop blocked for 2 s is reported, not failed: on this shared machine (load averages of 20 on two cores) a thread
# waits that long for a core now and then; lag is judged by its trend (SoakLoad.TRENDS), and the stacks are in the log.
# Only a trace's first line and its "Caused by" lines are matched (not its frames, named after any method).
HEADS=$(grep -v $'^[ \t]' <<< "$UNDER_LOAD" || true)
BLOCKED=$(grep -c "ERR_LOOP_BLOCKED" <<< "$HEADS" || true)
if [ "$BLOCKED" -gt 0 ]; then
  echo "soak: $BLOCKED blocked-loop warnings under load (see $OUT/server.log)" | tee -a "$OUT/summary.txt"
fi
if grep -E "Exception|Error" <<< "$HEADS" | grep -qv "ERR_LOOP_BLOCKED"; then
  echo "soak: FAIL: the servers logged an exception under load (see $OUT/server.log):" >&2
  grep -E "Exception|Error" <<< "$HEADS" | grep -v "ERR_LOOP_BLOCKED" | head -5 >&2
  status=1
fi
echo "soak: results in $OUT (soak.csv, soak.svg, summary.txt)"
exit "$status"
}
main "$@"
