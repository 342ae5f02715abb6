"""Provenance: the rule applied to one patient and the source rows that decided it.

``explain`` runs the same Ibis rules on the patient's rows only, then shows
the rows a clinician needs to audit the number: the values of the run and
their ``source_row``, the first value below the threshold, the last platelet
transfusion before recovery, the assessment that decided the GVHD grade
(staged by the same rules as the endpoint table, with the measures as recorded), the follow-up row.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import ibis
import pandas as pd

from graftline.endpoints.definitions import EndpointDefinitions
from graftline.endpoints.explain_notes import (
    candidate_run_notes,
    microchimerism_note,
    primary_graft_failure_note,
)
from graftline.endpoints.explain_text import rule_text
from graftline.endpoints.gvhd import CGVHD_SEVERITIES, staged_assessments
from graftline.endpoints.runs import daily_counts
from graftline.endpoints.table import (
    ENDPOINT_COLUMNS,
    TIME_TO_EVENT_ENDPOINTS,
    components,
    endpoint_frame,
)
from graftline.endpoints.tables import CohortTables, load_tables
from graftline.errors import InputError

#: Endpoints ``explain`` knows, besides every time-to-event endpoint.
OTHER_ENDPOINTS = (
    "agvhd_max_grade",
    "cgvhd_max_severity",
    "primary_graft_failure",
    "secondary_graft_failure",
    "graft_rejection",
    "chimerism_category",
    "best_response",
    "death_cause",
    "serious_adverse_event_attributed",
)
EXPLAINABLE = (*TIME_TO_EVENT_ENDPOINTS, *OTHER_ENDPOINTS)


@dataclass(frozen=True)
class Explanation:
    """Why one patient's endpoint has its value.

    Attributes
    ----------
    rule
        The rule in words, with the option values in force and the preset.
    result
        The patient's values of the endpoint (and the facts it rests on).
    evidence
        The deciding source rows, with a ``role`` column.
    notes
        Sentences: why candidate runs did not count, why a value is
        ``not_evaluable``, how microchimerism persisted.
    """

    patient_id: str
    endpoint: str
    rule: str
    result: dict[str, Any]
    evidence: pd.DataFrame
    notes: tuple[str, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """The deciding source rows, one per row, with a ``role`` column."""
        return self.evidence

    def render(self) -> str:
        """Plain text for a clinician: no ``nan``, ``None`` or Python lists."""
        lines = [f"patient {self.patient_id}, endpoint {self.endpoint}", "", "rule:", f"  {self.rule}", "", "result:"]
        lines += [f"  {k} = {_shown(v)}" for k, v in self.result.items()]
        if self.notes:
            lines += ["", "why:"] + [f"  {note}" for note in self.notes]
        lines += ["", "deciding source rows:"]
        if self.evidence.empty:
            lines.append("  (none)")
        # One block per kind of source row, without the columns that kind does not have.
        for role in dict.fromkeys(self.evidence.get("role", [])):
            block = self.evidence[self.evidence.role == role].drop(columns="role").dropna(axis=1, how="all")
            for column in block.columns:
                # Days and row numbers stay integers even after concatenation with other kinds of rows.
                values = block[column]
                integral_name = any(k in column for k in ("day", "stage", "grade", "source_row")) or column.startswith("cgvhd_")
                if values.dtype.kind == "f" and integral_name and values.dropna().mod(1).eq(0).all():
                    values = values.astype("Int64")
                block[column] = values.astype(object).where(values.notna(), "")
            lines += ["", f"  {role}:"] + ["    " + line.rstrip() for line in block.to_string(index=False).splitlines()]
        return "\n".join(lines)


def _shown(value: Any) -> str:
    """A result value as a person reads it: empty values are 'none', whole floats integers."""
    if value is None or (not isinstance(value, str | bool) and pd.isna(value)):
        return "none"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _only(tables: CohortTables, patient_id: str) -> CohortTables:
    return CohortTables(
        **{f.name: getattr(tables, f.name).filter(lambda t: t.patient_id == patient_id) for f in dataclasses.fields(tables)}
    )


def _rows(table: ibis.expr.types.Table, role: str) -> pd.DataFrame:
    frame = table.to_pandas()
    frame.insert(0, "role", role)
    return frame


def _lab_rows(tables: CohortTables, analytes: tuple[str, ...], days: list[int], role: str) -> pd.DataFrame:
    labs = tables.labs
    rows = labs.filter(labs.analyte.isin(analytes), labs.day.isin(days)).order_by(["day", "source_row"])
    return _rows(rows.select("day", "analyte", "value", "unit", "qualifier", "source_row"), role)


def _daily(tables: CohortTables, d: EndpointDefinitions, analyte: str, first_day: int) -> pd.DataFrame:
    return daily_counts(tables.labs, analyte, d, first_day=first_day).order_by("day").to_pandas()


def _run_evidence(tables: CohortTables, d: EndpointDefinitions, analyte: str, threshold: float, day: Any, values: int, first_day: int) -> pd.DataFrame:
    daily = _daily(tables, d, analyte, first_day)
    analytes = ("anc", "wbc", "neut_pct", "bands_pct") if analyte == "anc" and d.derive_anc_from_wbc else (analyte,)
    parts = []
    below = daily[(daily.value < threshold)]
    if pd.notna(day):
        run_days = daily[daily.day >= day].day.head(values).astype(int).tolist()
        before = below[below.day < day]
        if len(before):
            parts.append(_lab_rows(tables, analytes, [int(before.day.iloc[0])], "first value below threshold (nadir phase)"))
        parts.append(_lab_rows(tables, analytes, run_days, f"run of {values} values >= {threshold}"))
    elif len(daily) and below.empty:
        lowest = int(daily.sort_values(["value", "day"]).day.iloc[0])
        parts.append(_lab_rows(tables, analytes, [lowest], f"lowest value, never below {threshold}"))
    elif len(daily):
        parts.append(_lab_rows(tables, analytes, [int(daily.day.iloc[-1])], "last value (no qualifying run)"))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


#: What ``explain`` shows of a staged assessment (engine columns -> shown names).
_STAGED = {
    "skin": "skin_stage", "liver": "liver_stage", "upper": "upper_gi_stage", "lower": "lower_gi_stage",
    "stool_ml_avg": "stool_ml_3day_avg", "agvhd_grade_computed": "agvhd_grade_from_organs",
    "agvhd_grade": "agvhd_grade", "cgvhd_rank_computed": "cgvhd_severity_from_scores",
    "cgvhd_severity_rank": "cgvhd_severity_counted",
}


def _gvhd_evidence(tables: CohortTables, d: EndpointDefinitions, day: Any) -> pd.DataFrame:
    """The patient's assessments as the engine staged them (the same SQL as the endpoint table).

    Besides the measures as recorded: the MAGIC organ stages of the findings
    attributed to GVHD, the averaged stool output, the grade from the organs
    and the grade used, the NIH severities and whether chronic GVHD counted.
    """
    staged = staged_assessments(tables.gvhd_assessments, tables.patients.select("patient_id", "weight_kg"), d)
    if pd.notna(day):
        staged = staged.filter(staged.day == int(day))
    rows = staged.order_by("day").to_pandas()
    if rows.empty:
        return pd.DataFrame()
    recorded = [c for c in tables.gvhd_assessments.columns if c not in ("patient_id", "date")]
    frame = rows[recorded].copy()
    for engine, shown in _STAGED.items():
        values = rows[engine]
        frame[shown] = values.map(lambda v: CGVHD_SEVERITIES[int(v)] if pd.notna(v) else None) if engine.startswith("cgvhd") else values
    frame.insert(0, "role", "deciding assessment" if pd.notna(day) else "GVHD assessment")
    return frame


def _primary_facts(tables: CohortTables, d: EndpointDefinitions, row: pd.Series, cutoff: Any) -> dict[str, Any]:
    """What primary graft failure rests on, from the same SQL building blocks as the table."""
    parts = components(tables, d)
    evidence = parts["primary_graft_failure_evidence"].to_pandas()
    base = parts["patient_base"].to_pandas().iloc[0]
    near = evidence.iloc[0] if len(evidence) else None
    engrafted = row["neutrophil_engraftment_status"] == 1 if pd.notna(row["neutrophil_engraftment_status"]) else False
    applicable = row["neutrophil_engraftment_applicable"]
    return {
        "cut_off_day": cutoff,
        "anc_values": _has_anc(tables, d),
        "anc_never_below": bool(pd.notna(applicable) and not applicable),
        "engrafted_by_cut_off": bool(engrafted and cutoff is not None and row["neutrophil_engraftment_day"] <= cutoff),
        "neutrophil_engraftment_day": int(row["neutrophil_engraftment_day"]) if engrafted else None,
        "followed_until": int(base.censor_day),
        "anc_low_near_cut_off": bool(near is not None and near.anc_low_near),
        "platelets_low_or_transfused_near_cut_off": bool(near is not None and near.platelets_low_near),
        "platelets_counted_near_cut_off": bool(near is not None and near.platelets_seen_near),
    }


def _has_anc(tables: CohortTables, d: EndpointDefinitions) -> bool:
    return len(_daily(tables, d, "anc", d.engraftment_first_day)) > 0


def explain(
    source: ibis.BaseBackend | CohortTables,
    patient_id: str,
    endpoint: str,
    definitions: EndpointDefinitions | None = None,
) -> Explanation:
    """The rule and the deciding source rows of one patient's endpoint.

    Raises
    ------
    InputError
        Unknown endpoint or patient.
    """
    if endpoint not in EXPLAINABLE:
        raise InputError(f"cannot explain {endpoint!r}; expected one of {list(EXPLAINABLE)}")
    d = definitions or EndpointDefinitions.preset()
    tables = _only(source if isinstance(source, CohortTables) else load_tables(source), patient_id)
    frame = endpoint_frame(tables, d)
    if frame.empty:
        raise InputError(f"patient {patient_id!r} is not in the cohort's treatments table")
    row = frame.iloc[0]
    prefix = f"{endpoint}_"
    result = {c: row[c] for c in ENDPOINT_COLUMNS if c == endpoint or (c.startswith(prefix) and endpoint in TIME_TO_EVENT_ENDPOINTS)}
    if endpoint.startswith("infection") and endpoint in TIME_TO_EVENT_ENDPOINTS:
        result = {c: row[c] for c in (f"{endpoint}_day", f"{endpoint}_status")}
    day = row.get(f"{endpoint}_day")
    status = row.get(f"{endpoint}_status")
    event_day = day if pd.notna(status) and status == 1 else None
    parts: list[pd.DataFrame] = []
    notes: list[str] = []

    if endpoint == "neutrophil_engraftment" or endpoint in ("primary_graft_failure", "secondary_graft_failure"):
        engrafted = pd.notna(row["neutrophil_engraftment_status"]) and row["neutrophil_engraftment_status"] == 1
        neutro_day = row["neutrophil_engraftment_day"] if engrafted else None
        parts.append(_run_evidence(tables, d, "anc", d.anc_threshold, neutro_day, d.engraftment_values, d.engraftment_first_day))
        if endpoint == "neutrophil_engraftment":
            daily = _daily(tables, d, "anc", d.engraftment_first_day)
            notes += candidate_run_notes(daily, d.anc_threshold, d, values=d.engraftment_values, chosen_day=neutro_day)
        else:
            treatment = tables.treatments.select("modality", "graft_source").to_pandas().iloc[0]
            result["modality"] = treatment.modality
            result["graft_source"] = treatment.graft_source
            result["cut_off_day"] = d.primary_graft_failure_day(treatment.graft_source)
            for column in ("neutrophil_engraftment_day", "neutrophil_engraftment_status", "neutrophil_engraftment_applicable"):
                result[column] = row[column]
            if endpoint == "secondary_graft_failure":
                for column in ("platelet_engraftment_day", "platelet_engraftment_status", "secondary_graft_failure_day"):
                    result[column] = row[column]
            else:
                facts = _primary_facts(tables, d, row, result["cut_off_day"])
                result.update(facts)
                notes.append(primary_graft_failure_note(row["primary_graft_failure"], facts, d))
            parts.append(_rows(tables.followup.drop("patient_id"), "follow-up (death / last contact)"))
    elif endpoint in ("platelet_engraftment", "platelet50_engraftment"):
        threshold = d.platelet_threshold if endpoint == "platelet_engraftment" else d.platelet50_threshold
        parts.append(_run_evidence(tables, d, "plt", threshold, event_day, d.engraftment_values, d.engraftment_first_day))
        t = tables.transfusions
        transfusions = t.filter(t.product == "platelets").order_by("day")
        days = [int(x) for x in transfusions.select("day").to_pandas().day]
        daily = _daily(tables, d, "plt", d.engraftment_first_day)
        notes += candidate_run_notes(daily, threshold, d, values=d.engraftment_values, chosen_day=event_day, transfusions=days)
        if event_day is not None:
            last = transfusions.filter(transfusions.day <= int(event_day)).to_pandas().tail(1)
            if len(last):
                gap = int(event_day) - int(last.day.iloc[0])
                parts.append(_rows(ibis.memtable(last[["day", "product"]]), f"last platelet transfusion before recovery ({gap} days before)"))
    elif endpoint in ("agvhd_2_4", "agvhd_3_4", "agvhd_max_grade", "cgvhd", "cgvhd_max_severity", "grfs"):
        deciding = event_day
        if endpoint in ("agvhd_max_grade", "cgvhd_max_severity", "grfs"):
            deciding = None
        parts.append(_gvhd_evidence(tables, d, deciding))
    elif endpoint in ("immune_reconstitution", "lymphocyte_recovery"):
        analyte, threshold = ("cd4", d.cd4_threshold) if endpoint == "immune_reconstitution" else ("alc", d.alc_threshold)
        if event_day is not None:
            parts.append(_run_evidence(tables, d, analyte, threshold, event_day, d.immune_values, d.immune_first_day))
    elif endpoint in ("chimerism_category", "graft_rejection"):
        names = ("chimerism_day", "chimerism_assay", "chimerism_lineage", "microchimerism_first_day", "microchimerism_last_day")
        if endpoint == "graft_rejection":
            names = ("graft_rejection_day", "graft_rejection_assay")
        result.update({name: row[name] for name in names})
        tests = tables.chimerism.order_by("day").drop("patient_id", "date")
        parts.append(_rows(tests, "chimerism test"))
        if endpoint == "chimerism_category" and row["modality"] == "mst":
            note = microchimerism_note(tests.to_pandas(), d)
            if note:
                notes.append(note)
    elif endpoint.startswith("infection"):
        parts.append(_rows(tables.infections.order_by("day").drop("patient_id", "date"), "infection"))
    elif endpoint == "serious_adverse_event_attributed":
        parts.append(_rows(tables.adverse_events.order_by("day").drop("patient_id", "date"), "adverse event"))
    if endpoint in ("relapse", "nrm", "pfs", "efs", "death_cause"):
        result["death_cause"] = row["death_cause"]
        result["relapse_at_death"] = row["relapse_at_death"]
    if endpoint in ("efs", "best_response"):
        result["best_response"], result["cr_achieved"] = row["best_response"], row["cr_achieved"]
    if endpoint in ("relapse", "nrm", "pfs", "efs", "grfs", "crfs", "best_response", "death_cause") or (pd.notna(status) and status == 2 and endpoint != "os"):
        parts.append(_rows(tables.disease_assessments.order_by("day").drop("patient_id", "date"), "disease assessment"))
    if endpoint in TIME_TO_EVENT_ENDPOINTS and (pd.isna(status) or status != 1 or endpoint in ("os", "nrm", "pfs", "efs", "grfs", "crfs")) or endpoint == "death_cause":
        parts.append(_rows(tables.followup.drop("patient_id"), "follow-up (death / last contact)"))
        if "second_infusion" in d.engraftment_competing and endpoint.endswith("engraftment"):
            parts.append(_rows(tables.treatments.select("second_infusion_day").filter(lambda t: t.second_infusion_day.notnull()), "second infusion"))
    evidence = pd.concat([p for p in parts if not p.empty], ignore_index=True) if any(not p.empty for p in parts) else pd.DataFrame()
    return Explanation(
        patient_id=patient_id, endpoint=endpoint, rule=rule_text(endpoint, d), result=result, evidence=evidence, notes=tuple(notes)
    )
