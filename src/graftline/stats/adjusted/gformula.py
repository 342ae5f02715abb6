"""G-computation (direct standardisation) of absolute risks from Cox models.

The risk of the event by time t had every patient received arm a is the
mean over the cohort of each patient's predicted risk with the arm set to a
(the ATE), or its weighted mean over a target population: the treated (ATT)
or the overlap population (ATO). Equal to
``riskRegression::ate(estimator = "GFORMULA")`` with a ``coxph`` (survival)
or ``CSC`` (cause-specific Cox, competing risks) model fitted with Breslow
ties; for the ATT, ``ate(data = <the treated>, data.index = <their rows>)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graftline.stats.adjusted._cox_influence import BreslowFit
from graftline.stats.adjusted.propensity import _fit as fit_logistic


@dataclass(frozen=True)
class Population:
    r"""The population predicted risks are averaged over: :math:`\hat\theta = \sum_i h_i F_i / \sum_i h_i`.

    Attributes
    ----------
    weight : ndarray (n,)
        :math:`h_i \ge 0`: 1 for everyone (ATE), :math:`1\{A_i = 1\}` (ATT),
        :math:`e_i(1 - e_i)` (ATO, Li et al. 2018).
    weight_gradient : ndarray (n, q), optional
        :math:`\partial h_i / \partial\gamma` when the weights are estimated
        (the propensity model's coefficients :math:`\gamma`).
    parameter_influence : ndarray (n, q), optional
        Sum-form influence of each patient on :math:`\hat\gamma`.
    """

    weight: np.ndarray
    weight_gradient: np.ndarray | None = None
    parameter_influence: np.ndarray | None = None

    @classmethod
    def everyone(cls, n: int) -> Population:
        return cls(weight=np.ones(n))

    def standardise(self, predicted: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        r"""Weighted mean of ``predicted`` (rows ``rows`` of the cohort) and its Hajek influence.

        Sum form: :math:`h_i (F_i - \hat\theta)/\sum_j h_j`, plus, for
        estimated weights, :math:`\psi_i(\hat\gamma)^T \sum_j
        \partial h_j/\partial\gamma\, (F_j - \hat\theta)/\sum_j h_j`.
        Returns ``(theta (m,), psi (n, m))``.
        """
        share = self.weight[rows] / self.weight.sum()
        theta = share @ predicted
        centred = predicted - theta[None, :]
        psi = np.zeros((len(self.weight), predicted.shape[1]))
        psi[rows] = share[:, None] * centred
        if self.weight_gradient is not None:
            slope = self.weight_gradient[rows].T @ centred / self.weight.sum()     # (q, m)
            psi += self.parameter_influence @ slope
        return theta, psi

    def rows(self) -> np.ndarray:
        """The patients with a positive weight (the only ones whose predictions are needed)."""
        return np.flatnonzero(self.weight > 0)


def target_population(estimand: str, treated: np.ndarray, *, design: np.ndarray, names: tuple[str, ...],
                      arms) -> Population | None:
    """The :class:`Population` of an estimand.

    None (everyone) for the ATE; the treated for the ATT; for the ATO the
    overlap weights :math:`h_i = \\hat e_i(1 - \\hat e_i)` of the logistic
    propensity model on ``design`` (the confounders with an intercept), with
    :math:`\\partial h_i/\\partial\\gamma = h_i(1 - 2\\hat e_i) x_i` and the
    model's influence :math:`V x_i (A_i - \\hat e_i)`.
    """
    if estimand == "ATE":
        return None
    if estimand == "ATT":
        return Population(weight=np.asarray(treated, dtype=np.float64))
    propensity = fit_logistic(design, ("(Intercept)", *names), arms, max_iter=100, tolerance=1e-12)
    score = propensity.score
    overlap = score * (1.0 - score)
    return Population(weight=overlap, weight_gradient=design * (overlap * (1.0 - 2.0 * score))[:, None],
                      parameter_influence=(design * (propensity.treated - score)[:, None]) @ propensity.variance)


def survival_risks(fit: BreslowFit, x: np.ndarray, column: int, times: np.ndarray,
                   population: Population | None = None) -> tuple[np.ndarray, np.ndarray]:
    """G-formula risks :math:`1 - S(t | a, X)` for a = 0, 1 and their influence functions.

    Parameters
    ----------
    fit
        The Breslow view of the Cox model of the event.
    x : ndarray (n, p)
        The model matrix; column ``column`` is the 0/1 treatment.
    times : ndarray (m,)
    population : Population, optional
        Whom to standardise to (default: the whole cohort, the ATE).

    Returns
    -------
    risk : ndarray (2, m)
        Standardised risks for control (row 0) and treated (row 1).
    influence : ndarray (n, 2, m)
        Sum-form influence functions.

    Notes
    -----
    :math:`\\theta_a(t) = \\sum_i w_i \\{1 - \\exp(-\\Lambda_0(t) e^{z_{ia}^T\\beta})\\}`
    with :math:`z_{ia}` patient i's covariates and arm a and :math:`w_i =
    h_i/\\sum_j h_j` the population's normalised weights (1/n for the ATE).
    Its influence function adds to the population's term
    (:meth:`Population.standardise`; :math:`(F_i - \\theta)/n` for the ATE)
    the delta-method terms of :math:`\\hat\\beta` and :math:`d\\hat\\Lambda_0`,
    with the gradients averaged with the same weights (Ozenne et al. 2020, Sec. 3).
    """
    n = x.shape[0]
    population = population if population is not None else Population.everyone(n)
    rows = population.rows()
    share = population.weight[rows] / population.weight.sum()                  # w_i
    cumulative = fit.cumulative(times)                      # (m,)
    risk = np.empty((2, len(times)))
    influence = np.empty((n, 2, len(times)))
    for a in (0, 1):
        z = x[rows].copy()
        z[:, column] = a
        relative = np.exp(z @ fit.beta)                      # (r,)
        survival = np.exp(-np.outer(relative, cumulative))   # (r, m)
        risk[a], psi = population.standardise(1.0 - survival, rows)
        slope = share @ (survival * relative[:, None])       # d theta / d Lambda0(t)
        weight = slope[None, :] * (fit.jumps[:, None] <= times[None, :])
        gradient = z.T @ (share[:, None] * survival * relative[:, None]) * cumulative[None, :]
        influence[:, a, :] = psi + fit.influence(weight, gradient)
    return risk, influence


def competing_risks(fits: list[BreslowFit], x: np.ndarray, column: int, times: np.ndarray,
                    cause: int, population: Population | None = None) -> tuple[np.ndarray, np.ndarray]:
    """G-formula cumulative incidence of ``cause`` from cause-specific Cox models.

    Parameters
    ----------
    fits
        One Breslow fit per cause (cause k is ``fits[k - 1]``), all on the model matrix ``x``.
    cause : int
        1-based cause of interest.
    population : Population, optional
        Whom to standardise to (default: the whole cohort, the ATE).

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
    population = population if population is not None else Population.everyone(n)
    rows = population.rows()
    share = population.weight[rows] / population.weight.sum()                  # w_i
    target = cause - 1
    grid = np.unique(np.concatenate([f.jumps for f in fits]))
    grid = grid[grid <= times.max()] if len(grid) else grid
    risk = np.empty((2, len(times)))
    influence = np.empty((n, 2, len(times)))
    up_to = (grid[:, None] <= times[None, :]).astype(float)    # (G, m)
    baseline = [_on_grid(f, grid) for f in fits]                 # dLambda_0l(u)
    before = np.vstack([np.cumsum(b) - b for b in baseline])    # Lambda_0l(u-)  (L, G)
    # sum_{u <= t} g(u) and sum_{u <= t} g(u) Lambda_0l(u-) for every cause at
    # once: one product with this (G, m (1 + L)) matrix.
    sums_up_to = np.hstack([up_to] + [row[:, None] * up_to for row in before])
    m, causes = len(times), len(fits)
    # Patients are taken in blocks so that the (patients x jump times) arrays
    # stay near _BLOCK_CELLS cells whatever the cohort size: what the
    # influence functions need from them are sums over patients, and every
    # sum over jump times is a product with a (G, m) 0/1 matrix.
    block = max(1, _BLOCK_CELLS // max(len(grid), 1))
    for a in (0, 1):
        at_t = np.empty((len(rows), m))
        # Per cause l, with c_il = w_i e^{eta_il}: sum_i c_il S_i(u-), sum_i c_il dF_i(u),
        # sum_i c_il F_i(t), and the coefficient gradient (p, m).
        survival_sum = np.zeros((causes, len(grid)))
        increment_sum = np.zeros((causes, len(grid)))
        at_t_sum = np.zeros((causes, m))
        gradient = np.zeros((causes, x.shape[1], m))
        for start in range(0, len(rows), block):
            part = slice(start, start + block)
            z = x[rows[part]].copy()
            z[:, column] = a
            w = share[part]
            relative = np.column_stack([np.exp(z @ f.beta) for f in fits])        # e^{eta_il}  (r, L)
            survival_before = np.exp(-(relative @ before))                       # S(u- | z)   (r, G)
            increment = survival_before * baseline[target][None, :]
            increment *= relative[:, target][:, None]                            # dF_k(u | z)
            sums = increment @ sums_up_to                                        # (r, m (1 + L))
            at_t[part] = sums[:, :m]                                             # F_k(t | z)
            c = w[:, None] * relative                                            # (r, L)
            survival_sum += c.T @ survival_before
            increment_sum += c.T @ increment
            at_t_sum += c.T @ at_t[part]
            for k in range(causes):
                # d F_k(t) / d beta_l: z_i-scaled sums over u <= t of dF_k(u) Lambda_l(u- | z).
                term = relative[:, k][:, None] * sums[:, m * (k + 1):m * (k + 2)]  # (r, m)
                term = at_t[part] - term if k == target else -term
                gradient[k] += z.T @ (w[:, None] * term)
        incidence_sum = np.cumsum(increment_sum, axis=1)                         # sum_i c_i F_i(u)
        risk[a], psi = population.standardise(at_t, rows)
        for k, f in enumerate(fits):
            # d F_k(t) / d dLambda_{0l}(u) for u <= t, averaged over patients:
            #   sum_i c_i [1{l = k} S_i(u-) - (F_i(t) - F_i(u))]
            own = survival_sum[k][:, None] if k == target else 0.0
            slope = (own - at_t_sum[k][None, :] + incidence_sum[k][:, None]) * up_to   # (G, m)
            psi = psi + f.influence(_from_grid(f, grid, slope), gradient[k])
        influence[:, a, :] = psi
    return risk, influence


#: Cells of one block of the (patients x pooled jump times) arrays of
#: :func:`competing_risks`: about 40 MB per array.
_BLOCK_CELLS = 5_000_000


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


__all__ = ["Population", "competing_risks", "survival_risks"]
