"""Parquet and Excel input give the same stored cohort as CSV; bad Excel headers are errors."""

from __future__ import annotations

import duckdb
import openpyxl
import pandas as pd
import pytest

from graftline.cohort import TABLES, CohortValidationError, ingest, validate


def stored(db, table):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.sql(f"SELECT * FROM {table}").df()


def _write_xlsx(path, rows, *, merge=None, sheet="Sheet1"):
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    workbook.save(path)


def _csv_rows(path):
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return [list(frame.columns)] + frame.values.tolist()


def test_parquet_and_xlsx_give_the_same_store_as_csv(cohort, tmp_path):
    csv_db = tmp_path / "csv.duckdb"
    ingest(cohort.dir, csv_db)
    # labs as Parquet with typed columns (numbers, dates as timestamps), patients as Excel
    # with real date cells and numbers, treatments as Excel text.
    labs = pd.read_csv(cohort.dir / "labs.csv", dtype=str, keep_default_na=False)
    labs["day"] = pd.to_numeric(labs["day"]).astype("Int64")
    labs["date"] = pd.to_datetime(labs["date"].replace("", None))
    labs.to_parquet(cohort.dir / "labs.parquet")
    (cohort.dir / "labs.csv").unlink()
    patients = _csv_rows(cohort.dir / "patients.csv")
    for row in patients[1:]:
        row[2] = pd.Timestamp(row[2]).to_pydatetime() if row[2] else None
        row[3] = float(row[3]) if row[3] else None
        row[6] = float(row[6])
    _write_xlsx(cohort.dir / "patients.xlsx", patients)
    (cohort.dir / "patients.csv").unlink()
    _write_xlsx(cohort.dir / "treatments.xlsx", _csv_rows(cohort.dir / "treatments.csv"), sheet="treatments")
    (cohort.dir / "treatments.csv").unlink()
    mixed_db = tmp_path / "mixed.duckdb"
    result = ingest(cohort.dir, mixed_db)
    assert result.report.problems == ()
    for name in TABLES:
        a, b = stored(csv_db, name), stored(mixed_db, name)
        if name == "labs":
            assert (b["source_file"] == "labs.parquet").all()
            a, b = a.drop(columns="source_file"), b.drop(columns="source_file")
        pd.testing.assert_frame_equal(a, b, obj=name)


def test_xlsx_errors_name_the_spreadsheet_row(cohort, tmp_path):
    rows = _csv_rows(cohort.dir / "treatments.csv")
    rows[3][rows[0].index("modality")] = "auto"
    _write_xlsx(cohort.dir / "treatments.xlsx", rows)
    (cohort.dir / "treatments.csv").unlink()
    report = validate(cohort.dir)
    assert [str(p) for p in report.errors] == [
        "treatments.xlsx row 4, column modality: unknown modality 'auto' (expected one of allo_hsct, mst, chemo, auto_hsct)"
    ]


def test_xlsx_merged_header_cells_are_an_error(cohort, tmp_path):
    rows = _csv_rows(cohort.dir / "patients.csv")
    # A group title above the columns, merged across A1:C1: the typical export.
    _write_xlsx(cohort.dir / "patients.xlsx", [["Patient", None, None, "Disease", None, None, None]] + rows, merge="A1:C1")
    (cohort.dir / "patients.csv").unlink()
    with pytest.raises(CohortValidationError) as raised:
        ingest(cohort.dir, tmp_path / "x.duckdb")
    texts = [str(p) for p in raised.value.report.errors]
    assert any(t.startswith("patients.xlsx row 1: merged header cells A1:C1") for t in texts), texts


def test_xlsx_two_header_rows_without_merging_are_an_error(cohort):
    rows = _csv_rows(cohort.dir / "patients.csv")
    _write_xlsx(cohort.dir / "patients.xlsx", [["Patient", "", "", "Disease", "", "", ""]] + rows)
    (cohort.dir / "patients.csv").unlink()
    texts = [str(p) for p in validate(cohort.dir).errors]
    assert any("the column names are in row 2, below another header row: a multi-row header" in t for t in texts), texts


def test_xlsx_column_without_a_name_is_an_error(cohort):
    rows = _csv_rows(cohort.dir / "patients.csv")
    rows[0][4] = None  # diagnosis header blank, values below
    _write_xlsx(cohort.dir / "patients.xlsx", rows)
    (cohort.dir / "patients.csv").unlink()
    texts = [str(p) for p in validate(cohort.dir).errors]
    assert "patients.xlsx row 1, column E: column E has values but no name in the header row" in texts[0], texts


def test_unreadable_files_are_problems_not_tracebacks(cohort):
    (cohort.dir / "chimerism.csv").unlink()
    (cohort.dir / "chimerism.xlsx").write_bytes(b"this is not a workbook")
    (cohort.dir / "infections.csv").unlink()
    (cohort.dir / "infections.parquet").write_bytes(b"PAR1 broken")
    texts = [str(p) for p in validate(cohort.dir).errors]
    assert any(t.startswith("chimerism.xlsx: could not be read: not an Excel .xlsx workbook") for t in texts), texts
    assert any(t.startswith("infections.parquet: could not be read:") for t in texts), texts


def test_two_files_for_one_table(cohort):
    (cohort.dir / "labs.parquet").write_bytes(b"")
    texts = [str(p) for p in validate(cohort.dir).errors]
    assert "labs.parquet: two files for table labs: labs.csv and labs.parquet (expected one file per table)" in texts
