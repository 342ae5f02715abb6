"""Problems summarised by their cause instead of listed row by row (root cause first).

- Dates whose patient has no day 0 cannot be converted to days. Their cause
  is in treatments (the file is missing or unreadable, or the patient's
  ``day0_date`` is missing); listing each dated row - 235 errors for the
  example cohort without its treatments file - would bury the one thing to
  fix. :func:`without_day0_problem` makes them one error at
  ``treatments, column day0_date`` with the cause, the count and the first
  rows of each file.
- Records after the patient's last contact usually mean a follow-up that
  was not updated: one warning per patient at that follow-up row
  (:func:`after_last_contact_problems`), with the rows and days per file.

Both are computed from the validation session (:mod:`graftline.cohort.validation`);
ingest's single pass over the labs counts its stored rows the same way
(:func:`count_after_last_contact`), so both ingest paths report the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from graftline.cohort.problems import Problem
from graftline.cohort.readers import LoadedFile
from graftline.cohort.rules import Rule
from graftline.cohort.schema import TABLES, Table

if TYPE_CHECKING:
    from graftline.cohort.validation import Session


@dataclass(frozen=True)
class WithoutDay0:
    """Rows of one file that give a date for a patient without a day 0."""

    file: str
    rows: int
    first_rows: tuple[int, ...]
    patients: int
    first_patients: tuple[str, ...]


#: Rows and patients named in the one-line summary of dates without day 0.
SHOWN_IN_SUMMARY = 3


def count_without_day0(con: duckdb.DuckDBPyConnection, table: Table, loaded: LoadedFile,
                       rules: list[Rule], rows: list[dict] | None, truncated: bool) -> WithoutDay0:
    """The dated rows of one table without day 0: from the rows the rules scan returned, or counted."""
    if not truncated:  # the scan returned every such row
        rows = rows or []
        patients = sorted({row["r_patient_id"] for row in rows if row["r_patient_id"] is not None})
        return WithoutDay0(loaded.file, len(rows), tuple(row["_row"] for row in rows[:SHOWN_IN_SUMMARY]),
                           len(patients), tuple(patients[:SHOWN_IN_SUMMARY + 2]))
    where = " OR ".join(f"coalesce({r.condition}, false)" for r in rules)
    rows, patients = con.execute(
        f"SELECT count(*), count(DISTINCT r_patient_id) FROM stage_{table.name} WHERE {where}"
    ).fetchone()
    first = con.execute(f"SELECT _row FROM stage_{table.name} WHERE {where} ORDER BY _row LIMIT {SHOWN_IN_SUMMARY}").fetchall()
    named = con.execute(
        f"SELECT DISTINCT r_patient_id FROM stage_{table.name} WHERE {where} ORDER BY 1 LIMIT {SHOWN_IN_SUMMARY + 2}"
    ).fetchall()
    return WithoutDay0(loaded.file, rows, tuple(r for (r,) in first), patients, tuple(p for (p,) in named))


def without_day0_problem(session: Session) -> Problem | None:
    """One error for every dated row whose patient has no day 0, naming the cause and the first rows.

    Without day 0 no date can be converted to days; listing each such row
    (hundreds when treatments is missing) would bury the one thing to fix.
    """
    parts = [session.without_day0[name] for name in session.order if name in session.without_day0]
    if not parts:
        return None
    treatments = session.found.get("treatments", "treatments.csv")
    whole_file = [p for p in session.problems if p.row is None and p.column is None and p.severity == "error"
                  and Path(p.file).stem.lower() == "treatments"]
    if "treatments" not in session.found and whole_file and whole_file[0].file != treatments:
        treatments = whole_file[0].file
    if "treatments" not in session.found:
        cause = f"{treatments} is missing" if not whole_file or "missing" in whole_file[0].message else \
            f"{treatments} could not be read"
    elif "treatments" not in session.loaded:
        cause = f"{treatments} could not be read"
    else:
        patients = sorted({p for part in parts for p in part.first_patients})
        total = max(part.patients for part in parts)
        more = " and others" if total > len(patients) or len(patients) > SHOWN_IN_SUMMARY + 1 else ""
        shown = ", ".join(patients[:SHOWN_IN_SUMMARY + 1])
        cause = f"their patients have no usable day0_date in {treatments} ({shown}{more})"
    listed = []
    for part in parts:
        rows = ", ".join(map(str, part.first_rows))
        rest = part.rows - len(part.first_rows)
        listed.append(f"{part.file} row{'s' * (part.rows > 1)} {rows}" + (f" and {rest} more" if rest else ""))
    rows = sum(part.rows for part in parts)
    files = len(parts)
    return Problem(
        treatments, None, "day0_date", None,
        f"{rows} row{'s' * (rows > 1)} in {files} file{'s' * (files > 1)} give dates that cannot be converted "
        f"to days because {cause}: {'; '.join(listed)}",
        f"a day0_date in {treatments} for every patient (these rows then need no change), "
        "or days instead of dates",
        "error",
    )


#: Tables of dated records that should not come after the last contact.
EVENT_TABLES = tuple(name for name in TABLES if name not in ("patients", "treatments", "followup"))


def note_last_contacts(session: Session) -> None:
    """``last_contact``: per patient, the last contact day and where followup gives it."""
    con = session.con
    con.execute("CREATE OR REPLACE TABLE last_contact (_pid VARCHAR, _day INTEGER, _row BIGINT, "
                "_column VARCHAR, _value VARCHAR)")
    if "followup" not in session.loaded:
        return
    con.execute(
        "INSERT INTO last_contact SELECT r_patient_id, arg_min(last_contact_day, _row), min(_row), "
        "arg_min(CASE WHEN r_last_contact IS NOT NULL THEN 'last_contact' ELSE 'last_contact_day' END, _row), "
        "arg_min(coalesce(r_last_contact, r_last_contact_day), _row) "
        "FROM stage_followup WHERE r_patient_id IS NOT NULL AND last_contact_day IS NOT NULL GROUP BY ALL"
    )


def late_records(con: duckdb.DuckDBPyConnection, relation: str, rows: list[dict] | None,
                 truncated: bool) -> list[tuple[str, int, int, int]]:
    """``(patient, rows, first day, last day)`` after the last contact: from the rules scan's rows, or counted."""
    if truncated:
        return con.execute(
            f"SELECT r_patient_id AS pid, count(*), min(day), max(day) FROM {relation} "
            "WHERE _last_contact IS NOT NULL AND day > _last_contact GROUP BY ALL ORDER BY pid"
        ).fetchall()
    by_patient: dict[str, list[int]] = {}
    for row in rows or []:
        by_patient.setdefault(row["r_patient_id"], []).append(row["day"])
    return [(pid, len(days), min(days), max(days)) for pid, days in sorted(by_patient.items())]


def count_after_last_contact(con: duckdb.DuckDBPyConnection, relation: str, patient: str) -> list[tuple[str, int, int, int]]:
    """``(patient, rows, first day, last day)`` of the records in ``relation`` after the patient's last contact.

    For ingest's single pass, on the stored labs (``relation`` with a
    ``patient`` column and ``day``), as :func:`late_records` gives them for
    the staged tables.
    """
    if not con.execute("SELECT count(*) FROM memory.last_contact").fetchone()[0]:
        return []
    return con.execute(
        f"SELECT CAST(r.{patient} AS VARCHAR) AS pid, count(*), min(r.day), max(r.day) FROM {relation} r "
        f"JOIN memory.last_contact l ON l._pid = CAST(r.{patient} AS VARCHAR) WHERE r.day > l._day "
        "GROUP BY ALL ORDER BY pid"
    ).fetchall()


def after_last_contact_problems(session: Session) -> list[Problem]:
    """One warning per patient with records after the last contact, at the follow-up row to update.

    Usually the follow-up was not updated (the analysis then censors too
    early) - or the records' dates are wrong. One warning per patient,
    not per record: a stale follow-up would otherwise give hundreds.
    """
    if not any(session.late.values()) or "followup" not in session.loaded:
        return []
    where = {pid: (day, row, column, value) for pid, day, row, column, value in
             session.con.execute("SELECT _pid, _day, _row, _column, _value FROM memory.last_contact").fetchall()}
    late: dict[str, list[str]] = {}
    for name in session.order:
        file = session.loaded[name].file if name in session.loaded else None
        for pid, rows, first, last in session.late.get(name, ()):
            days = f"day {first}" if first == last else f"days {first}-{last}"
            late.setdefault(pid, []).append(f"{file}: {rows} row{'s' * (rows > 1)}, {days}")
    problems = []
    for pid, parts in sorted(late.items()):
        day, row, column, value = where[pid]
        problems.append(Problem(
            session.loaded["followup"].file, row, column, value,
            f"patient {pid!r} has records after the patient's last contact on day {day}: {'; '.join(parts)}",
            "a last contact on or after the patient's last record (update the follow-up), or check those dates",
            "warning",
        ))
    return problems
