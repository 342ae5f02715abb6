"""Donor chimerism by modality and lineage, graft rejection, MST microchimerism.

After allo-HSCT (Sureda et al., BMT 2024;59:832, Table 1; DOMAIN.md 2):

- an *assessment* is a test day D with the tests of the previous
  ``chimerism_assessment_window_days`` days, the latest value per lineage
  group (myeloid, lymphoid, unsorted blood or marrow) counting;
- ``full``: donor > 95 % in every lineage group tested, named by what was
  tested: ``full`` needs both myeloid and lymphoid, else
  ``full_myeloid_only``, ``full_lymphoid_only`` or ``full_unsorted``;
- ``donor_loss``: donor < 5 % (or not detected) in every lineage group:
  loss of the graft, i.e. graft rejection - never "microchimerism";
- ``mixed``: anything else (5-95 %, or lineages on both sides of a cut-off,
  "split" chimerism; the lowest lineage is reported).

The category is that of the last assessment (on or before
``chimerism_landmark_day``); ``graft_rejection`` uses every assessment:
the first one in ``donor_loss``.

After MST donor cells are expected to be rejected; what MST papers report
is **microchimerism** - donor cells detected below ``mst_microchimerism_below_pct``
(1 %) - and its persistence over repeated tests. Every test up to the
landmark counts: ``microchimerism_persistent`` when detected on tests at
least ``mst_microchimerism_persistence_days`` apart, ``microchimerism`` when
detected at all; ``macrochimerism`` when the last test found donor cells at
or above the threshold; ``not_detected`` otherwise.

A result missing or below the assay's limit of detection is "not
detected", never 0 %; for the allo-HSCT cut-offs it lies below 5 %.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from graftline.endpoints.definitions import EndpointDefinitions
from graftline.endpoints.tables import CohortTables

#: Lineages read as myeloid or lymphoid for "both lineages"; the others
#: (whole blood, marrow, CD34+ progenitors) are unsorted.
MYELOID_LINEAGES = ("myeloid", "cd33", "cd15")
LYMPHOID_LINEAGES = ("lymphoid", "cd3", "cd19", "nk")

#: Categories of ``chimerism_category`` (besides ``not_tested``).
ALLO_CATEGORIES = ("full", "full_myeloid_only", "full_lymphoid_only", "full_unsorted", "mixed", "donor_loss")
MST_CATEGORIES = ("microchimerism_persistent", "microchimerism", "macrochimerism", "not_detected")


def _tests(tables: CohortTables) -> ir.Table:
    """Tests after day 0 with ``level`` (donor %, 0 when not detected), ``detected`` and ``lineage_group``."""
    c = tables.chimerism
    c = c.filter(c.day > 0)
    detected = c.donor_pct.notnull() & (c.lod_pct.isnull() | (c.donor_pct >= c.lod_pct))
    group = ibis.cases(
        (c.lineage.isin(MYELOID_LINEAGES), "myeloid"),
        (c.lineage.isin(LYMPHOID_LINEAGES), "lymphoid"),
        else_="unsorted",
    )
    return c.select(
        "patient_id",
        day=c.day.cast("int64"),
        lineage=c.lineage,
        method=c.method,
        detected=detected,
        level=ibis.ifelse(detected, c.donor_pct.cast("float64"), 0.0),
        lineage_group=group,
    )


def allo_assessments(tests: ir.Table, definitions: EndpointDefinitions) -> ir.Table:
    """One row per patient and test day D: the assessment's category and its lowest test.

    Columns: patient_id, day, category, lineage, method (of the lowest lineage).
    """
    d = definitions
    days = tests.select("patient_id", assessment_day=tests.day).distinct()
    pairs = days.inner_join(tests, "patient_id")
    pairs = pairs.filter(pairs.day <= pairs.assessment_day, pairs.day >= pairs.assessment_day - d.chimerism_assessment_window_days)
    # Latest value per lineage group (ties on one day: the lowest donor %, then lineage, method).
    latest = ibis.window(group_by=["patient_id", "assessment_day", "lineage_group"], order_by=[ibis.desc("day"), "level", "lineage", "method"])
    pairs = pairs.mutate(group_rank=ibis.row_number().over(latest))
    groups = pairs.filter(pairs.group_rank == 0)
    lowest = ibis.window(group_by=["patient_id", "assessment_day"], order_by=["level", "lineage", "method"])
    groups = groups.mutate(low_rank=ibis.row_number().over(lowest))
    summary = groups.group_by(["patient_id", "assessment_day"]).aggregate(
        min_level=groups.level.min(),
        max_level=groups.level.max(),
        myeloid=(groups.lineage_group == "myeloid").any(),
        lymphoid=(groups.lineage_group == "lymphoid").any(),
        lineage=groups.lineage.max(where=groups.low_rank == 0),
        method=groups.method.max(where=groups.low_rank == 0),
    )
    full = ibis.cases(
        (summary.myeloid & summary.lymphoid, "full"),
        (summary.myeloid, "full_myeloid_only"),
        (summary.lymphoid, "full_lymphoid_only"),
        else_="full_unsorted",
    )
    category = ibis.cases(
        (summary.max_level < d.chimerism_mixed_from_pct, "donor_loss"),
        (summary.min_level > d.chimerism_full_above_pct, full),
        else_="mixed",
    )
    return summary.select("patient_id", day=summary.assessment_day, category=category, lineage=summary.lineage, method=summary.method)


def _mst_summary(tests: ir.Table, definitions: EndpointDefinitions) -> ir.Table:
    """Per MST-tested patient: first/last microchimerism day and the last test day's highest result."""
    d = definitions
    micro = tests.detected & (tests.level < d.mst_microchimerism_below_pct)
    last = ibis.window(group_by="patient_id", order_by=[ibis.desc("day"), ibis.desc("level"), "lineage", "method"])
    ranked = tests.mutate(micro=micro, last_rank=ibis.row_number().over(last))
    summary = ranked.group_by("patient_id").aggregate(
        first_micro=ranked.day.min(where=ranked.micro),
        last_micro=ranked.day.max(where=ranked.micro),
        last_day=ranked.day.max(),
        last_level=ranked.level.max(where=ranked.last_rank == 0),
        last_detected=ranked.detected.any(where=ranked.last_rank == 0),
        lineage=ranked.lineage.max(where=ranked.last_rank == 0),
        method=ranked.method.max(where=ranked.last_rank == 0),
    )
    persistent = (summary.last_micro - summary.first_micro) >= d.mst_microchimerism_persistence_days
    category = ibis.cases(
        (summary.last_detected.coalesce(False) & (summary.last_level >= d.mst_microchimerism_below_pct), "macrochimerism"),
        (summary.first_micro.notnull() & persistent, "microchimerism_persistent"),
        (summary.first_micro.notnull(), "microchimerism"),
        else_="not_detected",
    )
    return summary.select(
        "patient_id",
        mst_category=category,
        mst_day=summary.last_day,
        mst_lineage=summary.lineage,
        mst_method=summary.method,
        microchimerism_first_day=summary.first_micro,
        microchimerism_last_day=summary.last_micro,
    )


def chimerism_per_patient(tables: CohortTables, definitions: EndpointDefinitions) -> ir.Table:
    """Per tested patient: both readings (allo and MST) and the first donor-loss assessment.

    ``endpoint_table`` picks the reading by the patient's modality (MST: the
    MST reading; every other modality: the allo-HSCT reading).
    """
    d = definitions
    tests = _tests(tables)
    assessments = allo_assessments(tests, d)
    upto = assessments if d.chimerism_landmark_day is None else assessments.filter(assessments.day <= d.chimerism_landmark_day)
    ranked = upto.mutate(rank=ibis.row_number().over(ibis.window(group_by="patient_id", order_by=ibis.desc("day"))))
    deciding = ranked.filter(ranked["rank"] == 0).select(
        "patient_id", allo_category=ranked.category, allo_day=ranked.day, allo_lineage=ranked.lineage, allo_method=ranked.method
    )
    loss = assessments.filter(assessments.category == "donor_loss")
    first_loss = loss.mutate(rank=ibis.row_number().over(ibis.window(group_by="patient_id", order_by=["day", "method"])))
    rejection = first_loss.filter(first_loss["rank"] == 0).select(
        "patient_id", graft_rejection_day=first_loss.day, graft_rejection_assay=first_loss.method
    )
    mst_tests = tests if d.chimerism_landmark_day is None else tests.filter(tests.day <= d.chimerism_landmark_day)
    mst = _mst_summary(mst_tests, d)
    tested = tests.select("patient_id").distinct()
    out = tested.left_join(deciding, "patient_id").drop("patient_id_right")
    out = out.left_join(mst, "patient_id").drop("patient_id_right")
    return out.left_join(rejection, "patient_id").drop("patient_id_right")
