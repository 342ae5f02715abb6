"""The row rules run in place on a typed store give the problems ``validate`` gives for files.

One source of truth: ``graftline.cohort.checks`` evaluates the rule
conditions of ``graftline.cohort.rules`` (DuckDB SQL, transpiled by sqlglot
to the store's engine) over the stored, typed tables. The same broken rows
are put in the example cohort's files and in a store written without
validation (``store_tables``); the labs problems must be the same row,
column and message. On Spark the store gives the same problems again.
"""

from __future__ import annotations

import ibis
import pytest

from graftline.cohort import TABLES, connect, ingest, store_tables, validate
from graftline.cohort.checks import check_tables
from graftline.cohort.spark import register_tables

LABELS = {name: f"{name}.csv" for name in TABLES}


@pytest.fixture
def broken(cohort, tmp_path):
    """(files, store) with the same four broken lab rows (rows as a spreadsheet shows them)."""
    ingest(cohort.dir, tmp_path / "clean.duckdb")
    clean = connect(tmp_path / "clean.duckdb", read_only=True)
    tables = {name: clean.table(name).to_pandas() for name in TABLES}
    labs = tables["labs"]

    def both(row: int, column: str, text: str, value) -> None:
        cohort.set("labs", row, column, text)
        labs.loc[labs.source_row == row, column] = value

    # Row 3: a negative count, given in the stored unit so that file and store show the same value.
    both(3, "unit", "10^9/L", "10^9/L")
    both(3, "value", "-0.675", -0.675)
    # Row 5 (EX01 platelets, 2023-02-04; day 0 2023-02-06 makes it day -2): a day that disagrees with the date.
    both(5, "day", "99", 99)
    # Row 7: a patient not in patients.csv.
    both(7, "patient_id", "EX99", "EX99")
    # Row 9: a neutrophil percentage above 100.
    both(9, "analyte", "neut_pct", "neut_pct")
    both(9, "unit", "%", "%")
    both(9, "value", "120.5", 120.5)
    store = ibis.duckdb.connect(str(tmp_path / "broken.duckdb"))
    store_tables(store, tables)
    return cohort, store


def _located(problems):
    return sorted((p.row, p.column, p.message) for p in problems if p.file == "labs.csv")


def test_store_checks_give_the_file_checks_messages(broken):
    cohort, store = broken
    from_files = _located(validate(cohort.dir).problems)
    in_store = _located(check_tables({n: store.table(n) for n in TABLES}, labels=LABELS))
    assert [(row, column) for row, column, _ in from_files] == [
        (3, "value"), (5, "day"), (7, "patient_id"), (9, "value")]
    assert in_store == from_files
    assert "day 99 and date 2023-02-04 disagree: with day0_date 2023-02-06 that date is day -2" in from_files[1][2]


@pytest.mark.spark
def test_store_checks_run_on_spark(broken, spark):
    _, store = broken
    on_duckdb = check_tables({n: store.table(n) for n in TABLES}, labels=LABELS)
    register_tables(spark, {n: store.table(n).to_pyarrow() for n in TABLES})
    on_spark = check_tables({n: spark.table(n) for n in TABLES}, labels=LABELS)
    assert sorted(map(str, on_spark)) == sorted(map(str, on_duckdb))
    assert len(on_duckdb) >= 4
