"""Common-effect pooling of 2x2 tables without continuity corrections: Mantel-Haenszel and Peto.

Sparse events (graft failure, grade III-IV GVHD, treatment-related death in
arms of 10-30 patients) make the inverse-variance method unreliable: it needs
a continuity correction for every zero cell, and the correction itself biases
the result. The Mantel-Haenszel and Peto estimators work on the counts and need
none (Cochrane Handbook 10.4.4). Both equal metafor's ``rma.mh`` and
``rma.peto`` (tests/reference/meta_sparse.R).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from graftline.errors import InputError
from graftline.meta.effect_sizes import effect_sizes
from graftline.meta.transforms import back_transform_function

MH_MEASURES = ("OR", "RR", "RD")


@dataclass(frozen=True, eq=False)  # holds arrays
class SparsePoolResult:
    """A common-effect estimate from 2x2 tables (Mantel-Haenszel or Peto).

    Attribute names are those of :class:`~graftline.meta.pooling.PoolResult`;
    OR and RR are on the log scale (``back_transform()`` gives ratios), RD on
    the risk scale. ``tau2`` is 0 by construction (common-effect models).
    ``q`` is Cochran's Q (MH: inverse-variance weights of the study estimates
    ``yi, vi``; Peto: ``sum (O-E)^2/V - (sum (O-E))^2/sum V``) on ``q_df``
    degrees of freedom. ``cmh`` (Cochran-Mantel-Haenszel test, with continuity
    correction unless ``correct=False``), ``breslow_day`` and ``tarone``
    (heterogeneity of odds ratios) are given for ``method="MH"`` with
    ``measure="OR"`` and are NaN otherwise.
    """

    estimate: float
    se: float
    statistic: float
    p_value: float
    ci_lower: float
    ci_upper: float
    q: float
    q_df: int
    q_p_value: float
    i2: float
    h2: float
    weights: np.ndarray  # percent
    k: int
    method: str
    measure: str
    level: float
    yi: np.ndarray  # study log OR / log RR / RD, for display; NaN for double-zero studies
    vi: np.ndarray
    labels: tuple[str, ...]
    events1: np.ndarray
    n1: np.ndarray
    events2: np.ndarray
    n2: np.ndarray
    cmh: float = np.nan
    cmh_p_value: float = np.nan
    breslow_day: float = np.nan
    breslow_day_p_value: float = np.nan
    tarone: float = np.nan
    tarone_p_value: float = np.nan
    messages: tuple[str, ...] = ()
    tau2: float = 0.0
    test: str = "z"
    pi_lower: float = np.nan
    pi_upper: float = np.nan
    subgroup: None = None
    subgroups: None = None

    @property
    def n(self) -> np.ndarray:
        return self.n1 + self.n2

    def to_frame(self) -> pd.DataFrame:
        """One row: estimate, CI, p, heterogeneity and the MH tests."""
        return pd.DataFrame([{
            "k": self.k, "method": self.method, "measure": self.measure, "estimate": self.estimate,
            "se": self.se, "ci_lower": self.ci_lower, "ci_upper": self.ci_upper,
            "statistic": self.statistic, "p_value": self.p_value, "tau2": self.tau2, "i2": self.i2,
            "h2": self.h2, "q": self.q, "q_df": self.q_df, "q_p_value": self.q_p_value,
            "cmh": self.cmh, "cmh_p_value": self.cmh_p_value, "breslow_day": self.breslow_day,
            "breslow_day_p_value": self.breslow_day_p_value, "tarone": self.tarone,
            "tarone_p_value": self.tarone_p_value,
        }])

    def study_frame(self) -> pd.DataFrame:
        """One row per study: counts, estimate with normal-theory CI, weight (percent)."""
        return _study_frame(self)

    def back_transform(self):
        """Estimate and CI as odds/risk ratios (RD unchanged); see ``PoolResult.back_transform``."""
        return _back_transform(self)


def _study_frame(result) -> pd.DataFrame:
    crit = stats.norm.isf((1 - result.level) / 2)
    se = np.sqrt(result.vi)
    return pd.DataFrame({
        "study": list(result.labels), "n": result.n, "events1": result.events1, "n1": result.n1,
        "events2": result.events2, "n2": result.n2, "yi": result.yi, "vi": result.vi,
        "ci_lower": result.yi - crit * se, "ci_upper": result.yi + crit * se,
        "weight": result.weights,
    })


def _back_transform(result):
    from graftline.meta.pooling import BackTransformed

    name, function = back_transform_function(result.measure)
    values = [float(function(x)) for x in (result.estimate, result.ci_lower, result.ci_upper,
                                          result.pi_lower, result.pi_upper)]
    return BackTransformed(*values, scale=name)


def one_arm(events, n, labels=None):
    """Validated single-arm counts as float arrays and study labels."""
    a, n_, _, _, labels = _counts((events, n), ("events", "n"), labels)
    return a, n_, labels


def two_by_two(events1, n1, events2, n2, labels=None):
    """Validated counts as float arrays and study labels (shared by MH, Peto and the GLMMs)."""
    return _counts((events1, n1, events2, n2), ("events1", "n1", "events2", "n2"), labels)


def _counts(columns, names, labels):
    arrays = [np.atleast_1d(np.asarray(x, dtype=float)) for x in columns]
    k = len(arrays[0])
    if any(len(a) != k for a in arrays):
        raise InputError(f"{', '.join(names)} have different lengths {[len(a) for a in arrays]}")
    if k == 0:
        raise InputError("no studies to pool")
    for name, a in zip(names, arrays, strict=True):
        bad = np.flatnonzero(~np.isfinite(a) | (a < 0) | (a != np.round(a)))
        if bad.size:
            raise InputError(f"study {bad[0] + 1}: {name} = {a[bad[0]]:g} is not a whole number >= 0")
    for j in range(0, len(arrays), 2):
        events, n = arrays[j], arrays[j + 1]
        bad = np.flatnonzero((n <= 0) | (events > n))
        if bad.size:
            i = int(bad[0])
            raise InputError(f"study {i + 1}: {names[j]} = {events[i]:g} with n = {n[i]:g}; "
                             "n must be positive and events cannot exceed n")
    labels = tuple(str(x) for x in labels) if labels is not None else tuple(f"Study {i + 1}" for i in range(k))
    if len(labels) != k:
        raise InputError(f"{len(labels)} labels for {k} studies")
    if len(arrays) == 2:
        return arrays[0], arrays[1], None, None, labels
    return (*arrays, labels)


def double_zero(a, b, c, d) -> np.ndarray:
    """Studies with no events (or only events) in both arms: they carry no information on an OR/RR."""
    return ((a == 0) & (c == 0)) | ((b == 0) & (d == 0))


def _display_effects(measure: str, a, n1, c, n2) -> tuple[np.ndarray, np.ndarray]:
    """Study estimates for display and for Q: escalc with 1/2 added to zero cells, double zeros dropped."""
    es = effect_sizes(measure, events1=a, n1=n1, events2=c, n2=n2)
    yi, vi = es["yi"].to_numpy(), es["vi"].to_numpy()
    drop = double_zero(a, n1 - a, c, n2 - c)
    return np.where(drop, np.nan, yi), np.where(drop, np.nan, vi)


def _interval(beta: float, se: float, level: float) -> tuple[float, float, float, float]:
    if not (np.isfinite(beta) and np.isfinite(se) and se > 0):
        return np.nan, np.nan, np.nan, np.nan
    z = beta / se
    crit = stats.norm.isf((1 - level) / 2)
    return z, float(2 * stats.norm.sf(abs(z))), beta - crit * se, beta + crit * se


def _heterogeneity(q: float, df: int) -> tuple[float, float, float]:
    """p-value, I^2 (percent) and H^2 of a common-effect Q, as metafor (``(Q - df)/Q``)."""
    if df < 1:
        return 1.0, 0.0, 1.0
    return (float(stats.chi2.sf(q, df)), max(0.0, 100 * (q - df) / q) if q > 0 else 0.0, q / df)


def pool_mh(events1, n1, events2, n2, *, measure: str = "OR", level: float = 0.95,
            correct: bool = True, labels=None) -> SparsePoolResult:
    """Mantel-Haenszel common-effect odds ratio, risk ratio or risk difference (metafor's ``rma.mh``).

    Parameters
    ----------
    events1, n1, events2, n2 : array_like
        Events and patients in the experimental (1) and control (2) arm of each study.
    measure : {"OR", "RR", "RD"}
        Log odds ratio, log risk ratio or risk difference.
    level : float
        Confidence level.
    correct : bool
        Continuity correction in the Cochran-Mantel-Haenszel test (OR only).
    labels : array_like, optional
        Study labels.

    Returns
    -------
    SparsePoolResult

    Notes
    -----
    With ``a, b, c, d`` the events and non-events of arm 1 and arm 2 and
    ``N = a+b+c+d`` (no continuity correction):

    - OR: ``OR_MH = sum(a d/N) / sum(b c/N)``, variance of its log by Robins,
      Breslow & Greenland (1986).
    - RR: ``RR_MH = sum(a n2/N) / sum(c n1/N)``, variance of its log by
      Greenland & Robins (1985).
    - RD: ``RD_MH = sum(a n2/N - c n1/N) / sum(n1 n2/N)``, variance by Sato,
      Greenland & Robins (1989).

    Zero cells: the estimator uses the counts as they are; a study with a zero
    in one arm contributes to it, a study with no events (or only events) in
    both arms contributes nothing to OR and RR (and counts for RD). The study
    estimates ``yi, vi`` shown in plots and used for Cochran's Q
    (``Q = sum (yi - beta)^2 / vi``) add 1/2 to every cell of a study with a
    zero cell and leave out double-zero studies (metafor ``add = 1/2,
    to = "only0", drop00 = TRUE``), so ``q_df`` counts only studies with an
    estimate. ``I^2 = (Q - df)/Q`` in percent. Weights are the MH weights
    ``b c/N`` (OR), ``c n1/N`` (RR), ``n1 n2/N`` (RD), in percent. If no study
    has an event in one of the arms, the OR/RR is not estimable (NaN, with a
    message), as in metafor.

    References
    ----------
    1. Mantel N, Haenszel W. J Natl Cancer Inst 1959;22:719-748.
    2. Robins J, Breslow N, Greenland S. Biometrics 1986;42:311-323.
    3. Greenland S, Robins JM. Biometrics 1985;41:55-68.
    4. Sato T, Greenland S, Robins JM. Biometrics 1989;45:1323-1324.
    5. Tarone RE. Biometrika 1985;72:91-95 (test of homogeneity of odds ratios).

    Examples
    --------
    >>> res = pool_mh([0, 1, 2], [10, 15, 20], [2, 3, 4], [10, 14, 21])
    >>> round(res.estimate, 4), res.q_df
    (-1.2467, 2)
    """
    measure = str(measure).upper()
    if measure not in MH_MEASURES:
        raise InputError(f"Mantel-Haenszel measure must be OR, RR or RD, not {measure!r}")
    if not 0 < level < 1:
        raise InputError(f"level must be between 0 and 1, not {level!r}")
    a, n1_, c, n2_, labels = two_by_two(events1, n1, events2, n2, labels)
    b, d = n1_ - a, n2_ - c
    N = n1_ + n2_
    messages: list[str] = []
    extra: dict[str, float] = {}
    if measure == "OR":
        R_i, S_i = a * d / N, b * c / N
        P_i, Q_i = (a + d) / N, (b + c) / N
        R, S = R_i.sum(), S_i.sum()
        if R == 0 or S == 0:
            beta = se = np.nan
            messages.append("odds ratio not estimable: no study has events in both directions "
                            "(sum a d/N or sum b c/N is 0)")
        else:
            beta = float(np.log(R / S))
            se = float(np.sqrt(0.5 * (np.sum(P_i * R_i) / R**2 + np.sum(P_i * S_i + Q_i * R_i) / (R * S)
                                      + np.sum(Q_i * S_i) / S**2)))
        weights = S_i
        extra = _mh_or_tests(a, n1_, c, n2_, beta, correct)
    elif measure == "RR":
        R, S = np.sum(a * n2_ / N), np.sum(c * n1_ / N)
        if a.sum() == 0 or c.sum() == 0:
            beta = se = np.nan
            messages.append("risk ratio not estimable: no events in one arm of every study")
        else:
            beta = float(np.log(R / S))
            se = float(np.sqrt(np.sum(n1_ * n2_ * (a + c) / N**2 - a * c / N) / (R * S)))
        weights = c * n1_ / N
    else:
        denominator = np.sum(n1_ * n2_ / N)
        beta = float(np.sum(a * n2_ / N - c * n1_ / N) / denominator)
        numerator = (beta * np.sum(c * (n1_ / N) ** 2 - a * (n2_ / N) ** 2 + (n1_ / N) * (n2_ / N) * (n2_ - n1_) / 2)
                     + np.sum(a * (n2_ - c) / N + c * (n1_ - a) / N) / 2)
        se = float(np.sqrt(numerator / denominator**2))
        weights = n1_ * n2_ / N
    statistic, p, lo, hi = _interval(beta, se, level)

    yi, vi = _display_effects(measure, a, n1_, c, n2_)
    has = np.isfinite(yi)
    df = int(has.sum()) - 1
    if df >= 1 and np.isfinite(beta):
        q = max(0.0, float(np.sum((yi[has] - beta) ** 2 / vi[has])))
    else:
        q = 0.0 if df < 1 else np.nan
    q_p, i2, h2 = _heterogeneity(q, df) if np.isfinite(q) else (np.nan, np.nan, np.nan)
    if (~has).any():
        messages.append(f"{int((~has).sum())} stud{'y' if (~has).sum() == 1 else 'ies'} with no events "
                        "(or only events) in both arms: no estimate of its own, left out of Q"
                        + ("" if measure == "RD" else " and weight 0 in the Mantel-Haenszel estimate"))
    total = weights.sum()
    return SparsePoolResult(
        estimate=beta, se=se, statistic=statistic, p_value=p, ci_lower=lo, ci_upper=hi, q=q,
        q_df=max(df, 0), q_p_value=q_p, i2=i2, h2=h2,
        weights=100 * weights / total if total > 0 else np.full(len(a), np.nan), k=len(a),
        method="MH", measure=measure, level=level, yi=yi, vi=vi, labels=labels, events1=a, n1=n1_,
        events2=c, n2=n2_, messages=tuple(messages), **extra)


def _mh_or_tests(a, n1, c, n2, beta: float, correct: bool) -> dict[str, float]:
    """Cochran-Mantel-Haenszel test, Breslow-Day and Tarone's heterogeneity tests (as metafor)."""
    N = n1 + n2
    xt, yt = a + c, N - (a + c)
    out: dict[str, float] = {}
    if xt.sum() > 0 and yt.sum() > 0:
        cmh = (abs(np.sum(a - n1 / N * xt)) - (0.5 if correct else 0.0)) ** 2 / np.sum(
            (n1 / N) * (n2 / N) * xt * yt / (N - 1))
        out["cmh"], out["cmh_p_value"] = float(cmh), float(stats.chi2.sf(cmh, 1))
    if not np.isfinite(beta):
        return out
    psi = np.exp(beta)
    if psi == 1:
        n11 = n1 / N * xt
    else:
        # Expected count in cell a under the common OR: root of a quadratic (Breslow & Day 1980).
        A = psi * (n1 + xt) + (n2 - xt)
        B = np.sqrt(A**2 - 4 * n1 * xt * psi * (psi - 1))
        n11 = (A - B) / (2 * (psi - 1))
    pos = (n11 > 0) & (xt > 0) & (yt > 0)
    n11 = n11[pos]
    n12, n21 = n1[pos] - n11, xt[pos] - n11
    n22 = n11 - n1[pos] - xt[pos] + N[pos]
    var = 1 / (1 / n11 + 1 / n12 + 1 / n21 + 1 / n22)
    resid = a[pos] - n11
    bd = max(0.0, float(np.sum(resid**2 / var)))
    tarone = max(0.0, bd - float(np.sum(resid) ** 2 / np.sum(var)))
    k_pos = int(pos.sum())
    out["breslow_day"], out["tarone"] = bd, tarone
    if k_pos > 1:
        out["breslow_day_p_value"] = float(stats.chi2.sf(bd, k_pos - 1))
        out["tarone_p_value"] = float(stats.chi2.sf(tarone, k_pos - 1))
    return out


def pool_peto(events1, n1, events2, n2, *, level: float = 0.95, labels=None) -> SparsePoolResult:
    """Peto's one-step common-effect log odds ratio (metafor's ``rma.peto``).

    Parameters
    ----------
    events1, n1, events2, n2 : array_like
        Events and patients in the experimental (1) and control (2) arm of each study.
    level : float
        Confidence level.
    labels : array_like, optional

    Returns
    -------
    SparsePoolResult
        ``measure = "OR"``, ``method = "Peto"``; the estimate is a log odds ratio.

    Notes
    -----
    Per study, from the counts as they are: ``O - E = a - n1 (a+c)/N`` and the
    hypergeometric variance ``V = (a+c)(b+d) n1 n2 / (N^2 (N-1))``;
    ``log OR = sum(O-E)/sum V``, ``SE = 1/sqrt(sum V)``. Heterogeneity:
    ``Q = sum (O-E)^2/V - (sum(O-E))^2/sum V`` over studies with ``V > 0``, on
    (studies with an estimate - 1) df. Weights ``V/sum V``. A double-zero
    study has ``V = 0`` and weight 0. The per-study values shown (``yi, vi``)
    are Peto's ``(O-E)/V`` and ``1/V`` with 1/2 added to the cells of studies
    with a zero cell (metafor's ``escalc("PETO")``), double zeros left out.
    Peto's method is recommended for rare events (below ~1 %) in balanced
    arms with moderate effects; it is biased for large effects or unbalanced
    arms (Cochrane Handbook 10.4.4.2; Bradburn et al. 2007).

    References
    ----------
    1. Yusuf S, Peto R, Lewis J, Collins R, Sleight P. Prog Cardiovasc Dis 1985;27:335-371.
    2. Bradburn MJ, Deeks JJ, Berlin JA, Localio AR. Stat Med 2007;26:53-77.

    Examples
    --------
    >>> res = pool_peto([0, 1, 2], [10, 15, 20], [2, 3, 4], [10, 14, 21])
    >>> round(res.estimate, 4)
    -1.119
    """
    if not 0 < level < 1:
        raise InputError(f"level must be between 0 and 1, not {level!r}")
    a, n1_, c, n2_, labels = two_by_two(events1, n1, events2, n2, labels)
    o_minus_e, v = peto_o_minus_e(a, n1_, c, n2_)
    if v.sum() == 0:
        raise InputError("Peto's method cannot be used: one of the two outcomes occurs in no study")
    beta = float(o_minus_e.sum() / v.sum())
    se = float(1 / np.sqrt(v.sum()))
    statistic, p, lo, hi = _interval(beta, se, level)
    pos = v > 0
    q = max(0.0, float(np.sum(o_minus_e[pos] ** 2 / v[pos]) - o_minus_e.sum() ** 2 / v[pos].sum()))
    drop = double_zero(a, n1_ - a, c, n2_ - c)
    df = int((~drop).sum()) - 1
    if pos.sum() > 1:
        q_p, i2, h2 = _heterogeneity(q, df)
    else:
        q_p, i2, h2 = 1.0, 0.0, 1.0
    yi, vi = _peto_display(a, n1_, c, n2_)
    messages = []
    if drop.any():
        messages.append(f"{int(drop.sum())} double-zero stud{'y' if drop.sum() == 1 else 'ies'}: "
                        "weight 0, no estimate of its own")
    return SparsePoolResult(
        estimate=beta, se=se, statistic=statistic, p_value=p, ci_lower=lo, ci_upper=hi, q=q,
        q_df=max(df, 0), q_p_value=q_p, i2=i2, h2=h2, weights=100 * v / v.sum(), k=len(a),
        method="Peto", measure="OR", level=level, yi=yi, vi=vi, labels=labels, events1=a, n1=n1_,
        events2=c, n2=n2_, messages=tuple(messages))


def peto_o_minus_e(a, n1, c, n2) -> tuple[np.ndarray, np.ndarray]:
    """Observed minus expected events in arm 1 and the hypergeometric variance, per 2x2 table."""
    N = n1 + n2
    xt = a + c
    with np.errstate(invalid="ignore", divide="ignore"):
        v = np.where(N > 1, xt * (N - xt) * (n1 / N) * (n2 / N) / (N - 1), 0.0)
    return a - xt * n1 / N, v


def _peto_display(a, n1, c, n2):
    b, d = n1 - a, n2 - c
    zero = (a == 0) | (b == 0) | (c == 0) | (d == 0)
    a_, b_, c_, d_ = (np.where(zero, x + 0.5, x) for x in (a, b, c, d))
    o_minus_e, v = peto_o_minus_e(a_, a_ + b_, c_, c_ + d_)
    drop = double_zero(a, b, c, d)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(drop, np.nan, o_minus_e / v), np.where(drop, np.nan, 1 / v)
