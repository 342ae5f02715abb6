"""``graftline multistate``: state occupation of a multi-state model from a cohort or an endpoint table."""

from __future__ import annotations

from pathlib import Path

import typer

from graftline.cli.app import app, console
from graftline.errors import InputError

MODELS = ("illness-death", "ebmt6")


@app.command("multistate")
def multistate_command(
    table: Path | None = typer.Argument(None, help="Endpoint table (CSV or Parquet); or give --db."),
    db: str | None = typer.Option(None, "--db", help="Cohort store: DuckDB file or postgresql:// URL."),
    model: str = typer.Option("illness-death", "--model",
                              help="illness-death (transplant, relapse, death) or ebmt6 (mstate's ebmt4 states)."),
    group: str | None = typer.Option("arm", "--group", help="Column with the group (one fit per group); 'none' for one fit."),
    times: str = typer.Option("100,365,730", "--times", help="Comma-separated days at which to report probabilities."),
    tau: float = typer.Option(730.0, "--tau", help="Horizon (days) of the expected time in each state."),
    out: Path | None = typer.Option(None, "--out", help="Directory for CSV tables and stacked plots (PNG)."),
    preset: str = typer.Option("cibmtr", "--preset", help="Endpoint preset when deriving from --db."),
    option: list[str] = typer.Option(None, "--option", help="Endpoint option key=value when deriving from --db."),
) -> None:
    """Multi-state model (Aalen-Johansen, IJ SEs, as R survival's multi-state survfit) by group.

    Prints the state probabilities at --times with 95% CIs and the expected
    days in each state up to --tau; with --out writes
    multistate_<model>_probabilities.csv (every time), _at.csv, _time_in_state.csv,
    _hazards.csv, the long-format data (_data.csv) and one stacked plot per group.
    """
    import numpy as np
    from rich.table import Table

    from graftline.stats import multistate
    from graftline.stats.multistate.endpoints import ebmt6_data, illness_death_data

    if model not in MODELS:
        raise InputError(f"--model {model!r}: expected one of {', '.join(MODELS)} (current GRFS/LFS need "
                         "therapy and remission histories the endpoint table does not hold)")
    endpoints = _endpoint_table(table, db, preset, option)
    try:
        days = np.array([float(t) for t in times.split(",") if t.strip()])
    except ValueError:
        raise InputError(f"--times {times!r}: expected comma-separated days, e.g. 100,365,730") from None
    group = None if group in (None, "none") else group
    keep = () if group is None else (group,)
    if group is not None and group not in endpoints.columns:
        raise InputError(f"--group {group}: no such column; columns are {', '.join(map(str, endpoints.columns))}")
    builder = illness_death_data if model == "illness-death" else ebmt6_data
    data = builder(endpoints, keep=keep)
    fit = multistate(data, group=group)
    at = fit.probabilities(days)
    shown = Table(title=f"{model}: state probabilities, % (95% CI)")
    for name in ["group", "day", "state", "probability"]:
        shown.add_column(name)
    for row in at.itertuples():
        value = "-" if np.isnan(row.probability) else (
            f"{100 * row.probability:.1f} ({100 * row.lower:.1f}-{100 * row.upper:.1f})"
            if np.isfinite(row.lower) else f"{100 * row.probability:.1f}")
        shown.add_row(str(row.group), f"{row.time:g}", row.state, value)
    console.print(shown)
    sojourn = fit.sojourn(tau)
    stay = Table(title=f"{model}: expected days in each state within {tau:g} days (SE)")
    for name in ["group", "state", "days"]:
        stay.add_column(name)
    for row in sojourn.itertuples():
        stay.add_row(str(row.group), row.state, f"{row.rmean:.1f} ({row.se:.1f})")
    console.print(stay)
    if out is not None:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        out.mkdir(parents=True, exist_ok=True)
        stem = f"multistate_{model.replace('-', '_')}"
        outputs = {"data": data.frame, "probabilities": fit.to_frame(), "at": at,
                   "time_in_state": sojourn, "hazards": fit.cumulative_hazard()}
        for name, frame in outputs.items():
            _write(frame, out / f"{stem}_{name}.csv")
        for label in fit.groups:
            ax = fit.plot(group=label, until=float(data.frame.tstop.max()))
            ax.set_xlabel("days from infusion")
            name = "".join(c if c.isalnum() else "_" for c in str(label))
            ax.figure.savefig(out / f"{stem}_{name}.png", dpi=150, bbox_inches="tight")
            plt.close(ax.figure)
        console.print(f"wrote {out}/{stem}_*.csv and one stacked plot per group", highlight=False)


def _endpoint_table(table: Path | None, db: str | None, preset: str, option: list[str] | None):
    import pandas as pd

    if (table is None) == (db is None):
        raise InputError("give an endpoint table file (CSV or Parquet) or --db cohort.duckdb, not both")
    if table is not None:
        if not table.exists():
            raise InputError(f"{table}: no such file; expected the endpoint table (CSV or Parquet)")
        return pd.read_parquet(table) if table.suffix.lower() in {".parquet", ".pq"} else pd.read_csv(table)
    if "://" not in db and not Path(db).exists():
        raise InputError(f"--db {db}: no such cohort store; create it with `graftline ingest DIR --db {db}`")
    from graftline.cohort import connect
    from graftline.endpoints import EndpointDefinitions, endpoint_frame

    definitions = EndpointDefinitions.preset(preset).with_options(option or [])
    return endpoint_frame(connect(db, read_only=True), definitions)


def _write(frame, path: Path) -> None:
    """Write next to the target first, so a failure leaves an existing file as it was."""
    partial = path.with_name(path.name + ".partial")
    frame.to_csv(partial, index=False)
    partial.replace(path)
