"""``graftline km``, ``cox`` and ``rmst``: survival statistics from a table.

They follow the statistics commands' convention (:mod:`graftline.cli._analysis_input`,
:mod:`graftline.cli._analysis_output`): ``--endpoint NAME`` or
``--time COL --event COL``; an R-like summary on stdout (``--csv`` for the
table as CSV); ``--out DIR`` for CSV tables and, for ``km``, the figure.
``landmark`` and ``time-dependent`` are in :mod:`graftline.cli.landmark`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import typer

from graftline.cli import _analysis_input as given
from graftline.cli import _analysis_output as shown
from graftline.cli.app import app, console
from graftline.errors import InputError
from graftline.export import (
    print_csv,  # spreadsheet-safe CSV on stdout (cmprsk imports it from here)
)

TABLE = typer.Argument(..., help="CSV or Parquet file: an endpoint table, or any table with one row per patient.")


@app.command()
def km(
    table: Path = TABLE,
    endpoint: str | None = given.ENDPOINT,
    time: str | None = given.TIME,
    event: str | None = given.EVENT,
    group: str | None = given.GROUP,
    conf_type: str = typer.Option("log", help="Confidence interval: log, log-log or plain."),
    curves: bool = typer.Option(False, help="Show the curves at event times, not the medians."),
    csv: bool = shown.CSV,
    out: Path | None = given.OUT,
) -> None:
    """Kaplan-Meier curves per group with medians and a log-rank test, as R survfit/survdiff."""
    import pandas as pd

    from graftline.stats import kaplan_meier

    shown.check_out(out)
    rows = given.read_rows(table, command="km", endpoint=endpoint, time=time, event=event, competing=False,
                           columns=[group] if group else [])
    rows = given.complete_rows(rows, [group] if group else [])
    labels = shown.group_labels(rows.frame[group] if group else rows.time, group)
    groups = shown.group_order(labels)
    try:
        fit = kaplan_meier(rows.time, rows.status, pd.Categorical(labels, categories=groups) if group else None,
                           conf_type=conf_type)
    except InputError as error:
        raise InputError(f"{rows.source}: {error}") from None
    summary = _km_summary(fit, rows, labels, groups)
    test = _logrank(rows, labels, groups) if group else None
    if csv:
        print_csv(fit.to_frame() if curves else summary)
    else:
        _print_km(fit, summary, test, rows, group, conf_type, curves)
    if out is not None:
        stem = f"km_{shown.file_stem(rows.label)}"
        curve_list = _survival_curves(fit, rows, labels, groups)
        note = None if test is None or not np.isfinite(test["p_value"].iloc[0]) else \
            f"Log-rank p {_p_phrase(test['p_value'].iloc[0])}"
        figure = shown.curve_figure(curve_list, groups=groups, time=rows.time, group=labels, kind="survival",
                                    title=shown.outcome_title(rows.label, rows.from_endpoint), note=note,
                                    from_endpoint=rows.from_endpoint, time_name=rows.label,
                                    legend_title=group if group and _codes(groups) else None)
        at_risk = _at_risk_table(rows, labels, groups)
        shown.write_outputs(out, {f"{stem}_summary": summary, f"{stem}_curves": fit.to_frame(),
                                  f"{stem}_logrank": test, f"{stem}_at_risk": at_risk},
                            figure, figure_name=stem)




def _codes(groups) -> bool:
    """Groups that are bare numbers read better with their column name (``group=1``)."""
    try:
        [float(g) for g in groups]
    except ValueError:
        return False
    return True


def _p_phrase(p: float) -> str:
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"


def _km_summary(fit, rows, labels, groups):
    """n, events, median and its limits per group, as ``print(survfit)``."""
    import pandas as pd

    medians = fit.median()
    records = []
    for label, median in zip(groups, medians.itertuples(), strict=True):
        in_group = labels == label
        records.append({"group": label, "n": int(in_group.sum()), "events": int(rows.status[in_group].sum()),
                        "median": median.median, "lower": median.lower, "upper": median.upper})
    return pd.DataFrame(records)


def _logrank(rows, labels, groups):
    import pandas as pd

    from graftline.stats import logrank_test

    if len(groups) < 2:
        return None
    result = logrank_test(rows.time, rows.status, labels)
    return pd.DataFrame([{"test": "log-rank", "statistic": result.statistic, "df": result.df,
                          "p_value": result.p_value}])


def _print_km(fit, summary, test, rows, group, conf_type, curves) -> None:
    level = int(round(fit.conf_level * 100))
    lines = [f"Kaplan-Meier estimate of {_outcome(rows)}: {rows.n} patients, {int(rows.status.sum())} events "
             f"({level} % CI {conf_type})", ""]
    if curves:
        frame = fit.to_frame()
        lines.append(shown.table_text(frame.assign(**{c: frame[c].map(shown.number) for c in
                                                      ("survival", "std_err", "lower", "upper")})))
    else:
        table = summary.assign(
            group=[f"{group}={g}" if group else "" for g in summary.group],  # R's row names
            median=summary["median"].map(shown.median_text),
            lower=summary["lower"].map(shown.median_text),
            upper=summary["upper"].map(shown.median_text),
        ).rename(columns={"lower": f"{fit.conf_level:g}LCL", "upper": f"{fit.conf_level:g}UCL"})
        lines.append(shown.table_text(table, index="group"))
        if (summary[["median", "lower", "upper"]].isna()).to_numpy().any():
            lines.append(f"{shown.NOT_REACHED}: not reached (the curve or its limit stays above 50 %)")
    if test is not None:
        lines += ["", _test_line("Log-rank test (survdiff)", test, rows)]
    shown.print_summary(lines)


def _test_line(name: str, test, rows) -> str:
    row = test.iloc[0]
    if np.isfinite(row["p_value"]):
        return f"{name}: chi-square = {row['statistic']:.4f} on {int(row['df'])} df, p = {shown.p_value(row['p_value'])}"
    why = ("no events in any group" if not (rows.status == 1).any()
           else "the variance of the statistic is zero")
    return f"{name} not computed: {why}"


def _outcome(rows) -> str:
    return rows.label if rows.from_endpoint else f"{rows.label} (event: {rows.event})"


def _survival_curves(fit, rows, labels, groups):
    from graftline.report.figures import StepCurve

    frame = fit.to_frame()
    curves = []
    for label, fitted in zip(groups, fit.groups, strict=True):
        in_group = labels == label
        part = frame[frame["group"] == fitted]
        censored = np.unique(rows.time[in_group & (rows.status == 0)])
        curves.append(StepCurve(str(label), np.r_[0.0, part["time"].to_numpy()],
                                np.r_[1.0, part["survival"].to_numpy()], end=float(rows.time[in_group].max()),
                                censored=censored))
    return curves


def _at_risk_table(rows, labels, groups):
    import pandas as pd

    from graftline.report.figures import numbers_at_risk, time_axis

    longest = float(rows.time.max())
    unit = "months" if rows.from_endpoint and longest > 730 else "days"
    axis = time_axis(longest, unit=unit) if rows.from_endpoint else time_axis(longest, unit="days")
    counts = numbers_at_risk(rows.time, labels, axis.tick_days, groups)
    return pd.DataFrame([{"group": g, "time": t, "at_risk": int(n)}
                         for g in groups for t, n in zip(axis.tick_days, counts[g], strict=True)])


@app.command()
def cox(
    table: Path = TABLE,
    endpoint: str | None = given.ENDPOINT,
    time: str | None = given.TIME,
    event: str | None = given.EVENT,
    covariates: list[str] | None = given.COVARIATES,
    covariate: list[str] = typer.Option([], "--covariate", "-x", help="Covariate column; repeatable (as --covariates)."),
    categorical: list[str] = given.CATEGORICAL,
    reference: list[str] = given.REFERENCE,
    ties: str = typer.Option("efron", help="Tie handling: efron or breslow."),
    strata: str | None = typer.Option(None, help="Column with strata (separate baselines)."),
    start: str | None = typer.Option(
        None, "--start", help="Column with interval start: rows are (start, time] (time-dependent covariates, "
                              "delayed entry), e.g. tstart from `graftline time-dependent`."),
    cluster: str | None = typer.Option(None, help="Column with clusters (e.g. centre): robust variance."),
    weights: str | None = typer.Option(None, help="Column with case weights (> 0)."),
    id: str | None = typer.Option(  # noqa: A002
        None, "--id", help="Column with the patient of each row (several rows per patient)."),
    robust: bool | None = typer.Option(
        None, "--robust/--no-robust",
        help="Robust variance; default as R: with a cluster, non-integer weights or repeated events per id."),
    csv: bool = shown.CSV,
    out: Path | None = given.OUT,
) -> None:
    """Cox proportional-hazards model, as R coxph: one row per model term.

    se is the one R uses for z, p and the CI (robust when robust); naive_se the
    inverse-information SE.
    """
    from graftline.stats import cox_ph

    shown.check_out(out)
    names = given.split_names([*(covariates or []), *covariate])
    if not names:
        raise InputError("cox: no covariates; give --covariates a,b (e.g. --covariates age,arm)")
    extra = [c for c in (strata, cluster, weights, id) if c]
    rows = given.read_rows(table, command="cox", endpoint=endpoint, time=time, event=event, start=start,
                           competing=False, columns=names + extra)
    rows = given.complete_rows(rows, names + extra)
    frame, references = given.covariate_frame(rows, names, categorical=categorical,
                                              reference=given.parse_reference(reference), command="cox")
    column = rows.frame.get
    try:
        fit = cox_ph(rows.time, rows.status, frame, ties=ties, strata=column(strata) if strata else None,
                     start=rows.start, cluster=column(cluster) if cluster else None,
                     weights=column(weights) if weights else None, id=column(id) if id else None, robust=robust)
    except InputError as error:
        raise InputError(f"{rows.source}: {error}") from None
    coefficients = fit.to_frame()
    tests = _model_tests(fit)
    if csv:
        print_csv(coefficients)
    else:
        _print_cox(fit, coefficients, references, rows, ties, strata)
    if not fit.converged:
        console.print("warning: the fit did not converge; do not use these estimates", highlight=False, markup=False)
    if out is not None:
        stem = f"cox_{shown.file_stem(rows.label)}"
        shown.write_outputs(out, {f"{stem}_coefficients": coefficients, f"{stem}_tests": tests,
                                  f"{stem}_reference_levels": _reference_table(references)})


def _model_tests(fit):
    import pandas as pd

    return pd.DataFrame([{"test": name, "statistic": t.statistic, "df": t.df, "p_value": t.p_value}
                         for name, t in (("likelihood ratio", fit.likelihood_ratio), ("Wald", fit.wald),
                                         ("score (log-rank)", fit.score))])


def _reference_table(references: dict):
    import pandas as pd

    return pd.DataFrame({"covariate": list(references), "reference_level": list(references.values())})


def coefficient_lines(coefficients, *, ratio: str) -> list[str]:
    """The coefficient table as ``summary(coxph)`` prints it: coef, exp(coef), se, z, p, CI."""
    table = coefficients.assign(
        z=coefficients["coef"] / coefficients["se"],
    )[["term", "coef", "hr", "se", "z", "p_value", "lower", "upper"]]
    table = table.assign(**{c: table[c].map(shown.number) for c in ("coef", "hr", "se", "z", "lower", "upper")},
                         p_value=table["p_value"].map(shown.p_value))
    table = table.rename(columns={"hr": ratio, "se": "se(coef)", "p_value": "p",
                                  "lower": "lower .95", "upper": "upper .95"})
    return [shown.table_text(table, index="term")]


def global_test_lines(fit) -> list[str]:
    """The likelihood-ratio, Wald and score tests as ``summary(coxph)`` prints them."""
    lr, wald, score = fit.likelihood_ratio, fit.wald, fit.score
    return [f"Likelihood ratio test = {lr.statistic:.4g} on {lr.df} df, p = {shown.p_value(lr.p_value)}",
            f"Wald test             = {wald.statistic:.4g} on {wald.df} df, p = {shown.p_value(wald.p_value)}",
            f"Score (logrank) test  = {score.statistic:.4g} on {score.df} df, p = {shown.p_value(score.p_value)}"]


def reference_lines(references: dict) -> list[str]:
    if not references:
        return []
    return ["Reference levels: " + ", ".join(f"{c} = {level}" for c, level in references.items())]


def _print_cox(fit, coefficients, references, rows, ties, strata) -> None:
    interval = f", intervals ({rows.start_name}, {rows.label}]" if rows.start is not None else ""
    lines = [f"Cox proportional hazards model of {_outcome(rows)} ({ties} ties"
             + (f", strata {strata}" if strata else "") + interval + f"): n = {fit.n}, events = {fit.n_events}",
             *reference_lines(references), ""]
    lines += coefficient_lines(coefficients, ratio="exp(coef)")
    lines += ["", *global_test_lines(fit)]
    if fit.robust:
        rs = fit.robust_score
        lines.append(f"Robust variance over {fit.n_clusters} clusters; robust score test = {rs.statistic:.4g} "
                     f"on {rs.df} df, p = {shown.p_value(rs.p_value)}")
    if not fit.converged:
        lines.append(f"did not converge after {fit.iterations} iterations")
    shown.print_summary(lines)


@app.command()
def rmst(
    table: Path = TABLE,
    tau: float = typer.Option(..., help="Truncation time (same unit as the time, e.g. 730 days)."),
    endpoint: str | None = given.ENDPOINT,
    time: str | None = given.TIME,
    event: str | None = given.EVENT,
    group: str | None = given.GROUP,
    contrasts: bool = typer.Option(
        False, help="Show the differences and ratios against the first group (Uno 2014, survRM2)."),
    csv: bool = shown.CSV,
    out: Path | None = given.OUT,
) -> None:
    """Restricted mean survival time up to tau per group (R's survfit rmean) and its contrasts."""
    import pandas as pd

    from graftline.stats import rmst as restricted_mean

    shown.check_out(out)
    rows = given.read_rows(table, command="rmst", endpoint=endpoint, time=time, event=event, competing=False,
                           columns=[group] if group else [])
    rows = given.complete_rows(rows, [group] if group else [])
    labels = shown.group_labels(rows.frame[group] if group else rows.time, group)
    groups = shown.group_order(labels)
    try:
        result = restricted_mean(rows.time, rows.status, tau,
                                 pd.Categorical(labels, categories=groups) if group else None)
        table_ = result.to_frame()
        compared = result.contrasts() if contrasts else None
    except InputError as error:
        raise InputError(f"{rows.source}: {error}") from None
    if csv:
        print_csv(compared if contrasts else table_)
    else:
        shown_table = table_.assign(
            group=[f"{group}={g}" if group else "" for g in table_["group"]],
            **{c: table_[c].map(shown.number) for c in ("rmst", "se", "lower", "upper", "rmtl")})
        lines = [f"Restricted mean survival time of {_outcome(rows)} up to {tau:g}: {rows.n} patients, "
                 f"{int(rows.status.sum())} events", "",
                 shown.table_text(shown_table[["group", "n", "events", "rmst", "se", "lower", "upper", "rmtl"]]
                                  .rename(columns={"lower": "lower .95", "upper": "upper .95"}), index="group")]
        if compared is not None:
            diff = compared.assign(**{c: compared[c].map(shown.number) for c in ("estimate", "lower", "upper")},
                                   p_value=compared["p_value"].map(shown.p_value))
            lines += ["", "Contrasts with the first group (Uno et al. 2014, as survRM2::rmst2):",
                      shown.table_text(diff.rename(columns={"lower": "lower .95", "upper": "upper .95",
                                                            "p_value": "p"}))]
        shown.print_summary(lines)
    if out is not None:
        stem = f"rmst_{shown.file_stem(rows.label)}"
        shown.write_outputs(out, {f"{stem}_summary": table_, f"{stem}_contrasts": compared})
