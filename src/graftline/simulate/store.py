"""Writing a simulated cohort: a directory of CSV files or a DuckDB file.

Writes are all-or-nothing: files go to temporary names first and replace
the targets only when every table has been written, so a failed write
leaves existing data as it was. Output is byte-for-byte reproducible (fixed
column order, row order, float formatting and line endings).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from graftline.errors import InputError
from graftline.export import replaced, staged_folder, write_csv


def write_cohort(tables: dict[str, pd.DataFrame], out: str | os.PathLike) -> Path:
    """Write ``tables`` to ``out``: a ``.duckdb`` file, else a directory of CSVs.

    A DuckDB file is written by the cohort store
    (:func:`graftline.cohort.store_tables`), so it opens with
    :func:`graftline.cohort.connect` and the endpoint engine like an ingested
    store. Returns the path written.
    """
    path = Path(out)
    if path.suffix.lower() in {".duckdb", ".db"}:
        return _write_duckdb(tables, path)
    return _write_csv_directory(tables, path)


def _write_csv_directory(tables: dict[str, pd.DataFrame], directory: Path) -> Path:
    if directory.exists() and not directory.is_dir():
        raise InputError(f"--out {directory}: exists and is not a directory")
    with staged_folder(directory) as staging:  # every table, or none
        for name, frame in tables.items():
            write_csv(frame, staging / f"{name}.csv")
    return directory


def _write_duckdb(tables: dict[str, pd.DataFrame], database: Path) -> Path:
    """Write through :func:`graftline.cohort.store_tables` (the store's types)."""
    from graftline.cohort import connect, store_tables

    if not database.parent.exists():
        raise InputError(f"--out {database}: directory {database.parent} does not exist")
    with replaced(database) as staging:
        con = connect(staging)
        try:
            store_tables(con, tables)
        finally:
            con.disconnect()
        Path(f"{staging}.wal").unlink(missing_ok=True)
    return database
