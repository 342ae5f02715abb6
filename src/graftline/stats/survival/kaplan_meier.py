"""Kaplan-Meier survival curves with Greenwood variance, equal to R's ``survfit``."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from graftline.errors import InputError
from graftline.stats._aalen_johansen import aalen_johansen, right_censored_rows
from graftline.stats._risk_sets import sorted_blocks, step_table
from graftline.stats._validation import check_event, check_group, check_time, check_weights

CONF_TYPES = ("log", "log-log", "plain")
# survfit/survmean compare a survival probability with 0.5 within sqrt(eps).
_TOLERANCE = np.sqrt(np.finfo(float).eps)


@dataclass(frozen=True)
class KaplanMeierResult:
    """Kaplan-Meier curves, one per group, as step functions.

    Each array has one entry per distinct (group, time) with at least one
    subject (event or censoring), sorted by group then time; ``group_index``
    points into ``groups``. Use :meth:`to_frame` for the event-time rows that
    R's ``summary(survfit(...))`` prints.

    Attributes
    ----------
    groups : tuple
        Group labels (pandas Categorical order, else sorted); ``("all",)``
        when no group was given.
    survival : ndarray
        :math:`\\hat S(t)`, right-continuous (the value just after ``time``).
    std_err : ndarray
        Standard error of :math:`\\hat S(t)` (Greenwood), as R's ``summary``.
    lower, upper : ndarray
        Pointwise confidence limits of type ``conf_type``; NaN where R gives NA.
    """

    groups: tuple
    group_index: np.ndarray
    time: np.ndarray
    n_risk: np.ndarray
    n_event: np.ndarray
    n_censor: np.ndarray
    survival: np.ndarray
    std_err: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    conf_type: str
    conf_level: float

    def to_frame(self, *, include_censored: bool = False):
        """Rows at event times (optionally also censoring-only times) as a DataFrame.

        Columns ``group, time, n_risk, n_event, survival, std_err, lower, upper``.
        """
        import pandas as pd

        keep = slice(None) if include_censored else self.n_event > 0
        return pd.DataFrame({
            "group": np.asarray(self.groups, dtype=object)[self.group_index[keep]],
            "time": self.time[keep],
            "n_risk": self.n_risk[keep],
            "n_event": self.n_event[keep],
            "survival": self.survival[keep],
            "std_err": self.std_err[keep],
            "lower": self.lower[keep],
            "upper": self.upper[keep],
        })

    def median(self):
        """Median survival and its confidence limits per group, as ``print(survfit)``.

        Returns a DataFrame with columns ``group, median, lower, upper``.

        Notes
        -----
        The median is the first time at which :math:`\\hat S(t) < 0.5`
        (within :math:`\\sqrt{\\epsilon}`); when the curve sits exactly at 0.5
        over an interval, it is the midpoint of that interval, as in R's
        ``survmean``. The limits are the same rule applied to the lower and
        upper confidence curves (Brookmeyer-Crowley by inversion). NaN when the
        curve never drops to 0.5 (R prints NA).
        """
        import pandas as pd

        rows = []
        for k, label in enumerate(self.groups):
            rows_k = self.group_index == k
            t = self.time[rows_k]
            rows.append({
                "group": label,
                "median": _first_below_half(self.survival[rows_k], t),
                "lower": _first_below_half(self.lower[rows_k], t),
                "upper": _first_below_half(self.upper[rows_k], t),
            })
        return pd.DataFrame(rows, columns=["group", "median", "lower", "upper"])

    def at(self, times):
        """The curves at chosen times, like ``summary(fit, times=...)``.

        Returns a DataFrame with one row per group and time, columns
        ``group, time, n_risk, n_event, survival, std_err, lower, upper``:
        ``n_risk`` is the number with follow-up ``>= time``, ``n_event`` the
        events in (previous requested time, time]. Unlike R, which drops
        times after a group's last follow-up, those rows are kept with NaN
        survival (the curve is not defined there). Before a group's first
        time the limits are 1 for every ``conf_type``, as R reports them.
        """
        import pandas as pd

        requested = np.sort(check_time(np.atleast_1d(times), name="times"))
        frames = []
        for k, label in enumerate(self.groups):
            rows_k = np.flatnonzero(self.group_index == k)
            t = self.time[rows_k]
            last = np.searchsorted(t, requested, side="right") - 1
            before = last < 0
            idx = rows_k[np.maximum(last, 0)]
            first_at_or_after = np.searchsorted(t, requested, side="left")
            n_total = self.n_risk[rows_k[0]]
            n_risk = np.where(
                first_at_or_after < len(t),
                self.n_risk[rows_k[np.minimum(first_at_or_after, len(t) - 1)]], 0)
            cumulative = np.concatenate([[0], np.cumsum(self.n_event[rows_k])])[last + 1]
            beyond = requested > t[-1]
            frames.append(pd.DataFrame({
                "group": label,
                "time": requested,
                "n_risk": np.where(before, n_total, n_risk),
                "n_event": np.diff(cumulative, prepend=0),
                "survival": np.where(beyond, np.nan, np.where(before, 1.0, self.survival[idx])),
                "std_err": np.where(beyond, np.nan, np.where(before, 0.0, self.std_err[idx])),
                "lower": np.where(beyond, np.nan, np.where(before, 1.0, self.lower[idx])),
                "upper": np.where(beyond, np.nan, np.where(before, 1.0, self.upper[idx])),
            }))
        return pd.concat(frames, ignore_index=True)


    def plot(self, ax=None, *, confidence: bool = True):
        """Step curves per group (with pointwise limits); returns the matplotlib Axes."""
        import matplotlib.pyplot as plt

        ax = ax if ax is not None else plt.subplots()[1]
        for k, label in enumerate(self.groups):
            rows = self.group_index == k
            t = np.r_[0.0, self.time[rows]]
            line, = ax.step(t, np.r_[1.0, self.survival[rows]], where="post", label=str(label))
            if confidence:
                ax.fill_between(t, np.r_[1.0, self.lower[rows]], np.r_[1.0, self.upper[rows]],
                                step="post", alpha=0.2, color=line.get_color(), linewidth=0)
        ax.set_xlabel("time")
        ax.set_ylabel("survival probability")
        ax.set_ylim(0, 1.02)
        if len(self.groups) > 1:
            ax.legend(title="group")
        return ax


def kaplan_meier(time, event, group=None, *, weights=None, id=None, robust: bool | None = None,
                 conf_type: str = "log", conf_level: float = 0.95) -> KaplanMeierResult:
    """Kaplan-Meier estimate of the survival function, per group.

    Parameters
    ----------
    time : array_like
        Follow-up time per subject (finite, >= 0), e.g. days from infusion.
    event : array_like
        1 (or True) if the follow-up ended with the event, 0 if censored.
    group : array_like, optional
        Group label per subject (e.g. the arm); one curve per group.
    weights : array_like, optional
        Case weight per row (> 0), e.g. inverse probability of treatment
        weights; ``n_risk``, ``n_event`` are then weighted sums, as R's.
    id : array_like, optional
        Patient (or cluster, e.g. centre) per row; rows sharing an id are
        one unit of the robust variance.
    robust : bool, optional
        Use the infinitesimal-jackknife (robust) standard error. ``None``
        follows R survival 3.5's ``survfit``: robust when the weights are not
        whole numbers or an id repeats among the events; otherwise Greenwood
        (with weighted counts when weighted).
    conf_type : {"log", "log-log", "plain"}, default "log"
        Scale of the pointwise confidence interval (R's ``conf.type``;
        ``"log"`` is R's default).
    conf_level : float, default 0.95

    Returns
    -------
    KaplanMeierResult

    Notes
    -----
    At each distinct time :math:`t_j` with :math:`n_j` at risk and
    :math:`d_j` events, :math:`\\hat S(t) = \\prod_{t_j \\le t} (1 - d_j/n_j)`.
    Greenwood: :math:`\\sigma^2(t) = \\sum_{t_j \\le t} d_j / (n_j (n_j - d_j))`,
    the variance of :math:`\\log \\hat S`; ``std_err`` is
    :math:`\\hat S \\sigma` (what ``summary.survfit`` prints; the ``survfit``
    object itself stores :math:`\\sigma`). With :math:`z` the normal quantile:

    - log: :math:`\\exp(\\log \\hat S \\pm z \\sigma)`, upper capped at 1;
    - log-log: :math:`\\exp(-\\exp(\\log(-\\log \\hat S) \\pm z\\sigma/\\log \\hat S))`;
    - plain: :math:`\\hat S \\pm z \\hat S \\sigma`, clipped to [0, 1].

    Computation: each group's times and event times are sorted once
    (vectorised ``np.sort``) and counts at each distinct time are read with
    ``searchsorted``, so the cost is O(n log n) with no per-subject loop.

    Where the curve reaches 0 (everyone left had the event) the variance is
    infinite and ``std_err``, ``lower``, ``upper`` are NaN, as R's NA; with
    log-log they are also NaN where :math:`\\hat S = 1`.

    Weights: :math:`n_j` and :math:`d_j` become weighted sums and the product
    is the weighted Kaplan-Meier estimate. Its robust standard error is the
    infinitesimal jackknife of ``survfit(Surv(time, status) ~ 1, weights = w,
    id = id)``: with :math:`U_i(t) = \\partial \\hat S(t) / \\partial w_i`,
    :math:`\\operatorname{var} = \\sum_c (\\sum_{i \\in c} w_i U_i)^2` over the
    clusters *c* given by ``id``. It is the two-state case (alive, dead) of
    the Aalen-Johansen engine behind :func:`graftline.stats.multistate`.
    Unweighted fits without ``id`` are computed as before (Greenwood),
    unchanged.

    References
    ----------
    .. [1] Kaplan EL, Meier P. Nonparametric estimation from incomplete
       observations. J Am Stat Assoc 1958;53:457-481.
    .. [2] Therneau TM. survival: A Package for Survival Analysis in R,
       ``survfit.formula`` and ``survfit_confint`` (version 3.5).

    Examples
    --------
    >>> fit = kaplan_meier([5, 8, 8, 12, 20], [1, 1, 0, 1, 0])
    >>> fit.to_frame()[["time", "n_risk", "survival"]].round(3).to_dict("list")
    {'time': [5.0, 8.0, 12.0], 'n_risk': [5, 4, 2], 'survival': [0.8, 0.6, 0.3]}
    """
    if conf_type not in CONF_TYPES:
        raise InputError(f"conf_type {conf_type!r} is not one of {CONF_TYPES}")
    if not 0 < conf_level < 1:
        raise InputError(f"conf_level {conf_level!r} must lie strictly between 0 and 1")
    time = check_time(time)
    event = check_event(event, len(time))
    groups = check_group(group, len(time))
    if weights is not None or id is not None or robust:
        return _weighted(time, event, groups, weights, id, robust, conf_type, conf_level)
    table = step_table(sorted_blocks(groups.codes, groups.count, time, event))

    n_risk = table.n_risk.astype(np.float64)
    d = table.n_event.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        hazard_var = np.where(d > 0, d / (n_risk * (n_risk - d)), 0.0)
    starts = np.flatnonzero(np.r_[True, table.block[1:] != table.block[:-1]])
    # A product (not exp of a sum of logs) so that S is R's value to the last bit.
    survival = _segment_cumprod(1.0 - d / n_risk, starts)
    greenwood = _segment_cumsum(hazard_var, starts)
    sigma = np.sqrt(greenwood)
    with np.errstate(invalid="ignore"):
        std_err = np.where(survival == 0, np.nan, survival * sigma)
    lower, upper = confidence_limits(survival, sigma, conf_type, conf_level)
    return KaplanMeierResult(
        groups=groups.labels, group_index=table.block, time=table.time,
        n_risk=table.n_risk, n_event=table.n_event, n_censor=table.n_at_time - table.n_event,
        survival=survival, std_err=std_err, lower=lower, upper=upper,
        conf_type=conf_type, conf_level=conf_level,
    )


def _weighted(time, event, groups, weights, id, robust, conf_type, conf_level) -> KaplanMeierResult:
    """Weighted counts and product; robust (IJ) or weighted Greenwood standard error."""
    n = time.size
    w = np.ones(n) if weights is None else check_weights(weights, n)
    cluster = np.arange(n) if id is None else check_group(id, n, name="id").codes
    if robust is None:
        repeated = id is not None and np.unique(cluster[event > 0]).size < int((event > 0).sum())
        robust = bool((w != np.round(w)).any()) or repeated
    parts = []
    for k in range(groups.count):
        rows = np.flatnonzero(groups.codes == k)
        fit = aalen_johansen(right_censored_rows(time[rows], event[rows].astype(np.int64), w[rows],
                                                 cluster[rows], 1), np.array([1.0, 0.0]), variance=robust)
        survival = fit.probability[:, 0]
        n_risk, d = fit.weighted_n_risk[:, 0], fit.weighted_n_event[:, 1]
        if robust:
            std_err = np.sqrt(np.maximum(fit.covariance[:, 0, 0], 0.0))
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                hazard_var = np.where(d > 0, d / (n_risk * (n_risk - d)), 0.0)
            std_err = survival * np.sqrt(np.cumsum(hazard_var))
        std_err = np.where(survival == 0, np.nan, std_err)
        parts.append((np.full(fit.time.size, k, dtype=np.intp), fit.time, n_risk, d,
                      fit.weighted_n_censor, survival, std_err))
    block, t, n_risk, n_event, n_censor, survival, std_err = (np.concatenate(x) for x in zip(*parts, strict=True))
    with np.errstate(divide="ignore", invalid="ignore"):
        sigma = std_err / survival
    lower, upper = confidence_limits(survival, sigma, conf_type, conf_level)
    return KaplanMeierResult(
        groups=groups.labels, group_index=block, time=t, n_risk=n_risk, n_event=n_event,
        n_censor=n_censor, survival=survival, std_err=std_err, lower=lower, upper=upper,
        conf_type=conf_type, conf_level=conf_level,
    )


def confidence_limits(survival: np.ndarray, sigma: np.ndarray, conf_type: str,
                      conf_level: float) -> tuple[np.ndarray, np.ndarray]:
    """Pointwise limits from S and sigma = se(log S), as R's ``survfit_confint``."""
    z = special.ndtri(1 - (1 - conf_level) / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        if conf_type == "plain":
            half = z * sigma * survival
            lower = np.maximum(survival - half, 0.0)
            upper = np.minimum(survival + half, 1.0)
            undefined = ~np.isfinite(half)
        elif conf_type == "log":
            log_s = np.log(survival)
            lower = np.exp(log_s - z * sigma)
            upper = np.minimum(np.exp(log_s + z * sigma), 1.0)
            undefined = (survival == 0) | ~np.isfinite(sigma)
        else:  # log-log
            log_s = np.log(survival)
            shift = z * sigma / log_s
            lower = np.exp(-np.exp(np.log(-log_s) - shift))
            upper = np.exp(-np.exp(np.log(-log_s) + shift))
            undefined = (survival == 0) | (survival == 1) | ~np.isfinite(sigma)
    lower = np.where(undefined, np.nan, lower)
    upper = np.where(undefined, np.nan, upper)
    return lower, upper


def _segment_cumprod(factor: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Cumulative product restarting at each index in ``starts``."""
    out = np.empty_like(factor)
    bounds = np.append(starts, len(factor))
    for begin, end in zip(bounds[:-1], bounds[1:], strict=True):  # one pass per group
        np.cumprod(factor[begin:end], out=out[begin:end])
    return out


def _segment_cumsum(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    out = np.empty_like(values)
    bounds = np.append(starts, len(values))
    for begin, end in zip(bounds[:-1], bounds[1:], strict=True):
        np.cumsum(values[begin:end], out=out[begin:end])
    return out


def _first_below_half(curve: np.ndarray, time: np.ndarray) -> float:
    """R's survmean ``minmin``: first time the curve is below 0.5 (midpoint on a flat 0.5)."""
    keep = ~np.isnan(curve) & (curve < 0.5 + _TOLERANCE)
    if not keep.any():
        return float("nan")
    y, x = curve[keep], time[keep]
    if abs(y[0] - 0.5) < _TOLERANCE and (y < y[0]).any():
        return float((x[0] + x[np.argmax(y < y[0])]) / 2)
    return float(x[0])
