"""RIS exports (Embase, Ovid, Scopus, Web of Science, Cochrane Library,
EBSCOhost, EndNote, Zotero, Mendeley) read with ``rispy`` and normalised to
the record table.

rispy silently skips text outside records, drops a last record that lacks its
``ER`` line and treats a mistyped tag as a continuation line. A review cannot
afford to lose records silently, so :func:`split_ris` checks the layout first:
a record cut off (no ``ER``) or a mistyped tag is refused with its line; a
line outside any record is skipped with a warning naming the line; the
furniture Ovid writes around its records (record numbers such as ``12.``,
"Link to the Ovid Full Text or citation:" and the link after it, ``NL  -``
link lines) is skipped and counted.

Where each database puts what (RIS Format Specifications, Research
Information Systems/Thomson Reuters 2011; the vendors' export shapes):

- PubMed id: ``PM``; Scopus writes it in ``C2`` (which the specification
  reserves for the PMCID, so ``C2`` is read as a PMID only for Scopus);
  Embase.com in ``C5`` ("MEDLINE PMID"); Ovid MEDLINE and PubMed-derived
  EndNote exports in ``AN``/``ID`` (the MEDLINE unique identifier); Cochrane
  CENTRAL as "PUBMED n" in ``AN``. An explicit "PMID: n" in ``AN``, ``N1``,
  ``C2`` or ``C5`` is read for every database. Embase and PsycInfo accession
  numbers are digits too, which is why the database decides.
- DOI: ``DO`` (Ovid writes it as a ``https://dx.doi.org/`` link), ``L3``
  (EBSCOhost), ``M3`` (some EndNote and Wiley exports), or a doi.org link in
  ``UR``, ``L1`` or ``L2``.
- Database: ``DB`` (``Embase``, ``Ovid MEDLINE(R) <1946 to ...>``,
  ``Scopus``), else the source given to the import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from graftline.errors import InputError
from graftline.review.normalise import normalise_doi, normalise_pmid
from graftline.review.records import make_record, records_frame

_TAG_LINE = re.compile(r"^[A-Z][A-Z0-9]  - ?")
# A tag typed with one or three spaces ("AU - Smith"); an untagged
# continuation line such as EndNote's keyword "NF-kappa B/metabolism" has no
# space before the dash and is a continuation, not a mistyped tag.
_TAG_LIKE = re.compile(r"^[A-Z][A-Z0-9](?: |   )-(?: |$)")
# "PMID: 123", "PUBMED 123" (Cochrane CENTRAL), "PMID: NLM123" (EBSCOhost notes).
_PMID_TEXT = re.compile(r"(?:PMID|PUBMED|MEDLINE)\s*:?\s*(?:NLM)?(\d{1,9})\b", re.IGNORECASE)
_OVID_NUMBER = re.compile(r"^\d{1,7}\.\s*$")
_OVID_LINK_HEADER = "Link to the Ovid Full Text or citation"
_URL = re.compile(r"^https?://\S+$")

# Full journal title first: T2, JF (Embase and Ovid's full title), then JO
# (Embase's abbreviation; EBSCOhost's full title), JA, J2.
_JOURNAL_KEYS = ("secondary_title", "alternate_title3", "journal_name", "alternate_title2",
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


@dataclass(frozen=True)
class RisLayout:
    """Where the records of a RIS file are, and what lies between them.

    Attributes
    ----------
    record_text : str
        The records only (``TY`` to ``ER``), for the RIS parser.
    start_lines : tuple of int
        Line (1-based, in the file) of each record's ``TY``.
    warnings : tuple of str
        One per line outside a record that is not known export furniture.
    furniture : int
        Known export furniture lines skipped (Ovid record numbers and links).
    """

    record_text: str
    start_lines: tuple[int, ...]
    warnings: tuple[str, ...]
    furniture: int


def split_ris(text: str, path: Path) -> RisLayout:
    """Separate the records of a RIS file from what lies between them.

    Raises
    ------
    InputError
        Naming the file and line: a record not closed with ``ER`` before the
        next ``TY`` or the end of the file (a cut-off download), a tag line
        that does not have the ``XX  - `` form.
    """
    start_line = None
    starts: list[int] = []
    kept: list[str] = []
    warnings: list[str] = []
    furniture = 0
    after_link_header = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.rstrip()
        if start_line is None:
            if not stripped.strip():
                continue
            if stripped.startswith("TY  -"):
                start_line = number
                starts.append(number)
                kept.append(stripped)
                after_link_header = False
                continue
            bare = stripped.strip()
            if (_OVID_NUMBER.match(bare) or bare.startswith(_OVID_LINK_HEADER) or bare.startswith("NL  -")
                    or (after_link_header and _URL.match(bare))):
                after_link_header = bare.startswith(_OVID_LINK_HEADER)
                furniture += 1
                continue
            after_link_header = False
            warnings.append(f"{path.name} line {number}: {bare[:60]!r} is outside a record; skipped")
            continue
        if stripped.startswith("TY  -"):
            raise InputError(f"{path} line {number}: a new record starts but the record from line "
                             f"{start_line} was not closed with 'ER  - ' (is the file cut off or pasted "
                             "together?); nothing was imported")
        if stripped.startswith("ER  -") or stripped == "ER":
            start_line = None
            kept.extend(["ER  - ", ""])
            continue
        if _TAG_LIKE.match(stripped) and not _TAG_LINE.match(stripped):
            raise InputError(f"{path} line {number}: {stripped[:40]!r} looks like a tag but RIS tags "
                             "are two characters, two spaces, '-', space (e.g. 'TI  - ')")
        kept.append(stripped)
    if start_line is not None:
        raise InputError(f"{path} line {start_line}: record is not closed with 'ER  - ' before the end of the "
                         "file (the file is cut off); nothing was imported")
    return RisLayout("\n".join(kept) + "\n", tuple(starts), tuple(warnings), furniture)


def check_ris_structure(text: str, path: Path) -> int:
    """Number of records, after checking the layout (see :func:`split_ris`)."""
    return len(split_ris(text, path).start_lines)


def _first(entry: dict, *keys: str):
    for key in keys:
        value = entry.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if value:
            return value
    return None


def _values(entry: dict, key: str) -> list[str]:
    """All values of a rispy key or of an unmapped tag (rispy keeps those under ``unknown_tag``)."""
    value = entry.get(key)
    if value is None and len(key) == 2:
        value = (entry.get("unknown_tag") or {}).get(key)
    if value is None:
        return []
    return [str(v) for v in (value if isinstance(value, list) else [value]) if v]


def database_kind(database: str | None) -> str:
    """Which database's conventions a record follows: ``scopus``, ``embase``, ``medline``, ``cochrane`` or ``other``.

    Example
    -------
    >>> database_kind("Ovid MEDLINE(R) ALL <1946 to June 03, 2024>")
    'medline'
    """
    text = (database or "").lower()
    for kind, words in (("scopus", ("scopus",)), ("embase", ("embase",)), ("cochrane", ("cochrane", "central")),
                        ("medline", ("medline", "pubmed"))):
        if any(word in text for word in words):
            return kind
    return "other"


def ris_pmid(entry: dict, kind: str) -> str | None:
    """PubMed id of one rispy entry, by the conventions of database ``kind`` (see the module notes)."""
    for value in _values(entry, "PM"):
        if (pmid := normalise_pmid(value)) is not None:
            return pmid
    positional = {"scopus": ("custom2",), "embase": ("custom5",), "medline": ("accession_number", "id")}
    for key in positional.get(kind, ()):
        for value in _values(entry, key):
            if (pmid := normalise_pmid(value)) is not None:
                return pmid
    for key in ("accession_number", "notes", "custom5", "custom2"):
        for value in _values(entry, key):
            if match := _PMID_TEXT.search(value):
                return match.group(1)
    return None


def ris_doi(entry: dict) -> str | None:
    """DOI of one rispy entry from ``DO``, ``L3``, ``M3`` or a doi.org link in ``UR``/``L1``/``L2``."""
    for key in ("doi", "L3", "type_of_work"):
        for value in _values(entry, key):
            if (doi := normalise_doi(value)) is not None:
                return doi
    for key in ("urls", "file_attachments1", "file_attachments2"):
        for value in _values(entry, key):
            if "doi.org/" in value and (doi := normalise_doi(value)) is not None:
                return doi
    return None


def read_ris(path: str | Path, *, source: str, warnings: list[str] | None = None) -> pd.DataFrame:
    """Read a RIS export into the record table.

    Parameters
    ----------
    path : path
        The export file (UTF-8).
    source : str
        Database it came from (``"embase"``, ``"scopus"``, ``"wos"``, ``"cochrane"``).
    warnings : list, optional
        Lines skipped outside records are appended here (one message each,
        naming the line) and a count of Ovid furniture skipped.

    Returns
    -------
    DataFrame
        One row per record with :data:`~graftline.review.records.RECORD_COLUMNS`
        and ``database`` (the record's ``DB``, else ``source``); ``origin`` is
        ``"<file> record <n> (line <l>)"``.

    Notes
    -----
    Field choice: title ``TI``/``T1``; abstract ``AB``/``N2``; authors ``AU``
    then ``A1``; year ``PY``/``Y1``/``DA``; journal ``T2``/``JO``/``JF``/``JA``/``J2``;
    PMID and DOI as in the module notes; source id ``ID`` (Embase, Ovid,
    Cochrane CN- number) or ``AN`` (WoS UT).
    """
    import rispy

    path = Path(path)
    layout = split_ris(read_text(path), path)
    entries = rispy.loads(layout.record_text)
    if len(entries) != len(layout.start_lines):  # defensive: the layout check should make this impossible
        raise InputError(f"{path}: {len(layout.start_lines)} records found but the RIS parser read {len(entries)}")
    if warnings is not None:
        warnings.extend(layout.warnings)
        if layout.furniture:
            warnings.append(f"{path.name}: skipped {layout.furniture} line(s) of Ovid record numbers and "
                            "full-text links between records")
    records = []
    for index, (entry, line) in enumerate(zip(entries, layout.start_lines, strict=True), start=1):
        database = _first(entry, "name_of_database")
        # EndNote writes where a record came from as the provider ("DP  - NLM" for PubMed).
        provider = _first(entry, "database_provider")
        kind = database_kind(database or ("pubmed" if provider == "NLM" else None) or source)
        records.append(make_record(
            source=source,
            origin=f"{path.name} record {index} (line {line})",
            title=_first(entry, "title", "primary_title"),
            abstract=_first(entry, "abstract", "notes_abstract"),
            authors=entry.get("authors") or entry.get("first_authors") or [],
            year=_first(entry, "year", "publication_year", "date"),
            journal=_first(entry, *_JOURNAL_KEYS),
            doi=ris_doi(entry),
            pmid=ris_pmid(entry, kind),
            source_id=_first(entry, "id", "accession_number"),
            # Ovid appends the coverage: "Embase <1974 to 2025 March 03>".
            database=re.sub(r"<[^>]*>", "", database).strip() if database else None,
        ))
    return records_frame(records)
