"""Coverage of adjusted risk differences on cohorts with known confounding.

Seeded replications of cohorts from tests/adjusted/confounded.py (default:
200 replications of 500 patients, seeds 50000-50199, the issue's series):
the share of 95 % intervals of the risk difference at day 365 that contain
the true standardised difference, for G-computation, IPTW and AIPTW, and
the bias of the crude (Kaplan-Meier) difference. Also printed: the
Monte-Carlo SE of each coverage, and the ratio of the mean SE to the
empirical SD of the estimates (1 when the SE is right). ``--estimand ATT``
or ``ATO`` standardises to the treated or the overlap population (gcomp and
iptw; the truth then weights the covariates by the true propensity). Run:

    .venv/bin/python benchmarks/adjusted_coverage.py [--replications 200] [--first-seed 50000] [--n 500]
        [--estimand ATE]

and copy the printed table into benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "adjusted"))
from confounded import simulate, true_risks  # noqa: E402

from graftline.stats import adjusted_risks, kaplan_meier  # noqa: E402

DAY = 365.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=200)
    parser.add_argument("--first-seed", type=int, default=50_000)
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--methods", default="gcomp,iptw,aiptw")
    parser.add_argument("--estimand", default="ATE")
    options = parser.parse_args()
    replications = options.replications
    risk0, risk1 = true_risks(DAY, options.estimand)
    truth = risk1 - risk0
    rows = {m: {"covered": 0, "estimates": [], "se": []} for m in options.methods.split(",")}
    crude = []
    started = time.process_time()
    for seed in range(replications):
        cohort = simulate(options.n, np.random.default_rng(options.first_seed + seed))
        for method, row in rows.items():
            fit = adjusted_risks(cohort.time, cohort.status, cohort.treated, cohort[["l", "b"]], times=[DAY],
                                 method=method, variance="known" if method == "aiptw" else "full",
                                 estimand=options.estimand)
            d = fit.difference().iloc[0]
            row["covered"] += int(d.lower <= truth <= d.upper)
            row["estimates"].append(d.estimate)
            row["se"].append(d.se)
        survival = kaplan_meier(cohort.time, cohort.status, cohort.treated).at([DAY]).set_index("group").survival
        crude.append((1 - survival[1]) - (1 - survival[0]))
    print(f"estimand {options.estimand}; true risks at day {DAY:g}: untreated {risk0:.4f}, treated {risk1:.4f}, difference {truth:.4f}")
    print(f"{replications} replications of n = {options.n}, seeds {options.first_seed}-"
          f"{options.first_seed + replications - 1}; CPU {time.process_time() - started:.0f} s")
    print("| estimator | mean difference | bias (MC SE) | empirical SD | mean SE | SE / SD | "
          "95 % CI coverage (MC SE) |")
    print("|---|---|---|---|---|---|---|")
    crude = np.asarray(crude)
    print(f"| crude (Kaplan-Meier) | {crude.mean():.4f} | {crude.mean() - truth:+.4f} "
          f"({crude.std(ddof=1) / np.sqrt(replications):.4f}) | {crude.std(ddof=1):.4f} | - | - | - |")
    for method, row in rows.items():
        est, se = np.asarray(row["estimates"]), np.asarray(row["se"])
        sd = est.std(ddof=1)
        coverage = row["covered"] / replications
        label = "aiptw (known-nuisance SE)" if method == "aiptw" else method
        print(f"| {label} | {est.mean():.4f} | {est.mean() - truth:+.4f} ({sd / np.sqrt(replications):.4f}) | "
              f"{sd:.4f} | {se.mean():.4f} | {se.mean() / sd:.3f} | {100 * coverage:.1f} % "
              f"({100 * np.sqrt(coverage * (1 - coverage) / replications):.1f}) |")


if __name__ == "__main__":
    main()
