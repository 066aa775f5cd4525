#!/usr/bin/env bash
# Makes a class-data archive for a Java program with one training run, so that later runs start faster: on JDK 25+ an
# AOT cache (JEP 483/514/515: classes loaded and linked, method profiles), on JDK 17-24 an AppCDS archive.
#
#   examples/archive.sh [--out FILE] [--until URL [--wait SECONDS]] -- JAVA_ARGS...
#
#   examples/archive.sh --out hello.aot --until http://127.0.0.1:8080/ -- -jar examples/target/stardust-examples.jar hello
#   examples/archive.sh --out app.aot -- -cp "target/classes:$(cat cp.txt)" com.example.Main ARGS
#
# The training run is JAVA_ARGS run by $JAVA (default: java on the PATH). A program that ends by itself is simply
# run to its end; for a server, --until URL waits for URL to answer, sends it a few requests, lets it run --wait
# seconds more (default 0; e.g. for a program that works on a timer), then stops it with SIGTERM (the archive is
# written as the JVM exits). The last line printed is the flag to add to every later run:
#   -XX:AOTCache=FILE            (JDK 25+)
#   -XX:SharedArchiveFile=FILE   (JDK 17-24)
# An archive belongs to one JDK build and one class path: the same java, the same jars (unchanged) in the same
# places. When they differ the JVM runs without it (JDK 17 warns; -Xlog:cds or -Xlog:aot shows the decision); make a
# new archive after every build.
set -euo pipefail
OUT=""; UNTIL=""; WAIT=0
while [ $# -gt 0 ]; do
  case $1 in
    --out) OUT=${2:?--out needs a file}; shift ;;
    --until) UNTIL=${2:?--until needs a URL}; shift ;;
    --wait) WAIT=${2:?--wait needs seconds}; shift ;;
    --) shift; break ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help; the program's java arguments go after --)" >&2; exit 2 ;;
  esac
  shift
done
[ $# -gt 0 ] || { echo "usage: $0 [--out FILE] [--until URL] -- JAVA_ARGS... (see --help)" >&2; exit 2; }
JAVA=${JAVA:-java}
feature=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
if [ "${feature:-0}" -ge 25 ]; then
  OUT=${OUT:-app.aot}; record="-XX:AOTCacheOutput=$OUT"; use="-XX:AOTCache=$OUT"
else
  OUT=${OUT:-app.jsa}; record="-XX:ArchiveClassesAtExit=$OUT"; use="-XX:SharedArchiveFile=$OUT"
fi
rm -f "$OUT"
log=$(mktemp "${TMPDIR:-/tmp}/archive-training.XXXXXX")
echo "training run (JDK $feature, output in $log): $JAVA $record $*" >&2
# -Xlog:cds=off,aot=off: the training run lists every class it cannot archive (JFR events, generated accessors), noise.
"$JAVA" "$record" -Xlog:cds=off -Xlog:cds+dynamic=off $( [ "$feature" -ge 25 ] && echo -Xlog:aot=off ) "$@" \
  > "$log" 2>&1 &
pid=$!
if [ -n "$UNTIL" ]; then
  for _ in $(seq 1 600); do
    curl -s -o /dev/null --max-time 1 "$UNTIL" && break
    kill -0 "$pid" 2>/dev/null || { echo "the program ended before $UNTIL answered: $(cat "$log")" >&2; exit 1; }
    sleep 0.1
  done
  for _ in $(seq 1 20); do curl -s -o /dev/null --max-time 5 "$UNTIL" || true; done
  sleep "$WAIT"
  kill -TERM "$pid"
fi
wait "$pid" || true   # a server stopped by SIGTERM exits with 143; the archive is written either way
[ -s "$OUT" ] || { echo "no archive was written; the training run said: $(cat "$log")" >&2; exit 1; }
rm -f "$log"
echo "wrote $OUT ($(du -h "$OUT" | cut -f1)); run with:" >&2
echo "$use"
