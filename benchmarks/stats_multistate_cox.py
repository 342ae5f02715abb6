"""Benchmark: transition-specific Cox models and predicted state probabilities against R survival.

Run:  .venv/bin/python benchmarks/stats_multistate_cox.py [--sizes 10000 100000]

The six-state EBMT-like histories of ``benchmarks/stats_multistate.py``
(same generator and seed) with two patient covariates: ``arm`` (0/1) and
``age`` (years, rounded). Each tool runs in its own process on the same CSV,
reading it outside the timing:

- graftline ``multistate_cox(data, ["arm", "age"])`` (Efron, robust SEs by
  patient, 9 transitions x 2 coefficients) and ``predict`` for two profiles
  at every time of the grid (matrix exponential, R's default);
- R 4.2 / survival 3.5 ``coxph(Surv(tstart, tstop, state) ~ arm + age, id = id)``
  and ``survfit(fit, newdata = profiles)``, ``system.time``.

Reported: wall and CPU seconds of fit and prediction, the process's peak
resident memory, and the largest relative difference of coefficients and
robust SEs and the largest absolute difference of the predicted
probabilities at days 100, 365, 1825.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stats_multistate import histories, peak_memory_mb  # noqa: E402

DAYS = [100.0, 365.0, 1825.0]
PROFILES = {"arm": [0, 1], "age": [30.0, 60.0]}


def with_covariates(n: int):
    data = histories(n)
    rng = np.random.default_rng(7)
    arm = rng.integers(0, 2, n)
    age = np.round(rng.uniform(18, 70, n))
    return data.assign(arm=arm[data.id.to_numpy()], age=age[data.id.to_numpy()])


def graftline_child(csv: str, out: str) -> None:
    import pandas as pd

    from graftline.stats import TransitionMatrix, multistate_cox

    data = pd.read_csv(csv)
    wall, cpu = time.perf_counter(), time.process_time()
    fit = multistate_cox(data, ["arm", "age"], initial="transplant", transitions=TransitionMatrix.ebmt6())
    fit_wall, fit_cpu = time.perf_counter() - wall, time.process_time() - cpu
    wall, cpu = time.perf_counter(), time.process_time()
    predicted = fit.predict(pd.DataFrame(PROFILES))
    predict_wall, predict_cpu = time.perf_counter() - wall, time.process_time() - cpu
    at = fit.predict(pd.DataFrame(PROFILES), DAYS)
    labels = [f"{fit.states.index(a) + 1}:{fit.states.index(b) + 1}" for a, b in fit.transitions]
    Path(out).write_text(json.dumps({
        "fit_wall": fit_wall, "fit_cpu": fit_cpu, "predict_wall": predict_wall, "predict_cpu": predict_cpu,
        "memory_mb": peak_memory_mb(), "transitions": labels, "coef": fit.coef.tolist(),
        "se": fit.se.tolist(), "pstate": at.probability.tolist(), "grid": int(predicted.time.nunique())}))


R_SCRIPT = r"""
suppressPackageStartupMessages(library(survival))
args <- commandArgs(TRUE)
d <- read.csv(args[1])
d$state <- factor(d$state, levels = c("censor", "platelet_recovery", "agvhd", "recovery_agvhd", "relapse", "death"))
t1 <- system.time(fit <- coxph(Surv(tstart, tstop, state) ~ arm + age, data = d, id = id))
profiles <- data.frame(arm = c(0, 1), age = c(30, 60))
t2 <- system.time(sf <- survfit(fit, newdata = profiles))
s <- summary(sf, times = c(100, 365, 1825))
cm <- coef(fit, matrix = TRUE)
se <- matrix(sqrt(diag(fit$var))[fit$cmap], nrow = nrow(fit$cmap))
hwm <- grep("^VmHWM", readLines("/proc/self/status"), value = TRUE)
out <- list(fit_wall = t1[["elapsed"]], fit_cpu = t1[["user.self"]] + t1[["sys.self"]],
            predict_wall = t2[["elapsed"]], predict_cpu = t2[["user.self"]] + t2[["sys.self"]],
            memory_mb = as.numeric(gsub("[^0-9]", "", hwm)) / 1024,
            transitions = colnames(cm), coef = t(cm), se = t(se),
            pstate = c(sapply(1:2, function(k) c(t(s$pstate[, k, ])))))
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
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        script = tmp / "coxms.R"
        script.write_text(R_SCRIPT)
        for n in args.sizes:
            data = with_covariates(n)
            csv = tmp / f"msc_{n}.csv"
            data.to_csv(csv, index=False)
            ours = run([sys.executable, __file__, "--child", str(csv), str(tmp / "g.json")], tmp / "g.json")
            theirs = run(["Rscript", str(script), str(csv), str(tmp / "r.json")], tmp / "r.json")
            assert ours["transitions"] == theirs["transitions"], (ours["transitions"], theirs["transitions"])
            coef_r = np.asarray(theirs["coef"])
            row = {"n": n, "rows": len(data),
                   "ours": (ours["fit_wall"], ours["fit_cpu"], ours["predict_wall"], ours["predict_cpu"]),
                   "r": (theirs["fit_wall"], theirs["fit_cpu"], theirs["predict_wall"], theirs["predict_cpu"]),
                   "mb": (ours["memory_mb"], theirs["memory_mb"]),
                   "coef": float(np.max(np.abs(np.asarray(ours["coef"]) - coef_r) / np.abs(coef_r))),
                   "se": float(np.max(np.abs(np.asarray(ours["se"]) - theirs["se"]) / np.asarray(theirs["se"]))),
                   "p": float(np.max(np.abs(np.subtract(ours["pstate"], theirs["pstate"]))))}
            rows.append(row)
            print(row, flush=True)
    print(f"load average at end: {os.getloadavg()}")
    print("\n| n patients | rows | graftline fit wall / CPU s | R coxph wall / CPU s | graftline predict "
          "wall / CPU s | R survfit wall / CPU s | peak memory graftline / R (MB) | max rel diff coef / SE "
          "| max abs diff p |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        o, t = r["ours"], r["r"]
        print(f"| {r['n']:,} | {r['rows']:,} | {o[0]:.2f} / {o[1]:.2f} | {t[0]:.1f} / {t[1]:.1f} | "
              f"{o[2]:.2f} / {o[3]:.2f} | {t[2]:.1f} / {t[3]:.1f} | {r['mb'][0]:.0f} / {r['mb'][1]:.0f} | "
              f"{r['coef']:.1e} / {r['se']:.1e} | {r['p']:.1e} |")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        graftline_child(sys.argv[2], sys.argv[3])
    else:
        main()
