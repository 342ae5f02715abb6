"""CSV exports: Scopus, Web of Science, ClinicalTrials.gov, and the screening
tools reviewers move between (Rayyan, Covidence), normalised to the record
table.

Column names are matched case-insensitively against :data:`CSV_ALIASES`.
Shapes (as the tools export them):

- Rayyan "Export > CSV": ``key, title, year, month, day, journal, issn,
  volume, issue, pages, authors, url, language, publisher, location,
  abstract, notes, doi, keywords, pubmed_id, pmc_id``; authors separated by
  `` and ``; ``notes`` carries Rayyan's decisions ("RAYYAN-INCLUSION: ...")
  and is not read; a ``doi`` cell can carry text a RIS import left behind
  after the DOI ("10.1038/x     LK  - https://..."), so only its first word
  is read.
- Covidence "Export references > CSV": ``Title, Authors, Abstract, Published
  Year, Published Month, Journal, Volume, Issue, Pages, Accession Number,
  DOI, Ref, Covidence #, Study, Notes, Tags``; authors separated by ``;``.
- Scopus: ``Authors, Title, Year, Source title, DOI, PubMed ID, EID``; Web of
  Science: ``Article Title, Publication Year, DOI, Pubmed Id, UT (Unique WOS ID)``;
  ClinicalTrials.gov: ``NCT Number, Study Title, Start Date``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from graftline.errors import InputError
from graftline.review.normalise import parse_year
from graftline.review.records import make_record, records_frame

CSV_ALIASES = {
    "title": ("title", "article title", "study title", "ti"),
    "abstract": ("abstract", "ab"),
    "authors": ("authors", "author", "author full names", "au"),
    "year": ("year", "publication year", "published year", "py", "pubyear", "start date"),
    "journal": ("journal", "source title", "source", "journal/book", "so"),
    "doi": ("doi", "di"),
    "pmid": ("pmid", "pubmed id", "pubmed_id", "pm"),
    "source_id": ("source_id", "covidence #", "eid", "accession number", "ut (unique wos id)", "ut",
                  "nct number", "key"),
}
_AND = re.compile(r"\s+and\s+")


def _authors(value: str | None, rayyan: bool) -> list[str]:
    if not value:
        return []
    parts = _AND.split(value) if rayyan and ";" not in value else value.split(";")
    return [p.strip() for p in parts if p.strip()]


def read_csv_export(path: str | Path, *, source: str) -> pd.DataFrame:
    """Read a CSV export (one record per row) into the record table.

    A ``title`` column is required; a year that is not a year is an error
    naming row and column. Authors are separated by ``;`` (`` and `` in
    Rayyan exports, recognised by their ``key`` column).
    """
    path = Path(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as error:
        raise InputError(f"{path}: not a readable CSV file ({str(error).strip()})") from None
    lower = {c.strip().lower(): c for c in raw.columns}
    columns = {name: next((lower[a] for a in aliases if a in lower), None) for name, aliases in CSV_ALIASES.items()}
    if columns["title"] is None:
        raise InputError(f"{path}: no title column; expected one of {', '.join(CSV_ALIASES['title'])} "
                         f"(found {', '.join(raw.columns)})")
    rayyan = "key" in lower and "pubmed_id" in lower
    records = []
    for row_number, row in enumerate(raw.itertuples(index=False), start=2):
        values = dict(zip(raw.columns, row, strict=True))
        get = {name: (values[col] if col else None) for name, col in columns.items()}
        if get["year"] and get["year"].strip() and parse_year(get["year"]) is None:
            raise InputError(f"{path} row {row_number}, column {columns['year']}: {get['year']!r} is not a year")
        doi = get["doi"].split()[0] if get["doi"] and get["doi"].split() else None
        records.append(make_record(source=source, origin=f"{path.name} row {row_number}",
                                   **{**get, "doi": doi, "authors": _authors(get["authors"], rayyan)}))
    return records_frame(records)
