"""The validation rules, each an SQL condition over a staged table.

A rule is true for an offending row. All of a table's rules are evaluated in
one scan (``WHERE rule_1 OR rule_2 ...``) and only the offending rows come
back to Python, where each becomes a :class:`~graftline.cohort.problems.Problem`
naming file, row, column, value and what was expected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from graftline.cohort import plausibility
from graftline.cohort.problems import Severity
from graftline.cohort.readers import LoadedFile
from graftline.cohort.schema import COUNT_ANALYTES, Column, Table
from graftline.cohort.staging import PERCENT_ANALYTES, PLAUSIBLE_YEARS, in_list, q
from graftline.cohort.units import OTHER_UNITS

Text = str | Callable[[dict], str]

COUNT_UNITS_TEXT = "10^9/L, 10^3/uL, 10*3/uL, K/uL, G/L, /uL or cells/mm3"
#: Title of the rule "a date but no day 0": a consequence of a problem in
#: treatments, summarised in one line rather than listed row by row.
NO_DAY0 = "date without day0_date"
#: Title of the rule "a record after the patient's last contact": one warning
#: per patient at the follow-up row, not one per record.
AFTER_LAST_CONTACT = "after the last contact"


@dataclass(frozen=True)
class Rule:
    """One check: ``condition`` (SQL) is true for a row that breaks it.

    ``message`` and ``expected`` are format templates over the offending
    row's staged fields (or callables taking that row); ``value`` names the
    field shown as the offending value; ``title`` summarises the rule when
    too many rows break it to list them all.
    """

    column: str | None | Callable[[dict], str]
    condition: str
    message: Text
    expected: Text
    title: str
    value: str | None | Callable[[dict], str] = None
    severity: Severity = "error"

    def render(self, text: Text, row: dict) -> str:
        return text(row) if callable(text) else text.format(**row)

    def located_column(self, row: dict) -> str | None:
        return self.column(row) if callable(self.column) else self.column

    def located_value(self, row: dict) -> str | None:
        name = self.value(row) if callable(self.value) else self.value
        return None if name is None or row.get(name) is None else str(row[name])


_EXPECTED_BY_KIND = {
    "number": "a number such as 0.5 (decimal point, no units or text)",
    "integer": "a whole number",
    "boolean": "yes/no, true/false or 1/0",
    "date": f"a date as YYYY-MM-DD between {PLAUSIBLE_YEARS[0]} and {PLAUSIBLE_YEARS[1]}",
    "string": "a value",
}


def expected_for(column: Column) -> str:
    if column.kind == "category":
        return "one of " + ", ".join(column.allowed or ())
    return _EXPECTED_BY_KIND[column.kind]


def _not_parsed_message(column: Column) -> str:
    value = "{r_" + column.name + "!r}"
    if column.kind == "category":
        return f"unknown {column.name} {value}"
    noun = {"number": "a number", "integer": "a whole number", "boolean": "yes or no", "date": "a date"}
    return f"{value} is not {noun[column.kind]}"


def column_rules(table: Table, loaded: LoadedFile) -> list[Rule]:
    """Required values, parsing and bounds for every column in the file."""
    rules = []
    for column in table.columns:
        if column.name not in loaded.columns:
            continue
        raw, parsed = q("r_" + column.name), q("p_" + column.name)
        value = "r_" + column.name
        if column.required:
            message = "missing value"
            if table.name == "labs" and column.name == "unit":
                message = _missing_unit_message
            rules.append(Rule(column.name, f"{raw} IS NULL", message, expected_for(column) if column.name != "unit" else _unit_expected, f"missing {column.name}", value))
        if column.kind != "string":
            rules.append(Rule(column.name, f"{raw} IS NOT NULL AND {parsed} IS NULL", _not_parsed_message(column), expected_for(column), f"{column.name} does not parse", value))
        if column.kind == "date":
            rules.append(_implausible_year(column.name))
            rules.append(_in_the_future(column.name))
        if table.name == "labs" and column.name == "value":
            continue  # bounds depend on the analyte; see lab_rules
        if column.minimum is not None:
            noun = "negative value" if column.minimum == 0 else "value"
            rules.append(Rule(
                column.name, f"{parsed} < {column.minimum!r}",
                f"{noun} {{{value}}} is below the minimum {column.minimum:g}",
                f"at least {column.minimum:g}", f"{column.name} below {column.minimum:g}", value,
            ))
        if column.maximum is not None:
            noun = "impossible percentage" if column.unit == "%" else "value"
            rules.append(Rule(
                column.name, f"{parsed} > {column.maximum!r}",
                f"{noun} {{{value}}} is above the maximum {column.maximum:g}",
                f"at most {column.maximum:g}", f"{column.name} above {column.maximum:g}", value,
            ))
    return rules


def patient_rules(table: Table, loaded: LoadedFile, patients_file: str | None) -> list[Rule]:
    if table.name == "patients" or patients_file is None or "patient_id" not in loaded.columns:
        return []
    return [Rule(
        "patient_id", "r_patient_id IS NOT NULL AND NOT _known",
        f"unknown patient_id {{r_patient_id!r}}: not in {patients_file}",
        f"a patient_id listed in {patients_file}", "unknown patient_id", "r_patient_id",
    )]


def time_rules(table: Table, loaded: LoadedFile) -> list[Rule]:
    rules = []
    for time in table.times:
        d, D = time.day, time.date
        rd, rD, pd, pD = (q(f"{p}_{n}") for p, n in (("r", d), ("r", D), ("p", d), ("p", D)))
        if time.required and (d in loaded.columns or D in loaded.columns):
            rules.append(Rule(
                D if D in loaded.columns else d, f"{rd} IS NULL AND {rD} IS NULL",
                f"no time given: neither {d} nor {D}",
                f"{d} (whole days from day 0) or {D} (YYYY-MM-DD)", f"missing {d}/{D}",
            ))
        if d in loaded.columns:
            rules.append(Rule(
                d, f"{rd} IS NOT NULL AND {pd} IS NULL",
                f"{{r_{d}!r}} is not a whole number of days from day 0",
                "a whole number such as -7, 0 or 14", f"{d} does not parse", f"r_{d}",
            ))
        if D in loaded.columns:
            rules.append(Rule(
                D, f"{rD} IS NOT NULL AND {pD} IS NULL",
                f"{{r_{D}!r}} is not a date",
                _EXPECTED_BY_KIND["date"], f"{D} does not parse", f"r_{D}",
            ))
            rules.append(_implausible_year(D))
            rules.append(_in_the_future(D))
            day0_owner = "this row's day0_date" if table.name == "treatments" else "a day0_date in treatments"
            rules.append(Rule(
                D, f"{pD} IS NOT NULL AND {pd} IS NULL AND _known AND _day0 IS NULL",
                "a date is given but patient {r_patient_id!r} has no day0_date, so it cannot be converted to days",
                f"{day0_owner} for this patient, or days ({d}) instead of dates",
                NO_DAY0, f"r_{D}",
            ))
        if d in loaded.columns and D in loaded.columns:
            rules.append(Rule(
                d, f"{pd} IS NOT NULL AND {pD} IS NOT NULL AND _day0 IS NOT NULL AND {pd} <> date_diff('day', _day0, {pD})",
                lambda row, d=d, D=D: (
                    f"{d} {row['p_' + d]} and {D} {row['p_' + D]} disagree: with day0_date "
                    f"{row['_day0']} that date is day {(row['p_' + D] - row['_day0']).days}"
                ),
                f"{d} and {D} describing the same day", f"{d} and {D} disagree", f"r_{d}",
            ))
        given = _given_column(d, D)
        if d in loaded.columns:
            rules.append(Rule(
                d, f"{rd} IS NOT NULL AND {rD} IS NULL AND {q(D)} > {plausibility.latest_date_sql()}",
                lambda row, d=d, D=D: (f"day {row[d]} is {row[D]}, in the future (day 0 is {row['_day0']}; "
                                       f"today is {plausibility.latest_plausible_date() - _ONE_DAY})"),
                "a day on or before today", f"{d} in the future", f"r_{d}",
            ))
        rules.append(Rule(
            given, f"_birth IS NOT NULL AND {q(D)} < _birth",
            f"{{{D}}} is before the patient's birth date {{_birth}}",
            "a time after birth", "before birth", lambda row, given=given: "r_" + given(row),
        ))
        if table.name not in ("followup", "treatments", "patients"):
            rules.append(Rule(
                given, f"_last_contact IS NOT NULL AND {q(d)} > _last_contact",
                "record after the patient's last contact", "", AFTER_LAST_CONTACT,
                lambda row, given=given: "r_" + given(row), "warning",
            ))
            after_death = Rule(
                given, f"_death IS NOT NULL AND {q(d)} > _death",
                lambda row, d=d: f"{table.name.rstrip('s').replace('_', ' ')} on day {row[d]} is after the patient's death on day {row['_death']}",
                "no events after death (check the date or followup)", "after death",
                lambda row, given=given: "r_" + given(row),
                severity="error" if table.name == "labs" else "warning",
            )
            rules.append(after_death)
    return rules


def _given_column(day: str, date: str) -> Callable[[dict], str]:
    """The time column this row filled in (the date if both)."""
    return lambda row: date if row.get("r_" + date) is not None or row.get("r_" + day) is None else day


_ONE_DAY = dt.timedelta(days=1)


def _in_the_future(name: str) -> Rule:
    """A date after today: an error (no measurement comes from the future; a typo in the year?)."""
    hi = PLAUSIBLE_YEARS[1]
    parsed = q("p_" + name)
    # Date comparisons, not year(): cheaper per row. After the last plausible
    # year the implausible-year rule speaks instead (one problem per cell).
    return Rule(
        name, f"{parsed} > {plausibility.latest_date_sql()} AND {parsed} <= DATE '{hi}-12-31'",
        lambda row: (f"{row['r_' + name]!r} is in the future (today is "
                     f"{plausibility.latest_plausible_date() - _ONE_DAY}): a typo in the year?"),
        "a date on or before today", f"{name} in the future", f"r_{name}",
    )


def _implausible_year(name: str) -> Rule:
    lo, hi = PLAUSIBLE_YEARS
    return Rule(
        name, f"year({q('p_' + name)}) NOT BETWEEN {lo} AND {hi}",
        f"{{r_{name}!r}} is not a plausible date (year outside {lo}-{hi})",
        _EXPECTED_BY_KIND["date"], f"{name} year implausible", f"r_{name}",
    )


def _unit_expected(row: dict) -> str:
    analyte = row.get("p_analyte")
    if analyte in COUNT_ANALYTES or analyte is None:
        return f"a cell-count unit: {COUNT_UNITS_TEXT}"
    return "one of " + ", ".join(_spelled_units(analyte))


def _spelled_units(analyte: str) -> list[str]:
    canonical, factors = OTHER_UNITS[analyte]
    return [canonical] + [s for s in factors if s != canonical.lower()]


def _missing_unit_message(row: dict) -> str:
    analyte = row.get("p_analyte")
    if analyte in COUNT_ANALYTES:
        return f"missing unit for the count {analyte}: a count without a unit is never guessed"
    return "missing unit"


def _unknown_unit_message(row: dict) -> str:
    analyte = row["p_analyte"]
    if analyte in COUNT_ANALYTES:
        return f"{row['r_unit']!r} is not a cell-count unit for analyte {analyte}"
    return f"{row['r_unit']!r} is not a unit for analyte {analyte}"


#: A lab value in its stored unit (counts in 10^9/L).
STORED_VALUE = "(p_value / _divisor)"


def lab_rules(loaded: LoadedFile) -> list[Rule]:
    counts, percents = in_list(COUNT_ANALYTES), in_list(PERCENT_ANALYTES)
    rules = [
        Rule("unit", "p_analyte IS NOT NULL AND r_unit IS NOT NULL AND _divisor IS NULL",
             _unknown_unit_message, _unit_expected, "unknown unit", "r_unit"),
        Rule("value", f"p_value < 0 AND p_analyte IN {counts}",
             "negative count {r_value}", "a count of 0 or more", "negative count", "r_value"),
        Rule("value", f"p_value < 0 AND p_analyte NOT IN {counts}",
             "negative value {r_value}", "0 or more", "negative value", "r_value"),
        Rule("value", f"p_value > 100 AND p_analyte IN {percents}",
             "impossible percentage {r_value} for {p_analyte}", "a percentage from 0 to 100",
             "percentage above 100", "r_value"),
        # Plausibility (graftline.cohort.plausibility): above what blood can
        # hold is an error, above the documented maximum a warning.
        # The limits of each row's analyte come with its unit (staging.unit_table_sql).
        Rule("value", f"{STORED_VALUE} > _error_above",
             plausibility.error_message, plausibility.expected_text, "value no human blood reaches", "r_value"),
        Rule("value", f"{STORED_VALUE} > _warning_above AND {STORED_VALUE} <= _error_above",
             plausibility.warning_message, plausibility.expected_text, "value above the documented maximum",
             "r_value", "warning"),
    ]
    if "qualifier" in loaded.columns:
        rules.append(Rule(
            "qualifier", "r_qualifier IS NOT NULL AND r_qualifier NOT IN ('<', '>')",
            "unknown qualifier {r_qualifier!r}", "'<' or '>' (or write it in the value, e.g. <0.1)",
            "unknown qualifier", "r_qualifier",
        ))
        rules.append(Rule(
            "qualifier", "r_qualifier IS NOT NULL AND _value_sign IS NOT NULL AND r_qualifier <> _value_sign",
            "qualifier {r_qualifier!r} contradicts the value {r_value!r}", "one qualifier",
            "qualifier contradicts value", "r_qualifier",
        ))
    return rules


def table_specific_rules(table: Table, loaded: LoadedFile) -> list[Rule]:
    cols = loaded.columns
    if table.name == "labs":
        return lab_rules(loaded)
    if table.name == "treatments":
        rules = [Rule(
            "day0_date", "_birth IS NOT NULL AND p_day0_date < _birth",
            "day0_date {p_day0_date} is before the patient's birth date {_birth}",
            "a day 0 after birth", "day 0 before birth", "r_day0_date",
        )]
        if "graft_source" in cols or "modality" in cols:
            rules.append(Rule(
                # Graft-failure cut-offs depend on the graft source; MST donor cells are never assessed for it.
                "graft_source", "p_modality IN ('allo_hsct', 'auto_hsct') AND p_graft_source IS NULL AND r_graft_source IS NULL",
                "graft_source is missing for a {p_modality} infusion: graft-failure day cut-offs depend on it",
                "bm, pbsc or cord", "missing graft_source", "r_graft_source", "warning",
            ))
        if "msc" in cols:
            rules.append(Rule(
                "msc", "p_msc = false AND (r_msc_source IS NOT NULL OR r_msc_dose_per_kg IS NOT NULL)",
                "msc is {r_msc!r} but an MSC source or dose is given", "msc = yes when MSCs were infused",
                "MSC details without msc", "r_msc", "warning",
            ))
        return rules
    if table.name == "followup":
        return [
            Rule("death_day" if "death_day" in cols else "death_date",
                 "p_vital_status = 'dead' AND r_death_day IS NULL AND r_death_date IS NULL",
                 "vital_status is dead but no death_day or death_date is given",
                 "the day or date of death", "death without a time", "r_vital_status"),
            Rule("vital_status", "p_vital_status = 'alive' AND (r_death_day IS NOT NULL OR r_death_date IS NOT NULL)",
                 "vital_status is alive but a death is recorded", "vital_status dead, or no death time",
                 "alive with a death time", "r_vital_status"),
            Rule("last_contact_day" if "last_contact_day" in cols else "last_contact",
                 "death_day IS NOT NULL AND last_contact_day IS NOT NULL AND last_contact_day < death_day",
                 "last contact on day {last_contact_day} is before death on day {death_day}",
                 "last contact on or after the day of death", "last contact before death",
                 None, "warning"),
        ]
    if table.name == "chimerism" and "donor_pct" in cols and "lod_pct" in cols:
        return [Rule(
            "donor_pct", "p_donor_pct IS NOT NULL AND p_lod_pct IS NOT NULL AND p_donor_pct < p_lod_pct",
            "donor_pct {r_donor_pct} is below the assay's limit of detection {r_lod_pct} %",
            "an empty donor_pct (not detected) for results below the limit of detection",
            "below limit of detection", "r_donor_pct", "warning",
        )]
    return []


def rules_for(table: Table, loaded: LoadedFile, patients_file: str | None) -> list[Rule]:
    """Every row-level rule for one loaded table."""
    return (
        column_rules(table, loaded)
        + patient_rules(table, loaded, patients_file)
        + time_rules(table, loaded)
        + table_specific_rules(table, loaded)
    )
