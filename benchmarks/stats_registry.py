"""Speed of graftline's counting-process Cox (time-dependent covariates, weights,
centre clusters) and cox_zph against R survival and lifelines, in one run.

Usage (after ``make bench``)::

    .venv/bin/python benchmarks/stats_registry.py                     # 10^4, 10^5, 10^6 patients
    .venv/bin/python benchmarks/stats_registry.py --sizes 10000 --tasks cox_zph

Every (tool, task, n) runs in its own subprocess with a time limit (and a
6 GB address-space limit for the Python tools), so a peer that is slow or
runs out of memory is reported as such instead of stopping the run. Data
are synthetic and the same for every tool (seeded ``numpy.random.Generator``):
n patients with age, a 3-level arm, and three events after day 0 that become
time-dependent covariates (platelet recovery in ~90 %, acute GVHD in ~50 %,
CMV reactivation in ~60 %), integer days to 1000 (heavy ties), about 30 %
events; splitting follow-up at those days gives ~2.8 rows per patient, so
10^6 patients are ~2.8 x 10^6 (start, stop] rows. The weighted task adds
non-integer case weights and 200 centres as clusters (robust variance). The
``cox_zph`` task fits a right-censored Cox model of 10^6 patients (5
covariates) once, outside the clock, and times only the PH test.

Times are wall-clock and CPU seconds of the computation only (best of 3 runs,
or 1 run when the tool took over 1 s at the previous size; R via
``system.time``), not of reading the data. Each tool's answer is compared with
graftline's: coefficients (Cox), coefficients and robust SEs
(weighted/clustered; lifelines has no cluster-robust SE, so coefficients
only), GLOBAL chi-square (cox_zph; lifelines' ``proportional_hazard_test`` is
the older per-term approximation, so its sum of chi-squares is only
indicative).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

TASKS = {
    "cox_counting": ["graftline", "lifelines", "R"],
    "cox_weighted_clustered": ["graftline", "lifelines", "R"],
    "cox_zph": ["graftline", "lifelines", "R"],
}
MEMORY_LIMIT = 6 * 1024**3
COVARIATES = ["age", "arm2", "arm3", "platelets", "agvhd", "cmv"]


def make_patients(n: int, seed: int = 20261203) -> dict[str, np.ndarray]:
    """One row per patient: baseline covariates, exposure days, outcome."""
    rng = np.random.default_rng(seed)
    age = np.round(rng.normal(50, 12, n), 1)
    arm = rng.integers(0, 3, n)
    platelets = np.where(rng.random(n) < 0.9, 10 + rng.integers(0, 30, n), np.inf)
    agvhd = np.where(rng.random(n) < 0.5, 15 + np.floor(rng.exponential(40, n)), np.inf)
    cmv = np.where(rng.random(n) < 0.6, 20 + np.floor(rng.exponential(60, n)), np.inf)
    # Piecewise-constant hazard: exposures change it after their day.
    base = 0.0008 * np.exp(0.02 * (age - 50) - 0.3 * (arm == 2))
    follow = np.minimum(np.ceil(rng.exponential(700, n)), 1000)
    u = rng.exponential(1.0, n)
    cuts = np.sort(np.column_stack([platelets, agvhd, cmv]), axis=1)
    effect = {"platelets": -0.5, "agvhd": 0.6, "cmv": 0.3}
    day = np.full(n, np.inf)
    start = np.zeros(n)
    cumulative = np.zeros(n)
    exposures = {"platelets": platelets, "agvhd": agvhd, "cmv": cmv}
    for j in range(4):
        end = cuts[:, j] if j < 3 else np.full(n, np.inf)
        lp = sum(effect[k] * (v <= start) for k, v in exposures.items())
        rate = base * np.exp(lp)
        reach = cumulative + rate * (end - start)
        hit = (u <= reach) & np.isinf(day)
        day[hit] = np.ceil(start[hit] + (u[hit] - cumulative[hit]) / rate[hit])
        cumulative = np.where(np.isinf(day), reach, cumulative)
        start = np.where(np.isfinite(end), end, start)
    event = day <= follow
    time_ = np.where(event, day, follow)
    return {"age": age, "arm": arm, "platelets": platelets, "agvhd": agvhd, "cmv": cmv,
            "time": time_, "event": event.astype(float), "w": np.round(rng.uniform(0.5, 2.0, n), 2),
            "centre": rng.integers(0, 200, n)}


def split_rows(p: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """(tstart, tstop] rows at the exposure days inside follow-up (tmerge's rule)."""
    n = len(p["time"])
    days = np.column_stack([p["platelets"], p["agvhd"], p["cmv"]])
    inside = np.where((days > 0) & (days < p["time"][:, None]), days, np.nan)
    cuts = np.sort(inside, axis=1)
    repeated = np.zeros_like(cuts, dtype=bool)
    repeated[:, 1:] = cuts[:, 1:] == cuts[:, :-1]
    cuts = np.sort(np.where(repeated, np.nan, cuts), axis=1)
    k = np.count_nonzero(~np.isnan(cuts), axis=1)
    rows = k + 1
    who = np.repeat(np.arange(n), rows)
    pos = np.arange(len(who)) - np.repeat(np.cumsum(rows) - rows, rows)
    bounds = np.column_stack([np.zeros(n), cuts, np.full(n, np.nan)])
    bounds[np.arange(n), k + 1] = p["time"]
    tstart, tstop = bounds[who, pos], bounds[who, pos + 1]
    last = pos == k[who]
    out = {"id": who, "tstart": tstart, "tstop": tstop, "event": np.where(last, p["event"][who], 0.0),
           "age": p["age"][who], "arm2": (p["arm"][who] == 1).astype(float),
           "arm3": (p["arm"][who] == 2).astype(float), "w": p["w"][who], "centre": p["centre"][who]}
    for name in ("platelets", "agvhd", "cmv"):
        out[name] = (p[name][who] <= tstart).astype(float)
    return out


def right_censored(n: int, seed: int = 20261204) -> dict[str, np.ndarray]:
    """The cox_zph data: 5 covariates, one a drifting effect, integer days."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 5))
    scale = np.exp(-(0.3 * x[:, 0] - 0.2 * x[:, 1] + 0.1 * x[:, 2]))
    event_time = np.ceil(rng.weibull(0.8, n) * 300 * scale)
    censor = np.ceil(rng.exponential(600, n))
    return {"time": np.minimum(event_time, censor), "event": (event_time <= censor).astype(float), "x": x}


def run_python(tool: str, task: str, n: int):
    """Return (action, answer) for one tool and task; data built outside the clock."""
    if task == "cox_zph":
        d = right_censored(n)
        if tool == "graftline":
            from graftline.stats import cox_ph, cox_zph

            fit = cox_ph(d["time"], d["event"], d["x"])
            return lambda: cox_zph(fit), lambda r: [float(r.statistic[-1])]
        import pandas as pd
        from lifelines import CoxPHFitter
        from lifelines.statistics import proportional_hazard_test

        frame = pd.DataFrame(d["x"], columns=[f"x{j}" for j in range(1, 6)]).assign(time=d["time"], event=d["event"])
        cph = CoxPHFitter().fit(frame, "time", "event")
        return (lambda: proportional_hazard_test(cph, frame, time_transform="km"),
                lambda r: [float(r.summary["test_statistic"].sum())])
    rows = split_rows(make_patients(n))
    weighted = task == "cox_weighted_clustered"
    if tool == "graftline":
        from graftline.stats import cox_ph

        x = np.column_stack([rows[c] for c in COVARIATES])
        extra = {"weights": rows["w"], "cluster": rows["centre"]} if weighted else {}
        return (lambda: cox_ph(rows["tstop"], rows["event"], x, start=rows["tstart"], id=rows["id"], **extra),
                lambda r: (np.r_[r.coef, r.se] if weighted else r.coef).tolist())
    import pandas as pd
    from lifelines import CoxTimeVaryingFitter

    frame = pd.DataFrame({c: rows[c] for c in ["id", "tstart", "tstop", "event", *COVARIATES, "w"]})
    if not weighted:
        frame = frame.drop(columns="w")

    def fit():
        model = CoxTimeVaryingFitter()
        return model.fit(frame, id_col="id", event_col="event", start_col="tstart", stop_col="tstop",
                         weights_col="w" if weighted else None, show_progress=False)
    # lifelines' time-varying fitter has no cluster-robust variance (its SEs are
    # model-based), so only its coefficients are compared.
    return fit, lambda r: r.params_.to_numpy().tolist()


R_SCRIPT = r"""
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1]); task <- args[2]; repeats <- as.integer(args[3])
best <- Inf; best_cpu <- Inf
if (task == "cox_zph") fit <- coxph(Surv(time, event) ~ x1 + x2 + x3 + x4 + x5, data = d)
for (i in seq_len(repeats)) {
  if (task == "cox_counting") {
    st <- system.time(fit <- coxph(Surv(tstart, tstop, event) ~ age + arm2 + arm3 + platelets + agvhd + cmv,
                                   data = d, id = id))
    answer <- unname(coef(fit))
  } else if (task == "cox_weighted_clustered") {
    st <- system.time(fit <- coxph(Surv(tstart, tstop, event) ~ age + arm2 + arm3 + platelets + agvhd + cmv,
                                   data = d, id = id, weights = w, cluster = centre))
    answer <- c(unname(coef(fit)), unname(sqrt(diag(fit$var))))
  } else {
    st <- system.time(z <- cox.zph(fit))
    answer <- z$table["GLOBAL", "chisq"]
  }
  best <- min(best, st[["elapsed"]])
  best_cpu <- min(best_cpu, st[["user.self"]] + st[["sys.self"]])
}
cat(sprintf("{\"seconds\": %.17g, \"cpu\": %.17g, \"answer\": [%s]}\n", best, best_cpu,
            paste(sprintf("%.17g", answer), collapse = ", ")))
"""


def worker(tool: str, task: str, n: int, repeats: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    action, answer = run_python(tool, task, n)
    best, best_cpu = float("inf"), float("inf")
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = action()
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    print(json.dumps({"seconds": best, "cpu": best_cpu, "answer": answer(result)}))


def measure(tool, task, n, repeats, timeout, csv_path):
    if tool == "R":
        with tempfile.NamedTemporaryFile("w", suffix=".R", delete=False) as script:
            script.write(R_SCRIPT)
        command = ["Rscript", script.name, str(csv_path), task, str(repeats)]
    else:
        command = [sys.executable, __file__, "--worker", tool, task, str(n), str(repeats)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"status": f"> {timeout:.0f} s (stopped)"}
    except FileNotFoundError:
        return {"status": "not installed"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["failed"])[-1]
        status = "out of memory" if "MemoryError" in done.stderr else f"failed: {last[:60]}"
        return {"status": status}
    return json.loads(done.stdout.strip().splitlines()[-1])


def write_csv(task: str, n: int, path: Path) -> int:
    if task == "cox_zph":
        d = right_censored(n)
        table = np.column_stack([d["time"], d["event"], d["x"]])
        header = "time,event,x1,x2,x3,x4,x5"
    else:
        rows = split_rows(make_patients(n))
        columns = ["id", "tstart", "tstop", "event", *COVARIATES, "w", "centre"]
        table = np.column_stack([rows[c] for c in columns])
        header = ",".join(columns)
    np.savetxt(path, table, delimiter=",", header=header, comments="", fmt="%.10g")
    return len(table)


def agreement(reference, answer):
    """Largest relative difference; a shorter answer (coefficients only) is compared with their part."""
    a, b = np.atleast_1d(reference), np.atleast_1d(answer)
    a = a[: len(b)]
    if a.shape != b.shape:
        return float("nan")
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a), 1e-12)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--tasks", nargs="+", choices=list(TASKS), default=list(TASKS))
    parser.add_argument("--worker", nargs=4, metavar=("TOOL", "TASK", "N", "REPEATS"))
    args = parser.parse_args()
    if args.worker:
        tool, task, n, repeats = args.worker
        worker(tool, task, int(n), int(repeats))
        return
    print(f"# {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, numpy {np.__version__}; "
          f"load average at start {os.getloadavg()[0]:.1f}")
    print("| task | patients | rows | tool | wall s | CPU s | max rel. diff. vs graftline |")
    print("|---|---|---|---|---|---|---|")
    slow: set[tuple[str, str]] = set()
    last: dict[tuple[str, str], float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            for task in args.tasks:
                csv_path = Path(tmp) / f"{task}_{n}.csv"
                n_rows = write_csv(task, n, csv_path)
                reference = None
                for tool in TASKS[task]:
                    if (tool, task) in slow:
                        print(f"| {task} | {n:,} | {n_rows:,} | {tool} | skipped (too slow at smaller n) | | |",
                              flush=True)
                        continue
                    repeats = 1 if last.get((tool, task), 0.0) > 1.0 else 3
                    out = measure(tool, task, n, repeats, args.timeout, csv_path)
                    if "seconds" not in out:
                        slow.add((tool, task))
                        print(f"| {task} | {n:,} | {n_rows:,} | {tool} | {out['status']} | | |", flush=True)
                        continue
                    if tool == "graftline":
                        reference = out["answer"]
                    diff = agreement(reference, out["answer"]) if reference is not None else float("nan")
                    last[(tool, task)] = out["seconds"]
                    if out["seconds"] > args.timeout / 10:
                        slow.add((tool, task))
                    print(f"| {task} | {n:,} | {n_rows:,} | {tool} | {out['seconds']:.3f} | {out['cpu']:.3f} | "
                          f"{'' if tool == 'graftline' else f'{diff:.1e}'} |", flush=True)
                csv_path.unlink()
    print(f"# load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
