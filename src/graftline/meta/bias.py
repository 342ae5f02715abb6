"""Small-study effects: Egger's regression test and trim-and-fill (metafor's ``regtest``, ``trimfill``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from graftline.errors import InputError
from graftline.meta.pooling import PoolResult, _fit, pool


@dataclass(frozen=True)
class EggerTest:
    """Regression test for funnel-plot asymmetry.

    ``statistic`` is the z (or t, with knha) value of the standard-error slope;
    ``limit_estimate`` is the intercept, the estimate for a study of infinite
    precision, with its CI.
    """

    statistic: float
    df: float
    p_value: float
    slope: float
    limit_estimate: float
    limit_ci_lower: float
    limit_ci_upper: float
    method: str
    test: str
    k: int

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([self.__dict__])


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields explicitly
class TrimAndFill:
    """Trim-and-fill: the estimated number of missing studies and the refitted result."""

    k0: int
    side: str
    estimator: str
    filled_yi: np.ndarray
    filled_vi: np.ndarray
    result: PoolResult

    def to_frame(self) -> pd.DataFrame:
        frame = self.result.to_frame()
        frame.insert(0, "k0", self.k0)
        frame.insert(1, "side", self.side)
        return frame


def egger_test(result: PoolResult) -> EggerTest:
    """Egger's regression test, as metafor's ``regtest`` defaults.

    Parameters
    ----------
    result : PoolResult
        A fitted model; its method, test and level are reused.

    Returns
    -------
    EggerTest

    Notes
    -----
    metafor's default (``model="rma", predictor="sei"``): the meta-regression
    ``y_i = b0 + b1 sqrt(v_i) + u_i + e_i`` fitted with the same tau^2
    estimator and test as ``result``; asymmetry is tested by ``b1 = 0``. With
    ``method="FE"`` this is the weighted-regression form of Egger's test.
    The Cochrane Handbook (13.3.5.4) advises against such tests with fewer
    than 10 studies; a result with k < 10 still computes but says nothing
    about it -- check ``k``.

    References
    ----------
    1. Egger M, Davey Smith G, Schneider M, Minder C. Bias in meta-analysis
       detected by a simple, graphical test. BMJ 1997;315:629-634.
    2. Sterne JAC, Egger M. Regression methods to detect publication and other
       bias in meta-analysis. In: Publication Bias in Meta-Analysis. Wiley; 2005.

    Examples
    --------
    >>> res = pool([0.1, 0.3, 0.2, 0.6, 0.5], [0.01, 0.04, 0.02, 0.09, 0.08], method="FE")
    >>> round(egger_test(res).slope, 3)
    2.289
    """
    if result.coefficients is not None:
        raise InputError("egger_test: fit the model without moderators")
    k = result.k
    if k < 3:
        raise InputError(f"Egger's test needs at least 3 studies (got {k})")
    X = np.column_stack([np.ones(k), np.sqrt(result.vi)])
    fit = _fit(np.asarray(result.yi), np.asarray(result.vi), X, result.method, result.test,
               result.level, result._control)
    return EggerTest(
        statistic=float(fit["stat_all"][1]), df=fit["df"], p_value=float(fit["p_all"][1]),
        slope=float(fit["beta"][1]), limit_estimate=float(fit["beta"][0]),
        limit_ci_lower=float(fit["lo_all"][0]), limit_ci_upper=float(fit["hi_all"][0]),
        method=result.method, test=result.test, k=k,
    )


def trim_and_fill(result: PoolResult, *, side: str | None = None, estimator: str = "L0",
                  max_iter: int = 100) -> TrimAndFill:
    """Duval and Tweedie's trim-and-fill, as metafor's ``trimfill``.

    Parameters
    ----------
    result : PoolResult
        A fitted model without moderators.
    side : {"left", "right"}, optional
        Side of the funnel where studies are missing. By default (metafor's
        rule) it is estimated from the slope of a meta-regression of ``y`` on
        ``sqrt(v)``: a negative slope means studies are missing on the right.
    estimator : {"L0", "R0"}
        Estimator of the number of missing studies (default L0).
    max_iter : int
        Maximum trim iterations.

    Returns
    -------
    TrimAndFill
        ``k0`` missing studies, the filled (mirrored) effect sizes and the
        model refitted on observed plus filled studies.

    Notes
    -----
    Each iteration fits the model (same tau^2 estimator) on the studies left
    after trimming the ``k0`` most extreme on the ``side``; ranks ``r_i`` of
    ``|y_i - mu|`` (ties by order) give ``S = sum of r_i with y_i > mu`` and
    ``L0 = (4S - k(k+1))/(2k - 1)``, ``R0 = k - (largest rank on the other
    side) - 1``, ``k0 = max(0, round(.))``, until k0 repeats. The filled
    studies are ``2 mu - y_i`` with the same ``v_i``. metafor refits the
    filled data with ``test="z"``; graftline keeps the test of ``result``
    (identical for the default z).

    References
    ----------
    1. Duval S, Tweedie R. Trim and fill: a simple funnel-plot-based method of
       testing and adjusting for publication bias in meta-analysis.
       Biometrics 2000;56:455-463.
    2. Duval S, Tweedie R. A nonparametric "trim and fill" method of accounting
       for publication bias in meta-analysis. JASA 2000;95:89-98.

    Examples
    --------
    >>> res = pool([0.1, 0.3, 0.2, 0.6, 0.5, 0.45], [0.01, 0.04, 0.02, 0.09, 0.08, 0.06], method="FE")
    >>> tf = trim_and_fill(res)
    >>> tf.side, tf.k0
    ('left', 3)
    """
    if result.coefficients is not None:
        raise InputError("trim-and-fill applies to models without moderators")
    if estimator not in {"L0", "R0"}:
        raise InputError(f"estimator must be 'L0' or 'R0', not {estimator!r}")
    y0, v0 = np.asarray(result.yi), np.asarray(result.vi)
    k = len(y0)
    if k < 3:
        raise InputError(f"trim-and-fill needs at least 3 studies (got {k})")
    control = result._control
    if side is None:
        slope = _fit(y0, v0, np.column_stack([np.ones(k), np.sqrt(v0)]), result.method, "z",
                     result.level, control)["beta"][1]
        side = "right" if slope < 0 else "left"
    elif side not in {"left", "right"}:
        raise InputError(f"side must be 'left' or 'right', not {side!r}")

    y = -y0 if side == "right" else y0.copy()
    order = np.argsort(y, kind="stable")
    y, v = y[order], v0[order]
    k0, previous, iteration = 0, -1, 0
    ones = np.ones((k, 1))
    while k0 != previous:
        previous = k0
        iteration += 1
        if iteration > max_iter:
            raise InputError("trim-and-fill did not converge")
        mu = _fit(y[: k - k0], v[: k - k0], ones[: k - k0], result.method, "z", result.level,
                  control)["estimate"]
        centred = y - mu
        ranks = stats.rankdata(np.abs(centred), method="ordinal")
        signed = np.sign(centred) * ranks
        if estimator == "L0":
            s_r = signed[signed > 0].sum()
            k0_raw = (4 * s_r - k * (k + 1)) / (2 * k - 1)
        else:
            k0_raw = (k - np.max(-signed[signed < 0])) - 1
        k0 = int(max(0, _round_half_even(k0_raw)))
    if k0 == 0:
        return TrimAndFill(0, side, estimator, np.array([]), np.array([]), result)
    tail = slice(k - k0, k)
    mirrored = 2 * mu - y[tail]
    filled_y = -mirrored if side == "right" else mirrored
    filled_v = v[tail]
    labels = list(result.labels) + [f"Filled {i + 1}" for i in range(k0)]
    n = None if result.n is None else np.concatenate([result.n, np.asarray(result.n)[order][tail]])
    refit = pool(np.concatenate([y0, filled_y]), np.concatenate([v0, filled_v]), method=result.method,
                 test=result.test, level=result.level, labels=labels, n=n, measure=result.measure,
                 max_iter=control["max_iter"], threshold=control["threshold"],
                 step_adj=control["step_adj"])
    return TrimAndFill(k0, side, estimator, filled_y, filled_v, refit)


def _round_half_even(x: float) -> float:
    # R's round() rounds halves to even, like numpy's.
    return float(np.round(x))
