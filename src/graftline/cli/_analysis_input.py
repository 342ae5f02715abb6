"""The input half of the statistics commands' shared command line.

``km``, ``cox``, ``cuminc``, ``fine-gray`` (and the commands that adopt the
same convention) read their data in one of two ways:

* ``--endpoint NAME``: the ``NAME_day`` / ``NAME_status`` columns of an
  endpoint table written by ``graftline endpoints`` (0 censored, 1 event,
  2 competing event; engraftment rows marked ``NAME_applicable = False``
  are handled as the table's stored definitions say);
* ``--time COL --event COL [--start COL]``: any table with one row per
  patient (or per interval with ``--start``), as R's ``Surv(start, time, event)``.

Covariates are ``--covariates a,b`` (the older ``-x a -x b`` still works);
``-c/--categorical COL`` turns numeric codes into categories as R's
``factor()``, and ``--reference COL=LEVEL`` picks the reference level as
R's ``relevel()``. Text columns are categorical anyway. A numeric covariate
with a few distinct whole values and no ``-c`` gets a warning naming it: it
enters the model as one linear term, which is what R's formula does with
such a column, and rarely what a person coding 1/2/3 meant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import typer

from graftline.cli.app import console
from graftline.errors import InputError

#: A numeric covariate with at least 3 and at most this many distinct whole
#: values, used without ``-c``, is reported: probably category codes.
FEW_DISTINCT_VALUES = 10

ENDPOINT = typer.Option(
    None, "--endpoint",
    help="Endpoint of an endpoint table (its NAME_day and NAME_status columns), e.g. relapse, os.")
TIME = typer.Option(None, "--time", help="Column with follow-up time (instead of --endpoint).")
EVENT = typer.Option(None, "--event", help="Column with the status: 1 event, 0 censored (2 competing, where allowed).")
START = typer.Option(None, "--start", help="Column with the interval start: rows are (start, time] (delayed entry).")
GROUP = typer.Option(None, "--group", help="Column with the groups to compare (e.g. arm).")
COVARIATES = typer.Option(None, "--covariates", help="Comma-separated covariate columns, e.g. age,arm,disease_risk.")
CATEGORICAL = typer.Option(
    [], "--categorical", "-c",
    help="Numeric covariate to treat as categories (R's factor()); repeatable or comma-separated.")
REFERENCE = typer.Option(
    [], "--reference",
    help="Reference level of a categorical covariate, COL=LEVEL (R's relevel()); repeatable.")
OUT = typer.Option(None, "--out", help="Folder for the CSV tables and the figure (SVG and PNG).")


@dataclass(frozen=True)
class AnalysisRows:
    """The rows a command analyses and their survival outcome.

    Attributes
    ----------
    frame
        The input rows that enter the analysis (index 0..n-1); columns as read.
    time, status
        Follow-up and status per row: 0 censored, 1 event, 2 competing event.
    start
        Interval start per row (``--start``), else None.
    label
        What is analysed, for titles and file names: the endpoint or the time column.
    source
        The input file's name, for messages.
    from_endpoint
        True when read with ``--endpoint`` (times are days from day 0).
    event
        The status column's name.
    start_name
        The interval-start column's name (``--start``), else None.
    """

    frame: object
    time: np.ndarray
    status: np.ndarray
    start: np.ndarray | None
    label: str
    source: str
    from_endpoint: bool
    event: str
    start_name: str | None = None

    @property
    def n(self) -> int:
        return len(self.time)


def split_names(values: Sequence[str] | str | None) -> list[str]:
    """``["a,b", "c"]`` or ``"a,b"`` -> ``["a", "b", "c"]`` (empty parts dropped, order kept)."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    names: list[str] = []
    for value in values:
        names += [part.strip() for part in str(value).split(",") if part.strip()]
    return list(dict.fromkeys(names))


def read_rows(table: Path, *, command: str, endpoint: str | None, time: str | None, event: str | None,
              start: str | None = None, competing: bool, columns: Sequence[str] = ()) -> AnalysisRows:
    """Read ``table`` and the outcome named by ``--endpoint`` or ``--time/--event``.

    ``competing``: the command estimates competing risks (status 2 allowed).
    A command that is not (``km``, ``cox``) refuses status 2 and names the
    commands that handle it. ``columns``: other columns the command needs;
    every missing one is named in a single message.
    """
    from graftline.cli.endpoints import read_endpoint_table

    if endpoint is not None and (time is not None or event is not None):
        raise InputError(f"{command}: give either --endpoint or --time/--event, not both")
    source = table.name
    frame = read_endpoint_table(table, quiet_if_unknown=endpoint is None)
    if endpoint is None:
        time, event = time or "time", event or "event"
        needed = [time, event] + ([start] if start else [])
        _require(frame, needed + [c for c in columns if c not in needed], source)
        values = _numbers(frame, time, source)
        status = _numbers(frame, event, source)
        rows = _outcome_checked(frame, values, status, time, event, source, command, competing)
        starts = _numbers(frame, start, source)[rows] if start else None
        frame = frame.loc[rows].reset_index(drop=True)
        return AnalysisRows(frame, values[rows], status[rows].astype(np.int64), starts,
                            time, source, from_endpoint=False, event=event, start_name=start)
    if start is not None:
        raise InputError(f"{command}: --start goes with --time/--event; an endpoint table starts at day 0")
    frame, values, status = _endpoint_rows(frame, endpoint, table)
    _require(frame, list(columns), source)
    if not competing and (status == 2).any():
        raise InputError(
            f"{source}: {endpoint} has {int((status == 2).sum())} competing event(s) (status 2), which "
            f"`graftline {command}` would have to treat as censoring (1 - Kaplan-Meier overstates the "
            f"incidence); use `graftline cuminc --endpoint {endpoint}` or "
            f"`graftline fine-gray --endpoint {endpoint}`")
    return AnalysisRows(frame.reset_index(drop=True), values, status.astype(np.int64), None,
                        endpoint, source, from_endpoint=True, event=f"{endpoint}_status")


def _require(frame, columns: Sequence[str], source: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"{source}: no column {missing}; the file has {list(frame.columns)}")


def _numbers(frame, column: str, source: str) -> np.ndarray:
    import pandas as pd

    values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=np.float64)
    bad = np.flatnonzero(np.isnan(values) & frame[column].notna().to_numpy())
    if bad.size:
        i = int(bad[0])
        raise InputError(f"{source} row {i + 2}, column {column}: {frame[column].iloc[i]!r} is not a number")
    return values


def _outcome_checked(frame, time: np.ndarray, status: np.ndarray, time_name: str, event_name: str,
                     source: str, command: str, competing: bool) -> np.ndarray:
    """Rows with a usable time and status; refuse codes the command cannot use."""
    allowed = (0, 1, 2) if competing else (0, 1)
    known = ~np.isnan(status)
    bad = np.flatnonzero(known & ~np.isin(status, allowed))
    if bad.size:
        i = int(bad[0])
        value = f"{status[i]:g}"
        if not competing and status[i] == 2:
            hint = (f"a 2 (competing event) needs `graftline cuminc --time {time_name} --event {event_name}` "
                    f"or `graftline fine-gray`; `{command}` takes 1 = event, 0 = censored")
        else:
            codes = "1 = event, 2 = competing event, 0 = censored" if competing else "1 = event, 0 = censored"
            hint = f"expected {codes}"
        raise InputError(f"{source} row {i + 2}, column {event_name}: {value} ({int(bad.size)} such rows); {hint}")
    negative = np.flatnonzero(time < 0)
    if negative.size:
        i = int(negative[0])
        raise InputError(f"{source} row {i + 2}, column {time_name}: {time[i]:g} is negative; expected a time >= 0")
    usable = known & ~np.isnan(time)
    if not usable.all():
        console.print(f"{int((~usable).sum())} row(s) without {time_name} or {event_name} left out",
                      highlight=False, markup=False)
    if not usable.any():
        raise InputError(f"{source}: no row has both {time_name} and {event_name}")
    return usable


def _endpoint_rows(frame, endpoint: str, table: Path):
    """Rows and (time, status) of an endpoint; engraftment "not applicable" as the stored definitions say."""
    from graftline.endpoints import competing, read_endpoint_definitions
    from graftline.stats import from_endpoints

    source = table.name
    try:
        column = f"{endpoint}_applicable"
        if column not in frame.columns:
            return frame, *from_endpoints(frame, endpoint)
        definitions = read_endpoint_definitions(table).definitions
        how = getattr(definitions, "engraftment_not_applicable", "excluded")
        applicable = frame[column].astype("boolean").fillna(True).to_numpy(dtype=bool)
        if not applicable.all():
            what = "counted as engrafted on day 0" if how == "event_day0" else "left out"
            console.print(f"{int((~applicable).sum())} patient(s) with {endpoint} not applicable (count never "
                          f"fell below the threshold): {what}", highlight=False, markup=False)
        if how != "event_day0":
            frame = frame[applicable]
        return frame, *competing(frame, endpoint, not_applicable="event_day0")
    except InputError as error:
        raise InputError(f"{source}: {error}") from None


def parse_reference(items: Sequence[str]) -> dict[str, str]:
    """``["group=2", "arm=chemo"]`` -> ``{"group": "2", "arm": "chemo"}``."""
    levels: dict[str, str] = {}
    for item in items:
        for part in split_names(item):
            column, sep, level = part.partition("=")
            if not sep or not column.strip() or not level.strip():
                raise InputError(f"--reference {part!r}: expected COLUMN=LEVEL, e.g. disease_risk=low")
            levels[column.strip()] = level.strip()
    return levels


def covariate_frame(rows: AnalysisRows, names: Sequence[str], *, categorical: Sequence[str] = (),
                    reference: dict[str, str] | None = None, command: str = "the model"):
    """The covariates as the model should see them, and the reference level of each categorical one.

    Returns ``(frame, references)``: ``frame`` has the ``names`` columns,
    categorical ones as pandas ``Categorical`` whose first level is the
    reference (R's ``factor()`` order, then ``relevel()``); ``references``
    maps each categorical column to its reference level as text.
    """
    import pandas as pd

    reference = dict(reference or {})
    source = rows.source
    if not names:
        raise InputError(f"{command}: no covariates; give --covariates a,b")
    _require(rows.frame, list(names), source)
    categorical = split_names(list(categorical))
    outside = [c for c in categorical if c not in names]
    if outside:
        raise InputError(f"-c {', '.join(outside)}: not among the covariates ({', '.join(names)}); "
                         "add it to --covariates")
    outside = [c for c in reference if c not in names]
    if outside:
        raise InputError(f"--reference {', '.join(outside)}: not among the covariates ({', '.join(names)})")
    frame = pd.DataFrame(index=rows.frame.index)
    references: dict[str, str] = {}
    for name in names:
        column = rows.frame[name]
        numeric = pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)
        if numeric and name not in categorical:
            if name in reference:
                raise InputError(f"--reference {name}={reference[name]}: {name} is numeric; "
                                 f"add -c {name} to treat its values as categories")
            _warn_if_codes(column, name, command)
            frame[name] = column
            continue
        if pd.api.types.is_bool_dtype(column) and name not in reference and name not in categorical:
            frame[name] = column  # R: logical -> <name>TRUE
            continue
        present = column.dropna()
        if name not in categorical:
            _refuse_stray_text(present, name, source)
        levels = sorted(present.unique().tolist(), key=_sort_key)
        if name in reference:
            wanted = reference[name]
            match = [level for level in levels if _level_text(level) == wanted]
            if not match:
                shown = ", ".join(_level_text(level) for level in levels)
                raise InputError(f"--reference {name}={wanted}: {name} has no level {wanted!r}; its levels are {shown}")
            levels.remove(match[0])
            levels.insert(0, match[0])
        frame[name] = pd.Categorical(column, categories=levels)
        if levels:
            references[name] = _level_text(levels[0])
    return frame, references


def _refuse_stray_text(present, name: str, source: str) -> None:
    """Refuse a text column that is numbers but for a few entries (``61, 70, unknown``).

    Read as text, it would become a categorical covariate with one level per
    distinct number, a model nobody meant and whose numbers look plausible.
    A column of mostly text (``low, high``) or of codes the user declared with
    ``-c`` is categorical as intended.
    """
    import pandas as pd

    if present.empty or pd.api.types.is_bool_dtype(present) or isinstance(present.dtype, pd.CategoricalDtype):
        return
    numbers = pd.to_numeric(present, errors="coerce")
    text = numbers.isna()
    if text.any() and (~text).sum() >= text.sum():
        stray = present[text]
        shown = ", ".join(repr(v) for v in dict.fromkeys(stray.tolist()[:3]))
        raise InputError(
            f"{source}, column {name}: {shown} ({int(text.sum())} row(s)) not a number, while its other "
            f"{int((~text).sum())} values are numbers (e.g. {present[~text].iloc[0]}); correct those entries or "
            f"leave them empty (missing, left out), or add -c {name} if the column holds categories"
        )


def _warn_if_codes(column, name: str, command: str) -> None:
    values = column.dropna().to_numpy(dtype=np.float64)
    distinct = np.unique(values)
    whole = distinct.size and np.all(distinct == np.round(distinct))
    if whole and 3 <= distinct.size <= FEW_DISTINCT_VALUES:
        shown = ", ".join(f"{v:g}" for v in distinct)
        console.print(
            f"warning: covariate {name!r} is numeric with {distinct.size} distinct values ({shown}): {command} "
            f"fits it as one linear term (the same effect from 1 to 2 as from 2 to 3). If these are category codes, add -c {name}.",
            highlight=False, markup=False)


def _sort_key(level: object) -> tuple:
    # Numbers before text, each in natural order (R sorts factor levels by value).
    if isinstance(level, (int, float, np.number)) and not isinstance(level, bool):
        return (0, float(level), "")
    return (1, 0.0, str(level))


def _level_text(level: object) -> str:
    if isinstance(level, (bool, np.bool_)):
        return "TRUE" if level else "FALSE"
    if isinstance(level, (float, np.floating)) and float(level).is_integer():
        return str(int(level))
    return str(level)


def complete_rows(rows: AnalysisRows, columns: Sequence[str]) -> AnalysisRows:
    """Leave out rows with a missing value in ``columns`` and say how many (R: "deleted due to missingness")."""
    from dataclasses import replace

    columns = [c for c in columns if c]
    if not columns:
        return rows
    keep = rows.frame[list(columns)].notna().all(axis=1).to_numpy()
    if keep.all():
        return rows
    console.print(f"{int((~keep).sum())} row(s) with a missing {' or '.join(columns)} left out "
                  "(R: deleted due to missingness)", highlight=False, markup=False)
    if not keep.any():
        raise InputError(f"{rows.source}: every row misses {' or '.join(columns)}")
    return replace(rows, frame=rows.frame.loc[keep].reset_index(drop=True), time=rows.time[keep],
                   status=rows.status[keep], start=None if rows.start is None else rows.start[keep])
