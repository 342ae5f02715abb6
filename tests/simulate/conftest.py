"""Shared simulated cohorts (session caches keep the suite fast)."""

from __future__ import annotations

import pytest

from graftline.simulate import simulate_cohort

CALIBRATION_ARMS = ["chemo", "mst", "allo_pbsc", "allo_bm", "allo_cord", "allo_pbsc_msc"]
#: Tables the engraftment endpoints read; the others stay empty in the test store.
ENGRAFTMENT_TABLES = ("patients", "treatments", "labs", "transfusions", "followup")


@pytest.fixture(scope="session")
def calibration_cohort():
    """2,000 seeded patients per calibrated arm, as cohort tables.

    Enough for the medians the tests compare (whole days; 5,000 per arm gave
    the same medians but one, 19 vs 20 days for chemotherapy platelets) at
    half the suite time of 5,000.
    """
    return simulate_cohort(CALIBRATION_ARMS, 2000, 2011)


@pytest.fixture(scope="session")
def calibration_endpoints(calibration_cohort):
    """The real endpoint engine (``graftline.endpoints``) run on the calibration cohort."""
    import ibis

    from graftline.cohort import store_tables
    from graftline.endpoints import endpoint_frame

    con = ibis.duckdb.connect()
    store_tables(con, {name: calibration_cohort[name] for name in ENGRAFTMENT_TABLES})
    return endpoint_frame(con)


@pytest.fixture(scope="session")
def small_cohort():
    """Every built-in arm, 60 patients each."""
    from graftline.simulate import ARMS

    return simulate_cohort(list(ARMS), 60, 7)
