"""Implausible values and dates are located errors or warnings, never accepted silently (issue 18).

Lab values above an analyte's documented maximum (docs/data-model.md,
"Plausibility") are warnings - such counts do occur, in leukaemia before
treatment - and values no human blood can hold (almost always a unit
mix-up, e.g. cells/L entered as 10^9/L) are errors. Dates in the future are
errors; records after the patient's last contact are one warning per
patient, located at the follow-up row to update. Both ingest paths (the
single pass over CSV labs and the staged path) store and report the same.
"""

from __future__ import annotations

import csv

import duckdb
import pytest

from graftline.cohort import CohortValidationError, ingest, read_warnings, validate
from graftline.cohort import ingestion as ingestion_module


def _rows(path):
    with path.open(newline="") as handle:
        return list(csv.reader(handle))


def _write(path, rows):
    with path.open("w", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _set(directory, table, row, column, value):
    rows = _rows(directory / f"{table}.csv")
    rows[row - 1][rows[0].index(column)] = value
    _write(directory / f"{table}.csv", rows)


def _lab_row(directory, patient, analyte):
    rows = _rows(directory / "labs.csv")
    return next(i for i, r in enumerate(rows[1:], start=2) if r[0] == patient and r[3] == analyte)


def _problems(directory, severity):
    report = validate(directory)
    return [p for p in report.problems if p.severity == severity]


@pytest.fixture(params=[True, False], ids=["single-pass", "staged"])
def single_pass(request, monkeypatch):
    monkeypatch.setattr(ingestion_module, "SINGLE_PASS", request.param)
    return request.param


def _set_labs(directory, patient, changes):
    """Put each (analyte, value, unit) of ``changes`` on its own lab row of ``patient``; their row numbers."""
    rows, used = _rows(directory / "labs.csv"), []
    for analyte, value, unit in changes:
        row = next(i for i, r in enumerate(rows[1:], start=2)
                   if r[0] == patient and r[3] == analyte and i not in used)
        rows[row - 1][rows[0].index("value")], rows[row - 1][rows[0].index("unit")] = value, unit
        used.append(row)
    _write(directory / "labs.csv", rows)
    return used


# One cohort holds every case (one ingest per path): each value must be found at its own row.
IMPOSSIBLE = [
    ("ANC", "1e12", "10^9/L"),        # cells per litre entered as 10^9/L
    ("ANC", "1500000", "10^9/L"),     # per microlitre entered as 10^9/L
    ("PLT", "60000", "10^9/L"),
]


def test_impossible_counts_are_errors(example_cohort, tmp_path, single_pass):
    rows = _set_labs(example_cohort, "EX05", IMPOSSIBLE)
    with pytest.raises(CohortValidationError) as raised:
        ingest(example_cohort, tmp_path / "c.duckdb")
    errors = raised.value.report.errors
    assert sorted((p.file, p.row, p.column, p.value) for p in errors) == sorted(
        ("labs.csv", row, "value", value) for row, (_, value, _) in zip(rows, IMPOSSIBLE, strict=True))
    for error in errors:
        assert "no human blood" in error.message and "unit" in error.message
    assert not (tmp_path / "c.duckdb").exists()


ABOVE_MAXIMUM = [("ANC", "150", "10^9/L"), ("PLT", "2500", "K/uL")]


def test_counts_above_the_documented_maximum_are_warnings(example_cohort, tmp_path, single_pass):
    rows = _set_labs(example_cohort, "EX06", ABOVE_MAXIMUM)
    result = ingest(example_cohort, tmp_path / "c.duckdb")
    warnings = sorted((p for p in result.report.warnings if p.file == "labs.csv"), key=lambda p: p.row)
    assert [(p.row, p.column, p.value) for p in warnings] == [(row, "value", value)
                                                             for row, (_, value, _) in zip(rows, ABOVE_MAXIMUM, strict=True)]
    assert "above 100 " in warnings[0].message and "above 2,000 " in warnings[1].message
    stored = read_warnings(tmp_path / "c.duckdb")
    assert sorted(stored.loc[stored["file"] == "labs.csv", "row"]) == rows
    with duckdb.connect(str(tmp_path / "c.duckdb"), read_only=True) as con:
        values = dict(con.sql(f"SELECT source_row, value FROM labs WHERE source_row IN {tuple(rows)}").fetchall())
    assert values == {row: float(value) for row, (_, value, _) in zip(rows, ABOVE_MAXIMUM, strict=True)}


def test_haemoglobin_in_g_per_litre_written_as_g_per_decilitre_is_an_error(example_cohort):
    row = len(_rows(example_cohort / "labs.csv")) + 1
    rows = _rows(example_cohort / "labs.csv")
    rows.append(["EX05", "10", "", "hb", "112", "g/dL"])
    _write(example_cohort / "labs.csv", rows)
    errors = [p for p in validate(example_cohort).errors]
    assert [(p.row, p.column) for p in errors] == [(row, "value")]


def test_a_lab_in_the_future_is_an_error(example_cohort, single_pass, tmp_path):
    row = _lab_row(example_cohort, "EX01", "ANC")
    _set(example_cohort, "labs", row, "date", "2099-02-03")
    with pytest.raises(CohortValidationError) as raised:
        ingest(example_cohort, tmp_path / "c.duckdb")
    errors = raised.value.report.errors
    assert [(p.file, p.row, p.column, p.value) for p in errors][:1] == [("labs.csv", row, "date", "2099-02-03")]
    assert "in the future" in errors[0].message


def test_a_birth_date_in_the_future_is_an_error(example_cohort):
    _set(example_cohort, "patients", 2, "birth_date", "2090-01-01")
    errors = [p for p in validate(example_cohort).errors if p.file == "patients.csv"]
    assert [(p.row, p.column) for p in errors] == [(2, "birth_date")]
    assert "in the future" in errors[0].message


def test_records_after_last_contact_are_one_warning_at_the_followup_row(example_cohort, single_pass, tmp_path):
    # EX05: labs to day 30, chimerism and disease assessment on day 30, GVHD assessments to day 35.
    _set(example_cohort, "followup", 6, "last_contact_day", "25")
    result = ingest(example_cohort, tmp_path / "c.duckdb")
    late = [p for p in result.report.warnings if "after the patient's last contact" in p.message]
    assert len(late) == 1
    warning = late[0]
    assert (warning.file, warning.row, warning.column, warning.value) == ("followup.csv", 6, "last_contact_day", "25")
    assert "labs.csv: 10 rows, days 26-30" in warning.message
    assert "gvhd_assessments.csv: 1 row, day 35" in warning.message
    stored = read_warnings(tmp_path / "c.duckdb")
    assert stored["message"].str.contains("after the patient's last contact").sum() == 1


def test_a_store_checked_in_place_gives_the_same_plausibility_problems(example_cohort, tmp_path):
    """validate --db (graftline.cohort.checks) runs the same limits and the last-contact summary on a typed store."""
    import ibis

    from graftline.cohort import TABLES, connect, store_tables
    from graftline.cohort.checks import check_tables

    ingest(example_cohort, tmp_path / "clean.duckdb")
    clean = connect(tmp_path / "clean.duckdb", read_only=True)
    tables = {name: clean.table(name).to_pandas() for name in TABLES}
    clean.disconnect()
    labs, followup = tables["labs"], tables["followup"]
    impossible, high = _lab_row(example_cohort, "EX05", "ANC"), _lab_row(example_cohort, "EX06", "ANC")
    for row, value in ((impossible, "1e12"), (high, "150")):
        _set(example_cohort, "labs", row, "value", value)
        _set(example_cohort, "labs", row, "unit", "10^9/L")
        labs.loc[labs.source_row == row, ["value", "unit"]] = [float(value), "10^9/L"]
    _set(example_cohort, "followup", 6, "last_contact_day", "25")
    followup.loc[followup.patient_id == "EX05", "last_contact_day"] = 25
    store = ibis.duckdb.connect(str(tmp_path / "broken.duckdb"))
    store_tables(store, tables)

    from_files = validate(example_cohort).problems
    in_store = check_tables({n: store.table(n) for n in TABLES}, labels={n: f"{n}.csv" for n in TABLES})

    def limits(problems):
        return sorted((p.row, p.column, p.severity, "no human blood" in p.message) for p in problems
                      if p.file == "labs.csv" and p.row in (impossible, high))

    assert limits(in_store) == limits(from_files) == sorted(
        [(impossible, "value", "error", True), (high, "value", "warning", False)])
    late = [[p.message for p in problems if "after the patient's last contact" in p.message]
            for problems in (from_files, in_store)]
    assert late[0] == late[1] and len(late[0]) == 1
    assert "labs.csv: 10 rows, days 26-30" in late[1][0]
