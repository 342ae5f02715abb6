"""REDCap's data-dictionary format: its 18 columns, field types, validations and choices.

A REDCap data dictionary is a CSV file with one row per field and exactly
these 18 columns, in this order (REDCap's "Download the current Data
Dictionary" writes them, and "Upload" expects them) [1]_ [2]_. The API's
metadata export names the same columns in snake case (``field_name``,
``form_name``, ...); :func:`read_dictionary` accepts either header.

The rules checked by :func:`check_dictionary` are the ones REDCap's upload
enforces or warns about [1]_ [3]_:

- variable names: lower-case letters, digits and underscores, starting with
  a letter, unique; REDCap warns above 26 characters (statistics packages
  truncate longer names), so graftline's own stay within that;
- form (instrument) names: the same characters, each form's fields in one
  contiguous block; the first field is the record identifier, a ``text``
  field;
- field types: ``text``, ``notes``, ``dropdown``, ``radio``, ``checkbox``,
  ``yesno``, ``truefalse``, ``calc``, ``file``, ``slider``,
  ``descriptive``, ``sql``;
- choices of ``dropdown``, ``radio`` and ``checkbox`` fields: ``code, label``
  pairs separated by ``|`` (``1, Male | 2, Female``); codes are letters,
  digits and underscores (a leading minus for negative numbers), unique
  within the field;
- text validation only on ``text`` fields, from REDCap's list of
  validation types; minimum and maximum only with a validation that can
  compare them (numbers, integers, dates);
- branching logic names existing fields in square brackets.

References
----------
.. [1] REDCap. Data Dictionary: instructions shown on the "Data Dictionary"
   page of every REDCap project (Vanderbilt University), and the template
   file it offers for download.
.. [2] Sage Bionetworks. redcapdd: ``get_dd_cols()`` lists the 18 column
   names. https://github.com/Sage-Bionetworks/redcapdd
.. [3] LinkML. REDCap Data Dictionary schema: ``FieldType`` and
   ``TextValidationType`` enumerations.
   https://linkml.io/linkml-redcap/reference/data_dictionary/
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from pathlib import Path

from graftline.cohort.problems import Problem
from graftline.errors import InputError

#: The 18 data-dictionary columns, in REDCap's order, with the API's names.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("Variable / Field Name", "field_name"),
    ("Form Name", "form_name"),
    ("Section Header", "section_header"),
    ("Field Type", "field_type"),
    ("Field Label", "field_label"),
    ("Choices, Calculations, OR Slider Labels", "select_choices_or_calculations"),
    ("Field Note", "field_note"),
    ("Text Validation Type OR Show Slider Number", "text_validation_type_or_show_slider_number"),
    ("Text Validation Min", "text_validation_min"),
    ("Text Validation Max", "text_validation_max"),
    ("Identifier?", "identifier"),
    ("Branching Logic (Show field only if...)", "branching_logic"),
    ("Required Field?", "required_field"),
    ("Custom Alignment", "custom_alignment"),
    ("Question Number (surveys only)", "question_number"),
    ("Matrix Group Name", "matrix_group_name"),
    ("Matrix Ranking?", "matrix_ranking"),
    ("Field Annotation", "field_annotation"),
)
HEADER = tuple(name for name, _ in COLUMNS)

FIELD_TYPES = (
    "text", "notes", "dropdown", "radio", "checkbox", "yesno", "truefalse",
    "calc", "file", "slider", "descriptive", "sql",
)
CHOICE_TYPES = ("dropdown", "radio", "checkbox")
DATE_VALIDATIONS = ("date_ymd", "date_mdy", "date_dmy")
DATETIME_VALIDATIONS = tuple(
    f"datetime{seconds}_{order}" for seconds in ("", "_seconds") for order in ("ymd", "mdy", "dmy")
)
NUMBER_VALIDATIONS = (
    "number", "number_1dp", "number_2dp", "number_3dp", "number_4dp",
    "number_comma_decimal", "number_1dp_comma_decimal", "number_2dp_comma_decimal",
    "number_3dp_comma_decimal", "number_4dp_comma_decimal",
)
VALIDATIONS = (
    *DATE_VALIDATIONS, *DATETIME_VALIDATIONS, "time", "time_mm_ss", "integer", *NUMBER_VALIDATIONS,
    "alpha_only", "email", "phone", "zipcode", "postalcode_canada", "postalcode_french",
    "postalcode_germany", "postalcode_australia", "postalcode_uk", "ssn", "mrn_10d", "mrn_generic",
    "vmrn", "signature",
)
#: Validations for which REDCap compares a minimum and maximum.
RANGE_VALIDATIONS = (*DATE_VALIDATIONS, *DATETIME_VALIDATIONS, "time", "integer", *NUMBER_VALIDATIONS)
#: REDCap warns about longer variable names (statistics packages truncate them).
RECOMMENDED_NAME_LENGTH = 26
NAME = re.compile(r"[a-z][a-z0-9_]*")
CODE = re.compile(r"-?[A-Za-z0-9_]+(?:\.[0-9]+)?")
_BRACKETED = re.compile(r"\[([a-z][a-z0-9_]*)(?:\(([^)]*)\))?\]")


@dataclass(frozen=True)
class DictionaryField:
    """One row of a REDCap data dictionary (every value as REDCap writes it)."""

    field_name: str
    form_name: str
    field_type: str
    field_label: str
    section_header: str = ""
    choices: str = ""
    field_note: str = ""
    validation: str = ""
    validation_min: str = ""
    validation_max: str = ""
    identifier: str = ""
    branching_logic: str = ""
    required: str = ""
    custom_alignment: str = ""
    question_number: str = ""
    matrix_group_name: str = ""
    matrix_ranking: str = ""
    field_annotation: str = ""
    #: Row of the dictionary file (header = row 1); 0 for a field graftline made.
    row: int = 0

    def row_values(self) -> tuple[str, ...]:
        """The 18 cells in REDCap's column order."""
        return tuple(getattr(self, attribute) for attribute in _ATTRIBUTES)

    @property
    def choice_list(self) -> tuple[tuple[str, str], ...]:
        """``(code, label)`` pairs of a dropdown, radio or checkbox field; yes/no and true/false too."""
        if self.field_type == "yesno":
            return (("1", "Yes"), ("0", "No"))
        if self.field_type == "truefalse":
            return (("1", "True"), ("0", "False"))
        if self.field_type not in CHOICE_TYPES:
            return ()
        return parse_choices(self.choices)

    @property
    def is_date(self) -> bool:
        return self.field_type == "text" and self.validation in DATE_VALIDATIONS + DATETIME_VALIDATIONS


def format_choices(choices: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> str:
    """``[("1", "Male"), ("2", "Female")]`` -> ``1, Male | 2, Female``."""
    return " | ".join(f"{code}, {label}" for code, label in choices)


def parse_choices(text: str) -> tuple[tuple[str, str], ...]:
    """``1, Male | 2, Female`` -> ``(("1", "Male"), ("2", "Female"))``.

    The label is everything after the first comma (labels may contain
    commas). An item without a comma has no code; it is returned with an
    empty code so that :func:`check_dictionary` can report it.
    """
    pairs = []
    for item in text.split("|"):
        if not item.strip():
            continue
        code, sep, label = item.partition(",")
        pairs.append((code.strip(), label.strip()) if sep else ("", item.strip()))
    return tuple(pairs)


def dictionary_frame(fields_):
    """The data dictionary as a pandas DataFrame with REDCap's 18 column names."""
    import pandas as pd

    return pd.DataFrame([f.row_values() for f in fields_], columns=list(HEADER), dtype="object")


#: DictionaryField's attribute for each of the 18 columns, in REDCap's column order.
_ATTRIBUTES = (
    "field_name", "form_name", "section_header", "field_type", "field_label", "choices", "field_note",
    "validation", "validation_min", "validation_max", "identifier", "branching_logic", "required",
    "custom_alignment", "question_number", "matrix_group_name", "matrix_ranking", "field_annotation",
)


def read_dictionary(path: str | os.PathLike) -> tuple[tuple[DictionaryField, ...], list[Problem]]:
    """Read a REDCap data dictionary CSV (as REDCap downloads it, or the API's metadata CSV).

    Returns the fields and the problems found by :func:`check_dictionary`
    (each located by file, row and column).

    Raises
    ------
    InputError
        If the file cannot be read or its header is not a data dictionary's.
    """
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InputError(f"{path}: cannot be read as a REDCap data dictionary (CSV, UTF-8): {error}") from None
    if not rows:
        raise InputError(f"{path.name}: the file is empty; expected a REDCap data dictionary")
    header = [cell.strip() for cell in rows[0]]
    position = _header_positions(header)
    if position is None:
        raise InputError(
            f"{path.name} row 1: not a REDCap data dictionary header (found {', '.join(header[:4])}, ...); "
            f"expected REDCap's 18 columns beginning {', '.join(HEADER[:3])} "
            "(Project Setup > Data Dictionary > Download the current Data Dictionary)"
        )
    parsed = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {attribute: (row[i].strip() if i is not None and i < len(row) else "")
                  for attribute, i in zip(_ATTRIBUTES, position, strict=True)}
        parsed.append(DictionaryField(**values, row=number))
    fields_ = tuple(parsed)
    return fields_, check_dictionary(fields_, file=path.name)


def is_dictionary_header(header: list[str]) -> bool:
    """True if a CSV header is a REDCap data dictionary's."""
    return _header_positions([cell.strip() for cell in header]) is not None


def _header_positions(header: list[str]) -> list[int | None] | None:
    """Index of each of the 18 columns in ``header`` (REDCap's or the API's names)."""
    lowered = [cell.lower() for cell in header]
    positions = []
    for name, api in COLUMNS:
        for candidate in (name.lower(), api):
            if candidate in lowered:
                positions.append(lowered.index(candidate))
                break
        else:
            positions.append(None)
    essential = (0, 1, 3, 4)  # field name, form name, field type, field label
    return positions if all(positions[i] is not None for i in essential) else None


def check_dictionary(fields_: tuple[DictionaryField, ...], *, file: str = "dictionary.csv") -> list[Problem]:
    """Every way ``fields_`` breaks REDCap's data-dictionary rules (see the module docstring)."""
    problems: list[Problem] = []

    def report(field: DictionaryField, column: str, value: str | None, message: str, expected: str,
               severity: str = "error") -> None:
        problems.append(Problem(file, field.row or None, column, value, f"field {field.field_name!r}: {message}",
                                expected, severity))

    if not fields_:
        return [Problem(file, None, None, None, "the data dictionary has no fields", "at least the record ID field", "error")]
    first = fields_[0]
    if first.field_type != "text":
        report(first, HEADER[3], first.field_type, "the first field is the record ID and must be a text field", "text")
    names = set()
    finished_forms: set[str] = set()
    current_form = None
    for field in fields_:
        name = field.field_name
        if not NAME.fullmatch(name):
            report(field, HEADER[0], name, "not a valid REDCap variable name",
                   "lower-case letters, digits and underscores, starting with a letter")
        elif len(name) > RECOMMENDED_NAME_LENGTH:
            report(field, HEADER[0], name, f"longer than {RECOMMENDED_NAME_LENGTH} characters (REDCap warns; "
                   "statistics packages truncate it)", f"at most {RECOMMENDED_NAME_LENGTH} characters", "warning")
        if name in names:
            report(field, HEADER[0], name, "the variable name appears more than once", "unique variable names")
        names.add(name)
        if not NAME.fullmatch(field.form_name):
            report(field, HEADER[1], field.form_name, "not a valid form (instrument) name",
                   "lower-case letters, digits and underscores, starting with a letter")
        if field.form_name != current_form:
            if field.form_name in finished_forms:
                report(field, HEADER[1], field.form_name, "the form's fields are not in one contiguous block",
                       "all fields of a form in consecutive rows")
            if current_form is not None:
                finished_forms.add(current_form)
            current_form = field.form_name
        _check_type(field, report)
    for field in fields_:
        for referenced, _ in _BRACKETED.findall(field.branching_logic):
            if referenced not in names:
                report(field, HEADER[11], field.branching_logic,
                       f"branching logic refers to [{referenced}], which is not a field", "existing field names")
    return problems


def _check_type(field: DictionaryField, report) -> None:
    kind = field.field_type
    if kind not in FIELD_TYPES:
        report(field, HEADER[3], kind, f"unknown field type {kind!r}", "one of " + ", ".join(FIELD_TYPES))
        return
    if kind in CHOICE_TYPES:
        pairs = parse_choices(field.choices)
        if not pairs:
            report(field, HEADER[5], field.choices, f"a {kind} field needs choices", "choices such as 1, Yes | 0, No")
        codes = [code for code, _ in pairs]
        for code, label in pairs:
            if not code:
                report(field, HEADER[5], label, f"choice {label!r} has no code", "code, label (e.g. 1, Yes)")
            elif not CODE.fullmatch(code):
                report(field, HEADER[5], f"{code}, {label}", f"choice code {code!r} is not valid",
                       "codes of letters, digits and underscores, each followed by a comma and the label")
        for code in sorted({c for c in codes if codes.count(c) > 1}):
            report(field, HEADER[5], code, f"choice code {code!r} appears more than once", "unique codes")
    elif kind in ("yesno", "truefalse", "text", "notes", "file", "descriptive") and field.choices:
        report(field, HEADER[5], field.choices, f"a {kind} field has no choices", "an empty cell")
    if field.validation:
        if kind == "slider":
            if field.validation != "number":
                report(field, HEADER[7], field.validation, "a slider shows its number with 'number' only", "number or empty")
        elif kind != "text":
            report(field, HEADER[7], field.validation, f"validation is for text fields, not {kind}", "an empty cell")
        elif field.validation not in VALIDATIONS:
            report(field, HEADER[7], field.validation, f"unknown validation type {field.validation!r}",
                   "a REDCap validation type such as date_ymd, integer or number")
    for column, bound in ((HEADER[8], field.validation_min), (HEADER[9], field.validation_max)):
        if not bound:
            continue
        if field.validation not in RANGE_VALIDATIONS:
            report(field, column, bound, f"a minimum or maximum needs a validation that compares values, not {field.validation or 'none'!r}",
                   "integer, number or date validation")
        elif field.validation in ("integer", *NUMBER_VALIDATIONS) and not _is_number(bound):
            report(field, column, bound, "the bound is not a number", "a number")
        elif field.validation in DATE_VALIDATIONS and not re.fullmatch(r"\d{4}-\d{2}-\d{2}|today", bound):
            report(field, column, bound, "the bound is not a date", "YYYY-MM-DD or today")
    for column, value in ((HEADER[10], field.identifier), (HEADER[12], field.required), (HEADER[16], field.matrix_ranking)):
        if value not in ("", "y"):
            report(field, column, value, "the cell must be y or empty", "y or an empty cell")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
