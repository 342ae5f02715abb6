"""Synthetic endpoint tables for the report's tests (not a clinical model).

Times are drawn from exponential distributions whose rates differ by arm,
with integer days (ties, as in real data), a competing cause and
administrative censoring; enough to exercise every estimator and figure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

ARMS = {"chemo": "chemo", "mst": "mst", "allo_msc": "allo_hsct"}


def _competing(rng, n, rate_event, rate_competing, horizon):
    event = rng.exponential(1 / rate_event, n)
    competing = rng.exponential(1 / rate_competing, n)
    censor = rng.uniform(horizon / 3, horizon, n)
    time = np.ceil(np.minimum.reduce([event, competing, censor]))
    status = np.where(time == np.ceil(event), 1, np.where(time == np.ceil(competing), 2, 0))
    return time, status


def endpoint_frame(n_per_arm: int = 60, *, seed: int = 11) -> pd.DataFrame:
    """One row per patient with the endpoint columns the report reads."""
    rng = np.random.default_rng(seed)
    frames = []
    for index, (arm, modality) in enumerate(ARMS.items()):
        n = n_per_arm
        f = pd.DataFrame({"patient_id": [f"SYN-{arm}-{i:04d}" for i in range(n)], "arm": arm,
                          "modality": modality})
        f["neutrophil_engraftment_day"], f["neutrophil_engraftment_status"] = _competing(
            rng, n, 1 / (16 - 3 * index), 1 / 400, 60)
        f["neutrophil_engraftment_applicable"] = True
        f["platelet_engraftment_day"], f["platelet_engraftment_status"] = _competing(
            rng, n, 1 / (20 - 3 * index), 1 / 300, 100)
        f["platelet_engraftment_applicable"] = rng.random(n) > 0.05
        for name, rate in (("agvhd_2_4", 1 / 400), ("agvhd_3_4", 1 / 1200)):
            rate = rate * (0.1 if modality != "allo_hsct" else 1)
            f[f"{name}_day"], f[f"{name}_status"] = _competing(rng, n, rate, 1 / 900, 200)
        f["cgvhd_day"], f["cgvhd_status"] = _competing(rng, n, 1 / 2000 if index == 2 else 1 / 20000,
                                                       1 / 1500, 1000)
        f["relapse_day"], f["relapse_status"] = _competing(rng, n, 1 / (600 + 200 * index), 1 / 2500, 1000)
        f["nrm_day"] = f["relapse_day"]
        f["nrm_status"] = f["relapse_status"].map({0: 0, 1: 2, 2: 1})
        death = np.ceil(rng.exponential(700 + 150 * index, n))
        follow = np.ceil(rng.uniform(300, 1000, n))
        f["os_day"] = np.minimum(death, follow)
        f["os_status"] = (death <= follow).astype(int)
        f["pfs_day"] = np.minimum(f["os_day"], f["relapse_day"])
        f["pfs_status"] = ((f["relapse_status"] == 1) | (f["os_status"] == 1)).astype(int)
        f["grfs_day"] = f["pfs_day"]
        f["grfs_status"] = f["pfs_status"]
        f["agvhd_max_grade"] = rng.choice([0, 1, 2, 3, 4], n, p=[0.5, 0.2, 0.15, 0.1, 0.05] if index == 2
                                          else [0.9, 0.06, 0.03, 0.01, 0.0])
        f["primary_graft_failure"] = (rng.random(n) < 0.03) if modality == "allo_hsct" else None
        f["secondary_graft_failure"] = (rng.random(n) < 0.02) if modality == "allo_hsct" else None
        f["chimerism_category"] = (rng.choice(["full", "mixed"], n, p=[0.9, 0.1]) if modality == "allo_hsct"
                                   else "microchimerism" if modality == "mst" else "not_tested")
        f["cr_achieved"] = rng.random(n) < (0.45 + 0.2 * index)
        f["age"] = np.round(rng.normal(60, 8, n), 1)
        f["sex"] = rng.choice(["male", "female"], n)
        f["diagnosis"] = rng.choice(["aml", "mds"], n, p=[0.85, 0.15])
        f["disease_risk"] = rng.choice(["low", "intermediate", "high"], n)
        f["graft_source"] = "pbsc" if modality != "chemo" else "none"
        f["cd34_per_kg"] = rng.normal(5e6, 1e6, n) if modality != "chemo" else np.nan
        f["msc"] = modality == "allo_hsct"
        frames.append(f)
    return pd.concat(frames, ignore_index=True)
