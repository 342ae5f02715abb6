"""cumulative_incidence and Gray's test against R cmprsk::cuminc.

Expected values: tests/reference/cmprsk_cuminc.R (R 4.2, cmprsk 2.2-11),
which writes the input data, ``timepoints()`` estimates and variances on a
grid (every distinct time, the midpoints, 0 and past the last follow-up)
and ``cuminc()$Tests`` into tests/reference/fixtures/cmprsk_*.csv.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from tolerances import TOLERANCE

from graftline.stats import cumulative_incidence

DATASETS = [
    "bmt_relapse",  # KMsurv::bmt, relapse vs death in remission, 3 disease groups
    "bmt_platelet",  # KMsurv::bmt, platelet recovery vs death first
    "bmt_platelet_strata",  # same, Gray test stratified by FAB class
    "bmt_relapse_rho1",  # Gray test with rho = 1
    "ebmt4_relapse",  # mstate::ebmt4, 2279 patients, integer days, heavy ties
    "ebmt4_relapse_strata",  # 2 groups, 3 strata
    "ebmt3_platelet",  # mstate::ebmt3, platelet recovery vs relapse/death
    "ties",  # synthetic: 3 causes at shared integer days, group c lacks cause 3
    "ties_onegroup",  # no group: one curve per cause, no test
    "single",  # one subject
    "onecause",  # a single cause: CIF = 1 - KM
    "singular",  # Gray's score variance is singular
]


def _load(fixtures_dir, name):
    data = pd.read_csv(fixtures_dir / f"cmprsk_input_{name}.csv", dtype={"group": str, "strata": str})
    group = None if (data.group == "all").all() else data.group
    strata = None if (data.strata == "all").all() else data.strata
    return data, group, strata


@pytest.mark.parametrize("name", DATASETS)
def test_estimate_and_variance_equal_cuminc_timepoints(fixtures_dir, name):
    data, group, strata = _load(fixtures_dir, name)
    expected = pd.read_csv(fixtures_dir / f"cmprsk_cuminc_{name}.csv", dtype={"group": str})
    result = cumulative_incidence(data.time, data.status, group, strata=strata)
    got = result.at(np.sort(expected.time.unique()))
    got["group"] = got.group.astype(str)
    merged = expected.merge(got, on=["group", "cause", "time"], suffixes=("_r", ""), validate="1:1")
    assert len(merged) == len(expected)
    # NA in R (after the group's last follow-up) is NaN here, at the same places.
    np.testing.assert_array_equal(merged.estimate.isna(), merged.estimate_r.isna())
    np.testing.assert_allclose(merged.estimate, merged.estimate_r, **TOLERANCE["closed_form"])
    np.testing.assert_allclose(merged.variance, merged.variance_r, **TOLERANCE["closed_form"])


@pytest.mark.parametrize("name", [n for n in DATASETS if n not in {"ties_onegroup", "single", "onecause"}])
def test_gray_test_equals_cuminc_tests(fixtures_dir, name):
    data, group, strata = _load(fixtures_dir, name)
    expected = pd.read_csv(fixtures_dir / f"cmprsk_gray_{name}.csv")
    rho = 1.0 if name.endswith("rho1") else 0.0
    got = cumulative_incidence(data.time, data.status, group, strata=strata).gray_test(rho=rho)
    assert list(got.columns) == ["cause", "statistic", "df", "p_value"]
    np.testing.assert_array_equal(got.cause, expected.cause)
    np.testing.assert_array_equal(got.df, expected.df)
    if name == "singular":
        # cuminc's code for a singular variance is statistic -1, p-value 1;
        # graftline reports NaN for both (documented in gray_test).
        assert (expected.statistic == -1).all() and (expected.p_value == 1).all()
        assert got.statistic.isna().all() and got.p_value.isna().all()
        return
    np.testing.assert_allclose(got.statistic, expected.statistic, **TOLERANCE["closed_form"])
    np.testing.assert_allclose(got.p_value, expected.p_value, **TOLERANCE["p_value"])


def test_heavy_ties_group_without_a_cause_is_flat_zero(fixtures_dir):
    # Group "c" of the synthetic ties data never fails from cause 3 (the R script
    # recodes those to cause 1): cuminc reports 0 with variance 0 until the
    # group's last follow-up, NA after it.
    data, group, _ = _load(fixtures_dir, "ties")
    result = cumulative_incidence(data.time, data.status, group)
    frame = result.at([0.0, 10.0, 30.0, 31.0])
    flat = frame[(frame.group == "c") & (frame.cause == 3)]
    np.testing.assert_array_equal(flat.estimate.to_numpy()[:3], 0.0)
    np.testing.assert_array_equal(flat.variance.to_numpy()[:3], 0.0)
    assert np.isnan(flat.estimate.to_numpy()[3])
