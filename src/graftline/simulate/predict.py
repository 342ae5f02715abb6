"""Per-patient prediction: the distribution of engraftment days for one
treatment plan, from many virtual replicates of that patient.

The replicates share the plan (modality, graft source, CD34+ dose, MSC,
regimen, cycles, G-CSF) and differ in everything the model treats as
unknown before day 0: kinetic parameters, residual marrow, donor seeding,
lab noise and transfusions - and, by default, the population parameters
themselves: replicates are spread evenly over draws of the calibration's
posterior (``data/posterior.csv``; :mod:`graftline.simulate.calibrate`),
so the intervals carry the uncertainty of the calibration as well. The
prediction interval is a population interval for a patient about whom
nothing else is known, not a posterior for an individual.

Two intervals are reported:

- the *predictive* interval (default 80 %) of one patient's engraftment
  day: quantiles over all replicates (between-patient variability, lab
  noise and parameter uncertainty together);
- the *credible* interval (95 %) of the population median: the median
  ``M_d`` of each draw's ``m`` = 50 replicates varies over draws through
  the parameters and through Monte Carlo error. The between-draw variance
  is ``tau^2 = max(0, var_d(M_d) - mean_d(w_d))``, ``w_d`` the bootstrap
  variance of ``M_d`` (200 resamples) - the one-way random-effects
  (method of moments) split of the two - and the interval is
  ``median_d(M_d) +/- z tau`` (normal approximation).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import norm

from graftline.errors import InputError
from graftline.simulate import _engraftment, population
from graftline.simulate.arms import ArmSpec
from graftline.simulate.course import run_course
from graftline.simulate.parameters import DEFAULT_PARAMETERS, ModelParameters
from graftline.simulate.virtual import sample_cohort

#: Replicates per posterior draw (the Monte Carlo part of the median's interval).
REPLICATES_PER_DRAW = 50


@dataclass(frozen=True)
class EngraftmentPrediction:
    """Predicted engraftment days and expected counts for one plan.

    Attributes
    ----------
    arm
        The plan simulated.
    neutrophil_days, platelet_days
        Engraftment day of every replicate (NaN: not engrafted by the horizon
        or, for platelets, not applicable).
    days
        Days 0..horizon.
    anc_quantiles, plt_quantiles
        ``(3, n_days)`` 10th, 50th and 90th percentiles of the model counts.
    draw
        Posterior draw of each replicate (None without parameter uncertainty).
    parameter_uncertainty
        Whether the replicates were spread over posterior draws.
    level
        Coverage of the reported predictive interval (0.8).
    median_level
        Coverage of the credible interval of the median (0.95).
    """

    arm: ArmSpec
    neutrophil_days: np.ndarray
    platelet_days: np.ndarray
    days: np.ndarray
    anc_quantiles: np.ndarray
    plt_quantiles: np.ndarray
    draw: np.ndarray | None = None
    parameter_uncertainty: bool = False
    level: float = 0.8
    median_level: float = 0.95

    def summary(self, endpoint: str) -> dict[str, float]:
        """Median, predictive interval, the median's credible interval and engrafted share.

        ``endpoint``: ``neutrophil`` or ``platelet``. Keys ``median``,
        ``lower``/``upper`` (predictive, ``level``), ``median_lower``/
        ``median_upper`` (credible interval of the population median over
        posterior draws, ``median_level``; NaN without parameter
        uncertainty), ``engrafted_pct``.
        """
        values = self.neutrophil_days if endpoint == "neutrophil" else self.platelet_days
        engrafted = values[~np.isnan(values)]
        tail = (1 - self.level) / 2
        if engrafted.size == 0:
            return {"median": np.nan, "lower": np.nan, "upper": np.nan, "median_lower": np.nan,
                    "median_upper": np.nan, "engrafted_pct": 0.0}
        lower, median, upper = np.quantile(engrafted, [tail, 0.5, 1 - tail])
        median_lower = median_upper = np.nan
        if self.parameter_uncertainty and self.draw is not None:
            median_lower, median_upper = median_interval(values, self.draw, level=self.median_level)
        return {
            "median": float(median), "lower": float(lower), "upper": float(upper),
            "median_lower": float(median_lower), "median_upper": float(median_upper),
            "engrafted_pct": 100 * engrafted.size / values.size,
        }

    def to_frame(self) -> pd.DataFrame:
        """One row per endpoint: median, 80 % predictive interval, 95 % interval of the median, % engrafted."""
        rows = [{"endpoint": f"{e}_engraftment", **self.summary(e)} for e in ("neutrophil", "platelet")]
        return pd.DataFrame(rows)

    def plot(self, path=None):
        """Expected ANC and platelet counts over time with the 80 % band."""
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(1, 2, figsize=(10, 4), constrained_layout=True)
        for ax, q, name, threshold, endpoint in (
            (axes[0], self.anc_quantiles, "ANC (10^9/L)", 0.5, "neutrophil"),
            (axes[1], self.plt_quantiles, "Platelets (10^9/L)", 20.0, "platelet"),
        ):
            ax.fill_between(self.days, q[0], q[2], alpha=0.25, label="80 % of replicates")
            ax.plot(self.days, q[1], lw=2, label="median")
            ax.axhline(threshold, color="grey", ls="--", lw=1)
            s = self.summary(endpoint)
            ax.axvline(s["median"], color="k", lw=1, ls=":",
                       label=f"engraftment {s['median']:.0f} d ({s['lower']:.0f}-{s['upper']:.0f})")
            ax.set_yscale("log")
            ax.set_xlabel("days after infusion")
            ax.set_ylabel(name)
            ax.legend(fontsize=8, loc="lower right")
        fig.suptitle(_describe(self.arm))
        if path is not None:
            fig.savefig(path, dpi=120)
            plt.close(fig)
        return fig


def median_interval(values: np.ndarray, draw: np.ndarray, *, level: float = 0.95,
                    resamples: int = 200) -> tuple[float, float]:
    """Credible interval of the population median over posterior draws, Monte Carlo error removed.

    ``values``: one outcome per replicate (NaN = no event, left out);
    ``draw``: the posterior draw of each replicate. See the module docstring
    for the method. Returns NaN bounds with fewer than two draws.
    """
    rng = np.random.default_rng(0)
    medians, within = [], []
    for d in np.unique(draw):
        x = values[(draw == d) & ~np.isnan(values)]
        if x.size < 2:
            continue
        medians.append(np.median(x))
        within.append(np.median(rng.choice(x, size=(resamples, x.size)), axis=1).var(ddof=1))
    if len(medians) < 2:
        return float("nan"), float("nan")
    medians = np.asarray(medians)
    tau = np.sqrt(max(0.0, medians.var(ddof=1) - float(np.mean(within))))
    z = float(norm.ppf(0.5 + level / 2))
    centre = float(np.median(medians))
    return centre - z * tau, centre + z * tau


def _describe(arm: ArmSpec) -> str:
    if arm.modality == "chemo":
        return f"chemotherapy alone ({arm.treatment_label})"
    text = f"{arm.modality} {arm.graft_source}, CD34+ {arm.cd34_per_kg:.2g}/kg"
    if arm.modality == "mst":
        text += f" ({arm.treatment_label})"
    return text + (" + MSC" if arm.msc else "")


def predict_engraftment(
    arm: ArmSpec,
    *,
    replicates: int = 2000,
    seed: int = 0,
    horizon: int = 100,
    params: ModelParameters = DEFAULT_PARAMETERS,
    parameter_uncertainty: bool = True,
    draws: pd.DataFrame | None = None,
) -> EngraftmentPrediction:
    """Simulate ``replicates`` virtual copies of a patient receiving ``arm``.

    Parameters
    ----------
    arm
        The plan (:func:`graftline.simulate.custom_arm`).
    replicates
        Virtual copies of the patient (>= 10).
    seed
        Seed; the same seed gives the same prediction.
    horizon
        Last simulated day.
    params
        Model parameters. With ``parameter_uncertainty`` the population
        parameters (:data:`graftline.simulate.population.NAMES`) come from
        the posterior draws instead of ``params``.
    parameter_uncertainty
        Spread the replicates over posterior draws (one draw per 50
        replicates, at least 1, at most every shipped draw) so that the
        intervals include the calibration's uncertainty; False: every
        replicate uses the point values of ``params`` (the posterior mode).
    draws
        Posterior draws (default: the shipped ones,
        :func:`graftline.simulate.calibrate.load_posterior`).

    Examples
    --------
    >>> from graftline.simulate import custom_arm
    >>> plan = custom_arm(modality="allo_hsct", graft_source="pbsc", cd34_per_kg=4e6)
    >>> round(predict_engraftment(plan, replicates=500).summary("neutrophil")["median"])
    15
    """
    if isinstance(replicates, bool) or not isinstance(replicates, int) or replicates < 10:
        raise InputError(f"replicates must be an integer >= 10, got {replicates!r}")
    rng = np.random.default_rng(seed)
    values = draw = None
    if parameter_uncertainty:
        from graftline.simulate.calibrate import load_posterior

        table = load_posterior() if draws is None else draws
        k = int(min(len(table), max(1, replicates // REPLICATES_PER_DRAW)))
        draw = np.arange(replicates) % k
        values = population.per_patient(params, replicates, table.to_numpy()[:k], draw)
    cohort = sample_cohort([arm], np.zeros(replicates, dtype=np.int64), params, rng, values=values)
    course = run_course(cohort, params=params, rng=rng, weekday0=rng.integers(0, 7, replicates), horizon=horizon)
    neutrophil = _engraftment.neutrophil_engraftment(course.anc_lab)
    platelet, _ = _engraftment.platelet_engraftment(course.plt_lab, course.platelet_transfusion)
    quantiles = [0.1, 0.5, 0.9]
    return EngraftmentPrediction(
        arm=arm,
        neutrophil_days=neutrophil,
        platelet_days=platelet,
        days=course.days,
        anc_quantiles=np.quantile(course.anc, quantiles, axis=0),
        plt_quantiles=np.quantile(course.plt, quantiles, axis=0),
        draw=draw,
        parameter_uncertainty=parameter_uncertainty,
    )
