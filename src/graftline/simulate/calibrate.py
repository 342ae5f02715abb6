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


def fit(*, n: int = 5000, seed: int = 2011, params: ModelParameters = DEFAULT_PARAMETERS) -> ModelParameters:
    """Re-fit the calibrated parameters (slow: a few minutes)."""

    def stat(p: ModelParameters, arm: str, endpoint: str, statistic: str) -> float:
        days = engraftment_days([arm], n, seed=seed, params=p)[endpoint].to_numpy()
        return grouped_median(days) if statistic == "median" else float(np.nanmean(days))

    def lineage(p: ModelParameters, endpoint: str):
        return p.neutrophils if endpoint == "neutrophil" else p.platelets

    def with_lineage(p: ModelParameters, endpoint: str, **changes) -> ModelParameters:
        key = "neutrophils" if endpoint == "neutrophil" else "platelets"
        return replace(p, **{key: replace(lineage(p, endpoint), **changes)})

    for endpoint in ("neutrophil", "platelet"):
        target = {"neutrophil": 16.0, "platelet": 20.0}[endpoint]
        value = _bisect(lambda v, e=endpoint: stat(with_lineage(params, e, residual_chemo=v), "chemo", e, "median"),
                        target, 1e-4, 0.5, increasing=False)
        params = with_lineage(params, endpoint, residual_chemo=value)

        target = {"neutrophil": 14.0, "platelet": 18.0}[endpoint]
        value = _bisect(lambda v, e=endpoint: stat(with_lineage(params, e, seed_per_million_cd34=v), "allo_pbsc", e, "median"),
                        target, 1e-4, 1.0, increasing=False)
        params = with_lineage(params, endpoint, seed_per_million_cd34=value)

        for source, arm, targets in (("bm", "allo_bm", {"neutrophil": 19.0, "platelet": 25.0}),
                                     ("cord", "allo_cord", {"neutrophil": 23.0})):
            if endpoint not in targets:
                continue

            def evaluate(v, e=endpoint, s=source, a=arm):
                potency = {**lineage(params, e).source_potency, s: v}
                return stat(with_lineage(params, e, source_potency=potency), a, e, "median")

            value = _bisect(evaluate, targets[endpoint], 0.01, 100.0, increasing=False)
            params = with_lineage(params, endpoint, source_potency={**lineage(params, endpoint).source_potency, source: value})

        target = {"neutrophil": 13.96, "platelet": 21.61}[endpoint]
        value = _bisect(lambda v, e=endpoint: stat(with_lineage(params, e, msc_division_factor=v), "allo_bm_msc", e, "mean"),
                        target, 1.0, 4.0, increasing=False)
        params = with_lineage(params, endpoint, msc_division_factor=value)

    # Cord platelets have no target here: keep the marrow/PBSC ratio of neutrophils.
    cord_p = params.neutrophils.source_potency["cord"] * params.platelets.source_potency["bm"] / params.neutrophils.source_potency["bm"]
    params = with_lineage(params, "platelet", source_potency={**params.platelets.source_potency, "cord": cord_p})

    for endpoint, field, target in (("neutrophil", "mst_host_support_neutrophils", 11.0),
                                    ("platelet", "mst_host_support_platelets", 14.5)):
        value = _bisect(lambda v, e=endpoint, f=field, t=target: stat(replace(params, immunology=replace(params.immunology, **{f: v})), "mst", e, "median"),
                        target, 1.0, 4.0, increasing=False)
        params = replace(params, immunology=replace(params.immunology, **{field: value}))
    return params


if __name__ == "__main__":  # pragma: no cover - maintenance tool
    fitted = fit()
    for name in ("neutrophils", "platelets"):
        lin = getattr(fitted, name)
        print(name, dict(residual_chemo=lin.residual_chemo, seed_per_million_cd34=lin.seed_per_million_cd34,
                         source_potency=lin.source_potency, msc_division_factor=lin.msc_division_factor))
    print("immunology", fitted.immunology)
    with pd.option_context("display.width", 200):
        print(calibration_table(params=fitted))
