"""Per-patient anchor days and the (day, status) coding of time-to-event endpoints.

Status codes (the convention of R ``cmprsk`` and of ``graftline.stats``):
0 censored at last contact, 1 the event, 2 a competing event first.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from graftline.cohort.schema import DISEASE_DEATH_CAUSES
from graftline.endpoints.definitions import EndpointDefinitions
from graftline.endpoints.tables import CohortTables, death_day

#: Later than any day; stands in for "no event" so that SQL ``LEAST`` sees no NULL
#: (engines disagree on LEAST with NULL: PostgreSQL ignores it, others return NULL).
_NEVER = 10**9


def earliest(*days: ir.IntegerValue) -> ir.IntegerValue:
    """The earliest non-null day (null if all are null)."""
    if len(days) == 1:
        return days[0]
    least = ibis.least(*(day.cast("int64").coalesce(_NEVER) for day in days))
    return least.nullif(_NEVER)


def time_to_event(
    event_day: ir.IntegerValue, competing_day: ir.IntegerValue, censor_day: ir.IntegerValue
) -> tuple[ir.IntegerValue, ir.IntegerValue]:
    """(day, status): the event if it comes first (ties go to the event),
    else the competing event, else censoring at last contact.
    """
    event_first = event_day.notnull() & (competing_day.isnull() | (event_day <= competing_day))
    day = ibis.cases((event_first, event_day), (competing_day.notnull(), competing_day), else_=censor_day)
    status = ibis.cases((event_first, 1), (competing_day.notnull(), 2), else_=0)
    return day.cast("int64"), status.cast("int64")


def patient_base(tables: CohortTables, definitions: EndpointDefinitions) -> ir.Table:
    """One row per treated patient with the days every endpoint needs.

    Columns: patient_id, arm, modality, graft_source, second_infusion_day,
    weight_kg, death_day, death_cause, censor_day, relapse_day,
    relapse_recorded_day, relapse_at_death, origin_day.

    ``censor_day`` is the last contact (or death); without a follow-up row,
    the last day with any lab value. ``relapse_day`` is the first relapse or
    progression assessment after day 0 (``relapse_recorded_day``) or, with
    ``relapse_at_disease_death``, the death day of a death from the disease
    with no relapse recorded on or before it (``relapse_at_death`` True).
    ``origin_day`` is day 0 of the disease and survival endpoints
    (``time_origin``).
    """
    d = definitions
    t = tables.treatments
    a = tables.disease_assessments
    # Disease status before day 0 describes the disease at transplant, not a relapse after it.
    relapse = a.filter(a.status.isin(d.relapse_statuses), a.day > 0)
    relapse = relapse.group_by("patient_id").aggregate(relapse_recorded_day=relapse.day.min().cast("int64"))
    last_lab = tables.labs.group_by("patient_id").aggregate(last_lab_day=tables.labs.day.max())
    follow = death_day(tables)
    base = t.select(
        "patient_id",
        arm=t.arm.coalesce(t.modality),
        modality=t.modality,
        graft_source=t.graft_source,
        second_infusion_day=t.second_infusion_day.cast("int64"),
        treatment_start_day=t.treatment_start_day.cast("int64"),
    )
    patients = tables.patients.select("patient_id", "weight_kg", randomisation_day=tables.patients.randomisation_day.cast("int64"))
    base = base.left_join(patients, "patient_id").drop("patient_id_right")
    base = base.left_join(follow, "patient_id").drop("patient_id_right")
    base = base.left_join(relapse, "patient_id").drop("patient_id_right")
    base = base.left_join(last_lab, "patient_id").drop("patient_id_right")
    censor = base.censor_day.coalesce(base.last_lab_day.cast("int64"), ibis.literal(0, "int64"))
    recorded = base.relapse_recorded_day
    disease_death = base.death_day.notnull() & base.death_cause.isin(DISEASE_DEATH_CAUSES)
    unrecorded = recorded.isnull() | (recorded > base.death_day)
    at_death = (disease_death & unrecorded) if d.relapse_at_disease_death else ibis.literal(False)
    origin = {
        "infusion": ibis.literal(0, "int64"),
        "treatment_start": base.treatment_start_day,
        "randomisation": base.randomisation_day,
    }[d.time_origin]
    out = base.mutate(
        censor_day=censor,
        relapse_day=ibis.ifelse(at_death, base.death_day, recorded).cast("int64"),
        relapse_at_death=at_death.coalesce(False),
        origin_day=origin,
    )
    # select, not drop: ibis renders drop() of several columns in set (random) order.
    return out.select(*[c for c in out.columns if c not in ("last_lab_day", "treatment_start_day", "randomisation_day")])


def competing_day(base: ir.Table, events: tuple[str, ...]) -> ir.IntegerValue:
    """Earliest of the chosen competing events (death, relapse, second_infusion)."""
    columns = {"death": base.death_day, "relapse": base.relapse_day, "second_infusion": base.second_infusion_day}
    chosen = [columns[e] for e in events]
    if not chosen:
        return ibis.null("int64")
    return earliest(*chosen)
