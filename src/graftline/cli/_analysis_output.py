"""The output half of the statistics commands' shared command line.

Every statistics command prints an R-like summary on stdout (what
``print(survfit)``, ``summary(coxph)`` or ``print(crr)`` shows: n, events,
medians with their confidence limits, coefficient tables, the test with its
name) and, with ``--out DIR``, writes its tables as CSV and, for the curve
commands, a publication figure (SVG and PNG: curves by group, numbers at
risk under the axis, the test and its p-value above the plot) into DIR.
``--csv`` prints the main table as CSV on stdout instead of the summary,
for pipelines.

A figure is drawn with the report's own function
(:func:`graftline.report.figures.plot_step_curves`), so a command's figure
and the report's look the same.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import typer

from graftline.cli.app import console
from graftline.errors import InputError

CSV = typer.Option(False, "--csv", help="Print the main table as CSV on stdout instead of the summary.")

#: Median and its limits: "NR" (not reached) where the curve never crosses 50 %.
NOT_REACHED = "NR"


def number(value: float, digits: int = 4) -> str:
    """``value`` with ``digits`` significant digits, as R prints (``signif``); NaN as ``NA``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "NA"
    if value == 0:
        return "0"
    return f"{value:.{digits}g}"


def p_value(p: float) -> str:
    """A p-value as R's ``format.pval`` prints it at 4 digits (``< 2e-16`` at the floor)."""
    if p is None or not np.isfinite(p):
        return "NA"
    if p < 2.2e-16:
        return "< 2e-16"
    return f"{p:.4g}"


def median_text(value: float) -> str:
    """A median time or one of its limits; a curve that never reaches 50 % gives "NR"."""
    if value is None or not np.isfinite(value):
        return NOT_REACHED
    return f"{value:g}"


def print_summary(lines: Sequence[str]) -> None:
    """The summary for people on stdout (it is the command's result, like R's print)."""
    typer.echo("\n".join(lines))


def table_text(frame, *, index: str | None = None) -> str:
    """Fixed-width columns as R prints a matrix: names right-aligned over their values."""
    shown = frame.set_index(index) if index else frame
    shown.index.name = None
    return shown.to_string(index=index is not None)


def check_out(out: Path | None) -> Path | None:
    """``--out`` is a folder; a name ending in .csv is refused before any work is done."""
    if out is not None and out.suffix.lower() in {".csv", ".png", ".svg", ".parquet"}:
        raise InputError(f"--out {out}: expected a folder (the command writes several CSV tables and a "
                         f"figure into it), e.g. --out {out.with_suffix('')}")
    if out is not None and out.exists() and not out.is_dir():
        raise InputError(f"--out {out}: is a file; expected a folder")
    return out


def write_outputs(out: Path, tables: Mapping[str, object], figure=None, *, figure_name: str | None = None
                  ) -> list[Path]:
    """Write ``tables`` (name -> DataFrame) as ``name.csv`` and ``figure`` as SVG and PNG into ``out``.

    Files of the same names are replaced; other files in ``out`` are left as
    they are. Returns the paths written.
    """
    from graftline.export import staged_folder, write_csv
    from graftline.report.figures import save_figure

    names = []
    # Spreadsheet-safe tables (graftline.export); all files appear in ``out`` together, or none.
    with staged_folder(out) as folder:
        for name, frame in tables.items():
            if frame is None:
                continue
            write_csv(frame, folder / f"{name}.csv")
            names.append(f"{name}.csv")
        if figure is not None:
            rendered = save_figure(figure, folder, figure_name or "figure")
            names += [rendered.svg_path.name, rendered.png_path.name]
    written = [out / name for name in names]
    names = ", ".join(p.name for p in written)
    console.print(f"wrote {out}: {names}", highlight=False, markup=False)
    return written


def file_stem(label: str) -> str:
    """A label as part of a file name (letters, digits, ``_``, ``-``)."""
    stem = "".join(ch if ch.isalnum() or ch in "_-" else "_" for ch in str(label)).strip("_")
    return stem or "outcome"


def group_labels(values, column: str | None) -> np.ndarray:
    """Group labels as text (``1`` not ``1.0``), or one group named "All patients"."""
    if column is None:
        return np.full(len(values), "All patients", dtype=object)
    import pandas as pd

    series = pd.Series(values)
    if pd.api.types.is_float_dtype(series) and np.all(series.dropna() == np.round(series.dropna())):
        series = series.astype("Int64")
    return series.astype(str).to_numpy(dtype=object)


def group_order(labels: np.ndarray) -> tuple[str, ...]:
    """Groups in R's factor order: numbers by value, then text alphabetically."""
    def key(label: str):
        try:
            return (0, float(label), "")
        except ValueError:
            return (1, 0.0, label)

    return tuple(sorted(set(labels.tolist()), key=key))


def curve_figure(curves, *, groups: Sequence[str], time: np.ndarray, group: np.ndarray, kind: str,
                 title: str, note: str | None, from_endpoint: bool, time_name: str, legend_title: str | None):
    """The curves with numbers at risk, as the report draws them (one journal column wide).

    Time is in days for an endpoint table (months past two years) and in the
    column's own unit for ``--time``.
    """
    from graftline.report.figures import numbers_at_risk, plot_step_curves, time_axis
    from graftline.report.palette import make_palette

    longest = float(np.max(time)) if len(time) else 1.0
    unit = "months" if from_endpoint and longest > 730 else "days"
    axis = time_axis(longest, unit=unit)
    xlabel = None if from_endpoint else f"Time ({time_name})"
    if not from_endpoint:
        # --time columns carry their own unit: ticks in that unit, no day/month conversion.
        axis = time_axis(longest, unit="days")
    at_risk = numbers_at_risk(time, group, axis.tick_days, groups)
    labels = {g: (f"{legend_title}={g}" if legend_title else g) for g in groups}
    shown = [_relabel(curve, labels[curve.arm]) for curve in curves]
    at_risk = {labels[g]: counts for g, counts in at_risk.items()}
    ylabel = "Cumulative incidence (%)" if kind == "incidence" else "Survival probability (%)"
    return plot_step_curves(shown, palette=make_palette([labels[g] for g in groups]), axis=axis,
                            at_risk=at_risk, ylabel=ylabel, title=title, note=note, kind=kind,
                            xlabel=xlabel)


def _relabel(curve, label: str):
    from dataclasses import replace

    return replace(curve, arm=label)


def outcome_title(label: str, from_endpoint: bool) -> str:
    """Figure title: the report's name of a known endpoint, else the label in words."""
    if from_endpoint:
        from graftline.report.endpoints_shown import ALL

        for spec in ALL:
            if spec.name == label:
                return spec.short or spec.title
        text = label.replace("_", " ")
        return text[:1].upper() + text[1:]
    return label  # a column name, as written
