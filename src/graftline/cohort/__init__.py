"""Canonical cohort tables, readers, unit normalisation, validation and the store.

Public API::

    validate(dir) -> ValidationReport      every located problem at once
    ingest(dir, db) -> IngestResult        all-or-nothing into a DuckDB file
    connect(url_or_path) -> Ibis backend   DuckDB file or postgresql://
    store_tables(con, {name: frame})       clean frames into any Ibis backend
    read_warnings(con)                     validation warnings kept by ingest
"""

from graftline.cohort.ingestion import IngestResult, ingest
from graftline.cohort.problems import CohortValidationError, Problem, ValidationReport
from graftline.cohort.schema import TABLES, Column, Table, TimeField
from graftline.cohort.store import (
    connect,
    ibis_schema,
    read_ingest_log,
    read_warnings,
    store_tables,
    stored_types,
)
from graftline.cohort.validation import validate

__all__ = [
    "TABLES",
    "CohortValidationError",
    "Column",
    "IngestResult",
    "Problem",
    "Table",
    "TimeField",
    "ValidationReport",
    "connect",
    "ibis_schema",
    "ingest",
    "read_ingest_log",
    "read_warnings",
    "store_tables",
    "stored_types",
    "validate",
]
