"""IPTW-adjusted cumulative incidence: graftline.stats.adjusted_risks against
riskRegression::ate, in the same run on the same data.

Competing risks (cause 1 of 2, administrative censoring), a binary treatment
confounded by two covariates; IPTW with inverse probability of censoring
weights: logistic propensity model, Cox model of censoring on the treatment
and the covariates (Breslow), censoring survival as exp(-cumulative hazard)
(``product.limit = FALSE``, graftline's convention). Risks at days 180 and
365. Two variance settings, each run by both tools:

- ``full``: influence functions include the estimation of the propensity
  and censoring models (riskRegression's default ``known.nuisance = FALSE``;
  graftline's ``variance="full"``). riskRegression's cost grows faster than
  n here (the censoring model's term), so R runs it up to ``--r-full-max``.
- ``known``: the nuisance models are treated as known
  (``known.nuisance = TRUE``; ``variance="known"``): the point estimates are
  the same, the SEs omit the nuisance terms, and riskRegression's cost is
  about linear in n, so R runs it at every n, 1 M included.

Run (sizes optional; the default is the issue's comparison):

    .venv/bin/python benchmarks/adjusted_ate.py [--r-full-max N] [n ...]

Each R call is a separate ``Rscript`` whose CPU time is ``system.time``
around the glm, coxph and ate calls (reading the data is not timed), and
whose peak memory is the process's maximum resident set (``/usr/bin/time``).
Prints a Markdown table for benchmarks/RESULTS.md and a log-log fit of R's
``full`` CPU time against n.
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

from graftline.stats import adjusted_risks

TIMES = (180.0, 365.0)

R_SCRIPT = r"""
suppressPackageStartupMessages({library(survival); library(riskRegression); library(prodlim)})
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
known <- args[3] == "known"
d$a <- factor(d$a)
cpu <- system.time({
  ps <- glm(a ~ x1 + x2, data = d, family = binomial)
  cens <- coxph(Surv(time, status == 0) ~ a + x1 + x2, data = d, ties = "breslow", x = TRUE, y = TRUE)
  r <- ate(event = Hist(time, status) ~ 1, treatment = ps, censor = cens, data = d,
           times = c(180, 365), cause = 1, estimator = "IPTW", verbose = FALSE,
           product.limit = FALSE, known.nuisance = known)
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


def run_graftline(data: pd.DataFrame, variance: str) -> tuple[pd.DataFrame, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fit = adjusted_risks(data.time, data.status, data.a, data[["x1", "x2"]], times=list(TIMES),
                         method="iptw", cause=1, variance=variance)
    return fit.to_frame(), time.perf_counter() - wall, time.process_time() - cpu


def run_r(source: Path, folder: Path, variance: str) -> tuple[pd.DataFrame, float]:
    """riskRegression's risks and timings, and its peak resident memory in GB."""
    result, script = folder / "out.csv", folder / "ate.R"
    script.write_text(R_SCRIPT)
    memory = folder / "rss.txt"
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(memory), "Rscript", str(script), str(source),
                    str(result), variance], check=True)
    return pd.read_csv(result), int(memory.read_text().split()[-1]) / 1024**2


def compare(ours: pd.DataFrame, r: pd.DataFrame) -> tuple[float, float]:
    r = r.assign(arm=r.treatment.astype(int))
    merged = ours.merge(r, on=["arm", "time"])
    assert len(merged) == len(ours), "R and graftline report different arms or times"
    return (float(np.max(np.abs(merged.risk - merged.estimate))),
            float(np.max(np.abs(merged.se_x - merged.se_y) / merged.se_y)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 20_000, 50_000, 100_000, 1_000_000])
    parser.add_argument("--r-full-max", type=int, default=100_000,
                        help="largest n at which R runs the full-nuisance variance")
    parser.add_argument("--r-known-max", type=int, default=1_000_000)
    options = parser.parse_args()
    print(f"load average at start: {os.getloadavg()}")
    print("| n | variance | tool | wall s | CPU s | peak memory GB | max abs. diff. of risks | "
          "max rel. diff. of SEs | CPU ratio R / graftline |")
    print("|---|---|---|---|---|---|---|---|---|")
    fitted = []
    for n in options.sizes:
        data = cohort(n)
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            source = folder / "data.csv"
            data.to_csv(source, index=False, float_format="%.17g")
            for variance, limit in (("known", options.r_known_max), ("full", options.r_full_max)):
                ours, wall, cpu = run_graftline(data, variance)
                print(f"| {n:,} | {variance} | graftline | {wall:.2f} | {cpu:.2f} | - | - | - | - |", flush=True)
                if n > limit:
                    continue
                r, memory = run_r(source, folder, variance)
                risk_diff, se_diff = compare(ours, r)
                r_cpu = r.cpu.iloc[0]
                print(f"| {n:,} | {variance} | riskRegression::ate | {r.wall.iloc[0]:.2f} | {r_cpu:.2f} | "
                      f"{memory:.2f} | {risk_diff:.1e} | {se_diff:.1e} | {r_cpu / max(cpu, 1e-3):.0f} |",
                      flush=True)
                if variance == "full":
                    fitted.append((n, r_cpu))
    print(f"load average at end: {os.getloadavg()}")
    if len(fitted) >= 2:
        sizes, cpus = np.log([f[0] for f in fitted]), np.log([f[1] for f in fitted])
        slope, intercept = np.polyfit(sizes, cpus, 1)
        print(f"riskRegression full-nuisance CPU ~ n^{slope:.2f}; extrapolated to 1,000,000 patients: "
              f"{np.exp(intercept + slope * np.log(1e6)):.0f} s")


if __name__ == "__main__":
    main()
