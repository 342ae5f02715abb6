"""Problems located in REDCap's terms: record, event, instrument, instance, field.

A data manager fixes a REDCap project in REDCap, so every problem found in
an export names the record ID, the event (longitudinal projects), the
instrument and its repeat instance, and the field, as well as the export's
row and the canonical table and column the value was read into.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from graftline.cohort.problems import Severity
from graftline.errors import InputError

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class RedcapProblem:
    """One located problem of a REDCap export, its data dictionary or its mapping file.

    Parameters
    ----------
    file
        The export (or dictionary, or mapping file) the problem is in.
    row
        Row of that file as a spreadsheet shows it (header = row 1), or None.
    record, event, instrument, instance, field
        REDCap's coordinates of the value: record ID, unique event name
        (longitudinal projects), instrument (form) name, repeat instance
        and variable name; None where they do not apply.
    table, column
        The canonical table and column the value was read into (for a
        problem in the dictionary or mapping file, ``column`` is that
        file's column).
    value, message, expected, severity
        As in :class:`graftline.cohort.Problem`.
    """

    file: str
    row: int | None
    record: str | None
    event: str | None
    instrument: str | None
    instance: int | None
    field: str | None
    table: str | None
    column: str | None
    value: str | None
    message: str
    expected: str
    severity: Severity = "error"

    @property
    def coordinates(self) -> str:
        """``record 7, event baseline_arm_1, daily_labs instance 3, field lab_anc`` (what is known of it)."""
        parts = []
        if self.record is not None:
            parts.append(f"record {self.record}")
        if self.event:
            parts.append(f"event {self.event}")
        if self.instrument:
            parts.append(self.instrument + (f" instance {self.instance}" if self.instance is not None else ""))
        elif self.instance is not None:
            parts.append(f"instance {self.instance}")
        if self.field:
            parts.append(f"field {self.field}")
        return ", ".join(parts)

    @property
    def location(self) -> str:
        """``record 7, daily_labs instance 3, field lab_anc (export.csv row 58; labs.value)``."""
        coordinates = self.coordinates
        if not coordinates:  # a problem with a file: where in the file
            where = self.file + (f" row {self.row}" if self.row is not None else "")
            return where + (f", column {self.column}" if self.column else "")
        source = self.file + (f" row {self.row}" if self.row is not None else "")
        canonical = ".".join(filter(None, (self.table, self.column)))
        return f"{coordinates} ({'; '.join(filter(None, (source, canonical)))})"

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        if self.expected:
            text += f" (expected {self.expected})"
        return text


def _sort_key(problem: RedcapProblem) -> tuple:
    return (problem.severity != "error", problem.file, problem.row if problem.row is not None else -1,
            problem.field or "", problem.message)


@dataclass(frozen=True)
class RedcapReport:
    """Every problem of one REDCap export (with its dictionary and mapping), errors first.

    Attributes
    ----------
    export
        The export file read.
    problems
        Errors first, then warnings, each sorted by file and row.
    rows
        ``(table, rows)`` of the canonical tables the export was converted to.
    """

    export: str
    problems: tuple[RedcapProblem, ...] = ()
    rows: tuple[tuple[str, int], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "problems", tuple(sorted(self.problems, key=_sort_key)))

    @property
    def directory(self) -> str:
        """The export's name (the command line prints reports by this name)."""
        return self.export

    @property
    def errors(self) -> tuple[RedcapProblem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[RedcapProblem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_frame(self) -> pd.DataFrame:
        import pandas as pd

        columns = [f.name for f in RedcapProblem.__dataclass_fields__.values()]
        frame = pd.DataFrame([asdict(p) for p in self.problems], columns=columns)
        return frame.astype({"row": "Int64", "instance": "Int64"})

    def to_dict(self) -> dict:
        return {
            "export": self.export, "ok": self.ok, "n_errors": len(self.errors), "n_warnings": len(self.warnings),
            "rows": dict(self.rows), "problems": [asdict(p) for p in self.problems],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    def summary(self) -> str:
        n_err, n_warn = len(self.errors), len(self.warnings)
        return f"{n_err} error{'s' * (n_err != 1)}, {n_warn} warning{'s' * (n_warn != 1)}"

    def __str__(self) -> str:
        return "\n".join([self.summary(), *map(str, self.problems)])


class RedcapValidationError(InputError):
    """The export (or its dictionary or mapping) has errors, so nothing was written; ``report`` lists them."""

    def __init__(self, report: RedcapReport, *, shown: int = 20) -> None:
        self.report = report
        lines = [f"{report.export}: {report.summary()}; nothing was written"]
        lines += [str(p) for p in report.errors[:shown]]
        if len(report.errors) > shown:
            lines.append(f"... and {len(report.errors) - shown} more errors (graftline validate --redcap lists them all)")
        super().__init__("\n".join(lines))
