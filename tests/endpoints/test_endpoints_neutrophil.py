"""Neutrophil engraftment on hand-built timelines (DOMAIN.md section 2, CIBMTR/ASTCT 2021).

Every test states the expected engraftment day and why. "Low" days before
recovery use ANC 0.1 (below 0.5, i.e. the post-transplant nadir).
"""

from __future__ import annotations

import pandas as pd
from endpoint_timelines import one

from graftline.endpoints import EndpointDefinitions

CIBMTR = EndpointDefinitions.preset("cibmtr")
ASTCT = EndpointDefinitions.preset("astct2021")
LOW = {day: 0.1 for day in range(0, 10)}


def neutrophils(row: pd.Series) -> tuple:
    return (row.neutrophil_engraftment_day, row.neutrophil_engraftment_status, row.neutrophil_engraftment_applicable)


def test_first_of_three_consecutive_values():
    # ANC 0.6, 0.7, 0.8 on days 10-12 after a nadir: engraftment is the FIRST of the three, day 10.
    row = one(lambda c: c.patient("p").anc({**LOW, 10: 0.6, 11: 0.7, 12: 0.8}))
    assert neutrophils(row) == (10, 1, True)


def test_two_values_are_not_enough():
    # Only days 10 and 11 reach 0.5, day 12 is back to 0.3: no run of three -> censored at last contact 365.
    row = one(lambda c: c.patient("p").anc({**LOW, 10: 0.6, 11: 0.7, 12: 0.3}))
    assert neutrophils(row) == (365, 0, True)


def test_exactly_on_threshold_counts():
    # ">= 0.5": 0.5, 0.5, 0.5 on days 10-12 is engraftment on day 10; 0.49 on day 11 would break it.
    assert neutrophils(one(lambda c: c.patient("p").anc({**LOW, 10: 0.5, 11: 0.5, 12: 0.5}))) == (10, 1, True)
    row = one(lambda c: c.patient("p").anc({**LOW, 10: 0.5, 11: 0.49, 12: 0.5, 13: 0.5, 14: 0.5}))
    assert neutrophils(row) == (12, 1, True)


def test_value_below_threshold_inside_run_restarts_it():
    # Day 11 (0.4) interrupts 10 -> the run 12, 13, 14 decides: day 12.
    row = one(lambda c: c.patient("p").anc({**LOW, 10: 0.6, 11: 0.4, 12: 0.7, 13: 0.8, 14: 0.9}))
    assert neutrophils(row) == (12, 1, True)


GAPPY = {**LOW, 10: 0.6, 12: 0.7, 15: 0.8, 16: 0.9, 17: 0.9}


def test_gap_days_allowed_by_cibmtr_different_days():
    # CIBMTR: three values on DIFFERENT days, no maximum gap -> days 10, 12, 15 form a run: day 10.
    assert neutrophils(one(lambda c: c.patient("p").anc(GAPPY), CIBMTR)) == (10, 1, True)


def test_gap_days_with_maximum_gap_option():
    # max gap 2 days: 10->12 (gap 2) fine, 12->15 (gap 3) breaks; 12,15,16 also breaks at 12->15;
    # 15, 16, 17 is the first allowed run: day 15.
    definitions = CIBMTR.replace(engraftment_max_gap_days=2)
    assert neutrophils(one(lambda c: c.patient("p").anc(GAPPY), definitions)) == (15, 1, True)


def test_missing_day_breaks_run_astct2021():
    # ASTCT 2021 "first of 3 successive days": days 10, 12 are not successive; 15, 16, 17 are: day 15.
    assert neutrophils(one(lambda c: c.patient("p").anc(GAPPY), ASTCT)) == (15, 1, True)
    # Without gaps both presets agree: days 10, 11, 12 -> day 10.
    row = one(lambda c: c.patient("p").anc({**LOW, 10: 0.6, 11: 0.7, 12: 0.8}), ASTCT)
    assert neutrophils(row) == (10, 1, True)


def test_never_below_threshold_is_not_applicable():
    # ANC never fell below 0.5 after day 0: CIBMTR "not applicable", explicit False, no day/status.
    row = one(lambda c: c.patient("p").anc({day: 1.5 for day in range(0, 30)}))
    assert bool(row.neutrophil_engraftment_applicable) is False
    assert pd.isna(row.neutrophil_engraftment_day) and pd.isna(row.neutrophil_engraftment_status)


def test_counts_before_the_nadir_are_not_recovery():
    # Days 0-2 still >= 0.5 (before conditioning takes effect), nadir days 3-9, recovery 10-12:
    # the run on days 0-2 does not count because it comes before the first value below 0.5 -> day 10.
    row = one(lambda c: c.patient("p").anc({0: 2.0, 1: 1.5, 2: 0.9, **{d: 0.1 for d in range(3, 10)}, 10: 0.6, 11: 0.7, 12: 0.8}))
    assert neutrophils(row) == (10, 1, True)


def test_death_before_engraftment_is_competing():
    # Still aplastic when the patient dies on day 8: status 2 (competing) on day 8.
    row = one(lambda c: c.patient("p", death=8).anc({d: 0.1 for d in range(0, 9)}))
    assert neutrophils(row) == (8, 2, True)


def test_death_after_two_recovering_values_is_competing():
    # 0.6, 0.7 on days 10, 11, then death on day 11: the third value never came -> competing on day 11.
    row = one(lambda c: c.patient("p", death=11).anc({**LOW, 10: 0.6, 11: 0.7}))
    assert neutrophils(row) == (11, 2, True)


def test_relapse_and_second_infusion_compete_by_option():
    # Relapse on day 9 before recovery on day 10: by default only death competes (CIBMTR), so
    # engraftment on day 10; with relapse as a competing event (option), competing on day 9.
    def build(c):
        c.patient("p").anc({**LOW, 10: 0.6, 11: 0.7, 12: 0.8}).disease(9, "relapse")

    assert neutrophils(one(build)) == (10, 1, True)
    assert neutrophils(one(build, CIBMTR.replace(engraftment_competing=("death", "relapse")))) == (9, 2, True)
    # A second infusion on day 7 competes when chosen.
    row = one(lambda c: c.patient("p", second_infusion=7).anc({**LOW, 10: 0.6, 11: 0.7, 12: 0.8}), CIBMTR.replace(engraftment_competing=("death", "second_infusion")))
    assert neutrophils(row) == (7, 2, True)


def test_no_recovery_censored_at_last_contact():
    # Alive, never recovered, last contact day 60: censored (status 0) on day 60.
    row = one(lambda c: c.patient("p", last_contact=60).anc({d: 0.1 for d in range(0, 30)}))
    assert neutrophils(row) == (60, 0, True)


def test_labs_in_per_microlitre_after_unit_conversion():
    # Values given in /uL: 500/uL == 0.5 x10^9/L, so 500, 600, 700 /uL on days 10-12 -> day 10;
    # 499/uL would not count.
    values = {**{d: 100.0 for d in range(0, 10)}, 10: 500.0, 11: 600.0, 12: 700.0}
    assert neutrophils(one(lambda c: c.patient("p").anc(values, unit="/uL"))) == (10, 1, True)
    # 499 cells/mm3 on day 10 is below 0.5: the run is 11, 12, 13 -> day 11.
    values.update({10: 499.0, 13: 800.0})
    assert neutrophils(one(lambda c: c.patient("p").anc(values, unit="cells/mm3"))) == (11, 1, True)


def test_two_values_on_one_day_are_one_day():
    # Day 10 has 0.6 and 0.3 (two draws): combined by the minimum (0.3), so day 10 is below and the
    # run 11, 12, 13 decides -> day 11. Two draws on one day never make two of the three values.
    row = one(lambda c: c.patient("p").anc({**LOW, 10: 0.6, 11: 0.7, 12: 0.8, 13: 0.9}).anc({10: 0.3}))
    assert neutrophils(row) == (11, 1, True)
    row = one(lambda c: c.patient("p").anc({**LOW, 10: 0.6, 11: 0.7}).anc({10: 0.8, 11: 0.9}))
    assert neutrophils(row)[1] == 0  # days 10 and 11 only: two days, not three


def test_anc_derived_from_wbc_and_differential():
    # No ANC reported: ANC = WBC x (% seg + % bands) = 1.0 x (40 + 10) % = 0.5 on days 10-12 -> day 10
    # (days 0-9: WBC 0.2 x 50 % = 0.1).
    def build(c):
        p = c.patient("p")
        p.lab("wbc", {**{d: 0.2 for d in range(10)}, 10: 1.0, 11: 1.0, 12: 1.0})
        p.lab("neut_pct", {d: 40.0 for d in range(13)}, unit="%")
        p.lab("bands_pct", {d: 10.0 for d in range(13)}, unit="%")

    assert neutrophils(one(build)) == (10, 1, True)
    # With the derivation switched off there are no ANC values at all: censored at last contact.
    assert neutrophils(one(build, CIBMTR.replace(derive_anc_from_wbc=False))) == (365, 0, True)


def test_less_than_qualifier_counts_below():
    # '<0.5' on day 11 is below 0.5 whatever the stored number: run 12-14 -> day 12.
    def build(c):
        p = c.patient("p").anc({**LOW, 10: 0.6, 12: 0.7, 13: 0.8, 14: 0.9})
        p.lab("anc", {11: 0.5}, qualifier="<")

    assert neutrophils(one(build)) == (12, 1, True)


def test_chemotherapy_alone_is_count_recovery():
    # Chemotherapy alone (no graft): the same rule measures recovery of the patient's own marrow -> day 16.
    row = one(lambda c: c.patient("p", modality="chemo", graft_source="none").anc({**{d: 0.05 for d in range(16)}, 16: 0.7, 17: 0.9, 18: 1.2}))
    assert neutrophils(row) == (16, 1, True)
    assert row.primary_graft_failure == "not_applicable"


def test_patient_without_counts_stays_in_the_analysis():
    # No ANC at all (e.g. labs not yet imported): applicable (not silently dropped), censored at 365.
    assert neutrophils(one(lambda c: c.patient("p"))) == (365, 0, True)
