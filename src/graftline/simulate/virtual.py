"""Virtual patients: per-patient kinetics, the state at the start of
treatment, and what is given when (drug exposure, cell infusions).

Between-patient variability is lognormal around the medians of
:mod:`graftline.simulate.parameters` (``median * exp(sigma Z)`` with
``sigma = sqrt(log(1 + cv^2))``), so every parameter stays positive and the
medians are the documented values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from graftline.simulate import model, pk, population
from graftline.simulate.arms import ArmSpec
from graftline.simulate.parameters import ModelParameters
from graftline.simulate.regimens import TreatmentPlan


def lognormal(rng: np.random.Generator, median: np.ndarray | float, cv: float, n: int) -> np.ndarray:
    """``n`` lognormal draws with the given median and coefficient of variation."""
    sigma = np.sqrt(np.log1p(cv * cv))
    return np.asarray(median, dtype=float) * np.exp(sigma * rng.standard_normal(n))


@dataclass(frozen=True)
class Cohort:
    """Who the virtual patients are and what they receive.

    ``arm_index[i]`` indexes ``arms``; ``cd34_per_kg`` is the dose of each
    infusion (0 for chemotherapy alone). ``start_day``: day (relative to
    day 0) the simulation of the patient starts (first drug; 0 for
    allo-HSCT, whose state on day 0 is the state after conditioning).
    ``seeds``: donor progenitors added at each cell infusion as
    ``(neutrophil rejected, neutrophil persistent, platelet rejected,
    platelet persistent)`` rows, ``(4, n)``.
    """

    arms: tuple[ArmSpec, ...]
    arm_index: np.ndarray
    cd34_per_kg: np.ndarray
    kinetics: model.Kinetics
    initial_state: np.ndarray
    start_day: np.ndarray
    seeds: np.ndarray
    pk_clearance: dict[str, np.ndarray]
    drug_potency: dict[str, np.ndarray]

    @property
    def n(self) -> int:
        return self.arm_index.shape[0]

    def column(self, attribute: str) -> np.ndarray:
        """An arm attribute broadcast to one value per patient."""
        values = np.array([getattr(arm, attribute) for arm in self.arms])
        return values[self.arm_index]

    def plans(self) -> tuple[TreatmentPlan | None, ...]:
        return tuple(arm.plan() for arm in self.arms)

    def infusion_days(self) -> list[tuple[int, ...]]:
        """Cell-infusion days per arm (allo: day 0; chemo alone: none)."""
        out = []
        for arm in self.arms:
            if arm.modality == "allo_hsct":
                out.append((0,))
            elif arm.modality == "mst":
                out.append(arm.plan().infusion_days())
            else:
                out.append(())
        return out

    def exposure(self, t0: float, n_steps: int, step: float) -> np.ndarray:
        """Integrated drug effect per patient and step from ``t0`` (see :func:`pk.exposure`)."""
        out = np.zeros((self.n, n_steps))
        for a, plan in enumerate(self.plans()):
            if plan is None:
                continue
            rows = np.flatnonzero(self.arm_index == a)
            if rows.size == 0:
                continue
            factors = {name: values[rows] for name, values in self.pk_clearance.items()}
            potency = {name: values[rows] for name, values in self.drug_potency.items()}
            out[rows] = pk.exposure(plan.administrations(), factors, t0=t0, n_steps=n_steps, step=step,
                                    potency=potency)
        return out


def _per_arm(arms: Sequence[ArmSpec], arm_index: np.ndarray, value) -> np.ndarray:
    return np.array([value(arm) for arm in arms], dtype=float)[arm_index]


def sample_cohort(
    arms: Sequence[ArmSpec],
    arm_index: np.ndarray,
    params: ModelParameters,
    rng: np.random.Generator,
    *,
    values: dict[str, np.ndarray] | None = None,
) -> Cohort:
    """Draw kinetics and starting states for patients assigned to ``arms``.

    ``values``: per-patient population parameters
    (:func:`graftline.simulate.population.per_patient`; default: the point
    values of ``params``). The draws are made in a fixed order, so the same
    generator state gives the same cohort.
    """
    arm_index = np.asarray(arm_index, dtype=np.int64)
    n = arm_index.shape[0]
    var = params.variability
    imm = params.immunology
    arms = tuple(arms)
    v = population.per_patient(params, n) if values is None else values
    source = np.array([a.graft_source for a in arms])[arm_index]
    cord_p = v["cord_n"] * v["bm_p"] / v["bm_n"]
    potency = {
        "n": np.select([source == "pbsc", source == "bm", source == "cord"], [1.0, v["bm_n"], v["cord_n"]], 0.0),
        "p": np.select([source == "pbsc", source == "bm", source == "cord"], [1.0, v["bm_p"], cord_p], 0.0),
    }

    dose_median = _per_arm(arms, arm_index, lambda a: a.cd34_per_kg)
    dose_cv = _per_arm(arms, arm_index, lambda a: a.cd34_cv)
    dose = dose_median * np.exp(np.sqrt(np.log1p(dose_cv**2)) * rng.standard_normal(n))
    is_mst = _per_arm(arms, arm_index, lambda a: a.modality == "mst") > 0
    is_allo = _per_arm(arms, arm_index, lambda a: a.modality == "allo_hsct") > 0
    has_msc = _per_arm(arms, arm_index, lambda a: a.msc) > 0
    start = _per_arm(arms, arm_index, lambda a: 0 if a.plan() is None else a.plan().first_day())

    rows: dict[str, np.ndarray] = {}
    draws = {}
    for key, lineage in (("n", params.neutrophils), ("p", params.platelets)):
        css = lognormal(rng, lineage.steady_count, var.steady_count, n)
        p = lognormal(rng, lineage.division_rate, var.division_rate, n)
        mtt = lognormal(rng, lineage.maturation_days, var.maturation_days, n)
        residual_median = _per_arm(arms, arm_index, lambda a, ln=lineage: {
            "induction": 1.0, "mac": ln.residual_mac, "ric": ln.residual_ric}[a.conditioning])
        day0 = lognormal(
            rng, _per_arm(arms, arm_index, lambda a, ln=lineage: ln.day0_count[a.conditioning]),
            var.day0_count, n,
        )
        # At diagnosis the normal host output matches the (low) diagnosis counts.
        residual = np.where(is_allo, lognormal(rng, residual_median, var.residual, n), day0 / css)
        seed_median = v[f"seed_{key}"] * potency[key] * dose / 1e6
        seed = lognormal(rng, seed_median, var.donor_seed, n)
        rows.update({
            f"css_{key}": css, f"a_{key}": lineage.self_renewal, f"w_{key}": lineage.niche_share,
            f"p_{key}": p, f"ktr_{key}": params.n_transit / mtt, f"d_{key}": lineage.clearance,
            f"msc_{key}": np.where(has_msc, v[f"msc_{key}"], 1.0),
            f"sigma_{key}": v[f"sigma_{key}"],
        })
        draws[key] = dict(residual=np.minimum(residual, 1.0), seed=seed, day0=day0)
    reject_rate = np.where(is_mst, lognormal(rng, v["rejection_rate"], var.rejection_rate, n), 0.0)
    persistent = np.where(is_mst, v["persistent_fraction"], 0.0)
    kin = model.Kinetics.from_rows(
        n, **rows,
        reject_rate=reject_rate,
        reject_onset=imm.mst_rejection_onset_day,
        host_elim=np.where(is_allo, imm.allo_host_elimination, 0.0),
        persist_decay=np.log(2) / v["persistent_half_life"],
        support_n=np.where(is_mst, v["support_n"], 0.0),
        support_p=np.where(is_mst, v["support_p"], 0.0),
        support_half=imm.mst_support_half,
        gcsf_prolif=v["gcsf_prolif"],
        gcsf_mtt=v["gcsf_mtt"],
        tx_clearance=params.transfusion.clearance,
        start=start,
    )
    pk_clearance = {name: lognormal(rng, 1.0, drug.clearance_cv, n) for name, drug in pk.DRUGS.items()}
    x0 = start_state(kin, draws["n"], draws["p"])
    seeds = np.stack([
        draws["n"]["seed"] * (1 - persistent), draws["n"]["seed"] * persistent,
        draws["p"]["seed"] * (1 - persistent), draws["p"]["seed"] * persistent,
    ])
    drug_potency = {name: v.get(f"potency_{name}", np.ones(n)) for name in pk.DRUGS}
    return Cohort(arms, arm_index, dose, kin, x0, start.astype(np.int64), seeds, pk_clearance, drug_potency)


def start_state(kin: model.Kinetics, neut: dict, plt: dict) -> np.ndarray:
    """State when the simulation of a patient starts, before any cells are given.

    Chemotherapy and MST: at AML diagnosis, before the first drug - the
    normal host pool and its transit compartments at the fraction
    ``residual`` = diagnosis count / steady count of steady state
    (leukaemia suppresses normal haematopoiesis; its output matches the
    diagnosis counts). Allo-HSCT: on day 0 after conditioning (whose drugs
    are not modelled) - the surviving fraction ``residual``, counts at the
    day-0 values. Donor cells are added by the course at each infusion.
    """
    x = model.steady_state(kin)
    x[model.NP_H] *= neut["residual"]
    x[model.NT_H] *= neut["residual"]
    x[model.N_H] = np.minimum(neut["day0"], kin.css_n)
    x[model.MP_H] *= plt["residual"]
    x[model.MT] *= plt["residual"]
    x[model.PLT] = np.minimum(plt["day0"], kin.css_p)
    return x
