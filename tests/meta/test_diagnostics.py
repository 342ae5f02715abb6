"""influence, cumulative, baujat and gosh equal metafor (influence.rma.uni, cumul, baujat, gosh).

Reference values: tests/reference/meta_diagnostics.R -> fixtures/meta_diagnostics.json
(dat.bcg log risk ratios, metafor 3.8).
"""

import numpy as np
import pytest
from meta_reference import DIAGNOSTICS, assert_close

from graftline.errors import InputError
from graftline.meta import pool

Y, V = DIAGNOSTICS["yi"], DIAGNOSTICS["vi"]
FITS = {"REML_z": {}, "DL_knha": {"method": "DL", "test": "knha"}, "FE_z": {"method": "FE"},
        "ML_z": {"method": "ML"}, "REML_ablat": {"mods": DIAGNOSTICS["ablat"]}}
# metafor column -> graftline column
INFLUENCE = {"rstudent": "rstudent", "dffits": "dffits", "cook.d": "cooks_distance", "cov.r": "cov_ratio",
             "tau2.del": "tau2_deleted", "QE.del": "qe_deleted", "hat": "hat", "weight": "weight"}


@pytest.mark.parametrize("key", FITS)
def test_influence_equals_influence_rma_uni(key):
    # R: influence(rma(yi, vi, data = bcg, method = M, test = T[, mods = ~ ablat]))$inf
    frame = pool(Y, V, **FITS[key]).influence()
    ref = DIAGNOSTICS["influence"][key]
    for theirs, ours in INFLUENCE.items():
        assert_close(frame[ours], ref[theirs], "closed_form", f"{key}: {ours}")
    dfbetas = [c for c in frame if c.startswith("dfbetas_")]
    for column, expected in zip(dfbetas, ref["dfbetas"], strict=True):
        assert_close(frame[column], expected, "closed_form", f"{key}: {column}")
    assert frame["influential"].tolist() == ref["is_infl"]
    # hat is a fraction summing to p, weight is in percent summing to 100.
    assert frame["hat"].sum() == pytest.approx(len(dfbetas), rel=1e-12)
    assert frame["weight"].sum() == pytest.approx(100, rel=1e-12)


def test_influence_deleted_tau2_equals_leave_one_out():
    # Identity: tau2_deleted and qe_deleted are leave-one-out refits.
    result = pool(Y, V)
    frame, loo = result.influence(), result.leave_one_out()
    np.testing.assert_allclose(frame["tau2_deleted"], loo["tau2"], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(frame["qe_deleted"], loo["q"], rtol=1e-12)


CUMUL = {"REML_z": ({}, None, False), "REML_z_year": ({}, "year", False),
         "REML_z_year_decreasing": ({}, "year", True),
         "DL_knha_year": ({"method": "DL", "test": "knha"}, "year", False), "FE_z": ({"method": "FE"}, None, False)}


@pytest.mark.parametrize("key", CUMUL)
def test_cumulative_equals_cumul(key):
    # R: cumul(rma(...), order = year[, decreasing = TRUE]); ties in year keep
    # the original order (a stable sort, as R's order()).
    kwargs, order, decreasing = CUMUL[key]
    result = pool(Y, V, labels=[f"Trial {i}" for i in range(1, 14)], **kwargs)
    frame = result.cumulative(None if order is None else DIAGNOSTICS[order], decreasing=decreasing)
    ref = DIAGNOSTICS["cumul"][key]
    for column in ["estimate", "se", "ci_lower", "ci_upper", "q", "i2", "h2"]:
        assert_close(frame[column], ref[column], "closed_form", f"{key}: {column}")
    for column in ["p_value", "q_p_value"]:
        assert_close(frame[column], ref[column], "p_value", f"{key}: {column}")
    if ref["tau2"] is not None:
        assert_close(frame["tau2"], ref["tau2"], "closed_form", f"{key}: tau2")
    assert frame["study"].tolist() == [s.replace("", "") for s in
                                       [f"Trial {int(x)}" for x in ref["slab"]]]
    # Identity: the last row is the model on every study.
    assert frame["estimate"].iloc[-1] == pytest.approx(result.estimate, rel=1e-13)


@pytest.mark.parametrize("method", ["REML", "FE"])
def test_baujat_coordinates(method):
    # R: baujat(rma(yi, vi, data = bcg, method = M)) (returned x, y)
    frame = pool(Y, V, method=method).baujat()
    ref = DIAGNOSTICS["baujat"][method]
    assert_close(frame["x"], ref["x"], "closed_form", "x")
    assert_close(frame["y"], ref["y"], "closed_form", "y")


@pytest.mark.parametrize("method", ["REML", "DL", "FE"])
def test_gosh_every_subset_of_ten_studies(method):
    # R: gosh(rma(yi, vi, data = bcg[1:10, ], method = M)); 1023 models.
    result = pool(Y[:10], V[:10], method=method).gosh()
    ref = DIAGNOSTICS["gosh"][method]
    assert result.fits["subset"].tolist() == ref["incl"]
    for column in ["estimate", "q", "i2", "h2"]:
        assert_close(result.fits[column], ref[column], "closed_form", f"{method}: {column}")
    if ref["tau2"] is not None:
        assert_close(result.fits["tau2"], ref["tau2"], "closed_form", f"{method}: tau2")


def test_gosh_subsets_equal_pool_on_the_subset():
    # A different implementation (one pool() per subset) gives the same numbers
    # as the vectorised Fisher scoring.
    result = pool(Y[:6], V[:6], method="ML").gosh()
    included = result.included()
    for row in (0, 10, 40, 62):
        subset = pool(np.asarray(Y[:6])[included[row]], np.asarray(V[:6])[included[row]], method="ML")
        assert result.fits["estimate"][row] == pytest.approx(subset.estimate, rel=1e-12)
        assert result.fits["tau2"][row] == pytest.approx(subset.tau2, rel=1e-10, abs=1e-14)


def test_gosh_refuses_more_than_15_studies():
    with pytest.raises(InputError, match="more than 15"):
        pool(np.zeros(16), np.ones(16)).gosh()


def test_cumulative_needs_one_key_per_study():
    with pytest.raises(InputError, match="order has 2 values"):
        pool(Y, V).cumulative([1, 2])
