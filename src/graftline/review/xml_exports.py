"""XML exports: PubMed XML files (PubMed "Send to > File > XML", or
E-utilities efetch saved to disk) and EndNote XML ("File > Export > XML").

Both are parsed with the standard library's ElementTree. A file that is not
well-formed XML (for example cut off by a download) is refused with the line
and column where parsing stopped; nothing is imported.

EndNote XML follows EndNote's export DTD (``xml.dtd`` shipped with EndNote;
"EndNote XML" in the EndNote manual): ``xml/records/record`` with
``contributors/authors/author``, ``titles/title``, ``titles/secondary-title``
or ``periodical/full-title``, ``dates/year``, ``abstract``,
``electronic-resource-num`` (the DOI), ``accession-num`` (the PubMed id when
the record came from PubMed/MEDLINE, named in ``remote-database-name`` or
``remote-database-provider``) and ``urls``. Text may be wrapped in
``<style>`` elements; all text inside an element is read. No well-kept
Python library reads EndNote XML, so this module does.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd

from graftline.errors import InputError
from graftline.review.normalise import normalise_doi
from graftline.review.pubmed_xml import MalformedResponse, parse_efetch
from graftline.review.records import make_record, records_frame
from graftline.review.ris import _PMID_TEXT, database_kind


def parse_xml_file(path: Path) -> ET.Element:
    """The root element, or an :class:`InputError` naming line and column where the XML breaks."""
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as error:
        line, column = error.position
        reason = str(error).split(":")[0]
        raise InputError(f"{path} line {line}, column {column}: not well-formed XML ({reason}); is the file cut "
                         "off? Nothing was imported") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None


def xml_kind(root: ET.Element) -> str:
    """``"pubmed-xml"`` or ``"endnote-xml"`` from the root element."""
    if root.tag == "PubmedArticleSet":
        return "pubmed-xml"
    if root.tag == "xml" and root.find("records") is not None:
        return "endnote-xml"
    raise InputError(f"root element <{root.tag}> is neither PubMed XML (<PubmedArticleSet>) nor EndNote XML "
                     "(<xml><records>)")


def read_pubmed_xml(path: str | Path, *, source: str = "pubmed") -> pd.DataFrame:
    """Read a PubMed XML file (``PubmedArticleSet``) into the record table."""
    path = Path(path)
    root = parse_xml_file(path)
    if root.tag != "PubmedArticleSet":
        raise InputError(f"{path}: root element is <{root.tag}>, expected <PubmedArticleSet> (PubMed XML)")
    try:
        records = parse_efetch(ET.tostring(root), origin=path.name)
    except MalformedResponse as error:
        raise InputError(f"{path}: {error}") from None
    books = len(root.findall("PubmedBookArticle"))
    if books:
        raise InputError(f"{path}: {books} PubmedBookArticle record(s) (books and chapters) are not read yet; "
                         "export them as MEDLINE (.nbib) instead. Nothing was imported")
    for index, record in enumerate(records, start=1):
        record["source"] = record["database"] = source
        record["origin"] = f"{path.name} article {index} (PMID {record['pmid']})"
    return records_frame(records)


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    text = " ".join("".join(element.itertext()).split())
    return text or None


def read_endnote_xml(path: str | Path, *, source: str) -> pd.DataFrame:
    """Read an EndNote XML export into the record table (see the module notes)."""
    path = Path(path)
    root = parse_xml_file(path)
    if xml_kind(root) != "endnote-xml":
        raise InputError(f"{path}: not EndNote XML (root <{root.tag}>)")
    records = []
    for index, record in enumerate(root.iter("record"), start=1):
        database = _text(record.find("remote-database-name")) or _text(record.find("remote-database-provider"))
        accession = _text(record.find("accession-num"))
        pmid = accession if database_kind(database) == "medline" else None
        notes = _text(record.find("notes")) or ""
        if pmid is None and (match := _PMID_TEXT.search(f"{accession or ''} {notes}")):
            pmid = match.group(1)
        doi = _text(record.find("electronic-resource-num"))
        if normalise_doi(doi) is None:
            doi = next((url for url in (_text(u) for u in record.iter("url")) if url and "doi.org/" in url), doi)
        number = _text(record.find("rec-number"))
        records.append(make_record(
            source=source,
            origin=f"{path.name} record {index}" + (f" (EndNote #{number})" if number else ""),
            title=_text(record.find("titles/title")),
            abstract=_text(record.find("abstract")),
            authors=[_text(a) for a in record.findall("contributors/authors/author") if _text(a)],
            year=_text(record.find("dates/year")),
            journal=_text(record.find("periodical/full-title")) or _text(record.find("titles/secondary-title")),
            doi=doi, pmid=pmid, source_id=accession, database=database,
        ))
    return records_frame(records)
