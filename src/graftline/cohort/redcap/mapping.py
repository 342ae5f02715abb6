"""Which REDCap field holds which canonical column: the mapping file.

graftline's own data dictionary carries its mapping (every field was made
from a canonical column). A project built from a centre's own dictionary
adds a small CSV file, one row per field::

    field,table,column,analyte,unit,factor,codes
    dob,patients,birth_date,,,,
    tx_type,treatments,modality,,,,1=allo_hsct|2=mst|3=chemo
    cd34,treatments,cd34_per_kg,,,1e6,
    anc_value,labs,value,anc,/uL,,
    visit_date,labs,date,,,,

- ``table``, ``column``: the canonical table and column (a time as its
  ``date`` or ``day`` name), as in docs/data-model.md; the record ID is
  always ``patient_id`` and needs no row;
- ``analyte``: for the labs, the analyte a field holds when the form has
  one field per analyte (ANC, platelets, ...); its unit comes from a field
  mapped to ``labs,unit`` with the same analyte, or from ``unit``;
- ``factor``: the field holds the canonical value divided by this (a CD34+
  dose entered as x10^6/kg has factor ``1e6``);
- ``codes``: ``code=value`` pairs separated by ``|``, for a choice field
  whose codes are not graftline's values.

Rows of a centre's mapping override graftline's for the same field, so a
project that started from graftline's dictionary and changed a few fields
maps only those. Every problem names the mapping file's row; a required
canonical column that no field feeds is an error naming the column.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from graftline.cohort.problems import Problem
from graftline.cohort.readers import SET_BY_INGEST, input_columns
from graftline.cohort.redcap.format import NUMBER_VALIDATIONS, DictionaryField
from graftline.cohort.schema import ANALYTES, TABLES
from graftline.cohort.staging import FALSE_WORDS, TRUE_WORDS
from graftline.cohort.units import conversion_factor
from graftline.errors import InputError

HEADER = ("field", "table", "column", "analyte", "unit", "factor", "codes")


@dataclass(frozen=True)
class FieldMap:
    """One REDCap field -> one canonical column (one row of a mapping file)."""

    field: str
    table: str
    column: str
    analyte: str | None = None
    unit: str | None = None
    factor: str | None = None
    codes: tuple[tuple[str, str], ...] = ()
    #: Row of the mapping file (header = row 1); 0 for graftline's own mapping.
    row: int = 0

    def row_values(self) -> tuple[str, ...]:
        codes = "|".join(f"{code}={value}" for code, value in self.codes)
        return (self.field, self.table, self.column, self.analyte or "", self.unit or "", self.factor or "", codes)


@dataclass(frozen=True)
class TableMap:
    """The fields that feed one canonical table.

    ``columns`` maps a column to its fields (several fields, e.g. one date
    per instrument, are read in order: the first non-empty wins).
    ``analytes`` (labs with one field per analyte) maps an analyte to its
    own columns (value, unit, qualifier).
    """

    table: str
    columns: dict[str, tuple[FieldMap, ...]] = field(default_factory=dict)
    analytes: dict[str, dict[str, tuple[FieldMap, ...]]] = field(default_factory=dict)

    @property
    def field_maps(self) -> tuple[FieldMap, ...]:
        maps = [m for ms in self.columns.values() for m in ms]
        maps += [m for group in self.analytes.values() for ms in group.values() for m in ms]
        return tuple(maps)


@dataclass(frozen=True)
class Mapping:
    """A resolved mapping: the record ID field and, per table, its fields."""

    record_id: str
    tables: dict[str, TableMap]
    #: Every field map by field name.
    by_field: dict[str, FieldMap]

    def fields_of(self, table: str, column: str) -> tuple[str, ...]:
        """The fields that feed ``table.column`` (any analyte)."""
        if column == "patient_id":
            return (self.record_id,)
        table_map = self.tables.get(table)
        if table_map is None:
            return ()
        names = [m.field for m in table_map.columns.get(column, ())]
        for group in table_map.analytes.values():
            names += [m.field for m in group.get(column, ())]
        return tuple(names)


def read_mapping(path: str | os.PathLike) -> tuple[tuple[FieldMap, ...], list[Problem]]:
    """Read a mapping file; syntax problems come back located by row and column."""
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InputError(f"{path}: cannot be read as a mapping file (CSV, UTF-8): {error}") from None
    if not rows:
        raise InputError(f"{path.name}: the file is empty; expected a header {','.join(HEADER)}")
    header = [cell.strip().lower() for cell in rows[0]]
    missing = [name for name in HEADER[:3] if name not in header]
    if missing:
        raise InputError(f"{path.name} row 1: no column {', '.join(missing)}; expected the header {','.join(HEADER)}")
    unknown = [name for name in header if name and name not in HEADER]
    problems = [Problem(path.name, 1, name, None, f"unknown column {name!r}; it is ignored", "one of " + ", ".join(HEADER),
                        "warning") for name in unknown]
    maps = []
    for number, row in enumerate(rows[1:], start=2):
        cells = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)}
        if not any(cells.values()):
            continue
        codes = []
        for item in filter(None, (part.strip() for part in cells.get("codes", "").split("|"))):
            code, sep, value = item.partition("=")
            if not sep or not code.strip():
                problems.append(Problem(path.name, number, "codes", item, f"{item!r} is not code=value",
                                        "code=value pairs separated by |, e.g. 1=allo_hsct|2=mst", "error"))
                continue
            codes.append((code.strip(), value.strip()))
        maps.append(FieldMap(
            cells["field"], cells["table"].lower(), cells["column"].lower(),
            cells.get("analyte", "").lower() or None, cells.get("unit") or None, cells.get("factor") or None,
            tuple(codes), row=number,
        ))
    return tuple(maps), problems


def resolve(
    dictionary: tuple[DictionaryField, ...],
    maps: tuple[FieldMap, ...],
    *,
    builtin: tuple[FieldMap, ...] = (),
    mapping_file: str = "mapping.csv",
    dictionary_file: str = "dictionary.csv",
) -> tuple[Mapping, list[Problem]]:
    """Check ``maps`` (a centre's, over graftline's ``builtin``) against a dictionary.

    Returns the mapping and its problems: fields that do not exist, columns
    that do not exist, choice codes without a graftline value, required
    columns no field feeds, and (as warnings) dictionary fields left unmapped.
    """
    by_name = {f.field_name: f for f in dictionary}
    record_id = dictionary[0].field_name
    problems: list[Problem] = []
    chosen: dict[str, FieldMap] = {m.field: m for m in builtin if m.field in by_name}
    for field_map in maps:
        file = mapping_file
        if field_map.field not in by_name:
            problems.append(Problem(file, field_map.row or None, "field", field_map.field,
                                    f"field {field_map.field!r} is not in the data dictionary {dictionary_file}",
                                    "a variable name of the dictionary", "error"))
            continue
        chosen[field_map.field] = field_map
    chosen.pop(record_id, None)  # the record ID is patient_id everywhere
    checked, placed = {}, {}
    for name, field_map in chosen.items():
        found = _check_map(field_map, by_name[name], mapping_file)
        problems += found
        if not any(p.severity == "error" for p in found):
            checked[name] = field_map
        if not any(p.severity == "error" and p.column in ("table", "column") for p in found):
            placed[name] = field_map  # its problem is in its values: the column counts as mapped

    def table_maps(maps: dict[str, FieldMap]) -> dict[str, TableMap]:
        tables: dict[str, TableMap] = {}
        for field_map in sorted(maps.values(), key=lambda m: dictionary.index(by_name[m.field])):
            table_map = tables.setdefault(field_map.table, TableMap(field_map.table))
            if field_map.analyte is not None:
                group = table_map.analytes.setdefault(field_map.analyte, {})
                group[field_map.column] = group.get(field_map.column, ()) + (field_map,)
            else:
                table_map.columns[field_map.column] = table_map.columns.get(field_map.column, ()) + (field_map,)
        return tables

    mapping = Mapping(record_id, table_maps(checked), checked)
    problems += _required(Mapping(record_id, table_maps(placed), placed), mapping_file)
    mapped = set(chosen) | {record_id}
    for dictionary_field in dictionary:
        if dictionary_field.field_name not in mapped and dictionary_field.field_type not in ("descriptive",):
            problems.append(Problem(
                dictionary_file, dictionary_field.row or None, "Variable / Field Name", dictionary_field.field_name,
                f"field {dictionary_field.field_name!r} (form {dictionary_field.form_name}) is not mapped to a "
                "canonical column; its values are not read",
                f"a row for it in {mapping_file} if graftline should read it", "warning",
            ))
    return mapping, problems


def _check_map(field_map: FieldMap, dictionary_field: DictionaryField, file: str) -> list[Problem]:
    row = field_map.row or None
    name = field_map.field

    def error(column: str, value: str | None, message: str, expected: str, severity: str = "error") -> Problem:
        return Problem(file, row, column, value, f"field {name!r}: {message}", expected, severity)

    table = TABLES.get(field_map.table)
    if table is None:
        return [error("table", field_map.table, f"unknown table {field_map.table!r}", "one of " + ", ".join(TABLES))]
    accepted = [c for c in input_columns(table) if c != "patient_id"]
    if field_map.column not in accepted:
        why = " (set by ingest)" if field_map.column in SET_BY_INGEST else ""
        return [error("column", field_map.column, f"table {table.name} has no column {field_map.column!r} to map{why}",
                      "one of " + ", ".join(accepted))]
    problems = []
    if field_map.analyte is not None:
        if table.name != "labs" or field_map.column not in ("value", "unit", "qualifier"):
            problems.append(error("analyte", field_map.analyte, "an analyte is given only for labs value, unit or qualifier fields",
                                  "an empty cell"))
        elif field_map.analyte not in ANALYTES:
            problems.append(error("analyte", field_map.analyte, f"unknown analyte {field_map.analyte!r}",
                                  "one of " + ", ".join(ANALYTES)))
    if field_map.unit is not None:
        if (table.name, field_map.column) != ("labs", "value") or field_map.analyte is None:
            problems.append(error("unit", field_map.unit, "a fixed unit is given only for a labs value field with its analyte",
                                  "an empty cell"))
        elif field_map.analyte in ANALYTES and conversion_factor(field_map.analyte, field_map.unit) is None:
            problems.append(error("unit", field_map.unit, f"{field_map.unit!r} is not a unit for {field_map.analyte}",
                                  "a unit of docs/data-model.md's unit table"))
    kind = _column_kind(table, field_map.column)
    if field_map.factor is not None:
        try:
            factor = Decimal(field_map.factor)
        except InvalidOperation:
            factor = None
        if factor is None or not factor.is_finite() or factor <= 0:
            problems.append(error("factor", field_map.factor, "the factor is not a positive number", "e.g. 1e6"))
        elif kind not in ("number", "integer"):
            problems.append(error("factor", field_map.factor, f"a factor applies to numbers, not to a {kind} column",
                                  "an empty cell"))
    if dictionary_field.field_type == "checkbox":
        problems.append(error("field", name, "a checkbox field (one column per choice) cannot feed one canonical column",
                              "a radio, dropdown, yesno or text field"))
        return problems
    problems += _check_values(field_map, dictionary_field, table.name, kind, error)
    return problems


def _column_kind(table, column: str) -> str:
    for time in table.times:
        if column == time.day:
            return "integer"
        if column == time.date:
            return "date"
    return table.column(column).kind


def _check_values(field_map: FieldMap, dictionary_field: DictionaryField, table: str, kind: str, error) -> list[Problem]:
    """Do the field's values (its choice codes, or its validation) suit the column?"""
    choices = dictionary_field.choice_list
    given = dict(field_map.codes)
    codes = [code for code, _ in choices]
    problems = [error("codes", code, f"code {code!r} is not a choice of the field", "one of " + ", ".join(codes))
                for code in given if code not in codes]
    if choices:
        values = {code: given.get(code, code) for code in codes}
        bad = [f"{code} ({label})" for code, label in choices if not _acceptable(table, field_map, kind, values[code])]
        if bad:
            target = f"{table}.{field_map.column}"
            problems.append(error(
                "codes", ", ".join(bad),
                f"choices {', '.join(bad)} have no graftline value for {target}",
                f"codes=code=value pairs giving each choice one of {_accepted_text(table, field_map, kind)}",
            ))
        return problems
    if field_map.codes:
        problems.append(error("codes", None, f"a {dictionary_field.field_type} field has no choices to translate", "an empty cell"))
    validation = dictionary_field.validation
    if kind == "date" and not dictionary_field.is_date:
        problems.append(error("field", validation or dictionary_field.field_type,
                              "mapped to a date, but the field is not validated as a date", "text validated as date_ymd",
                              "warning"))
    if kind in ("number", "integer") and dictionary_field.field_type in ("text", "notes") \
            and validation not in ("integer", *NUMBER_VALIDATIONS):
        problems.append(error("field", validation or dictionary_field.field_type,
                              f"mapped to a {kind}, but the field is not validated as a number",
                              "text validated as number or integer", "warning"))
    return problems


def _acceptable(table: str, field_map: FieldMap, kind: str, value: str) -> bool:
    if (table, field_map.column) == ("labs", "unit"):
        analytes = [field_map.analyte] if field_map.analyte else list(ANALYTES)
        return any(conversion_factor(a, value) is not None for a in analytes)
    if kind == "category":
        allowed = TABLES[table].column(field_map.column).allowed or ()
        return value.strip().lower().replace(" ", "_").replace("-", "_") in allowed
    if kind == "boolean":
        return value.strip().lower() in TRUE_WORDS + FALSE_WORDS
    if kind in ("number", "integer"):
        try:
            number = float(value)
        except ValueError:
            return False
        return kind == "number" or number.is_integer()
    return True


def _accepted_text(table: str, field_map: FieldMap, kind: str) -> str:
    if (table, field_map.column) == ("labs", "unit"):
        return "a unit spelling such as 10^9/L, /uL, g/dL"
    if kind == "category":
        return ", ".join(TABLES[table].column(field_map.column).allowed or ())
    if kind == "boolean":
        return "yes or no"
    return f"a {kind}"


def _required(mapping: Mapping, file: str) -> list[Problem]:
    """Required columns of each mapped table (and the required tables) that no field feeds."""
    problems = []

    def missing(table: str, what: str, expected: str) -> None:
        problems.append(Problem(file, None, None, None, f"unmapped required field: {what}", expected, "error"))

    for table in TABLES.values():
        table_map = mapping.tables.get(table.name)
        if table_map is None:
            columns = [c for c in table.required_columns if c != "patient_id"]
            # patients needs only the record ID: every record is a patient.
            if table.required and columns:
                missing(table.name, f"no field is mapped to table {table.name}, which every cohort needs "
                        f"(at least {', '.join(f'{table.name}.{c}' for c in columns)})",
                        f"a row <field>,{table.name},<column> for each")
            continue
        for column in table.required_columns:
            if column in ("patient_id", *SET_BY_INGEST):
                continue
            if column in table_map.columns:
                continue
            if table.name == "labs" and column in ("value", "unit", "analyte") and table_map.analytes:
                continue  # checked per analyte below
            missing(table.name, f"{table.name}.{column} is required but no field is mapped to it",
                    f"a row <field>,{table.name},{column}")
        for time in table.times:
            if time.required and time.day not in table_map.columns and time.date not in table_map.columns:
                missing(table.name, f"{table.name} needs a time, but no field is mapped to {table.name}.{time.date} "
                        f"or {table.name}.{time.day}",
                        f"a row <field>,{table.name},{time.date} (a date field) or <field>,{table.name},{time.day}")
        for analyte, group in table_map.analytes.items():
            if "value" not in group:
                missing(table.name, f"labs {analyte}: a unit or qualifier field is mapped but no value field",
                        f"a row <field>,labs,value,{analyte}")
                continue
            fixed = all(m.unit for m in group["value"])
            if "unit" not in group and "unit" not in table_map.columns and not fixed:
                missing(table.name, f"labs {analyte}: no unit (a count without a unit is never guessed)",
                        f"a row <unit field>,labs,unit,{analyte}, or the unit in the value field's row")
    return problems
