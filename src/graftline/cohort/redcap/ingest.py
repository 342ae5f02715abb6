"""Validate and ingest a REDCap export through the ordinary cohort path.

The export is read with its data dictionary (and a centre's mapping file,
if any), converted into the canonical tables in a temporary folder
(:mod:`graftline.cohort.redcap.convert`), and that folder is validated and
ingested exactly like a folder of CSV files (:func:`graftline.cohort.validate`,
:func:`graftline.cohort.ingest`): there is no second validator. Every
problem the canonical validation finds is then located again in REDCap's
terms - record, event, instrument, instance, field and export row - beside
the canonical table and column. Ingest is all or nothing: an error
anywhere (in the dictionary, the mapping, the export's structure or its
values) leaves the store as it was.

The store records its source: ``ingest_log.source_directory`` is the
export, ``ingest_files`` lists the export, the dictionary and the mapping
(with SHA-256) beside the converted tables, and ``redcap_rows`` gives the
REDCap coordinates of every stored row (``table_name`` and ``source_row``,
the row of the converted table, as the labs' ``source_row``).
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from graftline.cohort.ingestion import Origin
from graftline.cohort.ingestion import ingest as ingest_directory
from graftline.cohort.problems import CohortValidationError, Problem, ValidationReport
from graftline.cohort.redcap.convert import Conversion, convert
from graftline.cohort.redcap.dictionary import graftline_dictionary
from graftline.cohort.redcap.export import (
    EVENT,
    REPEAT_INSTANCE,
    REPEAT_INSTRUMENT,
    ExportIssue,
    read_export,
)
from graftline.cohort.redcap.format import DictionaryField, is_dictionary_header, read_dictionary
from graftline.cohort.redcap.mapping import HEADER as MAPPING_HEADER
from graftline.cohort.redcap.mapping import Mapping, read_mapping, resolve
from graftline.cohort.redcap.problems import RedcapProblem, RedcapReport, RedcapValidationError
from graftline.cohort.schema import TABLES
from graftline.cohort.staging import lit, q
from graftline.cohort.validation import StagedCheck
from graftline.cohort.validation import validate as validate_directory
from graftline.errors import InputError
from graftline.interrupts import private_temporary_folder

#: The table ingest adds to the store: REDCap's coordinates of every stored row.
ROWS_TABLE = "redcap_rows"
#: Unmapped fields named per form in one warning.
SHOWN_UNMAPPED = 8


@dataclass(frozen=True)
class RedcapSource:
    """The files of a REDCap project: the export, its data dictionary, and a mapping file (or None)."""

    export: Path
    dictionary: Path
    mapping: Path | None = None


@dataclass(frozen=True)
class RedcapIngestResult:
    """What :func:`ingest_redcap` wrote: the store, rows per table, and the (warnings-only) report.

    ``removed`` lists the temporary files an interrupted ingest had left
    beside the target, removed by this one (as :class:`graftline.cohort.IngestResult`).
    """

    database: str
    rows: tuple[tuple[str, int], ...]
    report: RedcapReport
    removed: tuple[str, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=["table", "rows"])


def find_source(redcap: str | os.PathLike, dictionary: str | os.PathLike | None = None,
                mapping: str | os.PathLike | None = None) -> RedcapSource:
    """The export, dictionary and mapping: given as files, or found in one folder.

    In a folder, each CSV file is recognised by its header: REDCap's data
    dictionary (its 18 columns), a mapping file (``field,table,column,...``),
    or an export. With both a raw and a labels export, the raw one is read.

    Raises
    ------
    InputError
        When a file is missing or a folder does not hold exactly one of each.
    """
    path = Path(redcap)
    if not path.exists():
        raise InputError(f"--redcap {path}: no such file or folder (expected a REDCap CSV export, or a folder "
                         "with the export and its data dictionary)")
    given_dictionary = Path(dictionary) if dictionary is not None else None
    given_mapping = Path(mapping) if mapping is not None else None
    for option, file in (("--dictionary", given_dictionary), ("--mapping", given_mapping)):
        if file is not None and file.is_dir():
            raise InputError(f"{option} {file} is a folder; expected one CSV file")
        if file is not None and not file.is_file():
            raise InputError(f"{option} {file}: no such file")
    if path.is_file():
        if given_dictionary is None:
            raise InputError(f"--redcap {path.name}: give the project's data dictionary too (--dictionary "
                             "dictionary.csv), or a folder holding both")
        return RedcapSource(path, given_dictionary, given_mapping)
    found: dict[str, list[Path]] = {"dictionary": [], "mapping": [], "export": []}
    for file in sorted(path.iterdir()):
        if file.suffix.lower() != ".csv" or file.name.startswith("."):
            continue
        found[_kind_of(file)].append(file)
    dictionaries = [given_dictionary] if given_dictionary else found["dictionary"]
    mappings = [given_mapping] if given_mapping else found["mapping"]
    if len(dictionaries) != 1:
        raise InputError(f"--redcap {path}: found {len(dictionaries)} data dictionaries "
                         f"({', '.join(f.name for f in dictionaries) or 'none'}); expected one "
                         "(REDCap: Project Setup > Data Dictionary > Download), or give --dictionary")
    if len(mappings) > 1:
        raise InputError(f"--redcap {path}: found {len(mappings)} mapping files ({', '.join(f.name for f in mappings)}); "
                         "expected at most one, or give --mapping")
    exports = found["export"]
    if len(exports) > 1:
        raw = [f for f in exports if _first_header_cell(f) == _record_id_name(dictionaries[0])]
        if len(raw) == 1:
            exports = raw
    if len(exports) != 1:
        raise InputError(f"--redcap {path}: found {len(exports)} exports ({', '.join(f.name for f in exports) or 'none'}); "
                         "expected one REDCap CSV export (raw or labels), or give the export's file name")
    return RedcapSource(exports[0], dictionaries[0], mappings[0] if mappings else None)


def _first_header_row(file: Path) -> list[str]:
    try:
        with file.open(newline="", encoding="utf-8-sig") as handle:
            return [cell.strip() for cell in next(csv.reader(handle), [])]
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


def _first_header_cell(file: Path) -> str:
    header = _first_header_row(file)
    return header[0] if header else ""


def _kind_of(file: Path) -> str:
    header = _first_header_row(file)
    if is_dictionary_header(header):
        return "dictionary"
    if [cell.lower() for cell in header[:3]] == list(MAPPING_HEADER[:3]):
        return "mapping"
    return "export"


def _record_id_name(dictionary: Path) -> str | None:
    try:
        with dictionary.open(newline="", encoding="utf-8-sig") as handle:
            rows = csv.reader(handle)
            next(rows, None)
            first = next(rows, None)
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    return first[0].strip() if first else None


@dataclass
class _Prepared:
    source: RedcapSource
    dictionary: tuple[DictionaryField, ...]
    mapping: Mapping
    #: None when the mapping has errors: no record is read through a wrong mapping.
    conversion: Conversion | None
    problems: list[RedcapProblem]

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


def _prepare(source: RedcapSource) -> _Prepared:
    """Read the dictionary, the mapping and the export, and convert the export."""
    dictionary, dictionary_problems = read_dictionary(source.dictionary)
    if not dictionary:
        raise InputError(f"{source.dictionary.name}: the data dictionary has no fields")
    problems = [_file_problem(p, severity="warning") for p in dictionary_problems]
    maps, mapping_problems = read_mapping(source.mapping) if source.mapping is not None else ((), [])
    problems += [_file_problem(p) for p in mapping_problems]
    _, builtin = graftline_dictionary()
    mapping, resolve_problems = resolve(
        dictionary, maps, builtin=builtin,
        mapping_file=source.mapping.name if source.mapping is not None else "mapping.csv",
        dictionary_file=source.dictionary.name,
    )
    problems += _collapse_unmapped([_file_problem(p) for p in resolve_problems])
    if any(p.severity == "error" for p in problems):
        return _Prepared(source, dictionary, mapping, None, problems)
    export = read_export(source.export, dictionary)
    conversion = convert(export, mapping, dictionary)
    problems += [_export_problem(issue, conversion) for issue in conversion.issues]
    return _Prepared(source, dictionary, mapping, conversion, problems)


def _file_problem(problem: Problem, *, severity: str | None = None) -> RedcapProblem:
    return RedcapProblem(problem.file, problem.row, None, None, None, None, None, None, problem.column,
                         problem.value, problem.message, problem.expected, severity or problem.severity)


def _collapse_unmapped(problems: list[RedcapProblem]) -> list[RedcapProblem]:
    """One warning per form for the dictionary fields no mapping reads."""
    unmapped = [p for p in problems if p.severity == "warning" and "is not mapped to a canonical column" in p.message]
    by_form: dict[str, list[str]] = {}
    for problem in unmapped:
        form = re.search(r"\(form (\w+)\)", problem.message)
        by_form.setdefault(form.group(1) if form else "?", []).append(problem.value or "")
    collapsed = []
    for form, names in by_form.items():
        shown = ", ".join(names[:SHOWN_UNMAPPED]) + (", ..." if len(names) > SHOWN_UNMAPPED else "")
        first = next(p for p in unmapped if (p.value or "") == names[0])
        collapsed.append(RedcapProblem(
            first.file, None, None, None, form, None, None, None, None, None,
            f"{len(names)} field{'s' * (len(names) != 1)} of form {form} {'are' if len(names) != 1 else 'is'} "
            f"not mapped to a canonical column and not read: {shown}",
            "a row in the mapping file for each field graftline should read", "warning",
        ))
    return [p for p in problems if p not in unmapped] + collapsed


def _export_problem(issue: ExportIssue, conversion: Conversion) -> RedcapProblem:
    export = conversion.export
    if issue.position is None:
        return RedcapProblem(export.file, 1, None, None, None, None, issue.field, None, None, issue.value,
                             issue.message, issue.expected, issue.severity)
    record, event, instrument, instance = conversion.coordinates.at(issue.position)
    instrument = instrument or conversion.forms.get(issue.field or "")
    table, column = _canonical_of(issue.field, conversion.mapping)
    return RedcapProblem(export.file, issue.position + 2, record, event, instrument, instance, issue.field,
                         table, column, issue.value, issue.message, issue.expected, issue.severity)


def _canonical_of(field: str | None, mapping: Mapping) -> tuple[str | None, str | None]:
    if field is None:
        return None, None
    if field == mapping.record_id:
        return None, None
    field_map = mapping.by_field.get(field)
    return (field_map.table, field_map.column) if field_map is not None else (None, None)


class _Locator:
    """Locates canonical problems (in the converted tables) in the export again."""

    def __init__(self, prepared: _Prepared) -> None:
        self.prepared = prepared
        self.conversion = prepared.conversion
        self.file = self.conversion.export.file
        # A value with a problem found while reading is not reported twice.
        self.covered = {(p.row, p.field) for p in prepared.problems if p.record is not None}
        self.forms = {}
        for field_map in self.conversion.mapping.by_field.values():
            form = next((f.form_name for f in prepared.dictionary if f.field_name == field_map.field), None)
            if form:
                self.forms.setdefault(field_map.table, []).append(form)

    def locate(self, problem: Problem) -> RedcapProblem | None:
        """The problem in REDCap's terms; None when a reading problem already says it."""
        table = Path(problem.file).stem
        converted = self.conversion.tables.get(table)
        message = self._rewrite(problem.message, table)
        expected = self._rewrite(problem.expected, table)
        column = problem.column
        if converted is None or problem.row is None or problem.row < 2:
            fields = [f for part in (column or "").split("/") if part
                      for f in self.conversion.mapping.fields_of(table, part)]
            if column is not None and not fields and problem.row == 1:
                return None  # a required column no field feeds: the mapping's problem says so
            if converted is None and column is None and table in TABLES:
                message = (f"the export holds none of the fields of table {table}, which every cohort needs"
                           if TABLES[table].required else message)
                expected = f"an export of all instruments (the {', '.join(dict.fromkeys(self.forms.get(table, [])))} data)"
            return RedcapProblem(self.file, None, None, None, None, None, ", ".join(fields) or None, table, column,
                                 problem.value, message, expected, problem.severity)
        index = problem.row - 2
        position = int(converted.position[index])
        record, event, instrument, instance = self.conversion.coordinates.at(position)
        field = self.conversion.mapping.record_id if column == "patient_id" else (
            converted.field_at(index, column) if column else None)
        # A base row holds several instruments: the field's (or the table's only one) says which.
        tables_forms = list(dict.fromkeys(self.forms.get(table, [])))
        instrument = instrument or (self.conversion.forms.get(field) if field else None) or (
            tables_forms[0] if len(tables_forms) == 1 else None)
        if (position + 2, field) in self.covered:
            return None
        if column == "patient_id" and record in self.conversion.records_without_base:
            return None
        value = problem.value
        if field is not None and field in self.conversion.raw:
            value = self.conversion.raw[field][position]
        if column is not None and "is not a date" in message:
            expected += ("; REDCap exports dates as YYYY-MM-DD: a date in another form means the export was "
                         "re-saved by a spreadsheet or made with another date format, so export again")
        return RedcapProblem(self.file, position + 2, record, event, instrument, instance, field, table, column,
                             value, message, expected, problem.severity)

    def relocate(self, problem: Problem) -> Problem:
        """A stored warning located in the export (file, export row, field), its coordinates in the message."""
        located = self.locate(problem)
        if located is None:
            return problem
        message = f"{located.coordinates}: {located.message}" if located.coordinates else located.message
        return Problem(self.file, located.row, located.field or located.column, located.value, message,
                       located.expected, located.severity)

    def _rewrite(self, text: str, table: str) -> str:
        """Rows of converted tables and their file names, in REDCap's terms."""
        converted = self.conversion.tables.get(table)

        def describe(number: int) -> str | None:
            if converted is None or not 2 <= number < len(converted.position) + 2:
                return None
            position = int(converted.position[number - 2])
            _, event, instrument, instance = self.conversion.coordinates.at(position)
            where = ", ".join(filter(None, (f"event {event}" if event else None,
                                            f"{instrument} instance {instance}" if instrument else None)))
            return f"export row {position + 2}" + (f" ({where})" if where else "")

        text = re.sub(r"\brow (\d+)", lambda m: describe(int(m.group(1))) or m.group(0), text)
        text = re.sub(r"\brows (\d+) and (\d+)", lambda m: (
            f"{describe(int(m.group(1)))} and {describe(int(m.group(2)))}"
            if describe(int(m.group(1))) and describe(int(m.group(2))) else m.group(0)), text)
        for name in TABLES:
            forms = ", ".join(dict.fromkeys(self.forms.get(name, []))) or "no instrument"
            text = text.replace(f"{name}.csv", f"{name} (REDCap: {forms})")
        return text


def _report(prepared: _Prepared, canonical: ValidationReport | None = None, locator: _Locator | None = None) -> RedcapReport:
    problems = list(prepared.problems)
    if canonical is not None and locator is not None:
        problems += [p for p in map(locator.locate, canonical.problems) if p is not None]
    # The labs of one instance share its date: one bad date is one problem, not one per analyte.
    problems = list(dict.fromkeys(problems))
    tables = prepared.conversion.tables if prepared.conversion is not None else {}
    rows = tuple((name, len(t.frame)) for name, t in tables.items())
    return RedcapReport(prepared.source.export.name, tuple(problems), rows)


def _write_tables(conversion: Conversion, folder: Path) -> None:
    """The converted tables as CSV, values exactly as decoded (an internal folder, read by ingest only).

    Written by DuckDB (several times faster than pandas for the labs); an
    empty value is written as an empty field, as a CSV from people has it.
    """
    import duckdb

    con = duckdb.connect()
    try:
        for name, converted in conversion.tables.items():
            frame = converted.frame
            con.register("converted", frame)
            columns = ", ".join(f"nullif(CAST({q(c)} AS VARCHAR), '') AS {q(c)}" for c in frame.columns)
            con.execute(f"COPY (SELECT {columns} FROM converted) TO {lit(str(folder / f'{name}.csv'))} (HEADER, DELIMITER ',')")
            con.unregister("converted")
    finally:
        con.close()


def validate_redcap(redcap: str | os.PathLike, *, dictionary: str | os.PathLike | None = None,
                    mapping: str | os.PathLike | None = None, checks: Sequence[StagedCheck] = ()) -> RedcapReport:
    """Check a REDCap export and list every problem, located by record, instrument, instance and field.

    Parameters
    ----------
    redcap
        The export (raw or labels CSV), or a folder holding the export and
        its data dictionary (and a mapping file).
    dictionary
        The project's data dictionary (REDCap's CSV); graftline's own is
        written by ``graftline redcap dictionary``.
    mapping
        For a project built from a centre's own dictionary: which field
        holds which canonical column (see :mod:`graftline.cohort.redcap.mapping`).

    Returns
    -------
    RedcapReport

    Examples
    --------
    >>> report = validate_redcap("export.csv", dictionary="dictionary.csv")  # doctest: +SKIP
    >>> print(report.errors[0])  # doctest: +SKIP
    record 7, daily_labs instance 3, field lab_anc_unit (export.csv row 58; labs.unit): ...
    """
    prepared = _prepare(find_source(redcap, dictionary, mapping))
    if prepared.conversion is None:
        return _report(prepared)
    locator = _Locator(prepared)
    with private_temporary_folder("redcap") as folder:
        _write_tables(prepared.conversion, Path(folder))
        canonical = validate_directory(folder, checks=checks)
    return _report(prepared, canonical, locator)


def ingest_redcap(redcap: str | os.PathLike, db: str | os.PathLike, *, dictionary: str | os.PathLike | None = None,
                  mapping: str | os.PathLike | None = None, threads: int | None = None,
                  checks: Sequence[StagedCheck] = ()) -> RedcapIngestResult:
    """Validate a REDCap export and, if it has no errors, replace the cohort in ``db`` (all or nothing).

    Parameters are those of :func:`validate_redcap`, and ``db`` and
    ``threads`` as for :func:`graftline.cohort.ingest`.

    Raises
    ------
    RedcapValidationError
        (an :class:`~graftline.errors.InputError`) when anything has an
        error; its ``report`` lists every problem and nothing was written.
    """
    source = find_source(redcap, dictionary, mapping)
    prepared = _prepare(source)
    if prepared.conversion is None:
        raise RedcapValidationError(_report(prepared))
    locator = _Locator(prepared)
    with private_temporary_folder("redcap") as folder:
        _write_tables(prepared.conversion, Path(folder))
        if prepared.has_errors:
            raise RedcapValidationError(_report(prepared, validate_directory(folder), locator))
        inputs = [("redcap_export", source.export), ("redcap_dictionary", source.dictionary)]
        if source.mapping is not None:
            inputs.append(("redcap_mapping", source.mapping))
        origin = Origin(str(source.export.resolve()), tuple(inputs), locator.relocate,
                        {ROWS_TABLE: _rows_table(prepared.conversion)})
        try:
            result = ingest_directory(folder, db, threads=threads, origin=origin, checks=checks)
        except CohortValidationError as error:
            raise RedcapValidationError(_report(prepared, error.report, locator)) from None
    report = _report(prepared, result.report, locator)
    return RedcapIngestResult(result.database, result.rows, report, result.removed)


def _rows_table(conversion: Conversion) -> pd.DataFrame:
    """REDCap's coordinates of every converted row (``table_name``, ``source_row`` = row of the converted table)."""
    at = conversion.coordinates
    frames = []
    for name, converted in conversion.tables.items():
        position = converted.position
        frames.append(pd.DataFrame({
            "table_name": name,
            "source_row": np.arange(2, len(position) + 2, dtype=np.int64),
            "export_row": position.astype(np.int64) + 2,
            "record_id": at.record[position],
            EVENT: at.event[position],
            REPEAT_INSTRUMENT: at.instrument[position],
            REPEAT_INSTANCE: pd.array([int(v) if v.isdigit() else None for v in at.instance[position]], dtype="Int64"),
        }))
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    for column in (EVENT, REPEAT_INSTRUMENT):
        if column in frame:
            frame[column] = frame[column].replace("", None)
    return frame


def convert_redcap(redcap: str | os.PathLike, out: str | os.PathLike, *, dictionary: str | os.PathLike | None = None,
                   mapping: str | os.PathLike | None = None) -> RedcapReport:
    """Write the canonical tables of a REDCap export into the folder ``out`` (for inspection).

    The files are written with graftline's spreadsheet-safe CSV writer; the
    report lists the problems found while reading (the canonical validation
    is ``graftline validate OUT``).
    """
    prepared = _prepare(find_source(redcap, dictionary, mapping))
    if prepared.conversion is None:
        return _report(prepared)
    from graftline.export import staged_folder, write_csv

    # The tables appear in ``out`` together, or none does.
    with staged_folder(out) as folder:
        for name, converted in prepared.conversion.tables.items():
            write_csv(converted.frame, folder / f"{name}.csv")
    return _report(prepared)
