"""time_dependent against R tmerge and landmark against R on KMsurv bmt
(tests/reference/survival_cox_counting.R, survival_landmark.R), and the
conventions on hand-built patients."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from tolerances import TOLERANCE

from graftline.errors import InputError
from graftline.stats import cox_ph, landmark, time_dependent

SAME = TOLERANCE["same_iterations"]
CLOSED = TOLERANCE["closed_form"]


@pytest.fixture(scope="module")
def bmt_endpoints(bmt):
    """KMsurv bmt as an endpoint table: relapse (d2) with death without relapse
    competing, NRM, DFS (d3), acute GVHD (ta/da) and platelet recovery (tp/dp)."""
    relapse = np.where(bmt.d2 == 1, 1, np.where(bmt.d1 == 1, 2, 0))
    return pd.DataFrame({
        "patient_id": np.arange(1, len(bmt) + 1), "group": bmt.group.astype(str), "z1": bmt.z1,
        "relapse_day": bmt.t2, "relapse_status": relapse,
        "nrm_day": bmt.t2, "nrm_status": np.where(relapse == 1, 2, np.where(relapse == 2, 1, 0)),
        "dfs_day": bmt.t2, "dfs_status": bmt.d3,
        "agvhd_day": bmt.ta, "agvhd_status": bmt.da, "platelet_day": bmt.tp, "platelet_status": bmt.dp,
    })


def test_split_equals_r_tmerge(survival_fixtures, bmt_endpoints):
    # R: tmerge(..., relapse = event(t2, d2), agvhd = tdc(ta if da), platelet = tdc(tp if dp))
    r = pd.read_csv(survival_fixtures / "survival_td_bmt.csv")
    rows = time_dependent(bmt_endpoints, outcome="relapse",
                          covariates={"agvhd": "agvhd", "platelet": "platelet"}, fixed=["group", "z1"])
    assert len(rows) == len(r)
    for ours, theirs in [("patient_id", "id"), ("tstart", "tstart"), ("tstop", "tstop"), ("event", "relapse"),
                         ("agvhd", "agvhd"), ("platelet", "platelet"), ("z1", "z1")]:
        np.testing.assert_array_equal(rows[ours].to_numpy(), r[theirs].to_numpy(), err_msg=ours)
    nrm = time_dependent(bmt_endpoints, outcome="nrm", covariates={"agvhd": "agvhd", "platelet": "platelet"})
    np.testing.assert_array_equal(nrm.event, r.nrm)
    assert ((rows.status == 2) == (r.nrm == 1)).all()  # the relapse rows keep NRM as code 2


def test_cause_specific_cox_on_the_split_equals_r(survival_fixtures, bmt_endpoints):
    # R: coxph(Surv(tstart, tstop, relapse) ~ agvhd + platelet + group + z1) (efron)
    ref = pd.read_csv(survival_fixtures / "survival_cox_counting.csv")
    for outcome, key in [("relapse", "bmt_relapse_efron"), ("nrm", "bmt_nrm_efron")]:
        rows = time_dependent(bmt_endpoints, outcome=outcome, covariates={"agvhd": "agvhd", "platelet": "platelet"},
                              fixed=["group", "z1"])
        fit = cox_ph(rows.tstop, rows.event, rows[["agvhd", "platelet", "group", "z1"]], start=rows.tstart,
                     id=rows.patient_id)
        r = ref[ref.key == key]
        np.testing.assert_allclose(fit.coef, r.coef, **SAME)
        np.testing.assert_allclose(fit.se, r.se, **SAME)


def _table(**columns):
    return pd.DataFrame({"patient_id": [f"P{i + 1}" for i in range(len(next(iter(columns.values()))))],
                         **columns})


def test_split_conventions_on_hand_built_patients():
    # tmerge's tdc(): a row (a, b] is exposed when the exposure day <= a.
    table = _table(os_day=[100, 50, 80, 60, 70], os_status=[1, 1, 0, 1, 1],
                   agvhd_2_4_day=[30, 50, 0, 20, 90], agvhd_2_4_status=[1, 1, 1, 1, 1],
                   platelet_day=[30, 10, 15, 20, 5], platelet_status=[1, 1, 2, 1, 0])
    rows = time_dependent(table, outcome="os", covariates={"agvhd": "agvhd_2_4", "platelets": "platelet"})
    by = {p: g.reset_index(drop=True) for p, g in rows.groupby("patient_id")}
    # P1: aGVHD and platelets both on day 30: one split, both switch at once.
    assert by["P1"][["tstart", "tstop", "agvhd", "platelets", "event"]].values.tolist() == [
        [0, 30, 0, 0, 0], [30, 100, 1, 1, 1]]
    # P2: aGVHD on the day of death does not precede it (no split, unexposed at the event).
    assert by["P2"][["tstart", "tstop", "agvhd", "platelets"]].values.tolist() == [[0, 10, 0, 0], [10, 50, 0, 1]]
    # P3: aGVHD on day 0 applies from the start; platelet status 2 (death first) never switches.
    assert by["P3"][["tstart", "tstop", "agvhd", "platelets", "event"]].values.tolist() == [[0, 80, 1, 0, 0]]
    # P5: an exposure after the end of follow-up is ignored; status 0 never switches.
    assert by["P5"][["tstart", "tstop", "agvhd", "platelets"]].values.tolist() == [[0, 70, 0, 0]]


def test_not_applicable_is_a_choice():
    table = _table(os_day=[100, 50], os_status=[1, 0], platelet_engraftment_day=[None, 20],
                   platelet_engraftment_status=[None, 1], platelet_engraftment_applicable=[False, True])
    with pytest.raises(InputError, match="platelet_engraftment_applicable = False; say what that means"):
        time_dependent(table, outcome="os", covariates={"plt": "platelet_engraftment"})
    exposed = time_dependent(table, outcome="os", covariates={"plt": "platelet_engraftment"},
                             not_applicable="exposed")
    assert exposed[exposed.patient_id == "P1"].plt.tolist() == [1]
    unexposed = time_dependent(table, outcome="os", covariates={"plt": "platelet_engraftment"},
                               not_applicable="unexposed")
    assert unexposed[unexposed.patient_id == "P1"].plt.tolist() == [0]
    dropped = time_dependent(table, outcome="os", covariates={"plt": "platelet_engraftment"}, not_applicable="drop")
    assert set(dropped.patient_id) == {"P2"}


def test_split_bad_input():
    table = _table(os_day=[0, 50], os_status=[1, 0], agvhd_2_4_day=[None, 20], agvhd_2_4_status=[0, 1])
    with pytest.raises(InputError, match=r"patient 'P1'\): os_day is 0"):
        time_dependent(table, outcome="os", covariates={"agvhd": "agvhd_2_4"})
    with pytest.raises(InputError, match=r"no column \['gvhd_day', 'gvhd_status'\]; endpoints present"):
        time_dependent(table, outcome="os", covariates={"agvhd": "gvhd"})
    with pytest.raises(InputError, match="clash with the output's columns"):
        time_dependent(table, outcome="os", covariates={"event": "agvhd_2_4"})
    bad = _table(os_day=[10, 50], os_status=[1, 0], agvhd_2_4_day=[None, -3], agvhd_2_4_status=[0, 1])
    with pytest.raises(InputError, match="agvhd_2_4_day: -3 with status 1; expected a day >= 0"):
        time_dependent(bad, outcome="os", covariates={"agvhd": "agvhd_2_4"})


def test_landmark_equals_r(survival_fixtures, bmt_endpoints):
    # R: per landmark L, subset(t2 > L), coxph/survfit/cuminc on time - L (survival_landmark.R).
    r = pd.read_csv(survival_fixtures / "survival_landmark.csv")
    covariates = {"agvhd": "agvhd", "platelet": "platelet"}
    dfs = landmark(bmt_endpoints, at=[90, 180], outcome="dfs", covariates=covariates, fixed=["group"], group="agvhd")
    relapse = landmark(bmt_endpoints, at=[90, 180], outcome="relapse", covariates=covariates, fixed=["group"],
                       group="agvhd")
    assert dfs.estimator == "kaplan_meier" and relapse.estimator == "cumulative_incidence"
    for day in (90, 180):
        ref = r[r.landmark == day].set_index("quantity").value
        summary = dfs.summary().set_index("landmark").loc[day]
        assert summary.n == ref["n"] and summary.events == ref["dfs_events"]
        cox = dfs.to_frame().query("landmark == @day").set_index("term")
        for term in cox.index:
            np.testing.assert_allclose(cox.coef[term], ref[f"dfs_coef_{term}"], **SAME)
            np.testing.assert_allclose(cox.se[term], ref[f"dfs_se_{term}"], **SAME)
        cs = relapse.to_frame().query("landmark == @day").set_index("term")
        for term in cs.index:
            np.testing.assert_allclose(cs.coef[term], ref[f"relapse_coef_{term}"], **SAME)
        km = dfs.at([100, 365]).query("landmark == @day")
        for row in km.itertuples():
            np.testing.assert_allclose(row.survival, ref[f"dfs_km_{row.group}_{row.time:g}"], **CLOSED)
        cif = relapse.at([100, 365]).query("landmark == @day")
        for row in cif.itertuples():
            np.testing.assert_allclose(row.estimate, ref[f"cif_{row.group}_1_{row.time:g}"], **CLOSED)


def test_landmark_conventions_on_hand_built_patients():
    # Outcome on the landmark day: not event-free at L, left out. aGVHD on day L counts at L.
    table = _table(os_day=[90, 91, 200, 300, 60], os_status=[1, 1, 0, 1, 1],
                   agvhd_2_4_day=[10, 90, 120, 91, 10], agvhd_2_4_status=[1, 1, 1, 1, 1])
    result = landmark(table, at=[90], outcome="os", covariates={"agvhd": "agvhd_2_4"}, horizon=150,
                      cox=False)
    data = result.analyses[0].data
    assert data.patient_id.tolist() == ["P2", "P3", "P4"]
    assert data.agvhd.tolist() == [1, 0, 0]
    assert data.time.tolist() == [1, 110, 150]  # P4 censored at the 150-day horizon
    assert data.status.tolist() == [1, 0, 0]
    assert result.analyses[0].n_excluded == 2 and result.analyses[0].cox is None


def test_landmark_bad_input(bmt_endpoints):
    with pytest.raises(InputError, match="expected one or more landmark days >= 0"):
        landmark(bmt_endpoints, at=[-5], outcome="dfs")
    with pytest.raises(InputError, match="group 'arm' must be one of the covariates"):
        landmark(bmt_endpoints, at=[90], outcome="dfs", group="arm")


def test_landmark_after_all_follow_up_is_empty_not_an_error():
    # Nobody is event-free at day 1000: the analysis says so, tables are empty.
    table = _table(os_day=[100, 200], os_status=[1, 0], agvhd_2_4_day=[10, 20], agvhd_2_4_status=[1, 1])
    result = landmark(table, at=[1000], outcome="os", covariates={"agvhd": "agvhd_2_4"}, group="agvhd")
    assert result.summary().n.tolist() == [0]
    assert result.at([365]).empty and result.to_frame().empty and result.curves().empty
    assert "no patient is event-free at day 1000" in result.analyses[0].notes
