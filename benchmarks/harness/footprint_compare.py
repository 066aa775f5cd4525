#!/usr/bin/env python3
"""What each JVM flag saves in the resident memory of the `agent` example, next to node's agent.js doing the same
job: every profile reports to one collector every 0.2 s for DURATION seconds, then VmRSS and VmHWM are read from
/proc. Profiles are cumulative where it makes sense, so each row shows what one more flag saves. Optionally one
Native Memory Tracking breakdown (heap, metaspace, code cache, thread stacks, ...) of a chosen profile.

Usage (benchmarks/footprint.sh is the front end):
  footprint_compare.py --jar EXAMPLES_JAR --out-md FILE [--duration S] [--rounds N] [--java17 J] [--java25 J]
"""
import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ARCHIVE_SH = os.path.join(ROOT, "examples", "archive.sh")

# The low-footprint profile before issue 13 (README, agent-footprint.sh), then one change at a time.
OLD_LOW = ("-Xms8m -Xmx24m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss256k "
           "-XX:ReservedCodeCacheSize=16m -XX:MaxMetaspaceSize=40m -XX:-UsePerfData -Dstardust.workers=1 "
           "-Dio.netty.allocator.type=unpooled").split()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return s.recv(16).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def status_kib(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def run_agent(argv, env, port, duration, nmt=False):
    """Starts an agent (status page on port), lets it work for duration s, returns VmRSS/VmHWM in MiB."""
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not answers(port):
            if proc.poll() is not None:
                raise RuntimeError(f"{argv} ended: {proc.stderr.read().decode()[-2000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{argv}: no status page")
            time.sleep(0.05)
        time.sleep(duration)
        result = {"rss": status_kib(proc.pid, "VmRSS") / 1024, "hwm": status_kib(proc.pid, "VmHWM") / 1024}
        if nmt:
            jcmd = os.path.join(os.path.dirname(argv[0]), "jcmd")
            result["nmt"] = subprocess.run([jcmd, str(proc.pid), "VM.native_memory", "summary"],
                                           capture_output=True, text=True).stdout
        return result
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stderr.close()


SERVER_LOW = ("-Xms16m -Xmx64m -XX:+UseSerialGC -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=32m "
              "-XX:MaxDirectMemorySize=32m -XX:CICompilerCount=2 -Xss256k -XX:-UsePerfData").split()


def hello_under_load(argv_for_port, seconds):
    """A hello server pinned to CPU 0 under wrk on CPU 1: warm-up at 64 connections, then req/s at 20 connections;
    the peak RSS (VmHWM) at the end."""
    port = free_port()
    proc = subprocess.Popen(["taskset", "-c", "0", *argv_for_port(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not answers(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"hello did not start: {argv_for_port(port)}")
            time.sleep(0.05)
        url = f"http://127.0.0.1:{port}/"
        subprocess.run(["taskset", "-c", "1", "wrk", "-t1", "-c64", f"-d{seconds}s", url], capture_output=True)
        out = subprocess.run(["taskset", "-c", "1", "wrk", "-t1", "-c20", f"-d{seconds}s", url],
                             capture_output=True, text=True).stdout
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        return {"rps": rps, "hwm": status_kib(proc.pid, "VmHWM") / 1024}
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def nmt_table(text):
    """(category, committed MiB) from `jcmd VM.native_memory summary`."""
    rows = []
    for m in re.finditer(r"^-\s+([A-Za-z ]+?) \(reserved=\d+KB, committed=(\d+)KB\)", text, re.M):
        rows.append((m.group(1).strip(), int(m.group(2)) / 1024))
    total = re.search(r"Total: reserved=\d+KB, committed=(\d+)KB", text)
    return rows, (int(total.group(1)) / 1024 if total else None)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jar", required=True)
    ap.add_argument("--duration", type=float, default=15)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--java17", default=shutil.which("java"))
    ap.add_argument("--java25")
    ap.add_argument("--load-seconds", type=int, default=5, help="wrk warm-up and measurement, each")
    ap.add_argument("--out-md", required=True)
    ap.add_argument("--command", default="benchmarks/footprint.sh")
    a = ap.parse_args()
    jar = os.path.abspath(a.jar)
    load_before = open("/proc/loadavg").read().split()[:3]
    started = time.time()
    collector_port = free_port()
    collector = subprocess.Popen([a.java17, "-jar", jar, "collector", str(collector_port)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tmp = tempfile.mkdtemp(prefix="stardust-footprint-")
    try:
        time.sleep(0.5)
        url = f"http://127.0.0.1:{collector_port}/"

        def agent_args(port):
            return ["-jar", jar, "agent", url, "--interval", "0.2", "--port", str(port)]

        # One AppCDS archive / AOT cache of the agent itself, trained on the same job for a few seconds.
        def archive(java, feature, flags):
            out = os.path.join(tmp, f"agent-{feature}.{'aot' if feature >= 25 else 'jsa'}")
            port = free_port()
            subprocess.run([ARCHIVE_SH, "--out", out, "--until", f"http://127.0.0.1:{port}/", "--wait", "3", "--",
                            *flags, *agent_args(port)], env=dict(os.environ, JAVA=java), check=True,
                           stdout=subprocess.DEVNULL)
            return f"-XX:AOTCache={out}" if feature >= 25 else f"-XX:SharedArchiveFile={out}"

        low = OLD_LOW
        interp = [f for f in low if "Tiered" not in f and "CICompiler" not in f and "CodeCache" not in f] + ["-Xint"]
        small_young = [f for f in interp if not f.startswith("-Xms")] + ["-Xms4m", "-Xmn2m"]
        arena = {"MALLOC_ARENA_MAX": "2"}
        profiles = [  # (label, java, flags, extra env): each row adds one change to the row above it
            ("JDK 17, no flags", a.java17, [], {}),
            ("JDK 17, low-footprint profile before issue 13", a.java17, low, {}),
            ("  + -Xint instead of C1 (no compiler thread, no compiled code)", a.java17, interp, {}),
            ("  + -Xms4m -Xmn2m (a small young generation)", a.java17, small_young, {}),
            ("  + -Xshare:off (no class-data sharing)", a.java17, small_young + ["-Xshare:off"], {}),
            ("  + MALLOC_ARENA_MAX=2", a.java17, small_young + ["-Xshare:off"], arena),
            ("  instead of -Xshare:off, an AppCDS archive of the agent", a.java17, small_young + ["ARCHIVE"], arena),
        ]
        if a.java25:
            profiles += [
                ("JDK 25, low-footprint profile before issue 13", a.java25, low, {}),
                ("  + -Xint, -Xms4m -Xmn2m, -Xshare:off, MALLOC_ARENA_MAX=2", a.java25,
                 small_young + ["-Xshare:off"], arena),
                ("  + -XX:+UseCompactObjectHeaders", a.java25,
                 small_young + ["-Xshare:off", "-XX:+UseCompactObjectHeaders"], arena),
                ("  instead of -Xshare:off, an AOT cache of the agent", a.java25,
                 small_young + ["-XX:+UseCompactObjectHeaders", "ARCHIVE"], arena),
            ]
        archives = {}
        for label, java, flags, env in profiles:
            if "ARCHIVE" in flags and java not in archives:
                feature = 25 if java == a.java25 else 17
                archives[java] = archive(java, feature, [f for f in flags if f != "ARCHIVE"])
        node = shutil.which("node")
        results = {label: [] for label, *_ in profiles}
        if node:
            results["node " + subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()] = []
        for r in range(a.rounds):
            for label, java, flags, env in profiles:
                port = free_port()
                argv = [java, *[archives[java] if f == "ARCHIVE" else f for f in flags], *agent_args(port)]
                results[label].append(run_agent(argv, dict(os.environ, **env), port, a.duration))
                print(f"round {r + 1}: {label}: {results[label][-1]}", file=sys.stderr)
            if node:
                port = free_port()
                key = [k for k in results if k.startswith("node ")][0]
                results[key].append(run_agent([node, os.path.join(ROOT, "benchmarks/node/agent.js"), url, "0.2",
                                               str(port)], dict(os.environ), port, a.duration))
        # hello under wrk: the README's server profiles and node, alternating, for the peak-RSS-under-load target.
        servers = [("hello, JDK 17, no flags", lambda port: [a.java17, "-jar", jar, "hello", str(port)]),
                   ("hello, JDK 17, low-footprint profile", lambda port: [a.java17, *SERVER_LOW, "-jar", jar,
                                                                           "hello", str(port)])]
        if node:
            servers.append(("hello, node", lambda port: [node, os.path.join(ROOT, "benchmarks/node/hello.js"),
                                                          str(port)]))
        loaded = {label: [] for label, _ in servers}
        if shutil.which("wrk") and shutil.which("taskset"):
            for r in range(max(2, a.rounds)):
                for label, argv in servers:
                    loaded[label].append(hello_under_load(argv, a.load_seconds))
                    print(f"round {r + 1}: {label}: {loaded[label][-1]}", file=sys.stderr)

        # One NMT breakdown of the new JDK 17 low-footprint profile: where the memory is.
        port = free_port()
        nmt_flags = small_young + ["-Xshare:off", "-XX:NativeMemoryTracking=summary"]
        nmt = run_agent([a.java17, *nmt_flags, *agent_args(port)], dict(os.environ, **arena), port, a.duration,
                        nmt=True)
    finally:
        collector.send_signal(signal.SIGTERM)
        collector.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    load_after = open("/proc/loadavg").read().split()[:3]

    lines = ["# Footprint", "",
             f"Generated by `{a.command}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(started))}; each "
             f"agent reports to one collector every 0.2 s for {a.duration:.0f} s, {a.rounds} round(s), median.",
             f"Load average before: {' '.join(load_before)}; after: {' '.join(load_after)}.",
             f"Low-footprint profile before issue 13: `{' '.join(low)}`.", "",
             "| Profile | VmRSS | VmHWM (peak) |", "|---|---|---|"]
    for label, runs in results.items():
        if runs:
            lines.append(f"| {label} | {statistics.median(x['rss'] for x in runs):.1f} MiB | "
                         f"{statistics.median(x['hwm'] for x in runs):.1f} MiB |")
    if any(loaded.values()):
        lines += ["", f"hello under `wrk -t1 -c20` (server on CPU 0, wrk on CPU 1, {a.load_seconds} s warm-up at 64 "
                  f"connections then {a.load_seconds} s measured; median of {max(2, a.rounds)} alternating rounds). "
                  f"Low-footprint profile: `{' '.join(SERVER_LOW)}`.", "",
                  "| Server | req/s c20 | peak RSS (VmHWM) |", "|---|---|---|"]
        for label, runs in loaded.items():
            lines.append(f"| {label} | {statistics.median(x['rps'] for x in runs):,.0f} | "
                         f"{statistics.median(x['hwm'] for x in runs):.1f} MiB |")
        node_runs = [v for k, v in loaded.items() if k.endswith("node")]
        low_runs = loaded["hello, JDK 17, low-footprint profile"]
        default_runs = loaded["hello, JDK 17, no flags"]
        if node_runs:
            ratio = statistics.median(x["hwm"] for x in low_runs) / statistics.median(x["hwm"] for x in node_runs[0])
            tput = statistics.median(x["rps"] for x in low_runs) / statistics.median(x["rps"] for x in default_runs)
            ok = ratio <= 0.5 and tput >= 0.9
            lines += ["", f"Target (peak RSS under load <= 0.5x node's, at >= 0.9x the default profile's req/s): "
                      f"{ratio:.2f}x node's peak RSS at {tput:.2f}x the default's req/s: "
                      f"{'met' if ok else 'not met'}."]
    rows, total = nmt_table(nmt.get("nmt", ""))
    lines += ["", f"Native Memory Tracking of JDK 17 in the new low-footprint profile (`{' '.join(small_young)} "
              "-Xshare:off`, MALLOC_ARENA_MAX=2) "
              f"(NMT itself adds a little; VmRSS {nmt['rss']:.1f} MiB, NMT committed total "
              f"{total or 0:.1f} MiB; committed is not resident: reserved-and-committed pages count in RSS only "
              "once touched, and the mapped archive and shared libraries count in RSS but not here):", "",
              "| NMT category | committed |", "|---|---|"]
    for name, mib in rows:
        if mib >= 0.1:
            lines.append(f"| {name} | {mib:.1f} MiB |")
    with open(a.out_md, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
