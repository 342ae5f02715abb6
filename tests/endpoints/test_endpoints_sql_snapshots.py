"""Snapshot tests of the SQL the endpoint engine generates.

Each per-patient building block and the whole endpoint table is compiled to
DuckDB, PostgreSQL and Spark SQL and compared with the files in
``tests/endpoints/snapshots/``. A change to the rules shows up as a reviewed
diff of these files. To accept a change, regenerate them with::

    GRAFTLINE_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/endpoints/test_endpoints_sql_snapshots.py
"""

from __future__ import annotations

import os
from pathlib import Path

import ibis
import pytest
from endpoint_timelines import Cohort

from graftline.endpoints import EndpointDefinitions, endpoint_table
from graftline.endpoints.table import components, separate_selects
from graftline.endpoints.tables import load_tables

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("GRAFTLINE_UPDATE_SNAPSHOTS", "") not in ("", "0")
DEFINITIONS = EndpointDefinitions.preset("harmonized2024")


def _expressions() -> dict:
    con = Cohort().connect()
    parts = components(load_tables(con), DEFINITIONS)
    parts["endpoint_table"] = endpoint_table(con, DEFINITIONS)
    return parts


EXPRESSIONS = _expressions()


@pytest.mark.parametrize("dialect", ["duckdb", "postgres", "pyspark"])
@pytest.mark.parametrize("name", sorted(EXPRESSIONS))
def test_generated_sql_matches_snapshot(name, dialect, in_ci):
    if dialect == "pyspark":
        # The Spark compiler reads ibis.options.pyspark, registered by the backend (needs PySpark).
        _spark_backend(in_ci)
    with separate_selects():  # as endpoint_frame and the commands compile them
        sql = str(ibis.to_sql(EXPRESSIONS[name], dialect=dialect)).strip() + "\n"
    path = SNAPSHOTS / f"{name}.{dialect}.sql"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sql)
    assert path.exists(), f"no snapshot {path.name}; run with GRAFTLINE_UPDATE_SNAPSHOTS=1 to create it"
    assert sql == path.read_text(), f"{path.name} changed; review the diff and regenerate with GRAFTLINE_UPDATE_SNAPSHOTS=1"


def _spark_backend(in_ci: bool) -> None:
    try:
        ibis.pyspark  # noqa: B018 - loading the backend registers its options
    except (ImportError, AttributeError) as error:
        if in_ci:
            raise
        pytest.skip(f"the Spark SQL snapshots need PySpark (pip install 'graftline[spark]'): {error}")
