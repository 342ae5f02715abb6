"""Bad input found while attacking graftline (issue 18): every case ends in one clear, located message.

- a folder where a table file is expected is never read as 0 rows;
- a missing table is reported first and its consequences summarised;
- a 10 MB field names the real problem;
- statistics on data without events say that a test is undefined, not ``p = nan``;
- an empty extraction sheet is an input error, not a pandas traceback.
"""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

from graftline.cohort import validate


def _rows(path):
    with path.open(newline="") as handle:
        return list(csv.reader(handle))


def _write(path, rows):
    with path.open("w", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


# --- a folder given as a table -------------------------------------------------


@pytest.mark.parametrize("name", ["labs.csv", "labs.parquet", "labs"])
def test_a_folder_named_as_a_table_is_an_error_not_zero_rows(graftline, example_cohort, tmp_path, name):
    labs = example_cohort / "labs.csv"
    parts = example_cohort / "_parts"
    parts.mkdir()
    labs.rename(parts / "part-00000.csv")
    parts.rename(example_cohort / name)
    report = validate(example_cohort)
    assert not report.ok
    problem = report.errors[0]
    assert problem.file == name and problem.row is None
    assert "is a folder" in problem.message and "one file per table" in problem.expected
    if name == "labs.csv":  # (ingest runs the same validation; once is enough to show it stops)
        run = graftline("ingest", example_cohort, "--db", tmp_path / "c.duckdb")
        assert run.code == 1 and "is a folder" in run.output
        assert not (tmp_path / "c.duckdb").exists()


def test_a_required_table_given_as_a_folder_is_not_also_called_missing(example_cohort):
    (example_cohort / "treatments.csv").rename(example_cohort / "t.csv")
    (example_cohort / "treatments.csv").mkdir()
    (example_cohort / "t.csv").rename(example_cohort / "treatments.csv" / "part-0.csv")
    messages = [p.message for p in validate(example_cohort).errors if p.file.startswith("treatments")]
    assert len([m for m in messages if "is a folder" in m]) == 1
    assert not any("is missing" in m for m in messages)


def test_statistics_read_a_partitioned_parquet_folder_whole(graftline, tmp_path):
    folder = tmp_path / "endpoints.parquet"
    folder.mkdir()
    frame = pd.DataFrame({"patient_id": [f"P{i}" for i in range(8)], "arm": ["a", "b"] * 4,
                          "os_day": [10, 20, 30, 40, 50, 60, 70, 80], "os_status": [1, 0, 1, 1, 0, 1, 1, 0]})
    frame.iloc[:5].to_parquet(folder / "part-0.parquet", index=False)
    frame.iloc[5:].to_parquet(folder / "part-1.parquet", index=False)
    run = graftline("km", folder, "--time", "os_day", "--event", "os_status", "--curves", "--csv")
    assert run.code == 0, run.output
    curves = pd.read_csv(pd.io.common.StringIO(run.stdout))
    assert curves["n_risk"].iloc[0] == 8  # all parts, not the first


@pytest.mark.parametrize("command", [["km", "--time", "os_day", "--event", "os_status"],
                                     ["cuminc", "--endpoint", "os"]])
def test_statistics_refuse_a_folder_of_csv_parts_clearly(graftline, tmp_path, command):
    folder = tmp_path / "endpoints.csv"
    folder.mkdir()
    (folder / "part-0.csv").write_text("patient_id,arm,os_day,os_status\nP1,a,10,1\n")
    run = graftline(command[0], folder, *command[1:])
    assert run.code == 1
    assert "is a folder" in run.output and "Traceback" not in run.output


# --- root cause first ----------------------------------------------------------


def test_a_missing_table_comes_first_and_its_consequences_are_one_line(graftline, example_cohort):
    (example_cohort / "treatments.csv").unlink()
    report = validate(example_cohort)
    first = report.errors[0]
    assert (first.file, first.row, first.column) == ("treatments.csv", None, None)
    assert "required file for table treatments is missing" in first.message
    day0 = [p for p in report.errors if "cannot be converted to days" in p.message]
    assert len(day0) == 1
    summary = day0[0]
    # 235 problems before: followup row 5 has two dates (last contact and death) in one row.
    assert summary.message.startswith("234 rows in 8 files give dates that cannot be converted to days")
    assert "treatments.csv is missing" in summary.message
    assert "labs.csv rows 2, 3, 4" in summary.message and "and " in summary.message
    assert len(report.errors) < 10
    run = graftline("validate", example_cohort, "--format", "json")
    problems = json.loads(run.stdout)["problems"]
    assert problems[0]["file"] == "treatments.csv" and "is missing" in problems[0]["message"]


def test_one_patient_without_day0_is_one_line_naming_the_patient(example_cohort):
    rows = _rows(example_cohort / "treatments.csv")
    header = rows[0]
    ex01 = next(r for r in rows if r[0] == "EX01")
    ex01[header.index("day0_date")] = ""
    _write(example_cohort / "treatments.csv", rows)
    report = validate(example_cohort)
    cause = [p for p in report.errors if p.file == "treatments.csv"]
    assert cause and cause[0].column == "day0_date"
    summaries = [p for p in report.errors if "cannot be converted to days" in p.message]
    assert len(summaries) == 1 and "EX01" in summaries[0].message
    listed = [p for p in report.errors if p.file == "labs.csv"]
    assert listed == []


# --- a 10 MB field -------------------------------------------------------------


def test_a_ten_megabyte_field_names_the_problem(example_cohort):
    rows = _rows(example_cohort / "labs.csv")
    rows[5][4] = "1" * (10 * 1024 * 1024)
    _write(example_cohort / "labs.csv", rows)
    problem = validate(example_cohort).errors[0]
    assert (problem.file, problem.row) == ("labs.csv", 6)
    assert "None" not in problem.message
    assert "longer than" in problem.message and "bytes" in problem.message


# --- tests without events ------------------------------------------------------


@pytest.fixture
def all_censored(tmp_path):
    path = tmp_path / "endpoints.csv"
    frame = pd.DataFrame({"patient_id": ["P1", "P2", "P3", "P4"], "arm": ["a", "a", "b", "b"],
                          "os_day": [10, 20, 30, 40], "os_status": [0, 0, 0, 0]})
    frame.to_csv(path, index=False)
    return path


def test_km_without_events_says_the_test_is_undefined(graftline, all_censored):
    run = graftline("km", all_censored, "--time", "os_day", "--event", "os_status", "--group", "arm")
    assert run.code == 0, run.output
    assert "nan" not in run.stderr
    assert "Log-rank test (survdiff) not computed: no events in any group" in run.output


def test_cuminc_without_events_says_the_test_is_undefined(graftline, all_censored):
    run = graftline("cuminc", all_censored, "--endpoint", "os", "--group", "arm")
    assert run.code == 0, run.output
    assert "nan" not in run.output.lower().replace("not", "")
    assert "Gray's test, cause 1: not computed (no events in any group)" in run.output


# --- empty extraction sheet ----------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"\n", b"\x00\xff\xfe garbage \x01"])
def test_meta_on_an_empty_or_binary_sheet_is_an_input_error(graftline, tmp_path, content):
    (tmp_path / "sheet.csv").write_bytes(content)
    run = graftline("meta", tmp_path / "sheet.csv", "--outcome", "x", "--out", tmp_path / "out")
    assert run.code == 1, run.output
    assert "sheet.csv" in run.output and "Traceback" not in run.output
    assert not (tmp_path / "out").exists()




# --- a protocol line given as --regimen ----------------------------------------


@pytest.mark.parametrize("line, message", [
    ("cytarabine 100 mg/m2 q0h d1", "q0h"),                           # was ZeroDivisionError (exit 70)
    ("cytarabine 1.2.3 mg/m2 d1", "'1.2.3' is not a number"),         # was ValueError (exit 70)
    ("cytarabine 100 mg/m2 1.2.3h d1", "'1.2.3h' is not a duration"),
    ("cytarabine 100 mg/m2 0h d1", "duration"),                       # was accepted: a 0-hour infusion
    ("cytarabine 100 mg/m2 d1,,2", "cannot read days 'd1,,2'"),       # was ValueError (exit 70)
    ("cytarabine 100 mg/m2 d-", "cannot read days 'd-'"),
    ("daunorubicin 60 mg/m2 d7-1", "d7-1 runs backwards"),            # was "days ... got ()"
    ("cytarabine 1e400 mg/m2 d1-7", "dose"),                          # was inf: NaN engraftment days, exit 0
    ("cytarabine 100 mg/m2 ci d1-999999999", "beyond cycle day 60"),  # was memory exhausted (killed)
])
def test_a_bad_protocol_line_is_one_message(graftline, line, message):
    run = graftline("predict", "--modality", "chemo", "--regimen", line, "--replicates", "5")
    assert run.code == 1, run.output
    assert message in run.output and f"regimen {line!r}" in run.output
    assert "Traceback" not in run.output
