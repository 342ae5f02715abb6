"""Coverage of adjusted risk differences on cohorts with known confounding.

200 seeded replications of 500 patients (tests/adjusted/confounded.py): the
share of 95 % intervals of the risk difference at day 365 that contain the
true standardised difference, for G-computation and IPTW, and the bias of
the crude (Kaplan-Meier) difference. Run:

    .venv/bin/python benchmarks/adjusted_coverage.py

and copy the printed table into benchmarks/RESULTS.md.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "adjusted"))
from confounded import simulate, true_risks  # noqa: E402

from graftline.stats import adjusted_risks, kaplan_meier  # noqa: E402

DAY, N, REPLICATIONS = 365.0, 500, 200


def main() -> None:
    risk0, risk1 = true_risks(DAY)
    truth = risk1 - risk0
    rows = {m: {"covered": 0, "estimates": [], "se": []} for m in ("gcomp", "iptw", "aiptw")}
    crude = []
    started = time.process_time()
    for seed in range(REPLICATIONS):
        cohort = simulate(N, np.random.default_rng(50_000 + seed))
        for method, row in rows.items():
            fit = adjusted_risks(cohort.time, cohort.status, cohort.treated, cohort[["l", "b"]], times=[DAY],
                                 method=method, variance="known" if method == "aiptw" else "full")
            d = fit.difference().iloc[0]
            row["covered"] += int(d.lower <= truth <= d.upper)
            row["estimates"].append(d.estimate)
            row["se"].append(d.se)
        survival = kaplan_meier(cohort.time, cohort.status, cohort.treated).at([DAY]).set_index("group").survival
        crude.append((1 - survival[1]) - (1 - survival[0]))
    print(f"true risks at day {DAY:g}: untreated {risk0:.4f}, treated {risk1:.4f}, difference {truth:.4f}")
    print(f"{REPLICATIONS} replications of n = {N}; CPU {time.process_time() - started:.0f} s")
    print("| estimator | mean difference | bias | empirical SD | mean SE | 95 % CI coverage |")
    print("|---|---|---|---|---|---|")
    crude = np.asarray(crude)
    print(f"| crude (Kaplan-Meier) | {crude.mean():.4f} | {crude.mean() - truth:+.4f} | "
          f"{crude.std(ddof=1):.4f} | - | - |")
    for method, row in rows.items():
        est = np.asarray(row["estimates"])
        print(f"| {method} | {est.mean():.4f} | {est.mean() - truth:+.4f} | {est.std(ddof=1):.4f} | "
              f"{np.mean(row['se']):.4f} | {100 * row['covered'] / REPLICATIONS:.1f} % |")


if __name__ == "__main__":
    main()
