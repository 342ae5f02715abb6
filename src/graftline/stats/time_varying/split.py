"""From the endpoint table to start-stop rows with time-dependent covariates (like ``survival::tmerge``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from graftline.errors import InputError
from graftline.stats.endpoint_columns import from_endpoints

NOT_APPLICABLE = ("error", "exposed", "unexposed", "drop")


def time_dependent(endpoints: pd.DataFrame, *, outcome: str, covariates: Mapping[str, str] | None = None,
                   fixed: Sequence[str] = (), id: str = "patient_id",  # noqa: A002
                   not_applicable: str = "error") -> pd.DataFrame:
    """Split each patient's follow-up where a time-dependent covariate switches on.

    "Acute GVHD grade II-IV as a time-dependent covariate for relapse" is one
    call: the follow-up of a patient with aGVHD on day 30 and relapse on day
    200 becomes ``(0, 30]`` with ``agvhd = 0`` and ``(30, 200]`` with
    ``agvhd = 1``, so no patient is counted as exposed before the exposure
    (the immortal-time bias of a fixed "ever had aGVHD" covariate).

    Parameters
    ----------
    endpoints : pandas.DataFrame
        The endpoint table (one row per patient, ``E_day``/``E_status`` per endpoint).
    outcome : str
        The endpoint analysed, e.g. ``"relapse"``: its status 1 is the event,
        2 (a competing event) and 0 end follow-up without it. For
        cause-specific hazards use ``event`` (competing events censored);
        ``status`` keeps the code for the other cause's model.
    covariates : mapping of str to str, optional
        New column name -> endpoint whose event switches it from 0 to 1, e.g.
        ``{"agvhd": "agvhd_2_4", "platelets": "platelet_engraftment"}``. Only
        status 1 counts (status 2, e.g. death before aGVHD, never switches it).
    fixed : sequence of str, optional
        Baseline columns copied to every row (dtypes kept, e.g. Categorical arms).
    id : str, default "patient_id"
        Column identifying the patient, copied to every row (use it as
        ``cox_ph(..., id=rows[id])``).
    not_applicable : {"error", "exposed", "unexposed", "drop"}, default "error"
        What a covariate endpoint's ``<endpoint>_applicable = False`` means
        (e.g. platelets that never fell below 20: platelet engraftment "not
        applicable", CIBMTR): exposed from day 0, never exposed, or drop those
        patients; by default it is an error so that the choice is yours.

    Returns
    -------
    pandas.DataFrame
        Columns ``id, tstart, tstop, event, status``, one per covariate, then
        ``fixed``: ``event`` is 1 on the row that ends with the outcome,
        ``status`` the outcome code on the last row (0 on earlier rows).

    Raises
    ------
    InputError
        A missing column, a bad day or status (located), an outcome on day 0
        (no follow-up after day 0: R's tmerge refuses it too), or a
        not-applicable covariate with ``not_applicable="error"``.

    Notes
    -----
    Conventions are R's ``tmerge(..., tdc(day))`` [1]_: a row ``(a, b]``
    carries value 1 when the covariate's day is ``<= a``. So an exposure on
    day d applies from the interval after d, an exposure on the day of the
    outcome does not precede it (no split; the event row has 0), and an
    exposure on day 0 applies from the start. Days are integers from day 0,
    so "same day" is exact. Cuts at the same day for two covariates make one
    split. Checked row by row against ``tmerge`` on KMsurv ``bmt``.

    References
    ----------
    .. [1] Therneau T, Crowson C, Atkinson E. Using time dependent covariates
       and time dependent coefficients in the Cox model. R survival vignette
       (survival 3.5), section 2.
    .. [2] Iacobelli S on behalf of the EBMT Statistical Committee. Suggestions
       on the use of statistical methodologies in studies of the European Group
       for Blood and Marrow Transplantation. Bone Marrow Transplant 2013;48:S1-S37.

    Examples
    --------
    >>> table = pd.DataFrame({"patient_id": ["P1", "P2"], "relapse_day": [200, 90],
    ...                       "relapse_status": [1, 0], "agvhd_2_4_day": [30, 90],
    ...                       "agvhd_2_4_status": [1, 2]})
    >>> time_dependent(table, outcome="relapse", covariates={"agvhd": "agvhd_2_4"})
      patient_id  tstart  tstop  event  status  agvhd
    0         P1     0.0   30.0      0       0      0
    1         P1    30.0  200.0      1       1      1
    2         P2     0.0   90.0      0       0      0
    """
    covariates = dict(covariates or {})
    if not_applicable not in NOT_APPLICABLE:
        raise InputError(f"not_applicable {not_applicable!r}; expected one of {list(NOT_APPLICABLE)}")
    missing = [c for c in [id, *fixed] if c not in endpoints.columns]
    if missing:
        raise InputError(f"the endpoint table has no column {missing}")
    clash = sorted(set(covariates) & ({id, "tstart", "tstop", "event", "status"} | set(fixed)))
    if clash:
        raise InputError(f"covariate name(s) {clash} clash with the output's columns; rename them")
    keep = np.ones(len(endpoints), dtype=bool)
    exposures = {}
    for name, endpoint in covariates.items():
        day, applicable_drop = _exposure_day(endpoints, endpoint, not_applicable)
        exposures[name] = day
        keep &= ~applicable_drop
    frame = endpoints[keep]
    exposures = {name: day[keep] for name, day in exposures.items()}
    time, status = from_endpoints(frame, outcome)
    zero = np.flatnonzero(time <= 0)
    if zero.size:
        i = int(zero[0])
        raise InputError(
            f"endpoint table row {frame.index[i]!r} (patient {frame[id].iloc[i]!r}): {outcome}_day is 0, "
            f"so there is no follow-up interval after day 0 ({zero.size} such patient(s)); drop them "
            "or give them a follow-up (R's tmerge refuses them too)")
    return _split(frame, time, status, exposures, fixed, id)


def _exposure_day(frame: pd.DataFrame, endpoint: str, not_applicable: str) -> tuple[np.ndarray, np.ndarray]:
    """Day the covariate switches on (NaN: never), and patients to drop."""
    day_column, status_column = f"{endpoint}_day", f"{endpoint}_status"
    missing = [c for c in (day_column, status_column) if c not in frame.columns]
    if missing:
        known = sorted(str(c)[: -len("_status")] for c in frame.columns if str(c).endswith("_status"))
        raise InputError(f"the endpoint table has no column {missing}; endpoints present: {known or 'none'}")
    day = pd.to_numeric(frame[day_column], errors="coerce").to_numpy(dtype=np.float64)
    status = pd.to_numeric(frame[status_column], errors="coerce").to_numpy(dtype=np.float64)
    drop = np.zeros(len(frame), dtype=bool)
    applicable_column = f"{endpoint}_applicable"
    if applicable_column in frame.columns:
        not_app = ~frame[applicable_column].astype("boolean").fillna(True).to_numpy(dtype=bool)
        if not_app.any():
            if not_applicable == "error":
                raise InputError(
                    f"{int(not_app.sum())} patient(s) have {applicable_column} = False; say what that means "
                    "for the covariate with not_applicable='exposed' (from day 0), 'unexposed' or 'drop'")
            if not_applicable == "drop":
                drop = not_app
            status = np.where(not_app, 1.0 if not_applicable == "exposed" else 0.0, status)
            day = np.where(not_app, 0.0, day)
    exposed = status == 1
    bad = np.flatnonzero(exposed & (np.isnan(day) | (day < 0)))
    if bad.size:
        i = int(bad[0])
        value = frame[day_column].iloc[i]
        shown = "empty" if pd.isna(value) else f"{float(value):g}"
        raise InputError(f"endpoint table row {frame.index[i]!r}, column {day_column}: {shown} "
                         "with status 1; expected a day >= 0")
    return np.where(exposed, day, np.nan), drop


def _split(frame, time, status, exposures, fixed, id_column) -> pd.DataFrame:  # noqa: PLR0913
    n = len(frame)
    names = list(exposures)
    if names:
        days = np.column_stack([exposures[name] for name in names])
        inside = np.where((days > 0) & (days < time[:, None]), days, np.nan)
        cuts = np.sort(inside, axis=1)  # NaN last
        repeated = np.zeros_like(cuts, dtype=bool)
        repeated[:, 1:] = cuts[:, 1:] == cuts[:, :-1]
        cuts = np.sort(np.where(repeated, np.nan, cuts), axis=1)
    else:
        days = np.empty((n, 0))
        cuts = np.empty((n, 0))
    n_cuts = np.count_nonzero(~np.isnan(cuts), axis=1)
    rows = n_cuts + 1
    patient = np.repeat(np.arange(n), rows)
    position = np.arange(len(patient)) - np.repeat(np.cumsum(rows) - rows, rows)
    bounds = np.column_stack([np.zeros(n), cuts, np.full(n, np.nan)])
    bounds[np.arange(n), n_cuts + 1] = time
    start = bounds[patient, position]
    stop = bounds[patient, position + 1]
    last = position == n_cuts[patient]
    row_status = np.where(last, status[patient], 0)
    out = pd.DataFrame({id_column: frame[id_column].to_numpy()[patient], "tstart": start, "tstop": stop,
                        "event": (row_status == 1).astype(np.int64), "status": row_status.astype(np.int64)})
    for j, name in enumerate(names):
        out[name] = (days[patient, j] <= start).astype(np.int64)  # NaN (never) compares False
    for column in fixed:
        out[column] = frame[column].iloc[patient].reset_index(drop=True)
    return out
