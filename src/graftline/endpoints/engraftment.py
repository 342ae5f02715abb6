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
from ibis import _

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


def _graft_cutoff(t: ir.Table, d: EndpointDefinitions) -> ir.IntegerValue:
    return ibis.cases(
        (t.graft_source == "bm", d.primary_graft_failure_day_bm),
        (t.graft_source == "pbsc", d.primary_graft_failure_day_pbsc),
        (t.graft_source == "cord", d.primary_graft_failure_day_cord),
        else_=ibis.null("int64"),
    )


def primary_graft_failure_evidence(tables: CohortTables, base: ir.Table, definitions: EndpointDefinitions) -> ir.Table:
    """Per assessed patient: the counts near the cut-off day that primary graft failure needs.

    Columns: patient_id, cutoff, anc_low_near (an ANC below the threshold on
    days cutoff - w .. cutoff), platelets_low_near (a platelet count below
    ``pancytopenia_platelet_below`` or a platelet transfusion on days
    cutoff - w .. cutoff + w), platelets_seen_near (any platelet count or
    transfusion then), with w = ``graft_failure_window_days``.
    """
    d = definitions
    w = d.graft_failure_window_days
    cut = base.select("patient_id", cutoff=_graft_cutoff(base, d), modality=base.modality)
    cut = cut.filter(cut.cutoff.notnull(), cut.modality.isin(d.graft_failure_modalities)).drop("modality")
    anc = daily_counts(tables.labs, "anc", d).inner_join(cut, "patient_id")
    anc_near = anc.day.between(anc.cutoff - w, anc.cutoff)
    anc = anc.filter(anc_near).group_by("patient_id").aggregate(anc_low_near=(anc.value < d.anc_threshold).any())
    plt = daily_counts(tables.labs, "plt", d).select("patient_id", day=_.day.cast("int64"), low=_.value < d.pancytopenia_platelet_below)
    transfused = platelet_transfusions(tables).select("patient_id", day=_.day.cast("int64"), low=ibis.literal(True))
    near = plt.union(transfused).inner_join(cut, "patient_id")
    near = near.filter(near.day.between(near.cutoff - w, near.cutoff + w))
    near = near.group_by("patient_id").aggregate(platelets_low_near=near.low.any(), platelets_seen_near=near.day.count() > 0)
    out = cut.left_join(anc, "patient_id").drop("patient_id_right")
    out = out.left_join(near, "patient_id").drop("patient_id_right")
    return out.mutate(
        anc_low_near=out.anc_low_near.coalesce(False),
        platelets_low_near=out.platelets_low_near.coalesce(False),
        platelets_seen_near=out.platelets_seen_near.coalesce(False),
    )


def secondary_graft_failure_candidates(
    tables: CohortTables, base: ir.Table, neutrophils: ir.Table, platelets: ir.Table, definitions: EndpointDefinitions
) -> ir.Table:
    """Per patient: recovery day, first unexplained decline and whether any decline was explained.

    The recovery day is the neutrophil engraftment day (``anc_only``) or the
    later of the neutrophil and platelet engraftment days (``harmonized``); a
    count that never fell below its threshold counts as recovered from
    ``engraftment_first_day``. A decline starts on the first of
    ``secondary_graft_failure_values`` consecutive ANC values below the
    threshold after the recovery day, or (``harmonized``) on the first of
    ``secondary_graft_failure_transfusions`` platelet-transfusion days within
    ``secondary_graft_failure_transfusion_days`` after it. A relapse or
    progression assessment within ``secondary_graft_failure_relapse_window_days``
    of a decline explains that decline.

    Columns: patient_id, recovered_day, neutrophils_recovered, platelets_known, decline_day (first
    unexplained decline, null if none), decline_kind, explained (a decline
    was explained by relapse).
    """
    d = definitions
    first = d.engraftment_first_day
    # Per patient with ANC values (without them there is no recovery): the patient base is not
    # joined here - a smaller expression graph compiles much faster.
    n = neutrophils.select("patient_id", n_day=neutrophils.day, n_fell=neutrophils.applicable)
    p = platelets.select("patient_id", p_day=platelets.day, p_fell=platelets.applicable)
    t = n.left_join(p, "patient_id").drop("patient_id_right")
    # ~fell is NULL without counts, so such a patient keeps the (null) engraftment day.
    neutro = ibis.ifelse(~t.n_fell, ibis.literal(first, "int64"), t.n_day.cast("int64"))
    plate = ibis.ifelse(~t.p_fell, ibis.literal(first, "int64"), t.p_day.cast("int64"))
    if d.secondary_graft_failure_rule == "harmonized":
        recovered = ibis.ifelse(neutro.notnull() & plate.notnull(), ibis.greatest(neutro, plate), ibis.null("int64"))
    else:
        recovered = neutro
    t = t.select("patient_id", recovered_day=recovered, neutrophils_recovered=neutro.notnull(), platelets_known=t.p_fell.notnull())
    since = t.filter(t.recovered_day.notnull()).select("patient_id", "recovered_day")

    daily = daily_counts(tables.labs, "anc", d).inner_join(since, "patient_id")
    daily = daily.filter(daily.day > daily.recovered_day).select("patient_id", "day", "value")
    runs = mark_runs(
        daily,
        daily.value < d.anc_threshold,
        values=d.secondary_graft_failure_values,
        max_gap_days=d.engraftment_max_gap_days,
        missing_day_breaks_run=d.engraftment_missing_day_breaks_run,
    )
    declines = runs.filter(runs.run_start).select("patient_id", day=runs.day.cast("int64"), kind=ibis.literal("anc"))
    if d.secondary_graft_failure_rule == "harmonized":
        k = d.secondary_graft_failure_transfusions
        tr = platelet_transfusions(tables).inner_join(since, "patient_id")
        tr = tr.filter(tr.day > tr.recovered_day).select("patient_id", day=tr.day.cast("int64")).distinct()
        kth = tr.day.lead(k - 1).over(ibis.window(group_by="patient_id", order_by="day"))
        clusters = tr.mutate(kth=kth)
        clusters = clusters.filter((clusters.kth - clusters.day) <= d.secondary_graft_failure_transfusion_days - 1)
        declines = declines.union(clusters.select("patient_id", "day", kind=ibis.literal("platelet_transfusions")))
    if d.secondary_graft_failure_relapse_window_days is not None:
        w = d.secondary_graft_failure_relapse_window_days
        a = tables.disease_assessments
        relapses = a.filter(a.status.isin(d.relapse_statuses), a.day > 0).select("patient_id", relapse_day=a.day.cast("int64"))
        # One pass over the declines (they come from a window over the counts, which the engine
        # would otherwise compute once per reference): each decline marked explained or not.
        marked = declines.left_join(
            relapses,
            [declines.patient_id == relapses.patient_id, relapses.relapse_day.between(declines.day - w, declines.day + w)],
        )
        marked = marked.group_by(["patient_id", "day", "kind"]).aggregate(explained=marked.relapse_day.notnull().any())
        kept = marked.filter(~marked.explained).select("patient_id", "day", "kind")
        explained = marked.group_by("patient_id").aggregate(explained=marked.explained.any())
    else:
        kept = declines
        explained = declines.select("patient_id", explained=ibis.literal(False)).limit(0)
    ranked = kept.mutate(rank=ibis.row_number().over(ibis.window(group_by="patient_id", order_by=["day", "kind"])))
    first_decline = ranked.filter(ranked["rank"] == 0).select("patient_id", decline_day=ranked.day, decline_kind=ranked.kind)
    out = t.left_join(first_decline, "patient_id").drop("patient_id_right")
    out = out.left_join(explained, "patient_id").drop("patient_id_right")
    return out.mutate(explained=out.explained.coalesce(False))


def graft_failure_columns(t: ir.Table, definitions: EndpointDefinitions) -> dict[str, ir.Value]:
    """``primary_graft_failure``, ``secondary_graft_failure`` (and its day) as expressions.

    ``t`` is the endpoint table's joined relation: the patient base, the
    neutrophil engraftment (``neutrophil_engraftment_event_day``,
    ``neutrophil_engraftment_fell``), :func:`primary_graft_failure_evidence`
    and :func:`secondary_graft_failure_candidates`, joined on patient_id.
    (Computing them on that one relation, rather than on a join of their own,
    halves the time Ibis takes to compile the endpoint table.)

    Primary (Sureda et al. 2024, Table 1: "lack of achievement of an ANC
    >= 500/uL by day +30 [cord: +42] with associated pancytopenia"):

    - ``not_applicable``: modality without an engrafting graft (MST,
      chemotherapy) or no graft source;
    - ``no``: engrafted by the cut-off day (a run starting on the cut-off day
      is in time), or the ANC never fell below the threshold, or (with
      ``primary_graft_failure_pancytopenia``) platelets were counted near the
      cut-off and none was low and none transfused;
    - ``not_evaluable``: no ANC value at all, death or last contact before
      the cut-off without engraftment, no low ANC on the days before the
      cut-off, or no platelet count or transfusion near it (pancytopenia
      cannot be judged) - never ``yes`` for lack of data;
    - ``yes``: otherwise.

    Secondary: ``not_applicable`` (modality, or never recovered),
    ``not_evaluable`` (harmonized rule without any platelet data), ``yes``
    with ``secondary_graft_failure_day``, or ``no``.
    """
    d = definitions
    cutoff = _graft_cutoff(t, d)
    day, fell = t.neutrophil_engraftment_event_day, t.neutrophil_engraftment_fell
    assessed = t.modality.isin(d.graft_failure_modalities) & cutoff.notnull()
    never_fell = fell.notnull() & ~fell.coalesce(True)
    engrafted_in_time = day.notnull() & (day <= cutoff)
    branches = [
        (~assessed, "not_applicable"),
        (never_fell | engrafted_in_time, "no"),
        (fell.isnull(), "not_evaluable"),
        (t.censor_day < cutoff, "not_evaluable"),
        (~t.anc_low_near.coalesce(False), "not_evaluable"),
    ]
    if d.primary_graft_failure_pancytopenia:
        branches += [(t.platelets_low_near.coalesce(False), "yes"), (t.platelets_seen_near.coalesce(False), "no")]
        primary = ibis.cases(*branches, else_="not_evaluable")
    else:
        primary = ibis.cases(*branches, else_="yes")
    recovered = t.recovered_day.notnull()
    harmonized = d.secondary_graft_failure_rule == "harmonized"
    # Harmonized: without platelet counts or transfusions, "after platelet recovery" cannot be judged.
    no_platelet_data = ibis.literal(harmonized) & t.neutrophils_recovered.coalesce(False) & ~t.platelets_known.coalesce(False)
    secondary_value = ibis.cases(
        (~assessed, "not_applicable"),
        (~recovered & no_platelet_data, "not_evaluable"),
        (~recovered, "not_applicable"),
        (t.decline_day.notnull(), "yes"),
        else_="no",
    )
    return {
        "primary_graft_failure": primary,
        "secondary_graft_failure": secondary_value,
        "secondary_graft_failure_day": ibis.ifelse(assessed, t.decline_day, ibis.null("int64")).cast("int64"),
    }
