"""Running sums over time-sorted subjects for the Fine-Gray estimating equations.

cmprsk's ``crr.f`` re-scans all n subjects at each failure time. Here the
subjects are sorted once and every risk-set sum is a prefix or suffix sum,
read at the K distinct failure times; per-subject sums over failure times
are gathers from cumulative sums over those K times. Covariates are kept as
a (p, n) array so every running sum runs along contiguous memory.

Notation: t_k distinct failure times of the cause, d_k failures at t_k,
G(t-) the Kaplan-Meier censoring survival just before t, e_i = exp(x_i'b),
w_i(t) = 1 if t_i >= t, G(t-)/G(t_i-) if i failed from another cause before
t, else 0, and S_r(t) = sum_i w_i(t) e_i x_i^{(r)}.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Evaluation:
    """Log pseudo-likelihood, score and information at one coefficient vector."""

    loglik: float
    score: np.ndarray
    information: np.ndarray
    exp_eta: np.ndarray
    s0: np.ndarray
    xbar: np.ndarray  # (K, p)


@dataclass(frozen=True)
class SortedData:
    """Subjects in time order and everything that does not depend on the coefficients."""

    xt: np.ndarray  # (p, n) centred covariates, time order
    shift: np.ndarray  # column means removed (the likelihood does not change)
    failed: np.ndarray  # bool (n,), failure from the cause
    censored: np.ndarray  # bool (n,)
    inv_g: np.ndarray  # (n,) 1 / G(t_i-) for competing failures, else 0
    position: np.ndarray  # (K,) first sorted index of each distinct failure time
    fail_rank: np.ndarray  # (n,) number of failure times <= t_i
    d: np.ndarray  # (K,)
    g_fail: np.ndarray  # (K,) G(t_k-)
    failure_times: np.ndarray  # (K,)
    failure_sum: np.ndarray  # (p,) sum of x over the failures
    cens_first: np.ndarray  # (C,) first sorted index of each distinct time with a censoring
    cens_count: np.ndarray  # (C,)
    cens_at_risk: np.ndarray  # (C,) subjects with t >= that time
    cens_rank: np.ndarray  # (n,) index of the last censoring time <= t_i (-1 if none)

    @property
    def p(self) -> int:
        return self.xt.shape[0]

    @classmethod
    def build(cls, time: np.ndarray, codes: np.ndarray, x: np.ndarray, cause: int, censor_code: int) -> SortedData:
        order = np.argsort(time, kind="stable")
        time = time[order]
        codes = codes[order]
        shift = x.mean(axis=0)
        xt = np.ascontiguousarray((x[order] - shift).T)
        failed = codes == cause
        censored = codes == censor_code
        competing = ~failed & ~censored
        new_time = np.empty(time.size, dtype=bool)
        new_time[0] = True
        np.not_equal(time[1:], time[:-1], out=new_time[1:])
        first = np.flatnonzero(new_time)
        distinct = time[first]
        cens_per_time = np.add.reduceat(censored.astype(np.float64), first)
        fail_per_time = np.add.reduceat(failed.astype(np.float64), first)
        at_risk = time.size - first.astype(np.float64)
        # Kaplan-Meier of the censoring distribution. crr reads it just before each
        # time, except at t = 0 where its approx() call returns the value after
        # the censorings at 0; both are reproduced.
        g_after = np.cumprod(1.0 - cens_per_time / at_risk)
        g_before = np.concatenate([[1.0], g_after[:-1]])
        if distinct[0] == 0.0:
            g_before[0] = g_after[0]
        time_index = np.cumsum(new_time) - 1
        with np.errstate(divide="ignore"):
            inv_g = np.where(competing, 1.0 / g_before[time_index], 0.0)
        has_failure = fail_per_time > 0
        has_censoring = cens_per_time > 0
        return cls(
            xt=xt, shift=shift, failed=failed, censored=censored, inv_g=inv_g,
            position=first[has_failure], fail_rank=np.cumsum(has_failure)[time_index],
            d=fail_per_time[has_failure], g_fail=g_before[has_failure],
            failure_times=distinct[has_failure], failure_sum=xt[:, failed].sum(axis=1),
            cens_first=first[has_censoring], cens_count=cens_per_time[has_censoring],
            cens_at_risk=at_risk[has_censoring], cens_rank=(np.cumsum(has_censoring) - 1)[time_index],
        )

    def _risk_sums(self, values: np.ndarray) -> np.ndarray:
        """S(t_k) for per-subject values (..., n): suffix at risk + G(t_k-) prefix of competing."""
        segments = np.add.reduceat(values, self.position, axis=-1)
        at_risk = np.cumsum(segments[..., ::-1], axis=-1)[..., ::-1]
        weighted = values * self.inv_g
        segments = np.add.reduceat(weighted, self.position, axis=-1)
        head = weighted[..., : self.position[0]].sum(axis=-1)
        before = np.cumsum(segments, axis=-1) - segments + head[..., None]
        return at_risk + self.g_fail * before

    def loglik(self, b: np.ndarray) -> float:
        with np.errstate(over="ignore", invalid="ignore"):
            s0 = self._risk_sums(np.exp(b @ self.xt))
            return float(self.failure_sum @ b - self.d @ np.log(s0))

    def evaluate(self, b: np.ndarray) -> Evaluation:
        exp_eta = np.exp(b @ self.xt)
        s0 = self._risk_sums(exp_eta)
        s1 = self._risk_sums(self.xt * exp_eta)  # (p, K)
        xbar = (s1 / s0).T
        loglik = float(self.failure_sum @ b - self.d @ np.log(s0))
        score = self.failure_sum - self.d @ xbar
        # sum_k d_k S2(t_k)/S0(t_k) = X' diag(c) X with c_i = e_i sum_k w_i(t_k) d_k / S0(t_k)
        c = exp_eta * self._per_subject(self.d / s0)
        information = (self.xt * c) @ self.xt.T - (xbar.T * self.d) @ xbar
        return Evaluation(loglik, score, information, exp_eta, s0, xbar)

    def _per_subject(self, jumps: np.ndarray) -> np.ndarray:
        """sum_k w_i(t_k) jumps_k / e_i for every subject i; jumps is (..., K)."""
        zero = np.zeros(jumps.shape[:-1] + (1,))
        up_to = np.concatenate([zero, np.cumsum(jumps, axis=-1)], axis=-1)
        weighted = self.g_fail * jumps
        cumulative = np.concatenate([zero, np.cumsum(weighted, axis=-1)], axis=-1)
        after = weighted.sum(axis=-1)[..., None] - cumulative
        return up_to[..., self.fail_rank] + self.inv_g * after[..., self.fail_rank]

    def sandwich_meat(self, fit: Evaluation) -> np.ndarray:
        """sum_i (eta_i + psi_i)(eta_i + psi_i)' as crr's crrvv computes it.

        eta_i: score residual, dN_i(x_i - xbar) - integral of w_i e_i (x_i - xbar) dLambda.
        psi_i: censoring-distribution term, int q(u) dM^c_i(u) / pi(u) with
        q(u) = sum_{t_k >= u} G(t_k-) d_k / S0_k * sum_{competing j, t_j < u} e_j (x_j - xbar_k) / G(t_j-).
        """
        xt, e = self.xt, fit.exp_eta
        a = self.d / fit.s0  # jumps of the baseline subdistribution hazard
        bx = fit.xbar.T * a  # (p, K)
        eta = np.where(self.failed, xt - fit.xbar.T[:, np.maximum(self.fail_rank - 1, 0)], 0.0)
        eta -= e * (xt * self._per_subject(a) - self._per_subject(bx))

        ga, gb = self.g_fail * a, self.g_fail * bx
        first = self.cens_first
        r0 = np.concatenate([[0.0], np.cumsum(e * self.inv_g)])[first]
        r1 = np.cumsum(xt * (e * self.inv_g), axis=1)
        r1 = np.where(first > 0, r1[:, np.maximum(first - 1, 0)], 0.0)  # (p, C)
        k_from = np.searchsorted(self.position, first, side="left")
        p_tail = np.concatenate([np.cumsum(ga[::-1])[::-1], [0.0]])[k_from]
        q_tail = np.concatenate([np.cumsum(gb[:, ::-1], axis=1)[:, ::-1], np.zeros((self.p, 1))], axis=1)[:, k_from]
        q = r1 * p_tail - r0 * q_tail  # (p, C)
        pi = self.cens_at_risk
        running = -np.cumsum(q * (self.cens_count / (pi * pi)), axis=1)
        rank = np.maximum(self.cens_rank, 0)
        psi = np.where(self.cens_rank >= 0, running[:, rank], 0.0)
        psi += np.where(self.censored, q[:, rank] / pi[rank], 0.0)
        total = eta + psi
        return total @ total.T

    def baseline_jumps(self, b: np.ndarray) -> np.ndarray:
        """crr's bfitj: d_k / S0(t_k) on the original (uncentred) covariate scale."""
        s0 = self._risk_sums(np.exp(b @ self.xt)) * np.exp(self.shift @ b)
        return self.d / s0
