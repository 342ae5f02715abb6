"""The cohort store: a DuckDB file by default, any Ibis backend by URL.

The stored tables have the columns of :attr:`Table.stored_columns` with the
types given by :func:`stored_types`: times as ``day`` (INTEGER, days from
day 0) and ``date`` (DATE), counts in 10^9/L. Ingest writes them from raw
files (:mod:`graftline.cohort.ingestion`); :func:`store_tables` writes frames
that are already clean (the simulator's virtual cohorts, test fixtures) into
any backend, PostgreSQL included.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from graftline.cohort import labs_layout
from graftline.cohort.schema import TABLES, Table
from graftline.errors import InputError

if TYPE_CHECKING:
    import ibis
    import pandas as pd

#: Store type (DuckDB SQL, Ibis) for each column kind.
KIND_TYPES: dict[str, tuple[str, str]] = {
    "string": ("VARCHAR", "string"),
    "category": ("VARCHAR", "string"),
    "integer": ("INTEGER", "int32"),
    "number": ("DOUBLE", "float64"),
    "boolean": ("BOOLEAN", "boolean"),
    "date": ("DATE", "date"),
}

#: Metadata tables written by ingest next to the canonical tables.
WARNINGS_TABLE = "validation_warnings"
LOG_TABLE = "ingest_log"
FILES_TABLE = "ingest_files"


def stored_types(table: Table) -> dict[str, tuple[str, str]]:
    """``{column: (duckdb_type, ibis_type)}`` in store order."""
    times = {}
    for time in table.times:
        times[time.day] = KIND_TYPES["integer"]
        times[time.date] = KIND_TYPES["date"]
    return {
        name: times[name] if name in times else KIND_TYPES[table.column(name).kind]
        for name in table.stored_columns
    }


def ibis_schema(table: Table) -> ibis.Schema:
    import ibis

    return ibis.schema({name: ibis_type for name, (_, ibis_type) in stored_types(table).items()})


def create_table_sql(table: Table, qualified_name: str) -> str:
    columns = ", ".join(f'"{name}" {sql}' for name, (sql, _) in stored_types(table).items())
    return f"CREATE TABLE {qualified_name} ({columns})"


def connect(url_or_path: str | os.PathLike, *, read_only: bool = False) -> ibis.BaseBackend:
    """Open the cohort store as an Ibis connection.

    Parameters
    ----------
    url_or_path
        A file path means a DuckDB database file (created if missing unless
        ``read_only``); ``postgresql://user:password@host:port/db`` means
        PostgreSQL; ``sc://HOST:PORT`` (Spark Connect) or ``spark://local[N]``
        (a local Spark session) means Spark (see
        :mod:`graftline.cohort.spark`); any other ``scheme://`` URL is
        passed to :func:`ibis.connect`.
    read_only
        Open a DuckDB file read-only (several readers may share it).

    Examples
    --------
    >>> con = connect("cohort.duckdb")  # doctest: +SKIP
    >>> con.table("labs").filter(lambda t: t.analyte == "anc").count().execute()  # doctest: +SKIP
    """
    import ibis

    from graftline.credentials import is_url, mask_credentials, mask_url

    text = os.fspath(url_or_path)
    if text.startswith(("sc://", "spark://")):
        from graftline.cohort.spark import connect_spark

        return connect_spark(text)
    if is_url(text) and not text.startswith("duckdb://"):
        try:
            return ibis.connect(text)
        except Exception as error:  # driver errors vary; the user needs the reason, never the password
            kind = "PostgreSQL" if text.startswith(("postgresql:", "postgres:")) else "the database"
            reason = mask_credentials(" ".join(str(error).split()) or type(error).__name__)
            raise InputError(f"cannot connect to {kind} at {mask_url(text)}: {reason}") from None
    path = Path(text.removeprefix("duckdb://"))
    if read_only and not path.exists():
        raise InputError(f"no cohort database at {path} (run graftline ingest first)")
    if not path.parent.exists():
        raise InputError(f"cannot create {path}: folder {path.parent} does not exist")
    import duckdb

    try:
        return ibis.duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as error:
        # Not a DuckDB file, a newer format, or locked by another writer.
        raise InputError(f"cannot open {path} as a cohort database: {error}") from None


def conform(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Reorder and type a clean frame as the store expects; add missing optional columns."""
    import pandas as pd

    unknown = sorted(set(frame.columns) - set(table.stored_columns))
    if unknown:
        raise InputError(f"table {table.name}: unknown columns {unknown} (expected a subset of {list(table.stored_columns)})")
    out = pd.DataFrame(index=frame.index)
    for name, (_, ibis_type) in stored_types(table).items():
        values = frame[name] if name in frame.columns else pd.Series(None, index=frame.index, dtype="object")
        if ibis_type == "date":
            out[name] = pd.to_datetime(values).dt.date
        elif ibis_type == "int32":
            out[name] = pd.array(values, dtype="Int32") if len(values) else pd.array([], dtype="Int32")
        elif ibis_type == "float64":
            out[name] = pd.to_numeric(values).astype("float64")
        elif ibis_type == "boolean":
            out[name] = pd.array(values, dtype="boolean")
        else:
            out[name] = values.astype("object").where(values.notna(), None)
    return out.reset_index(drop=True)


def store_tables(
    con: ibis.BaseBackend,
    tables: Mapping[str, pd.DataFrame],
    *,
    complete: bool = True,
) -> None:
    """Write already-validated frames into any Ibis backend, replacing those tables.

    Parameters
    ----------
    con
        An Ibis connection (DuckDB, PostgreSQL, ...), e.g. from :func:`connect`.
    tables
        ``{table name: frame}`` with stored column names (``day``/``date``,
        counts in 10^9/L); missing optional columns are stored as NULL.
    complete
        Also create the canonical tables not given, empty, so that queries
        can rely on all ten existing.

    Notes
    -----
    Nothing is validated here beyond column names and types: use
    :func:`graftline.cohort.ingest` for files from people.
    """
    import ibis

    unknown = sorted(set(tables) - set(TABLES))
    if unknown:
        raise InputError(f"unknown cohort tables {unknown} (expected some of {list(TABLES)})")
    import pandas as pd

    for name, table in TABLES.items():
        if name in tables:
            frame = conform(table, tables[name])
        elif complete:
            frame = conform(table, pd.DataFrame(columns=list(table.stored_columns)))
        else:
            continue
        if name == labs_layout.VIEW and con.name == "duckdb" and labs_layout.DATA_TABLE in con.list_tables():
            # A store written by ingest keeps labs as a view over coded data.
            for statement in labs_layout.drop_sql():
                con.raw_sql(statement)
        con.create_table(name, ibis.memtable(frame, schema=ibis_schema(table)), overwrite=True)


def read_warnings(con: ibis.BaseBackend | str | os.PathLike) -> pd.DataFrame:
    """The validation warnings recorded by the last ingest (file, row, column, value, message, ...).

    The report's data-quality appendix lists these. Returns an empty frame
    for a store without them (e.g. one written by :func:`store_tables`).
    """
    import pandas as pd

    if isinstance(con, str | os.PathLike):
        con = connect(con, read_only=True)
    if WARNINGS_TABLE not in con.list_tables():
        return pd.DataFrame(columns=["file", "row", "column", "value", "message", "expected", "severity"])
    return con.table(WARNINGS_TABLE).order_by(["file", "row"]).to_pandas()


def read_ingest_log(con: ibis.BaseBackend | str | os.PathLike) -> dict:
    """When and from which files (with SHA-256) the store was ingested, and by which version."""
    if isinstance(con, str | os.PathLike):
        con = connect(con, read_only=True)
    if LOG_TABLE not in con.list_tables():
        return {}
    log = con.table(LOG_TABLE).to_pandas().iloc[0].to_dict()
    log["files"] = con.table(FILES_TABLE).to_pandas().to_dict(orient="records")
    return log
