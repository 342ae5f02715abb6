"""Benchmark: cumulative incidence + Gray's test, and Fine-Gray, against the peers.

Run:  .venv/bin/python benchmarks/stats_cmprsk.py [--sizes 10000 100000 1000000]

Synthetic data (numpy Generator, seed 2024): 2 causes plus censoring, times
exponential rounded to 2 decimals (ties), 3 groups, 5 covariates (3 normal,
2 binary). In the same run it times

- graftline ``cumulative_incidence`` + ``gray_test`` (both causes);
- comprisk ``CumulativeIncidence`` + ``gray_test`` (both causes);
- lifelines ``AalenJohansenFitter`` (per group and cause, with variance;
  jitters tied times, so its numbers differ run to run);
- scikit-survival ``cumulative_incidence_competing_risks`` (per group,
  log-log CI so that it computes variances; no Gray test);
- R ``cuminc`` (curves + Gray test) via Rscript on the same CSV, ``system.time``;
- graftline ``fine_gray`` (robust SE with the censoring term, as crr);
- comprisk ``FineGrayRegression`` with ``robust_se=True`` and with its default
  naive SE;
- R ``crr`` only up to n = 10,000 (its Fortran is O(n^2)).

At n = 10,000 it also reports agreement with R: the largest relative
difference of CIF estimates/variances against ``timepoints(cuminc)`` on a
grid, and of coefficients/SEs against ``crr``. pycmprsk is not run: it needs
Python 3.13 and graftline's environment is 3.11.

Times are the best of ``--repeat`` runs for Python (R: one run; it is slow).
Prints a Markdown table for benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from graftline.stats import cumulative_incidence, fine_gray

R_CRR_MAX_N = 10_000
LIFELINES_MAX_N = 100_000  # AalenJohansenFitter with variance takes minutes beyond this


def make_data(n: int, rng: np.random.Generator) -> pd.DataFrame:
    x = np.column_stack([
        rng.normal(size=n), rng.normal(size=n), rng.normal(size=n),
        rng.integers(0, 2, n), rng.integers(0, 2, n),
    ]).astype(float)
    hazard = np.exp(0.4 * x[:, 0] - 0.3 * x[:, 3])
    event_time = rng.exponential(1.0 / hazard)
    censor_time = rng.exponential(2.0, n)
    cause = np.where(rng.random(n) < 0.6, 1, 2)
    status = np.where(event_time <= censor_time, cause, 0)
    t = np.round(np.minimum(event_time, censor_time), 2)
    frame = pd.DataFrame({"time": t, "status": status, "group": rng.choice(["a", "b", "c"], n)})
    for j in range(5):
        frame[f"x{j + 1}"] = x[:, j]
    return frame


def best_of(repeat: int, fn, *args) -> tuple[float, object]:
    best, out = np.inf, None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn(*args)
        best = min(best, time.perf_counter() - start)
    return best, out


def graftline_cif(d: pd.DataFrame):
    res = cumulative_incidence(d.time.to_numpy(), d.status.to_numpy(), d.group.to_numpy())
    return res, res.gray_test()


def comprisk_cif(d: pd.DataFrame):
    import comprisk

    t, e, g = d.time.to_numpy(), d.status.to_numpy(), d.group.to_numpy()
    fit = comprisk.CumulativeIncidence().fit(time=t, event=e, group=g)
    tests = [comprisk.gray_test(t, e, g, cause=k) for k in (1, 2)]
    return fit, tests


def lifelines_cif(d: pd.DataFrame):
    from lifelines import AalenJohansenFitter

    fits = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tie-jitter warning
        for _, part in d.groupby("group"):
            for k in (1, 2):
                fits.append(AalenJohansenFitter(seed=1).fit(part.time, part.status, event_of_interest=k))
    return fits


def sksurv_cif(d: pd.DataFrame):
    from sksurv.nonparametric import cumulative_incidence_competing_risks

    return [cumulative_incidence_competing_risks(part.status.to_numpy(), part.time.to_numpy(), conf_type="log-log")
            for _, part in d.groupby("group")]


def graftline_fg(d: pd.DataFrame):
    return fine_gray(d.time.to_numpy(), d.status.to_numpy(), d[[f"x{j}" for j in range(1, 6)]].to_numpy())


def comprisk_fg(d: pd.DataFrame, robust: bool):
    import comprisk

    x = d[[f"x{j}" for j in range(1, 6)]].to_numpy()
    return comprisk.FineGrayRegression(robust_se=robust).fit(x, time=d.time.to_numpy(), event=d.status.to_numpy())


R_SCRIPT = r"""
suppressPackageStartupMessages(library(cmprsk))
args <- commandArgs(TRUE)
d <- read.csv(args[1]); grid <- as.numeric(strsplit(args[3], ",")[[1]])
ci_time <- system.time(fit <- cuminc(d$time, d$status, d$group))[["elapsed"]]
tp <- timepoints(fit, grid)
out <- list(cuminc = ci_time, est = c(t(tp$est)), var = c(t(tp$var)), rows = rownames(tp$est))
if (as.logical(args[4])) {
  x <- as.matrix(d[, paste0("x", 1:5)])
  crr_time <- system.time(fg <- crr(d$time, d$status, x))[["elapsed"]]
  out$crr <- crr_time; out$coef <- unname(fg$coef); out$se <- unname(sqrt(diag(fg$var)))
}
writeLines(jsonlite::toJSON(out, digits = I(15), auto_unbox = TRUE), args[2])
"""


def run_r(d: pd.DataFrame, grid: np.ndarray, with_crr: bool) -> dict | None:
    try:
        with tempfile.TemporaryDirectory() as tmp:
            data, out, script = Path(tmp, "d.csv"), Path(tmp, "out.json"), Path(tmp, "bench.R")
            d.to_csv(data, index=False)
            script.write_text(R_SCRIPT)
            subprocess.run(["Rscript", str(script), str(data), str(out), ",".join(repr(float(g)) for g in grid),
                            str(with_crr).upper()], check=True, capture_output=True, timeout=3600)
            return json.loads(out.read_text())
    except (OSError, subprocess.SubprocessError) as error:
        print(f"R skipped: {error}", file=sys.stderr)
        return None


def agreement(result, r: dict, grid: np.ndarray) -> tuple[float, float]:
    """Largest relative difference of estimates and variances against timepoints(cuminc)."""
    frame = result.at(grid)
    est, var = [], []
    for cause in (1, 2):  # cuminc's row order: cause, then group
        for group in ("a", "b", "c"):
            part = frame[(frame.group == group) & (frame.cause == cause)]
            est.append(part.estimate.to_numpy())
            var.append(part.variance.to_numpy())
    est, var = np.concatenate(est), np.concatenate(var)
    r_est = np.array([np.nan if v is None else v for v in r["est"]], dtype=float)
    r_var = np.array([np.nan if v is None else v for v in r["var"]], dtype=float)
    rel = lambda a, b: float(np.nanmax(np.abs(a - b) / np.maximum(np.abs(b), 1e-300)))  # noqa: E731
    return rel(est, r_est), rel(var, r_var)


def markdown(table: pd.DataFrame) -> str:
    cells = [[f"{v:,}" if k == "n" else ("-" if np.isnan(v) else f"{v:.3f}") for k, v in row.items()]
             for row in table.to_dict("records")]
    lines = ["| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]
    return "\n".join(lines + ["| " + " | ".join(c) + " |" for c in cells])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-r", action="store_true")
    args = parser.parse_args()
    rng = np.random.default_rng(2024)
    rows = []
    notes = []
    small = make_data(2_000, np.random.default_rng(0))  # warm-up: imports and JIT compilation
    for warm in (graftline_cif, comprisk_cif, lifelines_cif, sksurv_cif, graftline_fg):
        warm(small)
    comprisk_fg(small, True)
    comprisk_fg(small, False)
    for n in args.sizes:
        d = make_data(n, rng)
        repeat = args.repeat if n <= 100_000 else 1
        row = {"n": n}
        row["graftline cuminc+Gray"], (res, _) = best_of(repeat, graftline_cif, d)
        row["comprisk cuminc+Gray"], _ = best_of(repeat, comprisk_cif, d)
        row["lifelines AJ"] = best_of(1, lifelines_cif, d)[0] if n <= LIFELINES_MAX_N else np.nan
        row["sksurv CIF"], _ = best_of(repeat, sksurv_cif, d)
        row["graftline Fine-Gray"], fg = best_of(repeat, graftline_fg, d)
        row["comprisk FG robust"], cfg = best_of(repeat, comprisk_fg, d, True)
        row["comprisk FG naive"], _ = best_of(repeat, comprisk_fg, d, False)
        grid = np.quantile(d.time, [0.1, 0.25, 0.5, 0.75, 0.9])
        r = None if args.no_r else run_r(d, grid, n <= R_CRR_MAX_N)
        row["R cuminc+Gray"] = r["cuminc"] if r else np.nan
        row["R crr"] = r.get("crr", np.nan) if r else np.nan
        if r and "coef" in r:
            e_rel, v_rel = agreement(res, r, grid)
            c_rel = float(np.max(np.abs(fg.coef - r["coef"]) / np.abs(r["coef"])))
            s_rel = float(np.max(np.abs(fg.se - r["se"]) / np.abs(r["se"])))
            cs_rel = float(np.max(np.abs(np.asarray(cfg.se_) - r["se"]) / np.abs(r["se"])))
            notes.append(
                f"n = {n:,}: graftline vs R - CIF estimate max rel diff {e_rel:.1e}, variance {v_rel:.1e}; "
                f"Fine-Gray coef {c_rel:.1e}, robust SE {s_rel:.1e} (comprisk robust SE {cs_rel:.1e})"
            )
        rows.append(row)
        print(pd.DataFrame([row]).to_string(index=False), file=sys.stderr, flush=True)
    table = pd.DataFrame(rows)
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"Load average at the end (1, 5, 15 min; 2 cores shared with other work): {load}\n")
    print(f"Machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"numpy {np.__version__}; seconds, best of {args.repeat} (1 at n > 100,000; R one run)\n")
    print(markdown(table))
    print()
    for note in notes:
        print(f"- {note}")


if __name__ == "__main__":
    main()
