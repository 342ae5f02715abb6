"""Read one endpoint's ``(time, status)`` from the endpoint table.

The endpoint table (``graftline.endpoints``) stores every time-to-event
endpoint E as ``E_day`` (days from day 0) and ``E_status`` (0 censored,
1 event, 2 competing event). This reads a pandas DataFrame only, so the
statistics layer stays free of ibis and duckdb.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from graftline.errors import InputError

#: Status codes of the endpoint table.
ENDPOINT_STATUS_CODES = (0, 1, 2)


def from_endpoints(frame: pd.DataFrame, endpoint: str) -> tuple[np.ndarray, np.ndarray]:
    """``(time, status)`` of one endpoint, ready for the estimators.

    Parameters
    ----------
    frame : pandas.DataFrame
        The endpoint table, one row per patient.
    endpoint : str
        Endpoint name without suffix, e.g. ``"neutrophil_engraftment"``, ``"nrm"``.

    Returns
    -------
    time : ndarray of float64
        ``<endpoint>_day``.
    status : ndarray of int64
        ``<endpoint>_status``: 0 censored, 1 event, 2 competing event.

    Raises
    ------
    InputError
        A column is missing; a day or status is missing, negative or not a
        declared code; or an ``<endpoint>_applicable`` column marks patients
        for whom the endpoint does not apply (filter them first, so that the
        group column you pass alongside has the same rows).

    Examples
    --------
    >>> table = pd.DataFrame({"nrm_day": [100, 30, 12], "nrm_status": [0, 1, 2]})
    >>> from_endpoints(table, "nrm")
    (array([100.,  30.,  12.]), array([0, 1, 2]))

    Use with the estimators::

        time, status = from_endpoints(table, "neutrophil_engraftment")
        cumulative_incidence(time, status, group=table["arm"])
    """
    day_column, status_column = f"{endpoint}_day", f"{endpoint}_status"
    missing = [c for c in (day_column, status_column) if c not in frame.columns]
    if missing:
        known = sorted(c[: -len("_status")] for c in frame.columns if str(c).endswith("_status"))
        raise InputError(
            f"the endpoint table has no column {missing}; endpoints present: {known or 'none'}"
        )
    applicable_column = f"{endpoint}_applicable"
    if applicable_column in frame.columns:
        applicable = frame[applicable_column].astype("boolean").fillna(True).to_numpy(dtype=bool)
        if not applicable.all():
            raise InputError(
                f"{int((~applicable).sum())} row(s) have {applicable_column} = False (endpoint not "
                f"applicable); select frame[frame['{applicable_column}']] first so every column "
                "you pass has the same rows"
            )
    day = pd.to_numeric(frame[day_column], errors="coerce").to_numpy(dtype=np.float64)
    status = pd.to_numeric(frame[status_column], errors="coerce").to_numpy(dtype=np.float64)
    for column, values, raw in ((day_column, day, frame[day_column]), (status_column, status, frame[status_column])):
        bad = np.flatnonzero(np.isnan(values))
        if bad.size:
            i = int(bad[0])
            value = raw.iloc[i]
            shown = "empty" if pd.isna(value) else repr(value.item() if hasattr(value, "item") else value)
            raise InputError(
                f"endpoint table row {frame.index[i]!r}, column {column}: {shown}; expected a number "
                f"({bad.size} such row(s))"
            )
    bad = np.flatnonzero(day < 0)
    if bad.size:
        i = int(bad[0])
        raise InputError(f"endpoint table row {frame.index[i]!r}, column {day_column}: {day[i]:g} is negative; expected days >= 0")
    bad = np.flatnonzero(~np.isin(status, ENDPOINT_STATUS_CODES))
    if bad.size:
        i = int(bad[0])
        raise InputError(
            f"endpoint table row {frame.index[i]!r}, column {status_column}: {status[i]:g} is not a "
            "status code; expected 0 (censored), 1 (event) or 2 (competing event)"
        )
    return day, status.astype(np.int64)
