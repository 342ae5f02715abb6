"""Validate a cohort directory: every problem, located, at once.

The files are loaded as text into an in-memory DuckDB database (which
spills to disk under its memory limit), parsed by SQL views (see
:mod:`graftline.cohort.staging`) and checked by SQL rules (see
:mod:`graftline.cohort.rules`). Ingest runs the same session and, when
there are no errors, writes the staged views into the store.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from graftline.cohort.problems import Problem, ValidationReport
from graftline.cohort.readers import LoadedFile, discover, load
from graftline.cohort.rules import AFTER_LAST_CONTACT, NO_DAY0, Rule, rules_for
from graftline.cohort.schema import TABLES, Table
from graftline.cohort.staging import (
    lab_unit_map_sql,
    patient_map_sql,
    q,
    stage_sql,
    stored_select,
    unit_table_sql,
)
from graftline.cohort.summarised import (
    EVENT_TABLES,
    WithoutDay0,
    after_last_contact_problems,
    count_without_day0,
    late_records,
    note_last_contacts,
    without_day0_problem,
)
from graftline.errors import InputError

#: Offending rows listed per table; beyond this a count per rule is reported.
MAX_LISTED_ROWS = 1000
#: Memory DuckDB may use before spilling to disk (the target is < 2 GB peak).
MEMORY_LIMIT = os.environ.get("GRAFTLINE_DUCKDB_MEMORY", "1GB")


#: Kind of the private temporary folder DuckDB spills to (``$TMPDIR/graftline-spill-PID-...``).
SPILL = "spill"


@contextmanager
def duckdb_session(threads: int | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB with a memory limit and a private spill directory.

    The spill folder (which may hold patient data) is removed at the end,
    also on Ctrl-C; one left by a killed process (its id is in the name)
    is removed by the next session.
    """
    from graftline.interrupts import private_temporary_folder

    with private_temporary_folder(SPILL) as spill:
        con = duckdb.connect(":memory:")
        try:
            con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
            con.execute(f"SET temp_directory = '{spill}'")
            con.execute("SET preserve_insertion_order = true")
            con.execute("SET checkpoint_threshold = '10TB'")
            if threads:
                con.execute(f"SET threads = {int(threads)}")
            yield con
        finally:
            con.close()


@dataclass
class Session:
    """The staged cohort inside a DuckDB session (internal to validate/ingest)."""

    con: duckdb.DuckDBPyConnection
    directory: Path
    loaded: dict[str, LoadedFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Tables materialised for the store: name -> number of parts ``store_<name>_<k>``.
    stored: dict[str, int] = field(default_factory=dict)
    #: Tables found but not yet read (``stage_directory(defer=...)``): name -> file.
    deferred: dict[str, Path] = field(default_factory=dict)
    #: The tables found, in the order their files were found.
    order: list[str] = field(default_factory=list)
    #: Dated rows whose patient has no day 0, per table (see :func:`graftline.cohort.summarised.count_without_day0`).
    without_day0: dict[str, WithoutDay0] = field(default_factory=dict)
    #: File names found per table, read or not (to say why a table is missing).
    found: dict[str, str] = field(default_factory=dict)
    #: Per table, per patient: records after the last contact (see :func:`count_after_last_contact`).
    late: dict[str, list[tuple[str, int, int, int]]] = field(default_factory=dict)

    def loaded_in_order(self) -> list[tuple[str, LoadedFile]]:
        """The loaded tables in the order their files were found."""
        return [(name, self.loaded[name]) for name in self.order if name in self.loaded]

    def report(self) -> ValidationReport:
        loaded = self.loaded_in_order()
        summary = without_day0_problem(self)
        derived = ([summary] if summary else []) + after_last_contact_problems(self)
        return ValidationReport(
            str(self.directory),
            tuple(self.problems) + tuple(derived),
            files=tuple((name, lf.file) for name, lf in loaded),
            rows=tuple((name, lf.rows) for name, lf in loaded),
        )


#: A check of the staged cohort beyond single values (see :func:`run_staged_checks`):
#: ``check(con, files) -> problems``, ``con`` an Ibis connection whose canonical tables
#: are the staged rows (with ``_source_row``, the file row), ``files`` the file of each table.
StagedCheck = Callable[[Any, dict[str, str]], list[Problem]]


def validate(directory: str | os.PathLike, *, checks: Sequence[StagedCheck] = ()) -> ValidationReport:
    """Check a cohort directory and return every problem found.

    Parameters
    ----------
    directory
        Folder holding ``<table>.csv``, ``.parquet`` or ``.xlsx`` files named
        after the canonical tables (``patients`` and ``treatments`` are
        required).

    checks
        Further checks run when the files have no error, e.g.
        :func:`graftline.endpoints.checks.consistency_problems` (the command
        line passes it): their problems are added to the report.

    Returns
    -------
    ValidationReport
        Errors (which block ingest) and warnings, each naming file, row
        (header = row 1), column, value and what was expected.

    Raises
    ------
    InputError
        If ``directory`` is not a directory.

    Examples
    --------
    >>> report = validate("examples/cohort")  # doctest: +SKIP
    >>> report.ok
    True
    """
    with duckdb_session() as con:
        return stage_directory(con, directory, checks=checks).report()


#: Tables that may be deferred: no other table's checks read them.
DEFERRABLE = ("labs",)


def stage_directory(
    con: duckdb.DuckDBPyConnection,
    directory: str | os.PathLike,
    *,
    store: bool = False,
    defer: tuple[str, ...] = (),
    checks: Sequence[StagedCheck] = (),
) -> Session:
    """Load, stage and check every file of ``directory`` in ``con``.

    With ``store`` (ingest), each table with a ``source_row`` column is also
    materialised as ``store_<table>_<k>`` (see :func:`_store_in_file_order`):
    its stored columns in file order plus
    a ``_flag`` column (true where a rule is broken), all in one pass over the
    staged rows; the rules then list the offending rows only when some row
    is flagged, and ingest writes those tables without staging again.

    Tables named in ``defer`` (only labs) are found but not read: they are
    left in ``session.deferred`` for ingest's single pass, or for
    :func:`stage_deferred`, which gives them the same checks.
    """
    if set(defer) - set(DEFERRABLE):
        raise ValueError(f"only {DEFERRABLE} can be deferred, not {defer}")
    path = Path(directory)
    if not path.is_dir():
        raise InputError(f"{path} is not a directory (expected a folder of cohort table files)")
    session = Session(con, path)
    found, problems = discover(path)
    session.order = list(found)
    session.found = {name: file.name for name, file in found.items()}
    session.problems += problems
    for name, file in found.items():
        if name in defer:
            session.deferred[name] = file
            continue
        loaded, problems = load(con, TABLES[name], file)
        session.problems += problems
        if loaded is not None:
            session.loaded[name] = loaded
    con.execute(f"CREATE OR REPLACE TABLE lab_units AS {unit_table_sql()}")
    for name, loaded in session.loaded.items():
        session.problems += _missing_columns(TABLES[name], loaded)
    _build_patient_info(session)
    for name in list(session.loaded):
        _stage_table(session, name, store)
    session.problems += _duplicate_keys(session)
    session.problems += _patients_without_treatment(session)
    session.problems += _death_before_day0_with_later_labs(session)
    note_last_contacts(session)
    run_staged_checks(session, checks)
    return session


def run_staged_checks(session: Session, checks: Sequence[StagedCheck]) -> None:
    """Run ``checks`` on the staged cohort when no file has an error; add their problems.

    Each table is presented under its canonical name as a view of the stored
    columns of its staged rows, plus ``_source_row`` (the row in the file), so
    that a check written for a store can name file and row. The labs are
    left out (no such check reads them; a view of ten million staged rows
    would be parsed again). The views are dropped afterwards.
    """
    if not checks or any(p.severity == "error" for p in session.problems):
        return
    import ibis

    con = session.con
    names = [name for name in session.loaded if name != "labs"]
    try:
        for name in names:
            con.execute(f"CREATE OR REPLACE VIEW {q(name)} AS SELECT {stored_select(TABLES[name])}, _row AS _source_row FROM stage_{name}")
        backend = ibis.duckdb.from_connection(con)
        files = {name: loaded.file for name, loaded in session.loaded.items()}
        for check in checks:
            session.problems += check(backend, files)
    finally:
        for name in names:
            con.execute(f"DROP VIEW IF EXISTS {q(name)}")


def stage_deferred(session: Session, name: str, *, store: bool = False) -> None:
    """Load, stage and check a table that :func:`stage_directory` deferred (same checks)."""
    file = session.deferred.pop(name)
    loaded, problems = load(session.con, TABLES[name], file)
    session.problems += problems
    if loaded is None:
        return
    session.loaded[name] = loaded
    session.problems += _missing_columns(TABLES[name], loaded)
    _stage_table(session, name, store)
    if name == "labs":
        session.problems += _death_before_day0_with_later_labs(session)


def stage_for_store(session: Session, name: str) -> None:
    """Materialise the store parts of a table staged and checked without ``store``."""
    table, loaded = TABLES[name], session.loaded[name]
    patients_file = session.loaded["patients"].file if "patients" in session.loaded else None
    session.stored[name], _ = _store_in_file_order(session.con, table, loaded, rules_for(table, loaded, patients_file))


def _stage_table(session: Session, name: str, store: bool) -> None:
    """Create ``stage_<name>`` and run its rules (see :func:`stage_directory`)."""
    con, loaded, table = session.con, session.loaded[name], TABLES[name]
    patients_file = session.loaded["patients"].file if "patients" in session.loaded else None
    con.execute(f"CREATE OR REPLACE TABLE pid_{name} AS {patient_map_sql(loaded)}")
    unique = True
    if name == "labs":
        con.execute(f"CREATE OR REPLACE TABLE lab_unit_map AS {lab_unit_map_sql(loaded, table.column('analyte'))}")
        unique = con.execute("SELECT count(*) = count(DISTINCT _pair_hash) FROM lab_unit_map").fetchone()[0]
    staged = stage_sql(table, loaded, has_patient_info=True, pair_hash_unique=unique)
    con.execute(f"CREATE OR REPLACE VIEW stage_{name} AS {staged}")
    rules = rules_for(table, loaded, patients_file)
    if store and "source_row" in table.stored_columns:
        session.stored[name], flagged = _store_in_file_order(con, table, loaded, rules)
        if not flagged:
            return  # no row breaks a rule
    # Dates without day 0 and records after the last contact are summarised
    # (graftline.cohort.summarised), from the rows this one scan returns.
    scan = RuleScan()
    session.problems += run_rules(con, table, loaded, rules, summarise=scan)
    without_day0 = [r for r in rules if r.title == NO_DAY0]
    if without_day0 and (scan.rows.get(NO_DAY0) or scan.truncated):
        counted = count_without_day0(con, table, loaded, without_day0, scan.rows.get(NO_DAY0), scan.truncated)
        if counted.rows:
            session.without_day0[name] = counted
    if name in EVENT_TABLES:
        session.late[name] = late_records(con, f"stage_{name}", scan.rows.get(AFTER_LAST_CONTACT), scan.truncated)


def _missing_columns(table: Table, loaded: LoadedFile) -> list[Problem]:
    problems = []
    for name in table.required_columns:
        if name not in loaded.columns and name not in ("source_row", "source_file"):
            problems.append(Problem(
                loaded.file, 1, name, None, f"required column {name!r} is missing from the header",
                f"a column named {name}", "error",
            ))
    for time in table.times:
        if time.required and time.day not in loaded.columns and time.date not in loaded.columns:
            problems.append(Problem(
                loaded.file, 1, f"{time.day}/{time.date}", None,
                f"no time column: the file needs {time.day} or {time.date}",
                f"a column {time.day} (days from day 0) or {time.date} (YYYY-MM-DD)", "error",
            ))
    return problems


def _build_patient_info(session: Session) -> None:
    """Per patient: known, day 0, birth, death and last contact, for the cross-table rules.

    Built from the first row per patient of patients, treatments and followup
    (duplicates are reported separately).
    """
    con, loaded = session.con, session.loaded
    con.execute(
        "CREATE OR REPLACE TABLE patient_info (_pid VARCHAR, _known BOOLEAN, "
        "_day0 DATE, _birth DATE, _death INTEGER, _last_contact INTEGER)"
    )
    if "patients" not in loaded:
        return  # the missing file is reported; unknown-patient rules are skipped
    bare = {name: stage_sql(TABLES[name], loaded[name], has_patient_info=False) for name in ("patients", "treatments") if name in loaded}
    treatments = (
        f"(SELECT r_patient_id AS patient_id, arg_min(p_day0_date, _row) AS day0 FROM ({bare['treatments']}) GROUP BY ALL)"
        if "treatments" in loaded else "(SELECT NULL::VARCHAR AS patient_id, NULL::DATE AS day0)"
    )
    con.execute(
        "INSERT INTO patient_info SELECT p.patient_id, true, t.day0, p.birth, NULL, NULL FROM "
        f"(SELECT r_patient_id AS patient_id, arg_min(p_birth_date, _row) AS birth FROM ({bare['patients']}) "
        f"WHERE r_patient_id IS NOT NULL GROUP BY ALL) p LEFT JOIN {treatments} t USING (patient_id)"
    )
    if "followup" in loaded:
        con.execute(f"CREATE OR REPLACE TABLE pid_followup AS {patient_map_sql(loaded['followup'])}")
        staged = stage_sql(TABLES["followup"], loaded["followup"], has_patient_info=True)
        con.execute(
            f"UPDATE patient_info SET _death = f.death, _last_contact = f.last_contact FROM (SELECT "
            f"r_patient_id AS patient_id, arg_min(death_day, _row) AS death, "
            f"arg_min(last_contact_day, _row) AS last_contact FROM ({staged}) r GROUP BY ALL) f "
            "WHERE patient_info._pid = f.patient_id"
        )


#: Rules whose offending rows are summarised by cause, not listed (see :class:`RuleScan`).
SUMMARISED = (NO_DAY0, AFTER_LAST_CONTACT)

#: Tables with fewer rows are materialised in one part (splitting costs more than it saves).
MIN_ROWS_PER_PART = 200_000


def _store_in_file_order(con: duckdb.DuckDBPyConnection, table: Table, loaded: LoadedFile, rules: list[Rule]) -> tuple[int, int]:
    """Materialise the stored columns as ``store_<table>_<k>``, k < parts, in file order.

    Returns ``(parts, flagged rows)``; part k holds a contiguous range of
    file rows, so the parts one after the other are the file's order.

    The staged rows pass through hash joins (patient and unit maps). With
    several threads, or with DuckDB's caching operators (which hold back
    small result chunks and emit them at the end), a join does not keep row
    order, and sorting ten million rows back into file order was half of
    ingest's time. One thread without caching operators streams the rows
    through the joins in order; to still use every core, each part runs as
    its own single-threaded query on its own cursor, the parts at the same
    time (DuckDB releases the GIL while it works). DuckDB does not promise
    that order, so it is checked (``source_row`` is the file row, ``rowid``
    the stored position); should the check fail, the part is sorted.
    """
    threads = int(con.execute("SELECT current_setting('threads')").fetchone()[0])
    parts = max(1, min(threads, loaded.rows // MIN_ROWS_PER_PART))
    step = -(-loaded.rows // parts)
    flag = " OR ".join(f"coalesce({r.condition}, false)" for r in rules) or "false"
    # source_file is a constant: ingest adds it when it writes the store.
    query = f"SELECT {stored_select(table, source_file=False)}, {flag} AS _flag FROM stage_{table.name}"

    def build(k: int) -> None:
        cursor = con.cursor()
        try:
            cursor.execute("SET enable_caching_operators = false")
            cursor.execute(
                f"CREATE OR REPLACE TABLE store_{table.name}_{k} AS {query} "
                f"WHERE _row >= {k * step + 2} AND _row < {(k + 1) * step + 2}"
            )
        finally:
            cursor.close()

    con.execute("SET threads = 1")
    try:
        with ThreadPoolExecutor(max_workers=parts) as pool:
            for future in [pool.submit(build, k) for k in range(parts)]:
                future.result()
    finally:
        con.execute(f"SET threads = {threads}")
    flagged = 0
    for k in range(parts):
        misplaced, n = con.execute(
            f"SELECT count(*) FILTER (WHERE source_row <> rowid + {k * step + 2}), count(*) FILTER (WHERE _flag) "
            f"FROM store_{table.name}_{k}"
        ).fetchone()
        if misplaced:
            con.execute(
                f"CREATE OR REPLACE TABLE store_{table.name}_{k} AS SELECT * FROM store_{table.name}_{k} ORDER BY source_row"
            )
        flagged += n
    return parts, flagged


@dataclass
class RuleScan:
    """What :func:`run_rules` found for the summarised rules: their offending rows, by rule title."""

    rows: dict[str, list[dict]] = field(default_factory=dict)
    #: True when more rows broke rules than were listed: the rows above are incomplete.
    truncated: bool = False


def run_rules(con: duckdb.DuckDBPyConnection, table: Table, loaded: LoadedFile, rules: list[Rule], *,
              summarise: RuleScan | None = None) -> list[Problem]:
    """Evaluate all rules in one scan; materialise only offending rows.

    With ``summarise``, rows breaking a rule of :data:`SUMMARISED` become no
    problem of their own: they are collected there, to be summarised by
    their cause (:mod:`graftline.cohort.summarised`).
    """
    if not rules:
        return []
    summarised = SUMMARISED if summarise is not None else ()
    flags = ", ".join(f"coalesce({r.condition}, false) AS _rule_{i}" for i, r in enumerate(rules))
    where = " OR ".join(f"coalesce({r.condition}, false)" for r in rules)
    cursor = con.execute(
        f"SELECT *, {flags} FROM stage_{table.name} WHERE {where} ORDER BY _row LIMIT {MAX_LISTED_ROWS + 1}"
    )
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
    problems = []
    for row in rows[:MAX_LISTED_ROWS]:
        for i, rule in enumerate(rules):
            if row[f"_rule_{i}"] and rule.title in summarised:
                collected = summarise.rows.setdefault(rule.title, [])
                if not collected or collected[-1] is not row:  # a row may break two such rules
                    collected.append(row)
            elif row[f"_rule_{i}"]:
                problems.append(Problem(
                    loaded.file, row["_row"], rule.located_column(row), rule.located_value(row),
                    rule.render(rule.message, row), rule.render(rule.expected, row), rule.severity,
                ))
    if len(rows) > MAX_LISTED_ROWS:
        if summarise is not None:
            summarise.truncated = True
        last_listed = rows[MAX_LISTED_ROWS - 1]["_row"]
        counts = con.execute(
            "SELECT " + ", ".join(f"count(*) FILTER (WHERE coalesce({r.condition}, false))" for r in rules)
            + f" FROM stage_{table.name} WHERE _row > {last_listed}"
        ).fetchone()
        for rule, n in zip(rules, counts, strict=True):
            if n and rule.title not in summarised:
                problems.append(Problem(
                    loaded.file, None, rule.column if isinstance(rule.column, str) else None, None,
                    f"{n} more rows after row {last_listed} with the problem '{rule.title}' (not listed)",
                    "fix the listed rows and validate again", rule.severity,
                ))
    return problems


def _duplicate_keys(session: Session) -> list[Problem]:
    problems = []
    for name, loaded in session.loaded.items():
        table = TABLES[name]
        if table.key != ("patient_id",) or "patient_id" not in loaded.columns:
            continue
        rows = session.con.execute(
            f"SELECT _row, r_patient_id, first FROM (SELECT _row, r_patient_id, "
            f"min(_row) OVER (PARTITION BY r_patient_id) AS first FROM stage_{name} "
            f"WHERE r_patient_id IS NOT NULL) WHERE _row > first ORDER BY _row LIMIT {MAX_LISTED_ROWS}"
        ).fetchall()
        for row, patient, first in rows:
            if name == "treatments":
                message = f"patient {patient!r} has two day-0 rows (rows {first} and {row})"
                expected = "one treatments row per patient (a second infusion goes in second_infusion_day)"
            else:
                message = f"duplicate patient_id {patient!r} (first in row {first})"
                expected = f"one {name} row per patient"
            problems.append(Problem(loaded.file, row, "patient_id", patient, message, expected, "error"))
    return problems


def _patients_without_treatment(session: Session) -> list[Problem]:
    if "patients" not in session.loaded or "treatments" not in session.loaded:
        return []
    if "patient_id" not in session.loaded["treatments"].columns:
        return []
    rows = session.con.execute(
        "SELECT _row, r_patient_id FROM stage_patients p WHERE r_patient_id IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM stage_treatments t WHERE t.r_patient_id = p.r_patient_id) "
        f"ORDER BY _row LIMIT {MAX_LISTED_ROWS}"
    ).fetchall()
    treatments_file = session.loaded["treatments"].file
    return [
        Problem(session.loaded["patients"].file, row, "patient_id", patient,
                f"patient {patient!r} has no row in {treatments_file}",
                "a treatments row (day 0 and modality) for every patient", "error")
        for row, patient in rows
    ]


def _death_before_day0_with_later_labs(session: Session) -> list[Problem]:
    if "followup" not in session.loaded or "labs" not in session.loaded:
        return []
    # Deaths before day 0 are rare: without one, the labs (millions of rows)
    # need not be staged again for their last day per patient.
    if not session.con.execute("SELECT count(*) FROM stage_followup WHERE death_day < 0").fetchone()[0]:
        return []
    rows = session.con.execute(
        "SELECT f._row, f.r_death_date IS NOT NULL, f.death_day, l.last_lab FROM stage_followup f JOIN "
        "(SELECT r_patient_id, max(day) AS last_lab FROM stage_labs GROUP BY ALL) l USING (r_patient_id) "
        f"WHERE f.death_day < 0 AND l.last_lab > f.death_day ORDER BY f._row LIMIT {MAX_LISTED_ROWS}"
    ).fetchall()
    file = session.loaded["followup"].file
    return [
        Problem(file, row, "death_date" if by_date else "death_day", str(death),
                f"death on day {death} is before day 0 (the infusion) but labs continue to day {last}",
                "a death on or after the last lab (check the date or day 0)", "error")
        for row, by_date, death, last in rows
    ]


__all__ = ["validate", "stage_directory", "stage_deferred", "stage_for_store", "duckdb_session", "Session"]
