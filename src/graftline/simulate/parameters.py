"""Model parameters: lineage kinetics, graft potency, between-patient variability.

Every number carries its source in a comment: [DOMAIN 4] means
``DOMAIN.md`` section 4 (Stiehl 2015 family lineage model, Friberg 2002),
"fitted" means the posterior mode of the joint calibration
(:mod:`graftline.simulate.calibrate`; draws in ``data/posterior.csv``,
``docs/simulator.md`` has the table), "assumed" means a
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
    residual_mac, residual_ric
        Median surviving fraction of the host progenitor pool at day 0 after
        myeloablative and reduced-intensity conditioning (their drugs are not
        modelled; chemotherapy regimens act through PK/PD instead).
    chemo_sensitivity
        ``sigma``: kill rate of the progenitor pools per unit drug effect,
        relative to their division rate (``p sigma E(t)``).
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
    residual_mac: float
    residual_ric: float
    seed_per_million_cd34: float
    source_potency: dict[str, float]
    msc_division_factor: float
    day0_count: dict[str, float]
    chemo_sensitivity: float = 1.0
    niche_share: float = 0.5


NEUTROPHILS = Lineage(
    steady_count=4.0,  # 10^9/L; Friberg 2002 baseline ~5, older AML patients lower [DOMAIN 4]
    clearance=2.3,  # 1/day, half-life ~7 h [DOMAIN 4, Stiehl 2015]
    self_renewal=0.85,  # a1 [DOMAIN 4, Stiehl 2015]
    division_rate=0.45,  # 1/day; condensed stem+progenitor pool, assumed (see docs)
    maturation_days=3.7,  # Friberg MTT 89 h [DOMAIN 4]
    residual_mac=1e-4,  # assumed: host contributes little after MAC
    residual_ric=3e-3,  # assumed
    seed_per_million_cd34=0.00322,  # fitted: allo PBSC ANC median 14 (Champlin 2000)
    source_potency={"pbsc": 1.0, "bm": 0.4045, "cord": 1.168},  # fitted: bm 19, cord 23
    msc_division_factor=1.253,  # fitted: RCT SMD -1.20 (Stem Cell Res Ther 2021)
    day0_count={"induction": 1.0, "mac": 1.5, "ric": 2.0},  # assumed ANC at treatment start / day 0
    chemo_sensitivity=12.32,  # fitted: Guo 2011 chemotherapy alone, ANC median 16
)

PLATELETS = Lineage(
    steady_count=250.0,  # 10^9/L, assumed population median
    clearance=0.19,  # 1/day [DOMAIN 4, autologous-transplant platelet fit]
    self_renewal=0.853,  # [DOMAIN 4] self-renewal of the dividing megakaryocyte progenitor
    division_rate=0.40,  # 1/day; condensed pool, assumed (see docs)
    maturation_days=5.0,  # assumed megakaryocyte maturation ~5 days
    residual_mac=1e-4,  # assumed
    residual_ric=3e-3,  # assumed
    seed_per_million_cd34=0.00296,  # fitted: allo PBSC PLT median 18 (Champlin 2000)
    source_potency={"pbsc": 1.0, "bm": 0.3385, "cord": 0.9777},  # fitted: bm 25; cord = neutrophil ratio
    msc_division_factor=1.133,  # fitted: RCT SMD -0.60 (Stem Cell Res Ther 2021)
    day0_count={"induction": 50.0, "mac": 40.0, "ric": 60.0},  # assumed PLT at treatment start / day 0
    chemo_sensitivity=11.97,  # fitted: Guo 2011 chemotherapy alone, PLT median 20
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
    """Donor cells under host immunity (MST) and host cells under the graft (allo).

    MST donor progenitors split at infusion: a fraction
    ``mst_persistent_fraction`` escapes rejection and is cleared only slowly
    by host immune control (half-life ``mst_persistent_half_life_days``) -
    the source of persistent microchimerism; the rest is rejected at
    ``mst_rejection_rate`` per day from ``mst_rejection_onset_day`` after
    the first infusion (later infusions meet a primed response and are
    rejected from the start). While the rejected cells are cleared, the
    alloreaction supports the host marrow: its division rate is multiplied
    by ``1 + beta A / (A + mst_support_half)``, ``A`` the rejected
    neutrophil progenitor pool (host-pool units) - the recovery benefit of
    MST follows the donor-cell kinetics (dose, rejection speed, repeated
    infusions). ``allo_host_elimination``: graft-versus-marrow clearance of
    host progenitors after allo-HSCT, 1/day, assumed (full donor chimerism
    by day 30-60 after MAC).
    """

    mst_rejection_rate: float = 0.40
    mst_rejection_onset_day: float = 5.0
    mst_persistent_fraction: float = 0.01
    mst_persistent_half_life_days: float = 120.0
    allo_host_elimination: float = 0.08
    #: beta per lineage (fitted: Guo 2011 MST medians ANC 11, PLT 14.5).
    mst_support_neutrophils: float = 0.5005
    mst_support_platelets: float = 0.5433
    mst_support_half: float = 1e-3


@dataclass(frozen=True)
class Gcsf:
    """Effect of G-CSF (filgrastim 5 ug/kg/day) on neutrophil production while given.

    ``maturation_factor``: the marrow transit time is multiplied by it - Lord
    et al. 1989 measured a shortening of the post-mitotic maturation time in
    patients given G-CSF (value here assumed, 0.5); ``proliferation``: the
    neutrophil progenitors' division rate is multiplied by ``1 +
    proliferation`` (assumed 0.3). Both act on host and donor cells; a
    mobilised graft's G-CSF exposure is in its higher potency per CD34+ cell.
    """

    proliferation: float = 0.3
    maturation_factor: float = 0.5


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
    gcsf: Gcsf = field(default_factory=Gcsf)
    transfusion: Transfusion = field(default_factory=Transfusion)
    #: Myelotoxic potency of each drug relative to its reference PD in
    #: :data:`graftline.simulate.pk.DRUGS` (cytarabine = 1 by definition).
    drug_potency: dict[str, float] = field(
        default_factory=lambda: {"daunorubicin": 1.0, "mitoxantrone": 1.053, "idarubicin": 1.0})
    #: Integration step, days (Heun's method; see docs for the convergence check).
    step_days: float = 0.5
    #: Transit compartments between progenitors and blood (Friberg 2002: 3).
    n_transit: int = 3


DEFAULT_PARAMETERS = ModelParameters()
