r"""Restricted mean survival time (RMST) and its between-group contrasts."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from graftline.errors import InputError
from graftline.stats._inference import normal_quantile, two_sided_p
from graftline.stats._risk_sets import sorted_blocks, step_table
from graftline.stats._validation import check_event, check_group, check_time

__all__ = ["RmstResult", "rmst"]


@dataclass(frozen=True)
class RmstResult:
    """Restricted mean survival time per group up to ``tau``.

    Attributes
    ----------
    tau : float
    groups : tuple
        Group labels (R's factor order); ``("all",)`` without groups.
    estimate, se : ndarray
        RMST and its standard error per group (R's ``rmean``, ``se(rmean)``).
    n, events : ndarray
        Subjects and events per group (all follow-up, as R's table).
    last_time : ndarray
        Largest follow-up time per group.
    conf_level : float
    """

    tau: float
    groups: tuple
    estimate: np.ndarray
    se: np.ndarray
    n: np.ndarray
    events: np.ndarray
    last_time: np.ndarray = field(repr=False)
    conf_level: float = 0.95

    def to_frame(self) -> pd.DataFrame:
        """``group, n, events, tau, rmst, se, lower, upper, rmtl`` (RMTL = tau - RMST)."""
        z = normal_quantile(self.conf_level)
        return pd.DataFrame({
            "group": list(self.groups), "n": self.n, "events": self.events, "tau": self.tau,
            "rmst": self.estimate, "se": self.se, "lower": self.estimate - z * self.se,
            "upper": self.estimate + z * self.se, "rmtl": self.tau - self.estimate,
        })

    def contrasts(self, *, reference: object = None) -> pd.DataFrame:
        r"""Each group against ``reference`` (default the first): RMST difference,
        RMST ratio and RMTL ratio with CI and p-value, as survRM2's ``rmst2``.

        Returns a DataFrame ``group, reference, measure, estimate, lower, upper,
        p_value`` with ``measure`` in ``rmst_difference``, ``rmst_ratio``,
        ``rmtl_ratio``.

        Notes
        -----
        Uno et al. [1]_: the difference :math:`\mu_1 - \mu_0` with SE
        :math:`\sqrt{V_1 + V_0}` (independent groups); the ratios on the log
        scale by the delta method, SE :math:`\sqrt{V_1/\mu_1^2 + V_0/\mu_0^2}`
        (RMTL: :math:`\tau - \mu` in place of :math:`\mu`); Wald CI and
        two-sided p. Like survRM2, tau may not exceed any group's last
        follow-up time (the curves would be extrapolated): that is an error.

        References
        ----------
        .. [1] Uno H, Claggett B, Tian L, et al. Moving beyond the hazard ratio
           in quantifying the between-group difference in survival analysis.
           J Clin Oncol 2014;32:2380-2385.
        """
        if len(self.groups) < 2:
            raise InputError("contrasts need two or more groups; call rmst(..., group=)")
        too_short = [g for g, last in zip(self.groups, self.last_time, strict=True) if self.tau > last]
        if too_short:
            raise InputError(
                f"tau = {self.tau:g} is beyond the last follow-up of group(s) {too_short}; RMST contrasts "
                f"need tau <= {float(self.last_time.min()):g} (the shortest group's last time), as survRM2")
        ref = self.groups[0] if reference is None else reference
        if ref not in self.groups:
            raise InputError(f"reference {ref!r} is not a group; groups are {list(self.groups)}")
        r = self.groups.index(ref)
        z = normal_quantile(self.conf_level)
        mu0, v0 = self.estimate[r], self.se[r] ** 2
        lost0 = self.tau - mu0
        rows = []
        for g, label in enumerate(self.groups):
            if g == r:
                continue
            mu1, v1 = self.estimate[g], self.se[g] ** 2
            lost1 = self.tau - mu1
            diff, se_diff = mu1 - mu0, np.sqrt(v1 + v0)
            rows.append((label, ref, "rmst_difference", diff, diff - z * se_diff, diff + z * se_diff,
                         float(two_sided_p(diff / se_diff))))
            for measure, a, b, va, vb in (("rmst_ratio", mu1, mu0, v1, v0), ("rmtl_ratio", lost1, lost0, v1, v0)):
                log_ratio = np.log(a / b)
                se_log = np.sqrt(va / a**2 + vb / b**2)
                rows.append((label, ref, measure, np.exp(log_ratio), np.exp(log_ratio - z * se_log),
                             np.exp(log_ratio + z * se_log), float(two_sided_p(log_ratio / se_log))))
        return pd.DataFrame(rows, columns=["group", "reference", "measure", "estimate", "lower", "upper",
                                           "p_value"])


def rmst(time, event, tau: float, group=None, *, conf_level: float = 0.95) -> RmstResult:
    r"""Restricted mean survival time up to ``tau``, per group, as R survival.

    Parameters
    ----------
    time, event : array_like
        Follow-up time (>= 0) and 1/0 event indicator.
    tau : float
        Truncation time (> 0), e.g. 730 days. Beyond a group's last follow-up
        its Kaplan-Meier curve is carried forward (R's ``rmean = tau``).
    group : array_like, optional
        Group per subject (order of a pandas Categorical, else sorted).
    conf_level : float, default 0.95
        For ``to_frame`` and ``contrasts``.

    Returns
    -------
    RmstResult
        ``to_frame()``; ``contrasts()`` for differences and ratios.

    Notes
    -----
    :math:`\hat\mu(\tau) = \int_0^\tau \hat S(t)\,dt`, the area under the
    Kaplan-Meier curve, with variance
    :math:`\sum_{t_i \le \tau} A_i^2 \frac{d_i}{n_i(n_i - d_i)}`,
    :math:`A_i = \int_{t_i}^{\tau} \hat S(t)\,dt` (Klein and Moeschberger [1]_,
    section 4.5; a term with :math:`n_i = d_i` counts 0, as R). Equal to
    ``summary(survfit(Surv(time, event) ~ group), rmean = tau)``'s ``rmean``
    and ``se(rmean)``. The restricted mean time lost is :math:`\tau - \hat\mu`
    (same SE); per cause with competing risks see
    :func:`graftline.stats.restricted_mean_time_lost`.

    References
    ----------
    .. [1] Klein JP, Moeschberger ML. Survival Analysis: Techniques for Censored
       and Truncated Data, 2nd ed. Springer 2003.
    .. [2] Royston P, Parmar MKB. Restricted mean survival time: an alternative
       to the hazard ratio for the design and analysis of randomized trials
       with a time-to-event outcome. BMC Med Res Methodol 2013;13:152.
    .. [3] Uno H, Claggett B, Tian L, et al. Moving beyond the hazard ratio in
       quantifying the between-group difference in survival analysis. J Clin
       Oncol 2014;32:2380-2385.

    Examples
    --------
    >>> res = rmst([2, 3, 5, 8, 10, 12], [1, 0, 1, 1, 0, 1], tau=10)
    >>> round(float(res.estimate[0]), 4)
    7.2083
    """
    tau = _check_tau(tau)
    normal_quantile(conf_level)
    time = check_time(time)
    n = len(time)
    event = check_event(event, n)
    groups = check_group(group, n, name="group")
    table = step_table(sorted_blocks(groups.codes, groups.count, time, event))
    estimate = np.zeros(groups.count)
    se = np.zeros(groups.count)
    for g in range(groups.count):
        rows = table.block == g
        estimate[g], se[g] = _restricted_mean(table.time[rows], table.n_risk[rows], table.n_event[rows], tau)
    return RmstResult(
        tau=tau, groups=groups.labels, estimate=estimate, se=se,
        n=np.bincount(groups.codes, minlength=groups.count),
        events=np.bincount(groups.codes, event, minlength=groups.count).astype(np.int64),
        last_time=np.array([time[groups.codes == g].max() for g in range(groups.count)]),
        conf_level=conf_level,
    )


def _restricted_mean(times: np.ndarray, n_risk: np.ndarray, n_event: np.ndarray, tau: float):
    """Area under the Kaplan-Meier step function up to tau and its variance (R's survmean)."""
    survival = np.cumprod(1.0 - n_event / n_risk)
    keep = times <= tau
    grid = np.r_[0.0, times[keep], tau]
    level = np.r_[1.0, survival[keep]]  # S on each interval [grid[i], grid[i+1])
    areas = np.diff(grid) * level
    with np.errstate(divide="ignore", invalid="ignore"):
        hazard_var = np.where(n_risk[keep] > n_event[keep],
                              n_event[keep] / (n_risk[keep] * (n_risk[keep] - n_event[keep])), 0.0)
    # A_i: area from the i-th time to tau = the sum of the later rectangles.
    after = np.cumsum(areas[::-1])[::-1][1:]
    return float(areas.sum()), float(np.sqrt(np.sum(after**2 * hazard_var)))


def _check_tau(tau) -> float:
    try:
        value = float(tau)
    except (TypeError, ValueError):
        raise InputError(f"tau = {tau!r}; expected a time > 0") from None
    if not np.isfinite(value) or value <= 0:
        raise InputError(f"tau = {tau!r}; expected a time > 0")
    return value
