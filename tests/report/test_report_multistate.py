"""The report's multi-state section on the simulated trial (tests/report/conftest.py).

The trial has an allo-HSCT arm (allo_pbsc_msc), an MST arm and a chemotherapy
arm: the section covers the allo-HSCT arm, and the MST arm only when its data
have both relapses and deaths; chemotherapy is never in it. Its CSV tables
must equal graftline.stats.multistate run on the same endpoint table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from graftline.report.multistate_section import multistate_arms
from graftline.stats.multistate import ebmt6_data, illness_death_data, multistate

CSV = {"rtol": 1e-9, "atol": 1e-12}


def test_section_covers_allo_and_mst_with_relapse_and_death(simulated_trial):
    root, report, endpoints = simulated_trial
    arms = multistate_arms(endpoints, ["chemo", "mst", "allo_pbsc_msc"])
    mst = endpoints[endpoints.arm == "mst"]
    expected = (["mst"] if ((mst.relapse_status == 1).any() and (mst.os_status == 1).any()) else []) + ["allo_pbsc_msc"]
    assert arms == expected
    html = report.index.read_text(encoding="utf-8")
    assert 'id="multistate"' in html and "Illness-death model" in html
    assert any(name.startswith("multistate_illness_death_") for name in report.figures)


def test_section_tables_equal_multistate(simulated_trial):
    _, report, endpoints = simulated_trial
    arms = multistate_arms(endpoints, ["chemo", "mst", "allo_pbsc_msc"])
    data = endpoints[endpoints.arm.astype(str).isin(arms)].copy()
    data["arm"] = data["arm"].astype(str)
    table = pd.read_csv(report.tables["multistate_probabilities"])
    for model, builder in (("illness_death", illness_death_data), ("ebmt6", ebmt6_data)):
        part = table[table.model == model]
        if model == "ebmt6":
            data = data[data.modality.astype(str) == "allo_hsct"]
        fit = multistate(builder(data), group="arm")
        days = sorted(part.time.unique())
        direct = fit.probabilities(days)
        merged = part.merge(direct, on=["group", "time", "state"], suffixes=("", "_direct"), validate="1:1")
        assert len(merged) == len(part) > 0
        np.testing.assert_allclose(merged.probability, merged.probability_direct, **CSV)
        np.testing.assert_allclose(merged.se, merged.se_direct, **CSV)
    stay = pd.read_csv(report.tables["multistate_time_in_state"])
    assert set(stay.model) == {"illness_death", "ebmt6"}
    totals = stay.groupby(["model", "group"]).agg(rmean=("rmean", "sum"), tau=("tau", "first"))
    np.testing.assert_allclose(totals.rmean, totals.tau, rtol=1e-9)   # time in states adds to tau
