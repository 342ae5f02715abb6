"""PubMed XML (E-utilities efetch, ``db=pubmed&retmode=xml``) and esearch
responses, parsed with the standard library's ElementTree.

Element names follow NLM's PubMed DTD (pubmed_250101.dtd): ``PubmedArticle/
MedlineCitation/Article`` with ``ArticleTitle``, ``Abstract/AbstractText``,
``AuthorList/Author``, ``Journal/JournalIssue/PubDate``, and the identifiers in
``PubmedData/ArticleIdList``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from graftline.errors import InputError
from graftline.review.records import make_record


class MalformedResponse(InputError):
    """A response that is not the XML E-utilities documents (e.g. cut off).

    An :class:`~graftline.errors.InputError` (and so a ``ValueError``, which
    makes the client fetch it again): the CLI reports it as one message.
    """


@dataclass(frozen=True)
class SearchHits:
    """What esearch answered: hit count, history-server handles, translation."""

    count: int
    web_env: str | None
    query_key: str | None
    query_translation: str | None


def _text(element) -> str | None:
    if element is None:
        return None
    text = "".join(element.itertext()).strip()
    return text or None


def parse_esearch(body: bytes) -> SearchHits:
    """Parse an esearch XML answer; raise :class:`MalformedResponse` or ``ValueError`` for errors."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as error:
        raise MalformedResponse(f"esearch answer is not valid XML ({error})") from None
    error = root.find("ERROR")
    if error is not None:
        raise InputError(f"PubMed rejected the search: {_text(error)}")
    count = root.find("Count")
    if count is None or not (count.text or "").strip().isdigit():
        raise MalformedResponse("esearch answer has no <Count>")
    return SearchHits(count=int(count.text), web_env=_text(root.find("WebEnv")),
                      query_key=_text(root.find("QueryKey")),
                      query_translation=_text(root.find("QueryTranslation")))


def _year(article) -> str | None:
    date = article.find("Journal/JournalIssue/PubDate")
    if date is not None:
        return _text(date.find("Year")) or _text(date.find("MedlineDate"))
    return _text(article.find("ArticleDate/Year"))


def _authors(article) -> list[str]:
    names = []
    for author in article.findall("AuthorList/Author"):
        last = _text(author.find("LastName"))
        if last:
            first = _text(author.find("ForeName")) or _text(author.find("Initials"))
            names.append(f"{last}, {first}" if first else last)
        elif (collective := _text(author.find("CollectiveName"))) is not None:
            names.append(collective)
    return names


def _abstract(article) -> str | None:
    parts = []
    for section in article.findall("Abstract/AbstractText"):
        text = _text(section)
        if text:
            label = section.get("Label")
            parts.append(f"{label}: {text}" if label else text)
    return " ".join(parts) or None


def parse_efetch(body: bytes, *, origin: str) -> list[dict]:
    """Records of an efetch PubMed XML batch, normalised (see :func:`make_record`).

    Raises
    ------
    MalformedResponse
        When the XML does not parse (a truncated download) or is not a
        ``PubmedArticleSet``.
    """
    try:
        root = ET.fromstring(body)
    except ET.ParseError as error:
        raise MalformedResponse(f"efetch answer is not valid XML ({error})") from None
    if root.tag != "PubmedArticleSet":
        raise MalformedResponse(f"efetch answer is <{root.tag}>, expected <PubmedArticleSet>")
    records = []
    for index, item in enumerate(root.findall("PubmedArticle"), start=1):
        citation = item.find("MedlineCitation")
        article = citation.find("Article") if citation is not None else None
        if article is None:
            raise MalformedResponse(f"{origin} article {index} has no MedlineCitation/Article")
        pmid = _text(citation.find("PMID"))
        ids = {a.get("IdType"): _text(a) for a in item.findall("PubmedData/ArticleIdList/ArticleId")}
        doi = ids.get("doi") or next((_text(e) for e in article.findall("ELocationID")
                                      if e.get("EIdType") == "doi"), None)
        journal = _text(article.find("Journal/Title")) or _text(article.find("Journal/ISOAbbreviation"))
        records.append(make_record(
            source="pubmed", origin=f"{origin} PMID {pmid}", title=_text(article.find("ArticleTitle")),
            abstract=_abstract(article), authors=_authors(article), year=_year(article),
            journal=journal, doi=doi, pmid=pmid, source_id=pmid,
        ))
    return records
