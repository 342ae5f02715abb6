"""Chemotherapy regimens, G-CSF and treatment cycles.

A :class:`Regimen` is a list of drug administrations on cycle days
(day 1 = first drug day). A :class:`Cycle` is a regimen, optionally followed
by an MST cell infusion and G-CSF; a treatment plan is a tuple of cycles.
Day 0 of the cohort tables is the first cycle's cell infusion (for
chemotherapy alone: the day it would have been), ``infusion_delay`` days
after the start of the cycle's last drug day (Guo 2011: cells 36 h after
the end of chemotherapy, i.e. two days after its last day); later cycles
start ``interval_days`` after the previous one.

Named regimens (``--regimen NAME``; doses per m^2):

=============  ============================================================  =========================
name           drugs                                                         source
=============  ============================================================  =========================
``7+3``        cytarabine 100 mg/m^2/day continuous d1-7, daunorubicin       standard induction [S]
               60 mg/m^2 d1-3 (30 min)
``guo2011``    cytarabine 100 mg/m^2/day continuous d1-7, mitoxantrone       Guo 2011 induction of
               8 mg/m^2 d1-3 (30 min)                                        older patients [NC]
``hidac``      cytarabine 3 g/m^2 over 3 h every 12 h d1, 3, 5               CALGB consolidation [S]
``idac``       cytarabine 1.5 g/m^2 over 3 h every 12 h d1-3                 intermediate dose [S]
=============  ============================================================  =========================

A custom regimen is written like a protocol line, drugs joined by ``+``::

    cytarabine 100 mg/m2 ci d1-7 + daunorubicin 60 mg/m2 30min d1-3
    cytarabine 3 g/m2 3h q12h d1,3,5

(``ci`` = continuous over each listed day; duration ``Nh`` or ``Nmin``,
default 30 min; ``q12h``/``q8h`` repeat the dose within each day.) A line is
user input: anything it cannot mean is an :class:`~graftline.errors.InputError`
naming the line (a dose that is not a finite number of mg/m^2 up to
``MAX_DOSE_MG_M2``, days beyond cycle day ``MAX_CYCLE_DAY`` or a range that
runs backwards, a repeat that does not divide a day).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from graftline.errors import InputError
from graftline.simulate.pk import Administration, Drug, resolve_drug

#: No induction or consolidation regimen gives drugs after cycle day 28
#: (continuous schedules run d1-28); 60 leaves room and keeps a typing slip
#: such as d1-999999999 from expanding into a billion days.
MAX_CYCLE_DAY = 60
#: Above any single dose in a chemotherapy protocol (high-dose cytarabine
#: 3 g/m^2, cyclophosphamide up to about 7 g/m^2 a day): 100 g/m^2.
MAX_DOSE_MG_M2 = 100_000.0


@dataclass(frozen=True)
class DrugDose:
    """One drug of a regimen: dose per administration on the listed days."""

    drug: Drug
    dose_mg_m2: float
    days: tuple[int, ...]
    hours: float = 0.5
    per_day: int = 1

    def __post_init__(self) -> None:
        if not self.dose_mg_m2 > 0:
            raise InputError(f"{self.drug.name}: dose must be > 0 mg/m2, got {self.dose_mg_m2!r}")
        if not self.dose_mg_m2 <= MAX_DOSE_MG_M2:
            raise InputError(f"{self.drug.name}: dose {self.dose_mg_m2:g} mg/m2 is above {MAX_DOSE_MG_M2:g} mg/m2, "
                             "more than any protocol gives at once (a unit slip?)")
        if not self.days or min(self.days) < 1 or max(self.days) > MAX_CYCLE_DAY:
            raise InputError(f"{self.drug.name}: days are cycle days 1 to {MAX_CYCLE_DAY}, got {self.days!r}")
        if not self.hours > 0:
            raise InputError(f"{self.drug.name}: an infusion duration must be > 0 hours, got {self.hours!r}")
        if self.per_day < 1 or self.hours * self.per_day > 24 + 1e-9:
            raise InputError(f"{self.drug.name}: {self.per_day} x {self.hours} h does not fit in a day")

    def administrations(self, cycle_day1: float) -> list[Administration]:
        """Infusions in days relative to day 0, given when cycle day 1 starts."""
        gap = 1.0 / self.per_day
        return [
            Administration(self.drug, cycle_day1 + (day - 1) + j * gap, self.hours / 24.0, self.dose_mg_m2)
            for day in self.days for j in range(self.per_day)
        ]


@dataclass(frozen=True)
class Regimen:
    """A chemotherapy course: drugs on cycle days."""

    name: str
    drugs: tuple[DrugDose, ...]

    @property
    def last_day(self) -> int:
        """Last cycle day with a drug."""
        return max(max(d.days) for d in self.drugs)

    def describe(self) -> str:
        parts = []
        for d in self.drugs:
            days = ",".join(str(x) for x in d.days)
            every = f" q{24 // d.per_day}h" if d.per_day > 1 else ""
            duration = "ci" if d.hours >= 24 else (f"{d.hours:g}h" if d.hours >= 1 else f"{d.hours * 60:g}min")
            parts.append(f"{d.drug.name} {d.dose_mg_m2:g} mg/m2 {duration}{every} d{days}")
        return " + ".join(parts)


def _days(text: str, line: str) -> tuple[int, ...]:
    """Cycle days from ``1-7`` or ``1,3,5`` (ranges checked before they are expanded)."""
    days: list[int] = []
    for part in text.split(","):
        first, dash, last = part.partition("-")
        if not first.isdigit() or (dash and not last.isdigit()):
            raise InputError(f"regimen {line!r}: cannot read days 'd{text}'; expected e.g. d1-7 or d1,3,5")
        start, end = int(first), int(last) if dash else int(first)
        if end < start:
            raise InputError(f"regimen {line!r}: d{part} runs backwards; write the first day first, e.g. d1-7")
        if end > MAX_CYCLE_DAY:
            raise InputError(f"regimen {line!r}: day {end} is beyond cycle day {MAX_CYCLE_DAY}; cycle days count "
                             "from the first drug day of one cycle (later cycles: --cycles, --interval-days)")
        days.extend(range(start, end + 1))
    return tuple(sorted(set(days)))


def _number(text: str, line: str, what: str, shown: str | None = None) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InputError(f"regimen {line!r}: {shown or repr(text)} is not a {what}") from None
    if not math.isfinite(value):
        raise InputError(f"regimen {line!r}: the dose {text!r} is not a finite number of mg/m2")
    return value


_DRUG_PATTERN = re.compile(
    r"^\s*(?P<drug>[a-z][a-z\-]*)\s+(?P<dose>[0-9.]+(?:e[0-9]+)?)\s*(?P<unit>mg/m2|g/m2|mg/m\^2|g/m\^2)"
    r"(?:\s+(?P<duration>ci|[0-9.]+h|[0-9.]+min))?(?:\s+q(?P<every>[0-9]+)h)?\s+d(?P<days>[0-9,\-]+)\s*$"
)


def parse_regimen(text: str, *, name: str | None = None) -> Regimen:
    """A regimen from a protocol line (see the module docstring).

    Examples
    --------
    >>> parse_regimen("cytarabine 3 g/m2 3h q12h d1,3,5").describe()
    'cytarabine 3000 mg/m2 3h q12h d1,3,5'
    """
    drugs = []
    for part in text.lower().split("+"):
        match = _DRUG_PATTERN.match(part)
        if match is None:
            raise InputError(
                f"regimen {text!r}: cannot read {part.strip()!r}; expected e.g. "
                "'cytarabine 100 mg/m2 ci d1-7' or 'daunorubicin 60 mg/m2 30min d1-3'"
            )
        dose = _number(match["dose"], text, "number") * (1000.0 if match["unit"].startswith("g") else 1.0)
        duration = match["duration"]
        every = int(match["every"]) if match["every"] else 24
        if not 1 <= every <= 24 or 24 % every:
            raise InputError(f"regimen {text!r}: q{every}h does not divide a day; expected q24h, q12h, q8h, q6h ...")
        per_day = 24 // every
        if duration == "ci":
            hours = 24.0 / per_day
        elif duration is None:
            hours = 0.5
        elif duration.endswith("min"):
            hours = _number(duration[:-3], text, "duration", repr(duration)) / 60
        else:
            hours = _number(duration[:-1], text, "duration", repr(duration))
        if not hours > 0:
            raise InputError(f"regimen {text!r}: an infusion duration must be longer than 0 ({duration}); "
                             "for a push, write e.g. 5min")
        try:
            drugs.append(DrugDose(resolve_drug(match["drug"]), dose, _days(match["days"], text), hours, per_day))
        except InputError as error:
            message = str(error)
            raise InputError(message if message.startswith("regimen ") else f"regimen {text!r}: {message}") from None
    return Regimen(name or text.strip(), tuple(drugs))


REGIMENS: dict[str, Regimen] = {
    "7+3": parse_regimen("cytarabine 100 mg/m2 ci d1-7 + daunorubicin 60 mg/m2 30min d1-3", name="7+3"),
    "guo2011": parse_regimen("cytarabine 100 mg/m2 ci d1-7 + mitoxantrone 8 mg/m2 30min d1-3", name="guo2011"),
    "hidac": parse_regimen("cytarabine 3 g/m2 3h q12h d1,3,5", name="hidac"),
    "idac": parse_regimen("cytarabine 1.5 g/m2 3h q12h d1-3", name="idac"),
}


def resolve_regimen(regimen: str | Regimen) -> Regimen:
    """A named regimen, a protocol line, or a :class:`Regimen` itself."""
    if isinstance(regimen, Regimen):
        return regimen
    key = regimen.strip().lower()
    if key in REGIMENS:
        return REGIMENS[key]
    if " " not in key:
        raise InputError(f"unknown regimen {regimen!r}; named regimens: {', '.join(REGIMENS)} "
                         "(or write one, e.g. 'cytarabine 100 mg/m2 ci d1-7 + daunorubicin 60 mg/m2 d1-3')")
    return parse_regimen(regimen)


@dataclass(frozen=True)
class GcsfPolicy:
    """G-CSF (filgrastim 5 ug/kg/day) after chemotherapy.

    Given daily from ``start_day`` after the cycle's cell infusion day (or the
    day it would be) until the measured ANC has been >= ``stop_anc`` on
    ``stop_after`` successive lab days (a common protocol rule [S]).
    """

    start_day: int = 1
    stop_anc: float = 1.0
    stop_after: int = 2


@dataclass(frozen=True)
class Cycle:
    """One treatment cycle: chemotherapy, then optionally cells and G-CSF."""

    regimen: Regimen
    infusion: bool = False
    gcsf: GcsfPolicy | None = None
    infusion_delay: int = 2


@dataclass(frozen=True)
class TreatmentPlan:
    """Cycles of chemotherapy (+ MST) given to every patient of an arm.

    ``interval_days``: days from one cycle's cell-infusion day to the next
    cycle's (fixed; no delay for slow recovery, see docs).
    """

    cycles: tuple[Cycle, ...]
    interval_days: int = 35
    extra: dict = field(default_factory=dict, compare=False)

    def infusion_days(self) -> tuple[int, ...]:
        """The cell-infusion day (or the would-be day) of each cycle, day 0 first."""
        return tuple(k * self.interval_days for k in range(len(self.cycles)))

    def administrations(self) -> list[Administration]:
        """Every drug infusion of the plan, in days relative to day 0."""
        out: list[Administration] = []
        for cycle, day in zip(self.cycles, self.infusion_days(), strict=True):
            day1 = day - cycle.infusion_delay - (cycle.regimen.last_day - 1)
            for drug in cycle.regimen.drugs:
                out.extend(drug.administrations(float(day1)))
        return out

    def first_day(self) -> int:
        """Day (relative to day 0) on which the first drug is given."""
        return int(min(a.start for a in self.administrations()) // 1)
