"""``graftline multistate``: state occupation of a multi-state model, as R survival's multi-state survfit.

It follows the statistics commands' convention (:mod:`graftline.cli._analysis_input`,
:mod:`graftline.cli._analysis_output`, docs/cli-statistics.md): an endpoint
table with ``--model`` or ``--endpoint NAME``, or any table with
``--time COL --event COL [--start COL --id COL]``
(:mod:`graftline.cli._multistate_input`); an R-like summary on stdout
(``print(fit, rmean = tau)`` and ``summary(fit, times = ...)``), ``--csv``
for the probabilities as CSV, and ``--out DIR`` for the CSV tables and a
stacked state-occupation figure (SVG and PNG).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import typer

from graftline.cli import _analysis_input as given
from graftline.cli import _analysis_output as shown
from graftline.cli._multistate_input import EPISODES, MODELS
from graftline.cli.app import app
from graftline.errors import InputError

#: What the current-* models report: the probability of being in these states now.
CURRENT = {"current-grfs": ("current GRFS", ["grfs"]),
           "current-lfs": ("current LFS", ["remission", "remission2"])}
#: --times and --tau for an endpoint table (days).
DAYS = "100,365,730"
TAU_DAYS = 730.0


@app.command("multistate")
def multistate_command(
    table: Path | None = typer.Argument(None, help="Endpoint table or any table (CSV or Parquet); or give --db."),
    db: str | None = typer.Option(None, "--db", help="Cohort store: DuckDB file or postgresql:// URL."),
    model: str | None = typer.Option(
        None, "--model",
        help="illness-death (transplant, relapse, death; the default for an endpoint table), ebmt6 (mstate's "
             "ebmt4 states), current-grfs or current-lfs (need --episodes). With --time/--event: the "
             "transitions the data must follow."),
    episodes: Path | None = typer.Option(
        None, "--episodes",
        help="CSV for the current-* models: current-grfs, systemic GVHD therapy episodes (patient_id, "
             "start_day, stop_day empty while ongoing); current-lfs, second remissions (patient_id, "
             "remission_day, relapse_day empty if none)."),
    endpoint: str | None = typer.Option(
        None, "--endpoint",
        help="One endpoint of an endpoint table as a competing-risks model: event-free, the event, the "
             "competing event (NAME_day, NAME_status)."),
    time: str | None = typer.Option(None, "--time", help="Column with the time the row ends (instead of --model)."),
    event: str | None = typer.Option(
        None, "--event",
        help="Column with the state entered at --time: codes 1, 2, ... or state names; 0, censor or empty: "
             "censored."),
    start: str | None = typer.Option(
        None, "--start", help="Column with the row's start: rows are a patient's intervals (start, time] (needs --id)."),
    id_: str | None = typer.Option(None, "--id", help="Column with the patient of each row."),
    initial: str | None = typer.Option(
        None, "--initial", help="Name of the state every patient starts in (default R's '(s0)'; 'event-free' "
                                "with --endpoint; the model's first state with --model)."),
    group: str | None = typer.Option(
        None, "--group", help="Column with the groups (one fit per group); default arm for an endpoint table "
                              "that has one; 'none' for one fit."),
    times: str | None = typer.Option(
        None, "--times", help="Comma-separated times at which to report the probabilities (default 100,365,730 "
                              "days for an endpoint table, the time axis' ticks for --time)."),
    tau: float | None = typer.Option(
        None, "--tau", help="Horizon of the expected time in each state (default 730 days for an endpoint table, "
                            "the longest follow-up for --time, as R's print)."),
    covariates: list[str] | None = typer.Option(
        None, "--covariates",
        help="Comma-separated covariates of transition-specific Cox models (R: coxph(Surv(tstart, tstop, state) "
             "~ a + b, id = id)), e.g. age,disease_risk."),
    categorical: list[str] = given.CATEGORICAL,
    reference: list[str] = given.REFERENCE,
    csv: bool = shown.CSV,
    out: Path | None = typer.Option(None, "--out", help="Folder for the CSV tables and the figure (SVG and PNG)."),
    preset: str = typer.Option("cibmtr", "--preset", help="Endpoint preset when deriving from --db."),
    option: list[str] = typer.Option(None, "--option", help="Endpoint option key=value when deriving from --db."),
) -> None:
    """Multi-state model (Aalen-Johansen, IJ SEs, as R survival's multi-state survfit) by group.

    Prints the patients and transitions into each state with the expected
    time in each state up to --tau (R: print(fit, rmean = tau)) and the state
    probabilities at --times with 95% CIs (R: summary(fit, times = ...)).
    With --out DIR writes multistate_<label>_probabilities.csv (every time),
    _at.csv, _time_in_state.csv, _transitions.csv, _hazards.csv, the
    long-format data (_data.csv) and the stacked state-occupation figure
    (multistate_<label>.svg and .png, one panel per group). current-grfs /
    current-lfs also print and write (_current.csv) the probability of being
    alive, relapse-free and off GVHD therapy (in remission) now, with its IJ SE.
    --covariates adds one Cox model per transition (robust SEs; files
    _coefficients.csv, _tests.csv, _reference_levels.csv).
    """
    from graftline.cli import _multistate_input as read
    from graftline.stats import multistate

    shown.check_out(out)
    names = given.split_names(covariates)
    if (categorical or reference) and not names:
        raise InputError("-c/--reference name levels of --covariates; give --covariates a,b")
    plain = time is not None or event is not None or start is not None
    if plain and endpoint is not None:
        raise InputError("multistate: give either --endpoint or --time/--event, not both")
    if plain and (time is None or event is None):
        raise InputError("multistate: --time and --event go together (the time a row ends and the state "
                         "entered then); --start and --id add a patient's earlier intervals")
    if (plain or endpoint is not None) and db is not None:
        raise InputError("--db gives an endpoint table with --model; --time/--event and --endpoint read a file")
    if endpoint is not None and model is not None:
        raise InputError(f"--endpoint {endpoint} is a model of its own (event-free, {endpoint}, competing event); "
                         f"--model {model} reads the endpoint table's columns itself")
    if model is not None and model not in MODELS:
        raise InputError(f"--model {model!r}: expected one of {', '.join(MODELS)}")
    if plain and model in EPISODES:
        raise InputError(f"--model {model} is built from an endpoint table and --episodes, not from --time/--event")
    if id_ is not None and not plain:
        raise InputError("--id goes with --time/--event (an endpoint table has one row per patient)")
    if initial is not None and model is not None:
        raise InputError(f"--initial: --model {model} names its own states")
    if not plain and endpoint is None:
        model = model or "illness-death"
    if model in EPISODES and episodes is None:
        what, columns = EPISODES[model]
        raise InputError(f"--model {model} needs --episodes FILE: a CSV of {what} ({', '.join(columns)}); "
                         "the endpoint table does not hold them")
    if model not in EPISODES and episodes is not None:
        raise InputError(f"--episodes is read by the current-grfs and current-lfs models, not by {model}")
    history = None
    if episodes is not None:
        from graftline.table_files import read_table_file

        history = read_table_file(episodes, what="the episodes table")
    endpoints = _endpoint_table(table, db, preset, option)
    source = table.name if table is not None else "the cohort store"
    if group == "none":
        group = None
    elif group is None and not plain and "arm" in endpoints.columns:
        group = "arm"
    if plain:
        transitions = _transitions(model)
        given_data = read.read_state_columns(endpoints, source=source, time=time, event=event, start=start,
                                             id_=id_, group=group, initial=initial, transitions=transitions,
                                             keep=names)
    elif endpoint is not None:
        given_data = read.read_endpoint_states(endpoints, table, endpoint=endpoint, group=group, initial=initial,
                                               keep=names)
    else:
        given_data = read.read_endpoint_model(endpoints, model=model, history=history, group=group, source=source,
                                              keep=names)
    days = _times(times, given_data)
    fit = multistate(given_data.data, group=given_data.group)
    horizon = tau if tau is not None else (TAU_DAYS if given_data.from_endpoint else _longest(given_data))
    at = fit.probabilities(days)
    sojourn = fit.sojourn(horizon)
    transitions_seen = _transition_counts(fit)
    current = None
    if model in CURRENT:
        name, states = CURRENT[model]
        current = fit.occupancy(states, days, name=name)
    cox = None
    if names:
        from graftline.cli._multistate_cox import fit_transition_cox

        cox, references = fit_transition_cox(given_data, names, categorical=categorical, reference=reference)
    if csv:
        from graftline.cli.survival import print_csv

        print_csv(at)
    else:
        _print_summary(fit, given_data, at, sojourn, transitions_seen, current, horizon)
        if cox is not None:
            from graftline.cli._multistate_cox import cox_lines

            shown.print_summary(["", *cox_lines(cox, references)])
    if cox is not None and not cox.converged:
        from graftline.cli.app import console

        console.print("warning: a Cox fit did not converge; do not use these estimates", highlight=False,
                      markup=False)
    if out is not None:
        stem = f"multistate_{shown.file_stem(given_data.label.replace('-', '_'))}"
        tables = {"data": given_data.data.frame, "probabilities": fit.to_frame(), "at": at,
                  "time_in_state": sojourn, "transitions": transitions_seen, "hazards": fit.cumulative_hazard(),
                  "current": current}
        if cox is not None:
            from graftline.cli._multistate_cox import cox_tables

            tables |= cox_tables(cox, references)
        shown.write_outputs(out, {f"{stem}_{name}": frame for name, frame in tables.items()},
                            _figure(fit, given_data), figure_name=stem)


def _transitions(model: str | None):
    from graftline.stats.multistate import TransitionMatrix

    if model is None:
        return None
    return TransitionMatrix.illness_death() if model == "illness-death" else TransitionMatrix.ebmt6()


def _times(times: str | None, given_data) -> np.ndarray:
    if times is None:
        if given_data.from_endpoint:
            times = DAYS
        else:
            from graftline.report.figures import time_axis

            ticks = time_axis(_longest(given_data), unit="days").ticks[1:]
            return np.asarray(ticks, dtype=float)
    try:
        return np.array([float(t) for t in times.split(",") if t.strip()])
    except ValueError:
        raise InputError(f"--times {times!r}: expected comma-separated days, e.g. 100,365,730") from None


def _longest(given_data) -> float:
    return float(given_data.data.frame["tstop"].max())


def _transition_counts(fit):
    """Transitions observed per group, and rows censored in each state (R's survcheck table)."""
    import pandas as pd

    records = []
    for label in fit.groups:
        rows = fit.fits[label].rows
        ended = rows.ends_follow_up
        for a, state in enumerate(fit.states):
            here = rows.state == a
            for b, target in enumerate(fit.states):
                count = int(np.sum(here & (rows.to_state == b)))
                if count:
                    records.append({"group": label, "from_state": state, "to_state": target, "n": count})
            censored = int(np.sum(here & ended))
            if censored:
                records.append({"group": label, "from_state": state, "to_state": "(censored)", "n": censored})
    return pd.DataFrame(records, columns=["group", "from_state", "to_state", "n"])


def _print_summary(fit, given_data, at, sojourn, transitions_seen, current, horizon) -> None:
    import pandas as pd

    group = given_data.group
    patients = sum(fit.fits[g].rows.n_clusters for g in fit.groups)
    intervals = sum(int(fit.fits[g].rows.entry.size) for g in fit.groups)
    title = given_data.model or given_data.title or given_data.label
    lines = [f"Multi-state model ({title}): Aalen-Johansen estimate, 95 % CI log, infinitesimal-jackknife SE",
             f"R: {given_data.formula}",
             f"{patients} patients, {intervals} intervals; states: {', '.join(fit.states)}", ""]
    counts = transitions_seen.pivot_table(index="from_state", columns="to_state", values="n", aggfunc="sum",
                                          fill_value=0)
    order = [s for s in fit.states if s in counts.columns] + (["(censored)"] if "(censored)" in counts.columns else [])
    counts = counts.reindex(index=[s for s in fit.states if s in counts.index], columns=order)
    counts.index.name = None
    counts.columns.name = None
    lines += ["Transitions (rows: from, columns: to; R: survcheck):", counts.to_string(), ""]
    records = []
    for label in fit.groups:
        part = fit.fits[label]
        entered = part.n_event.sum(axis=0)
        stay = sojourn[sojourn["group"] == label].set_index("state")
        for s, state in enumerate(fit.states):
            name = f"{group}={label}, {state}" if group else state
            records.append({"row": name, "n": int(part.rows.n_clusters), "nevent": int(entered[s]),
                            "rmean*": shown.number(stay.loc[state, "rmean"]),
                            "se(rmean)": shown.number(stay.loc[state, "se"])})
    lines += [shown.table_text(pd.DataFrame(records), index="row"),
              f"   *restricted mean time in state (max time = {horizon:g}); n: patients",
              ""]
    if current is not None:
        lines += [f"{current.state.iloc[0]}: probability of being in the state now", _at_text(current, group), ""]
    lines += ["State probabilities (summary(fit, times = ...)):", _at_text(at, group)]
    if at.probability.isna().any():
        lines.append("NA: after the group's last follow-up (R leaves such times out)")
    shown.print_summary(lines)


def _at_text(at, group) -> str:
    blocks = []
    for label, part in at.groupby("group", sort=False, observed=True):
        table = part.drop(columns="group").rename(columns={
            "probability": "pstate", "se": "std.err", "lower": "lower 95% CI", "upper": "upper 95% CI"})
        for column in ("pstate", "std.err", "lower 95% CI", "upper 95% CI"):
            table[column] = table[column].map(shown.number)
        table["time"] = table["time"].map(lambda t: f"{t:g}")
        heading = f"{group}={label}" if group else None
        blocks.append(("" if heading is None else f"  {heading}\n") + table.to_string(index=False))
    return "\n\n".join(blocks)


def _figure(fit, given_data):
    """The stacked state-occupation figure (one panel per group), in the report's style."""
    from graftline.report.figures import time_axis
    from graftline.report.multistate_section import STATE_COLORS, STATE_LABELS
    from graftline.report.state_figure import in_follow_up, plot_state_occupation
    from graftline.stats.multistate.plotting import _COLORS

    longest = _longest(given_data)
    unit = "months" if given_data.from_endpoint and longest > 730 else "days"
    axis = time_axis(longest, unit=unit)
    key = (given_data.model or "").replace("-", "_")
    labels = STATE_LABELS.get(key, {})
    colors = STATE_COLORS.get(key) or _state_colors(fit.states, _COLORS)
    numeric = given_data.group is not None and all(_is_number(g) for g in fit.groups)
    titles = {"illness_death": "Illness-death model", "ebmt6": "EBMT six-state model",
              "current_grfs": "Current GRFS model", "current_lfs": "Current LFS model"}
    title = titles.get(key) or (given_data.title if given_data.title else
                                shown.outcome_title(given_data.label, given_data.from_endpoint))
    return plot_state_occupation(
        fit, groups=fit.groups, state_labels=labels, colors=colors, axis=axis,
        in_follow_up=in_follow_up(fit, axis.tick_days), title=title,
        note="Aalen-Johansen estimate of the probability of being in each state",
        xlabel=None if given_data.from_endpoint else f"Time ({given_data.label})",
        group_title=given_data.group if numeric else None)


def _state_colors(states, palette) -> tuple[str, ...]:
    """Okabe-Ito colours in state order; death (an absorbing end) grey, as in the report."""
    colors, k = [], 0
    for state in states:
        if "death" in state.lower() or state.lower() in ("dead", "died"):
            colors.append("#999999")
        else:
            colors.append(palette[k % len(palette)])
            k += 1
    return tuple(colors)


def _is_number(label) -> bool:
    try:
        float(label)
    except (TypeError, ValueError):
        return False
    return True


def _endpoint_table(table: Path | None, db: str | None, preset: str, option: list[str] | None):
    from graftline.credentials import is_url

    if (table is None) == (db is None):
        raise InputError("give an endpoint table file (CSV or Parquet) or --db cohort.duckdb, not both")
    if table is not None:
        from graftline.cli.endpoints import read_endpoint_table

        return read_endpoint_table(table, quiet_if_unknown=True)
    if not is_url(db) and not Path(db).exists():
        raise InputError(f"--db {db}: no such cohort store; create it with `graftline ingest DIR --db {db}`")
    from graftline.cohort import connect
    from graftline.endpoints import EndpointDefinitions, endpoint_frame

    definitions = EndpointDefinitions.preset(preset).with_options(option or [])
    return endpoint_frame(connect(db, read_only=True), definitions)

