"""The rules of ``graftline explain`` in words, with the option values in force and the preset.

Every sentence names values as a person writes them (``relapse, progression``,
never a Python list) and ends with the preset the definitions started from.
"""

from __future__ import annotations

from graftline.endpoints.definitions import EndpointDefinitions


def rule_text(endpoint: str, d: EndpointDefinitions) -> str:
    """The rule of ``endpoint`` in words, with the option values and ``[preset NAME]``."""
    gap = "any gap" if d.engraftment_max_gap_days is None else f"gaps of at most {d.engraftment_max_gap_days} days"
    if d.engraftment_missing_day_breaks_run:
        gap = "successive days (a day without a value breaks the run)"
    run = f"first of {d.engraftment_values} consecutive daily values ({gap}; same-day values combined by {d.same_day_values})"
    nadir = ", after the first value below the threshold" if d.engraftment_after_nadir else ""
    competing = ", ".join(d.engraftment_competing) or "none"
    rules = {
        "neutrophil_engraftment": f"ANC >= {d.anc_threshold:g} x10^9/L: {run}{nadir}; not applicable if ANC never fell below the threshold; competing: {competing}",
        "platelet_engraftment": f"platelets >= {d.platelet_threshold:g} x10^9/L: {run}, no platelet transfusion in the {d.platelet_transfusion_free_days} days before ({'inclusive' if d.platelet_transfusion_window_inclusive else 'day - transfusion >= ' + str(d.platelet_transfusion_free_days) + ' is free'}){nadir} (or first transfusion); not applicable if never below and never transfused; competing: {competing}",
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
        "immune_reconstitution": f"first of {d.immune_values} value(s) with CD4 >= {d.cd4_threshold:g} x10^9/L from day {d.immune_first_day}; competing: death",
        "lymphocyte_recovery": f"first of {d.immune_values} value(s) with ALC >= {d.alc_threshold:g} x10^9/L from day {d.immune_first_day}; competing: death",
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
    rules["platelet50_engraftment"] = rules["platelet_engraftment"].replace(f"{d.platelet_threshold:g}", f"{d.platelet50_threshold:g}", 1)
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
        f"no neutrophil engraftment (ANC >= {d.anc_threshold:g}) by day +{d.primary_graft_failure_day_pbsc} (PBSC), "
        f"+{d.primary_graft_failure_day_bm} (marrow), +{d.primary_graft_failure_day_cord} (cord blood)"
    )
    if d.primary_graft_failure_pancytopenia:
        text += (
            f" with associated pancytopenia: ANC < {d.anc_threshold:g} on days cut-off - {d.graft_failure_window_days} .. cut-off, and platelets "
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
            f"{d.secondary_graft_failure_values} consecutive ANC values < {d.anc_threshold:g}, or "
            f"{d.secondary_graft_failure_transfusions} platelet-transfusion days within {d.secondary_graft_failure_transfusion_days} days"
        )
    else:
        text = f"after neutrophil engraftment: {d.secondary_graft_failure_values} consecutive ANC values < {d.anc_threshold:g} (ANC-only rule)"
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
