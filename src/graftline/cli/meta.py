"""``graftline meta``: pool one outcome of an extraction sheet."""

from __future__ import annotations

from pathlib import Path

import typer

from graftline.cli.app import app, console, say
from graftline.errors import InputError


@app.command("meta")
def meta_command(
    sheet: Path = typer.Argument(..., help="Extraction sheet (CSV, see docs/extraction-sheet.md)."),
    outcome: str = typer.Option(..., "--outcome", help="Value of the sheet's outcome column to pool."),
    out: Path = typer.Option(..., "--out", help="Directory for forest plot, funnel plot and tables."),
    by: str | None = typer.Option(None, "--by", help="Free sheet column to form subgroups (e.g. msc_source)."),
    method: str = typer.Option("REML", "--method", help="tau^2 estimator: FE, DL, REML, ML, PM, SJ, HE, HS, EB."),
    test: str = typer.Option("z", "--test", help="z, or knha (Hartung-Knapp-Sidik-Jonkman)."),
    measure: str | None = typer.Option(None, "--measure", help="Effect measure (default MN / PLO, or MD / RR with --compare)."),
    arm: str | None = typer.Option(None, "--arm", help="Use only rows of this arm (single-arm pooling)."),
    compare: str | None = typer.Option(None, "--compare", help="EXPERIMENTAL:CONTROL arms for a two-arm measure."),
    conversion: str = typer.Option("luo-wan", "--conversion", help="Median-to-mean method: luo-wan or wan."),
    no_skew_test: bool = typer.Option(False, "--no-skew-test", help="Convert medians even when the summary looks skewed."),
) -> None:
    """Convert medians where needed, pool one outcome, write forest plot (SVG+PNG) and summary (CSV)."""
    import numpy as np
    import pandas as pd
    from rich.table import Table

    from graftline.export import staged_folder, write_csv
    from graftline.meta import egger_test, pool
    from graftline.meta.plots import forest_plot, funnel_plot
    from graftline.meta.sheet import (
        TWO_ARM_MEASURES,
        prepare_outcome,
        read_extraction_sheet,
        subgroup_columns,
    )

    data = read_extraction_sheet(sheet)
    pair = None
    if compare:
        if compare.count(":") != 1:
            raise InputError(f"--compare must look like EXPERIMENTAL:CONTROL, not {compare!r}")
        pair = tuple(part.strip() for part in compare.split(":"))
    if by is not None and by != "design" and by not in subgroup_columns(data):
        raise InputError(f"--by {by!r}: not a free column of {sheet.name}; free columns: "
                         f"{', '.join(subgroup_columns(data)) or 'none'} (or design)")
    prepared = prepare_outcome(data, outcome, measure=measure, arm=arm, compare=pair,
                               conversion=conversion, skew_test=not no_skew_test, source=sheet.name)
    for line in prepared.excluded:
        say(line, label="excluded:", style="yellow")
    for line in prepared.conversions:
        say(line, label="converted:", style="cyan")
    studies = prepared.studies
    subgroup = None
    if by is not None:
        subgroup = studies[by].replace("", "not reported").fillna("not reported").astype(str)
    # Converted rows carry a dagger in every figure, as the summary table carries the flag.
    converted = studies["converted"].astype(bool) if "converted" in studies else pd.Series(False, index=studies.index)
    labels = studies["label"] + np.where(converted, " †", "")
    result = pool(studies["yi"], studies["vi"], method=method, test=test, subgroup=subgroup,
                  labels=labels, n=studies["n"], measure=prepared.measure)
    for message in result.messages:
        say(message, label="note:", style="yellow")

    # Every file appears in --out together, or none (graftline.export.staged_folder).
    with staged_folder(out) as folder:
        stem = f"{outcome}"
        title = outcome.replace("_", " ").capitalize()
        note = (f"† mean and/or SD estimated from median with IQR/range ({conversion}: Luo 2018 mean, "
                "Wan 2014 / Shi 2020 SD)") if converted.any() else None
        forest_plot(result, path=folder / f"forest_{stem}.svg", title=title, footnote=note)
        forest_plot(result, path=folder / f"forest_{stem}.png", title=title, footnote=note)
        if result.k >= 3:
            funnel_plot(result, path=folder / f"funnel_{stem}.svg", title=title)

        bt = result.back_transform()
        rows = [_summary_row("overall", result, bt)]
        if result.subgroups is not None:
            for name, sub in zip(result.subgroups.names, result.subgroups.results, strict=True):
                rows.append(_summary_row(f"{name}", sub, sub.back_transform()))
        summary = pd.DataFrame(rows)
        if result.subgroups is not None:
            summary["q_between"] = result.subgroups.q_between
            summary["df_between"] = result.subgroups.df_between
            summary["p_between"] = result.subgroups.p_between
        if result.k >= 10:
            # Cochrane Handbook 13.3.5.4: tests for funnel asymmetry only with >= 10 studies.
            egger = egger_test(result)
            summary["egger_statistic"] = [egger.statistic] + [np.nan] * (len(summary) - 1)
            summary["egger_p_value"] = [egger.p_value] + [np.nan] * (len(summary) - 1)
        write_csv(summary, folder / f"summary_{stem}.csv")
        study_table = studies.assign(weight_percent=result.weights)
        write_csv(study_table, folder / f"studies_{stem}.csv")

    table = Table(title=f"{title}: {prepared.measure}, {result.method}, test {result.test}")
    # A p-value against 0 means nothing for a single-arm mean or proportion.
    comparative = prepared.measure in TWO_ARM_MEASURES
    columns = ["analysis", "k", "n", "estimate", "95% CI", "95% PI", "I²", "tau²"] + (["p"] if comparative else [])
    for column in columns:
        table.add_column(column, justify="left" if column == "analysis" else "right", no_wrap=True)
    for row in rows:
        cells = [row["analysis"], f"{row['k']}", f"{row['n']:.0f}", f"{row['estimate']:.2f}",
                 f"[{row['ci_lower']:.2f}, {row['ci_upper']:.2f}]",
                 "" if not np.isfinite(row["pi_lower"]) else f"[{row['pi_lower']:.2f}, {row['pi_upper']:.2f}]",
                 f"{row['i2']:.0f}%", "0" if row["tau2"] < 1e-8 else f"{row['tau2']:.3g}"]
        table.add_row(*cells, *([f"{row['p_value']:.3g}"] if comparative else []))
    console.print(table)
    if result.subgroups is not None and np.isfinite(result.subgroups.q_between):
        s = result.subgroups
        console.print(f"Test for subgroup differences: Q = {s.q_between:.2f}, df = {s.df_between}, "
                      f"p = {s.p_between:.3g}", highlight=False)
    console.print(f"Scale: {bt.scale}. {len(prepared.conversions)} study arm(s) converted from medians, "
                  f"{len(prepared.excluded)} excluded. Written to {out}/", highlight=False)


def _summary_row(name, fit, bt) -> dict:
    return {
        "analysis": name, "k": fit.k, "n": float(sum(fit.n)) if fit.n is not None else float("nan"),
        "measure": fit.measure, "method": fit.method, "test": fit.test, "scale": bt.scale,
        "estimate": bt.estimate, "ci_lower": bt.ci_lower, "ci_upper": bt.ci_upper,
        "pi_lower": bt.pi_lower, "pi_upper": bt.pi_upper, "estimate_analysis_scale": fit.estimate,
        "se_analysis_scale": fit.se, "p_value": fit.p_value, "tau2": fit.tau2,
        "i2": fit.i2, "q": fit.q, "q_df": fit.q_df, "q_p_value": fit.q_p_value, "converged": fit.converged,
    }
