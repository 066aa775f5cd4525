#!/usr/bin/env bash
# Startup side by side with node, as users feel it: spawn -> first 200 (hello server), spawn -> exit (one timer),
# spawn -> first byte and spawn -> exit (one HTTP request); each JDK with and without a class-data archive made by
# examples/archive.sh. Writes benchmarks/results/startup.md and startup.json.
#
#   benchmarks/startup.sh              # 10 rounds, JDK 17 (java on the PATH) and JDK 25 when found: ~4 minutes
#   benchmarks/startup.sh --rounds 3   # quicker, noisier
#   benchmarks/startup.sh --no-build   # reuse examples/target/stardust-examples.jar
#
# JDK 25 is looked for in $JAVA25, then /usr/lib/jvm/temurin-25-jdk-amd64; needs python3 and node (for its column
# and as the HTTP client's peer).
set -euo pipefail
cd "$(dirname "$0")/.."
ARGS="$*"
ROUNDS=10; BUILD=1
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) ROUNDS=${2:?--rounds needs a number}; shift ;;
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ "$BUILD" = 1 ]; then
  echo "building (mvn -q -B -DskipTests package)"
  mvn -q -B -DskipTests package
fi
jdks=(--jdk "JDK $(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')=$(command -v java)")
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
[ -x "$JAVA25" ] && jdks+=(--jdk "JDK 25=$JAVA25")
mkdir -p benchmarks/results
python3 benchmarks/harness/startup_compare.py --jar examples/target/stardust-examples.jar --rounds "$ROUNDS" \
  "${jdks[@]}" --out-md benchmarks/results/startup.md --out-json benchmarks/results/startup.json \
  --command "benchmarks/startup.sh $ARGS"
