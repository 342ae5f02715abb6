"""The concept sets that map OMOP concepts onto graftline's canonical fields.

Each set is a CSV shipped in ``graftline/cohort/omop/concepts/`` (see the
README there): one row per concept with its name, vocabulary and code, the
canonical value it stands for, and whether its id was verified against a
named source, is a graftline site-local concept, or still has to be looked
up. A site edits the files or passes a folder of its own copies.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from graftline.cohort.schema import (
    ANALYTES,
    CHIMERISM_LINEAGES,
    CHIMERISM_METHODS,
    DEATH_CAUSES,
    DISEASE_STATUSES,
    DONOR_TYPES,
    GRAFT_SOURCES,
    GVHD_ASSESSMENTS,
    INFECTION_KINDS,
    TRANSFUSION_PRODUCTS,
)
from graftline.cohort.units import COUNT_FACTORS, OTHER_UNITS, normalise_unit_spelling
from graftline.errors import InputError

#: Treatment roles: the day-0 modalities, and MSC co-infusion.
TREATMENT_ROLES = ("allo_hsct", "auto_hsct", "mst", "chemo", "msc")
_KNOWN_UNITS = set(COUNT_FACTORS) | {u for _, factors in OTHER_UNITS.values() for u in factors} | {"kg", "lb"}

#: file -> (mapped column, allowed values or None for any text)
_FILES: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "measurements": ("analyte", ANALYTES),
    "units": ("unit", None),
    "operators": ("qualifier", ("<", ">", "")),
    "treatments": ("role", TREATMENT_ROLES),
    "transfusions": ("product", TRANSFUSION_PRODUCTS),
    "diagnoses": ("diagnosis", None),
    "disease_status": ("disease_status", DISEASE_STATUSES),
    "gvhd": ("field", tuple(c.name for c in GVHD_ASSESSMENTS.columns if c.name != "patient_id")),
    "chimerism": ("lineage", CHIMERISM_LINEAGES),
    "infections": ("kind", INFECTION_KINDS),
    "death_causes": ("cause", DEATH_CAUSES),
}
_EXTRA_CHECKS = {
    ("treatments", "graft_source"): GRAFT_SOURCES,
    ("treatments", "donor_type"): DONOR_TYPES,
    ("chimerism", "method"): CHIMERISM_METHODS,
}
STATUSES = ("verified", "local", "to-verify")


@dataclass(frozen=True)
class ConceptSets:
    """Every concept set, each a tuple of rows (dicts) that have a concept id.

    Rows still marked ``to-verify`` without an id are kept in
    :attr:`unresolved` so that the documentation and the report can list them.
    """

    measurements: tuple[dict, ...]
    units: tuple[dict, ...]
    operators: tuple[dict, ...]
    treatments: tuple[dict, ...]
    transfusions: tuple[dict, ...]
    diagnoses: tuple[dict, ...]
    disease_status: tuple[dict, ...]
    gvhd: tuple[dict, ...]
    chimerism: tuple[dict, ...]
    infections: tuple[dict, ...]
    death_causes: tuple[dict, ...] = ()
    unresolved: tuple[dict, ...] = ()

    def ids(self, name: str, **where: str) -> list[int]:
        """Concept ids of set ``name`` whose columns equal ``where``."""
        return [r["concept_id"] for r in getattr(self, name) if all(r.get(k) == v for k, v in where.items())]

    def mapping(self, name: str, column: str) -> dict[int, str]:
        """``{concept_id: value of column}`` for the rows of set ``name`` that give one."""
        return {r["concept_id"]: r[column] for r in getattr(self, name) if r.get(column)}

    def first(self, name: str, **where: str) -> int:
        """The first concept id of set ``name`` matching ``where`` (for the OMOP writer)."""
        ids = self.ids(name, **where)
        if not ids:
            raise InputError(f"concept set {name}.csv has no concept with {where}")
        return ids[0]


def load_concept_sets(directory: str | os.PathLike | None = None) -> ConceptSets:
    """Read the shipped concept sets, with a site's folder overriding files of the same name.

    Raises
    ------
    InputError
        A file lacks a column, a concept id is not a whole number, or a
        mapped value is not one graftline knows (file, row and column named).
    """
    shipped = resources.files("graftline.cohort.omop") / "concepts"
    override = Path(directory) if directory is not None else None
    if override is not None and not override.is_dir():
        raise InputError(f"--concepts {override}: no such folder")
    sets: dict[str, tuple[dict, ...]] = {}
    unresolved: list[dict] = []
    for name in _FILES:
        path = override / f"{name}.csv" if override is not None and (override / f"{name}.csv").exists() else None
        text = path.read_text(encoding="utf-8") if path else (shipped / f"{name}.csv").read_text(encoding="utf-8")
        rows, missing = _parse(name, str(path or f"{name}.csv (shipped)"), text)
        sets[name] = rows
        unresolved += missing
    return ConceptSets(**sets, unresolved=tuple(unresolved))


def _parse(name: str, label: str, text: str) -> tuple[tuple[dict, ...], list[dict]]:
    column, allowed = _FILES[name]
    reader = csv.DictReader(text.splitlines())
    needed = {"concept_id", "concept_name", column}
    absent = sorted(needed - set(reader.fieldnames or ()))
    if absent:
        raise InputError(f"{label}: missing column(s) {absent} (expected at least {sorted(needed)})")
    rows, unresolved = [], []
    for number, raw in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in raw.items() if k is not None}
        value = row[column]
        if allowed is not None and value not in allowed:
            raise InputError(f"{label} row {number}, column {column}: {value!r} is not one of {', '.join(a for a in allowed if a)}")
        if name == "units" and normalise_unit_spelling(value) not in _KNOWN_UNITS:
            raise InputError(f"{label} row {number}, column unit: {value!r} is not a unit graftline converts")
        for (file, extra), choices in _EXTRA_CHECKS.items():
            if file == name and row.get(extra) and row[extra] not in choices:
                raise InputError(f"{label} row {number}, column {extra}: {row[extra]!r} is not one of {', '.join(choices)}")
        if row.get("status") and row["status"] not in STATUSES:
            raise InputError(f"{label} row {number}, column status: {row['status']!r} is not one of {', '.join(STATUSES)}")
        if not row["concept_id"]:
            unresolved.append({"set": name, **row})
            continue
        try:
            row["concept_id"] = int(row["concept_id"])
        except ValueError:
            raise InputError(f"{label} row {number}, column concept_id: {row['concept_id']!r} is not a whole number") from None
        rows.append(row)
    return tuple(rows), unresolved
