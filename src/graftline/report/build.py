"""``build_report``: the cohort's analysis as one HTML file, figures and CSV tables."""

from __future__ import annotations

import datetime as dt
import os
import platform
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd

from graftline.errors import InputError
from graftline.report import analysis, endpoints_shown
from graftline.report.endpoints_shown import EndpointSpec
from graftline.report.figures import (
    DAYS_PER_MONTH,
    RenderedFigure,
    numbers_at_risk,
    plot_category_bars,
    plot_step_curves,
    save_figure,
    time_axis,
)
from graftline.report.html import (
    Definitions,
    FigureBlock,
    FigureRow,
    Notice,
    Paragraph,
    Section,
    TableBlock,
    render_html,
)
from graftline.report.inputs import (
    PATIENT_COLUMNS,
    TREATMENT_COLUMNS,
    ReportInputs,
    check_endpoints,
    derive_endpoints,
    join_characteristics,
    patient_characteristics,
    read_endpoint_file,
    redact,
    store_warnings,
)
from graftline.report.palette import Palette, arm_order, make_palette
from graftline.report.table1 import compare_proportions, format_p, table1

GRADE_COLORS = ("#f0f0f0", "#c6dbef", "#6baed6", "#2171b5", "#08306b")
CATEGORY_COLORS = ("#08306b", "#2171b5", "#6baed6", "#c6dbef", "#f0f0f0", "#bdbdbd", "#fdd0a2")
SOFTWARE = ("graftline", "numpy", "scipy", "pandas", "matplotlib", "duckdb", "ibis-framework")


@dataclass(frozen=True)
class Report:
    """What :func:`build_report` wrote.

    Attributes
    ----------
    index
        The self-contained ``index.html``.
    figures, tables
        Every figure (SVG and PNG) and every table (CSV) by name.
    not_estimated
        ``section, endpoint, reason`` of everything that could not be estimated.
    """

    index: Path
    figures: dict[str, RenderedFigure]
    tables: dict[str, Path]
    not_estimated: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        rows = [{"kind": "html", "name": "index", "path": str(self.index)}]
        rows += [{"kind": "figure", "name": n, "path": str(f.svg_path)} for n, f in self.figures.items()]
        rows += [{"kind": "table", "name": n, "path": str(p)} for n, p in self.tables.items()]
        return pd.DataFrame(rows)


@dataclass
class _Writer:
    """Collects figures, CSV tables and not-estimated reasons while sections are built."""

    out_dir: Path
    palette: Palette
    figures: dict[str, RenderedFigure] = field(default_factory=dict)
    tables: dict[str, Path] = field(default_factory=dict)
    frames: dict[str, list[pd.DataFrame]] = field(default_factory=dict)
    not_estimated: list[dict] = field(default_factory=list)

    def figure(self, fig, name: str) -> RenderedFigure:
        rendered = save_figure(fig, self.out_dir / "figures", name)
        self.figures[name] = rendered
        return rendered

    def collect(self, table: str, frame: pd.DataFrame | None) -> None:
        if frame is not None and not frame.empty:
            self.frames.setdefault(table, []).append(frame)

    def reason(self, section: str, endpoint: str, reason: str) -> Notice:
        self.not_estimated.append({"section": section, "endpoint": endpoint, "reason": reason})
        return Notice(f"{endpoint}: {reason}" if endpoint else reason)

    def write_tables(self, extra: dict[str, pd.DataFrame]) -> None:
        folder = self.out_dir / "tables"
        folder.mkdir(parents=True, exist_ok=True)
        frames = {name: pd.concat(parts, ignore_index=True) for name, parts in self.frames.items()}
        frames.update(extra)
        frames["not_estimated"] = pd.DataFrame(self.not_estimated, columns=["section", "endpoint", "reason"])
        for name, frame in frames.items():
            path = folder / f"{name}.csv"
            frame.to_csv(path, index=False, float_format="%.10g", lineterminator="\n")
            self.tables[name] = path


# --- formatting ----------------------------------------------------------


def _pct_ci(estimate: float, lower: float, upper: float) -> str:
    if not np.isfinite(estimate):
        return "-"
    if not (np.isfinite(lower) and np.isfinite(upper)):
        return f"{100 * estimate:.1f}"
    return f"{100 * estimate:.1f} ({100 * lower:.1f}-{100 * upper:.1f})"


def _time_ci(median: float, lower: float, upper: float, unit: str) -> str:
    scale = 1.0 if unit == "days" else DAYS_PER_MONTH
    digits = 0 if unit == "days" else 1

    def one(x: float) -> str:
        return "NR" if not np.isfinite(x) else f"{x / scale:.{digits}f}"

    if not np.isfinite(median):
        return "not reached"
    return f"{one(median)} ({one(lower)}-{one(upper)})"


def _p_text(p: float) -> str:
    text = format_p(p)
    return text if text.startswith("<") else f"= {text}"


def _landmark_label(day: int, unit: str) -> str:
    if unit == "months" and day % 365 == 0:
        years = day // 365
        return f"{years} year" + ("s" if years > 1 else "")
    return f"day {day}"


# --- endpoint blocks ---------------------------------------------------------


def _endpoint_figure_and_tables(writer: _Writer, endpoints: pd.DataFrame, spec: EndpointSpec,
                                arms: Sequence[str], section: str, adjust: Sequence[str]
                                ) -> tuple[FigureBlock | None, list, dict | None]:
    """Estimate one endpoint, draw it and collect its tables; returns figure, notices, summary."""
    data = analysis.endpoint_data(endpoints, spec.name, arms)
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
        notices.append(Paragraph(f"{spec.title}: {data.not_applicable} patient(s) whose count never fell "
                                 "below the threshold (not applicable, CIBMTR) are left out.", "note"))
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
            row[f"median, {spec.unit} (95% CI)"] = _time_ci(m["median_day"], m["median_lower"],
                                                            m["median_upper"], spec.unit)
            for day in spec.landmarks:
                hit = result.landmarks[(result.landmarks["arm"] == arm) & (result.landmarks["day"] == day)]
                label = f"% at {_landmark_label(day, spec.unit)} (95% CI)"
                row[label] = _pct_ci(*hit[["estimate", "lower", "upper"]].iloc[0]) if len(hit) else "-"
            row["p"] = p if index == 0 else ""
            rows.append(row)
    return pd.DataFrame(rows).fillna("")


def _endpoint_blocks(writer, endpoints, specs, arms, section, adjust):
    figures, notices, summaries = [], [], []
    for spec in specs:
        figure, spec_notices, summary = _endpoint_figure_and_tables(writer, endpoints, spec, arms,
                                                                    section, adjust)
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


def _category_block(writer: _Writer, endpoints: pd.DataFrame, column: str, arms: Sequence[str],
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


# --- sections ----------------------------------------------------------------


def _cohort_section(writer: _Writer, endpoints: pd.DataFrame, arms: Sequence[str]) -> Section:
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
        blocks.append(Paragraph(
            "Median follow-up (reverse Kaplan-Meier): " + "; ".join(
                f"{r.arm} {_time_ci(r.median_day, r.lower_day, r.upper_day, 'months')} months"
                for r in follow.itertuples()) + "."))
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


def _engraftment_section(writer, endpoints, arms, adjust) -> tuple[Section, list]:
    blocks, summaries = _endpoint_blocks(writer, endpoints, endpoints_shown.ENGRAFTMENT, arms,
                                         "Engraftment", adjust)
    gf = Section("graft-failure", "Graft failure")
    for column, title in (("primary_graft_failure", "Primary graft failure"),
                          ("secondary_graft_failure", "Secondary graft failure")):
        gf.blocks.extend(_category_block(writer, endpoints, column, arms, title, "Engraftment",
                                         levels=["yes", "no", "not_applicable"],
                                         labels={True: "yes", False: "no"}))
    chim = Section("chimerism", "Donor chimerism")
    chim.blocks.append(Paragraph("After microtransplantation (MST) donor cells are expected to be "
                                 "rejected, leaving microchimerism (< 1 % donor cells); this is not "
                                 "graft failure.", "note"))
    chim.blocks.extend(_category_block(
        writer, endpoints, "chimerism_category", arms, "Chimerism category", "Engraftment",
        levels=["full", "mixed", "microchimerism", "not_detected", "not_tested"], figure=True))
    return Section("engraftment", "Engraftment", blocks, [gf, chim]), summaries


def _gvhd_section(writer, endpoints, arms, adjust) -> tuple[Section, list]:
    grade = Section("agvhd-grade", "Maximum acute GVHD grade")
    grade.blocks.extend(_category_block(
        writer, endpoints, "agvhd_max_grade", arms, "Maximum acute GVHD grade", "GVHD",
        levels=[0, 1, 2, 3, 4], figure=True, colors=GRADE_COLORS,
        labels={0: "0", 1: "I", 2: "II", 3: "III", 4: "IV"}))
    blocks, summaries = _endpoint_blocks(writer, endpoints, endpoints_shown.GVHD, arms, "GVHD", adjust)
    return Section("gvhd", "Graft-versus-host disease", blocks, [grade]), summaries


def _cr_block(writer, endpoints, arms) -> list:
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
        "CR rate, % (exact 95% CI)": [_pct_ci(r.rate, r.exact_lower, r.exact_upper)
                                      for r in rates.itertuples()],
        "Wilson 95% CI": [_pct_ci(r.rate, r.wilson_lower, r.wilson_upper).split(" ", 1)[-1]
                          if r.evaluable else "-" for r in rates.itertuples()],
    })
    blocks: list = [TableBlock(display, "Complete remission rate by arm",
                               note=f"p {_p_text(test.get('p_value', np.nan))} ({test['test']}). "
                                    "Patients without a response assessment are not evaluable.")]
    if test["test"] == "none":
        blocks.append(writer.reason("Disease and survival", "CR rate comparison", test["note"]))
    return blocks


def _hazard_ratio_block(summaries: Sequence[dict], adjust: Sequence[str]) -> list:
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
    return [TableBlock(pd.DataFrame(rows), "Hazard ratios of the arms",
                       note="Cox proportional hazards (Efron ties) for survival endpoints; Fine-Gray "
                            "subdistribution hazards for endpoints with competing events. Adjusted for: "
                            f"{adjusted}. Coefficients of the covariates are in tables/hazard_ratios.csv.")]


def _methods_section(inputs: ReportInputs, adjust: Sequence[str], date: str) -> Section:
    blocks: list = [Paragraph(f"Data: {inputs.source}.")]
    definitions = inputs.definitions
    if definitions is not None:
        preset = getattr(definitions, "preset_name", "custom")
        deviations = definitions.deviations() if hasattr(definitions, "deviations") else []
        blocks.append(Paragraph(f"Endpoint definitions: preset '{preset}'"
                                + (f" with {len(deviations)} deviation(s):" if deviations
                                   else " without deviations.")))
        if deviations:
            blocks.append(TableBlock(pd.DataFrame(deviations, columns=["option", "preset value", "value used"])
                                     .astype(str), "Deviations from the preset"))
        if hasattr(definitions, "describe"):
            options = pd.DataFrame(definitions.describe())
            options["value"] = options["value"].map(lambda v: "none" if v is None else str(v))
            options = options.astype(str)
            blocks.append(TableBlock(options, "Every endpoint option used"))
    else:
        blocks.append(Paragraph("Endpoint definitions: the endpoint table was supplied by the user; "
                                "graftline did not derive it."))
    blocks.append(Paragraph(
        "Statistics: cumulative incidence by the Aalen-Johansen estimator with competing events and "
        "Gray's test (cmprsk conventions; where Gray's statistic degenerates because nobody is censored, "
        "the log-rank test of the subdistribution hazards, competing events kept in the risk set); "
        "estimates after an arm's last follow-up are given only when its longest-followed patients "
        "all had an event (the curve is then final); Kaplan-Meier estimates with log-transformed 95 % confidence "
        "intervals and the log-rank test (survival conventions); hazard ratios from Cox models (Efron "
        "ties) and Fine-Gray models (robust variance), with the first arm as reference"
        + (f", adjusted for {', '.join(adjust)}" if adjust else "")
        + "; complete remission rates with exact (Clopper-Pearson) and Wilson 95 % intervals. "
        "Table 1: Kruskal-Wallis test for continuous variables, chi-square or Fisher's exact test "
        "(Monte-Carlo for tables larger than 2x2) for categorical ones. Numbers at risk count patients "
        "with follow-up at or after the day shown. Arms with fewer than "
        f"{analysis.MIN_ARM_PATIENTS} patients are shown but left out of tests and models."))
    versions = []
    for package in SOFTWARE:
        try:
            versions.append((package, metadata.version(package)))
        except metadata.PackageNotFoundError:
            continue
    versions.insert(0, ("python", platform.python_version()))
    blocks.append(Definitions(tuple([("report date", date), *versions])))
    return Section("methods", "Methods", blocks)


def _quality_section(writer: _Writer, inputs: ReportInputs, ids: Sequence[str], include_ids: bool) -> Section:
    section = Section("data-quality", "Appendix: data quality")
    warnings = inputs.warnings
    if warnings is None:
        section.blocks.append(Paragraph("No validation warnings are available: the report was built from "
                                        "an endpoint table, not from a cohort store."))
        return section
    if warnings.empty:
        section.blocks.append(Paragraph("The cohort store has no validation warnings."))
        return section
    shown = warnings.copy()
    if not include_ids:
        for column in shown.columns:
            if not pd.api.types.is_numeric_dtype(shown[column]):
                shown[column] = shown[column].map(lambda v: redact(v, ids) if isinstance(v, str) else v)
        shown = shown.drop(columns=[c for c in ("patient_id",) if c in shown.columns])
    writer.collect("data_quality", shown)
    section.blocks.append(TableBlock(shown.astype(str), f"Validation warnings ({len(shown)})",
                                     note="" if include_ids else "Patient identifiers are replaced by "
                                     "[patient]; rerun with --include-ids to show them."))
    return section


# --- entry point ---------------------------------------------------------------


def _connect(store):
    if not isinstance(store, str | os.PathLike):
        return store
    from graftline.cohort import connect

    if "://" not in str(store) and not Path(store).exists():
        raise InputError(f"{store}: cohort store not found; create it with `graftline ingest DIR --db {store}`")
    return connect(str(store), read_only="://" not in str(store))


def _given_endpoints(frame: pd.DataFrame, source: str, store, definitions) -> ReportInputs:
    """An endpoint table given by the caller; ``definitions`` say how it was derived, if known."""
    if store is None:
        return ReportInputs(frame, None, source, definitions)
    con = _connect(store)
    return ReportInputs(join_characteristics(frame, patient_characteristics(con)), store_warnings(con),
                        f"{source}, with patient characteristics from the cohort store", definitions)


def _load(con_or_endpoints, definitions, store) -> ReportInputs:
    if isinstance(con_or_endpoints, pd.DataFrame):
        source = ("the endpoint table derived from the cohort store" if definitions is not None
                  else "an endpoint table supplied by the user")
        return _given_endpoints(check_endpoints(con_or_endpoints, "endpoint table"), source, store,
                                definitions)
    if isinstance(con_or_endpoints, str | os.PathLike) and Path(con_or_endpoints).suffix.lower() in (
            ".csv", ".parquet", ".txt"):
        path = Path(con_or_endpoints)
        return _given_endpoints(read_endpoint_file(path), f"endpoint table {path.name}", store, None)
    con = _connect(con_or_endpoints)
    if definitions is None:
        from graftline.endpoints import EndpointDefinitions

        definitions = EndpointDefinitions.preset("cibmtr")
    endpoints = check_endpoints(derive_endpoints(con, definitions), "derived endpoint table")
    characteristics = patient_characteristics(con)
    return ReportInputs(join_characteristics(endpoints, characteristics), store_warnings(con),
                        "cohort store", definitions)


def _report_date() -> str:
    # SOURCE_DATE_EPOCH (reproducible-builds convention) pins the date, so a
    # rebuilt report is byte-identical.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC))
    return when.strftime("%Y-%m-%d")


def build_report(con_or_endpoints, out_dir: str | os.PathLike, *, adjust: Sequence[str] = (),
                 include_ids: bool = False, definitions=None, store=None,
                 progress: Callable[[str], None] | None = None) -> Report:
    """Write the cohort's analysis: ``index.html``, ``figures/*.svg|png``, ``tables/*.csv``.

    Parameters
    ----------
    con_or_endpoints
        A cohort store (Ibis connection, or the path of a DuckDB file), an
        endpoint table (pandas DataFrame), or the path of one (.csv/.parquet).
    out_dir
        Folder to write into (created if needed; files of an earlier report are overwritten).
    adjust
        Covariates the arm hazard ratios are adjusted for, e.g. ``("age", "disease_risk")``;
        columns of the endpoint table or of ``patients``/``treatments``.
    include_ids
        Show patient identifiers (a per-patient listing and unredacted warnings).
        Off by default: no identifier appears in any file of the report.
    definitions
        :class:`graftline.endpoints.EndpointDefinitions` used to derive the
        endpoints from a store (default: the ``cibmtr`` preset); with an
        endpoint table, the definitions it was derived with (for Methods).
    store
        When starting from an endpoint table: a cohort store (connection or
        path) to take patient characteristics and validation warnings from.
    progress
        Called with the name of each step, for a progress display.

    Returns
    -------
    Report

    Notes
    -----
    Whatever cannot be estimated (no patients, an arm with one patient, no
    events of a kind, a singular model) is stated in the report with the
    reason, and listed in ``tables/not_estimated.csv``; the report still builds.

    Examples
    --------
    >>> build_report("cohort.duckdb", "report", adjust=("age",))  # doctest: +SKIP
    """
    step = progress or (lambda name: None)
    step("reading data")
    inputs = _load(con_or_endpoints, definitions, store)
    endpoints = inputs.endpoints
    adjust = tuple(a.strip() for a in adjust if a.strip())
    unknown = [a for a in adjust if a not in endpoints.columns]
    if unknown:
        raise InputError(f"--adjust {','.join(unknown)}: no such column; expected columns of the endpoint "
                         f"table or of patients/treatments, e.g. {', '.join(_adjustable(endpoints))}")
    modality = {}
    if "modality" in endpoints:
        modality = endpoints.dropna(subset=["modality"]).groupby("arm")["modality"].first().to_dict()
    arms = arm_order(endpoints["arm"], modality)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    writer = _Writer(out, make_palette(arms))
    ids = endpoints["patient_id"].astype(str).tolist()

    step("cohort and Table 1")
    sections = [_cohort_section(writer, endpoints, arms)]
    step("engraftment")
    engraftment, s1 = _engraftment_section(writer, endpoints, arms, adjust)
    step("GVHD")
    gvhd, s2 = _gvhd_section(writer, endpoints, arms, adjust)
    step("disease and survival")
    disease_blocks = _cr_block(writer, endpoints, arms)
    blocks, s3 = _endpoint_blocks(writer, endpoints, endpoints_shown.DISEASE + endpoints_shown.SURVIVAL,
                                  arms, "Disease and survival", adjust)
    disease = Section("disease", "Disease and survival", disease_blocks + blocks)
    disease.blocks.extend(_hazard_ratio_block(s1 + s2 + s3, adjust))
    sections += [engraftment, gvhd, disease]
    date = _report_date()
    sections.append(_methods_section(inputs, adjust, date))
    sections.append(_quality_section(writer, inputs, ids, include_ids))
    extra = {}
    if include_ids:
        listing = Section("patients", "Appendix: patient listing (identifiers shown on request)")
        extra["patient_endpoints"] = endpoints
        listing.blocks.append(Paragraph(f"{len(endpoints)} patients; the full endpoint table is in "
                                        "tables/patient_endpoints.csv."))
        shown = [c for c in ("patient_id", "arm", "neutrophil_engraftment_day", "platelet_engraftment_day",
                             "agvhd_max_grade", "os_day", "os_status") if c in endpoints]
        listing.blocks.append(TableBlock(endpoints[shown].astype(str), "Patients"))
        sections.append(listing)
    step("writing files")
    writer.write_tables(extra)
    subtitle = (f"{len(endpoints)} patients, {len(arms)} arm(s). Report date {date}. graftline "
                f"{_version()}.")
    index = out / "index.html"
    index.write_text(render_html("Cohort analysis", subtitle, sections), encoding="utf-8")
    return Report(index, writer.figures, writer.tables,
                  pd.DataFrame(writer.not_estimated, columns=["section", "endpoint", "reason"]))


def _adjustable(endpoints: pd.DataFrame) -> list[str]:
    known = [c for c in (*PATIENT_COLUMNS, *TREATMENT_COLUMNS) if c in endpoints.columns and c != "arm"]
    return known or ["age", "disease_risk"]


def _version() -> str:
    try:
        return metadata.version("graftline")
    except metadata.PackageNotFoundError:
        return "unknown"
