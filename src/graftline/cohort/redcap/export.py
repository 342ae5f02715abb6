"""Read a REDCap CSV export, "raw" or "labels", into variable names and raw codes.

REDCap writes two CSV exports of a project's records [1]_:

- **raw**: the header holds variable names, choice fields hold their codes,
  yes/no fields 1/0, checkboxes one column ``<field>___<code>`` each;
- **labels**: the header holds the field labels, choice fields hold their
  labels (``Yes``/``No``, ``Checked``/``Unchecked``), the repeating
  instrument column holds the instrument's label and the event column the
  event's label.

Both start with the record ID, then ``redcap_event_name`` (longitudinal
projects), ``redcap_repeat_instrument`` and ``redcap_repeat_instance``
(projects with repeating instruments or events), then each instrument's
fields in dictionary order followed by its ``<form>_complete`` status. A
record's non-repeating instruments share one row (the record's "base"
row; one per event); each instance of a repeating instrument has its own
row with the instrument's name and the instance number. The API can mix
the two (``rawOrLabel`` and ``rawOrLabelHeaders`` are separate options), so
the header and the values are recognised separately.

References
----------
.. [1] REDCap. Data Exports, Reports, and Stats: "CSV / Microsoft Excel (raw
   data)" and "CSV / Microsoft Excel (labels)"; API method "Export Records"
   (``rawOrLabel``, ``rawOrLabelHeaders``, ``exportCheckboxLabel``).
"""

from __future__ import annotations

import csv
import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from graftline.cohort.redcap.format import DictionaryField
from graftline.errors import InputError

EVENT = "redcap_event_name"
REPEAT_INSTRUMENT = "redcap_repeat_instrument"
REPEAT_INSTANCE = "redcap_repeat_instance"
#: REDCap's own columns and the label a labels export gives each.
SPECIAL_LABELS: dict[str, str] = {
    EVENT: "Event Name",
    REPEAT_INSTRUMENT: "Repeat Instrument",
    REPEAT_INSTANCE: "Repeat Instance",
    "redcap_data_access_group": "Data Access Group",
    "redcap_survey_identifier": "Survey Identifier",
}
STATUS_LABELS = {"0": "Incomplete", "1": "Unverified", "2": "Complete"}

Kind = Literal["raw", "labels"]


@dataclass(frozen=True)
class ExportColumn:
    """A column REDCap may write for a dictionary: its variable name, label and field."""

    name: str
    label: str
    field: DictionaryField | None = None


@dataclass(frozen=True)
class ExportIssue:
    """A problem found while reading: export row (0-based data row or None), column, value, message."""

    position: int | None
    field: str | None
    value: str | None
    message: str
    expected: str
    severity: str = "error"


@dataclass
class Export:
    """A REDCap export with variable names as columns and its values as text.

    ``frame`` keeps every value as written (decoding happens when the
    export is converted); ``header`` and ``values`` say whether the header
    and the values are raw or labels.
    """

    path: Path
    frame: pd.DataFrame
    header: Kind
    values: Kind
    record_id: str
    issues: list[ExportIssue]

    @property
    def file(self) -> str:
        return self.path.name

    def special(self, name: str) -> np.ndarray:
        """A REDCap column's values (empty strings when the export has no such column)."""
        if name in self.frame.columns:
            return self.frame[name].to_numpy(dtype=object)
        return np.full(len(self.frame), "", dtype=object)


def export_columns(dictionary: tuple[DictionaryField, ...]) -> list[ExportColumn]:
    """Every column REDCap can write for ``dictionary``, in export order."""
    record = dictionary[0]
    columns = [ExportColumn(record.field_name, record.field_label, record)]
    columns += [ExportColumn(name, label) for name, label in SPECIAL_LABELS.items()]
    forms: dict[str, list[DictionaryField]] = {}
    for field in dictionary[1:]:
        forms.setdefault(field.form_name, []).append(field)
    forms.setdefault(record.form_name, [])
    order = list(dict.fromkeys([record.form_name, *forms]))
    for form in order:
        columns.append(ExportColumn(f"{form}_timestamp", "Survey Timestamp"))
        for field in forms[form]:
            if field.field_type == "descriptive":
                continue
            if field.field_type == "checkbox":
                columns += [ExportColumn(f"{field.field_name}___{_checkbox_suffix(code)}",
                                         f"{field.field_label} (choice={label})", field)
                            for code, label in field.choice_list]
            else:
                columns.append(ExportColumn(field.field_name, field.field_label, field))
        columns.append(ExportColumn(f"{form}_complete", "Complete?"))
    return columns


def _checkbox_suffix(code: str) -> str:
    # REDCap writes a negative or dotted code's column with underscores.
    return code.lower().replace("-", "_").replace(".", "_")


def normalise_label(text: str) -> str:
    """A label as compared across exports: no HTML, one space between words, case folded."""
    text = html.unescape(re.sub(r"<[^>]*>", " ", text))
    return " ".join(text.split()).casefold()


def read_export(path: str | os.PathLike, dictionary: tuple[DictionaryField, ...]) -> Export:
    """Read a raw or labels CSV export of a project with this data dictionary.

    Raises
    ------
    InputError
        If the file cannot be read as CSV or has no record ID column.
    """
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            header = next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InputError(f"{path}: cannot be read as a REDCap export (CSV, UTF-8): {error}") from None
    if not header:
        raise InputError(f"{path.name}: the file is empty; expected a REDCap CSV export with a header row")
    try:
        # Python strings (dtype=object): the values are handed on as they are.
        frame = pd.read_csv(path, header=None, skiprows=1, names=list(range(len(header))), dtype=object,
                            keep_default_na=False, na_filter=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, ValueError) as error:
        message = str(error).strip().splitlines()[0]
        row = re.search(r"line (\d+)", message)
        where = f" row {row.group(1)}" if row else ""
        raise InputError(f"{path.name}{where}: the export cannot be split into its {len(header)} columns: {message} "
                         "(expected REDCap's CSV export, unchanged)") from None
    # A short row's missing cells are NaN: they read as empty (graftline.cohort.redcap.convert._text).
    expected = export_columns(dictionary)
    header_kind, names, issues = _name_columns([cell.strip() for cell in header], expected)
    frame.columns = names
    record_id = dictionary[0].field_name
    if record_id not in frame.columns:
        raise InputError(
            f"{path.name} row 1: no record ID column {record_id!r} (the dictionary's first field"
            f"{', labelled ' + repr(dictionary[0].field_label) if header_kind == 'labels' else ''}); "
            "expected a REDCap export of this project (Data Exports > All data)"
        )
    keep = [i for i, name in enumerate(names) if name is not None]
    frame = frame.iloc[:, keep]
    values_kind = _values_kind(frame, header_kind, dictionary)
    return Export(path, frame, header_kind, values_kind, record_id, issues)


def _name_columns(header: list[str], expected: list[ExportColumn]) -> tuple[Kind, list[str | None], list[ExportIssue]]:
    """Variable name of each header cell (None for a column to ignore), and whether the header is raw."""
    by_name = {column.name: column for column in expected}
    raw_hits = sum(cell in by_name for cell in header)
    labels = [normalise_label(column.label) for column in expected]
    label_hits = sum(normalise_label(cell) in set(labels) for cell in header)
    issues: list[ExportIssue] = []
    names: list[str | None] = []
    if raw_hits >= label_hits:
        kind: Kind = "raw"
        names = [cell if cell in by_name else None for cell in header]
    else:
        kind = "labels"
        # Labels repeat (every form's "Complete?"): take the next expected
        # column with this label, in export order; a report may leave columns out.
        position = 0
        taken: set[int] = set()
        for cell in header:
            wanted = normalise_label(cell)
            match = next((i for i in range(position, len(expected)) if labels[i] == wanted and i not in taken), None)
            if match is None:
                match = next((i for i in range(len(expected)) if labels[i] == wanted and i not in taken), None)
            if match is None:
                names.append(None)
                continue
            taken.add(match)
            position = match + 1
            names.append(expected[match].name)
    for cell, name in zip(header, names, strict=True):
        if name is None:
            issues.append(ExportIssue(None, cell or "(no name)", None,
                                      f"column {cell!r} is not a field of the data dictionary; it is ignored",
                                      "the dictionary of the project the export came from", "warning"))
    seen: set[str] = set()
    for index, name in enumerate(names):
        if name is not None and name in seen:
            issues.append(ExportIssue(None, name, None, "the column appears twice in the export; the second is ignored",
                                      "each field once", "warning"))
            names[index] = None
        elif name is not None:
            seen.add(name)
    return kind, names, issues


def _values_kind(frame: pd.DataFrame, header: Kind, dictionary: tuple[DictionaryField, ...]) -> Kind:
    """Whether choice fields hold codes (raw) or labels: by the values, else by the header.

    The repeating-instrument column decides when it names forms (raw) or
    their labels; otherwise the choice fields' distinct values are counted.
    """
    forms = {f.form_name for f in dictionary}
    if REPEAT_INSTRUMENT in frame.columns:
        named = frame[REPEAT_INSTRUMENT].dropna().loc[lambda v: v != ""].unique()
        names, labels = sum(v in forms for v in named), sum(v not in forms for v in named)
        if names != labels:
            return "raw" if names > labels else "labels"
    codes_only = labels_only = 0
    for field in dictionary:
        if field.field_name not in frame.columns or not field.choice_list:
            continue
        codes = {code for code, _ in field.choice_list}
        labels = {normalise_label(label) for _, label in field.choice_list}
        values = frame[field.field_name].dropna().loc[lambda v: v != ""].unique()
        codes_only += sum(v in codes and normalise_label(v) not in labels for v in values)
        labels_only += sum(normalise_label(v) in labels and v not in codes for v in values)
    if codes_only == labels_only:
        return header
    return "raw" if codes_only > labels_only else "labels"
