"""REML random-effects pooling: graftline.meta.pool versus metafor::rma, side by side.

Run:  .venv/bin/python benchmarks/meta.py [--out results.md]

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="also write the markdown table here")
    args = parser.parse_args()
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
    print(table)
    if args.out:
        args.out.write_text(table)


if __name__ == "__main__":
    main()
