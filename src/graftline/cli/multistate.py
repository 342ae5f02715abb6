"""``graftline multistate``: state occupation of a multi-state model from a cohort or an endpoint table."""

from __future__ import annotations

from pathlib import Path

import typer

from graftline.cli.app import app, console
from graftline.errors import InputError

MODELS = ("illness-death", "ebmt6", "current-grfs", "current-lfs")
# The current-* models need histories the endpoint table does not hold.
EPISODES = {"current-grfs": ("systemic GVHD therapy episodes", ("patient_id", "start_day", "stop_day")),
            "current-lfs": ("second remissions", ("patient_id", "remission_day", "relapse_day"))}
#: What the current-* models report: the probability of being in these states now.
CURRENT = {"current-grfs": ("current GRFS", ["grfs"]),
           "current-lfs": ("current LFS", ["remission", "remission2"])}


@app.command("multistate")
def multistate_command(
    table: Path | None = typer.Argument(None, help="Endpoint table (CSV or Parquet); or give --db."),
    db: str | None = typer.Option(None, "--db", help="Cohort store: DuckDB file or postgresql:// URL."),
    model: str = typer.Option("illness-death", "--model",
                              help="illness-death (transplant, relapse, death), ebmt6 (mstate's ebmt4 states), "
                                   "current-grfs or current-lfs (need --episodes)."),
    episodes: Path | None = typer.Option(
        None, "--episodes",
        help="CSV for the current-* models: current-grfs, systemic GVHD therapy episodes (patient_id, "
             "start_day, stop_day empty while ongoing); current-lfs, second remissions (patient_id, "
             "remission_day, relapse_day empty if none)."),
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
    current-grfs / current-lfs also print and write (_current.csv) the
    probability of being alive, relapse-free and off GVHD therapy (in
    remission) now, with its IJ SE.
    """
    import numpy as np
    from rich.table import Table

    from graftline.stats import multistate
    from graftline.stats.multistate.endpoints import (
        current_grfs_data,
        current_lfs_data,
        ebmt6_data,
        illness_death_data,
    )

    if model not in MODELS:
        raise InputError(f"--model {model!r}: expected one of {', '.join(MODELS)}")
    if model in EPISODES and episodes is None:
        what, columns = EPISODES[model]
        raise InputError(f"--model {model} needs --episodes FILE: a CSV of {what} ({', '.join(columns)}); "
                         "the endpoint table does not hold them")
    if model not in EPISODES and episodes is not None:
        raise InputError(f"--episodes is read by the current-grfs and current-lfs models, not by {model}")
    history = None
    if episodes is not None:
        import pandas as pd

        if not episodes.exists():
            raise InputError(f"--episodes {episodes}: no such file")
        history = pd.read_csv(episodes)
    endpoints = _endpoint_table(table, db, preset, option)
    try:
        days = np.array([float(t) for t in times.split(",") if t.strip()])
    except ValueError:
        raise InputError(f"--times {times!r}: expected comma-separated days, e.g. 100,365,730") from None
    group = None if group in (None, "none") else group
    keep = () if group is None else (group,)
    if group is not None and group not in endpoints.columns:
        raise InputError(f"--group {group}: no such column; columns are {', '.join(map(str, endpoints.columns))}")
    if model == "illness-death":
        data = illness_death_data(endpoints, keep=keep)
    elif model == "ebmt6":
        data = ebmt6_data(endpoints, keep=keep)
    elif model == "current-grfs":
        data = current_grfs_data(endpoints, history, keep=keep)
    else:
        data = current_lfs_data(endpoints, history, keep=keep)
    fit = multistate(data, group=group)
    current = None
    if model in CURRENT:
        name, states = CURRENT[model]
        current = fit.occupancy(states, days, name=name)
        shown_current = Table(title=f"{name} (alive and in {' or '.join(states)} now), % (95% CI)")
        for column in ["group", "day", name]:
            shown_current.add_column(column)
        for row in current.itertuples():
            shown_current.add_row(str(row.group), f"{row.time:g}", _percent(row))
        console.print(shown_current)
    at = fit.probabilities(days)
    shown = Table(title=f"{model}: state probabilities, % (95% CI)")
    for name in ["group", "day", "state", "probability"]:
        shown.add_column(name)
    for row in at.itertuples():
        shown.add_row(str(row.group), f"{row.time:g}", row.state, _percent(row))
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
        if current is not None:
            outputs["current"] = current
        for name, frame in outputs.items():
            _write(frame, out / f"{stem}_{name}.csv")
        for label in fit.groups:
            ax = fit.plot(group=label, until=float(data.frame.tstop.max()))
            ax.set_xlabel("days from infusion")
            name = "".join(c if c.isalnum() else "_" for c in str(label))
            ax.figure.savefig(out / f"{stem}_{name}.png", dpi=150, bbox_inches="tight")
            plt.close(ax.figure)
        console.print(f"wrote {out}/{stem}_*.csv and one stacked plot per group", highlight=False)


def _percent(row) -> str:
    import numpy as np

    if np.isnan(row.probability):
        return "-"
    if np.isfinite(row.lower):
        return f"{100 * row.probability:.1f} ({100 * row.lower:.1f}-{100 * row.upper:.1f})"
    return f"{100 * row.probability:.1f}"


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
