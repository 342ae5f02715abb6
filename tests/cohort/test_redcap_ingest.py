"""Ingest of REDCap exports: the round trip against the CSV path, and bad exports located in REDCap's terms.

The simulated demo cohort (the demo's arms and seed, fewer patients) is
written as the canonical CSV files and, by the independent helper
tests/cohort/redcap_export.py, as REDCap exports of a project built from
graftline's dictionary: raw, labels, and a longitudinal project (events).
Both paths must give the same store and the same endpoint table.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from redcap_export import redcap_export
from store_contents import read_store

from graftline.cli import main
from graftline.cli.report import DEMO_ARMS, DEMO_SEED
from graftline.cohort import TABLES, connect, ingest, read_ingest_log
from graftline.cohort.redcap import (
    ROWS_TABLE,
    RedcapValidationError,
    find_source,
    ingest_redcap,
    validate_redcap,
    write_dictionary,
    write_mapping,
)
from graftline.endpoints import EndpointDefinitions, endpoint_frame
from graftline.simulate import simulate_cohort
from graftline.simulate.store import write_cohort

PATIENTS_PER_ARM = 15


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The demo cohort as CSV files and as REDCap exports, and the CSV path's store and endpoints."""
    folder = tmp_path_factory.mktemp("redcap_round_trip")
    tables = simulate_cohort(list(DEMO_ARMS), n=PATIENTS_PER_ARM, seed=DEMO_SEED)
    write_cohort(tables, folder / "csv")
    dictionary = write_dictionary(folder / "dictionary.csv")
    mapping = write_mapping(folder / "mapping.csv")
    exports = {
        "raw": redcap_export(tables, dictionary, mapping, folder / "export_raw.csv"),
        "labels": redcap_export(tables, dictionary, mapping, folder / "export_labels.csv", labels=True),
        "longitudinal": redcap_export(tables, dictionary, mapping, folder / "export_events.csv", longitudinal=True),
    }
    ingest(folder / "csv", folder / "csv.duckdb")
    return {"folder": folder, "tables": tables, "dictionary": dictionary, "exports": exports,
            "store": read_store(folder / "csv.duckdb"), "endpoints": _endpoints(folder / "csv.duckdb")}


def _endpoints(db: Path) -> pd.DataFrame:
    return endpoint_frame(connect(str(db), read_only=True), EndpointDefinitions.preset("cibmtr"))


def _canonical(store: dict) -> dict:
    return {name: store[name] for name in TABLES}


@pytest.mark.parametrize("kind", ["raw", "labels", "longitudinal"])
def test_round_trip_gives_the_csv_paths_store_and_endpoints(project, kind, tmp_path):
    db = tmp_path / "redcap.duckdb"
    result = ingest_redcap(project["exports"][kind], db, dictionary=project["dictionary"])
    assert result.report.problems == ()
    store = read_store(db)
    expected = _canonical(project["store"])
    assert {name: len(rows) for name, rows in _canonical(store).items()} == {name: len(rows) for name, rows in expected.items()}
    assert _canonical(store) == expected  # every value, in stored order
    assert sum(len(rows) for rows in expected.values()) > 1000  # not a trivially empty cohort
    assert store["validation_warnings"] == project["store"]["validation_warnings"] == []
    pd.testing.assert_frame_equal(_endpoints(db), project["endpoints"])


def test_the_store_records_the_export_and_where_each_row_came_from(project, tmp_path):
    db = tmp_path / "redcap.duckdb"
    export = project["exports"]["raw"]
    ingest_redcap(export, db, dictionary=project["dictionary"])
    log = read_ingest_log(db)
    assert log["source_directory"] == str(export.resolve())
    files = {f["table_name"]: f for f in log["files"]}
    assert files["redcap_export"]["sha256"] == hashlib.sha256(export.read_bytes()).hexdigest()
    assert files["redcap_dictionary"]["file"] == "dictionary.csv"
    # Every stored lab value is in the export row redcap_rows names, in its analyte's field.
    with duckdb.connect(str(db), read_only=True) as con:
        labs = con.execute(
            f"SELECT l.patient_id, l.analyte, l.value, r.export_row, r.record_id, r.redcap_repeat_instrument "
            f"FROM labs l JOIN {ROWS_TABLE} r ON r.table_name = 'labs' AND r.source_row = l.source_row"
        ).fetchall()
        counts = dict(con.execute(f"SELECT table_name, count(*) FROM {ROWS_TABLE} GROUP BY ALL").fetchall())
    with export.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(labs) == len(project["store"]["labs"])
    for patient, analyte, value, export_row, record, instrument in labs:
        row = rows[export_row - 2]
        assert (record, instrument, row["record_id"]) == (patient, "daily_labs", patient)
        assert float(row[f"lab_{analyte}"]) == value  # units are 10^9/L in the simulated cohort
    assert counts == {name: len(rows) for name, rows in _canonical(project["store"]).items() if rows}


# --- bad exports: located in REDCap's terms, nothing written ------------------------------------


class ExportFile:
    """A copy of an export whose cells a test can change (rows as a spreadsheet shows them)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with path.open(newline="", encoding="utf-8-sig") as handle:
            self.rows = list(csv.reader(handle))
        self.header = self.rows[0]

    def find(self, **match: str) -> int:
        for number, row in enumerate(self.rows[1:], start=2):
            if all(row[self.header.index(k)] == v for k, v in match.items()):
                return number
        raise LookupError(match)

    def get(self, row: int, column: str) -> str:
        return self.rows[row - 1][self.header.index(column)]

    def set(self, row: int, column: str, value: str) -> None:
        self.rows[row - 1][self.header.index(column)] = value
        self.save()

    def append(self, **values: str) -> int:
        self.rows.append([values.get(name, "") for name in self.header])
        self.save()
        return len(self.rows)

    def save(self) -> None:
        with self.path.open("w", newline="", encoding="utf-8-sig") as handle:
            csv.writer(handle, lineterminator="\n").writerows(self.rows)


def _copy(source: Path, target: Path) -> ExportFile:
    target.write_bytes(source.read_bytes())
    return ExportFile(target)


@pytest.fixture
def export(project, tmp_path) -> ExportFile:
    return _copy(project["exports"]["raw"], tmp_path / "export.csv")


@pytest.fixture
def existing_store(project, tmp_path) -> Path:
    db = tmp_path / "existing.duckdb"
    db.write_bytes((project["folder"] / "csv.duckdb").read_bytes())
    return db


def _refused(export: ExportFile, project, db: Path, *, fresh: bool = False) -> list:
    """Ingest must fail and leave ``db`` byte for byte as it was (with ``fresh``: and create no new store)."""
    before = db.read_bytes()
    targets = [db, db.with_name("fresh.duckdb")] if fresh else [db]
    for target in targets:
        with pytest.raises(RedcapValidationError) as error:
            ingest_redcap(export.path, target, dictionary=project["dictionary"])
        assert "nothing was written" in str(error.value)
    assert db.read_bytes() == before
    assert not db.with_name("fresh.duckdb").exists()
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith(".")) == []  # no temporary left
    return list(error.value.report.errors)


def test_a_missing_repeat_instance(export, project, existing_store):
    row = export.find(redcap_repeat_instrument="daily_labs", redcap_repeat_instance="3")
    record = export.get(row, "record_id")
    export.set(row, "redcap_repeat_instance", "")
    errors = _refused(export, project, existing_store, fresh=True)
    [error] = [e for e in errors if e.field == "redcap_repeat_instance"]
    assert (error.record, error.instrument, error.instance, error.row) == (record, "daily_labs", None, row)
    assert "missing repeat instance" in error.message
    assert str(error).startswith(f"record {record}, daily_labs, field redcap_repeat_instance (export.csv row {row})")


def test_a_value_outside_the_choice_list(export, project, existing_store):
    row = export.find(redcap_repeat_instrument="")
    record = export.get(row, "record_id")
    export.set(row, "tx_modality", "7")
    errors = _refused(export, project, existing_store)
    [error] = errors
    assert (error.record, error.instrument, error.field, error.value, error.row) == (record, "treatment", "tx_modality", "7", row)
    assert (error.table, error.column) == ("treatments", "modality")
    assert "'7' is not a code of the choice list of field tx_modality" in error.message
    assert "allo_hsct, Allogeneic HSCT" in error.expected


def test_a_label_outside_the_choice_list_in_a_labels_export(project, tmp_path):
    export = _copy(project["exports"]["labels"], tmp_path / "labels.csv")
    row = export.find(**{"Repeat Instrument": "Disease Assessment"})
    export.set(row, "Disease status", "Remission")
    report = validate_redcap(export.path, dictionary=project["dictionary"])
    [error] = report.errors
    assert (error.instrument, error.field, error.value, error.row) == ("disease_assessment", "dis_status", "Remission", row)
    assert "'Remission' is not a label of the choice list" in error.message
    assert "cr, Complete remission (CR)" in error.expected


def test_a_date_in_the_wrong_format(export, project, existing_store):
    row = export.find(redcap_repeat_instrument="daily_labs", redcap_repeat_instance="2")
    record = export.get(row, "record_id")
    export.set(row, "lab_date", "03/15/2023")
    errors = _refused(export, project, existing_store)
    located = {(e.record, e.instrument, e.instance, e.field, e.table, e.column, e.value, e.row) for e in errors}
    assert (record, "daily_labs", 2, "lab_date", "labs", "date", "03/15/2023", row) in located
    error = next(e for e in errors if e.field == "lab_date")
    assert "is not a date" in error.message and "YYYY-MM-DD" in error.expected
    # One draw, two analytes: each lab row read from the instance is located at the same coordinates.
    assert {e.row for e in errors} == {row}


def test_a_record_in_a_repeating_instrument_without_a_base_record(export, project, existing_store):
    row = export.append(record_id="GHOST1", redcap_repeat_instrument="daily_labs", redcap_repeat_instance="1",
                        lab_day="3", lab_anc="0.5", lab_anc_unit="e9_l", daily_labs_complete="2")
    errors = _refused(export, project, existing_store)
    [error] = errors  # one error for the record, not one per value read from it
    assert (error.record, error.instrument, error.instance, error.field, error.row) == ("GHOST1", "daily_labs", 1, "record_id", row)
    assert "no base record row" in error.message


def test_every_problem_at_once_and_warnings_located(export, project):
    export.set(export.find(redcap_repeat_instrument="daily_labs", redcap_repeat_instance="3"), "redcap_repeat_instance", "")
    export.set(export.find(redcap_repeat_instrument=""), "tx_modality", "7")
    bad_date = export.find(redcap_repeat_instrument="daily_labs", redcap_repeat_instance="2")
    export.set(bad_date, "lab_date", "2023-15-03")
    export.append(record_id="GHOST1", redcap_repeat_instrument="transfusions", redcap_repeat_instance="1",
                  tf_day="3", tf_product="platelets")
    low = export.find(redcap_repeat_instrument="chimerism")
    export.set(low, "chim_donor_pct", "0.01")  # below the assay's limit of detection: a warning
    report = validate_redcap(export.path, dictionary=project["dictionary"])
    fields = sorted(e.field for e in report.errors)
    assert fields == ["lab_date", "record_id", "redcap_repeat_instance", "tx_modality"]  # one per value, not per lab row
    [warning] = report.warnings
    assert (warning.field, warning.instrument, warning.row, warning.table) == ("chim_donor_pct", "chimerism", low, "chimerism")
    assert "limit of detection" in warning.message


def test_a_warning_is_stored_with_redcap_coordinates(export, project, tmp_path):
    low = export.find(redcap_repeat_instrument="chimerism")
    record, instance = export.get(low, "record_id"), export.get(low, "redcap_repeat_instance")
    export.set(low, "chim_donor_pct", "0.01")
    db = tmp_path / "warned.duckdb"
    result = ingest_redcap(export.path, db, dictionary=project["dictionary"])
    assert len(result.report.warnings) == 1
    with duckdb.connect(str(db), read_only=True) as con:
        stored = con.execute('SELECT file, "row", "column", value, message FROM validation_warnings').fetchall()
    assert stored == [("export.csv", low, "chim_donor_pct", "0.01",
                       f"record {record}, chimerism instance {instance}, field chim_donor_pct: "
                       "donor_pct 0.01 is below the assay's limit of detection 0.1 %")]


def test_duplicate_day0_rows_name_the_events(project, tmp_path):
    export = _copy(project["exports"]["longitudinal"], tmp_path / "events.csv")
    row = export.find(redcap_event_name="follow_up_arm_1")
    record = export.get(row, "record_id")
    export.set(row, "tx_modality", "mst")
    report = validate_redcap(export.path, dictionary=project["dictionary"])
    [error] = report.errors
    assert (error.record, error.event, error.instrument, error.table) == (record, "follow_up_arm_1", "treatment", "treatments")
    assert "two day-0 rows" in error.message and "event enrolment_arm_1" in error.message


# --- a centre's own dictionary with a mapping file ----------------------------------------------

CENTRE_DICTIONARY = [
    ["study_no", "demographics", "", "text", "Study number"],
    ["sex", "demographics", "", "radio", "Sex", "1, Male | 2, Female"],
    ["dob", "demographics", "", "text", "Date of birth", "", "", "date_dmy"],
    ["hct_date", "transplant", "", "text", "Transplant date", "", "", "date_ymd"],
    ["hct_type", "transplant", "", "dropdown", "Type", "1, Allogeneic | 2, Microtransplant | 3, Chemotherapy only"],
    ["cd34", "transplant", "", "text", "CD34+ (x10^6/kg)", "", "", "number"],
    ["cbc_time", "cbc", "", "text", "Drawn at", "", "", "datetime_ymd"],
    ["cbc_anc", "cbc", "", "text", "ANC (cells/uL)", "", "", "integer"],
    ["cbc_anc_q", "cbc", "", "dropdown", "ANC reported as", "1, below the reporting limit | 2, above it"],
    ["cbc_plt", "cbc", "", "text", "Platelets", "", "", "number"],
    ["cbc_plt_unit", "cbc", "", "dropdown", "Platelet unit", "1, x10^9/L | 2, /uL"],
    ["alive", "outcome", "", "yesno", "Alive at last contact?"],
    ["last_seen", "outcome", "", "text", "Last seen", "", "", "date_ymd"],
    ["dod", "outcome", "", "text", "Date of death", "", "", "date_ymd"],
    ["comments", "outcome", "", "notes", "Comments"],
]
CENTRE_MAPPING = """field,table,column,analyte,unit,factor,codes
sex,patients,sex,,,,1=male|2=female
dob,patients,birth_date,,,,
hct_date,treatments,day0_date,,,,
hct_type,treatments,modality,,,,1=allo_hsct|2=mst|3=chemo
cd34,treatments,cd34_per_kg,,,1e6,
cbc_time,labs,date,,,,
cbc_anc,labs,value,anc,/uL,,
cbc_anc_q,labs,qualifier,anc,,,1=<|2=>
cbc_plt,labs,value,plt,,,
cbc_plt_unit,labs,unit,plt,,,1=10^9/L|2=/uL
alive,followup,vital_status,,,,1=alive|0=dead
last_seen,followup,last_contact,,,,
dod,followup,death_date,,,,
"""
CENTRE_EXPORT = [
    ["study_no", "redcap_repeat_instrument", "redcap_repeat_instance", "sex", "dob", "demographics_complete",
     "hct_date", "hct_type", "cd34", "transplant_complete", "cbc_time", "cbc_anc", "cbc_anc_q", "cbc_plt", "cbc_plt_unit",
     "cbc_complete", "alive", "last_seen", "dod", "comments", "outcome_complete"],
    ["101", "", "", "2", "1960-05-01", "2", "2023-01-10", "1", "4.52", "2", "", "", "", "", "", "", "0", "2023-06-01",
     "2023-06-01", "relapse, see letter", "2"],
    ["101", "cbc", "1", "", "", "", "", "", "", "", "2023-01-20 08:15", "500", "", "18", "1", "2", "", "", "", "", ""],
    ["101", "cbc", "2", "", "", "", "", "", "", "", "2023-01-21 07:50", "100", "1", "25000", "2", "2", "", "", "", "",
     ""],
    ["102", "", "", "1", "1955-11-30", "2", "2023-02-01", "2", "", "2", "", "", "", "", "", "", "1", "2023-12-01",
     "", "", "2"],
]


def _centre(tmp_path: Path, mapping: str = CENTRE_MAPPING) -> Path:
    folder = tmp_path / "centre"
    folder.mkdir()
    with (folder / "Centre_DataDictionary_2024-01-01.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Variable / Field Name", "Form Name", "Section Header", "Field Type", "Field Label",
                         "Choices, Calculations, OR Slider Labels", "Field Note",
                         "Text Validation Type OR Show Slider Number", "Text Validation Min", "Text Validation Max",
                         "Identifier?", "Branching Logic (Show field only if...)", "Required Field?",
                         "Custom Alignment", "Question Number (surveys only)", "Matrix Group Name", "Matrix Ranking?",
                         "Field Annotation"])
        for row in CENTRE_DICTIONARY:
            writer.writerow(row + [""] * (18 - len(row)))
    (folder / "mapping.csv").write_text(mapping, encoding="utf-8")
    with (folder / "Centre_DATA_2024-01-01_1200.csv").open("w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows(CENTRE_EXPORT)
    return folder


def test_a_centres_own_dictionary_is_read_through_its_mapping(tmp_path):
    folder = _centre(tmp_path)
    db = tmp_path / "centre.duckdb"
    result = ingest_redcap(folder, db)  # a folder: export, dictionary and mapping recognised by their headers
    with duckdb.connect(str(db), read_only=True) as con:
        patients = con.execute("SELECT patient_id, sex, birth_date::VARCHAR FROM patients ORDER BY 1").fetchall()
        treatments = con.execute("SELECT patient_id, modality, cd34_per_kg FROM treatments ORDER BY 1").fetchall()
        labs = con.execute("SELECT patient_id, day, date::VARCHAR, analyte, value, unit, qualifier FROM labs").fetchall()
        followup = con.execute("SELECT patient_id, vital_status, death_day FROM followup ORDER BY 1").fetchall()
    assert patients == [("101", "female", "1960-05-01"), ("102", "male", "1955-11-30")]
    assert treatments == [("101", "allo_hsct", 4520000.0), ("102", "mst", None)]  # 4.52 x10^6/kg, in decimal
    # 500 cells/uL = 0.5 x10^9/L; 25000/uL = 25 x10^9/L; the draw's time of day is dropped;
    # an ANC below the reporting limit of 100/uL is 0.1 with qualifier '<'.
    assert labs == [("101", 10, "2023-01-20", "anc", 0.5, "10^9/L", None),
                    ("101", 10, "2023-01-20", "plt", 18.0, "10^9/L", None),
                    ("101", 11, "2023-01-21", "anc", 0.1, "10^9/L", "<"),
                    ("101", 11, "2023-01-21", "plt", 25.0, "10^9/L", None)]
    assert followup == [("101", "dead", 142), ("102", "alive", None)]
    unmapped, *graft_source = sorted(result.report.warnings, key=lambda w: w.record or "")
    assert "1 field of form outcome is not mapped" in unmapped.message and "comments" in unmapped.message
    # The centre's dictionary has no graft source: the canonical warning, located at the record's treatment.
    # Only for 101's allo-HSCT: an MST infusion has no graft source to warn about (#12, item 11).
    assert [(w.record, w.instrument, w.table, w.column) for w in graft_source] == [
        ("101", "transplant", "treatments", "graft_source")]


def test_an_unmapped_required_field_is_a_clear_error(tmp_path):
    mapping = CENTRE_MAPPING.replace("hct_type,treatments,modality,,,,1=allo_hsct|2=mst|3=chemo\n", "")
    folder = _centre(tmp_path, mapping)
    db = tmp_path / "centre.duckdb"
    with pytest.raises(RedcapValidationError) as error:
        ingest_redcap(folder, db)
    assert not db.exists()
    [problem] = error.value.report.errors
    assert problem.file == "mapping.csv"
    assert problem.message == "unmapped required field: treatments.modality is required but no field is mapped to it"
    assert problem.expected == "a row <field>,treatments,modality"


def test_choice_codes_without_a_graftline_value_name_the_mapping_row(tmp_path):
    mapping = CENTRE_MAPPING.replace("hct_type,treatments,modality,,,,1=allo_hsct|2=mst|3=chemo",
                                     "hct_type,treatments,modality,,,,1=allo_hsct|2=mst")
    report = validate_redcap(_centre(tmp_path, mapping))
    # Only the mapping's problem: no record is read through a wrong mapping.
    assert [(e.file, e.row, e.column, e.message) for e in report.errors] == [
        ("mapping.csv", 5, "codes", "field 'hct_type': choices 3 (Chemotherapy only) have no graftline value for "
         "treatments.modality")]


def test_a_lab_without_a_unit_is_refused_at_the_mapping(tmp_path):
    mapping = CENTRE_MAPPING.replace("cbc_plt_unit,labs,unit,plt,,,1=10^9/L|2=/uL\n", "")
    report = validate_redcap(_centre(tmp_path, mapping))
    assert any("labs plt: no unit (a count without a unit is never guessed)" in e.message for e in report.errors)


def test_a_folder_with_both_exports_reads_the_raw_one(project, tmp_path):
    folder = tmp_path / "both"
    folder.mkdir()
    for name in ("raw", "labels"):
        (folder / f"Demo_DATA{'_LABELS' if name == 'labels' else ''}.csv").write_bytes(project["exports"][name].read_bytes())
    (folder / "Demo_DataDictionary.csv").write_bytes(project["dictionary"].read_bytes())
    source = find_source(folder)
    assert (source.export.name, source.dictionary.name, source.mapping) == ("Demo_DATA.csv", "Demo_DataDictionary.csv", None)


def test_cli_ingest_and_validate_redcap(export, project, tmp_path, capsys):
    db = tmp_path / "cli.duckdb"
    with pytest.raises(SystemExit) as code:
        main(["ingest", "--redcap", str(export.path), "--dictionary", str(project["dictionary"]), "--db", str(db)])
    assert code.value.code in (0, None)
    assert "wrote" in capsys.readouterr().err and db.exists()
    row = export.find(redcap_repeat_instrument="")
    export.set(row, "tx_modality", "7")
    with pytest.raises(SystemExit) as code:
        main(["validate", "--redcap", str(export.path), "--dictionary", str(project["dictionary"])])
    assert code.value.code == 1
    err = capsys.readouterr().err
    assert f"record {export.get(row, 'record_id')}, treatment, field tx_modality (export.csv row {row};" in " ".join(err.split())
    with pytest.raises(SystemExit) as code:
        main(["ingest", str(tmp_path), "--redcap", str(export.path)])
    assert code.value.code == 1
    assert "not both or neither" in capsys.readouterr().err
