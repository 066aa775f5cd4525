#!/usr/bin/env bash
# Builds the consumer projects against the Stardust artifacts in the local Maven repository (run `mvn -B install`
# first), as a user's build would find them, then runs the README's hello on the class path, the modular program
# on the module path, and the WebSocket program on both. Exits non-zero on any difference from what a user is promised.
set -euo pipefail
cd "$(dirname "$0")"
dep=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

mvn -B -q package
for project in hello modular websocket; do
  mvn -B -q -f "$project" "$dep:build-classpath" -Dmdep.outputFile=target/dependencies.txt
done

fail() { echo "consumer: FAILED: $*" >&2; exit 1; }

# 1. The README's hello, on the class path, answers on port 8080 as the README says.
if curl -s -o /dev/null --max-time 2 http://127.0.0.1:8080/; then
  fail "port 8080 is taken by another program; the README's hello needs it"
fi
log=$(mktemp)
java -cp "hello/target/classes:$(cat hello/target/dependencies.txt)" Hello >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
body=""
for _ in $(seq 1 100); do
  body=$(curl -s --max-time 2 http://127.0.0.1:8080/ || true)
  [ -n "$body" ] && break
  kill -0 "$pid" 2>/dev/null || fail "hello exited early: $(cat "$log")"
  sleep 0.2
done
[ "$body" = "Hello world" ] || fail "hello answered '$body'; log: $(cat "$log")"
grep -q "Server listening at http://localhost:8080/" "$log" || fail "hello did not announce itself: $(cat "$log")"
kill "$pid"
wait "$pid" 2>/dev/null || true
echo "consumer: class path: the README's hello answered 'Hello world'"

# 2. A modular program (requires dev.stardust.http) on the module path serves itself one request and ends.
out=$(timeout 60 java -p "modular/target/classes:$(cat modular/target/dependencies.txt)" \
  -m consumer.modular/consumer.ModularHello 2>&1) || fail "the modular program failed: $out"
echo "$out" | grep -qx "200 Hello from module consumer.modular" || fail "unexpected answer: $out"
if [ "$(uname -s)" = Linux ]; then
  # The native transport must load on the module path too, as it does on the class path.
  echo "$out" | grep -qx "transport epoll" || fail "expected the epoll transport on Linux: $out"
fi
echo "consumer: module path: $(echo "$out" | tr '\n' ' ')"

# 3. A modular WebSocket program (requires dev.stardust.websocket) echoes one compressed message to itself and ends,
#    on the module path and on the class path.
ws_path="websocket/target/classes:$(cat websocket/target/dependencies.txt)"
out=$(timeout 60 java -p "$ws_path" -m consumer.websocket/consumer.websocket.WsEcho 2>&1) \
  || fail "the WebSocket program failed on the module path: $out"
[ "$out" = "$(printf 'echo hello from module consumer.websocket (permessage-deflate)\nclose 1000 done')" ] \
  || fail "unexpected WebSocket answer on the module path: $out"
out=$(timeout 60 java -cp "$ws_path" consumer.websocket.WsEcho 2>&1) \
  || fail "the WebSocket program failed on the class path: $out"
[ "$out" = "$(printf 'echo hello from the class path (permessage-deflate)\nclose 1000 done')" ] \
  || fail "unexpected WebSocket answer on the class path: $out"
echo "consumer: WebSocket: echoed one message to itself on the module path and on the class path"

# 4. On JDK 22+ the native transport's System.loadLibrary is a restricted method: the flags the README gives keep a
#    user's program free of the four-line warning, on the class path and on the module path, and the manifest
#    attribute keeps the examples jar free of it. Checked with JDK 25 when one is installed ($JAVA25).
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
if [ -x "$JAVA25" ]; then
  modular_path="modular/target/classes:$(cat modular/target/dependencies.txt)"
  check_quiet() { # LABEL JAVA_ARGS...
    local label=$1; shift
    local out
    out=$(timeout 60 "$JAVA25" "$@" 2>&1) || fail "JDK 25, $label: the program failed: $out"
    if echo "$out" | grep -qi "restricted method"; then fail "JDK 25, $label: native access warning: $out"; fi
  }
  check_quiet "class path" --enable-native-access=ALL-UNNAMED -cp "$modular_path" consumer.ModularHello
  check_quiet "module path" --enable-native-access=io.netty.common -p "$modular_path" -m consumer.modular/consumer.ModularHello
  if [ -f ../target/stardust-examples.jar ]; then
    check_quiet "examples jar" -jar ../target/stardust-examples.jar one-timer
  fi
  echo "consumer: JDK 25: no native access warning with --enable-native-access (class path, module path) or the manifest"
fi
