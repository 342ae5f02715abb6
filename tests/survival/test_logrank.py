"""logrank_test against R survdiff (tests/reference/survival_km_logrank.R), a
naive loop, identities and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from tolerances import TOLERANCE

from graftline.errors import InputError
from graftline.stats import logrank_test

CLOSED = TOLERANCE["closed_form"]
P_VALUE = TOLERANCE["p_value"]


def _r_tests(survival_fixtures):
    frame = pd.read_csv(survival_fixtures / "survival_km_logrank.csv")
    return {key: rows.reset_index(drop=True) for key, rows in frame.groupby("key", sort=False)}


KEYS = ["bmt_dfs_rho0", "bmt_dfs_rho1", "bmt_dfs_rho0.5", "ties_rho0", "ties_rho1", "ties_rho0.5",
        "ties_strata_rho0", "ties_strata_rho1", "ties_strata_rho0.5", "bmt_platelet",
        "ebmt3_rfs_strata_age", "ebmt3_rfs", "noevent"]


@pytest.mark.parametrize("key", KEYS)
def test_equals_r_survdiff(survival_cases, survival_fixtures, key):
    # R: survdiff(Surv(time, event) ~ group [+ strata(stratum)], data = d, rho = rho)
    expected = _r_tests(survival_fixtures)[key]
    first = expected.iloc[0]
    case = survival_cases[first.case]
    result = logrank_test(case["time"], case["event"], case["group"],
                          strata=case["stratum"] if first.strata else None, rho=first.rho)
    assert [str(g) for g in result.groups] == list(expected.group.astype(str))
    assert result.df == first.df
    np.testing.assert_allclose(result.statistic, first.statistic, **CLOSED)
    np.testing.assert_allclose(result.p_value, first.p_value, **P_VALUE)
    np.testing.assert_allclose(result.observed, expected.observed, **CLOSED)
    np.testing.assert_allclose(result.expected, expected.expected, **CLOSED)


def _naive_logrank(time, event, group):
    """Two-group log-rank by a loop over event times (a second implementation)."""
    o_minus_e, var = 0.0, 0.0
    for t in np.unique(time[event == 1]):
        at_risk = time >= t
        n, n1 = at_risk.sum(), (at_risk & (group == 1)).sum()
        d = ((time == t) & (event == 1)).sum()
        d1 = ((time == t) & (event == 1) & (group == 1)).sum()
        o_minus_e += d1 - d * n1 / n
        if n > 1:
            var += d * (n1 / n) * (1 - n1 / n) * (n - d) / (n - 1)
    return o_minus_e**2 / var


@pytest.mark.parametrize("seed", [4, 5])
def test_equals_naive_two_group_loop(seed):
    rng = np.random.default_rng(seed)
    time = np.round(rng.exponential(5, 300))  # integer days: many ties
    event = (rng.random(300) < 0.6).astype(int)
    group = rng.integers(0, 2, 300)
    np.testing.assert_allclose(logrank_test(time, event, group).statistic,
                               _naive_logrank(time, event, group), **CLOSED)


def test_identities_sum_and_relabel_and_deterministic(survival_cases):
    case = survival_cases["ties"]
    result = logrank_test(case["time"], case["event"], case["group"])
    # Unweighted: total expected = total observed events, and V rows sum to 0.
    np.testing.assert_allclose(result.expected.sum(), case["event"].sum(), **CLOSED)
    np.testing.assert_allclose(result.variance.sum(axis=1), 0, atol=1e-10)
    # Renaming groups does not change the statistic.
    renamed = logrank_test(case["time"], case["event"], case["group"].map({"a": "z", "b": "y", "c": "x"}))
    np.testing.assert_allclose(renamed.statistic, result.statistic, **CLOSED)
    again = logrank_test(case["time"], case["event"], case["group"])
    assert again.statistic == result.statistic and again.to_frame().equals(result.to_frame())


def test_bad_input():
    with pytest.raises(InputError, match="single level"):
        logrank_test([1, 2, 3], [1, 0, 1], ["a", "a", "a"])
    with pytest.raises(InputError, match=r"time\[0\] is -1.0"):
        logrank_test([-1, 2, 3], [1, 0, 1], ["a", "b", "a"])
    with pytest.raises(InputError, match="strata has 2 values but time has 3"):
        logrank_test([1, 2, 3], [1, 0, 1], ["a", "b", "a"], strata=["s", "t"])
