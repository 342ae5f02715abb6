"""RIS exports (Embase/Ovid, Scopus, Web of Science, Cochrane Library) read
with ``rispy`` and normalised to the record table.

rispy silently skips text outside records, drops a last record that lacks its
``ER`` line and treats a mistyped tag as a continuation line. A review cannot
afford to lose records silently, so :func:`check_ris_structure` checks the
layout first and names the offending line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from graftline.errors import InputError
from graftline.review.records import make_record, records_frame

_TAG_LINE = re.compile(r"^[A-Z][A-Z0-9]  - ?")
_TAG_LIKE = re.compile(r"^[A-Z][A-Z0-9]\s{0,3}-\s?")
_PMID_TEXT = re.compile(r"(?:PMID|PUBMED|MEDLINE)\s*:?\s*(\d{1,9})\b", re.IGNORECASE)

_JOURNAL_KEYS = ("secondary_title", "journal_name", "alternate_title3", "alternate_title2",
                 "alternate_title1")


def read_text(path: Path) -> str:
    """File text as UTF-8 (a byte-order mark is dropped), with a located error otherwise."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(f"{path} line {line}: not UTF-8 text (byte {error.start}); re-export the file as UTF-8") from None


def check_ris_structure(text: str, path: Path) -> int:
    """Check that every record runs from ``TY  -`` to ``ER  -``; return the record count.

    Raises
    ------
    InputError
        Naming the file and line: text outside a record, a record that is not
        closed, a tag line that does not have the ``XX  - `` form.
    """
    start_line = None
    count = 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.rstrip()
        if start_line is None:
            if not stripped:
                continue
            if stripped.startswith("TY  -"):
                start_line = number
                continue
            raise InputError(f"{path} line {number}: {stripped[:60]!r} is outside a record; "
                             "expected 'TY  - ' to start a RIS record")
        if stripped.startswith("TY  -"):
            raise InputError(f"{path} line {number}: a new record starts but the record from line "
                             f"{start_line} was not closed with 'ER  - '")
        if stripped.startswith("ER  -") or stripped == "ER":
            start_line = None
            count += 1
            continue
        if _TAG_LIKE.match(stripped) and not _TAG_LINE.match(stripped):
            raise InputError(f"{path} line {number}: {stripped[:40]!r} looks like a tag but RIS tags "
                             "are two characters, two spaces, '-', space (e.g. 'TI  - ')")
    if start_line is not None:
        raise InputError(f"{path} line {start_line}: record is not closed with 'ER  - ' before the end of the file")
    return count


def _first(entry: dict, *keys: str):
    for key in keys:
        value = entry.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if value:
            return value
    return None


def _pmid(entry: dict):
    if entry.get("pubmed_id"):
        return entry["pubmed_id"]
    for key in ("accession_number", "notes", "note", "custom5", "custom2"):
        values = entry.get(key)
        for value in values if isinstance(values, list) else [values]:
            if value and (match := _PMID_TEXT.search(str(value))):
                return match.group(1)
    return None


def _doi(entry: dict):
    if entry.get("doi"):
        return entry["doi"]
    for url in entry.get("urls", []) or []:
        if "doi.org/" in url:
            return url
    return None


def read_ris(path: str | Path, *, source: str) -> pd.DataFrame:
    """Read a RIS export into the record table.

    Parameters
    ----------
    path : path
        The export file (UTF-8).
    source : str
        Database it came from (``"embase"``, ``"scopus"``, ``"wos"``, ``"cochrane"``).

    Returns
    -------
    DataFrame
        One row per record with :data:`~graftline.review.records.RECORD_COLUMNS`;
        ``origin`` is ``"<file> record <n> (line <l>)"``.

    Notes
    -----
    Field choice: title ``TI``/``T1``; abstract ``AB``/``N2``; authors ``AU``
    then ``A1``; year ``PY``/``Y1``/``DA``; journal ``T2``/``JO``/``JF``/``JA``/``J2``;
    DOI ``DO`` or a doi.org URL in ``UR``; PMID from ``PM`` or a
    ``PMID``/``PUBMED`` number in ``AN``/notes (Embase and Cochrane write it
    there); source id ``ID`` (Embase, Cochrane CN- number) or ``AN`` (WoS UT).
    """
    import rispy

    path = Path(path)
    text = read_text(path)
    expected = check_ris_structure(text, path)
    entries = rispy.loads(text)
    if len(entries) != expected:  # defensive: the structure check should make this impossible
        raise InputError(f"{path}: {expected} records found but the RIS parser read {len(entries)}")
    starts = [n for n, line in enumerate(text.splitlines(), start=1) if line.startswith("TY  -")]
    records = []
    for index, (entry, line) in enumerate(zip(entries, starts, strict=True), start=1):
        records.append(make_record(
            source=source,
            origin=f"{path.name} record {index} (line {line})",
            title=_first(entry, "title", "primary_title"),
            abstract=_first(entry, "abstract", "notes_abstract"),
            authors=entry.get("authors") or entry.get("first_authors") or [],
            year=_first(entry, "year", "publication_year", "date"),
            journal=_first(entry, *_JOURNAL_KEYS),
            doi=_doi(entry),
            pmid=_pmid(entry),
            source_id=_first(entry, "id", "accession_number"),
        ))
    return records_frame(records)
