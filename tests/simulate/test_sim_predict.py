"""Per-patient prediction from virtual replicates."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from graftline.errors import InputError
from graftline.simulate import custom_arm
from graftline.simulate.predict import predict_engraftment


def _median(prediction, endpoint):
    return prediction.summary(endpoint)["median"]


def test_pbsc_plan_predicts_the_calibrated_median_with_an_interval():
    # 5e6 CD34+/kg PBSC is the allo_pbsc arm's median dose (Champlin 2000: 14 / 18 days).
    prediction = predict_engraftment(custom_arm(modality="allo_hsct", graft_source="pbsc", cd34_per_kg=5e6),
                                     replicates=1000, seed=4)
    frame = prediction.to_frame().set_index("endpoint")
    assert abs(frame.loc["neutrophil_engraftment", "median"] - 14) <= 1
    assert abs(frame.loc["platelet_engraftment", "median"] - 18) <= 1.5
    assert (frame["lower"] < frame["median"]).all() and (frame["median"] < frame["upper"]).all()


def test_dose_msc_and_source_move_the_prediction_the_right_way():
    def plan(**kw):
        return predict_engraftment(custom_arm(modality="allo_hsct", **kw), replicates=600, seed=2)

    low = plan(graft_source="pbsc", cd34_per_kg=2e6)
    high = plan(graft_source="pbsc", cd34_per_kg=8e6)
    msc = plan(graft_source="pbsc", cd34_per_kg=2e6, msc=True)
    cord = plan(graft_source="cord", cd34_per_kg=2e5)
    for endpoint in ("neutrophil", "platelet"):
        assert _median(high, endpoint) < _median(low, endpoint)
        assert _median(msc, endpoint) < _median(low, endpoint)
        assert _median(cord, endpoint) > _median(low, endpoint)


def test_same_seed_same_prediction_and_plot(tmp_path):
    plan = custom_arm(modality="mst", graft_source="pbsc", cd34_per_kg=1.5e6)
    a = predict_engraftment(plan, replicates=200, seed=9)
    b = predict_engraftment(plan, replicates=200, seed=9)
    np.testing.assert_array_equal(a.neutrophil_days, b.neutrophil_days)
    a.plot(tmp_path / "counts.png")
    assert (tmp_path / "counts.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_too_few_replicates():
    with pytest.raises(InputError, match="replicates must be an integer >= 10"):
        predict_engraftment(custom_arm(modality="chemo"), replicates=3)


def test_the_medians_interval_is_parameter_uncertainty_without_monte_carlo_noise():
    # 2000 replicates = 40 posterior draws of 50. With every draw the same
    # (the posterior median repeated) the per-draw medians differ only by
    # Monte Carlo error, which the interval removes: it collapses to (almost)
    # a point. With the shipped posterior it has the calibration's width: Guo
    # 2011's chemotherapy arm had 28 patients, so its median pins the
    # chemotherapy kill only to about +/- 1.5 days (1 SE).
    from graftline.simulate.calibrate import load_posterior

    plan = custom_arm(modality="chemo")
    posterior = load_posterior()
    same = pd.concat([posterior.median().to_frame().T] * 40, ignore_index=True)
    point = predict_engraftment(plan, replicates=2000, seed=1, draws=same).summary("neutrophil")
    assert point["median_upper"] - point["median_lower"] <= 1.0
    spread = predict_engraftment(plan, replicates=2000, seed=1).summary("neutrophil")
    assert spread["median_upper"] - spread["median_lower"] >= 3.0
    assert spread["median_lower"] <= point["median"] <= spread["median_upper"]
    # The patient's 80 % interval contains the median's 95 % interval.
    assert spread["lower"] <= spread["median_lower"] and spread["median_upper"] <= spread["upper"]


def test_fixed_parameters_give_no_interval_for_the_median():
    plan = custom_arm(modality="allo_hsct", graft_source="bm", cd34_per_kg=3e6)
    frame = predict_engraftment(plan, replicates=100, seed=2, parameter_uncertainty=False).to_frame()
    assert frame["median_lower"].isna().all() and frame["median_upper"].isna().all()
    assert frame["lower"].notna().all()


def test_gcsf_after_chemotherapy_shortens_neutropenia():
    # G-CSF after chemotherapy shortens neutropenia (Lord et al. 1989: shorter
    # marrow transit); the same replicates (seed) with and without it.
    def neutrophil(**kw):
        plan = custom_arm(modality="chemo", **kw)
        return _median(predict_engraftment(plan, replicates=400, seed=5, parameter_uncertainty=False), "neutrophil")

    assert neutrophil(gcsf=True) < neutrophil()
