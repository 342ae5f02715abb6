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
default 30 min; ``q12h``/``q8h`` repeat the dose within each day.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graftline.errors import InputError
from graftline.simulate.pk import Administration, Drug, resolve_drug


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
        if not self.days or min(self.days) < 1:
            raise InputError(f"{self.drug.name}: days are cycle days 1, 2, ..., got {self.days!r}")
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


def _days(text: str) -> tuple[int, ...]:
    days: list[int] = []
    for part in text.split(","):
        if "-" in part:
            first, last = part.split("-", 1)
            days.extend(range(int(first), int(last) + 1))
        else:
            days.append(int(part))
    return tuple(sorted(set(days)))


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
        dose = float(match["dose"]) * (1000.0 if match["unit"].startswith("g") else 1.0)
        duration = match["duration"]
        per_day = 24 // int(match["every"]) if match["every"] else 1
        if duration == "ci":
            hours = 24.0 / per_day
        elif duration is None:
            hours = 0.5
        elif duration.endswith("min"):
            hours = float(duration[:-3]) / 60
        else:
            hours = float(duration[:-1])
        drugs.append(DrugDose(resolve_drug(match["drug"]), dose, _days(match["days"]), hours, per_day))
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
