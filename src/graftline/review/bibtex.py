"""BibTeX exports (Zotero, Mendeley, JabRef, Google Scholar) read with
``bibtexparser`` 2 and normalised to the record table.

bibtexparser reports what it could not parse instead of stopping: an entry
it could not parse (for example a file cut off inside an entry) is refused
here with its line, so no record is dropped silently; text between entries
that is not a comment (an "implicit comment") is skipped with a warning
naming its line. LaTeX in values (``{\\"u}``, ``{M}esenchymal``) is decoded
to Unicode (``LatexDecodingMiddleware``); authors are split on `` and ``.

Field choice (BibTeX and BibLaTeX as Zotero, Mendeley and Better BibTeX
write them): title ``title``; abstract ``abstract``; journal ``journal`` or
``journaltitle`` (``booktitle`` for conference papers); year ``year``, else ``date``; DOI ``doi``, else a doi.org
``url``; PubMed id ``pmid`` (Mendeley, Better BibTeX) or "PMID: n" in
``note``/``extra`` (Zotero); source id the citation key.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from graftline.errors import InputError
from graftline.review.records import make_record, records_frame
from graftline.review.ris import read_text

_PMID_NOTE = re.compile(r"PMID:?\s*(\d{1,9})\b", re.IGNORECASE)


def read_bibtex(path: str | Path, *, source: str, warnings: list[str] | None = None) -> pd.DataFrame:
    """Read a BibTeX file into the record table.

    Parameters
    ----------
    path : path
    source : str
        Where the file came from (``"zotero"``, ``"mendeley"``).
    warnings : list, optional
        Text skipped between entries is reported here, one message per block
        with its line.

    Raises
    ------
    InputError
        Naming the line of an entry that could not be parsed (nothing is read then).
    """
    import bibtexparser
    from bibtexparser import middlewares

    path = Path(path)
    text = read_text(path)
    library = bibtexparser.parse_string(text, append_middleware=[middlewares.LatexDecodingMiddleware(),
                                                                 middlewares.SeparateCoAuthors()])
    if library.failed_blocks:
        block = library.failed_blocks[0]
        first = block.raw.strip().splitlines()[0][:60] if block.raw.strip() else ""
        line = block.start_line + 1 + (len(block.raw) - len(block.raw.lstrip("\n\r")))
        more = f" (and {len(library.failed_blocks) - 1} more)" if len(library.failed_blocks) > 1 else ""
        raise InputError(f"{path} line {line}: the entry {first!r} could not be read "
                         f"(cut off, or braces do not match){more}; nothing was imported")
    if warnings is not None:
        for block in library.blocks:
            if type(block).__name__ == "ImplicitComment" and block.comment.strip():
                line = block.start_line + 1 + (len(block.raw) - len(block.raw.lstrip("\n\r")))
                warnings.append(f"{path.name} line {line}: {block.comment.strip().splitlines()[0][:60]!r} is "
                                "outside an entry; skipped")
    records = []
    for index, entry in enumerate(library.entries, start=1):
        fields = {key.lower(): value for key, value in entry.items()}

        def get(*names, fields=fields):
            for name in names:
                value = fields.get(name)
                if value:
                    return value
            return None

        authors = get("author") or []
        if isinstance(authors, str):
            authors = [authors]
        pmid = get("pmid")
        if pmid is None and (match := _PMID_NOTE.search(f"{get('note') or ''} {get('extra') or ''}")):
            pmid = match.group(1)
        url = get("url")
        records.append(make_record(
            source=source,
            origin=f"{path.name} entry {index} '{entry.key}' (line {entry.start_line + 1})",
            title=get("title"), abstract=get("abstract"), authors=authors,
            year=get("year", "date"), journal=get("journal", "journaltitle", "booktitle"),
            doi=get("doi") or (url if url and "doi.org/" in url else None),
            pmid=pmid, source_id=entry.key,
        ))
    return records_frame(records)
