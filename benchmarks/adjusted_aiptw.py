"""AIPTW with the full nuisance influence function: graftline.stats.adjusted_risks
against riskRegression::ate(estimator = "AIPTW", known.nuisance = FALSE), in
the same run on the same data.

The cohort of benchmarks/adjusted_ate.py (competing risks, cause 1 of 2, a
confounded binary treatment), with two time resolutions:

- ``days``: follow-up rounded up to whole days, as registries record it; the
  models have at most one jump per day, so the cost is O(n x days up to the
  last time asked for).
- ``continuous``: every event at its own time; the pooled cause-specific
  jumps up to the last time grow with n, so the cost grows as n^2 (the
  cumulative incidence of each patient needs every jump before it).

Outcome models: cause-specific Cox (``CSC``) with the treatment and the
covariates; logistic propensity model; Cox model of censoring; Breslow
ties; survival as exp(-cumulative hazard) (``product.limit = FALSE``).
Risks at days 180 and 365.

    .venv/bin/python benchmarks/adjusted_aiptw.py [--r-max N] [resolution:n ...]

R is run only up to ``--r-max`` patients (its full-nuisance AIPTW keeps
n x jumps influence matrices). With tied days the two differ by riskRegression's
tie handling in the Cox coefficients' influence function (docs/stats_adjusted.md),
so SE differences of ~1e-3 are expected there; risks are equal.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from adjusted_ate import cohort

from graftline.stats import adjusted_risks

R_SCRIPT = r"""
suppressPackageStartupMessages({library(survival); library(riskRegression); library(prodlim)})
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
d$a <- factor(d$a)
cpu <- system.time({
  ps <- glm(a ~ x1 + x2, data = d, family = binomial)
  cens <- coxph(Surv(time, status == 0) ~ a + x1 + x2, data = d, ties = "breslow", x = TRUE, y = TRUE)
  out <- CSC(Hist(time, status) ~ a + x1 + x2, data = d, ties = "breslow")
  r <- ate(out, treatment = ps, censor = cens, data = d, times = c(180, 365), cause = 1,
           estimator = "AIPTW", verbose = FALSE, product.limit = FALSE, known.nuisance = FALSE)
})
res <- as.data.frame(r$meanRisk)[, c("time", "treatment", "estimate", "se")]
res$cpu <- cpu[["user.self"]] + cpu[["sys.self"]]
res$wall <- cpu[["elapsed"]]
write.csv(res, args[2], row.names = FALSE)
"""


def data_at(resolution: str, n: int) -> pd.DataFrame:
    data = cohort(n)
    return data.assign(time=np.ceil(data.time)) if resolution == "days" else data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", default=["days:2000", "days:10000", "days:100000",
                                                     "continuous:2000", "continuous:10000"])
    parser.add_argument("--r-max", type=int, default=10_000)
    options = parser.parse_args()
    print(f"load average at start: {os.getloadavg()}")
    print("| times | n | tool | wall s | CPU s | max abs. diff. of risks | max rel. diff. of SEs |")
    print("|---|---|---|---|---|---|---|")
    for case in options.cases:
        resolution, size = case.split(":")
        n = int(size)
        data = data_at(resolution, n)
        wall, cpu = time.perf_counter(), time.process_time()
        fit = adjusted_risks(data.time, data.status, data.a, data[["x1", "x2"]], times=[180.0, 365.0],
                             method="aiptw", cause=1, variance="full")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"| {resolution} | {n:,} | graftline | {wall:.2f} | {cpu:.2f} | - | - |", flush=True)
        if n > options.r_max:
            continue
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            (folder / "ate.R").write_text(R_SCRIPT)
            data.to_csv(folder / "data.csv", index=False, float_format="%.17g")
            subprocess.run(["Rscript", str(folder / "ate.R"), str(folder / "data.csv"), str(folder / "out.csv")],
                           check=True)
            r = pd.read_csv(folder / "out.csv")
        ours = fit.to_frame().assign(treatment=lambda f: f.arm.astype(int))
        merged = ours.merge(r, on=["treatment", "time"])
        risk = np.max(np.abs(merged.risk - merged.estimate))
        se = np.max(np.abs(merged.se_x / merged.se_y - 1))
        print(f"| {resolution} | {n:,} | riskRegression::ate | {r.wall.iloc[0]:.2f} | {r.cpu.iloc[0]:.2f} | "
              f"{risk:.1e} | {se:.1e} |", flush=True)
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
