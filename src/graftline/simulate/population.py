"""The calibrated population parameters as one named vector.

Calibration (:mod:`graftline.simulate.calibrate`) fits these jointly and
ships draws from their posterior (``data/posterior.csv``); every simulator
function accepts one value per patient for each of them, so parameter
uncertainty can be carried into predictions (each virtual replicate, or
each simulated trial, uses one posterior draw).

========================  =====================================================
name                      meaning
========================  =====================================================
``sigma_n``, ``sigma_p``  chemotherapy sensitivity of the neutrophil / platelet
                          progenitor pools (kill rate per unit drug effect, per
                          unit division rate)
``seed_n``, ``seed_p``    donor progenitors per 1e6 PBSC CD34+/kg (fraction of
                          the host's steady-state pool)
``bm_n``, ``bm_p``        potency of a marrow CD34+ cell relative to PBSC
``cord_n``                potency of a cord-blood CD34+ cell (neutrophils;
                          platelets keep the marrow neutrophil/platelet ratio)
``msc_n``, ``msc_p``      MSC factor on the donor division rate
``support_n/p``           MST: maximal support of host division during rejection
``rejection_rate``        MST: rejection rate of donor cells, 1/day
``persistent_fraction``   MST: fraction of donor progenitors escaping rejection
``persistent_half_life``  MST: half-life of those cells under immune control, days
``gcsf_prolif``           G-CSF: extra division rate of neutrophil progenitors
``gcsf_mtt``              G-CSF: factor on the neutrophil maturation time
``potency_<drug>``        myelotoxic potency of a drug relative to its reference
                          PD (cytarabine is the reference, fixed at 1)
========================  =====================================================
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from graftline.simulate.parameters import ModelParameters

NAMES = (
    "sigma_n", "sigma_p", "seed_n", "seed_p", "bm_n", "bm_p", "cord_n", "msc_n", "msc_p",
    "support_n", "support_p", "rejection_rate", "persistent_fraction", "persistent_half_life",
    "gcsf_prolif", "gcsf_mtt", "potency_daunorubicin", "potency_mitoxantrone", "potency_idarubicin",
)


def point_values(params: ModelParameters) -> dict[str, float]:
    """The population vector held by ``params`` (its point values)."""
    n, p, imm, g = params.neutrophils, params.platelets, params.immunology, params.gcsf
    return {
        "sigma_n": n.chemo_sensitivity, "sigma_p": p.chemo_sensitivity,
        "seed_n": n.seed_per_million_cd34, "seed_p": p.seed_per_million_cd34,
        "bm_n": n.source_potency["bm"], "bm_p": p.source_potency["bm"], "cord_n": n.source_potency["cord"],
        "msc_n": n.msc_division_factor, "msc_p": p.msc_division_factor,
        "support_n": imm.mst_support_neutrophils, "support_p": imm.mst_support_platelets,
        "rejection_rate": imm.mst_rejection_rate, "persistent_fraction": imm.mst_persistent_fraction,
        "persistent_half_life": imm.mst_persistent_half_life_days,
        "gcsf_prolif": g.proliferation, "gcsf_mtt": g.maturation_factor,
        **{f"potency_{d}": params.drug_potency.get(d, 1.0) for d in ("daunorubicin", "mitoxantrone", "idarubicin")},
    }


def with_values(params: ModelParameters, values: dict[str, float]) -> ModelParameters:
    """``params`` with the population vector replaced by ``values`` (scalars)."""
    v = {**point_values(params), **values}
    cord_p = v["cord_n"] * v["bm_p"] / v["bm_n"]
    n = replace(params.neutrophils, chemo_sensitivity=v["sigma_n"], seed_per_million_cd34=v["seed_n"],
                source_potency={"pbsc": 1.0, "bm": v["bm_n"], "cord": v["cord_n"]}, msc_division_factor=v["msc_n"])
    p = replace(params.platelets, chemo_sensitivity=v["sigma_p"], seed_per_million_cd34=v["seed_p"],
                source_potency={"pbsc": 1.0, "bm": v["bm_p"], "cord": cord_p}, msc_division_factor=v["msc_p"])
    imm = replace(params.immunology, mst_support_neutrophils=v["support_n"], mst_support_platelets=v["support_p"],
                  mst_rejection_rate=v["rejection_rate"], mst_persistent_fraction=v["persistent_fraction"],
                  mst_persistent_half_life_days=v["persistent_half_life"])
    g = replace(params.gcsf, proliferation=v["gcsf_prolif"], maturation_factor=v["gcsf_mtt"])
    potency = {d: v[f"potency_{d}"] for d in ("daunorubicin", "mitoxantrone", "idarubicin")}
    return replace(params, neutrophils=n, platelets=p, immunology=imm, gcsf=g, drug_potency=potency)


def per_patient(params: ModelParameters, n: int, draws: np.ndarray | None = None,
                draw_index: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """One value per patient for every name: the point values, or rows of ``draws``.

    ``draws``: ``(k, len(NAMES))`` posterior draws; ``draw_index[i]`` is the
    draw patient ``i`` uses.
    """
    if draws is None:
        return {name: np.full(n, value) for name, value in point_values(params).items()}
    draws = np.asarray(draws, dtype=float)
    if draws.ndim != 2 or draws.shape[1] != len(NAMES):
        raise ValueError(f"draws must have shape (k, {len(NAMES)})")
    index = np.zeros(n, dtype=np.int64) if draw_index is None else np.asarray(draw_index, dtype=np.int64)
    return {name: draws[index, j] for j, name in enumerate(NAMES)}
