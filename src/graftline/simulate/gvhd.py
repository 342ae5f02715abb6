"""Acute GVHD (raw organ measures, staged later by MAGIC) and chronic GVHD
(NIH organ scores) for virtual allo-HSCT patients.

Each allo patient draws a maximum acute grade (0-IV) from the
source-specific distribution, then an organ pattern that produces exactly
that MAGIC grade (Harris 2016; DOMAIN.md section 2): grade I = skin stage
1-2; II = skin stage 3, or stage 1 liver / upper GI / lower GI; III = stage
2-3 liver or lower GI; IV = any stage 4. The stages become raw measures
(skin % BSA, bilirubin mg/dL, stool mL/day, upper GI symptoms) drawn inside
the stage's range, so the endpoint engine has to stage them itself. The
flare is recorded at weekly assessments from its onset for its duration.
MST patients are assessed weekly too, and are GVHD-free (Guo 2011 observed
no GVHD). Chronic GVHD: onset between day 100 and 365 with an NIH organ
pattern; MSC co-infusion multiplies its probability by 0.53 (2021
meta-analysis, RR 0.53 [S]).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: P(maximum acute grade = 0, I, II, III, IV) by graft source, assumed from
#: typical registry proportions (grade II-IV ~35-40 %, III-IV ~12-15 %).
ACUTE_GRADE_PROBABILITIES = {
    "pbsc": (0.40, 0.22, 0.25, 0.09, 0.04),
    "bm": (0.45, 0.21, 0.22, 0.08, 0.04),
    "cord": (0.45, 0.20, 0.23, 0.08, 0.04),
}
#: P(chronic GVHD by 1 year) without MSC, assumed (PBSC > marrow > cord).
CHRONIC_PROBABILITY = {"pbsc": 0.50, "bm": 0.35, "cord": 0.25}
MSC_CHRONIC_RR = 0.53
ASSESSMENT_DAYS = np.arange(7, 99, 7)
CHRONIC_ASSESSMENT_DAYS = (180, 365, 545, 730)
CGVHD_ORGANS = ("skin", "mouth", "eyes", "gi", "liver", "lungs", "joints", "genital")

# Raw-measure ranges per stage (inclusive), inside the MAGIC boundaries.
_SKIN_BSA = ((0, 0), (5, 24), (25, 50), (51, 90), (60, 100))
_BILIRUBIN = ((0.3, 1.5), (2.0, 3.0), (3.1, 6.0), (6.1, 15.0), (15.1, 25.0))
_STOOL = ((0, 0), (500, 990), (1000, 1500), (1510, 2500), (1510, 3000))


def organ_stages(grade: np.ndarray, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Skin, liver, upper GI (0/1) and lower GI stages giving MAGIC ``grade``."""
    n = grade.shape[0]
    u = rng.random((4, n))
    skin = np.zeros(n, dtype=np.int64)
    liver = np.zeros(n, dtype=np.int64)
    upper = np.zeros(n, dtype=np.int64)
    lower = np.zeros(n, dtype=np.int64)
    g1, g2, g3, g4 = (grade == k for k in (1, 2, 3, 4))
    skin[g1] = 1 + (u[0, g1] < 0.4)
    # Grade II: skin 3 alone, or skin 0-2 with stage-1 gut or liver involvement.
    skin_only = g2 & (u[0] < 0.3)
    skin[skin_only] = 3
    gut = g2 & ~skin_only
    skin[gut] = (u[1, gut] * 3).astype(np.int64)
    which = u[2]
    lower[gut & (which < 0.6)] = 1
    upper[gut & (which >= 0.6) & (which < 0.85)] = 1
    liver[gut & (which >= 0.85)] = 1
    # Grade III: lower GI and/or liver stage 2-3, skin 0-3.
    skin[g3] = (u[0, g3] * 4).astype(np.int64)
    lower[g3 & (which < 0.75)] = 2 + (u[1, g3 & (which < 0.75)] < 0.5)
    liver[g3 & (which >= 0.75)] = 2 + (u[1, g3 & (which >= 0.75)] < 0.5)
    upper[g3] = u[3, g3] < 0.5
    # Grade IV: one organ at stage 4.
    skin[g4] = np.where(which[g4] < 0.3, 4, (u[0, g4] * 4).astype(np.int64))
    lower[g4 & (which >= 0.3) & (which < 0.8)] = 4
    liver[g4 & (which >= 0.8)] = 4
    return {"skin": skin, "liver": liver, "upper_gi": upper, "lower_gi": lower}


def _draw_in_range(stage: np.ndarray, ranges, rng: np.random.Generator, decimals: int) -> np.ndarray:
    bounds = np.asarray(ranges, dtype=float)[stage]
    value = bounds[:, 0] + rng.random(stage.shape[0]) * (bounds[:, 1] - bounds[:, 0])
    return np.round(value, decimals)


def acute_assessments(
    patient_id: np.ndarray,
    source: np.ndarray,
    assessed: np.ndarray,
    allo: np.ndarray,
    neutrophil_day: np.ndarray,
    last_day: np.ndarray,
    rng: np.random.Generator,
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Weekly acute-GVHD assessments, the maximum grade and its onset day.

    ``assessed`` marks patients followed for GVHD (allo and MST), ``allo``
    those at risk; ``last_day`` is the last day a patient can be assessed
    (death or end of follow-up). Returns ``(rows, grade, onset_day)`` where
    grade/onset are for the flare as simulated (onset NaN if none).
    """
    n = patient_id.shape[0]
    u = rng.random(n)
    grade = np.zeros(n, dtype=np.int64)
    for name, probabilities in ACUTE_GRADE_PROBABILITIES.items():
        mask = allo & (source == name)
        grade[mask] = np.searchsorted(np.cumsum(probabilities), u[mask], side="right")
    grade = np.minimum(grade, 4)
    stages = organ_stages(grade, rng)
    # Onset after neutrophil recovery: the first weekly visit >= engraftment + lognormal delay.
    delay = np.exp(np.log(12.0) + 0.5 * rng.standard_normal(n))
    start = np.nan_to_num(neutrophil_day, nan=21.0) + delay
    onset = np.ceil(start / 7) * 7
    duration = 7 * rng.integers(2, 7, n)
    onset = np.where(grade > 0, onset, np.nan)
    peak = {
        "skin_bsa_pct": _draw_in_range(stages["skin"], _SKIN_BSA, rng, 0),
        "bilirubin_mg_dl": _draw_in_range(stages["liver"], _BILIRUBIN, rng, 1),
        "stool_ml_day": np.round(_draw_in_range(stages["lower_gi"], _STOOL, rng, 0), -1),
    }
    normal_bilirubin = _draw_in_range(np.zeros(n, dtype=np.int64), _BILIRUBIN, rng, 1)

    pid, day = np.meshgrid(np.arange(n), ASSESSMENT_DAYS, indexing="ij")
    keep = assessed[:, None] & (day <= last_day[:, None])
    active = (day >= onset[:, None]) & (day < (onset + duration)[:, None])
    pid, day, active = pid[keep], day[keep], active[keep]
    rows = pd.DataFrame({
        "patient_id": patient_id[pid],
        "day": day.astype(np.int64),
        "skin_bsa_pct": np.where(active, peak["skin_bsa_pct"][pid], 0.0),
        "skin_bullae": active & (stages["skin"][pid] == 4),
        "bilirubin_mg_dl": np.where(active, peak["bilirubin_mg_dl"][pid], normal_bilirubin[pid]),
        "upper_gi": active & (stages["upper_gi"][pid] == 1),
        "stool_ml_day": np.where(active, peak["stool_ml_day"][pid], 0.0),
        "lower_gi_severe": active & (stages["lower_gi"][pid] == 4),
        "systemic_therapy": active & (grade[pid] >= 2),
    })
    observed = np.zeros(n, dtype=bool)
    observed[np.unique(pid[active])] = True
    return rows, np.where(observed, grade, 0), np.where(observed, onset, np.nan)


def chronic_assessments(
    patient_id: np.ndarray,
    source: np.ndarray,
    allo: np.ndarray,
    msc: np.ndarray,
    last_day: np.ndarray,
    rng: np.random.Generator,
) -> tuple[pd.DataFrame, np.ndarray]:
    """NIH organ scores at days 180, 365, 545, 730; returns rows and onset day."""
    n = patient_id.shape[0]
    probability = np.array([CHRONIC_PROBABILITY.get(s, 0.0) for s in source]) * np.where(msc, MSC_CHRONIC_RR, 1.0)
    has = allo & (rng.random(n) < probability)
    onset = np.where(has, rng.integers(100, 366, n), np.nan)
    # Organ involvement: each organ independently, lungs rarer; at least one organ.
    involvement = rng.random((n, len(CGVHD_ORGANS))) < np.array([0.6, 0.5, 0.4, 0.25, 0.3, 0.1, 0.2, 0.1])
    involvement[np.arange(n), rng.integers(0, 3, n)] = True
    scores = np.where(involvement, np.searchsorted([0.55, 0.9], rng.random(involvement.shape), side="right") + 1, 0)
    # NIH moderate or severe (>= 3 organs involved, any organ score >= 2, or lung
    # involvement; DOMAIN.md section 2) is treated systemically.
    moderate_or_severe = (
        ((scores >= 1).sum(axis=1) >= 3) | (scores >= 2).any(axis=1) | (scores[:, CGVHD_ORGANS.index("lungs")] >= 1)
    )

    pid, day = np.meshgrid(np.arange(n), np.array(CHRONIC_ASSESSMENT_DAYS), indexing="ij")
    keep = allo[:, None] & (day <= last_day[:, None])
    active = day >= onset[:, None]
    pid, day, active = pid[keep], day[keep], active[keep]
    rows = {"patient_id": patient_id[pid], "day": day.astype(np.int64)}
    for j, organ in enumerate(CGVHD_ORGANS):
        rows[f"cgvhd_{organ}"] = pd.array(np.where(active, scores[pid, j], 0), dtype="Int64")
    rows["systemic_therapy"] = active & moderate_or_severe[pid]
    # Simulated chronic GVHD is diagnosed by construction: the NIH diagnostic-sign flag
    # (graftline.endpoints counts organ scores only from an NIH diagnosis on).
    rows["cgvhd_diagnostic_sign"] = active
    observed_onset = np.full(n, np.nan)
    first = pd.DataFrame({"pid": pid[active], "day": day[active]}).groupby("pid")["day"].min()
    observed_onset[first.index.to_numpy()] = first.to_numpy()
    return pd.DataFrame(rows), observed_onset
