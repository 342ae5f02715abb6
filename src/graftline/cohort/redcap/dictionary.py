"""graftline's REDCap data dictionary, derived from the canonical schema.

One instrument per canonical table (:data:`~graftline.cohort.redcap.instruments.INSTRUMENTS`):
patient characteristics and treatment once per patient; daily labs,
transfusions, GVHD assessments, chimerism, disease assessments, infections
and adverse events as repeating instruments (one instance per event);
follow-up once per patient. Each column of :mod:`graftline.cohort.schema`
becomes one field (a time becomes a date field and a "days from day 0"
field shown only when the date is empty); the labs become one field per
analyte with its unit. Field types follow the column's kind:

==========  ==================================================
kind        REDCap field
==========  ==================================================
string      ``text``
number      ``text`` validated as ``number`` (schema bounds as min/max)
integer     ``text`` validated as ``integer``, or a ``dropdown`` for
            labelled scales (organ stages, grades)
date        ``text`` validated as ``date_ymd``
boolean     ``yesno``
category    ``radio`` (up to 4 choices) or ``dropdown``; the choice
            codes are graftline's values
==========  ==================================================

:func:`graftline_dictionary` returns the fields and the mapping that reads
them back (:class:`~graftline.cohort.redcap.mapping.FieldMap`), both made
in one walk over the schema, so they cannot disagree.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from graftline.cohort.readers import SET_BY_INGEST
from graftline.cohort.redcap.format import DictionaryField, dictionary_frame, format_choices
from graftline.cohort.redcap.instruments import (
    FIELD_TEXT,
    INSTRUMENTS,
    LAB_LABELS,
    LAB_UNITS,
    NOT_COLLECTED,
    RECORD_ID,
    RECORD_ID_LABEL,
    RECORD_ID_NOTE,
    TIME_BRANCHING,
    TIME_LABELS,
    VALUE_LABEL_OVERRIDES,
    VALUE_LABELS,
    FieldText,
    Instrument,
)
from graftline.cohort.redcap.mapping import FieldMap
from graftline.cohort.schema import ANALYTES, TABLES, Column, Table, TimeField

#: Radio buttons for short choice lists, a dropdown for longer ones.
MAX_RADIO_CHOICES = 4


@cache
def graftline_dictionary() -> tuple[tuple[DictionaryField, ...], tuple[FieldMap, ...]]:
    """graftline's data dictionary and the mapping of its fields to canonical columns.

    Returns
    -------
    fields
        The data dictionary, one :class:`DictionaryField` per REDCap field,
        in form order; the first is the record ID.
    maps
        One :class:`FieldMap` per field except the record ID (which is
        ``patient_id`` in every table).

    Examples
    --------
    >>> fields, maps = graftline_dictionary()
    >>> fields[0].field_name, fields[0].form_name
    ('record_id', 'patient')
    >>> [m.column for m in maps if m.field == "tx_modality"]
    ['modality']
    """
    fields: list[DictionaryField] = []
    maps: list[FieldMap] = []
    for instrument in INSTRUMENTS:
        table = TABLES[instrument.table]
        if instrument.form == INSTRUMENTS[0].form:
            fields.append(DictionaryField(RECORD_ID, instrument.form, "text", RECORD_ID_LABEL, field_note=RECORD_ID_NOTE))
        for item in _form_order(instrument, table):
            if isinstance(item, TimeField):
                made = _time_fields(instrument, table, item)
            elif table.name == "labs" and item.name in ("analyte", "value", "unit"):
                made = _lab_fields() if item.name == "analyte" else []
            else:
                made = [_column_field(instrument, table, item)]
            for field, field_map in made:
                fields.append(field)
                maps.append(field_map)
    return tuple(fields), tuple(maps)


def write_dictionary(path: str | os.PathLike) -> Path:
    """Write graftline's data dictionary as a CSV file REDCap imports (Project Setup > Data Dictionary).

    Written with :func:`graftline.export.write_csv` (safe to open in a
    spreadsheet; no cell of this dictionary is changed by it).
    """
    fields, _ = graftline_dictionary()
    return _write_frame(dictionary_frame(fields), Path(path))


def write_mapping(path: str | os.PathLike) -> Path:
    """Write the mapping of graftline's dictionary (the template for a centre's own)."""
    import pandas as pd

    from graftline.cohort.redcap.mapping import HEADER

    _, maps = graftline_dictionary()
    frame = pd.DataFrame([m.row_values() for m in maps], columns=list(HEADER), dtype="object")
    return _write_frame(frame, Path(path))


def repeating_instruments() -> tuple[tuple[str, str], ...]:
    """``(form_name, custom_form_label)`` of each instrument that repeats (one instance per event).

    The columns of REDCap's "Import Repeating Instruments and Events" (API
    and Project Setup); the label pipes the instance's date into REDCap's
    list of instances.
    """
    return tuple((i.form, f"[{i.prefix}_date] [{i.prefix}_day]") for i in INSTRUMENTS if i.repeating)


def write_repeating(path: str | os.PathLike) -> Path:
    """Write the repeating-instrument settings of graftline's dictionary (``form_name,custom_form_label``)."""
    import pandas as pd

    frame = pd.DataFrame(list(repeating_instruments()), columns=["form_name", "custom_form_label"], dtype="object")
    return _write_frame(frame, Path(path))


def _write_frame(frame, path: Path) -> Path:
    from graftline.export import write_csv

    return write_csv(frame, path)


def _form_order(instrument: Instrument, table: Table) -> list[Column | TimeField]:
    """The collected columns and times, in the instrument's order, then in the schema's (times last)."""
    items: list[Column | TimeField] = [
        c for c in table.columns
        if c.name != "patient_id" and c.name not in SET_BY_INGEST and (table.name, c.name) not in NOT_COLLECTED
    ] + list(table.times)

    def names(item: Column | TimeField) -> tuple[str, ...]:
        return (item.date, item.day) if isinstance(item, TimeField) else (item.name,)

    ordered: list[Column | TimeField] = []
    for name in instrument.order:
        ordered += [item for item in items if name in names(item) and item not in ordered]
    return ordered + [item for item in items if item not in ordered]


def _text(table: Table, name: str) -> FieldText:
    return FIELD_TEXT.get((table.name, name)) or FieldText(name.replace("_", " ").capitalize())


def _column_field(instrument: Instrument, table: Table, column: Column) -> tuple[DictionaryField, FieldMap]:
    text = _text(table, column.name)
    name = text.name or f"{instrument.prefix}_{column.name}"
    note = column.description if text.note is None else text.note
    options = dict(section_header=text.section, field_note=note, branching_logic=text.branching,
                   identifier="y" if text.identifier else "", required="y" if column.required else "")
    if column.kind == "category":
        choices = [(value, VALUE_LABEL_OVERRIDES.get((table.name, column.name, value), VALUE_LABELS.get(value, value)))
                   for value in column.allowed or ()]
        kind = "radio" if len(choices) <= MAX_RADIO_CHOICES else "dropdown"
        field = DictionaryField(name, instrument.form, kind, text.label, choices=format_choices(choices), **options)
    elif column.kind == "boolean":
        field = DictionaryField(name, instrument.form, "yesno", text.label, **options)
    elif column.kind == "integer" and text.choices:
        field = DictionaryField(name, instrument.form, "dropdown", text.label, choices=format_choices(text.choices), **options)
    elif column.kind in ("number", "integer"):
        validation = "integer" if column.kind == "integer" else "number"
        field = DictionaryField(name, instrument.form, "text", text.label, validation=validation,
                                validation_min=_bound(column.minimum, text.factor),
                                validation_max=_bound(column.maximum, text.factor), **options)
    elif column.kind == "date":
        field = DictionaryField(name, instrument.form, "text", text.label, validation="date_ymd", **options)
    else:
        field = DictionaryField(name, instrument.form, "text", text.label, **options)
    return field, FieldMap(name, table.name, column.name, factor=text.factor)


def _bound(bound: float | None, factor: str | None) -> str:
    if bound is None:
        return ""
    value = bound / float(factor) if factor else bound
    return f"{value:g}"


def _time_fields(instrument: Instrument, table: Table, time: TimeField) -> list[tuple[DictionaryField, FieldMap]]:
    what = TIME_LABELS.get((table.name, time.day), time.description)
    condition = TIME_BRANCHING.get((table.name, time.day), "")
    date_name = f"{instrument.prefix}_{time.date}"
    day_name = f"{instrument.prefix}_{time.day}"
    only_without_date = f"[{date_name}] = ''"
    date_field = DictionaryField(
        date_name, instrument.form, "text", f"{what}: date", validation="date_ymd",
        field_note="YYYY-MM-DD", branching_logic=condition,
    )
    day_field = DictionaryField(
        day_name, instrument.form, "text", f"{what}: day from day 0 (only if the date is unknown)",
        validation="integer", field_note="Whole days after the cell infusion (day 0); before it negative.",
        branching_logic=f"{condition} and {only_without_date}" if condition else only_without_date,
    )
    return [(date_field, FieldMap(date_name, table.name, time.date)),
            (day_field, FieldMap(day_name, table.name, time.day))]


def _lab_fields() -> list[tuple[DictionaryField, FieldMap]]:
    """One value field per analyte, each followed by its unit (a choice, unless the unit is fixed)."""
    value_column = TABLES["labs"].column("value")
    made = []
    for index, analyte in enumerate(ANALYTES):
        units = LAB_UNITS[analyte]
        value_name = f"lab_{analyte}"
        fixed = units[0].spelling if len(units) == 1 else None
        label = LAB_LABELS.get(analyte, analyte)
        maximum = "100" if fixed == "%" else ""
        value = DictionaryField(
            value_name, "daily_labs", "text", label,
            validation="number", validation_min=f"{value_column.minimum:g}", validation_max=maximum,
            section_header="Blood counts and chemistry (leave empty what was not measured)" if index == 0 else "",
        )
        made.append((value, FieldMap(value_name, "labs", "value", analyte=analyte, unit=fixed)))
        if fixed is None:
            unit_name = f"{value_name}_unit"
            unit = DictionaryField(
                unit_name, "daily_labs", "radio", f"{label}: unit",
                choices=format_choices([(u.code, u.label) for u in units]),
                branching_logic=f"[{value_name}] <> ''",
            )
            made.append((unit, FieldMap(unit_name, "labs", "unit", analyte=analyte,
                                        codes=tuple((u.code, u.spelling) for u in units))))
    return made
