"""Import a database export (RIS, MEDLINE/.nbib, CSV) into a review project.

The format is taken from the file extension unless given. Each import is
recorded as a search (PRISMA-S) together with its records, in one
transaction.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from graftline.errors import InputError
from graftline.review.medline import read_medline
from graftline.review.normalise import parse_year
from graftline.review.records import SearchLog, make_record, records_frame, store_records
from graftline.review.ris import read_ris

FORMATS = ("ris", "medline", "csv")

# CSV header aliases (lower-cased): graftline names, Scopus and Web of Science
# CSV exports, Covidence/Rayyan exports.
CSV_ALIASES = {
    "title": ("title", "article title", "study title", "ti"),
    "abstract": ("abstract", "ab"),
    "authors": ("authors", "author", "author full names", "au"),
    "year": ("year", "publication year", "py", "pubyear", "start date"),
    "journal": ("journal", "source title", "source", "journal/book", "so"),
    "doi": ("doi", "di"),
    "pmid": ("pmid", "pubmed id", "pubmed_id", "pm"),
    "source_id": ("source_id", "eid", "accession number", "ut (unique wos id)", "ut", "covidence #",
                  "nct number"),
}


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".ris":
        return "ris"
    if suffix in {".nbib", ".medline"}:
        return "medline"
    if suffix in {".csv"}:
        return "csv"
    raise InputError(f"{path}: cannot tell the format from the extension {suffix!r}; "
                     f"pass --format with one of {', '.join(FORMATS)}")


def read_csv_export(path: str | Path, *, source: str) -> pd.DataFrame:
    """Read a CSV export (one record per row) into the record table.

    Column names are matched case-insensitively against :data:`CSV_ALIASES`;
    a ``title`` column is required. Authors are separated by ``;``.
    """
    path = Path(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as error:
        raise InputError(f"{path}: not a readable CSV file ({str(error).strip()})") from None
    lower = {c.strip().lower(): c for c in raw.columns}
    columns = {}
    for name, aliases in CSV_ALIASES.items():
        columns[name] = next((lower[a] for a in aliases if a in lower), None)
    if columns["title"] is None:
        raise InputError(f"{path}: no title column; expected one of {', '.join(CSV_ALIASES['title'])} "
                         f"(found {', '.join(raw.columns)})")
    records = []
    for row_number, row in enumerate(raw.itertuples(index=False), start=2):
        values = dict(zip(raw.columns, row, strict=True))
        get = {name: (values[col] if col else None) for name, col in columns.items()}
        if get["year"] and get["year"].strip() and parse_year(get["year"]) is None:
            raise InputError(f"{path} row {row_number}, column {columns['year']}: {get['year']!r} is not a year")
        records.append(make_record(source=source, origin=f"{path.name} row {row_number}", **get))
    return records_frame(records)


def read_export(path: str | Path, *, source: str, format: str | None = None) -> pd.DataFrame:
    """Read any supported export into the record table (nothing is stored)."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path} is a folder; expected one export file")
    if not path.read_bytes().strip():
        # Never an empty search silently: an export always holds the records found.
        raise InputError(f"{path}: the file is empty; expected the database's export of the records found")
    fmt = format or detect_format(path)
    if fmt == "ris":
        return read_ris(path, source=source)
    if fmt == "medline":
        return read_medline(path, source=source)
    if fmt == "csv":
        return read_csv_export(path, source=source)
    raise InputError(f"format {fmt!r} is not supported; use one of {', '.join(FORMATS)}")


def import_export(project, path: str | Path, *, source: str, format: str | None = None,
                  query: str | None = None, hit_count: int | None = None,
                  date_run: dt.datetime | None = None, filters: dict | None = None,
                  keep_untitled: bool = False) -> tuple[int, pd.DataFrame]:
    """Read an export and store it with its search log; return ``(search_id, records)``.

    Parameters
    ----------
    project : ReviewProject
    path : path
    source : str
        Database name as it should appear in the PRISMA diagram.
    query, hit_count, date_run, filters
        The search as run in the database (PRISMA-S items 8, 9, 13). The hit
        count defaults to the number of records in the file.
    keep_untitled : bool
        Keep records without a title instead of refusing the file.
    """
    source = source.strip().lower()
    if not source:
        raise InputError("--source must name the database the export came from (e.g. embase)")
    frame = read_export(path, source=source, format=format)
    search = SearchLog(
        database=source, query=query,
        date_run=date_run or dt.datetime.now(dt.UTC).replace(tzinfo=None),
        hit_count=len(frame) if hit_count is None else hit_count,
        filters=filters or {}, interface="file import", file=str(Path(path).name),
    )
    return store_records(project, frame, search, keep_untitled=keep_untitled), frame
