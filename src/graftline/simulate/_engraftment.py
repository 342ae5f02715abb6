"""Vectorised CIBMTR engraftment rules on day-by-patient lab matrices.

Private: the simulator's calibration, prediction and power analysis need
engraftment days for up to millions of virtual patients, where going through
tables row by row would dominate the run time. The rules are the defaults of
DOMAIN.md section 2 and are checked against ``graftline.endpoints`` on a
simulated cohort in ``tests/simulate/test_calibration.py`` once that engine
exists:

- neutrophils: the first of three successive measured values (on different
  days, any gap allowed) >= 0.5 x10^9/L, counting only runs that start after
  the first value below 0.5 (after the post-transplant nadir);
- platelets: the same with >= 20 x10^9/L, and the first day of the run at
  least 7 days after the last platelet transfusion on or before it
  (CIBMTR worked example: transfusion June 13, recovery June 20). Not
  applicable (NaN, ``applicable`` False) when platelets never fell below 20
  and no transfusion was given.
"""

from __future__ import annotations

import numpy as np


def _packed(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Measured values moved to the left of each row, with their days.

    Returns ``(packed_values, packed_days)``; unmeasured slots are NaN / -1.
    """
    measured = ~np.isnan(values)
    order = np.argsort(~measured, axis=1, kind="stable")
    packed_days = np.where(np.take_along_axis(measured, order, axis=1), order, -1)
    packed_values = np.take_along_axis(values, order, axis=1)
    return packed_values, packed_days


def first_run_day(
    values: np.ndarray,
    threshold: float,
    *,
    run: int = 3,
    last_transfusion: np.ndarray | None = None,
    transfusion_free_days: int = 7,
) -> np.ndarray:
    """Day that starts the first qualifying run per patient (NaN if none).

    Parameters
    ----------
    values
        ``(n_patients, n_days)`` lab values, NaN where not measured.
    threshold
        Engraftment threshold (0.5 for ANC, 20 for platelets).
    run
        Number of successive values required.
    last_transfusion
        ``(n_patients, n_days)`` day of the last transfusion on or before
        each day (-inf if none); enables the transfusion-free rule.
    transfusion_free_days
        Minimum days between the last transfusion and the first day of the run.
    """
    packed, days = _packed(values)
    n, width = packed.shape
    above = packed >= threshold
    below = packed < threshold
    # Only runs starting after the first value below the threshold (the nadir rule).
    rank = np.arange(width)[None, :]
    first_below = np.where(below.any(axis=1), below.argmax(axis=1), width)
    ok = rank > first_below[:, None]
    for k in range(run):
        shifted = np.zeros_like(above)
        shifted[:, : width - k] = above[:, k:]
        ok &= shifted
    if last_transfusion is not None:
        safe_days = np.maximum(days, 0)
        last = np.take_along_axis(last_transfusion, safe_days, axis=1)
        ok &= (days - last) >= transfusion_free_days
    ok &= days >= 0
    found = ok.any(axis=1)
    first = ok.argmax(axis=1)
    day = np.take_along_axis(days, first[:, None], axis=1)[:, 0].astype(float)
    return np.where(found, day, np.nan)


def last_transfusion_day(transfused: np.ndarray) -> np.ndarray:
    """Day of the latest transfusion on or before each day (-inf if none)."""
    days = np.arange(transfused.shape[1], dtype=float)[None, :]
    return np.maximum.accumulate(np.where(transfused, days, -np.inf), axis=1)


def neutrophil_engraftment(anc: np.ndarray) -> np.ndarray:
    """CIBMTR neutrophil engraftment day per patient (NaN if not engrafted)."""
    return first_run_day(anc, 0.5)


def platelet_engraftment(plt: np.ndarray, transfused: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Platelet engraftment (>= 20, transfusion-free 7 days) and applicability.

    Returns ``(day, applicable)``; ``day`` is NaN when not engrafted or not
    applicable.
    """
    day = first_run_day(plt, 20.0, last_transfusion=last_transfusion_day(transfused))
    applicable = transfused.any(axis=1) | (np.nan_to_num(plt, nan=np.inf) < 20).any(axis=1)
    return np.where(applicable, day, np.nan), applicable
