"""Unit normalisation for laboratory values.

Counts are stored in 10^9/L (DOMAIN.md section 3): 10^9/L == 10^3/uL ==
10*3/uL == K/uL == G/L, while /uL and cells/mm3 are 1000x larger (ANC
0.5 x10^9/L = 500/uL). A count whose unit is missing or unknown is an input
error, never a guess.
"""

from __future__ import annotations

from graftline.cohort.schema import COUNT_ANALYTES

COUNT_UNIT = "10^9/L"

#: Factor that converts a count in the given unit to 10^9/L. Keys are the
#: normalised spelling (see :func:`normalise_unit_spelling`).
COUNT_FACTORS: dict[str, float] = {
    "10^9/l": 1.0,
    "10*9/l": 1.0,
    "10e9/l": 1.0,
    "x10^9/l": 1.0,
    "g/l": 1.0,
    "10^3/ul": 1.0,
    "10*3/ul": 1.0,
    "10e3/ul": 1.0,
    "x10^3/ul": 1.0,
    "k/ul": 1.0,
    "/ul": 1e-3,
    "cells/ul": 1e-3,
    "/mm3": 1e-3,
    "cells/mm3": 1e-3,
}

#: Canonical unit and conversion factors for the other analytes.
OTHER_UNITS: dict[str, tuple[str, dict[str, float]]] = {
    "neut_pct": ("%", {"%": 1.0}),
    "bands_pct": ("%", {"%": 1.0}),
    "hb": ("g/dL", {"g/dl": 1.0, "g/l": 0.1, "mmol/l": 1.61}),
    # 1 mg/dL bilirubin = 17.1 umol/L.
    "bilirubin": ("mg/dL", {"mg/dl": 1.0, "umol/l": 1 / 17.1}),
}


def normalise_unit_spelling(unit: str) -> str:
    """Lower-case a unit and remove spaces and the micro-sign variants."""
    return unit.strip().lower().replace(" ", "").replace("µ", "u").replace("μ", "u")


def canonical_unit(analyte: str) -> str:
    """The unit an analyte is stored in."""
    if analyte in COUNT_ANALYTES:
        return COUNT_UNIT
    return OTHER_UNITS[analyte][0]


def conversion_factor(analyte: str, unit: str | None) -> float | None:
    """Factor from ``unit`` to the analyte's canonical unit, or None if unknown.

    Examples
    --------
    >>> conversion_factor("anc", "cells/mm3")
    0.001
    >>> conversion_factor("plt", "K/uL")
    1.0
    >>> conversion_factor("anc", "mg") is None
    True
    """
    if unit is None:
        return None
    spelled = normalise_unit_spelling(unit)
    if analyte in COUNT_ANALYTES:
        return COUNT_FACTORS.get(spelled)
    return OTHER_UNITS[analyte][1].get(spelled)
