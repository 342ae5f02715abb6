"""G-computation (direct standardisation) of absolute risks from Cox models.

The risk of the event by time t had every patient received arm a is the
mean over the cohort of each patient's predicted risk with the arm set to a.
Equal to ``riskRegression::ate(estimator = "GFORMULA")`` with a ``coxph``
(survival) or ``CSC`` (cause-specific Cox, competing risks) model fitted with
Breslow ties.
"""

from __future__ import annotations

import numpy as np

from graftline.stats.adjusted._cox_influence import BreslowFit


def survival_risks(fit: BreslowFit, x: np.ndarray, column: int, times: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray]:
    """G-formula risks :math:`1 - S(t | a, X)` for a = 0, 1 and their influence functions.

    Parameters
    ----------
    fit
        The Breslow view of the Cox model of the event.
    x : ndarray (n, p)
        The model matrix; column ``column`` is the 0/1 treatment.
    times : ndarray (m,)

    Returns
    -------
    risk : ndarray (2, m)
        Standardised risks for control (row 0) and treated (row 1).
    influence : ndarray (n, 2, m)
        Sum-form influence functions.

    Notes
    -----
    :math:`\\theta_a(t) = n^{-1}\\sum_i \\{1 - \\exp(-\\Lambda_0(t) e^{z_{ia}^T\\beta})\\}`
    with :math:`z_{ia}` patient i's covariates and arm a. Its influence
    function adds to :math:`(F_i - \\theta)/n` the delta-method terms of
    :math:`\\hat\\beta` and :math:`d\\hat\\Lambda_0` (Ozenne et al. 2020, Sec. 3).
    """
    n = x.shape[0]
    cumulative = fit.cumulative(times)                      # (m,)
    risk = np.empty((2, len(times)))
    influence = np.empty((n, 2, len(times)))
    for a in (0, 1):
        z = x.copy()
        z[:, column] = a
        relative = np.exp(z @ fit.beta)                      # (n,)
        survival = np.exp(-np.outer(relative, cumulative))   # (n, m)
        risk[a] = 1.0 - survival.mean(axis=0)
        slope = (survival * relative[:, None]).mean(axis=0)  # d theta / d Lambda0(t)
        weight = slope[None, :] * (fit.jumps[:, None] <= times[None, :])
        gradient = z.T @ (survival * relative[:, None]) / n * cumulative[None, :]
        influence[:, a, :] = (1.0 - survival - risk[a]) / n + fit.influence(weight, gradient)
    return risk, influence


def competing_risks(fits: list[BreslowFit], x: np.ndarray, column: int, times: np.ndarray,
                    cause: int) -> tuple[np.ndarray, np.ndarray]:
    """G-formula cumulative incidence of ``cause`` from cause-specific Cox models.

    Parameters
    ----------
    fits
        One Breslow fit per cause (cause k is ``fits[k - 1]``), all on the model matrix ``x``.
    cause : int
        1-based cause of interest.

    Notes
    -----
    :math:`F_k(t|z) = \\sum_{u_j \\le t} S(u_j- | z)\\, d\\Lambda_{0k}(u_j) e^{z^T\\beta_k}`
    with :math:`S(u- | z) = \\exp(-\\sum_l \\Lambda_l(u- | z))` over the pooled
    jump times of every cause (riskRegression's ``predict.CauseSpecificCox``
    with ``product.limit = FALSE``, what ``ate`` uses). The influence of each
    cause-specific model enters through the derivatives of :math:`F_k` with
    respect to its hazard jumps and coefficients.
    """
    n = x.shape[0]
    target = cause - 1
    grid = np.unique(np.concatenate([f.jumps for f in fits]))
    grid = grid[grid <= times.max()] if len(grid) else grid
    risk = np.empty((2, len(times)))
    influence = np.empty((n, 2, len(times)))
    up_to = grid[:, None] <= times[None, :]                  # (G, m)
    for a in (0, 1):
        z = x.copy()
        z[:, column] = a
        relative = [np.exp(z @ f.beta) for f in fits]        # per cause (n,)
        # Jumps of each cause on the pooled grid, per patient: dLambda_l(u|z) (n, G).
        jumps = [np.outer(rel, _on_grid(f, grid)) for f, rel in zip(fits, relative, strict=True)]
        total = np.sum(jumps, axis=0)
        before = np.cumsum(total, axis=1) - total            # sum_l Lambda_l(u-)
        survival_before = np.exp(-before)                    # S(u- | z)  (n, G)
        increment = survival_before * jumps[target]          # dF_k(u | z)
        incidence = np.cumsum(increment, axis=1)             # F_k(u | z)
        index = np.searchsorted(grid, times, side="right") - 1
        at_t = np.where(index[None, :] >= 0, incidence[:, np.maximum(index, 0)], 0.0)  # (n, m)
        risk[a] = at_t.mean(axis=0)
        psi = (at_t - risk[a]) / n
        for k, f in enumerate(fits):
            # d F_k(t) / d dLambda_{0l}(u) for u <= t, per patient then averaged:
            #   e^{eta_l} [1{l = k} S(u-) - (F_k(t) - F_k(u))]
            remaining = at_t[:, None, :] - incidence[:, :, None]          # (n, G, m)
            own = survival_before[:, :, None] if k == target else 0.0
            slope = ((relative[k][:, None, None] * (own - remaining)).mean(axis=0)) * up_to  # (G, m)
            weight = _from_grid(f, grid, slope)
            # d F_k(t) / d beta_l: z_i e^{eta_l}-scaled sums over u <= t.
            cumulative_l = np.cumsum(jumps[k], axis=1) - jumps[k]         # Lambda_l(u- | z)
            inner = increment * cumulative_l                                # (n, G)
            term = inner @ up_to.astype(float)                               # (n, m)
            if k == target:
                term = at_t - term
            else:
                term = -term
            gradient = z.T @ term / n                                        # (p, m)
            psi = psi + f.influence(weight, gradient)
        influence[:, a, :] = psi
    return risk, influence


def predict(fits: list[BreslowFit], z: np.ndarray, grid: np.ndarray, cause: int
            ) -> tuple[np.ndarray, np.ndarray]:
    r"""Per patient, the risk :math:`F_k(s|z_i)` and event-free survival :math:`S(s|z_i)` at ``grid``.

    One fit: :math:`S = \exp(-\Lambda_0 e^{\eta})`, :math:`F = 1 - S`. Several
    (cause-specific) fits: :math:`S = \exp(-\sum_l \Lambda_l)` and :math:`F_k`
    as in :func:`competing_risks`. Both right-continuous, shape (n, len(grid)).
    """
    if len(fits) == 1:
        survival = np.exp(-np.outer(np.exp(z @ fits[0].beta), fits[0].cumulative(grid)))
        return 1.0 - survival, survival
    pooled = np.unique(np.concatenate([f.jumps for f in fits]))
    jumps = [np.outer(np.exp(z @ f.beta), _on_grid(f, pooled)) if len(pooled) else np.zeros((len(z), 0))
             for f in fits]
    total = np.cumsum(np.sum(jumps, axis=0), axis=1)
    before = total - np.sum(jumps, axis=0)
    incidence = np.cumsum(np.exp(-before) * jumps[cause - 1], axis=1)
    index = np.searchsorted(pooled, grid, side="right") - 1
    pad = np.maximum(index, 0)
    risk = np.where(index[None, :] >= 0, incidence[:, pad] if len(pooled) else 0.0, 0.0)
    survival = np.where(index[None, :] >= 0, np.exp(-total[:, pad]) if len(pooled) else 1.0, 1.0)
    return risk, survival


def _on_grid(fit: BreslowFit, grid: np.ndarray) -> np.ndarray:
    """Baseline hazard jumps of ``fit`` on the pooled grid (0 where it has none)."""
    out = np.zeros(len(grid))
    out[np.searchsorted(grid, fit.jumps[fit.jumps <= grid[-1]])] = fit.hazard[fit.jumps <= grid[-1]]
    return out


def _from_grid(fit: BreslowFit, grid: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Weights on the pooled grid back to ``fit``'s own jumps (0 beyond the grid)."""
    out = np.zeros((len(fit.jumps), values.shape[1]))
    inside = fit.jumps <= grid[-1]
    out[inside] = values[np.searchsorted(grid, fit.jumps[inside])]
    return out


__all__ = ["competing_risks", "survival_risks"]
