"""cox_ph on counting-process data against R coxph (tests/reference/survival_cox_counting.R):
time-dependent covariates, delayed entry, case weights, clusters and the
robust variance, residuals; and the identities that must hold without R."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from tolerances import TOLERANCE

from graftline.errors import InputError
from graftline.stats import cox_ph

ITERATIVE = TOLERANCE["same_iterations"]
ROBUST = TOLERANCE["robust_variance"]

EBMT4_LEVELS = {"year": ["1985-1989", "1990-1994", "1995-1998"], "agecl": ["<=20", "20-40", ">40"],
                "proph": ["no", "yes"], "match": ["no gender mismatch", "gender mismatch"]}
EBMT3_LEVELS = {"dissub": ["ALL", "AML", "CML"], "age": ["<=20", "20-40", ">40"],
                "drmatch": ["No gender mismatch", "Gender mismatch"], "tcd": ["No TCD", "TCD"]}


def _categorical(frame, levels):
    frame = frame.copy()
    for column, order in levels.items():
        frame[column] = pd.Categorical(frame[column], categories=order)
    return frame


@pytest.fixture(scope="module")
def data(survival_fixtures):
    bmt = pd.read_csv(survival_fixtures / "survival_td_bmt.csv")
    bmt["group"] = bmt["group"].astype(str)
    return {
        "bmt": bmt,
        "ebmt4": _categorical(pd.read_csv(survival_fixtures / "survival_td_ebmt4.csv"), EBMT4_LEVELS),
        "ebmt3": _categorical(pd.read_csv(survival_fixtures / "survival_td_ebmt3.csv"), EBMT3_LEVELS),
        "ties": pd.read_csv(survival_fixtures / "survival_td_ties.csv"),
    }


def _call(key: str, data) -> dict:
    """cox_ph's arguments for each R fit, mirroring survival_cox_counting.R."""
    ties = "efron" if key.endswith("efron") else "breslow"
    name = key.rsplit("_", 1)[0]
    b, e4, e3, t = data["bmt"], data["ebmt4"], data["ebmt3"], data["ties"]
    td = {"ebmt4": ["rec", "ae", "year", "agecl", "proph", "match"]}
    calls = {
        "bmt_relapse": dict(time=b.tstop, event=b.relapse, covariates=b[["agvhd", "platelet", "group", "z1"]], start=b.tstart),
        "bmt_nrm": dict(time=b.tstop, event=b.nrm, covariates=b[["agvhd", "platelet", "group", "z1"]], start=b.tstart),
        "bmt_dfs_hospital": dict(time=b.tstop, event=b.dfs, covariates=b[["agvhd", "platelet", "group"]],
                                 start=b.tstart, cluster=b.z9),
        "bmt_dfs_weighted_id": dict(time=b.tstop, event=b.dfs, covariates=b[["agvhd", "group"]], start=b.tstart,
                                    weights=b.w, id=b.id, strata=b.z10),
        "bmt_dfs_weighted_rows": dict(time=b.tstop, event=b.dfs, covariates=b[["agvhd", "group"]], start=b.tstart,
                                      weights=b.w),
        "bmt_dfs_robust_id": dict(time=b.tstop, event=b.dfs, covariates=b[["agvhd", "platelet", "z1"]],
                                  start=b.tstart, id=b.id, robust=True),
        "ebmt4_relapse": dict(time=e4.tstop, event=e4.relapse, covariates=e4[td["ebmt4"]], start=e4.tstart),
        "ebmt4_relapse_centre": dict(time=e4.tstop, event=e4.relapse, covariates=e4[td["ebmt4"]], start=e4.tstart,
                                     weights=e4.w, cluster=e4.centre),
        "ebmt4_nrm_intweights": dict(time=e4.tstop, event=e4.nrm, covariates=e4[["rec", "ae", "agecl", "match"]],
                                     start=e4.tstart, weights=e4.wi),
        "ebmt3_delayed": dict(time=e3.rfstime, event=e3.rfsstat, covariates=e3[["dissub", "age", "drmatch", "tcd"]],
                              start=e3.prtime),
        "ebmt3_delayed_centre": dict(time=e3.rfstime, event=e3.rfsstat, covariates=e3[["dissub", "age", "tcd"]],
                                     start=e3.prtime, weights=e3.w, cluster=e3.centre, strata=e3.drmatch),
        "ebmt3_right_robust": dict(time=e3.rfstime, event=e3.rfsstat,
                                   covariates=e3[["dissub", "age", "drmatch", "tcd"]], robust=True),
        "ties": dict(time=t.tstop, event=t.event, covariates=t[["age", "arm"]], start=t.tstart, weights=t.w,
                     cluster=t.centre, strata=t.stratum),
    }
    return dict(calls[name], ties=ties)


@pytest.fixture(scope="module")
def reference(survival_fixtures):
    return pd.read_csv(survival_fixtures / "survival_cox_counting.csv")


KEYS = [f"{name}_{ties}" for ties in ("efron", "breslow") for name in (
    "bmt_relapse", "bmt_nrm", "bmt_dfs_hospital", "bmt_dfs_weighted_id", "bmt_dfs_weighted_rows",
    "bmt_dfs_robust_id", "ebmt4_relapse", "ebmt4_relapse_centre", "ebmt4_nrm_intweights",
    "ebmt3_delayed", "ebmt3_delayed_centre", "ebmt3_right_robust", "ties")]


@pytest.mark.parametrize("key", KEYS)
def test_equals_r_coxph(reference, data, key):
    # R: coxph(Surv(tstart, tstop, event) ~ ..., weights, cluster, id, robust); calls in the R script.
    r = reference[reference.key == key].reset_index(drop=True)
    fit = cox_ph(**_call(key, data))
    frame = fit.to_frame()
    assert list(frame.term) == list(r.term)
    assert fit.robust == bool(r.robust[0])
    np.testing.assert_allclose(fit.coef, r.coef, **ITERATIVE)
    np.testing.assert_allclose(fit.naive_se, r.naive_se, **ITERATIVE)
    np.testing.assert_allclose(fit.se, r.se, **(ROBUST if fit.robust else ITERATIVE))
    np.testing.assert_allclose(fit.loglik, [r.loglik_initial[0], r.loglik_final[0]], **ITERATIVE)
    assert fit.converged and fit.iterations == r.iterations[0]
    assert (fit.n, fit.n_events) == (r.n[0], r.n_events[0])
    np.testing.assert_allclose(fit.score.statistic, r.score[0], **ITERATIVE)
    np.testing.assert_allclose(fit.likelihood_ratio.statistic, r.lr[0], **ITERATIVE)
    np.testing.assert_allclose(fit.wald.statistic, r.wald[0], **(ROBUST if fit.robust else ITERATIVE))
    if fit.robust:
        np.testing.assert_allclose(fit.robust_score.statistic, r.rscore[0], **ROBUST)
    else:
        assert fit.robust_score is None and np.isnan(r.rscore[0])


RESIDUAL_KEYS = ["bmt_relapse_efron", "bmt_dfs_hospital_breslow", "bmt_dfs_weighted_id_efron",
                 "ebmt3_delayed_breslow", "ties_efron", "ties_breslow"]


@pytest.mark.parametrize("key", RESIDUAL_KEYS)
def test_residuals_equal_r(survival_fixtures, data, key):
    # R: residuals(fit, "martingale"), residuals(fit, "score"), residuals(fit, "dfbeta")
    # (dfbeta weighted, the others not: residuals.coxph's defaults).
    r = pd.read_csv(survival_fixtures / "survival_cox_counting_residuals.csv")
    r = r[r.key == key].dropna(axis=1, how="all").reset_index(drop=True)
    fit = cox_ph(**_call(key, data))
    p = len(fit.terms)
    score_columns = [f"score_{j + 1}" for j in range(p)]
    dfbeta_columns = [f"dfbeta_{j + 1}" for j in range(p)]
    closed = TOLERANCE["same_iterations"]
    np.testing.assert_allclose(fit.residuals("martingale"), r.martingale, **closed)
    np.testing.assert_allclose(fit.residuals("score"), r[score_columns], **closed)
    np.testing.assert_allclose(fit.residuals("dfbeta"), r[dfbeta_columns], **closed)


@pytest.mark.parametrize("key", RESIDUAL_KEYS)
def test_schoenfeld_residuals_equal_r(survival_fixtures, data, key):
    # R: residuals(fit, "schoenfeld") and residuals(fit, "scaledsch"), events by stratum and time.
    r = pd.read_csv(survival_fixtures / "survival_cox_counting_schoenfeld.csv")
    r = r[r.key == key].dropna(axis=1, how="all").reset_index(drop=True)
    fit = cox_ph(**_call(key, data))
    p = len(fit.terms)
    closed = TOLERANCE["same_iterations"]
    np.testing.assert_allclose(fit.residuals("schoenfeld"), r[[f"schoenfeld_{j + 1}" for j in range(p)]], **closed)
    np.testing.assert_allclose(fit.residuals("scaled_schoenfeld"), r[[f"scaled_{j + 1}" for j in range(p)]],
                               **closed)


# --- Identities (no R): each must hold exactly up to rounding.

def _random_cohort(seed: int, n: int = 400):
    rng = np.random.default_rng(seed)
    x = np.column_stack([rng.normal(size=n), rng.integers(0, 2, n)])
    time = np.ceil(rng.exponential(20 * np.exp(-0.4 * x[:, 0]), n))  # integer days: ties
    event = (rng.random(n) < 0.75).astype(float)
    return rng, x, time, event


@pytest.mark.parametrize("ties", ["efron", "breslow"])
def test_start_stop_without_splits_equals_plain_data(ties):
    # (0, time] for everyone is the right-censored model: same fit, same residuals.
    _, x, time, event = _random_cohort(1)
    plain = cox_ph(time, event, x, ties=ties)
    counting = cox_ph(time, event, x, ties=ties, start=np.zeros_like(time) - 0.0)
    np.testing.assert_allclose(counting.coef, plain.coef, rtol=1e-12)
    np.testing.assert_allclose(counting.se, plain.se, rtol=1e-12)
    np.testing.assert_allclose(counting.loglik, plain.loglik, rtol=1e-12)
    np.testing.assert_allclose(counting.residuals("score"), plain.residuals("score"), rtol=1e-10, atol=1e-13)


@pytest.mark.parametrize("ties", ["efron", "breslow"])
def test_splitting_intervals_where_nothing_changes_leaves_the_fit_unchanged(ties):
    # A patient's follow-up cut at day c into (0, c] and (c, time] (same covariates)
    # is the same data: tmerge-style splitting must not change the fit.
    rng, x, time, event = _random_cohort(2)
    cut = np.floor(time * rng.random(len(time)))
    split = cut > 0
    start = np.r_[np.zeros(len(time)), cut[split]]
    stop = np.r_[np.where(split, cut, time), time[split]]
    status = np.r_[np.where(split, 0.0, event), event[split]]
    xs = np.r_[x, x[split]]
    ids = np.r_[np.arange(len(time)), np.flatnonzero(split)]
    whole = cox_ph(time, event, x, ties=ties, robust=True)
    pieces = cox_ph(stop, status, xs, start=start, ties=ties, id=ids, robust=True)
    np.testing.assert_allclose(pieces.coef, whole.coef, rtol=1e-11)
    np.testing.assert_allclose(pieces.naive_se, whole.naive_se, rtol=1e-11)
    # Robust by patient: the pieces' dfbetas sum to the patient's.
    np.testing.assert_allclose(pieces.se, whole.se, rtol=1e-10)


def test_weights_of_two_equal_duplicated_rows_with_breslow():
    # Case weights are replication weights: w = 2 is the row twice (Breslow ties; with
    # Efron a weight-2 event is one event, two copies are two tied events - as in R).
    rng, x, time, event = _random_cohort(3)
    twice = rng.random(len(time)) < 0.3
    weights = np.where(twice, 2.0, 1.0)
    weighted = cox_ph(time, event, x, weights=weights, ties="breslow")
    duplicated = cox_ph(np.r_[time, time[twice]], np.r_[event, event[twice]], np.r_[x, x[twice]],
                        ties="breslow")
    np.testing.assert_allclose(weighted.coef, duplicated.coef, rtol=1e-11)
    np.testing.assert_allclose(weighted.se, duplicated.se, rtol=1e-11)
    np.testing.assert_allclose(weighted.loglik, duplicated.loglik, rtol=1e-12)
    assert not weighted.robust  # whole-number weights: model-based variance, as R


def test_weights_of_two_without_ties_equal_duplicated_rows_with_efron():
    rng = np.random.default_rng(4)
    n = 300
    x = rng.normal(size=(n, 2))
    time = rng.exponential(10, n)  # continuous: no ties
    event = (rng.random(n) < 0.7).astype(float)
    twice = (rng.random(n) < 0.3) & (event == 0)  # duplicated censored rows create no tied events
    weighted = cox_ph(time, event, x, weights=np.where(twice, 2.0, 1.0))
    duplicated = cox_ph(np.r_[time, time[twice]], np.r_[event, event[twice]], np.r_[x, x[twice]])
    np.testing.assert_allclose(weighted.coef, duplicated.coef, rtol=1e-11)


def _score_residuals_by_loop(time, event, x, beta, weights):
    """Breslow score residuals by a loop over event times (a second implementation)."""
    eta = x @ beta
    risk = np.exp(eta)
    residual = np.zeros_like(x)
    for t in np.unique(time[event == 1]):
        at_risk = time >= t
        dead = (time == t) & (event == 1)
        s0 = (weights * risk)[at_risk].sum()
        mean = (weights * risk)[at_risk] @ x[at_risk] / s0
        hazard = weights[dead].sum() / s0
        residual[dead] += x[dead] - mean
        residual[at_risk] -= risk[at_risk, None] * (x[at_risk] - mean) * hazard
    return residual


def test_singleton_clusters_give_the_sandwich_variance():
    # cluster = one label per row is robust=True without cluster, and both equal
    # V (sum_i w_i^2 L_i L_i^T) V with L from a direct loop (Lin & Wei 1989).
    rng, x, time, event = _random_cohort(5, n=250)
    weights = rng.uniform(0.5, 2.0, len(time))
    by_row = cox_ph(time, event, x, weights=weights, ties="breslow", cluster=np.arange(len(time)))
    robust = cox_ph(time, event, x, weights=weights, ties="breslow", robust=True)
    np.testing.assert_allclose(by_row.variance, robust.variance, rtol=1e-12)
    residual = _score_residuals_by_loop(time, event, x, robust.coef, weights)
    influence = weights[:, None] * residual @ robust.naive_variance
    np.testing.assert_allclose(robust.variance, influence.T @ influence, rtol=1e-9)
    np.testing.assert_allclose(robust.residuals("score"), residual, rtol=1e-9, atol=1e-12)


def test_robust_default_follows_r():
    _, x, time, event = _random_cohort(6)
    ids = np.arange(len(time))
    assert not cox_ph(time, event, x).robust
    assert not cox_ph(time, event, x, weights=np.full(len(time), 2.0)).robust
    assert cox_ph(time, event, x, weights=np.full(len(time), 1.5)).robust
    assert cox_ph(time, event, x, cluster=ids % 10).n_clusters == 10
    assert not cox_ph(time, event, x, id=ids).robust  # one event per patient at most
    repeated = cox_ph(time, event, x, id=ids // 2)  # two rows per "patient", both may be events
    assert repeated.robust and repeated.n_clusters == len(time) // 2


def test_bad_input_is_named():
    time, event, x = [5.0, 8, 9, 12], [1, 0, 1, 1], np.array([1.0, 2, 0, 3])
    with pytest.raises(InputError, match=r"row 1: start 8 is not before time 8"):
        cox_ph(time, event, x, start=[0, 8, 0, 2])
    with pytest.raises(InputError, match=r"weights\[2\] is 0; case weights must be > 0"):
        cox_ph(time, event, x, weights=[1, 1, 0, 1])
    with pytest.raises(InputError, match="cluster was given with robust=False"):
        cox_ph(time, event, x, cluster=[1, 1, 2, 2], robust=False)
    with pytest.raises(InputError, match="needs cluster= or id="):
        cox_ph(time, event, x, start=[0, 0, 0, 2], robust=True)
    with pytest.raises(InputError, match=r"start\[1\] is missing"):
        cox_ph(time, event, x, start=[0, np.nan, 0, 2])


@pytest.mark.parametrize("n_strata", [3, 400])  # 400 strata: the binary-search path for cells
def test_risk_sets_equal_a_direct_count(n_strata):
    # Second implementation: count rows with start < t <= stop per (stratum, event time).
    from graftline.stats._counting_process import RiskSets

    rng = np.random.default_rng(n_strata)
    n = 600
    stop = np.round(rng.uniform(1, 50, n), 1)
    start = np.where(rng.random(n) < 0.5, np.floor(stop * rng.random(n)), 0.0)
    event = (rng.random(n) < 0.6).astype(float)
    stratum = rng.integers(0, n_strata, n)
    rs = RiskSets.build(stop, event, stratum, start)
    weight = rng.uniform(0.5, 2, n)
    sums = rs.at_risk_sums(weight[rs.used][None, :])[:, 0]
    for k in range(rs.n_cells):
        s, t = rs.cell_stratum[k], rs.cell_time[k]
        at_risk = (stratum == s) & (start < t) & (t <= stop)
        assert sums[k] == pytest.approx(weight[at_risk].sum(), rel=1e-12)
        assert rs.n_deaths[k] == np.count_nonzero((stratum == s) & (stop == t) & (event == 1))
