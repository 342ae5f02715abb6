r"""Augmented inverse probability weighted risks (AIPTW), doubly robust, with the
influence function of every nuisance model, as ``riskRegression::ate``.

For arm a, time :math:`\tau` and patient i, with :math:`w_i = 1\{A_i = a\}/\hat\pi_a(X_i)`,
:math:`Y_i = 1\{T_i \le \tau, \Delta_i = k\}`, the outcome model's risk
:math:`F_i(s)` and event-free survival :math:`S_i(s)` (arm a, covariates
:math:`X_i`), the censoring survival :math:`G_i` and martingale
:math:`dM^c_i(u) = dN^c_i(u) - 1\{T_i \ge u\} e^{\eta^c_i} d\Lambda^c_0(u)`:

.. math::

    \hat\theta_a(\tau) = \frac1n\sum_i \Big[ w_i \frac{Y_i}{G_i(T_i-)}
      + (1 - w_i) F_i(\tau) + w_i \sum_{u_j \le \tau}
      \frac{F_i(\tau) - F_i(u_j)}{S_i(u_j-)\, G_i(u_j-)}\, dM^c_i(u_j) \Big]

over the censoring model's jumps :math:`u_j`. The full influence function
(riskRegression's ``known.nuisance = FALSE``) adds to :math:`(\phi_i - \hat\theta)/n`
the delta-method terms of the three models: the logistic model through
:math:`w_i`; the censoring Cox model through :math:`1/G_i(T_i-)`,
:math:`1/G_i(u_j-)` and the compensator of :math:`dM^c_i`; the outcome Cox
model(s) through :math:`F_i(\tau)`, :math:`F_i(u_j)` and :math:`1/S_i(u_j-)`.
Each is a weighted sum of the model's hazard jumps and coefficients, whose
weights are sums over patients, so the cost is O(n x jumps up to the last
time) and the patients are processed in blocks of bounded memory.
"""

from __future__ import annotations

import numpy as np

from graftline.stats.adjusted._cox_influence import BreslowFit
from graftline.stats.adjusted.propensity import PropensityModel

_BLOCK_CELLS = 2_000_000   # patients x grid points per block (a few arrays of 16 MB)


def augmented_risks(time: np.ndarray, codes: np.ndarray, cause: int, treated: np.ndarray,
                    propensity: PropensityModel, censoring: BreslowFit, outcome: list[BreslowFit],
                    outcome_cause: int, x: np.ndarray, times: np.ndarray, *, full: bool
                    ) -> tuple[np.ndarray, np.ndarray]:
    """AIPTW risks for arms 0 and 1 at ``times`` and their influence functions (n, 2, m).

    ``x`` is the censoring and outcome models' matrix with the treatment in
    column 0. ``outcome`` is one Cox fit (survival) or one cause-specific fit
    per cause (``outcome_cause`` 1-based). ``full`` adds the nuisance models' terms.
    """
    from graftline.stats.adjusted.weighting import (
        _censor_survival_before,
        _censoring_influence,
        _propensity_influence,
    )

    n, m = len(time), len(times)
    horizon = float(times.max())
    score = propensity.score
    censor_before = _censor_survival_before(censoring)                           # G(T_i-)
    event = (codes == cause)[:, None] & (time[:, None] <= times[None, :])       # Y_i(tau)
    n_grid = int(np.searchsorted(censoring.jumps, horizon, side="right"))
    jumps = censoring.jumps[:n_grid]
    d_hazard = censoring.hazard[:n_grid]
    hazard_before = np.r_[0.0, np.cumsum(d_hazard)][:-1] if n_grid else np.empty(0)  # Lambda^c_0(u_j-)
    upto = np.searchsorted(jumps, times, side="right")                           # jumps u_j <= tau
    block = max(1, _BLOCK_CELLS // (n_grid + _grid_size(outcome, horizon) + 1))
    risk = np.empty((2, m))
    influence = np.empty((n, 2, m))
    for a in (0, 1):
        z = x.copy()
        z[:, 0] = a
        probability = score if a == 1 else 1.0 - score
        w = np.where(treated == a, 1.0 / probability, 0.0)
        phi = np.empty((n, m))
        h = np.empty((n, m))                     # w_i times what multiplies w_i in phi_i
        later = np.zeros((n_grid + 1, m))        # sums for the censoring hazard's weights
        own = np.zeros((n_grid, m))
        censor_gradient = np.zeros((x.shape[1], m))
        model = _Outcome(outcome, outcome_cause, horizon, m)
        for start in range(0, n, block):
            rows = slice(start, min(start + block, n))
            wb, rc = w[rows], censoring.risk[rows]
            g = np.exp(-np.outer(rc, hazard_before))                              # G_i(u_j-)
            at_risk = time[rows, None] >= jumps[None, :]
            d_n = ((codes[rows] == 0)[:, None] & (time[rows, None] == jumps[None, :]))
            d_m = (d_n - np.outer(rc, d_hazard)) * at_risk                      # dM^c_i(u_j)
            view = model.block(z[rows], times, jumps)
            risk_tau, risk_u, survival_u = view.risk_times, view.risk_jumps, view.survival_jumps
            scaled = d_m / (survival_u * g)                                       # dM / (S G)
            ipw = event[rows] / censor_before[rows, None]
            for k in range(m):
                j = upto[k]
                gap = risk_tau[:, [k]] - risk_u[:, :j]                            # F(tau) - F(u)
                integral = np.sum(gap * scaled[:, :j], axis=1)
                phi[rows, k] = wb * ipw[:, k] + (1.0 - wb) * risk_tau[:, k] + wb * integral
                h[rows, k] = wb * (ipw[:, k] - risk_tau[:, k] + integral)
                if not full or j == 0:
                    if full:
                        view.accumulate(k, 1.0 - wb, np.zeros((len(wb), 0)), np.zeros((len(wb), 0)), 0)
                    continue
                # Censoring model in the augmentation: q = (F(tau) - F(u)) / (S(u-) G(u-)).
                q = gap / (survival_u[:, :j] * g[:, :j])
                wr = (wb * rc)[:, None]
                later[:j, k] += np.sum(wr * q * d_m[:, :j], axis=0)
                own[:j, k] += np.sum(wr * q * at_risk[:, :j], axis=0)
                per_patient = np.sum(q * (hazard_before[None, :j] * d_m[:, :j] - at_risk[:, :j] * d_hazard[:j]),
                                     axis=1)
                censor_gradient[:, k] += x[rows].T @ (wb * rc * per_patient)
                # Outcome model(s): weights of F(tau), F(u_j) and 1/S(u_j-).
                c = scaled[:, :j]
                view.accumulate(k, 1.0 - wb + wb * c.sum(axis=1), -wb[:, None] * c,
                                wb[:, None] * gap * d_m[:, :j] / g[:, :j], j)
        risk[a] = phi.mean(axis=0)
        psi = (phi - risk[a]) / n
        if full:
            psi = psi + _propensity_influence(h, score, a, propensity, x)
            psi = psi + _censoring_influence(w[:, None] * event / censor_before[:, None], time, censoring, x)
            # d theta / d dLambda^c_0(u_l) = mean_i w_i r_i [sum_{j > l} q_ij dM_ij - 1{T_i >= u_l} q_il]
            after = np.cumsum(later[::-1], axis=0)[::-1][1:]
            weight = np.zeros((len(censoring.jumps), m))
            weight[:n_grid] = (after - own) / n
            psi = psi + censoring.influence(weight, censor_gradient / n)
            psi = psi + model.influence(n)
        influence[:, a, :] = psi
    return risk, influence


def _grid_size(outcome: list[BreslowFit], horizon: float) -> int:
    if len(outcome) == 1:
        return 0
    return len(np.unique(np.concatenate([f.jumps[f.jumps <= horizon] for f in outcome])))


class _Outcome:
    r"""The outcome model(s) at one arm: predictions per block of patients, and
    the derivative of :math:`\sum_i [\omega_i(\tau) F_i(\tau) + \sum_j \omega_{ij}
    F_i(u_j) + \sum_j \kappa_{ij}/S_i(u_j-)]` in the models' hazard jumps and
    coefficients, accumulated over blocks."""

    def __init__(self, fits: list[BreslowFit], cause: int, horizon: float, m: int):
        self.fits, self.target = fits, cause - 1
        self.single = len(fits) == 1
        if self.single:
            self.grid = fits[0].jumps
            self.cumulative = np.r_[0.0, np.cumsum(fits[0].hazard)]
            self.weights = [np.zeros((len(self.grid) + 1, m))]
        else:
            self.grid = np.unique(np.concatenate([f.jumps[f.jumps <= horizon] for f in fits]))
            self.base = [_on_grid(f, self.grid) for f in fits]               # dLambda_c0(v) on the grid
            self.weights = [np.zeros((len(self.grid), m)) for _ in fits]     # Omega part (direct)
            self.tails = [np.zeros((len(self.grid) + 1, m)) for _ in fits]   # rho part (reverse sums)
        self.gradients = [np.zeros((len(f.beta), m)) for f in fits]

    def block(self, z: np.ndarray, times: np.ndarray, jumps: np.ndarray):
        return (_SingleBlock if self.single else _CompetingBlock)(self, z, times, jumps)

    def influence(self, n: int) -> np.ndarray:
        total = 0.0
        for c, fit in enumerate(self.fits):
            if self.single:
                weight = np.cumsum(self.weights[0][::-1], axis=0)[::-1][1:]
            else:
                tail = np.cumsum(self.tails[c][::-1], axis=0)[::-1][:-1]      # sum over l >= m
                on_grid = self.weights[c] - tail
                weight = _from_grid(fit, self.grid, on_grid)
            total = total + fit.influence(weight / n, self.gradients[c] / n)
        return total


class _SingleBlock:
    r"""One Cox model: :math:`S_i(s) = \exp(-e^{\eta_i}\Lambda_0(s))`, :math:`F = 1 - S`."""

    def __init__(self, model: _Outcome, z, times, jumps):
        self.model, self.z = model, z
        self.relative = np.exp(z @ model.fits[0].beta)
        grid, cumulative = model.grid, model.cumulative
        self.at_times = np.searchsorted(grid, times, side="right")
        self.at_jumps = np.searchsorted(grid, jumps, side="right")
        self.before_jumps = np.searchsorted(grid, jumps, side="left")
        self.s_times = np.exp(-np.outer(self.relative, cumulative[self.at_times]))
        self.s_jumps = np.exp(-np.outer(self.relative, cumulative[self.at_jumps]))
        self.risk_times, self.risk_jumps = 1.0 - self.s_times, 1.0 - self.s_jumps
        self.survival_jumps = np.exp(-np.outer(self.relative, cumulative[self.before_jumps]))

    def accumulate(self, k: int, omega_tau, omega_u, kappa_u, j: int) -> None:
        # dF(s)/d dLambda_0(v_l) = r S(s) for l < L(s); d(1/S(u-))/d dLambda_0(v_l) = r/S(u-) for l < L'(u).
        model, r = self.model, self.relative
        weights, cumulative = model.weights[0][:, k], model.cumulative
        c_tau = omega_tau * r * self.s_times[:, k]
        c_f = omega_u * r[:, None] * self.s_jumps[:, :j]
        c_s = kappa_u * r[:, None] / self.survival_jumps[:, :j]
        weights[self.at_times[k]] += c_tau.sum()
        np.add.at(weights, self.at_jumps[:j], c_f.sum(axis=0))
        np.add.at(weights, self.before_jumps[:j], c_s.sum(axis=0))
        per_patient = (c_tau * cumulative[self.at_times[k]] + c_f @ cumulative[self.at_jumps[:j]]
                       + c_s @ cumulative[self.before_jumps[:j]])
        model.gradients[0][:, k] += self.z.T @ per_patient


class _CompetingBlock:
    r"""Cause-specific Cox models: :math:`F_k(s) = \sum_{v \le s} S(v-) e^{\eta_k} d\Lambda_{k0}(v)`,
    :math:`S(s) = \exp(-\sum_c e^{\eta_c}\Lambda_{c0}(s))`, on the pooled jump grid."""

    def __init__(self, model: _Outcome, z, times, jumps):
        self.model, self.z = model, z
        grid, target = model.grid, model.target
        self.relative = [np.exp(z @ f.beta) for f in model.fits]
        # sum_c e^{eta_c} Lambda_c0 at 0 and at each jump, as one product (no running sum over
        # the grid): column l + 1 is S(v_l), column l is S(v_l-).
        cumulative = np.column_stack(self.relative) @ np.vstack([np.r_[0.0, np.cumsum(b)] for b in model.base])
        survival = np.exp(-cumulative)
        self.survival, self.survival_before = survival[:, 1:], survival[:, :-1]
        self.increment = self.survival_before * np.outer(self.relative[target], model.base[target])
        self.incidence = np.cumsum(self.increment, axis=1)                   # F(v_l)
        self.baseline = [np.cumsum(b) for b in model.base]                   # Lambda_c0(v_l)
        self._h: dict[int, np.ndarray] = {}
        self._slope: dict[int, np.ndarray] = {}
        self.at_times = np.searchsorted(grid, times, side="right") - 1       # last jump <= s (-1: none)
        self.at_jumps = np.searchsorted(grid, jumps, side="right") - 1
        self.before_jumps = np.searchsorted(grid, jumps, side="left") - 1    # last jump < u
        self.risk_times = self._take(self.incidence, self.at_times, 0.0)
        self.risk_jumps = self._take(self.incidence, self.at_jumps, 0.0)
        self.survival_jumps = self._take(self.survival, self.before_jumps, 1.0)

    def h(self, c: int) -> np.ndarray:
        r""":math:`H_c(v_l) = \sum_{w \le l} dF(v_w) e^{\eta_c}\Lambda_{c0}(v_w-)`, so that
        :math:`\partial F(s)/\partial\beta_c = z (1\{c=k\} F(s) - H_c(s))`."""
        if c not in self._h:
            base = self.model.base[c]
            self._h[c] = np.cumsum(self.increment * (self.baseline[c] - base)[None, :], axis=1) \
                * self.relative[c][:, None]
        return self._h[c]

    def slope(self, c: int) -> np.ndarray:
        r""":math:`e^{\eta_c}\,(1\{c=k\} S(v_l-) + F(v_l))`, the part of
        :math:`\partial F(s)/\partial d\Lambda_{c0}(v_l)` that does not depend on s (l at or before s)."""
        if c not in self._slope:
            base = self.survival_before + self.incidence if c == self.model.target else self.incidence
            self._slope[c] = base * self.relative[c][:, None]
        return self._slope[c]

    @staticmethod
    def _take(values, index, default):
        if values.shape[1] == 0:
            return np.full((values.shape[0], len(index)), default)
        return np.where(index[None, :] >= 0, values[:, np.maximum(index, 0)], default)

    def accumulate(self, k: int, omega_tau, omega_u, kappa_u, j: int) -> None:
        model = self.model
        n_grid = len(model.grid)
        if n_grid == 0:
            return
        at_tau = self.at_times[k]
        at_u, before_u = self.at_jumps[:j], self.before_jumps[:j]
        # Omega_i(l) = sum of omega_i(s) over points s with last jump >= l.
        reverse = np.concatenate([np.cumsum(omega_u[:, ::-1], axis=1)[:, ::-1],
                                  np.zeros((len(omega_u), 1))], axis=1)
        first = np.searchsorted(at_u, np.arange(n_grid), side="left")
        omega = np.take(reverse, first, axis=1)
        omega[:, : at_tau + 1] += omega_tau[:, None]
        f_u = self.risk_jumps[:, :j]
        s_u = self.survival_jumps[:, :j]
        f_tau = self.risk_times[:, k]
        for c, r in enumerate(self.relative):
            own = c == model.target
            model.weights[c][:, k] += np.einsum("il,il->l", self.slope(c), omega)
            tail = model.tails[c][:, k]
            if at_tau >= 0:
                tail[at_tau] += r @ (omega_tau * f_tau)
            inside = at_u >= 0
            np.add.at(tail, at_u[inside], (r @ (omega_u * f_u))[inside])
            known = before_u >= 0
            np.add.at(tail, before_u[known], -(r @ (kappa_u / s_u))[known])
            # Coefficients: dF(s)/d beta_c = z (1{c=k} F(s) - H_c(s)); d(1/S(u-))/d beta_c = z r Lambda_c0(u-)/S(u-).
            h_tau = self._take(self.h(c), np.array([at_tau]), 0.0)[:, 0]
            h_u = self._take(self.h(c), at_u, 0.0)
            lam_u = np.where(before_u >= 0, self.baseline[c][np.maximum(before_u, 0)], 0.0)
            per_patient = (omega_tau * ((f_tau if own else 0.0) - h_tau)
                           + np.sum(omega_u * ((f_u if own else 0.0) - h_u), axis=1)
                           + r * np.sum(kappa_u * lam_u[None, :] / s_u, axis=1))
            model.gradients[c][:, k] += self.z.T @ per_patient


def _on_grid(fit: BreslowFit, grid: np.ndarray) -> np.ndarray:
    """Baseline hazard jumps of ``fit`` on the pooled grid (0 where it has none)."""
    out = np.zeros(len(grid))
    if len(grid):
        inside = fit.jumps <= grid[-1]
        out[np.searchsorted(grid, fit.jumps[inside])] = fit.hazard[inside]
    return out


def _from_grid(fit: BreslowFit, grid: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Weights on the pooled grid back to ``fit``'s own jumps (0 beyond the grid)."""
    out = np.zeros((len(fit.jumps), values.shape[1]))
    if len(grid):
        inside = fit.jumps <= grid[-1]
        out[inside] = values[np.searchsorted(grid, fit.jumps[inside])]
    return out


__all__ = ["augmented_risks"]
