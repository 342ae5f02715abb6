"""The one tolerance table for numeric comparisons, keyed by kind of quantity.

Every test that compares to a reference (an R fixture, a published table)
takes its tolerance from here. A loosened tolerance says why.
"""

TOLERANCE: dict[str, dict[str, float]] = {
    # Closed-form estimates, variances and test statistics versus R.
    "closed_form": {"rtol": 1e-8, "atol": 1e-12},
    # Results of iterative fits (Newton-Raphson, REML, Fine-Gray) versus R:
    # both sides stop at their own convergence criterion.
    "iterative": {"rtol": 1e-6, "atol": 1e-9},
    # Binomial-normal GLMMs versus lme4 (via metafor's rma.glmm) run to a tight
    # optimiser tolerance: both sides take standard errors from a
    # finite-difference Hessian (lme4's step 1e-4), good to ~1e-6.
    "glmm_tight": {"rtol": 1e-5, "atol": 1e-9},
    # ... and versus lme4's default optimisers, which stop ~1e-5 to 1e-4 short of
    # the maximum (the accuracy the issue asks of rma.glmm on dat.pritz1997).
    "glmm_default": {"rtol": 1e-4, "atol": 1e-8},
    # Quantities R takes from glm() fits of studies with a zero cell (the Wald
    # test of heterogeneity in rma.glmm): glm stops at a large finite
    # coefficient whose contribution is ~1e-7 instead of its limit, 0.
    "glm_zero_cells": {"rtol": 1e-8, "atol": 1e-6},
    # p-values are compared on the same scale as the statistic they come from.
    "p_value": {"rtol": 1e-8, "atol": 1e-14},
}
