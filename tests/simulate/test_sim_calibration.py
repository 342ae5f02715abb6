"""Joint calibration: the shipped posterior reproduces every published target
within the source's uncertainty, and the default (posterior-mode) parameters
reproduce the published medians when labs go through the real endpoint
engine (``graftline.endpoints``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from graftline.simulate import population
from graftline.simulate.calibrate import TARGETS, calibration_table, load_posterior

from .helpers import engraftment_from_tables


def engine_days(endpoints: pd.DataFrame) -> pd.DataFrame:
    """Engraftment day where the engine reports the event (status 1), else NaN."""
    out = {"patient_id": endpoints["patient_id"], "arm": endpoints["arm"]}
    for endpoint in ("neutrophil", "platelet"):
        event = (endpoints[f"{endpoint}_engraftment_status"] == 1).fillna(False).to_numpy(bool)
        day = endpoints[f"{endpoint}_engraftment_day"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        out[endpoint] = np.where(event, day, np.nan)
    return pd.DataFrame(out)


@pytest.fixture(scope="module")
def days(calibration_endpoints):
    return engine_days(calibration_endpoints)


@pytest.fixture(scope="module")
def table():
    # 60 posterior draws x 120 patients per arm: ~43,000 virtual patients.
    return calibration_table(max_draws=60, n_per_draw=120)


def test_shipped_posterior_has_every_parameter_and_positive_draws():
    draws = load_posterior()
    assert list(draws.columns) == list(population.NAMES)
    assert len(draws) >= 100 and (draws.to_numpy() > 0).all()


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_published_value_inside_the_posterior_predictive_interval(table, target):
    # A trial of the published size simulated under each posterior draw: the
    # published value (Guo 2011, Champlin 2000, Barker 2005 medians; the 2021
    # meta-analysis SMDs with their p-value-derived SE) must be a plausible
    # outcome (inside the 95 % predictive interval) ...
    row = table.set_index("target").loc[target.name]
    assert row["predictive_low"] <= target.published <= row["predictive_high"], row.to_dict()
    # ... and the simulated population statistic within 2 SE-equivalents of it.
    if target.se:
        assert abs(row["simulated"] - target.published) <= 1.96 * target.se
    else:
        assert abs(row["simulated"] - target.published) <= 1.5


@pytest.mark.parametrize("target", [t for t in TARGETS if t.statistic == "median"], ids=lambda t: t.name)
def test_default_parameters_reproduce_medians_through_the_endpoint_engine(days, target):
    values = days.loc[days["arm"] == target.arm, target.endpoint].dropna()
    assert abs(values.median() - target.published) <= 1.0


def test_private_vectorised_rules_agree_with_the_endpoint_engine(calibration_cohort, days):
    # The simulator's own CIBMTR implementation (used for prediction, power and
    # the benchmark) must give exactly the engine's day for every patient.
    mine = engraftment_from_tables(calibration_cohort).set_index("patient_id").loc[days["patient_id"]]
    for endpoint in ("neutrophil", "platelet"):
        np.testing.assert_array_equal(mine[endpoint].to_numpy(), days[endpoint].to_numpy())


def test_recovery_ordering(days):
    med = days.groupby("arm")[["neutrophil", "platelet"]].median()
    for endpoint in ("neutrophil", "platelet"):
        assert med.loc["allo_cord", endpoint] > med.loc["allo_bm", endpoint] > med.loc["allo_pbsc", endpoint]
        assert med.loc["mst", endpoint] < med.loc["chemo", endpoint]


def test_msc_speeds_engraftment_on_the_same_graft(days):
    by_arm = days.groupby("arm")[["neutrophil", "platelet"]].mean()
    assert by_arm.loc["allo_pbsc_msc", "neutrophil"] < by_arm.loc["allo_pbsc", "neutrophil"] - 0.5
    assert by_arm.loc["allo_pbsc_msc", "platelet"] < by_arm.loc["allo_pbsc", "platelet"]


def test_heldout_outcomes_are_predicted_with_an_interval_and_documented():
    # Outcomes the fit never saw (HELDOUT: a single-centre MST series' median
    # recoveries) are predicted for a trial of the published size. Whether the
    # published value falls inside the interval is a result, not a test: it is
    # written in docs/simulator.md either way (which this test checks).
    from pathlib import Path

    from graftline.simulate.calibrate import HELDOUT

    assert not {t.name for t in HELDOUT} & {t.name for t in TARGETS}
    table = calibration_table(targets=HELDOUT, max_draws=30, n_per_draw=100).set_index("target")
    for target in HELDOUT:
        row = table.loc[target.name]
        assert row["published"] == target.published
        assert row["predictive_low"] < row["simulated"] < row["predictive_high"]
        assert row["inside_predictive"] == (row["predictive_low"] <= target.published <= row["predictive_high"])
    docs = (Path(__file__).parents[2] / "docs" / "simulator.md").read_text()
    section = docs[docs.index("## Held-out check"):]
    for target in HELDOUT:
        assert target.name in section and f"{target.published:g}" in section
