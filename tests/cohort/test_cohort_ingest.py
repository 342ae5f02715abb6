"""Ingest: normalised stored values, dates = days, idempotence, all-or-nothing, provenance."""

from __future__ import annotations

import datetime as dt
import hashlib

import duckdb
import pandas as pd
import pytest

import graftline
from graftline.cohort import (
    TABLES,
    CohortValidationError,
    ingest,
    read_ingest_log,
    read_warnings,
    validate,
)
from graftline.errors import InputError


def stored(db, table: str) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.sql(f"SELECT * FROM {table}").df()


def all_tables(db) -> dict[str, pd.DataFrame]:
    return {name: stored(db, name) for name in TABLES}


def test_every_canonical_table_is_stored_with_schema_columns(example_dir, tmp_path):
    db = tmp_path / "cohort.duckdb"
    result = ingest(example_dir, db)
    assert dict(result.rows)["labs"] == 542  # one stored row per data row of labs.csv
    for name, table in TABLES.items():
        assert tuple(stored(db, name).columns) == table.stored_columns, name


def test_counts_are_stored_in_10e9_per_litre(cohort, tmp_path):
    # One ANC per unit spelling of DOMAIN.md section 3; all mean 0.5 x10^9/L.
    spellings = {"10^9/L": "0.5", "10^3/uL": "0.5", "10*3/uL": "0.5", "K/uL": "0.5",
                 "G/L": "0.5", "/uL": "500", "cells/mm3": "500", " 10^3/µL ": "0.5"}
    rows = [cohort.append("labs", patient_id="EX05", day="40", analyte="anc", value=v, unit=u)
            for u, v in spellings.items()]
    db = tmp_path / "cohort.duckdb"
    ingest(cohort.dir, db)
    labs = stored(db, "labs").set_index("source_row").loc[rows]
    assert (labs["value"] == 0.5).all()  # exact: 500 / 1000 is exactly 0.5
    assert set(labs["unit"]) == {"10^9/L"}


def test_chemistry_units_convert(cohort, tmp_path):
    bili = cohort.append("labs", patient_id="EX05", day="20", analyte="bilirubin", value="34.2", unit="umol/L")
    hb = cohort.append("labs", patient_id="EX05", day="20", analyte="hb", value="95", unit="g/L")
    db = tmp_path / "cohort.duckdb"
    ingest(cohort.dir, db)
    labs = stored(db, "labs").set_index("source_row")
    # 1 mg/dL bilirubin = 17.1 umol/L; 1 g/dL = 10 g/L.
    assert labs.loc[bili, "value"] == pytest.approx(2.0, rel=1e-12) and labs.loc[bili, "unit"] == "mg/dL"
    assert labs.loc[hb, "value"] == pytest.approx(9.5, rel=1e-12) and labs.loc[hb, "unit"] == "g/dL"


def test_lab_qualifier_is_split_from_the_value(example_dir, tmp_path):
    # examples/cohort/labs.csv reports EX02's nadir ANC as '<0.1'.
    db = tmp_path / "cohort.duckdb"
    ingest(example_dir, db)
    labs = stored(db, "labs")
    nadir = labs[(labs.patient_id == "EX02") & (labs.qualifier == "<")]
    assert len(nadir) > 0
    assert (nadir["value"] == 0.1).all() and (nadir["analyte"] == "anc").all()
    assert labs[labs.patient_id != "EX02"]["qualifier"].isna().all()


def test_categories_sex_and_booleans_are_normalised(example_dir, tmp_path):
    db = tmp_path / "cohort.duckdb"
    ingest(example_dir, db)
    patients = stored(db, "patients").set_index("patient_id")
    # patients.csv writes M, f, male, F, female, m, Male, f.
    assert patients["sex"].tolist() == ["male", "female", "male", "female", "female", "male", "male", "female"]
    treatments = stored(db, "treatments").set_index("patient_id")
    # MST / Chemo / allo-HSCT / allo_hsct all become the schema's lower-case codes.
    assert treatments["modality"].tolist() == ["mst", "mst", "chemo", "chemo"] + ["allo_hsct"] * 4
    # msc written as no / yes / false / 0.
    assert treatments["msc"].tolist() == [False, False, False, False, False, True, False, False]
    assert treatments.loc["EX03", "graft_source"] == "none"  # chemotherapy alone, left empty
    assert treatments.loc["EX06", "graft_source"] == "pbsc"  # written PBSC
    chimerism = stored(db, "chimerism")
    assert set(chimerism["method"]) == {"qpcr", "str_pcr"}  # qPCR, STR-PCR
    assert "whole_blood" in set(chimerism["lineage"])  # 'whole blood'


def test_age_is_derived_from_birth_date_at_day0(example_dir, tmp_path):
    db = tmp_path / "cohort.duckdb"
    ingest(example_dir, db)
    ages = stored(db, "patients").set_index("patient_id")["age"]
    # EX01 born 1955-03-14, day 0 2023-02-06: 67 full years (68th birthday not reached).
    assert ages["EX01"] == 67
    assert ages["EX03"] == 66  # given as age


def _as_dates_and_as_days(cohort, tmp_path):
    """Two copies of the example: every time as a date, and every time as days."""
    import shutil

    day0 = {r[0]: dt.date.fromisoformat(r[1]) for r in cohort.read("treatments")[1:]}
    dirs = {}
    for style in ("dates", "days"):
        target = tmp_path / style
        shutil.copytree(cohort.dir, target)
        for table in TABLES.values():
            path = target / f"{table.name}.csv"
            if not table.times or not path.exists():
                continue
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            for time in table.times:
                if time.day not in frame or time.date not in frame:
                    continue
                base = frame["patient_id"].map(day0)
                days = [int(d) if d else (dt.date.fromisoformat(s) - b).days if s else None
                        for d, s, b in zip(frame[time.day], frame[time.date], base, strict=True)]
                if style == "dates":
                    frame[time.date] = [(b + dt.timedelta(days=d)).isoformat() if d is not None else ""
                                        for d, b in zip(days, base, strict=True)]
                    frame[time.day] = ""
                else:
                    frame[time.day] = ["" if d is None else str(d) for d in days]
                    frame[time.date] = ""
            frame.to_csv(path, index=False)
        dirs[style] = target
    return dirs


def test_dates_and_days_give_identical_stored_tables(cohort, tmp_path):
    dirs = _as_dates_and_as_days(cohort, tmp_path)
    labs_dates = pd.read_csv(dirs["dates"] / "labs.csv", dtype=str, keep_default_na=False)
    assert (labs_dates["day"] == "").all() and (labs_dates["date"] != "").all()  # the premise
    stores = {}
    for style, directory in dirs.items():
        stores[style] = tmp_path / f"{style}.duckdb"
        ingest(directory, stores[style])
    ingest(cohort.dir, tmp_path / "mixed.duckdb")  # the example mixes both
    for name in TABLES:
        by_dates = stored(stores["dates"], name)
        pd.testing.assert_frame_equal(by_dates, stored(stores["days"], name), obj=name)
        pd.testing.assert_frame_equal(by_dates, stored(tmp_path / "mixed.duckdb", name), obj=name)


def test_reingest_replaces_the_cohort_without_duplicates(example_dir, tmp_path):
    db = tmp_path / "cohort.duckdb"
    ingest(example_dir, db)
    first = all_tables(db)
    ingest(example_dir, db)
    second = all_tables(db)
    for name in TABLES:
        pd.testing.assert_frame_equal(first[name], second[name], obj=name)
    assert len(second["labs"]) == 542


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_failed_ingest_leaves_existing_database_byte_for_byte(cohort, tmp_path):
    db = tmp_path / "cohort.duckdb"
    ingest(cohort.dir, db)
    before_bytes, before = _sha(db), all_tables(db)
    cohort.set("labs", 10, "unit", "mg")
    with pytest.raises(CohortValidationError, match=r"labs\.csv row 10, column unit: 'mg' is not a cell-count unit"):
        ingest(cohort.dir, db)
    assert _sha(db) == before_bytes
    after = all_tables(db)  # and still a usable database with the same content
    for name in TABLES:
        pd.testing.assert_frame_equal(before[name], after[name], obj=name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cohort", "cohort.duckdb"]


def test_failure_while_writing_leaves_existing_database_unchanged(example_dir, tmp_path, monkeypatch):
    import graftline.cohort.ingestion as module

    db = tmp_path / "cohort.duckdb"
    ingest(example_dir, db)
    before = _sha(db)

    def disk_full(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(module, "_write_metadata", disk_full)
    with pytest.raises(OSError, match="No space left"):
        ingest(example_dir, db)
    assert _sha(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cohort.duckdb"]


def test_provenance_log_and_warnings_are_stored(cohort, tmp_path):
    rows = cohort.read("infections")
    cohort.write("infections", [r + ["note" if i == 0 else "x"] for i, r in enumerate(rows)])
    db = tmp_path / "cohort.duckdb"
    result = ingest(cohort.dir, db)
    assert len(result.report.warnings) == 1
    warnings = read_warnings(db)
    assert warnings[["file", "row", "column", "severity"]].values.tolist() == [["infections.csv", 1, "note", "warning"]]
    assert "not part of table infections" in warnings.loc[0, "message"]
    log = read_ingest_log(db)
    assert log["graftline_version"] == graftline.__version__ and log["n_warnings"] == 1
    files = {f["file"]: f for f in log["files"]}
    assert files["labs.csv"]["sha256"] == _sha(cohort.dir / "labs.csv")
    assert files["labs.csv"]["rows"] == 542
    labs = stored(db, "labs")
    assert (labs["source_file"] == "labs.csv").all()
    # source_row is the spreadsheet row: labs.csv row 2 is EX01's first ANC (1500 /uL).
    first = labs.set_index("source_row").loc[2]
    assert (first["patient_id"], first["analyte"], first["value"], first["day"]) == ("EX01", "anc", 1.5, -3)


def test_validate_does_not_write_anything(example_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert validate(example_dir).ok
    assert list(tmp_path.iterdir()) == []


def test_refuses_to_overwrite_a_file_that_is_not_a_duckdb_database(example_dir, tmp_path):
    precious = tmp_path / "patients.csv"
    precious.write_text("patient_id\nP1\n")
    with pytest.raises(InputError, match="exists and is not a DuckDB database; refusing to overwrite"):
        ingest(example_dir, precious)
    assert precious.read_text() == "patient_id\nP1\n"


def test_excel_style_bom_and_semicolons_are_read(cohort, tmp_path):
    # Excel's "CSV UTF-8" starts with a byte-order mark; European exports use ';'.
    text = (cohort.dir / "patients.csv").read_text().replace(",", ";")
    (cohort.dir / "patients.csv").write_bytes(b"\xef\xbb\xbf" + text.encode())
    db = tmp_path / "cohort.duckdb"
    ingest(cohort.dir, db)
    assert stored(db, "patients")["patient_id"].tolist()[:2] == ["EX01", "EX02"]
