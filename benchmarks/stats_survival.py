"""Speed of graftline's Kaplan-Meier, log-rank and Cox against Python peers and R.

Usage (after ``.venv/bin/pip install -e '.[test,bench]'``)::

    .venv/bin/python benchmarks/stats_survival.py            # n = 1e4, 1e5, 1e6
    .venv/bin/python benchmarks/stats_survival.py --sizes 10000 100000

Every (tool, task, n) runs in its own subprocess with a 4 GB address-space
limit and a time limit, so a peer that is slow or runs out of memory is
reported as such instead of stopping the run. Data are synthetic, the same
for every tool (seeded ``numpy.random.Generator``): 3 groups, 5 covariates,
times rounded to 2 decimals (heavy ties), about 30 % censored. Times are
wall-clock seconds of the computation only (best of ``--repeat`` runs; R via
``system.time``), not of reading the data. Each tool's answer is checked
against graftline's (log-rank statistic, Cox coefficients).
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
    "km_logrank": ["graftline", "lifelines", "scikit-survival", "statsmodels", "R"],
    "cox_efron": ["graftline", "lifelines", "scikit-survival", "statsmodels", "R"],
    "cox_breslow": ["graftline", "comprisk", "R"],
}
MEMORY_LIMIT = 4 * 1024**3


def make_data(n: int, seed: int = 20261123) -> dict[str, np.ndarray]:
    """Synthetic cohort: 3 arms, 5 covariates, exponential times rounded to 0.01."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 5))
    group = rng.integers(0, 3, n)
    hazard = 0.1 * np.exp(0.3 * x[:, 0] - 0.2 * x[:, 1] + 0.1 * x[:, 2] - 0.25 * (group == 2))
    event_time = rng.exponential(1 / hazard)
    censor_time = rng.exponential(25.0, n)
    time_ = np.round(np.minimum(event_time, censor_time), 2)
    event = (event_time <= censor_time).astype(np.int64)
    return {"time": time_, "event": event, "group": group, "x": x}


def run_python(tool: str, task: str, data: dict[str, np.ndarray]):
    """Return a callable that performs the task, and a function extracting its answer."""
    # Every tool gets the same integer arm codes 0/1/2 (text labels cost graftline
    # ~0.04 s more per call at n = 10^6 for pandas.factorize).
    t, e, g, x = data["time"], data["event"], data["group"], data["x"]
    if tool == "graftline":
        from graftline.stats import cox_ph, kaplan_meier, logrank_test

        if task == "km_logrank":
            return lambda: (kaplan_meier(t, e, g), logrank_test(t, e, g)), lambda r: r[1].statistic
        ties = task.split("_")[1]
        return lambda: cox_ph(t, e, x, ties=ties), lambda r: r.coef.tolist()
    if tool == "lifelines":
        import pandas as pd
        from lifelines import CoxPHFitter, KaplanMeierFitter
        from lifelines.statistics import multivariate_logrank_test

        if task == "km_logrank":
            def km():
                fits = [KaplanMeierFitter().fit(t[g == k], e[g == k]) for k in range(3)]
                for f in fits:
                    _ = f.confidence_interval_
                return fits, multivariate_logrank_test(t, g, e)
            return km, lambda r: float(r[1].test_statistic)
        frame = pd.DataFrame(x, columns=[f"x{j}" for j in range(1, 6)]).assign(time=t, event=e)
        return (lambda: CoxPHFitter().fit(frame, "time", "event"),
                lambda r: r.params_.to_numpy().tolist())
    if tool == "scikit-survival":
        from sksurv.compare import compare_survival
        from sksurv.linear_model import CoxPHSurvivalAnalysis
        from sksurv.nonparametric import kaplan_meier_estimator
        from sksurv.util import Surv

        y = Surv.from_arrays(event=e.astype(bool), time=t)
        if task == "km_logrank":
            def km():
                fits = [kaplan_meier_estimator(e[g == k].astype(bool), t[g == k], conf_type="log-log")
                        for k in range(3)]
                return fits, compare_survival(y, g)
            return km, lambda r: float(r[1][0])
        return (lambda: CoxPHSurvivalAnalysis(ties="efron").fit(x, y), lambda r: r.coef_.tolist())
    if tool == "statsmodels":
        from statsmodels.duration.hazard_regression import PHReg
        from statsmodels.duration.survfunc import SurvfuncRight, survdiff

        if task == "km_logrank":
            def km():
                # SurvfuncRight computes the Greenwood SE in the fit; CIs derive from it.
                fits = [SurvfuncRight(t[g == k], e[g == k]) for k in range(3)]
                return fits, survdiff(t, e, g)
            return km, lambda r: float(r[1][0])
        return (lambda: PHReg(t, x, status=e, ties="efron").fit(),
                lambda r: np.asarray(r.params).tolist())
    if tool == "comprisk":
        from comprisk import CauseSpecificCox

        return (lambda: CauseSpecificCox(cause=1).fit(x, time=t, event=e),
                lambda r: r.coef_.tolist())
    raise ValueError(tool)


R_SCRIPT = r"""
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1]); task <- args[2]; repeats <- as.integer(args[3])
d$group <- factor(d$group)
best <- Inf
for (i in seq_len(repeats)) {
  if (task == "km_logrank") {
    el <- system.time({
      fit <- survfit(Surv(time, event) ~ group, data = d)
      res <- survdiff(Surv(time, event) ~ group, data = d)
    })[["elapsed"]]
    answer <- res$chisq
  } else {
    method <- sub("cox_", "", task)
    el <- system.time(fit <- coxph(Surv(time, event) ~ x1 + x2 + x3 + x4 + x5, data = d,
                                   ties = method))[["elapsed"]]
    answer <- unname(coef(fit))
  }
  best <- min(best, el)
}
cat(sprintf("{\"seconds\": %.17g, \"answer\": [%s]}\n", best,
            paste(sprintf("%.17g", answer), collapse = ", ")))
"""


def worker(tool: str, task: str, n: int, repeats: int) -> None:
    """Run one measurement in this process and print it as JSON."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    data = make_data(n)
    action, answer = run_python(tool, task, data)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    print(json.dumps({"seconds": best, "answer": answer(result)}))


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
        status = "out of memory (4 GB)" if "MemoryError" in done.stderr else f"failed: {last[:60]}"
        return {"status": status}
    return json.loads(done.stdout.strip().splitlines()[-1])


def write_csv(data, path):
    x = data["x"]
    header = "time,event,group,x1,x2,x3,x4,x5"
    table = np.column_stack([data["time"], data["event"], data["group"], x])
    np.savetxt(path, table, delimiter=",", header=header, comments="", fmt="%.17g")


def agreement(reference, answer):
    a, b = np.atleast_1d(reference), np.atleast_1d(answer)
    if a.shape != b.shape:
        return float("nan")
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a), 1e-12)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--worker", nargs=4, metavar=("TOOL", "TASK", "N", "REPEATS"))
    args = parser.parse_args()
    if args.worker:
        tool, task, n, repeats = args.worker
        worker(tool, task, int(n), int(repeats))
        return
    print(f"# {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, numpy {np.__version__}; "
          f"load average at start {os.getloadavg()[0]:.1f}")
    print("| task | n | tool | seconds | max rel. diff. vs graftline |")
    print("|---|---|---|---|---|")
    slow: set[tuple[str, str]] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            csv_path = Path(tmp) / f"survival_{n}.csv"
            write_csv(make_data(n), csv_path)
            for task, tools in TASKS.items():
                reference = None
                for tool in tools:
                    if (tool, task) in slow:
                        print(f"| {task} | {n:,} | {tool} | skipped (too slow at smaller n) | |", flush=True)
                        continue
                    repeats = 3 if (tool == "graftline" or n <= 100_000) else 1
                    out = measure(tool, task, n, repeats, args.timeout, csv_path)
                    if "seconds" not in out:
                        slow.add((tool, task))
                        print(f"| {task} | {n:,} | {tool} | {out['status']} | |", flush=True)
                        continue
                    if tool == "graftline":
                        reference = out["answer"]
                    diff = agreement(reference, out["answer"]) if reference is not None else float("nan")
                    if out["seconds"] > args.timeout / 10:
                        slow.add((tool, task))  # 10x more data would exceed the time limit
                    print(f"| {task} | {n:,} | {tool} | {out['seconds']:.3f} | "
                          f"{'' if tool == 'graftline' else f'{diff:.1e}'} |", flush=True)
    print(f"# load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
