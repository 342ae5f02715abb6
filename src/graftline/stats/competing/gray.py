r"""Gray's K-sample test for cumulative incidence, equal to ``cmprsk::cuminc``'s Tests.

The score and its variance are those of cmprsk's Fortran routine ``crst``,
computed here for all distinct times at once: every per-time quantity is a
cumulative sum or product over the time grid, so the work is O(T G^3) for
T distinct times and G groups after one tabulation of the data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import linalg, stats

from graftline.errors import InputError
from graftline.stats.competing._tabulate import CompetingCounts, exclusive_cumsum


def gray_test_from_counts(counts: CompetingCounts, causes: tuple[int, ...], *, rho: float = 0.0) -> pd.DataFrame:
    r"""Gray's test of equal cumulative incidence across groups, per cause.

    Parameters
    ----------
    counts : CompetingCounts
        Tabulation made by :func:`graftline.stats.cumulative_incidence`.
    causes : tuple of int
        Cause codes in the order of the tabulation.
    rho : float, default 0
        Power of the weight :math:`(1 - F(t-))^\rho` (cuminc's ``rho``).

    Returns
    -------
    pandas.DataFrame
        Columns ``cause, statistic, df, p_value``; ``df`` is the number of
        groups minus one.

    Notes
    -----
    For cause *k*, group *g* has score
    :math:`s_g = \sum_t w(t)\,[d_{kg}(t) - d_k(t) R_g(t) / \sum_r R_r(t)]` with
    :math:`R_g = Y_g (1 - F_{kg}^-) / S_g^-` (Gray 1988, eq. 2.3; :math:`F^-`,
    :math:`S^-` left limits of the group's cumulative incidence and
    Kaplan-Meier of any failure, :math:`Y_g` at risk). The statistic is
    :math:`s^\top V^{-1} s` over the first G - 1 groups, chi-square with
    G - 1 df, with Gray's variance estimator :math:`V` exactly as cmprsk
    computes it (including its tie corrections). With strata, scores and
    variances are summed over strata.

    Where cmprsk finds :math:`V` singular it reports statistic -1 and
    p-value 1; graftline reports NaN for both. The p-value is the
    chi-square upper tail ``chi2.sf`` (R: ``1 - pchisq``, which rounds to 0
    below about 1e-16).

    References
    ----------
    .. [1] Gray RJ. A class of K-sample tests for comparing the cumulative
       incidence of a competing risk. Ann Stat 1988;16:1141-1154.
    """
    n_strata, n_groups = counts.counts.shape[:2]
    if n_groups < 2:
        raise InputError("Gray's test compares groups: give a group with at least two levels")
    rows = []
    for k, cause in enumerate(causes, start=1):
        score = np.zeros(n_groups - 1)
        variance = np.zeros((n_groups - 1, n_groups - 1))
        for s in range(n_strata):
            table = counts.counts[s]  # (G, T, K + 1)
            d1 = table[:, :, k].T
            d2 = (table[:, :, 1:].sum(axis=2) - table[:, :, k]).T
            leaving = table.sum(axis=2).T
            s_score, s_var = _stratum_score(d1, d2, leaving, rho)
            score += s_score
            variance += s_var
        statistic = _quadratic_form(score, variance)
        df = n_groups - 1
        p_value = float(stats.chi2.sf(statistic, df)) if np.isfinite(statistic) else np.nan
        rows.append({"cause": cause, "statistic": statistic, "df": df, "p_value": p_value})
    return pd.DataFrame(rows, columns=["cause", "statistic", "df", "p_value"])


def _quadratic_form(score: np.ndarray, variance: np.ndarray) -> float:
    """s' V^-1 s, NaN when V is rank deficient (R's qr rank check, tol 1e-7)."""
    _, r, _ = linalg.qr(variance, pivoting=True)
    diagonal = np.abs(np.diag(r))
    if diagonal.size == 0 or diagonal[0] == 0 or np.any(diagonal < 1e-7 * diagonal[0]):
        return np.nan
    return float(score @ np.linalg.solve(variance, score))


def _stratum_score(d1: np.ndarray, d2: np.ndarray, leaving: np.ndarray, rho: float) -> tuple[np.ndarray, np.ndarray]:
    """Score and variance of one stratum; arrays are (T, G) counts per time and group."""
    n_groups = d1.shape[1]
    m = n_groups - 1
    n_risk = leaving.sum(axis=0) - exclusive_cumsum(leaving, axis=0)
    nd1 = d1.sum(axis=1)
    nd2 = d2.sum(axis=1)
    # Only times with a failure change anything; n_risk was taken on the full grid.
    keep = (nd1 + nd2) > 0
    if not keep.any():
        return np.zeros(m), np.zeros((m, m))
    d1, d2, n_risk, nd1 = d1[keep], d2[keep], n_risk[keep], nd1[keep]
    at_risk = n_risk > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(at_risk, (n_risk - d1 - d2) / n_risk, 1.0)
        surv = np.cumprod(ratio, axis=0)  # skm, right-continuous KM per group
        surv_before = np.vstack([np.ones((1, n_groups)), surv[:-1]])  # skmm
        jump = np.where(at_risk, surv_before * d1 / n_risk, 0.0)
        cif = np.cumsum(jump, axis=0)  # f1
        cif_before = cif - jump  # f1m
        t1 = np.where(at_risk, n_risk / surv_before, 0.0)
        tr = t1.sum(axis=1)
        tq = np.where(at_risk, n_risk * (1.0 - cif_before) / surv_before, 0.0).sum(axis=1)
        pooled_jump = nd1 / tr
        pooled = np.cumsum(pooled_jump)  # f
        pooled_before = pooled - pooled_jump  # fm
        weight = (1.0 - pooled_before) ** rho
        # a(i, j) = w t1_i (delta_ij - t1_j / tr); c = running sum of a nd1 / (tr (1 - fm))
        a = weight[:, None, None] * (
            np.einsum("ti,ij->tij", t1, np.eye(n_groups)) - t1[:, :, None] * t1[:, None, :] / tr[:, None, None]
        )
        c = np.cumsum(a * (nd1 / (tr * (1.0 - pooled_before)))[:, None, None], axis=0)

        score_terms = np.where(
            at_risk[:, :m],
            weight[:, None] * (d1[:, :m] - nd1[:, None] * n_risk[:, :m] * (1.0 - cif_before[:, :m])
                               / (surv_before[:, :m] * tq[:, None])),
            0.0,
        )
        score = score_terms.sum(axis=0)

        # failures from the cause of interest
        own = (nd1 > 0)[:, None] & at_risk
        t4 = np.where(surv > 0, 1.0 - (1.0 - pooled[:, None]) / surv, 1.0)
        tie = np.where(nd1[:, None] > 1, 1.0 - (nd1[:, None] - 1.0) / (tr[:, None] * surv_before - 1.0), 1.0)
        t3 = np.where(own, tie * surv_before * nd1[:, None] / (tr[:, None] * n_risk), 0.0)
        v3 = (t4 * t4 * t3).sum(axis=0)
        b = a[:, :m, :] - t4[:, None, :] * c[:, :m, :]  # (T, m, G)
        v2 = np.einsum("tik,tk->ik", b, t4 * t3)
        v = np.einsum("tik,tjk,tk->ij", b, b, t3)

        # failures from the other causes
        other = (surv > 0) & (d2 > 0)
        t4 = np.where(other, (1.0 - pooled[:, None]) / surv, 0.0)
        tie = np.where(d2 > 1, 1.0 - (d2 - 1.0) / (n_risk - 1.0), 1.0)
        t3 = np.where(other, tie * surv_before * surv_before * d2 / (n_risk * n_risk), 0.0)
        v3 += (t4 * t4 * t3).sum(axis=0)
        cm = c[:, :m, :]
        v2 -= np.einsum("tik,tk->ik", cm, t4 * t4 * t3)
        v += np.einsum("tik,tjk,tk->ij", cm, cm, t4 * t4 * t3)

    final = c[-1, :m, :]
    v += (final * v3) @ final.T + final @ v2.T + v2 @ final.T
    return score, v
