"""Import a database export into a review project.

Formats: RIS (``.ris``; also Ovid's ``.ovd``/``.cgi``/``.txt`` RIS), MEDLINE
(``.nbib``, ``.medline``), PubMed XML and EndNote XML (``.xml``, told apart
by the root element), BibTeX (``.bib``) and CSV (``.csv``: Scopus, Web of
Science, ClinicalTrials.gov, Rayyan, Covidence). The format is taken from the
extension (and for ``.txt`` from the first tag) unless given.

What is read is reported in an :class:`ExportReading`: the records, every
line skipped (with its line number) and a summary per database of how many
records lacked a title, DOI or PMID. Each import is recorded as a search
(PRISMA-S) together with its records, in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from graftline.errors import InputError
from graftline.review.bibtex import read_bibtex
from graftline.review.csv_exports import CSV_ALIASES, read_csv_export
from graftline.review.medline import read_medline
from graftline.review.records import RECORD_COLUMNS, SearchLog, store_records
from graftline.review.ris import read_ris, read_text
from graftline.review.xml_exports import parse_xml_file, read_endnote_xml, read_pubmed_xml, xml_kind

FORMATS = ("ris", "medline", "csv", "pubmed-xml", "endnote-xml", "bibtex")
__all__ = ["CSV_ALIASES", "FORMATS", "ExportReading", "detect_format", "import_export", "load_export",
           "read_csv_export", "read_export"]

_EXTENSIONS = {".ris": "ris", ".ovd": "ris", ".cgi": "ris", ".nbib": "medline", ".medline": "medline",
               ".csv": "csv", ".bib": "bibtex", ".bibtex": "bibtex"}


def detect_format(path: Path) -> str:
    """The format of an export from its extension; ``.xml`` and ``.txt`` by their content."""
    suffix = path.suffix.lower()
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if suffix == ".xml":
        return xml_kind(parse_xml_file(path))
    if suffix == ".txt":
        for line in read_text(path).splitlines():
            if line.startswith("TY  -"):
                return "ris"
            if line.startswith("PMID-"):
                return "medline"
        raise InputError(f"{path}: a .txt file with neither RIS ('TY  - ') nor MEDLINE ('PMID- ') records; "
                         f"pass --format with one of {', '.join(FORMATS)}")
    raise InputError(f"{path}: cannot tell the format from the extension {suffix!r}; "
                     f"pass --format with one of {', '.join(FORMATS)}")


@dataclass(frozen=True)
class ExportReading:
    """What was read from one export file.

    Attributes
    ----------
    path : Path
    format : str
        One of :data:`FORMATS`.
    records : DataFrame
        The record table (:data:`~graftline.review.records.RECORD_COLUMNS`
        and ``database``).
    warnings : tuple of str
        Lines skipped because they lie outside any record, each naming its
        line, and a count of known export furniture skipped (Ovid record
        numbers and links). A record is never skipped: what cannot be read
        as a record is an error.
    """

    path: Path
    format: str
    records: pd.DataFrame
    warnings: tuple[str, ...] = ()

    def summary(self) -> pd.DataFrame:
        """Per database named in the file: ``records``, and how many lack ``title``, ``doi``, ``pmid``."""
        frame = self.records
        if frame.empty:
            return pd.DataFrame(columns=["database", "records", "without_title", "without_doi", "without_pmid"])
        grouped = frame.assign(t=frame["title"].isna(), d=frame["doi"].isna(), p=frame["pmid"].isna())
        grouped = grouped.groupby("database", sort=True)
        return pd.DataFrame({"records": grouped.size(), "without_title": grouped["t"].sum(),
                             "without_doi": grouped["d"].sum(), "without_pmid": grouped["p"].sum()}
                            ).astype(int).reset_index()

    def to_frame(self) -> pd.DataFrame:
        return self.records.copy()


def load_export(path: str | Path, *, source: str, format: str | None = None) -> ExportReading:
    """Read any supported export (nothing is stored); see :class:`ExportReading`."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path} is a folder; expected one export file")
    if not path.read_bytes().strip():
        # Never an empty search silently: an export always holds the records found.
        raise InputError(f"{path}: the file is empty; expected the database's export of the records found")
    fmt = format or detect_format(path)
    warnings: list[str] = []
    if fmt == "ris":
        frame = read_ris(path, source=source, warnings=warnings)
    elif fmt == "medline":
        frame = read_medline(path, source=source)
    elif fmt == "csv":
        frame = read_csv_export(path, source=source)
    elif fmt == "pubmed-xml":
        frame = read_pubmed_xml(path, source=source)
    elif fmt == "endnote-xml":
        frame = read_endnote_xml(path, source=source)
    elif fmt == "bibtex":
        frame = read_bibtex(path, source=source, warnings=warnings)
    else:
        raise InputError(f"format {fmt!r} is not supported; use one of {', '.join(FORMATS)}")
    return ExportReading(path=path, format=fmt, records=frame, warnings=tuple(warnings))


def read_export(path: str | Path, *, source: str, format: str | None = None) -> pd.DataFrame:
    """Read any supported export into the record table (nothing is stored; warnings are not returned)."""
    return load_export(path, source=source, format=format).records


def import_export(project, path: str | Path, *, source: str, format: str | None = None,
                  query: str | None = None, hit_count: int | None = None,
                  date_run: dt.datetime | None = None, filters: dict | None = None,
                  keep_untitled: bool = False, reading: ExportReading | None = None
                  ) -> tuple[int, pd.DataFrame]:
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
    reading : ExportReading, optional
        The file as already read by :func:`load_export` (so a caller can
        show its warnings without reading it twice).
    """
    source = source.strip().lower()
    if not source:
        raise InputError("--source must name the database the export came from (e.g. embase)")
    frame = (reading or load_export(path, source=source, format=format)).records
    search = SearchLog(
        database=source, query=query,
        date_run=date_run or dt.datetime.now(dt.UTC).replace(tzinfo=None),
        hit_count=len(frame) if hit_count is None else hit_count,
        filters=filters or {}, interface="file import", file=str(Path(path).name),
    )
    return store_records(project, frame[list(RECORD_COLUMNS)], search, keep_untitled=keep_untitled), frame
