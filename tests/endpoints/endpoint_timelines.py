"""Hand-built patient timelines stored as canonical cohort tables.

Tests describe patients day by day; :class:`Cohort` writes them into the
stored form (``Table.stored_columns``, counts converted to 10^9/L with the
cohort unit table, as ingest does) on an in-memory DuckDB or any Ibis
connection, and runs the endpoint engine.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import ibis
import pandas as pd
import pyarrow as pa

from graftline.cohort.schema import TABLES
from graftline.cohort.units import conversion_factor
from graftline.endpoints import EndpointDefinitions, endpoint_frame, endpoint_table
from graftline.endpoints.table import separate_selects, with_stable_dtypes
from graftline.endpoints.tables import stored_schema


@dataclass
class Patient:
    cohort: Cohort
    patient_id: str

    def _add(self, table: str, **values: Any) -> Patient:
        self.cohort.rows[table].append({"patient_id": self.patient_id, **values})
        return self

    def lab(self, analyte: str, values: dict[int, float], unit: str = "10^9/L", qualifier: str | None = None) -> Patient:
        factor = conversion_factor(analyte, unit)
        assert factor is not None, f"unknown unit {unit}"
        for day, value in values.items():
            self.cohort.source_row += 1
            self._add(
                "labs", day=day, analyte=analyte, value=value * factor, unit=unit,
                qualifier=qualifier, source_row=self.cohort.source_row,
            )
        return self

    def anc(self, values: dict[int, float], unit: str = "10^9/L") -> Patient:
        return self.lab("anc", values, unit)

    def plt(self, values: dict[int, float], unit: str = "10^9/L") -> Patient:
        return self.lab("plt", values, unit)

    def transfusion(self, day: int, product: str = "platelets") -> Patient:
        return self._add("transfusions", day=day, product=product, units=1.0)

    def gvhd(self, day: int, **measures: Any) -> Patient:
        return self._add("gvhd_assessments", day=day, **measures)

    def chimerism(self, day: int, donor_pct: float | None, *, lineage: str = "whole_blood", method: str = "str_pcr", lod_pct: float | None = None) -> Patient:
        return self._add("chimerism", day=day, lineage=lineage, donor_pct=donor_pct, method=method, lod_pct=lod_pct)

    def disease(self, day: int, status: str) -> Patient:
        return self._add("disease_assessments", day=day, status=status)

    def infection(self, day: int, kind: str) -> Patient:
        return self._add("infections", day=day, kind=kind)

    def adverse_event(self, day: int, grade: int, attributed_to: str, term: str = "infusion reaction") -> Patient:
        return self._add("adverse_events", day=day, term=term, ctcae_grade=grade, attributed_to=attributed_to)


@dataclass
class Cohort:
    rows: dict[str, list[dict]] = field(default_factory=lambda: {name: [] for name in TABLES})
    source_row: int = 1

    def patient(
        self,
        patient_id: str,
        *,
        modality: str = "allo_hsct",
        graft_source: str | None = "pbsc",
        arm: str | None = None,
        weight_kg: float | None = 70.0,
        last_contact: int = 365,
        death: int | None = None,
        cause: str | None = None,
        second_infusion: int | None = None,
        treatment_start: int | None = None,
        randomisation: int | None = None,
    ) -> Patient:
        self.rows["patients"].append({"patient_id": patient_id, "weight_kg": weight_kg, "randomisation_day": randomisation})
        self.rows["treatments"].append(
            {
                "patient_id": patient_id, "modality": modality, "graft_source": graft_source, "arm": arm,
                "second_infusion_day": second_infusion, "treatment_start_day": treatment_start,
            }
        )
        self.rows["followup"].append(
            {
                "patient_id": patient_id,
                "last_contact_day": death if death is not None else last_contact,
                "death_day": death,
                "vital_status": "dead" if death is not None else "alive",
                "cause": cause,
            }
        )
        return Patient(self, patient_id)

    def arrow(self, name: str) -> pa.Table:
        """One table in its stored form (missing columns are null)."""
        schema = stored_schema(TABLES[name]).to_pyarrow()
        return pa.Table.from_pylist(self.rows[name], schema=schema)

    def load_into(self, con: ibis.BaseBackend) -> ibis.BaseBackend:
        for name in TABLES:
            con.create_table(name, self.arrow(name), overwrite=True)
        return con

    def connect(self) -> ibis.BaseBackend:
        """An in-memory DuckDB holding the cohort (tables registered as Arrow views: fast)."""
        con = ibis.duckdb.connect()
        for name in TABLES:
            con.con.register(name, self.arrow(name))
        return con

    def endpoints(self, definitions: EndpointDefinitions | None = None, con: ibis.BaseBackend | None = None) -> pd.DataFrame:
        """Endpoint table indexed by patient_id.

        On the default in-memory DuckDB the SQL of ``endpoint_table`` is compiled once per
        definitions and reused (compiling takes ~0.5 s, running it on a few patients ~0.05 s);
        ``test_endpoints_engine.py`` checks that this gives the same frame as ``endpoint_frame``.
        """
        if con is not None:
            return endpoint_frame(con, definitions).set_index("patient_id")
        con = self.connect()
        frame = con.con.execute(compiled_sql(definitions or EndpointDefinitions())).df()
        return with_stable_dtypes(frame).set_index("patient_id")


@functools.lru_cache(maxsize=32)
def compiled_sql(definitions: EndpointDefinitions) -> str:
    with separate_selects():  # the SQL endpoint_frame runs
        return ibis.to_sql(endpoint_table(Cohort().connect(), definitions), dialect="duckdb")


def one(build, definitions: EndpointDefinitions | None = None) -> pd.Series:
    """Endpoints of a one-patient cohort built by ``build(cohort)``."""
    cohort = Cohort()
    build(cohort)
    frame = cohort.endpoints(definitions)
    assert len(frame) == 1
    return frame.iloc[0]


class _OnePatient:
    """A cohort seen by one builder: its ``patient(...)`` gets the id chosen by :func:`many`."""

    def __init__(self, cohort: Cohort, patient_id: str) -> None:
        self.cohort, self.patient_id = cohort, patient_id

    def patient(self, _patient_id: str, **options: Any) -> Patient:
        return self.cohort.patient(self.patient_id, **options)


def many(builds: dict, definitions: EndpointDefinitions | None = None) -> dict:
    """Endpoints of several one-patient builders run as one cohort (one query): ``{key: row}``.

    Each ``build(cohort)`` is written as for :func:`one` (with any patient id).
    """
    cohort = Cohort()
    ids = {key: f"p{i:03d}" for i, key in enumerate(builds)}
    for key, build in builds.items():
        build(_OnePatient(cohort, ids[key]))
    frame = cohort.endpoints(definitions)
    return {key: frame.loc[pid] for key, pid in ids.items()}
