"""Row numbers stay true on files large enough for DuckDB to read in parallel.

DuckDB reads a big CSV in parallel chunks; graftline relies on insertion
order being kept so that ``rowid + 2`` is the spreadsheet row. 200,000 rows is
well above DuckDB's 122,880-row chunking, so this would catch a reordering.
"""

from __future__ import annotations

import shutil

import duckdb
import pytest

from graftline.cohort import CohortValidationError, ingest, validate

ROWS = 200_000


def _big_labs(example_dir, directory):
    shutil.copytree(example_dir, directory)
    # value = the row's own data-row index (platelets per uL, so that the stored count,
    # index / 1000 x10^9/L, stays plausible), so 1000 x stored value + 2 must equal source_row.
    with duckdb.connect() as con:
        con.execute(f"""COPY (SELECT 'EX05' AS patient_id, (i % 40)::VARCHAR AS day, NULL AS date,
            'plt' AS analyte, i::VARCHAR AS value, '/uL' AS unit FROM range({ROWS}) t(i))
            TO '{directory}/labs.csv' (HEADER)""")


def test_source_row_is_the_spreadsheet_row_in_a_large_file(example_dir, tmp_path):
    directory = tmp_path / "big"
    _big_labs(example_dir, directory)
    db = tmp_path / "big.duckdb"
    ingest(directory, db)
    with duckdb.connect(str(db), read_only=True) as con:
        wrong = con.sql("SELECT count(*) FROM labs WHERE source_row <> round(value * 1000) + 2").fetchone()[0]
        order = con.sql("SELECT count(*) FROM (SELECT source_row, lag(source_row) OVER () AS prev FROM labs) "
                        "WHERE source_row <> prev + 1").fetchone()[0]
    assert wrong == 0
    assert order == 0  # stored in file order


def test_error_deep_in_a_large_file_is_located(example_dir, tmp_path):
    directory = tmp_path / "big"
    _big_labs(example_dir, directory)
    lines = (directory / "labs.csv").read_text().splitlines()
    lines[187_653] = lines[187_653].replace("/uL", "mg")  # line index 187653 = spreadsheet row 187654
    (directory / "labs.csv").write_text("\n".join(lines) + "\n")
    errors = validate(directory).errors
    assert [(e.row, e.column, e.value) for e in errors] == [(187_654, "unit", "mg")]
    # Ingest's single pass stops at the row and the staged path locates it the same way.
    with pytest.raises(CohortValidationError) as refused:
        ingest(directory, tmp_path / "big.duckdb")
    assert [(e.row, e.column, e.value) for e in refused.value.report.errors] == [(187_654, "unit", "mg")]
    assert not (tmp_path / "big.duckdb").exists()
