"""Per-patient prediction from virtual replicates."""

from __future__ import annotations

import numpy as np
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
