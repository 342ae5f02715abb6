"""graftline's REDCap data dictionary: REDCap's documented format, and every field maps to the schema.

The format checks here are written against REDCap's documentation (the 18
columns of "Download the current Data Dictionary", the field types, the
text validation types and the choice syntax ``code, label | code, label``;
see graftline.cohort.redcap.format's references) and read the CSV file
graftline writes with the csv module, independently of the code that
wrote it.
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from graftline.cli import main
from graftline.cohort.readers import SET_BY_INGEST, input_columns
from graftline.cohort.redcap import (
    check_dictionary,
    graftline_dictionary,
    read_dictionary,
    write_dictionary,
    write_mapping,
)
from graftline.cohort.redcap.format import DictionaryField
from graftline.cohort.redcap.instruments import (
    FIELD_TEXT,
    INSTRUMENTS,
    LAB_LABELS,
    LAB_UNITS,
    NOT_COLLECTED,
    TIME_LABELS,
    VALUE_LABELS,
)
from graftline.cohort.schema import ANALYTES, TABLES
from graftline.cohort.units import conversion_factor

# REDCap's data-dictionary header, as "Download the current Data Dictionary" writes it.
REDCAP_HEADER = [
    "Variable / Field Name", "Form Name", "Section Header", "Field Type", "Field Label",
    "Choices, Calculations, OR Slider Labels", "Field Note", "Text Validation Type OR Show Slider Number",
    "Text Validation Min", "Text Validation Max", "Identifier?", "Branching Logic (Show field only if...)",
    "Required Field?", "Custom Alignment", "Question Number (surveys only)", "Matrix Group Name",
    "Matrix Ranking?", "Field Annotation",
]
REDCAP_FIELD_TYPES = {"text", "notes", "dropdown", "radio", "checkbox", "yesno", "truefalse", "calc", "file",
                      "slider", "descriptive", "sql"}
REDCAP_VALIDATIONS = {"date_ymd", "date_mdy", "date_dmy", "datetime_ymd", "integer", "number", "time", "email"}
CHOICES = re.compile(r"[a-z0-9_]+, [^|]+( \| [a-z0-9_]+, [^|]+)*")


def dictionary_csv(fields) -> str:
    """The dictionary as the csv module writes it, untouched: the text REDCap should receive."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(REDCAP_HEADER)
    for field in fields:
        writer.writerow(field.row_values())
    return buffer.getvalue()


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("redcap")
    dictionary = write_dictionary(folder / "dictionary.csv")
    mapping = write_mapping(folder / "mapping.csv")
    with dictionary.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    with mapping.open(newline="", encoding="utf-8") as handle:
        maps = list(csv.DictReader(handle))
    return rows, maps


def test_the_file_has_redcaps_18_columns_in_order(written):
    rows, _ = written
    assert rows[0] == REDCAP_HEADER
    assert all(len(row) == 18 for row in rows)


def test_field_types_validations_and_choices_follow_redcaps_format(written):
    rows, _ = written
    fields = [dict(zip(REDCAP_HEADER, row, strict=True)) for row in rows[1:]]
    assert fields[0]["Variable / Field Name"] == "record_id" and fields[0]["Field Type"] == "text"
    names = [f["Variable / Field Name"] for f in fields]
    assert len(names) == len(set(names))
    forms = [f["Form Name"] for f in fields]
    assert [form for i, form in enumerate(forms) if i == 0 or forms[i - 1] != form] == list(dict.fromkeys(forms)), \
        "each form's fields must be contiguous"
    for field in fields:
        name, kind = field["Variable / Field Name"], field["Field Type"]
        assert re.fullmatch(r"[a-z][a-z0-9_]{0,25}", name), name  # REDCap warns above 26 characters
        assert kind in REDCAP_FIELD_TYPES, name
        validation = field["Text Validation Type OR Show Slider Number"]
        if validation:
            assert kind == "text" and validation in REDCAP_VALIDATIONS, name
        if kind in ("dropdown", "radio", "checkbox"):
            assert CHOICES.fullmatch(field["Choices, Calculations, OR Slider Labels"]), name
        else:
            assert field["Choices, Calculations, OR Slider Labels"] == "", name
        for bound in ("Text Validation Min", "Text Validation Max"):
            if field[bound]:
                assert validation in ("integer", "number"), name
                float(field[bound])
        for flag in ("Identifier?", "Required Field?"):
            assert field[flag] in ("", "y"), name


def test_branching_logic_names_existing_fields_and_their_codes(written):
    rows, _ = written
    fields = {row[0]: row for row in rows[1:]}
    for row in rows[1:]:
        for referenced, value in re.findall(r"\[([a-z0-9_]+)\] (?:=|<>) '([^']*)'", row[11]):
            assert referenced in fields, (row[0], referenced)
            kind, choices = fields[referenced][3], fields[referenced][5]
            codes = {"1", "0"} if kind == "yesno" else {c.split(",")[0].strip() for c in choices.split("|") if c}
            assert value == "" or value in codes, (row[0], referenced, value)


def test_the_checker_finds_nothing_in_graftlines_dictionary():
    fields, _ = graftline_dictionary()
    assert check_dictionary(fields) == []


def test_a_written_dictionary_reads_back_equal(tmp_path):
    fields, _ = graftline_dictionary()
    read, problems = read_dictionary(write_dictionary(tmp_path / "dictionary.csv"))
    assert problems == []
    assert [f.row_values() for f in read] == [f.row_values() for f in fields]
    # The spreadsheet-safe writer changed no cell: REDCap imports the text as it is.
    assert (tmp_path / "dictionary.csv").read_text(encoding="utf-8") == dictionary_csv(fields)


def test_every_field_maps_to_a_canonical_column(written):
    rows, maps = written
    by_field = {m["field"]: m for m in maps}
    for row in rows[2:]:  # row 1 is the record ID: patient_id in every table
        spec = by_field.get(row[0])
        assert spec is not None, f"field {row[0]} has no canonical column"
        table = TABLES[spec["table"]]
        assert spec["column"] in input_columns(table), row[0]
        assert spec["column"] not in SET_BY_INGEST
        if spec["analyte"]:
            assert spec["table"] == "labs" and spec["analyte"] in ANALYTES
    assert set(by_field) == {row[0] for row in rows[2:]}


def test_every_canonical_column_has_a_field_or_a_reason(written):
    # A column added to the schema must get a field (or be listed as not collected, with why).
    _, maps = written
    covered = {(m["table"], m["column"]) for m in maps}
    covered |= {(m["table"], "analyte") for m in maps if m["analyte"]}
    for table in TABLES.values():
        for column in input_columns(table) + SET_BY_INGEST * ("source_row" in table.column_names):
            if column == "patient_id":
                continue
            assert (table.name, column) in covered or (table.name, column) in NOT_COLLECTED, \
                f"{table.name}.{column}: no REDCap field; add it in graftline/cohort/redcap/instruments.py"


def test_every_schema_column_and_value_has_words_for_redcap():
    # Without them the dictionary falls back to the column name: readable, but not what a data manager expects.
    missing = []
    for table in TABLES.values():
        for column in table.columns:
            skip = column.name == "patient_id" or column.name in SET_BY_INGEST or (table.name, column.name) in NOT_COLLECTED
            if not skip and table.name != "labs" and (table.name, column.name) not in FIELD_TEXT:
                missing.append(f"label for {table.name}.{column.name}")
            labels = LAB_LABELS if (table.name, column.name) == ("labs", "analyte") else VALUE_LABELS
            for value in column.allowed or () if not skip else ():
                if value not in labels:
                    missing.append(f"choice label for {table.name}.{column.name} = {value}")
        for time in table.times:
            if (table.name, time.day) not in TIME_LABELS:
                missing.append(f"label for the time {table.name}.{time.day}")
    assert set(ANALYTES) <= set(LAB_UNITS), "every analyte needs its units"
    assert not missing, "add to graftline/cohort/redcap/instruments.py: " + "; ".join(missing)


def test_choice_codes_are_graftlines_values():
    fields, maps = graftline_dictionary()
    by_name = {f.field_name: f for f in fields}
    for field_map in maps:
        field = by_name[field_map.field]
        table = TABLES[field_map.table]
        if field_map.column in table.column_names and table.column(field_map.column).kind == "category":
            assert [code for code, _ in field.choice_list] == list(table.column(field_map.column).allowed), field.field_name
            assert not field_map.codes


def test_unit_choices_convert_for_their_analyte():
    _, maps = graftline_dictionary()
    for field_map in maps:
        if field_map.column == "unit":
            for _, spelling in field_map.codes:
                assert conversion_factor(field_map.analyte, spelling) is not None, (field_map.field, spelling)
        if field_map.column == "value" and field_map.unit:
            assert conversion_factor(field_map.analyte, field_map.unit) is not None


def test_bounds_follow_the_schema():
    fields, maps = graftline_dictionary()
    by_name = {f.field_name: f for f in fields}
    age = by_name["pt_age"]
    assert (age.validation, age.validation_min, age.validation_max) == ("number", "0", "120")  # schema: 0-120 years
    # The CD34+ dose is entered in x10^6/kg; the schema's column is cells/kg.
    cd34 = next(m for m in maps if m.column == "cd34_per_kg")
    assert cd34.factor == "1e6" and "x10^6/kg" in by_name[cd34.field].field_label
    bsa = by_name["gvhd_skin_bsa_pct"]
    assert (bsa.validation_min, bsa.validation_max) == ("0", "100")


def test_instruments_cover_every_table_once():
    assert sorted(i.table for i in INSTRUMENTS) == sorted(TABLES)
    repeating = {i.table for i in INSTRUMENTS if i.repeating}
    assert repeating == {t.name for t in TABLES.values() if t.key != ("patient_id",)}


def test_the_checker_reports_broken_dictionaries():
    good = DictionaryField("record_id", "patient", "text", "ID")
    broken = (
        good,
        DictionaryField("Sex", "patient", "radio", "Sex", choices="1, Male | 2, Female"),  # capital letter
        DictionaryField("tx", "treatment", "dropdown", "Therapy", choices="allo Allogeneic | mst MST, MST"),
        DictionaryField("tx2", "treatment", "radio", "Therapy", choices="1, A | 1, B"),
        DictionaryField("age", "patient", "text", "Age", validation="numeric"),  # patient again: not contiguous
        DictionaryField("when", "patient", "list", "When"),
        DictionaryField("d", "patient", "text", "D", validation="date_ymd", validation_min="2020-13"),
        DictionaryField("x", "patient", "text", "X", branching_logic="[nope] = '1'"),
    )
    messages = [p.message for p in check_dictionary(broken)]
    assert any("'Sex': not a valid REDCap variable name" in m for m in messages)
    assert any("choice 'allo Allogeneic' has no code" in m for m in messages)
    assert any("choice code 'mst MST' is not valid" in m for m in messages)
    assert any("choice code '1' appears more than once" in m for m in messages)
    assert any("unknown validation type 'numeric'" in m for m in messages)
    assert any("not in one contiguous block" in m for m in messages)
    assert any("unknown field type 'list'" in m for m in messages)
    assert any("the bound is not a date" in m for m in messages)
    assert any("[nope], which is not a field" in m for m in messages)


def test_cli_writes_the_dictionary_mapping_and_repeating_settings(tmp_path, capsys):
    with pytest.raises(SystemExit) as code:
        main(["redcap", "dictionary", "--out", str(tmp_path / "d.csv")])
    assert code.value.code in (0, None)
    fields, _ = graftline_dictionary()
    assert (tmp_path / "d.csv").read_text(encoding="utf-8") == dictionary_csv(fields)
    for command in ("mapping", "repeating"):
        with pytest.raises(SystemExit):
            main(["redcap", command, "--out", str(tmp_path / f"{command}.csv")])
    with (tmp_path / "repeating.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["form_name"] for r in rows] == [i.form for i in INSTRUMENTS if i.repeating]
