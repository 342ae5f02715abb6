"""cox_ph against R coxph (tests/reference/survival_cox.R), a direct
likelihood evaluation, invariances and bad input."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from tolerances import TOLERANCE

from graftline.errors import InputError
from graftline.stats import ConvergenceWarning, cox_ph

ITERATIVE = TOLERANCE["iterative"]


def _ebmt3(fixtures):
    frame = pd.read_csv(fixtures / "survival_ebmt3.csv")
    levels = {"dissub": ["ALL", "AML", "CML"], "age": ["<=20", "20-40", ">40"],
              "drmatch": ["No gender mismatch", "Gender mismatch"], "tcd": ["No TCD", "TCD"]}
    for column, order in levels.items():
        frame[column] = pd.Categorical(frame[column], categories=order)
    return frame


def _model(key, fixtures, bmt):
    """(time, event, covariates, strata) for each R fit, mirroring survival_cox.R."""
    bmt = bmt.assign(group=bmt["group"].astype(str))
    ties = pd.read_csv(fixtures / "survival_cox_cases.csv")
    ebmt3 = _ebmt3(fixtures)
    if key.startswith("bmt_dfs"):
        return bmt.t2, bmt.d3, bmt[["group", "z1", "z2", "z3"]], None
    if key.startswith("bmt_platelet_strata"):
        return bmt.tp, bmt.dp, bmt[["group", "z7", "z8"]], bmt.z10
    if key.startswith("ebmt3_rfs"):
        return ebmt3.rfstime, ebmt3.rfsstat, ebmt3[["dissub", "age", "drmatch", "tcd"]], None
    strata = ties.stratum if key.startswith("ties_strata") else None
    return ties.time, ties.event, ties[["age", "cd34", "arm"]], strata


KEYS = [f"{name}_{ties}" for ties in ("efron", "breslow")
        for name in ("bmt_dfs", "bmt_platelet_strata", "ebmt3_rfs", "ties", "ties_strata")]


@pytest.mark.parametrize("key", KEYS)
def test_equals_r_coxph(survival_fixtures, bmt, key):
    # R: summary(coxph(formula, data, ties = ties)); formulas in survival_cox.R
    r = pd.read_csv(survival_fixtures / "survival_cox.csv")
    r = r[r.key == key].reset_index(drop=True)
    time, event, covariates, strata = _model(key, survival_fixtures, bmt)
    fit = cox_ph(time, event, covariates, ties=r.ties[0], strata=strata)
    frame = fit.to_frame()
    assert list(frame.term) == list(r.term)
    for column in ["coef", "se", "hr", "lower", "upper", "p_value"]:
        np.testing.assert_allclose(frame[column], r[column], err_msg=column, **ITERATIVE)
    np.testing.assert_allclose(fit.loglik, [r.loglik_initial[0], r.loglik_final[0]], **ITERATIVE)
    assert fit.converged and fit.iterations == r.iterations[0]
    assert fit.n_events == r.n_events[0]
    for test, column in [(fit.likelihood_ratio, "lr"), (fit.wald, "wald"), (fit.score, "score")]:
        np.testing.assert_allclose(test.statistic, r[column][0], err_msg=column, **ITERATIVE)
        np.testing.assert_allclose(test.p_value, r[f"{column}_p"][0], err_msg=column, **ITERATIVE)
        assert test.df == len(r)


def test_non_convergence_is_reported_and_equals_r_iterate(survival_fixtures, bmt):
    # R: coxph(..., control = coxph.control(iter.max = 1)) warns and returns the first step.
    r = pd.read_csv(survival_fixtures / "survival_cox.csv")
    r = r[r.key == "ebmt3_rfs_iter1"].reset_index(drop=True)
    time, event, covariates, _ = _model("ebmt3_rfs", survival_fixtures, bmt)
    with pytest.warns(ConvergenceWarning, match="did not converge in 1 iterations"):
        fit = cox_ph(time, event, covariates, max_iter=1)
    assert not fit.converged and fit.iterations == 1
    np.testing.assert_allclose(fit.coef, r.coef, **ITERATIVE)
    np.testing.assert_allclose(fit.se, r.se, **ITERATIVE)
    np.testing.assert_allclose(fit.loglik[1], r.loglik_final[0], **ITERATIVE)


def _efron_loglik(beta, time, event, x):
    """Efron partial log-likelihood by a loop over event times (a second implementation)."""
    eta = x @ beta
    total = 0.0
    for t in np.unique(time[event == 1]):
        tied = (time == t) & (event == 1)
        d = tied.sum()
        s0 = np.exp(eta[time >= t]).sum()
        d0 = np.exp(eta[tied]).sum()
        total += eta[tied].sum() - sum(np.log(s0 - k / d * d0) for k in range(d))
    return total


@pytest.mark.parametrize("seed", [6, 7])
def test_maximises_a_directly_evaluated_efron_likelihood(seed):
    rng = np.random.default_rng(seed)
    n = 300
    x = np.column_stack([rng.normal(size=n), rng.integers(0, 2, n)])
    time = np.ceil(rng.exponential(10 * np.exp(-0.5 * x[:, 0]), n))  # integer days: ties
    event = (rng.random(n) < 0.8).astype(int)
    fit = cox_ph(time, event, x)
    np.testing.assert_allclose(fit.loglik[1], _efron_loglik(fit.coef, time, event, x), rtol=1e-12)
    np.testing.assert_allclose(fit.loglik[0], _efron_loglik(np.zeros(2), time, event, x), rtol=1e-12)
    # At the maximum the numerical gradient of the direct likelihood vanishes.
    h = 1e-5
    for j in range(2):
        step = np.zeros(2)
        step[j] = h
        slope = (_efron_loglik(fit.coef + step, time, event, x)
                 - _efron_loglik(fit.coef - step, time, event, x)) / (2 * h)
        assert abs(slope) < 1e-4


def test_invariant_to_shift_and_order_and_deterministic():
    rng = np.random.default_rng(8)
    n = 500
    x = rng.normal(size=(n, 3))
    time = np.round(rng.exponential(5, n), 1)
    event = (rng.random(n) < 0.7).astype(int)
    fit = cox_ph(time, event, x)
    shifted = cox_ph(time, event, x + 100.0)  # the baseline hazard absorbs a shift
    np.testing.assert_allclose(shifted.coef, fit.coef, rtol=1e-10)
    order = rng.permutation(n)
    permuted = cox_ph(time[order], event[order], x[order])
    np.testing.assert_allclose(permuted.coef, fit.coef, rtol=1e-10)
    again = cox_ph(time, event, x)
    assert again.to_frame().to_csv().encode() == fit.to_frame().to_csv().encode()


def test_monotone_likelihood_warns_about_infinite_coefficient():
    # Every event is in arm "mst": the hazard ratio for mst is infinite.
    time = [1, 2, 3, 4, 5, 6, 7, 8]
    event = [1, 1, 1, 0, 0, 0, 0, 0]
    covariates = pd.DataFrame({"arm": ["mst", "mst", "mst", "mst", "chemo", "chemo", "chemo", "chemo"]})
    with pytest.warns(ConvergenceWarning, match=r"\['armmst'\].*may be infinite"):
        cox_ph(time, event, covariates)


def test_bad_input():
    frame = pd.DataFrame({"age": [30.0, 41, 52, 60], "age_years": [30.0, 41, 52, 60]})
    with pytest.raises(InputError, match=r"'age_years' is a linear combination of \['age'\]"):
        cox_ph([1, 2, 3, 4], [1, 1, 0, 1], frame)
    with pytest.raises(InputError, match="no events"):
        cox_ph([1, 2, 3], [0, 0, 0], np.array([1.0, 2.0, 3.0]))
    with pytest.raises(InputError, match="max_iter must be a whole number >= 1"):
        cox_ph([1, 2, 3], [1, 0, 1], np.array([1.0, 2.0, 3.0]), max_iter=0)
    with pytest.raises(InputError, match="ties .exact. must be"):
        cox_ph([1, 2, 3], [1, 0, 1], np.array([1.0, 2.0, 3.0]), ties="exact")
    with pytest.raises(InputError, match=r"within strata: .*\['center_size'\]"):
        cox_ph([1, 2, 3, 4, 5, 6], [1, 1, 1, 1, 0, 1],
               pd.DataFrame({"age": [1.0, 5, 2, 7, 3, 4], "center_size": [10.0, 10, 10, 20, 20, 20]}),
               strata=["a", "a", "a", "b", "b", "b"])
    with pytest.raises(InputError, match=r"time\[2\] is missing"):
        cox_ph([1, 2, float("nan")], [1, 0, 1], np.array([1.0, 2.0, 3.0]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a well-posed fit raises no warning
        cox_ph([1, 2, 3, 4, 5], [1, 0, 1, 1, 0], np.array([0.5, 2.0, 1.0, 3.0, 0.1]))


def test_score_test_of_one_indicator_equals_logrank_without_ties():
    # Identity: with no tied times the Cox score test for a group indicator is
    # the log-rank statistic (Breslow and Efron coincide without ties).
    from graftline.stats import logrank_test

    rng = np.random.default_rng(9)
    n = 250
    arm = rng.integers(0, 2, n)
    time = rng.exponential(np.where(arm == 1, 8.0, 5.0))
    event = (rng.random(n) < 0.75).astype(int)
    logrank = logrank_test(time, event, arm).statistic
    for ties in ("efron", "breslow"):
        fit = cox_ph(time, event, arm.astype(float), ties=ties)
        np.testing.assert_allclose(fit.score.statistic, logrank, rtol=1e-10)
