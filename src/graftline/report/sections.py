"""The report's sections: cohort, engraftment, GVHD, disease and survival."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
import pandas as pd

from graftline.report import analysis, endpoints_shown
from graftline.report.endpoints_shown import EndpointSpec
from graftline.report.figures import (
    numbers_at_risk,
    plot_category_bars,
    plot_step_curves,
    time_axis,
)
from graftline.report.html import FigureBlock, FigureRow, Notice, Paragraph, Section, TableBlock
from graftline.report.table1 import compare_proportions, format_p, table1
from graftline.report.writer import ReportWriter, landmark_label, p_text, pct_ci, time_ci

GRADE_COLORS = ("#f0f0f0", "#c6dbef", "#6baed6", "#2171b5", "#08306b")
CATEGORY_COLORS = ("#08306b", "#2171b5", "#6baed6", "#c6dbef", "#f0f0f0", "#bdbdbd", "#fdd0a2",
                   "#fdae6b", "#e6550d", "#a63603", "#54278f")
#: Chimerism categories in display order (allo-HSCT, then MST; graftline.endpoints.chimerism).
CHIMERISM_LEVELS = ("full", "full_myeloid_only", "full_lymphoid_only", "full_unsorted", "mixed", "donor_loss",
                    "microchimerism_persistent", "microchimerism", "macrochimerism", "not_detected", "not_tested")


def _endpoint_figure_and_tables(writer: ReportWriter, endpoints: pd.DataFrame, spec: EndpointSpec,
                                arms: Sequence[str], section: str, adjust: Sequence[str],
                                not_applicable: str = "excluded"
                                ) -> tuple[FigureBlock | None, list, dict | None]:
    """Estimate one endpoint, draw it and collect its tables; returns figure, notices, summary."""
    data = analysis.endpoint_data(endpoints, spec.name, arms, not_applicable=not_applicable)
    if isinstance(data, str):
        return None, [writer.reason(section, spec.title, data)], None
    try:
        if spec.kind == "incidence":
            result = analysis.incidence_by_arm(data, landmarks=spec.landmarks)
        else:
            result = analysis.survival_by_arm(data, landmarks=spec.landmarks)
    except Exception as error:  # noqa: BLE001 - one failed estimate must not stop the report
        return None, [writer.reason(section, spec.title,
                                    f"estimation failed ({type(error).__name__}: {error})")], None
    notices = [writer.reason(section, spec.title, text) for text in result.notices]
    notices += [Paragraph(f"{spec.title}: {text}", "note") for text in result.remarks]
    if data.not_applicable:
        how = ("are counted as engrafted on day 0 (option engraftment_not_applicable=event_day0)"
               if not_applicable == "event_day0" else
               "are left out of the estimate (option engraftment_not_applicable=excluded)")
        notices.append(Paragraph(f"{spec.title}: {data.not_applicable} patient(s) whose count never fell "
                                 f"below the threshold (CIBMTR \"not applicable\") {how}.", "note"))
    if data.excluded:
        notices.append(Notice(f"{spec.title}: {data.excluded} patient(s) without a usable time or status "
                              "are left out."))
    axis = time_axis(float(data.time.max()), unit=spec.unit, cap_days=spec.cap_days)
    at_risk = numbers_at_risk(data.time, data.arm, axis.tick_days, data.arms)
    kind = "incidence" if spec.kind == "incidence" else "survival"
    ylabel = "Cumulative incidence (%)" if kind == "incidence" else f"{spec.short} (%)"
    fig = plot_step_curves(result.curves, palette=writer.palette, axis=axis, at_risk=at_risk,
                           ylabel=ylabel, title=spec.short or spec.title, note=result.test_note, kind=kind)
    rendered = writer.figure(fig, spec.name)
    caption = (f"{spec.title}: cumulative incidence by arm"
               + (f", {spec.competing} as competing event" if spec.competing else "")
               if kind == "incidence" else f"{spec.title}: Kaplan-Meier estimate by arm, ticks mark censoring")
    writer.collect("numbers_at_risk", pd.DataFrame(
        [{"endpoint": spec.name, "arm": arm, "day": day, "at_risk": int(n)}
         for arm in data.arms for day, n in zip(axis.tick_days, at_risk[arm], strict=True)]))
    landmarks = result.landmarks.assign(endpoint=spec.name)
    writer.collect("landmarks", landmarks[["endpoint", *[c for c in landmarks.columns if c != "endpoint"]]])
    medians = result.medians.assign(endpoint=spec.name)
    writer.collect("medians", medians[["endpoint", *[c for c in medians.columns if c != "endpoint"]]])
    if result.test is not None:
        writer.collect("tests", result.test.assign(endpoint=spec.name)[
            ["endpoint", "test", "arms", "statistic", "df", "p_value"]])
    model = "cox" if spec.kind == "survival" else "fine_gray"
    model_data = analysis.endpoint_data(endpoints, spec.name, arms, covariates=adjust)
    if isinstance(model_data, str):
        notices.append(writer.reason(section, f"{spec.title} hazard ratio", model_data))
        hr = None
    else:
        hr, why = analysis.hazard_ratios(model_data, model=model, adjust=adjust)
        if hr is None:
            notices.append(writer.reason(section, f"{spec.title} hazard ratio", why))
        else:
            hr.insert(0, "endpoint", spec.name)
            hr.insert(5, "adjusted_for", ", ".join(adjust) if adjust else "none")
            writer.collect("hazard_ratios", hr)
    summary = {"spec": spec, "result": result, "hr": hr}
    return FigureBlock(rendered, caption), notices, summary


def _endpoint_table(summaries: Sequence[dict], arms: Sequence[str]) -> pd.DataFrame:
    """One row per endpoint and arm: events, median (95 % CI), landmark estimates, test p."""
    rows = []
    for summary in summaries:
        spec, result = summary["spec"], summary["result"]
        medians = result.medians.set_index("arm")
        p = format_p(result.test.iloc[0]["p_value"]) if result.test is not None else "-"
        for index, arm in enumerate(a for a in arms if a in medians.index):
            m = medians.loc[arm]
            row = {"endpoint": spec.title if index == 0 else "", "arm": arm,
                   "patients": int(m["patients"]), "events": int(m["events"])}
            if spec.kind == "incidence":
                row["competing"] = int(m["competing_events"])
            row[f"median, {spec.unit} (95% CI)"] = time_ci(m["median_day"], m["median_lower"],
                                                            m["median_upper"], spec.unit)
            for day in spec.landmarks:
                hit = result.landmarks[(result.landmarks["arm"] == arm) & (result.landmarks["day"] == day)]
                label = f"% at {landmark_label(day, spec.unit)} (95% CI)"
                row[label] = pct_ci(*hit[["estimate", "lower", "upper"]].iloc[0]) if len(hit) else "-"
            row["p"] = p if index == 0 else ""
            rows.append(row)
    return pd.DataFrame(rows).fillna("")


def endpoint_blocks(writer, endpoints, specs, arms, section, adjust, not_applicable: str = "excluded"):
    figures, notices, summaries = [], [], []
    for spec in specs:
        figure, spec_notices, summary = _endpoint_figure_and_tables(writer, endpoints, spec, arms,
                                                                    section, adjust, not_applicable)
        notices += spec_notices
        if figure is not None:
            figures.append(figure)
            summaries.append(summary)
    blocks: list = []
    if figures:
        blocks.append(FigureRow(tuple(figures)))
    if summaries:
        groups: dict = {}
        for summary in summaries:
            spec = summary["spec"]
            groups.setdefault((spec.kind, spec.unit, spec.landmarks), []).append(summary)
        for (kind, _, _), chosen in groups.items():
            if chosen:
                caption = ("Cumulative incidence by arm" if kind == "incidence"
                           else "Kaplan-Meier estimates by arm")
                test = "Gray's test (see notes)" if kind == "incidence" else "log-rank test"
                blocks.append(TableBlock(_endpoint_table(chosen, arms), caption,
                                         note=f"p: {test} across arms. Medians are the first day the "
                                              "estimate reaches 50 %; NR = not reached; - = beyond the "
                                              "arm's follow-up."))
    return blocks + notices, summaries


def category_block(writer: ReportWriter, endpoints: pd.DataFrame, column: str, arms: Sequence[str],
                    title: str, section: str, levels: Sequence | None = None,
                    figure: bool = False, colors=CATEGORY_COLORS, labels=None) -> list:
    """n (%) of each category by arm; optionally a stacked-bar figure."""
    if column not in endpoints.columns:
        return [writer.reason(section, title, f"the endpoint table has no {column} column")]
    values = endpoints[column]
    known = values.notna()
    if not known.any():
        return [writer.reason(section, title, f"{column} is empty for every patient")]
    text = values[known].map(lambda v: labels.get(v, str(v)) if labels else str(v))
    if levels is None:
        levels = sorted(text.unique())
    else:
        levels = [labels.get(v, str(v)) if labels else str(v) for v in levels]
        levels += sorted(set(text.unique()) - set(levels))
    counts = pd.crosstab(endpoints.loc[known, "arm"], text).reindex(index=list(arms), columns=levels,
                                                                     fill_value=0)
    counts = counts.loc[counts.sum(axis=1) > 0]
    totals = counts.sum(axis=1)
    percent = counts.div(totals.replace(0, np.nan), axis=0) * 100
    long = counts.stack().rename("patients").reset_index().rename(columns={column: "category"})
    long.columns = ["arm", "category", "patients"]
    long["percent"] = [percent.loc[a, c] for a, c in zip(long["arm"], long["category"], strict=True)]
    writer.collect(column, long)
    display = pd.DataFrame({"category": levels})
    for arm in counts.index:
        display[f"{arm} (n={int(totals[arm])})"] = [
            f"{counts.loc[arm, lv]} ({percent.loc[arm, lv]:.0f})" for lv in levels]
    blocks: list = [TableBlock(display, f"{title}: patients (%) by arm",
                               note=f"{int((~known).sum())} patient(s) without a value are not counted."
                               if (~known).any() else "")]
    if figure:
        fig = plot_category_bars(percent, colors=list(colors)[: len(levels)], ylabel="Patients (%)",
                                 title=title, counts=counts)
        blocks.append(FigureRow((FigureBlock(writer.figure(fig, column), f"{title} by arm"),)))
    return blocks


def cohort_section(writer: ReportWriter, endpoints: pd.DataFrame, arms: Sequence[str]) -> Section:
    blocks: list = []
    if endpoints.empty:
        blocks.append(writer.reason("Cohort", "", "The cohort has no patients: nothing can be estimated."))
        return Section("cohort", "Cohort", blocks)
    sizes = endpoints["arm"].value_counts()
    blocks.append(Paragraph(
        f"{len(endpoints)} patients in {len(arms)} arm(s): "
        + "; ".join(f"{arm} {int(sizes.get(arm, 0))}" for arm in arms) + "."))
    small = [a for a in arms if int(sizes.get(a, 0)) < analysis.MIN_ARM_PATIENTS]
    if small:
        blocks.append(writer.reason(
            "Cohort", "", f"Arm(s) {', '.join(small)} have fewer than {analysis.MIN_ARM_PATIENTS} "
            "patients: they are shown in the tables and figures but left out of every between-arm "
            "test and hazard-ratio model, which need at least two patients per arm."))
    follow = _median_follow_up(endpoints, arms)
    if follow is not None:
        writer.collect("follow_up", follow)
        parts = [f"{r.arm} {time_ci(r.median_day, r.lower_day, r.upper_day, 'months', with_unit=True)}"
                 for r in follow.itertuples()]
        blocks.append(Paragraph("Median follow-up (reverse Kaplan-Meier): " + "; ".join(parts)
                                + (" (NR: not reached)" if any("NR" in part for part in parts) else "") + "."))
    characteristics = endpoints
    if "modality" in endpoints and endpoints.groupby("arm")["modality"].nunique().max() <= 1:
        # one modality per arm: the therapy row would only repeat the column headers
        characteristics = endpoints.drop(columns=["modality"])
    t1 = table1(characteristics, arms)
    writer.collect("table1", t1.display)
    writer.collect("table1_summary", t1.summary)
    writer.collect("table1_tests", t1.tests)
    if t1.display.empty:
        blocks.append(writer.reason("Cohort", "Table 1", "no patient characteristics are available "
                                    "(the endpoint table carries none and no cohort store was given)"))
    else:
        blocks.append(TableBlock(t1.display, "Table 1. Patient and graft characteristics by arm",
                                 note="Median (interquartile range) or n (%) of patients with a known "
                                      "value; p from Kruskal-Wallis, chi-square or Fisher's exact test."))
        for row in t1.tests.itertuples():
            if row.test == "none" and not str(row.note).startswith("a single value"):
                blocks.append(writer.reason("Cohort", f"Table 1 test for {row.variable}", row.note))
    return Section("cohort", "Cohort", blocks)


def _median_follow_up(endpoints: pd.DataFrame, arms: Sequence[str]) -> pd.DataFrame | None:
    """Median follow-up by the reverse Kaplan-Meier method (Schemper & Smith 1996)."""
    if "os_day" not in endpoints or "os_status" not in endpoints:
        return None
    from graftline.stats import kaplan_meier

    time = pd.to_numeric(endpoints["os_day"], errors="coerce").to_numpy(dtype=float)
    status = pd.to_numeric(endpoints["os_status"], errors="coerce").to_numpy(dtype=float)
    ok = np.isfinite(time) & np.isfinite(status)
    alive = (status[ok] == 0).astype(int)
    if not alive.any():
        return None
    arm = endpoints["arm"].astype(str).to_numpy()[ok]
    medians = kaplan_meier(time[ok], alive, group=arm).median()
    rows = []
    for name in arms:
        hit = medians[medians["group"] == name]
        if len(hit):
            rows.append({"arm": name, "median_day": hit.iloc[0]["median"],
                         "lower_day": hit.iloc[0]["lower"], "upper_day": hit.iloc[0]["upper"]})
    return pd.DataFrame(rows)


def engraftment_section(writer, endpoints, arms, adjust, definitions=None) -> tuple[Section, list]:
    """Engraftment incidence, graft failure and rejection, chimerism.

    ``definitions`` (the endpoint definitions, when known) say what competes
    with engraftment and how "not applicable" patients enter the estimates.
    """
    specs, not_applicable = engraftment_specs(endpoints, arms, definitions)
    recovery = count_recovery_arms(endpoints, arms)
    blocks, summaries = endpoint_blocks(writer, endpoints, specs, arms, "Engraftment", adjust, not_applicable)
    if recovery:
        grafted = [a for a in arms if a not in recovery]
        blocks.insert(0, Paragraph(
            f"No graft engrafts in the {_and(recovery)} arm{'s' if len(recovery) > 1 else ''} (chemotherapy "
            "alone, or MST whose donor cells are rejected): there the same counting rule measures blood-count "
            "recovery, and the report calls it recovery"
            + (f"; engraftment applies to the {_and(grafted)} arm{'s' if len(grafted) > 1 else ''}."
               if grafted else "."), "note"))
    gf = Section("graft-failure", "Graft failure and rejection")
    for column, title in (("primary_graft_failure", "Primary graft failure"),
                          ("secondary_graft_failure", "Secondary graft failure"),
                          ("graft_rejection", "Graft rejection")):
        levels = ["yes", "no", "not_evaluable", "not_tested", "not_applicable"]
        present = set(endpoints[column].dropna().astype(str)) if column in endpoints.columns else set()
        gf.blocks.extend(category_block(writer, endpoints, column, arms, title, "Engraftment",
                                         levels=[v for v in levels if v in present or v in ("yes", "no")],
                                         labels={True: "yes", False: "no"}))
    gf.blocks.append(Paragraph("not_evaluable: the data cannot show the outcome (no counts, follow-up ended before "
                               "the cut-off day, pancytopenia not measurable); such patients are neither counted "
                               "as failures nor as successes.", "note"))
    chim = Section("chimerism", "Donor chimerism")
    chim.blocks.append(Paragraph("After allo-HSCT full donor chimerism is > 95 % in both myeloid and lymphoid "
                                 "lineages (named by what was tested when only one was); < 5 % is loss of the "
                                 "graft. After microtransplantation (MST) donor cells are expected to be "
                                 "rejected, leaving microchimerism (donor cells detected below the MST "
                                 "threshold), persistent when found on tests weeks apart; this is not graft "
                                 "failure.", "note"))
    present = set(endpoints["chimerism_category"].dropna()) if "chimerism_category" in endpoints.columns else set()
    chim.blocks.extend(category_block(
        writer, endpoints, "chimerism_category", arms, "Chimerism category", "Engraftment",
        levels=[v for v in CHIMERISM_LEVELS if v in present] or None, figure=True))
    title = ("Engraftment" if not recovery else "Blood-count recovery" if len(recovery) == len(arms)
             else "Engraftment and count recovery")
    return Section("engraftment", title, blocks, [gf, chim]), summaries


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


#: Modalities without a graft that engrafts: their count recovery is not engraftment (DOMAIN.md: MST).
COUNT_RECOVERY_MODALITIES = ("chemo", "mst")


def engraftment_specs(endpoints: pd.DataFrame, arms: Sequence[str], definitions=None
                      ) -> tuple[tuple[EndpointSpec, ...], str]:
    """The engraftment endpoints as the report names them, and how "not applicable" patients enter.

    What competes with engraftment comes from the endpoint definitions; arms
    without an engrafting graft make it "count recovery"
    (:func:`endpoints_shown.recovery_wording`).
    """
    specs = endpoints_shown.ENGRAFTMENT
    not_applicable = getattr(definitions, "engraftment_not_applicable", "excluded")
    competing = getattr(definitions, "engraftment_competing", None)
    if competing:
        words = " or ".join(e.replace("_", " ") for e in competing)
        specs = tuple(dataclasses.replace(spec, competing=f"{words} before engraftment") for spec in specs)
    recovery = count_recovery_arms(endpoints, arms)
    if recovery:
        specs = tuple(endpoints_shown.recovery_wording(spec, all_arms=len(recovery) == len(arms)) for spec in specs)
    return specs, not_applicable


def count_recovery_arms(endpoints: pd.DataFrame, arms: Sequence[str]) -> list[str]:
    """Arms whose patients are all treated by chemotherapy alone or MST (no engrafting graft)."""
    if "modality" not in endpoints.columns:
        return []
    by_arm = endpoints.groupby(endpoints["arm"].astype(str))["modality"].agg(lambda m: set(m.dropna().astype(str)))
    return [a for a in arms if a in by_arm.index and by_arm[a] and by_arm[a] <= set(COUNT_RECOVERY_MODALITIES)]


def gvhd_section(writer, endpoints, arms, adjust) -> tuple[Section, list]:
    grade = Section("agvhd-grade", "Maximum acute GVHD grade")
    grade.blocks.extend(category_block(
        writer, endpoints, "agvhd_max_grade", arms, "Maximum acute GVHD grade", "GVHD",
        levels=[0, 1, 2, 3, 4], figure=True, colors=GRADE_COLORS,
        labels={0: "0", 1: "I", 2: "II", 3: "III", 4: "IV"}))
    blocks, summaries = endpoint_blocks(writer, endpoints, endpoints_shown.GVHD, arms, "GVHD", adjust)
    return Section("gvhd", "Graft-versus-host disease", blocks, [grade]), summaries


def cr_block(writer, endpoints, arms) -> list:
    if "cr_achieved" not in endpoints.columns:
        return [writer.reason("Disease and survival", "Complete remission rate",
                              "the endpoint table has no cr_achieved column")]
    values = endpoints["cr_achieved"].map(
        lambda v: np.nan if pd.isna(v) else str(v).lower() in ("true", "1", "1.0", "yes"))
    if "best_response" in endpoints.columns:
        # No response assessment: not evaluable, rather than "no CR".
        values = values.where(endpoints["best_response"].astype(str) != "not_assessed", np.nan)
    rates = analysis.proportion_by_arm(values, endpoints["arm"].astype(str), arms)
    rates = rates[rates["evaluable"] + rates["not_evaluable"] > 0]
    writer.collect("cr_rate", rates)
    compared = rates[(rates["evaluable"] + rates["not_evaluable"]) >= analysis.MIN_ARM_PATIENTS]
    table = np.array([[r.responders, r.evaluable - r.responders] for r in compared.itertuples()])
    test = compare_proportions(table) if len(table) else {"test": "none", "note": "no patients"}
    writer.collect("tests", pd.DataFrame([{"endpoint": "cr_achieved", "test": test["test"],
                                           "arms": ", ".join(compared["arm"]),
                                           "statistic": test.get("statistic"), "df": test.get("df"),
                                           "p_value": test.get("p_value")}]))
    display = pd.DataFrame({
        "arm": rates["arm"],
        "CR / evaluable": [f"{r.responders}/{r.evaluable}" for r in rates.itertuples()],
        "CR rate, % (exact 95% CI)": [pct_ci(r.rate, r.exact_lower, r.exact_upper)
                                      for r in rates.itertuples()],
        "Wilson 95% CI": [pct_ci(r.rate, r.wilson_lower, r.wilson_upper).split(" ", 1)[-1]
                          if r.evaluable else "-" for r in rates.itertuples()],
    })
    blocks: list = [TableBlock(display, "Complete remission rate by arm",
                               note=f"p {p_text(test.get('p_value', np.nan))} ({test['test']}). "
                                    "Patients without a response assessment are not evaluable.")]
    if test["test"] == "none":
        blocks.append(writer.reason("Disease and survival", "CR rate comparison", test["note"]))
    return blocks


def hazard_ratio_block(summaries: Sequence[dict], adjust: Sequence[str],
                       references: dict[str, str] | None = None) -> list:
    rows = []
    for summary in summaries:
        hr = summary["hr"]
        if hr is None:
            continue
        for term in hr[hr["term"].str.startswith("arm")].itertuples():
            rows.append({
                "endpoint": summary["spec"].title, "model": term.model,
                "comparison": f"{term.term[3:]} vs {term.reference_arm}",
                "HR (95% CI)": f"{term.hr:.2f} ({term.lower:.2f}-{term.upper:.2f})",
                "p": format_p(term.p_value), "patients / events": f"{term.patients} / {term.events}",
            })
    if not rows:
        return []
    adjusted = ", ".join(adjust) if adjust else "no covariates (unadjusted)"
    if references:
        adjusted += " (reference levels: " + ", ".join(f"{c} = {level}" for c, level in references.items()) + ")"
    return [TableBlock(pd.DataFrame(rows), "Hazard ratios of the arms",
                       note="Cox proportional hazards (Efron ties) for survival endpoints; Fine-Gray "
                            "subdistribution hazards for endpoints with competing events. Adjusted for: "
                            f"{adjusted}. Coefficients of the covariates are in tables/hazard_ratios.csv.")]


