"""OMOP CDM v5.4 tables as graftline's canonical cohort tables: lazy Ibis views.

Nothing is copied: each canonical table is an Ibis expression over the CDM
tables of one connection (DuckDB, PostgreSQL, Spark), so the endpoint engine
runs where the CDM lives. The mapping, table by table (concept sets in
``concepts/``, see :mod:`graftline.cohort.omop.concepts`):

- ``treatments``: the first PROCEDURE_OCCURRENCE or DRUG_EXPOSURE of a
  day-0 concept (allo-HSCT, auto-HSCT, MST, chemotherapy) is day 0; its
  concept gives the modality (MST > allo-HSCT > auto-HSCT > chemotherapy on
  the same day), graft source and donor type; a later HSCT/MST infusion is
  the second infusion; an MSC infusion within ``msc_window_days`` of day 0
  sets ``msc``. The arm is the modality (OMOP has no study arm).
- ``patients``: the PERSON of each treated patient (``patient_id`` is the
  ``person_id``; gender 8507/8532; birth date from ``birth_datetime`` or
  year/month/day); diagnosis from CONDITION_OCCURRENCE; weight from the last
  MEASUREMENT of body weight on or before day 0.
- ``labs``: MEASUREMENT rows of the lab concepts with a number; the value is
  converted with ``unit_concept_id`` to the canonical unit (factors from
  :mod:`graftline.cohort.units`); ``operator_concept_id`` < / <= gives the
  qualifier ``<``, > / >= gives ``>``. Rows whose unit cannot be converted
  are left out here and reported by :func:`omop_problems`.
- ``transfusions``: PROCEDURE_OCCURRENCE or DEVICE_EXPOSURE of the
  transfusion concepts.
- ``gvhd_assessments``: OBSERVATION rows of the GVHD concepts, one
  assessment per patient and date (value_as_number: % BSA, mg/dL, stages,
  scores; 1/0 for yes/no).
- ``chimerism``: MEASUREMENT rows of the chimerism concepts (lineage, assay
  and limit of detection from the concept; an empty value is "not detected").
- ``disease_assessments``: OBSERVATION, CONDITION_OCCURRENCE and (Oncology
  extension) EPISODE rows of the disease status concepts.
- ``infections``: CONDITION_OCCURRENCE of the infection concepts.
- ``followup``: DEATH (death date) and the last OBSERVATION_PERIOD end (last
  contact).
- ``adverse_events``: not mapped (empty): OMOP has no CTCAE grade or
  attribution field; see :data:`NOT_MAPPED`.

Days are ``date - day0_date``; the dates are kept beside them.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from graftline.cohort.omop.concepts import ConceptSets, load_concept_sets
from graftline.cohort.schema import GVHD_ASSESSMENTS, TABLES
from graftline.cohort.store import ibis_schema
from graftline.cohort.units import canonical_unit, conversion_factor
from graftline.errors import InputError

#: OMOP PERSON.gender_concept_id (OMOP CDM documentation, Gender domain).
GENDER = {8507: "male", 8532: "female"}
#: Body weight (LOINC 29463-7 family; DQD: 3025315 "Body weight") and its units.
BODY_WEIGHT = 3025315
_POUND_KG = 0.45359237
#: Same-day modality precedence when several day-0 concepts are recorded.
MODALITY_PRECEDENCE = ("mst", "allo_hsct", "auto_hsct", "chemo")
MSC_WINDOW_DAYS = 7

#: What an OMOP CDM cannot give graftline with standard vocabularies (also in docs/omop.md).
NOT_MAPPED: tuple[tuple[str, str], ...] = (
    ("gvhd_assessments (MAGIC organ stages, NIH organ scores)",
     "no standard OMOP concepts for MAGIC stages or NIH chronic GVHD organ scores; read only from "
     "site-local OBSERVATION concepts (gvhd.csv). A CONDITION_OCCURRENCE of acute/chronic GVHD has no grade "
     "and is not used."),
    ("treatments.arm", "OMOP has no study arm; the arm is the modality."),
    ("treatments.hla_match, cd34_per_kg, msc_source, msc_dose_per_kg, conditioning",
     "no agreed OMOP representation; left empty."),
    ("treatments modality mst, msc, chemo day 0",
     "no standard concept tells MST from an allogeneic infusion, or marks an MSC infusion or the day 0 of "
     "chemotherapy alone; site-local concepts (treatments.csv)."),
    ("patients.disease_risk", "no standard concept for DRI/ELN risk at day 0; left empty."),
    ("chimerism", "no standard LOINC concept for donor chimerism by lineage verified; site-local concepts "
     "(chimerism.csv)."),
    ("disease_assessments (response: cr, cri, pr, sd, nr)",
     "ELN response categories have no standard concept verified here; site-local OBSERVATION concepts; the "
     "Oncology extension's EPISODE concepts are listed as to-verify."),
    ("infections.organism, site, severity", "not mapped; the kind comes from the concept (infections.csv)."),
    ("adverse_events", "OMOP has no CTCAE grade or attribution; the table is empty."),
    ("followup.cause", "DEATH.cause_concept_id is read through death_causes.csv (site-local concepts for the CIBMTR "
     "categories; map your ICD-10/SNOMED causes to them or replace the file); other concepts leave it empty."),
)


def omop_tables(
    con: ibis.BaseBackend,
    *,
    concepts: ConceptSets | None = None,
    database: str | None = None,
    msc_window_days: int = MSC_WINDOW_DAYS,
) -> dict[str, ir.Table]:
    """The ten canonical tables as Ibis expressions over an OMOP CDM v5.4.

    Parameters
    ----------
    con
        A connection whose catalog holds the CDM tables (lower-case names:
        person, measurement, procedure_occurrence, ...).
    concepts
        The concept sets; default the shipped ones (:func:`load_concept_sets`).
    database
        Schema (PostgreSQL) or database (Spark) of the CDM tables, if not the
        connection's current one.
    msc_window_days
        An MSC infusion this many days or fewer from day 0 counts as co-infusion.

    Returns
    -------
    dict
        ``{table name: expression}`` with the stored columns and types of
        :mod:`graftline.cohort.schema`; pass to
        ``graftline.endpoints.CohortTables(**tables)``.

    Raises
    ------
    InputError
        If a required CDM table (person, procedure_occurrence, measurement,
        observation_period) is missing.
    """
    cdm = _Cdm(con, database)
    c = concepts or load_concept_sets()
    treatments = _treatments(cdm, c, msc_window_days)
    day0 = treatments.select("patient_id", "day0_date")
    tables = {
        "patients": _patients(cdm, c, day0),
        "treatments": treatments,
        "labs": _labs(cdm, c, day0),
        "transfusions": _transfusions(cdm, c, day0),
        "gvhd_assessments": _gvhd(cdm, c, day0),
        "chimerism": _chimerism(cdm, c, day0),
        "disease_assessments": _disease(cdm, c, day0),
        "infections": _infections(cdm, c, day0),
        "adverse_events": _empty(cdm, "adverse_events"),
        "followup": _followup(cdm, c, day0),
    }
    return {name: _conform(name, expr) for name, expr in tables.items()}


class _Cdm:
    """The CDM tables of one connection; optional tables may be absent."""

    REQUIRED = ("person", "procedure_occurrence", "measurement", "observation_period")

    def __init__(self, con: ibis.BaseBackend, database: str | None):
        self.con, self.database = con, database
        kwargs = {"database": database} if database else {}
        self.present = {name.lower() for name in con.list_tables(**kwargs)}
        missing = [name for name in self.REQUIRED if name not in self.present]
        if missing:
            where = f" in {database}" if database else ""
            raise InputError(f"no OMOP CDM{where}: table(s) {', '.join(missing)} not found (expected CDM v5.4 tables in lower case)")

    def has(self, name: str) -> bool:
        return name in self.present

    def table(self, name: str) -> ir.Table:
        return self.con.table(name, database=self.database) if self.database else self.con.table(name)


# --- helpers ---------------------------------------------------------------

def _pid(column: ir.Value) -> ir.StringValue:
    return column.cast("string")


def _case(column: ir.Value, mapping: dict, type_: str) -> ir.Value:
    """``column`` looked up in a small Python mapping (NULL when absent), as a CASE expression.

    A CASE keeps the view free of temporary tables, which read-only CDM
    accounts may not be allowed to create.
    """
    if not mapping:
        return ibis.null(type_)
    return ibis.cases(*((column == key, ibis.literal(value, type_)) for key, value in mapping.items()), else_=ibis.null(type_))


def _with_day(events: ir.Table, day0: ir.Table, date: str = "date") -> ir.Table:
    """Join events (patient_id, date, ...) to day 0; add ``day`` (inner join: treated patients only)."""
    joined = events.inner_join(day0, "patient_id")
    return joined.mutate(day=joined[date].delta(joined.day0_date, unit="day").cast("int32")).drop("day0_date")


def _conform(name: str, expr: ir.Table) -> ir.Table:
    """Every stored column of the canonical table, in order, with the stored types."""
    schema = ibis_schema(TABLES[name])
    columns = {}
    for column, dtype in schema.items():
        if column in expr.columns:
            value = expr[column]
            columns[column] = value if column == "source_row" else value.cast(dtype)
        else:
            columns[column] = ibis.null(dtype)
    return expr.select(**columns)


def _empty(cdm: _Cdm, name: str) -> ir.Table:
    person = cdm.table("person")
    return person.filter(ibis.literal(False)).select(patient_id=_pid(person.person_id))


def _events(cdm: _Cdm, sources: list[tuple[str, str, str, str | None]], ids: list[int]) -> ir.Table | None:
    """Union of (patient_id, date, concept_id, quantity) from (table, concept column, date column, quantity column)."""
    parts = []
    for table, concept, date, quantity in sources:
        if not cdm.has(table) or not ids:
            continue
        t = cdm.table(table)
        t = t.filter(t[concept].isin(ids))
        parts.append(t.select(
            patient_id=_pid(t.person_id), date=t[date].cast("date"), concept_id=t[concept].cast("int64"),
            quantity=(t[quantity] if quantity else ibis.null("float64")).cast("float64"),
        ))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else ibis.union(*parts, distinct=False)


# --- the tables ---------------------------------------------------------------

def _treatments(cdm: _Cdm, c: ConceptSets, msc_window_days: int) -> ir.Table:
    sources = [
        ("procedure_occurrence", "procedure_concept_id", "procedure_date", None),
        ("drug_exposure", "drug_concept_id", "drug_exposure_start_date", None),
    ]
    infusion_ids = [r["concept_id"] for r in c.treatments if r["role"] in MODALITY_PRECEDENCE]
    events = _events(cdm, sources, infusion_ids)
    if events is None:
        raise InputError("treatments.csv lists no day-0 concepts (allo_hsct, auto_hsct, mst, chemo)")
    role = _case(events.concept_id, c.mapping("treatments", "role"), "string")
    rank = _case(role, {r: i for i, r in enumerate(MODALITY_PRECEDENCE)}, "int32")
    events = events.mutate(
        role=role, rank=rank,
        graft_source=_case(events.concept_id, c.mapping("treatments", "graft_source"), "string"),
        donor_type=_case(events.concept_id, c.mapping("treatments", "donor_type"), "string"),
    )
    first = events.group_by("patient_id").aggregate(day0_date=events.date.min())
    on_day0 = events.inner_join(first, "patient_id").filter(lambda t: t.date == t.day0_date)
    chosen = on_day0.group_by("patient_id").aggregate(
        day0_date=on_day0.day0_date.min(),
        rank=on_day0.rank.min(),
        graft_source=on_day0.graft_source.max(),
        donor_type=on_day0.donor_type.max(),
    )
    modality = _case(chosen["rank"], dict(enumerate(MODALITY_PRECEDENCE)), "string")
    chosen = chosen.mutate(modality=modality)
    # A later cell infusion (HSCT or MST, not chemotherapy) is the second infusion.
    cells = events.filter(events.role.isin(("mst", "allo_hsct", "auto_hsct")))
    later = cells.inner_join(first, "patient_id").filter(lambda t: t.date > t.day0_date)
    second = later.group_by("patient_id").aggregate(second_infusion_date=later.date.min())
    out = chosen.left_join(second, "patient_id").drop("patient_id_right")
    out = out.mutate(
        second_infusion_day=out.second_infusion_date.delta(out.day0_date, unit="day").cast("int32"),
        arm=out.modality,
    )
    msc_ids = c.ids("treatments", role="msc")
    msc_events = _events(cdm, sources, msc_ids)
    if msc_events is not None:
        near = msc_events.inner_join(first, "patient_id")
        near = near.filter(near.date.delta(near.day0_date, unit="day").abs() <= msc_window_days)
        given = near.group_by("patient_id").aggregate(msc_given=ibis.literal(True))
        out = out.left_join(given, "patient_id").drop("patient_id_right")
        out = out.mutate(msc=out.msc_given.coalesce(False)).drop("msc_given")
    else:
        out = out.mutate(msc=ibis.literal(False))
    return out.drop("rank")


def _patients(cdm: _Cdm, c: ConceptSets, day0: ir.Table) -> ir.Table:
    p = cdm.table("person")
    p = p.select(
        patient_id=_pid(p.person_id), gender_concept_id=p.gender_concept_id, year_of_birth=p.year_of_birth,
        month_of_birth=p.month_of_birth, day_of_birth=p.day_of_birth, birth_datetime=p.birth_datetime,
    )
    p = p.inner_join(day0, "patient_id")
    full_date = p.month_of_birth.notnull() & p.day_of_birth.notnull() & p.year_of_birth.notnull()
    birth = p.birth_datetime.cast("date").coalesce(
        ibis.ifelse(full_date, ibis.date(p.year_of_birth, p.month_of_birth, p.day_of_birth), ibis.null("date"))
    )
    p = p.mutate(
        sex=_case(p.gender_concept_id, GENDER, "string"),
        birth_date=birth,
        # Only the year known: age at day 0 from the years (within a year).
        age=ibis.ifelse(birth.isnull(), (p.day0_date.year() - p.year_of_birth).cast("float64"), ibis.null("float64")),
    )
    diagnosis_ids = [r["concept_id"] for r in c.diagnoses]
    if cdm.has("condition_occurrence") and diagnosis_ids:
        co = cdm.table("condition_occurrence")
        co = co.filter(co.condition_concept_id.isin(diagnosis_ids))
        co = co.select(patient_id=_pid(co.person_id), date=co.condition_start_date, concept_id=co.condition_concept_id)
        first = co.group_by("patient_id").aggregate(first_date=co.date.min())
        co = co.inner_join(first, "patient_id").filter(lambda t: t.date == t.first_date)
        diagnosis = co.group_by("patient_id").aggregate(
            diagnosis=_case(co.concept_id, c.mapping("diagnoses", "diagnosis"), "string").min()
        )
        p = p.left_join(diagnosis, "patient_id").drop("patient_id_right")
    m = cdm.table("measurement")
    m = m.filter(m.measurement_concept_id == BODY_WEIGHT, m.value_as_number.notnull(), m.unit_concept_id.isin((9529, 8739)))
    m = m.select(
        patient_id=_pid(m.person_id), date=m.measurement_date,
        kg=ibis.ifelse(m.unit_concept_id == 8739, m.value_as_number * _POUND_KG, m.value_as_number),
    )
    m = m.inner_join(day0, "patient_id").filter(lambda t: t.date <= t.day0_date)
    last = m.group_by("patient_id").aggregate(last_date=m.date.max())
    m = m.inner_join(last, "patient_id").filter(lambda t: t.date == t.last_date)
    weight = m.group_by("patient_id").aggregate(weight_kg=m.kg.max())
    return p.left_join(weight, "patient_id").drop("patient_id_right")


def lab_factors(c: ConceptSets) -> dict[tuple[int, int], float]:
    """``{(measurement concept, unit concept): factor to the canonical unit}`` for every pair that converts.

    The factors are :func:`graftline.cohort.units.conversion_factor`'s: one
    table of units for files and for OMOP.
    """
    analytes = c.mapping("measurements", "analyte")
    units = c.mapping("units", "unit")
    factors = {}
    for concept, analyte in analytes.items():
        for unit_concept, unit in units.items():
            factor = conversion_factor(analyte, unit)
            if factor is not None:
                factors[(concept, unit_concept)] = factor
    return factors


def measured_labs(cdm: _Cdm, c: ConceptSets, day0: ir.Table) -> ir.Table:
    """The lab MEASUREMENT rows with analyte, factor (NULL: unit not convertible) and day."""
    analytes = c.mapping("measurements", "analyte")
    m = cdm.table("measurement")
    m = m.filter(m.measurement_concept_id.isin(list(analytes)))
    factors = lab_factors(c)
    # Nested CASE: first the measurement concept, then its units (a few dozen branches in all).
    by_concept = {}
    for (concept, unit), factor in factors.items():
        by_concept.setdefault(concept, {})[unit] = factor
    factor = ibis.cases(
        *((m.measurement_concept_id == concept, _case(m.unit_concept_id, units, "float64")) for concept, units in by_concept.items()),
        else_=ibis.null("float64"),
    ) if by_concept else ibis.null("float64")
    qualifier = _case(m.operator_concept_id, {k: v for k, v in c.mapping("operators", "qualifier").items() if v}, "string")
    m = m.select(
        patient_id=_pid(m.person_id), date=m.measurement_date, analyte=_case(m.measurement_concept_id, analytes, "string"),
        raw_value=m.value_as_number, factor=factor, qualifier=qualifier, unit_concept_id=m.unit_concept_id,
        source_row=m.measurement_id,
    )
    return _with_day(m, day0)


def _labs(cdm: _Cdm, c: ConceptSets, day0: ir.Table) -> ir.Table:
    m = measured_labs(cdm, c, day0)
    m = m.filter(m.factor.notnull(), m.raw_value.notnull())
    units = {analyte: canonical_unit(analyte) for analyte in set(c.mapping("measurements", "analyte").values())}
    return m.mutate(
        value=m.raw_value * m.factor,
        unit=_case(m.analyte, units, "string"),
        source_file=ibis.literal("measurement"),
    )


def _transfusions(cdm: _Cdm, c: ConceptSets, day0: ir.Table) -> ir.Table:
    sources = [
        ("procedure_occurrence", "procedure_concept_id", "procedure_date", "quantity"),
        ("device_exposure", "device_concept_id", "device_exposure_start_date", "quantity"),
    ]
    events = _events(cdm, sources, [r["concept_id"] for r in c.transfusions])
    if events is None:
        return _empty(cdm, "transfusions")
    events = events.mutate(product=_case(events.concept_id, c.mapping("transfusions", "product"), "string"), units=events.quantity)
    return _with_day(events, day0)


_BOOLEAN_FIELDS = {col.name for col in GVHD_ASSESSMENTS.columns if col.kind == "boolean"}


def _gvhd(cdm: _Cdm, c: ConceptSets, day0: ir.Table) -> ir.Table:
    fields = c.mapping("gvhd", "field")
    if not cdm.has("observation") or not fields:
        return _empty(cdm, "gvhd_assessments")
    o = cdm.table("observation")
    o = o.filter(o.observation_concept_id.isin(list(fields)))
    o = o.select(patient_id=_pid(o.person_id), date=o.observation_date, concept_id=o.observation_concept_id, value=o.value_as_number)
    by_field: dict[str, list[int]] = {}
    for concept, field in fields.items():
        by_field.setdefault(field, []).append(concept)
    aggregates = {}
    for field, ids in by_field.items():
        value = ibis.ifelse(o.concept_id.isin(ids), o.value, ibis.null("float64"))
        aggregates[field] = value.max() > 0 if field in _BOOLEAN_FIELDS else value.max()
    assessments = o.group_by(["patient_id", "date"]).aggregate(**aggregates)
    return _with_day(assessments, day0)


def _chimerism(cdm: _Cdm, c: ConceptSets, day0: ir.Table) -> ir.Table:
    lineages = c.mapping("chimerism", "lineage")
    if not lineages:
        return _empty(cdm, "chimerism")
    m = cdm.table("measurement")
    m = m.filter(m.measurement_concept_id.isin(list(lineages)))
    lod = {k: float(v) for k, v in c.mapping("chimerism", "lod_pct").items()}
    m = m.select(
        patient_id=_pid(m.person_id), date=m.measurement_date,
        lineage=_case(m.measurement_concept_id, lineages, "string"),
        method=_case(m.measurement_concept_id, c.mapping("chimerism", "method"), "string"),
        lod_pct=_case(m.measurement_concept_id, lod, "float64"),
        donor_pct=m.value_as_number,
    )
    return _with_day(m, day0)


def _disease(cdm: _Cdm, c: ConceptSets, day0: ir.Table) -> ir.Table:
    statuses = c.mapping("disease_status", "disease_status")
    sources = [
        ("observation", "observation_concept_id", "observation_date", None),
        ("condition_occurrence", "condition_concept_id", "condition_start_date", None),
        ("episode", "episode_concept_id", "episode_start_date", None),
    ]
    events = _events(cdm, sources, list(statuses))
    if events is None:
        return _empty(cdm, "disease_assessments")
    return _with_day(events.mutate(status=_case(events.concept_id, statuses, "string")), day0)


def _infections(cdm: _Cdm, c: ConceptSets, day0: ir.Table) -> ir.Table:
    kinds = c.mapping("infections", "kind")
    events = _events(cdm, [("condition_occurrence", "condition_concept_id", "condition_start_date", None)], list(kinds))
    if events is None:
        return _empty(cdm, "infections")
    return _with_day(events.mutate(kind=_case(events.concept_id, kinds, "string")), day0)


def _followup(cdm: _Cdm, c: ConceptSets, day0: ir.Table) -> ir.Table:
    op = cdm.table("observation_period")
    op = op.select(patient_id=_pid(op.person_id), end=op.observation_period_end_date.cast("date"))
    last = op.group_by("patient_id").aggregate(last_contact=op.end.max())
    out = day0.left_join(last, "patient_id").drop("patient_id_right")
    if cdm.has("death"):
        d = cdm.table("death")
        causes = c.mapping("death_causes", "cause")
        cause = _case(d.cause_concept_id, causes, "string") if causes and "cause_concept_id" in d.columns \
            else ibis.null("string")
        d = d.select(patient_id=_pid(d.person_id), death_date=d.death_date.cast("date"), cause=cause)
        # A person has one DEATH row in CDM v5.4; should a site have more, the earliest date and any mapped cause count.
        d = d.group_by("patient_id").aggregate(death_date=d.death_date.min(), cause=d.cause.max())
        out = out.left_join(d, "patient_id").drop("patient_id_right")
    else:
        out = out.mutate(death_date=ibis.null("date"), cause=ibis.null("string"))
    out = out.filter(out.last_contact.notnull() | out.death_date.notnull())
    out = out.mutate(
        last_contact=out.last_contact.coalesce(out.death_date),
        vital_status=ibis.ifelse(out.death_date.notnull(), "dead", "alive"),
    )
    return out.mutate(
        last_contact_day=out.last_contact.delta(out.day0_date, unit="day").cast("int32"),
        death_day=out.death_date.delta(out.day0_date, unit="day").cast("int32"),
    )


__all__ = ["GENDER", "NOT_MAPPED", "lab_factors", "measured_labs", "omop_tables"]
