"""``explain``: the rule with its preset, plain text, and why candidates did not count."""

from __future__ import annotations

import re

import pytest
from endpoint_timelines import Cohort

from graftline.endpoints import EndpointDefinitions, explain
from graftline.endpoints.explain import EXPLAINABLE
from graftline.endpoints.explain_text import rule_text


@pytest.fixture(scope="module")
def con():
    cohort = Cohort()
    # P1: ANC high on days 0-2 (before conditioning bites), nadir from day 3, recovery on day 6;
    # platelets >= 20 from day 10 but transfused on day 8; never chimerism-tested.
    p = cohort.patient("P1")
    p.anc({0: 0.9, 1: 0.8, 2: 0.7, 3: 0.2, 4: 0.1, 5: 0.1, 6: 0.6, 7: 0.7, 8: 0.8})
    p.plt({**{d: 10.0 for d in range(10)}, 10: 25.0, 11: 30.0, 12: 40.0, 13: 50.0, 14: 60.0, 15: 70.0, 16: 70.0, 17: 70.0})
    p.transfusion(8)
    # P2: counts stop on day 19 (ANC 0.1), alive at day 100: primary graft failure not evaluable.
    cohort.patient("P2", last_contact=100).anc({d: 0.1 for d in range(20)}).plt({d: 10.0 for d in range(20)})
    # P3: MST, donor cells 0.4 % on day 14 and 0.2 % on day 44 (qPCR): persistent microchimerism.
    cohort.patient("P3", modality="mst").chimerism(14, 0.4, method="qpcr", lod_pct=0.1).chimerism(44, 0.2, method="qpcr", lod_pct=0.1)
    # P4: ANC >= 0.5 on days 10, 12, 14 (gaps): a run for "different days", not for "successive days".
    cohort.patient("P4").anc({**{d: 0.1 for d in range(10)}, 10: 0.6, 12: 0.7, 14: 0.8, 15: 0.9, 16: 1.0})
    return cohort.connect()


ASTCT = EndpointDefinitions.preset("astct2021")
#: The explanations the tests read, computed once (each explain compiles the endpoint SQL).
CASES = [
    ("P1", "neutrophil_engraftment", None), ("P1", "platelet_engraftment", None), ("P1", "agvhd_max_grade", None),
    ("P2", "primary_graft_failure", None), ("P2", "secondary_graft_failure", None), ("P2", "relapse", None),
    ("P2", "death_cause", None), ("P3", "chimerism_category", None), ("P4", "graft_rejection", None),
    ("P4", "neutrophil_engraftment", None), ("P4", "neutrophil_engraftment", ASTCT),
]


@pytest.fixture(scope="module")
def explained(con):
    return {(p, e, d): explain(con, p, e, d) for p, e, d in CASES}


def test_every_rule_names_its_preset():
    for preset in ("harmonized2024", "astct2021", "cibmtr"):
        d = EndpointDefinitions.preset(preset)
        for endpoint in EXPLAINABLE:
            assert rule_text(endpoint, d).endswith(f"[preset {preset}]"), endpoint


def test_text_has_no_python_leftovers(explained):
    # No nan / None / <NA> / Python lists in what a clinician reads, whatever is missing.
    for key, explanation in explained.items():
        text = explanation.render()
        assert not re.search(r"\bnan\b|\bNone\b|<NA>|NaT|\[['\"]", text), (key, text)


def test_a_run_before_the_nadir_is_explained(explained):
    # Days 0-2 (0.9, 0.8, 0.7) are >= 0.5 but come before the first value below 0.5 (day 3): CIBMTR
    # counts only after the post-transplant nadir, so engraftment is day 6, and explain says why
    # the earlier run did not count.
    explanation = explained["P1", "neutrophil_engraftment", None]
    assert explanation.result["neutrophil_engraftment_day"] == 6
    assert explanation.notes == ("run day 0 (0.9), day 1 (0.8), day 2 (0.7) did not count: before the nadir: no value below 0.5 yet",)


def test_a_platelet_run_inside_the_transfusion_window_is_explained(explained):
    # Transfused on day 8: runs starting on days 10-14 have a transfusion fewer than 7 days before;
    # day 15 is the first run with 7 transfusion-free days (15 - 8 = 7).
    explanation = explained["P1", "platelet_engraftment", None]
    assert explanation.result["platelet_engraftment_day"] == 15
    assert explanation.notes[0] == "run day 10 (25), day 11 (30), day 12 (40) did not count: platelet transfusion on day 8, 2 day(s) before (needs 7 transfusion-free days)"
    assert "why:" in explanation.render()


def test_a_gap_that_breaks_a_run_under_successive_days(explained):
    # astct2021 ("3 successive days"): days 10, 12, 14 are not successive -> the run 14, 15, 16 counts.
    explanation = explained["P4", "neutrophil_engraftment", ASTCT]
    assert explanation.result["neutrophil_engraftment_day"] == 14
    assert explanation.notes[0].endswith("did not count: no value on day 11: successive days are required")
    # harmonized2024 (values on different days): day 10 counts, nothing to explain.
    harmonized = explained["P4", "neutrophil_engraftment", None]
    assert harmonized.result["neutrophil_engraftment_day"] == 10 and harmonized.notes == ()


def test_why_primary_graft_failure_is_not_evaluable(explained):
    explanation = explained["P2", "primary_graft_failure", None]
    assert explanation.result["primary_graft_failure"] == "not_evaluable"
    assert explanation.notes == ("no ANC value below 0.5 on days 23 to 30: the counts stop too early to tell",)
    assert explanation.result["cut_off_day"] == 30 and explanation.result["anc_low_near_cut_off"] is False


def test_mst_microchimerism_persistence_is_explained(explained):
    explanation = explained["P3", "chimerism_category", None]
    assert explanation.result["chimerism_category"] == "microchimerism_persistent"
    assert explanation.notes == ("donor cells below 1 % detected on day(s) 14, 44: 30 days from first to last, at least 28 -> persistent",)
