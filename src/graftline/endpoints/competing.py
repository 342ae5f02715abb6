"""Hand the endpoint table to the statistics layer as plain NumPy arrays.

``graftline.stats`` must not import ibis; it receives ``(time, status)``
arrays from here.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd  # noqa: F401  (doctest namespace)

from graftline.endpoints.table import ENGRAFTMENT_ENDPOINTS, TIME_TO_EVENT_ENDPOINTS
from graftline.errors import InputError
from graftline.stats.endpoint_columns import from_endpoints


def competing(
    endpoints: pd.DataFrame,
    endpoint: str,
    *,
    not_applicable: Literal["drop", "raise", "event_day0"] = "drop",
) -> tuple[np.ndarray, np.ndarray]:
    """``(time, status)`` arrays of one time-to-event endpoint.

    Parameters
    ----------
    endpoints
        The endpoint table as a DataFrame (``endpoint_table(...).to_pandas()``
        or the CSV/Parquet written by ``graftline endpoints``).
    endpoint
        Name without suffix, e.g. ``"neutrophil_engraftment"``, ``"os"``.
    not_applicable
        Engraftment endpoints only: ``"drop"`` (default) leaves out patients
        whose count never fell below the threshold (``<E>_applicable`` False,
        CIBMTR "not applicable"); select the same rows of other columns with
        ``endpoints[endpoints[f"{endpoint}_applicable"]]``. ``"raise"``
        refuses such a frame. ``"event_day0"`` keeps them as engrafted on
        day 0 (the ``engraftment_not_applicable=event_day0`` option).

    Returns
    -------
    time : numpy.ndarray of float64
        Days from day 0 to the event, competing event or censoring.
    status : numpy.ndarray of int64
        0 censored, 1 event, 2 competing event.

    Examples
    --------
    >>> frame = pd.DataFrame({"os_day": [100, 30], "os_status": [0, 1]})
    >>> competing(frame, "os")
    (array([100.,  30.]), array([0, 1]))
    """
    if endpoint not in TIME_TO_EVENT_ENDPOINTS:
        raise InputError(f"{endpoint!r} is not a time-to-event endpoint; expected one of {list(TIME_TO_EVENT_ENDPOINTS)}")
    frame = endpoints
    applicable_col = f"{endpoint}_applicable"
    if endpoint in ENGRAFTMENT_ENDPOINTS and applicable_col in frame.columns:
        applicable = frame[applicable_col].astype("boolean").fillna(True).to_numpy(dtype=bool)
        if not applicable.all() and not_applicable == "raise":
            raise InputError(f"{int((~applicable).sum())} patient(s) have {endpoint} not applicable")
        if not_applicable == "event_day0":
            frame = frame.copy()
            frame[f"{endpoint}_day"] = frame[f"{endpoint}_day"].where(applicable, 0)
            frame[f"{endpoint}_status"] = frame[f"{endpoint}_status"].where(applicable, 1)
            frame[applicable_col] = True
        else:
            frame = frame[applicable]
    # One reader of the E_day/E_status columns for the whole package (it
    # checks codes and missing values with located messages): the statistics
    # layer's, which needs only pandas.
    return from_endpoints(frame, endpoint)
