"""``graftline landmark`` and ``graftline time-dependent``: analyses of an endpoint table around covariate events.

Moved unchanged from :mod:`graftline.cli.survival` (issue #13's commands); they
read the endpoint table's events as time-dependent covariates, so they keep
their own options (``--outcome``, ``-x NAME=ENDPOINT``) rather than the
``--endpoint``/``--time`` convention of the other statistics commands.
"""

from __future__ import annotations

from pathlib import Path

import typer

from graftline.cli.app import app, console
from graftline.errors import InputError
from graftline.export import print_csv, write_csv


def _read(table: Path):
    """The endpoint table through the one reader (missing, empty, binary, folder: one located message)."""
    from graftline.cli.endpoints import read_endpoint_table

    return read_endpoint_table(table, quiet_if_unknown=True)


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
    from graftline.stats import landmark as landmark_analysis

    data = _read(table)
    mapping = _covariate_endpoints(covariate)
    try:
        result = landmark_analysis(data, at=at, outcome=outcome, covariates=mapping, fixed=fixed,
                                   group=group, horizon=horizon, id=id, not_applicable=not_applicable)
    except InputError as error:
        raise InputError(f"{table.name}: {error}") from None
    print_csv(result.curves() if curves else result.to_frame())
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
    from graftline.stats import time_dependent

    mapping = _covariate_endpoints(covariate)
    data = _read(table)
    try:
        rows = time_dependent(data, outcome=outcome, covariates=mapping, fixed=fixed, id=id,
                              not_applicable=not_applicable)
    except InputError as error:
        raise InputError(f"{table.name}: {error}") from None
    out.parent.mkdir(parents=True, exist_ok=True)
    # Spreadsheet-safe; an existing file is replaced only when the new one is complete (graftline.export).
    write_csv(rows, out)
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
