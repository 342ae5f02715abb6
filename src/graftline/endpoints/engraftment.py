"""Neutrophil and platelet engraftment (count recovery) and graft failure.

Rules (DOMAIN.md section 2, CIBMTR and ASTCT 2021):

- neutrophils: first of ``engraftment_values`` (3) consecutive values on
  different days with ANC >= ``anc_threshold`` (0.5 x10^9/L), counted after
  the nadir (the run starts after the first value below the threshold);
- platelets: the same with >= 20 (or 50) x10^9/L and no platelet transfusion
  in the ``platelet_transfusion_free_days`` (7) before the first value; the
  nadir is the first value below the threshold or the first platelet
  transfusion, whichever comes first;
- "not applicable": the count never fell below the threshold (platelets: and
  no platelet transfusion) - reported as ``applicable = False``.

After MST or chemotherapy alone the same rules measure recovery of the
patient's own marrow; graft failure is only assessed for the modalities in
``graft_failure_modalities``.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from graftline.endpoints.definitions import EndpointDefinitions
from graftline.endpoints.runs import daily_counts, mark_runs
from graftline.endpoints.tables import CohortTables


def _runs(daily: ir.Table, threshold: float, definitions: EndpointDefinitions) -> ir.Table:
    return mark_runs(
        daily,
        daily.value >= threshold,
        values=definitions.engraftment_values,
        max_gap_days=definitions.engraftment_max_gap_days,
        missing_day_breaks_run=definitions.engraftment_missing_day_breaks_run,
    )


def neutrophil_recovery(tables: CohortTables, definitions: EndpointDefinitions) -> ir.Table:
    """Per patient with ANC values: ``day`` (first day of the run, null if none), ``applicable``."""
    runs = _runs(daily_counts(tables.labs, "anc", definitions), definitions.anc_threshold, definitions)
    counts = runs.run_start & runs.failed_before if definitions.engraftment_after_nadir else runs.run_start
    return runs.group_by("patient_id").aggregate(
        day=runs.day.min(where=counts).cast("int64"),
        applicable=(~runs.meets).any(),
    )


def platelet_transfusions(tables: CohortTables) -> ir.Table:
    t = tables.transfusions
    return t.filter(t.product == "platelets").select("patient_id", "day")


def platelet_recoveries(tables: CohortTables, definitions: EndpointDefinitions) -> dict[str, ir.Table]:
    """Platelet engraftment at both thresholds, sharing one window pass over the counts.

    Returns ``{"platelet_engraftment": ..., "platelet50_engraftment": ...}``, each per
    patient with platelet values or platelet transfusions: ``day``, ``applicable``.
    """
    d = definitions
    thresholds = {"platelet_engraftment": d.platelet_threshold, "platelet50_engraftment": d.platelet50_threshold}
    daily = daily_counts(tables.labs, "plt", d)
    runs = mark_runs(
        daily,
        {name: daily.value >= threshold for name, threshold in thresholds.items()},
        values=d.engraftment_values,
        max_gap_days=d.engraftment_max_gap_days,
        missing_day_breaks_run=d.engraftment_missing_day_breaks_run,
    )
    transfused = platelet_transfusions(tables)
    transfused = transfused.filter(transfused.day >= d.engraftment_first_day)
    first_transfusion = transfused.group_by("patient_id").aggregate(first_transfusion_day=transfused.day.min())
    fell = runs.group_by("patient_id").aggregate(**{f"{name}_fell": (~runs[f"{name}_meets"]).any() for name in thresholds})
    patients = fell.select("patient_id").union(first_transfusion.select("patient_id"), distinct=True)
    return {name: _platelet_recovery(runs, name, fell, patients, first_transfusion, tables, d) for name in thresholds}


def _platelet_recovery(
    runs: ir.Table,
    name: str,
    fell: ir.Table,
    patients: ir.Table,
    first_transfusion: ir.Table,
    tables: CohortTables,
    d: EndpointDefinitions,
) -> ir.Table:
    starts = runs.filter(runs[f"{name}_run_start"]).select("patient_id", "day", failed_before=runs[f"{name}_failed_before"])
    starts = starts.left_join(first_transfusion, "patient_id").drop("patient_id_right")
    if d.engraftment_after_nadir:
        after_nadir = starts.failed_before | (starts.first_transfusion_day < starts.day).coalesce(False)
        starts = starts.filter(after_nadir)
    window = d.platelet_transfusion_free_days
    all_transfusions = platelet_transfusions(tables)
    # CIBMTR example: transfused June 13, recovered June 20 -> day - transfusion >= 7 is free.
    if d.platelet_transfusion_window_inclusive:
        in_window = all_transfusions.day >= starts.day - window
    else:
        in_window = all_transfusions.day > starts.day - window
    free = starts.anti_join(
        all_transfusions,
        [starts.patient_id == all_transfusions.patient_id, all_transfusions.day <= starts.day, in_window],
    )
    recovered = free.group_by("patient_id").aggregate(day=free.day.min().cast("int64"))
    out = patients.left_join(fell, "patient_id").drop("patient_id_right")
    out = out.left_join(first_transfusion, "patient_id").drop("patient_id_right")
    out = out.left_join(recovered, "patient_id").drop("patient_id_right")
    return out.select(
        "patient_id",
        day=out.day,
        applicable=out[f"{name}_fell"].coalesce(False) | out.first_transfusion_day.notnull(),
    )


def secondary_graft_failure_day(
    tables: CohortTables, definitions: EndpointDefinitions, engraftment: ir.Table
) -> ir.Table:
    """Per engrafted patient: first day of ``secondary_graft_failure_values``
    consecutive ANC values below the threshold after the engraftment day (null if none).
    """
    daily = daily_counts(tables.labs, "anc", definitions)
    engrafted = engraftment.filter(engraftment.day.notnull()).select("patient_id", engraftment_day=engraftment.day)
    after = daily.inner_join(engrafted, "patient_id")
    after = after.filter(after.day > after.engraftment_day).select("patient_id", "day", "value")
    runs = mark_runs(
        after,
        after.value < definitions.anc_threshold,
        values=definitions.secondary_graft_failure_values,
        max_gap_days=definitions.engraftment_max_gap_days,
        missing_day_breaks_run=definitions.engraftment_missing_day_breaks_run,
    )
    return runs.group_by("patient_id").aggregate(loss_day=runs.day.min(where=runs.run_start).cast("int64"))


def graft_failure(
    base: ir.Table, neutrophils: ir.Table, loss: ir.Table, definitions: EndpointDefinitions
) -> ir.Table:
    """``primary_graft_failure`` and ``secondary_graft_failure`` per patient.

    Values: ``yes``, ``no``, ``not_evaluable`` (died or lost to follow-up
    before the cut-off without engraftment), ``not_applicable`` (modality
    without an engrafting graft - MST, chemotherapy - or no graft source).
    Secondary failure is ``not_applicable`` when the patient never engrafted.
    """
    t = base.left_join(neutrophils, "patient_id").drop("patient_id_right")
    t = t.left_join(loss, "patient_id").drop("patient_id_right")
    cutoff = ibis.cases(
        (t.graft_source == "bm", definitions.primary_graft_failure_day_bm),
        (t.graft_source == "pbsc", definitions.primary_graft_failure_day_pbsc),
        (t.graft_source == "cord", definitions.primary_graft_failure_day_cord),
        else_=ibis.null("int64"),
    )
    assessed = t.modality.isin(definitions.graft_failure_modalities) & cutoff.notnull()
    never_fell = t.applicable.notnull() & ~t.applicable.coalesce(True)
    engrafted_in_time = t.day.notnull() & (t.day <= cutoff)
    followed_to_cutoff = t.censor_day >= cutoff
    primary = ibis.cases(
        (~assessed, "not_applicable"),
        (never_fell | engrafted_in_time, "no"),
        (followed_to_cutoff, "yes"),
        else_="not_evaluable",
    )
    secondary = ibis.cases(
        (~assessed, "not_applicable"),
        (never_fell, "no"),
        (t.day.isnull(), "not_applicable"),
        (t.loss_day.notnull(), "yes"),
        else_="no",
    )
    return t.select("patient_id", primary_graft_failure=primary, secondary_graft_failure=secondary)
