"""Read a cohort store back for comparisons: every table and view, in stored order."""

from __future__ import annotations

import duckdb


def read_store(db) -> dict[str, list[tuple]]:
    """Every table and view of a store, rows in stored order (the ingest time and folder left out)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = con.execute("SELECT table_name, table_type FROM information_schema.tables ORDER BY 1").fetchall()
        contents = {}
        for name, kind in names:
            columns = "* EXCLUDE (ingested_at, source_directory)" if name == "ingest_log" else "*"
            # rowid is a table's stored position: the order a plain scan returns.
            order = " ORDER BY rowid" if kind == "BASE TABLE" else ""
            contents[name] = con.execute(f'SELECT {columns} FROM "{name}"{order}').fetchall()
        return contents
    finally:
        con.close()

