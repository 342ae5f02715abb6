"""Turn a REDCap export into the canonical tables, remembering where each value came from.

Each export row holds one record's base row (its non-repeating instruments,
per event) or one instance of a repeating instrument. A canonical row is
made for each export row in which a table's mapped fields hold a value; the
labs, entered as one field per analyte, give one row per analyte measured.
Every patient with a base row gets a ``patients`` row, even with an empty
patient form: the REDCap record is the patient.

Nothing is checked here that the canonical validation checks: values are
decoded (choice labels to codes, codes to graftline's values, x10^6 fields
to cells) and handed on as text. Checked here is only what the canonical
tables cannot see: the export's own structure (record IDs, repeat
instances, base rows) and values that are not in their field's choice list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import numpy as np
import pandas as pd

from graftline.cohort.readers import input_columns
from graftline.cohort.redcap.export import (
    EVENT,
    REPEAT_INSTANCE,
    REPEAT_INSTRUMENT,
    Export,
    ExportIssue,
    normalise_label,
)
from graftline.cohort.redcap.format import DATETIME_VALIDATIONS, DictionaryField
from graftline.cohort.redcap.mapping import FieldMap, Mapping
from graftline.cohort.schema import TABLES

#: Choices listed in a message before "...".
SHOWN_CHOICES = 12


@dataclass
class ConvertedTable:
    """A canonical table made from the export, with each row's origin.

    ``position`` is each row's export data row (0-based); ``fields`` names,
    per canonical column, the REDCap field its value came from: one name
    for the whole column, or one per row where several fields feed it.
    """

    name: str
    frame: pd.DataFrame
    position: np.ndarray
    fields: dict[str, str | np.ndarray] = field(default_factory=dict)

    def field_at(self, index: int, column: str) -> str | None:
        names = self.fields.get(column)
        if names is None or isinstance(names, str):
            return names
        name = names[index]
        return name or None


@dataclass
class Coordinates:
    """REDCap's coordinates of every export row."""

    record: np.ndarray
    event: np.ndarray
    instrument: np.ndarray
    instance: np.ndarray

    def at(self, position: int) -> tuple[str | None, str | None, str | None, int | None]:
        instance = self.instance[position]
        return (
            self.record[position] or None,
            self.event[position] or None,
            self.instrument[position] or None,
            int(instance) if instance.isdigit() else None,
        )


@dataclass
class Conversion:
    """The canonical tables made from an export, the problems found, and the way back."""

    export: Export
    mapping: Mapping
    coordinates: Coordinates
    tables: dict[str, ConvertedTable]
    issues: list[ExportIssue]
    #: Records with rows only in repeating instruments (their unknown-patient errors are this one).
    records_without_base: set[str]
    #: Raw text (as exported) of each mapped field, for messages.
    raw: dict[str, np.ndarray]
    #: The form (instrument) of each dictionary field.
    forms: dict[str, str] = field(default_factory=dict)


def convert(export: Export, mapping: Mapping, dictionary: tuple[DictionaryField, ...]) -> Conversion:
    """The canonical tables of ``export`` read through ``mapping`` (see the module docstring)."""
    frame = export.frame
    record = _text(frame[export.record_id])
    forms = {f.form_name for f in dictionary}
    coordinates = Coordinates(
        record, _text(export.special(EVENT)), _instrument_names(_text(export.special(REPEAT_INSTRUMENT)), forms),
        _text(export.special(REPEAT_INSTANCE)),
    )
    issues = list(export.issues)
    issues += _structure_issues(export, coordinates)
    without_base = _records_without_base(coordinates)
    for name in sorted(without_base):
        position = int(np.nonzero(coordinates.record == name)[0][0])
        instruments = sorted({i for i in coordinates.instrument[coordinates.record == name] if i})
        issues.append(ExportIssue(
            position, export.record_id, name,
            f"record {name!r} has rows only in repeating instruments ({', '.join(instruments)}) and no base record "
            "row (the row without redcap_repeat_instrument that holds the patient's non-repeating forms)",
            "a base row for every record: export all instruments, and check the record ID", "error",
        ))
    by_name = {f.field_name: f for f in dictionary}
    decoded: dict[str, np.ndarray] = {}
    raw: dict[str, np.ndarray] = {export.record_id: record}
    for name, field_map in mapping.by_field.items():
        if name in frame.columns:
            raw[name] = _text(frame[name])
            decoded[name], found = _decode(raw[name], by_name[name], field_map, export.values)
            issues += found
    tables = {}
    for table_name in TABLES:
        table_map = mapping.tables.get(table_name)
        maps = table_map.field_maps if table_map is not None else ()
        present = [m for m in maps if m.field in decoded]
        if not present and table_name != "patients":
            continue
        converted, found = _table(table_name, present, decoded, coordinates, without_base)
        tables[table_name] = converted
        issues += found
    return Conversion(export, mapping, coordinates, tables, issues, without_base, raw,
                      {f.field_name: f.form_name for f in dictionary[1:]})


def _text(values) -> np.ndarray:
    """The values as stripped Python strings ('' for a missing cell)."""
    array = values.to_numpy(dtype=object) if isinstance(values, pd.Series) else np.asarray(values, dtype=object)
    out = np.full(len(array), "", dtype=object)
    # Most cells of an export are empty (a row holds one instrument's fields): strip only the others.
    filled = np.flatnonzero(array != "")
    out[filled] = [v.strip() if isinstance(v, str) else "" for v in array[filled]]
    return out


def _translate(values: np.ndarray, translate) -> np.ndarray:
    """``translate(value)`` for each distinct value, spread back (exports repeat few distinct values)."""
    codes, uniques = pd.factorize(values)
    return np.array([translate(u) for u in uniques] + [None], dtype=object)[codes]


def _instrument_names(values: np.ndarray, forms: set[str]) -> np.ndarray:
    """Repeat-instrument labels (a labels export) back to form names where they match one."""
    lookup = {normalise_label(form.replace("_", " ")): form for form in forms}
    lookup.update({form: form for form in forms})
    unique = {v: lookup.get(v, lookup.get(normalise_label(v), v)) for v in set(values)}
    return np.array([unique[v] for v in values], dtype=object)


def _structure_issues(export: Export, at: Coordinates) -> list[ExportIssue]:
    issues = []
    record_id = export.record_id
    for position in np.nonzero(at.record == "")[0]:
        issues.append(ExportIssue(int(position), record_id, "", "the record ID is empty", "the record's ID"))
    repeating = at.instrument != ""
    for position in np.nonzero(repeating & (at.instance == ""))[0]:
        issues.append(ExportIssue(
            int(position), REPEAT_INSTANCE, "",
            f"missing repeat instance: the row is an instance of {at.instrument[position]} but has no instance number",
            "the instance number (1, 2, ...) in redcap_repeat_instance", "error",
        ))
    bad = np.array([v != "" and not (v.isdigit() and int(v) >= 1) for v in at.instance], dtype=bool)
    for position in np.nonzero(bad)[0]:
        issues.append(ExportIssue(int(position), REPEAT_INSTANCE, at.instance[position],
                                  f"repeat instance {at.instance[position]!r} is not a whole number of 1 or more",
                                  "1, 2, ...", "error"))
    keys = pd.DataFrame({"r": at.record, "e": at.event, "i": at.instrument, "n": at.instance})
    duplicated = keys.duplicated(keep="first").to_numpy()
    if duplicated.any():
        first = keys.reset_index().groupby(["r", "e", "i", "n"], sort=False)["index"].transform("min").to_numpy()
        for position in np.nonzero(duplicated)[0]:
            issues.append(ExportIssue(
                int(position), record_id, at.record[position],
                f"this record, event, instrument and instance appear twice (first at row {first[position] + 2})",
                "each record's base row and each instance once", "error",
            ))
    return issues


def _records_without_base(at: Coordinates) -> set[str]:
    has_rows = set(at.record[at.record != ""])
    with_base = set(at.record[(at.record != "") & (at.instrument == "")])
    return has_rows - with_base


_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2})?")


def _decode(raw: np.ndarray, dictionary_field: DictionaryField, field_map: FieldMap, kind: str) -> tuple[np.ndarray, list[ExportIssue]]:
    """A field's values as graftline reads them: choice codes translated, units scaled."""
    values = raw
    issues: list[ExportIssue] = []
    choices = dictionary_field.choice_list
    if choices:
        if kind == "labels":
            lookup = {normalise_label(label): code for code, label in choices}
            keys = {v: normalise_label(v) for v in pd.unique(values)}
        else:
            lookup = {code: code for code, _ in choices}
            keys = {v: v for v in pd.unique(values)}
        codes = dict(field_map.codes)
        translate = {}
        for value, key in keys.items():
            if value == "":
                translate[value] = ""
            elif key in lookup:
                code = lookup[key]
                translate[value] = codes.get(code, code)
            else:
                translate[value] = None
        unknown = [v for v, t in translate.items() if t is None]
        if unknown:
            listed = " | ".join(f"{code}, {label}" for code, label in choices[:SHOWN_CHOICES])
            listed += " | ..." if len(choices) > SHOWN_CHOICES else ""
            what = "label" if kind == "labels" else "code"
            for position in np.nonzero(np.isin(values, unknown))[0]:
                issues.append(ExportIssue(
                    int(position), field_map.field, values[position],
                    f"{values[position]!r} is not a {what} of the choice list of field {field_map.field}",
                    f"one of {listed}", "error",
                ))
        values = _translate(values, lambda v: translate[v] if translate[v] is not None else v)
    elif dictionary_field.validation in DATETIME_VALIDATIONS:
        values = _translate(values, lambda v: v[:10] if _DATETIME.fullmatch(v) else v)
    elif "comma_decimal" in dictionary_field.validation:
        values = _translate(values, lambda v: v.replace(",", "."))
    if field_map.factor is not None:
        factor = Decimal(field_map.factor)
        values = _translate(values, lambda v: _scale(v, factor))
    return values, issues


def _scale(text: str, factor: Decimal) -> str:
    """``4.5`` x 1e6 -> ``4500000``, in decimal arithmetic (no binary rounding on the way)."""
    if not text:
        return text
    try:
        number = Decimal(text) * factor
    except InvalidOperation:
        return text  # not a number: the canonical validation says so
    if not number.is_finite():
        return text
    return format(number.normalize(), "f") if number == number.to_integral_value() else format(number, "f")


def _table(name: str, maps: list[FieldMap], decoded: dict[str, np.ndarray], at: Coordinates,
           without_base: set[str]) -> tuple[ConvertedTable, list[ExportIssue]]:
    """One canonical table from the fields that feed it (see the module docstring)."""
    issues: list[ExportIssue] = []
    n = len(at.record)
    shared: dict[str, list[FieldMap]] = {}
    groups: dict[str, dict[str, list[FieldMap]]] = {}
    for field_map in maps:
        if field_map.analyte is not None:
            groups.setdefault(field_map.analyte, {}).setdefault(field_map.column, []).append(field_map)
        else:
            shared.setdefault(field_map.column, []).append(field_map)
    columns: dict[str, np.ndarray] = {}
    fields: dict[str, str | np.ndarray] = {}
    for column, column_maps in shared.items():
        columns[column], fields[column], found = _coalesce(name, column, column_maps, decoded)
        issues += found
    parts = []  # (positions, rank in the form, {column: values}, {column: fields})
    if name != "labs" or "value" in shared or "analyte" in shared:
        # Labs entered one measurement per instance (analyte, value, unit fields)
        # make a row per instance with a value; the other tables a row per
        # instance with any value.
        driving = maps if name != "labs" else [m for c in ("analyte", "value") for m in shared.get(c, [])]
        non_empty = np.zeros(n, dtype=bool)
        for field_map in driving:
            non_empty |= decoded[field_map.field] != ""
        if name == "patients":
            non_empty |= _first_base_rows_without_data(at, non_empty, without_base)
        positions = np.nonzero(non_empty)[0]
        parts.append((positions, -1, {c: v[positions] for c, v in columns.items()},
                      {c: (f if isinstance(f, str) else f[positions]) for c, f in fields.items()}))
    for rank, (analyte, group) in enumerate(groups.items()):
        value, value_fields, found = _coalesce(name, "value", group["value"], decoded) if "value" in group else (None, None, [])
        issues += found
        if value is None:
            continue
        positions = np.nonzero(value != "")[0]
        part_columns = {c: v[positions] for c, v in columns.items()}
        part_fields = {c: (f if isinstance(f, str) else f[positions]) for c, f in fields.items()}
        part_columns["analyte"] = np.full(len(positions), analyte, dtype=object)
        part_fields["analyte"] = value_fields if isinstance(value_fields, str) else value_fields[positions]
        part_columns["value"] = value[positions]
        part_fields["value"] = part_fields["analyte"]
        for column in ("unit", "qualifier"):
            if column in group:
                values, names, found = _coalesce(name, column, group[column], decoded)
                issues += found
                own = values[positions]
                given = part_columns.get(column)
                part_columns[column] = own if given is None else np.where(own != "", own, given)
                own_fields = names if isinstance(names, str) else names[positions]
                part_fields[column] = own_fields
        fixed = [m.unit for m in group["value"] if m.unit]
        if fixed and "unit" not in group:
            given = part_columns.get("unit")
            constant = np.full(len(positions), fixed[0], dtype=object)
            part_columns["unit"] = constant if given is None else np.where(given != "", given, constant)
            part_fields.setdefault("unit", part_fields["value"])
        parts.append((positions, rank, part_columns, part_fields))
    return _assemble(name, parts, at), issues


def _first_base_rows_without_data(at: Coordinates, has_data: np.ndarray, without_base: set[str]) -> np.ndarray:
    """The first base row of each record that has no patients data anywhere (the record is the patient)."""
    base = (at.instrument == "") & (at.record != "")
    with_data = set(at.record[has_data])
    first = pd.Series(at.record).where(base).drop_duplicates(keep="first")
    chosen = np.zeros(len(at.record), dtype=bool)
    for position, record in first.items():
        if isinstance(record, str) and record not in with_data and record not in without_base:
            chosen[position] = True
    return chosen


def _coalesce(table: str, column: str, maps: list[FieldMap], decoded: dict[str, np.ndarray]
              ) -> tuple[np.ndarray, str | np.ndarray, list[ExportIssue]]:
    """The first non-empty of several fields feeding one column; two different values are an error."""
    if len(maps) == 1:
        return decoded[maps[0].field], maps[0].field, []
    values = decoded[maps[0].field].copy()
    names = np.where(values != "", maps[0].field, "").astype(object)
    issues = []
    for field_map in maps[1:]:
        other = decoded[field_map.field]
        clash = (values != "") & (other != "") & (values != other)
        for position in np.nonzero(clash)[0]:
            issues.append(ExportIssue(
                int(position), field_map.field, other[position],
                f"{field_map.field} gives {table}.{column} {other[position]!r} but {names[position]} "
                f"gives {values[position]!r}", f"one value for {table}.{column}", "error",
            ))
        fill = (values == "") & (other != "")
        values[fill] = other[fill]
        names[fill] = field_map.field
    names[names == ""] = maps[0].field
    return values, names, issues


def _assemble(name: str, parts: list, at: Coordinates) -> ConvertedTable:
    """Concatenate the parts in export order (row, then the analyte's place in the form)."""
    table = TABLES[name]
    wanted = ["patient_id"] + [c for c in input_columns(table) if c != "patient_id"]
    present = [c for c in wanted if c == "patient_id" or any(c in p[2] for p in parts)]
    if parts:
        positions = np.concatenate([p[0] for p in parts])
        ranks = np.concatenate([np.full(len(p[0]), p[1]) for p in parts])
    else:
        positions, ranks = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.lexsort((ranks, positions))
    data: dict[str, np.ndarray] = {"patient_id": at.record[positions][order]}
    fields: dict[str, str | np.ndarray] = {}
    for column in present[1:]:
        chunks = [p[2].get(column, np.full(len(p[0]), "", dtype=object)) for p in parts]
        data[column] = np.concatenate(chunks)[order] if chunks else np.zeros(0, dtype=object)
        given = [p[3].get(column, "") for p in parts if len(p[0])]
        constant = {g for g in given if isinstance(g, str)}
        if len(constant) <= 1 and all(isinstance(g, str) for g in given):
            fields[column] = constant.pop() if constant else ""  # one field feeds the whole column
            continue
        names = [np.full(len(p[0]), g, dtype=object) if isinstance(g, str) else g
                 for p in parts for g in [p[3].get(column, "")]]
        fields[column] = np.concatenate(names)[order]
    frame = pd.DataFrame(data, columns=present)
    return ConvertedTable(name, frame, positions[order], fields)
