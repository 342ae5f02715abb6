"""Daily counts and runs of consecutive values, as Ibis window expressions.

"Three consecutive values on different days" is evaluated on one value per
patient and day (several values on one day are combined first, see
``same_day_values``), ordered by day. A row starts a run when it and the
next ``n - 1`` values meet the condition and the gaps between their days are
allowed. ``LEAD`` over one window (partition by patient, order by day) does
this in a single sorted pass on DuckDB and PostgreSQL alike.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from graftline.endpoints.definitions import EndpointDefinitions


def _value_for_rules(labs: ir.Table) -> ir.FloatingValue:
    # A value reported as '<X' lies below X by an unknown amount: for the
    # threshold rules it counts as 0, i.e. below every positive threshold.
    return ibis.ifelse(labs.qualifier == "<", 0.0, labs.value.cast("float64"))


def _combine(values: ir.FloatingColumn, how: str, where: ir.BooleanValue | None = None) -> ir.FloatingScalar:
    return values.min(where=where) if how == "min" else values.max(where=where)


def daily_counts(
    labs: ir.Table, analyte: str, definitions: EndpointDefinitions, *, first_day: int | None = None
) -> ir.Table:
    """One value per patient and day for ``analyte`` (columns patient_id, day, value).

    For ``anc`` with ``derive_anc_from_wbc``, a day without an ANC value but
    with WBC and segmented neutrophil % gets ANC = WBC x (% seg + % bands) / 100
    (CIBMTR).
    """
    first = definitions.engraftment_first_day if first_day is None else first_day
    how = definitions.same_day_values
    value = _value_for_rules(labs)
    if analyte == "anc" and definitions.derive_anc_from_wbc:
        rows = labs.filter(labs.analyte.isin(("anc", "wbc", "neut_pct", "bands_pct")), labs.day >= first)
        value = _value_for_rules(rows)
        per_day = rows.group_by(["patient_id", "day"]).aggregate(
            anc=_combine(value, how, rows.analyte == "anc"),
            wbc=_combine(value, how, rows.analyte == "wbc"),
            seg=_combine(value, how, rows.analyte == "neut_pct"),
            bands=value.max(where=rows.analyte == "bands_pct"),
        )
        derived = per_day.wbc * (per_day.seg + per_day.bands.coalesce(0.0)) / 100.0
        per_day = per_day.select("patient_id", "day", value=per_day.anc.coalesce(derived))
        return per_day.filter(per_day.value.notnull())
    rows = labs.filter(labs.analyte == analyte, labs.day >= first)
    return rows.group_by(["patient_id", "day"]).aggregate(value=_combine(_value_for_rules(rows), how))


def mark_runs(
    daily: ir.Table,
    meets: ir.BooleanValue | dict[str, ir.BooleanValue],
    *,
    values: int,
    max_gap_days: int | None,
    missing_day_breaks_run: bool,
) -> ir.Table:
    """Add ``meets``, ``run_start`` and ``failed_before`` to a daily table.

    ``run_start``: this value and the next ``values - 1`` values (by day) all
    meet the condition with allowed gaps. ``failed_before``: some earlier
    value (or this one) did not meet it - the count had fallen, so a run
    starting here is a recovery, not the pre-transplant count.

    ``meets`` may be a dict of named conditions (e.g. platelets >= 20 and
    >= 50): the columns are then prefixed ``<name>_`` and all conditions are
    evaluated in the same window pass (one sort of the data instead of one
    per condition).
    """
    conditions = meets if isinstance(meets, dict) else {"": meets}
    order = ibis.window(group_by="patient_id", order_by="day")
    running = ibis.cumulative_window(group_by="patient_id", order_by="day")
    t = daily.mutate(**{f"{name}_meets" if name else "meets": cond for name, cond in conditions.items()})
    gaps_ok = ibis.literal(True)
    previous_day = t.day
    for k in range(1, values):
        next_day = t.day.lead(k).over(order)
        gap = next_day - previous_day
        if missing_day_breaks_run:
            gaps_ok = gaps_ok & (gap == 1).coalesce(False)
        elif max_gap_days is not None:
            gaps_ok = gaps_ok & (gap <= max_gap_days).coalesce(False)
        else:
            gaps_ok = gaps_ok & next_day.notnull()
        previous_day = next_day
    columns = {}
    for name in conditions:
        prefix = f"{name}_" if name else ""
        ok = t[f"{prefix}meets"]
        start = ok
        for k in range(1, values):
            start = start & ok.lead(k).over(order).coalesce(False)
        columns[f"{prefix}run_start"] = start & gaps_ok
        # CASE rather than CAST(boolean AS BIGINT), which PostgreSQL refuses.
        columns[f"{prefix}failed_before"] = ibis.ifelse(ok, 0, 1).sum().over(running) > 0
    return t.mutate(**columns)
