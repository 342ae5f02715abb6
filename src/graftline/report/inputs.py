"""What a report is built from: the endpoint table, patient characteristics, warnings.

A report starts either from a cohort store (endpoints are derived with the
chosen definitions, Table 1 comes from ``patients`` and ``treatments``, the
data-quality appendix from the store's validation warnings) or from an
endpoint table a user already has (registry data), in which case Table 1
uses whatever characteristics that table carries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from graftline.errors import InputError

#: Characteristics taken from ``patients`` and ``treatments`` for Table 1 and --adjust.
PATIENT_COLUMNS = ("age", "birth_date", "sex", "diagnosis", "disease_risk", "weight_kg")
TREATMENT_COLUMNS = ("day0_date", "modality", "arm", "donor_type", "hla_match", "graft_source",
                     "cd34_per_kg", "msc", "msc_source", "msc_dose_per_kg", "conditioning")


@dataclass(frozen=True)
class ReportInputs:
    """The data of one report.

    Attributes
    ----------
    endpoints
        One row per patient: ``patient_id``, ``arm`` and the endpoint columns,
        joined with the patient characteristics (age, sex, ...) where known.
    warnings
        Validation warnings of the cohort store (``file, row, column, message``
        as far as known), or None when the report starts from an endpoint table.
    source
        Where the data came from, for the Methods section.
    definitions
        The endpoint definitions used (None when the endpoints were given).
    """

    endpoints: pd.DataFrame
    warnings: pd.DataFrame | None
    source: str
    definitions: object | None


def read_endpoint_file(path: Path) -> pd.DataFrame:
    """Read an endpoint table (CSV or Parquet) and check the columns a report needs."""
    from graftline.table_files import read_table_file

    if not path.exists():
        raise InputError(f"{path}: endpoint file not found")
    return check_endpoints(read_table_file(path), str(path))


def check_endpoints(frame: pd.DataFrame, where: str) -> pd.DataFrame:
    """An endpoint table needs ``patient_id`` and ``arm`` (or ``modality``) columns."""
    frame = frame.copy()
    if "patient_id" not in frame.columns:
        raise InputError(f"{where}: no patient_id column; expected one row per patient with patient_id, arm, "
                         "and E_day/E_status pairs (see docs/report.md)")
    if "arm" not in frame.columns:
        if "modality" not in frame.columns:
            raise InputError(f"{where}: no arm or modality column; the report compares arms")
        frame["arm"] = frame["modality"]
    missing_arm = frame["arm"].isna()
    if "modality" in frame.columns:
        frame.loc[missing_arm, "arm"] = frame.loc[missing_arm, "modality"]
    if frame["arm"].isna().any():
        row = int(np.flatnonzero(frame["arm"].isna().to_numpy())[0]) + 2
        raise InputError(f"{where} row {row}, column arm: empty; every patient needs an arm or a modality")
    frame["arm"] = frame["arm"].astype(str)
    duplicated = frame["patient_id"].duplicated()
    if duplicated.any():
        row = int(np.flatnonzero(duplicated.to_numpy())[0]) + 2
        raise InputError(f"{where} row {row}, column patient_id: a patient appears twice; "
                         "expected one row per patient")
    return frame


def _age_at_day0(frame: pd.DataFrame) -> pd.Series:
    age = pd.to_numeric(frame.get("age"), errors="coerce") if "age" in frame else pd.Series(np.nan, frame.index)
    if "birth_date" in frame and "day0_date" in frame:
        birth = pd.to_datetime(frame["birth_date"], errors="coerce")
        day0 = pd.to_datetime(frame["day0_date"], errors="coerce")
        derived = (day0 - birth).dt.days / 365.25
        age = age.fillna(derived)
    return age


def patient_characteristics(con) -> pd.DataFrame:
    """``patients`` joined with ``treatments`` from a cohort store, one row per patient."""
    patients = con.table("patients").to_pandas()
    treatments = con.table("treatments").to_pandas()
    patients = patients[[c for c in ("patient_id", *PATIENT_COLUMNS) if c in patients.columns]]
    treatments = treatments[[c for c in ("patient_id", *TREATMENT_COLUMNS) if c in treatments.columns]]
    frame = patients.merge(treatments, on="patient_id", how="outer")
    frame["age"] = _age_at_day0(frame)
    return frame.drop(columns=[c for c in ("birth_date", "day0_date") if c in frame.columns])


def store_warnings(con) -> pd.DataFrame | None:
    """Validation warnings the cohort store kept at ingest, if it keeps any."""
    from graftline.cohort import read_warnings

    return read_warnings(con)


def derive_endpoints(con, definitions) -> pd.DataFrame:
    """The endpoint table of a cohort store under the given definitions."""
    from graftline.endpoints import endpoint_table
    from graftline.endpoints.table import separate_selects

    with separate_selects():
        return endpoint_table(con, definitions).to_pandas()


def join_characteristics(endpoints: pd.DataFrame, characteristics: pd.DataFrame) -> pd.DataFrame:
    """Add the patient characteristics the endpoint table does not already have."""
    extra = [c for c in characteristics.columns if c == "patient_id" or c not in endpoints.columns]
    return endpoints.merge(characteristics[extra], on="patient_id", how="left")


def redact(text: str, identifiers: Iterable[str]) -> str:
    """Replace every patient identifier in a text by ``[patient]``."""
    ids = sorted({str(i) for i in identifiers if str(i)}, key=len, reverse=True)
    if not ids or not text:
        return text
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(i) for i in ids) + r")(?![\w-])")
    return pattern.sub("[patient]", text)
