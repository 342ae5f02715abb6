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
            inverse_sg = 1.0 / (survival_u * g)
            scaled = d_m * inverse_sg                                             # c_ij = dM / (S G)
            ipw = event[rows] / censor_before[rows, None]
            # Sums over u_j <= tau of (F(tau) - F(u_j)) a_ij are F(tau) A(tau) - B(tau) with
            # running sums A of a and B of F(u) a: one pass for every tau.
            c_sum = _running(scaled, upto)
            integral = risk_tau * c_sum - _running(risk_u * scaled, upto)
            phi[rows] = wb[:, None] * (ipw - risk_tau + integral) + risk_tau
            h[rows] = wb[:, None] * (ipw - risk_tau + integral)
            if not full:
                continue
            # Censoring model in the augmentation, q_ij = (F(tau) - F(u_j)) / (S(u_j-) G(u_j-)):
            # d/d dLambda^c_0(u_l) needs sum_i w_i r_i q_il dM_il and sum_i w_i r_i q_il 1{T_i >= u_l}.
            wr = (wb * rc)[:, None]
            for total, factor in ((later[:n_grid], d_m), (own, at_risk)):
                part = wr * inverse_sg * factor
                total += part.T @ risk_tau - np.sum(part * risk_u, axis=0)[:, None]
            drift = inverse_sg * (hazard_before[None, :] * d_m - at_risk * d_hazard[None, :])
            per_patient = risk_tau * _running(drift, upto) - _running(drift * risk_u, upto)
            censor_gradient += x[rows].T @ (wr * per_patient)
            # Outcome model(s): F(tau) with weight 1 - w + w sum_j c_ij, F(u_j) with -w c_ij,
            # 1/S(u_j-) with w (F(tau) - F(u_j)) dM_ij / G_ij = F(tau) kA_ij - kB_ij.
            kappa = wb[:, None] * d_m / g
            view.accumulate(1.0 - wb[:, None] + wb[:, None] * c_sum, -wb[:, None] * scaled,
                            kappa, kappa * risk_u, upto)
        risk[a] = phi.mean(axis=0)
        psi = (phi - risk[a]) / n
        if full:
            psi = psi + _propensity_influence(h, score, a, propensity, x)
            psi = psi + _censoring_influence(w[:, None] * event / censor_before[:, None], time, censoring, x)
            # d theta / d dLambda^c_0(u_l) = mean_i w_i r_i [sum_{j > l} q_ij dM_ij - 1{T_i >= u_l} q_il],
            # over u_j <= tau only.
            inside = np.arange(n_grid)[:, None] < upto[None, :]
            later[:n_grid] *= inside
            own *= inside
            after = np.cumsum(later[::-1], axis=0)[::-1][1:]
            weight = np.zeros((len(censoring.jumps), m))
            weight[:n_grid] = (after - own) / n
            psi = psi + censoring.influence(weight, censor_gradient / n)
            psi = psi + model.influence(n)
        influence[:, a, :] = psi
    return risk, influence


def _running(values: np.ndarray, upto: np.ndarray) -> np.ndarray:
    """Per row, the sums of ``values`` over the first ``upto[k]`` columns, one column per k.

    A product with the 0/1 matrix of the columns each k takes: BLAS, faster
    than a running sum along the rows for the few times usually asked for.
    """
    mask = (np.arange(values.shape[1])[:, None] < upto[None, :]).astype(np.float64)
    return values @ mask


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

    def accumulate(self, omega_tau, omega_u, kappa_a, kappa_b, upto) -> None:
        """Add one block's derivatives; kappa_ij(tau_k) = F_i(tau_k) kappa_a_ij - kappa_b_ij, u_j <= tau_k."""
        # dF(s)/d dLambda_0(v_l) = r S(s) for l < L(s); d(1/S(u-))/d dLambda_0(v_l) = r/S(u-) for l < L'(u).
        model, r = self.model, self.relative
        weights, cumulative = model.weights[0], model.cumulative
        m = omega_tau.shape[1]
        inside = np.arange(omega_u.shape[1])[:, None] < upto[None, :]            # u_j <= tau_k
        c_tau = omega_tau * r[:, None] * self.s_times
        np.add.at(weights, (self.at_times, np.arange(m)), c_tau.sum(axis=0))
        c_f = omega_u * r[:, None] * self.s_jumps
        np.add.at(weights, self.at_jumps, c_f.sum(axis=0)[:, None] * inside)
        ratio = r[:, None] / self.survival_jumps
        p_s, q_s = kappa_a * ratio, kappa_b * ratio
        np.add.at(weights, self.before_jumps, (p_s.T @ self.risk_times - q_s.sum(axis=0)[:, None]) * inside)
        lam_u, lam_b = cumulative[self.at_jumps], cumulative[self.before_jumps]
        per_patient = (c_tau * cumulative[self.at_times][None, :] + _running(c_f * lam_u, upto)
                       + self.risk_times * _running(p_s * lam_b, upto) - _running(q_s * lam_b, upto))
        model.gradients[0] += self.z.T @ per_patient


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

    def accumulate(self, omega_tau, omega_u, kappa_a, kappa_b, upto) -> None:
        """Add one block's derivatives; kappa_ij(tau_k) = F_i(tau_k) kappa_a_ij - kappa_b_ij, u_j <= tau_k."""
        model = self.model
        n_grid = len(model.grid)
        if n_grid == 0:
            return
        m, n_jumps = omega_tau.shape[1], omega_u.shape[1]
        at_u, before_u = self.at_jumps, self.before_jumps
        inside = np.arange(n_jumps)[:, None] < upto[None, :]                     # u_j <= tau_k
        # Omega_ik(l), the sum of omega_i(s) over points s <= tau_k whose last jump is >= l, is
        # [R_i(first(l)) - R_i(g_k)] 1{first(l) < g_k} + omega_i(tau_k) 1{l <= L(tau_k)} with R the
        # reverse running sum over the censoring times and first(l) the first u_j with last jump >= l.
        reverse = np.zeros((len(omega_u), n_jumps + 1))
        reverse[:, :n_jumps] = np.cumsum(omega_u[:, ::-1], axis=1)[:, ::-1]
        first = np.searchsorted(at_u, np.arange(n_grid), side="left")
        reached = first[:, None] < upto[None, :]
        before_tau = np.arange(n_grid)[:, None] <= self.at_times[None, :]
        gathered = np.take(reverse, first, axis=1)
        f_tau, f_u, s_u = self.risk_times, self.risk_jumps, self.survival_jumps
        for c, r in enumerate(self.relative):
            own = c == model.target
            slope = self.slope(c)
            direct = np.einsum("il,il->l", slope, gathered)[:, None] - slope.T @ reverse[:, upto]
            model.weights[c] += direct * reached + (slope.T @ omega_tau) * before_tau
            tail = model.tails[c]
            valid = self.at_times >= 0
            np.add.at(tail, (self.at_times[valid], np.arange(m)[valid]), (r @ (omega_tau * f_tau))[valid])
            known = at_u >= 0
            np.add.at(tail, at_u[known], ((r @ (omega_u * f_u))[:, None] * inside)[known])
            ratio = r[:, None] / s_u
            inverse = ((ratio * kappa_a).T @ f_tau - np.sum(ratio * kappa_b, axis=0)[:, None]) * inside
            known = before_u >= 0
            np.add.at(tail, before_u[known], -inverse[known])
            # Coefficients: dF(s)/d beta_c = z (1{c=k} F(s) - H_c(s)); d(1/S(u-))/d beta_c = z r Lambda_c0(u-)/S(u-).
            h = self.h(c)
            h_tau, h_u = self._take(h, self.at_times, 0.0), self._take(h, at_u, 0.0)
            lam_u = np.where(before_u >= 0, self.baseline[c][np.maximum(before_u, 0)], 0.0)[None, :] / s_u
            per_patient = (omega_tau * ((f_tau if own else 0.0) - h_tau)
                           + _running(omega_u * ((f_u if own else 0.0) - h_u), upto)
                           + r[:, None] * (f_tau * _running(kappa_a * lam_u, upto) - _running(kappa_b * lam_u, upto)))
            model.gradients[c] += self.z.T @ per_patient


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
