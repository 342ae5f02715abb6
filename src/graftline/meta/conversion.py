"""Estimate a study's mean and SD from its median with IQR and/or range.

Many transplant studies report engraftment days as "median 14 (range 9-28)".
To pool them with studies that report mean (SD), the Cochrane Handbook
(section 6.5.2.5) points to the estimators of Wan et al. (2014) and Luo et al.
(2018); this module implements those and Shi et al. (2020) as metafor's
``conv.fivenum`` does (metafor >= 4.0, ``dist="norm"``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import integrate, stats

from graftline.errors import InputError

METHODS = ("luo-wan", "wan")


def wan_xi(n: np.ndarray, *, small_sample: str = "blom") -> np.ndarray:
    """``xi(n)``: expected range of ``n`` standard normal values (Wan 2014, eq. 7).

    ``small_sample="blom"`` (metafor's choice, all n) uses
    ``2 Phi^-1((n - 0.375)/(n + 0.25))``; ``"exact"`` integrates the expected
    range for ``n <= 50`` (the values of Wan et al. 2014, Table 1) and uses the
    Blom formula above 50, as the paper recommends.
    """
    n = np.asarray(n, dtype=float)
    blom = 2 * stats.norm.ppf((n - 0.375) / (n + 0.25))
    if small_sample == "blom":
        return blom
    if small_sample != "exact":
        raise InputError(f"small_sample must be 'blom' or 'exact', not {small_sample!r}")
    exact = np.array([_expected_range(v) if v <= 50 else b for v, b in zip(n.ravel(), blom.ravel(), strict=True)])
    return exact.reshape(n.shape)


def wan_eta(n: np.ndarray) -> np.ndarray:
    """``eta(n) = 2 Phi^-1((0.75 n - 0.125)/(n + 0.25))`` (Wan 2014, eq. 15)."""
    n = np.asarray(n, dtype=float)
    return 2 * stats.norm.ppf((0.75 * n - 0.125) / (n + 0.25))


def _expected_range(n: float) -> float:
    if n <= 1:
        return 0.0
    value, _ = integrate.quad(
        lambda z: z * n * stats.norm.pdf(z) * stats.norm.cdf(z) ** (n - 1), -np.inf, np.inf,
        epsabs=1e-13, epsrel=1e-12,
    )
    return 2 * value


def estimate_mean_sd(
    n,
    *,
    median,
    q1=None,
    q3=None,
    minimum=None,
    maximum=None,
    method: str = "luo-wan",
    skew_test: bool = True,
    small_sample: str = "blom",
) -> pd.DataFrame:
    """Estimate mean and SD from the median with quartiles and/or range.

    Parameters
    ----------
    n : array_like
        Sample size of each study arm.
    median : array_like
        Sample medians.
    q1, q3, minimum, maximum : array_like, optional
        First and third quartiles and range; NaN where a study did not report
        them. Each row uses what it has: scenario S1 (min, median, max),
        S3 (q1, median, q3) or S2 (all five).
    method : {"luo-wan", "wan"}
        ``"luo-wan"`` (default, metafor's recommended set): mean by Luo et al.
        (2018), SD by Wan et al. (2014) for S1 and S3 and by Shi et al. (2020)
        for S2. ``"wan"``: mean and SD both by Wan et al. (2014).
    skew_test : bool, default True
        Apply the test of Shi et al. (2023) for skewness of the summary (as
        ``conv.fivenum(test=TRUE)``): rows whose summary is significantly
        skewed are not converted (NaN) and say so in ``note``, because the
        estimators assume roughly normal data.
    small_sample : {"blom", "exact"}
        How ``xi(n)`` is computed; see :func:`wan_xi`.

    Returns
    -------
    pandas.DataFrame
        One row per input with ``mean, sd, scenario`` (S1/S2/S3 or ``""``),
        ``converted`` (True where mean/SD are estimates, the flag every
        downstream table carries), ``skew_statistic, skew_critical, skewed``
        and ``note`` (why a row was not converted).

    Notes
    -----
    With ``a, q1, m, q3, b`` the five numbers,
    ``xi(n) = 2 Phi^-1((n-0.375)/(n+0.25))`` and
    ``eta(n) = 2 Phi^-1((0.75n-0.125)/(n+0.25))``:

    - S1 mean (Luo eq. 7): ``w (a+b)/2 + (1-w) m``, ``w = 4/(4+n^0.75)``;
      SD (Wan eq. 9): ``(b-a)/xi(n)``.
    - S3 mean (Luo eq. 11): ``w (q1+q3)/2 + (1-w) m``, ``w = 0.7 + 0.39/n``;
      SD (Wan eq. 16): ``(q3-q1)/eta(n)``.
    - S2 mean (Luo eq. 15): ``w1 (a+b)/2 + w2 (q1+q3)/2 + (1-w1-w2) m``,
      ``w1 = 2.2/(2.2+n^0.75)``, ``w2 = 0.7 - 0.72/n^0.55``;
      SD (Shi eq. 10): ``w (b-a)/xi(n) + (1-w)(q3-q1)/eta(n)``, ``w = 1/(1+0.07 n^0.6)``.
    - ``method="wan"``: means ``(a+2m+b)/4``, ``(q1+m+q3)/3``,
      ``(a+2q1+2m+2q3+b)/8``; S2 SD ``((b-a)/xi + (q3-q1)/eta)/2``.

    Rows with ``n < 5`` are not converted (as conv.fivenum). Values must satisfy
    ``min <= q1 <= median <= q3 <= max``. Differences from R: none for
    ``small_sample="blom"``; the installed metafor 3.8 predates conv.fivenum,
    so the tests compare with an R implementation of the published formulas.

    References
    ----------
    1. Wan X, Wang W, Liu J, Tong T. Estimating the sample mean and standard
       deviation from the sample size, median, range and/or interquartile range.
       BMC Med Res Methodol 2014;14:135.
    2. Luo D, Wan X, Liu J, Tong T. Optimally estimating the sample mean from the
       sample size, median, mid-range, and/or mid-quartile range. Stat Methods
       Med Res 2018;27:1785-1805.
    3. Shi J, Luo D, Weng H, et al. Optimally estimating the sample standard
       deviation from the five-number summary. Res Synth Methods 2020;11:641-654.
    4. Shi J, Luo D, Wan X, et al. Detecting the skewness of data from the
       five-number summary and its application in meta-analysis. Stat Methods
       Med Res 2023;32:1338-1360.
    5. Higgins JPT et al. (eds). Cochrane Handbook for Systematic Reviews of
       Interventions, version 6.4, 2023, section 6.5.2.5.

    Examples
    --------
    >>> out = estimate_mean_sd([20], median=[14], q1=[12], q3=[17])
    >>> out[["mean", "sd", "scenario", "converted"]].round(3)
        mean     sd scenario  converted
    0  14.36  3.989       S3       True
    """
    if method not in METHODS:
        raise InputError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    n = np.atleast_1d(np.asarray(n, dtype=float))
    k = len(n)

    def column(values, name):
        if values is None:
            return np.full(k, np.nan)
        arr = np.atleast_1d(np.asarray(values, dtype=float))
        if len(arr) != k:
            raise InputError(f"{name} has {len(arr)} values but n has {k}")
        return arr

    m = column(median, "median")
    q1, q3 = column(q1, "q1"), column(q3, "q3")
    a, b = column(minimum, "minimum"), column(maximum, "maximum")
    _check_order(a, q1, m, q3, b)

    has_range = ~np.isnan(a) & ~np.isnan(b)
    has_iqr = ~np.isnan(q1) & ~np.isnan(q3)
    usable = ~np.isnan(m) & ~np.isnan(n) & (n >= 5)
    s1 = usable & has_range & ~has_iqr
    s3 = usable & has_iqr & ~has_range
    s2 = usable & has_range & has_iqr

    with np.errstate(invalid="ignore", divide="ignore"):
        xi = wan_xi(np.where(usable, n, 5.0), small_sample=small_sample)
        eta = wan_eta(np.where(usable, n, 5.0))
        mean = np.full(k, np.nan)
        sd = np.full(k, np.nan)
        tval = np.full(k, np.nan)
        crit = np.full(k, np.nan)

        if method == "luo-wan":
            w = 4 / (4 + n**0.75)
            mean = np.where(s1, w * (a + b) / 2 + (1 - w) * m, mean)
            w = 0.7 + 0.39 / n
            mean = np.where(s3, w * (q1 + q3) / 2 + (1 - w) * m, mean)
            w1, w2 = 2.2 / (2.2 + n**0.75), 0.7 - 0.72 / n**0.55
            mean = np.where(s2, w1 * (a + b) / 2 + w2 * (q1 + q3) / 2 + (1 - w1 - w2) * m, mean)
            w = 1 / (1 + 0.07 * n**0.6)
            sd = np.where(s2, w * (b - a) / xi + (1 - w) * (q3 - q1) / eta, sd)
        else:
            mean = np.where(s1, (a + 2 * m + b) / 4, mean)
            mean = np.where(s3, (q1 + m + q3) / 3, mean)
            mean = np.where(s2, (a + 2 * q1 + 2 * m + 2 * q3 + b) / 8, mean)
            sd = np.where(s2, ((b - a) / xi + (q3 - q1) / eta) / 2, sd)
        sd = np.where(s1, (b - a) / xi, sd)
        sd = np.where(s3, (q3 - q1) / eta, sd)

        # Skewness test of Shi et al. (2023), as in conv.fivenum.
        t1 = np.abs((a + b - 2 * m) / (b - a))
        t3 = np.abs((q1 + q3 - 2 * m) / (q3 - q1))
        tval = np.where(s1, t1, tval)
        crit = np.where(s1, 1 / np.log(n + 9) + 2.5 / (n + 1), crit)
        tval = np.where(s3, t3, tval)
        crit = np.where(s3, 2.65 / np.sqrt(n) - 6 / n**2, crit)
        tval = np.where(s2, np.maximum(2.65 * np.log(0.6 * n) / np.sqrt(n) * t1, t3), tval)
        crit = np.where(s2, 3 / np.sqrt(n) - 40 / n**3, crit)
    skewed = (tval >= crit) & ~np.isnan(tval)

    notes = np.full(k, "", dtype=object)
    notes[~usable & ~np.isnan(n) & (n < 5)] = "n < 5: too small to convert a median"
    notes[np.isnan(m)] = "no median reported"
    no_spread = usable & ~has_range & ~has_iqr
    notes[no_spread] = "median without IQR or range: cannot estimate the SD"
    if skew_test:
        for i in np.flatnonzero(skewed):
            notes[i] = (
                f"summary significantly skewed (Shi 2023 test {tval[i]:.3f} >= {crit[i]:.3f}); "
                "not converted"
            )
        mean = np.where(skewed, np.nan, mean)
        sd = np.where(skewed, np.nan, sd)

    scenario = np.where(s1, "S1", np.where(s2, "S2", np.where(s3, "S3", "")))
    return pd.DataFrame(
        {
            "mean": mean,
            "sd": sd,
            "scenario": scenario,
            "converted": ~np.isnan(mean) & ~np.isnan(sd),
            "skew_statistic": tval,
            "skew_critical": crit,
            "skewed": skewed,
            "note": notes,
        }
    )


def _check_order(a, q1, m, q3, b) -> None:
    stacked = np.column_stack([a, q1, m, q3, b])
    for row, values in enumerate(stacked):
        present = values[~np.isnan(values)]
        if np.any(np.diff(present) < 0):
            raise InputError(
                f"row {row}: expected minimum <= q1 <= median <= q3 <= maximum, got "
                + ", ".join("NA" if np.isnan(v) else f"{v:g}" for v in values)
            )
