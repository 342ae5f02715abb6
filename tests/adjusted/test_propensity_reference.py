"""Propensity scores, weights, balance and matching against R
(tests/reference/adjusted_propensity.R: glm 4.2, MatchIt 4.5.1)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from tolerances import TOLERANCE

from graftline.stats import balance_table, match_nearest, propensity_scores

ITERATIVE = TOLERANCE["iterative"]
CASES = ["ebmt3", "bmt", "synthetic"]
WEIGHTINGS = {
    "ate": {"estimand": "ATE"},
    "att": {"estimand": "ATT"},
    "ato": {"estimand": "ATO"},
    "ate_stabilized": {"estimand": "ATE", "stabilize": True},
    "att_stabilized": {"estimand": "ATT", "stabilize": True},
    "ato_stabilized": {"estimand": "ATO", "stabilize": True},
    "ate_trim05": {"estimand": "ATE", "trim": 0.05},
    "ate_truncate95": {"estimand": "ATE", "truncate": 0.95},
}


@pytest.fixture(scope="module")
def matchit_fixture(fixtures):
    return pd.read_csv(fixtures / "adjusted_match.csv", low_memory=False)


@pytest.fixture(scope="module")
def models(cases):
    return {key: propensity_scores(*cases[key]) for key in CASES}


@pytest.mark.parametrize("key", CASES)
def test_coefficients_equal_glm(fixtures, models, key):
    # R: summary(glm(f, family = binomial, control = glm.control(epsilon = 1e-14)))
    r = pd.read_csv(fixtures / "adjusted_ps_coef.csv")
    r = r[r.case == key]
    frame = models[key].to_frame()
    assert list(frame.term) == list(r.term)
    np.testing.assert_allclose(frame.coef, r.coef, **ITERATIVE)
    np.testing.assert_allclose(frame.se, r.se, **ITERATIVE)
    np.testing.assert_allclose(models[key].deviance, r.deviance.iloc[0], **ITERATIVE)
    assert models[key].converged


@pytest.mark.parametrize("key", CASES)
def test_scores_and_weights_equal_r(fixtures, models, key):
    # R: fitted(fit), predict(fit, type = "link") and the weight formulas of the script
    r = pd.read_csv(fixtures / "adjusted_ps.csv")
    r = r[r.case == key]
    model = models[key]
    np.testing.assert_array_equal(model.treated, r.treated == 1)
    np.testing.assert_allclose(model.score, r.ps, **ITERATIVE)
    np.testing.assert_allclose(model.logit, r.logit, **ITERATIVE)
    for column, options in WEIGHTINGS.items():
        np.testing.assert_allclose(model.weights(**options), r[column], err_msg=column, **ITERATIVE)


@pytest.mark.parametrize("key", CASES)
@pytest.mark.parametrize("denominator", ["pooled", "treated"])
def test_balance_equals_matchit(fixtures, cases, models, key, denominator):
    # R: MatchIt:::bal1var(x, treat, ww, s.d.denom) per model-matrix column, MatchIt:::ESS
    r = pd.read_csv(fixtures / "adjusted_balance.csv")
    r = r[(r.case == key) & (r.denominator == denominator)]
    treatment, covariates = cases[key]
    weightings = {"none": None} | {name: models[key].weights(**o) for name, o in WEIGHTINGS.items()}
    weightings["matched_caliper"] = match_nearest(treatment, covariates, caliper=0.2).weights
    for name, weights in weightings.items():
        expected = r[r.weights == name]
        table = balance_table(treatment, covariates, weights, sd_denominator=denominator)
        frame = table.to_frame()
        assert list(frame.term) == list(expected.term), name
        for column in ["mean_treated", "mean_control", "smd", "variance_ratio"]:
            np.testing.assert_allclose(frame[column], expected[column], err_msg=f"{name} {column}", **ITERATIVE)
        np.testing.assert_allclose([table.ess_treated, table.ess_control],
                                   [expected.ess_treated.iloc[0], expected.ess_control.iloc[0]], **ITERATIVE)


SPECS = {"caliper=none,ratio=1": (None, 1), "caliper=0.2,ratio=1": (0.2, 1),
         "caliper=0.05,ratio=1": (0.05, 1), "caliper=0.2,ratio=2": (0.2, 2)}


@pytest.mark.parametrize("key", CASES)
@pytest.mark.parametrize("spec", list(SPECS))
def test_matching_equals_matchit(matchit_fixture, cases, key, spec):
    # R: MatchIt 4.5.1 greedy nearest-neighbour matching on |logit_i - logit_j|,
    # treated from the largest score down, caliper in SDs of the logit (the
    # script says why it runs MatchIt's distance-matrix path).
    r = matchit_fixture[(matchit_fixture.case == key) & (matchit_fixture.spec == spec)]
    caliper, ratio = SPECS[spec]
    result = match_nearest(*cases[key], caliper=caliper, ratio=ratio)
    logit = np.r_[result.model.logit, np.nan]  # index -1 (no match) reads NaN
    pairs = r[r.kind == "pair"]
    weights = r[r.kind == "weight"].sort_values("row").value.astype(float).to_numpy()
    for slot in range(ratio):
        expected = pairs[pairs.slot == slot].sort_values("row")
        np.testing.assert_array_equal(result.treated_rows, expected.row.astype(int))
        control = expected.control.fillna(-1).astype(int).to_numpy()
        if key == "ebmt3":
            # Tied scores (18 covariate patterns): which of several identical
            # controls is taken depends on the code path; the score of the
            # match, and so every covariate of it, does not.
            np.testing.assert_array_equal(logit[result.matches[:, slot]], logit[control], err_msg=f"slot {slot}")
        else:
            np.testing.assert_array_equal(result.matches[:, slot], control, err_msg=f"slot {slot}")
    if key == "ebmt3":
        pattern = cases[key][1].astype(str).agg("|".join, axis=1)
        np.testing.assert_allclose(pd.Series(result.weights).groupby(pattern).sum(),
                                   pd.Series(weights).groupby(pattern).sum(), **ITERATIVE)
    else:
        np.testing.assert_allclose(result.weights, weights, **ITERATIVE)
    # summary(m)$sum.matched: MatchIt standardises the ATT by the treated arm's SD.
    summary = r[(r.kind == "summary_smd")].set_index("term").value.astype(float)
    table = result.balance(cases[key][1], sd_denominator="treated").to_frame().set_index("term")
    assert set(table.index) <= set(summary.index)  # MatchIt also lists reference levels
    np.testing.assert_allclose(table.smd, summary[table.index], **ITERATIVE)
