"""IPTW-adjusted cumulative incidence: graftline.stats.adjusted_risks against
riskRegression::ate, in the same run on the same data.

Competing risks (cause 1 of 2, administrative censoring), a binary treatment
confounded by two covariates; IPTW with inverse probability of censoring
weights: logistic propensity model, Cox model of censoring on the treatment
and the covariates (Breslow), influence-function SEs including both models
(riskRegression's default known.nuisance = FALSE), censoring survival as exp(-cumulative
hazard) (product.limit = FALSE, graftline's convention). Risks at days 180 and
365. Run:

    .venv/bin/python benchmarks/adjusted_ate.py [n ...]

R is run only up to R_MAX_N patients (its influence function of the
censoring model grows with n times the number of censoring times); larger
n run graftline alone. Prints a Markdown table for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from graftline.stats import adjusted_risks

R_MAX_N = 20_000
TIMES = (180.0, 365.0)

R_SCRIPT = r"""
suppressPackageStartupMessages({library(survival); library(riskRegression); library(prodlim)})
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
d$a <- factor(d$a)
cpu <- system.time({
  ps <- glm(a ~ x1 + x2, data = d, family = binomial)
  cens <- coxph(Surv(time, status == 0) ~ a + x1 + x2, data = d, ties = "breslow", x = TRUE, y = TRUE)
  r <- ate(event = Hist(time, status) ~ 1, treatment = ps, censor = cens, data = d,
           times = c(180, 365), cause = 1, estimator = "IPTW", verbose = FALSE,
           product.limit = FALSE)
})
out <- as.data.frame(r$meanRisk)[, c("time", "treatment", "estimate", "se")]
out$cpu <- cpu[["user.self"]] + cpu[["sys.self"]]
out$wall <- cpu[["elapsed"]]
write.csv(out, args[2], row.names = FALSE)
"""


def cohort(n: int, seed: int = 20261203) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x1 = rng.normal(size=n)
    x2 = rng.binomial(1, 0.4, n)
    a = rng.binomial(1, 1 / (1 + np.exp(-(-0.3 + 0.8 * x1 + 0.7 * x2))))
    relapse = rng.exponential(1 / (0.002 * np.exp(-0.5 * a + 0.6 * x1)))
    death = rng.exponential(1 / (0.001 * np.exp(0.3 * x2)))
    censor = rng.uniform(200, 1000, n)
    time_ = np.minimum.reduce([relapse, death, censor])
    status = np.where(time_ == relapse, 1, np.where(time_ == death, 2, 0))
    return pd.DataFrame({"time": time_, "status": status, "a": a, "x1": x1, "x2": x2})


def run_graftline(data: pd.DataFrame) -> tuple[pd.DataFrame, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fit = adjusted_risks(data.time, data.status, data.a, data[["x1", "x2"]], times=list(TIMES),
                         method="iptw", cause=1)
    return fit.to_frame(), time.perf_counter() - wall, time.process_time() - cpu


def run_r(data: pd.DataFrame) -> pd.DataFrame:
    with tempfile.TemporaryDirectory() as folder:
        source, result, script = (Path(folder) / name for name in ("data.csv", "out.csv", "ate.R"))
        data.to_csv(source, index=False, float_format="%.17g")
        script.write_text(R_SCRIPT)
        subprocess.run(["Rscript", str(script), str(source), str(result)], check=True)
        return pd.read_csv(result)


def main(sizes: list[int]) -> None:
    print(f"load average at start: {os.getloadavg()}")
    print("| n | tool | wall s | CPU s | max abs. diff. of risks | max rel. diff. of SEs |")
    print("|---|---|---|---|---|---|")
    for n in sizes:
        data = cohort(n)
        ours, wall, cpu = run_graftline(data)
        print(f"| {n:,} | graftline | {wall:.2f} | {cpu:.2f} | - | - |", flush=True)
        if n <= R_MAX_N:
            r = run_r(data)
            r["arm"] = r.treatment.astype(int)
            merged = ours.merge(r, on=["arm", "time"])
            risk_diff = np.max(np.abs(merged.risk - merged.estimate))
            se_diff = np.max(np.abs(merged.se_x - merged.se_y) / merged.se_y)
            print(f"| {n:,} | riskRegression::ate | {r.wall.iloc[0]:.2f} | {r.cpu.iloc[0]:.2f} | "
                  f"{risk_diff:.1e} | {se_diff:.1e} |", flush=True)
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 20_000, 100_000, 1_000_000])
