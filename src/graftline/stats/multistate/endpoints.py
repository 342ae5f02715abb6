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
