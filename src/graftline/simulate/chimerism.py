"""Chimerism tests: what an assay with a limit of detection reads from the
model's donor share of blood neutrophils.

Assays (``method`` and ``lod_pct`` as in the cohort schema's ``chimerism``
table):

==========  ========================================  =======  =================================
name        method                                    LOD %    source
==========  ========================================  =======  =================================
``str``     ``str_pcr``: STR fragment analysis        1        STR-PCR 1-5 % [C: DOMAIN.md 2]
``qpcr``    ``qpcr``: InDel/SNP quantitative PCR      0.1      qPCR/InDel ~0.1 % [C: DOMAIN.md 2]
``fish``    ``fish``: XY interphase FISH, 500 nuclei  0.6      3 of 500 nuclei [NC]
``y_pcr``   ``qpcr``: Y-chromosome (SRY) qPCR         0.01     sex-chromosome PCR [NC]
==========  ========================================  =======  =================================

``fish`` needs a donor and recipient of different sex, ``y_pcr`` a male
donor and a female recipient (the sex-chromosome assays with which Guo 2011
found microchimerism in its female patients). A PCR reading is the true
donor share times lognormal error (CV 30 %); a FISH reading is the share of
donor nuclei among those counted (binomial). A reading below the limit of
detection is "not detected": ``donor_pct`` empty, never 0 %.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class ChimerismAssay:
    """One chimerism assay.

    Parameters
    ----------
    name
        Key in :data:`ASSAYS`.
    method
        Value of ``chimerism.method`` (the schema's vocabulary).
    lod_pct
        Limit of detection, % donor cells.
    cv
        Coefficient of variation of a PCR reading (lognormal; ignored by FISH).
    nuclei
        Nuclei counted (FISH); 0 for PCR assays.
    needs
        ``"any"``, ``"sex_mismatch"`` (FISH) or ``"male_donor_female_recipient"`` (Y PCR).
    """

    name: str
    method: str
    lod_pct: float
    cv: float = 0.3
    nuclei: int = 0
    needs: str = "any"

    def applicable(self, recipient_female: np.ndarray, donor_male: np.ndarray) -> np.ndarray:
        if self.needs == "sex_mismatch":
            return recipient_female == donor_male
        if self.needs == "male_donor_female_recipient":
            return recipient_female & donor_male
        return np.ones(recipient_female.shape, dtype=bool)

    def read(self, donor_pct: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """Readings in %, NaN where below the limit of detection (not detected)."""
        if self.nuclei:
            counted = rng.binomial(self.nuclei, np.clip(donor_pct / 100, 0, 1))
            reading = 100.0 * counted / self.nuclei
        else:
            sigma = np.sqrt(np.log1p(self.cv**2))
            # Error on the minor population's share, so full chimerism stays near 100 %.
            minor = np.minimum(donor_pct, 100 - donor_pct) * np.exp(sigma * rng.standard_normal(donor_pct.shape))
            # Near 50 % the error can carry the minor share past 100 %: a report stays within 0-100 %.
            reading = np.clip(np.where(donor_pct > 50, 100 - minor, minor), 0.0, 100.0)
        reading = np.round(reading, 3 if self.lod_pct < 0.1 else 2)
        return np.where(reading >= self.lod_pct, reading, np.nan)


ASSAYS: dict[str, ChimerismAssay] = {
    a.name: a
    for a in (
        ChimerismAssay("str", "str_pcr", 1.0),
        ChimerismAssay("qpcr", "qpcr", 0.1),
        ChimerismAssay("fish", "fish", 0.6, nuclei=500, needs="sex_mismatch"),
        ChimerismAssay("y_pcr", "qpcr", 0.01, needs="male_donor_female_recipient"),
    )
}

#: Assay panel per modality (default: allo STR-PCR; MST InDel qPCR for all
#: and Y-chromosome qPCR where the donor is male and the recipient female).
DEFAULT_PANELS: dict[str, tuple[str, ...]] = {"allo_hsct": ("str",), "mst": ("qpcr", "y_pcr")}
TEST_DAYS = (14, 30, 60, 100)


def chimerism_tests(
    *,
    patient_id: np.ndarray,
    modality: np.ndarray,
    donor_fraction: np.ndarray,
    recipient_female: np.ndarray,
    donor_male: np.ndarray,
    last_day: np.ndarray,
    rng: np.random.Generator,
    panels: dict[str, tuple[str, ...]] = DEFAULT_PANELS,
    days: tuple[int, ...] = TEST_DAYS,
) -> pd.DataFrame:
    """Myeloid chimerism readings on ``days`` for every assay of each patient's panel.

    ``donor_fraction``: ``(n, n_days)`` model donor share of neutrophils
    (0-1) from day 0. Rows after ``last_day`` (death, end of follow-up) or
    beyond the simulated horizon are not produced.
    """
    frames = []
    for day in days:
        if day >= donor_fraction.shape[1]:
            break
        donor = 100 * donor_fraction[:, day].astype(float)
        for mod, panel in panels.items():
            for name in panel:
                assay = ASSAYS[name]
                tested = (modality == mod) & (day <= last_day) & assay.applicable(recipient_female, donor_male)
                reading = assay.read(donor, rng)
                frames.append(pd.DataFrame({
                    "patient_id": patient_id[tested], "day": day, "lineage": "myeloid",
                    "donor_pct": reading[tested], "method": assay.method, "lod_pct": assay.lod_pct,
                }))
    if not frames:
        return pd.DataFrame(columns=["patient_id", "day", "lineage", "donor_pct", "method", "lod_pct"])
    return pd.concat(frames, ignore_index=True)
