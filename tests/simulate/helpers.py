"""Turn simulated cohort tables back into day-by-patient matrices."""

from __future__ import annotations

import numpy as np
import pandas as pd

from graftline.simulate import _engraftment


def engraftment_from_tables(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Engraftment days per patient computed from the labs/transfusions tables."""
    patients = tables["treatments"]["patient_id"].to_numpy()
    row = pd.Series(np.arange(patients.size), index=patients)
    labs = tables["labs"]
    width = int(labs["day"].max()) + 1
    matrices = {}
    for analyte in ("anc", "plt"):
        m = np.full((patients.size, width), np.nan)
        part = labs[labs["analyte"] == analyte]
        m[row.loc[part["patient_id"]].to_numpy(), part["day"].to_numpy()] = part["value"].to_numpy()
        matrices[analyte] = m
    transfused = np.zeros((patients.size, width), dtype=bool)
    tx = tables["transfusions"]
    tx = tx[(tx["product"] == "platelets") & (tx["day"] < width)]
    transfused[row.loc[tx["patient_id"]].to_numpy(), tx["day"].to_numpy()] = True
    platelet, _ = _engraftment.platelet_engraftment(matrices["plt"], transfused)
    return pd.DataFrame({
        "patient_id": patients,
        "arm": tables["treatments"]["arm"].to_numpy(),
        "neutrophil": _engraftment.neutrophil_engraftment(matrices["anc"]),
        "platelet": platelet,
    })
