"""Clinical course beyond blood counts: response, relapse, death,
infections and adverse events (chimerism tests: :mod:`graftline.simulate.chimerism`).

Hazards are arm-dependent and mostly assumed (order of magnitude from the
trials in DOMAIN.md section 1); the ones with a source say so. What matters
for the rest of graftline is that the events are internally consistent
(no event after death or the end of follow-up; relapse only after CR;
infections more likely while neutropenic) and that the arms differ in the
published direction: MST raises the CR rate (Guo 2011: 80.0 % vs 42.8 %)
and lowers relapse (graft-versus-tumour effect; 2-year DFS 38.9 % vs
10.0 %), allo-HSCT carries transplant-related mortality (cord > marrow ~
PBSC), MST and MSC lower infection rates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from graftline.simulate.chimerism import DEFAULT_PANELS


@dataclass(frozen=True)
class ClinicalParameters:
    """Arm-dependent event rates, keyed by ``modality`` or ``allo_<source>``."""

    #: P(CR at the response assessment): Guo 2011 chemo 42.8 %, MST 80.0 %;
    #: allo patients are assumed transplanted in remission (95 % CR).
    complete_remission: dict[str, float] = field(
        default_factory=lambda: {"chemo": 0.428, "mst": 0.80, "allo_hsct": 0.95}
    )
    #: Relapse rate after CR, per year; chemo and MST fitted by eye to Guo
    #: 2011 2-year DFS (10.0 % and 38.9 %), allo assumed (GVT).
    relapse_per_year: dict[str, float] = field(
        default_factory=lambda: {"chemo": 1.2, "mst": 0.5, "allo_hsct": 0.22}
    )
    #: Non-relapse death rate per day during days 0-100 (excluding the
    #: neutropenic excess), then per year after day 100; assumed.
    early_nrm_per_day: dict[str, float] = field(
        default_factory=lambda: {"chemo": 4e-4, "mst": 3e-4, "allo_pbsc": 7e-4, "allo_bm": 7e-4, "allo_cord": 1.4e-3}
    )
    late_nrm_per_year: dict[str, float] = field(
        default_factory=lambda: {"chemo": 0.03, "mst": 0.03, "allo_pbsc": 0.06, "allo_bm": 0.05, "allo_cord": 0.07}
    )
    #: Extra death rate per day while ANC < 0.5 (infection deaths), assumed.
    neutropenic_death_per_day: float = 1.5e-3
    #: Extra non-relapse death rate per day after grade III-IV aGVHD onset.
    severe_gvhd_death_per_day: float = 4e-3
    #: Median survival after relapse or without remission, days (assumed).
    survival_after_relapse_days: float = 150.0
    survival_no_remission_days: float = 180.0
    #: First infection: rate per day while ANC < 0.5 and otherwise (assumed);
    #: MST and MSC multiply both (fewer infections reported, DOMAIN.md 1).
    infection_neutropenic_per_day: float = 0.03
    infection_base_per_day: float = 0.002
    infection_factor_mst: float = 0.6
    infection_factor_msc: float = 0.8
    #: CMV reactivation (viral) probability by day 100 in allo-HSCT, assumed.
    cmv_reactivation: dict[str, float] = field(
        default_factory=lambda: {"pbsc": 0.30, "bm": 0.30, "cord": 0.45}
    )
    #: MST: transient fever after the infusion (grade 1-2, donor cells), assumed.
    mst_fever: float = 0.25
    #: MSC: infusion reaction grade 1 (no serious MSC events, 2025 review).
    msc_infusion_reaction: float = 0.03
    #: Chimerism assay panel per modality (names of
    #: :data:`graftline.simulate.chimerism.ASSAYS`).
    chimerism_panels: dict[str, tuple[str, ...]] = field(
        default_factory=lambda: dict(DEFAULT_PANELS)
    )


DEFAULT_CLINICAL = ClinicalParameters()


def _exponential_day(rng: np.random.Generator, rate_per_day: np.ndarray, n: int) -> np.ndarray:
    with np.errstate(divide="ignore"):
        return rng.exponential(1.0, n) / rate_per_day


def first_daily_event(hazard: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """First day an event happens under daily hazards ``(n, days)``; NaN if none."""
    happens = rng.random(hazard.shape) < -np.expm1(-hazard)
    return np.where(happens.any(axis=1), happens.argmax(axis=1), np.nan)


@dataclass(frozen=True)
class Outcomes:
    """Per-patient clinical course (days; NaN = did not happen)."""

    response_day: np.ndarray
    complete_remission: np.ndarray
    relapse_day: np.ndarray
    death_day: np.ndarray
    death_cause: np.ndarray
    last_contact_day: np.ndarray


def disease_course(
    *,
    modality: np.ndarray,
    arm_key: np.ndarray,
    anc_true: np.ndarray,
    severe_gvhd_onset: np.ndarray,
    censor_day: np.ndarray,
    params: ClinicalParameters,
    rng: np.random.Generator,
) -> Outcomes:
    """Response, relapse and death for every patient, censored at ``censor_day``."""
    n = modality.shape[0]
    horizon = anc_true.shape[1] - 1
    response_day = np.where(modality == "allo_hsct", 30, 28 + rng.integers(0, 8, n)).astype(float)
    p_cr = np.array([params.complete_remission[m] for m in modality])
    cr = rng.random(n) < p_cr
    relapse_rate = np.array([params.relapse_per_year[m] for m in modality]) / 365.25
    relapse_day = np.where(cr, response_day + np.ceil(_exponential_day(rng, relapse_rate, n)), np.nan)

    # Non-relapse mortality: daily hazards to the horizon, exponential after it.
    days = np.arange(horizon + 1)[None, :]
    hazard = np.array([params.early_nrm_per_day[k] for k in arm_key])[:, None] + np.zeros((1, horizon + 1))
    hazard = hazard + params.neutropenic_death_per_day * (anc_true < 0.5)
    hazard = hazard + params.severe_gvhd_death_per_day * (days >= severe_gvhd_onset[:, None])
    early = first_daily_event(hazard, rng)
    late_rate = np.array([params.late_nrm_per_year[k] for k in arm_key]) / 365.25
    late = horizon + 1 + np.floor(_exponential_day(rng, late_rate, n))
    nrm_day = np.where(np.isnan(early), late, early)
    neutropenic_at = np.take_along_axis(anc_true, np.clip(np.nan_to_num(nrm_day, nan=0), 0, horizon).astype(np.int64)[:, None], axis=1)[:, 0] < 0.5
    nrm_cause = np.where(
        nrm_day >= severe_gvhd_onset, "gvhd",
        np.where((nrm_day <= horizon) & neutropenic_at, "infection",
                 np.where(rng.random(n) < 0.5, "infection", "organ_failure")),
    )

    # Disease death: after relapse, or without remission.
    after_relapse = relapse_day + np.ceil(_exponential_day(rng, np.full(n, np.log(2) / params.survival_after_relapse_days), n))
    no_remission = response_day + np.ceil(_exponential_day(rng, np.full(n, np.log(2) / params.survival_no_remission_days), n))
    disease_day = np.where(cr, after_relapse, no_remission)
    disease_cause = np.where(cr, "relapse", "progression")

    death_day = np.fmin(nrm_day, disease_day)
    cause = np.where(nrm_day <= np.nan_to_num(disease_day, nan=np.inf), nrm_cause, disease_cause)
    # A relapse after a non-relapse death did not happen.
    relapse_day = np.where(relapse_day < death_day, relapse_day, np.nan)
    cause = np.where(np.isnan(relapse_day) & (cause == "relapse"), "progression", cause)

    dead = death_day <= censor_day
    last_contact = np.where(dead, death_day, censor_day)
    return Outcomes(
        response_day=np.where(response_day <= last_contact, response_day, np.nan),
        complete_remission=cr,
        relapse_day=np.where(relapse_day <= last_contact, relapse_day, np.nan),
        death_day=np.where(dead, death_day, np.nan),
        death_cause=np.where(dead, cause, None),
        last_contact_day=last_contact.astype(np.int64),
    )


def infections(
    *,
    patient_id: np.ndarray,
    modality: np.ndarray,
    source: np.ndarray,
    msc: np.ndarray,
    anc_true: np.ndarray,
    last_day: np.ndarray,
    params: ClinicalParameters,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """First infection by day 100 (neutropenia-driven) and CMV reactivation."""
    n = patient_id.shape[0]
    factor = np.where(modality == "mst", params.infection_factor_mst, 1.0) * np.where(msc, params.infection_factor_msc, 1.0)
    neutropenic = anc_true < 0.5
    hazard = factor[:, None] * np.where(neutropenic, params.infection_neutropenic_per_day, params.infection_base_per_day)
    first = first_daily_event(hazard, rng)
    at = np.clip(np.nan_to_num(first), 0, anc_true.shape[1] - 1).astype(np.int64)
    during_neutropenia = neutropenic[np.arange(n), at]
    kind = np.where(during_neutropenia,
                    np.where(rng.random(n) < 0.9, "bacterial", "fungal"),
                    np.where(rng.random(n) < 0.5, "bacterial", "viral"))
    organism = np.select(
        [kind == "bacterial", kind == "fungal"],
        [np.where(rng.random(n) < 0.5, "E. coli", "S. epidermidis"), "Aspergillus"],
        default="RSV",
    )
    site = np.where(kind == "fungal", "lung", np.where(kind == "bacterial", "blood", "respiratory tract"))
    severity = np.array(["moderate", "severe", "life_threatening"])[
        np.searchsorted([0.5, 0.9], rng.random(n), side="right")
    ]
    cmv_p = np.array([params.cmv_reactivation.get(s, 0.0) for s in source]) * (modality == "allo_hsct")
    cmv = np.where(rng.random(n) < cmv_p, rng.integers(25, 71, n), np.nan)
    frames = []
    for day, k, org, st, sev in (
        (first, kind, organism, site, severity),
        (cmv, np.full(n, "viral"), np.full(n, "CMV"), np.full(n, "blood"), np.full(n, "moderate")),
    ):
        keep = ~np.isnan(day) & (day <= last_day)
        frames.append(pd.DataFrame({
            "patient_id": patient_id[keep], "day": day[keep].astype(np.int64), "kind": k[keep],
            "organism": org[keep], "site": st[keep], "severity": sev[keep],
        }))
    return pd.concat(frames, ignore_index=True)


def adverse_events(
    *,
    patient_id: np.ndarray,
    modality: np.ndarray,
    msc: np.ndarray,
    infection_rows: pd.DataFrame,
    anc_true: np.ndarray,
    severe_gvhd_onset: np.ndarray,
    gvhd_grade: np.ndarray,
    last_day: np.ndarray,
    params: ClinicalParameters,
    rng: np.random.Generator,
) -> pd.DataFrame:
    """CTCAE events: febrile neutropenia, MST fever, MSC infusion reaction, severe aGVHD."""
    n = patient_id.shape[0]
    index = pd.Series(np.arange(n), index=patient_id)
    bacterial = infection_rows[infection_rows["kind"].isin(["bacterial", "fungal"])]
    who = index.loc[bacterial["patient_id"]].to_numpy()
    neutropenic = anc_true[who, np.clip(bacterial["day"].to_numpy(), 0, anc_true.shape[1] - 1)] < 0.5
    fn = bacterial[neutropenic]
    frames = [pd.DataFrame({
        "patient_id": fn["patient_id"].to_numpy(), "day": fn["day"].to_numpy(),
        "term": "Febrile neutropenia", "ctcae_grade": 3,
        "attributed_to": np.where(modality[index.loc[fn["patient_id"]].to_numpy()] == "allo_hsct", "conditioning", "chemo"),
    })]
    fever = (modality == "mst") & (rng.random(n) < params.mst_fever)
    reaction = msc & (rng.random(n) < params.msc_infusion_reaction)
    grade = 1 + (rng.random(n) < 0.3)
    for mask, term, day, attributed, ctcae in (
        (fever, "Fever", np.ones(n), "donor_cells", grade),
        (reaction, "Infusion related reaction", np.zeros(n), "msc_infusion", np.ones(n, dtype=np.int64)),
        (~np.isnan(severe_gvhd_onset), "Graft versus host disease", severe_gvhd_onset, "gvhd", np.where(gvhd_grade >= 4, 4, 3)),
    ):
        keep = mask & (np.nan_to_num(day, nan=np.inf) <= last_day)
        frames.append(pd.DataFrame({
            "patient_id": patient_id[keep], "day": day[keep].astype(np.int64), "term": term,
            "ctcae_grade": ctcae[keep].astype(np.int64), "attributed_to": attributed,
        }))
    return pd.concat(frames, ignore_index=True)
