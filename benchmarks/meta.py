"""Pooling benchmarks against metafor, side by side in the same run.

1. REML random-effects pooling: graftline.meta.pool versus metafor::rma.
2. Binomial-normal GLMM for single-arm proportions (nAGQ = 7):
   graftline.meta.pool_glmm versus metafor::rma.glmm(measure = "PLO")
   (which calls lme4::glmer), wall and CPU seconds, and the agreement.

Run:  .venv/bin/python benchmarks/meta.py [--out results.md] [--only reml|glmm]

The same simulated studies (seeded) are pooled by both. metafor runs in a
separate Rscript per k with a 120 s timeout and a 4 GB address-space limit
(rma.uni builds k x k matrices, which at k = 10,000 need several GB); a run
that is stopped is reported as "did not finish". graftline is also timed at
k = 100,000. Times are wall-clock seconds, the median of 3 runs for graftline
and a single run for R (elapsed time of rma() only, data loading excluded).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

from graftline.meta import pool

R_TIMEOUT_S = 120
R_MEMORY_KB = 4 * 1024 * 1024
R_KS = (100, 1_000, 10_000)
PY_KS = (100, 1_000, 10_000, 100_000)

GLMM_KS = (100, 1_000)
GLMM_R_TIMEOUT_S = 900
GLMM_R_SCRIPT = """
suppressPackageStartupMessages(library(metafor))
d <- read.csv(commandArgs(TRUE)[1])
t <- system.time(res <- suppressWarnings(rma.glmm(measure = "PLO", xi = d$x, ni = d$n)))
cat(sprintf("%.6f %.6f %.17g %.17g %.17g\\n", t[["elapsed"]], t[["user.self"]] + t[["sys.self"]],
            res$beta[1], res$se, res$tau2))
"""

R_SCRIPT = """
suppressPackageStartupMessages(library(metafor))
d <- read.csv(commandArgs(TRUE)[1])
elapsed <- system.time(res <- rma(d$yi, d$vi, method = "REML"))[["elapsed"]]
cat(sprintf("%.6f %.17g %.17g\\n", elapsed, res$tau2, res$beta[1]))
"""


def simulate(k: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """k studies of log risk ratios: sampling variances 0.01-0.2, tau^2 = 0.05."""
    v = rng.uniform(0.01, 0.2, k)
    y = rng.normal(-0.3, np.sqrt(v + 0.05))
    return y, v


def time_graftline(y, v, repeats: int = 3) -> tuple[float, float, float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = pool(y, v, method="REML")
        times.append(time.perf_counter() - start)
    return statistics.median(times), result.tau2, result.estimate


def time_metafor(y, v, workdir: Path) -> tuple[str, float, float]:
    data = workdir / f"studies_{len(y)}.csv"
    np.savetxt(data, np.column_stack([y, v]), delimiter=",", header="yi,vi", comments="", fmt="%.17g")
    script = workdir / "rma.R"
    script.write_text(R_SCRIPT)
    command = f"ulimit -v {R_MEMORY_KB}; exec Rscript {script} {data}"
    try:
        done = subprocess.run(["bash", "-c", command], capture_output=True, text=True,
                              timeout=R_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return f"did not finish in {R_TIMEOUT_S} s", np.nan, np.nan
    if done.returncode != 0:
        reason = "memory limit 4 GB" if "allocate" in done.stderr else done.stderr.strip()[-80:]
        return f"did not finish ({reason})", np.nan, np.nan
    elapsed, tau2, beta = done.stdout.split()
    return f"{float(elapsed):.3f}", float(tau2), float(beta)


def simulate_proportions(k: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """k single-arm series: 10-60 patients, logit event rate N(-1.2, 0.6^2) (engraftment failure-like)."""
    n = rng.integers(10, 61, k)
    p = 1 / (1 + np.exp(-rng.normal(-1.2, 0.6, k)))
    return rng.binomial(n, p), n


def time_glmm(x, n, repeats: int = 3):
    from graftline.meta import pool_glmm

    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        result = pool_glmm(x, n, measure="PLO")
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def time_rma_glmm(x, n, workdir: Path):
    data = workdir / f"series_{len(x)}.csv"
    np.savetxt(data, np.column_stack([x, n]), delimiter=",", header="x,n", comments="", fmt="%d")
    script = workdir / "glmm.R"
    script.write_text(GLMM_R_SCRIPT)
    try:
        done = subprocess.run(["Rscript", str(script), str(data)], capture_output=True, text=True,
                              timeout=GLMM_R_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-400:])
    wall, cpu, beta, se, tau2 = (float(v) for v in done.stdout.split())
    return wall, cpu, beta, se, tau2


def glmm_section(rng: np.random.Generator, has_r: bool) -> str:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in GLMM_KS:
            x, n = simulate_proportions(k, rng)
            py_wall, py_cpu, res = time_glmm(x, n)
            r = time_rma_glmm(x, n, Path(tmp)) if has_r else None
            if r is None:
                r_cells, agree = ["did not finish" if has_r else "R not installed"] * 2, "-"
                speed = "-"
            else:
                r_wall, r_cpu, beta, se, tau2 = r
                r_cells = [f"{r_wall:.2f}", f"{r_cpu:.2f}"]
                worst = max(abs(res.estimate - beta) / abs(beta), abs(res.se - se) / se,
                            abs(res.tau2 - tau2) / tau2)
                agree = f"{worst:.1e}"
                speed = f"{r_wall / py_wall:.0f}x / {r_cpu / py_cpu:.0f}x"
            rows.append(f"| {k:,} | {py_wall:.3f} | {py_cpu:.3f} | {r_cells[0]} | {r_cells[1]} | {speed} | "
                        f"{agree} | {res.estimate:.6f} | {res.tau2:.6f} |")
            print(rows[-1], flush=True)
    header = [
        "| k | graftline pool_glmm wall (s) | CPU (s) | metafor rma.glmm wall (s) | CPU (s) | speed-up wall / CPU "
        "| max rel. diff (estimate, se, tau^2) | estimate (logit) | tau^2 |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    return "\n".join(header + rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="also write the markdown table here")
    parser.add_argument("--only", choices=("reml", "glmm"), help="run one of the two benchmarks")
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)
    if args.only == "glmm":
        table = glmm_section(np.random.default_rng(20261203), shutil.which("Rscript") is not None)
        load = os.getloadavg()
        table += f"\nLoad average at end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}\n"
        print(table)
        if args.out:
            args.out.write_text(table)
        return
    rng = np.random.default_rng(20261123)
    has_r = shutil.which("Rscript") is not None
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in PY_KS:
            y, v = simulate(k, rng)
            py_s, py_tau2, py_beta = time_graftline(y, v)
            if has_r and k in R_KS:
                r_s, r_tau2, _r_beta = time_metafor(y, v, Path(tmp))
            else:
                r_s, r_tau2, _r_beta = ("not run" if k not in R_KS else "R not installed"), np.nan, np.nan
            agree = (f"{abs(py_tau2 - r_tau2) / r_tau2:.1e}" if np.isfinite(r_tau2) else "-")
            rows.append(f"| {k:,} | {py_s:.4f} | {r_s} | {agree} | {py_tau2:.6f} | {py_beta:.6f} |")
            print(rows[-1], flush=True)
    header = [
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, numpy {np.__version__}; shared with other "
        "helpers' work running at the same time.",
        "",
        "| k | graftline pool REML (s) | metafor rma REML (s) | tau^2 rel. diff | tau^2 | estimate |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    table = "\n".join(header + rows) + "\n"
    if args.only is None:
        table += "\n" + glmm_section(np.random.default_rng(20261203), has_r)
    load = os.getloadavg()
    table += f"\nLoad average at end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}\n"
    print(table)
    if args.out:
        args.out.write_text(table)


if __name__ == "__main__":
    main()
