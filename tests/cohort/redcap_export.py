"""Test helper: write canonical cohort tables as a REDCap export, the way REDCap would.

Independent of graftline's REDCap reader: it reads only the two files a
user sees - the data dictionary and the mapping written by
``graftline redcap dictionary`` / ``graftline redcap mapping`` - with the
csv module, and lays the tables out as REDCap's CSV export does: one base
row per record (per event, in a longitudinal project) holding the
non-repeating instruments, then one row per instance of each repeating
instrument, ``<form>_complete`` after each form's fields. The labels form
writes field labels as the header and choice labels as values.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

#: Tables with one row per patient live in non-repeating instruments.
ONE_ROW_PER_PATIENT = ("patients", "treatments", "followup")
#: Events of the longitudinal layout: which tables each holds.
EVENTS = {
    "enrolment_arm_1": ("patients", "treatments"),
    "treatment_arm_1": ("labs", "transfusions", "gvhd_assessments", "chimerism", "disease_assessments",
                        "infections", "adverse_events"),
    "follow_up_arm_1": ("followup",),
}
EVENT_LABELS = {"enrolment_arm_1": "Enrolment (Arm 1: Arm 1)", "treatment_arm_1": "Treatment (Arm 1: Arm 1)",
                "follow_up_arm_1": "Follow-up (Arm 1: Arm 1)"}


@dataclass(frozen=True)
class Field:
    name: str
    form: str
    kind: str
    label: str
    choices: dict[str, str]


def read_dictionary(path: Path) -> list[Field]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    fields = []
    for row in rows[1:]:
        choices = {}
        for item in row[5].split("|"):
            if item.strip():
                code, _, label = item.partition(",")
                choices[code.strip()] = label.strip()
        if row[3] == "yesno":
            choices = {"1": "Yes", "0": "No"}
        fields.append(Field(row[0], row[1], row[3], row[4], choices))
    return fields


def read_mapping(path: Path) -> dict[str, dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["field"]: row for row in csv.DictReader(handle)}


def _text(value) -> str:
    if hasattr(value, "item"):  # a NumPy scalar
        value = value.item()
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def redcap_export(tables: dict[str, pd.DataFrame], dictionary: Path, mapping: Path, out: Path, *,
                  labels: bool = False, longitudinal: bool = False) -> Path:
    """Write ``tables`` as REDCap's CSV export of a project with ``dictionary``; returns ``out``."""
    fields = read_dictionary(dictionary)
    maps = read_mapping(mapping)
    record_id = fields[0]
    forms = list(dict.fromkeys(f.form for f in fields))
    form_table = {}
    for field in fields[1:]:
        if field.name in maps:
            form_table[field.form] = maps[field.name]["table"]
    form_table[record_id.form] = form_table.get(record_id.form, "patients")
    header = [record_id.name] + (["redcap_event_name"] if longitudinal else []) + [
        "redcap_repeat_instrument", "redcap_repeat_instance"]
    for form in forms:
        header += [f.name for f in fields[1:] if f.form == form] + [f"{form}_complete"]
    by_field = {f.name: f for f in fields}

    inverse_codes = {name: {v: c for c, v in (item.split("=", 1) for item in spec["codes"].split("|") if item)}
                     for name, spec in maps.items()}

    def cell(field_name: str, value) -> str:
        spec = maps[field_name]
        text = _text(value)
        if not text:
            return ""
        codes = inverse_codes[field_name]
        if spec["factor"]:
            text = format((Decimal(text) / Decimal(spec["factor"])).normalize(), "f")
        text = codes.get(text, text)
        field = by_field[field_name]
        if labels and field.choices:
            return field.choices[text]
        return text

    def row_for(patient: str, form_values: dict[str, str], event: str | None, instrument: str, instance) -> dict:
        row = {record_id.name: patient}
        if longitudinal:
            row["redcap_event_name"] = EVENT_LABELS[event] if labels else event
        row["redcap_repeat_instrument"] = instrument.replace("_", " ").title() if labels and instrument else instrument
        row["redcap_repeat_instance"] = str(instance) if instance else ""
        row.update(form_values)
        return row

    by_target: dict[tuple[str, str, str], list[str]] = {}
    for name, spec in maps.items():
        by_target.setdefault((spec["table"], spec["column"], spec["analyte"]), []).append(name)

    def fields_of(table: str, column: str, analyte: str = "") -> list[str]:
        return by_target.get((table, column, analyte), [])

    def values_for(table: str, record: dict) -> dict[str, str]:
        values = {}
        for column, value in record.items():
            for name in fields_of(table, str(column)):
                values[name] = cell(name, value)
        return values

    def complete(form: str) -> dict[str, str]:
        return {f"{form}_complete": "Complete" if labels else "2"}

    rows = []
    grouped: dict[str, dict[str, list[dict]]] = {}
    for name, frame in tables.items():
        for record in frame.to_dict(orient="records"):
            grouped.setdefault(name, {}).setdefault(record.pop("patient_id"), []).append(record)
    events = EVENTS if longitudinal else {None: tuple(tables)}
    for patient in tables["patients"]["patient_id"]:
        for event, event_tables in events.items():
            base: dict[str, str] = {}
            for form in forms:
                table = form_table[form]
                if table in ONE_ROW_PER_PATIENT and table in event_tables and patient in grouped[table]:
                    base.update(values_for(table, grouped[table][patient][0]))
                    base.update(complete(form))
            if base or event in (None, "enrolment_arm_1"):
                rows.append(row_for(patient, base, event, "", None))
            for form in forms:
                table = form_table[form]
                if table in ONE_ROW_PER_PATIENT or table not in event_tables or patient not in grouped.get(table, {}):
                    continue
                records = grouped[table][patient]
                if table == "labs":
                    instances = _lab_instances(records, fields_of, cell)
                else:
                    instances = [values_for(table, record) for record in records]
                for number, values in enumerate(instances, start=1):
                    rows.append(row_for(patient, {**values, **complete(form)}, event, form, number))
    out_header = header
    if labels:
        special = {"redcap_event_name": "Event Name", "redcap_repeat_instrument": "Repeat Instrument",
                   "redcap_repeat_instance": "Repeat Instance"}
        out_header = [special.get(name) or (by_field[name].label if name in by_field else "Complete?")
                      for name in header]
    with out.open("w", newline="", encoding="utf-8-sig") as handle:  # REDCap writes a BOM
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(out_header)
        for row in rows:
            writer.writerow([row.get(name, "") for name in header])
    return out


def _lab_instances(records: list[dict], fields_of, cell) -> list[dict[str, str]]:
    """One instance per blood draw (patient and day or date): each analyte in its own field."""
    keys = [c for c in ("date", "day") if c in records[0]]
    instances: list[dict[str, str]] = []
    last = None
    for lab in records:
        draw = tuple(_text(lab[k]) for k in keys)
        if draw != last:
            instances.append({name: cell(name, lab[k]) for k in keys for name in fields_of("labs", k)})
            last = draw
        for column in ("value", "unit"):
            for name in fields_of("labs", column, lab["analyte"]):
                instances[-1][name] = cell(name, lab[column])
    return instances
