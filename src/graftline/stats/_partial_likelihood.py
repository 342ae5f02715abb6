r"""The Cox partial likelihood on counting-process data, and its residuals.

Shared by every Cox-type model (``cox_ph``, cause-specific and
transition-specific hazards, ``cox_zph``): rows are ``(start, stop]``
intervals with case weights and strata, ties by Efron or Breslow, exactly
as R survival's ``agfit4``/``coxfit6`` (Newton-Raphson with step halving)
and ``agscore3``/``agmart3`` (score and martingale residuals).

With risk score :math:`r_i = e^{x_i^T\beta}`, case weight :math:`w_i`, at
event time :math:`t_k` with :math:`d_k` events (weights summing to
:math:`\omega_k`), :math:`S_0, S_1` the sums of :math:`w r` and
:math:`w r x` over the rows at risk and :math:`D_0, D_1` over the events,
Efron's likelihood has one term per event, :math:`l = 0..d_k-1`,
:math:`f_l = l/d_k` (Breslow: :math:`f_l = 0`):

.. math::

    \ell = \sum_{\text{events}} w_i x_i^T\beta
        - \sum_k \sum_l \tfrac{\omega_k}{d_k} \log(S_0 - f_l D_0),
    \quad m_l = \frac{S_1 - f_l D_1}{S_0 - f_l D_0}.

The score is :math:`\sum w_i x_i - \sum \tfrac{\omega_k}{d_k} m_l`. The
information :math:`\sum \tfrac{\omega_k}{d_k}[(S_2 - f_l D_2)/(S_0 - f_l
D_0) - m_l m_l^T]` is computed without any per-time second moments: with
:math:`h_k = \sum_l \tfrac{\omega_k}{d_k}/(S_0 - f_l D_0)` and
:math:`g_k = \sum_l \tfrac{\omega_k}{d_k} f_l/(S_0 - f_l D_0)`, the
:math:`S_2` part is :math:`\sum_i w_i r_i H_i x_i x_i^T` (:math:`H_i` the sum
of :math:`h_k` over row *i*'s risk window) minus
:math:`\sum_{\text{events}} w_i r_i g_k x_i x_i^T`: two matrix products
(BLAS) instead of :math:`p(p+1)/2` risk-set sums per iteration.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg

from graftline.stats._counting_process import RiskSets


class SingularInformation(ArithmeticError):
    """The information matrix is not positive definite (a covariate does not vary)."""


@dataclass(frozen=True)
class Evaluation:
    """Partial log-likelihood, score and information at one ``beta``, and the
    per-event-time pieces the residuals reuse.

    Per-cell arrays (one row per event time of a stratum) are scaled by
    ``exp(shift)`` where they hold inverse risk sums; risks of rows are
    ``exp(eta - shift)``, so products are scale-free.
    """

    beta: np.ndarray
    loglik: float
    score: np.ndarray
    information: np.ndarray
    eta: np.ndarray          # x beta (centred x), used rows
    shift: float             # max(eta)
    at_risk: np.ndarray      # S0, S1 per cell, (cells, 1 + p)
    tied: np.ndarray         # D0, D1 per cell
    hazard: np.ndarray       # h_k = sum_l (omega/d) / den_l
    tied_hazard: np.ndarray  # g_k = sum_l (omega/d) f_l / den_l (0 for Breslow)
    inverse_squares: np.ndarray  # (cells, 3): sum_l (omega/d) f_l^j / den_l^2, j = 0, 1, 2
    mean: np.ndarray         # per cell: average over the Efron terms of the risk-set mean
    window_hazard: np.ndarray  # H_i per used row


@dataclass(frozen=True)
class PartialLikelihood:
    """Counting-process Cox data, sorted into risk sets once; see the module notes.

    Covariates are kept transposed, (p x rows), so that every per-row pass
    (products with the risk, segment sums) runs along contiguous memory.
    """

    risk_sets: RiskSets
    xt: np.ndarray             # used rows, centred, shape (p, n_used)
    center: np.ndarray
    weight: np.ndarray         # used rows
    xt_death: np.ndarray       # x of the events, in cell order, shape (p, events)
    weight_death: np.ndarray
    death_start: np.ndarray    # first event of each cell in xt_death
    efron_cell: np.ndarray     # one per event: its cell
    efron_fraction: np.ndarray  # l / d
    efron_weight: np.ndarray   # omega_k / d_k of its cell
    omega: np.ndarray          # per cell: sum of the events' weights
    weighted_death_x: np.ndarray  # sum over events of w x
    ties: str

    @classmethod
    def build(cls, x: np.ndarray, stop: np.ndarray, event: np.ndarray, *, start: np.ndarray | None,
              weight: np.ndarray, stratum: np.ndarray, ties: str) -> PartialLikelihood:
        risk_sets = RiskSets.build(stop, event, stratum, start)
        used = risk_sets.used
        center = x.mean(axis=0)  # centring keeps exp(x beta) well scaled; beta is unchanged
        xt = np.take(np.ascontiguousarray(x.T), used, axis=1)
        xt -= center[:, None]
        w = weight[used]
        d = risk_sets.n_deaths
        efron_cell = np.repeat(np.arange(len(d)), d)
        death_start = np.r_[0, np.cumsum(d)[:-1]].astype(np.intp)
        fraction = (np.arange(len(efron_cell)) - death_start[efron_cell]) / d[efron_cell]
        death = risk_sets.death
        xt_death = np.ascontiguousarray(xt[:, death])
        weight_death = w[death]
        omega = np.add.reduceat(weight_death, death_start) if len(d) else np.zeros(0)
        return cls(risk_sets=risk_sets, xt=xt, center=center, weight=w, xt_death=xt_death,
                   weight_death=weight_death, death_start=death_start, efron_cell=efron_cell,
                   efron_fraction=fraction, efron_weight=omega[efron_cell] / d[efron_cell],
                   omega=omega, weighted_death_x=xt_death @ weight_death, ties=ties)

    @property
    def p(self) -> int:
        return self.xt.shape[0]

    @property
    def x(self) -> np.ndarray:
        """Centred covariates of the used rows, (rows x p) (a view)."""
        return self.xt.T

    @property
    def x_death(self) -> np.ndarray:
        """Centred covariates of the events, (events x p) (a view)."""
        return self.xt_death.T

    def evaluate(self, beta: np.ndarray) -> Evaluation:
        """Log-likelihood, score and information at ``beta``."""
        rs, xt = self.risk_sets, self.xt
        p = self.p
        eta = beta @ xt
        shift = float(eta.max()) if len(eta) else 0.0
        weighted_risk = np.exp(eta - shift)
        weighted_risk *= self.weight  # <= max(w): cannot overflow
        columns = np.empty((1 + p, len(eta)))
        columns[0] = weighted_risk
        np.multiply(xt, weighted_risk, out=columns[1:])
        at_risk = rs.at_risk_sums(columns)
        eta_death = beta @ self.xt_death
        risk_death = np.exp(eta_death - shift) * self.weight_death
        death_columns = np.empty((1 + p, len(eta_death)))
        death_columns[0] = risk_death
        np.multiply(self.xt_death, risk_death, out=death_columns[1:])
        tied = np.ascontiguousarray(np.add.reduceat(death_columns, self.death_start, axis=1).T)
        s0, s1, d0, d1 = at_risk[:, 0], at_risk[:, 1:], tied[:, 0], tied[:, 1:]
        m = rs.n_cells
        if self.ties == "breslow":
            # Every term of a tied time is the same: one per time, weight omega.
            log_sum = self.omega @ np.log(s0)
            hazard = self.omega / s0
            tied_hazard = np.zeros(m)
            squares = np.zeros((m, 3))
            squares[:, 0] = hazard / s0
            mean = s1 / s0[:, None]
        else:
            cell, f, ew = self.efron_cell, self.efron_fraction, self.efron_weight
            denominator = s0[cell] - f * d0[cell]
            inv = 1.0 / denominator
            log_sum = ew @ np.log(denominator)
            hazard = np.bincount(cell, ew * inv, minlength=m)
            tied_hazard = np.bincount(cell, ew * f * inv, minlength=m)
            inv2 = ew * inv * inv
            squares = np.column_stack([np.bincount(cell, inv2, minlength=m),
                                       np.bincount(cell, f * inv2, minlength=m),
                                       np.bincount(cell, f * f * inv2, minlength=m)])
            d = rs.n_deaths
            mean = (s1 * np.bincount(cell, inv, minlength=m)[:, None]
                    - d1 * np.bincount(cell, f * inv, minlength=m)[:, None]) / d[:, None]
        loglik = float(self.weight_death @ eta_death - log_sum - self.omega.sum() * shift)
        score = self.weighted_death_x - (s1.T @ hazard - d1.T @ tied_hazard)
        window_hazard = rs.window_sums(hazard)[:, 0]
        second_moment_weight = weighted_risk * window_hazard
        if self.ties == "efron":  # the events' own D2 terms, folded into the same product
            second_moment_weight[rs.death] -= risk_death * np.repeat(tied_hazard, rs.n_deaths)
        information = weighted_cross(xt, second_moment_weight)
        # minus sum_l (omega/d) m_l m_l^T, with m_l = (S1 - f_l D1) / den_l
        cross = (s1 * squares[:, 1:2]).T @ d1
        information -= (s1 * squares[:, 0:1]).T @ s1 - cross - cross.T
        if self.ties == "efron":
            information -= (d1 * squares[:, 2:3]).T @ d1
        return Evaluation(beta=beta, loglik=loglik, score=score, information=information, eta=eta,
                          shift=shift, at_risk=at_risk, tied=tied, hazard=hazard,
                          tied_hazard=tied_hazard, inverse_squares=squares, mean=mean,
                          window_hazard=window_hazard)

    # Residuals (per used row; callers scatter them back with risk_sets.scatter).

    def martingale(self, ev: Evaluation) -> np.ndarray:
        r"""Martingale residuals :math:`\delta_i - r_i \hat\Lambda_i` (unweighted, as
        ``residuals.coxph``); Efron: an event's own time counts with weight
        :math:`1 - f_l` per term."""
        rs = self.risk_sets
        risk = np.exp(ev.eta - ev.shift)
        residual = -risk * ev.window_hazard
        death = rs.death
        residual[death] += 1.0 + risk[death] * ev.tied_hazard[rs.death_cell]
        return residual

    def schoenfeld(self, ev: Evaluation) -> np.ndarray:
        """Schoenfeld residuals, one row per event in cell order: x minus the
        (Efron: average over the terms of the) risk-set mean at its time."""
        return self.x_death - ev.mean[self.risk_sets.death_cell]

    def score_residuals(self, ev: Evaluation) -> np.ndarray:
        r"""Score residuals :math:`\int (x_i - \bar x(t))\,dM_i(t)` per used row
        (unweighted), with Efron's per-term means; their weighted sum is the score."""
        rs = self.risk_sets
        s1, d1 = ev.at_risk[:, 1:], ev.tied[:, 1:]
        q = ev.inverse_squares
        per_cell = s1 * q[:, 0:1] - d1 * q[:, 1:2]   # sum_l (omega/d) m_l / den_l
        risk = np.exp(ev.eta - ev.shift)
        residual = rs.window_sums(per_cell)
        residual -= self.x * ev.window_hazard[:, None]
        residual *= risk[:, None]
        death, dcell = rs.death, rs.death_cell
        residual[death] += self.x_death - ev.mean[dcell]
        if self.ties == "efron":
            tied_per_cell = s1 * q[:, 1:2] - d1 * q[:, 2:3]  # sum_l (omega/d) f_l m_l / den_l
            residual[death] += risk[death, None] * (
                self.x_death * ev.tied_hazard[dcell, None] - tied_per_cell[dcell])
        return residual


def weighted_cross(xt: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """x^T diag(weight) x for covariates given transposed, ``xt`` (p x rows).

    With weights >= 0 (the information) as y y^T, y = xt sqrt(w): NumPy hands
    ``y @ y.T`` to BLAS syrk, half the work of a general product; otherwise
    (cox_zph's centred time weights) as a general product.
    """
    if weight.size and weight.min() >= 0:
        y = xt * np.sqrt(weight)
        return y @ y.T
    return (xt * weight) @ xt.T


@dataclass(frozen=True)
class NewtonFit:
    """Result of :func:`newton_raphson`."""

    initial: Evaluation
    final: Evaluation
    score_statistic: float
    iterations: int
    converged: bool


def newton_raphson(problem: PartialLikelihood, *, max_iter: int, tolerance: float) -> NewtonFit:
    r"""Maximise the partial likelihood exactly as R's ``coxfit6``/``agfit4``.

    Start at 0; Newton step :math:`\beta + I^{-1}U`; when the log-likelihood
    falls, go half way back; stop when :math:`|1 - \ell_{old}/\ell_{new}|
    \le` ``tolerance`` after a full step. The estimate is the last evaluated
    step (as R's), and the score test comes from the first step.

    Raises
    ------
    SingularInformation
        The information cannot be factorised.
    """
    beta = np.zeros(problem.p)
    current = problem.evaluate(beta)
    initial = current
    first_step = solve(current.information, current.score)
    score_statistic = float(current.score @ first_step)
    new_beta = beta + first_step
    halving = False
    converged = False
    iterations = 0
    candidate = current
    for iterations in range(1, max_iter + 1):  # noqa: B007 - iterations is reported
        candidate = problem.evaluate(new_beta)
        if abs(1 - current.loglik / candidate.loglik) <= tolerance and not halving:
            converged = True
            break
        if iterations == max_iter:
            break
        if candidate.loglik < current.loglik:
            halving = True  # the step overshot: go half way back, as coxfit6
            new_beta = (new_beta + current.beta) / 2
        else:
            halving = False
            current = candidate
            new_beta = current.beta + solve(candidate.information, candidate.score)
    return NewtonFit(initial=initial, final=candidate, score_statistic=score_statistic,
                     iterations=iterations, converged=converged)


def solve(information: np.ndarray, right: np.ndarray) -> np.ndarray:
    """``information^{-1} right`` by Cholesky; SingularInformation if not positive definite."""
    try:
        factor = scipy.linalg.cho_factor(information)
    except np.linalg.LinAlgError:
        raise SingularInformation from None
    return scipy.linalg.cho_solve(factor, right)


def inverse(information: np.ndarray) -> np.ndarray:
    return solve(information, np.eye(len(information)))
