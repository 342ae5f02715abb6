"""fine_gray's cengroup and cov2/tf against cmprsk::crr, and weights/cluster against
survival::finegray() + coxph() (tests/reference/cmprsk_finegray_extended.R);
identities between the three routes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from tolerances import TOLERANCE

from graftline.errors import InputError
from graftline.stats import fine_gray
from graftline.stats.competing._finegray_rows import expand

FIXTURES = Path(__file__).resolve().parents[1] / "reference" / "fixtures"
CRR = TOLERANCE["iterative"]          # crr stops at its own gtol
SAME = TOLERANCE["same_iterations"]   # coxph's Newton steps, replicated
ROBUST = TOLERANCE["robust_variance"]


@pytest.fixture(scope="module")
def data():
    bmt = pd.read_csv(FIXTURES / "survival_bmt.csv")
    bmt["group"] = bmt.group.astype(str)
    status = np.where(bmt.d2 == 1, 1, np.where(bmt.d1 == 1, 2, 0))
    index = np.arange(1, len(bmt) + 1)
    e4 = pd.read_csv(FIXTURES / "cmprsk_ebmt4.csv")
    x4 = pd.DataFrame({"agecl": pd.Categorical(e4.agecl, categories=["<=20", "20-40", ">40"]),
                       "match": pd.Categorical(e4.match, categories=["no gender mismatch", "gender mismatch"])})
    return {
        "bmt": bmt, "status": status, "w": 0.5 + ((index * 31) % 17) / 10,
        "e4": e4, "x4": x4, "s4": np.where(e4["rel.s"] == 1, 1, np.where(e4["srv.s"] == 1, 2, 0)),
        "t4": np.where(e4["rel.s"] == 1, e4.rel, e4.srv),
        "centre4": np.array([f"C{(i * 7919) % 31 + 1:02d}" for i in e4.id]), "w4": 0.5 + ((e4.id * 13) % 11) / 8,
    }


def _fit(key, d):
    """The graftline call of each R fit (cmprsk_finegray_extended.R)."""
    b, s, x = d["bmt"], d["status"], d["bmt"][["group", "z1"]]
    mismatch = pd.DataFrame({"match": (d["x4"].match == "gender mismatch") * 1.0})
    groups = pd.DataFrame({"group2": (b.group == "2") * 1.0, "group3": (b.group == "3") * 1.0})
    calls = {
        "bmt_relapse_cengroup": lambda: fine_gray(b.t2, s, x, cengroup=b.z10),
        "ebmt4_relapse_cengroup": lambda: fine_gray(d["t4"], d["s4"], d["x4"], cengroup=d["e4"].proph),
        "ebmt4_death_cengroup": lambda: fine_gray(d["t4"], d["s4"], d["x4"], cengroup=d["e4"].year, cause=2),
        "bmt_relapse_cov2_log": lambda: fine_gray(b.t2, s, x, cov2=b[["z1"]], tf=np.log),
        "bmt_relapse_cov2_two": lambda: fine_gray(
            b.t2, s, groups, cov2=pd.DataFrame({"z1": b.z1, "group3": groups.group3}),
            tf=lambda u: np.column_stack([np.log(u), u / 365])),
        "bmt_relapse_cov2_only": lambda: fine_gray(b.t2, s, None, cov2=b[["z1"]], tf=lambda u: u / 365),
        "ebmt4_relapse_cov2_cengroup": lambda: fine_gray(d["t4"], d["s4"], d["x4"], cov2=mismatch, tf=np.log,
                                                         cengroup=d["e4"].proph),
        "bmt_relapse_finegray_hospital": lambda: fine_gray(b.t2, s, x, cluster=b.z9),
        "bmt_relapse_finegray_id": lambda: fine_gray(b.t2, s, x, weights=np.ones(len(b))),
        "bmt_relapse_finegray_weighted": lambda: fine_gray(b.t2, s, x, weights=d["w"]),
        "bmt_relapse_finegray_weighted_hospital": lambda: fine_gray(b.t2, s, x, weights=d["w"], cluster=b.z9),
        "ebmt4_relapse_finegray_centre": lambda: fine_gray(d["t4"], d["s4"], d["x4"], weights=d["w4"],
                                                           cluster=d["centre4"]),
    }
    return calls[key]()


KEYS = ["bmt_relapse_cengroup", "ebmt4_relapse_cengroup", "ebmt4_death_cengroup", "bmt_relapse_cov2_log",
        "bmt_relapse_cov2_two", "bmt_relapse_cov2_only", "ebmt4_relapse_cov2_cengroup",
        "bmt_relapse_finegray_hospital", "bmt_relapse_finegray_id", "bmt_relapse_finegray_weighted",
        "bmt_relapse_finegray_weighted_hospital", "ebmt4_relapse_finegray_centre"]


@pytest.mark.parametrize("key", KEYS)
def test_equals_r(data, key):
    # R: crr(ftime, fstatus, cov1, cov2, tf, cengroup) or
    #    coxph(Surv(fgstart, fgstop, fgstatus) ~ ., weights = fgwt, cluster/id, ties = "breslow")
    #    on finegray() rows; calls in cmprsk_finegray_extended.R.
    r = pd.read_csv(FIXTURES / "cmprsk_finegray_extended.csv")
    r = r[r.key == key].reset_index(drop=True)
    fit = _fit(key, data)
    assert list(fit.terms) == list(r.term)
    coxph_route = "finegray" in key
    assert fit.variance_method == ("finegray_coxph" if coxph_route else "crr")
    tol = SAME if coxph_route else CRR
    np.testing.assert_allclose(fit.coef, r.coef, **tol)
    np.testing.assert_allclose(np.sqrt(np.diag(fit.naive_variance)), r.naive_se, **tol)
    np.testing.assert_allclose(fit.se, r.se, **(ROBUST if coxph_route else CRR))
    np.testing.assert_allclose([fit.loglik, fit.loglik_null], [r.loglik[0], r.loglik_null[0]], **tol)


def test_one_censoring_group_equals_no_cengroup(data):
    # cengroup with a single level is crr's default: the per-failure-time path
    # and the running-sum path must agree (two implementations of one formula).
    b = data["bmt"]
    plain = fine_gray(b.t2, data["status"], b[["group", "z1"]])
    grouped = fine_gray(b.t2, data["status"], b[["group", "z1"]], cengroup=np.zeros(len(b)))
    np.testing.assert_allclose(grouped.coef, plain.coef, rtol=1e-12)
    np.testing.assert_allclose(grouped.variance, plain.variance, rtol=1e-10)
    np.testing.assert_allclose(grouped.baseline_jumps, plain.baseline_jumps, rtol=1e-10)


def test_constant_time_function_is_a_fixed_covariate(data):
    # cov2 = z1 with tf(t) = 1 is the same model as z1 in cov1.
    b = data["bmt"]
    fixed = fine_gray(b.t2, data["status"], b[["group", "z1"]])
    timed = fine_gray(b.t2, data["status"], b[["group"]], cov2=b[["z1"]], tf=lambda u: np.ones(len(u)))
    np.testing.assert_allclose(timed.coef, fixed.coef, rtol=1e-10)
    np.testing.assert_allclose(timed.variance, fixed.variance, rtol=1e-9)


def test_finegray_route_with_unit_weights_gives_crr_coefficients(data):
    # Fine & Gray's estimating equation is the same in both routes; with no
    # censoring tied to a failure time (bmt has none) the censoring weights
    # agree too, so the coefficients do (to the two iterations' tolerances).
    # The variances differ by design: crr's includes the term for estimating G.
    b = data["bmt"]
    t = b.t2.to_numpy()
    assert not set(t[data["status"] == 0]) & set(t[data["status"] > 0])
    crr_route = fine_gray(b.t2, data["status"], b[["group", "z1"]])
    cox_route = fine_gray(b.t2, data["status"], b[["group", "z1"]], weights=np.ones(len(b)))
    np.testing.assert_allclose(cox_route.coef, crr_route.coef, **CRR)
    np.testing.assert_allclose(cox_route.baseline_jumps, crr_route.baseline_jumps, **CRR)
    assert not np.allclose(cox_route.se, crr_route.se, rtol=1e-6)


def test_expanded_rows_on_hand_built_subjects():
    # Times 2 (censored), 3 (competing), 5 (event), 7 (censored), 8 (event): the
    # competing subject keeps weight G(t-)/G(3-) over (5, 7] ... as finegray():
    # G drops at 2 (1 - 1/5 = 0.8) and at 7 (1 - 1/2): intervals (2, 7], (7, 8].
    time = np.array([2.0, 3, 5, 7, 8])
    codes = np.array([0, 2, 1, 0, 1])
    rows = expand(time, codes, cause=1, censor_code=0)
    competing = rows.subject == 1
    assert rows.start[competing].tolist() == [0.0, 7.0]
    assert rows.stop[competing].tolist() == [7.0, 8.0]
    np.testing.assert_allclose(rows.weight[competing], [1.0, 0.5])
    assert rows.event.tolist() == [0, 0, 0, 1, 0, 1]


def test_bad_input(data):
    b = data["bmt"]
    with pytest.raises(InputError, match="cov2 and tf go together"):
        fine_gray(b.t2, data["status"], b[["z1"]], cov2=b[["z1"]])
    with pytest.raises(InputError, match="no cengroup"):
        fine_gray(b.t2, data["status"], b[["z1"]], cluster=b.z9, cengroup=b.z10)
    with pytest.raises(InputError, match=r"tf\(times\) returned shape"):
        fine_gray(b.t2, data["status"], b[["group"]], cov2=b[["z1"]], tf=lambda u: np.ones((len(u), 2)))
    with pytest.raises(InputError, match=r"weights\[0\] is 0"):
        fine_gray(b.t2, data["status"], b[["z1"]], weights=np.r_[0.0, np.ones(len(b) - 1)])
    fit = fine_gray(b.t2, data["status"], b[["group"]], cov2=b[["z1"]], tf=np.log)
    with pytest.raises(InputError, match="predict_cif is not available for fits with cov2"):
        fit.predict_cif(b[["group"]].head(1))
