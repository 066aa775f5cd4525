#!/usr/bin/env bash
# Resident memory of the `agent` example in the low-footprint JVM profile next to node's agent.js doing the same
# job: both report to one collector every 0.2 s for DURATION seconds; RSS (VmRSS/VmHWM) is read from /proc.
# Usage: benchmarks/agent-footprint.sh [DURATION_SECONDS]   (needs node and: mvn -q -B -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-30}"
JAVA="${JAVA:-java}"
# The agent's low-footprint profile (each flag measured in benchmarks/footprint.sh, reasons in benchmarks/README.md):
# interpreter only, a small heap with a small young generation, no class-data sharing, serial GC, one worker thread,
# Netty's unpooled allocator, and at most two glibc malloc arenas.
LOW_FOOTPRINT="-Xms4m -Xmn2m -Xmx24m -XX:+UseSerialGC -Xint -Xshare:off -Xss256k -XX:MaxMetaspaceSize=40m
  -XX:-UsePerfData -Dstardust.workers=1 -Dio.netty.allocator.type=unpooled"
export MALLOC_ARENA_MAX=2
JAR=examples/target/stardust-examples.jar
[ -f "$JAR" ] || { echo "missing $JAR: run mvn -q -B -DskipTests package first" >&2; exit 1; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
"$JAVA" -jar "$JAR" collector 18125 > /dev/null 2>&1 & pids+=($!)
sleep 2
# shellcheck disable=SC2086
"$JAVA" $LOW_FOOTPRINT -jar "$JAR" agent http://127.0.0.1:18125/ --interval 0.2 --port 18126 2>/dev/null &
pids+=($!); JAVA_PID=$!
node benchmarks/node/agent.js http://127.0.0.1:18125/ 0.2 18127 & pids+=($!); NODE_PID=$!
sleep "$DURATION"
rss() { awk '/^VmRSS|^VmHWM/ {printf "%s %d MiB  ", $1, $2/1024}' "/proc/$1/status"; }
echo "| Agent | RSS after ${DURATION} s |"
echo "|---|---|"
echo "| stardust agent, low-footprint profile | $(rss "$JAVA_PID")|"
echo "| node $(node --version) agent.js | $(rss "$NODE_PID")|"
curl -s http://127.0.0.1:18126/; echo
