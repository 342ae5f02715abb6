"""Adjusted restricted mean survival time, and restricted mean time lost to a cause.

The area under each arm's standardised curve up to a horizon tau: the mean
time alive and event-free over the first tau days had every patient of the
target population received that arm (survival), or the mean time lost to a
cause before tau (competing risks; Andersen, Stat Med 2013). The difference
between the arms is a contrast that needs no proportional hazards and reads
in days (Royston and Parmar, BMC Med Res Methodol 2013).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special, stats

from graftline.errors import InputError
from graftline.stats._validation import check_time
from graftline.stats.adjusted._treatment import check_treatment
from graftline.stats.adjusted.risks import adjusted_risks

__all__ = ["AdjustedRestrictedMean", "adjusted_restricted_mean"]

#: (patients x arms x grid times) cells of influence function per call of adjusted_risks (~400 MB).
_CELLS = 50_000_000


@dataclass(frozen=True)
class AdjustedRestrictedMean:
    """Restricted means of the two arms up to ``tau`` and their difference.

    Attributes
    ----------
    tau : float
    labels : tuple
        ``(control, treated)``.
    quantity : str
        "restricted mean survival time" (one event type) or "restricted mean
        time lost to cause k" (competing risks).
    estimate, se : ndarray (2,)
        Per arm, control first.
    difference, difference_se : float
        Treated minus control.
    influence : ndarray (n, 2)
        Sum-form influence functions of the two restricted means.
    method, estimand : str
    grid_size : int
        Number of steps of the curves summed (observed times before tau, and 0).
    """

    tau: float
    labels: tuple
    quantity: str
    estimate: np.ndarray
    se: np.ndarray
    difference: float
    difference_se: float
    influence: np.ndarray
    method: str
    estimand: str
    grid_size: int

    def to_frame(self, *, conf_level: float = 0.95):
        """``arm, tau, estimate, se, lower, upper, p_value``: each arm, then the difference (Wald).

        The p-value is that of the difference (no difference between the arms).
        """
        import pandas as pd

        z = special.ndtri(1 - (1 - conf_level) / 2)
        estimate = np.append(self.estimate, self.difference)
        se = np.append(self.se, self.difference_se)
        p_value = [np.nan, np.nan,
                   2 * stats.norm.sf(abs(self.difference) / self.difference_se) if self.difference_se > 0 else np.nan]
        arm = [*self.labels, f"difference {self.labels[1]} - {self.labels[0]}"]
        return pd.DataFrame({"arm": arm, "tau": self.tau, "estimate": estimate, "se": se,
                             "lower": estimate - z * se, "upper": estimate + z * se, "p_value": p_value})


def adjusted_restricted_mean(time, status, treatment, covariates, *, tau: float, method: str = "gcomp",
                             cause: int | None = None, variance: str = "full", treated: object = None,
                             estimand: str = "ATE") -> AdjustedRestrictedMean:
    r"""Adjusted restricted mean survival time (or time lost to a cause) of two arms up to ``tau``.

    Parameters
    ----------
    time, status, treatment, covariates
        As :func:`graftline.stats.adjusted_risks`: status 0 censored, 1 event,
        or 1, 2, ... causes of competing events.
    tau : float
        The horizon, > 0 and at most every arm's last follow-up time (as
        survRM2 requires; beyond it a curve is extrapolated).
    method, cause, variance, treated, estimand
        As :func:`graftline.stats.adjusted_risks`.

    Returns
    -------
    AdjustedRestrictedMean

    Notes
    -----
    Each arm's standardised risk :math:`\hat F_a(t)` of
    :func:`~graftline.stats.adjusted_risks` is a right-continuous step
    function that moves only at observed times (G-computation at event times;
    IPTW and AIPTW at event and censoring times). On the grid
    :math:`0 = g_0 < g_1 < \dots < g_J < \tau` of 0 and the observed times
    before :math:`\tau`, with :math:`g_{J+1} = \tau`, the area is the exact sum

    .. math:: \mathrm{RMST}_a(\tau) = \sum_{j=0}^{J} \{1 - \hat F_a(g_j)\}(g_{j+1} - g_j),
              \qquad \mathrm{RMTL}_{a,k}(\tau) = \sum_{j=0}^{J} \hat F_{a,k}(g_j)(g_{j+1} - g_j),

    and, being linear in the risks, its influence function is the same sum of
    the risks' influence functions (which include the estimation of every
    model with ``variance="full"``). Standard errors :math:`\sqrt{\sum_i\psi_i^2}`,
    Wald intervals. Memory: the risks' influence functions are computed in
    blocks of grid times, about 400 MB at a time.

    References
    ----------
    .. [1] Royston P, Parmar MKB. Restricted mean survival time: an alternative
       to the hazard ratio for the design and analysis of randomized trials with
       a time-to-event outcome. BMC Med Res Methodol 2013;13:152.
    .. [2] Andersen PK. Decomposition of number of life years lost according to
       causes of death. Stat Med 2013;32:5278-85.
    .. [3] Ozenne BMH, Scheike TH, Staerk L, Gerds TA. Biom J 2020;62:751-63.
    """
    t = check_time(time)
    tau = float(tau)
    if not np.isfinite(tau) or tau <= 0:
        raise InputError(f"tau={tau!r}: expected a horizon > 0 (days)")
    arms = check_treatment(treatment, treated=treated, n=len(t))
    # As survRM2 requires: past an arm's last follow-up its curve would be extrapolated, not estimated.
    last = [float(t[~arms.treated].max()), float(t[arms.treated].max())]      # control, treated
    for label, day in zip(arms.labels, last, strict=True):
        if tau > day:
            raise InputError(f"tau={tau:g} lies beyond the last follow-up of arm {label} ({day:g}); "
                             f"choose tau <= {min(last):g}")
    grid = np.unique(np.concatenate([[0.0], t[t < tau]]))
    width = np.diff(np.append(grid, tau))
    block = max(1, _CELLS // (2 * len(t)))
    area, influence = np.zeros(2), np.zeros((len(t), 2))
    labels = cause_used = key = population = None
    for start in range(0, len(grid), block):
        part = slice(start, start + block)
        risks = adjusted_risks(time, status, treatment, covariates, times=grid[part], method=method, cause=cause,
                               variance=variance, treated=treated, estimand=estimand)
        area += risks.risk @ width[part]
        influence += risks.influence @ width[part]
        labels, cause_used, key, population = risks.labels, risks.cause, risks.method, risks.estimand
    if cause_used is None:
        # Survival: the area under 1 - F; the influence of 1 - F is minus that of F.
        area, influence = tau - area, -influence
        quantity = "restricted mean survival time"
    else:
        quantity = f"restricted mean time lost to cause {cause_used}"
    se = np.sqrt(np.sum(influence**2, axis=0))
    contrast = influence[:, 1] - influence[:, 0]
    return AdjustedRestrictedMean(tau=tau, labels=labels, quantity=quantity, estimate=area, se=se,
                                  difference=float(area[1] - area[0]),
                                  difference_se=float(np.sqrt(np.sum(contrast**2))), influence=influence,
                                  method=key, estimand=population, grid_size=len(grid))
