"""Multi-state data in R survival's counting-process format, checked row by row.

One row per interval a patient spends in a state: ``id, tstart, tstop,
state``, where ``state`` is the state entered at ``tstop`` or ``"censor"``
(a missing value also means censored). This is what ``survival::tmerge``
builds and ``survfit(Surv(tstart, tstop, state) ~ 1, id = id)`` reads. The
checks refuse what R's ``survcheck`` flags (overlapping intervals, gaps,
``tstart >= tstop``) and, given a :class:`TransitionMatrix`, any transition
it does not allow, naming the patient and the row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from graftline.errors import InputError
from graftline.stats._aalen_johansen import StateRows
from graftline.stats.multistate.transitions import TransitionMatrix

#: Spellings of "no transition at the end of this row".
CENSOR = "censor"


@dataclass(frozen=True)
class MultiStateData:
    """Long-format multi-state data with its model, ready for :func:`multistate`.

    Attributes
    ----------
    frame : pandas.DataFrame
        Columns ``id, tstart, tstop, state`` (plus any kept covariates, e.g.
        ``arm``); ``state`` is the state entered at ``tstop`` or ``"censor"``.
    transitions : TransitionMatrix
    initial : str or None
        State everyone starts in; None when ``istate`` gives it per patient.
    istate : str or None
        Column with each patient's initial state (first row), if any.
    """

    frame: pd.DataFrame
    transitions: TransitionMatrix
    initial: str | None = None
    istate: str | None = None


@dataclass(frozen=True)
class CheckedRows:
    """Validated rows, sorted by patient then time, with states coded."""

    states: tuple[str, ...]
    patient: np.ndarray        # codes 0..n_patients-1
    patient_labels: np.ndarray
    entry: np.ndarray
    exit: np.ndarray
    state: np.ndarray          # state during the row
    to_state: np.ndarray       # state entered at exit, -1 censored
    ends_follow_up: np.ndarray
    weight: np.ndarray
    group: np.ndarray          # codes
    groups: tuple
    source_row: np.ndarray     # index label of each row in the input frame
    initial_state: np.ndarray  # per patient code

    def for_group(self, k: int, *, cluster: np.ndarray | None = None) -> StateRows:
        rows = self.group == k
        patient = self.patient[rows]
        codes, _ = pd.factorize(patient if cluster is None else cluster[rows], sort=True)
        return StateRows(
            entry=self.entry[rows], exit=self.exit[rows], state=self.state[rows],
            to_state=self.to_state[rows], ends_follow_up=self.ends_follow_up[rows],
            weight=self.weight[rows], cluster=codes.astype(np.intp),
            n_states=len(self.states), n_clusters=int(codes.max()) + 1 if codes.size else 0,
        )


def check_rows(data: pd.DataFrame, *, id: str, start: str, stop: str, state: str,
               initial: str | None, istate: str | None, transitions: TransitionMatrix | None,
               group: str | None, weights: str | np.ndarray | None, censor: str = CENSOR) -> CheckedRows:
    """Validate long-format data; every refusal names the patient and the row."""
    if not isinstance(data, pd.DataFrame):
        raise InputError(f"data must be a pandas DataFrame in long format, got {type(data).__name__}")
    needed = [id, start, stop, state] + [c for c in (group, istate) if c is not None]
    if isinstance(weights, str):
        needed.append(weights)
    missing = [c for c in needed if c not in data.columns]
    if missing:
        raise InputError(f"data has no column {missing}; columns present: {list(map(str, data.columns))}")
    if len(data) == 0:
        raise InputError("data has no rows")
    if (initial is None) == (istate is None):
        raise InputError("give exactly one of initial= (the state everyone starts in, e.g. 'transplant') "
                         "or istate= (a column with each patient's initial state)")

    frame = data
    labels = frame.index.to_numpy()
    ids = frame[id]
    bad = np.flatnonzero(pd.isna(ids).to_numpy())
    if bad.size:
        raise InputError(f"data row {_show(labels[bad[0]])}, column {id}: missing patient id")
    entry = _numeric(frame, start, labels)
    exit_ = _numeric(frame, stop, labels)
    bad = np.flatnonzero(entry >= exit_)
    if bad.size:
        i = bad[0]
        raise InputError(f"data row {_show(labels[i])} (patient {_show(ids.iloc[i])}): {start} {entry[i]:g} is not "
                         f"before {stop} {exit_[i]:g}; every interval needs {start} < {stop} "
                         f"(separate same-day events, e.g. by half a day as in EBMT's ebmt4)")

    raw_state = frame[state]
    # factorize hashes the labels once; everything else works on the few distinct ones
    label_codes, labels_seen = pd.factorize(raw_state)
    labels_seen = np.asarray(labels_seen, dtype=object)
    censored = (label_codes < 0) | (labels_seen == censor)[np.maximum(label_codes, 0)]
    entered_labels = [v for v in labels_seen if v != censor]
    states = _state_order(transitions, initial, frame[istate] if istate else None,
                          np.asarray(entered_labels, dtype=object), raw_state, censor)
    known = pd.Index(list(states), dtype=object).get_indexer(labels_seen).astype(np.int64)
    state_codes = np.where(label_codes >= 0, known[np.maximum(label_codes, 0)], -1)
    unknown = np.flatnonzero(~censored & (state_codes < 0))
    if unknown.size:
        i = unknown[0]
        raise InputError(f"data row {_show(labels[i])}, column {state}: {_show(raw_state.iloc[i])} is not a state of "
                         f"the model; states: {list(states)} (or {censor!r} / missing for no transition)")
    state_codes[censored] = -1
    code = {s: k for k, s in enumerate(states)}

    id_codes, patient_labels = pd.factorize(ids, sort=True)
    order = np.lexsort((entry, id_codes))
    patient_codes = id_codes[order]
    entry, exit_, to_state = entry[order], exit_[order], state_codes[order]
    source = labels[order]
    first = np.r_[True, patient_codes[1:] != patient_codes[:-1]]
    previous_exit = np.r_[np.nan, exit_[:-1]]
    overlap = ~first & (entry < previous_exit)
    gap = ~first & (entry > previous_exit)
    for mask, what in ((overlap, "overlaps the row before"), (gap, "starts after the row before ends (a gap)")):
        bad = np.flatnonzero(mask)
        if bad.size:
            i = bad[0]
            raise InputError(
                f"data row {_show(source[i])} (patient {_show(patient_labels[patient_codes[i]])}): interval "
                f"({entry[i]:g}, {exit_[i]:g}] {what} ({previous_exit[i]:g}); a patient's rows must "
                "follow each other without overlaps or gaps, as survival::survcheck requires")

    # Initial state per patient, then the state during every row by carrying forward.
    if istate is not None:
        first_istate = frame[istate].astype(str).to_numpy()[order][first]
        unknown = [s for s in pd.unique(first_istate) if s not in code]
        if unknown:
            raise InputError(f"column {istate}: initial state {unknown[0]!r} is not one of {list(states)}")
        initial_codes = np.array([code[s] for s in first_istate], dtype=np.int64)
    else:
        initial_codes = np.full(int(first.sum()), code[initial], dtype=np.int64)
    marker = np.where(to_state >= 0, to_state, -1)
    carried = pd.Series(np.where(first, -2, np.r_[-1, marker[:-1]]))
    carried = carried.where(carried != -1).ffill().to_numpy()
    current = np.where(carried == -2, initial_codes[patient_codes], carried).astype(np.int64)
    same = np.flatnonzero(to_state == current)
    if same.size:
        i = same[0]
        raise InputError(f"data row {_show(source[i])} (patient {_show(patient_labels[patient_codes[i]])}): the patient is "
                         f"already in state {states[current[i]]!r} at {entry[i]:g}; column {state} is the state "
                         f"entered at {stop} ({censor!r} when nothing happens)")
    if transitions is not None:
        absorbing = np.array([s in transitions.absorbing for s in states])
        bad = np.flatnonzero(absorbing[current])
        if bad.size:
            i = bad[0]
            raise InputError(f"data row {_show(source[i])} (patient {_show(patient_labels[patient_codes[i]])}): the patient "
                             f"has follow-up after entering the absorbing state {states[current[i]]!r}")
        allowed = np.zeros((len(states), len(states)), dtype=bool)
        for a, b in transitions.allowed:
            allowed[code[a], code[b]] = True
        moving = to_state >= 0
        bad = np.flatnonzero(moving & ~allowed[current, np.maximum(to_state, 0)])
        if bad.size:
            i = bad[0]
            raise InputError(
                f"data row {_show(source[i])} (patient {_show(patient_labels[patient_codes[i]])}): transition "
                f"{states[current[i]]} -> {states[to_state[i]]} at {exit_[i]:g} is not allowed by the model; "
                f"allowed: {', '.join(f'{a} -> {b}' for a, b in transitions.allowed)}")

    last = np.r_[patient_codes[1:] != patient_codes[:-1], True]
    ends_follow_up = (to_state < 0) & (last | (np.r_[entry[1:], np.inf] != exit_))

    weight = _weights(frame, weights, order, source, patient_codes, patient_labels)
    group_codes, group_labels = _groups(frame, group, order, source, patient_codes, patient_labels)
    return CheckedRows(
        states=states, patient=patient_codes.astype(np.intp), patient_labels=np.asarray(patient_labels),
        entry=entry, exit=exit_, state=current, to_state=to_state, ends_follow_up=ends_follow_up,
        weight=weight, group=group_codes, groups=group_labels, source_row=source,
        initial_state=initial_codes,
    )


def _show(value: object) -> str:
    """repr of a label as the user wrote it (NumPy scalars as plain Python values)."""
    return repr(value.item() if isinstance(value, np.generic) else value)


def _numeric(frame: pd.DataFrame, column: str, labels: np.ndarray) -> np.ndarray:
    values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=np.float64)
    bad = np.flatnonzero(~np.isfinite(values))
    if bad.size:
        i = bad[0]
        raw = frame[column].iloc[i]
        shown = "missing" if pd.isna(raw) else repr(raw)
        raise InputError(f"data row {_show(labels[i])}, column {column}: {shown}; expected a finite time "
                         f"({bad.size} such row(s))")
    return values


def _state_order(transitions, initial, istate_values, entered, raw_state, censor) -> tuple[str, ...]:
    if transitions is not None:
        if initial is not None and initial not in transitions.states:
            raise InputError(f"initial state {initial!r} is not a state of the model: {list(transitions.states)}")
        return transitions.states
    order = [initial] if initial is not None else sorted(pd.unique(istate_values.astype(str)))
    declared = getattr(raw_state.dtype, "categories", None)
    rest = [str(s) for s in declared] if declared is not None else sorted(str(s) for s in pd.unique(entered))
    return tuple(order + [s for s in rest if s not in order and s != censor])


def _weights(frame, weights, order, source, patient_codes, patient_labels) -> np.ndarray:
    if weights is None:
        return np.ones(order.size)
    column = frame[weights] if isinstance(weights, str) else pd.Series(np.asarray(weights))
    name = weights if isinstance(weights, str) else "weights"
    if len(column) != len(frame):
        raise InputError(f"weights has {len(column)} values but data has {len(frame)} rows; one per row")
    values = pd.to_numeric(column, errors="coerce").to_numpy(dtype=np.float64)[order]
    bad = np.flatnonzero(~np.isfinite(values) | (values <= 0))
    if bad.size:
        i = bad[0]
        raise InputError(f"data row {_show(source[i])}, {name}: {_show(values[i])}; weights must be finite and > 0")
    first = np.r_[True, patient_codes[1:] != patient_codes[:-1]]
    starts = np.flatnonzero(first)
    differs = np.flatnonzero(values != np.repeat(values[starts], np.diff(np.r_[starts, values.size])))
    if differs.size:
        i = differs[0]
        raise InputError(f"data row {_show(source[i])} (patient {_show(patient_labels[patient_codes[i]])}): {name} "
                         "changes within a patient; give one weight per patient")
    return values


def _groups(frame, group, order, source, patient_codes, patient_labels):
    if group is None:
        return np.zeros(order.size, dtype=np.intp), ("all",)
    column = frame[group]
    values = column.to_numpy()[order]
    bad = np.flatnonzero(pd.isna(values))
    if bad.size:
        raise InputError(f"data row {source[bad[0]]!r}, column {group}: missing group label")
    declared = getattr(column.dtype, "categories", None)
    if declared is not None:
        labels = [c for c in declared if (values == c).any()]
        lookup = {c: k for k, c in enumerate(labels)}
        codes = np.array([lookup[v] for v in values], dtype=np.intp)
    else:
        codes, labels = pd.factorize(values, sort=True)
    first = np.r_[True, patient_codes[1:] != patient_codes[:-1]]
    starts = np.flatnonzero(first)
    differs = np.flatnonzero(codes != np.repeat(codes[starts], np.diff(np.r_[starts, codes.size])))
    if differs.size:
        i = differs[0]
        raise InputError(f"data row {_show(source[i])} (patient {_show(patient_labels[patient_codes[i]])}): column {group} "
                         "changes within a patient; a patient belongs to one group")
    return codes.astype(np.intp), tuple(v.item() if isinstance(v, np.generic) else v for v in labels)
