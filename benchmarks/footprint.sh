#!/usr/bin/env bash
# Resident memory of the `agent` example under each JVM flag of the low-footprint profile, next to node's agent.js:
# each profile reports to one collector every 0.2 s for DURATION seconds; VmRSS and VmHWM from /proc, and one Native
# Memory Tracking breakdown. Writes benchmarks/results/footprint.md.
#
#   benchmarks/footprint.sh                   # 15 s per profile, one round, then hello under wrk: ~6 minutes
#   benchmarks/footprint.sh --duration 30 --rounds 2
#   benchmarks/footprint.sh --no-build
#
# JDK 25 rows when $JAVA25 (default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java) exists; node's row when node does.
set -euo pipefail
cd "$(dirname "$0")/.."
ARGS="$*"
DURATION=15; ROUNDS=1; BUILD=1
while [ $# -gt 0 ]; do
  case $1 in
    --duration) DURATION=${2:?}; shift ;;
    --rounds) ROUNDS=${2:?}; shift ;;
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ "$BUILD" = 1 ]; then
  echo "building (mvn -q -B -DskipTests package)"
  mvn -q -B -DskipTests package
fi
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
extra=()
[ -x "$JAVA25" ] && extra=(--java25 "$JAVA25")
mkdir -p benchmarks/results
python3 benchmarks/harness/footprint_compare.py --jar examples/target/stardust-examples.jar --duration "$DURATION" \
  --rounds "$ROUNDS" --java17 "$(command -v java)" "${extra[@]}" --out-md benchmarks/results/footprint.md \
  --command "benchmarks/footprint.sh $ARGS"
