"""Primary/secondary graft failure and chimerism categories (DOMAIN.md section 2).

Primary graft failure: no neutrophil engraftment by day +28 (PBSC, marrow) or
+42 (cord blood). MST donor cells at microchimerism level are the expected
result and never graft failure.
"""

from __future__ import annotations

import pandas as pd
from endpoint_timelines import one

from graftline.endpoints import EndpointDefinitions

CIBMTR = EndpointDefinitions.preset("cibmtr")


def recovering_on(day: int, low: float = 0.1) -> dict[int, float]:
    return {**{d: low for d in range(0, day)}, day: 0.8, day + 1: 0.9, day + 2: 1.1}


def test_pbsc_without_engraftment_by_day_28_is_primary_graft_failure():
    # PBSC, ANC below 0.5 through day 40, alive at day 100 -> "yes".
    row = one(lambda c: c.patient("p", graft_source="pbsc", last_contact=100).anc({d: 0.1 for d in range(0, 41)}))
    assert row.primary_graft_failure == "yes"
    assert row.secondary_graft_failure == "not_applicable"


def test_cord_blood_day_42_cut_off():
    # Engraftment on day 35: cord blood (cut-off 42) -> "no"; the same counts after PBSC (cut-off 28) -> "yes".
    cord = one(lambda c: c.patient("p", graft_source="cord").anc(recovering_on(35)))
    pbsc = one(lambda c: c.patient("p", graft_source="pbsc").anc(recovering_on(35)))
    assert cord.neutrophil_engraftment_day == 35 and cord.primary_graft_failure == "no"
    assert pbsc.neutrophil_engraftment_day == 35 and pbsc.primary_graft_failure == "yes"
    # Engraftment exactly on day 42 after cord blood is in time ("by day 42") -> "no".
    assert one(lambda c: c.patient("p", graft_source="cord").anc(recovering_on(42))).primary_graft_failure == "no"
    # The cut-off is an option: cord 45 makes day 43 in time.
    late = one(lambda c: c.patient("p", graft_source="cord").anc(recovering_on(43)), CIBMTR.replace(primary_graft_failure_day_cord=45))
    assert late.primary_graft_failure == "no"


def test_death_before_cut_off_without_engraftment_is_not_evaluable():
    # Cord blood, died day 20 still aplastic: cannot tell whether it would have engrafted by day 42.
    row = one(lambda c: c.patient("p", graft_source="cord", death=20).anc({d: 0.1 for d in range(0, 21)}))
    assert row.primary_graft_failure == "not_evaluable"


def test_mst_with_microchimerism_is_never_graft_failure():
    # MST: counts recover on day 11 (own marrow), donor cells 0.3 % by qPCR on day 30 -> microchimerism,
    # graft failure not applicable, neutrophil recovery day 11.
    def build(c):
        c.patient("p", modality="mst", graft_source="pbsc").anc(recovering_on(11)).chimerism(30, 0.3, method="qpcr", lod_pct=0.1)

    row = one(build)
    assert row.chimerism_category == "microchimerism"
    assert (row.chimerism_day, row.chimerism_assay) == (30, "qpcr")
    assert row.primary_graft_failure == "not_applicable" and row.secondary_graft_failure == "not_applicable"
    assert row.neutrophil_engraftment_day == 11


def test_mst_without_recovery_is_still_not_graft_failure():
    # MST with no count recovery by day 40 and donor cells not detected: still not graft failure.
    row = one(lambda c: c.patient("p", modality="mst").anc({d: 0.1 for d in range(41)}).chimerism(30, None, lod_pct=1.0))
    assert row.primary_graft_failure == "not_applicable"
    assert row.chimerism_category == "not_detected"


def test_secondary_graft_failure_after_engraftment():
    # Engrafted day 14, then ANC < 0.5 on days 40, 41, 42 -> secondary graft failure "yes";
    # two low values only (days 40, 41) -> "no".
    counts = {**recovering_on(14), **{d: 1.5 for d in range(17, 40)}}
    yes = one(lambda c: c.patient("p").anc({**counts, 40: 0.2, 41: 0.1, 42: 0.3}))
    no = one(lambda c: c.patient("p").anc({**counts, 40: 0.2, 41: 0.1, 42: 0.8}))
    assert (yes.neutrophil_engraftment_day, yes.secondary_graft_failure) == (14, "yes")
    assert (no.neutrophil_engraftment_day, no.secondary_graft_failure) == (14, "no")


def test_never_below_threshold_is_no_graft_failure():
    # ANC never below 0.5 (not applicable for engraftment): the graft did not fail -> "no".
    row = one(lambda c: c.patient("p").anc({d: 1.0 for d in range(0, 30)}))
    assert (row.primary_graft_failure, row.secondary_graft_failure) == ("no", "no")


def test_chimerism_categories_and_cut_offs():
    # > 95 full; 95 exactly is mixed (5-95); 5 mixed; 2 lies between micro (< 1) and mixed (>= 5):
    # "mixed" by default, "microchimerism" by option; 0.5 micro.
    cases = {99.0: "full", 95.0: "mixed", 5.0: "mixed", 2.0: "mixed", 0.5: "microchimerism"}
    for pct, expected in cases.items():
        assert one(lambda c, pct=pct: c.patient("p").chimerism(60, pct)).chimerism_category == expected, pct
    option = CIBMTR.replace(chimerism_between_micro_and_mixed="microchimerism")
    assert one(lambda c: c.patient("p").chimerism(60, 2.0), option).chimerism_category == "microchimerism"


def test_below_limit_of_detection_is_not_detected_not_zero():
    # 0.05 % with an assay limit of detection of 0.1 % -> "not_detected" (never 0 % or microchimerism).
    assert one(lambda c: c.patient("p").chimerism(30, 0.05, method="qpcr", lod_pct=0.1)).chimerism_category == "not_detected"
    # No test at all -> "not_tested", with no day or assay.
    row = one(lambda c: c.patient("p"))
    assert row.chimerism_category == "not_tested"
    assert pd.isna(row.chimerism_day) and pd.isna(row.chimerism_assay)


def test_last_test_and_lowest_lineage_decide():
    # Day 30 full (99 %), day 90: CD33 99 % but CD3 80 % -> mixed, decided by the CD3 test of day 90.
    def build(c):
        c.patient("p").chimerism(30, 99.0).chimerism(90, 99.0, lineage="cd33").chimerism(90, 80.0, lineage="cd3")

    row = one(build)
    assert (row.chimerism_category, row.chimerism_day, row.chimerism_lineage) == ("mixed", 90, "cd3")
    # With a day-60 landmark the day-30 test decides: full.
    landmark = one(build, CIBMTR.replace(chimerism_landmark_day=60))
    assert (landmark.chimerism_category, landmark.chimerism_day) == ("full", 30)
