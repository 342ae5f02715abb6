"""Load on the screening app: 100,000 records, 3 reviewers screening at once.

Run:  .venv/bin/python benchmarks/review_screening.py [--records 100000] [--decisions 400] [--seconds 240]

What happens (all on loopback; every loop is bounded in count and time):
1. a project with ``--records`` synthetic records (graftline.review.synthetic,
   seed 17; one record per article, no duplicates) is written;
2. ``graftline review serve -p <project> --port 0`` starts as a separate
   process (the server, its background model process and nothing else);
3. three scripted reviewers (graftline.review.web.client, one process each)
   log in and screen title/abstracts as fast as the server answers: read
   the record shown, include it if its title mentions mesenchymal cells,
   else exclude it, and time the round trip "post the decision, follow the
   redirect, receive the next record's page" - what a reviewer waits for
   after pressing a key - until each has made ``--decisions`` decisions or
   ``--seconds`` have passed;
4. the main process polls ``/api/progress`` to learn when the model's
   features are ready and how long each retraining took;
5. the server is stopped (SIGINT) and the decisions in the file are counted
   against the clients' count.

Reported: p50/p95/p99/max of the round trip, overall and split into before
and after the model's features were ready (the features of 100,000 records
are built in the model process while reviewers already screen); the feature
build time and every retraining time; decisions lost (must be 0); CPU
seconds of server + model process and of the clients; load average.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import platform
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def build_project(path: Path, n: int) -> float:
    from graftline.review.project import ReviewProject
    from graftline.review.records import RECORD_COLUMNS, SearchLog, store_records
    from graftline.review.synthetic import synthetic_search_results

    started = time.perf_counter()
    frame = synthetic_search_results(n, rng=np.random.default_rng(17), duplicate_rate=0.0, hard_negative_rate=0.0)
    frame["origin"] = "synthetic row " + frame["record_id"].astype(str)
    with ReviewProject.create(path) as project:
        store_records(project, frame[list(RECORD_COLUMNS)], SearchLog(
            database="pubmed", query="synthetic", date_run=dt.datetime(2025, 1, 1), hit_count=n))
    return time.perf_counter() - started


def reviewer(name: str, port: int, decisions: int, seconds: float, results) -> None:
    from graftline.review.web.client import ScreeningClient

    client = ScreeningClient("127.0.0.1", port)
    client.login(name=name)
    deadline = time.monotonic() + seconds
    record = client.current()
    made, stamps = 0, []
    while record is not None and made < decisions and time.monotonic() < deadline:
        decision = "include" if "mesenchymal" in client.shown_title().lower() else "exclude"
        stamps.append(time.time())
        record, _ = client.decide(record, decision)
        made += 1
    client.close()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    results.put((name, made, client.timings, stamps, usage.ru_utime + usage.ru_stime))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--decisions", type=int, default=400, help="per reviewer")
    parser.add_argument("--seconds", type=float, default=240.0, help="time limit per reviewer")
    parser.add_argument("--feature-wait", type=float, default=900.0,
                        help="longest wait for the model's features before the reviewers start")
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "load.duckdb"
        build_seconds = build_project(project, args.records)
        graftline = Path(sys.executable).with_name("graftline")
        server = subprocess.Popen([str(graftline), "review", "serve", "-p", str(project), "--port", "0"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = server.stdout.readline()
        url = line.split(" at ")[1].split("/login")[0]
        port = int(url.rsplit(":", 1)[1])
        started = time.time()
        # A logged-in poller for the model's status (features ready, retraining times).
        from graftline.review.web.client import ScreeningClient

        watcher = ScreeningClient("127.0.0.1", port)
        watcher.login(name="watcher")
        # Reviewers start once the model's features exist (bounded wait): the round trips
        # measured then run alongside the retraining each decision triggers.
        wait_until = time.monotonic() + args.feature_wait
        while time.monotonic() < wait_until:
            _, _, body = watcher.request("GET", "/api/progress")
            if json.loads(body)["prioritisation"]["features_ready"]:
                break
            time.sleep(1.0)
        features_waited = time.time() - started
        _, _, body = watcher.request("GET", "/api/progress")
        cpu_before = json.loads(body)["server_cpu_seconds"]
        results = multiprocessing.get_context("fork").Queue()
        clients = [multiprocessing.get_context("fork").Process(
            target=reviewer, args=(name, port, args.decisions, args.seconds, results)) for name in ("anna", "ben", "chloe")]
        for process in clients:
            process.start()
        ready_at = None
        status = {}
        deadline = time.monotonic() + args.seconds + 60
        while any(p.is_alive() for p in clients) and time.monotonic() < deadline:
            _, _, body = watcher.request("GET", "/api/progress")
            status = json.loads(body)["prioritisation"]
            if ready_at is None and status["features_ready"]:
                ready_at = time.time()
            time.sleep(0.5)
        outcomes = [results.get(timeout=60) for _ in clients]
        for process in clients:
            process.join(timeout=30)
        _, _, body = watcher.request("GET", "/api/progress")
        cpu_after = json.loads(body)["server_cpu_seconds"]
        time.sleep(3)  # let the last retraining finish before reading its time
        _, _, body = watcher.request("GET", "/api/progress")
        status = json.loads(body)["prioritisation"]
        if ready_at is None and status["features_ready"]:
            ready_at = time.time()
        watcher.close()
        server.send_signal(signal.SIGINT)
        server.wait(timeout=120)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        import duckdb

        con = duckdb.connect(str(project), read_only=True)
        stored = con.execute("SELECT count(*) FROM decisions WHERE decision_id NOT IN "
                             "(SELECT decision_id FROM withdrawn)").fetchone()[0]
        con.close()
    load_after = os.getloadavg()
    timings = np.array([t for _, _, ts, _, _ in outcomes for t in ts]) * 1000
    stamps = np.array([s for _, _, _, ss, _ in outcomes for s in ss])
    made = sum(m for _, m, _, _, _ in outcomes)
    client_cpu = sum(c for *_, c in outcomes)

    def describe(values: np.ndarray) -> str:
        if len(values) == 0:
            return "n=0"
        p50, p95, p99 = np.percentile(values, [50, 95, 99])
        return f"n={len(values)}  p50 {p50:.1f} ms  p95 {p95:.1f} ms  p99 {p99:.1f} ms  max {values.max():.1f} ms"

    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; load average before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    print(f"project: {args.records} records written in {build_seconds:.1f} s; 3 reviewers, dual screening")
    print(f"decisions made by clients: {made}; in the file after the server stopped: {stored}; "
          f"lost: {made - stored}")
    print(f"round trip decision + next record, all:            {describe(timings)}")
    if ready_at is not None:
        before = timings[stamps < ready_at]
        after = timings[stamps >= ready_at]
        print(f"  while the model's features were being built:   {describe(before)}")
        print(f"  after (order retrained as decisions arrive):   {describe(after)}")
    print(f"reviewers started {features_waited:.0f} s after the server (waiting for the model's features)")
    nan = float("nan")
    print(f"model: features of {args.records} records built in {status.get('features_seconds') or nan:.1f} s wall, "
          f"{status.get('features_cpu_seconds') or nan:.1f} s CPU (model process, while the server already served); "
          f"{status.get('retrains')} retrainings: wall median {status.get('median_retrain_seconds') or nan:.2f} s, "
          f"max {status.get('max_retrain_seconds') or nan:.2f} s; CPU median "
          f"{status.get('median_retrain_cpu_seconds') or nan:.2f} s, max {status.get('max_retrain_cpu_seconds') or nan:.2f} s")
    print(f"server CPU while the reviewers screened: {cpu_after - cpu_before:.1f} s for {made} decisions = "
          f"{1000 * (cpu_after - cpu_before) / max(made, 1):.1f} ms per decision + next record (both requests; "
          "includes the /api/progress polls)")
    server_cpu = children.ru_utime + children.ru_stime - client_cpu
    print(f"CPU (user+system): server + model process {server_cpu:.1f} s, the 3 clients {client_cpu:.1f} s; "
          f"wall {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()
