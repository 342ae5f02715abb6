"""Benchmark: six-state Aalen-Johansen with IJ standard errors against R survival's survfit.

Run:  .venv/bin/python benchmarks/stats_multistate.py [--sizes 10000 100000 1000000]

Synthetic EBMT-like histories (numpy Generator, seed 2024): the six states
of mstate's ebmt4 (transplant, platelet_recovery, agvhd, recovery_agvhd,
relapse, death), constant transition hazards, whole days (ties), transitions
at least a day apart, administrative censoring up to 10 years: about 2.8
rows per patient, ~3,650 distinct days.

Each tool runs in its own process on the same CSV, reading it outside the
timing:
- graftline ``multistate(...)`` (data checks + estimate + IJ standard errors
  at every time);
- R 4.2 / survival 3.5 ``survfit(Surv(tstart, tstop, state) ~ 1, id = id)``
  (survcheck + estimate + IJ standard errors at every time), ``system.time``.
Reported: wall and CPU seconds of the fit, the process's peak resident
memory (``VmHWM``: data, fit and interpreter), and the largest difference of
pstate and std.err at days 100, 365, 1825 between the two.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

STATES = ["transplant", "platelet_recovery", "agvhd", "recovery_agvhd", "relapse", "death"]
# daily hazards per state (index) -> destination: {destination: rate}
RATES = {0: {1: 1 / 25, 2: 1 / 70, 4: 1 / 3000, 5: 1 / 800},
         1: {3: 1 / 150, 4: 1 / 2500, 5: 1 / 3000},
         2: {3: 1 / 30, 4: 1 / 3000, 5: 1 / 600},
         3: {4: 1 / 2500, 5: 1 / 1500}}
DAYS = [100.0, 365.0, 1825.0]


def histories(n: int, seed: int = 2024) -> pd.DataFrame:
    """Long-format six-state histories, one row per stay."""
    rng = np.random.default_rng(seed)
    censor = rng.integers(30, 3650, n).astype(float)
    current = np.zeros(n, dtype=np.int64)
    t = np.zeros(n)
    active = np.arange(n)
    ids, starts, stops, entered = [], [], [], []
    while active.size:
        best = np.full(active.size, np.inf)
        destination = np.full(active.size, -1)
        for state, out in RATES.items():
            here = np.flatnonzero(current[active] == state)
            for to, rate in out.items():
                draw = rng.exponential(1 / rate, here.size)
                better = draw < best[here]
                best[here[better]] = draw[better]
                destination[here[better]] = to
        stop = t[active] + np.maximum(1.0, np.ceil(best))
        censored = stop > censor[active]
        stop = np.where(censored, censor[active], stop)
        ids.append(active)
        starts.append(t[active].copy())
        stops.append(stop)
        entered.append(np.where(censored, -1, destination))
        t[active] = stop
        current[active] = np.where(censored, current[active], destination)
        done = censored | np.isin(destination, [4, 5]) | (stop >= censor[active])
        active = active[~done]
    labels = np.array(STATES + ["censor"], dtype=object)
    frame = pd.DataFrame({"id": np.concatenate(ids), "tstart": np.concatenate(starts),
                          "tstop": np.concatenate(stops), "state": labels[np.concatenate(entered)]})
    return frame.sort_values(["id", "tstart"], kind="stable").reset_index(drop=True)


def peak_memory_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def graftline_child(csv: str, out: str) -> None:
    from graftline.stats import TransitionMatrix, multistate

    data = pd.read_csv(csv)
    wall, cpu = time.perf_counter(), time.process_time()
    fit = multistate(data, initial="transplant", transitions=TransitionMatrix.ebmt6())
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    p = fit.probabilities(DAYS)
    Path(out).write_text(json.dumps({
        "wall": wall, "cpu": cpu, "memory_mb": peak_memory_mb(),
        "pstate": p.probability.tolist(), "se": p.se.tolist()}))


R_SCRIPT = r"""
suppressPackageStartupMessages(library(survival))
args <- commandArgs(TRUE)
d <- read.csv(args[1])
d$state <- factor(d$state, levels = c("censor", "platelet_recovery", "agvhd", "recovery_agvhd", "relapse", "death"))
# no istate: everyone starts in R's "(s0)", the first column of pstate (our transplant)
t <- system.time(fit <- survfit(Surv(tstart, tstop, state) ~ 1, data = d, id = id))
s <- summary(fit, times = c(100, 365, 1825))
hwm <- grep("^VmHWM", readLines("/proc/self/status"), value = TRUE)
out <- list(wall = t[["elapsed"]], cpu = t[["user.self"]] + t[["sys.self"]],
            memory_mb = as.numeric(gsub("[^0-9]", "", hwm)) / 1024,
            pstate = c(t(s$pstate)), se = c(t(s$std.err)), states = fit$states)
writeLines(jsonlite::toJSON(out, digits = I(15), auto_unbox = TRUE), args[2])
"""


def run(command: list[str], out: Path) -> dict | None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stderr[-2000:], file=sys.stderr)
        return None
    return json.loads(out.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--no-r", action="store_true", help="time graftline only")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        script = tmp / "survfit.R"
        script.write_text(R_SCRIPT)
        for n in args.sizes:
            data = histories(n)
            csv = tmp / f"ms_{n}.csv"
            data.to_csv(csv, index=False)
            ours = run([sys.executable, __file__, "--child", str(csv), str(tmp / "g.json")], tmp / "g.json")
            theirs = None if args.no_r else run(["Rscript", str(script), str(csv), str(tmp / "r.json")], tmp / "r.json")
            row = {"n": n, "rows": len(data), "days": int(data.tstop.nunique()),
                   "graftline_wall": ours["wall"], "graftline_cpu": ours["cpu"], "graftline_mb": ours["memory_mb"]}
            if theirs is not None:
                row.update(r_wall=theirs["wall"], r_cpu=theirs["cpu"], r_mb=theirs["memory_mb"],
                           diff_p=float(np.max(np.abs(np.subtract(ours["pstate"], theirs["pstate"])))),
                           diff_se=float(np.nanmax(np.abs(np.subtract(ours["se"], theirs["se"]))
                                                   / np.maximum(np.abs(theirs["se"]), 1e-300))))
            rows.append(row)
            print(row, flush=True)
    print(f"load average at end: {os.getloadavg()}")
    print("\n| n patients | rows | graftline wall / CPU s | R survfit wall / CPU s | CPU ratio | "
          "peak memory graftline / R (MB) | max abs diff pstate | max rel diff SE |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        if "r_cpu" in r:
            print(f"| {r['n']:,} | {r['rows']:,} | {r['graftline_wall']:.2f} / {r['graftline_cpu']:.2f} | "
                  f"{r['r_wall']:.1f} / {r['r_cpu']:.1f} | {r['r_cpu'] / r['graftline_cpu']:.0f}x | "
                  f"{r['graftline_mb']:.0f} / {r['r_mb']:.0f} | {r['diff_p']:.1e} | {r['diff_se']:.1e} |")
        else:
            print(f"| {r['n']:,} | {r['rows']:,} | {r['graftline_wall']:.2f} / {r['graftline_cpu']:.2f} | - | - | "
                  f"{r['graftline_mb']:.0f} / - | - | - |")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        graftline_child(sys.argv[2], sys.argv[3])
    else:
        main()
