"""``graftline km``, ``cox``, ``rmst`` and ``landmark``: survival statistics from a CSV file.

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
    start: str | None = typer.Option(
        None, help="Column with interval start: rows are (start, time] (time-dependent covariates, "
                   "delayed entry), e.g. tstart from `graftline time-dependent`."),
    cluster: str | None = typer.Option(None, help="Column with clusters (e.g. centre): robust variance."),
    weights: str | None = typer.Option(None, help="Column with case weights (> 0)."),
    id: str | None = typer.Option(  # noqa: A002
        None, "--id", help="Column with the patient of each row (several rows per patient)."),
    robust: bool | None = typer.Option(
        None, "--robust/--no-robust",
        help="Robust variance; default as R: with a cluster, non-integer weights or repeated events per id."),
) -> None:
    """Cox proportional-hazards model, as R coxph: one row per model term.

    se is the one R uses for z, p and the CI (robust when robust); naive_se the
    inverse-information SE.
    """
    import pandas as pd

    from graftline.stats import cox_ph

    extra = [c for c in (strata, start, cluster, weights, id) if c]
    frame = _read(table, [time, event, *covariate, *categorical, *extra])
    for column in categorical:
        frame[column] = pd.Categorical(frame[column])  # levels sorted by value, as factor()
    try:
        fit = cox_ph(frame[time], frame[event], frame[list(covariate)], ties=ties,
                     strata=frame[strata] if strata else None,
                     start=frame[start] if start else None,
                     cluster=frame[cluster] if cluster else None,
                     weights=frame[weights] if weights else None,
                     id=frame[id] if id else None, robust=robust)
    except InputError as error:
        raise InputError(f"{table.name}: {error}") from None
    print(fit.to_frame().to_csv(index=False), end="")
    lr = fit.likelihood_ratio
    console.print(f"likelihood ratio: {lr.statistic:.4f} on {lr.df} df, p = {lr.p_value:.4g}; "
                  f"converged: {fit.converged} ({fit.iterations} iterations)", highlight=False)
    if fit.robust:
        rs = fit.robust_score
        console.print(f"robust variance over {fit.n_clusters} clusters; robust score test: "
                      f"{rs.statistic:.4f} on {rs.df} df, p = {rs.p_value:.4g}", highlight=False)


@app.command()
def rmst(
    table: Path = TABLE,
    tau: float = typer.Option(..., help="Truncation time (same unit as --time, e.g. 730 days)."),
    time: str = TIME,
    event: str = EVENT,
    group: str | None = typer.Option(None, help="Column with the group (e.g. arm) to compare."),
    contrasts: bool = typer.Option(
        False, help="Print the differences and ratios against the first group (Uno 2014, survRM2)."),
) -> None:
    """Restricted mean survival time up to tau per group (R's survfit rmean), or its contrasts."""
    from graftline.stats import rmst as restricted_mean

    frame = _read(table, [time, event] + ([group] if group else []))
    try:
        result = restricted_mean(frame[time], frame[event], tau, frame[group] if group else None)
        print((result.contrasts() if contrasts else result.to_frame()).to_csv(index=False), end="")
    except InputError as error:
        raise InputError(f"{table.name}: {error}") from None


@app.command()
def landmark(
    table: Path = typer.Argument(..., help="Endpoint table (CSV) with <E>_day and <E>_status."),
    outcome: str = typer.Option(..., help="Endpoint analysed from each landmark, e.g. os or relapse."),
    at: list[float] = typer.Option(..., "--at", help="Landmark day; repeat for several (e.g. --at 90 --at 180)."),
    covariate: list[str] = typer.Option(
        [], "--covariate", "-x",
        help="NAME=ENDPOINT: status of ENDPOINT at the landmark, e.g. agvhd=agvhd_2_4; repeatable."),
    fixed: list[str] = typer.Option([], "--fixed", help="Baseline column for the Cox model (e.g. arm); repeatable."),
    group: str | None = typer.Option(None, help="Covariate name or fixed column to draw curves by."),
    horizon: float | None = typer.Option(None, help="Follow each landmark at most this many days."),
    curves: bool = typer.Option(False, help="Print the KM/CIF curves instead of the Cox coefficients."),
    id: str = typer.Option("patient_id", "--id", help="Patient column."),  # noqa: A002
    not_applicable: str = typer.Option(
        "error", help="A covariate endpoint 'not applicable' (<E>_applicable False) means: "
                      "exposed (from day 0), unexposed, drop, or error."),
) -> None:
    """Landmark analysis: patients event-free at each day, followed from it (KM/CIF and Cox)."""
    import pandas as pd

    from graftline.stats import landmark as landmark_analysis

    if not table.exists():
        raise InputError(f"{table}: no such file; expected the endpoint table")
    data = pd.read_csv(table)
    mapping = _covariate_endpoints(covariate)
    try:
        result = landmark_analysis(data, at=at, outcome=outcome, covariates=mapping, fixed=fixed,
                                   group=group, horizon=horizon, id=id, not_applicable=not_applicable)
    except InputError as error:
        raise InputError(f"{table.name}: {error}") from None
    print((result.curves() if curves else result.to_frame()).to_csv(index=False), end="")
    for row in result.summary().itertuples():
        console.print(f"landmark day {row.landmark:g}: {row.n} event-free patients ({row.excluded} "
                      f"excluded), {row.events} events, {row.competing} competing", highlight=False)
    for analysis in result.analyses:
        for note in analysis.notes:
            console.print(note, highlight=False)


@app.command("time-dependent")
def time_dependent_command(
    table: Path = typer.Argument(..., help="Endpoint table (CSV) with <E>_day and <E>_status."),
    outcome: str = typer.Option(..., help="Endpoint whose status 1 is the event, e.g. relapse."),
    covariate: list[str] = typer.Option(
        ..., "--covariate", "-x", help="NAME=ENDPOINT switching from 0 to 1 at its event, e.g. agvhd=agvhd_2_4."),
    fixed: list[str] = typer.Option([], "--fixed", help="Baseline column copied to every row; repeatable."),
    out: Path = typer.Option(..., "--out", help="CSV file for the (tstart, tstop] rows."),
    id: str = typer.Option("patient_id", "--id", help="Patient column."),  # noqa: A002
    not_applicable: str = typer.Option(
        "error", help="A covariate endpoint 'not applicable' (<E>_applicable False) means: "
                      "exposed (from day 0), unexposed, drop, or error."),
) -> None:
    """Split follow-up at covariate events (like R's tmerge) into rows for `graftline cox --start tstart`."""
    import pandas as pd

    from graftline.stats import time_dependent

    if not table.exists():
        raise InputError(f"{table}: no such file; expected the endpoint table")
    mapping = _covariate_endpoints(covariate)
    try:
        rows = time_dependent(pd.read_csv(table), outcome=outcome, covariates=mapping, fixed=fixed, id=id,
                              not_applicable=not_applicable)
    except InputError as error:
        raise InputError(f"{table.name}: {error}") from None
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    rows.to_csv(partial, index=False)
    partial.replace(out)  # an existing file is replaced only when the new one is complete
    console.print(f"wrote {out}: {len(rows)} rows for {rows[id].nunique()} patients, "
                  f"{int(rows.event.sum())} events", highlight=False)


def _covariate_endpoints(items: list[str]) -> dict[str, str]:
    """``NAME=ENDPOINT`` options to a mapping."""
    mapping = {}
    for item in items:
        name, sep, endpoint = item.partition("=")
        if not sep or not name.strip() or not endpoint.strip():
            raise InputError(f"--covariate {item!r}: expected NAME=ENDPOINT, e.g. agvhd=agvhd_2_4")
        mapping[name.strip()] = endpoint.strip()
    return mapping
