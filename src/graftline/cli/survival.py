"""``graftline km`` and ``graftline cox``: survival statistics from a CSV file.

Tables go to stdout as CSV (so they can be redirected); test results and
messages go to stderr.
"""

from __future__ import annotations

from pathlib import Path

import typer

from graftline.cli.app import app, console
from graftline.errors import InputError

TABLE = typer.Argument(..., help="CSV file, one row per patient.")
TIME = typer.Option("time", help="Column with follow-up time (e.g. days from infusion).")
EVENT = typer.Option("event", help="Column with 1 = event, 0 = censored.")


def _read(table: Path, columns: list[str]):
    from graftline.cli.endpoints import read_endpoint_table

    if not table.exists():
        raise InputError(f"{table}: no such file")
    frame = read_endpoint_table(table, quiet_if_unknown=True)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"{table.name}: no column {missing}; the file has {list(frame.columns)}")
    return frame


@app.command()
def km(
    table: Path = TABLE,
    time: str = TIME,
    event: str = EVENT,
    group: str | None = typer.Option(None, help="Column with the group (e.g. arm) to compare."),
    conf_type: str = typer.Option("log", help="Confidence interval: log, log-log or plain."),
    curves: bool = typer.Option(False, help="Print the curves at event times, not the medians."),
) -> None:
    """Kaplan-Meier medians (or curves) per group and a log-rank test, as R survfit/survdiff."""
    from graftline.stats import kaplan_meier, logrank_test

    frame = _read(table, [time, event] + ([group] if group else []))
    try:
        fit = kaplan_meier(frame[time], frame[event], frame[group] if group else None,
                           conf_type=conf_type)
        print((fit.to_frame() if curves else fit.median()).to_csv(index=False), end="")
        if group:
            test = logrank_test(frame[time], frame[event], frame[group])
            console.print(f"log-rank: chi-square {test.statistic:.4f} on {test.df} df, "
                          f"p = {test.p_value:.4g}", highlight=False)
    except InputError as error:
        raise InputError(f"{table.name}: {error}") from None


@app.command()
def cox(
    table: Path = TABLE,
    covariate: list[str] = typer.Option(..., "--covariate", "-x",
                                        help="Covariate column; repeat for several."),
    time: str = TIME,
    event: str = EVENT,
    ties: str = typer.Option("efron", help="Tie handling: efron or breslow."),
    strata: str | None = typer.Option(None, help="Column with strata (separate baselines)."),
    categorical: list[str] = typer.Option(
        [], "--categorical", "-c",
        help="Covariate with numeric codes to treat as categories (R's factor()); repeatable."),
) -> None:
    """Cox proportional-hazards model, as R coxph: one row per model term."""
    import pandas as pd

    from graftline.stats import cox_ph

    frame = _read(table, [time, event, *covariate, *categorical] + ([strata] if strata else []))
    for column in categorical:
        frame[column] = pd.Categorical(frame[column])  # levels sorted by value, as factor()
    try:
        fit = cox_ph(frame[time], frame[event], frame[list(covariate)], ties=ties,
                     strata=frame[strata] if strata else None)
    except InputError as error:
        raise InputError(f"{table.name}: {error}") from None
    print(fit.to_frame().to_csv(index=False), end="")
    lr = fit.likelihood_ratio
    console.print(f"likelihood ratio: {lr.statistic:.4f} on {lr.df} df, p = {lr.p_value:.4g}; "
                  f"converged: {fit.converged} ({fit.iterations} iterations)", highlight=False)
