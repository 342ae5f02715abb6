"""Sentences for ``graftline explain``: why a candidate did not count, why a value is what it is.

The endpoint table is computed in SQL; these notes re-read one patient's
few rows in plain Python to say, in words, what the SQL decided: a run of
counts above the threshold that started before the nadir, one preceded by a
platelet transfusion inside the window, one broken by a gap; why primary
graft failure is ``not_evaluable``; how MST microchimerism persisted. They
describe, they do not decide: every value shown comes from the endpoint
table.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from graftline.endpoints.definitions import EndpointDefinitions

#: At most this many candidate runs are explained (the first ones in time).
MAX_NOTES = 5


def _gaps_allowed(days: list[int], d: EndpointDefinitions) -> tuple[bool, str]:
    for a, b in zip(days, days[1:], strict=False):
        gap = b - a
        if d.engraftment_missing_day_breaks_run and gap != 1:
            return False, f"no value on day {a + 1}: successive days are required"
        if d.engraftment_max_gap_days is not None and gap > d.engraftment_max_gap_days:
            return False, f"{gap} days between days {a} and {b} (at most {d.engraftment_max_gap_days} allowed)"
    return True, ""


def candidate_run_notes(
    daily: pd.DataFrame,
    threshold: float,
    d: EndpointDefinitions,
    *,
    values: int,
    chosen_day: Any,
    transfusions: list[int] | None = None,
) -> list[str]:
    """Why each run of ``values`` counts >= threshold before the chosen day did not count.

    ``daily``: one value per day (columns day, value), as the rules see it.
    ``transfusions``: platelet transfusion days (platelet rules only).
    """
    days = [int(x) for x in daily.day]
    ok = [bool(v >= threshold) for v in daily.value]
    notes = []
    for i in range(len(days) - values + 1):
        start = days[i]
        if pd.notna(chosen_day) and start >= int(chosen_day):
            break
        if not all(ok[i : i + values]):
            continue
        run = days[i : i + values]
        shown = ", ".join(f"day {day} ({float(daily.value.iloc[i + k]):g})" for k, day in enumerate(run))
        fell = any(not x for x in ok[: i + 1])
        transfused_before = transfusions is not None and any(t < start for t in transfusions)
        gaps_ok, gap_reason = _gaps_allowed(run, d)
        if not gaps_ok:
            reason = gap_reason
        elif d.engraftment_after_nadir and not fell and not transfused_before:
            reason = f"before the nadir: no value below {threshold:g} yet" + (" and no platelet transfusion" if transfusions is not None else "")
        elif transfusions is not None:
            window = d.platelet_transfusion_free_days
            inside = [t for t in transfusions if t <= start and (start - t < window or (d.platelet_transfusion_window_inclusive and start - t == window))]
            if not inside:
                continue
            last = max(inside)
            reason = f"platelet transfusion on day {last}, {start - last} day(s) before (needs {window} transfusion-free days)"
        else:
            continue
        notes.append(f"run {shown} did not count: {reason}")
        if len(notes) == MAX_NOTES:
            notes.append("(later candidate runs not listed)")
            break
    return notes


def primary_graft_failure_note(value: str, facts: dict[str, Any], d: EndpointDefinitions) -> str:
    """The branch of the primary graft failure rule that gave ``value`` (same order as the SQL CASE)."""
    cutoff = facts.get("cut_off_day")
    w = d.graft_failure_window_days
    if value == "not_applicable":
        return "not assessed: no engrafting graft for this modality (MST, chemotherapy) or no graft source"
    if value == "no":
        if facts.get("anc_never_below"):
            return f"the ANC never fell below {d.anc_threshold}: the graft did not fail"
        if facts.get("engrafted_by_cut_off"):
            return f"neutrophil engraftment on day {facts['neutrophil_engraftment_day']}, by the cut-off day {cutoff}"
        return (f"no engraftment by day {cutoff}, but no associated pancytopenia: platelets were counted near the cut-off, "
                f"none below {d.pancytopenia_platelet_below:g} and none transfused")
    if value == "not_evaluable":
        if not facts.get("anc_values"):
            return "no ANC value at all: the data cannot show graft failure"
        if facts.get("followed_until") is not None and cutoff is not None and facts["followed_until"] < cutoff:
            return f"death or last contact on day {facts['followed_until']}, before the cut-off day {cutoff}"
        if not facts.get("anc_low_near_cut_off"):
            return f"no ANC value below {d.anc_threshold} on days {cutoff - w} to {cutoff}: the counts stop too early to tell"
        return f"no platelet count or platelet transfusion on days {cutoff - w} to {cutoff + w}: pancytopenia cannot be judged"
    if d.primary_graft_failure_pancytopenia:
        return f"no neutrophil engraftment by day {cutoff}, ANC low and platelets low or transfused near the cut-off (pancytopenia)"
    return f"no neutrophil engraftment by day {cutoff}, ANC low near the cut-off"


def microchimerism_note(tests: pd.DataFrame, d: EndpointDefinitions) -> str | None:
    """MST: on which days donor cells were detected below the threshold, and whether that persisted."""
    if tests.empty:
        return None
    detected = tests.donor_pct.notna() & (tests.lod_pct.isna() | (tests.donor_pct >= tests.lod_pct.fillna(0)))
    micro = tests[detected & (tests.donor_pct < d.mst_microchimerism_below_pct) & (tests.day > 0)]
    if micro.empty:
        return f"no test after day 0 found donor cells below {d.mst_microchimerism_below_pct:g} %"
    days = sorted(int(x) for x in micro.day.unique())
    span = days[-1] - days[0]
    persistent = span >= d.mst_microchimerism_persistence_days
    return (
        f"donor cells below {d.mst_microchimerism_below_pct:g} % detected on day(s) {', '.join(map(str, days))}: "
        f"{span} days from first to last, {'at least' if persistent else 'less than'} {d.mst_microchimerism_persistence_days} "
        f"-> {'persistent' if persistent else 'not persistent'}"
    )
