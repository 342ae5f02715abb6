"""The report's multi-state section: where patients are over time, by arm.

For allo-HSCT arms (and MST arms whose data have relapses and deaths) the
illness-death model (alive without relapse, alive after relapse, dead)
and, for allo-HSCT arms with platelet and acute GVHD data, the EBMT
six-state model of mstate's ``ebmt4``: stacked state-occupation plots per
arm, state probabilities with 95 % CIs at landmark days, and the expected
days spent in each state (restricted mean time in state). Estimates are the
Aalen-Johansen estimator with R survival's infinitesimal-jackknife SEs
(``graftline.stats.multistate``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from graftline.report.html import FigureBlock, FigureRow, Paragraph, Section, TableBlock
from graftline.report.writer import ReportWriter, pct_ci

SECTION = "Multi-state models"
LANDMARKS = (100, 365, 730)
MIN_PATIENTS = 5
STATE_LABELS = {
    "illness_death": {"transplant": "alive without relapse", "relapse": "alive after relapse", "death": "dead"},
    "ebmt6": {"transplant": "no recovery, no aGVHD", "platelet_recovery": "platelet recovery",
              "agvhd": "acute GVHD", "recovery_agvhd": "recovery and aGVHD", "relapse": "relapse",
              "death": "death in remission"},
}
STATE_COLORS = {
    "illness_death": ("#56B4E9", "#E69F00", "#999999"),
    "ebmt6": ("#56B4E9", "#009E73", "#F0E442", "#E69F00", "#CC79A7", "#999999"),
}
MODEL_TITLES = {"illness_death": "Illness-death model (transplant, relapse, death)",
                "ebmt6": "EBMT six-state model (platelet recovery, acute GVHD II-IV, relapse, death)"}


def multistate_arms(endpoints: pd.DataFrame, arms: Sequence[str]) -> list[str]:
    """Arms the section covers: allo-HSCT, and MST with at least one relapse and one death."""
    if "modality" not in endpoints.columns or not {"relapse_status", "os_status"} <= set(endpoints.columns):
        return []
    chosen = []
    for arm in arms:
        rows = endpoints[endpoints["arm"].astype(str) == arm]
        modality = set(rows["modality"].dropna().astype(str))
        if len(rows) < MIN_PATIENTS:
            continue
        if "allo_hsct" in modality:
            chosen.append(arm)
        elif "mst" in modality and (rows["relapse_status"] == 1).any() and (rows["os_status"] == 1).any():
            chosen.append(arm)
    return chosen


def multistate_section(writer: ReportWriter, endpoints: pd.DataFrame, arms: Sequence[str]) -> Section | None:
    """The section, or None when no arm qualifies (no allo-HSCT, no MST with relapse and death)."""
    from graftline.stats.multistate.endpoints import ebmt6_data, illness_death_data

    chosen = multistate_arms(endpoints, arms)
    if not chosen:
        return None
    data = endpoints[endpoints["arm"].astype(str).isin(chosen)].copy()
    data["arm"] = pd.Categorical(data["arm"].astype(str), categories=chosen)
    blocks: list = [Paragraph(
        "Probability of being in each state over time (Aalen-Johansen estimator; 95 % CIs on the log "
        "scale from the infinitesimal-jackknife standard error, as R survival's multi-state survfit). "
        "Arms: " + ", ".join(chosen) + ". Events on the same day are ordered clinically and half a day "
        "apart (EBMT convention), which leaves probabilities at whole days unchanged.", "note")]
    subsections = []
    models = [("illness_death", illness_death_data, chosen)]
    allo = [a for a in chosen if "allo_hsct" in set(data.loc[data.arm == a, "modality"].astype(str))]
    needed = {"platelet_engraftment_day", "platelet_engraftment_status", "agvhd_2_4_day", "agvhd_2_4_status"}
    if allo and needed <= set(data.columns):
        models.append(("ebmt6", ebmt6_data, allo))
    for name, builder, model_arms in models:
        subsections.append(_model_block(writer, data[data.arm.isin(model_arms)], model_arms, name, builder))
    return Section("multistate", SECTION, blocks, subsections)


def _model_block(writer, data, arms, name, builder) -> Section:
    from graftline.stats import multistate

    title = MODEL_TITLES[name]
    try:
        fit = multistate(builder(data.assign(arm=data["arm"].astype(str))), group="arm")
    except Exception as error:  # noqa: BLE001 - one failed model must not stop the report
        reason = _without_identifiers(f"estimation failed ({type(error).__name__}: {error})",
                                      data.get("patient_id", pd.Series(dtype=str)))
        return Section(f"multistate-{name}", title, [writer.reason(SECTION, title, reason)])
    labels = STATE_LABELS[name]
    horizon = float(min(data["os_day"].max(), 5 * 365.25))
    blocks: list = [FigureRow(tuple(
        FigureBlock(writer.figure(_stacked(fit, arm, name, horizon), f"multistate_{name}_{_slug(arm)}"),
                    f"{title}: {arm}") for arm in fit.groups))]
    days = [d for d in LANDMARKS if d <= horizon]
    if days:
        at = fit.probabilities(days)
        at.insert(0, "model", name)
        writer.collect("multistate_probabilities", at)
        shown = at.assign(state=at.state.map(labels), value=[
            pct_ci(p, lo, hi) if np.isfinite(p) else "-" for p, lo, hi in zip(at.probability, at.lower, at.upper,
                                                                                strict=True)])
        table = shown.pivot_table(index=["group", "state"], columns="time", values="value", aggfunc="first",
                                  sort=False).reset_index()
        table.columns = ["arm", "state"] + [f"day {int(d)}, % (95% CI)" for d in table.columns[2:]]
        blocks.append(TableBlock(table, f"{title}: state probabilities by arm"))
    tau = float(min(730.0, horizon))
    sojourn = fit.sojourn(tau)
    sojourn.insert(0, "model", name)
    writer.collect("multistate_time_in_state", sojourn)
    shown = sojourn.assign(state=sojourn.state.map(labels),
                           days=[f"{m:.0f} ({m - 1.96 * s:.0f}-{m + 1.96 * s:.0f})"
                                 for m, s in zip(sojourn.rmean, sojourn.se, strict=True)])
    table = shown.pivot(index="state", columns="group", values="days").reindex(
        [labels[s] for s in fit.states]).reset_index()
    table.columns = ["state"] + [str(c) for c in table.columns[1:]]
    blocks.append(TableBlock(table, f"{title}: expected days in each state within the first {tau:.0f} days "
                                    "(restricted mean, 95% CI)"))
    return Section(f"multistate-{name}", title, blocks)


def _stacked(fit, arm, name, horizon):
    """The command's figure (:func:`graftline.report.state_figure.plot_state_occupation`) for one arm."""
    from graftline.report.figures import time_axis
    from graftline.report.state_figure import in_follow_up, plot_state_occupation

    axis = time_axis(horizon, unit="months" if horizon > 730 else "days")
    return plot_state_occupation(fit, groups=[arm], state_labels=STATE_LABELS[name], colors=STATE_COLORS[name],
                                 axis=axis, in_follow_up=in_follow_up(fit, axis.tick_days), title=str(arm))


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in str(text)).strip("_").lower() or "arm"


def _without_identifiers(text: str, patients) -> str:
    """The builders' errors name the patient (right for the command line); a report names none."""
    for patient in pd.unique(patients.astype(str)):
        if patient in text:
            text = text.replace(repr(patient), "[identifier withheld]").replace(patient, "[identifier withheld]")
    return text
