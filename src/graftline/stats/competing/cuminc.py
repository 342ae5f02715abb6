"""Cumulative incidence of competing events, equal to ``cmprsk::cuminc``.

The estimator is the Aalen-Johansen estimator of the cause-specific
cumulative incidence function (CIF) with the variance of cmprsk's Fortran
routine ``cinc`` (Gray's delta-method variance); Gray's K-sample test lives
in :mod:`graftline.stats.competing.gray`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats as scipy_stats

from graftline.errors import InputError
from graftline.stats._aalen_johansen import aalen_johansen, right_censored_rows
from graftline.stats._validation import check_group, check_status, check_time, check_weights
from graftline.stats.competing._tabulate import (
    CompetingCounts,
    encode_groups,
    exclusive_cumsum,
    tabulate,
)


@dataclass(frozen=True)
class IncidenceCurve:
    """One cumulative incidence step function (one group, one cause).

    Attributes
    ----------
    time : ndarray
        Distinct times at which the cause occurred in the group.
    n_risk, n_event : ndarray
        Subjects at risk just before, and failures from the cause at, each time.
    estimate, variance : ndarray
        CIF right after each time and its variance (cmprsk ``cinc``).
    last_time : float
        Largest follow-up time in the group; the curve is undefined after it.
    """

    time: np.ndarray
    n_risk: np.ndarray
    n_event: np.ndarray
    estimate: np.ndarray
    variance: np.ndarray
    last_time: float

    def at(self, times: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Estimate and variance at ``times`` (right-continuous; NaN past follow-up).

        Matches ``cmprsk::timepoints``: 0 before the first failure, the value
        of the last failure time <= t, NaN for t < 0 or t > ``last_time``.
        """
        index = np.searchsorted(self.time, times, side="right") - 1
        before = index < 0
        index = np.maximum(index, 0)
        estimate = np.where(before, 0.0, self.estimate[index] if self.time.size else 0.0)
        variance = np.where(before, 0.0, self.variance[index] if self.time.size else 0.0)
        outside = (times < 0) | (times > self.last_time)
        return np.where(outside, np.nan, estimate), np.where(outside, np.nan, variance)


@dataclass(frozen=True)
class CumulativeIncidenceResult:
    """Cumulative incidence functions by group and cause.

    Attributes
    ----------
    groups : tuple
        Group labels in R's factor-level order (sorted, or the Categorical order).
    causes : tuple of int
        Status codes of the causes, ascending.
    curves : dict
        ``curves[(group, cause)]`` is an :class:`IncidenceCurve`.
    variance_method : {"cmprsk", "ij"}
        ``"cmprsk"``: cuminc's delta-method variance; ``"ij"``: the
        infinitesimal jackknife of R survival's multi-state ``survfit``
        (weighted fits, fits with ``id``, or when asked for).
    weighted : bool
        Whether case weights were given (Gray's test is then not available).
    """

    groups: tuple
    causes: tuple[int, ...]
    curves: dict = field(repr=False)
    _counts: CompetingCounts = field(repr=False)
    _strata: tuple = field(repr=False, default=("all",))
    variance_method: str = "cmprsk"
    weighted: bool = False

    def at(self, times: Sequence[float] | np.ndarray, *, conf_level: float = 0.95) -> pd.DataFrame:
        """Estimates at chosen times, like ``cmprsk::timepoints``.

        Parameters
        ----------
        times : array_like
            Times (days) at which to read every curve; kept in the given order.
        conf_level : float, default 0.95
            Level of the pointwise log(-log) confidence interval.

        Returns
        -------
        pandas.DataFrame
            Columns ``group, cause, time, estimate, variance, lower, upper``;
            rows ordered by group, then cause, then the given times. Times
            after a group's last follow-up (or < 0) give NaN, as in R.
        """
        times = np.asarray(times, dtype=np.float64).ravel()
        z = _normal_quantile(conf_level)
        pieces = []
        for (group, cause), curve in self.curves.items():
            estimate, variance = curve.at(times)
            lower, upper = _loglog_interval(estimate, variance, z)
            pieces.append(pd.DataFrame({
                "group": [group] * times.size, "cause": cause, "time": times,
                "estimate": estimate, "variance": variance, "lower": lower, "upper": upper,
            }))
        return _concat(pieces, ["group", "cause", "time", "estimate", "variance", "lower", "upper"])

    def to_frame(self, *, conf_level: float = 0.95) -> pd.DataFrame:
        """The full step functions: one row per group, cause and failure time.

        Each curve starts with a row at time 0 (estimate 0) and ends with a row
        at the group's last follow-up time carrying the last value, so the
        rows draw the curve as cmprsk's ``plot.cuminc`` does. Columns
        ``group, cause, time, n_risk, n_event, estimate, variance, lower, upper``.
        """
        z = _normal_quantile(conf_level)
        pieces = []
        for (group, cause), curve in self.curves.items():
            last_estimate = curve.estimate[-1] if curve.time.size else 0.0
            last_variance = curve.variance[-1] if curve.time.size else 0.0
            time = np.concatenate([[0.0], curve.time, [curve.last_time]])
            estimate = np.concatenate([[0.0], curve.estimate, [last_estimate]])
            variance = np.concatenate([[0.0], curve.variance, [last_variance]])
            n_risk = np.concatenate([[np.nan], curve.n_risk, [np.nan]])
            n_event = np.concatenate([[0.0], curve.n_event, [0.0]])
            lower, upper = _loglog_interval(estimate, variance, z)
            pieces.append(pd.DataFrame({
                "group": [group] * time.size, "cause": cause, "time": time,
                "n_risk": n_risk, "n_event": n_event, "estimate": estimate,
                "variance": variance, "lower": lower, "upper": upper,
            }))
        return _concat(pieces, ["group", "cause", "time", "n_risk", "n_event", "estimate",
                                "variance", "lower", "upper"])

    def plot(self, *, ax: object = None, causes: Sequence[int] | None = None, conf_level: float | None = None) -> object:
        """Step plot of the curves, one line per group and cause (matplotlib).

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Axes to draw on; a new figure is made if omitted.
        causes : sequence of int, optional
            Causes to draw (default all).
        conf_level : float, optional
            If given, shade the pointwise log(-log) interval at this level.

        Returns
        -------
        matplotlib.axes.Axes
        """
        import matplotlib.pyplot as plt  # plotting is optional; keep the import local

        if ax is None:
            _, ax = plt.subplots()
        frame = self.to_frame(conf_level=conf_level or 0.95)
        chosen = self.causes if causes is None else tuple(causes)
        for (group, cause), curve in frame.groupby(["group", "cause"], sort=False):
            if cause not in chosen:
                continue
            label = f"cause {cause}" if len(self.groups) == 1 else f"{group}, cause {cause}"
            (line,) = ax.step(curve.time, curve.estimate, where="post", label=label)
            if conf_level is not None:
                ax.fill_between(curve.time, curve.lower.fillna(curve.estimate), curve.upper.fillna(curve.estimate),
                                step="post", alpha=0.2, color=line.get_color(), linewidth=0)
        ax.set_xlabel("time")
        ax.set_ylabel("cumulative incidence")
        ax.set_ylim(0, 1)
        ax.legend()
        return ax

    def gray_test(self, *, rho: float = 0.0) -> pd.DataFrame:
        """Gray's (1988) K-sample test per cause, equal to cuminc's ``Tests``.

        See :func:`graftline.stats.competing.gray.gray_test` for the formula.

        Returns
        -------
        pandas.DataFrame
            Columns ``cause, statistic, df, p_value``.
        """
        from graftline.stats.competing.gray import gray_test_from_counts

        if self.weighted:
            raise InputError("Gray's test has no weighted form (cmprsk::cuminc takes no weights); "
                             "compare weighted curves at chosen times instead, with their IJ standard errors")
        return gray_test_from_counts(self._counts, self.causes, rho=rho)


def cumulative_incidence(
    time: Sequence[float] | np.ndarray,
    status: Sequence[int] | np.ndarray,
    group: Sequence | np.ndarray | None = None,
    *,
    censor_code: int = 0,
    causes: Sequence[int] | None = None,
    strata: Sequence | np.ndarray | None = None,
    weights: Sequence[float] | np.ndarray | None = None,
    id: Sequence | np.ndarray | None = None,
    variance: str | None = None,
) -> CumulativeIncidenceResult:
    r"""Aalen-Johansen cumulative incidence per cause and group (``cmprsk::cuminc``).

    Parameters
    ----------
    time : array_like of float, shape (n,)
        Follow-up time, finite and >= 0 (days from infusion in graftline).
    status : array_like of int, shape (n,)
        ``censor_code`` for censored, any other integer for the cause of failure.
    group : array_like, optional
        Group label per subject; curves are estimated separately per group and
        compared by Gray's test. Level order: pandas Categorical order, else sorted.
    censor_code : int, default 0
        Status code meaning censored (cuminc's ``cencode``).
    causes : sequence of int, optional
        The declared cause codes. When given, any other status code is an error;
        a declared cause that never occurs still gets an all-zero curve.
    strata : array_like, optional
        Strata for Gray's test only (cuminc's ``strata``); estimates ignore it.
    weights : array_like, optional
        Case weight per subject (> 0), e.g. inverse probability of treatment
        weights: weighted Aalen-Johansen estimate with the IJ variance.
    id : array_like, optional
        Patient or cluster (e.g. centre) per row for the IJ variance.
    variance : {"cmprsk", "ij"}, optional
        Default ``"cmprsk"`` (cuminc's variance) unless ``weights`` or
        ``id`` are given, then ``"ij"``: the infinitesimal jackknife that
        ``survfit(Surv(time, factor(status)) ~ 1, weights = w, id = id)``
        reports (its ``std.err`` squared).

    Returns
    -------
    CumulativeIncidenceResult

    Raises
    ------
    InputError
        Negative, NaN or infinite times; non-integer or undeclared status codes;
        mismatched lengths; a declared group level with no subjects.

    Notes
    -----
    At the distinct times :math:`t_1 < t_2 < \dots` with :math:`Y_j` at risk,
    :math:`d_{kj}` failures of cause :math:`k` and :math:`d_j = \sum_k d_{kj}`,

    .. math::

        S(t_j) = \prod_{i \le j} (1 - d_i / Y_i), \qquad
        F_k(t) = \sum_{t_j \le t} S(t_{j-1})\, d_{kj} / Y_j .

    The variance is the one cmprsk's Fortran routine ``cinc`` computes [2]_,
    a delta-method variance accumulated at every failure time as three sums
    :math:`v_1, v_2, v_3` and reported as
    :math:`v_1 + F_k^2 v_3 - 2 F_k v_2`. Each failure time adds, with
    :math:`S^- = S(t_{j-1})`, :math:`S = S(t_j)` and the tie correction
    :math:`c(d) = 1 - (d - 1)/(Y_j - 1)` (1 when :math:`d = 1`),

    - for the :math:`d' = d_j - d_{kj}` other failures (if :math:`d' > 0, S > 0`):
      :math:`w = (S^-)^2 c(d') d' / Y_j^2`, :math:`v_1 \mathrel{+}= (F_k/S)^2 w`,
      :math:`v_2 \mathrel{+}= F_k w / S^2`, :math:`v_3 \mathrel{+}= w / S^2`;
    - for the :math:`d_{kj}` failures of cause *k* (if :math:`d_{kj} > 0`):
      :math:`w = (S^-)^2 c(d_{kj}) d_{kj} / Y_j^2`, :math:`v_1 \mathrel{+}= (1 + F_k/S)^2 w`,
      :math:`v_2 \mathrel{+}= (1 + F_k/S) w / S`, :math:`v_3 \mathrel{+}= w/S^2`
      (with :math:`1/S` read as 0 when :math:`S = 0`).

    Conventions (the same as R unless said):

    - Ties: all failures and censorings at one time are handled together;
      censored subjects at a failure time are still at risk (no jitter).
    - The reported variance only changes at failure times of the cause
      itself, exactly as cuminc stores it, although the sums also move at
      other-cause failure times.
    - ``at()``: right-continuous; 0 before the first failure; NaN after the
      group's last follow-up or before time 0 (``timepoints`` gives NA).
    - Confidence interval: cmprsk reports none. graftline gives the pointwise
      log(-log) interval :math:`F^{\exp(\pm z\,\sqrt{V}/(F \log F))}` (as
      ``tidycmprsk`` does); NaN where the estimate is 0 or 1.
    - A group with no failure of a cause has a curve equal to 0 with variance 0
      up to its last follow-up time (cuminc's behaviour).
    - Groups with zero subjects are an error (R drops them silently).

    With ``variance="ij"`` (weights, or ``id``) the estimate is the weighted
    Aalen-Johansen estimator, i.e. the same formulas with weighted
    :math:`Y_j, d_{kj}` (cmprsk has no weights), computed by the engine
    behind :func:`graftline.stats.multistate` (one transient state, one
    absorbing state per cause), and the variance is
    :math:`\sum_c (\sum_{i \in c} w_i \partial F_k / \partial w_i)^2` over
    the clusters given by ``id`` (each subject its own without it), equal
    to R survival 3.5's multi-state ``survfit``. It changes at every failure
    time (of any cause), so each curve then has a row at every failure time
    of the group; ``n_risk`` and ``n_event`` are weighted sums. Gray's test is
    not defined for weighted data.

    References
    ----------
    .. [1] Kalbfleisch JD, Prentice RL. The Statistical Analysis of Failure Time
       Data, 2nd ed. Wiley; 2002. Section 8.2.
    .. [2] Gray RJ. cmprsk: Subdistribution Analysis of Competing Risks. R package
       version 2.2-11, Fortran routine ``cinc`` (cincsub.f).

    Examples
    --------
    >>> import numpy as np
    >>> res = cumulative_incidence(np.array([1.0, 2, 2, 3, 4]), np.array([1, 2, 1, 0, 1]))
    >>> res.at([2.0])[["cause", "estimate"]].round(3).values.tolist()
    [[1.0, 0.4], [2.0, 0.2]]
    """
    time = check_time(time)
    n = time.size
    declared = None if causes is None else sorted(int(c) for c in causes)
    codes = check_status(status, n, censor_code=censor_code, codes=declared)
    groups = encode_groups(group, n)
    strata_groups = encode_groups(strata, n, name="strata")
    present = pd.unique(codes)
    cause_codes = declared if declared is not None else sorted(int(c) for c in present if c != censor_code)
    if declared is not None and censor_code in declared:
        raise InputError(f"causes {declared} include censor_code {censor_code}; a code cannot be both")
    # status code -> 0 (censored) or 1..K (position among the ascending causes)
    cause_index = np.searchsorted(np.asarray(cause_codes, dtype=np.int64), codes) + 1
    cause_index[codes == censor_code] = 0
    method = variance if variance is not None else ("ij" if weights is not None or id is not None else "cmprsk")
    if method not in ("cmprsk", "ij"):
        raise InputError(f"variance {variance!r} is not one of 'cmprsk', 'ij'")
    if method == "cmprsk" and (weights is not None or id is not None):
        raise InputError("cmprsk's variance takes neither weights nor id; use variance='ij' (the default with them)")
    counts = tabulate(time, cause_index, groups.codes, groups.count, len(cause_codes),
                      strata_groups.codes, strata_groups.count)
    if method == "ij":
        w = np.ones(n) if weights is None else check_weights(weights, n)
        cluster = np.arange(n) if id is None else check_group(id, n, name="id").codes
        curves = _ij_curves(time, cause_index, w, cluster, groups, tuple(cause_codes))
    else:
        curves = _curves(counts, groups.labels, tuple(cause_codes))
    return CumulativeIncidenceResult(
        groups=groups.labels, causes=tuple(cause_codes), curves=curves,
        _counts=counts, _strata=strata_groups.labels, variance_method=method,
        weighted=weights is not None,
    )


def _ij_curves(time, cause_index, weight, cluster, groups, causes) -> dict:
    """Weighted Aalen-Johansen per group with the IJ variance, on every failure time."""
    curves = {}
    n_causes = len(causes)
    for g, label in enumerate(groups.labels):
        rows = np.flatnonzero(groups.codes == g)
        fit = aalen_johansen(right_censored_rows(time[rows], cause_index[rows], weight[rows], cluster[rows],
                                                 n_causes), np.eye(n_causes + 1)[0])
        failure = fit.weighted_n_event[:, 1:].sum(axis=1) > 0
        for k, cause in enumerate(causes, start=1):
            curves[(label, cause)] = IncidenceCurve(
                time=fit.time[failure], n_risk=fit.weighted_n_risk[failure, 0],
                n_event=fit.weighted_n_event[failure, k], estimate=fit.probability[failure, k],
                variance=fit.covariance[failure, k, k], last_time=float(time[rows].max()),
            )
    return curves


def _curves(counts: CompetingCounts, groups: tuple, causes: tuple[int, ...]) -> dict:
    """cinc for every group and cause at once, over the (group, time) grid."""
    by_group = counts.counts.sum(axis=0)  # strata do not affect the estimates
    at_time = by_group.sum(axis=2)  # (G, T) subjects leaving at each time
    n_risk = at_time.sum(axis=1, keepdims=True) - exclusive_cumsum(at_time, axis=1)
    failures = by_group[:, :, 1:].sum(axis=2)
    has_time = at_time > 0
    last_index = at_time.shape[1] - 1 - np.argmax(has_time[:, ::-1], axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        # Overall Kaplan-Meier of any failure, left limit (S-) and value (S).
        ratio = np.where(failures > 0, (n_risk - failures) / n_risk, 1.0)
        surv = np.cumprod(ratio, axis=1)
        surv_before = np.concatenate([np.ones((surv.shape[0], 1)), surv[:, :-1]], axis=1)
        risk2 = n_risk * n_risk
        curves = {}
        for k, cause in enumerate(causes, start=1):
            d1 = by_group[:, :, k]
            d2 = failures - d1
            estimate = np.cumsum(np.where(d1 > 0, surv_before * d1 / n_risk, 0.0), axis=1)
            inv_s = np.where(surv > 0, 1.0 / surv, 0.0)
            # other-cause failures (cinc label 30 is skipped when S = 0)
            tie = np.where(d2 > 1, 1.0 - (d2 - 1.0) / (n_risk - 1.0), 1.0)
            w = np.where((d2 > 0) & (surv > 0), surv_before * surv_before * tie * d2 / risk2, 0.0)
            t4 = estimate * inv_s
            v1 = t4 * t4 * w
            v2 = inv_s * t4 * w
            v3 = inv_s * inv_s * w
            # failures from the cause itself
            tie = np.where(d1 > 1, 1.0 - (d1 - 1.0) / (n_risk - 1.0), 1.0)
            w = np.where(d1 > 0, surv_before * surv_before * tie * d1 / risk2, 0.0)
            t4 = 1.0 + inv_s * estimate
            v1 = np.cumsum(v1 + t4 * t4 * w, axis=1)
            v2 = np.cumsum(v2 + inv_s * t4 * w, axis=1)
            v3 = np.cumsum(v3 + inv_s * inv_s * w, axis=1)
            variance = v1 + estimate * estimate * v3 - 2.0 * estimate * v2
            for g, label in enumerate(groups):
                rows = np.flatnonzero(d1[g] > 0)
                curves[(label, cause)] = IncidenceCurve(
                    time=counts.times[rows], n_risk=n_risk[g, rows], n_event=d1[g, rows],
                    estimate=estimate[g, rows], variance=variance[g, rows],
                    last_time=float(counts.times[last_index[g]]),
                )
    return curves


def _concat(pieces: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """Stack curve frames; no cause at all (everyone censored) gives an empty frame."""
    return pd.concat(pieces, ignore_index=True) if pieces else pd.DataFrame(columns=columns)


def _normal_quantile(conf_level: float) -> float:
    if not 0.0 < conf_level < 1.0:
        raise InputError(f"conf_level = {conf_level!r}; expected a number between 0 and 1, e.g. 0.95")
    return float(scipy_stats.norm.ppf(0.5 + conf_level / 2.0))


def _loglog_interval(estimate: np.ndarray, variance: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    """Pointwise CI on the log(-log) scale; NaN where F is 0 or 1 or undefined."""
    with np.errstate(divide="ignore", invalid="ignore"):
        inside = (estimate > 0) & (estimate < 1)
        safe = np.where(inside, estimate, 0.5)
        half = z * np.sqrt(variance) / (safe * np.log(safe))
        lower = np.where(inside, safe ** np.exp(-half), np.nan)
        upper = np.where(inside, safe ** np.exp(half), np.nan)
    return lower, upper
