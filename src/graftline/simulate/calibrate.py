"""Joint calibration of the population parameters with uncertainty.

Every published target (:data:`TARGETS`) is a summary statistic of a trial
of known size: a median recovery day (its sampling standard error comes
from the trial's size and the simulated distribution, by resampling) or a
standardised mean difference from a meta-analysis of controlled trials
(standard error from its reported p-value). The likelihood treats each
published value as normal around the simulated statistic with that
standard error (a synthetic likelihood on summary statistics); every
parameter has a lognormal prior (:data:`PRIORS`). The posterior mode is
found by Gauss-Newton on the log parameters (Jacobian by finite
differences with common random numbers), the posterior by the Laplace
approximation ``Sigma = (J' J)^-1`` of the stacked, standardised residuals
(targets and priors). Parameters no target informs keep their prior. The
draws ``N(mode, Sigma)`` on the log scale are shipped as
``data/posterior.csv``; re-make them with::

    python -m graftline.simulate.calibrate          # ~5 min on 2 cores

The demo never runs this; it reads the shipped draws.

Limits of the method (docs/simulator.md): the Laplace approximation is
symmetric on the log scale; the resampled standard errors are held fixed at
the starting point; medians of integer days are smoothed (grouped median)
so that the Jacobian exists.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from importlib import resources

import numpy as np
import pandas as pd

from graftline.simulate import _engraftment, population
from graftline.simulate.arms import ARMS
from graftline.simulate.course import run_course
from graftline.simulate.parameters import DEFAULT_PARAMETERS, ModelParameters
from graftline.simulate.virtual import sample_cohort


@dataclass(frozen=True)
class Target:
    """One published statistic.

    ``statistic``: ``median`` / ``mean`` of the engraftment day in ``arm``,
    or ``smd`` = (mean in ``arm`` - mean in ``control``) / pooled SD.
    ``n``: patients in the published arm (medians); ``se``: standard error
    given by the source (SMD).
    """

    name: str
    arm: str
    endpoint: str
    statistic: str
    published: float
    source: str
    n: int = 0
    se: float = 0.0
    control: str = ""


#: z for a two-sided p = 0.04, to turn the meta-analysis's p into a standard error.
_Z_P04 = 2.0537

TARGETS: tuple[Target, ...] = (
    Target("chemo ANC", "chemo", "neutrophil", "median", 16.0,
           "Guo et al., Blood 2011;117:936, abstract (chemotherapy alone, n=28)", n=28),
    Target("chemo PLT", "chemo", "platelet", "median", 20.0,
           "Guo et al., Blood 2011;117:936, abstract (chemotherapy alone, n=28)", n=28),
    Target("MST ANC", "mst", "neutrophil", "median", 11.0,
           "Guo et al., Blood 2011;117:936, abstract (chemotherapy + G-PBSC, n=30)", n=30),
    Target("MST PLT", "mst", "platelet", "median", 14.5,
           "Guo et al., Blood 2011;117:936, abstract (chemotherapy + G-PBSC, n=30)", n=30),
    Target("PBSC ANC", "allo_pbsc", "neutrophil", "median", 14.0,
           "Champlin et al., Blood 2000;95:3702, abstract (PBSC, HLA-identical siblings, n=288 [S])", n=288),
    Target("PBSC PLT", "allo_pbsc", "platelet", "median", 18.0,
           "Champlin et al., Blood 2000;95:3702, abstract (PBSC, n=288 [S])", n=288),
    Target("marrow ANC", "allo_bm", "neutrophil", "median", 19.0,
           "Champlin et al., Blood 2000;95:3702, abstract (bone marrow, n=536 [S])", n=536),
    Target("marrow PLT", "allo_bm", "platelet", "median", 25.0,
           "Champlin et al., Blood 2000;95:3702, abstract (bone marrow, n=536 [S])", n=536),
    Target("cord ANC", "allo_cord", "neutrophil", "median", 23.0,
           "Barker et al., Blood 2005;105:1343, abstract (double cord blood, n=23 [S])", n=23),
    Target("MSC ANC SMD", "allo_pbsc_msc", "neutrophil", "smd", -1.20,
           "Stem Cell Res Ther 2021;12:246, abstract: 6 RCTs, SMD -1.20, p = 0.04 (studies: Table 2)",
           se=1.20 / _Z_P04, control="allo_pbsc"),
    Target("MSC PLT SMD", "allo_pbsc_msc", "platelet", "smd", -0.60,
           "Stem Cell Res Ther 2021;12:246, abstract: 6 RCTs, SMD -0.60, p = 0.04 (studies: Table 2)",
           se=0.60 / _Z_P04, control="allo_pbsc"),
)
CALIBRATION_ARMS = ("chemo", "mst", "allo_pbsc", "allo_bm", "allo_cord", "allo_pbsc_msc")

#: Published outcomes NOT used in the fit: predicted with their interval and
#: set beside the published value (docs/simulator.md, "Held-out check").
HELDOUT: tuple[Target, ...] = (
    Target("MST series ANC", "mst", "neutrophil", "median", 12.0,
           "Single-centre MST series, 26 newly diagnosed AML patients aged >= 60 (April 2008 - April 2018), "
           "Discover Oncology, abstract: median neutrophil recovery 12 days", n=26),
    Target("MST series PLT", "mst", "platelet", "median", 14.0,
           "Single-centre MST series, 26 newly diagnosed AML patients aged >= 60 (April 2008 - April 2018), "
           "Discover Oncology, abstract: median platelet recovery 14 days", n=26),
)

#: Lognormal priors: (median, SD of the log). Wide (x/÷ e per SD) where only
#: the targets should decide; narrower where a source or a mechanism bounds
#: the value. Tags as in DOMAIN.md.
PRIORS: dict[str, tuple[float, float, str]] = {
    "sigma_n": (10.0, 1.0, "vague"), "sigma_p": (10.0, 1.0, "vague"),
    "seed_n": (3e-3, 1.0, "vague"), "seed_p": (3e-3, 1.0, "vague"),
    "bm_n": (0.4, 1.0, "vague"), "bm_p": (0.4, 1.0, "vague"), "cord_n": (1.0, 1.0, "vague"),
    "msc_n": (1.2, 0.3, "MSC speed engraftment by at most a few days [S]"),
    "msc_p": (1.2, 0.3, "as msc_n"),
    "support_n": (0.5, 1.0, "vague"), "support_p": (0.5, 1.0, "vague"),
    "rejection_rate": (0.4, 0.3, "MST donor cells below 1 % by day 30 [C: DOMAIN.md 2] [NC]"),
    "persistent_fraction": (0.01, 0.7, "[NC] chosen so that MST chimerism sits at 0.01-1 %"),
    "persistent_half_life": (120.0, 0.5, "[NC] microchimerism persisting months"),
    "gcsf_prolif": (0.3, 0.5, "[NC]"),
    "gcsf_mtt": (0.5, 0.3, "Lord 1989: shorter marrow transit under G-CSF [S]; value [NC]"),
    "potency_daunorubicin": (1.0, 0.7, "[NC] relative to the reference PD"),
    "potency_mitoxantrone": (1.0, 0.7, "[NC]"),
    "potency_idarubicin": (1.0, 0.7, "[NC]"),
}
#: Parameters that no calibration arm depends on (no G-CSF, no daunorubicin or
#: idarubicin, no persistence beyond the recovery window): their Jacobian
#: columns are zero, so they are not perturbed.
_NOT_IN_TARGETS = ("persistent_half_life", "gcsf_prolif", "gcsf_mtt", "potency_daunorubicin", "potency_idarubicin")


def simulate_days(
    values: dict[str, np.ndarray] | None,
    arm_names: tuple[str, ...],
    n: int,
    *,
    seed: int,
    params: ModelParameters = DEFAULT_PARAMETERS,
    draw_index: np.ndarray | None = None,
) -> pd.DataFrame:
    """Engraftment days (labs to day 100, no deaths) of ``n`` patients per arm.

    ``values``: per-patient population parameters of length ``n *
    len(arm_names)`` (None: the point values of ``params``).
    """
    rng = np.random.default_rng(seed)
    arms = [ARMS[name] for name in arm_names]
    arm_index = np.tile(np.repeat(np.arange(len(arms)), n), 1)
    cohort = sample_cohort(arms, arm_index, params, rng, values=values)
    weekday0 = rng.integers(0, 7, arm_index.size)
    course = run_course(cohort, params=params, rng=rng, weekday0=weekday0, record_truth=False)
    neutrophil = _engraftment.neutrophil_engraftment(course.anc_lab)
    platelet, _ = _engraftment.platelet_engraftment(course.plt_lab, course.platelet_transfusion)
    frame = pd.DataFrame({"arm": np.asarray(arm_names)[arm_index], "neutrophil": neutrophil, "platelet": platelet})
    if draw_index is not None:
        frame["draw"] = draw_index
    return frame


def grouped_median(days: np.ndarray) -> float:
    """Median of integer days treated as grouped data (continuous in the data).

    ``L + (n/2 - F(L)) / f`` with ``L`` the lower edge (day - 0.5) of the
    median day, ``F`` the count below it and ``f`` its frequency: a smooth
    version of the median for the Jacobian.
    """
    days = np.sort(days[~np.isnan(days)])
    if days.size == 0:
        return float("nan")
    half = days.size / 2
    median_day = days[int(np.ceil(half)) - 1]
    below = np.count_nonzero(days < median_day)
    at = np.count_nonzero(days == median_day)
    return float(median_day - 0.5 + (half - below) / at)


def statistic(frame: pd.DataFrame, target: Target, *, smooth: bool = False) -> float:
    """The target's statistic on simulated days (engrafted patients only)."""
    values = frame.loc[frame["arm"] == target.arm, target.endpoint].to_numpy(dtype=float)
    values = values[~np.isnan(values)]
    if target.statistic == "median":
        return grouped_median(values) if smooth else float(np.median(values))
    if target.statistic == "mean":
        return float(np.mean(values))
    control = frame.loc[frame["arm"] == target.control, target.endpoint].to_numpy(dtype=float)
    control = control[~np.isnan(control)]
    pooled = np.sqrt(((values.size - 1) * values.var(ddof=1) + (control.size - 1) * control.var(ddof=1))
                     / (values.size + control.size - 2))
    return float((values.mean() - control.mean()) / pooled)


def sampling_se(frame: pd.DataFrame, target: Target, *, rng: np.random.Generator, replicates: int = 400) -> float:
    """Standard error of the published statistic: the source's, or by resampling a trial of size n."""
    if target.se:
        return target.se
    values = frame.loc[frame["arm"] == target.arm, target.endpoint].to_numpy(dtype=float)
    values = values[~np.isnan(values)]
    medians = np.median(rng.choice(values, size=(replicates, target.n), replace=True), axis=1)
    # A trial reports integer or half-integer medians: at least the rounding error.
    return float(max(np.std(medians, ddof=1), 0.5 / np.sqrt(3)))


def _prior_arrays(names=population.NAMES):
    mu = np.log([PRIORS[n][0] for n in names])
    tau = np.array([PRIORS[n][1] for n in names])
    return mu, tau


def fit(*, n: int = 2000, seed: int = 2011, iterations: int = 4, step: float = 0.05,
        params: ModelParameters = DEFAULT_PARAMETERS, log=print) -> dict:
    """Posterior mode and Laplace covariance of the log population parameters."""
    names = population.NAMES
    mu, tau = _prior_arrays()
    theta = np.log([population.point_values(params)[k] for k in names])
    free = [i for i, k in enumerate(names) if k not in _NOT_IN_TARGETS]
    size = n * len(CALIBRATION_ARMS)

    def simulate(th):
        values = {k: np.full(size, np.exp(th[i])) for i, k in enumerate(names)}
        return simulate_days(values, CALIBRATION_ARMS, n, seed=seed, params=params)

    frame = simulate(theta)
    se = np.array([sampling_se(frame, t, rng=np.random.default_rng(seed)) for t in TARGETS])
    y = np.array([t.published for t in TARGETS])

    def residuals(frame, th):
        sim = np.array([statistic(frame, t, smooth=True) for t in TARGETS])
        return np.concatenate([(y - sim) / se, (th - mu) / tau]), sim

    for it in range(iterations):
        r, sim = residuals(frame, theta)
        jac = np.zeros((r.size, theta.size))
        jac[len(TARGETS):, :] = np.diag(1 / tau)
        for i in free:
            th = theta.copy()
            th[i] += step
            r_i, _ = residuals(simulate(th), th)
            jac[:len(TARGETS), i] = (r_i[:len(TARGETS)] - r[:len(TARGETS)]) / step
        # Gauss-Newton step on 0.5 |r|^2 with r = (y - s)/se stacked with the prior.
        jtj = jac.T @ jac
        delta = -np.linalg.solve(jtj + 1e-9 * np.eye(theta.size), jac.T @ r)
        delta = np.clip(delta, -0.7, 0.7)
        theta = theta + delta
        frame = simulate(theta)
        log(f"iteration {it + 1}: chi2 targets {np.sum(r[:len(TARGETS)] ** 2):.2f} -> "
            f"{np.sum(residuals(frame, theta)[0][:len(TARGETS)] ** 2):.2f}")
    r, sim = residuals(frame, theta)
    covariance = np.linalg.inv(jac.T @ jac)
    return {"names": names, "mode": theta, "covariance": covariance, "simulated": sim, "se": se}


def posterior_draws(result: dict, *, k: int = 200, seed: int = 7) -> pd.DataFrame:
    """``k`` draws of the population parameters from the Laplace posterior."""
    rng = np.random.default_rng(seed)
    z = rng.multivariate_normal(result["mode"], result["covariance"], size=k, method="cholesky")
    return pd.DataFrame(np.exp(z), columns=list(result["names"]))


def load_posterior() -> pd.DataFrame:
    """The shipped posterior draws (``graftline/simulate/data/posterior.csv``)."""
    text = resources.files("graftline.simulate").joinpath("data/posterior.csv").read_text()
    frame = pd.read_csv(io.StringIO(text), comment="#")
    missing = set(population.NAMES) - set(frame.columns)
    if missing:
        raise ValueError(f"posterior.csv lacks {sorted(missing)}; re-run python -m graftline.simulate.calibrate")
    return frame[list(population.NAMES)]


def posterior_median(draws: pd.DataFrame | None = None) -> dict[str, float]:
    draws = load_posterior() if draws is None else draws
    return {k: float(v) for k, v in draws.median().items()}


def calibration_table(
    *, draws: pd.DataFrame | None = None, n_per_draw: int = 150, max_draws: int = 100, seed: int = 2011,
    params: ModelParameters = DEFAULT_PARAMETERS, level: float = 0.95, targets: tuple[Target, ...] = TARGETS,
) -> pd.DataFrame:
    """Published versus simulated for every target, with intervals.

    ``targets``: the calibration targets (default) or e.g. :data:`HELDOUT`
    (outcomes the fit did not see: the same table is the held-out check).

    For each posterior draw, ``n_per_draw`` patients per arm are simulated.
    ``simulated``: median over draws of the statistic; ``credible_low/high``:
    its ``level`` interval over draws (parameter uncertainty, plus Monte Carlo
    noise of ``n_per_draw`` patients); ``predictive_low/high``: the interval
    of the statistic in a trial of the published size (bootstrap of each
    draw's patients), which is what the published value should fall in.
    """
    draws = (load_posterior() if draws is None else draws).iloc[:max_draws]
    k = len(draws)
    arms = tuple(dict.fromkeys(a for t in targets for a in (t.arm, t.control) if a))
    n_arms = len(arms)
    # Patient order: arm blocks of n_per_draw * k, each block in draw order.
    draw_index = np.tile(np.repeat(np.arange(k), n_per_draw), n_arms)
    values = population.per_patient(params, draw_index.size, draws.to_numpy(), draw_index)
    frame = simulate_days(values, arms, n_per_draw * k, seed=seed, params=params, draw_index=draw_index)
    rng = np.random.default_rng(seed)
    tail = (1 - level) / 2
    rows = []
    for target in targets:
        per_draw, predictive = [], []
        for d in range(k):
            sub = frame[frame["draw"] == d]
            per_draw.append(statistic(sub, target))
            if target.statistic == "smd":
                predictive.append(per_draw[-1])  # the SE comes from the source
            else:
                values_d = sub.loc[sub["arm"] == target.arm, target.endpoint].dropna().to_numpy()
                predictive.append(float(np.median(rng.choice(values_d, size=target.n, replace=True))))
        per_draw = np.asarray(per_draw)
        predictive = np.asarray(predictive)
        if target.statistic == "smd":  # add the source's sampling error
            predictive = predictive + target.se * rng.standard_normal(predictive.size)
        published_low = target.published - 1.96 * target.se if target.se else np.nan
        published_high = target.published + 1.96 * target.se if target.se else np.nan
        rows.append({
            "target": target.name, "arm": target.arm, "endpoint": f"{target.endpoint}_engraftment",
            "statistic": target.statistic, "published": target.published,
            "published_low": published_low, "published_high": published_high,
            "simulated": float(np.median(per_draw)),
            "credible_low": float(np.quantile(per_draw, tail)), "credible_high": float(np.quantile(per_draw, 1 - tail)),
            "predictive_low": float(np.quantile(predictive, tail)),
            "predictive_high": float(np.quantile(predictive, 1 - tail)),
            "source": target.source,
        })
    frame = pd.DataFrame(rows)
    frame["inside_predictive"] = (frame["predictive_low"] <= frame["published"]) & (
        frame["published"] <= frame["predictive_high"])
    return frame


def main() -> None:  # pragma: no cover - maintenance tool, minutes
    from pathlib import Path

    from graftline.export import csv_text

    result = fit()
    draws = posterior_draws(result)
    path = Path(__file__).with_name("data") / "posterior.csv"
    path.parent.mkdir(exist_ok=True)
    header = (
        "# Posterior draws of graftline.simulate.population parameters (Laplace approximation).\n"
        "# Made by: python -m graftline.simulate.calibrate (seed 2011, 2000 patients per arm).\n"
    )
    path.write_text(header + csv_text(draws, float_format="%.6g"))  # numeric: written as pandas does
    mode = dict(zip(result["names"], np.exp(result["mode"]), strict=True))
    print("posterior mode:", {k: round(float(v), 5) for k, v in mode.items()})
    with pd.option_context("display.width", 250, "display.max_columns", 20):
        print(calibration_table(draws=draws))
        print(calibration_table(draws=draws, targets=HELDOUT))


if __name__ == "__main__":  # pragma: no cover
    main()
