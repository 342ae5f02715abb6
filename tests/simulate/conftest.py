"""Shared simulated cohorts (module-level caches keep the suite fast)."""

from __future__ import annotations

import pytest

from graftline.simulate import simulate_cohort

CALIBRATION_ARMS = ["chemo", "mst", "allo_pbsc", "allo_bm", "allo_cord", "allo_bm_msc"]


@pytest.fixture(scope="session")
def calibration_cohort():
    """5,000 seeded patients per calibrated arm, as cohort tables."""
    return simulate_cohort(CALIBRATION_ARMS, 5000, 2011)


@pytest.fixture(scope="session")
def small_cohort():
    """Every built-in arm, 60 patients each."""
    from graftline.simulate import ARMS

    return simulate_cohort(list(ARMS), 60, 7)
