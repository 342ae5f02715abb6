"""Disease response, infections, immune recovery and safety, per patient."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from graftline.cohort.schema import INFECTION_KINDS
from graftline.endpoints.definitions import EndpointDefinitions
from graftline.endpoints.runs import daily_counts, mark_runs
from graftline.endpoints.tables import CohortTables

#: ELN 2022 responses from best to worst (Döhner, Blood 2022;140:1345); sd for other diseases.
RESPONSE_ORDER = ("cr", "crh", "cri", "mlfs", "pr", "sd", "nr")
#: What ``cr_achieved`` counts for each ``cr_definition``.
CR_STATUSES = {"cr": ("cr",), "cr_crh": ("cr", "crh"), "cr_crh_cri": ("cr", "crh", "cri")}


def best_response(tables: CohortTables, base: ir.Table, definitions: EndpointDefinitions) -> ir.Table:
    """Best disease response before relapse (cr > crh > cri > mlfs > pr > sd > nr), per assessed patient.

    Assessments from day 0 on and before relapse count, and with
    ``response_window_days`` only those up to that many days after the
    time origin.
    """
    d = definitions
    a = tables.disease_assessments.filter(tables.disease_assessments.status.isin(RESPONSE_ORDER))
    a = a.left_join(base.select("patient_id", "relapse_day", "origin_day"), "patient_id").drop("patient_id_right")
    a = a.filter(a.day >= 0, a.relapse_day.isnull() | (a.day < a.relapse_day))
    if d.response_window_days is not None:
        a = a.filter(a.day - a.origin_day.coalesce(0) <= d.response_window_days)
    rank = ibis.cases(*[(a.status == s, i) for i, s in enumerate(RESPONSE_ORDER)], else_=len(RESPONSE_ORDER))
    best = a.group_by("patient_id").aggregate(best_rank=rank.min())
    return best.select(
        "patient_id",
        best_response=ibis.cases(*[(best.best_rank == i, s) for i, s in enumerate(RESPONSE_ORDER)], else_="not_assessed"),
    )


def infections(tables: CohortTables, definitions: EndpointDefinitions) -> ir.Table:
    """First infection day (any kind, and by kind) and counts up to day 100."""
    d = definitions
    i = tables.infections.filter(tables.infections.day >= d.infection_first_day)
    by_day100 = i.day <= d.infection_count_days
    aggregates = {
        "infection_event_day": i.day.min().cast("int64"),
        "infections_by_day100": ibis.ifelse(by_day100, 1, 0).sum(),
    }
    for kind in INFECTION_KINDS:
        aggregates[f"infection_{kind}_event_day"] = i.day.min(where=i.kind == kind).cast("int64")
        aggregates[f"infections_by_day100_{kind}"] = ibis.ifelse(by_day100 & (i.kind == kind), 1, 0).sum()
    return i.group_by("patient_id").aggregate(**aggregates)


def count_reaching(tables: CohortTables, analyte: str, threshold: float, definitions: EndpointDefinitions) -> ir.Table:
    """First day of ``immune_values`` consecutive values >= threshold (CD4, ALC)."""
    d = definitions
    daily = daily_counts(tables.labs, analyte, d, first_day=d.immune_first_day)
    runs = mark_runs(
        daily,
        daily.value >= threshold,
        values=d.immune_values,
        max_gap_days=d.engraftment_max_gap_days,
        missing_day_breaks_run=d.engraftment_missing_day_breaks_run,
    )
    return runs.group_by("patient_id").aggregate(event_day=runs.day.min(where=runs.run_start).cast("int64"))


def serious_adverse_events(tables: CohortTables, definitions: EndpointDefinitions) -> ir.Table:
    """Per patient with any adverse event: a CTCAE grade >= 3 event attributed to the cell infusion."""
    d = definitions
    ae = tables.adverse_events
    serious = (ae.ctcae_grade >= d.sae_min_grade) & ae.attributed_to.isin(d.sae_attributions)
    return ae.group_by("patient_id").aggregate(serious_adverse_event_attributed=serious.any())
