"""SQL that parses the text tables into typed, normalised columns.

For each loaded table ``raw_<t>`` a view ``stage_<t>`` holds, per row:

- ``_row``: the spreadsheet row (header = row 1);
- ``r_<c>``: the value as written (trimmed, empty -> NULL), for messages;
- ``p_<c>``: the parsed, normalised value (NULL when it does not parse);
- for each time field the parsed ``p_<day>`` / ``p_<date>`` as given, and
  ``<day>`` / ``<date>``: days from day 0 and the calendar date, each derived
  from the other through the patient's ``day0_date`` when only one is given;
- the patient's context from ``patient_info`` (``_known``, ``_day0``,
  ``_birth``, ``_death``) for the cross-table rules.

Everything is vectorised SQL run by DuckDB: Python never touches a row that
has no problem (a 10-million-row lab file is parsed in a few seconds).
"""

from __future__ import annotations

from graftline.cohort.readers import LoadedFile
from graftline.cohort.schema import COUNT_ANALYTES, Column, Table
from graftline.cohort.units import COUNT_FACTORS, COUNT_UNIT, OTHER_UNITS

TRUE_WORDS = ("yes", "y", "true", "t", "1")
FALSE_WORDS = ("no", "n", "false", "f", "0")
SEX_SYNONYMS = {"m": "male", "f": "female", "w": "female"}
#: Dates outside these years are typing errors (a birth in 2204, a visit in 1024).
PLAUSIBLE_YEARS = (1900, 2100)
PERCENT_ANALYTES = ("neut_pct", "bands_pct")
#: SQL that spells a unit as :func:`graftline.cohort.units.normalise_unit_spelling` does.
UNIT_SPELLING_SQL = "replace(replace(replace(lower(trim({})), ' ', ''), 'µ', 'u'), 'μ', 'u')"


def q(name: str) -> str:
    """Quote an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def lit(text: str) -> str:
    """Quote an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def in_list(values) -> str:
    return "(" + ", ".join(lit(v) for v in values) + ")"


def text_sql(loaded: LoadedFile, name: str) -> str:
    """The trimmed text of a column, NULL when empty or when the column is absent."""
    if name not in loaded.columns:
        return "CAST(NULL AS VARCHAR)"
    return f"nullif(trim({q(name)}), '')"


def category_sql(column: Column, text: str) -> str:
    """Lower case, spaces and hyphens to underscores; m/f -> male/female."""
    normal = f"replace(replace(lower({text}), ' ', '_'), '-', '_')"
    if column.name == "sex":
        cases = " ".join(f"WHEN {lit(k)} THEN {lit(v)}" for k, v in SEX_SYNONYMS.items())
        normal = f"(CASE {normal} {cases} ELSE {normal} END)"
    return normal


def parse_sql(column: Column, text: str) -> str:
    """SQL for the parsed value of a column; NULL when it does not parse."""
    if column.kind == "number":
        return f"(CASE WHEN isfinite(TRY_CAST({text} AS DOUBLE)) THEN TRY_CAST({text} AS DOUBLE) END)"
    if column.kind == "integer":
        number = f"TRY_CAST({text} AS DOUBLE)"
        return f"(CASE WHEN isfinite({number}) AND {number} = round({number}) AND abs({number}) < 2e9 THEN CAST({number} AS INTEGER) END)"
    if column.kind == "boolean":
        word = f"lower({text})"
        return f"(CASE WHEN {word} IN {in_list(TRUE_WORDS)} THEN true WHEN {word} IN {in_list(FALSE_WORDS)} THEN false END)"
    if column.kind == "date":
        return date_sql(text)
    if column.kind == "category":
        normal = category_sql(column, text)
        return f"(CASE WHEN {normal} IN {in_list(column.allowed)} THEN {normal} END)"
    return text


def date_sql(text: str) -> str:
    lo, hi = PLAUSIBLE_YEARS
    parsed = f"TRY_CAST({text} AS DATE)"
    return f"(CASE WHEN year({parsed}) BETWEEN {lo} AND {hi} THEN {parsed} END)"


def day_sql(text: str) -> str:
    number = f"TRY_CAST({text} AS DOUBLE)"
    return f"(CASE WHEN isfinite({number}) AND {number} = round({number}) AND abs({number}) < 1e6 THEN CAST({number} AS INTEGER) END)"


def unit_table_sql() -> str:
    """A VALUES list (analyte, spelling, divisor, canonical unit) from :mod:`units`.

    A divisor rather than a factor: 500 /uL / 1000 is exactly 0.5, whereas
    500 * 0.001 need not be the closest double to 0.5.
    """
    rows = []
    for analyte in COUNT_ANALYTES:
        for spelling, factor in COUNT_FACTORS.items():
            rows.append((analyte, spelling, 1 / factor, COUNT_UNIT))
    for analyte, (canonical, factors) in OTHER_UNITS.items():
        for spelling, factor in factors.items():
            rows.append((analyte, spelling, 1 / factor, canonical))
    values = ", ".join(f"({lit(a)}, {lit(s)}, {d!r}, {lit(c)})" for a, s, d, c in rows)
    return f"SELECT * FROM (VALUES {values}) AS u(_u_analyte, _u_spelling, _divisor, _canonical_unit)"


def stage_sql(table: Table, loaded: LoadedFile, *, has_patient_info: bool) -> str:
    """SELECT that stages ``raw_<table>`` (see the module docstring)."""
    select = ["r._row AS _row"]
    for column in table.columns:
        if column.name in ("source_row", "source_file"):
            continue
        text = text_sql(loaded, column.name)
        select.append(f"{text} AS {q('r_' + column.name)}")
        if table.name == "labs" and column.name == "value":
            select += _lab_value_sql(loaded)
        elif table.name == "labs" and column.name == "qualifier":
            continue  # parsed together with the value
        else:
            select.append(f"{parse_sql(column, text)} AS {q('p_' + column.name)}")
    if table.name == "treatments":
        day0 = parse_sql(table.column("day0_date"), text_sql(loaded, "day0_date"))
    else:
        day0 = "pi._day0"
    for time in table.times:
        day_text, date_text = text_sql(loaded, time.day), text_sql(loaded, time.date)
        given_day, given_date = day_sql(day_text), date_sql(date_text)
        select += [
            f"{day_text} AS {q('r_' + time.day)}",
            f"{date_text} AS {q('r_' + time.date)}",
            f"{given_day} AS {q('p_' + time.day)}",
            f"{given_date} AS {q('p_' + time.date)}",
            f"coalesce({given_day}, CAST({given_date} - {day0} AS INTEGER)) AS {q(time.day)}",
            f"coalesce({given_date}, CAST({day0} + {given_day} AS DATE)) AS {q(time.date)}",
        ]
    if has_patient_info:
        select += ["pi._known IS NOT NULL AS _known", "pi._day0", "pi._birth", "pi._death"]
        join = f"LEFT JOIN patient_info pi ON pi._pid = {text_sql(loaded, 'patient_id')}"
    else:
        select += ["true AS _known", "CAST(NULL AS DATE) AS _day0", "CAST(NULL AS DATE) AS _birth", "CAST(NULL AS INTEGER) AS _death"]
        join = ""
    if table.name == "labs":
        join += (
            " LEFT JOIN lab_units u ON u._u_analyte = "
            + category_sql(table.column("analyte"), text_sql(loaded, "analyte"))
            + " AND u._u_spelling = "
            + UNIT_SPELLING_SQL.format(text_sql(loaded, "unit"))
        )
        select += ["u._divisor", "u._canonical_unit"]
    select.append(f"{lit(loaded.file)} AS _source_file")
    return f"SELECT {', '.join(select)} FROM (SELECT rowid + 2 AS _row, * FROM {loaded.relation}) r {join}"


def _lab_value_sql(loaded: LoadedFile) -> list[str]:
    """'<0.1' -> value 0.1 with qualifier '<' (a qualifier column may say it too)."""
    text = text_sql(loaded, "value")
    sign = f"left({text}, 1)"
    number_text = f"(CASE WHEN {sign} IN ('<', '>') THEN nullif(trim(substr({text}, 2)), '') ELSE {text} END)"
    number = f"TRY_CAST({number_text} AS DOUBLE)"
    given = text_sql(loaded, "qualifier")
    return [
        f"(CASE WHEN isfinite({number}) THEN {number} END) AS p_value",
        f"coalesce({given}, CASE WHEN {sign} IN ('<', '>') THEN {sign} END) AS p_qualifier",
        f"(CASE WHEN {sign} IN ('<', '>') THEN {sign} END) AS _value_sign",
    ]


def stored_select(table: Table) -> str:
    """Projection from ``stage_<table>`` to the stored columns, in store order."""
    parts = []
    for name in table.stored_columns:
        if name in {t.day for t in table.times} | {t.date for t in table.times}:
            parts.append(q(name))
        elif table.name == "labs" and name == "value":
            parts.append("p_value / _divisor AS value")
        elif table.name == "labs" and name == "unit":
            parts.append("_canonical_unit AS unit")
        elif name == "source_row":
            parts.append("_row AS source_row")
        elif name == "source_file":
            parts.append("_source_file AS source_file")
        elif table.name == "treatments" and name == "arm":
            parts.append("coalesce(p_arm, p_modality) AS arm")
        elif table.name == "treatments" and name == "msc":
            parts.append("coalesce(p_msc, false) AS msc")
        elif table.name == "treatments" and name == "graft_source":
            parts.append("coalesce(p_graft_source, CASE WHEN p_modality = 'chemo' THEN 'none' END) AS graft_source")
        elif table.name == "patients" and name == "age":
            parts.append("coalesce(p_age, CASE WHEN p_birth_date IS NOT NULL AND _day0 IS NOT NULL "
                         "THEN date_part('year', age(CAST(_day0 AS TIMESTAMP), CAST(p_birth_date AS TIMESTAMP))) END) AS age")
        else:
            parts.append(f"{q('p_' + name)} AS {q(name)}")
    return ", ".join(parts)
