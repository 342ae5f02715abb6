"""Multi-state data from the endpoint table: hand-built patients and identities.

Rules under test (docs/stats_multistate.md, docs/endpoints.md):
- endpoints.md "a relapse on the day of death makes the death relapse-related":
  relapse then death, the relapse half a day earlier;
- EBMT's ebmt4 stores acute GVHD half a day before platelet recovery of the
  same day (18 patients have ae = rec - 0.5), so same-day events are spread
  over the day with the last one kept on its day;
- a day-0 event or follow-up moves into (0, 0.5]; follow-up that ends on the
  day of the last event adds no row (R's tmerge writes none either);
- platelets that never fell (not applicable) start in platelet recovery.
Identities on a synthetic endpoint table: in the illness-death model
P(transplant) = PFS Kaplan-Meier; before the first censoring (day 100 here)
P(death) = 1 - OS Kaplan-Meier (after it the Aalen-Johansen P(death) is not
the Kaplan-Meier of OS, in R too: the two censoring corrections differ);
the transplant -> relapse hazard is the Nelson-Aalen cause-specific hazard
of the relapse endpoint (when relapse and death never share a day:
spreading same-day events over the day changes risk sets within it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from tolerances import TOLERANCE

from graftline.errors import InputError
from graftline.stats import from_endpoints, kaplan_meier, multistate
from graftline.stats.multistate.endpoints import ebmt6_data, illness_death_data


def _table(rows):
    columns = ["patient_id", "arm", "relapse_day", "relapse_status", "os_day", "os_status"]
    return pd.DataFrame(rows, columns=columns)


def _rows(data, patient):
    frame = data.frame
    return [tuple(r) for r in frame[frame.id == patient][["tstart", "tstop", "state"]].itertuples(index=False)]


def test_illness_death_rows_from_hand_built_patients():
    table = _table([
        ("P1", "a", 100, 1, 200, 1),   # relapse, later death
        ("P2", "a", 50, 1, 50, 1),     # relapse on the day of death: relapse-related death
        ("P3", "a", 30, 2, 30, 1),     # death without relapse
        ("P4", "b", 400, 0, 400, 0),   # censored
        ("P5", "b", 300, 1, 300, 0),   # relapse on the day of last contact
        ("P6", "b", 0, 2, 0, 1),       # death on day 0
    ])
    data = illness_death_data(table)
    assert _rows(data, "P1") == [(0, 100, "relapse"), (100, 200, "death")]
    assert _rows(data, "P2") == [(0, 49.5, "relapse"), (49.5, 50, "death")]
    assert _rows(data, "P3") == [(0, 30, "death")]
    assert _rows(data, "P4") == [(0, 400, "censor")]
    assert _rows(data, "P5") == [(0, 300, "relapse")]
    assert _rows(data, "P6") == [(0, 0.5, "death")]
    assert set(data.frame.arm) == {"a", "b"}
    multistate(data, group="arm")   # the rows are valid multi-state data


def test_ebmt6_rows_from_hand_built_patients():
    table = _table([
        ("Q1", "a", 500, 0, 500, 0),
        ("Q2", "a", 500, 0, 500, 0),
        ("Q3", "a", 100, 1, 150, 1),
    ])
    table["platelet_engraftment_day"] = [20, np.nan, 15]
    table["platelet_engraftment_status"] = [1, np.nan, 1]
    table["platelet_engraftment_applicable"] = [True, False, True]
    table["agvhd_2_4_day"] = [20, 30, 150]
    table["agvhd_2_4_status"] = [1, 1, 2]
    data = ebmt6_data(table)
    # same day: aGVHD half a day before platelet recovery, as in ebmt4
    assert _rows(data, "Q1") == [(0, 19.5, "agvhd"), (19.5, 20, "recovery_agvhd"), (20, 500, "censor")]
    # platelets never fell: starts recovered; aGVHD is then the move to "both"
    assert _rows(data, "Q2") == [(0, 30, "recovery_agvhd"), (30, 500, "censor")]
    assert data.frame[data.frame.id == "Q2"].initial_state.iloc[0] == "platelet_recovery"
    # relapse is absorbing: the later death is not a transition of this model
    assert _rows(data, "Q3") == [(0, 15, "platelet_recovery"), (15, 100, "relapse")]
    fit = multistate(data)
    assert fit.fits["all"].initial[1] == pytest.approx(1 / 3)


def test_event_after_follow_up_is_refused():
    table = _table([("P1", "a", 300, 1, 200, 0)])
    with pytest.raises(InputError, match=r"patient 'P1'\): relapse on day 300 is after the end of follow-up"):
        illness_death_data(table)


def _synthetic(n=400, seed=21):
    rng = np.random.default_rng(seed)
    relapse = np.ceil(rng.exponential(300, n))
    death_free = np.ceil(rng.exponential(600, n))
    after_relapse = 1 + np.ceil(rng.exponential(200, n))   # no same-day relapse and death here
    censor = np.ceil(rng.uniform(100, 1500, n))
    relapsed = (relapse <= death_free) & (relapse <= censor)
    death = np.where(relapsed, np.where(rng.random(n) < 0.8, relapse + after_relapse, np.inf), death_free)
    os_day = np.minimum(death, censor)
    os_status = (death <= censor).astype(int)
    relapse_day = np.where(relapsed, relapse, os_day)
    relapse_status = np.where(relapsed, 1, np.where(os_status == 1, 2, 0))
    table = _table(list(zip([f"S{i}" for i in range(n)], rng.choice(["a", "b"], n), relapse_day,
                            relapse_status, os_day, os_status, strict=True)))
    table["pfs_day"] = np.where(relapsed, relapse, os_day)
    table["pfs_status"] = np.where(relapsed | (os_status == 1), 1, 0)
    return table


def test_illness_death_agrees_with_pfs_os_and_the_relapse_hazard():
    table = _synthetic()
    fit = multistate(illness_death_data(table))
    days = np.array([30.0, 99.0, 365.0, 730.0])
    p = fit.probabilities(days).pivot(index="time", columns="state", values="probability")
    pfs = kaplan_meier(*from_endpoints(table, "pfs")).at(days).survival.to_numpy()
    os = kaplan_meier(*from_endpoints(table, "os")).at(days).survival.to_numpy()
    np.testing.assert_allclose(p["transplant"], pfs, **TOLERANCE["closed_form"])
    assert table.os_day[table.os_status == 0].min() >= 100          # no censoring before day 100
    np.testing.assert_allclose(p["death"][:2], 1 - os[:2], **TOLERANCE["closed_form"])
    hazard = fit.cumulative_hazard()
    hazard = hazard[(hazard.from_state == "transplant") & (hazard.to_state == "relapse")]
    time, status = from_endpoints(table, "relapse")
    cumulative = [np.sum([(status[time == t] == 1).sum() / (time >= t).sum() for t in np.unique(time[time <= d])])
                  for d in days]
    at = np.searchsorted(hazard.time.to_numpy(), days, side="right") - 1
    np.testing.assert_allclose(hazard.cumulative_hazard.to_numpy()[at], cumulative, **TOLERANCE["closed_form"])


def test_current_grfs_rows_from_hand_built_patients():
    """Current GRFS (Solomon 2017): back to the good state when GVHD therapy stops."""
    from graftline.stats.multistate.endpoints import current_grfs_data

    table = _table([
        ("G1", "a", 400, 0, 400, 0),   # therapy days 50-120, then free of it
        ("G2", "a", 200, 2, 200, 1),   # therapy from day 30, ongoing at death
        ("G3", "b", 300, 1, 350, 1),   # therapy 40-90, relapse (absorbing here)
        ("G4", "b", 500, 0, 500, 0),   # never on therapy
        ("G5", "b", 100, 1, 100, 0),   # therapy starting on the day of relapse does not count
    ])
    therapy = pd.DataFrame({"patient_id": ["G1", "G2", "G3", "G5"], "start_day": [50, 30, 40, 100],
                            "stop_day": [120, np.nan, 90, np.nan]})
    data = current_grfs_data(table, therapy)
    assert _rows(data, "G1") == [(0, 50, "gvhd"), (50, 120, "grfs"), (120, 400, "censor")]
    assert _rows(data, "G2") == [(0, 30, "gvhd"), (30, 200, "death")]
    assert _rows(data, "G3") == [(0, 40, "gvhd"), (40, 90, "grfs"), (90, 300, "relapse")]
    assert _rows(data, "G4") == [(0, 500, "censor")]
    assert _rows(data, "G5") == [(0, 100, "relapse")]
    current = multistate(data, group="arm").occupancy(["grfs"], [60.0, 150.0], name="current GRFS")
    assert current[current.group == "a"].probability.tolist() == [0.0, 0.5]   # G1 back in grfs at 150


def test_current_grfs_without_stops_is_grfs():
    """With therapy never stopping, being in 'grfs' is the first-event-free KM (GRFS)."""
    from graftline.stats.multistate.endpoints import current_grfs_data

    table = _synthetic(300, seed=4)
    rng = np.random.default_rng(5)
    start = np.ceil(rng.exponential(400, len(table)))
    therapy = pd.DataFrame({"patient_id": table.patient_id, "start_day": start, "stop_day": np.nan})
    data = current_grfs_data(table, therapy)
    first = np.minimum.reduce([np.where(start <= table.os_day, start, np.inf),
                               np.where(table.relapse_status == 1, table.relapse_day, np.inf),
                               np.where(table.os_status == 1, table.os_day, np.inf)])
    time = np.where(np.isfinite(first), first, table.os_day)
    days = np.array([50.0, 200.0, 500.0])
    km = kaplan_meier(time, np.isfinite(first)).at(days).survival.to_numpy()
    got = multistate(data).occupancy(["grfs"], days).probability.to_numpy()
    np.testing.assert_allclose(got, km, **TOLERANCE["closed_form"])


def test_current_lfs_rows_and_occupancy():
    """Current LFS (Klein 2000): a second remission after relapse counts as leukaemia-free again."""
    from graftline.stats.multistate.endpoints import current_lfs_data

    table = _table([
        ("L1", "a", 100, 1, 600, 0),    # relapse, second remission on day 160, alive at 600
        ("L2", "a", 80, 1, 300, 1),     # relapse, remission 120, second relapse 200, death 300
        ("L3", "a", 400, 0, 400, 0),    # in first remission throughout
        ("L4", "a", 50, 2, 50, 1),      # death without relapse
    ])
    remissions = pd.DataFrame({"patient_id": ["L1", "L2"], "remission_day": [160, 120],
                               "relapse_day": [np.nan, 200]})
    data = current_lfs_data(table, remissions)
    assert _rows(data, "L1") == [(0, 100, "relapse"), (100, 160, "remission2"), (160, 600, "censor")]
    assert _rows(data, "L2") == [(0, 80, "relapse"), (80, 120, "remission2"), (120, 200, "relapse2"),
                                 (200, 300, "death")]
    assert _rows(data, "L3") == [(0, 400, "censor")]
    assert _rows(data, "L4") == [(0, 50, "death")]
    current = multistate(data).occupancy(["remission", "remission2"], [90.0, 130.0, 250.0]).probability
    # day 90: L3 in remission (L1 too, until 100), L2 relapsed, L4 dead -> 2/4;
    # day 130: L3 and L2 (second remission) -> 2/4; day 250: L1 and L3 -> 2/4
    assert current.tolist() == pytest.approx([0.5, 0.5, 0.5])
