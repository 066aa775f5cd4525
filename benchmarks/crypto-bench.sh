#!/usr/bin/env bash
# Crypto throughput, MB/s on 1 MB buffers: Stardust (JDK providers, on a loop) vs node (OpenSSL), sha256 and
# aes-256-gcm, alternating (S N S N S N) so drift hits both alike; the median of three runs is what counts.
# Usage: benchmarks/crypto-bench.sh [SECONDS_PER_RUN]   (build first: mvn -q -B -pl benchmarks -am package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-4}
JAR=benchmarks/target/stardust-benchmarks.jar
JAVA=${JAVA:-java}
PIN=""; [ "$(nproc)" -ge 2 ] && PIN="taskset -c 0"
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
echo "load before: $(cat /proc/loadavg)"
printf '%-12s %-9s %7s %7s %7s %7s\n' op runtime "run 1" "run 2" "run 3" median
for op in sha256 aes-256-gcm; do
  s=(); n=()
  for round in 1 2 3; do
    s+=("$($PIN $JAVA -Dstardust.blockedThresholdMs=0 -cp $JAR dev.stardust.benchmarks.crypto.CryptoThroughput "$op" "$SECS")")
    n+=("$($PIN node benchmarks/node/crypto.js "$op" "$SECS")")
  done
  printf '%-12s %-9s %7s %7s %7s %7s\n' "$op" stardust "${s[@]}" "$(median "${s[@]}")"
  printf '%-12s %-9s %7s %7s %7s %7s\n' "$op" node "${n[@]}" "$(median "${n[@]}")"
done
echo "load after: $(cat /proc/loadavg)"
