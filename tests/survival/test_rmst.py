"""rmst against R summary(survfit(...), rmean = tau) and the survRM2 contrasts
by their published formulas (tests/reference/survival_rmst.R); restricted
mean time lost per cause against R's multi-state rmean; identities."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from tolerances import TOLERANCE

from graftline.errors import InputError
from graftline.stats import kaplan_meier, restricted_mean_time_lost, rmst

CLOSED = TOLERANCE["closed_form"]


@pytest.fixture(scope="module")
def cases(survival_fixtures, bmt):
    ebmt3 = pd.read_csv(survival_fixtures / "survival_ebmt3.csv")
    dissub = pd.Categorical(ebmt3.dissub, categories=["ALL", "AML", "CML"])
    return {
        "bmt_dfs_group_1000": (bmt.t2, bmt.d3, 1000, bmt.group),
        "bmt_dfs_group_365": (bmt.t2, bmt.d3, 365, bmt.group),
        "bmt_dfs_all_1500": (bmt.t2, bmt.d3, 1500, None),
        "ebmt3_rfs_dissub_730": (ebmt3.rfstime, ebmt3.rfsstat, 730, dissub),
        "bmt_dfs_group_2500": (bmt.t2, bmt.d3, 2500, bmt.group),
    }


@pytest.mark.parametrize("case", ["bmt_dfs_group_1000", "bmt_dfs_group_365", "bmt_dfs_all_1500",
                                  "ebmt3_rfs_dissub_730", "bmt_dfs_group_2500"])
def test_rmst_equals_r(survival_fixtures, cases, case):
    # R: summary(survfit(Surv(time, event) ~ group), rmean = tau)$table[, c("rmean", "se(rmean)")]
    r = pd.read_csv(survival_fixtures / "survival_rmst.csv")
    r = r[r.case == case]
    time, event, tau, group = cases[case]
    result = rmst(time, event, tau, group)
    frame = result.to_frame()
    ref = r[r.measure == "rmst"]
    assert [str(g) for g in frame.group] == [str(g) for g in ref.group]
    np.testing.assert_allclose(frame.rmst, ref.estimate, **CLOSED)
    np.testing.assert_allclose(frame.se, ref.se, **CLOSED)
    contrasts = r[r.measure != "rmst"]
    if len(contrasts) and case != "bmt_dfs_group_2500":
        # Uno et al. 2014 (survRM2's rmst2): difference, RMST ratio, RMTL ratio vs the first group.
        ours = result.contrasts()
        np.testing.assert_array_equal(ours.measure, contrasts.measure)
        for column, theirs in [("estimate", "estimate"), ("lower", "lower"), ("upper", "upper"),
                               ("p_value", "p")]:
            np.testing.assert_allclose(ours[column], contrasts[theirs], **CLOSED, err_msg=column)


def test_contrasts_refuse_tau_beyond_follow_up(cases):
    # survRM2 requires tau <= the shortest group's last follow-up: so do we.
    time, event, tau, group = cases["bmt_dfs_group_2500"]
    with pytest.raises(InputError, match=r"tau = 2500 is beyond the last follow-up of group\(s\)"):
        rmst(time, event, tau, group).contrasts()


def test_rmst_is_the_area_under_kaplan_meier():
    # Identity: the integral of the KM step function (a second computation), and
    # without censoring before tau it is the mean of min(T, tau).
    rng = np.random.default_rng(3)
    time = np.ceil(rng.exponential(300, 400))
    event = (rng.random(400) < 0.7).astype(int)
    km = kaplan_meier(time, event).to_frame()
    steps = km[km.time <= 500]
    grid = np.r_[0.0, steps.time, 500.0]
    area = np.sum(np.diff(grid) * np.r_[1.0, steps.survival])
    assert rmst(time, event, 500).estimate[0] == pytest.approx(area, rel=1e-12)
    uncensored = rmst(time, np.ones(400), 500).estimate[0]
    assert uncensored == pytest.approx(np.minimum(time, 500).mean(), rel=1e-12)


def test_time_lost_per_cause_equals_r_and_adds_up(survival_fixtures, bmt):
    # R: summary(survfit(Surv(time, factor(status)) ~ group), rmean = tau)$table[, "rmean"]
    # per cause state; Andersen (2013): the causes add up to tau - RMST.
    r = pd.read_csv(survival_fixtures / "survival_rmtl.csv")
    status = np.where(bmt.d2 == 1, 1, np.where(bmt.d1 == 1, 2, 0))
    overall = restricted_mean_time_lost(bmt.t2, status, 1000).to_frame()
    ref = r[r.case == "bmt_all_1000"].set_index("row").rmean
    np.testing.assert_allclose(overall.time_lost, [ref["cause1"], ref["cause2"]], **CLOSED)
    # se(rmean) of each cause's state: R's infinitesimal jackknife of the integral.
    se = r[r.case == "bmt_all_1000"].set_index("row").se
    np.testing.assert_allclose(overall.se, [se["cause1"], se["cause2"]], **CLOSED)
    by_group = restricted_mean_time_lost(bmt.t2, status, 730, bmt.group).to_frame()
    ref = r[r.case == "bmt_group_730"].set_index("row").rmean
    expected = [ref[f"group={g}, cause{c}"] for g, c in zip(by_group.group, by_group.cause, strict=True)]
    np.testing.assert_allclose(by_group.time_lost, expected, **CLOSED)
    se = r[r.case == "bmt_group_730"].set_index("row").se
    expected_se = [se[f"group={g}, cause{c}"] for g, c in zip(by_group.group, by_group.cause, strict=True)]
    np.testing.assert_allclose(by_group.se, expected_se, **CLOSED)
    survival = rmst(bmt.t2, bmt.d3, 730, bmt.group)  # d3: relapse or death = either cause
    total = by_group.groupby("group", sort=False).time_lost.sum().to_numpy()
    np.testing.assert_allclose(total, 730 - survival.estimate, rtol=1e-12)


def test_bad_input():
    with pytest.raises(InputError, match="tau = -1; expected a time > 0"):
        rmst([1, 2], [1, 0], -1)
    with pytest.raises(InputError, match="contrasts need two or more groups"):
        rmst([1, 2], [1, 0], 2).contrasts()
