"""A small endpoint table with relapse and death, for the multistate command's tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd


def write_endpoint_table(folder: Path) -> tuple[Path, pd.DataFrame]:
    """150 patients in two arms, relapse (status 1) competing with death (2), then OS; ``(csv path, table)``."""
    rng = np.random.default_rng(8)
    n = 150
    relapse = np.ceil(rng.exponential(300, n))
    death = np.ceil(rng.exponential(500, n))
    censor = np.ceil(rng.uniform(50, 900, n))
    relapsed = (relapse < death) & (relapse <= censor)
    after = np.where(relapsed, relapse + 1 + np.ceil(rng.exponential(150, n)), death)
    os_day = np.minimum(after, censor)
    table = pd.DataFrame({
        "patient_id": [f"P{i:03d}" for i in range(n)], "arm": rng.choice(["allo", "mst"], n),
        "relapse_day": np.where(relapsed, relapse, os_day),
        "relapse_status": np.where(relapsed, 1, np.where(after <= censor, 2, 0)),
        "os_day": os_day, "os_status": (after <= censor).astype(int)})
    path = folder / "endpoints.csv"
    table.to_csv(path, index=False)
    return path, table
