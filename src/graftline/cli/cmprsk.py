"""``graftline cuminc`` and ``graftline fine-gray``: competing risks from an endpoint table."""

from __future__ import annotations

from pathlib import Path

import typer

from graftline.cli.app import app, console
from graftline.errors import InputError


def _read_table(path: Path) -> object:
    from graftline.cli.endpoints import read_endpoint_table

    return read_endpoint_table(path)


def _definitions_of(path: Path):
    from graftline.endpoints import read_endpoint_definitions

    return read_endpoint_definitions(path).definitions


def _endpoint_arrays(data, endpoint: str, path: Path):
    """The rows that enter the analysis and their (time, status).

    Engraftment endpoints: patients whose count never fell below the threshold
    ("not applicable") are left out, or counted as engrafted on day 0, as the
    table's stored definitions say (``engraftment_not_applicable``).
    """
    from graftline.endpoints import competing
    from graftline.stats import from_endpoints

    column = f"{endpoint}_applicable"
    if column not in data.columns:
        return data, *from_endpoints(data, endpoint)
    how = getattr(_definitions_of(path), "engraftment_not_applicable", "excluded")
    applicable = data[column].astype("boolean").fillna(True).to_numpy(dtype=bool)
    if not applicable.all():
        what = "counted as engrafted on day 0" if how == "event_day0" else "left out"
        console.print(f"{int((~applicable).sum())} patient(s) with {endpoint} not applicable (count never fell below the threshold): {what}", highlight=False)
    if how != "event_day0":
        data = data[applicable]
    return data, *competing(data, endpoint, not_applicable="event_day0")


def _column(table: object, name: str, path: Path) -> object:
    if name not in table.columns:
        raise InputError(f"{path.name}: no column {name!r}; columns are {', '.join(map(str, table.columns))}")
    return table[name]


@app.command("cuminc")
def cuminc_command(
    table: Path = typer.Argument(..., help="Endpoint table (CSV or Parquet) with <E>_day and <E>_status."),
    endpoint: str = typer.Option(..., "--endpoint", help="Endpoint name, e.g. neutrophil_engraftment, relapse, nrm."),
    group: str | None = typer.Option(None, "--group", help="Column to compare with Gray's test (e.g. arm)."),
    times: str = typer.Option("30,100,365", "--times", help="Comma-separated days at which to report the CIF."),
    out: Path | None = typer.Option(None, "--out", help="Directory for CSV tables and a PNG plot."),
) -> None:
    """Cumulative incidence (cmprsk::cuminc) of an endpoint, event = 1, competing = 2.

    Patients with <E>_applicable = False (engraftment endpoints: counts never
    fell below the threshold) are left out.
    """
    import numpy as np
    from rich.table import Table

    from graftline.stats import cumulative_incidence

    data, time, status = _endpoint_arrays(_read_table(table), endpoint, table)
    labels = None if group is None else _column(data, group, table)
    try:
        days = np.array([float(t) for t in times.split(",") if t.strip()])
    except ValueError:
        raise InputError(f"--times {times!r}: expected comma-separated days, e.g. 30,100,365") from None
    result = cumulative_incidence(time, status, labels, causes=[1, 2])
    at = result.at(days)
    shown = Table(title=f"Cumulative incidence of {endpoint} (cause 1 = event, 2 = competing)")
    for name in ["group", "cause", "day", "estimate", "95% CI"]:
        shown.add_column(name)
    for row in at.itertuples():
        ci = "-" if np.isnan(row.lower) else f"{row.lower:.3f}-{row.upper:.3f}"
        estimate = "-" if np.isnan(row.estimate) else f"{row.estimate:.3f}"
        shown.add_row(str(row.group), str(row.cause), f"{row.time:g}", estimate, ci)
    console.print(shown)
    gray = result.gray_test() if len(result.groups) > 1 else None
    if gray is not None:
        for row in gray.itertuples():
            console.print(f"Gray's test, cause {row.cause}: chi2 = {row.statistic:.3f}, df = {row.df}, "
                          f"p = {row.p_value:.3g}", highlight=False)
    if out is not None:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        out.mkdir(parents=True, exist_ok=True)
        at.to_csv(out / f"cuminc_{endpoint}_at.csv", index=False)
        result.to_frame().to_csv(out / f"cuminc_{endpoint}_curves.csv", index=False)
        if gray is not None:
            gray.to_csv(out / f"cuminc_{endpoint}_gray.csv", index=False)
        ax = result.plot(causes=[1])
        ax.set_title(endpoint.replace("_", " "))
        ax.set_xlabel("days from infusion")
        ax.figure.savefig(out / f"cuminc_{endpoint}.png", dpi=150, bbox_inches="tight")
        plt.close(ax.figure)
        console.print(f"wrote {out}/cuminc_{endpoint}_*.csv and cuminc_{endpoint}.png", highlight=False)


@app.command("fine-gray")
def fine_gray_command(
    table: Path = typer.Argument(..., help="Endpoint table (CSV or Parquet) with <E>_day and <E>_status."),
    endpoint: str = typer.Option(..., "--endpoint", help="Endpoint name, e.g. relapse, nrm, cgvhd."),
    covariates: str = typer.Option(..., "--covariates", help="Comma-separated covariate columns, e.g. age,arm."),
    out: Path | None = typer.Option(None, "--out", help="CSV file for the coefficient table."),
    cluster: str | None = typer.Option(
        None, "--cluster", help="Column with clusters (e.g. centre): robust variance as finegray() + coxph()."),
    weights: str | None = typer.Option(None, "--weights", help="Column with case weights (> 0)."),
    cengroup: str | None = typer.Option(
        None, "--cengroup", help="Column defining groups with their own censoring distribution (crr)."),
) -> None:
    """Fine-Gray regression (cmprsk::crr) of the endpoint's event (1) with competing events (2).

    With --cluster or --weights the model is fitted as R's finegray() + coxph() with
    a robust variance; otherwise with crr's sandwich variance.
    """
    from rich.table import Table

    from graftline.stats import fine_gray

    data, time, status = _endpoint_arrays(_read_table(table), endpoint, table)
    names = [c.strip() for c in covariates.split(",") if c.strip()]
    for name in names + [c for c in (cluster, weights, cengroup) if c]:
        _column(data, name, table)
    fit = fine_gray(time, status, data[names].reset_index(drop=True), cause=1,
                    cluster=data[cluster].to_numpy() if cluster else None,
                    weights=data[weights].to_numpy() if weights else None,
                    cengroup=data[cengroup].to_numpy() if cengroup else None)
    frame = fit.to_frame()
    shown = Table(title=f"Fine-Gray subdistribution hazard ratios for {endpoint} (n = {fit.n})")
    for name in ["term", "SHR", "95% CI", "p"]:
        shown.add_column(name)
    for row in frame.itertuples():
        shown.add_row(row.term, f"{row.hr:.3f}", f"{row.lower:.3f}-{row.upper:.3f}", f"{row.p_value:.3g}")
    console.print(shown)
    if not fit.converged:
        console.print("[bold yellow]warning:[/] the fit did not converge; do not use these estimates")
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        frame.to_csv(out, index=False)
        console.print(f"wrote {out}", highlight=False)
