"""The validation rules, run where the data are: a store or an OMOP CDM on any engine.

``graftline validate DIR`` checks text files in DuckDB (:mod:`.validation`).
A store or CDM in PostgreSQL or Spark is already typed and may hold billions
of rows, so it is checked in place: each canonical table (a stored table, or
an OMOP view) is presented with the columns the rules read - ``r_<c>`` (the
value as text), ``p_<c>`` (the parsed value: a category outside its allowed
values is NULL), ``_known``, ``_day0``, ``_birth``, ``_death``, and for labs
``_divisor`` (NULL when the unit cannot be converted) - and the very same
rule conditions of :mod:`graftline.cohort.rules` (written once, in DuckDB's
SQL) are transpiled by sqlglot to the engine's dialect. Only offending rows
come back, at most :data:`MAX_LISTED_ROWS` per table.

What this adds over the file checks: nothing. What it cannot check: how a
value was spelled in a file (a typed column has no spelling), so the
"does not parse" rules never fire here.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import sqlglot

from graftline.cohort.problems import Problem
from graftline.cohort.readers import LoadedFile
from graftline.cohort.rules import AFTER_LAST_CONTACT, Rule, rules_for
from graftline.cohort.schema import TABLES, Table
from graftline.cohort.units import conversion_factor
from graftline.ibis_compile import separate_selects

#: Offending rows listed per table (as for files).
MAX_LISTED_ROWS = 1000


def check_tables(tables: dict[str, ir.Table], *, labels: dict[str, str] | None = None,
                 lab_divisor: ir.Table | None = None) -> list[Problem]:
    """Run every row rule over typed canonical tables (Ibis expressions on one backend).

    Parameters
    ----------
    tables
        ``{canonical table: expression}`` with the stored columns.
    labels
        Name shown as the "file" of each table's problems (default the table name).
    lab_divisor
        For labs: an expression to check instead of ``tables["labs"]``, with a
        ``_divisor`` column (NULL where the unit cannot be converted); by
        default the divisor is looked up from the stored unit.
    """
    labels = labels or {}
    info = _patient_info(tables)
    problems: list[Problem] = []
    late: dict[str, list[str]] = {}
    last_contact: dict[str, int] = {}
    patients_label = labels.get("patients", "patients")
    for name, table in TABLES.items():
        if name not in tables:
            continue
        expr = lab_divisor if name == "labs" and lab_divisor is not None else tables[name]
        label = labels.get(name, name)
        stage = _Stage(table, expr, info)  # compiled once, for both queries
        problems += _check(table, expr, stage, label, patients_label if "patients" in tables else None)
        for pid, rows, first, last, day in _after_last_contact(table, expr, stage, info, label):
            days = f"day {first}" if first == last else f"days {first}-{last}"
            late.setdefault(pid, []).append(f"{label}: {rows} row{'s' * (rows > 1)}, {days}")
            last_contact[pid] = day
    # One warning per patient, as validate gives for files (a stale follow-up would give hundreds);
    # tables in name order, as a folder's files are found.
    problems += [Problem(
        labels.get("followup", "followup"), None, "last_contact_day", str(last_contact[pid]),
        f"patient {pid!r} has records after the patient's last contact on day {last_contact[pid]}: "
        f"{'; '.join(sorted(parts))}",
        "a last contact on or after the patient's last record (update the follow-up), or check those dates",
        "warning",
    ) for pid, parts in sorted(late.items())]
    return problems


def check_omop(source) -> list[Problem]:
    """The checks over an :class:`~graftline.cohort.omop.source.OmopSource` (labs with their raw units)."""
    from graftline.cohort.omop.views import _Cdm, measured_labs

    cdm = _Cdm(source.con, source.database)
    day0 = source.tables["treatments"].select("patient_id", "day0_date")
    raw = measured_labs(cdm, source.concepts, day0)
    labs = raw.filter(raw.raw_value.notnull()).mutate(
        value=raw.raw_value * raw.factor.coalesce(1.0),
        unit=ibis.literal("unit_concept_id ") + raw.unit_concept_id.cast("string"),
        _divisor=1.0 / raw.factor,
        source_file=ibis.literal("measurement"),
    )
    columns = [c for c in TABLES["labs"].stored_columns if c in labs.columns] + ["_divisor"]
    labels = {name: f"OMOP view {name}" for name in TABLES}
    labels["labs"] = "OMOP measurement (row = measurement_id)"
    return check_tables(source.tables, labels=labels, lab_divisor=labs.select(*columns))


def _patient_info(tables: dict[str, ir.Table]) -> ir.Table | None:
    """Per patient: known (in patients), day 0, birth and death - the cross-table context of the rules."""
    if "patients" not in tables:
        return None
    p = tables["patients"].select(_pid="patient_id", _birth="birth_date")
    info = p.mutate(_known=ibis.literal(True))
    if "treatments" in tables:
        t = tables["treatments"]
        t = t.group_by("patient_id").aggregate(_day0=t.day0_date.min()).rename(_tpid="patient_id")
        info = info.left_join(t, info._pid == t._tpid).drop("_tpid")
    else:
        info = info.mutate(_day0=ibis.null("date"))
    if "followup" in tables:
        f = tables["followup"]
        f = f.group_by("patient_id").aggregate(_death=f.death_day.min(), _last_contact=f.last_contact_day.min())
        f = f.rename(_fpid="patient_id")
        info = info.left_join(f, info._pid == f._fpid).drop("_fpid")
    else:
        info = info.mutate(_death=ibis.null("int32"), _last_contact=ibis.null("int32"))
    return info


def _staged(table: Table, expr: ir.Table, info: ir.Table | None) -> ir.Table:
    """The columns the rules read, from a typed table."""
    columns: dict[str, ir.Value] = {}
    for name in table.stored_columns:
        if name not in expr.columns:
            continue
        value = expr[name]
        columns[f"r_{name}"] = value.cast("string")
        kind = _kind(table, name)
        if kind == "category":
            allowed = table.column(name).allowed or ()
            columns[f"p_{name}"] = ibis.ifelse(value.isin(allowed), value, ibis.null("string"))
        else:
            columns[f"p_{name}"] = value
    staged = expr.mutate(**columns)
    staged = staged.mutate(_row=expr.source_row.cast("int64") if "source_row" in expr.columns else ibis.null("int64"))
    if table.name == "labs":
        if "_divisor" not in staged.columns:
            staged = staged.mutate(_divisor=_stored_divisor(staged))
        staged = staged.mutate(_value_sign=ibis.null("string"), **_plausibility_limits(staged))
    if info is not None and "patient_id" in expr.columns:
        joined = staged.left_join(info, staged.patient_id == info._pid)
        staged = joined.drop("_pid").mutate(_known=joined._known.coalesce(False))
    else:
        staged = staged.mutate(_known=ibis.literal(True), _day0=ibis.null("date"), _birth=ibis.null("date"),
                               _death=ibis.null("int32"), _last_contact=ibis.null("int32"))
    return staged


def _plausibility_limits(staged: ir.Table) -> dict[str, ir.Value]:
    """``_warning_above`` and ``_error_above`` of each row's analyte (graftline.cohort.plausibility), in its stored unit."""
    from graftline.cohort.plausibility import LIMITS

    def limit(attribute: str) -> ir.Value:
        branches = [(staged.analyte == name, float(getattr(bound, attribute))) for name, bound in LIMITS.items()]
        return ibis.cases(*branches, else_=ibis.null("float64"))

    return {"_warning_above": limit("warning_above"), "_error_above": limit("error_above")}


def _stored_divisor(staged: ir.Table) -> ir.Value:
    """1 / factor of a stored (analyte, unit) pair; NULL when the unit is not one graftline converts."""
    from graftline.cohort.schema import ANALYTES, COUNT_ANALYTES
    from graftline.cohort.units import COUNT_FACTORS, OTHER_UNITS, normalise_unit_spelling

    spelled = staged.unit.strip().lower().replace(" ", "")
    branches = []
    for analyte in ANALYTES:
        spellings = COUNT_FACTORS if analyte in COUNT_ANALYTES else OTHER_UNITS[analyte][1]
        for unit in spellings:
            factor = conversion_factor(analyte, unit)
            branches.append(((staged.analyte == analyte) & (spelled == normalise_unit_spelling(unit)), 1.0 / factor))
    return ibis.cases(*branches, else_=ibis.null("float64"))


def _kind(table: Table, name: str) -> str:
    for time in table.times:
        if name == time.day:
            return "integer"
        if name == time.date:
            return "date"
    return table.column(name).kind


class _Stage:
    """A table's staged relation (:func:`_staged`), compiled to the engine's SQL once when first queried.

    Compiling the Ibis expression costs far more than running a query on a
    small table; each table is queried twice (the row rules, then the records
    after the last contact).
    """

    def __init__(self, table: Table, expr: ir.Table, info: ir.Table | None) -> None:
        self._args = (table, expr, info)
        self._compiled = None

    def run(self, query: str) -> list[dict]:
        """``query`` (DuckDB SQL over a relation named ``stage``) on the engine of the table.

        The rules are DuckDB SQL; sqlglot transpiles them to the engine's
        dialect, and the staged expression, compiled by Ibis, is the CTE
        ``stage`` in front of them.
        """
        if self._compiled is None:
            staged = _staged(*self._args)
            backend = staged._find_backend()
            with separate_selects():
                stage_sql = str(ibis.to_sql(staged, dialect=backend.name))
            self._compiled = backend, backend.compiler.dialect, stage_sql
        backend, dialect, stage_sql = self._compiled
        # The staged relation as a CTE in front of the transpiled rule query, as text:
        # parsing it into the query with sqlglot, and copying it per query, cost more
        # than the queries on a small store.
        outer = sqlglot.transpile(query, read="duckdb", write=dialect)[0]
        return _records(backend, f"WITH stage AS ({stage_sql}) {outer}")


def _records(backend, sql: str) -> list[dict]:
    """Rows of a SQL query as dicts, through Arrow (Python ints, dates and None, which the
    rule messages format as a file's values).

    DuckDB and Spark run the SQL directly: handing it to ``backend.sql`` makes Ibis parse
    it again with sqlglot, and the staged relation in every query is long, so on a small
    store that parsing took most of ``validate`` (19 of 44 s, profiled, on a 36-patient
    OMOP CDM). Other engines (PostgreSQL) go through Ibis, which maps their types to Arrow.
    """
    if backend.name == "duckdb":
        return backend.con.execute(sql).fetch_arrow_table().to_pylist()
    if backend.name == "pyspark":
        return backend._session.sql(sql).toArrow().to_pylist()
    return backend.sql(sql).to_pyarrow().to_pylist()


def _check(table: Table, expr: ir.Table, stage: _Stage, label: str, patients_label: str | None) -> list[Problem]:
    present = tuple(c for c in table.stored_columns if c in expr.columns)
    loaded = LoadedFile(table.name, label, present, 0)
    rules = [r for r in rules_for(table, loaded, patients_label) if _applies(r) and r.title != AFTER_LAST_CONTACT]
    if not rules:
        return []
    flags = ", ".join(f"coalesce({r.condition}, false) AS _rule_{i}" for i, r in enumerate(rules))
    where = " OR ".join(f"coalesce({r.condition}, false)" for r in rules)
    query = f"SELECT *, {flags} FROM stage WHERE {where} ORDER BY _row LIMIT {MAX_LISTED_ROWS + 1}"
    records = stage.run(query)
    problems = []
    for row in records[:MAX_LISTED_ROWS]:
        for i, rule in enumerate(rules):
            if row[f"_rule_{i}"]:
                problems.append(Problem(
                    label, row["_row"], rule.located_column(row), rule.located_value(row),
                    rule.render(rule.message, row), rule.render(rule.expected, row), rule.severity,
                ))
    if len(records) > MAX_LISTED_ROWS:
        problems.append(Problem(label, None, None, None,
                                f"more than {MAX_LISTED_ROWS} rows with problems; the first {MAX_LISTED_ROWS} are listed",
                                "fix the listed rows and check again", "error"))
    return problems


def _after_last_contact(table: Table, expr: ir.Table, stage: _Stage, info,
                        label: str) -> list[tuple[str, int, int, int, int]]:
    """``(patient, rows, first day, last day, last contact)`` of the rows after the patient's last contact."""
    import re

    present = tuple(c for c in table.stored_columns if c in expr.columns)
    rules = [r for r in rules_for(table, LoadedFile(table.name, label, present, 0), None)
             if r.title == AFTER_LAST_CONTACT and "patient_id" in present]
    if not rules or info is None:
        return []
    found = []
    for rule in rules:
        day = re.search(r"AND (\S+) > _last_contact", rule.condition).group(1)
        query = (f"SELECT r_patient_id AS pid, count(*) AS n, min({day}) AS first, max({day}) AS last, "
                 f"max(_last_contact) AS contact FROM stage WHERE coalesce({rule.condition}, false) "
                 "GROUP BY r_patient_id ORDER BY pid")
        found += [(r["pid"], r["n"], r["first"], r["last"], r["contact"]) for r in stage.run(query)]
    return found


def _applies(rule: Rule) -> bool:
    """Rules about a value's spelling in a file cannot fire on typed columns; skip them."""
    return "_value_sign" not in rule.condition
