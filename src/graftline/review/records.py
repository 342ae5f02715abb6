"""The one record table every import is normalised to, and how imported
records (with the search that found them) are stored in a project.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import pandas as pd

from graftline.errors import InputError
from graftline.review.normalise import normalise_doi, normalise_pmid, parse_year

RECORD_COLUMNS = ("source", "source_id", "pmid", "doi", "title", "abstract", "authors", "year",
                  "journal", "origin")

# Sources reported under "registers" in the PRISMA 2020 diagram; everything
# else counts as a bibliographic database.
REGISTERS = frozenset({"clinicaltrials.gov", "ictrp", "who ictrp", "euctr", "isrctn", "chictr"})


def source_kind(source: str) -> str:
    """``"register"`` for trial registers, ``"database"`` otherwise."""
    return "register" if source.strip().lower() in REGISTERS else "database"


def make_record(*, source: str, origin: str, title=None, abstract=None, authors=None, year=None,
                journal=None, doi=None, pmid=None, source_id=None, database=None) -> dict:
    """One normalised record as a dict with :data:`RECORD_COLUMNS` keys and ``database``.

    Empty strings become ``None``; DOI and PMID are normalised (see
    :mod:`graftline.review.normalise`); authors become a list of strings.
    ``database`` is the database the export names for the record (an Ovid
    file can mix Embase and MEDLINE), ``source`` when it names none; it is
    used for the import summary and not stored.
    """
    def clean(value):
        if value is None:
            return None
        if isinstance(value, float) and pd.isna(value):
            return None
        text = " ".join(str(value).split())
        return text or None

    if authors is None or (isinstance(authors, float) and pd.isna(authors)):
        author_list = []
    elif isinstance(authors, str):
        author_list = [a.strip() for a in authors.split(";") if a.strip()]
    else:
        author_list = [" ".join(str(a).split()) for a in authors if str(a).strip()]
    return {
        "source": source,
        "source_id": clean(source_id),
        "pmid": normalise_pmid(pmid),
        "doi": normalise_doi(doi),
        "title": clean(title),
        "abstract": clean(abstract),
        "authors": author_list,
        "year": parse_year(year),
        "journal": clean(journal),
        "origin": origin,
        "database": clean(database) or source,
    }


def records_frame(records: list[dict]) -> pd.DataFrame:
    """Records as a DataFrame with :data:`RECORD_COLUMNS` and ``database`` (see :func:`make_record`)."""
    frame = pd.DataFrame(records, columns=[*RECORD_COLUMNS, "database"])
    frame["database"] = frame["database"].fillna(frame["source"])
    for column in (*RECORD_COLUMNS, "database"):
        if column not in ("year", "authors"):
            # Missing text stays None (not NaN) so callers compare plainly.
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    frame["year"] = frame["year"].astype("Int64")
    return frame


@dataclass(frozen=True)
class SearchLog:
    """What PRISMA-S asks to report about one search (items 1-9, 13).

    Attributes
    ----------
    database : str
        ``"pubmed"``, ``"embase"``, ``"clinicaltrials.gov"`` ...
    query : str or None
        The search string exactly as run.
    date_run : datetime
        When it was run (UTC).
    hit_count : int or None
        Number of hits the database reported; for file imports the number of
        records in the export unless the user gives the database's count.
    filters : dict
        Limits applied (date range, date type, languages ...).
    interface : str
        How records arrived: ``"e-utilities"`` or ``"file import"``.
    file : str or None
        Export file imported.
    """

    database: str
    query: str | None
    date_run: dt.datetime
    hit_count: int | None
    filters: dict = field(default_factory=dict)
    interface: str = "file import"
    file: str | None = None

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([{**self.__dict__, "filters": json.dumps(self.filters, sort_keys=True)}])


def untitled(frame: pd.DataFrame) -> pd.DataFrame:
    """Records without a title."""
    return frame[frame["title"].isna()]


def store_records(project, frame: pd.DataFrame, search: SearchLog, *, keep_untitled: bool = False) -> int:
    """Store one search and its records in one transaction; return the search id.

    Raises
    ------
    InputError
        When a record has no title and ``keep_untitled`` is false (nothing is
        stored then): a record without title cannot be screened or matched,
        so it is reported rather than silently kept or dropped.
    """
    missing = untitled(frame)
    if len(missing) and not keep_untitled:
        where = ", ".join(missing["origin"].head(10))
        more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
        raise InputError(
            f"{len(missing)} record(s) have no title: {where}{more}. Nothing was imported; fix the "
            "export, or import with --keep-untitled to keep them (they are listed by `graftline review records --untitled`)"
        )
    with project.transaction() as con:
        search_id = con.execute(
            "INSERT INTO searches (database, kind, interface, query, filters, date_run, hit_count, "
            "records_imported, file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING search_id",
            [search.database, source_kind(search.database), search.interface, search.query,
             json.dumps(search.filters, sort_keys=True), search.date_run, search.hit_count,
             len(frame), search.file],
        ).fetchone()[0]
        if len(frame):
            rows = frame.assign(search_id=search_id)
            rows["year"] = rows["year"].astype("float").astype("Int64")
            con.register("incoming_records", rows)
            con.execute(
                "INSERT INTO records (search_id, source, source_id, pmid, doi, title, abstract, authors, "
                "year, journal, origin) SELECT search_id, source, source_id, pmid, doi, title, abstract, "
                "authors, CAST(year AS INTEGER), journal, origin FROM incoming_records"
            )
            con.unregister("incoming_records")
    return search_id


def project_records(project, *, include_duplicates: bool = True) -> pd.DataFrame:
    """All records of a project (optionally only those not merged away)."""
    where = "" if include_duplicates else (
        "WHERE record_id NOT IN (SELECT duplicate_id FROM merges WHERE undone_at IS NULL)")
    return project.query(f"SELECT * FROM records {where} ORDER BY record_id")


def require_records(project, record_ids) -> None:
    """Raise :class:`InputError` naming every id that is not a record of the project."""
    ids = sorted({int(i) for i in record_ids})
    if not ids:
        return
    known = {r[0] for r in project.connection.execute(
        "SELECT record_id FROM records WHERE record_id IN (SELECT UNNEST(?))", [ids]).fetchall()}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise InputError(f"record id(s) {', '.join(map(str, unknown[:20]))} are not records of {project.path}; "
                         "list records with `graftline review records`")
