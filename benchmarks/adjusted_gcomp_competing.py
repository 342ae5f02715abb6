"""G-computation cumulative incidence from cause-specific Cox models:
graftline.stats.adjusted_risks against riskRegression::ate, in the same run
on the same data.

Competing risks (cause 1 of 2, administrative censoring), a binary treatment
confounded by two covariates, event times in whole days (as registries
record them). G-computation (``method="gcomp"``, R's ``estimator =
"GFORMULA"`` with a ``CSC`` model, Breslow ties, ``product.limit = FALSE``),
risks at days 180 and 365, standard errors from influence functions that
include the estimation of both cause-specific Cox models (graftline's
``variance="full"``; ate's default for G-computation). Both tools are asked
for the ATE.

With tied times the two tools' standard errors differ by a few per cent:
riskRegression's influence function of the Cox coefficients adds 1/S0 per
distinct event time where the exact (survival's) linearisation has d/S0
(tests/reference/adjusted_curves.R), and graftline follows survival. So the
run first checks equality on untied times (``--untied N`` patients), then
times both tools on whole days, where the risks agree to rounding.

Run (sizes optional):

    .venv/bin/python benchmarks/adjusted_gcomp_competing.py [--r-max N] [n ...]

Each R call is a separate ``Rscript`` whose CPU time is ``system.time``
around the CSC and ate calls (reading the data is not timed) and whose peak
memory is the process's maximum resident set (``/usr/bin/time``); graftline's
peak memory is the growth of this process's maximum resident set during the
call (a lower bound when an earlier call peaked higher, so sizes run in
increasing order).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from adjusted_ate import cohort as ate_cohort
from adjusted_ate import compare  # same comparison of risks and SEs as the IPTW benchmark

from graftline.stats import adjusted_risks

TIMES = (180.0, 365.0)

R_SCRIPT = r"""
suppressPackageStartupMessages({library(survival); library(riskRegression); library(prodlim)})
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
d$a <- factor(d$a)
cpu <- system.time({
  csc <- CSC(Hist(time, status) ~ a + x1 + x2, data = d, ties = "breslow")
  r <- ate(csc, treatment = "a", data = d, times = c(180, 365), cause = 1, estimator = "GFORMULA",
           verbose = FALSE, product.limit = FALSE)
})
out <- as.data.frame(r$meanRisk)[, c("time", "treatment", "estimate", "se")]
out$cpu <- cpu[["user.self"]] + cpu[["sys.self"]]
out$wall <- cpu[["elapsed"]]
write.csv(out, args[2], row.names = FALSE)
"""


def cohort(n: int, seed: int = 20261204, *, days: bool = True) -> pd.DataFrame:
    """adjusted_ate's cohort (relapse = cause 1, death in remission = 2, follow-up 200-1,000 days), in whole days
    (as registries record them: tied times) or untied."""
    data = ate_cohort(n, seed)
    return data.assign(time=np.ceil(data.time)) if days else data


def run_graftline(data: pd.DataFrame) -> tuple[pd.DataFrame, float, float, float]:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = time.perf_counter(), time.process_time()
    fit = adjusted_risks(data.time, data.status, data.a, data[["x1", "x2"]], times=list(TIMES),
                         method="gcomp", cause=1, variance="full")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024**2
    return fit.to_frame(), wall, cpu, grown


def run_r(source: Path, folder: Path) -> tuple[pd.DataFrame, float]:
    result, script, memory = folder / "out.csv", folder / "ate.R", folder / "rss.txt"
    script.write_text(R_SCRIPT)
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(memory), "Rscript", str(script), str(source),
                    str(result)], check=True)
    return pd.read_csv(result), int(memory.read_text().split()[-1]) / 1024**2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 50_000, 200_000, 1_000_000])
    parser.add_argument("--r-max", type=int, default=200_000, help="largest n at which R runs")
    parser.add_argument("--untied", type=int, default=5_000, help="patients of the untied equality check")
    options = parser.parse_args()
    print(f"load average at start: {os.getloadavg()}")
    data = cohort(options.untied, days=False)
    ours = run_graftline(data)[0]
    with tempfile.TemporaryDirectory() as name:
        source = Path(name) / "data.csv"
        data.to_csv(source, index=False, float_format="%.17g")
        risk_diff, se_diff = compare(ours, run_r(source, Path(name))[0])
    print(f"untied times, {options.untied:,} patients: risks differ by at most {risk_diff:.1e}, "
          f"SEs by {se_diff:.1e} (relative)\n")
    print("Whole days:\n")
    print("| n | tool | wall s | CPU s | peak memory GB | max abs. diff. of risks | max rel. diff. of SEs | "
          "CPU ratio R / graftline |")
    print("|---|---|---|---|---|---|---|---|")
    for n in sorted(options.sizes):
        data = cohort(n)
        ours, wall, cpu, grown = run_graftline(data)
        print(f"| {n:,} | graftline | {wall:.2f} | {cpu:.2f} | {grown:.2f} (growth) | - | - | - |", flush=True)
        if n > options.r_max:
            continue
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            source = folder / "data.csv"
            data.to_csv(source, index=False, float_format="%.17g")
            r, memory = run_r(source, folder)
        risk_diff, se_diff = compare(ours, r)
        r_cpu = r.cpu.iloc[0]
        print(f"| {n:,} | riskRegression::ate | {r.wall.iloc[0]:.2f} | {r_cpu:.2f} | {memory:.2f} | "
              f"{risk_diff:.1e} | {se_diff:.1e} | {r_cpu / max(cpu, 1e-3):.0f} |", flush=True)
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
