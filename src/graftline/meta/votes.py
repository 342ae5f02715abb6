"""Vote counting on the direction of effect (Cochrane Handbook 12.2.2.2)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from graftline.errors import InputError


@dataclass(frozen=True)
class VoteCount:
    """Share of studies whose effect points to benefit, with a CI and a sign test."""

    benefit: int
    studies: int
    share: float
    ci_lower: float
    ci_upper: float
    p_value: float
    ci_method: str
    level: float

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([self.__dict__])


def vote_count(yi, *, benefit: str = "lower", null: float = 0.0, level: float = 0.95,
               ci_method: str = "wilson") -> VoteCount:
    """Count the studies whose estimate favours the intervention.

    Parameters
    ----------
    yi : array_like
        Study effect estimates (e.g. mean differences in engraftment days, or
        log risk ratios).
    benefit : {"lower", "higher"}
        Which direction is benefit: ``"lower"`` for days to engraftment or
        risk of GVHD, ``"higher"`` for response rates.
    null : float
        The no-effect value on the scale of ``yi`` (0 for differences and logs).
        Studies exactly at ``null`` count as not showing benefit.
    level : float
        Confidence level.
    ci_method : {"wilson", "exact"}
        Wilson score or Clopper-Pearson interval for the share.

    Returns
    -------
    VoteCount
        ``benefit`` of ``studies``, the ``share``, its CI and the two-sided
        sign-test p-value against a share of 1/2.

    Notes
    -----
    The Cochrane Handbook (section 12.2.2.2) accepts vote counting only on the
    direction of effect, with a binomial (sign) test, as a last resort when
    effect estimates cannot be pooled. It ignores study size and the size of
    effects and cannot say how large the benefit is; counting "statistically
    significant" studies is worse still, because small studies are
    underpowered. Prefer :func:`pool`; report a vote count only next to it or
    when pooling is impossible.

    References
    ----------
    1. McKenzie JE, Brennan SE. Chapter 12: Synthesizing and presenting findings
       using other methods. Cochrane Handbook for Systematic Reviews of
       Interventions, version 6.4, 2023.
    2. Wilson EB. Probable inference, the law of succession, and statistical
       inference. JASA 1927;22:209-212.

    Examples
    --------
    >>> vc = vote_count([-2.0, -1.5, 0.5, -3.0, -0.2])
    >>> vc.benefit, vc.studies, round(vc.ci_lower, 3), round(vc.ci_upper, 3)
    (4, 5, 0.376, 0.964)
    """
    y = np.asarray(yi, dtype=float)
    y = y[~np.isnan(y)]
    if y.size == 0:
        raise InputError("vote_count: no study estimates")
    if benefit not in {"lower", "higher"}:
        raise InputError(f"benefit must be 'lower' or 'higher', not {benefit!r}")
    if ci_method not in {"wilson", "exact"}:
        raise InputError(f"ci_method must be 'wilson' or 'exact', not {ci_method!r}")
    favours = y < null if benefit == "lower" else y > null
    successes, total = int(favours.sum()), int(y.size)
    test = stats.binomtest(successes, total, 0.5)
    ci = test.proportion_ci(confidence_level=level, method="wilson" if ci_method == "wilson" else "exact")
    return VoteCount(successes, total, successes / total, float(ci.low), float(ci.high),
                     float(test.pvalue), ci_method, level)
