#!/usr/bin/env python3
"""Startup as users feel it, Stardust next to node: spawn -> first 200 (hello server), spawn -> exit (one timer),
spawn -> first byte and spawn -> exit (a one-request HTTP client); with and without a class-data archive, on every
JDK given. Hyperfine-style: every program runs ROUNDS times, columns alternate within each round (so that drift of a
shared machine hits all alike), and the table shows the median with the spread (min-max). Standard library only.

Usage (benchmarks/startup.sh is the front end):
  startup_compare.py --jar EXAMPLES_JAR --out-md FILE --out-json FILE [--rounds N] [--jdk LABEL=JAVA ...] [--no-node]
"""
import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
NODE_DIR = os.path.join(os.path.dirname(HERE), "node")
ARCHIVE_SH = os.path.join(os.path.dirname(os.path.dirname(HERE)), "examples", "archive.sh")
POLL_S = 0.002


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_status(port):
    """The status code of GET / on 127.0.0.1:port, or None when nothing answers yet."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            head = s.recv(64)
            return int(head.split(b" ")[1]) if head.startswith(b"HTTP/") else None
    except OSError:
        return None


def wait_and_rss(proc):
    """Waits for proc; returns (exit status, peak RSS in MiB) from wait4's rusage."""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_maxrss / 1024.0


def run_server(argv, port, timeout_s=60):
    """spawn -> first 200 in ms; then SIGTERM. Also the peak RSS at that point."""
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while True:
            if http_status(port) == 200:
                first = (time.monotonic() - t0) * 1000
                break
            if proc.poll() is not None:
                raise RuntimeError(f"{argv} ended before answering: {proc.stderr.read().decode()[-2000:]}")
            if time.monotonic() - t0 > timeout_s:
                raise RuntimeError(f"{argv} did not answer in {timeout_s} s")
            time.sleep(POLL_S)
        with open(f"/proc/{proc.pid}/status") as f:
            hwm = next(int(l.split()[1]) for l in f if l.startswith("VmHWM")) / 1024.0
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stderr.close()
    return {"first_200_ms": first, "rss_mib": hwm}


def run_to_exit(argv, timeout_s=60):
    """spawn -> first byte on stdout and spawn -> exit, in ms; the peak RSS."""
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = os.read(proc.stdout.fileno(), 1)
    t_first = (time.monotonic() - t0) * 1000
    rest = proc.stdout.read()
    err = proc.stderr.read()
    status, rss = wait_and_rss(proc)
    t_exit = (time.monotonic() - t0) * 1000
    if status != 0 or not first:
        raise RuntimeError(f"{argv} failed ({status}): {(first + rest)[-500:]!r} {err[-2000:]!r}")
    if t_exit > timeout_s * 1000:
        raise RuntimeError(f"{argv} took {t_exit} ms")
    return {"first_byte_ms": t_first, "exit_ms": t_exit, "rss_mib": rss}


def make_archive(java, out, program_args, until=None):
    cmd = [ARCHIVE_SH, "--out", out]
    if until:
        cmd += ["--until", until]
    env = dict(os.environ, JAVA=java)
    subprocess.run(cmd + ["--"] + program_args, env=env, check=True, stdout=subprocess.PIPE)
    return out


def java_feature(java):
    out = subprocess.run([java, "-XshowSettings:properties", "-version"], capture_output=True, text=True).stderr
    for line in out.splitlines():
        if "java.specification.version" in line:
            return int(line.split("=")[1].strip())
    return 0


def class_counts(java, flags, program_args, port=None):
    """Classes loaded by a program (-Xlog:class+load): total, from the archives, Netty's, Stardust's."""
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "classes.txt")
        argv = [java, *flags, f"-Xlog:class+load=info:file={log}", *program_args]
        if port:
            run_server(argv, port)
        else:
            run_to_exit(argv)
        names, shared = [], 0
        with open(log) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2:
                    names.append(parts[1])
                    shared += "shared objects file" in line
        return {"total": len(names), "from_archive": shared,
                "netty": sum(n.startswith("io.netty.") for n in names),
                "stardust": sum(n.startswith("dev.stardust.") for n in names)}


def with_port(argv, port):
    return [str(port) if x == "{port}" else x for x in argv]


def summary(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def fmt(s, unit="ms"):
    if s is None:
        return "-"
    if unit == "ms":
        return f"{s['median']:.0f} ms ({s['min']:.0f}-{s['max']:.0f})"
    return f"{s['median']:.0f} MiB"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jar", required=True)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--jdk", action="append", default=[], help="LABEL=PATH_TO_JAVA; first is the reference")
    ap.add_argument("--no-node", action="store_true")
    ap.add_argument("--out-md", required=True)
    ap.add_argument("--out-json", required=True)
    ap.add_argument("--command", default="benchmarks/startup.sh")
    a = ap.parse_args()
    jar = os.path.abspath(a.jar)
    jdks = [j.split("=", 1) for j in a.jdk] or [["JDK", shutil.which("java")]]
    node = None if a.no_node else shutil.which("node")
    load_before = open("/proc/loadavg").read().split()[:3]
    started = time.time()

    # A node hello server is the peer of both HTTP clients: the same server for each, started once.
    peer_port = free_port()
    peer = subprocess.Popen([node or "node", os.path.join(NODE_DIR, "hello.js"), str(peer_port)],
                            stdout=subprocess.DEVNULL) if node else None
    if peer is None:
        peer = subprocess.Popen([jdks[0][1], "-jar", jar, "hello", str(peer_port)], stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while http_status(peer_port) != 200:
            if time.monotonic() > deadline:
                raise RuntimeError("the peer server did not start")
            time.sleep(0.05)
        peer_url = f"http://127.0.0.1:{peer_port}/"
        # "{port}" becomes a fresh port for each run: no run waits for the last one's port to be released.
        programs = {
            "hello": {"stardust": ["-jar", jar, "hello", "{port}"],
                      "node": [os.path.join(NODE_DIR, "hello.js"), "{port}"], "port": True},
            "one-timer": {"stardust": ["-jar", jar, "one-timer"], "node": [os.path.join(NODE_DIR, "one-timer.js")]},
            "http-client": {"stardust": ["-jar", jar, "http-client", peer_url],
                            "node": [os.path.join(NODE_DIR, "get.js"), peer_url]},
        }

        # Columns: node, then per JDK: no flags, and with an archive made by examples/archive.sh for that program.
        archive_dir = tempfile.mkdtemp(prefix="stardust-archives-")
        columns = []  # (label, {program: argv})
        if node:
            columns.append(("node " + subprocess.run([node, "--version"], capture_output=True, text=True)
                            .stdout.strip(), {p: [node, *v["node"]] for p, v in programs.items()}))
        archive_cost = {}
        for label, java in jdks:
            feature = java_feature(java)
            kind = "AOT cache" if feature >= 25 else "AppCDS"
            columns.append((label, {p: [java, *v["stardust"]] for p, v in programs.items()}))
            with_archive = {}
            for p, v in programs.items():
                out = os.path.join(archive_dir, f"{p}-{feature}.{'aot' if feature >= 25 else 'jsa'}")
                t0 = time.monotonic()
                port = free_port()
                until = f"http://127.0.0.1:{port}/" if "port" in v else None
                make_archive(java, out, with_port(v["stardust"], port), until)
                archive_cost[f"{label} {p}"] = {"seconds": time.monotonic() - t0,
                                                "mib": os.path.getsize(out) / 1048576}
                flag = f"-XX:AOTCache={out}" if feature >= 25 else f"-XX:SharedArchiveFile={out}"
                with_archive[p] = [java, flag, *v["stardust"]]
            columns.append((f"{label} + {kind}", with_archive))

        raw = {c: {p: [] for p in programs} for c, _ in columns}
        for r in range(a.rounds):
            for label, argvs in columns:
                for p, argv in argvs.items():
                    if "port" in programs[p]:
                        port = free_port()
                        raw[label][p].append(run_server(with_port(argv, port), port))
                    else:
                        raw[label][p].append(run_to_exit(argv))
            print(f"round {r + 1}/{a.rounds} done", file=sys.stderr)

        counts = {}
        for label, java in jdks:
            for p, v in programs.items():
                port = free_port() if "port" in v else None
                counts[f"{label} {p}"] = class_counts(java, [], with_port(v["stardust"], port), port)
    finally:
        peer.send_signal(signal.SIGTERM)
        peer.wait()
    load_after = open("/proc/loadavg").read().split()[:3]

    def col(label, p, key):
        vals = [run[key] for run in raw[label][p]]
        return summary(vals) if vals else None

    table = {label: {"hello first 200": col(label, "hello", "first_200_ms"),
                     "one-timer exit": col(label, "one-timer", "exit_ms"),
                     "http-client first byte": col(label, "http-client", "first_byte_ms"),
                     "http-client exit": col(label, "http-client", "exit_ms"),
                     "one-timer peak RSS": col(label, "one-timer", "rss_mib"),
                     "hello RSS at first 200": col(label, "hello", "rss_mib")} for label, _ in columns}
    node_label = columns[0][0] if node else None

    lines = ["# Startup", "",
             f"Generated by `{a.command}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(started))} "
             f"in {time.time() - started:.0f} s; {a.rounds} rounds, columns alternating within each round.",
             f"Machine: {os.cpu_count()} cores, Linux {os.uname().release}. Load average before: "
             f"{' '.join(load_before)}; after: {' '.join(load_after)}.",
             "", "Median of the rounds, (min-max) in brackets. Nothing is pinned: a program may use both cores, as it "
             "would when a user starts it.", "",
             "| | " + " | ".join(label for label, _ in columns) + " |",
             "|---|" + "---|" * len(columns)]
    for figure in ["hello first 200", "one-timer exit", "http-client first byte", "http-client exit"]:
        lines.append(f"| {figure} | " + " | ".join(fmt(table[l][figure]) for l, _ in columns) + " |")
    for figure in ["one-timer peak RSS", "hello RSS at first 200"]:
        lines.append(f"| {figure} | " + " | ".join(fmt(table[l][figure], "MiB") for l, _ in columns) + " |")
    if node_label:
        lines += ["", "Ratios to node (median / median):", "",
                  "| | " + " | ".join(l for l, _ in columns[1:]) + " |", "|---|" + "---|" * (len(columns) - 1)]
        for figure in ["hello first 200", "one-timer exit", "http-client first byte", "http-client exit"]:
            n = table[node_label][figure]["median"]
            lines.append(f"| {figure} | " + " | ".join(f"{table[l][figure]['median'] / n:.1f}x"
                                                      for l, _ in columns[1:]) + " |")
        lines += ["", "Targets (issue 13; recorded, not tuned for):", ""]
        for label, _ in jdks:
            plain, arch = label, next(l for l, _ in columns if l.startswith(label + " + "))
            h_p = table[plain]["hello first 200"]["median"] / table[node_label]["hello first 200"]["median"]
            h_a = table[arch]["hello first 200"]["median"] / table[node_label]["hello first 200"]["median"]
            t_a = table[arch]["one-timer exit"]["median"] / table[node_label]["one-timer exit"]["median"]
            lines.append(f"- {label}: hello first 200 with the archive {h_a:.1f}x node (target <= 2x: "
                         f"{'met' if h_a <= 2 else 'not met'}), without {h_p:.1f}x (target <= 4x: "
                         f"{'met' if h_p <= 4 else 'not met'}); one-timer exit with the archive {t_a:.1f}x node "
                         f"(target <= 2x: {'met' if t_a <= 2 else 'not met'}).")
    lines += ["", "Archives (made by `examples/archive.sh`, one training run per program):", "",
              "| | training run | size |", "|---|---|---|"]
    for k, v in archive_cost.items():
        lines.append(f"| {k} | {v['seconds']:.1f} s | {v['mib']:.0f} MiB |")
    lines += ["", "Classes loaded (`-Xlog:class+load`, no archive of ours; \"from archive\": the JDK's own CDS):", "",
              "| | total | from archive | Netty | Stardust |", "|---|---|---|---|---|"]
    for k, v in counts.items():
        lines.append(f"| {k} | {v['total']} | {v['from_archive']} | {v['netty']} | {v['stardust']} |")
    with open(a.out_md, "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(a.out_json, "w") as f:
        json.dump({"load_before": load_before, "load_after": load_after, "raw": raw, "table": table,
                   "archives": archive_cost, "classes": counts, "rounds": a.rounds}, f, indent=1)
    shutil.rmtree(archive_dir, ignore_errors=True)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
