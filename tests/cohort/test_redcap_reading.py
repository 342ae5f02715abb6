"""Reading REDCap exports: the export's own structure, headers and value decoding (small hand-made exports).

Each test writes a few rows of a project made from graftline's dictionary
and converts them (graftline.cohort.redcap.convert_redcap: reading only, no
store), so that the expected tables and problems can be read off the rows.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graftline.cohort.redcap import convert_redcap, write_dictionary

BASE = {"pt_sex": "female", "pt_age": "61", "patient_complete": "2", "tx_day0_date": "2023-01-10",
        "tx_modality": "mst", "tx_graft_source": "pbsc", "treatment_complete": "2"}


def _write(path: Path, header: list[str], rows: list[dict]) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(name, "") for name in header])
    return path


@pytest.fixture(scope="module")
def dictionary(tmp_path_factory) -> Path:
    return write_dictionary(tmp_path_factory.mktemp("dictionary") / "dictionary.csv")


def _convert(tmp_path: Path, dictionary: Path, header: list[str], rows: list[dict]):
    export = _write(tmp_path / "export.csv", header, rows)
    report = convert_redcap(export, tmp_path / "cohort", dictionary=dictionary)
    tables = {}
    for file in (tmp_path / "cohort").glob("*.csv"):
        with file.open(newline="", encoding="utf-8") as handle:
            tables[file.stem] = list(csv.DictReader(handle))
    return report, tables


HEADER = ["record_id", "redcap_repeat_instrument", "redcap_repeat_instance", *BASE,
          "lab_date", "lab_day", "lab_anc", "lab_anc_unit", "lab_plt", "lab_plt_unit", "lab_hb", "lab_hb_unit",
          "daily_labs_complete"]


def test_one_instance_per_draw_becomes_one_lab_row_per_analyte(tmp_path, dictionary):
    rows = [{"record_id": "7", **BASE},
            {"record_id": "7", "redcap_repeat_instrument": "daily_labs", "redcap_repeat_instance": "1",
             "lab_day": "3", "lab_anc": "800", "lab_anc_unit": "per_ul", "lab_hb": "9.1", "lab_hb_unit": "g_dl"},
            {"record_id": "7", "redcap_repeat_instrument": "daily_labs", "redcap_repeat_instance": "2",
             "lab_date": "2023-01-14", "lab_plt": "21", "lab_plt_unit": "e9_l"}]
    report, tables = _convert(tmp_path, dictionary, HEADER, rows)
    assert report.problems == ()
    assert [(r["analyte"], r["value"], r["unit"], r["day"], r["date"]) for r in tables["labs"]] == [
        ("anc", "800", "/uL", "3", ""), ("hb", "9.1", "g/dL", "3", ""), ("plt", "21", "10^9/L", "", "2023-01-14")]
    assert [(r["patient_id"], r["sex"], r["age"]) for r in tables["patients"]] == [("7", "female", "61")]
    assert [(r["patient_id"], r["modality"], r["graft_source"]) for r in tables["treatments"]] == [("7", "mst", "pbsc")]


def test_structure_problems_are_located(tmp_path, dictionary):
    rows = [{"record_id": "7", **BASE},
            {"record_id": "", **BASE},
            {"record_id": "7", "redcap_repeat_instrument": "daily_labs", "redcap_repeat_instance": "0", "lab_day": "1",
             "lab_anc": "1", "lab_anc_unit": "e9_l"},
            {"record_id": "7", "redcap_repeat_instrument": "daily_labs", "redcap_repeat_instance": "2", "lab_day": "2",
             "lab_anc": "1", "lab_anc_unit": "e9_l"},
            {"record_id": "7", "redcap_repeat_instrument": "daily_labs", "redcap_repeat_instance": "2", "lab_day": "3",
             "lab_anc": "1", "lab_anc_unit": "e9_l"},
            {"record_id": "7", "redcap_repeat_instrument": "daily_labs", "redcap_repeat_instance": "4", "lab_day": "4",
             "lab_anc": "1", "lab_anc_unit": "kg"}]
    report, _ = _convert(tmp_path, dictionary, HEADER, rows)
    found = {(e.row, e.field, e.message.split(":")[0].split(" (")[0]) for e in report.errors}
    assert found == {
        (3, "record_id", "the record ID is empty"),
        (4, "redcap_repeat_instance", "repeat instance '0' is not a whole number of 1 or more"),
        (6, "record_id", "this record, event, instrument and instance appear twice"),
        (7, "lab_anc_unit", "'kg' is not a code of the choice list of field lab_anc_unit"),
    }
    # Instance 3 is missing (deleted in REDCap): a gap is normal and not reported.
    twice = next(e for e in report.errors if e.row == 6)
    assert "first at row 5" in twice.message and (twice.instrument, twice.instance) == ("daily_labs", 2)


def test_a_labels_export_with_a_subset_of_columns(tmp_path, dictionary):
    # REDCap's labels export: field labels as the header (every form's status is "Complete?"),
    # choice labels as values, the repeating instrument by its label; a report may leave fields out.
    header = ["Patient ID", "Repeat Instrument", "Repeat Instance", "Sex", "Complete?", "Therapy",
              "Day 0: date of the cell infusion (or of treatment start for chemotherapy alone)", "Complete?",
              "Blood draw: day from day 0 (only if the date is unknown)", "Platelets", "Platelets: unit", "Complete?",
              "Comments of the monitor"]
    rows = [["12", "", "", "Male", "Complete", "Allogeneic HSCT", "2023-03-01", "Complete", "", "", "", "", ""],
            ["12", "Daily Labs", "1", "", "", "", "", "", "5", "45000", "/uL (= cells/mm3)", "Unverified", ""]]
    export = tmp_path / "labels.csv"
    with export.open("w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows([header, *rows])
    report = convert_redcap(export, tmp_path / "cohort", dictionary=dictionary)
    [warning] = report.warnings
    assert "column 'Comments of the monitor' is not a field of the data dictionary" in warning.message
    with (tmp_path / "cohort" / "labs.csv").open(newline="") as handle:
        labs = list(csv.DictReader(handle))
    assert [(r["patient_id"], r["analyte"], r["value"], r["unit"], r["day"]) for r in labs] == [
        ("12", "plt", "45000", "/uL", "5")]
    with (tmp_path / "cohort" / "treatments.csv").open(newline="") as handle:
        assert [(r["modality"], r["day0_date"]) for r in csv.DictReader(handle)] == [("allo_hsct", "2023-03-01")]


def test_two_fields_for_one_column_must_agree(tmp_path):
    # A centre's GVHD forms, acute and chronic, each with its own date field.
    folder = tmp_path / "centre"
    folder.mkdir()
    dictionary = [["study_no", "baseline", "", "text", "ID"],
                  ["hct_type", "baseline", "", "radio", "Type", "1, Allo | 2, MST"],
                  ["agvhd_date", "gvhd", "", "text", "Acute date", "", "", "date_ymd"],
                  ["cgvhd_date", "gvhd", "", "text", "Chronic date", "", "", "date_ymd"],
                  ["skin_pct", "gvhd", "", "text", "BSA", "", "", "number_comma_decimal"]]
    with (folder / "dictionary.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Variable / Field Name", "Form Name", "Section Header", "Field Type", "Field Label",
                         "Choices, Calculations, OR Slider Labels", "Field Note",
                         "Text Validation Type OR Show Slider Number"] + ["x"] * 10)
        writer.writerows(row + [""] * (18 - len(row)) for row in dictionary)
    (folder / "mapping.csv").write_text(
        "field,table,column,codes\nhct_type,treatments,modality,1=allo_hsct|2=mst\nagvhd_date,gvhd_assessments,date,\n"
        "cgvhd_date,gvhd_assessments,date,\nskin_pct,gvhd_assessments,skin_bsa_pct,\n", encoding="utf-8")
    header = ["study_no", "redcap_repeat_instrument", "redcap_repeat_instance", "hct_type", "agvhd_date",
              "cgvhd_date", "skin_pct"]
    _write(folder / "export.csv", header, [
        {"study_no": "1", "hct_type": "1"},
        {"study_no": "1", "redcap_repeat_instrument": "gvhd", "redcap_repeat_instance": "1", "agvhd_date": "2023-02-01",
         "skin_pct": "12,5"},
        {"study_no": "1", "redcap_repeat_instrument": "gvhd", "redcap_repeat_instance": "2", "cgvhd_date": "2023-09-01"},
        {"study_no": "1", "redcap_repeat_instrument": "gvhd", "redcap_repeat_instance": "3", "agvhd_date": "2023-02-01",
         "cgvhd_date": "2023-02-02"},
    ])
    report = convert_redcap(folder, tmp_path / "cohort")
    [error] = report.errors
    assert (error.row, error.field, error.instance) == (5, "cgvhd_date", 3)
    assert error.message == "cgvhd_date gives gvhd_assessments.date '2023-02-02' but agvhd_date gives '2023-02-01'"
    with (tmp_path / "cohort" / "gvhd_assessments.csv").open(newline="") as handle:
        gvhd = [(r["date"], r["skin_bsa_pct"]) for r in csv.DictReader(handle)]
    assert gvhd == [("2023-02-01", "12.5"), ("2023-09-01", ""), ("2023-02-01", "")]  # comma decimal read as 12.5
