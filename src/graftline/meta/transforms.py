"""Back-transformations from the analysis scale to the natural scale."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from graftline.errors import InputError


def freeman_tukey(proportion, n):
    """Freeman-Tukey double arcsine of a proportion at sample size ``n`` (metafor's ``transf.pft``)."""
    x = np.asarray(proportion, dtype=float) * n
    return 0.5 * (np.arcsin(np.sqrt(x / (n + 1))) + np.arcsin(np.sqrt((x + 1) / (n + 1))))


def inverse_freeman_tukey(t, n):
    """Inverse of the Freeman-Tukey double arcsine (Miller 1978), at sample size ``n``.

    ``p = (1 - sgn(cos 2t) sqrt(1 - (sin 2t + (sin 2t - 1/sin 2t)/n)^2)) / 2``,
    set to 0 below the transform of 0 and to 1 above the transform of 1
    (as metafor's ``transf.ipft``). For a pooled value use the harmonic mean of
    the study sizes as ``n`` (``transf.ipft.hm``).

    References
    ----------
    1. Miller JJ. The inverse of the Freeman-Tukey double arcsine transformation.
       Am Stat 1978;32:138.
    """
    t = np.asarray(t, dtype=float)
    s = np.sin(2 * t)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = 0.5 * (1 - np.sign(np.cos(2 * t)) * np.sqrt(1 - (s + (s - 1 / s) / n) ** 2))
    p = np.where(t > freeman_tukey(1.0, n), 1.0, p)
    p = np.where(t < freeman_tukey(0.0, n), 0.0, p)
    return p


def harmonic_mean(n) -> float:
    n = np.asarray(n, dtype=float)
    return float(1 / np.mean(1 / n))


def back_transform_function(measure: str | None, n=None) -> tuple[str, Callable]:
    """The natural-scale name and function for an effect measure."""
    key = (measure or "").upper()
    if key in {"RR", "OR", "ROM", "MNLN", "HR", "EXP"}:
        names = {"RR": "risk ratio", "OR": "odds ratio", "ROM": "ratio of means", "MNLN": "mean",
                 "HR": "hazard ratio"}
        return names.get(key, "exp"), np.exp
    if key in {"PLO", "ILOGIT"}:
        return "proportion", lambda x: 1 / (1 + np.exp(-np.asarray(x, dtype=float)))
    if key == "PAS":
        return "proportion", lambda x: np.sin(np.asarray(x, dtype=float)) ** 2
    if key == "PFT":
        if n is None:
            raise InputError("back-transforming PFT needs the study sample sizes (pass n= to pool)")
        nhm = harmonic_mean(n)
        return "proportion", lambda x: inverse_freeman_tukey(x, nhm)
    from graftline.meta.effect_sizes import MEASURE_LABELS

    return MEASURE_LABELS.get(key, "as analysed"), lambda x: np.asarray(x, dtype=float)
