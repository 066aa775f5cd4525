#!/usr/bin/env bash
# The `agent` example's /metrics next to Prometheus's node_exporter (Debian's prometheus-node-exporter), and its push
# mode next to node's agent.js. Pull: each exporter is scraped SCRAPES times back to back over one keep-alive
# connection (curl, no gzip: our agent does not compress, and node_exporter only does when asked), after a warm-up
# of 100 scrapes; CPU per scrape is the exporter's utime+stime (from /proc/PID/stat) over the scrapes divided by
# their number, latency is curl's time_total (median and p99), RSS is VmRSS/VmHWM after. ROUNDS rounds alternate
# the exporters so that the shared machine's noise falls on all of them; every round is printed.
# Push: the agent (low-footprint profile) and agent.js both report to one collector every 0.2 s for PUSH_SECONDS;
# CPU seconds used and RSS at the end.
# Usage: benchmarks/exporter-bench.sh [SCRAPES] [ROUNDS] [PUSH_SECONDS]   (SCRAPES 0: the push part only)
#   needs: mvn -q -B -DskipTests package; prometheus-node-exporter, curl, node
set -euo pipefail
cd "$(dirname "$0")/.."
SCRAPES="${1:-500}"
ROUNDS="${2:-3}"
PUSH_SECONDS="${3:-30}"
JAVA="${JAVA:-java}"
JAR=examples/target/stardust-examples.jar
[ -f "$JAR" ] || { echo "missing $JAR: run mvn -q -B -DskipTests package first" >&2; exit 1; }
command -v prometheus-node-exporter >/dev/null || { echo "needs prometheus-node-exporter (apt-get install)" >&2; exit 1; }
# The agent's low-footprint profile, as in benchmarks/agent-footprint.sh (reasons in benchmarks/README.md).
LOW_FOOTPRINT="-Xms4m -Xmn2m -Xmx24m -XX:+UseSerialGC -Xint -Xshare:off -Xss256k -XX:MaxMetaspaceSize=40m
  -XX:-UsePerfData -Dstardust.workers=1 -Dio.netty.allocator.type=unpooled"
# A small JIT profile: the same heap bounds with the compilers on (C1 only, which compiles early and small).
SMALL_JIT="-Xms4m -Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss256k -XX:-UsePerfData -Dstardust.workers=1
  -Dio.netty.allocator.type=unpooled"
export MALLOC_ARENA_MAX=2
TICK=$(getconf CLK_TCK)

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# utime+stime of a process, in clock ticks.
cpu_ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
rss() { awk '/^VmRSS/ {r=$2} /^VmHWM/ {h=$2} END {printf "%.1f / %.1f", r/1024, h/1024}' "/proc/$1/status"; }
wait_http() { for _ in $(seq 1 100); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done; echo "no answer from $1" >&2; exit 1; }
# N scrapes over one connection; prints each time_total in seconds.
scrape() {
  local url=$1 n=$2 args=()
  for _ in $(seq 1 "$n"); do args+=(-o /dev/null -w '%{time_total}\n' "$url"); done
  curl -s "${args[@]}"
}

# name -> command; each listens on its own port.
declare -A cmd port
names=(node_exporter node_exporter_same_collectors agent_small_jit agent_low_footprint)
port[node_exporter]=19100
cmd[node_exporter]="prometheus-node-exporter --web.listen-address=127.0.0.1:19100"
port[node_exporter_same_collectors]=19101
cmd[node_exporter_same_collectors]="prometheus-node-exporter --web.listen-address=127.0.0.1:19101
  --collector.disable-defaults --collector.cpu --collector.stat --collector.meminfo --collector.loadavg
  --collector.filesystem --collector.netdev"
port[agent_small_jit]=19126
cmd[agent_small_jit]="$JAVA $SMALL_JIT -jar $JAR agent --port 19126"
port[agent_low_footprint]=19127
cmd[agent_low_footprint]="$JAVA $LOW_FOOTPRINT -jar $JAR agent --port 19127"

declare -A pid
[ "$SCRAPES" -gt 0 ] || names=()
for n in "${names[@]}"; do
  # shellcheck disable=SC2086
  ${cmd[$n]} > /dev/null 2>&1 &
  pid[$n]=$!; pids+=($!)
done
for n in "${names[@]}"; do wait_http "http://127.0.0.1:${port[$n]}/metrics"; done
for n in "${names[@]}"; do scrape "http://127.0.0.1:${port[$n]}/metrics" 100 > /dev/null; done

echo "uptime before: $(uptime)"
echo "| exporter | round | series | bytes | CPU ms/scrape | median ms | p99 ms | RSS / peak MiB |"
echo "|---|--:|--:|--:|--:|--:|--:|--:|"
for r in $(seq 1 "$ROUNDS"); do
  for n in "${names[@]}"; do
    url="http://127.0.0.1:${port[$n]}/metrics"
    body=$(curl -s "$url")
    series=$(grep -vc '^#' <<< "$body")
    bytes=${#body}
    before=$(cpu_ticks "${pid[$n]}")
    times=$(scrape "$url" "$SCRAPES")
    after=$(cpu_ticks "${pid[$n]}")
    cpu_ms=$(awk -v t=$((after - before)) -v n="$SCRAPES" -v hz="$TICK" 'BEGIN {printf "%.2f", t * 1000 / hz / n}')
    lat=$(sort -g <<< "$times" | awk '{a[NR]=$1} END {printf "%.2f | %.2f", a[int(NR*0.5)+1]*1000, a[int(NR*0.99)]*1000}')
    echo "| $n | $r | $series | $bytes | $cpu_ms | $lat | $(rss "${pid[$n]}") |"
  done
done
echo "uptime after: $(uptime)"

# Idle: what each costs between scrapes, over 10 s.
if [ "${#names[@]}" -gt 0 ]; then
echo
echo "| exporter | idle CPU ms over 10 s |"
echo "|---|--:|"
declare -A idle
for n in "${names[@]}"; do idle[$n]=$(cpu_ticks "${pid[$n]}"); done
sleep 10
for n in "${names[@]}"; do
  echo "| $n | $(( ($(cpu_ticks "${pid[$n]}") - ${idle[$n]}) * 1000 / TICK )) |"
done
fi
cleanup; pids=()

# Push mode: both agents report to one collector every 0.2 s.
if command -v node >/dev/null; then
  "$JAVA" -jar "$JAR" collector 18125 > /dev/null 2>&1 & pids+=($!)
  wait_http "http://127.0.0.1:18125/"
  # shellcheck disable=SC2086
  "$JAVA" $LOW_FOOTPRINT -jar "$JAR" agent http://127.0.0.1:18125/ --interval 0.2 --port 18126 2>/dev/null &
  pids+=($!); JAVA_PID=$!
  node benchmarks/node/agent.js http://127.0.0.1:18125/ 0.2 18127 & pids+=($!); NODE_PID=$!
  sleep 5
  j0=$(cpu_ticks $JAVA_PID); n0=$(cpu_ticks $NODE_PID)
  sleep "$PUSH_SECONDS"
  echo
  echo "| push agent, every 0.2 s | CPU ms per report | RSS / peak MiB after $((PUSH_SECONDS + 5)) s |"
  echo "|---|--:|--:|"
  reports=$(awk -v s="$PUSH_SECONDS" 'BEGIN {print s / 0.2}')
  echo "| stardust agent, low-footprint profile | $(awk -v t=$(( $(cpu_ticks $JAVA_PID) - j0 )) -v n="$reports" -v hz="$TICK" 'BEGIN {printf "%.2f", t*1000/hz/n}') | $(rss $JAVA_PID) |"
  echo "| node $(node --version) agent.js | $(awk -v t=$(( $(cpu_ticks $NODE_PID) - n0 )) -v n="$reports" -v hz="$TICK" 'BEGIN {printf "%.2f", t*1000/hz/n}') | $(rss $NODE_PID) |"
fi
