"""Ingest writes every table in file order, however the rows are split for speed.

Big tables are materialised in parts (consecutive file rows, one
single-threaded query per part, the parts at the same time) so that the rows
stay in file order without a sort; these tests make the example's tables
"big" so that they are split, and check the store against an unsplit ingest.
"""

from __future__ import annotations

import duckdb
from store_contents import read_store

from graftline.cohort import ingest, ingestion, validation


def test_split_tables_are_stored_in_file_order_like_an_unsplit_ingest(example_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(ingestion, "SINGLE_PASS", False)  # the staged path, which splits
    monkeypatch.setattr(validation, "MIN_ROWS_PER_PART", 10**9)  # one part per table
    ingest(example_dir, tmp_path / "whole.duckdb", threads=4)
    monkeypatch.setattr(validation, "MIN_ROWS_PER_PART", 7)  # labs (542 rows): 4 parts of 136 rows
    ingest(example_dir, tmp_path / "split.duckdb", threads=4)
    whole, split = read_store(tmp_path / "whole.duckdb"), read_store(tmp_path / "split.duckdb")
    assert whole.keys() == split.keys()
    for name in whole:
        assert split[name] == whole[name], name
    con = duckdb.connect(str(tmp_path / "split.duckdb"), read_only=True)
    try:
        rows = con.execute("SELECT source_row FROM labs").fetchall()
        data = con.execute("SELECT count(*) FROM labs_data").fetchone()[0]
    finally:
        con.close()
    # Every data row of labs.csv, in the file's order (header = row 1).
    assert [r for (r,) in rows] == list(range(2, len(rows) + 2))
    assert len(rows) == data > 500


def test_the_single_pass_stores_what_the_staged_path_stores(example_dir, tmp_path, monkeypatch):
    ingest(example_dir, tmp_path / "single.duckdb", threads=2)
    monkeypatch.setattr(ingestion, "SINGLE_PASS", False)
    ingest(example_dir, tmp_path / "staged.duckdb", threads=2)
    single, staged = read_store(tmp_path / "single.duckdb"), read_store(tmp_path / "staged.duckdb")
    assert single.keys() == staged.keys()
    assert {"labs", "labs_data"} <= single.keys()
    for name in single:
        assert single[name] == staged[name], name


def test_errors_in_a_split_table_are_listed_with_their_file_rows(cohort, tmp_path, monkeypatch):
    monkeypatch.setattr(validation, "MIN_ROWS_PER_PART", 7)
    cohort.set("labs", 300, "value", "-4")  # row 300 lies in a later part than row 9
    cohort.set("labs", 9, "unit", "mg")
    with validation.duckdb_session(threads=4) as con:
        report = validation.stage_directory(con, cohort.dir, store=True).report()
    located = {(p.file, p.row, p.column) for p in report.errors}
    assert located == {("labs.csv", 300, "value"), ("labs.csv", 9, "unit")}
