#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fan-out benchmark driver: vigil-server against the Node socket.io contract peer and the floor.

The floor (floor.cpp) is a bare epoll server doing only the socket work of the workload, one
write() per delivery; PERFORMANCE.md's steady-load target is a ratio to it, so it runs in the same
session as the others.

Starts each server fresh per scenario (temporary data directory, its own users, the per-patient
rate limiter off, the same heartbeat), runs `loadgen` against it and reads the server's CPU time
(utime + stime of every thread, /proc/PID/stat) and resident memory (/proc/PID/status) when loadgen
prints its MARK lines. Prints a JSON line per run; --markdown writes the docs/BENCHMARKS.md section.

--smoke runs one short steady scenario (20 clients) against each server and fails when a delivery
is lost; no timing is judged. The Node half is skipped, with a message, when node or the peer's
node_modules is missing; the floor's when no --floor binary is given.
"""

import argparse
import json
import os
import resource
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_PEER = HERE.parent.parent / "interop" / "contract-peer.mjs"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
NURSE = ("bench-nurse", "bench-nurse-pass")
PRODUCER = ("bench-producer", "bench-producer-pass")
HOSPITAL = "123"

# name -> (label, loadgen arguments). Warm-up and measured seconds are added by the driver.
SCENARIOS = {
    "s1": ("100 clients x 100 alerts/s", ["--clients", "100", "--rate", "100"]),
    "s2": ("S2: 1,000 clients x 50 alerts/s", ["--clients", "1000", "--rate", "50"]),
    "max": ("1,000 clients, saturation (8 publishes in flight)",
            ["--clients", "1000", "--rate", "max", "--in-flight", "8"]),
    "idle": ("5,000 idle connections", ["--idle", "5000", "--hold", "2"]),
}
SMOKE = ("smoke: 20 clients x 20 alerts/s", ["--clients", "20", "--rate", "20"])


def log(text):
    print(f"run-fanout: {text}", file=sys.stderr, flush=True)


def raise_file_limit(needed):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if hard < needed:
        sys.exit(f"run-fanout: the descriptor limit is {hard}; {needed} are needed "
                 "(raise the hard limit: ulimit -Hn)")


def proc_sample(pid):
    """CPU seconds (all threads, user + system) and VmRSS in KiB of a running process."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime
    rss = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
    return {"cpu_s": cpu, "rss_kib": rss, "busy_s": machine_busy_s(), "t": time.monotonic()}


def machine_busy_s():
    """CPU seconds all processes on the machine have used since boot (every core, not idle)."""
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / CLOCK_TICKS  # up to steal; guest time is inside user


def clean_env():
    """The environment without settings that would change either server's behaviour."""
    prefixes = ("VIGIL_", "SOCKET_IO_", "ALERT_", "REDIS_", "SECRET_KEY", "USERS_FILE",
                "STORE_FILE", "CSR", "PORT", "TOKEN_TTL_S", "STATUS_INTERVAL_MS", "EXIT_WITH_STDIN")
    return {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}


def read_port(process, prefix, deadline_s, log_file):
    """Reads the server's stdout until the line that names its port."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        line = process.stdout.readline()
        if not line:
            break
        for word in (line.split() if prefix in line else []):
            tail = word.rsplit(":", 1)[-1]
            if tail.isdigit():
                return int(tail)
    process.kill()
    process.wait()
    sys.exit(f"run-fanout: the server did not report its port; see {log_file}")


class Server:
    def __init__(self, kind, args, workdir):
        self.kind = kind
        self.args = args
        self.workdir = Path(workdir)
        self.process = None
        self.port = 0

    def start(self):
        env = clean_env()
        secret = secrets.token_hex(32)
        err = open(self.workdir / "server.stderr", "w")
        if self.kind == "vigil":
            binary = self.args.vigil_server
            env.update({
                "VIGIL_DATA_DIR": str(self.workdir / "data"),
                "SECRET_KEY": secret,
                "VIGIL_LISTEN": "127.0.0.1:0",
                "ALERT_RATE_LIMIT_PER_MINUTE": "0",
                "SOCKET_IO_PING_INTERVAL": "25",
                "SOCKET_IO_PING_TIMEOUT": "60",
            })
            for (name, password), role, hospitals in ((NURSE, "nurse", HOSPITAL),
                                                       (PRODUCER, "producer", "")):
                command = [binary, "user", "add", name, "--role", role]
                if hospitals:
                    command += ["--hospitals", hospitals]
                done = subprocess.run(command, input=password + "\n", env=env, cwd=self.workdir,
                                      capture_output=True, text=True, timeout=60)
                if done.returncode != 0:
                    sys.exit(f"run-fanout: vigil-server user add {name} failed: {done.stderr}")
            # cwd is the empty work dir, so no stray .env is read.
            self.process = subprocess.Popen([binary], env=env, cwd=self.workdir,
                                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                            stderr=err, text=True)
            self.port = read_port(self.process, "listening on", 30, err.name)
        elif self.kind == "floor":
            self.process = subprocess.Popen([self.args.floor, "--port", "0"], env=env,
                                            cwd=self.workdir, stdin=subprocess.DEVNULL,
                                            stdout=subprocess.PIPE, stderr=err, text=True)
            self.port = read_port(self.process, "LISTENING", 30, err.name)
        else:
            users = [
                {"username": NURSE[0], "password": NURSE[1], "display_name": "Bench nurse",
                 "role": "nurse", "hospitals": [HOSPITAL]},
                {"username": PRODUCER[0], "password": PRODUCER[1],
                 "display_name": "Bench producer", "role": "producer", "hospitals": []},
            ]
            users_file = self.workdir / "users.json"
            users_file.write_text(json.dumps(users))
            env.update({
                "USERS_FILE": str(users_file),
                "SECRET_KEY": secret,
                "PORT": "0",
                "EXIT_WITH_STDIN": "1",
                "ALERT_RATE_LIMIT_PER_MINUTE": "0",
                "SOCKET_IO_PING_INTERVAL": "25000",
                "SOCKET_IO_PING_TIMEOUT": "60000",
            })
            self.process = subprocess.Popen([self.args.node, str(self.args.peer)], env=env,
                                            cwd=self.workdir, stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=err, text=True)
            self.port = read_port(self.process, "LISTENING", 30, err.name)
        err.close()

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        if self.kind == "node":
            self.process.stdin.close()
        else:
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def run_loadgen(args, server, extra):
    command = [args.loadgen, "--port", str(server.port), "--user", ":".join(NURSE),
               "--producer", ":".join(PRODUCER), "--hospital", HOSPITAL,
               "--room", f"hospital_{HOSPITAL}", *extra]
    if args.concurrency:
        command += ["--concurrency", str(args.concurrency)]
    if "--idle" not in extra:
        command += ["--warmup", str(args.warmup), "--seconds", str(args.seconds)]
    samples = {"start": proc_sample(server.process.pid)}
    result = None
    generator = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    for line in generator.stdout:
        if line.startswith("MARK "):
            samples[line.split()[1]] = proc_sample(server.process.pid)
        elif line.startswith("{"):
            result = json.loads(line)
    generator.wait()
    if result is None:
        sys.exit(f"run-fanout: loadgen failed (exit {generator.returncode}): "
                 f"{' '.join(command)}")
    result["loadgen_exit"] = generator.returncode
    if server.process.poll() is not None:
        sys.exit(f"run-fanout: the {server.kind} server exited during the run "
                 f"(status {server.process.returncode})")
    if "measure_begin" in samples and "measure_end" in samples:
        begin, end = samples["measure_begin"], samples["measure_end"]
        cpu = end["cpu_s"] - begin["cpu_s"]
        received = max(result["deliveries_received"], 1)
        result["server_cpu_s"] = round(cpu, 3)
        # Microseconds per delivery, which is also CPU seconds per million deliveries.
        result["server_cpu_us_per_delivery"] = round(cpu / received * 1e6, 3)
        result["server_cpu_share"] = round(cpu / max(end["t"] - begin["t"], 1e-9), 3)
        result["server_rss_kib"] = end["rss_kib"]
        # Cores' worth of CPU that neither the server nor the load generator used: other work on
        # the machine competing with both (a build, say), which makes every figure worse.
        others = (end["busy_s"] - begin["busy_s"]) - cpu - result["loadgen_cpu_s"]
        result["other_load_cores"] = round(max(others, 0) / max(end["t"] - begin["t"], 1e-9), 2)
    if "before_connect" in samples and "idle_ready" in samples:
        opened = max(result["connect"]["connections"], 1)
        delta = samples["idle_ready"]["rss_kib"] - samples["before_connect"]["rss_kib"]
        result["server_rss_before_kib"] = samples["before_connect"]["rss_kib"]
        result["server_rss_idle_kib"] = samples["idle_ready"]["rss_kib"]
        result["server_kib_per_connection"] = round(delta / opened, 2)
    return result


def run_one(args, kind, scenario, label, extra):
    with tempfile.TemporaryDirectory(prefix=f"vigil-fanout-{kind}-") as workdir:
        server = Server(kind, args, workdir)
        server.start()
        try:
            result = run_loadgen(args, server, extra)
        finally:
            server.stop()
    result.update({"server": kind, "scenario": scenario, "label": label})
    print(json.dumps(result), flush=True)
    return result


def missing(args, kind):
    """Why a server cannot run here, or None."""
    if kind == "floor":
        return None if args.floor and os.access(args.floor, os.X_OK) else \
            "no --floor binary (the fanout_floor target)"
    if kind == "vigil":
        return None
    if not args.node:
        return "node is not installed"
    if not args.peer.is_file():
        return f"{args.peer} is missing"
    if not (args.peer.parent / "node_modules" / "socket.io").is_dir():
        return f"{args.peer.parent / 'node_modules'} is missing (npm ci in tests/interop)"
    return None


KINDS = ("vigil", "node", "floor")


# -------------------------------------------------------------------------------------------------
# The docs/BENCHMARKS.md section.

def median(results, key):
    values = [r[key] for r in results if r.get(key) is not None]
    return statistics.median(values) if values else None


def nested(results, outer, inner):
    values = [r[outer][inner] for r in results if r.get(outer)]
    return statistics.median(values) if values else None


def fmt(value, digits=1):
    if value is None:
        return "—"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}"


def ratio(a, b):
    return f"{a / b:.2f}×" if a is not None and b else "—"


def markdown(results, machine, args):
    by = {}
    for r in results:
        by.setdefault((r["scenario"], r["server"]), []).append(r)

    def get(scenario, server, key, inner=None):
        runs = by.get((scenario, server), [])
        return nested(runs, key, inner) if inner else median(runs, key)

    reps = f"median of {args.repeat} runs per server" if args.repeat > 1 else "one run per server"
    frame = {kind: get("s2", kind, "alert_bytes") for kind in KINDS}
    lines = [
        f"Measured on: {machine} (Release build; {args.warmup:g} s warm-up, {args.seconds:g} s "
        f"measured per steady scenario; {reps}). A `patient_alert` is a WebSocket text frame of "
        f"{fmt(frame['vigil'], 0)} bytes from vigil-server, {fmt(frame['node'], 0)} from Node, "
        f"{fmt(frame['floor'], 0)} from the floor.",
        "",
        "| | vigil-server | Node socket.io 4.8.4 | C floor | vigil / Node | vigil / floor "
        "| target (PERFORMANCE.md) |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]

    def row(label, scenario, key, inner=None, digits=1, target="", show_ratio=True):
        v, n, f = (get(scenario, kind, key, inner) for kind in KINDS)
        lines.append(f"| {label} | {fmt(v, digits)} | {fmt(n, digits)} | {fmt(f, digits)} | "
                     f"{ratio(v, n) if show_ratio else ''} | {ratio(v, f) if show_ratio else ''} "
                     f"| {target} |")

    row("S2 (1,000 × 50/s): CPU µs per delivery (= CPU s per million)", "s2",
        "server_cpu_us_per_delivery", digits=2,
        target="≤ 1.3× the floor (about 0.6× Node)")
    row("S2: p50 latency, ms", "s2", "latency_ms", "p50", digits=1)
    row("S2: p99 latency, ms", "s2", "latency_ms", "p99", digits=1,
        target="≤ the floor's p99 + 5 ms")
    row("S2: deliveries lost", "s2", "deliveries_lost", digits=0, target="0", show_ratio=False)
    row("100 × 100/s: CPU µs per delivery", "s1", "server_cpu_us_per_delivery", digits=2)
    row("100 × 100/s: p99 latency, ms", "s1", "latency_ms", "p99", digits=1)
    row("saturation: deliveries/s", "max", "deliveries_per_s", digits=0)
    row("saturation: CPU µs per delivery", "max", "server_cpu_us_per_delivery", digits=2,
        target="≤ 0.25× Node under bursts")
    row("saturation: p99 latency, ms", "max", "latency_ms", "p99", digits=1)
    row("memory per idle connection, KiB", "idle", "server_kib_per_connection", digits=1,
        target="≤ 9 KB (Node 17.8–18.3 KB there)")
    row("connections accepted per second", "idle", "connect", "per_s", digits=0,
        target="≥ 3,000 (Node 1,300–2,000 there)")

    lines += [
        "",
        "Every run, as measured (server CPU is user + system time of all its threads between the "
        "loadgen's measure marks; \"loadgen CPU\" is the load generator's share of one core over "
        "the same span: near 1.0 means the load generator, not the server, set the pace; "
        "\"other load\" is the CPU, in cores, that other processes on the machine used meanwhile, "
        "out of 2):",
        "",
        "| scenario | server | alerts/s | deliveries/s | lost | CPU µs/delivery | server CPU share "
        "| p50 / p99 / max ms | loadgen CPU | other load | connections/s | KiB/connection |",
        "|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    for r in results:
        lat = r.get("latency_ms")
        lines.append(
            f"| {r['label']} | {r['server']} | {fmt(r.get('alerts_per_s'))} | "
            f"{fmt(r.get('deliveries_per_s'), 0)} | {fmt(r.get('deliveries_lost'), 0)} | "
            f"{fmt(r.get('server_cpu_us_per_delivery'), 2)} | {fmt(r.get('server_cpu_share'), 2)} | "
            + (f"{lat['p50']:.1f} / {lat['p99']:.1f} / {lat['max']:.1f}" if lat else "—")
            + f" | {fmt(r.get('loadgen_cpu_share'), 2)} | {fmt(r.get('other_load_cores'), 2)} | "
            f"{fmt(r['connect']['per_s'], 0)} | "
            f"{fmt(r.get('server_kib_per_connection'))} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vigil-server", default=os.environ.get("VIGIL_SERVER"),
                        help="vigil-server binary (env VIGIL_SERVER)")
    parser.add_argument("--loadgen", default=os.environ.get("VIGIL_LOADGEN"),
                        help="loadgen binary (env VIGIL_LOADGEN)")
    parser.add_argument("--node", default=shutil.which("node"), help="node binary")
    parser.add_argument("--floor", default=os.environ.get("VIGIL_FLOOR"),
                        help="the fanout_floor binary (env VIGIL_FLOOR)")
    parser.add_argument("--peer", type=Path, default=DEFAULT_PEER, help="contract-peer.mjs")
    parser.add_argument("--servers", default=",".join(KINDS),
                        help="any of vigil,node,floor (default all three)")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS),
                        help=f"comma-separated, from {', '.join(SCENARIOS)}")
    parser.add_argument("--seconds", type=float, default=20, help="measured seconds")
    parser.add_argument("--warmup", type=float, default=3, help="warm-up seconds")
    parser.add_argument("--repeat", type=int, default=1, help="runs per scenario and server")
    parser.add_argument("--concurrency", type=int, default=None,
                        help="connection handshakes in flight (loadgen default 32)")
    parser.add_argument("--smoke", action="store_true", help="the short ctest check")
    parser.add_argument("--markdown", type=Path, help="write the docs section here")
    parser.add_argument("--machine", default="this machine", help="description for --markdown")
    args = parser.parse_args()

    for name in ("vigil_server", "loadgen"):
        path = getattr(args, name)
        if not path or not os.access(path, os.X_OK):
            sys.exit(f"run-fanout: --{name.replace('_', '-')} is required (an executable), "
                     f"got {path!r}")
    raise_file_limit(12000)
    servers = [s for s in args.servers.split(",") if s]
    for s in servers:
        if s not in KINDS:
            sys.exit(f"run-fanout: unknown server {s!r}")

    if args.smoke:
        args.seconds, args.warmup = 2, 0.5
        failed = False
        for kind in servers:
            if kind != "vigil" and missing(args, kind):
                log(f"SKIP the {kind} half: {missing(args, kind)}")
                continue
            result = run_one(args, kind, "smoke", *SMOKE)
            if result["deliveries_lost"] != 0 or result["deliveries_expected"] == 0 \
                    or result["loadgen_exit"] != 0:
                log(f"FAIL {kind}: {result['deliveries_lost']} of "
                    f"{result['deliveries_expected']} deliveries lost")
                failed = True
            else:
                log(f"ok {kind}: {result['deliveries_received']} deliveries, none lost")
        return 1 if failed else 0

    for kind in servers:
        if missing(args, kind):
            sys.exit(f"run-fanout: cannot run the {kind} server: {missing(args, kind)}")
    results = []
    started = time.monotonic()
    for scenario in [s for s in args.scenarios.split(",") if s]:
        if scenario not in SCENARIOS:
            sys.exit(f"run-fanout: unknown scenario {scenario!r}")
        label, extra = SCENARIOS[scenario]
        for _ in range(args.repeat):
            for kind in servers:
                log(f"{label} against {kind}")
                results.append(run_one(args, kind, scenario, label, extra))
    log(f"done in {time.monotonic() - started:.0f} s")
    if args.markdown:
        args.markdown.write_text(markdown(results, args.machine, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
