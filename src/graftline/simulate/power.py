"""Trial power by simulation: many virtual two-arm trials, each analysed
with graftline's statistics (Gray's test for competing-risk endpoints,
the log-rank test for overall survival).

Endpoints per trial come from the simulator's vectorised CIBMTR rules
(:mod:`graftline.simulate._engraftment`) rather than from the Ibis endpoint
engine: the engine needs a store and a few seconds per cohort, which would
make 1,000 trials take hours. ``tests/simulate/test_sim_power.py`` checks on
a simulated cohort that the vectorised (time, status) equal the engine's
for every patient. The tests themselves are the real ones:
:func:`graftline.stats.cumulative_incidence` (``.gray_test()``, equal to
``cmprsk::cuminc``) and :func:`graftline.stats.logrank_test` (equal to
``survival::survdiff``).

Parameter uncertainty: by default every simulated trial runs under its own
draw of the calibration's posterior (trial ``t`` uses draw ``t`` modulo the
number of draws, both arms the same draw), so the rejection rate is the
power averaged over what the calibration leaves uncertain - the
probability that the trial succeeds given what is known, sometimes called
assurance (O'Hagan, Stevens and Campbell, Pharm Stat 2005;4:187). With
``parameter_uncertainty=False`` every trial uses the point values (the
posterior mode): the power if the model's parameters were exactly right.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import binomtest

from graftline.errors import InputError
from graftline.simulate import _engraftment, population
from graftline.simulate.arms import ArmSpec
from graftline.simulate.parameters import DEFAULT_PARAMETERS
from graftline.simulate.tables import SimulatedPatients, check_request, simulate_patients

#: Endpoint -> test. Engraftment: event 1, death before engraftment competes (2).
ENDPOINTS = {
    "neutrophil_engraftment": "gray",
    "platelet_engraftment": "gray",
    "os": "logrank",
}


def endpoint_time_status(sim: SimulatedPatients, endpoint: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(time, status, applicable)`` per patient, as the endpoint table codes them.

    Engraftment: 1 = engrafted (time = engraftment day), 2 = died first
    (time = death day), 0 = censored at last contact; only labs and
    transfusions up to last contact count. ``applicable`` is False for
    platelets that never fell below 20 without transfusion (CIBMTR "not
    applicable"). OS: 1 = dead, 0 = alive at last contact.
    """
    outcome = sim.outcome
    last = outcome.last_contact_day.astype(float)
    dead = ~np.isnan(outcome.death_day)
    if endpoint == "os":
        return last, dead.astype(np.int64), np.ones(last.size, dtype=bool)
    course = sim.course
    visible = np.arange(course.anc_lab.shape[1])[None, :] <= last[:, None]
    if endpoint == "neutrophil_engraftment":
        anc = np.where(visible, course.anc_lab, np.nan)
        day = _engraftment.neutrophil_engraftment(anc)
        # As the endpoint engine: not applicable if no ANC below 0.5 was ever recorded.
        applicable = (np.nan_to_num(anc, nan=np.inf) < 0.5).any(axis=1)
    elif endpoint == "platelet_engraftment":
        day, applicable = _engraftment.platelet_engraftment(
            np.where(visible, course.plt_lab, np.nan), course.platelet_transfusion & visible
        )
    else:
        raise InputError(f"endpoint {endpoint!r} is not one of {', '.join(ENDPOINTS)}")
    event = ~np.isnan(day)
    time = np.where(event, day, np.where(dead, outcome.death_day, last))
    status = np.where(event, 1, np.where(dead, 2, 0)).astype(np.int64)
    return time, status, applicable


def trial_p_value(time: np.ndarray, status: np.ndarray, group: np.ndarray, test: str) -> tuple[float, bool]:
    """p-value of one trial's comparison of arms, and whether the fallback was used.

    Gray's test is undefined when an arm runs out of patients at risk
    through events rather than censoring (no censoring in that arm - usual
    for engraftment, where everyone engrafts or dies within follow-up): the
    weights after that arm's last time are 0/0. R's ``cmprsk::cuminc``
    stops with the same NaN error on such data and graftline's port raises
    ``ValueError``; with few censored patients the variance can also be
    numerically singular and the statistic negative (R gives the same
    negative value, e.g. -9.03 on one simulated trial; see
    ``docs/simulator.md``). Those trials are analysed
    with the cause-specific log-rank test (competing events censored)
    instead, and :class:`PowerResult` counts them.
    """
    from graftline.stats import cumulative_incidence, logrank_test

    if test == "gray":
        causes = sorted({int(c) for c in status} - {0} | {1})
        try:
            tests = cumulative_incidence(time, status, group, causes=causes).gray_test()
        except ValueError:  # NaN variance: the degenerate case above
            return float(logrank_test(time, (status == 1).astype(np.int64), group).p_value), True
        row = tests.loc[tests["cause"] == 1].iloc[0]
        if not np.isfinite(row["statistic"]) or row["statistic"] < 0:
            return float(logrank_test(time, (status == 1).astype(np.int64), group).p_value), True
        return float(row["p_value"]), False
    return float(logrank_test(time, status, group).p_value), False


@dataclass(frozen=True)
class PowerResult:
    """Simulated power for each sample size.

    Attributes
    ----------
    arms, endpoint, test, alpha
        What was compared and how.
    n_per_arm
        Sample sizes simulated.
    trials
        Trials per sample size.
    rejections
        Trials with p < alpha, per sample size.
    logrank_fallbacks
        Trials analysed by log-rank because Gray's test was undefined (every
        patient had the event), per sample size.
    p_values
        ``(len(n_per_arm), trials)`` p-values.
    parameter_uncertainty
        True: each trial ran under its own posterior draw (power averaged
        over the posterior); False: every trial used the point values.
    """

    arms: tuple[str, ...]
    endpoint: str
    test: str
    alpha: float
    n_per_arm: tuple[int, ...]
    trials: int
    rejections: tuple[int, ...]
    logrank_fallbacks: tuple[int, ...]
    p_values: np.ndarray
    parameter_uncertainty: bool = False

    def to_frame(self, level: float = 0.95) -> pd.DataFrame:
        """Power with Wilson and Clopper-Pearson Monte Carlo intervals."""
        rows = []
        for n, k, fallback in zip(self.n_per_arm, self.rejections, self.logrank_fallbacks, strict=True):
            result = binomtest(k, self.trials)
            wilson = result.proportion_ci(level, method="wilson")
            exact = result.proportion_ci(level, method="exact")
            rows.append({
                "n_per_arm": n, "trials": self.trials, "rejections": k, "power": k / self.trials,
                "wilson_low": wilson.low, "wilson_high": wilson.high,
                "clopper_pearson_low": exact.low, "clopper_pearson_high": exact.high,
                "logrank_fallbacks": fallback,
            })
        return pd.DataFrame(rows)


def trial_power(
    arms: Sequence[str | ArmSpec],
    endpoint: str,
    n_per_arm: Sequence[int],
    *,
    trials: int = 1000,
    seed: int = 0,
    alpha: float = 0.05,
    batch_trials: int = 100,
    progress: Callable[[int], None] | None = None,
    parameter_uncertainty: bool = True,
    draws: pd.DataFrame | None = None,
) -> PowerResult:
    """Simulate ``trials`` randomised trials per sample size and count rejections.

    Parameters
    ----------
    arms
        Exactly two arms (names or :class:`ArmSpec`).
    endpoint
        ``neutrophil_engraftment``, ``platelet_engraftment`` (Gray's test,
        death before engraftment competing) or ``os`` (log-rank).
    n_per_arm
        Sample sizes per arm.
    trials
        Simulated trials per sample size.
    seed
        Seed; the same seed gives the same p-values.
    alpha
        Two-sided significance level.
    batch_trials
        Trials simulated together (memory ~ batch x n x 2 x 1 kB).
    progress
        Called with the number of trials just finished.
    parameter_uncertainty
        Run each trial under its own posterior draw (see the module
        docstring); False: the point values of the default parameters.
    draws
        Posterior draws (default: the shipped ones).

    Examples
    --------
    >>> res = trial_power(["chemo", "mst"], "platelet_engraftment", [10], trials=20, seed=1)
    >>> res.to_frame()[["n_per_arm", "trials"]].iloc[0].tolist()
    [10, 20]
    """
    arm_specs = check_request(arms, 1)
    if len(arm_specs) != 2:
        raise InputError(f"power compares exactly two arms, got {len(arm_specs)}")
    if endpoint not in ENDPOINTS:
        raise InputError(f"endpoint {endpoint!r} is not one of {', '.join(ENDPOINTS)}")
    sizes = tuple(check_request(arm_specs, int(n)) and int(n) for n in n_per_arm)
    if not sizes or any(n < 2 or n != m for n, m in zip(sizes, n_per_arm, strict=True)):
        raise InputError(f"--n must be integers >= 2, got {list(n_per_arm)}")
    if isinstance(trials, bool) or not isinstance(trials, int) or trials < 1:
        raise InputError(f"trials must be a positive integer, got {trials!r}")
    if not 0 < alpha < 1:
        raise InputError(f"alpha must be between 0 and 1, got {alpha}")
    test = ENDPOINTS[endpoint]
    table = None
    if parameter_uncertainty:
        from graftline.simulate.calibrate import load_posterior

        table = (load_posterior() if draws is None else draws).to_numpy()
    p_values = np.empty((len(sizes), trials))
    fallbacks = np.zeros(len(sizes), dtype=np.int64)
    seeds = np.random.SeedSequence(seed).spawn(len(sizes))
    for i, n in enumerate(sizes):
        batches = seeds[i].spawn((trials + batch_trials - 1) // batch_trials)
        for b, batch_seed in enumerate(batches):
            first = b * batch_trials
            count = min(batch_trials, trials - first)
            # Patient j of an arm belongs to trial j // n: arms are blocks of n * count.
            arm_index = np.repeat([0, 1], n * count)
            trial = np.tile(np.arange(n * count) // n, 2)
            values = None
            if table is not None:  # both arms of a trial share its draw
                values = population.per_patient(DEFAULT_PARAMETERS, arm_index.size, table, (first + trial) % len(table))
            sim = simulate_patients(arm_specs, arm_index, np.random.default_rng(batch_seed), values=values)
            time, status, applicable = endpoint_time_status(sim, endpoint)
            for t in range(count):
                keep = (trial == t) & applicable
                p_values[i, first + t], fell_back = trial_p_value(time[keep], status[keep], arm_index[keep], test)
                fallbacks[i] += fell_back
            if progress is not None:
                progress(count)
    rejections = tuple(int(k) for k in (p_values < alpha).sum(axis=1))
    return PowerResult(
        arms=tuple(a.name for a in arm_specs), endpoint=endpoint, test=test, alpha=alpha,
        n_per_arm=sizes, trials=trials, rejections=rejections,
        logrank_fallbacks=tuple(int(f) for f in fallbacks), p_values=p_values,
        parameter_uncertainty=parameter_uncertainty,
    )
