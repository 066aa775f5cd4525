#!/usr/bin/env python3
"""Before/after startup of two builds of the examples jar (e.g. main's and a branch's), JDK on the PATH, no archive:
hello spawn -> first 200, http-client spawn -> first byte / exit (against a node hello), `timers 1` spawn -> exit.
The two jars alternate within each round; medians with min-max. Uses startup_compare's measuring functions.

Usage: python3 benchmarks/harness/startup_ab.py JAR_A JAR_B [ROUNDS]
"""
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import startup_compare as s  # noqa: E402


def main():
    jars = {"A": os.path.abspath(sys.argv[1]), "B": os.path.abspath(sys.argv[2])}
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    peer_port = s.free_port()
    peer = subprocess.Popen(["node", os.path.join(s.NODE_DIR, "hello.js"), str(peer_port)],
                            stdout=subprocess.DEVNULL)
    results = {}
    load_before = open("/proc/loadavg").read().split()[:3]
    try:
        while s.http_status(peer_port) != 200:
            time.sleep(0.05)
        url = f"http://127.0.0.1:{peer_port}/"
        for _ in range(rounds):
            for name, jar in jars.items():
                def add(figure, value):
                    results.setdefault(figure, {}).setdefault(name, []).append(value)
                port = s.free_port()
                add("hello spawn -> first 200",
                    s.run_server(["java", "-jar", jar, "hello", str(port)], port)["first_200_ms"])
                c = s.run_to_exit(["java", "-jar", jar, "http-client", url])
                add("http-client spawn -> first byte", c["first_byte_ms"])
                add("http-client spawn -> exit", c["exit_ms"])
                add("http-client first byte -> exit", c["exit_ms"] - c["first_byte_ms"])
                add("timers 1, spawn -> exit", s.run_to_exit(["java", "-jar", jar, "timers", "1"])["exit_ms"])
    finally:
        peer.terminate()
        peer.wait()
    print(f"A = {jars['A']}\nB = {jars['B']}\n{rounds} rounds; load average before {' '.join(load_before)}, "
          f"after {' '.join(open('/proc/loadavg').read().split()[:3])}\n")
    print("| | A | B |\n|---|---|---|")
    for figure, by_jar in results.items():
        cells = [f"{statistics.median(v):.0f} ms ({min(v):.0f}-{max(v):.0f})" for v in by_jar.values()]
        print(f"| {figure} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
