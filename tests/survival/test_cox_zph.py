"""cox_zph against R cox.zph (tests/reference/survival_cox_zph.R): per-term and
GLOBAL score tests, scaled Schoenfeld residuals and their variance, for
right-censored, stratified, counting-process, weighted and clustered fits."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from tolerances import TOLERANCE

from graftline.errors import InputError
from graftline.stats import cox_ph, cox_zph

SAME = TOLERANCE["same_iterations"]


@pytest.fixture(scope="module")
def frames(survival_fixtures, bmt):
    bmt = bmt.assign(group=bmt.group.astype(str), age_if_no_mtx=np.where(bmt.z10 == 1, 0, bmt.z1))
    tdb = pd.read_csv(survival_fixtures / "survival_td_bmt.csv").assign(group=lambda f: f.group.astype(str))
    td4 = pd.read_csv(survival_fixtures / "survival_td_ebmt4.csv")
    td4["year"] = pd.Categorical(td4.year, categories=["1985-1989", "1990-1994", "1995-1998"])
    td4["agecl"] = pd.Categorical(td4.agecl, categories=["<=20", "20-40", ">40"])
    ties = pd.read_csv(survival_fixtures / "survival_td_ties.csv")
    return {"bmt": bmt, "tdb": tdb, "td4": td4, "ties": ties}


def _fit(key, frames):
    """The cox_ph fit and cox_zph options of each R test, mirroring survival_cox_zph.R."""
    ties = "efron" if "efron" in key else "breslow"
    b, tdb, td4, t = frames["bmt"], frames["tdb"], frames["td4"], frames["ties"]
    transform, terms = key.rsplit("_", 1)[-1], True
    if key.startswith("bmt_dfs_strata"):
        fit, transform = cox_ph(b.t2, b.d3, b[["z1", "age_if_no_mtx", "group"]], strata=b.z10, ties=ties), "km"
    elif key.startswith("bmt_dfs"):
        fit = cox_ph(b.t2, b.d3, b[["z1", "z2", "group"]], ties=ties)
        if transform == "columns":
            transform, terms = "km", False
    elif key.startswith("bmt_td_relapse"):
        fit = cox_ph(tdb.tstop, tdb.relapse, tdb[["agvhd", "platelet", "group", "z1"]], start=tdb.tstart, ties=ties)
    elif key.startswith("ebmt4_centre"):
        fit, transform = cox_ph(td4.tstop, td4.relapse, td4[["rec", "ae", "year", "agecl"]], start=td4.tstart,
                                weights=td4.w, cluster=td4.centre, ties=ties), "km"
    else:
        fit = cox_ph(t.tstop, t.event, t[["age", "arm"]], start=t.tstart, weights=t.w, strata=t.stratum, ties=ties)
    return fit, transform, terms


KEYS = [f"bmt_dfs_{ties}_{tr}" for ties in ("efron", "breslow")
        for tr in ("km", "rank", "identity", "log", "columns")] + [
    f"{name}_{ties}{suffix}" for ties in ("efron", "breslow")
    for name, suffix in (("bmt_dfs_strata", ""), ("bmt_td_relapse", "_km"), ("bmt_td_relapse", "_identity"),
                         ("ebmt4_centre", ""), ("ties", "_km"), ("ties", "_rank"))]


@pytest.mark.parametrize("key", KEYS)
def test_equals_r_cox_zph(survival_fixtures, frames, key):
    # R: cox.zph(fit, transform = , terms = ); fits in survival_cox_zph.R.
    table = pd.read_csv(survival_fixtures / "survival_cox_zph.csv")
    table = table[table.key == key].reset_index(drop=True)
    fit, transform, terms = _fit(key, frames)
    zph = cox_zph(fit, transform=transform, terms=terms)
    frame = zph.to_frame()
    assert list(frame.term) == [t if t == "GLOBAL" else t for t in table.term]
    np.testing.assert_allclose(frame.chisq, table.chisq, **SAME)
    np.testing.assert_array_equal(frame.df, table.df)
    np.testing.assert_allclose(frame.p_value, table.p, **TOLERANCE["p_value"], err_msg="p")

    r = pd.read_csv(survival_fixtures / "survival_cox_zph_residuals.csv")
    r = r[r.key == key].dropna(axis=1, how="all").reset_index(drop=True)
    np.testing.assert_allclose(zph.time, r.time, **SAME)
    np.testing.assert_allclose(zph.transformed_time, r.x, **SAME)
    y = r[[c for c in r.columns if c.startswith("y_")]].to_numpy()
    np.testing.assert_allclose(zph.scaled_residuals, y, **SAME)
    v = pd.read_csv(survival_fixtures / "survival_cox_zph_var.csv")
    v = v[v.key == key]
    expected = np.zeros((v.row.max() + 1, v.col.max() + 1))
    expected[v.row, v.col] = v.value
    np.testing.assert_allclose(zph.variance, expected, **SAME)


def test_constant_covariate_in_a_stratum_has_no_residuals_there(survival_fixtures, frames):
    # R sets the scaled residual to NA where the covariate does not vary in the stratum.
    fit, _, _ = _fit("bmt_dfs_strata_efron", frames)
    zph = cox_zph(fit)
    column = zph.scaled_residuals[:, 1]
    assert np.isnan(column).any() and np.isfinite(column).any()


def test_no_drift_gives_a_flat_smooth_and_drift_is_detected():
    # Proportional hazards hold by construction in the first data set; in the
    # second the effect of x reverses halfway (crossing hazards), which the
    # test must flag (seeded simulation, not a reference value).
    rng = np.random.default_rng(11)
    n = 3000
    x = rng.integers(0, 2, n).astype(float)
    proportional = rng.exponential(1 / (0.1 * np.exp(0.7 * x)))
    fit = cox_ph(proportional, np.ones(n), x[:, None])
    assert cox_zph(fit).p_value[-1] > 0.01
    early = rng.exponential(1 / (0.1 * np.exp(1.0 * x)))
    late = 5 + rng.exponential(1 / (0.1 * np.exp(-1.0 * x)))
    crossing = np.where(early < 5, early, late)
    zph = cox_zph(cox_ph(crossing, np.ones(n), x[:, None]))
    assert zph.p_value[-1] < 1e-6
    curve = zph.smooth("x1")
    assert curve.estimate.iloc[0] > 0 > curve.estimate.iloc[-1]  # beta(t) falls from + to -


def test_plot_and_bad_input(frames):
    fit, _, _ = _fit("bmt_dfs_efron_km", frames)
    zph = cox_zph(fit)
    ax = zph.plot("z2")
    assert ax.get_ylabel() == "Beta(t) for z2"
    with pytest.raises(InputError, match="term 'z9' is not in the model"):
        zph.plot("z9")
    with pytest.raises(InputError, match="transform 'loess'"):
        cox_zph(fit, transform="loess")
    with pytest.raises(InputError, match="needs a CoxResult"):
        cox_zph(object())
