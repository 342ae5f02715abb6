"""Therapy arms of a virtual trial.

An arm says what every patient in it receives on day 0: chemotherapy alone,
chemotherapy plus HLA-mismatched G-CSF-mobilised donor cells (MST), or an
allogeneic transplant from a given graft source, optionally with MSC
co-infusion. Day 0 is the cell infusion; in the ``chemo`` arm it is the day
the MST arm would have received its cells (36 h after the last chemotherapy
dose, Guo 2011), so the two arms share one clock.

The built-in arms (:data:`ARMS`):

=================  ==========  ======  ===============  ====  =============================
name               modality    source  CD34+/kg median  MSC   calibration target
=================  ==========  ======  ===============  ====  =============================
``chemo``          chemo       none    -                no    Guo 2011 chemo: ANC 16, PLT 20
``mst``            mst         pbsc    1.5e6            no    Guo 2011 MST: ANC 11, PLT 14.5
``chemo_cycles``   chemo       none    -                no    induction + 2 x IDAC (prediction)
``mst_cycles``     mst         pbsc    1.5e6 per cycle  no    induction + 2 x IDAC, MST each cycle
``allo_pbsc``      allo_hsct   pbsc    5.0e6            no    Champlin 2000: ANC 14, PLT 18
``allo_bm``        allo_hsct   bm      2.5e6            no    Champlin 2000: ANC 19, PLT 25
``allo_cord``      allo_hsct   cord    2.5e5            no    Barker 2005 (double cord): ANC 23
``allo_bm_msc``    allo_hsct   bm      2.5e6            yes   prediction (2025 review means for information)
``allo_pbsc_msc``  allo_hsct   pbsc    5.0e6            yes   RCT SMD vs allo_pbsc (Stem Cell Res Ther 2021)
``allo_cord_msc``  allo_hsct   cord    2.5e5            yes   prediction only
=================  ==========  ======  ===============  ====  =============================
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from graftline.errors import InputError
from graftline.simulate.regimens import Cycle, GcsfPolicy, TreatmentPlan, resolve_regimen

MODALITIES = ("chemo", "mst", "allo_hsct")
SOURCES = ("none", "pbsc", "bm", "cord")
CONDITIONINGS = ("induction", "mac", "ric")


@dataclass(frozen=True)
class ArmSpec:
    """What the patients of one arm receive on day 0.

    Parameters
    ----------
    name
        Arm label written to ``treatments.arm``.
    modality
        ``chemo`` (chemotherapy alone), ``mst`` (chemotherapy plus
        HLA-mismatched G-CSF-mobilised PBSC, no immunosuppression) or
        ``allo_hsct``.
    graft_source
        ``none`` for chemotherapy alone, else ``pbsc``, ``bm`` or ``cord``.
    cd34_per_kg
        Median CD34+ cells per kg of the graft; each patient's dose is drawn
        lognormally around it (``cd34_cv``).
    cd34_cv
        Between-patient coefficient of variation of the dose.
    msc
        Mesenchymal stromal cells co-infused with the graft.
    msc_dose_per_kg
        MSC dose per kg (recorded; the model's MSC effect does not scale with it).
    conditioning
        ``induction`` (AML induction chemotherapy, chemo and MST arms),
        ``mac`` (myeloablative) or ``ric`` (reduced intensity).
    regimen
        Chemotherapy of the first cycle (chemo and MST arms): a named regimen
        of :mod:`graftline.simulate.regimens` or a protocol line.
    cycles
        Number of cycles; cycles 2, 3, ... give ``consolidation`` (and, in
        MST, donor cells again), ``interval_days`` apart.
    consolidation
        Regimen of the later cycles.
    gcsf
        G-CSF after every cycle (:class:`~graftline.simulate.regimens.GcsfPolicy`
        defaults: from day +1 until ANC >= 1.0 twice).
    interval_days
        Days between the cell-infusion days of successive cycles.
    """

    name: str
    modality: str
    graft_source: str = "none"
    cd34_per_kg: float = 0.0
    cd34_cv: float = 0.4
    msc: bool = False
    msc_dose_per_kg: float = 0.0
    conditioning: str = "induction"
    regimen: str = "guo2011"
    cycles: int = 1
    consolidation: str = "idac"
    gcsf: bool = False
    interval_days: int = 35

    def __post_init__(self) -> None:
        if isinstance(self.cycles, bool) or not isinstance(self.cycles, int) or self.cycles < 1:
            raise InputError(f"arm {self.name!r}: cycles must be a positive integer, got {self.cycles!r}")
        if self.cycles > 1 and self.interval_days < 14:
            raise InputError(f"arm {self.name!r}: interval_days must be >= 14, got {self.interval_days!r}")
        if self.modality != "allo_hsct":
            resolve_regimen(self.regimen)
            if self.cycles > 1:
                resolve_regimen(self.consolidation)
        if not self.name:
            raise InputError("arm name must not be empty")
        if self.modality not in MODALITIES:
            raise InputError(
                f"arm {self.name!r}: modality {self.modality!r} is not one of {', '.join(MODALITIES)}"
            )
        if self.graft_source not in SOURCES:
            raise InputError(
                f"arm {self.name!r}: graft_source {self.graft_source!r} is not one of {', '.join(SOURCES)}"
            )
        if self.conditioning not in CONDITIONINGS:
            raise InputError(
                f"arm {self.name!r}: conditioning {self.conditioning!r} is not one of {', '.join(CONDITIONINGS)}"
            )
        for field, value in (
            ("cd34_per_kg", self.cd34_per_kg),
            ("cd34_cv", self.cd34_cv),
            ("msc_dose_per_kg", self.msc_dose_per_kg),
        ):
            if not value >= 0:  # also rejects NaN
                raise InputError(f"arm {self.name!r}: {field} must be >= 0, got {value!r}")
        if self.modality == "chemo":
            if self.graft_source != "none" or self.cd34_per_kg > 0:
                raise InputError(
                    f"arm {self.name!r}: chemotherapy alone has no graft; use graft_source 'none' "
                    "and cd34_per_kg 0, or modality 'mst'/'allo_hsct'"
                )
            if self.msc:
                raise InputError(
                    f"arm {self.name!r}: MSC co-infusion is modelled only with a graft (allo_hsct)"
                )
            return
        if self.graft_source == "none":
            raise InputError(f"arm {self.name!r}: modality {self.modality} needs a graft_source")
        if not self.cd34_per_kg > 0:
            raise InputError(
                f"arm {self.name!r}: modality {self.modality} needs cd34_per_kg > 0, got {self.cd34_per_kg!r}"
            )
        if self.modality == "mst":
            if self.graft_source != "pbsc":
                raise InputError(
                    f"arm {self.name!r}: microtransplantation uses G-CSF-mobilised peripheral blood "
                    f"cells (graft_source 'pbsc'), not {self.graft_source!r}"
                )
            if self.msc:
                raise InputError(
                    f"arm {self.name!r}: MSC co-infusion with MST is not modelled (no source to calibrate it)"
                )
            if self.conditioning != "induction":
                raise InputError(
                    f"arm {self.name!r}: MST follows induction chemotherapy, not {self.conditioning!r} conditioning"
                )
        if self.modality == "allo_hsct" and self.conditioning == "induction":
            raise InputError(
                f"arm {self.name!r}: allo_hsct needs conditioning 'mac' or 'ric', not 'induction'"
            )
        if self.msc and not self.msc_dose_per_kg > 0:
            raise InputError(f"arm {self.name!r}: msc=True needs msc_dose_per_kg > 0")

    def plan(self) -> TreatmentPlan | None:
        """The chemotherapy cycles of a chemo or MST arm (None for allo-HSCT)."""
        if self.modality == "allo_hsct":
            return None
        gcsf = GcsfPolicy() if self.gcsf else None
        infusion = self.modality == "mst"
        cycles = [Cycle(resolve_regimen(self.regimen), infusion=infusion, gcsf=gcsf)]
        cycles += [Cycle(resolve_regimen(self.consolidation), infusion=infusion, gcsf=gcsf)] * (self.cycles - 1)
        return TreatmentPlan(tuple(cycles), interval_days=self.interval_days)

    @property
    def treatment_label(self) -> str:
        """What ``treatments.conditioning`` records: the regimen(s) or conditioning."""
        if self.modality == "allo_hsct":
            return self.conditioning
        label = resolve_regimen(self.regimen).name
        if self.cycles > 1:
            label += f" + {self.cycles - 1} x {resolve_regimen(self.consolidation).name}"
        return label + (" + G-CSF" if self.gcsf else "")

    @property
    def donor_type(self) -> str:
        """Donor relation written to ``treatments.donor_type``."""
        if self.modality == "chemo":
            return "none"
        if self.modality == "mst":
            return "mismatched_related"  # Guo 2011: HLA-mismatched family donors
        if self.graft_source == "cord":
            return "cord"
        return "matched_related"  # Champlin 2000: HLA-identical siblings

    @property
    def hla_match(self) -> str | None:
        """HLA match written to ``treatments.hla_match`` (assumed typical values)."""
        if self.modality == "chemo":
            return None
        if self.modality == "mst":
            return "5/10"  # haploidentical-type mismatch
        return "4/6" if self.graft_source == "cord" else "10/10"


ARMS: dict[str, ArmSpec] = {
    arm.name: arm
    for arm in (
        ArmSpec("chemo", "chemo"),
        ArmSpec("mst", "mst", "pbsc", cd34_per_kg=1.5e6),
        ArmSpec("chemo_cycles", "chemo", cycles=3),
        ArmSpec("mst_cycles", "mst", "pbsc", cd34_per_kg=1.5e6, cycles=3),
        ArmSpec("allo_pbsc", "allo_hsct", "pbsc", cd34_per_kg=5.0e6, conditioning="mac"),
        ArmSpec("allo_bm", "allo_hsct", "bm", cd34_per_kg=2.5e6, conditioning="mac"),
        ArmSpec("allo_cord", "allo_hsct", "cord", cd34_per_kg=2.5e5, conditioning="mac"),
        ArmSpec("allo_bm_msc", "allo_hsct", "bm", cd34_per_kg=2.5e6, conditioning="mac",
                msc=True, msc_dose_per_kg=1.5e6),
        ArmSpec("allo_pbsc_msc", "allo_hsct", "pbsc", cd34_per_kg=5.0e6, conditioning="mac",
                msc=True, msc_dose_per_kg=1.5e6),
        ArmSpec("allo_cord_msc", "allo_hsct", "cord", cd34_per_kg=2.5e5, conditioning="mac",
                msc=True, msc_dose_per_kg=1.5e6),
    )
}


def resolve_arm(arm: str | ArmSpec) -> ArmSpec:
    """Return the :class:`ArmSpec` for a built-in arm name, or ``arm`` itself."""
    if isinstance(arm, ArmSpec):
        return arm
    if isinstance(arm, str) and arm in ARMS:
        return ARMS[arm]
    raise InputError(f"unknown arm {arm!r}; built-in arms are: {', '.join(ARMS)}")


def custom_arm(
    *,
    modality: str,
    graft_source: str = "none",
    cd34_per_kg: float = 0.0,
    msc: bool = False,
    conditioning: str | None = None,
    name: str | None = None,
    regimen: str = "guo2011",
    cycles: int = 1,
    consolidation: str = "idac",
    gcsf: bool = False,
) -> ArmSpec:
    """An arm for one patient's plan (used by ``graftline predict``).

    ``conditioning`` defaults to ``induction`` for chemo/MST and ``mac`` for
    allo-HSCT; an MSC arm gets the default MSC dose 1.5e6/kg.
    """
    if conditioning is None:
        conditioning = "mac" if modality == "allo_hsct" else "induction"
    base = ArmSpec(
        name or modality,
        modality,
        graft_source,
        cd34_per_kg=cd34_per_kg,
        msc=msc,
        msc_dose_per_kg=1.5e6 if msc else 0.0,
        conditioning=conditioning,
        regimen=regimen,
        cycles=cycles,
        consolidation=consolidation,
        gcsf=gcsf,
    )
    return replace(base, cd34_cv=0.0)
