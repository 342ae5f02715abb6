"""How high a lab value and how late a date can plausibly be.

Two limits per analyte, in the unit the store keeps it in:

- above ``warning_above`` a value is possible but rare enough to check
  (hyperleukocytosis, extreme thrombocytosis): a **warning**, the value is
  stored and the warning kept with the store;
- above ``error_above`` the value is beyond any reported in a patient
  (white counts: well above the ~1,400 x10^9/L of the most extreme CLL case
  reports). Such a value is almost always a unit mix-up (a count per
  microlitre, or per litre, entered as 10^9/L: a factor of 1,000 or 10^9),
  and an endpoint computed from it would be wrong, so it is an **error**
  and nothing is ingested.

Dates after today are errors (a measurement cannot come from the future);
records after the patient's last contact are warnings (usually a follow-up
that was not updated), see :mod:`graftline.cohort.validation`.

The limits are one table (:data:`LIMITS`), documented with their sources
in ``docs/data-model.md``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    """Plausibility limits of one analyte, in its stored unit."""

    analyte: str
    unit: str
    warning_above: float
    error_above: float
    #: Why a value above ``warning_above`` is unusual (for the message).
    rare: str
    #: The unit mix-up a value above ``error_above`` usually is.
    mixup: str = "a count per microlitre or per litre entered as 10^9/L"


LIMITS: dict[str, Limit] = {limit.analyte: limit for limit in (
    # Hyperleukocytosis is a white count above 100 x10^9/L; it occurs in
    # leukaemia before treatment, never as a recovering graft. The highest
    # white counts reported (CLL case reports) are about 1,400 x10^9/L.
    Limit("anc", "10^9/L", 100, 2000, "hyperleukocytosis range"),
    Limit("wbc", "10^9/L", 100, 2000, "hyperleukocytosis range"),
    Limit("alc", "10^9/L", 100, 2000, "seen only in lymphoid leukaemia"),
    # CD4+ T cells are a part of the lymphocytes (normally 0.5-1.5 x10^9/L).
    Limit("cd4", "10^9/L", 10, 2000, "above any reactive CD4+ count"),
    # Extreme thrombocytosis starts at 1,000 x10^9/L (Buss 1994); above
    # 2,000 only in essential thrombocythaemia.
    Limit("plt", "10^9/L", 2000, 10000, "beyond extreme thrombocytosis"),
    # A haematocrit near its maximum holds about 25 g/dL; 35 and above is
    # a value in g/L (normal 120-160) entered as g/dL.
    Limit("hb", "g/dL", 25, 35, "above severe polycythaemia", "g/L entered as g/dL"),
    # Bilirubin: above 50 mg/dL only in extreme cholestasis or haemolysis;
    # 150 mg/dL (2,565 umol/L) is beyond any reported value.
    Limit("bilirubin", "mg/dL", 50, 150, "above extreme cholestasis", "umol/L entered as mg/dL"),
)}


def latest_plausible_date() -> dt.date:
    """Dates after this one are in the future (a day of slack for time zones)."""
    return dt.date.today() + dt.timedelta(days=1)


def latest_date_sql() -> str:
    """:func:`latest_plausible_date` as an SQL literal (fixed per run, so both ingest paths agree)."""
    return f"DATE '{latest_plausible_date().isoformat()}'"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 1000 else f"{value:g}"


def warning_message(row: dict) -> str:
    limit = LIMITS[row["p_analyte"]]
    return (f"{row['p_analyte']} {row['r_value']} {row['r_unit']} is above {_number(limit.warning_above)} "
            f"{limit.unit} ({limit.rare}): check the value and its unit")


def error_message(row: dict) -> str:
    limit = LIMITS[row["p_analyte"]]
    return (f"{row['p_analyte']} {row['r_value']} {row['r_unit']} is above {_number(limit.error_above)} "
            f"{limit.unit}, a value no human blood reaches: most likely a unit mix-up ({limit.mixup}?)")


def expected_text(row: dict) -> str:
    limit = LIMITS[row["p_analyte"]]
    return f"{row['p_analyte']} at most {_number(limit.error_above)} {limit.unit} (see docs/data-model.md, Plausibility)"


__all__ = ["LIMITS", "Limit", "latest_date_sql", "latest_plausible_date"]
