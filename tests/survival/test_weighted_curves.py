"""Weighted Kaplan-Meier and cumulative incidence with robust (IJ) SEs, against R survival 3.5.

Expected values: tests/reference/survival_weighted.R on KMsurv::bmt with
inverse probability of treatment weights (methotrexate ~ patient and donor
age), whole-number weights, and clusters ("centres" of 2-3 patients):

- kaplan_meier: survfit(Surv(t2, d3) ~ 1 [or ~ group], weights = w
  [, id = ...] [, robust = TRUE]); summary() at every event time.
- cumulative_incidence: multi-state survfit(Surv(t2, state) ~ 1, weights = w,
  id = id); pstate and std.err at every time.

Also: unweighted fits without id are unchanged (Greenwood, cmprsk).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from tolerances import TOLERANCE

from graftline.errors import InputError
from graftline.stats import cumulative_incidence, kaplan_meier


@pytest.fixture(scope="module")
def data(fixtures_dir):
    return pd.read_csv(fixtures_dir / "survival_weighted_input.csv", dtype={"group": str})


@pytest.fixture(scope="module")
def km_reference(fixtures_dir):
    return pd.read_csv(fixtures_dir / "survival_weighted_km.csv", dtype={"group": str})


KM_CASES = {
    "iptw": dict(weights="w"),                                   # non-integer weights: robust by default
    "iptw_group": dict(weights="w", group="group"),
    "iptw_id": dict(weights="w", id="id"),
    "iptw_centre": dict(weights="w", id="centre"),               # clustered robust variance
    "whole_greenwood": dict(weights="whole"),                    # whole weights: weighted Greenwood
    "whole_robust": dict(weights="whole", robust=True),
    "centre_unweighted": dict(id="centre"),                      # repeated id among events: robust
}


@pytest.mark.parametrize("case", list(KM_CASES))
def test_weighted_kaplan_meier_equals_survfit(data, km_reference, case):
    options = dict(KM_CASES[case])
    data = data.assign(id=np.arange(len(data)))
    kwargs = {k: data[v] for k, v in options.items() if k in ("weights", "id", "group")}
    if "robust" in options:
        kwargs["robust"] = options["robust"]
    got = kaplan_meier(data.time, data.dfs, **kwargs).to_frame()
    expected = km_reference[km_reference.case == case].reset_index(drop=True)
    assert len(got) == len(expected)
    np.testing.assert_array_equal(got.time, expected.time)
    for column in ("n_risk", "n_event", "survival", "std_err", "lower", "upper"):
        np.testing.assert_allclose(got[column], expected[column], **TOLERANCE["closed_form"], err_msg=column)


def test_robust_and_greenwood_differ_as_the_issue_says(data, km_reference):
    """The weighted Greenwood SE is not the robust one (here by up to ~40 %)."""
    robust = km_reference[km_reference.case == "iptw"].std_err.to_numpy()
    greenwood = kaplan_meier(data.time, data.dfs, weights=data.w, robust=False).to_frame().std_err.to_numpy()
    assert np.nanmax(np.abs(greenwood / robust - 1)) > 0.2


def test_unweighted_kaplan_meier_is_unchanged(data):
    """Without weights or id the Greenwood path runs (integer counts), as before."""
    fit = kaplan_meier(data.time, data.dfs)
    assert fit.n_risk.dtype.kind == "i"
    ones = kaplan_meier(data.time, data.dfs, weights=np.ones(len(data)), robust=False)
    np.testing.assert_allclose(ones.survival, fit.survival, rtol=0, atol=0)
    np.testing.assert_allclose(ones.std_err, fit.std_err, rtol=1e-14)


@pytest.fixture(scope="module")
def cif_reference(fixtures_dir):
    return pd.read_csv(fixtures_dir / "survival_weighted_cif.csv", dtype={"group": str})


@pytest.mark.parametrize("case, options", [
    ("iptw", dict(weights="w")),
    ("iptw_group", dict(weights="w", group="group")),
    ("unweighted", dict(variance="ij")),
])
def test_weighted_cumulative_incidence_equals_multistate_survfit(data, cif_reference, case, options):
    kwargs = {k: (data[v] if k in ("weights", "group") else v) for k, v in options.items()}
    result = cumulative_incidence(data.time, data.status, **kwargs)
    assert result.variance_method == "ij"
    expected = cif_reference[cif_reference.case == case]
    got = result.at(np.sort(expected.time.unique()))
    merged = expected.merge(got, on=["group", "cause", "time"], validate="1:1")
    assert len(merged) == len(expected)
    np.testing.assert_allclose(merged.estimate_y, merged.estimate_x, **TOLERANCE["closed_form"])
    np.testing.assert_allclose(np.sqrt(merged.variance), merged.std_err, **TOLERANCE["closed_form"])


def test_unweighted_cumulative_incidence_keeps_cmprsk_variance(data):
    default = cumulative_incidence(data.time, data.status)
    assert default.variance_method == "cmprsk"
    ij = cumulative_incidence(data.time, data.status, variance="ij")
    a, b = default.at([100.0, 365.0]), ij.at([100.0, 365.0])
    np.testing.assert_allclose(a.estimate, b.estimate, **TOLERANCE["closed_form"])
    assert not np.allclose(a.variance, b.variance, rtol=1e-3)


def test_weighted_cumulative_incidence_refuses_gray_and_cmprsk_variance(data):
    fit = cumulative_incidence(data.time, data.status, data.group, weights=data.w)
    with pytest.raises(InputError, match="Gray's test has no weighted form"):
        fit.gray_test()
    with pytest.raises(InputError, match="cmprsk's variance takes neither weights nor id"):
        cumulative_incidence(data.time, data.status, weights=data.w, variance="cmprsk")


def test_weights_are_checked(data):
    bad = data.w.to_numpy().copy()
    bad[7] = -1.0
    with pytest.raises(InputError, match=r"weights\[7\] = -1.0; expected a finite weight > 0"):
        kaplan_meier(data.time, data.dfs, weights=bad)
    with pytest.raises(InputError, match="weights has 3 values but time has 137"):
        cumulative_incidence(data.time, data.status, weights=[1.0, 2.0, 3.0])


def test_weighted_cif_sums_with_weighted_km(data):
    """sum over causes of the weighted CIF = 1 - weighted KM of any failure (same IJ unit)."""
    cif = cumulative_incidence(data.time, data.status, weights=data.w).at([50.0, 200.0, 1000.0])
    km = kaplan_meier(data.time, data.status > 0, weights=data.w).at([50.0, 200.0, 1000.0])
    total = cif.groupby("time").estimate.sum().to_numpy()
    np.testing.assert_allclose(total, 1 - km.survival.to_numpy(), **TOLERANCE["closed_form"])
