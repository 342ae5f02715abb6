"""Calibration of the count model against published recovery days.

:data:`TARGETS` lists the published medians (means for the MSC review) of
DOMAIN.md section 4; :func:`calibration_table` simulates a seeded cohort,
runs the labs through the CIBMTR engraftment rules and sets simulated beside
published; :func:`fit` re-derives the fitted parameters of
:mod:`graftline.simulate.parameters` by bisection (run
``python -m graftline.simulate.calibrate`` after changing the model and copy
the printed values into ``parameters.py``).

Each fitted parameter moves mainly one target, so the fit goes through the
arms in an order where earlier targets do not depend on later parameters:
chemo (host residual) -> allo PBSC (donor seed per CD34+) -> marrow and cord
(source potency) -> marrow + MSC (MSC division factor) -> MST (host support).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from graftline.simulate import _engraftment
from graftline.simulate.arms import ARMS
from graftline.simulate.course import run_course
from graftline.simulate.parameters import DEFAULT_PARAMETERS, ModelParameters
from graftline.simulate.virtual import sample_cohort


@dataclass(frozen=True)
class Target:
    """One published recovery statistic the default parameters reproduce."""

    arm: str
    endpoint: str  # "neutrophil" or "platelet"
    statistic: str  # "median" or "mean"
    published: float
    source: str


TARGETS: tuple[Target, ...] = (
    Target("chemo", "neutrophil", "median", 16.0, "Guo 2011, chemotherapy alone (n=28)"),
    Target("chemo", "platelet", "median", 20.0, "Guo 2011, chemotherapy alone (n=28)"),
    Target("mst", "neutrophil", "median", 11.0, "Guo 2011, chemotherapy + G-PBSC (n=30)"),
    Target("mst", "platelet", "median", 14.5, "Guo 2011, chemotherapy + G-PBSC (n=30)"),
    Target("allo_pbsc", "neutrophil", "median", 14.0, "Champlin 2000, PBSC, HLA-identical siblings"),
    Target("allo_pbsc", "platelet", "median", 18.0, "Champlin 2000, PBSC, HLA-identical siblings"),
    Target("allo_bm", "neutrophil", "median", 19.0, "Champlin 2000, bone marrow, HLA-identical siblings"),
    Target("allo_bm", "platelet", "median", 25.0, "Champlin 2000, bone marrow, HLA-identical siblings"),
    Target("allo_cord", "neutrophil", "median", 23.0, "Barker 2005, double cord blood"),
    Target("allo_bm_msc", "neutrophil", "mean", 13.96, "2025 systematic review of MSC co-infusion (47 studies)"),
    Target("allo_bm_msc", "platelet", "mean", 21.61, "2025 systematic review of MSC co-infusion (47 studies)"),
)


def engraftment_days(
    arm_names: list[str], n: int, *, seed: int, params: ModelParameters = DEFAULT_PARAMETERS
) -> pd.DataFrame:
    """Simulated engraftment days (labs to day 100, no deaths) per patient."""
    rng = np.random.default_rng(seed)
    arms = [ARMS[name] for name in arm_names]
    arm_index = np.repeat(np.arange(len(arms)), n)
    cohort = sample_cohort(arms, arm_index, params, rng)
    weekday0 = rng.integers(0, 7, arm_index.size)
    course = run_course(cohort, params=params, rng=rng, weekday0=weekday0, record_truth=False)
    neutrophil = _engraftment.neutrophil_engraftment(course.anc_lab)
    platelet, _ = _engraftment.platelet_engraftment(course.plt_lab, course.platelet_transfusion)
    return pd.DataFrame(
        {"arm": np.asarray(arm_names)[arm_index], "neutrophil": neutrophil, "platelet": platelet}
    )


def grouped_median(days: np.ndarray) -> float:
    """Median of integer days treated as grouped data (continuous in the data).

    ``L + (n/2 - F(L)) / f`` with ``L`` the lower edge (day - 0.5) of the
    median day, ``F`` the count below it and ``f`` its frequency; used only
    to give the bisection a smooth target.
    """
    days = np.sort(days[~np.isnan(days)])
    half = days.size / 2
    median_day = days[int(np.ceil(half)) - 1]
    below = np.count_nonzero(days < median_day)
    at = np.count_nonzero(days == median_day)
    return float(median_day - 0.5 + (half - below) / at)


def summarise(days: np.ndarray, statistic: str) -> float:
    """The published statistic among engrafted patients."""
    engrafted = days[~np.isnan(days)]
    return float(np.median(engrafted) if statistic == "median" else np.mean(engrafted))


def calibration_table(
    *, n: int = 5000, seed: int = 2011, params: ModelParameters = DEFAULT_PARAMETERS,
    days: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Published versus simulated recovery days for every target.

    ``days`` may be given (one row per patient with ``arm``, ``neutrophil``,
    ``platelet``), e.g. from the endpoint engine run on simulated tables;
    otherwise the vectorised CIBMTR rules run on a fresh simulation.
    """
    if days is None:
        arms = sorted({t.arm for t in TARGETS}, key=list(ARMS).index)
        days = engraftment_days(arms, n, seed=seed, params=params)
    rows = []
    for target in TARGETS:
        values = days.loc[days["arm"] == target.arm, target.endpoint].to_numpy(dtype=float)
        simulated = summarise(values, target.statistic)
        rows.append({
            "arm": target.arm,
            "endpoint": f"{target.endpoint}_engraftment",
            "statistic": target.statistic,
            "published": target.published,
            "simulated": simulated,
            "difference": simulated - target.published,
            "engrafted_pct": 100 * np.mean(~np.isnan(values)),
            "source": target.source,
        })
    return pd.DataFrame(rows)


def _bisect(evaluate, target: float, low: float, high: float, *, increasing: bool, iterations: int = 14) -> float:
    """Geometric bisection for a parameter whose statistic is monotone in it."""
    for _ in range(iterations):
        middle = np.sqrt(low * high)
        above = evaluate(middle) > target
        if above == increasing:
            high = middle
        else:
            low = middle
    return float(np.sqrt(low * high))


def _set_lineage(endpoint: str, **fields):
    """A setter that replaces fields of the neutrophil or platelet lineage."""
    key = "neutrophils" if endpoint == "neutrophil" else "platelets"

    def setter(p: ModelParameters, value: float) -> ModelParameters:
        lineage = getattr(p, key)
        changes = {}
        for name, source in fields.items():
            changes[name] = {**lineage.source_potency, source: value} if name == "source_potency" else value
        return replace(p, **{key: replace(lineage, **changes)})

    return setter


def _set_chemo(endpoint: str):
    key = "neutrophils" if endpoint == "neutrophil" else "platelets"

    def setter(p: ModelParameters, value: float) -> ModelParameters:
        return replace(p, **{key: replace(getattr(p, key), chemo_sensitivity=value)})

    return setter


def _set_support(field: str):
    def setter(p: ModelParameters, value: float) -> ModelParameters:
        return replace(p, immunology=replace(p.immunology, **{field: value}))

    return setter


#: (setter, arm, endpoint, statistic, target, bounds), in fitting order.
_KNOBS = tuple(
    knob
    for endpoint, chemo, pbsc, bm, msc in (("neutrophil", 16.0, 14.0, 19.0, 13.96), ("platelet", 20.0, 18.0, 25.0, 21.61))
    for knob in (
        (_set_chemo(endpoint), "chemo", endpoint, "median", chemo, (1.0, 100.0)),
        (_set_lineage(endpoint, seed_per_million_cd34=None), "allo_pbsc", endpoint, "median", pbsc, (1e-4, 1.0)),
        (_set_lineage(endpoint, source_potency="bm"), "allo_bm", endpoint, "median", bm, (0.01, 100.0)),
        (_set_lineage(endpoint, msc_division_factor=None), "allo_bm_msc", endpoint, "mean", msc, (1.0, 4.0)),
    )
) + (
    (_set_lineage("neutrophil", source_potency="cord"), "allo_cord", "neutrophil", "median", 23.0, (0.01, 100.0)),
    (_set_support("mst_support_neutrophils"), "mst", "neutrophil", "median", 11.0, (0.01, 10.0)),
    (_set_support("mst_support_platelets"), "mst", "platelet", "median", 14.5, (0.01, 10.0)),
)


def fit(*, n: int = 5000, seed: int = 2011, params: ModelParameters = DEFAULT_PARAMETERS) -> ModelParameters:
    """Re-fit the calibrated parameters by bisection (slow: about a minute).

    Every statistic falls as its parameter grows. Cord platelets have no
    target: their potency keeps the cord/marrow ratio of the neutrophils.
    """
    for setter, arm, endpoint, statistic, target, (low, high) in _KNOBS:
        base = params

        def evaluate(value, setter=setter, arm=arm, endpoint=endpoint, statistic=statistic, base=base):
            days = engraftment_days([arm], n, seed=seed, params=setter(base, value))[endpoint].to_numpy()
            return grouped_median(days) if statistic == "median" else float(np.nanmean(days))

        increasing = setter.__qualname__.startswith("_set_chemo")
        params = setter(base, _bisect(evaluate, target, low, high, increasing=increasing))
        print(arm, endpoint, params, flush=True)
    ratio = params.neutrophils.source_potency["cord"] / params.neutrophils.source_potency["bm"]
    return _set_lineage("platelet", source_potency="cord")(params, ratio * params.platelets.source_potency["bm"])


if __name__ == "__main__":  # pragma: no cover - maintenance tool
    fitted = fit()
    for name in ("neutrophils", "platelets"):
        lin = getattr(fitted, name)
        print(name, dict(chemo_sensitivity=lin.chemo_sensitivity, seed_per_million_cd34=lin.seed_per_million_cd34,
                         source_potency=lin.source_potency, msc_division_factor=lin.msc_division_factor))
    print("immunology", fitted.immunology)
    with pd.option_context("display.width", 200):
        print(calibration_table(params=fitted))
