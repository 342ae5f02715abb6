"""Acute GVHD staging and grading (MAGIC, Glucksberg) and NIH chronic GVHD severity.

The organ-stage boundaries are data (``*_BOUNDS``) used by both the Ibis
CASE expressions (evaluated in SQL over all assessments) and the plain
Python functions (one assessment, used by ``graftline explain``); tests
check that both agree on every boundary.

MAGIC stages (Harris et al., BBMT 2016;22:4-10; DOMAIN.md section 2):

=====  ==============  ==============  ===============  ================
stage  skin % BSA      bilirubin mg/dL lower GI mL/day  child mL/kg/day
=====  ==============  ==============  ===============  ================
0      no rash         < 2             < 500            < 10
1      < 25            2-3             500-999          10-19.9
2      25-50           3.1-6           1000-1500        20-30
3      > 50            6.1-15          > 1500           > 30
4      bullae          > 15            severe pain / ileus / bloody stool
=====  ==============  ==============  ===============  ================

Continuous values between the printed ranges (bilirubin 3.05) go to the
lower stage: the upper bounds are 3, 6 and 15 inclusive. Only findings
attributed to GVHD are staged (MAGIC): an organ with an ``alternative_cause``
(SOS/VOD, an infection such as C. difficile, a drug) or a row with
``gvhd_diagnosed`` = no has stage 0. Lower GI uses the average stool output
of the last ``stool_average_days`` (3) days. An unmeasured stool
episode counts as ``stool_ml_per_episode`` (200 mL) in adults and
``stool_ml_per_kg_per_episode`` (3 mL/kg) in children (< 50 kg); with these
volumes the episode thresholds of the MAGIC table (3-4, 5-7, > 7 episodes;
children 4-6, 7-10, > 10) are reproduced exactly. A raw measure, when
present, decides the stage; a bedside stage is used only when the measure
is missing.
"""

from __future__ import annotations

from collections.abc import Mapping

import ibis
import ibis.expr.types as ir

from graftline.endpoints.definitions import EndpointDefinitions

#: (upper bound, bound inclusive, stage); values above the last bound get the next stage.
SKIN_BOUNDS = ((0.0, True, 0), (25.0, False, 1), (50.0, True, 2))
LIVER_BOUNDS = ((2.0, False, 0), (3.0, True, 1), (6.0, True, 2), (15.0, True, 3))
LOWER_GI_ADULT_BOUNDS = ((500.0, False, 0), (1000.0, False, 1), (1500.0, True, 2))
LOWER_GI_CHILD_BOUNDS = ((10.0, False, 0), (20.0, False, 1), (30.0, True, 2))

CGVHD_ORGANS = ("skin", "mouth", "eyes", "gi", "liver", "lungs", "joints", "genital")
CGVHD_SEVERITIES = ("none", "mild", "moderate", "severe")


# --- plain Python: one assessment -------------------------------------------------------


def _stage_by_bounds(value: float, bounds: tuple) -> int:
    for bound, inclusive, stage in bounds:
        if value < bound or (inclusive and value == bound):
            return stage
    return bounds[-1][2] + 1


def skin_stage(bsa_pct: float | None, bullae: bool | None = None, given: int | None = None) -> int | None:
    """MAGIC skin stage from % body surface area with active erythema (bullae -> 4)."""
    if bullae:
        return 4
    if bsa_pct is not None:
        return _stage_by_bounds(bsa_pct, SKIN_BOUNDS)
    return given


def liver_stage(bilirubin_mg_dl: float | None, given: int | None = None) -> int | None:
    """MAGIC liver stage from total bilirubin (mg/dL)."""
    return _stage_by_bounds(bilirubin_mg_dl, LIVER_BOUNDS) if bilirubin_mg_dl is not None else given


def upper_gi_stage(persistent_symptoms: bool | None) -> int | None:
    """MAGIC upper GI stage: 1 for persistent nausea, vomiting or anorexia."""
    return None if persistent_symptoms is None else int(bool(persistent_symptoms))


def lower_gi_stage(
    *,
    stool_ml_day: float | None = None,
    episodes_day: float | None = None,
    weight_kg: float | None = None,
    severe: bool | None = None,
    given: int | None = None,
    definitions: EndpointDefinitions | None = None,
) -> int | None:
    """MAGIC lower GI stage from stool volume (or episodes), paediatric rule below 50 kg."""
    d = definitions or EndpointDefinitions()
    if severe:
        return 4
    child = weight_kg is not None and weight_kg < d.agvhd_child_weight_kg
    if stool_ml_day is not None:
        if child:
            return _stage_by_bounds(stool_ml_day / weight_kg, LOWER_GI_CHILD_BOUNDS)
        return _stage_by_bounds(stool_ml_day, LOWER_GI_ADULT_BOUNDS)
    if episodes_day is not None:
        if child:
            return _stage_by_bounds(episodes_day * d.stool_ml_per_kg_per_episode, LOWER_GI_CHILD_BOUNDS)
        return _stage_by_bounds(episodes_day * d.stool_ml_per_episode, LOWER_GI_ADULT_BOUNDS)
    return given


def agvhd_grade(skin: int | None, liver: int | None, upper_gi: int | None, lower_gi: int | None, *, system: str = "magic") -> int:
    """Overall acute GVHD grade 0-IV from organ stages (missing stage = 0).

    MAGIC, top-down: IV any stage 4 skin, liver or lower GI; III stage 2-3
    liver or lower GI; II stage 3 skin, or stage 1 liver, upper GI or lower
    GI; I stage 1-2 skin only. Glucksberg (modified Keystone) differs in
    that lower GI stage 4 gives grade III, not IV.
    """
    s, li, u, g = (x or 0 for x in (skin, liver, upper_gi, lower_gi))
    gut_iv = g == 4 and system == "magic"
    if s == 4 or li == 4 or gut_iv:
        return 4
    if li in (2, 3) or g >= 2:
        return 3
    if s == 3 or li == 1 or u == 1 or g == 1:
        return 2
    if s in (1, 2):
        return 1
    return 0


def nih_global_severity(scores: Mapping[str, int | None]) -> str:
    """NIH chronic GVHD global severity from organ scores 0-3 (missing = 0).

    Severe: lung score 2+, or any organ score 3. Moderate: lung score 1, any
    organ score 2, or 3+ organs involved. Mild: 1-2 organs with score 1 and
    no lung involvement. Otherwise none.
    """
    values = [scores.get(organ) or 0 for organ in CGVHD_ORGANS]
    lungs = scores.get("lungs") or 0
    involved = sum(v >= 1 for v in values)
    if lungs >= 2 or max(values) >= 3:
        return "severe"
    if lungs == 1 or max(values) == 2 or involved >= 3:
        return "moderate"
    if involved >= 1:
        return "mild"
    return "none"


# --- Ibis: every assessment in SQL ----------------------------------------------------


def _stage_expr(value: ir.NumericValue, bounds: tuple) -> ir.IntegerValue:
    branches = [((value <= bound) if inclusive else (value < bound), stage) for bound, inclusive, stage in bounds]
    return ibis.cases(*branches, else_=bounds[-1][2] + 1)


#: Columns whose presence means a row carries acute GVHD organ findings (raw or staged).
AGVHD_ORGAN_COLUMNS = (
    "skin_bsa_pct", "skin_bullae", "skin_stage", "bilirubin_mg_dl", "liver_stage", "upper_gi",
    "stool_ml_day", "stool_episodes_day", "lower_gi_severe", "lower_gi_stage",
)


def _attributed(a: ir.Table, organ: str) -> ir.BooleanValue:
    """The organ's findings in this row count as GVHD: diagnosed (or not denied) and no alternative cause for it."""
    covers = (organ, "all", "gi") if organ in ("upper_gi", "lower_gi") else (organ, "all")
    explained = a.alternative_cause.notnull() & (a.alternative_cause_organ.isnull() | a.alternative_cause_organ.isin(covers))
    return a.gvhd_diagnosed.coalesce(True) & ~explained


def staged_assessments(assessments: ir.Table, weights: ir.Table, definitions: EndpointDefinitions) -> ir.Table:
    """Add organ stages, ``agvhd_grade``, ``cgvhd_severity_rank`` and the NIH diagnosis gate.

    ``weights``: patient_id, weight_kg (paediatric lower GI rule).

    Added columns: ``skin``, ``liver``, ``upper``, ``lower`` (MAGIC stages of
    the findings attributed to GVHD: 0 for an organ with an alternative cause
    or a row with ``gvhd_diagnosed`` = no), ``stool_ml_avg`` /
    ``stool_episodes_avg`` (the ``stool_average_days``-day average MAGIC
    stages lower GI by), ``agvhd_grade`` (computed, or entered per
    ``gvhd_entered_values``), ``agvhd_grade_computed``, ``cgvhd_severity_rank``
    (0-3, counted only from the NIH diagnosis on), ``cgvhd_rank_computed``,
    ``cgvhd_diagnosis_day``.
    """
    d = definitions
    a = assessments.left_join(weights, "patient_id").drop("patient_id_right")
    skin_ok, liver_ok = _attributed(a, "skin"), _attributed(a, "liver")
    upper_ok, lower_ok = _attributed(a, "upper_gi"), _attributed(a, "lower_gi")
    # MAGIC: lower GI is staged on the average stool output of the last 3 days; days whose diarrhoea
    # has another cause do not enter the average.
    ml = ibis.ifelse(lower_ok, a.stool_ml_day.cast("float64"), ibis.null("float64"))
    episodes = ibis.ifelse(lower_ok, a.stool_episodes_day.cast("float64"), ibis.null("float64"))
    if d.stool_average_days > 1:
        window = ibis.range_window(preceding=d.stool_average_days - 1, following=0, group_by="patient_id", order_by="day")
        ml = ibis.ifelse(ml.notnull(), ml.mean().over(window), ibis.null("float64"))
        episodes = ibis.ifelse(episodes.notnull(), episodes.mean().over(window), ibis.null("float64"))
    a = a.mutate(stool_ml_avg=ml, stool_episodes_avg=episodes)
    skin = ibis.cases(
        (a.skin_bullae.coalesce(False), 4),
        (a.skin_bsa_pct.notnull(), _stage_expr(a.skin_bsa_pct, SKIN_BOUNDS)),
        else_=a.skin_stage.cast("int64"),
    )
    liver = ibis.ifelse(a.bilirubin_mg_dl.notnull(), _stage_expr(a.bilirubin_mg_dl, LIVER_BOUNDS), a.liver_stage.cast("int64"))
    # CASE rather than CAST(boolean AS BIGINT), which PostgreSQL refuses.
    upper = ibis.cases((a.upper_gi, 1), (~a.upper_gi, 0), else_=ibis.null("int64"))
    child = (a.weight_kg < d.agvhd_child_weight_kg).coalesce(False)
    per_kg = a.stool_ml_avg / a.weight_kg
    lower = ibis.cases(
        (a.lower_gi_severe.coalesce(False), 4),
        (a.stool_ml_avg.notnull() & child, _stage_expr(per_kg, LOWER_GI_CHILD_BOUNDS)),
        (a.stool_ml_avg.notnull(), _stage_expr(a.stool_ml_avg, LOWER_GI_ADULT_BOUNDS)),
        (a.stool_episodes_avg.notnull() & child, _stage_expr(a.stool_episodes_avg * d.stool_ml_per_kg_per_episode, LOWER_GI_CHILD_BOUNDS)),
        (a.stool_episodes_avg.notnull(), _stage_expr(a.stool_episodes_avg * d.stool_ml_per_episode, LOWER_GI_ADULT_BOUNDS)),
        else_=a.lower_gi_stage.cast("int64"),
    )

    def only(ok: ir.BooleanValue, stage: ir.IntegerValue) -> ir.IntegerValue:
        # An organ with findings that have another cause has stage 0 (it is not GVHD), not "unknown".
        return ibis.ifelse(ok, stage, ibis.ifelse(stage.notnull(), 0, ibis.null("int64")))

    a = a.mutate(skin=only(skin_ok, skin), liver=only(liver_ok, liver), upper=only(upper_ok, upper), lower=only(lower_ok, lower))
    s, li, u, g = (a[c].coalesce(0) for c in ("skin", "liver", "upper", "lower"))
    gut_iv = (g == 4) if d.agvhd_grading == "magic" else ibis.literal(False)
    computed = ibis.cases(
        ((s == 4) | (li == 4) | gut_iv, 4),
        (li.isin((2, 3)) | (g >= 2), 3),
        ((s == 3) | (li == 1) | (u == 1) | (g == 1), 2),
        (s.isin((1, 2)), 1),
        else_=0,
    )
    diagnosed = a.gvhd_diagnosed.coalesce(True)
    prefer = ibis.literal(d.gvhd_entered_values == "prefer")
    has_organs = ibis.or_(*[a[c].notnull() for c in AGVHD_ORGAN_COLUMNS])
    entered = a.agvhd_overall_grade.cast("int64")
    grade = ibis.cases(
        (~diagnosed, 0),
        (prefer & entered.notnull(), entered),
        (has_organs, computed),
        else_=entered.coalesce(0),
    )
    scores = [a[f"cgvhd_{organ}"].cast("int64").coalesce(0) for organ in CGVHD_ORGANS]
    lungs = a.cgvhd_lungs.cast("int64").coalesce(0)
    highest = ibis.greatest(*scores)
    involved = sum(ibis.ifelse(score >= 1, 1, 0) for score in scores)
    severity = ibis.cases(
        ((lungs >= 2) | (highest >= 3), 3),
        ((lungs == 1) | (highest == 2) | (involved >= 3), 2),
        (involved >= 1, 1),
        else_=0,
    )
    entered_rank = ibis.cases(*[(a.cgvhd_global_severity == name, i) for i, name in enumerate(CGVHD_SEVERITIES)], else_=ibis.null("int64"))
    has_scores = ibis.or_(*[a[f"cgvhd_{organ}"].notnull() for organ in CGVHD_ORGANS])
    rank = ibis.cases(
        (~diagnosed, 0),
        (prefer & entered_rank.notnull(), entered_rank),
        (has_scores, severity),
        else_=entered_rank.coalesce(0),
    )
    a = a.mutate(
        agvhd_grade=grade.cast("int64"),
        agvhd_grade_computed=computed.cast("int64"),
        cgvhd_rank=rank.cast("int64"),
        cgvhd_rank_computed=severity.cast("int64"),
        cgvhd_rank_entered=entered_rank.cast("int64"),
    )
    # NIH (Jagasia 2015): chronic GVHD is diagnosed by a diagnostic sign, or a distinctive sign confirmed
    # by biopsy or another test; organ scores alone are not a diagnosis. An entered global severity
    # (a registry's diagnosis) counts unless the flag says no.
    sign = a.cgvhd_diagnostic_sign
    diagnosis = a.gvhd_diagnosed.coalesce(True) & (a.day >= 0) & (sign.coalesce(False) | ((a.cgvhd_rank_entered >= 1) & sign.coalesce(True)))
    if d.cgvhd_requires_diagnostic_sign:
        first = ibis.ifelse(diagnosis, a.day.cast("int64"), ibis.null("int64")).min().over(ibis.window(group_by="patient_id"))
        counted = first.notnull() & (a.day >= first)
    else:
        first = ibis.ifelse(a.cgvhd_rank >= 1, a.day.cast("int64"), ibis.null("int64")).min().over(ibis.window(group_by="patient_id"))
        counted = ibis.literal(True)
    return a.mutate(cgvhd_severity_rank=ibis.ifelse(counted, a.cgvhd_rank, 0).cast("int64"), cgvhd_diagnosis_day=first)


def gvhd_per_patient(assessments: ir.Table, weights: ir.Table, definitions: EndpointDefinitions) -> ir.Table:
    """Per patient with assessments: max grade/severity and first days of each GVHD event.

    ``crfs_cgvhd_day``: the first chronic GVHD (NIH-diagnosed) with systemic therapy (CRFS).
    """
    d = definitions
    a = staged_assessments(assessments, weights, d)
    after_infusion = a.day >= 0
    cgvhd_rank = CGVHD_SEVERITIES.index(d.cgvhd_event_severity)
    cgvhd_treated = (a.cgvhd_severity_rank >= 1) & a.systemic_therapy.coalesce(False)
    cgvhd_for_grfs = cgvhd_treated if d.grfs_cgvhd_requires_systemic_therapy else a.cgvhd_severity_rank >= 1
    return a.group_by("patient_id").aggregate(
        agvhd_max_grade=a.agvhd_grade.max(where=after_infusion),
        cgvhd_max_rank=a.cgvhd_severity_rank.max(where=after_infusion),
        agvhd_2_4_event_day=a.day.min(where=after_infusion & (a.agvhd_grade >= 2)).cast("int64"),
        agvhd_3_4_event_day=a.day.min(where=after_infusion & (a.agvhd_grade >= 3)).cast("int64"),
        cgvhd_event_day=a.day.min(where=after_infusion & (a.cgvhd_severity_rank >= cgvhd_rank)).cast("int64"),
        grfs_agvhd_day=a.day.min(where=after_infusion & (a.agvhd_grade >= d.grfs_agvhd_min_grade)).cast("int64"),
        grfs_cgvhd_day=a.day.min(where=after_infusion & cgvhd_for_grfs).cast("int64"),
        crfs_cgvhd_day=a.day.min(where=after_infusion & cgvhd_treated).cast("int64"),
    )


def severity_name(rank: ir.IntegerValue) -> ir.StringValue:
    return ibis.cases(*[(rank == i, name) for i, name in enumerate(CGVHD_SEVERITIES)], else_="none")
