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
    # Cox fits replicate coxph's Newton steps one for one (same start, same
    # halving, same stopping rule), so they agree far below the convergence
    # criterion: coefficients, model-based SEs, residuals, test statistics.
    "same_iterations": {"rtol": 1e-8, "atol": 1e-12},
    # Robust (sandwich) variances: sums of squared influence terms, each a
    # difference of running sums; the issue asks for 1e-6 (R's own
    # agreement between its C paths is of that order for clustered fits).
    "robust_variance": {"rtol": 1e-6, "atol": 1e-12},
    # p-values are compared on the same scale as the statistic they come from.
    "p_value": {"rtol": 1e-8, "atol": 1e-14},
}
