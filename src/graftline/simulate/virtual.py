"""Virtual patients: per-patient kinetics and the state on day 0.

Between-patient variability is lognormal around the medians of
:mod:`graftline.simulate.parameters` (``median * exp(sigma Z)`` with
``sigma = sqrt(log(1 + cv^2))``), so every parameter stays positive and the
medians are the documented values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from graftline.simulate import model
from graftline.simulate.arms import ArmSpec
from graftline.simulate.parameters import Lineage, ModelParameters


def lognormal(rng: np.random.Generator, median: np.ndarray | float, cv: float, n: int) -> np.ndarray:
    """``n`` lognormal draws with the given median and coefficient of variation."""
    sigma = np.sqrt(np.log1p(cv * cv))
    return np.asarray(median, dtype=float) * np.exp(sigma * rng.standard_normal(n))


@dataclass(frozen=True)
class Cohort:
    """Who the virtual patients are and what they received.

    ``arm_index[i]`` indexes ``arms``; ``cd34_per_kg`` is the infused dose
    (0 for chemotherapy alone).
    """

    arms: tuple[ArmSpec, ...]
    arm_index: np.ndarray
    cd34_per_kg: np.ndarray
    kinetics: model.Kinetics
    initial_state: np.ndarray

    @property
    def n(self) -> int:
        return self.arm_index.shape[0]

    def column(self, attribute: str) -> np.ndarray:
        """An arm attribute broadcast to one value per patient."""
        values = np.array([getattr(arm, attribute) for arm in self.arms])
        return values[self.arm_index]


def _per_arm(arms: Sequence[ArmSpec], arm_index: np.ndarray, value) -> np.ndarray:
    return np.array([value(arm) for arm in arms], dtype=float)[arm_index]


def _seed(lineage: Lineage, arm: ArmSpec) -> float:
    """Median donor progenitors per unit CD34+ dose for this arm's graft."""
    if arm.modality == "chemo":
        return 0.0
    return lineage.seed_per_million_cd34 * lineage.source_potency[arm.graft_source]


def _residual(lineage: Lineage, arm: ArmSpec) -> float:
    return {
        "induction": lineage.residual_chemo,
        "mac": lineage.residual_mac,
        "ric": lineage.residual_ric,
    }[arm.conditioning]


def sample_cohort(
    arms: Sequence[ArmSpec],
    arm_index: np.ndarray,
    params: ModelParameters,
    rng: np.random.Generator,
) -> Cohort:
    """Draw kinetics and day-0 states for patients assigned to ``arms``.

    The draws are made in a fixed order, so the same generator state gives
    the same cohort.
    """
    arm_index = np.asarray(arm_index, dtype=np.int64)
    n = arm_index.shape[0]
    var = params.variability
    imm = params.immunology
    arms = tuple(arms)

    dose_median = _per_arm(arms, arm_index, lambda a: a.cd34_per_kg)
    dose_cv = _per_arm(arms, arm_index, lambda a: a.cd34_cv)
    dose = dose_median * np.exp(np.sqrt(np.log1p(dose_cv**2)) * rng.standard_normal(n))
    is_mst = _per_arm(arms, arm_index, lambda a: a.modality == "mst") > 0
    is_allo = _per_arm(arms, arm_index, lambda a: a.modality == "allo_hsct") > 0
    has_msc = _per_arm(arms, arm_index, lambda a: a.msc) > 0

    lineage_draws = {}
    for key, lineage in (("n", params.neutrophils), ("p", params.platelets)):
        css = lognormal(rng, lineage.steady_count, var.steady_count, n)
        p = lognormal(rng, lineage.division_rate, var.division_rate, n)
        mtt = lognormal(rng, lineage.maturation_days, var.maturation_days, n)
        residual = lognormal(rng, _per_arm(arms, arm_index, lambda a, ln=lineage: _residual(ln, a)), var.residual, n)
        seed_median = _per_arm(arms, arm_index, lambda a, ln=lineage: _seed(ln, a)) * dose / 1e6
        seed = lognormal(rng, seed_median, var.donor_seed, n)
        day0 = lognormal(
            rng, _per_arm(arms, arm_index, lambda a, ln=lineage: ln.day0_count[a.conditioning]),
            var.day0_count, n,
        )
        lineage_draws[key] = dict(
            css=css, a=np.full(n, lineage.self_renewal), w=np.full(n, lineage.niche_share), p=p,
            ktr=params.n_transit / mtt, d=np.full(n, lineage.clearance),
            msc=np.where(has_msc, lineage.msc_division_factor, 1.0),
            residual=np.minimum(residual, 1.0), seed=seed, day0=day0,
        )
    reject_rate = np.where(is_mst, lognormal(rng, imm.mst_rejection_rate, var.rejection_rate, n), 0.0)
    kin = model.Kinetics(
        css_n=lineage_draws["n"]["css"], css_p=lineage_draws["p"]["css"],
        a_n=lineage_draws["n"]["a"], a_p=lineage_draws["p"]["a"],
        w_n=lineage_draws["n"]["w"], w_p=lineage_draws["p"]["w"],
        p_n=lineage_draws["n"]["p"], p_p=lineage_draws["p"]["p"],
        ktr_n=lineage_draws["n"]["ktr"], ktr_p=lineage_draws["p"]["ktr"],
        d_n=lineage_draws["n"]["d"], d_p=lineage_draws["p"]["d"],
        msc_n=lineage_draws["n"]["msc"], msc_p=lineage_draws["p"]["msc"],
        reject_rate=reject_rate,
        reject_onset=np.full(n, imm.mst_rejection_onset_day),
        host_elim=np.where(is_allo, imm.allo_host_elimination, 0.0),
        support_n=np.where(is_mst, imm.mst_host_support_neutrophils, 1.0),
        support_p=np.where(is_mst, imm.mst_host_support_platelets, 1.0),
        support_days=imm.mst_support_days,
        tx_clearance=params.transfusion.clearance,
    )
    x0 = day0_state(kin, lineage_draws["n"], lineage_draws["p"])
    return Cohort(arms, arm_index, dose, kin, x0)


def day0_state(kin: model.Kinetics, neut: dict, plt: dict) -> np.ndarray:
    """State right after chemotherapy/conditioning and the infusion.

    Chemotherapy kills cycling cells: the host progenitor pool and its
    transit compartments keep the fraction ``residual``; the blood starts at
    the day-0 count (AML patients are already cytopenic). The graft seeds
    the donor progenitor pool; its transit compartments start empty.
    """
    x = model.steady_state(kin)
    x[model.NP_H] *= neut["residual"]
    x[model.NT_H] *= neut["residual"]
    x[model.N_H] = np.minimum(neut["day0"], kin.css_n)
    x[model.NP_D] = neut["seed"]
    x[model.MP_H] *= plt["residual"]
    x[model.MT] *= plt["residual"]
    x[model.PLT] = np.minimum(plt["day0"], kin.css_p)
    x[model.MP_D] = plt["seed"]
    return x
