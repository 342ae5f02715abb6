"""An OMOP CDM seen as a read-only graftline cohort store.

:class:`OmopSource` answers ``list_tables()`` and ``table(name)`` like an
Ibis connection to a cohort store, with the canonical tables as the lazy
views of :func:`graftline.cohort.omop.omop_tables`. Everything that reads a
store (the endpoint engine, ``explain``, the report) therefore reads an
OMOP CDM unchanged. The store's ``validation_warnings`` table is the
checks of :mod:`graftline.cohort.checks` run on the CDM (on its engine)
plus one row per field OMOP cannot give (:data:`NOT_MAPPED`).
"""

from __future__ import annotations

from functools import cached_property

import ibis
import pandas as pd

from graftline.cohort.omop.concepts import ConceptSets, load_concept_sets
from graftline.cohort.omop.views import NOT_MAPPED, omop_tables
from graftline.cohort.store import WARNINGS_TABLE


class OmopSource:
    """The canonical tables of an OMOP CDM on ``con`` (DuckDB, PostgreSQL, Spark)."""

    def __init__(self, con: ibis.BaseBackend, *, concepts: ConceptSets | None = None, database: str | None = None):
        self.con = con
        self.concepts = concepts or load_concept_sets()
        self.database = database
        self.tables = omop_tables(con, concepts=self.concepts, database=database)
        self.name = con.name

    def list_tables(self) -> list[str]:
        return [*self.tables, WARNINGS_TABLE]

    def table(self, name: str):
        if name == WARNINGS_TABLE:
            return ibis.memtable(self.warnings)
        return self.tables[name]

    @cached_property
    def problems(self):
        """Every located problem of the CDM as graftline reads it (runs on the CDM's engine)."""
        from graftline.cohort.checks import check_omop

        return check_omop(self)

    @cached_property
    def warnings(self) -> pd.DataFrame:
        """Problems and unmapped fields, in the columns of a store's validation warnings."""
        rows = [
            {"file": p.file, "row": p.row, "column": p.column, "value": p.value, "message": p.message,
             "expected": p.expected, "severity": p.severity}
            for p in self.problems
        ]
        rows += [
            {"file": "OMOP CDM", "row": None, "column": field, "value": None,
             "message": f"not mapped from OMOP: {reason}", "expected": "", "severity": "not mapped"}
            for field, reason in NOT_MAPPED
        ]
        frame = pd.DataFrame(rows, columns=["file", "row", "column", "value", "message", "expected", "severity"])
        frame["row"] = pd.array(frame["row"], dtype="Int64")
        return frame

    def disconnect(self) -> None:
        self.con.disconnect()
