"""The Breslow baseline hazard of a fitted Cox model and its influence function.

G-computation from Cox models needs what ``cox_ph`` does not return: the
baseline hazard jumps, the risk-set sums S0 and S1 at each jump, and each
patient's influence on them (R: ``riskRegression::iidCox``). These are
post-fit quantities of the Breslow estimator, computed here in one pass
over the sorted times; the coefficients and their variance come from
:func:`graftline.stats.cox_ph`.

Influence functions are in "sum" form, as riskRegression's ``iid``: an
estimator :math:`\\hat\\theta` satisfies :math:`\\hat\\theta - \\theta \\approx
\\sum_i \\psi_i` and its standard error is :math:`\\sqrt{\\sum_i \\psi_i^2}`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class BreslowFit:
    """A Cox fit seen through its Breslow baseline hazard (right-censored data, no strata).

    Attributes
    ----------
    jumps : ndarray (J,)
        Distinct event times, increasing.
    hazard : ndarray (J,)
        Baseline hazard increments :math:`d\\Lambda_0(u_j) = d_j / S_0(u_j)`.
    s0 : ndarray (J,)
        :math:`S_0(u_j) = \\sum_{T_i \\ge u_j} e^{x_i^T\\beta}`.
    xbar : ndarray (J, p)
        :math:`S_1(u_j)/S_0(u_j)`, the risk-weighted mean covariate.
    beta_influence : ndarray (n, p)
        :math:`V U_i`, the influence of patient i on :math:`\\hat\\beta` (V the
        inverse information, :math:`U_i` the score residual).
    risk : ndarray (n,)
        :math:`e^{x_i^T\\beta}`.
    last_jump : ndarray (n,) of int
        Number of jumps at or before :math:`T_i` (jumps ``< last_jump`` are in
        patient i's risk period).
    event_jump : ndarray (n,) of int
        Index of the jump at :math:`T_i` for patients with the event, else -1.
    """

    jumps: np.ndarray
    hazard: np.ndarray
    s0: np.ndarray
    xbar: np.ndarray
    beta: np.ndarray
    beta_influence: np.ndarray
    risk: np.ndarray
    last_jump: np.ndarray
    event_jump: np.ndarray

    def cumulative(self, times: np.ndarray) -> np.ndarray:
        """:math:`\\Lambda_0(t)` at each of ``times`` (right-continuous)."""
        return np.r_[0.0, np.cumsum(self.hazard)][np.searchsorted(self.jumps, times, side="right")]

    def influence(self, weight: np.ndarray, gradient: np.ndarray) -> np.ndarray:
        """Influence of each patient on :math:`\\sum_j w_j\\, d\\hat\\Lambda_0(u_j) + g^T\\hat\\beta`.

        Parameters
        ----------
        weight : ndarray (J, m)
            :math:`w_j` per jump, one column per functional.
        gradient : ndarray (p, m)
            :math:`g`, one column per functional.

        Returns
        -------
        ndarray (n, m)

        Notes
        -----
        With :math:`\\psi_i(d\\Lambda_0(u_j)) = \\delta_i 1\\{T_i = u_j\\}/S_0(u_j)
        - e^{\\eta_i} 1\\{T_i \\ge u_j\\}\\, d\\Lambda_0(u_j)/S_0(u_j)
        - d\\Lambda_0(u_j)\\, \\bar x(u_j)^T V U_i` (the linearised Breslow
        estimator, Andersen et al. 1993, VII.2), the sums over jumps are
        cumulative sums, so the cost is O((n + J) m p).
        """
        scaled = weight * (self.hazard / self.s0)[:, None]
        running = np.vstack([np.zeros((1, weight.shape[1])), np.cumsum(scaled, axis=0)])
        psi = -self.risk[:, None] * running[self.last_jump]
        has_event = self.event_jump >= 0
        psi[has_event] += weight[self.event_jump[has_event]] / self.s0[self.event_jump[has_event], None]
        drift = gradient - self.xbar.T @ (weight * self.hazard[:, None])
        return psi + self.beta_influence @ drift


def breslow_fit(time: np.ndarray, event: np.ndarray, x: np.ndarray, beta: np.ndarray,
                variance: np.ndarray) -> BreslowFit:
    """Baseline hazard, risk-set sums and influence functions of a Breslow-ties Cox fit."""
    n, p = x.shape
    risk = np.exp(x @ beta)
    jumps, counts = np.unique(time[event == 1], return_counts=True)
    # Risk-set sums at each jump: subjects with T_i >= u_j, by a reverse cumulative sum
    # over the times sorted once.
    order = np.argsort(time, kind="stable")
    sorted_time = time[order]
    tail_risk = np.cumsum(risk[order][::-1])[::-1]
    tail_x = np.cumsum((risk[:, None] * x)[order][::-1], axis=0)[::-1]
    first = np.searchsorted(sorted_time, jumps, side="left")
    s0 = tail_risk[first]
    xbar = tail_x[first] / s0[:, None]
    hazard = counts / s0
    last_jump = np.searchsorted(jumps, time, side="right")
    event_jump = np.where(event == 1, last_jump - 1, -1)
    # Score residuals (R residuals(coxph, "score") with Breslow ties):
    # U_i = delta_i (x_i - xbar(T_i)) - r_i [x_i Lambda0(T_i) - sum_{u_j <= T_i} xbar_j dLambda0_j].
    cumulative = np.r_[0.0, np.cumsum(hazard)]
    cumulative_xbar = np.vstack([np.zeros((1, p)), np.cumsum(xbar * hazard[:, None], axis=0)])
    score = -risk[:, None] * (x * cumulative[last_jump][:, None] - cumulative_xbar[last_jump])
    has_event = event == 1
    score[has_event] += x[has_event] - xbar[event_jump[has_event]]
    return BreslowFit(jumps=jumps, hazard=hazard, s0=s0, xbar=xbar, beta=beta,
                      beta_influence=score @ variance, risk=risk, last_jump=last_jump, event_jump=event_jump)
