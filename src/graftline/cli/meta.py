"""``graftline meta``: pool one outcome of an extraction sheet."""

from __future__ import annotations

from pathlib import Path

import typer

from graftline.cli.app import app, console, say
from graftline.errors import InputError
from graftline.export import staged_folder, write_csv

MODELS = ("iv", "mh", "peto", "glmm")


@app.command("meta")
def meta_command(
    sheet: Path = typer.Argument(..., help="Extraction sheet (CSV, see docs/extraction-sheet.md)."),
    outcome: str = typer.Option(..., "--outcome", help="Value of the sheet's outcome column to pool."),
    out: Path = typer.Option(..., "--out", help="Directory for forest plot, funnel plot and tables."),
    by: str | None = typer.Option(None, "--by", help="Free sheet column to form subgroups (e.g. msc_source)."),
    method: str = typer.Option("REML", "--method", help="tau^2 estimator: FE, DL, REML, ML, PM, SJ, HE, HS, EB."),
    test: str = typer.Option("z", "--test", help="z, or knha (Hartung-Knapp-Sidik-Jonkman)."),
    measure: str | None = typer.Option(
        None, "--measure", help="Effect measure (default MN / PLO, MD / RR with --compare, HR for hazard ratios)."),
    arm: str | None = typer.Option(None, "--arm", help="Use only rows of this arm (single-arm pooling)."),
    compare: str | None = typer.Option(
        None, "--compare", help="EXPERIMENTAL:CONTROL arms for a two-arm measure; names the 'favours' labels."),
    model: str = typer.Option(
        "iv", "--model", help="iv (inverse variance), mh (Mantel-Haenszel), peto, or glmm (binomial-normal)."),
    glmm_model: str = typer.Option("UM.FS", "--glmm-model", help="Two-arm GLMM: UM.FS or CM.AL (as rma.glmm)."),
    sort: str | None = typer.Option(None, "--sort", help="Forest-plot order: year, effect or weight (default: sheet order)."),
    higher_is_better: bool = typer.Option(
        False, "--higher-is-better", help="Higher values favour the experimental arm (e.g. complete remission)."),
    rob: Path | None = typer.Option(None, "--rob", help="Risk-of-bias table (CSV: study, tool, domain, judgement, support)."),
    design: str | None = typer.Option(None, "--design", help="GRADE starting point: rct or observational (default from the sheet)."),
    indirectness: str | None = typer.Option(None, "--indirectness", help="GRADE rating, e.g. '-1: adults only'."),
    publication_bias: str | None = typer.Option(None, "--publication-bias", help="GRADE rating, e.g. '-1: reason'."),
    conversion: str = typer.Option("luo-wan", "--conversion", help="Median-to-mean method: luo-wan or wan."),
    no_skew_test: bool = typer.Option(False, "--no-skew-test", help="Convert medians even when the summary looks skewed."),
) -> None:
    """Convert medians where needed, pool one outcome, write forest plot (SVG+PNG), diagnostics, GRADE and tables."""
    import numpy as np
    import pandas as pd

    from graftline.meta.sheet import prepare_outcome, read_extraction_sheet, subgroup_columns

    model = model.lower()
    if model not in MODELS:
        raise InputError(f"--model must be one of {', '.join(MODELS)}, not {model!r}")
    if sort is not None and sort not in {"year", "effect", "weight"}:
        raise InputError(f"--sort must be year, effect or weight, not {sort!r}")
    data = read_extraction_sheet(sheet)
    pair = None
    if compare:
        if compare.count(":") != 1:
            raise InputError(f"--compare must look like EXPERIMENTAL:CONTROL, not {compare!r}")
        pair = tuple(part.strip() for part in compare.split(":"))
    if by is not None and by != "design" and by not in subgroup_columns(data):
        raise InputError(f"--by {by!r}: not a free column of {sheet.name}; free columns: "
                         f"{', '.join(subgroup_columns(data)) or 'none'} (or design)")
    if by is not None and model != "iv":
        raise InputError(f"--by forms subgroups for inverse-variance pooling only; with --model {model}, "
                         "pool each subgroup's rows on its own")
    prepared = prepare_outcome(data, outcome, measure=measure, arm=arm, compare=pair,
                               conversion=conversion, skew_test=not no_skew_test, source=sheet.name)
    for line in prepared.excluded:
        say(line, label="excluded:", style="yellow")
    for line in prepared.conversions:
        say(line, label="converted:", style="cyan")
    studies = prepared.studies
    converted = (studies["converted"].astype(bool) if "converted" in studies
                 else pd.Series(False, index=studies.index))
    labels = studies["label"] + np.where(converted, " †", "")
    result = _fit(prepared, model, glmm_model, method, test, by, labels)
    for message in result.messages:
        say(message, label="note:", style="yellow")

    years = studies["year"].to_numpy(dtype=float)
    if sort == "year" and not np.isfinite(years).all():
        raise InputError(f"--sort year: {int((~np.isfinite(years)).sum())} stud(ies) have no year in {sheet.name}")
    favours = None
    if pair is not None:
        favours = (pair[1], pair[0]) if higher_is_better else pair
    title = outcome.replace("_", " ").capitalize()
    # Every file appears in --out together, or none (graftline.export.staged_folder).
    with staged_folder(out) as folder:
        _write_figures(folder, outcome, title, result, prepared, converted, conversion, favours, pair, sort, years)
        summary = _summary_table(result, prepared.measure)
        write_csv(summary, folder / f"summary_{outcome}.csv")
        write_csv(studies.assign(weight_percent=result.weights[:len(studies)]), folder / f"studies_{outcome}.csv")
        _write_diagnostics(folder, outcome, title, result, years)
        grade = _write_bias_and_grade(folder, outcome, result, prepared, studies, data, rob, design,
                                      indirectness, publication_bias)
    _print_summary(title, prepared, result, summary, grade)
    console.print(f"{len(prepared.conversions)} study arm(s) converted, {len(prepared.excluded)} excluded. "
                  f"Written to {out}/", highlight=False)


def _fit(prepared, model, glmm_model, method, test, by, labels):
    from graftline.meta import pool, pool_glmm, pool_mh, pool_peto

    studies, measure = prepared.studies, prepared.measure
    if model == "iv":
        subgroup = None
        if by is not None:
            subgroup = studies[by].replace("", "not reported").fillna("not reported").astype(str)
        return pool(studies["yi"], studies["vi"], method=method, test=test, subgroup=subgroup,
                    labels=labels, n=studies["n"], measure=measure)
    two_arm = "events_1" in studies
    if model in {"mh", "peto"}:
        if not two_arm or measure not in {"OR", "RR", "RD"}:
            raise InputError(f"--model {model} pools two-arm event counts (OR, RR, RD): give --compare "
                             "EXPERIMENTAL:CONTROL for a binary outcome")
        counts = [studies[c] for c in ("events_1", "n_1", "events_2", "n_2")]
        if model == "peto":
            if measure != "OR":
                raise InputError("--model peto estimates an odds ratio: use --measure OR")
            return pool_peto(*counts, labels=labels)
        return pool_mh(*counts, measure=measure, labels=labels)
    if measure == "PLO" and not two_arm:
        return pool_glmm(studies["events"], studies["n"], measure="PLO", labels=labels)
    if measure == "OR" and two_arm:
        return pool_glmm(studies["events_1"], studies["n_1"], studies["events_2"], studies["n_2"],
                         measure="OR", model=glmm_model.upper(), labels=labels)
    raise InputError(f"--model glmm pools single-arm proportions (measure PLO) or two-arm odds ratios "
                     f"(--compare with --measure OR), not measure {measure}")


def _arms_frame(prepared):
    """Per-arm columns for the forest plot, named as forest_plot expects."""
    studies = prepared.studies
    rename = {"events_1": "events1", "n_1": "n1", "events_2": "events2", "n_2": "n2", "mean_1": "mean1",
              "sd_1": "sd1", "mean_2": "mean2", "sd_2": "sd2"}
    if "n_1" in studies:
        columns = [c for c in rename if c in studies]
        return studies[columns].rename(columns=rename)
    columns = [c for c in ("events", "n", "mean", "sd") if c in studies]
    return studies[columns] if columns else None


def _write_figures(folder, outcome, title, result, prepared, converted, conversion, favours, pair, sort, years):
    from graftline.meta.plots import forest_plot, funnel_plot
    from graftline.meta.plots_diagnostics import contour_funnel_plot
    from graftline.meta.sheet import TWO_ARM_MEASURES

    note = (f"† mean and/or SD estimated from median with IQR/range ({conversion}: Luo 2018 mean, "
            "Wan 2014 / Shi 2020 SD)") if converted.any() else None
    options = {"title": title, "footnote": note, "favours": favours, "arms": _arms_frame(prepared),
               "arm_labels": pair, "order": years if sort == "year" else None,
               "sort": sort if sort in {"effect", "weight"} else None}
    forest_plot(result, path=folder / f"forest_{outcome}.svg", **options)
    forest_plot(result, path=folder / f"forest_{outcome}.png", **options)
    if result.k >= 3 and hasattr(result, "_design"):
        funnel_plot(result, path=folder / f"funnel_{outcome}.svg", title=title)
        if prepared.measure in (*TWO_ARM_MEASURES, "HR"):
            contour_funnel_plot(result, path=folder / f"funnel_contour_{outcome}.svg", title=title)


def _summary_table(result, measure):
    import numpy as np
    import pandas as pd

    from graftline.meta import egger_test

    rows = [_summary_row("overall", result, result.back_transform())]
    groups = getattr(result, "subgroups", None)
    if groups is not None:
        for name, sub in zip(groups.names, groups.results, strict=True):
            rows.append(_summary_row(f"{name}", sub, sub.back_transform()))
    summary = pd.DataFrame(rows)
    if groups is not None:
        summary["q_between"] = groups.q_between
        summary["df_between"] = groups.df_between
        summary["p_between"] = groups.p_between
    if result.k >= 10 and hasattr(result, "_design"):
        # Cochrane Handbook 13.3.5.4: tests for funnel asymmetry only with >= 10 studies.
        egger = egger_test(result)
        summary["egger_statistic"] = [egger.statistic] + [np.nan] * (len(summary) - 1)
        summary["egger_p_value"] = [egger.p_value] + [np.nan] * (len(summary) - 1)
    for name in ("cmh", "cmh_p_value", "tarone", "tarone_p_value", "q_lrt", "q_lrt_p_value"):
        if hasattr(result, name) and np.isfinite(getattr(result, name)):
            summary[name] = [getattr(result, name)] + [np.nan] * (len(summary) - 1)
    return summary


def _write_diagnostics(folder, outcome, title, result, years):
    """Influence, cumulative, Baujat and GOSH for inverse-variance models without subgroups."""
    import numpy as np

    from graftline.meta.diagnostics import GOSH_MAX_STUDIES
    from graftline.meta.plots_diagnostics import baujat_plot, cumulative_plot, gosh_plot

    if not hasattr(result, "_design") or result.k < 3:
        return
    write_csv(result.influence(), folder / f"influence_{outcome}.csv")
    order = years if np.isfinite(years).all() else None
    write_csv(result.cumulative(order), folder / f"cumulative_{outcome}.csv")
    cumulative_plot(result, order, path=folder / f"cumulative_{outcome}.svg",
                    title=f"{title}: cumulative meta-analysis{' by year' if order is not None else ''}")
    baujat_plot(result, path=folder / f"baujat_{outcome}.svg", title=title)
    if result.k <= GOSH_MAX_STUDIES:
        gosh = result.gosh()
        write_csv(gosh.to_frame(), folder / f"gosh_{outcome}.csv")
        gosh_plot(gosh, path=folder / f"gosh_{outcome}.png", title=title)


def _write_bias_and_grade(folder, outcome, result, prepared, studies, data, rob, design, indirectness,
                          publication_bias):
    """Risk-of-bias plots (with --rob) and the GRADE summary-of-findings row."""
    from graftline.meta.grade import grade_certainty, summary_of_findings
    from graftline.meta.risk_of_bias import TOOLS, read_risk_of_bias

    table = None
    if rob is not None:
        table = read_risk_of_bias(rob).for_outcome(outcome)
        for message in table.messages:
            say(message, label="risk of bias:", style="yellow")
        weights = dict(zip(studies["label"], result.weights, strict=False))
        for tool in TOOLS:
            if (table.overall["tool"] == tool).any():
                table.traffic_light_plot(tool, path=folder / f"rob_traffic_light_{tool}.svg")
                table.summary_plot(tool, path=folder / f"rob_summary_{tool}.svg",
                                   weights=weights if all(w == w for w in weights.values()) else None)
        write_csv(table.overall, folder / f"rob_overall_{outcome}.csv")
    if design is None:
        designs = set(studies["design"].fillna("").astype(str).str.lower()) - {""}
        design = "rct" if designs and designs <= {"rct"} else "observational"
    assessment = grade_certainty(result, outcome=outcome.replace("_", " "), design=design, risk_of_bias=table,
                                 study_labels=list(studies["label"]), indirectness=indirectness,
                                 publication_bias=publication_bias)
    write_csv(assessment.to_frame(), folder / f"grade_{outcome}.csv")
    write_csv(summary_of_findings([assessment]), folder / f"summary_of_findings_{outcome}.csv")
    return assessment


def _print_summary(title, prepared, result, summary, grade) -> None:
    import numpy as np
    from rich.table import Table

    from graftline.meta.sheet import TWO_ARM_MEASURES

    method = {"MH": "Mantel-Haenszel", "Peto": "Peto"}.get(result.method, result.method)
    table = Table(title=f"{title}: {prepared.measure}, {method}, test {result.test}")
    # A p-value against 0 means nothing for a single-arm mean or proportion.
    comparative = prepared.measure in (*TWO_ARM_MEASURES, "HR")
    columns = ["analysis", "k", "n", "estimate", "95% CI", "95% PI", "I²", "tau²"] + (["p"] if comparative else [])
    for column in columns:
        table.add_column(column, justify="left" if column == "analysis" else "right", no_wrap=True)
    for _, row in summary.iterrows():
        cells = [row["analysis"], f"{row['k']}", f"{row['n']:.0f}", f"{row['estimate']:.2f}",
                 f"[{row['ci_lower']:.2f}, {row['ci_upper']:.2f}]",
                 "" if not np.isfinite(row["pi_lower"]) else f"[{row['pi_lower']:.2f}, {row['pi_upper']:.2f}]",
                 f"{row['i2']:.0f}%", "0" if row["tau2"] < 1e-8 else f"{row['tau2']:.3g}"]
        table.add_row(*cells, *([f"{row['p_value']:.3g}"] if comparative else []))
    console.print(table)
    groups = getattr(result, "subgroups", None)
    if groups is not None and np.isfinite(groups.q_between):
        console.print(f"Test for subgroup differences: Q = {groups.q_between:.2f}, df = {groups.df_between}, "
                      f"p = {groups.p_between:.3g}", highlight=False)
    console.print(f"Scale: {summary['scale'][0]}. GRADE certainty: {grade.certainty} ({grade.reasons()})",
                  highlight=False)


def _summary_row(name, fit, bt) -> dict:
    import numpy as np

    from graftline.meta.sheet import TWO_ARM_MEASURES

    # A p-value against 0 means nothing for a single-arm mean or proportion (#20): a CI only.
    comparative = fit.measure in (*TWO_ARM_MEASURES, "HR") or fit.measure is None

    return {
        "analysis": name, "k": fit.k, "n": float(np.nansum(fit.n)) if fit.n is not None else float("nan"),
        "measure": fit.measure, "method": fit.method, "test": fit.test, "scale": bt.scale,
        "estimate": bt.estimate, "ci_lower": bt.ci_lower, "ci_upper": bt.ci_upper,
        "pi_lower": bt.pi_lower, "pi_upper": bt.pi_upper, "estimate_analysis_scale": fit.estimate,
        "se_analysis_scale": fit.se, "p_value": fit.p_value if comparative else float("nan"), "tau2": fit.tau2,
        "i2": fit.i2, "q": fit.q, "q_df": fit.q_df, "q_p_value": fit.q_p_value,
        "converged": getattr(fit, "converged", True),
    }

