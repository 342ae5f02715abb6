"""From one row per patient (a time and a status per state) to long multi-state data.

This is mstate's ``msprep`` for the counting-process format R survival reads:
starting in the initial state at time 0, a patient moves to the reachable
state whose event (status 1) comes first, and so on until an absorbing state
or censoring. EBMT data sets (``ebmt4``) and the endpoint table are stored
this way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from graftline.errors import InputError
from graftline.stats.multistate.data import CENSOR, MultiStateData, _show
from graftline.stats.multistate.transitions import TransitionMatrix


def from_wide(frame: pd.DataFrame, transitions: TransitionMatrix, *,
              events: Mapping[str, tuple[str, str]], id: str = "id",
              initial: str | Sequence[str] | np.ndarray | None = None,
              keep: Sequence[str] = ()) -> MultiStateData:
    """Long-format multi-state data from one row per patient, as mstate's ``msprep``.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per patient.
    transitions : TransitionMatrix
        The model.
    events : mapping
        For every state a patient can enter, ``state: (time column, status
        column)``: the time the state is entered (or the patient's follow-up
        time when status is 0) and the status (1 entered, 0 not).
    id : str
        Patient identifier column.
    initial : str or array_like, optional
        Initial state (default the model's first state), or one per patient
        (the result then carries them in column ``initial_state``, R's
        ``istate``). Everyone starts at time 0.
    keep : sequence of str
        Columns copied to every row of the patient (covariates, arm).

    Returns
    -------
    MultiStateData
        Columns ``id`` (from the ``id`` column), ``tstart, tstop, state``
        and ``keep``; ``state`` is the state entered at ``tstop`` or
        ``"censor"``.

    Notes
    -----
    The rules are msprep's: from the current state entered at time s, among
    the reachable states with status 1 and time >= s, the earliest is the
    next state (on equal times, the first in the model's order, where msprep
    takes the smallest state number); event times before s do not count.
    Without such an event the patient is censored at the earliest time of
    the reachable states; if that is the time the state was entered, no
    further row is written (msprep writes a zero-length row, which survival
    refuses). An event at the very time the current state was entered (a
    zero-length stay) is an error, because ``survival`` and graftline need
    ``tstart < tstop``; EBMT's ``ebmt4`` separates such events by half a day.

    References
    ----------
    .. [1] de Wreede LC, Fiocco M, Putter H. mstate: an R package for the
       analysis of competing risks and multi-state models. J Stat Softw
       2011;38(7):1-30.
    """
    if initial is None:
        initial = transitions.states[0]
    per_patient = not isinstance(initial, str)
    states = transitions.states
    index = {s: k for k, s in enumerate(states)}
    starting = list(pd.unique(np.asarray(initial, dtype=object))) if per_patient else [initial]
    for s in (*starting, *events):
        transitions.index(s)
    if per_patient and len(initial) != len(frame):
        raise InputError(f"initial has {len(initial)} states but frame has {len(frame)} patients; one per patient")
    needed = [id, *keep, *(c for pair in events.values() for c in pair)]
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise InputError(f"frame has no column {missing}; columns present: {list(map(str, frame.columns))}")
    enterable = {b for _, b in transitions.allowed}
    absent = sorted(enterable - set(events), key=index.get)
    if absent:
        raise InputError(f"events gives no (time, status) columns for state(s) {absent}, which the model can enter")

    n = len(frame)
    S = len(states)
    time = np.full((n, S), np.inf)
    status = np.zeros((n, S), dtype=bool)
    for s, (time_column, status_column) in events.items():
        t = pd.to_numeric(frame[time_column], errors="coerce").to_numpy(dtype=np.float64)
        d = pd.to_numeric(frame[status_column], errors="coerce").to_numpy(dtype=np.float64)
        bad = np.flatnonzero(~np.isnan(d) & (d != 0) & (d != 1))
        if bad.size:
            raise InputError(f"row {_show(frame.index[bad[0]])}, column {status_column}: {d[bad[0]]:g}; expected 0 or 1")
        time[:, index[s]] = np.where(np.isnan(t), np.inf, t)
        status[:, index[s]] = d == 1
    reachable = np.zeros((S, S), dtype=bool)
    for a, b in transitions.allowed:
        reachable[index[a], index[b]] = True

    ids = frame[id].to_numpy()
    current = (np.array([index[s] for s in initial], dtype=np.int64) if per_patient
               else np.full(n, index[initial]))
    first_state = np.asarray(states, dtype=object)[current]
    since = np.zeros(n)
    active = np.arange(n)
    pieces = []
    for _ in range(S):
        if active.size == 0:
            break
        allowed_here = reachable[current[active]]
        t = np.where(allowed_here & (time[active] >= since[active, None]), time[active], np.inf)
        event_t = np.where(status[active], t, np.inf)
        next_state = np.argmin(event_t, axis=1)   # first in model order on ties
        next_time = event_t[np.arange(active.size), next_state]
        moved = np.isfinite(next_time)
        censor_time = t.min(axis=1)
        stop = np.where(moved, next_time, censor_time)
        bad = np.flatnonzero(~np.isfinite(stop))
        if bad.size:
            i = active[bad[0]]
            raise InputError(f"patient {_show(ids[i])}: no follow-up time after {since[i]:g} in state "
                             f"{states[current[i]]!r} (every reachable state's time is missing or earlier)")
        bad = np.flatnonzero(moved & (stop <= since[active]))
        if bad.size:
            i = active[bad[0]]
            raise InputError(f"patient {_show(ids[i])}: enters {states[current[i]]!r} and leaves it at the same "
                             f"time {stop[bad[0]]:g}; separate same-day events (EBMT's ebmt4 moves the first "
                             "half a day earlier)")
        # Follow-up that ends when the state is entered adds no row (msprep would
        # write a zero-length one, which survival refuses).
        keep_row = moved | (stop > since[active])
        active, stop, moved, next_state = active[keep_row], stop[keep_row], moved[keep_row], next_state[keep_row]
        pieces.append(pd.DataFrame({
            "_row": active, "tstart": since[active], "tstop": stop,
            "state": np.where(moved, np.asarray(states, dtype=object)[next_state], CENSOR)}))
        absorbed = moved & ~reachable[next_state].any(axis=1)
        go_on = moved & ~absorbed
        current[active[go_on]] = next_state[go_on]
        since[active[go_on]] = stop[go_on]
        active = active[go_on]
    long = pd.concat(pieces, ignore_index=True).sort_values(["_row", "tstart"], kind="stable")
    out = pd.DataFrame({"id": ids[long["_row"].to_numpy()]})
    out["tstart"] = long["tstart"].to_numpy()
    out["tstop"] = long["tstop"].to_numpy()
    out["state"] = long["state"].to_numpy()
    for column in keep:
        out[column] = frame[column].to_numpy()[long["_row"].to_numpy()]
    if per_patient:
        out["initial_state"] = first_state[long["_row"].to_numpy()]
        return MultiStateData(frame=out.reset_index(drop=True), transitions=transitions, istate="initial_state")
    return MultiStateData(frame=out.reset_index(drop=True), transitions=transitions, initial=initial)
