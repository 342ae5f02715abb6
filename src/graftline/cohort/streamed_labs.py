"""Ingest's single pass over a CSV labs file: read, parse, check and store at once.

The staged path (:mod:`graftline.cohort.validation`) loads the labs as text,
stages them through hash joins to the patient and unit maps, and writes
them afterwards: three passes over ten million rows, the joins forcing
single-threaded parts to keep file order. Here one parallel INSERT reads the
CSV and writes ``labs_data`` (see :mod:`graftline.cohort.labs_layout`), and
DuckDB keeps file order because nothing in the pipeline is a join:

- the patient is an ENUM cast of the id as written (the ENUM holds the
  known patients), and the patient's day 0 is read from a fixed-width
  string indexed by the ENUM code. Both are lookups without a join; a
  constant LIST would do the same but DuckDB copies it for every vector
  (3.5 CPU s per ten million rows, against 0.35 for the string);
- analyte and unit are ENUM casts of their common spellings, with the
  general normalisation (lower case, no spaces, u for µ) evaluated only for
  the other rows; the conversion divisor is read from a small list indexed
  by (analyte, unit);
- a row that breaks any row-level rule of
  :func:`graftline.cohort.rules.rules_for` (:func:`breaks_a_rule_sql` is
  true for it) raises (``error()``), which aborts the statement;
- births and deaths are compared with each patient's first date and last
  day afterwards, on the stored rows.

Anything this pass does not handle - a row breaking a rule, a row DuckDB
cannot split, a file that is not CSV, a death before day 0 - makes ingest
roll the pass back and take the staged path, which lists the problems. Both
paths store identical tables (tested), so the pass only changes speed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from graftline.cohort import labs_layout as layout
from graftline.cohort import plausibility
from graftline.cohort.problems import Problem
from graftline.cohort.readers import LoadedFile, csv_select_sql, header_columns
from graftline.cohort.schema import ANALYTES, TABLES
from graftline.cohort.staging import (
    PERCENT_ANALYTES,
    PLAUSIBLE_YEARS,
    UNIT_SPELLING_SQL,
    cast_atoms,
    category_sql,
    in_list,
    lab_value_sql,
    lit,
    time_derive_sql,
    time_parse_sql,
)
from graftline.cohort.units import (
    COUNT_FACTORS,
    OTHER_UNITS,
    canonical_unit,
    normalise_unit_spelling,
)

#: The message of the error() a rule-breaking row raises (it only ends the pass).
FLAG_MESSAGE = "graftline: a lab row breaks a validation rule"

#: Day 0 is packed as days after this date, in DAY0_WIDTH digits (all 9s = none).
DAY0_ORIGIN = "1900-01-01"
DAY0_WIDTH = 5

#: Helper ENUMs that exist only during the pass.
_ANALYTE_WRITTEN = "analyte_as_written_t"
_UNIT_WRITTEN = "unit_as_written_t"
_UNIT_SPELLING = "unit_spelling_t"


class StreamAborted(Exception):
    """The single pass cannot store these labs; the staged path must."""


@dataclass(frozen=True)
class LabsPlan:
    """A CSV labs file ingest can store in one pass."""

    path: Path
    select: str
    loaded: LoadedFile
    header_problems: tuple[Problem, ...]


def plan(con: duckdb.DuckDBPyConnection, path: Path, patients_loaded: bool) -> LabsPlan | None:
    """The pass for ``path``, or None when the staged path must read it.

    Called after every other table was validated without errors.
    """
    table = TABLES["labs"]
    if path.suffix.lower() != ".csv" or not patients_loaded:
        return None
    try:
        read = csv_select_sql(table, path, rejects=None)
    except (OSError, ValueError):
        return None  # unreadable header: the staged path reports it
    if read is None:
        return None
    select, header = read
    columns, problems = header_columns(table, path.name, header)
    if any(p.severity == "error" for p in problems):
        return None
    has_time = "day" in columns or "date" in columns
    if not has_time or not {"patient_id", "analyte", "value", "unit"} <= set(columns):
        return None
    # A death before day 0 is checked against the labs' last day by the
    # staged path; so are day-0 dates that do not fit the packed string.
    unusual = con.execute(
        f"SELECT count(*) FILTER (WHERE _death < 0), count(*) FILTER (WHERE _day0 - DATE '{DAY0_ORIGIN}' "
        f"NOT BETWEEN 0 AND {10 ** DAY0_WIDTH - 2}) FROM patient_info"
    ).fetchone()
    if any(unusual):
        return None
    return LabsPlan(path, select, LoadedFile("labs", path.name, columns, 0), tuple(problems))


def analyte_spellings() -> dict[str, str]:
    """Common spellings of each analyte -> the analyte (as the staged path normalises them)."""
    spellings = {}
    for analyte in ANALYTES:
        for written in (analyte, analyte.upper(), analyte.capitalize()):
            if written.lower().replace(" ", "_").replace("-", "_") == analyte:
                spellings.setdefault(written, analyte)
    return spellings


def unit_spellings() -> tuple[tuple[str, ...], dict[str, str]]:
    """The normalised unit spellings, and common written forms -> normalised spelling."""
    normal = tuple(dict.fromkeys([*COUNT_FACTORS, *(s for _, factors in OTHER_UNITS.values() for s in factors)]))
    written = {}
    for spelling in normal:
        lab_case = spelling.replace("ul", "uL").replace("dl", "dL").replace("k/", "K/")
        lab_case = lab_case[:-1] + "L" if lab_case.endswith("/l") else lab_case
        for form in (spelling, spelling.upper(), lab_case):
            if normalise_unit_spelling(form) == spelling:
                written.setdefault(form, spelling)
    for analyte in ANALYTES:
        canonical = canonical_unit(analyte)
        if normalise_unit_spelling(canonical) in normal:
            written.setdefault(canonical, normalise_unit_spelling(canonical))
    return normal, written


def breaks_a_rule_sql(loaded: LoadedFile) -> str:
    """True (or NULL) for a staged lab row that cannot be stored as it is.

    It is true whenever a condition of :func:`graftline.cohort.rules.rules_for`
    is, except the births and deaths, which are checked on the stored rows,
    and records after the last contact (a warning), counted on the stored
    rows (:func:`graftline.cohort.summarised.count_after_last_contact`);
    tests compare both paths rule by rule and on random files. It is
    shorter than the OR of those conditions, at a fifth of their cost: most
    rules say that a parsed value is missing.
    """
    percents = in_list(PERCENT_ANALYTES)
    conditions = [
        "_pid IS NULL",  # patient_id missing, blank or unknown
        # Above a documented maximum: a warning or an error, listed by the staged path.
        "p_value / _divisor > _warning_above",
        f"date > {plausibility.latest_date_sql()}",  # in the future
        "p_analyte IS NULL",  # analyte missing or unknown
        "p_value IS NULL",  # value missing or not a number
        "_divisor IS NULL",  # unit missing or not a unit of the analyte
        "p_value < 0",
        f"(p_value > 100 AND p_analyte IN {percents})",
        "day IS NULL",  # no time, or a date and no day 0
        "year(p_date) NOT BETWEEN {} AND {}".format(*PLAUSIBLE_YEARS),
        "p_day <> p_date - _day0",  # day and date disagree
    ]
    if "day" in loaded.columns:
        conditions.append("(r_day IS NOT NULL AND p_day IS NULL)")
    if "date" in loaded.columns:
        conditions.append("(r_date IS NOT NULL AND p_date IS NULL)")
    if "qualifier" in loaded.columns:
        conditions.append("(r_qualifier IS NOT NULL AND (r_qualifier NOT IN ('<', '>') OR r_qualifier <> _value_sign))")
    return " OR ".join(conditions)


def _either(common: str, general: str) -> str:
    """``common``, or ``general`` where it is NULL (a CASE evaluates it only for those rows)."""
    return f"(CASE WHEN {common} IS NULL THEN {general} ELSE {common} END)"


def _enum(name: str, values) -> str:
    return f"CREATE TYPE {name} AS ENUM (" + ", ".join(lit(v) for v in values) + ")"


def _list(values, sql_type: str) -> str:
    return f"(CAST([{', '.join(values)}] AS {sql_type}[]))"


def _code(expression: str) -> str:
    return f"CAST(enum_code({expression}) AS INTEGER)"


def insert_sql(labs: LabsPlan, day0_packed: str) -> str:
    """The INSERT into ``labs_data`` (run with the store as default database)."""
    table = TABLES["labs"]
    loaded = labs.loaded
    normal, written_units = unit_spellings()
    written_analytes = analyte_spellings()
    warning_limits = [repr(float(plausibility.LIMITS[a].warning_above)) if a in plausibility.LIMITS else "NULL"
                      for a in ANALYTES]
    divisors = []
    for analyte in ANALYTES:
        factors = COUNT_FACTORS if canonical_unit(analyte) == "10^9/L" else OTHER_UNITS[analyte][1]
        for spelling in normal:
            # The same literal as staging.unit_table_sql, so the same double.
            divisors.append(f"CAST({1 / factors[spelling]!r} AS DOUBLE)" if spelling in factors else "NULL")
    analyte_text = category_sql(table.column("analyte"), "nullif(trim(analyte), '')")
    p_analyte = _either(
        f"{_list([lit(written_analytes[w]) for w in written_analytes], layout.ANALYTE_TYPE)}"
        f"[{_code(f'TRY_CAST(analyte AS {_ANALYTE_WRITTEN})')} + 1]",
        f"TRY_CAST({analyte_text} AS {layout.ANALYTE_TYPE})",
    )
    p_spelling = _either(
        f"{_list([lit(written_units[w]) for w in written_units], _UNIT_SPELLING)}"
        f"[{_code(f'TRY_CAST(unit AS {_UNIT_WRITTEN})')} + 1]",
        f"TRY_CAST({UNIT_SPELLING_SQL.format('unit')} AS {_UNIT_SPELLING})",
    )
    pid = _either(f"TRY_CAST(patient_id AS {layout.PATIENT_ID_TYPE})",
                  f"TRY_CAST(nullif(trim(patient_id), '') AS {layout.PATIENT_ID_TYPE})")
    day0 = (f"(DATE '{DAY0_ORIGIN}' + nullif(CAST(substr({lit(day0_packed)}, {_code('_pid')} * {DAY0_WIDTH} + 1, "
            f"{DAY0_WIDTH}) AS INTEGER), {10 ** DAY0_WIDTH - 1}))")

    casts = ", ".join(["*", *cast_atoms(table, loaded)])
    parsed = [f"{pid} AS _pid", f"{p_analyte} AS p_analyte", f"{p_spelling} AS _spelling", *lab_value_sql(loaded)]
    for time in table.times:
        parsed += time_parse_sql(loaded, time)
    context = [
        "*", f"{day0} AS _day0",
        f"{_list(divisors, 'DOUBLE')}[{_code('p_analyte')} * {len(normal)} + {_code('_spelling')} + 1] AS _divisor",
        f"{_list([lit(canonical_unit(a)) for a in ANALYTES], layout.UNIT_TYPE)}[{_code('p_analyte')} + 1] AS _canonical_unit",
        # Indexed by the analyte's code like the divisor: a CASE on the ENUM compares strings per row.
        f"{_list(warning_limits, 'DOUBLE')}[{_code('p_analyte')} + 1] AS _warning_above",
    ]
    derived = ["*"]
    for time in table.times:
        derived += time_derive_sql(time, "_day0")
    stored = (
        f"_pid, day, date, p_analyte, CASE WHEN {breaks_a_rule_sql(loaded)} THEN error({lit(FLAG_MESSAGE)}) "
        "ELSE p_value / _divisor END, "
        f"_canonical_unit, TRY_CAST(p_qualifier AS {layout.QUALIFIER_TYPE})"
    )
    return (
        f"INSERT INTO {layout.DATA_TABLE} SELECT {stored} FROM "
        f"(SELECT {', '.join(derived)} FROM (SELECT {', '.join(context)} FROM "
        f"(SELECT {', '.join(parsed)} FROM (SELECT {casts} FROM ({labs.select})))))"
    )


def store(con: duckdb.DuckDBPyConnection, labs: LabsPlan) -> LoadedFile:
    """Create and fill ``labs_data`` in one pass; :class:`StreamAborted` if the staged path must.

    ``con`` must be inside the store's open transaction with the store as
    default database (``USE``) and ``patient_info`` in the ``memory``
    catalog. On :class:`StreamAborted` the caller rolls the transaction back.
    """
    for statement in layout.create_sql(layout.KNOWN_PATIENT_IDS):
        con.execute(statement)
    normal, written_units = unit_spellings()
    con.execute(_enum(_ANALYTE_WRITTEN, analyte_spellings()))
    con.execute(_enum(_UNIT_WRITTEN, written_units))
    con.execute(_enum(_UNIT_SPELLING, normal))
    # Day 0 of each patient in the ENUM's order (KNOWN_PATIENT_IDS' filter and ORDER BY).
    packed = con.execute(
        f"SELECT coalesce(string_agg(lpad(CAST(coalesce(_day0 - DATE '{DAY0_ORIGIN}', {10 ** DAY0_WIDTH - 1}) "
        f"AS VARCHAR), {DAY0_WIDTH}, '0'), '' ORDER BY _pid), '') FROM memory.patient_info WHERE _pid IS NOT NULL"
    ).fetchone()[0]
    try:
        con.execute(insert_sql(labs, packed))
    except duckdb.Error as error:
        raise StreamAborted(str(error).splitlines()[0] if str(error) else type(error).__name__) from None
    for name in (_ANALYTE_WRITTEN, _UNIT_WRITTEN, _UNIT_SPELLING):
        con.execute(f"DROP TYPE {name}")
    if not check_births_and_deaths(con):
        raise StreamAborted("a lab is before the patient's birth or after death")
    rows = con.execute(f"SELECT count(*) FROM {layout.DATA_TABLE}").fetchone()[0]
    return LoadedFile("labs", labs.loaded.file, labs.loaded.columns, rows)


def check_births_and_deaths(con: duckdb.DuckDBPyConnection) -> bool:
    """True when no stored lab is before its patient's birth or after death.

    The rules ``date < birth`` and ``day > death`` hold for every row of a
    patient exactly when they hold for the first date and the last day.
    """
    if not con.execute("SELECT count(*) FROM memory.patient_info WHERE _birth IS NOT NULL OR _death IS NOT NULL").fetchone()[0]:
        return True
    broken = con.execute(
        f"SELECT count(*) FROM (SELECT patient_id, min(date) AS first_date, max(day) AS last_day "
        f"FROM {layout.DATA_TABLE} GROUP BY ALL) l JOIN (SELECT CAST(_pid AS {layout.PATIENT_ID_TYPE}) AS patient_id, "
        "_birth, _death FROM memory.patient_info WHERE _birth IS NOT NULL OR _death IS NOT NULL) p USING (patient_id) "
        "WHERE l.first_date < p._birth OR l.last_day > p._death"
    ).fetchone()[0]
    return broken == 0
