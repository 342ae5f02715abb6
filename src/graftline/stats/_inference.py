"""Pieces of inference every regression in graftline.stats reports alike."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special


class ConvergenceWarning(UserWarning):
    """An iterative fit stopped before meeting its convergence criterion."""


@dataclass(frozen=True)
class ChiSquareTest:
    """A chi-square test of the hypothesis that every coefficient is 0."""

    statistic: float
    df: int
    p_value: float


def chi_square(statistic: float, df: int) -> ChiSquareTest:
    return ChiSquareTest(statistic=float(statistic), df=int(df),
                         p_value=float(special.chdtrc(df, statistic)))


def normal_quantile(conf_level: float) -> float:
    """Two-sided normal quantile for a confidence level in (0, 1)."""
    from graftline.errors import InputError

    if not 0.0 < conf_level < 1.0:
        raise InputError(f"conf_level = {conf_level!r}; expected a number between 0 and 1")
    return float(special.ndtri(0.5 + conf_level / 2.0))


def two_sided_p(z: np.ndarray) -> np.ndarray:
    """2 * P(Z > |z|), accurate far in the tail (R's 2 * pnorm(-|z|))."""
    return 2.0 * special.ndtr(-np.abs(z))


#: R's coxph.control(toler.chol): .Machine$double.eps^0.75.
CHOLESKY_TOLERANCE = np.finfo(float).eps ** 0.75


def quadratic_form(matrix: np.ndarray, vector: np.ndarray,
                   tolerance: float = CHOLESKY_TOLERANCE) -> float:
    r""":math:`b^T M^- b` as R survival's ``coxph.wtest``, also for a singular M.

    An :math:`LDL^T` factorisation in the given order, where a pivot below
    ``tolerance`` times the largest diagonal element is set to 0 and its
    component of the solution dropped (R's ``cholesky2``/``chsolve2``). A
    robust variance from G clusters has rank at most G - 1; this is what
    makes the Wald and robust score tests defined for it, as R reports them.
    """
    a = np.array(matrix, dtype=np.float64)
    n = len(a)
    largest = max(float(np.max(np.diag(a), initial=0.0)), 0.0)
    eps = tolerance if largest == 0 else largest * tolerance
    for i in range(n):
        pivot = a[i, i]
        if not np.isfinite(pivot) or pivot < eps:
            a[i, i] = 0.0
            continue
        factor = a[i + 1:, i] / pivot
        a[i + 1:, i] = factor
        a[i + 1:, i + 1:] -= np.outer(factor, factor) * pivot  # Schur complement
    y = np.array(vector, dtype=np.float64)
    for i in range(n):  # L z = b
        y[i] -= y[:i] @ a[i, :i]
    for i in range(n - 1, -1, -1):  # D L^T x = z
        if a[i, i] == 0:
            y[i] = 0.0
        else:
            y[i] = y[i] / a[i, i] - y[i + 1:] @ a[i + 1:, i]
    return float(np.asarray(vector, dtype=np.float64) @ y)
