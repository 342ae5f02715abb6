"""The hospital course: integrate the count model day by day, from the
first chemotherapy dose, while the observation model draws labs, transfuses
platelets, gives G-CSF and discharges patients.

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
    ``discharge_day``: first discharge (-1 if never); ``gcsf_days``: days
    on G-CSF per patient.
    """

    anc: np.ndarray
    plt: np.ndarray
    donor_fraction: np.ndarray
    anc_lab: np.ndarray
    plt_lab: np.ndarray
    platelet_transfusion: np.ndarray
    discharge_day: np.ndarray
    gcsf_days: np.ndarray

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
    """Integrate every patient from the start of treatment to ``horizon`` with daily labs.

    Parameters
    ----------
    cohort
        Patients, kinetics, starting states, regimens and infusions.
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

    Notes
    -----
    Days before day 0 (chemotherapy) are integrated but not recorded: the
    tables start on day 0, the cell infusion, as the engraftment rules
    count from it. Cells are infused at the start of their day; G-CSF is
    decided each morning from the previous lab values. Later cycles
    readmit the patient on their infusion day (daily labs until the
    discharge rule holds again, counted from that day).
    """
    n = cohort.n
    n_days = horizon + 1
    var = params.variability
    tx = params.transfusion
    kin = cohort.kinetics
    x = cohort.initial_state.copy()
    first_day = min(0, int(cohort.start_day.min()))
    step = params.step_days
    steps_per_day = max(1, round(1.0 / step))
    exposure = cohort.exposure(float(first_day), (horizon - first_day) * steps_per_day, 1.0 / steps_per_day)
    dosed_day = exposure.reshape(n, -1, steps_per_day).any(axis=(0, 2))

    # Per-patient schedules: infusion days and G-CSF policy per cycle.
    infusion_days = cohort.infusion_days()
    plans = cohort.plans()
    infusion_on = {}
    cycle_days = {}
    for a, days in enumerate(infusion_days):
        rows = cohort.arm_index == a
        for d in days:
            infusion_on.setdefault(d, np.zeros(n, dtype=bool))[rows] = True
        if plans[a] is not None:
            for k, (d, cycle) in enumerate(zip(plans[a].infusion_days(), plans[a].cycles, strict=True)):
                cycle_days.setdefault(d, []).append((rows, cycle, k))
    gcsf_from = np.full(n, np.inf)
    gcsf_stop = (np.full(n, np.inf), np.full(n, 2, dtype=np.int64))  # stop ANC, successive values
    on_gcsf = np.zeros(n)
    gcsf_days = np.zeros(n, dtype=np.int64)
    anc_high_run = np.zeros(n, dtype=np.int64)

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
    admitted = np.zeros(n, dtype=np.int64)
    discharge_day = np.full(n, -1, dtype=np.int64)
    anc_run = np.zeros(n, dtype=np.int64)
    plt_run = np.zeros(n, dtype=np.int64)
    since_tx = np.full(n, 10_000, dtype=np.int64)
    sigma_anc = np.sqrt(np.log1p(var.anc_assay_cv**2))
    sigma_plt = np.sqrt(np.log1p(var.plt_assay_cv**2))
    sigma_tx = np.sqrt(np.log1p(tx.increment_cv**2))
    outpatient_days = np.isin((weekday0[None, :] + np.arange(n_days)[:, None]) % 7, OUTPATIENT_WEEKDAYS)

    for day in range(first_day, n_days):
        if day in infusion_on:
            give = infusion_on[day]
            x[model.NP_R] += np.where(give, cohort.seeds[0], 0.0)
            x[model.NP_P] += np.where(give, cohort.seeds[1], 0.0)
            x[model.MP_R] += np.where(give, cohort.seeds[2], 0.0)
            x[model.MP_P] += np.where(give, cohort.seeds[3], 0.0)
        for rows, cycle, k in cycle_days.get(day, ()):
            if cycle.gcsf is not None:
                gcsf_from = np.where(rows, day + cycle.gcsf.start_day, gcsf_from)
                gcsf_stop[0][rows] = cycle.gcsf.stop_anc
                gcsf_stop[1][rows] = cycle.gcsf.stop_after
                anc_high_run[rows] = 0
            if k > 0 and day >= 0:  # readmission for a later cycle
                in_hospital |= rows
                admitted = np.where(rows, day, admitted)
                anc_run[rows] = 0
                plt_run[rows] = 0
        on_gcsf = ((day >= gcsf_from) & (anc_high_run < gcsf_stop[1])).astype(float)
        gcsf_days += on_gcsf > 0

        if day >= 0:
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

            # G-CSF stops after enough successive lab values >= its stop level.
            anc_high_run = np.where(drawn, np.where(anc_obs >= gcsf_stop[0], anc_high_run + 1, 0), anc_high_run)
            # Discharge bookkeeping counts consecutive lab days meeting the criteria.
            anc_run = np.where(drawn, np.where(anc_obs >= 0.5, anc_run + 1, 0), anc_run)
            plt_run = np.where(drawn, np.where(plt_obs >= 20, plt_run + 1, 0), plt_run)
            stay = day - admitted
            platelets_ok = ((plt_run >= 3) & (since_tx > 3)) | (stay >= LATEST_PLATELET_WAIT_DAY)
            leave = in_hospital & (stay >= MIN_STAY_DAYS) & (anc_run >= 3) & platelets_ok
            discharge_day = np.where(leave & (discharge_day < 0), day, discharge_day)
            in_hospital &= ~leave

        if day < horizon:
            index = day - first_day
            today = exposure[:, index * steps_per_day:(index + 1) * steps_per_day] if dosed_day[index] else None
            x = model.advance(x, float(day), 1.0, step, kin, exposure=today,
                              gcsf=on_gcsf if on_gcsf.any() else None)

    if not record_truth:
        anc_true = plt_true = donor = np.empty((0, n), dtype=np.float32)
    return Course(
        *(np.ascontiguousarray(a.T) for a in (anc_true, plt_true, donor, anc_lab, plt_lab, transfused)),
        discharge_day, gcsf_days,
    )
