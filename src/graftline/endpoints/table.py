"""The one-row-per-patient endpoint table.

:func:`endpoint_table` returns one Ibis expression over the cohort tables;
executing it on DuckDB or PostgreSQL gives the same rows. The columns are
listed in :data:`ENDPOINT_COLUMNS` and documented in ``docs/endpoints.md``.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir
import pandas as pd

from graftline.cohort.schema import INFECTION_KINDS
from graftline.endpoints.chimerism import chimerism_per_patient
from graftline.endpoints.definitions import EndpointDefinitions
from graftline.endpoints.engraftment import (
    graft_failure_columns,
    neutrophil_recovery,
    platelet_recoveries,
    primary_graft_failure_evidence,
    secondary_graft_failure_candidates,
)
from graftline.endpoints.gvhd import gvhd_per_patient, severity_name
from graftline.endpoints.outcomes import (
    CR_STATUSES,
    best_response,
    count_reaching,
    infections,
    serious_adverse_events,
)
from graftline.endpoints.tables import CohortTables, load_tables
from graftline.endpoints.timeline import competing_day, earliest, patient_base, time_to_event
from graftline.ibis_compile import separate_selects

#: Engraftment endpoints: they also have an ``<E>_applicable`` column.
ENGRAFTMENT_ENDPOINTS = ("neutrophil_engraftment", "platelet_engraftment", "platelet50_engraftment")

#: Every time-to-event endpoint E has ``E_day`` and ``E_status`` (0 censored, 1 event, 2 competing).
#: Days count from day 0 (the infusion), except for ORIGIN_ENDPOINTS.
TIME_TO_EVENT_ENDPOINTS = (
    *ENGRAFTMENT_ENDPOINTS,
    "agvhd_2_4",
    "agvhd_3_4",
    "cgvhd",
    "relapse",
    "nrm",
    "os",
    "pfs",
    "efs",
    "grfs",
    "crfs",
    "infection",
    *(f"infection_{kind}" for kind in INFECTION_KINDS),
    "immune_reconstitution",
    "lymphocyte_recovery",
)

#: Disease and survival endpoints whose days count from the ``time_origin`` option.
ORIGIN_ENDPOINTS = ("relapse", "nrm", "os", "pfs", "efs")

_TIME_COLUMNS = []
for _name in TIME_TO_EVENT_ENDPOINTS:
    _TIME_COLUMNS += [f"{_name}_day", f"{_name}_status"]
    if _name in ENGRAFTMENT_ENDPOINTS:
        _TIME_COLUMNS.append(f"{_name}_applicable")

#: Columns of the endpoint table, in order.
ENDPOINT_COLUMNS: tuple[str, ...] = (
    "patient_id",
    "arm",
    "modality",
    *_TIME_COLUMNS,
    "agvhd_max_grade",
    "cgvhd_max_severity",
    "primary_graft_failure",
    "secondary_graft_failure",
    "secondary_graft_failure_day",
    "graft_rejection",
    "graft_rejection_day",
    "graft_rejection_assay",
    "chimerism_category",
    "chimerism_day",
    "chimerism_assay",
    "chimerism_lineage",
    "microchimerism_first_day",
    "microchimerism_last_day",
    "best_response",
    "cr_achieved",
    "death_cause",
    "relapse_at_death",
    "infections_by_day100",
    *(f"infections_by_day100_{kind}" for kind in INFECTION_KINDS),
    "serious_adverse_event_attributed",
)


def components(tables: CohortTables, definitions: EndpointDefinitions) -> dict[str, ir.Table]:
    """The per-patient building blocks (each one row per patient that has the data).

    Exposed for SQL snapshot tests and for ``graftline explain``.
    """
    d = definitions
    neutrophils = neutrophil_recovery(tables, d)
    platelets = platelet_recoveries(tables, d)
    base = patient_base(tables, d)
    evidence = primary_graft_failure_evidence(tables, base, d)
    secondary = secondary_graft_failure_candidates(tables, base, neutrophils, platelets["platelet_engraftment"], d)
    weights = tables.patients.select("patient_id", "weight_kg")
    return {
        "patient_base": base,
        "neutrophil_engraftment": neutrophils,
        "platelet_engraftment": platelets["platelet_engraftment"],
        "platelet50_engraftment": platelets["platelet50_engraftment"],
        "primary_graft_failure_evidence": evidence,
        "secondary_graft_failure": secondary,
        "gvhd": gvhd_per_patient(tables.gvhd_assessments, weights, d),
        "chimerism": chimerism_per_patient(tables, d),
        "best_response": best_response(tables, base, d),
        "infections": infections(tables, d),
        "immune_reconstitution": count_reaching(tables, "cd4", d.cd4_threshold, d),
        "lymphocyte_recovery": count_reaching(tables, "alc", d.alc_threshold, d),
        "serious_adverse_events": serious_adverse_events(tables, d),
    }


def endpoint_table(
    source: ibis.BaseBackend | CohortTables, definitions: EndpointDefinitions | None = None
) -> ir.Table:
    """One row per patient (every patient in ``treatments``) with all endpoints.

    Parameters
    ----------
    source
        An Ibis connection to a cohort store (DuckDB, PostgreSQL, ...) or
        already loaded :class:`CohortTables`.
    definitions
        Rule options; default the ``harmonized2024`` preset.

    Returns
    -------
    ibis.expr.types.Table
        Unexecuted; ``.to_pandas()`` runs it on the store's engine. Columns:
        :data:`ENDPOINT_COLUMNS`, ordered by ``patient_id``.

    Examples
    --------
    >>> import ibis
    >>> from graftline.endpoints import endpoint_table
    >>> con = ibis.duckdb.connect("cohort.duckdb")          # doctest: +SKIP
    >>> endpoint_table(con).to_pandas()                     # doctest: +SKIP
    """
    d = definitions or EndpointDefinitions.preset()
    tables = source if isinstance(source, CohortTables) else load_tables(source)
    parts = components(tables, d)
    # One flat chain of left joins on patient_id (each part keyed by its own id column), so the
    # generated SQL is one SELECT ... LEFT JOIN ... rather than fifteen nested subqueries.
    t = parts["patient_base"]
    for name in ENGRAFTMENT_ENDPOINTS:
        part = parts[name]
        parts[name] = part.select(patient_id=part.patient_id, **{f"{name}_event_day": part.day, f"{name}_fell": part.applicable})
    for name in ("immune_reconstitution", "lymphocyte_recovery"):
        parts[name] = parts[name].rename({f"{name}_event_day": "event_day"})
    joined = t
    for name, part in parts.items():
        if name == "patient_base":
            continue
        key = f"{name}_patient_id"
        part = part.rename({key: "patient_id"})
        joined = joined.left_join(part, t.patient_id == part[key])
    # select, not drop: ibis renders drop() of several columns in set (random) order.
    t = joined.select(*[c for c in joined.columns if not c.endswith("_patient_id")])
    # Event and competing days first, as columns: the (day, status) CASE expressions below then
    # refer to columns instead of repeating these expressions (keeps the SQL small).
    death = t.death_day
    t = t.mutate(
        engraftment_competing_day=competing_day(t, d.engraftment_competing),
        gvhd_competing_day=competing_day(t, d.gvhd_competing),
        # Non-relapse mortality: death with no relapse on or before the death day; relapse competes.
        nrm_event_day=ibis.ifelse(t.relapse_day.isnull() | (death < t.relapse_day), death, ibis.null("int64")),
        pfs_event_day=earliest(t.relapse_day, death),
        # ELN 2022: failure to reach CR after induction is an EFS event on day 1 (the time origin).
        efs_event_day=earliest(
            ibis.ifelse(t.best_response.notnull() & ~t.best_response.isin(CR_STATUSES[d.cr_definition]), t.origin_day, ibis.null("int64")),
            t.relapse_day,
            death,
        ),
        grfs_event_day=earliest(t.grfs_agvhd_day, t.grfs_cgvhd_day, t.relapse_day, death),
        crfs_event_day=earliest(t.crfs_cgvhd_day, t.relapse_day, death),
        **{
            f"{name}_applicable": t[f"{name}_fell"].coalesce(True)
            # Patients without any count (no labs) stay applicable: censored or competing, never dropped.
            for name in ENGRAFTMENT_ENDPOINTS
        },
    )
    columns: dict[str, ir.Value] = {"patient_id": t.patient_id, "arm": t.arm, "modality": t.modality}
    censor = t.censor_day
    no_competing = ibis.null("int64")

    def add(name: str, event_day: ir.Value, competing: ir.Value, applicable: ir.Value | None = None) -> None:
        day, status = time_to_event(event_day, competing, censor)
        if name in ORIGIN_ENDPOINTS and d.time_origin != "infusion":
            # Days from the chosen origin; without that day (no randomisation date) no value at all.
            known = t.origin_day.notnull()
            day = ibis.ifelse(known, day - t.origin_day, ibis.null("int64"))
            status = ibis.ifelse(known, status, ibis.null("int64"))
        if applicable is not None:
            # Not applicable (never fell below the threshold, never transfused): no day, no status.
            day = ibis.ifelse(applicable, day, ibis.null("int64"))
            status = ibis.ifelse(applicable, status, ibis.null("int64"))
        columns[f"{name}_day"], columns[f"{name}_status"] = day, status
        if applicable is not None:
            columns[f"{name}_applicable"] = applicable

    for name in ENGRAFTMENT_ENDPOINTS:
        add(name, t[f"{name}_event_day"], t.engraftment_competing_day, t[f"{name}_applicable"])
    add("agvhd_2_4", t.agvhd_2_4_event_day, t.gvhd_competing_day)
    add("agvhd_3_4", t.agvhd_3_4_event_day, t.gvhd_competing_day)
    add("cgvhd", t.cgvhd_event_day, t.gvhd_competing_day)
    add("relapse", t.relapse_day, t.death_day)
    add("nrm", t.nrm_event_day, t.relapse_day)
    add("os", t.death_day, no_competing)
    add("pfs", t.pfs_event_day, no_competing)
    add("efs", t.efs_event_day, no_competing)
    add("grfs", t.grfs_event_day, no_competing)
    add("crfs", t.crfs_event_day, no_competing)
    add("infection", t.infection_event_day, t.death_day)
    for kind in INFECTION_KINDS:
        add(f"infection_{kind}", t[f"infection_{kind}_event_day"], t.death_day)
    add("immune_reconstitution", t.immune_reconstitution_event_day, t.death_day)
    add("lymphocyte_recovery", t.lymphocyte_recovery_event_day, t.death_day)

    best = t.best_response.coalesce("not_assessed")
    columns.update(
        agvhd_max_grade=t.agvhd_max_grade.coalesce(0).cast("int64"),
        cgvhd_max_severity=severity_name(t.cgvhd_max_rank.coalesce(0)),
        **graft_failure_columns(t, d),
        **_chimerism_columns(t),
        best_response=best,
        cr_achieved=best.isin(CR_STATUSES[d.cr_definition]),
        death_cause=t.death_cause,
        relapse_at_death=t.relapse_at_death.coalesce(False),
        infections_by_day100=t.infections_by_day100.coalesce(0).cast("int64"),
    )
    for kind in INFECTION_KINDS:
        columns[f"infections_by_day100_{kind}"] = t[f"infections_by_day100_{kind}"].coalesce(0).cast("int64")
    columns["serious_adverse_event_attributed"] = t.serious_adverse_event_attributed.coalesce(False)
    assert tuple(columns) == ENDPOINT_COLUMNS
    return t.select(**columns).order_by("patient_id")


def _chimerism_columns(t: ir.Table) -> dict[str, ir.Value]:
    """The reading that fits the modality: MST microchimerism, or the allo-HSCT categories."""
    mst = t.modality == "mst"

    def pick(mst_value: ir.Value, allo_value: ir.Value) -> ir.Value:
        return ibis.ifelse(mst, mst_value, allo_value)

    tested = t.allo_day.notnull() | t.mst_day.notnull()
    allo = t.modality == "allo_hsct"
    rejection = ibis.cases(
        (~allo, "not_applicable"),
        (t.graft_rejection_day.notnull(), "yes"),
        (t.allo_day.notnull(), "no"),
        else_="not_tested",
    )
    return {
        "graft_rejection": rejection,
        "graft_rejection_day": ibis.ifelse(allo, t.graft_rejection_day, ibis.null("int64")).cast("int64"),
        "graft_rejection_assay": ibis.ifelse(allo, t.graft_rejection_assay, ibis.null("string")),
        "chimerism_category": ibis.ifelse(tested, pick(t.mst_category, t.allo_category), "not_tested"),
        "chimerism_day": pick(t.mst_day, t.allo_day).cast("int64"),
        "chimerism_assay": pick(t.mst_method, t.allo_method),
        "chimerism_lineage": pick(t.mst_lineage, t.allo_lineage),
        "microchimerism_first_day": ibis.ifelse(mst, t.microchimerism_first_day, ibis.null("int64")).cast("int64"),
        "microchimerism_last_day": ibis.ifelse(mst, t.microchimerism_last_day, ibis.null("int64")).cast("int64"),
    }


def endpoint_frame(
    source: ibis.BaseBackend | CohortTables, definitions: EndpointDefinitions | None = None
) -> pd.DataFrame:
    """Execute :func:`endpoint_table` and return it with stable dtypes.

    Days, statuses and counts are pandas ``Int64`` (missing only where the
    docs say so: engraftment not applicable, chimerism not tested); flags are
    ``boolean``; categories are strings.
    """
    with separate_selects():
        return with_stable_dtypes(endpoint_table(source, definitions).to_pandas())


def with_stable_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """Cast an executed endpoint table to the dtypes :func:`endpoint_frame` promises."""
    frame = frame.copy()
    for column in frame.columns:
        if column.endswith(("_day", "_status")) or column.startswith("infections_by_day100") or column == "agvhd_max_grade":
            frame[column] = pd.array(frame[column], dtype="Float64").astype("Int64")
        elif column.endswith("_applicable") or column in ("cr_achieved", "relapse_at_death", "serious_adverse_event_attributed"):
            frame[column] = frame[column].astype("boolean")
        else:
            # Text: plain objects with None for missing, whatever the engine's string type.
            values = frame[column]
            frame[column] = values.astype(object).where(values.notna(), None)
    return frame.reset_index(drop=True)
