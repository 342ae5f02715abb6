"""Canonical cohort tables written as an OMOP CDM v5.4 (for tests, benchmarks, demonstrations).

:func:`cohort_to_omop` turns a cohort (e.g. ``graftline.simulate.simulate_cohort``)
into the CDM tables PERSON, OBSERVATION_PERIOD, PROCEDURE_OCCURRENCE,
MEASUREMENT, OBSERVATION, CONDITION_OCCURRENCE and DEATH, coded with the
concept sets, so that :func:`graftline.cohort.omop.omop_tables` reads back
the same patients. Only the CDM columns the views read (and the CDM's
required ones) are written. What OMOP cannot carry is listed in
:data:`graftline.cohort.omop.NOT_MAPPED` (adverse events, the study arm, ...).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from graftline.cohort.omop.concepts import ConceptSets, load_concept_sets
from graftline.cohort.omop.views import BODY_WEIGHT, GENDER
from graftline.cohort.units import canonical_unit
from graftline.errors import InputError

#: Unit concepts used for the canonical units (units.csv, DQD-verified).
CANONICAL_UNIT_CONCEPTS = {"10^9/L": 9444, "%": 8554, "g/dL": 8713, "mg/dL": 8840}
#: Type concepts: "EHR" (32817) for every row (CDM v5.4 Type Concept domain).
EHR = 32817
_OPERATORS = {"<": 4171756, ">": 4172704}


def cohort_to_omop(tables: dict[str, pd.DataFrame], *, concepts: ConceptSets | None = None) -> tuple[dict[str, pd.DataFrame], dict[str, int]]:
    """OMOP CDM frames for a cohort given as canonical tables with days and ``treatments.day0_date``.

    Returns
    -------
    (frames, person_ids)
        ``frames``: ``{cdm table: DataFrame}``; ``person_ids``: graftline
        ``patient_id`` -> OMOP ``person_id`` (the views return
        ``str(person_id)`` as the patient id).
    """
    c = concepts or load_concept_sets()
    treatments = tables["treatments"]
    if treatments["day0_date"].isna().any():
        raise InputError("every treatment needs a day0_date to be written as OMOP dates")
    ids = {pid: i + 1 for i, pid in enumerate(sorted(treatments["patient_id"]))}
    day0 = dict(zip(treatments["patient_id"], pd.to_datetime(treatments["day0_date"]).dt.date, strict=True))
    writer = _Writer(ids, day0)

    person = tables["patients"].copy()
    person = person[person.patient_id.isin(ids)]
    gender = {v: k for k, v in GENDER.items()}
    birth = [
        _birth(row, day0[row.patient_id]) for row in person.itertuples()
    ]
    frames: dict[str, pd.DataFrame] = {}
    frames["person"] = pd.DataFrame({
        "person_id": person.patient_id.map(ids).astype("int64"),
        "gender_concept_id": person.get("sex", pd.Series(index=person.index, dtype=object)).map(gender).fillna(0).astype("int64"),
        "year_of_birth": [b.year for b in birth],
        "month_of_birth": [b.month for b in birth],
        "day_of_birth": [b.day for b in birth],
        "birth_datetime": pd.to_datetime(birth),
        "race_concept_id": 0, "ethnicity_concept_id": 0,
        "person_source_value": None,
    })

    procedures = writer.rows()
    for row in treatments.itertuples():
        modality = row.modality
        source = getattr(row, "graft_source", None)
        source = None if pd.isna(source) else source
        concept = _treatment_concept(c, modality, source)
        procedures.add(row.patient_id, 0, concept)
        if getattr(row, "msc", False) is True:
            procedures.add(row.patient_id, 0, c.first("treatments", role="msc"))
        second = getattr(row, "second_infusion_day", None)
        if second is not None and not pd.isna(second):
            procedures.add(row.patient_id, int(second), concept)
    for row in tables.get("transfusions", _none()).itertuples():
        procedures.add(row.patient_id, int(row.day), c.first("transfusions", product=row.product), quantity=getattr(row, "units", None))
    frames["procedure_occurrence"] = procedures.frame("procedure_occurrence_id", "procedure_concept_id", "procedure_date",
                                                      "procedure_type_concept_id", quantity="quantity")

    measurements = writer.rows()
    analyte_concept = {}
    for analyte in tables.get("labs", _none()).get("analyte", pd.Series(dtype=object)).unique():
        analyte_concept[analyte] = c.first("measurements", analyte=analyte)
    labs = tables.get("labs", _none())
    for row in labs.itertuples():
        qualifier = getattr(row, "qualifier", None)
        measurements.add(
            row.patient_id, int(row.day), analyte_concept[row.analyte], value=float(row.value),
            unit=CANONICAL_UNIT_CONCEPTS[canonical_unit(row.analyte)],
            operator=_OPERATORS.get(qualifier) if isinstance(qualifier, str) else None,
        )
    for row in tables.get("chimerism", _none()).itertuples():
        measurements.add(row.patient_id, int(row.day), _chimerism_concept(c, row), value=_number(row.donor_pct), unit=8554)
    for row in person.itertuples():
        weight = getattr(row, "weight_kg", None)
        if weight is not None and not pd.isna(weight):
            measurements.add(row.patient_id, 0, BODY_WEIGHT, value=float(weight), unit=9529)
    frames["measurement"] = measurements.frame("measurement_id", "measurement_concept_id", "measurement_date",
                                               "measurement_type_concept_id", value="value_as_number",
                                               unit="unit_concept_id", operator="operator_concept_id")

    observations = writer.rows()
    fields = {}
    for concept, field in c.mapping("gvhd", "field").items():
        fields.setdefault(field, concept)
    gvhd = tables.get("gvhd_assessments", _none())
    for row in gvhd.itertuples():
        for field, concept in fields.items():
            value = getattr(row, field, None)
            if value is None or pd.isna(value):
                continue
            observations.add(row.patient_id, int(row.day), concept, value=float(value))
    for row in tables.get("disease_assessments", _none()).itertuples():
        observations.add(row.patient_id, int(row.day), c.first("disease_status", disease_status=row.status, domain_id="Observation"))
    frames["observation"] = observations.frame("observation_id", "observation_concept_id", "observation_date",
                                               "observation_type_concept_id", value="value_as_number")

    conditions = writer.rows()
    diagnoses = {v: k for k, v in c.mapping("diagnoses", "diagnosis").items()}
    for row in person.itertuples():
        diagnosis = getattr(row, "diagnosis", None)
        if isinstance(diagnosis, str) and diagnosis in diagnoses:
            conditions.add(row.patient_id, -30, diagnoses[diagnosis])
    for row in tables.get("infections", _none()).itertuples():
        conditions.add(row.patient_id, int(row.day), c.first("infections", kind=row.kind))
    frames["condition_occurrence"] = conditions.frame("condition_occurrence_id", "condition_concept_id",
                                                      "condition_start_date", "condition_type_concept_id")

    followup = tables.get("followup", _none())
    periods, deaths = [], []
    causes = {cause: concept for concept, cause in c.mapping("death_causes", "cause").items()}
    for row in followup.itertuples():
        pid = row.patient_id
        start = day0[pid] - dt.timedelta(days=365)
        end = day0[pid] + dt.timedelta(days=int(row.last_contact_day))
        periods.append((ids[pid], min(start, end), end))
        if row.vital_status == "dead" and not pd.isna(row.death_day):
            cause = getattr(row, "cause", None)
            cause_id = causes.get(cause) if isinstance(cause, str) else None
            deaths.append((ids[pid], day0[pid] + dt.timedelta(days=int(row.death_day)), cause_id))
    frames["observation_period"] = pd.DataFrame({
        "observation_period_id": np.arange(1, len(periods) + 1, dtype="int64"),
        "person_id": pd.array([p[0] for p in periods], dtype="int64"),
        "observation_period_start_date": [p[1] for p in periods],
        "observation_period_end_date": [p[2] for p in periods],
        "period_type_concept_id": EHR,
    })
    frames["death"] = pd.DataFrame({
        "person_id": pd.array([d[0] for d in deaths], dtype="int64"),
        "death_date": [d[1] for d in deaths],
        "death_type_concept_id": EHR,
        "cause_concept_id": pd.array([d[2] for d in deaths], dtype="Int64"),
    })
    return frames, ids


def write_omop(con, frames: dict[str, pd.DataFrame], *, database: str | None = None) -> None:
    """Create the CDM tables of ``frames`` on an Ibis connection (replacing them)."""
    import ibis

    for name, frame in frames.items():
        kwargs = {"database": database} if database else {}
        con.create_table(name, ibis.memtable(frame, schema=cdm_schema(frame)), overwrite=True, **kwargs)


def cdm_schema(frame: pd.DataFrame):
    """The CDM v5.4 types of the written columns (ids BIGINT, dates DATE, numbers DOUBLE)."""
    import ibis

    types = {}
    for column in frame.columns:
        if column.endswith("_datetime"):
            types[column] = "timestamp"
        elif column.endswith("_date"):
            types[column] = "date"
        elif column in ("value_as_number", "quantity"):
            types[column] = "float64"
        elif column.endswith("_source_value"):
            types[column] = "string"
        elif column in ("year_of_birth", "month_of_birth", "day_of_birth"):
            types[column] = "int32"
        else:
            types[column] = "int64"
    return ibis.schema(types)


class _Writer:
    def __init__(self, ids: dict[str, int], day0: dict[str, dt.date]):
        self.ids, self.day0 = ids, day0

    def rows(self) -> _Rows:
        return _Rows(self)


class _Rows:
    def __init__(self, writer: _Writer):
        self.writer = writer
        self.data: dict[str, list] = {"person": [], "date": [], "concept": [], "value": [], "unit": [], "operator": [], "quantity": []}

    def add(self, patient_id, day: int, concept: int, *, value=None, unit=None, operator=None, quantity=None) -> None:
        w = self.writer
        self.data["person"].append(w.ids[patient_id])
        self.data["date"].append(w.day0[patient_id] + dt.timedelta(days=day))
        self.data["concept"].append(concept)
        self.data["value"].append(value)
        self.data["unit"].append(unit)
        self.data["operator"].append(operator)
        self.data["quantity"].append(None if quantity is None or pd.isna(quantity) else float(quantity))

    def frame(self, id_column: str, concept_column: str, date_column: str, type_column: str, **optional: str) -> pd.DataFrame:
        n = len(self.data["person"])
        frame = pd.DataFrame({
            id_column: np.arange(1, n + 1, dtype="int64"),
            "person_id": pd.array(self.data["person"], dtype="int64"),
            concept_column: pd.array(self.data["concept"], dtype="int64"),
            date_column: self.data["date"],
            type_column: pd.array([EHR] * n, dtype="int64"),
        })
        for key, column in optional.items():
            values = self.data[key]
            if key == "value" or key == "quantity":
                frame[column] = pd.array([np.nan if v is None else v for v in values], dtype="float64")
            else:
                frame[column] = pd.array(values, dtype="Int64")
        return frame


def _none() -> pd.DataFrame:
    return pd.DataFrame({"patient_id": pd.Series(dtype=object)})


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _birth(row, day0: dt.date) -> dt.date:
    birth = getattr(row, "birth_date", None)
    if birth is not None and not pd.isna(birth):
        return pd.Timestamp(birth).date()
    age = getattr(row, "age", None)
    if age is None or pd.isna(age):
        raise InputError(f"patient {row.patient_id}: PERSON needs a year of birth (no birth_date or age)")
    return day0 - dt.timedelta(days=round(float(age) * 365.25))


def _treatment_concept(c: ConceptSets, modality: str, graft_source: str | None) -> int:
    rows = [r for r in c.treatments if r["role"] == modality]
    for r in rows:
        if graft_source and r.get("graft_source") == graft_source:
            return r["concept_id"]
    for r in rows:
        if not r.get("graft_source") or modality in ("mst", "chemo"):
            return r["concept_id"]
    raise InputError(f"treatments.csv has no concept for modality {modality} with graft source {graft_source}")


def _chimerism_concept(c: ConceptSets, row) -> int:
    for r in c.chimerism:
        if r["lineage"] == row.lineage and r.get("method") == row.method and float(r.get("lod_pct") or "nan") == _number(row.lod_pct):
            return r["concept_id"]
    raise InputError(f"chimerism.csv has no concept for lineage {row.lineage}, method {row.method}, LOD {row.lod_pct}")
