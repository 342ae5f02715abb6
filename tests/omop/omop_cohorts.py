"""A simulated cohort two ways: as CSV files ingested into a store, and as an OMOP CDM.

The same virtual patients (``graftline.simulate``) are written by
``graftline.cohort.omop.cohort_to_omop`` as PERSON, PROCEDURE_OCCURRENCE,
MEASUREMENT, OBSERVATION, CONDITION_OCCURRENCE, DEATH and OBSERVATION_PERIOD,
and as canonical CSV files. What OMOP cannot carry (NOT_MAPPED) is removed
from the CSV side too, so that both describe exactly the same information:
the study arm (OMOP's arm is the modality) and adverse events.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import ibis
import pandas as pd
import pyarrow as pa

from graftline.cohort import connect, ingest
from graftline.cohort.omop import cohort_to_omop
from graftline.cohort.omop.writer import cdm_schema
from graftline.simulate import simulate_cohort
from graftline.simulate.store import write_cohort

ARMS = ("chemo", "mst", "allo_pbsc_msc")


@cache
def simulated(n: int = 12, seed: int = 20261203) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    """(canonical tables as OMOP can carry them, CDM frames) for the same patients."""
    tables = simulate_cohort(list(ARMS), n=n, seed=seed)
    frames, person_ids = cohort_to_omop(tables)
    canonical = {}
    for name, frame in tables.items():
        frame = frame.copy()
        frame["patient_id"] = frame["patient_id"].map(lambda p: str(person_ids[p]))
        canonical[name] = frame
    canonical["treatments"]["arm"] = None  # OMOP has no arm: the endpoint table's arm is the modality
    canonical["adverse_events"] = canonical["adverse_events"].iloc[0:0]  # no CTCAE grade in OMOP
    return canonical, frames


def ingested_store(directory: Path, canonical: dict[str, pd.DataFrame]):
    """The canonical tables written as CSV files and ingested (the ordinary path)."""
    write_cohort(canonical, directory / "csv")
    ingest(directory / "csv", directory / "cohort.duckdb")
    return connect(directory / "cohort.duckdb", read_only=True)


def arrow_tables(frames: dict[str, pd.DataFrame]) -> dict[str, pa.Table]:
    """CDM frames as Arrow tables with the CDM column types (for Spark)."""
    return {name: ibis.memtable(frame, schema=cdm_schema(frame)).to_pyarrow() for name, frame in frames.items()}
