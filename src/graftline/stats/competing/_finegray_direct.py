"""Fine-Gray estimating equations one failure time at a time, for what the
running sums of ``_finegray_sums`` cannot hold: covariates multiplied by
functions of time (crr's ``cov2``/``tf``) and a censoring distribution per
group (crr's ``cengroup``).

Each quantity is the formula of ``cmprsk``'s ``crr.f`` (``crrfsv``,
``crrf``, ``crrvv``) evaluated for all subjects at once at each distinct
failure time t_k, so a Newton step costs O(n K p^2) (crr: O(n^2 p^2)).
Notation as in ``_finegray_sums``; with groups, a subject j that failed from
another cause before t keeps weight G_{g_j}(t-)/G_{g_j}(t_j-), its own
group's censoring distribution, and the censoring martingale of the variance
is taken within each group, q_g(u) built from group g's own failures and
competing failures (cmprsk 2.2-11's ``crrvv``; found by checking candidate
formulas against it, since only older crr.f sources are public, and those
summed q over all groups).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class DirectEvaluation:
    loglik: float
    score: np.ndarray
    information: np.ndarray
    s0: np.ndarray      # (K,)
    xbar: np.ndarray    # (K, p)


@dataclass(frozen=True)
class DirectData:
    """Subjects in time order (crr's ``order(ftime)``) and the censoring curves per group."""

    time: np.ndarray
    code: np.ndarray        # 1 failure of the cause, 2 other failure, 0 censored
    group: np.ndarray       # censoring group 0..G-1
    x1: np.ndarray          # (n, p1) centred fixed covariates
    x2: np.ndarray          # (n, q) covariates multiplied by functions of time
    tfs: np.ndarray         # (K, q) the functions at the distinct failure times
    shift: np.ndarray       # column means removed from x1
    g_before: np.ndarray    # (G, n): G_g(t_i-) per crr's approx() rule
    failure_times: np.ndarray
    failure_first: np.ndarray  # (K,) first sorted index with that failure time
    d: np.ndarray           # (K,)
    failure_index: np.ndarray  # per subject: index of its failure time (failures only), else -1

    @property
    def p(self) -> int:
        return self.x1.shape[1] + self.x2.shape[1]

    @classmethod
    def build(cls, time, codes, x1, x2, tf, *, cause, censor_code, group, n_groups) -> DirectData:
        order = np.argsort(time, kind="stable")
        t = time[order]
        raw = codes[order]
        code = np.where(raw == cause, 1, np.where(raw == censor_code, 0, 2))
        grp = group[order]
        shift = x1.mean(axis=0) if x1.shape[1] else np.zeros(0)
        x1s = x1[order] - shift
        x2s = x2[order]
        failure_times = np.unique(t[code == 1])
        failure_first = np.searchsorted(t, failure_times, side="left")
        d = np.bincount(np.searchsorted(failure_times, t[code == 1]), minlength=len(failure_times)).astype(float)
        tfs = np.zeros((len(failure_times), x2.shape[1]))
        if x2.shape[1]:
            tfs = np.asarray(tf(failure_times), dtype=np.float64).reshape(len(failure_times), -1)
        g_before = np.vstack([_censoring_before(t, code == 0, grp == g) for g in range(n_groups)])
        failure_index = np.where(code == 1, np.searchsorted(failure_times, t), -1)
        return cls(time=t, code=code, group=grp, x1=x1s, x2=x2s, tfs=tfs, shift=shift, g_before=g_before,
                   failure_times=failure_times, failure_first=failure_first, d=d, failure_index=failure_index)

    def _at(self, k: int, b: np.ndarray):
        """Covariates, exp(z b) and subdistribution weights of every subject at t_k."""
        z = np.hstack([self.x1, self.x2 * self.tfs[k]]) if self.x2.shape[1] else self.x1
        e = np.exp(z @ b)
        first = self.failure_first[k]
        weight = np.zeros(len(self.time))
        weight[first:] = 1.0
        before = np.flatnonzero(self.code[:first] == 2)
        g = self.group[before]
        with np.errstate(divide="ignore", invalid="ignore"):
            weight[before] = self.g_before[g, first] / self.g_before[g, before]
        return z, e, weight

    def loglik(self, b: np.ndarray) -> float:
        return self.evaluate(b, information=False).loglik

    def evaluate(self, b: np.ndarray, *, information: bool = True) -> DirectEvaluation:
        p = self.p
        loglik, score, info = 0.0, np.zeros(p), np.zeros((p, p))
        s0 = np.zeros(len(self.d))
        xbar = np.zeros((len(self.d), p))
        failed = self.code == 1
        for k in range(len(self.d)):
            z, e, weight = self._at(k, b)
            we = weight * e
            total = we.sum()
            mean = we @ z / total
            own = failed & (self.failure_index == k)
            loglik += float((z[own] @ b).sum()) - self.d[k] * np.log(total)
            score += z[own].sum(axis=0) - self.d[k] * mean
            if information:
                centred = z - mean
                info += self.d[k] * (centred * we[:, None]).T @ centred / total
            s0[k], xbar[k] = total, mean
        return DirectEvaluation(loglik, score, info, s0, xbar)

    def sandwich_meat(self, b: np.ndarray, fit: DirectEvaluation) -> np.ndarray:
        """sum_i (eta_i + psi_i)(eta_i + psi_i)^T as crr's ``crrvv``."""
        n, p = len(self.time), self.p
        eta = np.zeros((n, p))
        # Censoring times, their first index, and q(u) there.
        cens_times = np.unique(self.time[self.code == 0])
        cens_first = np.searchsorted(self.time, cens_times, side="left")
        n_groups = self.g_before.shape[0]
        # q_g(u) per censoring group, as cmprsk 2.2-11's crrvv: the failures of
        # the cause in group g at t_k >= u, against the competing subjects of
        # group g that failed before u (older cmprsk summed over all groups).
        q = np.zeros((n_groups, len(cens_times), p))
        competing = self.code == 2
        for k in range(len(self.d)):
            z, e, weight = self._at(k, b)
            a = self.d[k] / fit.s0[k]
            centred = z - fit.xbar[k]
            eta -= (weight * e * a)[:, None] * centred
            own = (self.code == 1) & (self.failure_index == k)
            eta[own] += centred[own]
            upto = cens_times <= self.failure_times[k]
            contribution = np.where(competing, weight * e, 0.0)[:, None] * centred
            for g in range(n_groups):
                failures_g = np.count_nonzero(own & (self.group == g))
                if failures_g == 0:
                    continue
                mine = np.where((self.group == g)[:, None], contribution, 0.0)
                prefix = np.vstack([np.zeros(p), np.cumsum(mine, axis=0)])
                q[g, upto] += failures_g / fit.s0[k] * prefix[cens_first[upto]]
        psi = np.zeros((n, p))
        for g in range(n_groups):
            members = self.group == g
            own_times = self.time[members]  # sorted, as self.time
            at_risk = (len(own_times) - np.searchsorted(own_times, cens_times, side="left")).astype(float)
            censored_here = np.bincount(np.searchsorted(cens_times, self.time[members & (self.code == 0)]),
                                        minlength=len(cens_times)).astype(float)
            qg = q[g]
            with np.errstate(divide="ignore", invalid="ignore"):
                step = np.where(censored_here[:, None] > 0, qg * censored_here[:, None] / at_risk[:, None] ** 2, 0.0)
                own = np.where(at_risk[:, None] > 0, qg / at_risk[:, None], 0.0)
            running = np.vstack([np.zeros(p), -np.cumsum(step, axis=0)])
            last = np.searchsorted(cens_times, self.time[members], side="right")  # censoring times <= t_i
            psi[members] = running[last]
            censored = members & (self.code == 0)
            psi[censored] += own[np.searchsorted(cens_times, self.time[censored])]
        total = eta + psi
        return total.T @ total

    def baseline_jumps(self, b: np.ndarray, fit: DirectEvaluation) -> np.ndarray:
        """crr's bfitj on the original covariate scale (x1 uncentred)."""
        return self.d / (fit.s0 * np.exp(self.shift @ b[: len(self.shift)]))


def _censoring_before(time: np.ndarray, censored: np.ndarray, member: np.ndarray) -> np.ndarray:
    """G_g(t_i-) for every subject i, as crr: the Kaplan-Meier of censoring in
    group g read by approx() just before t_i, after the censorings at 0 when
    t_i = 0, and 0 after the group's last time."""
    own = time[member]
    distinct = np.unique(own)
    at_risk = len(own) - np.searchsorted(np.sort(own), distinct, side="left")
    cens = np.bincount(np.searchsorted(distinct, time[member & censored]), minlength=len(distinct))
    after = np.cumprod(1.0 - cens / at_risk)
    index = np.searchsorted(distinct, time, side="left")  # distinct times < t_i
    value = np.r_[1.0, after][index]
    if distinct.size and distinct[0] == 0:  # approx() reads the value after the censorings at 0
        value = np.where(time == 0, after[0], value)
    return np.where(time > own.max(), 0.0, value)
