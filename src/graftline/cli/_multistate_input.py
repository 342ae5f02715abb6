"""The three ways ``graftline multistate`` reads its data (the statistics commands' convention).

* An endpoint table (or ``--db``) with ``--model``: the model's states come
  from the table's endpoint columns (``illness-death``: relapse and os;
  ``ebmt6``: platelet engraftment, acute GVHD II-IV, relapse, os; the
  ``current-*`` models add ``--episodes``).
* ``--endpoint NAME``: the competing-risks model of one endpoint, as
  ``--time NAME_day --event NAME_status`` would read it: event-free, the
  event, the competing event (R: ``survfit(Surv(time, factor(status)) ~ 1)``).
* ``--time COL --event COL``: any table, one row per patient; the event
  column holds the state entered at ``COL`` (codes 1, 2, ... or names; 0,
  ``censor``, ``censored`` or empty: censored). With ``--start COL`` and
  ``--id COL`` the rows are a patient's intervals ``(start, time]`` in
  survival's counting-process format (what ``tmerge`` builds), and the
  state during a row is the state the previous row entered:
  ``survfit(Surv(start, time, event) ~ group, id = id)``.

Each gives :class:`MultiStateInput`: long-format data ready for
:func:`graftline.stats.multistate`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from graftline.cli.app import console
from graftline.errors import InputError

#: Status values read as "no transition at the end of this row".
CENSORED = ("0", "censor", "censored")
#: R's name of the initial state when none is given (``survfit``'s "(s0)").
R_INITIAL = "(s0)"
#: The endpoint-table models.
MODELS = ("illness-death", "ebmt6", "current-grfs", "current-lfs")
# The current-* models need histories the endpoint table does not hold.
EPISODES = {"current-grfs": ("systemic GVHD therapy episodes", ("patient_id", "start_day", "stop_day")),
            "current-lfs": ("second remissions", ("patient_id", "remission_day", "relapse_day"))}


@dataclass(frozen=True)
class MultiStateInput:
    """What the command fits.

    Attributes
    ----------
    data
        :class:`graftline.stats.multistate.MultiStateData` (long format:
        ``id, tstart, tstop, state`` and the group column).
    group
        The group column of ``data.frame``, or None for one fit.
    label
        For titles and file names: the model, the endpoint or the time column.
    model
        The endpoint-table model (``illness-death``, ...), else None.
    from_endpoint
        Times are days from day 0 (an endpoint table), not a column's own unit.
    source
        The input's name, for messages.
    formula
        The R call that gives the same fit, for the summary.
    title
        What the states describe, for the summary and the figure: the model,
        the endpoint or the status column.
    """

    data: object
    group: str | None
    label: str
    model: str | None
    from_endpoint: bool
    source: str
    formula: str
    title: str = ""


def read_endpoint_model(endpoints: pd.DataFrame, *, model: str, history: pd.DataFrame | None,
                        group: str | None, source: str, keep: Sequence[str] = ()) -> MultiStateInput:
    """The data of an endpoint-table model; ``group`` and ``keep`` (covariates) columns of the endpoint table."""
    from graftline.cli._analysis_input import _require
    from graftline.stats.multistate.endpoints import (
        current_grfs_data,
        current_lfs_data,
        ebmt6_data,
        illness_death_data,
    )

    _require(endpoints, list(keep), source)
    endpoints = _grouped(endpoints, group, source)
    keep = tuple(dict.fromkeys(([group] if group else []) + list(keep)))
    builders = {"illness-death": lambda: illness_death_data(endpoints, keep=keep),
                "ebmt6": lambda: ebmt6_data(endpoints, keep=keep),
                "current-grfs": lambda: current_grfs_data(endpoints, history, keep=keep),
                "current-lfs": lambda: current_lfs_data(endpoints, history, keep=keep)}
    try:
        data = builders[model]()
    except InputError as error:
        raise InputError(f"{source}: {error}") from None
    data = replace(data, frame=_ordered_groups(data.frame, group))
    return MultiStateInput(data, group, model, model, from_endpoint=True, source=source,
                           formula=_formula("tstart, tstop, state", group, id_="id"))


def read_endpoint_states(endpoints: pd.DataFrame, table: Path, *, endpoint: str, group: str | None,
                         initial: str | None, keep: Sequence[str] = ()) -> MultiStateInput:
    """One endpoint as a competing-risks multi-state model: event-free -> event | competing event."""
    from graftline.cli._analysis_input import _endpoint_rows, _require
    from graftline.report.endpoints_shown import ALL

    source = table.name
    _require(endpoints, list(keep), source)
    frame, time, status = _endpoint_rows(endpoints, endpoint, table)
    spec = next((s for s in ALL if s.name == endpoint), None)
    competing = spec.competing if spec is not None and spec.competing else "competing event"
    names = {0: "censor", 1: endpoint, 2: competing}
    day, status_name = f"{endpoint}_day", f"{endpoint}_status"
    rows = pd.DataFrame({day: time, status_name: [names.get(s, "censor") for s in status.tolist()]},
                        index=frame.index + 2)
    rows["id"] = frame["patient_id"].to_numpy() if "patient_id" in frame.columns else rows.index
    if group is not None:
        _require_group(frame, group)
        rows[group] = frame[group].to_numpy()
        rows = _grouped(rows, group, source)
    for column in keep:
        rows[column] = frame.loc[rows.index - 2, column].to_numpy()
    data = _one_row_per_patient(rows, source=source, time=day, state=status_name, id_="id", group=group,
                                initial=initial or "event-free", order=[endpoint, competing], keep=keep)
    return MultiStateInput(data, group, endpoint, None, from_endpoint=True, source=source,
                           formula=_formula(f"{day}, factor({status_name})", group, id_=None))


def read_state_columns(frame: pd.DataFrame, *, source: str, time: str, event: str, start: str | None,
                       id_: str | None, group: str | None, initial: str | None,
                       transitions=None, keep: Sequence[str] = ()) -> MultiStateInput:
    """``--time/--event[/--start --id]`` from any table; messages name the file's rows (header = row 1)."""
    from graftline.cli._analysis_input import _numbers, _require

    _require(frame, list(dict.fromkeys([time, event] + [c for c in (start, id_, group) if c] + list(keep))), source)
    if start is not None and id_ is None:
        raise InputError(f"--start {start}: name the patient column with --id (R: survfit(Surv({start}, {time}, "
                         f"{event}) ~ 1, id = id)); the state during a row is the one the patient's previous "
                         "row entered")
    columns = list(dict.fromkeys([c for c in (id_, start, time, event, group) if c] + list(keep)))
    rows = frame[columns].copy()
    rows[time] = _numbers(frame, time, source)
    if start is not None:
        rows[start] = _numbers(frame, start, source)
    rows[event] = _state_labels(frame[event])
    rows.index = pd.RangeIndex(2, len(rows) + 2)  # file rows: the header is row 1
    negative = np.flatnonzero(rows[time].to_numpy() < 0)
    if negative.size:
        i = int(negative[0])
        raise InputError(f"{source} row {i + 2}, column {time}: {rows[time].iloc[i]:g} is negative; "
                         "expected a time >= 0")
    missing = rows[time].isna()
    if missing.any():
        if start is not None:
            raise InputError(f"{source} row {int(rows.index[np.flatnonzero(missing.to_numpy())[0]])}, column "
                             f"{time}: empty; every interval needs its end")
        console.print(f"{int(missing.sum())} row(s) without {time} left out", highlight=False, markup=False)
        rows = rows[~missing]
    rows = _grouped(rows, group, source)
    initial = initial or (transitions.states[0] if transitions is not None else R_INITIAL)
    if start is None:
        if id_ is None:
            id_ = "_row"
            rows[id_] = rows.index
        twice = rows[id_].duplicated()
        if twice.any():
            raise InputError(f"{source} row {int(rows.index[np.flatnonzero(twice.to_numpy())[0]])}, column "
                             f"{id_}: patient {rows.loc[twice, id_].iloc[0]!r} appears twice; without --start "
                             "each row is one patient (give --start for a patient's intervals)")
        data = _one_row_per_patient(rows, source=source, time=time, state=event, id_=id_, group=group,
                                    initial=initial, order=None, transitions=transitions, keep=keep)
        formula = _formula(f"{time}, factor({event})", group, id_=None)
    else:
        data = _checked(rows, source, id_=id_, start=start, stop=time, state=event, group=group,
                        initial=initial, transitions=transitions, keep=keep)
        formula = _formula(f"{start}, {time}, {event}", group, id_=id_)
    data = replace(data, frame=_ordered_groups(data.frame, group))
    return MultiStateInput(data, group, time, None, from_endpoint=False, source=source, formula=formula,
                           title=event)


def _state_labels(values: pd.Series) -> pd.Series:
    """Status as state names: numbers as R's factor levels ("1", not "1.0"); censoring as ``censor``."""
    numeric = pd.to_numeric(values, errors="coerce")
    whole = (numeric.notna() & (numeric == np.round(numeric))).to_numpy()
    text = values.astype(str).str.strip().to_numpy(dtype=object)
    text[whole] = numeric[whole].astype(np.int64).astype(str).to_numpy()
    censored = values.isna().to_numpy() | np.isin(np.char.lower(text.astype(str)), CENSORED) | (text == "")
    text[censored] = "censor"
    return pd.Series(text, index=values.index, dtype=object)


def _one_row_per_patient(rows: pd.DataFrame, *, source: str, time: str, state: str, id_: str, group: str | None,
                         initial: str, order: list[str] | None, transitions=None, keep: Sequence[str] = ()):
    """One row per patient from time 0 (R: ``Surv(time, factor(status))``)."""
    from graftline.stats.multistate import TransitionMatrix

    unknown = rows[time].isna().to_numpy()
    if unknown.any():
        console.print(f"{int(unknown.sum())} row(s) without {time} left out", highlight=False, markup=False)
        rows = rows[~unknown]
    moved = (rows[state] != "censor").to_numpy()
    zero = np.flatnonzero((rows[time].to_numpy() <= 0) & moved)
    if zero.size:
        raise InputError(f"{source} row {rows.index[zero[0]]}, column {time}: an event at time 0; a transition "
                         "needs time > 0, as in R's survfit")
    at_risk = rows[time].to_numpy() > 0
    if not at_risk.all():
        # Censored at time 0: no time at risk (R's survfit leaves such rows out too).
        console.print(f"{int((~at_risk).sum())} row(s) censored at time 0 left out (no time at risk)",
                      highlight=False, markup=False)
        rows = rows[at_risk]
    seen = [s for s in pd.unique(rows[state]) if s != "censor"]
    if not seen:
        raise InputError(f"{source}: no patient enters a state (every {state} is censored or 0); "
                         "there is nothing to estimate")
    if initial in seen:
        raise InputError(f"--initial {initial}: also a value of the status column; the initial state is where "
                         "every patient starts, not a state entered")
    if transitions is None:
        entered = [s for s in (order or []) if s in seen] + sorted(s for s in seen if s not in (order or []))
        transitions = TransitionMatrix(states=(initial, *entered), allowed=tuple((initial, s) for s in entered))
    rows = rows.assign(_start=0.0)
    return _checked(rows, source, id_=id_, start="_start", stop=time, state=state, group=group,
                    initial=initial, transitions=transitions, keep=keep)


def _checked(rows: pd.DataFrame, source: str, *, id_: str, start: str, stop: str, state: str,
             group: str | None, initial: str, transitions, keep: Sequence[str] = ()):
    """Validate as :func:`multistate` will (the file row and the patient in the message), before any output.

    Returns :class:`MultiStateData` with columns ``id, tstart, tstop, state`` (and ``group``).
    """
    from graftline.stats.multistate import MultiStateData
    from graftline.stats.multistate.data import check_rows

    try:
        check_rows(rows, id=id_, start=start, stop=stop, state=state, initial=initial, istate=None,
                   transitions=transitions, group=None, weights=None)
    except InputError as error:
        raise InputError(f"{source}: {str(error).replace('data row', 'row')}") from None
    long = pd.DataFrame({"id": rows[id_].to_numpy(), "tstart": rows[start].to_numpy(dtype=np.float64),
                         "tstop": rows[stop].to_numpy(dtype=np.float64), "state": rows[state].to_numpy()})
    for column in dict.fromkeys(([group] if group else []) + list(keep)):
        long[column] = rows[column].to_numpy()
    return MultiStateData(frame=long, transitions=transitions, initial=initial)


def _require_group(frame: pd.DataFrame, group: str) -> None:
    if group not in frame.columns:
        raise InputError(f"--group {group}: no such column; columns are {', '.join(map(str, frame.columns))}")


def _grouped(frame: pd.DataFrame, group: str | None, source: str) -> pd.DataFrame:
    """Rows with a group; the others left out and counted (R: deleted due to missingness)."""
    if group is None:
        return frame
    _require_group(frame, group)
    missing = frame[group].isna()
    if missing.all():
        raise InputError(f"{source}: every row misses {group}")
    if missing.any():
        console.print(f"{int(missing.sum())} row(s) with a missing {group} left out (R: deleted due to missingness)",
                      highlight=False, markup=False)
    return frame[~missing]


def _ordered_groups(frame: pd.DataFrame, group: str | None) -> pd.DataFrame:
    """Group labels as text in R's factor order (numbers by value, then text), ``1`` not ``1.0``."""
    if group is None:
        return frame
    from graftline.cli._analysis_output import group_labels, group_order

    labels = group_labels(frame[group].to_numpy(), group)
    return frame.assign(**{group: pd.Categorical(labels, categories=list(group_order(labels)))})


def _formula(response: str, group: str | None, *, id_: str | None) -> str:
    right = group or "1"
    return f"survfit(Surv({response}) ~ {right}" + (f", id = {id_})" if id_ else ")")
