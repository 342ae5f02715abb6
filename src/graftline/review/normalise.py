"""Normalisation of bibliographic fields so that records from different
databases can be compared.

Each function takes one raw value (as a database exported it) and returns the
canonical form, or ``None`` when the value is empty or unusable. They are pure
and used both at import time and by de-duplication.
"""

from __future__ import annotations

import re
import unicodedata

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*|doi\s+)", re.IGNORECASE)
_DOI_SHAPE = re.compile(r"^10\.\d{4,9}/\S+$")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_TAGS = re.compile(r"<[^>]+>")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d|21\d\d)(?!\d)")
_PMID = re.compile(r"^\d{1,9}$")
# Greek letters are spelled out by some databases (Web of Science, Scopus)
# and kept by others (PubMed); spell them out so both compare equal.
_GREEK = str.maketrans({"α": " alpha ", "β": " beta ", "γ": " gamma ", "δ": " delta ", "κ": " kappa ",
                        "λ": " lambda ", "μ": " mu ", "ε": " epsilon ", "τ": " tau ", "ω": " omega "})
# British spellings folded to American ones: the same title is sometimes
# re-spelled between databases (haematopoietic/hematopoietic, leukaemia,
# paediatric, randomised, tumour, centre). Applied to both sides of every
# comparison, so a rewrite can only make titles more alike; the word endings
# touched rarely tell two articles apart.
_BRITISH = [(re.compile(pattern), replacement) for pattern, replacement in (
    (r"ae(?=m)", "e"), (r"\bpaed", "ped"), (r"\boe(?=s|d)", "e"),
    (r"(?<=[a-z])is(?=(?:ation|ations|ed|e|es|ing)\b)", "iz"),
    (r"(?<=[a-z]{2})our\b", "or"), (r"(?<=[a-z]{2})tre\b", "ter"),
)]
_JOURNAL_STOPWORDS = frozenset({"of", "and", "the", "for", "in", "on", "de", "la"})

# Words that start most clinical titles; they carry no information for
# blocking, so the blocking key skips them.
STOPWORDS = frozenset(
    "a an the of in on and or for with to from by at as vs versus after before "
    "during effect effects role use using study".split()
)

# Titles of notices about another article: never the same report as the article.
NOTICE_PREFIXES = ("erratum", "corrigendum", "correction", "retraction", "retracted",
                   "expression of concern", "comment on", "reply", "response to")


def normalise_doi(value: object) -> str | None:
    """Return the DOI lower-cased, without resolver prefix, or ``None``.

    Parameters
    ----------
    value : object
        DOI as exported: ``"https://doi.org/10.1182/Blood.2020.1"``,
        ``"doi:10.1/x"``, ``"10.1/x."``.

    Returns
    -------
    str or None
        ``"10.1182/blood.2020.1"``; ``None`` when empty or not DOI-shaped.

    Notes
    -----
    DOIs are case-insensitive (DOI Handbook, section 2.4), so lower-casing is
    lossless. Trailing punctuation that exports append is removed.

    Example
    -------
    >>> normalise_doi("https://doi.org/10.1182/BLOOD-2019-01")
    '10.1182/blood-2019-01'
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text or text.lower() in {"nan", "none", "null"}:
        return None
    text = _DOI_PREFIX.sub("", text).strip().rstrip(".;,").lower()
    # RIS exports sometimes carry "10.x/y [doi]" (MEDLINE AID field style).
    text = text.removesuffix("[doi]").strip()
    return text if _DOI_SHAPE.match(text) else None


def normalise_pmid(value: object) -> str | None:
    """Return a PubMed identifier as a string of digits, or ``None``.

    Example
    -------
    >>> normalise_pmid(" 31234567 ")
    '31234567'
    """
    if value is None:
        return None
    text = str(value).strip()
    if text.endswith(".0"):  # a PMID read as a float from a spreadsheet
        text = text[:-2]
    return text if _PMID.match(text) and text.strip("0") else None


def fold_text(value: str) -> str:
    """Casefold, strip diacritics and HTML tags, keep letters and digits.

    Example
    -------
    >>> fold_text("Haematopoietic <i>stem</i>-cell Transplantation: Café!")
    'haematopoietic stem cell transplantation cafe'
    """
    text = _TAGS.sub(" ", value)
    # NFKD splits "é" into "e" + combining accent; the accent is dropped.
    if not text.isascii():
        text = text.translate(_GREEK)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold()
    return _NON_ALNUM.sub(" ", text).strip()


def normalise_title(value: object) -> str | None:
    """Title folded for comparison (see :func:`fold_text`); ``None`` if empty.

    British spellings are rewritten to American ones.

    Square brackets that MEDLINE puts around translated titles and a final
    period are irrelevant after folding.
    """
    if value is None:
        return None
    text = fold_text(str(value))
    for pattern, replacement in _BRITISH:
        text = pattern.sub(replacement, text)
    return text or None


def is_notice(title_normalised: str | None) -> bool:
    """Whether a (normalised) title is an erratum, retraction, comment or reply."""
    return bool(title_normalised) and title_normalised.startswith(NOTICE_PREFIXES)


def first_author_surname(authors: object) -> str | None:
    """Folded surname of the first author.

    Accepts ``"Smith, John"``, ``"Smith J"``, ``"Smith JA"`` (MEDLINE),
    ``"J. Smith"`` or a list of such strings.

    Example
    -------
    >>> first_author_surname(["Müller-Lüdenscheidt, K.", "Doe J"])
    'muller ludenscheidt'
    """
    if authors is None:
        return None
    if isinstance(authors, list | tuple):
        if not authors:
            return None
        first = str(authors[0])
    else:
        first = str(authors).split(";")[0]
    first = first.strip()
    if not first:
        return None
    if "," in first:
        surname = first.split(",")[0]
    else:
        parts = first.split()
        # "Smith JA" (initials last) vs "J. Smith" (initials first).
        if len(parts) > 1 and parts[-1].replace(".", "").isupper() and len(parts[-1].replace(".", "")) <= 3:
            surname = " ".join(parts[:-1])
        else:
            surname = parts[-1]
    folded = fold_text(surname)
    return folded or None


def parse_year(value: object) -> int | None:
    """Four-digit publication year found in a date field, or ``None``.

    Example
    -------
    >>> parse_year("2019/05/01/")
    2019
    """
    if value is None:
        return None
    if isinstance(value, int):
        return value if 1800 <= value <= 2199 else None
    match = _YEAR.search(str(value))
    return int(match.group(1)) if match else None


def blocking_tokens(title_normalised: str) -> list[str]:
    """Informative title words (stop words and one-letter tokens removed)."""
    return [t for t in title_normalised.split() if t not in STOPWORDS and len(t) > 1]


def journal_words(journal: object) -> tuple[str, ...]:
    """Folded journal title words without articles and conjunctions."""
    if journal is None or not isinstance(journal, str):
        return ()
    # PubMed's full titles carry subtitles and places: "Biology of blood and
    # marrow transplantation : journal of the ...", "Bioinformatics (Oxford, England)".
    main = re.sub(r"\([^)]*\)", " ", journal.split(":")[0])
    return tuple(w for w in fold_text(main).split() if w not in _JOURNAL_STOPWORDS)


def journals_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two journal titles can name the same journal.

    An ISO 4 abbreviation keeps a prefix of each significant word ("Biol Blood
    Marrow Transplant" for "Biology of Blood and Marrow Transplantation"), so
    the titles are compatible when they have as many significant words and
    each word is a prefix of its counterpart.

    Example
    -------
    >>> journals_compatible(journal_words("J Clin Oncol"), journal_words("Journal of Clinical Oncology"))
    True
    """
    if len(a) != len(b) or not a:
        return False
    return all(x.startswith(y) or y.startswith(x) for x, y in zip(a, b, strict=True))
