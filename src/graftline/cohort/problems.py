"""Located validation problems and the report that collects them.

Every problem names the file, the row as a spreadsheet shows it (the header
is row 1, the first data row is row 2), the column, the offending value and
what was expected, so that a data manager can open the file and fix it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Literal

from graftline.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One located problem in the input files.

    Parameters
    ----------
    file
        File name as found in the input directory, e.g. ``labs.csv``.
    row
        Row as a spreadsheet shows it (header = row 1), or None for a problem
        with the whole file or column.
    column
        Column name, or None for a problem with the whole file or row.
    value
        The offending value as written in the file, or None.
    message
        What is wrong, in words a data manager can act on.
    expected
        What would have been accepted.
    severity
        ``error`` (nothing is ingested) or ``warning`` (ingested, recorded).
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    expected: str
    severity: Severity = "error"

    @property
    def location(self) -> str:
        """``labs.csv row 812, column unit`` (parts that are unknown left out)."""
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}")
        where = " ".join(parts)
        if self.column is not None:
            where += f", column {self.column}"
        return where

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        if self.expected:
            text += f" (expected {self.expected})"
        return text


def _sort_key(problem: Problem) -> tuple:
    # Problems with a whole file (missing, unreadable, a folder) come first:
    # they are usually the cause of others.
    return (
        problem.severity != "error",
        problem.row is not None or problem.column is not None,
        problem.file,
        problem.row if problem.row is not None else -1,
        problem.column or "",
        problem.message,
    )


@dataclass(frozen=True)
class ValidationReport:
    """Every problem found in one input directory, errors first.

    Attributes
    ----------
    directory
        The directory that was validated.
    problems
        Errors first, then warnings; each with the problems of whole files
        (a missing or unreadable file: usually the cause of others) first,
        then sorted by file, row and column.
    files
        Input file name for each canonical table that was found.
    rows
        Number of data rows read per canonical table.

    Examples
    --------
    >>> report = ValidationReport("cohort", (Problem("labs.csv", 812, "unit", "mg",
    ...     "'mg' is not a cell-count unit for analyte anc", "a count unit"),))
    >>> report.ok
    False
    >>> print(report.errors[0])
    labs.csv row 812, column unit: 'mg' is not a cell-count unit for analyte anc (expected a count unit)
    """

    directory: str
    problems: tuple[Problem, ...] = ()
    files: tuple[tuple[str, str], ...] = ()
    rows: tuple[tuple[str, int], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "problems", tuple(sorted(self.problems, key=_sort_key)))

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings do not block ingest)."""
        return not self.errors

    def to_frame(self) -> pd.DataFrame:
        """One row per problem with the :class:`Problem` fields as columns."""
        import pandas as pd

        columns = ["file", "row", "column", "value", "message", "expected", "severity"]
        frame = pd.DataFrame([asdict(p) for p in self.problems], columns=columns)
        return frame.astype({"row": "Int64"})

    def to_dict(self) -> dict:
        return {
            "directory": self.directory,
            "ok": self.ok,
            "n_errors": len(self.errors),
            "n_warnings": len(self.warnings),
            "files": dict(self.files),
            "rows": dict(self.rows),
            "problems": [asdict(p) for p in self.problems],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    def summary(self) -> str:
        """``3 errors, 1 warning in 4 files`` - one line for people."""
        n_err, n_warn = len(self.errors), len(self.warnings)
        return (
            f"{n_err} error{'s' * (n_err != 1)}, {n_warn} warning{'s' * (n_warn != 1)} "
            f"in {len(self.files)} file{'s' * (len(self.files) != 1)}"
        )

    def __str__(self) -> str:
        return "\n".join([self.summary(), *map(str, self.problems)])


class CohortValidationError(InputError):
    """Validation found errors, so nothing was written; ``report`` lists them all."""

    def __init__(self, report: ValidationReport, *, shown: int = 20) -> None:
        self.report = report
        lines = [f"{report.directory}: {report.summary()}; nothing was written"]
        lines += [str(p) for p in report.errors[:shown]]
        if len(report.errors) > shown:
            lines.append(f"... and {len(report.errors) - shown} more errors (graftline validate lists them all)")
        super().__init__("\n".join(lines))
