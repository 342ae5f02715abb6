"""The extraction sheet that ``graftline meta`` reads, pre-filled with the
studies included at full-text screening.

Column names are the meta package's extraction-sheet format
(``docs/extraction-sheet.md`` on the meta branch): ``study, year, design, arm,
n, mean, sd, median, q1, q3, min, max, events, outcome``; after them this
module adds ``pmid, doi, record_id, title`` so each row can be traced back to
its record (meta treats them as free study-level columns, the same for every
arm of a study). Subgroup columns may be added by the reviewer after these.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from graftline.errors import InputError
from graftline.export import write_csv
from graftline.review.screening import effective_decisions

META_COLUMNS = ("study", "year", "design", "arm", "n", "mean", "sd", "median", "q1", "q3", "min", "max",
                "events", "outcome")
TRACE_COLUMNS = ("pmid", "doi", "record_id", "title")
_IDENTIFIER = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")


def author_label(authors) -> str:
    """First author's surname as written: ``"García-López, M."`` -> ``"García-López"``.

    Example
    -------
    >>> author_label(["Smith JA", "Doe J"]), author_label(["van der Berg, K."]), author_label([])
    ('Smith', 'van der Berg', 'Anonymous')
    """
    if authors is None or len(authors) == 0:
        return "Anonymous"
    first = str(authors[0]).strip()
    if "," in first:
        return first.split(",")[0].strip()
    parts = first.split()
    if len(parts) > 1 and parts[-1].replace(".", "").isupper() and len(parts[-1].replace(".", "")) <= 3:
        return " ".join(parts[:-1])
    return first


def study_labels(authors: list, years: list) -> list[str]:
    """``"FirstAuthor Year"`` labels, with a/b/c suffixes where two studies would share one.

    Example
    -------
    >>> study_labels([["Li, X"], ["Li, Y"], ["Wu, Z"]], [2020, 2020, 2021])
    ['Li 2020a', 'Li 2020b', 'Wu 2021']
    """
    base = [f"{author_label(a)} {y if y is not None and not pd.isna(y) else 'n.d.'}"
            for a, y in zip(authors, years, strict=True)]
    totals = pd.Series(base).value_counts()
    seen: dict[str, int] = {}
    labels = []
    for label in base:
        if totals[label] > 1:
            seen[label] = seen.get(label, 0) + 1
            labels.append(f"{label}{chr(96 + seen[label])}")
        else:
            labels.append(label)
    return labels


def _check_identifiers(values: tuple[str, ...], what: str) -> None:
    for value in values:
        if not _IDENTIFIER.match(value):
            raise InputError(f"{what} {value!r} must be lower case with underscores, e.g. "
                             f"{'neutrophil_engraftment_days' if what == 'outcome' else 'msc'} "
                             "(docs/extraction-sheet.md)")


def extraction_sheet(project, *, outcomes: tuple[str, ...] = (), arms: tuple[str, ...] = ()) -> pd.DataFrame:
    """The sheet pre-filled with the included studies; the data columns are left empty.

    One row per included study, times each outcome in ``outcomes`` and each
    arm in ``arms`` when given (meta's sheet has one row per arm of a study
    for one outcome).

    Raises
    ------
    InputError
        When no study is included at full-text screening yet, or an outcome
        or arm name is not lower case with underscores.
    """
    _check_identifiers(outcomes, "outcome")
    _check_identifiers(arms, "arm")
    decisions = effective_decisions(project, "full_text")
    included = decisions.loc[decisions["decision"] == "include", "record_id"].tolist()
    if not included:
        raise InputError("no study is included at full-text screening yet, so there is nothing to extract")
    records = project.query("SELECT record_id, pmid, doi, title, authors, year FROM records "
                            "WHERE record_id IN (SELECT UNNEST(?)) ORDER BY record_id", [included])
    records["label_author"] = records["authors"].map(author_label)
    records = records.sort_values(["label_author", "year", "record_id"], ignore_index=True)
    sheet = pd.DataFrame({column: pd.Series([None] * len(records), dtype=object) for column in META_COLUMNS})
    sheet["study"] = study_labels(records["authors"].tolist(), records["year"].tolist())
    sheet["year"] = records["year"].astype("Int64")
    for column in TRACE_COLUMNS:
        sheet[column] = records[column]
    if outcomes:
        sheet = pd.concat([sheet.assign(outcome=o) for o in outcomes], ignore_index=True)
    if arms:
        sheet = pd.concat([sheet.assign(arm=a) for a in arms], ignore_index=True)
    if outcomes or arms:
        # Study, then outcome, then arm in the order given.
        sheet["_outcome"] = sheet["outcome"].map({o: k for k, o in enumerate(outcomes)})
        sheet["_arm"] = sheet["arm"].map({a: k for k, a in enumerate(arms)})
        sheet = sheet.sort_values(["study", "_outcome", "_arm"], kind="stable", ignore_index=True)
        sheet = sheet.drop(columns=["_outcome", "_arm"])
    return sheet


def write_extraction_sheet(project, path: str | Path, *, outcomes: tuple[str, ...] = (),
                           arms: tuple[str, ...] = ()) -> pd.DataFrame:
    """Write :func:`extraction_sheet` as CSV; refuses to overwrite a sheet that may hold extracted data."""
    path = Path(path)
    if path.exists():
        raise InputError(f"{path} already exists and may hold extracted data; choose another file name")
    sheet = extraction_sheet(project, outcomes=outcomes, arms=arms)
    write_csv(sheet, path)
    return sheet
