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
from graftline.endpoints.gvhd import CGVHD_SEVERITIES, staged_assessments
from graftline.endpoints.runs import daily_counts
from graftline.endpoints.table import ENDPOINT_COLUMNS, TIME_TO_EVENT_ENDPOINTS, endpoint_frame
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
    """Why one patient's endpoint has its value."""

    patient_id: str
    endpoint: str
    rule: str
    result: dict[str, Any]
    evidence: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """The deciding source rows, one per row, with a ``role`` column."""
        return self.evidence

    def render(self) -> str:
        lines = [f"patient {self.patient_id}, endpoint {self.endpoint}", "", "rule:", f"  {self.rule}", "", "result:"]
        lines += [f"  {k} = {v}" for k, v in self.result.items()]
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
                    block[column] = values.astype("Int64")
            lines += ["", f"  {role}:"] + ["    " + line for line in block.to_string(index=False).splitlines()]
        return "\n".join(lines)


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


def _rule(endpoint: str, d: EndpointDefinitions) -> str:
    gap = "any gap" if d.engraftment_max_gap_days is None else f"gaps of at most {d.engraftment_max_gap_days} days"
    if d.engraftment_missing_day_breaks_run:
        gap = "successive days (a day without a value breaks the run)"
    run = f"first of {d.engraftment_values} consecutive daily values ({gap}; same-day values combined by {d.same_day_values})"
    nadir = ", after the first value below the threshold" if d.engraftment_after_nadir else ""
    competing = ", ".join(d.engraftment_competing) or "none"
    rules = {
        "neutrophil_engraftment": f"ANC >= {d.anc_threshold} x10^9/L: {run}{nadir}; not applicable if ANC never fell below the threshold; competing: {competing}",
        "platelet_engraftment": f"platelets >= {d.platelet_threshold} x10^9/L: {run}, no platelet transfusion in the {d.platelet_transfusion_free_days} days before ({'inclusive' if d.platelet_transfusion_window_inclusive else 'day - transfusion >= ' + str(d.platelet_transfusion_free_days) + ' is free'}){nadir} (or first transfusion); not applicable if never below and never transfused; competing: {competing}",
        "agvhd_2_4": f"first assessment with {d.agvhd_grading.upper()} overall grade >= II; competing: {', '.join(d.gvhd_competing)}",
        "agvhd_3_4": f"first assessment with {d.agvhd_grading.upper()} overall grade >= III; competing: {', '.join(d.gvhd_competing)}",
        "agvhd_max_grade": f"highest {d.agvhd_grading.upper()} overall grade over all assessments (0 without assessments)",
        "cgvhd": f"first assessment with NIH global severity >= {d.cgvhd_event_severity}; competing: {', '.join(d.gvhd_competing)}",
        "cgvhd_max_severity": "highest NIH global severity over all assessments",
        "relapse": _relapse_rule(d),
        "nrm": f"death without relapse on or before the death day; competing: relapse{_origin(d)}",
        "os": f"death from any cause; censored at last contact{_origin(d)}",
        "pfs": f"relapse/progression or death, whichever first{_origin(d)}",
        "efs": (
            f"first of: induction failure (best response before relapse{_window(d)} not {_cr_words(d)}; an event on day 1, "
            f"the time origin; never assessed: not counted), relapse/progression, death (ELN 2022){_origin(d)}"
        ),
        "crfs": "first of chronic GVHD needing systemic therapy, relapse or death",
        "grfs": f"first of grade >= {d.grfs_agvhd_min_grade} acute GVHD, chronic GVHD{' needing systemic therapy' if d.grfs_cgvhd_requires_systemic_therapy else ''}, relapse or death (Holtan 2015)",
        "immune_reconstitution": f"first of {d.immune_values} value(s) with CD4 >= {d.cd4_threshold} x10^9/L from day {d.immune_first_day}; competing: death",
        "lymphocyte_recovery": f"first of {d.immune_values} value(s) with ALC >= {d.alc_threshold} x10^9/L from day {d.immune_first_day}; competing: death",
        "primary_graft_failure": _primary_rule(d),
        "secondary_graft_failure": _secondary_rule(d),
        "graft_rejection": (
            f"allo-HSCT only: the first chimerism assessment with donor cells below {d.chimerism_mixed_from_pct:g} % "
            f"(or not detected) in every lineage tested (tests within {d.chimerism_assessment_window_days} days read together); "
            "graft rejection is the immune-mediated loss of donor cells, distinct from graft failure (Sureda 2024, Table 1)"
        ),
        "chimerism_category": _chimerism_rule(d),
        "best_response": f"best of cr > crh > cri > mlfs > pr > sd > nr (ELN 2022) before relapse{_window(d)}; cr_achieved: {_cr_words(d)}",
        "death_cause": "cause of death as recorded (CIBMTR categories), empty while alive",
        "serious_adverse_event_attributed": f"any CTCAE grade >= {d.sae_min_grade} event attributed to {_words(d.sae_attributions)}",
    }
    rules["platelet50_engraftment"] = rules["platelet_engraftment"].replace(str(d.platelet_threshold), str(d.platelet50_threshold), 1)
    if endpoint.startswith("infection"):
        kind = endpoint.removeprefix("infection").strip("_") or "any kind"
        return f"first documented infection ({kind}) on or after day {d.infection_first_day}; competing: death [preset {d.preset_name}]"
    return f"{rules[endpoint]} [preset {d.preset_name}]"


def _words(values) -> str:
    """A tuple of option values as words: ``relapse, progression`` (never a Python list)."""
    return ", ".join(str(v) for v in values) or "none"


def _origin(d: EndpointDefinitions) -> str:
    where = {"infusion": "the infusion (day 0)", "treatment_start": "the first treatment day", "randomisation": "randomisation"}
    return f"; days from {where[d.time_origin]}"


def _window(d: EndpointDefinitions) -> str:
    return "" if d.response_window_days is None else f" within {d.response_window_days} days of the time origin"


def _cr_words(d: EndpointDefinitions) -> str:
    return {"cr": "CR", "cr_crh": "CR or CRh", "cr_crh_cri": "CR, CRh or CRi"}[d.cr_definition]


def _relapse_rule(d: EndpointDefinitions) -> str:
    text = f"first assessment after day 0 with status {_words(d.relapse_statuses)}"
    if d.relapse_at_disease_death:
        text += "; a death from the disease without a relapse recorded before it is a relapse on the death day"
    return text + f"; competing: death without relapse{_origin(d)}"


def _primary_rule(d: EndpointDefinitions) -> str:
    text = (
        f"no neutrophil engraftment (ANC >= {d.anc_threshold}) by day +{d.primary_graft_failure_day_pbsc} (PBSC), "
        f"+{d.primary_graft_failure_day_bm} (marrow), +{d.primary_graft_failure_day_cord} (cord blood)"
    )
    if d.primary_graft_failure_pancytopenia:
        text += (
            f" with associated pancytopenia: ANC < {d.anc_threshold} on days cut-off - {d.graft_failure_window_days} .. cut-off, and platelets "
            f"< {d.pancytopenia_platelet_below:g} or a platelet transfusion within {d.graft_failure_window_days} days of the cut-off"
        )
    else:
        text += f", with a low ANC on days cut-off - {d.graft_failure_window_days} .. cut-off"
    return (
        text + "; no ANC values, death or last contact before the cut-off, or no counts near it: not_evaluable; "
        f"only for {_words(d.graft_failure_modalities)} (MST, chemotherapy: not_applicable)"
    )


def _secondary_rule(d: EndpointDefinitions) -> str:
    if d.secondary_graft_failure_rule == "harmonized":
        text = (
            "after both neutrophil and platelet recovery: "
            f"{d.secondary_graft_failure_values} consecutive ANC values < {d.anc_threshold}, or "
            f"{d.secondary_graft_failure_transfusions} platelet-transfusion days within {d.secondary_graft_failure_transfusion_days} days"
        )
    else:
        text = f"after neutrophil engraftment: {d.secondary_graft_failure_values} consecutive ANC values < {d.anc_threshold} (ANC-only rule)"
    if d.secondary_graft_failure_relapse_window_days is not None:
        text += f"; a relapse or progression within {d.secondary_graft_failure_relapse_window_days} days of the decline explains it (not graft failure)"
    return text + f"; only for {_words(d.graft_failure_modalities)}"


def _chimerism_rule(d: EndpointDefinitions) -> str:
    when = "last assessment" if d.chimerism_landmark_day is None else f"last assessment on or before day {d.chimerism_landmark_day}"
    return (
        f"allo-HSCT: {when} (tests within {d.chimerism_assessment_window_days} days, latest per lineage group): "
        f"full > {d.chimerism_full_above_pct:g} % in myeloid and lymphoid lineages (else full_myeloid_only, full_lymphoid_only, full_unsorted), "
        f"donor_loss < {d.chimerism_mixed_from_pct:g} % in every lineage, mixed otherwise. "
        f"MST, every test: microchimerism = donor cells detected below {d.mst_microchimerism_below_pct:g} %, "
        f"persistent when detected at least {d.mst_microchimerism_persistence_days} days apart; macrochimerism when the last test is at or above it. "
        "Below the assay's limit of detection: not detected, never 0 %"
    )


def _run_evidence(tables: CohortTables, d: EndpointDefinitions, analyte: str, threshold: float, day: Any, values: int, first_day: int) -> pd.DataFrame:
    daily = daily_counts(tables.labs, analyte, d, first_day=first_day).order_by("day").to_pandas()
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

    if endpoint == "neutrophil_engraftment" or endpoint in ("primary_graft_failure", "secondary_graft_failure"):
        engrafted = pd.notna(row["neutrophil_engraftment_status"]) and row["neutrophil_engraftment_status"] == 1
        neutro_day = row["neutrophil_engraftment_day"] if engrafted else None
        parts.append(_run_evidence(tables, d, "anc", d.anc_threshold, neutro_day, d.engraftment_values, d.engraftment_first_day))
        if endpoint != "neutrophil_engraftment":
            treatment = tables.treatments.select("modality", "graft_source").to_pandas().iloc[0]
            result["modality"] = treatment.modality
            result["graft_source"] = treatment.graft_source
            result["cut_off_day"] = d.primary_graft_failure_day(treatment.graft_source)
            for column in ("neutrophil_engraftment_day", "neutrophil_engraftment_status", "neutrophil_engraftment_applicable"):
                result[column] = row[column]
            if endpoint == "secondary_graft_failure":
                for column in ("platelet_engraftment_day", "platelet_engraftment_status", "secondary_graft_failure_day"):
                    result[column] = row[column]
            parts.append(_rows(tables.followup.drop("patient_id"), "follow-up (death / last contact)"))
    elif endpoint in ("platelet_engraftment", "platelet50_engraftment"):
        threshold = d.platelet_threshold if endpoint == "platelet_engraftment" else d.platelet50_threshold
        parts.append(_run_evidence(tables, d, "plt", threshold, event_day, d.engraftment_values, d.engraftment_first_day))
        t = tables.transfusions
        transfusions = t.filter(t.product == "platelets").order_by("day")
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
        parts.append(_rows(tables.chimerism.order_by("day").drop("patient_id", "date"), "chimerism test"))
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
    return Explanation(patient_id=patient_id, endpoint=endpoint, rule=_rule(endpoint, d), result=result, evidence=evidence)
