"""The cohort tables as Ibis expressions on one backend.

The endpoint rules read the stored canonical tables (see
:mod:`graftline.cohort.schema`). A store may lack the optional tables
(a cohort without chimerism tests); they are replaced by an empty relation
of the right columns built on the same backend, so every expression stays
on one connection and no table is ever created in the user's store.
"""

from __future__ import annotations

from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from graftline.cohort.schema import TABLES, Table
from graftline.errors import InputError

# SQL type names that DuckDB and PostgreSQL both understand.
_SQL_TYPES = {
    "string": "VARCHAR",
    "category": "VARCHAR",
    "integer": "INTEGER",
    "number": "DOUBLE PRECISION",
    "boolean": "BOOLEAN",
    "date": "DATE",
}
_TIME_KINDS = {"day": "integer", "date": "date"}


@dataclass(frozen=True)
class CohortTables:
    """The ten canonical tables of one store, as Ibis table expressions."""

    patients: ir.Table
    treatments: ir.Table
    labs: ir.Table
    transfusions: ir.Table
    gvhd_assessments: ir.Table
    chimerism: ir.Table
    disease_assessments: ir.Table
    infections: ir.Table
    adverse_events: ir.Table
    followup: ir.Table


def _column_kinds(table: Table) -> dict[str, str]:
    kinds = {}
    for name in table.stored_columns:
        time = next((t for t in table.times if name in (t.day, t.date)), None)
        if time is not None:
            kinds[name] = "integer" if name == time.day else "date"
        else:
            kinds[name] = table.column(name).kind
    return kinds


# As graftline.cohort's store writes them (integers, days included, are INTEGER).
_IBIS_TYPES = {
    "string": "string",
    "category": "string",
    "integer": "int32",
    "number": "float64",
    "boolean": "boolean",
    "date": "date",
}


def stored_schema(table: Table) -> ibis.Schema:
    """The Ibis schema of a canonical table as stored (``Table.stored_columns`` order)."""
    return ibis.schema({name: _IBIS_TYPES[kind] for name, kind in _column_kinds(table).items()})


def _empty(con: ibis.BaseBackend, table: Table) -> ir.Table:
    columns = ", ".join(
        f'CAST(NULL AS {_SQL_TYPES[kind]}) AS "{name}"' for name, kind in _column_kinds(table).items()
    )
    return con.sql(f"SELECT {columns} WHERE 1 = 0")


def load_tables(con: ibis.BaseBackend) -> CohortTables:
    """Open the canonical tables of a store (missing optional tables are empty).

    Raises
    ------
    InputError
        If a required table (patients, treatments) is missing, or a stored
        table lacks a column the endpoint rules read.
    """
    present = set(con.list_tables())
    tables = {}
    for name, table in TABLES.items():
        if name not in present:
            if table.required:
                raise InputError(f"the cohort store has no table {name!r}; run `graftline` ingest first")
            tables[name] = _empty(con, table)
            continue
        expr = con.table(name)
        missing = [c for c in table.stored_columns if c not in expr.columns]
        if missing:
            raise InputError(f"stored table {name!r} lacks column(s) {missing}; it was not written by graftline's cohort store")
        tables[name] = expr
    return CohortTables(**tables)


def death_day(tables: CohortTables) -> ir.Table:
    """Per patient: ``death_day`` (null if alive), ``death_cause`` and ``censor_day`` (last contact)."""
    f = tables.followup
    dead = f.vital_status == "dead"
    death = ibis.ifelse(dead, f.death_day.coalesce(f.last_contact_day), ibis.null("int64"))
    return f.select(
        "patient_id",
        death_day=death.cast("int64"),
        death_cause=ibis.ifelse(dead, f.cause, ibis.null("string")),
        # A death after the recorded last contact still ends follow-up at death.
        censor_day=ibis.greatest(f.last_contact_day, death.coalesce(f.last_contact_day)).cast("int64"),
    )
