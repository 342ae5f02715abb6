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
import pandas as pd


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
    def build(cls, time: np.ndarray, codes_status: np.ndarray, x: np.ndarray, cause: int, censor_code: int) -> SortedData:
        # Hash the times, then sort the small integer codes: a stable radix sort
        # when there are < 65,536 distinct times (days, or times to 0.01).
        codes, distinct = pd.factorize(time, sort=True)
        distinct = np.asarray(distinct, dtype=np.float64)
        keys = codes.astype(np.uint16) if distinct.size < 65_536 else codes
        order = np.argsort(keys, kind="stable")
        failed_any = codes_status == cause
        censored_any = codes_status == censor_code
        per_time = np.bincount(codes, minlength=distinct.size)
        cens_per_time = np.bincount(codes, weights=censored_any, minlength=distinct.size)
        fail_per_time = np.bincount(codes, weights=failed_any, minlength=distinct.size)
        first = np.concatenate([[0], np.cumsum(per_time)[:-1]])
        shift = x.mean(axis=0)
        xt = np.ascontiguousarray(np.take(x.T, order, axis=1))  # ~3x faster than x[order].T
        xt -= shift[:, None]
        failed = failed_any[order]
        censored = censored_any[order]
        competing = ~failed & ~censored
        time_index = codes[order]
        at_risk = time.size - first.astype(np.float64)
        # Kaplan-Meier of the censoring distribution. crr reads it just before each
        # time, except at t = 0 where its approx() call returns the value after
        # the censorings at 0; both are reproduced.
        g_after = np.cumprod(1.0 - cens_per_time / at_risk)
        g_before = np.concatenate([[1.0], g_after[:-1]])
        if distinct[0] == 0.0:
            g_before[0] = g_after[0]
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
        xt, e, rank = self.xt, fit.exp_eta, self.fail_rank
        a = self.d / fit.s0  # jumps of the baseline subdistribution hazard
        bx = fit.xbar.T * a  # (p, K)
        ga, gb = self.g_fail * a, self.g_fail * bx
        # Sums over failure times t_k <= t_i (index rank_i) and t_k > t_i, zero-padded
        # at index 0 so that every per-subject value is one gather.
        up_a, after_a = _cum0(a), ga.sum() - _cum0(ga)
        up_b, after_b = _cum0(bx), gb.sum(axis=1, keepdims=True) - _cum0(gb)
        xbar0 = _cum0(np.zeros_like(bx))
        xbar0[:, 1:] = fit.xbar.T  # xbar at the subject's own failure time
        e_g = e * self.inv_g
        failed = self.failed.astype(np.float64)
        # eta_i = dN_i (x_i - xbar_i) - e_i sum_k w_i(t_k) (x_i - xbar_k) dLambda_k
        total = xt * (failed - e * up_a[rank] - e_g * after_a[rank])
        p = self.p
        per_rank = np.take(np.concatenate([up_b, after_b, xbar0]), rank, axis=1)  # one gather
        total += per_rank[:p] * e
        total += per_rank[p : 2 * p] * e_g
        total -= per_rank[2 * p :] * failed

        # psi_i: q(u) at each censoring time u, q(u) = R1(u) P(u) - R0(u) Q(u)
        first = self.cens_first
        r0 = _cum0(e_g)[first]
        r1 = _cum0(xt * e_g)[:, first]  # (p, C)
        k_from = np.searchsorted(self.position, first, side="left")
        p_tail = np.concatenate([np.cumsum(ga[::-1])[::-1], [0.0]])[k_from]
        q_tail = np.concatenate([np.cumsum(gb[:, ::-1], axis=1)[:, ::-1], np.zeros((self.p, 1))], axis=1)[:, k_from]
        q = r1 * p_tail - r0 * q_tail
        pi = self.cens_at_risk
        running = -_cum0(q * (self.cens_count / (pi * pi)))  # index c + 1: censoring times <= u_c
        own = _cum0(np.zeros_like(q))
        own[:, 1:] = q / pi
        per_rank = np.take(np.concatenate([running, own]), self.cens_rank + 1, axis=1)
        total += per_rank[:p]
        total += per_rank[p:] * self.censored
        return total @ total.T

    def baseline_jumps(self, b: np.ndarray, fit: Evaluation) -> np.ndarray:
        """crr's bfitj: d_k / S0(t_k) on the original (uncentred) covariate scale."""
        return self.d / (fit.s0 * np.exp(self.shift @ b))


def _cum0(values: np.ndarray) -> np.ndarray:
    """Cumulative sum along the last axis with a leading 0: out[..., j] = sum of values[..., :j]."""
    out = np.zeros(values.shape[:-1] + (values.shape[-1] + 1,))
    np.cumsum(values, axis=-1, out=out[..., 1:])
    return out
