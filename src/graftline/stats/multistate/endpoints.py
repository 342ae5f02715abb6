"""Multi-state data from graftline's endpoint table (one row per patient).

The endpoint table stores each endpoint E as ``E_day`` and ``E_status``
(0 censored, 1 event, 2 competing event). These builders turn the columns a
model needs into long-format :class:`MultiStateData`:

- :func:`illness_death_data`: transplant -> relapse -> death, transplant -> death
  (``relapse``, ``os``);
- :func:`ebmt6_data`: mstate's ``ebmt4`` six-state model, with platelet
  recovery (``platelet_engraftment``) and acute GVHD (``agvhd_2_4`` by
  default) as the "recovery" and "adverse event" of Fiocco et al. (2008).

Days are whole days, so several events can fall on one day, while a
multi-state row needs ``tstart < tstop``. Events of one day are put in their
clinical order and all but the last are moved back by fractions of
``tie_offset`` (default half a day), which is how EBMT's ``ebmt4`` stores
them (acute GVHD half a day before platelet recovery on the same day);
day-0 events and follow-up move into (0, tie_offset]. Follow-up that ends on
the day of the last event adds no row after it. Probabilities read at whole
days see every event of the day.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from graftline.errors import InputError
from graftline.stats.endpoint_columns import from_endpoints
from graftline.stats.multistate.data import MultiStateData
from graftline.stats.multistate.transitions import TransitionMatrix
from graftline.stats.multistate.wide import from_wide


def illness_death_data(endpoints: pd.DataFrame, *, keep: Sequence[str] = ("arm",),
                       tie_offset: float = 0.5) -> MultiStateData:
    """transplant -> relapse -> death and transplant -> death, from ``relapse`` and ``os``.

    A relapse on the day of death is a relapse followed by death (graftline's
    NRM rule: such a death is relapse-related). Follow-up ends at ``os_day``.

    Returns
    -------
    MultiStateData
        Columns ``id`` (the patient id), ``tstart, tstop, state`` and ``keep``.
    """
    frame = _checked(endpoints, keep)
    relapse_day, relapse_status = from_endpoints(frame, "relapse")
    os_day, os_status = from_endpoints(frame, "os")
    events = {"relapse": (relapse_day, relapse_status == 1), "death": (os_day, os_status == 1)}
    wide = _separated(frame, events, os_day, tie_offset)
    model = TransitionMatrix.illness_death()
    return from_wide(wide, model, events=_columns(model.states[1:]), id="patient_id", keep=keep)


def ebmt6_data(endpoints: pd.DataFrame, *, adverse_event: str = "agvhd_2_4",
               recovery: str = "platelet_engraftment", keep: Sequence[str] = ("arm",),
               tie_offset: float = 0.5) -> MultiStateData:
    """The six-state EBMT model of mstate's ``ebmt4`` from the endpoint table.

    States ``transplant, platelet_recovery, agvhd, recovery_agvhd, relapse,
    death`` (:meth:`TransitionMatrix.ebmt6`): recovery is ``recovery``
    (default platelet engraftment), the adverse event is ``adverse_event``
    (default acute GVHD grade II-IV, [NC]: ebmt4's "AE" is acute GVHD, the
    grade is a choice), relapse and death (without relapse) are absorbing.
    Patients whose platelets never fell below the threshold
    (``platelet_engraftment_applicable`` False) start in
    ``platelet_recovery`` at day 0 rather than being dropped. On one day the
    order is: adverse event, recovery, relapse, death (ebmt4 stores acute
    GVHD half a day before recovery).
    """
    frame = _checked(endpoints, keep)
    applicable_column = f"{recovery}_applicable"
    recovered_at_start = np.zeros(len(frame), dtype=bool)
    if applicable_column in frame.columns:
        recovered_at_start = ~frame[applicable_column].astype("boolean").fillna(True).to_numpy(dtype=bool)
    os_day, os_status = from_endpoints(frame, "os")
    relapse_day, relapse_status = from_endpoints(frame, "relapse")
    ae_day, ae_status = from_endpoints(frame, adverse_event)
    rec = frame.copy()
    rec.loc[recovered_at_start, [f"{recovery}_day", f"{recovery}_status"]] = [0, 0]
    rec_day, rec_status = from_endpoints(rec[[f"{recovery}_day", f"{recovery}_status"]], recovery)
    events = {"agvhd": (ae_day, ae_status == 1),
              "platelet_recovery": (rec_day, (rec_status == 1) & ~recovered_at_start),
              "relapse": (relapse_day, relapse_status == 1), "death": (os_day, os_status == 1)}
    wide = _separated(frame, events, os_day, tie_offset)
    both = wide["agvhd_status"].astype(bool) & wide["platelet_recovery_status"].astype(bool)
    wide["recovery_agvhd_time"] = np.where(both, np.maximum(wide.agvhd_time, wide.platelet_recovery_time),
                                           wide.end_time)
    wide["recovery_agvhd_status"] = both.astype(np.int64)
    # recovered at the start: the later adverse event is the move to "both"
    wide.loc[recovered_at_start & wide.agvhd_status.astype(bool), "recovery_agvhd_time"] = \
        wide.loc[recovered_at_start & wide.agvhd_status.astype(bool), "agvhd_time"]
    wide.loc[recovered_at_start & wide.agvhd_status.astype(bool), "recovery_agvhd_status"] = 1
    wide["initial_state"] = np.where(recovered_at_start, "platelet_recovery", "transplant")
    model = TransitionMatrix.ebmt6()
    return from_wide(wide, model, events=_columns(model.states[1:]), id="patient_id",
                     initial=wide["initial_state"].to_numpy(), keep=keep)


def _checked(endpoints: pd.DataFrame, keep: Sequence[str]) -> pd.DataFrame:
    if not isinstance(endpoints, pd.DataFrame):
        raise InputError(f"endpoints must be the endpoint table as a pandas DataFrame, got {type(endpoints).__name__}")
    missing = [c for c in ("patient_id", *keep) if c not in endpoints.columns]
    if missing:
        raise InputError(f"the endpoint table has no column {missing}")
    return endpoints.reset_index(drop=True)


def _columns(states) -> dict[str, tuple[str, str]]:
    return {s: (f"{s}_time", f"{s}_status") for s in states}


def _separated(frame: pd.DataFrame, events: dict, end_day: np.ndarray, offset: float) -> pd.DataFrame:
    """Wide frame of event times with same-day events pulled apart (see the module notes).

    ``events`` maps state -> (day, happened) in clinical order for ties.
    Every state's time column holds its event time, else the end of follow-up.
    """
    if not 0 < offset < 1:
        raise InputError(f"tie_offset {offset!r} must lie strictly between 0 and 1 (a fraction of a day)")
    names = list(events)
    day = np.column_stack([np.where(events[s][1], events[s][0], np.nan) for s in names])
    for k, s in enumerate(names):
        late = np.flatnonzero(day[:, k] > end_day)
        if late.size:
            i = late[0]
            raise InputError(f"endpoint table row {frame.index[i]!r} (patient {frame.patient_id.iloc[i]!r}): "
                             f"{s} on day {day[i, k]:g} is after the end of follow-up (os_day {end_day[i]:g})")
    moved = day.copy()
    for k in range(len(names)):
        same = day == day[:, [k]]
        count = same.sum(axis=1)
        rank = same[:, :k + 1].sum(axis=1)
        d = day[:, k]
        with np.errstate(invalid="ignore", divide="ignore"):
            spread = np.where(count >= 2, d - (count - rank) * offset / np.maximum(count - 1, 1), d)
            at_zero = rank * offset / count
        moved[:, k] = np.where(d == 0, at_zero, spread)
    end = np.asarray(end_day, dtype=np.float64)
    end = np.where(end == 0, offset, end)
    wide = pd.DataFrame({"patient_id": frame.patient_id.to_numpy(), "end_time": end})
    for k, s in enumerate(names):
        happened = ~np.isnan(moved[:, k])
        wide[f"{s}_time"] = np.where(happened, moved[:, k], end)
        wide[f"{s}_status"] = happened.astype(np.int64)
    for column in frame.columns:
        if column not in wide.columns and not column.endswith(("_day", "_status")):
            wide[column] = frame[column].to_numpy()
    return wide


def current_grfs_data(endpoints: pd.DataFrame, therapy: pd.DataFrame, *, keep: Sequence[str] = ("arm",),
                      tie_offset: float = 0.5) -> MultiStateData:
    """Current GRFS (Solomon et al., BBMT 2017;23:1208) from the endpoint table and GVHD therapy episodes.

    States (:meth:`TransitionMatrix.current_grfs`): ``grfs`` (alive,
    relapse-free, not on systemic therapy for GVHD), ``gvhd`` (on it),
    ``relapse``, ``death``. A patient moves to ``gvhd`` when an episode
    starts and back to ``grfs`` when it stops, any number of times, until
    relapse, death or the end of follow-up. Current GRFS at t is
    ``occupancy(["grfs"], t)``; GRFS itself (Holtan 2015) is the first exit
    from ``grfs``.

    Parameters
    ----------
    endpoints : pandas.DataFrame
        The endpoint table (``relapse``, ``os``).
    therapy : pandas.DataFrame
        One row per episode of systemic GVHD therapy: ``patient_id``,
        ``start_day``, ``stop_day`` (empty while ongoing). The endpoint table
        does not hold when therapy stops (the cohort's ``systemic_therapy``
        flags therapy started or escalated), so these come from the centre's
        records.
    """
    frame = _checked(endpoints, keep)
    missing = [c for c in ("patient_id", "start_day", "stop_day") if c not in therapy.columns]
    if missing:
        raise InputError(f"therapy has no column {missing}; expected patient_id, start_day, stop_day")
    relapse_day, relapse_status = from_endpoints(frame, "relapse")
    os_day, os_status = from_endpoints(frame, "os")
    end = np.asarray(os_day, dtype=np.float64)
    absorbing_day = np.where(relapse_status == 1, relapse_day, np.where(os_status == 1, os_day, np.inf))
    absorbing_state = np.where(relapse_status == 1, "relapse", np.where(os_status == 1, "death", ""))
    where = {p: k for k, p in enumerate(frame.patient_id.to_numpy())}
    unknown = [p for p in pd.unique(therapy.patient_id) if p not in where]
    if unknown:
        raise InputError(f"therapy: patient {unknown[0]!r} is not in the endpoint table")
    events = []   # (patient row, day, order within the day, state entered)
    for row in therapy.itertuples(index=False):
        k = where[row.patient_id]
        start, stop = float(row.start_day), row.stop_day
        if not np.isfinite(start) or start < 0:
            raise InputError(f"therapy: patient {row.patient_id!r} has start_day {row.start_day!r}; expected a day >= 0")
        if start < absorbing_day[k] and start <= end[k]:
            events.append((k, start, 0, "gvhd"))
        if pd.notna(stop) and float(stop) < absorbing_day[k] and float(stop) <= end[k]:
            if float(stop) < start:
                raise InputError(f"therapy: patient {row.patient_id!r} stops on day {stop:g} before starting on day {start:g}")
            events.append((k, float(stop), 1, "grfs"))
    for k in np.flatnonzero(np.isfinite(absorbing_day)):
        events.append((int(k), float(absorbing_day[k]), 2, str(absorbing_state[k])))
    rows = []
    table = pd.DataFrame(events, columns=["row", "day", "order", "state"]).sort_values(["row", "day", "order"],
                                                                                       kind="stable")
    ids = frame.patient_id.to_numpy()
    for k, group in table.groupby("row", sort=True):
        time = _spread(group.day.to_numpy(dtype=np.float64), tie_offset)
        previous, state = 0.0, "grfs"
        for t, entered in zip(time, group.state, strict=True):
            if entered == state:   # a stop without a start (or two starts): no change of state
                continue
            rows.append((ids[k], previous, t, entered))
            previous, state = t, entered
            if entered in ("relapse", "death"):
                break
        else:
            if end[k] > previous:
                rows.append((ids[k], previous, end[k], "censor"))
    for k in np.setdiff1d(np.arange(len(frame)), table.row.unique()):
        rows.append((ids[k], 0.0, max(end[k], tie_offset), "censor"))
    out = pd.DataFrame(rows, columns=["id", "tstart", "tstop", "state"])
    for column in keep:
        out[column] = frame.set_index("patient_id").loc[out.id, column].to_numpy()
    out = out.sort_values(["id", "tstart"], kind="stable").reset_index(drop=True)
    return MultiStateData(frame=out, transitions=TransitionMatrix.current_grfs(), initial="grfs")


def _spread(day: np.ndarray, offset: float) -> np.ndarray:
    """Ordered event days of one patient with equal days spread as in :func:`_separated`."""
    out = day.copy()
    for value in np.unique(day):
        same = np.flatnonzero(day == value)
        m = same.size
        if value == 0:
            out[same] = offset * np.arange(1, m + 1) / m
        elif m > 1:
            out[same] = value - offset * (m - 1 - np.arange(m)) / (m - 1)
    return out


def current_lfs_data(endpoints: pd.DataFrame, remissions: pd.DataFrame, *, keep: Sequence[str] = ("arm",),
                     tie_offset: float = 0.5) -> MultiStateData:
    """Current leukaemia-free survival (Klein et al., Stat Med 2000;19:3005) after relapse and salvage.

    States (:meth:`TransitionMatrix.current_lfs`): ``remission`` -> ``relapse``
    -> ``remission2`` (e.g. after donor lymphocyte infusion) -> ``relapse2``,
    death from any of them. Current LFS at t is
    ``occupancy(["remission", "remission2"], t)``; LFS itself is the first
    exit from ``remission``.

    Parameters
    ----------
    endpoints : pandas.DataFrame
        The endpoint table (``relapse``, ``os``).
    remissions : pandas.DataFrame
        One row per patient who reached a second remission: ``patient_id``,
        ``remission_day`` and ``relapse_day`` (second relapse; empty if none).
        The endpoint table does not derive second remissions.
    """
    frame = _checked(endpoints, keep)
    missing = [c for c in ("patient_id", "remission_day", "relapse_day") if c not in remissions.columns]
    if missing:
        raise InputError(f"remissions has no column {missing}; expected patient_id, remission_day, relapse_day")
    relapse_day, relapse_status = from_endpoints(frame, "relapse")
    os_day, os_status = from_endpoints(frame, "os")
    second = remissions.set_index("patient_id")
    unknown = [p for p in second.index if p not in set(frame.patient_id)]
    if unknown:
        raise InputError(f"remissions: patient {unknown[0]!r} is not in the endpoint table")
    rows = []
    for k, patient in enumerate(frame.patient_id.to_numpy()):
        path = []
        if relapse_status[k] == 1:
            path.append((float(relapse_day[k]), "relapse"))
            if patient in second.index:
                remission = float(second.at[patient, "remission_day"])
                again = second.at[patient, "relapse_day"]
                if not remission > relapse_day[k]:
                    raise InputError(f"remissions: patient {patient!r} is in second remission on day "
                                     f"{remission:g}, not after the relapse on day {relapse_day[k]:g}")
                if remission <= os_day[k]:
                    path.append((remission, "remission2"))
                    if pd.notna(again) and float(again) <= os_day[k]:
                        path.append((float(again), "relapse2"))
        if os_status[k] == 1:
            path.append((float(os_day[k]), "death"))
        days = _spread(np.array([d for d, _ in path], dtype=np.float64), tie_offset) if path else np.array([])
        previous = 0.0
        for t, entered in zip(days, (s for _, s in path), strict=True):
            rows.append((patient, previous, t, entered))
            previous = t
        if os_status[k] != 1 and os_day[k] > previous:
            rows.append((patient, previous, max(float(os_day[k]), tie_offset), "censor"))
    out = pd.DataFrame(rows, columns=["id", "tstart", "tstop", "state"])
    for column in keep:
        out[column] = frame.set_index("patient_id").loc[out.id, column].to_numpy()
    return MultiStateData(frame=out, transitions=TransitionMatrix.current_lfs(), initial="remission")
