"""How ingest stores the labs table in a DuckDB file: coded columns behind a view.

The labs are most of a cohort's rows (ten million for 50,000 patients), and
writing them as text was most of ingest's time: DuckDB compresses every
string column segment by segment (about 1.2 CPU s per text column per ten
million rows). Ingest therefore writes them into ``labs_data``, with the
patient, analyte, unit and qualifier as DuckDB ENUM columns (small integer
codes, about a quarter of that cost), and presents the canonical table as
the view ``labs``:

- the ENUMs cast back to VARCHAR, so every reader (Ibis, pandas, the
  endpoint engine, SQL) sees exactly the types of
  :func:`graftline.cohort.store.stored_types`;
- ``source_row`` is the stored position plus 2 (header = row 1): ingest
  appends the rows once, in file order, into an empty table, so DuckDB's
  ``rowid`` is the row's position in the file; ``labs_data`` is never
  updated or deleted from;
- ``source_file`` is a constant of the view.

Frames written by :func:`graftline.cohort.store_tables` (the simulator,
tests, PostgreSQL) stay plain tables; both layouts read the same.
"""

from __future__ import annotations

from graftline.cohort.schema import ANALYTES
from graftline.cohort.staging import in_list, lit, q
from graftline.cohort.units import COUNT_UNIT, OTHER_UNITS

DATA_TABLE = "labs_data"
VIEW = "labs"

PATIENT_ID_TYPE = "patient_id_t"
ANALYTE_TYPE = "analyte_t"
UNIT_TYPE = "unit_t"
QUALIFIER_TYPE = "qualifier_t"

#: The stored (canonical) units, in a fixed order.
STORED_UNITS: tuple[str, ...] = tuple(dict.fromkeys([COUNT_UNIT, *(canonical for canonical, _ in OTHER_UNITS.values())]))
QUALIFIERS = ("<", ">")

#: ``labs_data``'s columns in store order (``source_row`` and ``source_file`` come from the view).
DATA_COLUMNS: tuple[tuple[str, str], ...] = (
    ("patient_id", PATIENT_ID_TYPE),
    ("day", "INTEGER"),
    ("date", "DATE"),
    ("analyte", ANALYTE_TYPE),
    ("value", "DOUBLE"),
    ("unit", UNIT_TYPE),
    ("qualifier", QUALIFIER_TYPE),
)


#: The patients ingest knows (validation's ``patient_info``), in the order that
#: gives the patient ENUM its codes.
KNOWN_PATIENT_IDS = "SELECT _pid FROM memory.patient_info WHERE _pid IS NOT NULL ORDER BY _pid"


def create_sql(patient_ids: str) -> list[str]:
    """Statements that create the types and ``labs_data``, run with the store as default database.

    Parameters
    ----------
    patient_ids
        A query returning each known (trimmed) patient_id once, in the
        order that gives the ENUM its codes.
    """
    return [
        f"CREATE TYPE {PATIENT_ID_TYPE} AS ENUM ({patient_ids})",
        f"CREATE TYPE {ANALYTE_TYPE} AS ENUM {in_list(ANALYTES)}",
        f"CREATE TYPE {UNIT_TYPE} AS ENUM {in_list(STORED_UNITS)}",
        f"CREATE TYPE {QUALIFIER_TYPE} AS ENUM {in_list(QUALIFIERS)}",
        f"CREATE TABLE {DATA_TABLE} (" + ", ".join(f"{q(n)} {t}" for n, t in DATA_COLUMNS) + ")",
    ]


def coded_select(relation: str) -> str:
    """SELECT of ``relation`` (the stored labs columns as text) coded for ``labs_data``.

    Every value was validated, so each cast finds its ENUM member.
    """
    typed = dict(DATA_COLUMNS)
    return "SELECT " + ", ".join(
        f"CAST({q(n)} AS {typed[n]}) AS {q(n)}" if typed[n].endswith("_t") else q(n) for n, _ in DATA_COLUMNS
    ) + f" FROM {relation}"


def view_sql(source_file: str | None) -> str:
    """The canonical ``labs`` view over ``labs_data`` (``source_file`` constant)."""
    columns = [f"CAST({q(n)} AS VARCHAR) AS {q(n)}" if t.endswith("_t") else q(n) for n, t in DATA_COLUMNS]
    file = lit(source_file) if source_file is not None else "NULL"
    columns += ["CAST(rowid + 2 AS INTEGER) AS source_row", f"CAST({file} AS VARCHAR) AS source_file"]
    return f"CREATE VIEW {VIEW} AS SELECT {', '.join(columns)} FROM {DATA_TABLE}"


def drop_sql() -> list[str]:
    """Statements that remove the view, ``labs_data`` and their types (before a plain ``labs`` replaces them)."""
    return [f"DROP VIEW IF EXISTS {VIEW}", f"DROP TABLE IF EXISTS {DATA_TABLE}"] + [
        f"DROP TYPE IF EXISTS {name}" for name in (PATIENT_ID_TYPE, ANALYTE_TYPE, UNIT_TYPE, QUALIFIER_TYPE)
    ]
