"""adjusted_risks against riskRegression::ate (tests/reference/adjusted_curves.R)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from tolerances import TOLERANCE

from graftline.stats.adjusted.risks import adjusted_risks

ITERATIVE = TOLERANCE["iterative"]


def _case(key, fixtures):
    if key == "ebmt3_rfs":
        e = pd.read_csv(fixtures / "survival_ebmt3.csv")
        levels = {"dissub": ["ALL", "AML", "CML"], "age": ["<=20", "20-40", ">40"],
                  "drmatch": ["No gender mismatch", "Gender mismatch"]}
        for column, order in levels.items():
            e[column] = pd.Categorical(e[column], categories=order)
        untied = pd.read_csv(fixtures / "adjusted_ate_ebmt3_times.csv")  # adjusted_curves.R says why
        return (untied.rfstime, untied.rfsstat, e.tcd, e[["dissub", "age", "drmatch"]], [365.0, 730.0, 1825.0], None)
    bmt = pd.read_csv(fixtures / "survival_bmt.csv")
    status = np.where(bmt.d2 == 1, 1, np.where(bmt.d1 == 1, 2, 0))
    covariates = bmt[["group", "z1", "z7"]].assign(group=bmt.group.astype(str))
    untied = pd.read_csv(fixtures / "adjusted_ate_bmt_times.csv")
    assert (untied.status == status).all()
    return untied.t2, status, bmt.z10, covariates, [180.0, 365.0, 730.0], 1


CASES = [(key, method, variance) for key in ("ebmt3_rfs", "bmt_relapse")
         for method, variance in (("gcomp", "full"), ("iptw", "full"), ("iptw", "known"), ("aiptw", "known"),
                                                 ("aiptw", "full"))]
ESTIMATOR = {"gcomp": "GFORMULA", "iptw": "IPTW", "aiptw": "AIPTW"}


@pytest.mark.parametrize(("key", "method", "variance"), CASES)
def test_equals_riskregression_ate(fixtures, key, method, variance):
    # R: ate(outcome, treatment = glm, censor = coxph, estimator, known.nuisance), adjusted_curves.R
    r = pd.read_csv(fixtures / "adjusted_ate.csv")
    r = r[(r.case == key) & (r.estimator == ESTIMATOR[method]) & (r.variance == variance)]
    time, status, treatment, covariates, times, cause = _case(key, fixtures)
    result = adjusted_risks(time, status, treatment, covariates, times=times, method=method,
                            variance=variance, cause=cause)
    frame = result.to_frame()
    for label in result.labels:
        expected = r[r.quantity == f"risk_{label}"]
        got = frame[frame.arm == label]
        np.testing.assert_allclose(got.risk, expected.estimate, err_msg=f"risk {label}", **ITERATIVE)
        np.testing.assert_allclose(got.se, expected.se, err_msg=f"se {label}", **ITERATIVE)
    for name, frame in (("difference", result.difference()), ("ratio", result.ratio())):
        expected = r[r.quantity == name]
        for column in ("estimate", "se", "lower", "upper", "p_value"):
            np.testing.assert_allclose(frame[column], expected[column], err_msg=f"{name} {column}", **ITERATIVE)


@pytest.mark.parametrize("estimand", ["ATE", "ATT", "ATO"])
@pytest.mark.parametrize("key", ["bmt_relapse"])
def test_iptw_estimands_equal_the_r_jackknife(fixtures, key, estimand):
    # R: the published IPTW formula with glm and coxph, SEs as the derivative of the
    # refitted estimator in each case weight (tests/reference/adjusted_estimands.R,
    # which first checks that this reproduces ate's ATE standard errors: to 2e-12 on
    # bmt; on ebmt3 only to 1.5e-5, not yet explained, so ebmt3 is not a reference here).
    r = pd.read_csv(fixtures / "adjusted_estimands.csv")
    r = r[(r.case == key) & (r.estimand == estimand)]
    time, status, treatment, covariates, _, cause = _case(key, fixtures)
    times = sorted(r.time.unique())
    result = adjusted_risks(time, status, treatment, covariates, times=times, method="iptw",
                            cause=cause, estimand=estimand)
    assert result.estimand == estimand
    frame = result.to_frame()
    for index, label in enumerate(result.labels):
        expected = r[r.quantity == f"risk_{index}"]
        got = frame[frame.arm == label]
        np.testing.assert_allclose(got.risk, expected.estimate, err_msg=f"risk {label}", **ITERATIVE)
        np.testing.assert_allclose(got.se, expected.se, err_msg=f"se {label}", **ITERATIVE)
    expected = r[r.quantity == "difference"]
    difference = result.difference()
    np.testing.assert_allclose(difference.estimate, expected.estimate, **ITERATIVE)
    np.testing.assert_allclose(difference.se, expected.se, **ITERATIVE)


@pytest.mark.parametrize("key", ["ebmt3_rfs", "bmt_relapse"])
def test_aiptw_full_influence_equals_ate_patient_by_patient(fixtures, key):
    # R: ate(..., estimator = "AIPTW", known.nuisance = FALSE)$iid$AIPTW, the sum-form
    # influence function of each patient (adjusted_curves.R). Equal SEs could hide
    # terms that cancel in the sum of squares; equal influence functions cannot.
    r = pd.read_csv(fixtures / "adjusted_ate_aiptw_iid.csv")
    r = r[r.case == key].sort_values("patient")
    time, status, treatment, covariates, times, cause = _case(key, fixtures)
    result = adjusted_risks(time, status, treatment, covariates, times=times, method="aiptw",
                            variance="full", cause=cause)
    for arm in (0, 1):
        expected = r[[f"arm{arm}_time{k}" for k in (1, 2, 3)]].to_numpy()
        got = result.influence[:, arm, :]
        # Relative to the column's scale: single patients' values pass through zero.
        scale = np.sqrt(np.sum(expected**2, axis=0))
        np.testing.assert_allclose(got / scale, expected / scale, rtol=0, atol=ITERATIVE["rtol"],
                                   err_msg=f"arm {arm}")


def test_interval_limits_are_truncated_as_ate_truncates_them(fixtures):
    # R: ate(CSC, GFORMULA) on bmt at days 20-100 (tests/reference/adjusted_bounds.R): risk limits in
    # [0, 1] (day 40's lower limits are below 0 before truncation), differences in [-1, 1], ratios >= 0;
    # at day 20 nobody has relapsed: risks 0 with SE 0, and a 0/0 ratio that neither tool estimates.
    r = pd.read_csv(fixtures / "adjusted_bounds.csv")
    time, status, treatment, covariates, _, cause = _case("bmt_relapse", fixtures)
    result = adjusted_risks(time, status, treatment, covariates, times=[20.0, 40.0, 60.0, 100.0], cause=cause)
    frame = result.to_frame()
    for index, label in enumerate(result.labels):
        expected = r[r.quantity == f"risk_{index}"]
        got = frame[frame.arm == label]
        for ours, theirs in (("risk", "estimate"), ("se", "se"), ("lower", "lower"), ("upper", "upper")):
            np.testing.assert_allclose(got[ours], expected[theirs], err_msg=f"{label} {ours}", **ITERATIVE)
    truncated = frame[(frame.time == 40.0)]
    assert (truncated.lower == 0).all() and (truncated.risk - 1.96 * truncated.se < 0).all()
    for name, contrast in (("difference", result.difference()), ("ratio", result.ratio())):
        expected = r[r.quantity == name]
        for column in ("estimate", "se", "lower", "upper"):
            np.testing.assert_allclose(contrast[column], expected[column], err_msg=f"{name} {column}", **ITERATIVE)


def test_ratio_lower_limit_is_never_below_zero():
    # A risk ratio near 0 with a wide interval: the Wald lower limit would be negative.
    from graftline.stats.adjusted.risks import AdjustedRisks

    influence = np.zeros((4, 2, 1))
    influence[:, 1, 0] = [0.2, -0.2, 0.2, -0.2]      # treated risk's SE 0.4
    result = AdjustedRisks(times=np.array([100.0]), labels=("a", "b"), risk=np.array([[0.5], [0.1]]),
                           risk_se=np.array([[0.0], [0.4]]), influence=influence, method="gcomp",
                           variance="full", cause=None, n=4)
    ratio = result.ratio().iloc[0]
    # Delta method with the control risk known (its influence 0): ratio 0.1 / 0.5 = 0.2, SE 0.4 / 0.5 = 0.8;
    # Wald lower limit 0.2 - 1.96 x 0.8 < 0, truncated to 0 as ate's confint does (adjusted_bounds.R).
    assert ratio.estimate == pytest.approx(0.2) and ratio.se == pytest.approx(0.8)
    assert ratio.lower == 0.0 and ratio.upper == pytest.approx(0.2 + 1.959963984540054 * 0.8)
