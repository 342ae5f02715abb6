"""Every table graftline writes for people: CSV and XLSX that are safe to open in a spreadsheet.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a
formula, and tab or carriage return can smuggle one in: an identifier, arm
or study name such as ``=HYPERLINK("http://...","x")`` or
``=cmd|' /C calc'!A0`` would run on the reader's machine ("CSV injection",
OWASP). Every CSV graftline writes (endpoint tables, report tables, meta
study tables, review exports, simulated cohorts, tables printed with
``--csv``) therefore goes through :func:`write_csv` or :func:`csv_text`:

- a text cell (and a column name) beginning with one of those characters
  gets a leading ``'``, as OWASP recommends; a spreadsheet shows it as text;
- numeric columns are never touched, nor a text cell that is a plain number
  such as ``-5`` or ``+1.5e-3`` (a spreadsheet reads it as that number and
  runs nothing), so values read back as they were;
- a file is written beside its target and renamed over it, so an
  interrupted write leaves the old file (or none), never half of one;
  a command that writes several files writes them into a
  :func:`staged_folder` that appears whole or not at all.

In XLSX the cell type carries the difference: :func:`write_xlsx` stores
every text cell as a string (never a formula) and marks the risky ones
with Excel's quote prefix, the flag Excel sets for a typed ``'``; their
text is unchanged.

Readers do not strip the ``'``: a value written by graftline and read back
keeps it, visibly, rather than being silently turned back into a formula.

References
----------
.. [1] OWASP Foundation. CSV Injection.
   https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from graftline.errors import InputError
from graftline.interrupts import owned_name, remove_stale, signals_deferred

if TYPE_CHECKING:
    import pandas as pd

#: A text cell beginning with one of these is prefixed with ``'``.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: Prefix that makes a spreadsheet show a cell as text.
TEXT_PREFIX = "'"
# What was published, for the CLI's message after an interruption.
_WRITTEN: list[Path] = []

#: Suffix of the temporary files and folders of :func:`replaced` and :func:`staged_folder`.
PARTIAL = "partial"
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise_cell(value: object) -> object:
    """``value`` with ``'`` in front if it is text a spreadsheet would run as a formula.

    Examples
    --------
    >>> neutralise_cell('=HYPERLINK("http://x","y")')
    '\\'=HYPERLINK("http://x","y")'
    >>> neutralise_cell("-5"), neutralise_cell(-5), neutralise_cell("MST")
    ('-5', -5, 'MST')
    """
    if isinstance(value, str) and is_risky(value):
        return TEXT_PREFIX + value
    return value


def is_risky(text: str) -> bool:
    """True if a spreadsheet could take ``text`` for a formula."""
    return text.startswith(FORMULA_TRIGGERS) and _PLAIN_NUMBER.fullmatch(text) is None


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names cannot run as formulas.

    Columns of numbers, booleans, dates and times are returned as they are;
    in the other columns only ``str`` cells are changed (see
    :func:`neutralise_cell`).
    """
    import pandas as pd

    out = frame.copy(deep=False)
    for position in range(frame.shape[1]):
        values = frame.iloc[:, position]
        if not _holds_text(values):
            continue
        if isinstance(values.dtype, pd.CategoricalDtype):
            values = values.cat.rename_categories([neutralise_cell(c) for c in values.cat.categories])
        else:
            risky = values.map(lambda v: isinstance(v, str) and is_risky(v), na_action="ignore")
            if risky.eq(True).any():  # (an all-missing column maps to floats: no fillna(False) on it)
                values = values.map(neutralise_cell, na_action="ignore")
        out.isetitem(position, values)
    out.columns = [neutralise_cell(c) if isinstance(c, str) else c for c in frame.columns]
    return out


def _holds_text(values: pd.Series) -> bool:
    import pandas as pd

    dtype = values.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return _holds_text(pd.Series(dtype.categories))
    return pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype)


def csv_text(frame: pd.DataFrame, **options) -> str:
    """The CSV of ``frame`` (no index, ``\\n`` line ends), safe to open in a spreadsheet."""
    options = {"index": False, "lineterminator": "\n", **options}
    return neutralise_formulas(frame).to_csv(**options)


def write_csv(frame: pd.DataFrame, path: str | os.PathLike, **options) -> Path:
    """Write ``frame`` as CSV to ``path``, safe for spreadsheets, all or nothing.

    ``options`` go to :meth:`pandas.DataFrame.to_csv` (``index=False`` and
    ``lineterminator="\\n"`` unless given). Returns the path written.
    """
    options = {"index": False, "lineterminator": "\n", **options}
    safe = neutralise_formulas(frame)
    return _replace_atomically(Path(path), lambda partial: safe.to_csv(partial, **options))


def write_xlsx(frame: pd.DataFrame, path: str | os.PathLike, *, sheet: str = "Sheet1") -> Path:
    """Write ``frame`` as an XLSX workbook whose text cells are never formulas.

    Every text cell is stored as a string; those a spreadsheet could take
    for a formula also carry Excel's quote prefix. Numbers stay numbers.
    """
    import openpyxl
    import pandas as pd
    from openpyxl.cell.cell import TYPE_STRING

    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet[:31]
    header = [str(c) for c in frame.columns]
    rows = [header] + frame.astype(object).where(frame.notna(), None).values.tolist()
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if isinstance(value, pd.Timestamp):
                value = value.to_pydatetime()
            cell = worksheet.cell(row=r, column=c)
            if isinstance(value, str):
                cell.value = value
                # openpyxl takes a str beginning with "=" for a formula: say it is text.
                cell.data_type = TYPE_STRING
                if is_risky(value):
                    cell.quotePrefix = True
            else:
                cell.value = value
    return _replace_atomically(Path(path), workbook.save)


def write_parquet(frame: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write ``frame`` as Parquet, all or nothing (typed: no spreadsheet runs it)."""
    return _replace_atomically(Path(path), lambda partial: frame.to_parquet(partial, index=False))


def write_table(frame: pd.DataFrame, path: str | os.PathLike, **options) -> Path:
    """Write ``frame`` by the suffix of ``path``: ``.csv``, ``.xlsx`` or ``.parquet``.

    Parquet keeps types (no spreadsheet runs it), so it is written as is.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        return write_xlsx(frame, path)
    if suffix in (".parquet", ".pq"):
        return write_parquet(frame, path)
    return write_csv(frame, path, **options)


def _replace_atomically(path: Path, write) -> Path:
    """Call ``write(partial)`` for a file beside ``path``, then rename it over ``path``."""
    with replaced(path) as partial:
        write(partial)
    return path


@contextlib.contextmanager
def replaced(path: str | os.PathLike) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it when the block ends without error.

    Whatever is written to the yielded path appears at ``path`` whole, or
    not at all; a temporary file left by a killed graftline is removed by
    the next write of the same target.

    Examples
    --------
    >>> with replaced("forest.png") as partial:  # doctest: +SKIP
    ...     figure.savefig(partial, format="png")
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file name to write, such as {path / 'table.csv'}")
    if not path.parent.is_dir():
        raise InputError(f"cannot write {path}: folder {path.parent} does not exist")
    remove_stale(path, PARTIAL)
    partial = owned_name(path, PARTIAL)
    try:
        try:
            yield partial
            os.replace(partial, path)
        except OSError as error:
            if error.filename not in (str(partial), partial) or error.errno is None:
                raise
            # Say what was being written (not the hidden temporary name): full disk, no permission.
            raise OSError(error.errno, error.strerror, str(path)) from None
        _WRITTEN.append(path)
    finally:
        for leftover in (partial, Path(f"{partial}.wal")):  # a DuckDB file leaves a .wal
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


@contextlib.contextmanager
def staged_folder(out: str | os.PathLike) -> Iterator[Path]:
    """A folder to write a command's files into; they appear in ``out`` only when all are written.

    The files are written into a hidden folder beside ``out`` and moved
    into ``out`` when the block ends without error (with Ctrl-C and SIGTERM
    held back for those few renames), so an interrupted or failed command
    leaves ``out`` as it was. Files already in ``out`` that the command
    does not write are kept.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} exists and is not a folder")
    if not out.parent.is_dir():
        out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out, PARTIAL)
    staging = owned_name(out, PARTIAL)
    staging.mkdir()
    try:
        yield staging
        with signals_deferred():
            if not out.exists():
                os.replace(staging, out)
            else:
                for file in sorted(p for p in staging.rglob("*") if not p.is_dir()):
                    target = out / file.relative_to(staging)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(file, target)
            _WRITTEN.append(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def written() -> list[Path]:
    """Files and folders published since :func:`forget_written` (the CLI says what an interruption left)."""
    return [path for path in dict.fromkeys(_WRITTEN) if path.exists()]


def forget_written() -> None:
    _WRITTEN.clear()


def print_csv(frame: pd.DataFrame, stream: io.TextIOBase | None = None, **options) -> None:
    """Print ``frame`` as spreadsheet-safe CSV (default: to stdout)."""
    import sys

    (stream or sys.stdout).write(csv_text(frame, **options))


__all__ = [
    "FORMULA_TRIGGERS",
    "csv_text",
    "is_risky",
    "neutralise_cell",
    "neutralise_formulas",
    "print_csv",
    "replaced",
    "staged_folder",
    "write_csv",
    "write_parquet",
    "write_table",
    "write_xlsx",
]
