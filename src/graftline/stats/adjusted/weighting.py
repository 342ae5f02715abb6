"""Inverse probability of treatment and censoring weighted risks (IPTW), as
``riskRegression::ate``; the augmented version (AIPTW) is in :mod:`augmented`."""

from __future__ import annotations

import numpy as np

from graftline.stats.adjusted._cox_influence import BreslowFit
from graftline.stats.adjusted.propensity import PropensityModel, weights_from_scores


def weighted_risks(time: np.ndarray, codes: np.ndarray, cause: int, treated: np.ndarray,
                   propensity: PropensityModel, censoring: BreslowFit, x: np.ndarray,
                   times: np.ndarray, *, full: bool, estimand: str = "ATE"
                   ) -> tuple[np.ndarray, np.ndarray]:
    """IPTW risks for arms 0 and 1 and their influence functions.

    ``x`` is the censoring (and outcome) model matrix with the treatment in
    column 0; the propensity model's design is ``x`` without that column,
    plus an intercept. Returns ``(risk (2, m), influence (n, 2, m))``.
    ``estimand`` "ATT" or "ATO" (IPTW only) goes to :func:`_normalised_risks`.
    """
    if estimand != "ATE":
        return _normalised_risks(time, codes, cause, treated, propensity, censoring, x, times,
                                 estimand=estimand, full=full)
    n = len(time)
    score = propensity.score
    censor_survival = _censor_survival_before(censoring)
    event = (codes == cause)[:, None] & (time[:, None] <= times[None, :])       # D_i(t), (n, m)
    risk = np.empty((2, len(times)))
    influence = np.empty((n, 2, len(times)))
    for a in (0, 1):
        in_arm = treated == a
        probability = score if a == 1 else 1.0 - score
        inverse = np.where(in_arm, 1.0 / probability, 0.0)                     # 1{A=a}/pi_a
        h = (inverse / censor_survival)[:, None] * event                        # (n, m)
        risk[a] = h.mean(axis=0)
        psi = (h - risk[a]) / n
        if full:
            psi = psi + _propensity_influence(h, score, a, propensity, x) + _censoring_influence(
                h, time, censoring, x)
        influence[:, a, :] = psi
    return risk, influence


# d log w_a(e) / d logit(e) for the tilting functions of ATT and ATO (the
# ATE's are in _propensity_influence): ATT treated w = 1, control e/(1-e);
# ATO treated 1-e, control e. The weights themselves: weights_from_scores.
_LOG_WEIGHT_SLOPE = {
    ("ATT", 1): lambda e: np.zeros_like(e), ("ATT", 0): lambda e: np.ones_like(e),
    ("ATO", 1): lambda e: -e, ("ATO", 0): lambda e: 1.0 - e,
}


def _normalised_risks(time, codes, cause, treated, propensity: PropensityModel, censoring: BreslowFit,
                      x, times, *, estimand: str, full: bool) -> tuple[np.ndarray, np.ndarray]:
    r"""IPTW risks for the treated (ATT) or overlap (ATO) population and their influence functions.

    Notes
    -----
    :math:`\hat\theta_a = \sum_i h_i Y_i / \sum_i h_i` with
    :math:`h_i = 1\{A_i = a\} w_a(\hat e_i)` and
    :math:`Y_i = 1\{T_i \le t, \Delta_i = k\}/\hat G(T_i- | A_i, X_i)`: each
    arm's weighted mean, the weights normalised within the arm (Hajek), as
    WeightIt/survey-weighted estimators and Li et al. (2018) define them.
    Sum-form influence: :math:`h_i (Y_i - \hat\theta_a)/\sum_j h_j`, plus
    (``full``) the logistic model's term with
    :math:`\partial\theta_a/\partial\gamma = \sum_i x_i h_i\, \partial\log w_a/\partial\eta_i
    (Y_i - \theta_a)/\sum_j h_j`, and the censoring model's term through
    :math:`1/\hat G`.
    """
    n = len(time)
    score = propensity.score
    event = (codes == cause)[:, None] & (time[:, None] <= times[None, :])
    outcome = event / _censor_survival_before(censoring)[:, None]                # Y_i(t), (n, m)
    design = np.column_stack([np.ones(n), x[:, 1:]])
    residual = propensity.treated.astype(np.float64) - score
    risk = np.empty((2, len(times)))
    influence = np.empty((n, 2, len(times)))
    weight = weights_from_scores(treated == 1, score, estimand=estimand)
    for a in (0, 1):
        h = np.where(treated == a, weight, 0.0)
        total = h.sum()
        risk[a] = h @ outcome / total
        centred = outcome - risk[a][None, :]
        psi = h[:, None] * centred / total
        if full:
            slope = design.T @ ((h * _LOG_WEIGHT_SLOPE[estimand, a](score))[:, None] * centred) / total
            psi = psi + (design * residual[:, None]) @ propensity.variance @ slope
            # _censoring_influence differentiates mean_i(h_i); scale h_i Y_i to sum / total.
            psi = psi + _censoring_influence(h[:, None] * outcome * (n / total), time, censoring, x)
        influence[:, a, :] = psi
    return risk, influence


def _censor_survival_before(censoring: BreslowFit) -> np.ndarray:
    """:math:`G(T_i- | Z_i)`, the censoring survival just before each patient's own time."""
    return np.exp(-np.r_[0.0, np.cumsum(censoring.hazard)][censoring.jumps_before] * censoring.risk)


def _propensity_influence(h: np.ndarray, score: np.ndarray, a: int, propensity: PropensityModel,
                          x: np.ndarray) -> np.ndarray:
    """Delta-method term of the logistic model: (d theta / d gamma)^T V x_i (A_i - e_i)."""
    n = len(score)
    design = np.column_stack([np.ones(n), x[:, 1:]])
    # d(1/e)/d gamma = -(1 - e)/e x ; d(1/(1-e))/d gamma = e/(1-e) x.
    factor = -(1.0 - score) if a == 1 else score
    slope = design.T @ (h * factor[:, None]) / n                                  # (q, m)
    residual = propensity.treated.astype(np.float64) - score
    return (design * residual[:, None]) @ propensity.variance @ slope


def _censoring_influence(h: np.ndarray, time: np.ndarray, censoring: BreslowFit,
                         x: np.ndarray) -> np.ndarray:
    """Delta-method term of the censoring Cox model through 1/G(T_i-)."""
    n = len(time)
    n_jumps = len(censoring.jumps)
    strictly_before = censoring.jumps_before                                     # jumps u_j < T_i
    contribution = h * censoring.risk[:, None] / n                               # (n, m)
    # w_j = sum_{i: u_j < T_i} h_i e^{eta_i} / n
    per_index = np.column_stack([np.bincount(strictly_before, column, minlength=n_jumps + 1)
                                 for column in contribution.T])
    weight = np.cumsum(per_index[::-1], axis=0)[::-1][1:]                       # rows j: indices > j
    baseline_before = np.r_[0.0, np.cumsum(censoring.hazard)][strictly_before]
    gradient = x.T @ (contribution * baseline_before[:, None])                   # (p, m)
    return censoring.influence(weight, gradient)
