"""PRISMA 2020 flow counts (Page et al. 2021, BMJ 372:n71, Figure 1: new
systematic reviews with searches of databases and registers only), taken from
the project and checked to add up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from graftline.errors import InputError
from graftline.review.screening import effective_decisions


@dataclass(frozen=True)
class PrismaCounts:
    """Counts of the PRISMA 2020 flow diagram.

    Identities checked by :meth:`check` (each box follows from the one above)::

        sum(databases) + sum(registers) - duplicates_removed
            - automation_removed - other_removed          = screened
        screened - screened_excluded                      = reports_sought
        reports_sought - reports_not_retrieved            = reports_assessed
        reports_assessed - sum(reports_excluded)          = reports_included

    and ``studies_included <= reports_included`` (a study may have several
    reports). graftline does not link reports of one study, so counts taken
    from a project have ``studies_included == reports_included``.
    """

    databases: dict[str, int]
    registers: dict[str, int]
    duplicates_removed: int
    screened: int
    screened_excluded: int
    reports_sought: int
    reports_not_retrieved: int
    reports_assessed: int
    reports_excluded: dict[str, int]
    studies_included: int
    reports_included: int
    automation_removed: int = 0
    other_removed: int = 0
    excluded_reasons_note: str = field(default="")

    @property
    def identified(self) -> int:
        return sum(self.databases.values()) + sum(self.registers.values())

    def check(self) -> PrismaCounts:
        """Raise :class:`InputError` listing every identity that fails; return self."""
        problems = []
        for name, value in [("duplicates removed", self.duplicates_removed), ("screened", self.screened),
                            ("records excluded", self.screened_excluded), ("reports sought", self.reports_sought),
                            ("reports not retrieved", self.reports_not_retrieved),
                            ("reports assessed", self.reports_assessed), ("studies included", self.studies_included),
                            ("reports included", self.reports_included),
                            ("automation removed", self.automation_removed), ("other removed", self.other_removed),
                            *[(f"identified in {k}", v) for k, v in {**self.databases, **self.registers}.items()],
                            *[(f"excluded for {k!r}", v) for k, v in self.reports_excluded.items()]]:
            if value < 0:
                problems.append(f"{name} is negative ({value})")
        removed = self.duplicates_removed + self.automation_removed + self.other_removed
        checks = [
            ("records identified - removed before screening", self.identified - removed, "records screened",
             self.screened),
            ("records screened - records excluded", self.screened - self.screened_excluded,
             "reports sought for retrieval", self.reports_sought),
            ("reports sought - reports not retrieved", self.reports_sought - self.reports_not_retrieved,
             "reports assessed for eligibility", self.reports_assessed),
            ("reports assessed - reports excluded", self.reports_assessed - sum(self.reports_excluded.values()),
             "reports of included studies", self.reports_included),
        ]
        for left, left_value, right, right_value in checks:
            if left_value != right_value:
                problems.append(f"{left} = {left_value} but {right} = {right_value}")
        if self.studies_included > self.reports_included:
            problems.append(f"studies included ({self.studies_included}) exceed reports of included studies "
                            f"({self.reports_included})")
        if problems:
            raise InputError("PRISMA counts do not add up: " + "; ".join(problems))
        return self

    def to_frame(self) -> pd.DataFrame:
        """The counts table: ``key``, ``label``, ``n`` (readable back by :func:`counts_from_table`)."""
        rows = [*[(f"identified.database.{k}", f"Records identified from {k}", v) for k, v in self.databases.items()],
                *[(f"identified.register.{k}", f"Records identified from register {k}", v)
                  for k, v in self.registers.items()],
                ("removed.duplicates", "Duplicate records removed", self.duplicates_removed),
                ("removed.automation", "Records marked as ineligible by automation tools", self.automation_removed),
                ("removed.other", "Records removed for other reasons", self.other_removed),
                ("screened", "Records screened", self.screened),
                ("screened.excluded", "Records excluded", self.screened_excluded),
                ("reports.sought", "Reports sought for retrieval", self.reports_sought),
                ("reports.not_retrieved", "Reports not retrieved", self.reports_not_retrieved),
                ("reports.assessed", "Reports assessed for eligibility", self.reports_assessed),
                *[(f"reports.excluded.{k}", f"Reports excluded: {k}", v) for k, v in self.reports_excluded.items()],
                ("studies.included", "Studies included in review", self.studies_included),
                ("reports.included", "Reports of included studies", self.reports_included)]
        return pd.DataFrame(rows, columns=["key", "label", "n"])


def counts_from_table(path: str | Path) -> PrismaCounts:
    """Read a counts table written by :meth:`PrismaCounts.to_frame` (e.g. after editing) and check it."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path} is a folder; expected the counts table as one CSV file")
    try:
        table = pd.read_csv(path, dtype={"key": str, "label": str})
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not a readable counts table ({error})") from None
    if not {"key", "n"} <= set(table.columns):
        raise InputError(f"{path}: needs columns key and n (found {', '.join(table.columns)})")
    values: dict = {"databases": {}, "registers": {}, "reports_excluded": {}}
    simple = {"removed.duplicates": "duplicates_removed", "removed.automation": "automation_removed",
              "removed.other": "other_removed", "screened": "screened", "screened.excluded": "screened_excluded",
              "reports.sought": "reports_sought", "reports.not_retrieved": "reports_not_retrieved",
              "reports.assessed": "reports_assessed", "studies.included": "studies_included",
              "reports.included": "reports_included"}
    for row_number, row in enumerate(table.itertuples(index=False), start=2):
        try:
            n = int(str(row.n))
        except ValueError:
            raise InputError(f"{path} row {row_number}, column n: {row.n!r} is not a whole number") from None
        key = str(row.key)
        if key.startswith("identified.database."):
            values["databases"][key.removeprefix("identified.database.")] = n
        elif key.startswith("identified.register."):
            values["registers"][key.removeprefix("identified.register.")] = n
        elif key.startswith("reports.excluded."):
            values["reports_excluded"][key.removeprefix("reports.excluded.")] = n
        elif key in simple:
            values[simple[key]] = n
        else:
            raise InputError(f"{path} row {row_number}, column key: {key!r} is not a PRISMA count")
    missing = [k for k, v in simple.items() if v not in values and v not in ("automation_removed", "other_removed")]
    if missing:
        raise InputError(f"{path}: missing count(s) {', '.join(missing)}")
    return PrismaCounts(**values).check()


@dataclass(frozen=True)
class ScreeningTally:
    """The PRISMA 2020 counts as they stand, with what is still open.

    While screening goes on the counts are partial (the web app shows them
    live); when nothing is open, :meth:`counts` gives the checked
    :class:`PrismaCounts`, identical to :func:`counts_from_project`.

    Attributes
    ----------
    awaiting_title_abstract, conflicts_title_abstract : int
        Records without a title/abstract decision; records whose reviewers disagree.
    awaiting_full_text : int
        Reports sought and retrieved without a final full-text decision
        (none yet, ``maybe`` or a conflict).
    conflicts_full_text : int
        Of which reviewers disagree.
    """

    databases: dict[str, int]
    registers: dict[str, int]
    duplicates_removed: int
    screened: int
    screened_excluded: int
    reports_sought: int
    reports_not_retrieved: int
    reports_excluded: dict[str, int]
    reports_included: int
    awaiting_title_abstract: int
    conflicts_title_abstract: int
    awaiting_full_text: int
    conflicts_full_text: int

    @property
    def finished(self) -> bool:
        return not (self.awaiting_title_abstract or self.conflicts_title_abstract or self.awaiting_full_text)

    def problems(self) -> list[str]:
        problems = []
        if self.awaiting_title_abstract:
            problems.append(f"{self.awaiting_title_abstract} record(s) have no title/abstract decision")
        if self.conflicts_title_abstract:
            problems.append(f"{self.conflicts_title_abstract} title/abstract conflict(s) are unresolved "
                            "(`graftline review conflicts`)")
        if self.awaiting_full_text:
            problems.append(f"{self.awaiting_full_text} full text(s) have no final decision (none yet, 'maybe', "
                            "or a conflict)")
        return problems

    def counts(self) -> PrismaCounts:
        """The checked PRISMA counts; :class:`InputError` while screening is not finished."""
        if not self.finished:
            raise InputError("screening is not finished, so the PRISMA counts cannot add up: "
                             + "; ".join(self.problems()))
        return PrismaCounts(
            databases=self.databases, registers=self.registers, duplicates_removed=self.duplicates_removed,
            screened=self.screened, screened_excluded=self.screened_excluded, reports_sought=self.reports_sought,
            reports_not_retrieved=self.reports_not_retrieved,
            reports_assessed=self.reports_sought - self.reports_not_retrieved,
            reports_excluded=self.reports_excluded, studies_included=self.reports_included,
            reports_included=self.reports_included,
        ).check()


def screening_tally(project) -> ScreeningTally:
    """The PRISMA counts of the project as they stand (see :class:`ScreeningTally`)."""
    identified = project.query("""
        SELECT s.kind, r.source, count(*) AS n FROM records r JOIN searches s USING (search_id)
        GROUP BY ALL ORDER BY r.source""")
    databases = {r.source: int(r.n) for r in identified.itertuples() if r.kind != "register"}
    registers = {r.source: int(r.n) for r in identified.itertuples() if r.kind == "register"}
    duplicates = int(project.connection.execute(
        "SELECT count(DISTINCT duplicate_id) FROM merges WHERE undone_at IS NULL").fetchone()[0])
    screening = effective_decisions(project, "title_abstract")
    remaining = sum(identified["n"]) - duplicates
    waiting = remaining - len(screening)
    conflicted = int((screening["status"] == "conflict").sum())
    screened_excluded = int((screening["decision"] == "exclude").sum())
    passed = set(screening.loc[screening["decision"].isin(["include", "maybe"]), "record_id"])
    not_retrieved = set(project.query("SELECT record_id FROM retrieval WHERE NOT retrieved")["record_id"]) & passed
    full_text = effective_decisions(project, "full_text")
    full_text = full_text[full_text["record_id"].isin(passed - not_retrieved)]
    final = full_text["decision"].isin(["include", "exclude"])
    excluded = full_text[full_text["decision"] == "exclude"]
    reasons = excluded["reason"].fillna("no reason recorded").value_counts().sort_index()
    return ScreeningTally(
        databases=databases, registers=registers, duplicates_removed=duplicates, screened=remaining,
        screened_excluded=screened_excluded, reports_sought=len(passed), reports_not_retrieved=len(not_retrieved),
        reports_excluded={k: int(v) for k, v in reasons.items()},
        reports_included=int((full_text["decision"] == "include").sum()),
        awaiting_title_abstract=waiting, conflicts_title_abstract=conflicted,
        awaiting_full_text=len(passed - not_retrieved) - int(final.sum()),
        conflicts_full_text=int((full_text["status"] == "conflict").sum()),
    )


def counts_from_project(project) -> PrismaCounts:
    """PRISMA 2020 counts from the project's searches, merges and decisions, checked.

    Raises
    ------
    InputError
        While screening is incomplete (records without a decision, unresolved
        conflicts, "maybe" left at full text): the diagram would not add up.
    """
    return screening_tally(project).counts()
