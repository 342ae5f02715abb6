"""Chimerism by modality and lineage, graft rejection and MST microchimerism.

Source sentences:

- Sureda et al., BMT 2024;59:832, Table 1: "full donor chimerism as >95% for
  both myeloid and lymphoid lineages"; mixed or partial 5-95 %; "graft
  rejection as an immune-mediated process" (loss of donor cells).
- DOMAIN.md 2: after allo-HSCT "< 5 % donor is graft loss/rejection, never
  'microchimerism'. One lineage tested: say so, do not call it full." After
  MST "the expected result is microchimerism (donor cells detected at a low
  level, commonly < 1 %) and its persistence over repeated tests"; "A value
  below the assay's limit is 'not detected', never 0 %".
"""

from __future__ import annotations

import pandas as pd
import pytest
from endpoint_timelines import one

from graftline.endpoints import EndpointDefinitions

DEFAULT = EndpointDefinitions.preset("harmonized2024")


def chimerism(row: pd.Series) -> tuple:
    day = row.chimerism_day
    return row.chimerism_category, (None if pd.isna(day) else int(day))


@pytest.mark.parametrize(("pct", "allo", "mst"), [(0.5, "donor_loss", "microchimerism"), (3.0, "donor_loss", "macrochimerism")])
def test_low_donor_percentages_after_allo_versus_after_mst(pct, allo, mst):
    # 0.5 % and 3 % donor cells on day 30 (qPCR, limit of detection 0.1 %). After allo-HSCT both
    # are below 5 %: loss of the graft = graft rejection, never microchimerism. After MST 0.5 % is
    # microchimerism (< 1 %), 3 % is more than MST leaves (macrochimerism); never rejection.
    after_allo = one(lambda c: c.patient("p").chimerism(30, pct, method="qpcr", lod_pct=0.1))
    after_mst = one(lambda c: c.patient("p", modality="mst").chimerism(30, pct, method="qpcr", lod_pct=0.1))
    assert chimerism(after_allo) == (allo, 30)
    assert (after_allo.graft_rejection, after_allo.graft_rejection_day, after_allo.graft_rejection_assay) == ("yes", 30, "qpcr")
    assert chimerism(after_mst) == (mst, 30)
    assert after_mst.graft_rejection == "not_applicable"


def test_single_mst_test_versus_two_tests_30_days_apart():
    # One positive test (day 14, 0.4 %): microchimerism, first = last = day 14.
    single = one(lambda c: c.patient("p", modality="mst").chimerism(14, 0.4, method="qpcr", lod_pct=0.1))
    assert chimerism(single) == ("microchimerism", 14)
    assert (single.microchimerism_first_day, single.microchimerism_last_day) == (14, 14)
    # Two positive tests 30 days apart (days 14 and 44; persistence needs >= 28 days): persistent.
    two = one(lambda c: c.patient("p", modality="mst").chimerism(14, 0.4, method="qpcr").chimerism(44, 0.2, method="qpcr"))
    assert chimerism(two) == ("microchimerism_persistent", 44)
    assert (two.microchimerism_first_day, two.microchimerism_last_day) == (14, 44)
    # 20 days apart: detected twice but not persistent by the 28-day default; persistent with 14.
    close = lambda c: c.patient("p", modality="mst").chimerism(14, 0.4).chimerism(34, 0.2)  # noqa: E731
    assert chimerism(one(close)) == ("microchimerism", 34)
    assert chimerism(one(close, DEFAULT.replace(mst_microchimerism_persistence_days=14))) == ("microchimerism_persistent", 34)


def test_mst_uses_every_test_not_only_the_last():
    # Microchimerism on days 14 and 60, then not detected on day 90 (below the limit of detection):
    # the last test alone would say "not_detected"; over time it persisted 46 days.
    def build(c):
        c.patient("p", modality="mst").chimerism(14, 0.3, lod_pct=0.1).chimerism(60, 0.2, lod_pct=0.1).chimerism(90, None, lod_pct=0.1)

    row = one(build)
    assert chimerism(row) == ("microchimerism_persistent", 90)
    assert (row.microchimerism_first_day, row.microchimerism_last_day) == (14, 60)
    # Never detected at all -> not_detected (never 0 %, never graft failure).
    none = one(lambda c: c.patient("p", modality="mst").chimerism(30, None, lod_pct=0.1).chimerism(60, 0.05, lod_pct=0.1))
    assert chimerism(none) == ("not_detected", 60)


def test_mst_threshold_is_an_option():
    # 2 % after MST: macrochimerism with the 1 % default, microchimerism with a 5 % threshold.
    build = lambda c: c.patient("p", modality="mst").chimerism(30, 2.0)  # noqa: E731
    assert chimerism(one(build)) == ("macrochimerism", 30)
    assert chimerism(one(build, DEFAULT.replace(mst_microchimerism_below_pct=5.0))) == ("microchimerism", 30)


def test_full_needs_both_lineages_or_says_which_was_tested():
    # Day 60: CD33 99 % and CD3 98 % -> full. Only CD33 -> full_myeloid_only; only CD3 ->
    # full_lymphoid_only; unsorted whole blood 99 % -> full_unsorted (not "full").
    both = one(lambda c: c.patient("p").chimerism(60, 99.0, lineage="cd33").chimerism(60, 98.0, lineage="cd3"))
    myeloid = one(lambda c: c.patient("p").chimerism(60, 99.0, lineage="cd33"))
    lymphoid = one(lambda c: c.patient("p").chimerism(60, 99.0, lineage="cd3"))
    unsorted = one(lambda c: c.patient("p").chimerism(60, 99.0, lineage="whole_blood"))
    assert [chimerism(r)[0] for r in (both, myeloid, lymphoid, unsorted)] == ["full", "full_myeloid_only", "full_lymphoid_only", "full_unsorted"]
    assert both.graft_rejection == "no"


def test_mixed_boundaries_and_split_chimerism():
    # "> 95 %" is full: exactly 95 % is mixed; 5 % is mixed (5-95); 4.9 % in every lineage is loss.
    for pct, expected in ((95.0, "mixed"), (95.1, "full_unsorted"), (5.0, "mixed"), (4.9, "donor_loss")):
        assert chimerism(one(lambda c, p=pct: c.patient("p").chimerism(60, p)))[0] == expected, pct
    # Split chimerism: CD33 99 % but CD3 3 % -> mixed (not loss of the graft: the myeloid lineage
    # is donor), the lowest lineage CD3 reported; no rejection.
    split = one(lambda c: c.patient("p").chimerism(60, 99.0, lineage="cd33").chimerism(60, 3.0, lineage="cd3"))
    assert (split.chimerism_category, split.chimerism_lineage, split.graft_rejection) == ("mixed", "cd3", "no")


def test_lineages_sorted_on_different_days_form_one_assessment():
    # CD33 99 % on day 30 and CD3 99 % on day 33: within the 7-day window -> one assessment, full.
    # CD3 on day 45 (15 days later): the day-45 assessment has only the lymphoid lineage.
    near = one(lambda c: c.patient("p").chimerism(30, 99.0, lineage="cd33").chimerism(33, 99.0, lineage="cd3"))
    far = one(lambda c: c.patient("p").chimerism(30, 99.0, lineage="cd33").chimerism(45, 99.0, lineage="cd3"))
    assert chimerism(near) == ("full", 33)
    assert chimerism(far) == ("full_lymphoid_only", 45)
    assert chimerism(one(lambda c: c.patient("p").chimerism(30, 99.0, lineage="cd33").chimerism(33, 99.0, lineage="cd3"),
                         DEFAULT.replace(chimerism_assessment_window_days=0))) == ("full_lymphoid_only", 33)


def test_not_detected_after_allo_is_loss_not_zero_and_not_microchimerism():
    # Donor DNA below the assay's limit of detection (0.05 % with lod 0.1 %) on day 30: not detected,
    # i.e. below 5 % -> donor_loss and graft rejection on day 30.
    row = one(lambda c: c.patient("p").chimerism(30, 0.05, method="qpcr", lod_pct=0.1))
    assert chimerism(row) == ("donor_loss", 30) and row.graft_rejection == "yes"
    # No test at all -> not_tested, rejection not_tested, no day or assay.
    untested = one(lambda c: c.patient("p"))
    assert (untested.chimerism_category, untested.graft_rejection) == ("not_tested", "not_tested")
    assert pd.isna(untested.chimerism_day) and pd.isna(untested.chimerism_assay)


def test_rejection_uses_every_assessment_and_is_distinct_from_graft_failure():
    # Day 30 donor 2 % (loss), then day 100 full donor after a second graft: rejection "yes" on
    # day 30 although the last assessment is full. Counts engrafted on day 14: graft failure "no".
    def build(c):
        p = c.patient("p", second_infusion=60).chimerism(30, 2.0).chimerism(100, 99.0)
        p.anc({**{d: 0.1 for d in range(14)}, **{d: 1.0 for d in range(14, 40)}})
        p.plt({**{d: 10.0 for d in range(16)}, **{d: 60.0 for d in range(16, 40)}})

    row = one(build)
    assert (row.graft_rejection, row.graft_rejection_day) == ("yes", 30)
    assert chimerism(row) == ("full_unsorted", 100)
    assert row.primary_graft_failure == "no"


def test_landmark_day_decides_the_category_not_the_rejection():
    # Day 30 full (99 %), day 90 mixed (80 %). Landmark 60: the day-30 assessment decides.
    build = lambda c: c.patient("p").chimerism(30, 99.0).chimerism(90, 80.0)  # noqa: E731
    assert chimerism(one(build)) == ("mixed", 90)
    assert chimerism(one(build, DEFAULT.replace(chimerism_landmark_day=60))) == ("full_unsorted", 30)


def test_tests_on_or_before_day_0_are_not_post_transplant_chimerism():
    # A pre-transplant baseline test (day -3, 0 % donor) is not a result of the graft: not_tested.
    assert one(lambda c: c.patient("p").chimerism(-3, 0.0)).chimerism_category == "not_tested"
