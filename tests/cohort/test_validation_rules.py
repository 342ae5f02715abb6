"""Every validation rule of issue 2: the located message, and nothing written.

Each case breaks one thing in a copy of the (valid) example cohort. The test
checks that validation names the file, the spreadsheet row (header = row 1),
the column and the message, and that ingest refuses and writes no database.
"""

from __future__ import annotations

import re

import pytest

from graftline.cohort import CohortValidationError, ingest, validate


def _problem_texts(report) -> list[str]:
    return [str(p) for p in report.problems]


def assert_rejected(cohort, tmp_path, pattern: str) -> None:
    """Ingest refuses with an error matching ``pattern`` and writes nothing.

    The refused ingest's report is the one ``validate`` returns (ingest
    validates first), so one run checks both the message and all-or-nothing.
    """
    target = tmp_path / "cohort.duckdb"
    with pytest.raises(CohortValidationError) as raised:
        ingest(cohort.dir, target)
    report = raised.value.report
    assert any(re.search(pattern, str(p)) for p in report.errors), "\n".join(_problem_texts(report))
    assert not target.exists()
    assert list(tmp_path.glob(".cohort.duckdb*")) == []  # no temporary file left


def test_example_cohort_is_clean(example_dir):
    report = validate(example_dir)
    assert report.problems == (), str(report)


def test_missing_required_file(cohort, tmp_path):
    (cohort.dir / "treatments.csv").unlink()
    assert_rejected(cohort, tmp_path, r"^treatments\.csv: required file for table treatments is missing")


def test_missing_required_column(cohort, tmp_path):
    cohort.drop_column("treatments", "modality")
    assert_rejected(cohort, tmp_path, r"^treatments\.csv row 1, column modality: required column 'modality' is missing")


def test_missing_time_column(cohort, tmp_path):
    cohort.drop_column("infections", "day")
    cohort.drop_column("infections", "date")
    assert_rejected(cohort, tmp_path, r"^infections\.csv row 1, column day/date: no time column")


@pytest.mark.parametrize(
    "table",
    ["treatments", "labs", "transfusions", "gvhd_assessments", "chimerism",
     "disease_assessments", "infections", "adverse_events", "followup"],
)
def test_unknown_patient_in_every_child_table(cohort, tmp_path, table):
    cohort.set(table, 2, "patient_id", "EX99")
    assert_rejected(cohort, tmp_path, rf"^{table}\.csv row 2, column patient_id: unknown patient_id 'EX99': not in patients\.csv")


def test_duplicate_patient_id(cohort, tmp_path):
    rows = cohort.read("patients")
    cohort.write("patients", rows + [rows[2]])  # EX02 again, as row 10
    assert_rejected(cohort, tmp_path, r"^patients\.csv row 10, column patient_id: duplicate patient_id 'EX02' \(first in row 3\)")


def test_two_day0_rows_for_one_patient(cohort, tmp_path):
    rows = cohort.read("treatments")
    cohort.write("treatments", rows + [rows[1]])  # EX01 again, as row 10
    assert_rejected(cohort, tmp_path, r"^treatments\.csv row 10, column patient_id: patient 'EX01' has two day-0 rows \(rows 2 and 10\)")


def test_patient_without_treatment(cohort, tmp_path):
    row = cohort.append("patients", patient_id="EX09", sex="f", age="50")
    assert_rejected(cohort, tmp_path, rf"^patients\.csv row {row}, column patient_id: patient 'EX09' has no row in treatments\.csv")


@pytest.mark.parametrize(
    "table, column, value, pattern",
    [
        ("patients", "birth_date", "1960-13-01", r"'1960-13-01' is not a date"),
        ("treatments", "day0_date", "03/01/2023", r"'03/01/2023' is not a date"),
        ("patients", "birth_date", "1066-10-14", r"'1066-10-14' is not a plausible date \(year outside 1900-2100\)"),
        ("patients", "weight_kg", "78kg", r"'78kg' is not a number"),
        ("labs", "value", "1,5", r"'1,5' is not a number"),
        ("labs", "value", "nan", r"'nan' is not a number"),
        ("labs", "day", "3.5", r"'3.5' is not a whole number of days from day 0"),
        ("treatments", "msc", "maybe", r"'maybe' is not yes or no"),
        ("adverse_events", "ctcae_grade", "6", r"value 6 is above the maximum 5"),
        ("treatments", "modality", "auto", r"unknown modality 'auto'"),
        ("treatments", "graft_source", "liver", r"unknown graft_source 'liver'"),
        ("labs", "analyte", "crp", r"unknown analyte 'crp'"),
        ("chimerism", "donor_pct", "150", r"impossible percentage 150 is above the maximum 100"),
        ("gvhd_assessments", "skin_bsa_pct", "-5", r"negative value -5 is below the minimum 0"),
    ],
)
def test_unparseable_or_impossible_values(cohort, tmp_path, table, column, value, pattern):
    row = 5 if table == "labs" else 2
    if table == "labs" and column == "day":
        row = cohort.find_row("labs", patient_id="EX05", day="0")
    cohort.set(table, row, column, value)
    assert_rejected(cohort, tmp_path, rf"^{table}\.csv row {row}, column {column}: {pattern}")


def test_unit_that_is_not_a_count_unit(cohort, tmp_path):
    row = cohort.find_row("labs", patient_id="EX05", day="3", analyte="ANC")
    cohort.set("labs", row, "unit", "mg")
    assert_rejected(cohort, tmp_path, rf"^labs\.csv row {row}, column unit: 'mg' is not a cell-count unit for analyte anc \(expected a cell-count unit")


def test_missing_unit_for_a_count_is_never_guessed(cohort, tmp_path):
    row = cohort.find_row("labs", patient_id="EX05", day="3", analyte="PLT")
    cohort.set("labs", row, "unit", "")
    assert_rejected(cohort, tmp_path, rf"^labs\.csv row {row}, column unit: missing unit for the count plt: a count without a unit is never guessed")


def test_unknown_unit_for_a_chemistry_value(cohort, tmp_path):
    row = cohort.append("labs", patient_id="EX05", day="3", analyte="hb", value="9", unit="mg")
    assert_rejected(cohort, tmp_path, rf"^labs\.csv row {row}, column unit: 'mg' is not a unit for analyte hb \(expected one of g/dL")


def test_negative_count(cohort, tmp_path):
    row = cohort.find_row("labs", patient_id="EX05", day="3", analyte="ANC")
    cohort.set("labs", row, "value", "-0.2")
    assert_rejected(cohort, tmp_path, rf"^labs\.csv row {row}, column value: negative count -0.2")


def test_percentage_above_100(cohort, tmp_path):
    row = cohort.append("labs", patient_id="EX05", day="3", analyte="neut_pct", value="120", unit="%")
    assert_rejected(cohort, tmp_path, rf"^labs\.csv row {row}, column value: impossible percentage 120 for neut_pct")


def test_event_before_birth(cohort, tmp_path):
    # EX01 was born 1955-03-14.
    row = cohort.find_row("adverse_events", patient_id="EX01")
    cohort.set("adverse_events", row, "date", "1950-01-01")
    assert_rejected(cohort, tmp_path, rf"^adverse_events\.csv row {row}, column date: 1950-01-01 is before the patient's birth date 1955-03-14")


def test_day0_before_birth(cohort, tmp_path):
    cohort.set("treatments", 2, "day0_date", "1954-01-01")
    assert_rejected(cohort, tmp_path, r"^treatments\.csv row 2, column day0_date: day0_date 1954-01-01 is before the patient's birth date")


def test_labs_after_death(cohort, tmp_path):
    # EX04 (day 0 = 2023-05-22) has labs up to day 13; a death on day 10 leaves days 11-13 after it.
    row = cohort.find_row("followup", patient_id="EX04")
    cohort.set("followup", row, "death_date", "2023-06-01")
    cohort.set("followup", row, "last_contact_day", "10")
    lab_row = cohort.find_row("labs", patient_id="EX04", date="2023-06-02")
    assert_rejected(cohort, tmp_path, rf"^labs\.csv row {lab_row}, column date: lab on day 11 is after the patient's death on day 10")


def test_death_before_day0_with_later_labs(cohort, tmp_path):
    row = cohort.find_row("followup", patient_id="EX04")
    cohort.set("followup", row, "death_date", "2023-05-20")
    cohort.set("followup", row, "last_contact_day", "-2")
    assert_rejected(cohort, tmp_path, rf"^followup\.csv row {row}, column death_date: death on day -2 is before day 0 \(the infusion\) but labs continue to day 13")


def test_dates_without_day0_date(cohort, tmp_path):
    cohort.set("treatments", 2, "day0_date", "")  # EX01's labs are given as dates
    # One line naming the cause (issue 18: root cause first), not a line per dated row.
    assert_rejected(cohort, tmp_path, r"^treatments\.csv, column day0_date: 74 rows in 5 files give dates that "
                    r"cannot be converted to days because their patients have no usable day0_date in "
                    r"treatments\.csv \(EX01\): .*labs\.csv rows 2, 3, 4 and 65 more")


def test_day_and_date_that_disagree(cohort, tmp_path):
    row = cohort.find_row("chimerism", patient_id="EX05")  # day 30 = 2023-10-11
    cohort.set("chimerism", row, "date", "2023-10-12")
    assert_rejected(cohort, tmp_path, rf"^chimerism\.csv row {row}, column day: day 30 and date 2023-10-12 disagree: with day0_date 2023-09-11 that date is day 31")


def test_no_time_in_a_row(cohort, tmp_path):
    row = cohort.find_row("infections", patient_id="EX03")
    cohort.set("infections", row, "day", "")
    assert_rejected(cohort, tmp_path, rf"^infections\.csv row {row}, column date: no time given: neither day nor date")


def test_dead_without_death_time(cohort, tmp_path):
    row = cohort.find_row("followup", patient_id="EX02")
    cohort.set("followup", row, "death_day", "")
    assert_rejected(cohort, tmp_path, rf"^followup\.csv row {row}, column death_day: vital_status is dead but no death_day or death_date")


def test_missing_required_value(cohort, tmp_path):
    cohort.set("disease_assessments", 3, "status", "")
    assert_rejected(cohort, tmp_path, r"^disease_assessments\.csv row 3, column status: missing value \(expected one of cr, crh, cri")


def test_bad_qualifier(cohort, tmp_path):
    row = cohort.append("labs", patient_id="EX05", day="3", analyte="anc", value="0.1", unit="10^9/L")
    rows = cohort.read("labs")
    cohort.write("labs", [r + [v] for r, v in zip(rows, ["qualifier"] + [""] * (len(rows) - 2) + ["~"], strict=True)])
    assert_rejected(cohort, tmp_path, rf"^labs\.csv row {row}, column qualifier: unknown qualifier '~'")


def test_unknown_file_and_column_are_warnings(cohort, tmp_path):
    (cohort.dir / "notes.txt").write_text("not a table")
    rows = cohort.read("infections")
    cohort.write("infections", [r + ["x"] for r in rows])
    report = validate(cohort.dir)
    assert report.ok
    texts = [str(p) for p in report.warnings]
    assert any(t.startswith("notes.txt: not a cohort table file; it is ignored") for t in texts), texts
    assert any(re.match(r"infections\.csv row 1, column x: column 'x' is not part of table infections; it is ignored", t) for t in texts)


def test_all_problems_are_listed_at_once(cohort):
    cohort.set("treatments", 3, "modality", "auto")
    cohort.set("patients", 4, "birth_date", "yesterday")
    cohort.set("labs", 7, "value", "abc")
    report = validate(cohort.dir)
    assert {(p.file, p.row, p.column) for p in report.errors} == {
        ("treatments.csv", 3, "modality"), ("patients.csv", 4, "birth_date"), ("labs.csv", 7, "value"),
    }


def test_many_bad_rows_are_counted_not_all_listed(cohort, monkeypatch):
    import graftline.cohort.validation as module

    monkeypatch.setattr(module, "MAX_LISTED_ROWS", 5)
    rows = cohort.read("labs")
    for row in rows[1:]:
        row[rows[0].index("value")] = "x"
    cohort.write("labs", rows)
    report = validate(cohort.dir)
    listed = [p for p in report.errors if p.row is not None and p.file == "labs.csv"]
    assert len(listed) == 5
    summary = [p for p in report.errors if p.row is None and p.file == "labs.csv"]
    assert len(summary) == 1 and re.match(rf"{len(rows) - 1 - 5} more rows after row 6 with the problem 'value does not parse'", summary[0].message)


def test_row_with_too_many_fields_is_located(cohort, tmp_path):
    with (cohort.dir / "labs.csv").open("a") as handle:
        handle.write("EX05,3,,anc,0.5,10^9/L,extra\n")
    row = len(cohort.read("labs"))
    assert_rejected(cohort, tmp_path, rf"^labs\.csv row {row}: the row cannot be split into the header's 6 columns: Expected Number of Columns: 6 Found: 7")


def test_unterminated_quote_is_located(cohort, tmp_path):
    with (cohort.dir / "infections.csv").open("a") as handle:
        handle.write('EX05,12,,"viral,CMV,blood,mild\n')
    assert_rejected(cohort, tmp_path, r"^infections\.csv row 5: the row cannot be split into the header's 7 columns: Value with unterminated quote")


def test_header_is_never_guessed_from_data_rows(cohort):
    # One wide row once made DuckDB's sniffer take it for the header.
    with (cohort.dir / "labs.csv").open("a") as handle:
        handle.write("EX01,,2023-02-03,ANC,1500,/uL,extra,more\n")
    errors = validate(cohort.dir).errors
    assert [(e.file, e.row) for e in errors] == [("labs.csv", 544)]
