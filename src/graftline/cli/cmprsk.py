"""``graftline cuminc`` and ``graftline fine-gray``: competing risks.

Both follow the statistics commands' convention (:mod:`graftline.cli._analysis_input`,
:mod:`graftline.cli._analysis_output`): ``--endpoint NAME`` (an endpoint
table's ``NAME_day``/``NAME_status``) or ``--time COL --event COL`` with
status 1 = event, 2 = competing event, 0 = censored; an R-like summary on
stdout; ``--out DIR`` for CSV tables and, for ``cuminc``, the figure.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import typer

from graftline.cli import _analysis_input as given
from graftline.cli import _analysis_output as shown
from graftline.cli.app import app, console
from graftline.cli.survival import coefficient_lines, print_csv, reference_lines
from graftline.errors import InputError

TABLE = typer.Argument(..., help="Endpoint table (CSV or Parquet), or any table with a time and a 0/1/2 status column.")


@app.command("cuminc")
def cuminc_command(
    table: Path = TABLE,
    endpoint: str | None = given.ENDPOINT,
    time: str | None = given.TIME,
    event: str | None = given.EVENT,
    group: str | None = typer.Option(None, "--group", help="Column to compare with Gray's test (e.g. arm)."),
    times: str = typer.Option("30,100,365", "--times", help="Comma-separated times at which to report the CIF."),
    csv: bool = shown.CSV,
    out: Path | None = given.OUT,
) -> None:
    """Cumulative incidence (cmprsk::cuminc) of the event (1) with competing events (2), Gray's test.

    Engraftment endpoints: patients whose count never fell below the threshold
    (NAME_applicable = False) are left out, or counted as engrafted on day 0,
    as the table's stored definitions say.
    """
    import pandas as pd

    from graftline.report.analysis import EndpointData, incidence_by_arm
    from graftline.stats import cumulative_incidence

    shown.check_out(out)
    try:
        days = np.array([float(t) for t in times.split(",") if t.strip()])
    except ValueError:
        raise InputError(f"--times {times!r}: expected comma-separated times, e.g. 30,100,365") from None
    rows = given.read_rows(table, command="cuminc", endpoint=endpoint, time=time, event=event, competing=True,
                           columns=[group] if group else [])
    rows = given.complete_rows(rows, [group] if group else [])
    labels = shown.group_labels(rows.frame[group] if group else rows.time, group)
    groups = shown.group_order(labels)
    ordered = pd.Categorical(labels, categories=groups)
    result = cumulative_incidence(rows.time, rows.status, ordered if group else None, causes=[1, 2])
    at = result.at(days)
    if not group:
        at = at.assign(group="All patients")
    gray = result.gray_test() if len(result.groups) > 1 else None
    data = EndpointData(name=rows.label, time=rows.time, status=rows.status, arm=labels,
                        covariates=pd.DataFrame(index=range(rows.n)), excluded=0, arms=groups)
    analysis = incidence_by_arm(data, landmarks=list(days))
    summary = analysis.medians.rename(columns={"arm": "group", "patients": "n"})
    if csv:
        print_csv(at)
    else:
        _print_cuminc(rows, summary, at, gray, group)
    if out is not None:
        stem = f"cuminc_{shown.file_stem(rows.label)}"
        note = None
        if gray is not None and np.isfinite(gray["p_value"].iloc[0]):
            p = gray["p_value"].iloc[0]
            note = f"Gray's test p {'< 0.001' if p < 0.001 else f'= {p:.3f}'}"
        figure = shown.curve_figure(analysis.curves, groups=groups, time=rows.time, group=labels, kind="incidence",
                                    title=shown.outcome_title(rows.label, rows.from_endpoint), note=note,
                                    from_endpoint=rows.from_endpoint, time_name=rows.label,
                                    legend_title=group if group and _bare_numbers(groups) else None)
        shown.write_outputs(out, {f"{stem}_summary": summary, f"{stem}_at": at,
                                  f"{stem}_curves": result.to_frame(), f"{stem}_gray": gray},
                            figure, figure_name=stem)


def _bare_numbers(groups) -> bool:
    try:
        [float(g) for g in groups]
    except ValueError:
        return False
    return True


def _print_cuminc(rows, summary, at, gray, group) -> None:
    events, competing = int((rows.status == 1).sum()), int((rows.status == 2).sum())
    what = rows.label if rows.from_endpoint else f"{rows.label} (status: {rows.event})"
    lines = [f"Cumulative incidence of {what}: {rows.n} patients, {events} events, {competing} competing events, "
             f"{rows.n - events - competing} censored", ""]
    table = summary.assign(
        group=[f"{group}={g}" if group else "" for g in summary.group],
        median=summary["median_day"].map(shown.median_text),
        **{"0.95LCL": summary["median_lower"].map(shown.median_text),
           "0.95UCL": summary["median_upper"].map(shown.median_text)},
    )[["group", "n", "events", "competing_events", "censored", "median", "0.95LCL", "0.95UCL"]]
    lines += [shown.table_text(table.rename(columns={"competing_events": "competing"}), index="group")]
    if table[["median", "0.95LCL", "0.95UCL"]].eq(shown.NOT_REACHED).to_numpy().any():
        lines.append(f"{shown.NOT_REACHED}: not reached (the incidence or its limit stays below 50 %)")
    estimates = at.assign(
        group=[f"{group}={g}" if group else "" for g in at["group"]],
        time=at["time"].map(lambda t: f"{t:g}"), est=at["estimate"].map(shown.number), lower=at["lower"].map(shown.number),
        upper=at["upper"].map(shown.number))[["group", "cause", "time", "est", "lower", "upper"]]
    lines += ["", "Estimates at the chosen times (cause 1 = event, 2 = competing; 95 % CI, cmprsk's log(-log)):",
              shown.table_text(estimates.rename(columns={"lower": "lower .95", "upper": "upper .95"}),
                               index="group")]
    if gray is not None:
        lines.append("")
        for row in gray.itertuples():
            if np.isfinite(row.p_value):
                lines.append(f"Gray's test, cause {row.cause}: chi-square = {row.statistic:.4f} on {row.df} df, "
                             f"p = {shown.p_value(row.p_value)}")
            else:
                none = not (rows.status == row.cause).any()
                why = (f"no {'events' if row.cause == 1 else 'competing events'} in any group" if none
                       else "the variance of the statistic is zero")
                lines.append(f"Gray's test, cause {row.cause}: not computed ({why})")
    shown.print_summary(lines)


@app.command("fine-gray")
def fine_gray_command(
    table: Path = TABLE,
    endpoint: str | None = given.ENDPOINT,
    time: str | None = given.TIME,
    event: str | None = given.EVENT,
    covariates: list[str] | None = given.COVARIATES,
    categorical: list[str] = given.CATEGORICAL,
    reference: list[str] = given.REFERENCE,
    cluster: str | None = typer.Option(
        None, "--cluster", help="Column with clusters (e.g. centre): robust variance as finegray() + coxph()."),
    weights: str | None = typer.Option(None, "--weights", help="Column with case weights (> 0)."),
    cengroup: str | None = typer.Option(
        None, "--cengroup", help="Column defining groups with their own censoring distribution (crr)."),
    csv: bool = shown.CSV,
    out: Path | None = given.OUT,
) -> None:
    """Fine-Gray regression (cmprsk::crr) of the event (1) with competing events (2).

    With --cluster or --weights the model is fitted as R's finegray() + coxph() with
    a robust variance; otherwise with crr's sandwich variance.
    """
    from graftline.stats import fine_gray

    shown.check_out(out)
    names = given.split_names(covariates or [])
    if not names:
        raise InputError("fine-gray: no covariates; give --covariates a,b (e.g. --covariates age,arm)")
    extra = [c for c in (cluster, weights, cengroup) if c]
    rows = given.read_rows(table, command="fine-gray", endpoint=endpoint, time=time, event=event, competing=True,
                           columns=names + extra)
    rows = given.complete_rows(rows, names + extra)
    frame, references = given.covariate_frame(rows, names, categorical=categorical,
                                              reference=given.parse_reference(reference), command="fine-gray")
    try:
        fit = fine_gray(rows.time, rows.status, frame, cause=1,
                        cluster=rows.frame[cluster].to_numpy() if cluster else None,
                        weights=rows.frame[weights].to_numpy() if weights else None,
                        cengroup=rows.frame[cengroup].to_numpy() if cengroup else None)
    except InputError as error:
        raise InputError(f"{rows.source}: {error}") from None
    coefficients = fit.to_frame()
    if csv:
        print_csv(coefficients)
    else:
        events, competing = int((rows.status == 1).sum()), int((rows.status == 2).sum())
        what = rows.label if rows.from_endpoint else f"{rows.label} (status: {rows.event})"
        lines = [f"Fine-Gray competing-risks regression of {what} (cmprsk::crr): n = {fit.n}, "
                 f"events = {events}, competing events = {competing}", *reference_lines(references), ""]
        lines += coefficient_lines(coefficients, ratio="exp(coef)")
        statistic = 2 * (fit.loglik - fit.loglik_null)
        from scipy import stats

        lines += ["", f"Pseudo log-likelihood = {fit.loglik:.4f}",
                  f"Pseudo likelihood ratio test = {statistic:.4g} on {len(fit.terms)} df, "
                  f"p = {shown.p_value(float(stats.chi2.sf(statistic, len(fit.terms))))}"]
        shown.print_summary(lines)
    if not fit.converged:
        console.print("warning: the fit did not converge; do not use these estimates", highlight=False, markup=False)
    if out is not None:
        stem = f"fine_gray_{shown.file_stem(rows.label)}"
        import pandas as pd

        shown.write_outputs(out, {f"{stem}_coefficients": coefficients, f"{stem}_reference_levels": pd.DataFrame(
            {"covariate": list(references), "reference_level": list(references.values())})})
