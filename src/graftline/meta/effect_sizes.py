"""Study-level effect sizes and their sampling variances (metafor's ``escalc``).

Effect sizes are computed here and pooled elsewhere (:mod:`graftline.meta.pooling`),
as metafor separates ``escalc`` from ``rma``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from scipy.special import gammaln

from graftline.errors import InputError

#: Columns each measure needs, in the order the docs list them.
MEASURE_COLUMNS: dict[str, tuple[str, ...]] = {
    "MN": ("n", "mean", "sd"),
    "MNLN": ("n", "mean", "sd"),
    "PR": ("events", "n"),
    "PLO": ("events", "n"),
    "PFT": ("events", "n"),
    "PAS": ("events", "n"),
    "MD": ("n1", "mean1", "sd1", "n2", "mean2", "sd2"),
    "SMD": ("n1", "mean1", "sd1", "n2", "mean2", "sd2"),
    "ROM": ("n1", "mean1", "sd1", "n2", "mean2", "sd2"),
    "RR": ("events1", "n1", "events2", "n2"),
    "OR": ("events1", "n1", "events2", "n2"),
    "RD": ("events1", "n1", "events2", "n2"),
}

#: What each measure is, for messages, plot labels and docs.
MEASURE_LABELS: dict[str, str] = {
    "MN": "mean",
    "MNLN": "log mean",
    "PR": "proportion",
    "PLO": "log odds (proportion)",
    "PFT": "Freeman-Tukey double arcsine (proportion)",
    "PAS": "arcsine square root (proportion)",
    "MD": "mean difference",
    "SMD": "standardised mean difference (Hedges' g)",
    "ROM": "log ratio of means",
    "RR": "log risk ratio",
    "OR": "log odds ratio",
    "RD": "risk difference",
    # Not computed by effect_sizes: from reported statistics (time_to_event) or data (reconstruct).
    "HR": "log hazard ratio",
    "RMSTD": "difference in restricted mean survival time",
}


def hedges_correction(df: np.ndarray) -> np.ndarray:
    """Exact small-sample bias correction of Cohen's d (Hedges 1981).

    ``c(m) = Gamma(m/2) / (sqrt(m/2) * Gamma((m-1)/2))`` with ``m = n1 + n2 - 2``,
    computed on the log scale; NaN where ``m <= 1`` (as metafor's ``.cmicalc``).
    """
    m = np.asarray(df, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        c = np.exp(gammaln(m / 2) - 0.5 * np.log(m / 2) - gammaln((m - 1) / 2))
    return np.where(m > 1, c, np.nan)


def effect_sizes(measure: str, *, add: float = 0.5, **columns) -> pd.DataFrame:
    """Effect sizes ``yi`` and sampling variances ``vi`` for each study.

    Parameters
    ----------
    measure : str
        One of ``MN, MNLN, PR, PLO, PFT, PAS`` (one arm) or
        ``MD, SMD, ROM, RR, OR, RD`` (two arms, arm 1 versus arm 2).
    add : float, default 0.5
        Continuity correction for counts, added only to studies with a zero
        cell (metafor's ``add = 1/2, to = "only0"``). Not used for PFT and PAS,
        which are defined at 0 and n (metafor sets ``add = 0`` for them too).
    **columns : array_like
        The columns the measure needs (``MEASURE_COLUMNS[measure]``):
        one arm ``n, mean, sd`` or ``events, n``; two arms
        ``n1, mean1, sd1, n2, mean2, sd2`` or ``events1, n1, events2, n2``.

    Returns
    -------
    pandas.DataFrame
        Columns ``yi, vi``, one row per study, in input order.

    Notes
    -----
    With ``p = x/n`` and the large-sample variances of metafor (``vtype="LS"``):

    - MN: ``yi = mean``, ``vi = sd^2/n``; MNLN: ``yi = log(mean)``, ``vi = sd^2/(n mean^2)``.
    - PR: ``yi = p``, ``vi = p(1-p)/n``; PLO: ``yi = log(p/(1-p))``, ``vi = 1/x + 1/(n-x)``;
      PAS: ``yi = asin(sqrt(p))``, ``vi = 1/(4n)``;
      PFT: ``yi = (asin(sqrt(x/(n+1))) + asin(sqrt((x+1)/(n+1))))/2``, ``vi = 1/(4n+2)``.
    - MD: ``yi = m1-m2``, ``vi = sd1^2/n1 + sd2^2/n2`` (unequal variances).
    - SMD: ``yi = c(m) (m1-m2)/s_pooled`` with the exact correction ``c(m)``,
      ``m = n1+n2-2``; ``vi = 1/n1 + 1/n2 + yi^2/(2(n1+n2))``.
    - ROM: ``yi = log(m1/m2)``, ``vi = sd1^2/(n1 m1^2) + sd2^2/(n2 m2^2)``.
    - RR: ``vi = 1/a - 1/n1 + 1/c - 1/n2``; OR: ``vi = 1/a + 1/b + 1/c + 1/d``;
      RD: ``vi = p1(1-p1)/n1 + p2(1-p2)/n2``. For PR, PLO, RR, OR and RD,
      ``add`` is added to every cell of a study (events and non-events, both arms)
      that has a zero cell; the corrected counts are used for ``yi`` and ``vi``.

    References
    ----------
    1. Viechtbauer W. Conducting meta-analyses in R with the metafor package.
       J Stat Softw 2010;36(3). ``escalc`` defaults as in metafor 3.8.
    2. Hedges LV. Distribution theory for Glass's estimator of effect size and
       related estimators. J Educ Stat 1981;6:107-128.
    3. Freeman MF, Tukey JW. Transformations related to the angular and the
       square root. Ann Math Stat 1950;21:607-611.

    Examples
    --------
    >>> effect_sizes("PR", events=[3, 0], n=[10, 8]).round(4)
           yi      vi
    0  0.3000  0.0210
    1  0.0556  0.0058
    """
    key = str(measure).upper()
    if key not in MEASURE_COLUMNS:
        raise InputError(
            f"unknown effect measure {measure!r}; expected one of {', '.join(MEASURE_COLUMNS)}"
        )
    needed = MEASURE_COLUMNS[key]
    missing = [name for name in needed if name not in columns]
    if missing:
        raise InputError(f"measure {key} needs columns {', '.join(missing)} (got {', '.join(columns) or 'none'})")
    arrays = {name: np.atleast_1d(np.asarray(columns[name], dtype=float)) for name in needed}
    lengths = {len(a) for a in arrays.values()}
    if len(lengths) != 1:
        raise InputError(f"measure {key}: columns have different lengths {sorted(lengths)}")
    _check_inputs(key, arrays)
    yi, vi = _COMPUTE[key](arrays, add)
    return pd.DataFrame({"yi": yi, "vi": vi})


def _check_inputs(measure: str, a: dict[str, np.ndarray]) -> None:
    for name, values in a.items():
        if name.startswith("n") and np.any(values <= 0):
            row = int(np.flatnonzero(values <= 0)[0])
            raise InputError(f"row {row}: sample size {name} = {values[row]:g} must be positive")
        if name.startswith("sd") and np.any(values < 0):
            row = int(np.flatnonzero(values < 0)[0])
            raise InputError(f"row {row}: standard deviation {name} = {values[row]:g} is negative")
        if name.startswith("events") and np.any(values < 0):
            row = int(np.flatnonzero(values < 0)[0])
            raise InputError(f"row {row}: event count {name} = {values[row]:g} is negative")
    for events, n in (("events", "n"), ("events1", "n1"), ("events2", "n2")):
        if events in a and np.any(a[events] > a[n]):
            row = int(np.flatnonzero(a[events] > a[n])[0])
            raise InputError(
                f"row {row}: {events} = {a[events][row]:g} is larger than {n} = {a[n][row]:g} "
                "(events cannot exceed the number of patients)"
            )
    if measure in {"MNLN", "ROM"}:
        for name in ("mean", "mean1", "mean2"):
            if name in a and np.any(a[name] <= 0):
                row = int(np.flatnonzero(a[name] <= 0)[0])
                raise InputError(
                    f"row {row}: {name} = {a[name][row]:g}; measure {measure} takes logs of means, "
                    "which must be positive"
                )


def _one_proportion(a: dict[str, np.ndarray], add: float, corrected: bool):
    x, n = a["events"], a["n"]
    m = n - x
    if corrected:
        zero = (x == 0) | (m == 0)
        x = np.where(zero, x + add, x)
        m = np.where(zero, m + add, m)
    return x, m, x + m


def _pr(a, add):
    x, _m, n = _one_proportion(a, add, corrected=True)
    p = x / n
    return p, p * (1 - p) / n


def _plo(a, add):
    x, m, n = _one_proportion(a, add, corrected=True)
    with np.errstate(divide="ignore"):
        return np.log(x / m), 1 / x + 1 / m


def _pas(a, add):
    x, _m, n = _one_proportion(a, add, corrected=False)
    return np.arcsin(np.sqrt(x / n)), 1 / (4 * n)


def _pft(a, add):
    x, _m, n = _one_proportion(a, add, corrected=False)
    yi = 0.5 * (np.arcsin(np.sqrt(x / (n + 1))) + np.arcsin(np.sqrt((x + 1) / (n + 1))))
    return yi, 1 / (4 * n + 2)


def _mn(a, add):
    return a["mean"], a["sd"] ** 2 / a["n"]


def _mnln(a, add):
    return np.log(a["mean"]), a["sd"] ** 2 / (a["n"] * a["mean"] ** 2)


def _md(a, add):
    return a["mean1"] - a["mean2"], a["sd1"] ** 2 / a["n1"] + a["sd2"] ** 2 / a["n2"]


def _smd(a, add):
    n1, n2 = a["n1"], a["n2"]
    df = n1 + n2 - 2
    pooled_sd = np.sqrt(((n1 - 1) * a["sd1"] ** 2 + (n2 - 1) * a["sd2"] ** 2) / df)
    yi = hedges_correction(df) * (a["mean1"] - a["mean2"]) / pooled_sd
    return yi, 1 / n1 + 1 / n2 + yi**2 / (2 * (n1 + n2))


def _rom(a, add):
    yi = np.log(a["mean1"] / a["mean2"])
    vi = a["sd1"] ** 2 / (a["n1"] * a["mean1"] ** 2) + a["sd2"] ** 2 / (a["n2"] * a["mean2"] ** 2)
    return yi, vi


def _two_by_two(a, add):
    ai, ci = a["events1"], a["events2"]
    bi, di = a["n1"] - ai, a["n2"] - ci
    zero = (ai == 0) | (bi == 0) | (ci == 0) | (di == 0)
    ai, bi, ci, di = (np.where(zero, cell + add, cell) for cell in (ai, bi, ci, di))
    return ai, bi, ci, di


def _rr(a, add):
    ai, bi, ci, di = _two_by_two(a, add)
    n1, n2 = ai + bi, ci + di
    with np.errstate(divide="ignore"):
        return np.log(ai / n1) - np.log(ci / n2), 1 / ai - 1 / n1 + 1 / ci - 1 / n2


def _or(a, add):
    ai, bi, ci, di = _two_by_two(a, add)
    with np.errstate(divide="ignore"):
        return np.log(ai * di / (bi * ci)), 1 / ai + 1 / bi + 1 / ci + 1 / di


def _rd(a, add):
    ai, bi, ci, di = _two_by_two(a, add)
    n1, n2 = ai + bi, ci + di
    p1, p2 = ai / n1, ci / n2
    return p1 - p2, p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2


_COMPUTE: dict[str, Callable] = {
    "MN": _mn,
    "MNLN": _mnln,
    "PR": _pr,
    "PLO": _plo,
    "PFT": _pft,
    "PAS": _pas,
    "MD": _md,
    "SMD": _smd,
    "ROM": _rom,
    "RR": _rr,
    "OR": _or,
    "RD": _rd,
}
