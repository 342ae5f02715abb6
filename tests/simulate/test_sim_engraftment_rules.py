"""The simulator's private vectorised CIBMTR rules on hand-built patients.

Each row is one patient; columns are days 0, 1, 2, ...; NaN = no lab that day.
"""

from __future__ import annotations

import numpy as np

from graftline.simulate import _engraftment

nan = np.nan


def test_neutrophils_first_of_three_after_the_nadir():
    anc = np.array([
        # Above 0.5 on days 0-2 before the nadir: those values do not count;
        # the first run after the first value < 0.5 starts on day 5.
        [1.2, 0.9, 0.6, 0.1, 0.3, 0.5, 0.7, 0.8, 1.0],
        # A run broken on day 6 (0.4): the qualifying run starts on day 7.
        [0.1, 0.2, 0.3, 0.6, 0.4, 0.6, 0.4, 0.6, 0.7, 0.9],
        # Different days with gaps (outpatient labs): days 4, 6, 8 -> day 4.
        [0.1, 0.2, nan, 0.3, 0.6, nan, 0.7, nan, 0.8, nan],
        # Never three values >= 0.5: not engrafted.
        [0.1, 0.2, 0.3, 0.6, 0.6, 0.2, 0.6, nan, nan, nan],
    ], dtype=object)
    width = max(len(r) for r in anc)
    matrix = np.array([list(r) + [nan] * (width - len(r)) for r in anc], dtype=float)
    np.testing.assert_array_equal(_engraftment.neutrophil_engraftment(matrix), [5, 7, 4, nan])


def test_platelets_need_seven_transfusion_free_days():
    plt = np.full((3, 16), 25.0)
    plt[:, :4] = [30, 15, 8, 12]  # nadir below 20 in every patient
    tx = np.zeros((3, 16), dtype=bool)
    # Patient 0: transfused on day 2 only; counts >= 20 from day 4; the run may
    # start only on day 2 + 7 = 9 (CIBMTR example: June 13 -> June 20).
    tx[0, 2] = True
    # Patient 1: transfused on days 2 and 8: the earliest start is day 15, the
    # last day measured, so no three values follow: not engrafted.
    tx[1, [2, 8]] = True
    # Patient 2: never transfused: first of three >= 20 after the nadir, day 4.
    day, applicable = _engraftment.platelet_engraftment(plt, tx)
    np.testing.assert_array_equal(day, [9, nan, 4])
    assert applicable.all()


def test_platelets_not_applicable_when_never_low_and_never_transfused():
    plt = np.array([[150.0, 120.0, 90.0, 80.0, 95.0, 130.0]])
    day, applicable = _engraftment.platelet_engraftment(plt, np.zeros_like(plt, dtype=bool))
    assert not applicable[0]
    assert np.isnan(day[0])
