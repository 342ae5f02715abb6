"""SQL that parses the text tables into typed, normalised columns.

For each loaded table ``raw_<t>`` a view ``stage_<t>`` holds, per row:

- ``_row``: the spreadsheet row (header = row 1);
- ``r_<c>``: the value as written (trimmed, empty -> NULL), for messages;
- ``p_<c>``: the parsed, normalised value (NULL when it does not parse);
- for each time field the parsed ``p_<day>`` / ``p_<date>`` as given, and
  ``<day>`` / ``<date>``: days from day 0 and the calendar date, each derived
  from the other through the patient's ``day0_date`` when only one is given;
- the patient's context from ``patient_info`` (``_known``, ``_day0``,
  ``_birth``, ``_death``, ``_last_contact``) for the cross-table rules.

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


def raw_sql(loaded: LoadedFile, name: str) -> str:
    """The column as written, NULL when the column is absent (casts ignore surrounding spaces)."""
    return q(name) if name in loaded.columns else "CAST(NULL AS VARCHAR)"


def text_sql(loaded: LoadedFile, name: str) -> str:
    """The trimmed text of a column, NULL when empty or when the column is absent."""
    if name not in loaded.columns:
        return "CAST(NULL AS VARCHAR)"
    return f"nullif(trim({q(name)}), '')"


def normal_sql(text: str) -> str:
    """SQL spelling a value as :func:`graftline.cohort.schema.normal_spelling` does."""
    return f"replace(replace(lower({text}), ' ', '_'), '-', '_')"


def category_sql(column: Column, text: str) -> str:
    """Lower case, spaces and hyphens to underscores; m/f -> male/female; the column's aliases."""
    normal = normal_sql(text)
    synonyms = dict(column.aliases)
    if column.name == "sex":
        synonyms.update(SEX_SYNONYMS)
    if synonyms:
        cases = " ".join(f"WHEN {lit(k)} THEN {lit(v)}" for k, v in synonyms.items())
        normal = f"(CASE {normal} {cases} ELSE {normal} END)"
    return normal


def parse_sql(column: Column, loaded: LoadedFile) -> str:
    """SQL for the parsed value of a column; NULL when it does not parse."""
    if column.kind == "number":
        return number_sql(number_ref(loaded, column.name))
    if column.kind == "integer":
        return whole_number_sql(number_ref(loaded, column.name), limit=2e9)
    if column.kind == "date":
        return date_ref(loaded, column.name)
    text = text_sql(loaded, column.name)
    if column.kind == "boolean":
        word = f"lower({text})"
        return f"(CASE WHEN {word} IN {in_list(TRUE_WORDS)} THEN true WHEN {word} IN {in_list(FALSE_WORDS)} THEN false END)"
    if column.kind == "category":
        normal = category_sql(column, text)
        return f"(CASE WHEN {normal} IN {in_list(column.allowed)} THEN {normal} END)"
    return text


# Each text -> DOUBLE/DATE cast is computed once per row in an inner projection
# (``_num_<c>``, ``_date_<c>``) and referenced by the rules and the stored
# columns: repeating the casts in every CASE doubled the time for big labs.

def number_ref(loaded: LoadedFile, name: str) -> str:
    return q("_num_" + name) if name in loaded.columns else "CAST(NULL AS DOUBLE)"


def date_ref(loaded: LoadedFile, name: str) -> str:
    return q("_date_" + name) if name in loaded.columns else "CAST(NULL AS DATE)"


def cast_atoms(table: Table, loaded: LoadedFile) -> list[str]:
    """The inner projection's casts for the columns present in the file."""
    numbers = {c.name for c in table.columns if c.kind in ("number", "integer")} | {t.day for t in table.times}
    dates = {c.name for c in table.columns if c.kind == "date"} | {t.date for t in table.times}
    atoms = []
    words = {c.name: c.aliases for c in table.columns if c.kind == "integer" and c.aliases}
    for name in loaded.columns:
        if name in words:
            # Words for numbers (a grade written 'II' or 'grade II') become the number first.
            cases = " ".join(f"WHEN {lit(k)} THEN {lit(v)}" for k, v in words[name])
            text = f"(CASE {normal_sql(f'trim({q(name)})')} {cases} ELSE {q(name)} END)"
            atoms.append(f"TRY_CAST({text} AS DOUBLE) AS {q('_num_' + name)}")
        elif name in numbers:
            atoms.append(f"TRY_CAST({q(name)} AS DOUBLE) AS {q('_num_' + name)}")
        elif name in dates:
            atoms.append(f"TRY_CAST({q(name)} AS DATE) AS {q('_date_' + name)}")
    return atoms


def number_sql(number: str) -> str:
    """A finite number, or NULL ('nan' and 'inf' parse as doubles but are not data)."""
    return f"(CASE WHEN isfinite({number}) THEN {number} END)"


def whole_number_sql(number: str, *, limit: float) -> str:
    # Through DOUBLE: DuckDB's VARCHAR -> INTEGER cast rounds '3.5' to 4.
    return f"(CASE WHEN {number} = round({number}) AND abs({number}) < {limit!r} THEN CAST({number} AS INTEGER) END)"


def unit_table_sql() -> str:
    """A VALUES list (analyte, spelling, divisor, canonical unit, plausibility limits) from :mod:`units`.

    A divisor rather than a factor: 500 /uL / 1000 is exactly 0.5, whereas
    500 * 0.001 need not be the closest double to 0.5. The analyte's
    plausibility limits (:mod:`graftline.cohort.plausibility`) ride along,
    so that each lab row gets them through the unit map's join rather than
    a CASE on the analyte per row.
    """
    from graftline.cohort.plausibility import LIMITS

    rows = []
    for analyte in COUNT_ANALYTES:
        for spelling, factor in COUNT_FACTORS.items():
            rows.append((analyte, spelling, 1 / factor, COUNT_UNIT))
    for analyte, (canonical, factors) in OTHER_UNITS.items():
        for spelling, factor in factors.items():
            rows.append((analyte, spelling, 1 / factor, canonical))
    def limit(analyte: str, which: str) -> str:
        return f"CAST({float(getattr(LIMITS[analyte], which))!r} AS DOUBLE)" if analyte in LIMITS else "CAST(NULL AS DOUBLE)"

    values = ", ".join(
        f"({lit(a)}, {lit(s)}, CAST({d!r} AS DOUBLE), {lit(c)}, {limit(a, 'warning_above')}, {limit(a, 'error_above')})"
        for a, s, d, c in rows
    )
    return (f"SELECT * FROM (VALUES {values}) "
            "AS u(_u_analyte, _u_spelling, _divisor, _canonical_unit, _warning_above, _error_above)")


def patient_map_sql(loaded: LoadedFile) -> str:
    """Per distinct patient_id as written: its patient context (a small table).

    Joining the big table to this on the id as written (plain string
    equality) is much faster than trimming ten million ids.
    """
    return (
        f"SELECT d._raw_pid, nullif(trim(d._raw_pid), '') AS _pid, pi._known, pi._day0, pi._birth, pi._death, "
        f"pi._last_contact FROM "
        f"(SELECT DISTINCT {raw_sql(loaded, 'patient_id')} AS _raw_pid FROM {loaded.relation}) d "
        f"LEFT JOIN patient_info pi ON pi._pid = nullif(trim(d._raw_pid), '')"
    )


def lab_unit_map_sql(loaded: LoadedFile, analyte_column: Column) -> str:
    """Per distinct (analyte, unit) as written: normalised analyte and the unit conversion."""
    analyte = category_sql(analyte_column, "nullif(trim(_raw_analyte), '')")
    unit = UNIT_SPELLING_SQL.format("_raw_unit")
    return (
        f"SELECT hash(d._raw_analyte, d._raw_unit) AS _pair_hash, d._raw_analyte, d._raw_unit, "
        f"nullif(trim(d._raw_analyte), '') AS r_analyte, "
        f"CASE WHEN {analyte} IN {in_list(analyte_column.allowed)} THEN {analyte} END AS p_analyte, "
        f"nullif(trim(d._raw_unit), '') AS r_unit, u._divisor, u._canonical_unit, u._warning_above, u._error_above FROM "
        f"(SELECT DISTINCT {raw_sql(loaded, 'analyte')} AS _raw_analyte, {raw_sql(loaded, 'unit')} AS _raw_unit "
        f"FROM {loaded.relation}) d LEFT JOIN lab_units u ON u._u_analyte = {analyte} AND u._u_spelling = {unit}"
    )


def stage_sql(table: Table, loaded: LoadedFile, *, has_patient_info: bool, pair_hash_unique: bool = True) -> str:
    """SELECT that stages ``raw_<table>`` (see the module docstring).

    With ``has_patient_info`` the temporary tables ``pid_<table>`` (from
    :func:`patient_map_sql`) and, for labs, ``lab_unit_map`` must exist.
    ``pair_hash_unique`` says that the (analyte, unit) pairs of
    ``lab_unit_map`` have distinct hashes, so labs join the map on the hash.

    Three levels: the casts (once per row), the per-row parsing, and last
    the joins to the patient and unit maps. Parsing before the joins keeps
    the raw text columns out of the joins, which otherwise copy them for
    every row (three times slower on ten million labs).
    """
    is_labs = table.name == "labs"
    casts = ", ".join(["rowid + 2 AS _row", "*", *cast_atoms(table, loaded)])
    parsed = ["_row"]
    for key in ("patient_id", "analyte", "unit"):
        parsed.append(f"{raw_sql(loaded, key)} AS {q('_k_' + key)}")
    for column in table.columns:
        name = column.name
        if name in ("source_row", "source_file") or (is_labs and name in ("analyte", "unit", "qualifier")):
            continue
        if name == "patient_id" and has_patient_info:
            continue  # from the patient map, trimmed once per distinct id
        raw = text_sql(loaded, name) if column.kind in ("string", "category", "boolean") else raw_sql(loaded, name)
        parsed.append(f"{raw} AS {q('r_' + name)}")
        if is_labs and name == "value":
            parsed += lab_value_sql(loaded)
        else:
            parsed.append(f"{parse_sql(column, loaded)} AS {q('p_' + name)}")
    for time in table.times:
        parsed += time_parse_sql(loaded, time)
    parsed.append(f"{lit(loaded.file)} AS _source_file")

    joined = ["s.*"]
    join = ""
    if has_patient_info:
        joined += ["pm._pid AS r_patient_id", "pm._pid AS p_patient_id",
                   "coalesce(pm._known, false) AS _known", "pm._day0", "pm._birth", "pm._death", "pm._last_contact"]
        on = "pm._raw_pid = s._k_patient_id" if "patient_id" in loaded.columns else "false"
        join += f" LEFT JOIN pid_{table.name} pm ON {on}"
        day0 = "pm._day0"
    else:
        joined += ["true AS _known", "CAST(NULL AS DATE) AS _day0", "CAST(NULL AS DATE) AS _birth",
                   "CAST(NULL AS INTEGER) AS _death", "CAST(NULL AS INTEGER) AS _last_contact"]
        day0 = "CAST(NULL AS DATE)"
    if table.name == "treatments":
        day0 = "s.p_day0_date"
    for time in table.times:
        joined += time_derive_sql(time, day0, prefix="s.")
    if is_labs:
        if pair_hash_unique:
            # Joining on one 64-bit hash is faster than on two nullable
            # strings with IS NOT DISTINCT FROM.
            join += " LEFT JOIN lab_unit_map um ON um._pair_hash = hash(s._k_analyte, s._k_unit)"
        else:
            join += (" LEFT JOIN lab_unit_map um ON um._raw_analyte IS NOT DISTINCT FROM s._k_analyte"
                     " AND um._raw_unit IS NOT DISTINCT FROM s._k_unit")
        joined += ["um.r_analyte", "um.p_analyte", "um.r_unit", "um._divisor", "um._canonical_unit",
                   "um._warning_above", "um._error_above"]
    return (
        f"SELECT {', '.join(joined)} FROM (SELECT {', '.join(parsed)} FROM "
        f"(SELECT {casts} FROM {loaded.relation})) s {join}"
    )


def time_parse_sql(loaded: LoadedFile, time) -> list[str]:
    """A time's columns as written (``r_``) and parsed (``p_``): whole days and a date."""
    return [
        f"{raw_sql(loaded, time.day)} AS {q('r_' + time.day)}",
        f"{raw_sql(loaded, time.date)} AS {q('r_' + time.date)}",
        f"{whole_number_sql(number_ref(loaded, time.day), limit=1e6)} AS {q('p_' + time.day)}",
        f"{date_ref(loaded, time.date)} AS {q('p_' + time.date)}",
    ]


def time_derive_sql(time, day0: str, *, prefix: str = "") -> list[str]:
    """The stored day and date of a time, each derived from the other through ``day0`` when missing."""
    d, D = prefix + q("p_" + time.day), prefix + q("p_" + time.date)
    return [
        f"coalesce({d}, CAST({D} - {day0} AS INTEGER)) AS {q(time.day)}",
        f"coalesce({D}, CAST({day0} + {d} AS DATE)) AS {q(time.date)}",
    ]


def lab_value_sql(loaded: LoadedFile) -> list[str]:
    """'<0.1' -> value 0.1 with qualifier '<' (a qualifier column may say it too)."""
    raw = raw_sql(loaded, "value")
    plain = number_ref(loaded, "value")
    # Plain numbers take the first branch; only the rest are looked at for a
    # leading '<' or '>' (CASE evaluates later branches only for those rows).
    sign = f"(CASE WHEN {plain} IS NULL AND left(trim({raw}), 1) IN ('<', '>') THEN left(trim({raw}), 1) END)"
    qualified = f"TRY_CAST(substr(trim({raw}), 2) AS DOUBLE)"
    given = text_sql(loaded, "qualifier")
    return [
        f"(CASE WHEN isfinite({plain}) THEN {plain} "
        f"WHEN {plain} IS NULL AND left(trim({raw}), 1) IN ('<', '>') AND isfinite({qualified}) THEN {qualified} END) AS p_value",
        f"{given} AS r_qualifier",
        f"coalesce({given}, {sign}) AS p_qualifier",
        f"{sign} AS _value_sign",
    ]


def stored_select(table: Table, *, source_file: bool = True) -> str:
    """Projection from ``stage_<table>`` to the stored columns, in store order.

    ``source_file=False`` leaves out the (constant) ``source_file`` column.
    """
    parts = []
    for name in table.stored_columns:
        if name == "source_file" and not source_file:
            continue
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
