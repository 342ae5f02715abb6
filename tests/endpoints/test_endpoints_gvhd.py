"""MAGIC acute GVHD staging and grading, Glucksberg option, NIH chronic GVHD severity.

Expected stages and grades are read off the MAGIC table and grading rules in
DOMAIN.md section 2 (Harris et al., BBMT 2016;22:4-10); every boundary is
tested in plain Python and the same cases are checked against the SQL
(Ibis CASE) implementation.
"""

from __future__ import annotations

import pytest
from endpoint_timelines import Cohort, one

from graftline.endpoints import (
    EndpointDefinitions,
    agvhd_grade,
    liver_stage,
    lower_gi_stage,
    nih_global_severity,
    skin_stage,
)
from graftline.endpoints.gvhd import CGVHD_SEVERITIES, staged_assessments
from graftline.endpoints.tables import load_tables

SKIN = [(0, 0), (1, 1), (24.9, 1), (25, 2), (50, 2), (50.1, 3), (100, 3)]
LIVER = [(1.9, 0), (2.0, 1), (3.0, 1), (3.1, 2), (6.0, 2), (6.1, 3), (15.0, 3), (15.1, 4)]
STOOL_ADULT = [(499, 0), (500, 1), (999, 1), (1000, 2), (1500, 2), (1501, 3)]
EPISODES_ADULT = [(2, 0), (3, 1), (4, 1), (5, 2), (7, 2), (8, 3)]
# 30 kg child: mL/kg/day = volume / 30.
STOOL_CHILD_30KG = [(290, 0), (300, 1), (597, 1), (600, 2), (900, 2), (903, 3)]
EPISODES_CHILD = [(3, 0), (4, 1), (6, 1), (7, 2), (10, 2), (11, 3)]


@pytest.mark.parametrize(("bsa", "stage"), SKIN)
def test_skin_stage_boundaries(bsa, stage):
    # < 25 % stage 1, 25-50 % stage 2, > 50 % stage 3.
    assert skin_stage(bsa) == stage


def test_skin_bullae_is_stage_4():
    assert skin_stage(60, bullae=True) == 4


@pytest.mark.parametrize(("bilirubin", "stage"), LIVER)
def test_liver_stage_boundaries(bilirubin, stage):
    # < 2 stage 0, 2-3 stage 1, 3.1-6 stage 2, 6.1-15 stage 3, > 15 stage 4.
    assert liver_stage(bilirubin) == stage


@pytest.mark.parametrize(("volume", "stage"), STOOL_ADULT)
def test_lower_gi_adult_volume(volume, stage):
    assert lower_gi_stage(stool_ml_day=volume, weight_kg=70) == stage


@pytest.mark.parametrize(("episodes", "stage"), EPISODES_ADULT)
def test_lower_gi_adult_episodes_at_200_ml_each(episodes, stage):
    # Unmeasured episodes count 200 mL: 3-4 episodes stage 1, 5-7 stage 2, > 7 stage 3 (MAGIC table).
    assert lower_gi_stage(episodes_day=episodes, weight_kg=70) == stage


@pytest.mark.parametrize(("volume", "stage"), STOOL_CHILD_30KG)
def test_lower_gi_child_ml_per_kg(volume, stage):
    # < 50 kg: 10-19.9 mL/kg stage 1, 20-30 stage 2, > 30 stage 3 (30 kg: 300, 600, 900 mL).
    assert lower_gi_stage(stool_ml_day=volume, weight_kg=30) == stage


@pytest.mark.parametrize(("episodes", "stage"), EPISODES_CHILD)
def test_lower_gi_child_episodes(episodes, stage):
    # Children: 3 mL/kg per episode reproduces 4-6 / 7-10 / > 10 episodes.
    assert lower_gi_stage(episodes_day=episodes, weight_kg=30) == stage


def test_lower_gi_severe_and_weight_boundary():
    assert lower_gi_stage(stool_ml_day=100, severe=True) == 4
    # 400 mL/day: adult stage 0 (< 500), but 13.3 mL/kg in a 30 kg child -> stage 1.
    assert lower_gi_stage(stool_ml_day=400, weight_kg=70) == 0
    assert lower_gi_stage(stool_ml_day=400, weight_kg=30) == 1
    # Unknown weight: the adult rule.
    assert lower_gi_stage(stool_ml_day=400) == 0
    # A measured volume wins over a bedside stage; the bedside stage is used when nothing was measured.
    assert lower_gi_stage(stool_ml_day=400, given=3, weight_kg=70) == 0
    assert lower_gi_stage(given=3) == 3


GRADES = [
    # (skin, liver, upper GI, lower GI) -> MAGIC grade, why
    ((0, 0, 0, 0), 0, "no GVHD"),
    ((1, 0, 0, 0), 1, "stage 1-2 skin only is grade I"),
    ((2, 0, 0, 0), 1, "stage 2 skin alone is still grade I"),
    ((3, 0, 0, 0), 2, "stage 3 skin alone is grade II, not III (grade is not the max stage)"),
    ((0, 1, 0, 0), 2, "stage 1 liver is grade II"),
    ((0, 0, 1, 0), 2, "upper GI is grade II"),
    ((0, 0, 0, 1), 2, "stage 1 lower GI is grade II"),
    ((2, 0, 0, 1), 2, "skin 2 + lower GI 1 is grade II"),
    ((0, 0, 0, 2), 3, "stage 2 lower GI alone is grade III"),
    ((0, 2, 0, 0), 3, "stage 2 liver is grade III"),
    ((3, 3, 1, 3), 3, "stage 3 everywhere is grade III"),
    ((4, 0, 0, 0), 4, "stage 4 skin is grade IV"),
    ((0, 4, 0, 0), 4, "stage 4 liver is grade IV"),
    ((0, 0, 0, 4), 4, "stage 4 lower GI is grade IV in MAGIC"),
]


@pytest.mark.parametrize(("stages", "grade", "why"), GRADES)
def test_magic_overall_grade(stages, grade, why):
    assert agvhd_grade(*stages) == grade, why


def test_glucksberg_gut_stage_4_is_grade_III():
    # Modified Glucksberg/Keystone: lower GI stage 4 -> grade III (MAGIC: IV); skin/liver 4 stay IV.
    assert agvhd_grade(0, 0, 0, 4, system="glucksberg") == 3
    assert agvhd_grade(4, 0, 0, 0, system="glucksberg") == 4
    assert agvhd_grade(3, 0, 0, 0, system="glucksberg") == 2


NIH = [
    ({}, "none"),
    ({"skin": 1}, "mild"),
    ({"skin": 1, "mouth": 1}, "mild"),
    ({"skin": 1, "mouth": 1, "eyes": 1}, "moderate"),  # >= 3 organs with score 1
    ({"lungs": 1}, "moderate"),  # any lung involvement is at least moderate
    ({"mouth": 2}, "moderate"),  # any organ score 2
    ({"lungs": 2}, "severe"),
    ({"skin": 3}, "severe"),
    ({"skin": 2, "mouth": 2, "eyes": 2, "gi": 2}, "moderate"),
]


@pytest.mark.parametrize(("scores", "severity"), NIH)
def test_nih_global_severity(scores, severity):
    assert nih_global_severity(scores) == severity


def _assessment_cases() -> list[dict]:
    cases = [{"skin_bsa_pct": bsa} for bsa, _ in SKIN] + [{"skin_bsa_pct": 60, "skin_bullae": True}]
    cases += [{"bilirubin_mg_dl": b} for b, _ in LIVER]
    cases += [{"stool_ml_day": v} for v, _ in STOOL_ADULT] + [{"stool_episodes_day": e} for e, _ in EPISODES_ADULT]
    cases += [{"stool_ml_day": v, "weight": 30.0} for v, _ in STOOL_CHILD_30KG]
    cases += [{"stool_episodes_day": e, "weight": 30.0} for e, _ in EPISODES_CHILD]
    cases += [{"upper_gi": True}, {"lower_gi_severe": True, "stool_ml_day": 100}, {"skin_stage": 3}, {"liver_stage": 2, "lower_gi_stage": 1}]
    cases += [{"skin_bsa_pct": 60, "bilirubin_mg_dl": 2.5, "stool_ml_day": 1200, "upper_gi": True}]
    cases += [{f"cgvhd_{organ}": score for organ, score in scores.items()} for scores, _ in NIH]
    return cases


@pytest.mark.parametrize("grading", ["magic", "glucksberg"])
def test_sql_staging_agrees_with_python(grading):
    # Every boundary case above, staged by the Ibis CASE expressions in SQL, must equal the Python functions.
    definitions = EndpointDefinitions().replace(agvhd_grading=grading)
    cohort = Cohort()
    cases = _assessment_cases()
    for i, case in enumerate(cases):
        case = dict(case)
        weight = case.pop("weight", 70.0)
        cohort.patient(f"p{i:03d}", weight_kg=weight).gvhd(10, **case)
    tables = load_tables(cohort.connect())
    staged = staged_assessments(tables.gvhd_assessments, tables.patients.select("patient_id", "weight_kg"), definitions)
    frame = staged.order_by("patient_id").to_pandas()
    assert len(frame) == len(cases)
    for (_, row), case in zip(frame.iterrows(), cases, strict=True):
        weight = case.get("weight", 70.0)
        stages = (
            skin_stage(case.get("skin_bsa_pct"), case.get("skin_bullae"), case.get("skin_stage")),
            liver_stage(case.get("bilirubin_mg_dl"), case.get("liver_stage")),
            None if "upper_gi" not in case else int(case["upper_gi"]),
            lower_gi_stage(
                stool_ml_day=case.get("stool_ml_day"), episodes_day=case.get("stool_episodes_day"),
                weight_kg=weight, severe=case.get("lower_gi_severe"), given=case.get("lower_gi_stage"),
            ),
        )
        sql_stages = tuple(None if row[c] != row[c] or row[c] is None else int(row[c]) for c in ("skin", "liver", "upper", "lower"))
        assert sql_stages == stages, case
        assert row.agvhd_grade == agvhd_grade(*stages, system=grading), case
        scores = {k.removeprefix("cgvhd_"): v for k, v in case.items() if k.startswith("cgvhd_")}
        assert CGVHD_SEVERITIES[row.cgvhd_rank_computed] == nih_global_severity(scores), case


def test_agvhd_endpoints_over_time():
    # Day 15 skin 30 % (stage 2 -> grade I), day 25 skin 60 % (stage 3 -> grade II),
    # day 40 stool 1200 mL (stage 2 -> grade III): II-IV on day 25, III-IV on day 40, max grade 3.
    def build(c):
        c.patient("p").gvhd(15, skin_bsa_pct=30).gvhd(25, skin_bsa_pct=60).gvhd(40, stool_ml_day=1200)

    row = one(build)
    assert (row.agvhd_2_4_day, row.agvhd_2_4_status) == (25, 1)
    assert (row.agvhd_3_4_day, row.agvhd_3_4_status) == (40, 1)
    assert row.agvhd_max_grade == 3


def test_agvhd_death_without_gvhd_competes():
    # Grade I only (skin 20 %), death day 50: II-IV competing event on day 50; max grade 1.
    row = one(lambda c: c.patient("p", death=50).gvhd(20, skin_bsa_pct=20))
    assert (row.agvhd_2_4_day, row.agvhd_2_4_status, row.agvhd_max_grade) == (50, 2, 1)


def test_paediatric_rule_in_the_endpoint_table():
    # 20 kg child, 500 mL/day = 25 mL/kg -> lower GI stage 2 -> grade III on day 30.
    # The same volume in an adult (70 kg) is stage 1 -> grade II.
    child = one(lambda c: c.patient("p", weight_kg=20).gvhd(30, stool_ml_day=500))
    adult = one(lambda c: c.patient("p", weight_kg=70).gvhd(30, stool_ml_day=500))
    assert (child.agvhd_max_grade, child.agvhd_3_4_day, child.agvhd_3_4_status) == (3, 30, 1)
    assert (adult.agvhd_max_grade, adult.agvhd_3_4_status) == (2, 0)


def test_glucksberg_option_in_the_endpoint_table():
    # Lower GI stage 4 (severe pain/ileus): MAGIC grade IV, Glucksberg grade III.
    def build(c):
        c.patient("p").gvhd(30, lower_gi_severe=True)

    assert one(build).agvhd_max_grade == 4
    assert one(build, EndpointDefinitions().replace(agvhd_grading="glucksberg")).agvhd_max_grade == 3


def test_chronic_gvhd_severity_and_time():
    # Day 120 skin score 1 with a diagnostic sign (mild), day 200 lung score 1 (moderate): cgvhd on
    # day 120, max severity moderate. With the event threshold "moderate" the cgvhd event is on day 200.
    def build(c):
        c.patient("p").gvhd(120, cgvhd_skin=1, cgvhd_diagnostic_sign=True).gvhd(200, cgvhd_lungs=1)

    row = one(build)
    assert (row.cgvhd_day, row.cgvhd_status, row.cgvhd_max_severity) == (120, 1, "moderate")
    moderate = one(build, EndpointDefinitions().replace(cgvhd_event_severity="moderate"))
    assert (moderate.cgvhd_day, moderate.cgvhd_status) == (200, 1)


# --- MAGIC: only findings attributed to GVHD are staged ---------------------------------
# Harris et al. 2016 (DOMAIN.md 2): "liver or gut findings with another cause (SOS/VOD, infection
# such as C. difficile, drugs) do not stage".

def test_c_difficile_diarrhoea_with_an_alternative_cause_does_not_stage():
    # 1200 mL/day (lower GI stage 2 -> grade III) on day 30. Attributed to C. difficile (written as
    # such, read as infection) for the lower GI tract: stage 0, grade 0, no aGVHD II-IV.
    gvhd = one(lambda c: c.patient("p").gvhd(30, stool_ml_day=1200))
    cdiff = one(lambda c: c.patient("p").gvhd(30, stool_ml_day=1200, alternative_cause="infection", alternative_cause_organ="lower_gi"))
    assert (gvhd.agvhd_max_grade, gvhd.agvhd_3_4_status) == (3, 1)
    assert (cdiff.agvhd_max_grade, cdiff.agvhd_2_4_status) == (0, 0)


def test_alternative_cause_is_per_organ():
    # Day 20: skin 30 % (stage 2) and bilirubin 7 mg/dL (stage 3) with SOS/VOD for the liver: only the
    # skin stages -> grade I (not III). Without an organ named, the cause covers the whole row -> 0.
    sos = one(lambda c: c.patient("p").gvhd(20, skin_bsa_pct=30, bilirubin_mg_dl=7, alternative_cause="sos_vod", alternative_cause_organ="liver"))
    whole = one(lambda c: c.patient("p").gvhd(20, skin_bsa_pct=30, bilirubin_mg_dl=7, alternative_cause="drug"))
    plain = one(lambda c: c.patient("p").gvhd(20, skin_bsa_pct=30, bilirubin_mg_dl=7))
    assert (sos.agvhd_max_grade, whole.agvhd_max_grade, plain.agvhd_max_grade) == (1, 0, 3)
    # "gi" covers upper and lower GI: persistent nausea (upper GI 1 -> grade II) explained too.
    gi = one(lambda c: c.patient("p").gvhd(20, upper_gi=True, stool_ml_day=600, alternative_cause="infection", alternative_cause_organ="gi"))
    assert gi.agvhd_max_grade == 0


def test_gvhd_diagnosed_no_stages_nothing():
    # The clinician recorded the findings but did not diagnose GVHD: nothing stages, even bullae.
    row = one(lambda c: c.patient("p").gvhd(25, skin_bullae=True, gvhd_diagnosed=False))
    assert (row.agvhd_max_grade, row.agvhd_2_4_status) == (0, 0)


def test_lower_gi_uses_the_three_day_average():
    # Stool 200, 300, 1100 mL on days 10-12. MAGIC stages the 3-day average: day 12 (200+300+1100)/3
    # = 533 mL -> stage 1 -> grade II. The single day (1100 mL, stage 2) would give grade III.
    def build(c):
        c.patient("p").gvhd(10, stool_ml_day=200).gvhd(11, stool_ml_day=300).gvhd(12, stool_ml_day=1100)

    assert one(build).agvhd_max_grade == 2
    assert one(build, EndpointDefinitions().replace(stool_average_days=1)).agvhd_max_grade == 3
    # Day 10 is outside the 3 days before day 14 (12, 13, 14): 1100 mL alone -> stage 2.
    far = one(lambda c: c.patient("p").gvhd(10, stool_ml_day=200).gvhd(14, stool_ml_day=1100))
    assert far.agvhd_max_grade == 3
    # A day whose diarrhoea has another cause does not enter the average: days 11 (C. difficile,
    # 2000 mL) and 12 (1100 mL) -> the average of day 12 is 1100 mL -> stage 2, grade III.
    cdiff = one(lambda c: c.patient("p").gvhd(11, stool_ml_day=2000, alternative_cause="infection", alternative_cause_organ="lower_gi").gvhd(12, stool_ml_day=1100))
    assert cdiff.agvhd_max_grade == 3


def test_entered_overall_grade_fallback_and_prefer():
    # A registry row with only the overall grade (III) counts as grade III. With organ measures too
    # (skin 60 % -> grade II) the measures win by default; with gvhd_entered_values=prefer, III.
    only = one(lambda c: c.patient("p").gvhd(30, agvhd_overall_grade=3))
    both = lambda c: c.patient("p").gvhd(30, skin_bsa_pct=60, agvhd_overall_grade=3)  # noqa: E731
    assert (only.agvhd_max_grade, only.agvhd_3_4_day) == (3, 30)
    assert one(both).agvhd_max_grade == 2
    assert one(both, EndpointDefinitions().replace(gvhd_entered_values="prefer")).agvhd_max_grade == 3


def test_nih_chronic_gvhd_needs_a_diagnostic_sign():
    # Jagasia 2015: "at least one diagnostic sign, or a distinctive sign confirmed by biopsy or another
    # test"; organ scores alone are not a diagnosis. Scores on day 120 without the flag and a
    # confirmed diagnosis on day 200: chronic GVHD from day 200 (the day-120 scores do not count).
    def build(c):
        c.patient("p").gvhd(120, cgvhd_skin=2).gvhd(200, cgvhd_mouth=1, cgvhd_diagnostic_sign=True)

    row = one(build)
    assert (row.cgvhd_day, row.cgvhd_status, row.cgvhd_max_severity) == (200, 1, "mild")
    # Without the NIH gate (option) the day-120 scores count: moderate (skin 2) on day 120.
    loose = one(build, EndpointDefinitions().replace(cgvhd_requires_diagnostic_sign=False))
    assert (loose.cgvhd_day, loose.cgvhd_max_severity) == (120, "moderate")
    # Scores only, never a diagnostic sign: no chronic GVHD at all.
    none = one(lambda c: c.patient("p").gvhd(120, cgvhd_skin=2))
    assert (none.cgvhd_status, none.cgvhd_max_severity) == (0, "none")


def test_entered_cgvhd_global_severity_counts_as_a_diagnosis():
    # A registry's "chronic GVHD, moderate" on day 150 (no organ scores) is a diagnosis unless the
    # diagnostic-sign flag says no.
    entered = one(lambda c: c.patient("p").gvhd(150, cgvhd_global_severity="moderate"))
    denied = one(lambda c: c.patient("p").gvhd(150, cgvhd_global_severity="moderate", cgvhd_diagnostic_sign=False))
    assert (entered.cgvhd_day, entered.cgvhd_max_severity) == (150, "moderate")
    assert (denied.cgvhd_status, denied.cgvhd_max_severity) == (0, "none")
