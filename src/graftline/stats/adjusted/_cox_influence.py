"""The Breslow baseline hazard of a fitted Cox model and its influence function.

G-computation from Cox models needs what ``cox_ph`` does not return: the
baseline hazard jumps, the risk-set sums S0 and S1 at each jump, and each
patient's influence on them (R: ``riskRegression::iidCox``). These are
post-fit quantities of the Breslow estimator. They are read off the fit's
own risk sets and last Newton evaluation (:func:`breslow_from_cox`), so
the times are sorted once, for the fit, and not again here.

Influence functions are in "sum" form, as riskRegression's ``iid``: an
estimator :math:`\\hat\\theta` satisfies :math:`\\hat\\theta - \\theta \\approx
\\sum_i \\psi_i` and its standard error is :math:`\\sqrt{\\sum_i \\psi_i^2}`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graftline.stats.survival.cox import CoxResult


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
    jumps_before : ndarray (n,) of int
        Number of jumps strictly before :math:`T_i` (for :math:`G(T_i-)`).
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
    jumps_before: np.ndarray

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


def breslow_from_cox(fit: CoxResult, x: np.ndarray) -> BreslowFit:
    """The Breslow view of a right-censored, unweighted, unstratified Breslow-ties Cox fit.

    ``x`` is the fit's model matrix (n x p), in the caller's row order.
    Every per-jump quantity comes from the fit's last evaluation, where the
    covariates are centred and the risks scaled by :math:`e^{-shift}`; they
    are put back on the scale of ``x`` here. Score residuals do not depend on
    the centring. Rows whose time is before the first jump are not in the
    fit's risk sets: they have no jump in their risk period and a zero score
    residual.
    """
    model = fit.model
    if fit.ties != "breslow" or model.start is not None or model.strata.count > 1 \
            or not np.all(model.weight == 1.0):
        raise ValueError("breslow_from_cox needs a right-censored, unweighted, unstratified "
                         "Cox fit with Breslow ties")
    problem, final = model.problem, model.final
    sets = problem.risk_sets
    n, p = x.shape
    beta = final.beta
    # S0 and S1 of the evaluation are sums of exp(beta (x - c) - shift) (x - c).
    scale = np.exp(final.shift + beta @ problem.center)
    s0 = final.at_risk[:, 0] * scale
    xbar = final.at_risk[:, 1:] / final.at_risk[:, :1] + problem.center
    hazard = sets.n_deaths / s0
    last_jump = np.zeros(n, dtype=np.intp)
    last_jump[sets.used] = sets.exit + 1
    event_jump = np.where(model.event == 1, last_jump - 1, -1)
    jumps = sets.cell_time
    at_a_jump = (last_jump > 0) & (jumps[np.maximum(last_jump - 1, 0)] == model.stop)
    # Score residuals (R residuals(coxph, "score")), scattered back to the caller's rows.
    score = np.zeros((n, p))
    score[sets.used] = problem.score_residuals(final)
    return BreslowFit(jumps=jumps, hazard=hazard, s0=s0, xbar=xbar, beta=beta,
                      beta_influence=score @ fit.variance, risk=np.exp(x @ beta), last_jump=last_jump,
                      event_jump=event_jump, jumps_before=last_jump - at_a_jump)
