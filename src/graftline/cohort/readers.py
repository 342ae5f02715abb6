"""Read ``DIR/<table>.csv|.parquet|.xlsx`` into DuckDB as text, row order kept.

Every value is read as text (``all_varchar``) so that nothing is silently
coerced: parsing happens in SQL afterwards, where each value that does not
parse becomes a located problem. A loaded table is a table ``raw_<table>``
of the session's in-memory database (not a TEMP table: ingest's parallel
cursors read it) whose ``rowid`` is the data row's position in the file, so
a spreadsheet row number is ``rowid + 2`` (the header is row 1).

CSV and Parquet are read by DuckDB's own parallel readers (fast enough for
tens of millions of lab rows); Excel workbooks are small by nature (at most
about a million rows) and are read with openpyxl, which also tells us about
merged header cells.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

from graftline.cohort.problems import Problem
from graftline.cohort.schema import TABLES, Table

SUFFIXES = (".csv", ".parquet", ".xlsx")
#: Columns ingest fills in itself; in an input file they are ignored.
SET_BY_INGEST = ("source_row", "source_file")


@dataclass(frozen=True)
class LoadedFile:
    """A canonical table's file, loaded as text into ``raw_<table>``."""

    table: str
    file: str
    columns: tuple[str, ...]
    rows: int

    @property
    def relation(self) -> str:
        return f"raw_{self.table}"


def input_columns(table: Table) -> tuple[str, ...]:
    """Column names accepted in an input file for ``table``."""
    names = [c.name for c in table.columns if c.name not in SET_BY_INGEST]
    for time in table.times:
        names += [time.day, time.date]
    return tuple(names)


def normalise_header(name: object) -> str:
    """``' Patient ID '`` -> ``patient_id``: case, spaces and hyphens do not matter."""
    text = "" if name is None else str(name)
    return "_".join(text.strip().lower().replace("-", " ").split())


def discover(directory: Path) -> tuple[dict[str, Path], list[Problem]]:
    """Find the canonical tables' files in ``directory``.

    Unknown file names are warnings (they are not read); two files for one
    table (``labs.csv`` and ``labs.xlsx``), missing required tables and a
    folder named after a table (a partitioned export such as
    ``labs.parquet/part-0.parquet``) are errors: such a folder is never
    read as an empty table.
    """
    problems: list[Problem] = []
    found: dict[str, Path] = {}
    folders: set[str] = set()
    for path in sorted(directory.iterdir()):
        if path.name.startswith((".", "~$")):
            continue
        stem, suffix = path.stem.lower(), path.suffix.lower()
        if path.is_dir():
            if stem in TABLES and suffix in (*SUFFIXES, ""):
                folders.add(stem)
                problems.append(folder_problem(path, stem))
            continue
        if stem in TABLES and suffix in SUFFIXES:
            if stem in found:
                problems.append(Problem(
                    path.name, None, None, None,
                    f"two files for table {stem}: {found[stem].name} and {path.name}",
                    "one file per table", "error",
                ))
                continue
            found[stem] = path
        else:
            problems.append(Problem(
                path.name, None, None, None,
                "not a cohort table file; it is ignored",
                "a file named after a cohort table, e.g. labs.csv (see docs/data-model.md)",
                "warning",
            ))
    for table in TABLES.values():
        if table.required and table.name not in found and table.name not in folders:
            problems.append(Problem(
                f"{table.name}.csv", None, None, None,
                f"required file for table {table.name} is missing",
                f"{table.name}.csv, {table.name}.parquet or {table.name}.xlsx in {directory}",
                "error",
            ))
    return found, problems


def folder_problem(path: Path, table: str) -> Problem:
    """A folder where one table file is expected (a partitioned export): an error, never 0 rows.

    Its parts are not read: graftline locates every problem by file and
    row, which a table split over parts would not have.
    """
    kind = "parquet" if any(path.rglob("*.parquet")) else "csv"
    return Problem(
        path.name, None, None, None,
        "is a folder (a partitioned export?), not a table file; its parts are not read",
        f"one file per table: {table}.csv, {table}.parquet or {table}.xlsx; combine the parts first, e.g. "
        f"duckdb -c \"COPY (SELECT * FROM read_{kind}('{path.name}/**/*.{kind}')) TO '{table}.parquet'\"",
        "error",
    )


def load(con: duckdb.DuckDBPyConnection, table: Table, path: Path) -> tuple[LoadedFile | None, list[Problem]]:
    """Load one file as text into ``raw_<table>``; problems instead of exceptions."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            header, problems = _load_xlsx(con, table, path)
        elif suffix == ".csv":
            header, problems = _load_csv(con, table, path)
        else:
            header, problems = _load_parquet(con, table, path), []
    except (duckdb.Error, OSError, ValueError, KeyError, TypeError, IndexError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return None, [Problem(
            path.name, None, None, None,
            f"could not be read: {first_line}",
            _format_hint(suffix), "error",
        )]
    if header is None:
        return None, problems
    columns, header_problems = header_columns(table, path.name, header)
    rows = con.execute(f"SELECT count(*) FROM raw_{table.name}").fetchone()[0]
    return LoadedFile(table.name, path.name, columns, rows), problems + header_problems


def header_columns(table: Table, file: str, header: list[str]) -> tuple[tuple[str, ...], list[Problem]]:
    """The table's columns named in a (normalised) header, and the header's problems.

    Unknown columns and columns set by ingest are warnings (they are
    ignored); a column named twice is an error.
    """
    known = set(input_columns(table))
    columns = []
    problems = []
    for name in header:
        if name in known:
            columns.append(name)
        elif name in SET_BY_INGEST:
            problems.append(Problem(file, 1, name, None, "set by ingest; the column in the file is ignored", "", "warning"))
        else:
            problems.append(Problem(
                file, 1, name or "(no name)", None,
                f"column {name!r} is not part of table {table.name}; it is ignored",
                "one of " + ", ".join(input_columns(table)), "warning",
            ))
    duplicates = sorted({n for n in columns if columns.count(n) > 1})
    for name in duplicates:
        problems.append(Problem(file, 1, name, None, "column appears more than once in the header", "each column once", "error"))
    return tuple(dict.fromkeys(columns)), problems


def _format_hint(suffix: str) -> str:
    return {
        ".csv": "a UTF-8 CSV file with one header row",
        ".parquet": "a Parquet file",
        ".xlsx": "an Excel .xlsx workbook with one header row",
    }.get(suffix, "a readable file")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _read_header(path: Path, delimiter: str) -> list[str]:
    import csv

    with path.open(newline="", encoding="utf-8-sig", errors="strict") as handle:
        try:
            return next(csv.reader(handle, delimiter=delimiter), [])
        except UnicodeDecodeError:
            raise ValueError("the header is not UTF-8 text (save the file as CSV UTF-8)") from None


def csv_select_sql(table: Table, path: Path, *, rejects: str | None) -> tuple[str, list[str]] | None:
    """SELECT reading a CSV as text, one column per header name; None if the file is empty.

    The column names come from the header line (never sniffed from the data,
    which malformed rows mislead). With ``rejects`` (a table name) rows that
    DuckDB cannot split into exactly the header's fields are skipped and
    collected there; without it such a row fails the query (ingest's single
    pass over the labs, which then falls back to the staged path). Returns
    the SELECT and the normalised header.
    """
    delimiter = _delimiter(path)
    names = _read_header(path, delimiter)
    if not names:
        return None
    header = [normalise_header(n) for n in names]
    positional = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(names)))
    errors = (f"ignore_errors = true, store_rejects = true, rejects_table = '{rejects}', rejects_scan = 'scans_{rejects}'"
              if rejects else "ignore_errors = false")
    source = (
        f"read_csv({_literal(str(path))}, header = true, auto_detect = false, delim = {_literal(delimiter)}, "
        f"quote = '\"', escape = '\"', columns = {{{positional}}}, {errors})"
    )
    known = set(input_columns(table))
    selected = {}
    for i, name in enumerate(header):
        if name in known and name not in selected:
            selected[name] = f"c{i}"
    projection = ", ".join(f"{_quote(src)} AS {_quote(name)}" for name, src in selected.items()) or "NULL AS _empty"
    return f"SELECT {projection} FROM {source}", header


def _load_csv(con: duckdb.DuckDBPyConnection, table: Table, path: Path) -> tuple[list[str] | None, list[Problem]]:
    """Read a CSV with the header's columns; malformed rows become located errors.

    Rows DuckDB cannot split into exactly the header's fields are collected
    in its rejects table; as they shift the row numbers of everything after
    them, a file with such rows is reported by those rows only and not
    checked further.
    """
    rejects = f"rejects_{table.name}"
    read = csv_select_sql(table, path, rejects=rejects)
    if read is None:
        return None, [Problem(path.name, None, None, None, "the file is empty", "a header row with the column names", "error")]
    select, header = read
    # preserve_insertion_order (DuckDB's default) keeps file order, so rowid
    # is the data row's position in the file.
    con.execute(f"CREATE OR REPLACE TABLE raw_{table.name} AS {select}")
    # column_idx is NULL for an error of the whole line (arg_min would skip it).
    bad = con.execute(
        f"SELECT line, arg_min(error_type, coalesce(column_idx, -1)), arg_min(error_message, coalesce(column_idx, -1)), "
        f"arg_min(csv_line, coalesce(column_idx, -1)) FROM {rejects} GROUP BY line ORDER BY line LIMIT 1000"
    ).fetchall()
    if bad:
        expected = f"{len(header)} fields separated by {_delimiter(path)!r}, quotes closed"
        problems = [
            Problem(path.name, int(line), None, (text or "").strip()[:80],
                    _rejected_row_message(kind, message, len(header)), expected, "error")
            for line, kind, message, text in bad
        ]
        return None, problems
    return header, []


def _rejected_row_message(kind: str | None, message: str | None, columns: int) -> str:
    """What DuckDB's CSV reader found wrong with a row, in words a data manager can act on."""
    if kind == "LINE SIZE OVER MAXIMUM":
        import re

        sizes = re.findall(r"(\d+) bytes", message or "")
        size = f" ({int(sizes[-1]):,} bytes, at most {int(sizes[0]):,} are read)" if len(sizes) >= 2 else ""
        return (f"the row is longer than graftline reads in one row{size}: a field far too long, "
                "or a quote that is never closed")
    detail = " ".join((message or kind or "unreadable row").split())
    return f"the row cannot be split into the header's {columns} columns: {detail}"


def _load_parquet(con: duckdb.DuckDBPyConnection, table: Table, path: Path) -> list[str]:
    source = f"read_parquet({_literal(str(path))})"
    described = con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
    header = [normalise_header(name) for name, *_ in described]
    known = set(input_columns(table))
    selected = []
    for (name, kind, *_), normal in zip(described, header, strict=True):
        if normal not in known or normal in (n for _, n in selected):
            continue
        expression = _quote(name)
        if kind.startswith("TIMESTAMP"):
            # A date written by pandas/Excel as a timestamp at midnight.
            expression = f"CAST({expression} AS DATE)"
        selected.append((f"CAST({expression} AS VARCHAR) AS {_quote(normal)}", normal))
    projection = ", ".join(s for s, _ in selected) or "NULL AS _empty"
    con.execute(f"CREATE OR REPLACE TABLE raw_{table.name} AS SELECT {projection} FROM {source}")
    return header


def _delimiter(path: Path) -> str:
    """The separator of the header line: whichever of , ; tab | it uses most.

    Chosen from the header (which holds the column names) rather than by
    sniffing data rows, which malformed rows can mislead.
    """
    with path.open("rb") as handle:
        header = handle.readline(1 << 16).decode("utf-8", errors="replace")
    counts = {sep: header.count(sep) for sep in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if text.strip() else None


def _load_xlsx(con: duckdb.DuckDBPyConnection, table: Table, path: Path) -> tuple[list[str] | None, list[Problem]]:
    import openpyxl
    import pandas as pd

    try:
        workbook = openpyxl.load_workbook(path, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise ValueError(f"not an Excel .xlsx workbook ({type(error).__name__}: {error})") from None
    sheet = workbook[table.name] if table.name in workbook.sheetnames else workbook.worksheets[0]
    rows = [tuple(_cell_text(v) for v in row) for row in sheet.iter_rows(values_only=True)]
    problems = _header_problems(table, path.name, sheet, rows)
    if problems:
        return None, problems
    header = [normalise_header(v) for v in rows[0]]
    known = set(input_columns(table))
    keep = [i for i, name in enumerate(header) if name in known and header.index(name) == i]
    frame = pd.DataFrame(
        [[row[i] if i < len(row) else None for i in keep] for row in rows[1:]],
        columns=[header[i] for i in keep],
        dtype="object",
    )
    if not keep:
        frame["_empty"] = None
    con.register("_xlsx_frame", frame)
    try:
        projection = ", ".join(f"CAST({_quote(c)} AS VARCHAR) AS {_quote(c)}" for c in frame.columns)
        con.execute(f"CREATE OR REPLACE TABLE raw_{table.name} AS SELECT {projection} FROM _xlsx_frame")
    finally:
        con.unregister("_xlsx_frame")
    return header, []


def _header_problems(table: Table, file: str, sheet, rows: list[tuple]) -> list[Problem]:
    """A header must be one row with one column name per cell."""
    expected = "one header row (row 1) with one column name per cell, no merged cells"
    if not rows:
        return [Problem(file, None, None, None, "the sheet is empty", expected, "error")]
    problems = []
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= 2:
            problems.append(Problem(
                file, merged.min_row, None, str(merged),
                f"merged header cells {merged.coord}: graftline cannot tell which column each name belongs to",
                expected + "; unmerge the cells and put each column's name in row 1", "error",
            ))
    known = set(input_columns(table))
    first = {normalise_header(v) for v in rows[0]} & known
    second = {normalise_header(v) for v in rows[1]} & known if len(rows) > 1 else set()
    if not first and second:
        problems.append(Problem(
            file, 2, None, None,
            "the column names are in row 2, below another header row: a multi-row header",
            expected, "error",
        ))
    elif not problems:
        for index, name in enumerate(rows[0]):
            has_data = any(index < len(r) and r[index] is not None for r in rows[1:])
            if name is None and has_data:
                letter = sheet.cell(row=1, column=index + 1).column_letter
                problems.append(Problem(
                    file, 1, letter, None,
                    f"column {letter} has values but no name in the header row (a merged or multi-row header?)",
                    expected, "error",
                ))
    return problems
