"""PubMed MEDLINE exports (``.nbib``, "PubMed" format) normalised to the record table.

rispy 0.10 reads RIS and Web of Science tagged files but has no MEDLINE
reader, so this module parses the format itself: tags of up to four
characters padded to four, ``"- "``, the value; continuation lines indented
by six spaces; records separated by blank lines and starting with ``PMID-``
(NLM, "MEDLINE/PubMed Data Element (Field) Descriptions").
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from graftline.errors import InputError
from graftline.review.records import make_record, records_frame
from graftline.review.ris import read_text

_FIELD = re.compile(r"^([A-Z][A-Z0-9]{0,3})\s*- (.*)$")
_REPEATED = frozenset({"AU", "FAU", "AID", "LID", "PT", "MH", "OT", "AD", "AUID", "IS", "PHST"})


def parse_medline(text: str, path: Path) -> list[tuple[int, dict[str, list[str]]]]:
    """Split MEDLINE text into records: ``(first line number, {tag: [values]})``.

    Raises
    ------
    InputError
        Naming file and line when a line is neither a field, a continuation
        nor blank, or a record does not start with ``PMID-``.
    """
    records: list[tuple[int, dict[str, list[str]]]] = []
    current: dict[str, list[str]] | None = None
    last_tag = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            current, last_tag = None, None
            continue
        if line.startswith("      ") and current is not None and last_tag is not None:
            current[last_tag][-1] += " " + line.strip()
            continue
        match = _FIELD.match(line)
        if match is None:
            raise InputError(f"{path} line {number}: {line[:60]!r} is not a MEDLINE field "
                             "('TAG - value') or a continuation line (six spaces)")
        tag, value = match.group(1), match.group(2).strip()
        if current is None:
            if tag != "PMID":
                raise InputError(f"{path} line {number}: a MEDLINE record must start with 'PMID- ', found {tag!r}")
            current = {}
            records.append((number, current))
        current.setdefault(tag, []).append(value)
        last_tag = tag
    return records


def _doi(fields: dict[str, list[str]]):
    for value in fields.get("AID", []) + fields.get("LID", []):
        if value.endswith("[doi]"):
            return value.removesuffix("[doi]").strip()
    return None


def read_medline(path: str | Path, *, source: str = "pubmed") -> pd.DataFrame:
    """Read a PubMed ``.nbib``/MEDLINE export into the record table.

    Authors are the full names (``FAU``) when present, else ``AU``; the
    journal is the full title (``JT``), else the abbreviation (``TA``); the
    year comes from the publication date ``DP``.
    """
    path = Path(path)
    text = read_text(path)
    parsed = parse_medline(text, path)
    records = []
    for index, (line, fields) in enumerate(parsed, start=1):
        def one(tag, fields=fields):
            values = fields.get(tag)
            return values[0] if values else None
        records.append(make_record(
            source=source,
            origin=f"{path.name} record {index} (line {line})",
            title=one("TI") or one("BTI"),
            abstract=one("AB"),
            authors=fields.get("FAU") or fields.get("AU") or [],
            year=one("DP") or one("DEP"),
            journal=one("JT") or one("TA"),
            doi=_doi(fields),
            pmid=one("PMID"),
            source_id=one("PMID"),
        ))
    return records_frame(records)
