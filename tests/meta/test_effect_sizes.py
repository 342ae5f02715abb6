"""effect_sizes equals metafor::escalc (metafor 3.8, defaults) for every measure."""

import math

import numpy as np
import pytest
from meta_reference import ESCALC, assert_close

from graftline.errors import InputError
from graftline.meta import MEASURE_COLUMNS, effect_sizes
from graftline.meta.effect_sizes import hedges_correction

CASES = ESCALC["cases"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['name']}-{c['measure']}" for c in CASES])
def test_matches_escalc(case):
    # R: escalc(measure = <measure>, ...) on the metafor dataset named in the id
    # (tests/reference/meta_escalc.R).
    out = effect_sizes(case["measure"], **case["inputs"])
    assert_close(out["yi"], case["yi"], what="yi")
    assert_close(out["vi"], case["vi"], what="vi")


def test_every_measure_is_checked_against_r():
    assert {c["measure"] for c in CASES} == set(MEASURE_COLUMNS)


def test_continuity_correction_only_touches_studies_with_a_zero_cell():
    # Study 1 has no zero cell: plain log RR = log((10/50)/(20/50)) = log(0.5),
    # variance 1/10 - 1/50 + 1/20 - 1/50. Study 2 has 0 events in arm 1, so
    # 1/2 is added to all four cells: a = 0.5, b = 50.5, c = 5.5, d = 45.5.
    out = effect_sizes("RR", events1=[10, 0], n1=[50, 50], events2=[20, 5], n2=[50, 50])
    assert out["yi"][0] == pytest.approx(np.log(0.5))
    assert out["vi"][0] == pytest.approx(1 / 10 - 1 / 50 + 1 / 20 - 1 / 50)
    assert out["yi"][1] == pytest.approx(np.log((0.5 / 51) / (5.5 / 51)))
    assert out["vi"][1] == pytest.approx(1 / 0.5 - 1 / 51 + 1 / 5.5 - 1 / 51)


def test_hedges_correction_is_the_gamma_function_form():
    # c(m) = Gamma(m/2) / (sqrt(m/2) Gamma((m-1)/2)), evaluated here directly with
    # math.gamma (graftline works on the log scale). For m = 20 by hand:
    # Gamma(10) = 9! and Gamma(9.5) = (17!! / 2^9) sqrt(pi).
    m = np.array([2.0, 3.0, 10.0, 20.0, 57.0])
    direct = [math.gamma(k / 2) / (math.sqrt(k / 2) * math.gamma((k - 1) / 2)) for k in m]
    assert_close(hedges_correction(m), direct)
    double_factorial_17 = math.prod(range(17, 0, -2))
    by_hand = math.factorial(9) / (math.sqrt(10) * double_factorial_17 / 2**9 * math.sqrt(math.pi))
    assert_close(hedges_correction(np.array([20.0])), by_hand)
    # Its classic approximation 1 - 3/(4m - 1) is within 1e-4 at m = 20 (Hedges 1981).
    assert hedges_correction(np.array([20.0]))[0] == pytest.approx(1 - 3 / 79, abs=1e-4)
    assert np.isnan(hedges_correction(np.array([1.0]))[0])


def test_events_larger_than_n_is_rejected_with_the_row():
    with pytest.raises(InputError, match=r"row 1: events = 12 is larger than n = 10"):
        effect_sizes("PR", events=[3, 12], n=[10, 10])


def test_missing_column_is_named():
    with pytest.raises(InputError, match="measure MD needs columns sd2"):
        effect_sizes("MD", n1=[10], mean1=[1], sd1=[1], n2=[10], mean2=[1])


def test_unknown_measure():
    with pytest.raises(InputError, match="unknown effect measure 'HR'"):
        effect_sizes("HR", events=[1], n=[2])
