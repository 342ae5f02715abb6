"""IPTW and G-computation on cohorts with known confounding (tests/adjusted/confounded.py):
the crude risk difference is biased, the adjusted ones cover the truth.

Bounded to 20 seeded replications of 500 patients so the suite stays fast;
benchmarks/adjusted_coverage.py runs the 200 replications the issue asks
for and records the coverage in benchmarks/RESULTS.md. With fixed seeds
the outcome is deterministic.
"""

from __future__ import annotations

import numpy as np
from confounded import simulate, true_risks

from graftline.stats import adjusted_risks, kaplan_meier

DAY = 365.0


def test_adjusted_differences_cover_the_truth_and_crude_is_biased():
    risk0, risk1 = true_risks(DAY)
    truth = risk1 - risk0
    covered = {"gcomp": 0, "iptw": 0}
    crude = []
    replications = 20
    for seed in range(replications):
        cohort = simulate(500, np.random.default_rng(1000 + seed))
        covariates = cohort[["l", "b"]]
        for method in covered:
            fit = adjusted_risks(cohort.time, cohort.status, cohort.treated, covariates, times=[DAY],
                                 method=method)
            d = fit.difference().iloc[0]
            covered[method] += int(d.lower <= truth <= d.upper)
        km = kaplan_meier(cohort.time, cohort.status, cohort.treated).at([DAY])
        survival = km.set_index("group").survival
        crude.append((1 - survival[1]) - (1 - survival[0]))
    # 95 % intervals: at least 17 of 20 (P(X <= 16 | p = 0.95) = 1.6 %).
    assert covered["gcomp"] >= 17 and covered["iptw"] >= 17, covered
    # The crude difference is pulled towards 0 by confounding by indication:
    # its mean error exceeds 4 Monte-Carlo standard errors.
    crude = np.asarray(crude)
    assert (crude.mean() - truth) > 4 * crude.std(ddof=1) / np.sqrt(replications)
