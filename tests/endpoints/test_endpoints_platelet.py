"""Platelet engraftment (>= 20 and >= 50 x10^9/L) with the transfusion-free window.

CIBMTR/ASTCT: first of three values on different days at or above the
threshold with no platelet transfusion in the preceding 7 days. CIBMTR's
worked example (last transfusion June 13, recovery June 20) implies
"recovery day - last transfusion day >= 7" is transfusion-free.
"""

from __future__ import annotations

import pandas as pd
from endpoint_timelines import one

from graftline.endpoints import EndpointDefinitions

CIBMTR = EndpointDefinitions.preset("cibmtr")
LOW = {day: 10.0 for day in range(0, 12)}
RECOVERY = {**LOW, 12: 25.0, 13: 30.0, 14: 35.0, 15: 40.0, 16: 45.0}


def platelets(row: pd.Series) -> tuple:
    return (row.platelet_engraftment_day, row.platelet_engraftment_status, row.platelet_engraftment_applicable)


def test_transfusion_seven_days_before_is_outside_the_window():
    # Last transfusion day 5, counts >= 20 from day 12: 12 - 5 = 7 (CIBMTR June 13 -> June 20) -> day 12.
    row = one(lambda c: c.patient("p").plt(RECOVERY).transfusion(3).transfusion(5))
    assert platelets(row) == (12, 1, True)


def test_transfusion_six_days_before_moves_recovery():
    # Last transfusion day 6: day 12 is only 6 days later, so day 12 cannot be the recovery day;
    # day 13 (7 days after, 13, 14, 15 all >= 20) is -> day 13.
    row = one(lambda c: c.patient("p").plt(RECOVERY).transfusion(6))
    assert platelets(row) == (13, 1, True)


def test_inclusive_window_option():
    # With the window inclusive, a transfusion exactly 7 days before (day 5) disqualifies day 12 -> day 13.
    definitions = CIBMTR.replace(platelet_transfusion_window_inclusive=True)
    row = one(lambda c: c.patient("p").plt(RECOVERY).transfusion(5), definitions)
    assert platelets(row) == (13, 1, True)


def test_transfusion_during_the_run_does_not_matter_for_its_first_day():
    # The rule looks back from the first value only: transfusion on day 13 after counts 25 on day 12
    # leaves day 12 (last transfusion before it is day 2, 10 days earlier) -> day 12.
    row = one(lambda c: c.patient("p").plt(RECOVERY).transfusion(2).transfusion(13))
    assert platelets(row) == (12, 1, True)


def test_never_below_and_never_transfused_is_not_applicable():
    # Platelets never below 20 and no transfusion: CIBMTR "not applicable".
    row = one(lambda c: c.patient("p").plt({d: 120.0 for d in range(0, 30)}))
    assert bool(row.platelet_engraftment_applicable) is False
    assert pd.isna(row.platelet_engraftment_day) and pd.isna(row.platelet_engraftment_status)


def test_never_measured_below_but_transfused_is_applicable():
    # Prophylactic transfusion on day 3 while counts were 25: applicable (transfused). The transfusion
    # marks the nadir; the first run starting >= 7 days after it is day 10 (10 - 3 = 7).
    row = one(lambda c: c.patient("p").plt({d: 25.0 for d in range(1, 20)}).transfusion(3))
    assert platelets(row) == (10, 1, True)


def test_platelet50_variant():
    # >= 50 x10^9/L: counts 25-45 on days 12-16 then 55, 60, 70 on days 17-19 -> day 17;
    # the >= 20 endpoint of the same patient is day 12.
    row = one(lambda c: c.patient("p").plt({**RECOVERY, 17: 55.0, 18: 60.0, 19: 70.0}))
    assert (row.platelet50_engraftment_day, row.platelet50_engraftment_status) == (17, 1)
    assert (row.platelet_engraftment_day, row.platelet_engraftment_status) == (12, 1)


def test_death_before_platelet_recovery_competes():
    # Platelets still 10 when the patient dies on day 20 -> competing event on day 20.
    row = one(lambda c: c.patient("p", death=20).plt({d: 10.0 for d in range(0, 21)}).transfusion(15))
    assert platelets(row) == (20, 2, True)


def test_platelets_in_per_microlitre():
    # 20,000/uL == 20 x10^9/L: 20000, 25000, 30000 /uL on days 12-14 -> day 12 (on the threshold counts).
    values = {**{d: 10000.0 for d in range(0, 12)}, 12: 20000.0, 13: 25000.0, 14: 30000.0}
    row = one(lambda c: c.patient("p").plt(values, unit="/uL"))
    assert platelets(row) == (12, 1, True)


def test_missing_day_option_applies_to_platelets():
    # Values on days 12, 14, 16 (every other day): CIBMTR (different days) -> day 12;
    # ASTCT 2021 (successive days) -> no run, censored at last contact 365.
    values = {**LOW, 12: 25.0, 14: 30.0, 16: 35.0}
    assert platelets(one(lambda c: c.patient("p").plt(values))) == (12, 1, True)
    assert platelets(one(lambda c: c.patient("p").plt(values), EndpointDefinitions.preset("astct2021"))) == (365, 0, True)
