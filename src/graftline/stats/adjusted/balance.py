"""Covariate balance between two arms, before and after weighting or matching.

The numbers are those of MatchIt's ``summary.matchit`` and cobalt's
``bal.tab``: standardised mean differences whose denominator comes from the
unweighted groups, variance ratios under the weights, and the effective
sample size per arm.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graftline.errors import InputError
from graftline.stats._design import model_matrix
from graftline.stats._validation import _to_numpy
from graftline.stats.adjusted._treatment import check_treatment

SD_DENOMINATORS = ("pooled", "treated", "control")
# Austin (2009): |SMD| below 0.1 is the usual threshold for negligible imbalance.
SMD_THRESHOLD = 0.1


@dataclass(frozen=True)
class BalanceTable:
    """Balance of each model term between the arms, without and with weights.

    Attributes
    ----------
    terms : tuple of str
        R's treatment-contrast names of the model terms.
    binary : ndarray of bool
        True for 0/1 terms (indicators), whose variance is :math:`p(1-p)`.
    mean_treated, mean_control : ndarray
        Weighted means per arm (the proportion for a binary term).
    smd : ndarray
        Standardised mean difference under the weights, treated minus control.
    variance_ratio : ndarray
        Weighted variance treated / control (NaN for binary terms).
    smd_unweighted, variance_ratio_unweighted : ndarray
        The same without weights (the "before" of a Love plot).
    n_treated, n_control : int
        Patients per arm.
    ess_treated, ess_control : float
        Effective sample size per arm, :math:`(\\sum w)^2/\\sum w^2`.
    weighted : bool
        Whether weights were given (False: the "after" columns equal the "before").
    sd_denominator : str
        Which unweighted standard deviation standardises the differences.
    labels : tuple
        ``(control, treated)`` arm labels.
    """

    terms: tuple[str, ...]
    binary: np.ndarray
    mean_treated: np.ndarray
    mean_control: np.ndarray
    smd: np.ndarray
    variance_ratio: np.ndarray
    smd_unweighted: np.ndarray
    variance_ratio_unweighted: np.ndarray
    n_treated: int
    n_control: int
    ess_treated: float
    ess_control: float
    weighted: bool
    sd_denominator: str
    labels: tuple[object, object]

    @property
    def max_abs_smd(self) -> float:
        return float(np.nanmax(np.abs(self.smd))) if len(self.smd) else 0.0

    def balanced(self, threshold: float = SMD_THRESHOLD) -> bool:
        """Whether every term's |SMD| is below ``threshold`` (default 0.1)."""
        return bool(np.all(np.abs(self.smd) < threshold))

    def to_frame(self):
        """One row per term: means, SMD and variance ratio with and without weights."""
        import pandas as pd

        return pd.DataFrame({
            "term": list(self.terms),
            "type": np.where(self.binary, "binary", "continuous"),
            "mean_treated": self.mean_treated,
            "mean_control": self.mean_control,
            "smd": self.smd,
            "variance_ratio": self.variance_ratio,
            "smd_unweighted": self.smd_unweighted,
            "variance_ratio_unweighted": self.variance_ratio_unweighted,
        })

    def sample_sizes(self):
        """Patients and effective sample size per arm."""
        import pandas as pd

        return pd.DataFrame({
            "arm": [self.labels[1], self.labels[0]],
            "role": ["treated", "control"],
            "n": [self.n_treated, self.n_control],
            "effective_n": [self.ess_treated, self.ess_control],
        })

    def plot(self, ax=None, *, threshold: float = SMD_THRESHOLD, absolute: bool = True):
        """Love plot: each term's SMD before (open) and after (filled) weighting; returns the Axes."""
        import matplotlib.pyplot as plt

        before = np.abs(self.smd_unweighted) if absolute else self.smd_unweighted
        after = np.abs(self.smd) if absolute else self.smd
        order = np.argsort(before, kind="stable")
        y = np.arange(len(self.terms))
        if ax is None:
            # Constrained layout keeps long term names and the axis label inside the figure.
            ax = plt.subplots(figsize=(6.0, 1.2 + 0.32 * len(self.terms)), layout="constrained")[1]
        ax.scatter(before[order], y, facecolors="none", edgecolors="#0072B2", label="unadjusted", zorder=3)
        if self.weighted:
            ax.scatter(after[order], y, color="#D55E00", marker="D", label="adjusted", zorder=3)
        for x in ([threshold] if absolute else [-threshold, threshold]):
            ax.axvline(x, color="grey", linestyle="--", linewidth=0.8)
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_yticks(y, [self.terms[k] for k in order])
        ax.set_xlabel(("absolute " if absolute else "") + "standardised mean difference")
        ax.legend(loc="lower right")
        return ax


def balance_table(treatment, covariates, weights=None, *, sd_denominator: str = "pooled",
                  treated: object = None) -> BalanceTable:
    """Standardised mean differences, variance ratios and effective sample sizes.

    Parameters
    ----------
    treatment : array_like
        Two arms per patient (0/1, booleans or two labels); the treated arm
        is ``treated`` or R's second level.
    covariates : DataFrame or 2-D array
        The confounders; categoricals become R's treatment-contrast
        indicators, one row of the table per model term.
    weights : array_like, optional
        One weight per patient (IPTW, overlap or matching weights; 0 leaves
        a patient out). ``None``: unweighted.
    sd_denominator : {"pooled", "treated", "control"}, default "pooled"
        Which unweighted standard deviation divides the difference: pooled
        :math:`\\sqrt{(s_1^2 + s_0^2)/2}` (cobalt's and MatchIt's choice for
        the ATE), or the treated arm's (their choice for the ATT).
    treated : optional
        Label of the treated arm.

    Returns
    -------
    BalanceTable

    Notes
    -----
    For term :math:`x` with weights :math:`w` (normalised within arm,
    :math:`\\tilde w = w/\\sum w`): weighted mean :math:`\\bar x_a = \\sum
    \\tilde w_i x_i`; weighted variance :math:`\\sum \\tilde w_i (x_i -
    \\bar x_a)^2 / (1 - \\sum \\tilde w_i^2)` (unbiased with reliability
    weights; the sample variance when unweighted), or :math:`\\bar x_a(1 -
    \\bar x_a)` for a 0/1 term. SMD :math:`= (\\bar x_1 - \\bar x_0)/s`
    with :math:`s` from the unweighted arms, so that weighting changes only
    the numerator (Austin and Stuart 2015). Variance ratio: weighted
    variance treated / control, continuous terms only.

    References
    ----------
    .. [1] Austin PC. Balance diagnostics for comparing the distribution of
       baseline covariates between treatment groups in propensity-score
       matched samples. Stat Med 2009;28:3083-107.
    .. [2] Austin PC, Stuart EA. Stat Med 2015;34:3661-79.
    .. [3] Ho DE, Imai K, King G, Stuart EA. MatchIt: nonparametric
       preprocessing for parametric causal inference. J Stat Softw 2011;42(8).

    Examples
    --------
    >>> import numpy as np
    >>> table = balance_table([0, 0, 1, 1], np.array([40.0, 50, 60, 70]))
    >>> round(float(table.smd[0]), 4)
    2.8284
    """
    if sd_denominator not in SD_DENOMINATORS:
        raise InputError(f"sd_denominator={sd_denominator!r}; expected one of {list(SD_DENOMINATORS)}")
    design = model_matrix(covariates, check_rank=False)
    x = design.matrix
    arms = check_treatment(treatment, treated=treated, n=x.shape[0])
    if arms.n != x.shape[0]:
        raise InputError(f"treatment has {arms.n} values but covariates has {x.shape[0]} rows; "
                         "expected one per patient")
    a = arms.treated
    w = None if weights is None else _check_weights(weights, arms.n)
    binary = np.all((x == 0) | (x == 1), axis=0)
    ones = np.ones(arms.n)
    var1 = _variance(x[a], ones[a], binary)
    var0 = _variance(x[~a], ones[~a], binary)
    sd = {"pooled": np.sqrt((var1 + var0) / 2), "treated": np.sqrt(var1), "control": np.sqrt(var0)}[sd_denominator]

    def summarise(weight):
        m1, m0 = _mean(x[a], weight[a]), _mean(x[~a], weight[~a])
        with np.errstate(divide="ignore", invalid="ignore"):
            smd = np.where((m1 - m0) == 0, 0.0, (m1 - m0) / sd)
            ratio = np.where(binary, np.nan,
                             _variance(x[a], weight[a], binary) / _variance(x[~a], weight[~a], binary))
        return m1, m0, smd, ratio

    _, _, smd0, ratio0 = summarise(ones)
    m1, m0, smd, ratio = summarise(ones if w is None else w)
    used = ones if w is None else w
    return BalanceTable(
        terms=design.names, binary=binary, mean_treated=m1, mean_control=m0, smd=smd, variance_ratio=ratio,
        smd_unweighted=smd0, variance_ratio_unweighted=ratio0, n_treated=int(a.sum()),
        n_control=int((~a).sum()), ess_treated=effective_sample_size(used[a]),
        ess_control=effective_sample_size(used[~a]), weighted=w is not None,
        sd_denominator=sd_denominator, labels=arms.labels,
    )


def effective_sample_size(weights) -> float:
    """Kish's effective sample size :math:`(\\sum w)^2 / \\sum w^2`."""
    w = np.asarray(weights, dtype=np.float64)
    total = np.sum(w * w)
    return float(np.sum(w) ** 2 / total) if total > 0 else 0.0


def _check_weights(weights, n: int) -> np.ndarray:
    array = _to_numpy(weights, "weights")
    if len(array) != n:
        raise InputError(f"weights has {len(array)} values but there are {n} patients; expected one each")
    try:
        array = array.astype(np.float64)
    except (TypeError, ValueError):
        raise InputError("weights must be numbers") from None
    bad = np.flatnonzero(~np.isfinite(array) | (array < 0))
    if bad.size:
        i = int(bad[0])
        raise InputError(f"weights[{i}] = {float(array[i])!r}; expected a finite weight >= 0")
    return array


def _mean(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    total = w.sum()
    if total <= 0:
        raise InputError("every weight of one arm is 0; that arm has left the comparison")
    return (w @ x) / total


def _variance(x: np.ndarray, w: np.ndarray, binary: np.ndarray) -> np.ndarray:
    """Weighted variance per column (MatchIt's ``wvar``): p(1-p) for 0/1 columns."""
    share = w / w.sum()
    mean = share @ x
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = (share @ (x - mean) ** 2) / (1.0 - np.sum(share * share))
    return np.where(binary, mean * (1.0 - mean), spread)
