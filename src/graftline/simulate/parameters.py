"""Model parameters: lineage kinetics, graft potency, between-patient variability.

Every number carries its source in a comment: [DOMAIN 4] means
``DOMAIN.md`` section 4 (Stiehl 2015 family lineage model, Friberg 2002),
"fitted" means chosen by :mod:`graftline.simulate.calibrate` so that the
simulated labs, run through the CIBMTR engraftment rules, give the published
median recovery days (``docs/simulator.md`` has the table), "assumed" means a
plausible value without a source that the calibration does not depend on
much. Defaults are module constants so that a user can pass a modified copy
(``dataclasses.replace``) to every simulator function.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Lineage:
    """Kinetics of one blood lineage (neutrophils or platelets).

    Parameters
    ----------
    steady_count
        Median steady-state circulating count, 10^9/L.
    clearance
        Clearance rate of circulating cells, 1/day.
    self_renewal
        Maximal self-renewal fraction ``a`` of the progenitor compartment
        (fraction of daughter cells that stay progenitors when the feedback
        signal is 1).
    division_rate
        Progenitor division rate ``p``, 1/day.
    maturation_days
        Mean transit time from the progenitor compartment to the blood
        (``n_transit / k_tr``).
    residual_chemo, residual_mac, residual_ric
        Median surviving fraction of the host progenitor pool at day 0 after
        AML induction chemotherapy, myeloablative and reduced-intensity
        conditioning.
    seed_per_million_cd34
        Donor progenitors seeded per 1e6 infused PBSC CD34+ cells/kg, as a
        fraction of the host's steady-state progenitor pool.
    source_potency
        Relative repopulating potency of a CD34+ cell by graft source
        (PBSC = 1).
    msc_division_factor
        Factor on the donor progenitor division rate when MSC are co-infused.
    day0_count
        Median circulating count on day 0 by conditioning.
    niche_share
        Share ``w`` of the steady-state self-renewal feedback that comes from
        progenitor crowding rather than from the circulating count (damps the
        post-recovery overshoot; see :mod:`graftline.simulate.model`).
    """

    steady_count: float
    clearance: float
    self_renewal: float
    division_rate: float
    maturation_days: float
    residual_chemo: float
    residual_mac: float
    residual_ric: float
    seed_per_million_cd34: float
    source_potency: dict[str, float]
    msc_division_factor: float
    day0_count: dict[str, float]
    niche_share: float = 0.5


NEUTROPHILS = Lineage(
    steady_count=4.0,  # 10^9/L; Friberg 2002 baseline ~5, older AML patients lower [DOMAIN 4]
    clearance=2.3,  # 1/day, half-life ~7 h [DOMAIN 4, Stiehl 2015]
    self_renewal=0.85,  # a1 [DOMAIN 4, Stiehl 2015]
    division_rate=0.45,  # 1/day; condensed stem+progenitor pool, assumed (see docs)
    maturation_days=3.7,  # Friberg MTT 89 h [DOMAIN 4]
    residual_chemo=0.008147,  # fitted: chemo ANC median 16 (Guo 2011)
    residual_mac=1e-4,  # assumed: host contributes little after MAC
    residual_ric=3e-3,  # assumed
    seed_per_million_cd34=0.003151,  # fitted: allo PBSC ANC median 14 (Champlin 2000)
    source_potency={"pbsc": 1.0, "bm": 0.4143, "cord": 1.164},  # fitted: bm 19, cord 23
    msc_division_factor=1.402,  # fitted: MSC review mean ANC 13.96 on a marrow baseline
    day0_count={"induction": 0.3, "mac": 1.5, "ric": 2.0},  # assumed ANC at day 0
)

PLATELETS = Lineage(
    steady_count=250.0,  # 10^9/L, assumed population median
    clearance=0.19,  # 1/day [DOMAIN 4, autologous-transplant platelet fit]
    self_renewal=0.853,  # [DOMAIN 4] self-renewal of the dividing megakaryocyte progenitor
    division_rate=0.40,  # 1/day; condensed pool, assumed (see docs)
    maturation_days=5.0,  # assumed megakaryocyte maturation ~5 days
    residual_chemo=0.008595,  # fitted: chemo PLT median 20 (Guo 2011)
    residual_mac=1e-4,  # assumed
    residual_ric=3e-3,  # assumed
    seed_per_million_cd34=0.002907,  # fitted: allo PBSC PLT median 18 (Champlin 2000)
    source_potency={"pbsc": 1.0, "bm": 0.3355, "cord": 0.9424},  # fitted: bm 25; cord = neutrophil ratio
    msc_division_factor=1.198,  # fitted: MSC review mean PLT 21.61 on a marrow baseline
    day0_count={"induction": 20.0, "mac": 40.0, "ric": 60.0},  # assumed PLT at day 0
)


@dataclass(frozen=True)
class Variability:
    """Between-patient coefficients of variation (lognormal) and noise.

    All assumed: chosen so that engraftment days spread like published
    ranges (e.g. PBSC neutrophils 10-25 days), not fitted to patient data.
    """

    steady_count: float = 0.25
    division_rate: float = 0.12
    maturation_days: float = 0.12
    residual: float = 0.6
    donor_seed: float = 0.5
    rejection_rate: float = 0.2
    day0_count: float = 0.5
    #: Measurement noise of one lab value (coefficient of variation).
    anc_assay_cv: float = 0.08
    plt_assay_cv: float = 0.07


@dataclass(frozen=True)
class Immunology:
    """Rejection of donor cells (MST) and elimination of host cells (allo).

    ``mst_rejection_rate``: rate at which host immunity clears MST donor
    progenitors, 1/day; fitted so that donor chimerism at day 30 is < 1 %
    (microchimerism, Guo 2011) while the donor cells still shorten recovery
    to the Guo 2011 medians. ``allo_host_elimination``: graft-versus-marrow
    clearance of residual host progenitors in allo-HSCT, 1/day, assumed;
    gives full donor chimerism by day 30-60 after MAC.
    """

    mst_rejection_rate: float = 0.40
    mst_rejection_onset_day: float = 5.0
    allo_host_elimination: float = 0.08
    #: MST: factor on the host progenitor division rate while the alloreaction
    #: lasts (fitted: Guo 2011 MST medians ANC 11, PLT 14.5).
    mst_host_support_neutrophils: float = 1.492
    mst_host_support_platelets: float = 1.463
    mst_support_days: float = 21.0


@dataclass(frozen=True)
class Transfusion:
    """Platelet transfusion policy and product."""

    trigger: float = 10.0  # 10^9/L, prophylactic trigger
    increment: float = 25.0  # 10^9/L median count increment per adult dose, assumed
    increment_cv: float = 0.35
    clearance: float = 0.35  # 1/day, transfused platelets survive ~3 days, assumed


@dataclass(frozen=True)
class ModelParameters:
    """Everything the count model needs; defaults are the calibrated set."""

    neutrophils: Lineage = NEUTROPHILS
    platelets: Lineage = PLATELETS
    variability: Variability = field(default_factory=Variability)
    immunology: Immunology = field(default_factory=Immunology)
    transfusion: Transfusion = field(default_factory=Transfusion)
    #: Integration step, days (Heun's method; see docs for the convergence check).
    step_days: float = 0.5
    #: Transit compartments between progenitors and blood (Friberg 2002: 3).
    n_transit: int = 3


DEFAULT_PARAMETERS = ModelParameters()
