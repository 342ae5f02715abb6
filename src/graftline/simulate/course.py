"""The hospital course: integrate the count model day by day while the
observation model draws labs, transfuses platelets and discharges patients.

Observation model
-----------------
- Labs (ANC and platelets) are drawn every day in hospital and on Monday,
  Wednesday and Friday after discharge, up to the horizon (default day 100).
- Each measured value is the model count times lognormal noise (CV 8 % ANC,
  7 % platelets), rounded like a laboratory report (ANC to 0.01, platelets
  to 1 x10^9/L).
- A measured platelet count below the trigger (10 x10^9/L) is followed by a
  platelet transfusion on the same day; the transfused platelets add a
  lognormal increment (median 25 x10^9/L) that is cleared with its own
  rate, and also feed back on thrombopoiesis (TPO is bound by platelets).
- Discharge: after at least 14 days in hospital, once the last three ANC
  values were >= 0.5 and either the last three platelet values were >= 20
  with no transfusion in the last 3 days, or day 28 has passed.

Transfusions interact with the model within a day, so the loop over days
is the only Python loop; every operation inside it covers all patients.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graftline.simulate import model
from graftline.simulate.parameters import ModelParameters
from graftline.simulate.virtual import Cohort

OUTPATIENT_WEEKDAYS = (0, 2, 4)  # Monday, Wednesday, Friday
MIN_STAY_DAYS = 14
LATEST_PLATELET_WAIT_DAY = 28


@dataclass(frozen=True)
class Course:
    """Daily model values and what the hospital recorded, days 0..horizon.

    Arrays have shape ``(n_patients, horizon + 1)``; column ``j`` is day
    ``j``. ``anc_lab``/``plt_lab`` are NaN on days without a lab draw.
    """

    anc: np.ndarray
    plt: np.ndarray
    donor_fraction: np.ndarray
    anc_lab: np.ndarray
    plt_lab: np.ndarray
    platelet_transfusion: np.ndarray
    discharge_day: np.ndarray

    @property
    def days(self) -> np.ndarray:
        return np.arange(self.anc.shape[1])


def run_course(
    cohort: Cohort,
    *,
    params: ModelParameters,
    rng: np.random.Generator,
    weekday0: np.ndarray,
    horizon: int = 100,
    record_truth: bool = True,
) -> Course:
    """Integrate every patient from day 0 to ``horizon`` with daily labs.

    Parameters
    ----------
    cohort
        Patients, kinetics and day-0 states.
    params
        Model parameters (assay noise, transfusion policy, step size).
    rng
        Source of the lab noise and transfusion increments.
    weekday0
        Weekday (0 = Monday) of each patient's day 0, for the outpatient
        lab schedule.
    horizon
        Last simulated day.
    record_truth
        Keep the noise-free daily counts (needed for figures and
        chimerism; the benchmark can drop them to save memory).
    """
    n = cohort.n
    n_days = horizon + 1
    var = params.variability
    tx = params.transfusion
    kin = cohort.kinetics
    x = cohort.initial_state.copy()

    # Day-major buffers: each day writes one contiguous row; transposed at the end.
    shape = (n_days, n)
    truth_shape = shape if record_truth else (0, n)
    anc_true = np.empty(truth_shape, dtype=np.float32)
    plt_true = np.empty(truth_shape, dtype=np.float32)
    donor = np.empty(truth_shape, dtype=np.float32)
    anc_lab = np.full(shape, np.nan, dtype=np.float32)
    plt_lab = np.full(shape, np.nan, dtype=np.float32)
    transfused = np.zeros(shape, dtype=bool)

    in_hospital = np.ones(n, dtype=bool)
    discharge_day = np.full(n, -1, dtype=np.int64)
    anc_run = np.zeros(n, dtype=np.int64)
    plt_run = np.zeros(n, dtype=np.int64)
    since_tx = np.full(n, 10_000, dtype=np.int64)
    sigma_anc = np.sqrt(np.log1p(var.anc_assay_cv**2))
    sigma_plt = np.sqrt(np.log1p(var.plt_assay_cv**2))
    sigma_tx = np.sqrt(np.log1p(tx.increment_cv**2))
    outpatient_days = np.isin((weekday0[None, :] + np.arange(n_days)[:, None]) % 7, OUTPATIENT_WEEKDAYS)

    for day in range(n_days):
        anc = model.neutrophils(x)
        plt = model.platelets(x)
        if record_truth:
            anc_true[day] = anc
            plt_true[day] = plt
            donor[day] = model.donor_fraction(x)

        drawn = in_hospital | outpatient_days[day]
        noise = rng.standard_normal((2, n))
        anc_obs = np.round(anc * np.exp(sigma_anc * noise[0]), 2)
        plt_obs = np.round(plt * np.exp(sigma_plt * noise[1]))
        anc_lab[day] = np.where(drawn, anc_obs, np.nan)
        plt_lab[day] = np.where(drawn, plt_obs, np.nan)

        give = drawn & (plt_obs < tx.trigger)
        increment = tx.increment * np.exp(sigma_tx * rng.standard_normal(n))
        x[model.PLT_TX] += np.where(give, increment, 0.0)
        transfused[day] = give
        since_tx = np.where(give, 0, since_tx + 1)

        # Discharge bookkeeping counts consecutive lab days meeting the criteria.
        anc_run = np.where(drawn, np.where(anc_obs >= 0.5, anc_run + 1, 0), anc_run)
        plt_run = np.where(drawn, np.where(plt_obs >= 20, plt_run + 1, 0), plt_run)
        platelets_ok = ((plt_run >= 3) & (since_tx > 3)) | (day >= LATEST_PLATELET_WAIT_DAY)
        leave = in_hospital & (day >= MIN_STAY_DAYS) & (anc_run >= 3) & platelets_ok
        discharge_day[leave] = day
        in_hospital &= ~leave

        if day < horizon:
            x = model.advance(x, float(day), 1.0, params.step_days, kin)

    if not record_truth:
        anc_true = plt_true = donor = np.empty((0, n), dtype=np.float32)
    return Course(
        *(np.ascontiguousarray(a.T) for a in (anc_true, plt_true, donor, anc_lab, plt_lab, transfused)),
        discharge_day,
    )
