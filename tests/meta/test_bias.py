"""egger_test equals metafor::regtest and trim_and_fill equals metafor::trimfill (defaults)."""

import numpy as np
import pytest
from meta_reference import RMA, assert_close

from graftline.errors import InputError
from graftline.meta import egger_test, pool, trim_and_fill

BCG = RMA["bcg"]


@pytest.mark.parametrize("key", list(BCG["regtest"]))
def test_egger_matches_regtest(key):
    # R: regtest(rma(yi, vi, data = bcg, method = M, test = T))  (model = "rma", predictor = "sei")
    method, test = key.rsplit("_", 1)
    ref = BCG["regtest"][key]
    out = egger_test(pool(BCG["yi"], BCG["vi"], method=method, test=test))
    kind = "iterative" if method == "REML" else "closed_form"
    assert_close(out.statistic, ref["statistic"], kind, "statistic")
    assert_close(out.p_value, ref["p_value"], kind, "p")
    assert_close(out.limit_estimate, ref["limit_estimate"], kind, "limit estimate")
    assert_close(out.limit_ci_lower, ref["limit_ci_lower"], kind, "limit CI")
    assert_close(out.limit_ci_upper, ref["limit_ci_upper"], kind, "limit CI")


def test_egger_hackshaw():
    ref = RMA["hackshaw"]["regtest_REML_z"]
    out = egger_test(pool(RMA["hackshaw"]["yi"], RMA["hackshaw"]["vi"]))
    assert_close(out.statistic, ref["statistic"], "iterative")
    assert_close(out.limit_estimate, ref["limit_estimate"], "iterative")


@pytest.mark.parametrize("dataset,method", [("bcg", "REML"), ("bcg", "FE"), ("bcg", "DL"),
                                            ("hackshaw", "REML"), ("hackshaw", "FE")])
def test_trim_and_fill_matches_trimfill(dataset, method):
    # R: trimfill(rma(yi, vi, data = <dataset>, method = M))  (estimator L0, side estimated)
    data = RMA[dataset]
    ref = data["trimfill"][method]
    out = trim_and_fill(pool(data["yi"], data["vi"], method=method))
    assert out.k0 == ref["k0"]
    assert out.side == ref["side"]
    kind = "closed_form" if method in {"FE", "DL"} else "iterative"
    assert_close(out.filled_yi, ref["filled_yi"], kind, "filled yi")
    assert_close(out.filled_vi, ref["filled_vi"], kind, "filled vi")
    for name in ["estimate", "se", "ci_lower", "ci_upper", "p_value", "tau2"]:
        assert_close(getattr(out.result, name), ref[name], kind, name)
    assert out.result.k == len(data["yi"]) + ref["k0"]


def test_mirrored_data_give_mirrored_fill():
    # Identity: negating every effect swaps the side and negates the filled
    # studies and the adjusted estimate; k0 is unchanged.
    data = RMA["hackshaw"]
    y, v = np.asarray(data["yi"]), np.asarray(data["vi"])
    a = trim_and_fill(pool(y, v, method="FE"))
    b = trim_and_fill(pool(-y, v, method="FE"))
    assert (a.side, b.side) == ("left", "right")
    assert a.k0 == b.k0 > 0
    np.testing.assert_allclose(b.filled_yi, -a.filled_yi, rtol=1e-12)
    assert b.result.estimate == pytest.approx(-a.result.estimate, rel=1e-12)


def test_bias_tests_reject_models_with_moderators():
    res = pool(BCG["yi"], BCG["vi"], mods=BCG["ablat"])
    with pytest.raises(InputError, match="without moderators"):
        egger_test(res)
    with pytest.raises(InputError, match="without moderators"):
        trim_and_fill(res)
