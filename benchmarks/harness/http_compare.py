#!/usr/bin/env python3
"""HTTP side by side: Stardust's hello vs raw Netty vs Vert.x vs node, each server its own process.

For each server: spawn it pinned to CPU 0 (load on CPU 1 when there are 2+ cores), time spawn -> first 200,
sample idle RSS, warm up, run wrk -c20 and -c256 (--latency) and ab -c 20 -n 20000, read peak RSS (VmHWM).
Servers alternate A B C D, A B C D over the rounds; the table gives the median of the rounds. Called by run.sh,
which builds the jars first; writes results/http.md, results/http.svg and results/http.json.
Standard library only.
"""
import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import threading
import time

import svg_chart

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
EXAMPLES = os.path.join(ROOT, "examples/target/stardust-examples.jar")
BENCH = os.path.join(ROOT, "benchmarks/target/stardust-benchmarks.jar")

# The two JVM profiles; every JVM server gets the same flags. Each flag's reason is in benchmarks/README.md.
PROFILES = {
    "default": [],
    "low": ["-Xms16m", "-Xmx64m", "-XX:+UseSerialGC", "-Xss256k", "-XX:MaxMetaspaceSize=64m",
            "-XX:ReservedCodeCacheSize=32m", "-XX:MaxDirectMemorySize=32m", "-XX:CICompilerCount=2",
            "-XX:-UsePerfData"],
}


def server_command(kind, port, flags):
    java = os.environ.get("JAVA", "java")
    if kind == "stardust":
        return [java, *flags, "-jar", EXAMPLES, "hello", str(port)]
    if kind == "stardust-uring":  # the same hello on the opt-in io_uring transport
        return [java, *flags, "-Dstardust.transport=io_uring", "-jar", EXAMPLES, "hello", str(port)]
    if kind == "netty":
        return [java, *flags, "-cp", BENCH, "dev.stardust.benchmarks.http.RawNettyHello", str(port)]
    if kind == "vertx":
        return [java, *flags, "-cp", BENCH, "dev.stardust.benchmarks.http.VertxHello", str(port)]
    if kind == "node":
        return ["node", os.path.join(ROOT, "benchmarks/node/hello.js"), str(port)]
    if kind.startswith("cluster"):  # cluster1, cluster2: hello-cluster with that many loops
        return [java, *flags, "-jar", EXAMPLES, "hello-cluster", str(port), kind[len("cluster"):]]
    raise ValueError(kind)


def status_kb(pid, field):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def first_200(port, deadline):
    """Polls every 5 ms until GET / answers 200; returns True, or False at the deadline."""
    request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(request)
                if s.recv(64).startswith(b"HTTP/1.1 200"):
                    return True
        except OSError:
            pass
        time.sleep(0.005)
    return False


def parse_latency(text):
    """wrk prints '2.13ms', '850.00us' or '1.02s'; returns milliseconds."""
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


def run_wrk(load_cpu, port, conns, secs):
    out = subprocess.run(load_cpu + ["wrk", "-t1", f"-c{conns}", f"-d{secs}s", "--latency",
                                     f"http://127.0.0.1:{port}/"], capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = parse_latency(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = parse_latency(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": p50, "p99": p99, "errors": errors + (int(non2xx.group(1)) if non2xx else 0)}


def run_ab(load_cpu, port, requests):
    out = subprocess.run(load_cpu + ["ab", "-q", "-r", "-c", "20", "-n", str(requests),
                                     f"http://127.0.0.1:{port}/"], capture_output=True, text=True).stdout
    rps = re.search(r"Requests per second:\s+([\d.]+)", out)
    complete = re.search(r"Complete requests:\s+(\d+)", out)
    failed = re.search(r"Failed requests:\s+(\d+)", out)
    if not (rps and complete and failed):
        return {"ab_rps": 0.0, "ab_complete": 0, "ab_failed": requests}
    return {"ab_rps": float(rps.group(1)), "ab_complete": int(complete.group(1)), "ab_failed": int(failed.group(1))}


def measure(kind, profile, port, args, server_cpu, load_cpu):
    cmd = server_cpu + server_command(kind, port, PROFILES[profile])
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    result = {"server": kind, "profile": profile}
    try:
        if not first_200(port, start + 30):
            result["failed"] = "no answer within 30 s"
            return result
        result["startup_ms"] = (time.monotonic() - start) * 1000
        time.sleep(1)
        result["idle_rss_mb"] = status_kb(proc.pid, "VmRSS") / 1024
        run_wrk(load_cpu, port, 64, args.warmup)  # warm-up: the JIT, pools and caches
        for conns in (20, 256):
            for key, value in run_wrk(load_cpu, port, conns, args.duration).items():
                result[f"{key}_c{conns}"] = value
        if args.ab and (profile == "default" or not args.ab_default_only):
            result.update(run_ab(load_cpu, port, args.ab))
        result["peak_rss_mb"] = status_kb(proc.pid, "VmHWM") / 1024
        return result
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def medians(runs):
    """One row per (server, profile): the median of each figure over the rounds (two rounds: their mean)."""
    rows = {}
    for r in runs:
        rows.setdefault((r["server"], r["profile"]), []).append(r)
    out = []
    for (server, profile), rs in rows.items():
        ok = [r for r in rs if "failed" not in r]
        row = {"server": server, "profile": profile, "rounds": len(ok), "failures": len(rs) - len(ok)}
        for key in sorted({k for r in ok for k in r if isinstance(r[k], (int, float))}):
            row[key] = statistics.median(r[key] for r in ok if key in r)
        row["rounds_c20"] = [r["rps_c20"] for r in ok]
        out.append(row)
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--servers", default="stardust,netty,vertx,node")
    p.add_argument("--profiles", default="default,low")
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--duration", type=int, default=5)
    p.add_argument("--ab", type=int, default=20000, help="ab -n; 0 skips ab")
    p.add_argument("--ab-default-only", action="store_true", help="run ab in the default profile only")
    p.add_argument("--extra", default="", help="more server:profile pairs, e.g. stardust:low")
    p.add_argument("--cluster", action="store_true", help="also Stardust on 1 loop vs 2 loops (SO_REUSEPORT)")
    p.add_argument("--out", default=os.path.join(ROOT, "benchmarks/results"))
    p.add_argument("--command", default="benchmarks/run.sh")
    p.add_argument("--low-flags", help="replace the low-footprint profile's flags (for measuring new ones)")
    args = p.parse_args()
    if args.low_flags is not None:
        PROFILES["low"] = args.low_flags.split()

    pinned = os.cpu_count() >= 2
    server_cpu, load_cpu = (["taskset", "-c", "0"], ["taskset", "-c", "1"]) if pinned else ([], [])
    plan = []
    for kind in args.servers.split(","):
        for profile in (["default"] if kind == "node" else args.profiles.split(",")):
            plan.append((kind, profile))
    plan += [tuple(pair.split(":")) for pair in args.extra.split(",") if pair]
    load_before = os.getloadavg()
    runs, port = [], 18300
    for rnd in range(args.rounds):
        for kind, profile in plan:  # A B C D, A B C D: drift hits every server alike
            port += 1
            r = measure(kind, profile, port, args, server_cpu, load_cpu)
            r["round"] = rnd + 1
            print(f"  round {rnd + 1} {kind}/{profile}: " + (r.get("failed") or
                  f"{r['rps_c20']:.0f} / {r['rps_c256']:.0f} req/s, p99 {r['p99_c20']:.2f} ms, "
                  f"peak {r['peak_rss_mb']:.0f} MB, start {r['startup_ms']:.0f} ms"), flush=True)
            runs.append(r)
    cluster = []
    if args.cluster:
        cluster_args = argparse.Namespace(**{**vars(args), "ab": 0})
        for rnd in range(args.rounds):
            for loops, cpus in ((1, server_cpu), (2, [])):  # 2 loops: both cores, shared with wrk
                port += 1
                r = measure(f"cluster{loops}", "default", port, cluster_args, cpus, [] if loops == 2 else load_cpu)
                r["round"] = rnd + 1
                print(f"  round {rnd + 1} {loops} loop(s): " + (r.get("failed") or
                      f"{r['rps_c20']:.0f} / {r['rps_c256']:.0f} req/s"), flush=True)
                cluster.append(r)
    load_after = os.getloadavg()
    meta = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "command": args.command.strip(),
        "machine": machine(),
        "cores": os.cpu_count(),
        "pinned": pinned,
        "load_before": load_before,
        "load_after": load_after,
        "settings": {k: getattr(args, k) for k in ("rounds", "warmup", "duration", "ab", "ab_default_only")},
        "profiles": PROFILES,
        "node": subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip(),
    }
    rows = medians(runs)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "http.json"), "w") as f:
        json.dump({"meta": meta, "runs": runs, "cluster": cluster}, f, indent=1)
    import http_report
    with open(os.path.join(args.out, "http.md"), "w") as f:
        f.write(http_report.markdown(meta, rows, medians(cluster)))
    with open(os.path.join(args.out, "http.svg"), "w") as f:
        f.write(svg_chart.chart(meta, rows))
    print(f"wrote {args.out}/http.md, http.svg, http.json")


def machine():
    cpu = "unknown cpu"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    java = subprocess.run([os.environ.get("JAVA", "java"), "-version"], capture_output=True, text=True).stderr
    return f"{os.cpu_count()} cores, {cpu}, Linux {os.uname().release}, {java.splitlines()[0] if java else 'java ?'}"


if __name__ == "__main__":
    main()
