"""Bad input to the competing-risks functions: clear errors that name the
position, value and what was expected (messages are matched)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from graftline.errors import InputError
from graftline.stats import cumulative_incidence, fine_gray, from_endpoints


def test_negative_time_is_named():
    with pytest.raises(InputError, match=r"time\[1\] is -2.0; expected a finite time >= 0"):
        cumulative_incidence([1.0, -2.0, 3.0], [1, 0, 2])


def test_nan_time_is_named():
    with pytest.raises(InputError, match=r"time\[2\] is missing \(NaN\)"):
        cumulative_incidence([1.0, 2.0, np.nan], [1, 0, 2])


def test_status_outside_declared_causes():
    with pytest.raises(InputError, match=r"status\[2\] = 7 is not a declared status code; expected one of \[0, 1, 2\]"):
        cumulative_incidence([1.0, 2.0, 3.0], [1, 2, 7], causes=[1, 2])


def test_non_integer_status():
    with pytest.raises(InputError, match=r"status\[0\] = 1.5 is not an integer status code"):
        cumulative_incidence([1.0, 2.0], [1.5, 0])


def test_group_of_size_zero():
    group = pd.Series(pd.Categorical(["mst", "mst", "chemo"], categories=["chemo", "msc", "mst"]))
    with pytest.raises(InputError, match=r"declares level \['msc'\] with no subjects \(a group of size 0\)"):
        cumulative_incidence([1.0, 2.0, 3.0], [1, 0, 2], group)


def test_length_mismatch():
    with pytest.raises(InputError, match="status has 2 values but time has 3"):
        cumulative_incidence([1.0, 2.0, 3.0], [1, 0])


def test_gray_test_needs_two_groups():
    with pytest.raises(InputError, match="at least two levels"):
        cumulative_incidence([1.0, 2.0, 3.0], [1, 0, 2]).gray_test()


def test_bad_conf_level():
    with pytest.raises(InputError, match="conf_level = 95"):
        cumulative_incidence([1.0, 2.0, 3.0], [1, 0, 2]).at([1.0], conf_level=95)


def test_fine_gray_singular_covariates_named():
    rng = np.random.default_rng(0)
    x = pd.DataFrame({"age": rng.normal(50, 10, 40), "cd34": rng.normal(5, 1, 40)})
    x["age_months"] = x.age * 12
    with pytest.raises(InputError, match=r"collinear.*'age_months' is a linear combination of \['age'\]"):
        fine_gray(rng.exponential(size=40), rng.choice([0, 1, 2], 40), x)


def test_fine_gray_without_the_cause():
    with pytest.raises(InputError, match="no subject has status 1"):
        fine_gray([1.0, 2.0, 3.0], [0, 2, 2], np.array([[0.1], [0.5], [0.2]]))


def test_fine_gray_covariate_rows_must_match():
    with pytest.raises(InputError, match="covariates has 2 rows but time has 3"):
        fine_gray([1.0, 2.0, 3.0], [1, 2, 0], np.array([[0.1], [0.5]]))


def test_from_endpoints_reads_day_and_status():
    table = pd.DataFrame({"neutrophil_engraftment_day": [12, 30, 9],
                          "neutrophil_engraftment_status": [1, 0, 2], "arm": ["mst", "chemo", "mst"]})
    time, status = from_endpoints(table, "neutrophil_engraftment")
    np.testing.assert_array_equal(time, [12.0, 30.0, 9.0])
    np.testing.assert_array_equal(status, [1, 0, 2])
    assert time.dtype == np.float64 and status.dtype == np.int64
    # feeds the estimator directly, with a group column of the same rows
    res = cumulative_incidence(time, status, group=table["arm"])
    assert res.groups == ("chemo", "mst")


def test_from_endpoints_errors():
    table = pd.DataFrame({"nrm_day": [10, None], "nrm_status": [1, 0]}, index=["p1", "p2"])
    with pytest.raises(InputError, match=r"row 'p2', column nrm_day: empty; expected a number"):
        from_endpoints(table, "nrm")
    with pytest.raises(InputError, match=r"no column \['relapse_day', 'relapse_status'\]; endpoints present: \['nrm'\]"):
        from_endpoints(table, "relapse")
    table = pd.DataFrame({"nrm_day": [10, 5], "nrm_status": [1, 3]})
    with pytest.raises(InputError, match=r"row 1, column nrm_status: 3 is not a status code"):
        from_endpoints(table, "nrm")
    table = pd.DataFrame({"e_day": [10, 5], "e_status": [1, 0], "e_applicable": [True, False]})
    with pytest.raises(InputError, match="1 row\\(s\\) have e_applicable = False"):
        from_endpoints(table, "e")
