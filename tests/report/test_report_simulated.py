"""The whole pipeline on a simulated trial: simulate -> ingest -> endpoints -> report
(tests/report/conftest.py builds it once per session).

The report is built from the cohort store (endpoints derived inside
build_report); the test derives the endpoint table itself and recomputes the
report's numbers with graftline.stats and SciPy.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats as scipy_stats

from graftline.cohort import connect
from graftline.endpoints import competing
from graftline.stats import cumulative_incidence, fine_gray, kaplan_meier

CSV = {"rtol": 1e-9, "atol": 1e-12}
ARMS = ["chemo", "mst", "allo_pbsc_msc"]


@pytest.fixture(scope="module")
def trial(simulated_trial):
    return simulated_trial


def _csv(report, name):
    return pd.read_csv(report.tables[name])


def _arm(endpoints, name):
    applicable = f"{name}_applicable"
    frame = endpoints[endpoints[applicable].fillna(True).astype(bool)] if applicable in endpoints else endpoints
    return frame["arm"].astype(str).to_numpy()


def test_engraftment_incidence_equals_stats(trial):
    _, report, endpoints = trial
    time, status = competing(endpoints, "neutrophil_engraftment")
    direct = cumulative_incidence(time, status, group=_arm(endpoints, "neutrophil_engraftment")).at([14, 28, 100])
    direct = direct[direct["cause"] == 1].rename(columns={"group": "arm", "time": "day"})
    table = _csv(report, "landmarks").query("endpoint == 'neutrophil_engraftment'")
    merged = table.merge(direct, on=["arm", "day"], suffixes=("", "_direct"))
    assert len(merged) == 9
    same = merged[~merged["carried_forward"]]
    np.testing.assert_allclose(same["estimate"], same["estimate_direct"], **CSV)
    np.testing.assert_allclose(same["variance"], same["variance_direct"], **CSV)
    # Every simulated patient engrafts or dies: after an arm's last engraftment its
    # incidence is final and carried forward (R's timepoints gives NA there).
    carried = merged[merged["carried_forward"]]
    assert carried["estimate"].notna().all() and carried["estimate_direct"].isna().all()


def test_overall_survival_equals_stats(trial):
    _, report, endpoints = trial
    time, status = competing(endpoints, "os")
    fit = kaplan_meier(time, status, group=endpoints["arm"].astype(str).to_numpy())
    medians = _csv(report, "medians").query("endpoint == 'os'").set_index("arm")
    for row in fit.median().itertuples():
        np.testing.assert_allclose(medians.loc[row.group, "median_day"], row.median, **CSV)
    direct = fit.at([365]).set_index("group")
    table = _csv(report, "landmarks").query("endpoint == 'os' and day == 365").set_index("arm")
    np.testing.assert_allclose(table.loc[ARMS, "estimate"], direct.loc[ARMS, "survival"], **CSV)


def test_relapse_fine_gray_equals_stats(trial):
    _, report, endpoints = trial
    table = _csv(report, "hazard_ratios").query("endpoint == 'relapse'")
    # The seeded trial has enough relapses for the model, so the rows must be
    # there (an early return on an empty table let a missing model pass).
    assert table["term"].tolist() == ["armmst", "armallo_pbsc_msc", "age", "disease_riskfavorable",
                                      "disease_riskintermediate"]
    time, status = competing(endpoints, "relapse")
    patients = connect(str(trial[0] / "cohort.duckdb"), read_only=True).table("patients").to_pandas()
    age = endpoints[["patient_id"]].merge(patients, on="patient_id", how="left")["age"].to_numpy()
    covariates = pd.DataFrame({"arm": pd.Categorical(endpoints["arm"], categories=ARMS), "age": age,
                               "disease_risk": endpoints[["patient_id"]].merge(
                                   patients, on="patient_id", how="left")["disease_risk"].to_numpy()})
    direct = fine_gray(time, status, covariates, cause=1).to_frame().set_index("term")
    table = table.set_index("term")
    np.testing.assert_allclose(table["coef"], direct.loc[table.index, "coef"], **CSV)
    np.testing.assert_allclose(table["se"], direct.loc[table.index, "se"], **CSV)


def test_table1_from_the_store(trial):
    root, report, endpoints = trial
    display = _csv(report, "table1")
    assert list(display.columns[2:5]) == [f"{arm} (n=40)" for arm in ARMS]
    patients = connect(str(root / "cohort.duckdb"), read_only=True).table("patients").to_pandas()
    arms = endpoints[["patient_id", "arm"]].merge(patients, on="patient_id")
    kw = scipy_stats.kruskal(*[arms.loc[arms["arm"] == a, "age"] for a in ARMS])
    age = _csv(report, "table1_tests").set_index("variable").loc["age"]
    np.testing.assert_allclose(age["p_value"], kw.pvalue, **CSV)


def test_methods_name_the_preset_and_the_store_warnings_section_exists(trial):
    _, report, endpoints = trial
    html = report.index.read_text()
    assert "preset &#x27;cibmtr&#x27; without deviations" in html
    assert "Appendix: data quality" in html
    assert not any(pid in html for pid in endpoints["patient_id"])
