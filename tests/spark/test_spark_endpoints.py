"""The endpoint engine on Apache Spark gives DuckDB's rows.

Runs on one local Spark session for the whole test run (``spark`` fixture in
``tests/conftest.py``); without PySpark or Java the tests are skipped with the
reason outside CI and fail under ``CI=true``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from graftline.cohort import connect, ingest
from graftline.cohort.schema import TABLES
from graftline.cohort.spark import register_tables
from graftline.endpoints import EndpointDefinitions, endpoint_frame

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "cohort"

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def example_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("spark") / "example.duckdb"
    ingest(EXAMPLES, db)
    return connect(db, read_only=True)


def test_examples_cohort_on_spark_equals_duckdb(spark, example_store):
    register_tables(spark, {name: example_store.table(name).to_pyarrow() for name in TABLES})
    definitions = EndpointDefinitions.preset("cibmtr")
    on_duckdb = endpoint_frame(example_store, definitions)
    on_spark = endpoint_frame(spark, definitions)
    assert len(on_duckdb) == 8
    # Row by row, column by column: same values, same missing cells.
    pd.testing.assert_frame_equal(on_spark, on_duckdb, check_dtype=False)
