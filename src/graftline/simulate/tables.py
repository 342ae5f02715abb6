"""Virtual cohorts written as the canonical cohort tables.

:func:`simulate_cohort` is the simulator's main entry point: it draws
patients for each arm, runs the count model with the hospital's observation
model, adds the clinical course, and returns exactly the tables of
:mod:`graftline.cohort.schema` (a sensible subset of each table's columns, in
the store's column order). Times are integer days from day 0;
``treatments.day0_date`` lets any day be turned into a date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Integral

import numpy as np
import pandas as pd

from graftline.cohort.schema import TABLES
from graftline.errors import InputError
from graftline.simulate import _engraftment, chimerism, clinical, gvhd
from graftline.simulate.arms import ArmSpec, resolve_arm
from graftline.simulate.course import Course, run_course
from graftline.simulate.parameters import DEFAULT_PARAMETERS, ModelParameters
from graftline.simulate.virtual import Cohort, sample_cohort

ACCRUAL_START = dt.date(2021, 1, 4)
ACCRUAL_DAYS = 730
#: Minimum follow-up after the last patient's day 0 (administrative censoring).
MINIMUM_FOLLOW_UP_DAYS = 365
RISK_GROUPS = ("favorable", "intermediate", "adverse")


def check_request(arms: Sequence[str | ArmSpec], n: int) -> tuple[ArmSpec, ...]:
    """Validate a simulation request; return the resolved arms."""
    if isinstance(n, bool) or not isinstance(n, Integral) or n <= 0:
        raise InputError(f"n (patients per arm) must be a positive integer, got {n!r}")
    if isinstance(arms, str | ArmSpec):
        arms = [arms]
    if len(arms) == 0:
        raise InputError("at least one arm is needed, e.g. --arm chemo --arm mst")
    resolved = tuple(resolve_arm(arm) for arm in arms)
    names = [arm.name for arm in resolved]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise InputError(f"arm names must be unique; repeated: {', '.join(duplicated)}")
    return resolved


def _arm_key(arm: ArmSpec) -> str:
    return f"allo_{arm.graft_source}" if arm.modality == "allo_hsct" else arm.modality


def _order(name: str, frame: pd.DataFrame, *, presorted: bool = False) -> pd.DataFrame:
    """Columns in the store's order; only columns of the canonical table."""
    stored = TABLES[name].stored_columns
    unknown = [c for c in frame.columns if c not in stored]
    if unknown:  # a bug, not a user error
        raise AssertionError(f"simulated {name} has non-schema columns {unknown}")
    frame = frame[[c for c in stored if c in frame.columns]]
    if presorted:
        return frame.reset_index(drop=True)
    keys = [c for c in ("patient_id", "day") if c in frame.columns]
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


def simulate_cohort(
    arms: Sequence[str | ArmSpec],
    n: int,
    seed: int,
    *,
    params: ModelParameters = DEFAULT_PARAMETERS,
    clinical_params: clinical.ClinicalParameters = clinical.DEFAULT_CLINICAL,
    horizon: int = 100,
) -> dict[str, pd.DataFrame]:
    """Simulate a randomised cohort of ``n`` patients per arm.

    Parameters
    ----------
    arms
        Arm names from :data:`graftline.simulate.ARMS` or :class:`ArmSpec`.
    n
        Patients per arm.
    seed
        Seed of the ``numpy.random.Generator``; the same seed gives the same
        tables (and the same bytes when written).
    params, clinical_params
        Count-model and clinical parameters (defaults: the calibrated set).
    horizon
        Last day of blood counts (labs, transfusions, count-driven events).

    Returns
    -------
    dict of str to DataFrame
        ``patients``, ``treatments``, ``labs``, ``transfusions``,
        ``gvhd_assessments``, ``chimerism``, ``disease_assessments``,
        ``infections``, ``adverse_events``, ``followup``.

    Examples
    --------
    >>> tables = simulate_cohort(["chemo", "mst"], n=20, seed=7)
    >>> sorted(tables["treatments"]["arm"].unique())
    ['chemo', 'mst']
    """
    arm_specs = check_request(arms, n)
    if horizon < 30:
        raise InputError(f"horizon must be at least 30 days, got {horizon}")
    rng = np.random.default_rng(seed)
    sim = simulate_patients(arm_specs, np.repeat(np.arange(len(arm_specs)), n), rng,
                            params=params, clinical_params=clinical_params, horizon=horizon)
    total = sim.arm_index.size
    patient_id, modality, source, msc = sim.patient_id, sim.modality, sim.source, sim.msc
    arm_index, cohort, course, outcome, grade = sim.arm_index, sim.cohort, sim.course, sim.outcome, sim.grade
    severe_onset, day0 = sim.severe_onset, sim.day0
    sex, age, weight, risk = sim.sex, sim.age, sim.weight, sim.risk
    acute_rows, chronic_rows = sim.acute_rows, sim.chronic_rows
    last_day = outcome.last_contact_day
    index = pd.Series(np.arange(total), index=patient_id)

    def until_last_contact(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["day"].to_numpy() <= last_day[index.loc[frame["patient_id"]].to_numpy()]]

    infection_rows = clinical.infections(
        patient_id=patient_id, modality=modality, source=source, msc=msc, anc_true=course.anc,
        last_day=last_day, params=clinical_params, rng=rng,
    )
    tables = {
        "patients": pd.DataFrame({
            "patient_id": patient_id, "sex": sex, "age": age, "diagnosis": "aml",
            "disease_risk": risk, "weight_kg": weight,
        }),
        "treatments": pd.DataFrame({
            "patient_id": patient_id,
            "day0_date": pd.to_datetime(day0).strftime("%Y-%m-%d"),
            "modality": modality,
            "arm": np.array([a.name for a in arm_specs])[arm_index],
            "donor_type": np.array([a.donor_type for a in arm_specs])[arm_index],
            "hla_match": np.array([a.hla_match for a in arm_specs], dtype=object)[arm_index],
            "graft_source": source,
            "cd34_per_kg": np.where(cohort.cd34_per_kg > 0, np.round(cohort.cd34_per_kg, -3), np.nan),
            "msc": msc,
            "msc_source": np.where(msc, "bm", None),
            "msc_dose_per_kg": np.where(msc, np.array([a.msc_dose_per_kg for a in arm_specs])[arm_index], np.nan),
            "conditioning": np.array([a.treatment_label for a in arm_specs])[arm_index],
        }),
        "labs": _labs(patient_id, course, last_day),
        "transfusions": until_last_contact(_transfusions(patient_id, course.platelet_transfusion)),
        "gvhd_assessments": until_last_contact(pd.concat([acute_rows, chronic_rows], ignore_index=True)),
        "chimerism": chimerism.chimerism_tests(
            patient_id=patient_id, modality=modality, donor_fraction=course.donor_fraction,
            recipient_female=sex == "female", donor_male=sim.donor_male, last_day=last_day, rng=rng,
            panels=clinical_params.chimerism_panels,
        ),
        "disease_assessments": _disease_assessments(patient_id, modality, outcome, course, last_day),
        "infections": infection_rows,
        "adverse_events": clinical.adverse_events(
            patient_id=patient_id, modality=modality, msc=msc, infection_rows=infection_rows,
            anc_true=course.anc, severe_gvhd_onset=severe_onset, gvhd_grade=grade,
            last_day=last_day, params=clinical_params, rng=rng,
        ),
        "followup": pd.DataFrame({
            "patient_id": patient_id,
            "last_contact_day": last_day,
            "death_day": pd.array(np.where(np.isnan(outcome.death_day), pd.NA, outcome.death_day), dtype="Int64"),
            "vital_status": np.where(np.isnan(outcome.death_day), "alive", "dead"),
            "cause": outcome.death_cause,
        }),
    }
    return {name: _order(name, tables[name], presorted=name == "labs") for name in TABLES}



@dataclass(frozen=True)
class SimulatedPatients:
    """Everything simulated for a set of patients, before it becomes tables."""

    arm_specs: tuple[ArmSpec, ...]
    arm_index: np.ndarray
    patient_id: np.ndarray
    modality: np.ndarray
    source: np.ndarray
    msc: np.ndarray
    day0: np.ndarray
    sex: np.ndarray
    donor_male: np.ndarray
    age: np.ndarray
    weight: np.ndarray
    risk: np.ndarray
    cohort: Cohort
    course: Course
    acute_rows: pd.DataFrame
    chronic_rows: pd.DataFrame
    grade: np.ndarray
    agvhd_onset: np.ndarray
    severe_onset: np.ndarray
    outcome: clinical.Outcomes


def simulate_patients(
    arm_specs: Sequence[ArmSpec],
    arm_index: np.ndarray,
    rng: np.random.Generator,
    *,
    params: ModelParameters = DEFAULT_PARAMETERS,
    clinical_params: clinical.ClinicalParameters = clinical.DEFAULT_CLINICAL,
    horizon: int = 100,
    values: dict[str, np.ndarray] | None = None,
) -> SimulatedPatients:
    """Draw patients, run the hospital course and the clinical course.

    The shared core of :func:`simulate_cohort` (which turns the result into
    tables) and :mod:`graftline.simulate.power` (which needs only the
    endpoints). Draws happen in a fixed order, so results depend only on
    the generator's state. ``values``: per-patient population parameters
    (:func:`graftline.simulate.population.per_patient`; default: the
    point values of ``params``).
    """
    arm_specs = tuple(arm_specs)
    arm_index = np.asarray(arm_index, dtype=np.int64)
    total = arm_index.size
    patient_id = np.array([f"SIM{i + 1:06d}" for i in range(total)])
    modality = np.array([a.modality for a in arm_specs])[arm_index]
    source = np.array([a.graft_source for a in arm_specs])[arm_index]
    msc = np.array([a.msc for a in arm_specs])[arm_index]
    arm_key = np.array([_arm_key(a) for a in arm_specs])[arm_index]
    allo = modality == "allo_hsct"

    offset = rng.integers(0, ACCRUAL_DAYS, total)
    day0 = np.datetime64(ACCRUAL_START) + offset.astype("timedelta64[D]")
    weekday0 = (day0.astype("datetime64[D]").view("int64") - 4) % 7  # 1970-01-01 was a Thursday
    censor_day = (ACCRUAL_DAYS + MINIMUM_FOLLOW_UP_DAYS - offset).astype(float)

    elderly = (modality == "chemo") | (modality == "mst")
    age = np.where(elderly, 60 + rng.gamma(2.0, 4.5, total), rng.normal(45, 12, total))
    age = np.round(np.clip(age, np.where(elderly, 60, 18), np.where(elderly, 88, 70)), 1)
    sex = np.where(rng.random(total) < 0.55, "male", "female")
    donor_male = rng.random(total) < 0.5
    weight = np.round(np.clip(rng.normal(np.where(sex == "male", 80, 68), 13, total), 40, 150), 1)
    risk = np.array(RISK_GROUPS)[np.searchsorted([0.25, 0.70], rng.random(total), side="right")]

    cohort = sample_cohort(arm_specs, arm_index, params, rng, values=values)
    course = run_course(cohort, params=params, rng=rng, weekday0=weekday0, horizon=horizon)
    neutrophil_day = _engraftment.neutrophil_engraftment(course.anc_lab)

    acute_rows, grade, onset = gvhd.acute_assessments(
        patient_id, source, allo | (modality == "mst"), allo, neutrophil_day, censor_day, rng
    )
    severe_onset = np.where(grade >= 3, onset, np.nan)
    chronic_rows, _ = gvhd.chronic_assessments(patient_id, source, allo, msc, censor_day, rng)
    outcome = clinical.disease_course(
        modality=modality, arm_key=arm_key, anc_true=course.anc, severe_gvhd_onset=severe_onset,
        censor_day=censor_day, params=clinical_params, rng=rng,
    )
    return SimulatedPatients(
        arm_specs=arm_specs, arm_index=arm_index, patient_id=patient_id, modality=modality,
        source=source, msc=msc, day0=day0, sex=sex, donor_male=donor_male, age=age, weight=weight, risk=risk,
        cohort=cohort, course=course, acute_rows=acute_rows, chronic_rows=chronic_rows,
        grade=grade, agvhd_onset=onset, severe_onset=severe_onset, outcome=outcome,
    )

def _labs(patient_id: np.ndarray, course: Course, last_day: np.ndarray) -> pd.DataFrame:
    """Lab rows up to last contact, already in (patient, day, analyte) order.

    Patient ids are numbered in array order, so ``np.nonzero`` over a
    ``(patient, day, analyte)`` array yields the rows sorted without a sort.
    """
    values = np.stack([np.round(course.anc_lab.astype(float), 2), np.round(course.plt_lab.astype(float), 0)], axis=2)
    days = np.arange(values.shape[1])
    values[days[None, :] > last_day[:, None]] = np.nan
    pid, day, analyte = np.nonzero(~np.isnan(values))
    return pd.DataFrame({
        "patient_id": patient_id[pid], "day": day.astype(np.int64),
        "analyte": np.array(["anc", "plt"])[analyte], "value": values[pid, day, analyte], "unit": "10^9/L",
    })


def _transfusions(patient_id: np.ndarray, transfused: np.ndarray) -> pd.DataFrame:
    pid, day = np.nonzero(transfused)
    return pd.DataFrame({
        "patient_id": patient_id[pid], "day": day.astype(np.int64), "product": "platelets", "units": 1,
    })


def _disease_assessments(patient_id, modality, outcome: clinical.Outcomes, course, last_day) -> pd.DataFrame:
    """Response at the first marrow (day 28-35; allo day 30), day 100, relapse, progression (refractory deaths)."""
    n = patient_id.shape[0]
    horizon = course.anc.shape[1] - 1
    at = np.clip(np.nan_to_num(outcome.response_day), 0, horizon).astype(np.int64)
    recovered = (course.anc[np.arange(n), at] >= 1.0) & (course.plt[np.arange(n), at] >= 100)
    # CRi (incomplete count recovery) is an induction-response category; allo
    # patients are transplanted in remission and the day-30 marrow reads CR.
    recovered |= modality == "allo_hsct"
    status = np.where(outcome.complete_remission, np.where(recovered, "cr", "cri"), "nr")
    day100 = (modality == "allo_hsct") & outcome.complete_remission & (last_day >= 100) & ~(outcome.relapse_day <= 100)
    # A refractory patient who dies of the disease has its progression on record by
    # then (without it the endpoint engine would have to infer a relapse at death).
    progressed = (outcome.death_cause == "progression") & np.isnan(outcome.relapse_day)
    frames = []
    for day, stat in (
        (outcome.response_day, status),
        (np.where(day100, 100.0, np.nan), np.full(n, "cr")),
        (outcome.relapse_day, np.full(n, "relapse")),
        (np.where(progressed, outcome.death_day, np.nan), np.full(n, "progression")),
    ):
        keep = ~np.isnan(day)
        frames.append(pd.DataFrame({
            "patient_id": patient_id[keep], "day": day[keep].astype(np.int64), "status": stat[keep],
            "method": "marrow morphology",
        }))
    return pd.concat(frames, ignore_index=True)
