"""Journal-style figures: step curves by arm with numbers at risk, grade bars.

Figures are drawn with matplotlib's Agg backend (no display needed), sized
for a single journal column (3.5 in wide, 7-pt type) and written as SVG and
PNG with fixed metadata, so that the same input gives the same bytes.

The numbers-at-risk table is a second axes that shares the x-axis of the
curve: each count is placed at the tick's data coordinate, so it sits exactly
under its tick whatever the figure size.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.transforms import blended_transform_factory  # noqa: E402

from graftline.report.palette import Palette  # noqa: E402

DAYS_PER_MONTH = 365.25 / 12
COLUMN_WIDTH_IN = 3.5

_STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 7,
    "axes.titlesize": 7.5,
    "axes.labelsize": 7,
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.labelsize": 6.5,
    "ytick.labelsize": 6.5,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "xtick.major.size": 2.5,
    "ytick.major.size": 2.5,
    "legend.fontsize": 6.5,
    "legend.frameon": False,
    "lines.linewidth": 1.2,
    # Text as paths: the SVG needs no font on the reader's machine.
    "svg.fonttype": "path",
    # Stable element ids, so the same figure gives the same SVG bytes.
    "svg.hashsalt": "graftline",
}


@dataclass(frozen=True)
class StepCurve:
    """One arm's right-continuous step function, starting at time 0.

    Attributes
    ----------
    arm
        Arm label (colour and line style come from the report's palette).
    time
        Days at which the function changes, ascending; the first is 0.
    value
        Function value from that time on (a probability in [0, 1]).
    end
        Last day the curve is drawn to (the arm's longest follow-up).
    censored
        Days of censored observations, marked on survival curves.
    """

    arm: str
    time: np.ndarray
    value: np.ndarray
    end: float
    censored: np.ndarray | None = None

    def value_at(self, days: np.ndarray) -> np.ndarray:
        index = np.searchsorted(self.time, days, side="right") - 1
        return self.value[np.clip(index, 0, None)]


@dataclass(frozen=True)
class TimeAxis:
    """Display of the time axis: unit, ticks and the window shown."""

    unit: str  # "days" or "months"
    ticks: tuple[float, ...]

    @property
    def days_per_unit(self) -> float:
        return 1.0 if self.unit == "days" else DAYS_PER_MONTH

    @property
    def tick_days(self) -> np.ndarray:
        return np.asarray(self.ticks, dtype=float) * self.days_per_unit


def time_axis(max_day: float, *, unit: str, cap_days: float | None = None) -> TimeAxis:
    """Ticks at round steps covering ``[0, max_day]`` (capped at ``cap_days``).

    Days get steps of 7, 10, 14, 20, 30, 50 or 100; months 3, 6, 12 or 24;
    longer spans 200, 250, 500, 1000, ...; so that a column-width figure has
    4-8 ticks.
    """
    if unit not in ("days", "months"):
        raise ValueError(f"time unit must be 'days' or 'months', got {unit!r}")
    if cap_days is not None:
        max_day = min(max_day, cap_days)
    per_unit = 1.0 if unit == "days" else DAYS_PER_MONTH
    span = max(float(max_day) / per_unit, 1.0)
    steps = (7, 10, 14, 20, 30, 50, 100) if unit == "days" else (3, 6, 12, 24, 36)
    # Longer spans (a --time column in any unit): 1, 2, 2.5, 5 x 10^k.
    steps += tuple(m * 10.0**k for k in range(2, 7) for m in (2, 2.5, 5, 10) if m * 10.0**k > steps[-1])
    step = next((s for s in steps if span / s <= 7), steps[-1])
    count = int(np.ceil(span / step - 1e-9))
    return TimeAxis(unit=unit, ticks=tuple(float(step * k) for k in range(count + 1)))


def numbers_at_risk(
    time: np.ndarray, arm: np.ndarray, tick_days: np.ndarray, arms: Sequence[str]
) -> dict[str, np.ndarray]:
    """Patients still at risk (observed time >= t) at each tick, per arm.

    This is ``n.risk`` of R's ``summary(survfit(...), times = t)``: a patient
    whose event or censoring falls on day t is still counted at t.
    """
    time = np.asarray(time, dtype=float)
    arm = np.asarray(arm, dtype=object)
    counts = {}
    for name in arms:
        sorted_time = np.sort(time[arm == name])
        counts[name] = sorted_time.size - np.searchsorted(sorted_time, tick_days, side="left")
    return counts


def plot_step_curves(
    curves: Sequence[StepCurve],
    *,
    palette: Palette,
    axis: TimeAxis,
    at_risk: Mapping[str, np.ndarray] | None,
    ylabel: str,
    title: str | None = None,
    note: str | None = None,
    kind: str = "incidence",
    xlabel: str | None = None,
) -> Figure:
    """Step curves by arm with a numbers-at-risk table under the x-axis.

    Parameters
    ----------
    curves
        One curve per arm, in palette order.
    palette
        Arm colours and line styles shared by all figures of the report.
    axis
        Unit and ticks of the time axis; the counts in ``at_risk`` are at these ticks.
    at_risk
        Numbers at risk per arm at ``axis.ticks`` (omit the table with None).
    ylabel
        Y-axis label, e.g. "Cumulative incidence (%)".
    note
        Short text above the plot, under the title, e.g. "Gray's test p = 0.003".
    kind
        "incidence" (rising curves) or "survival" (falling, with censor marks).
    xlabel
        X-axis label; default "Time after day 0 (<unit>)".
    """
    arms_shown = [curve.arm for curve in curves]
    rows = len(arms_shown) if at_risk is not None else 0
    longest = max((len(arm) for arm in arms_shown), default=4)
    # Room on the left for the risk-table arm labels plus half the width of
    # the count printed under tick 0.
    left_in = max(0.45, 0.052 * max(longest, 11) + 0.22)
    plot_h, row_h = 2.0, 0.15
    risk_h = (rows + 1) * row_h + 0.25 if rows else 0.0
    bottom_in = 0.32
    top_in = 0.08 + (0.16 if title else 0.0) + (0.12 if note else 0.0)
    height = bottom_in + risk_h + plot_h + top_in
    with plt.rc_context(_STYLE):
        fig = Figure(figsize=(COLUMN_WIDTH_IN, height))
        width_frac = (COLUMN_WIDTH_IN - left_in - 0.12) / COLUMN_WIDTH_IN
        left = left_in / COLUMN_WIDTH_IN
        ax = fig.add_axes(
            (left, (bottom_in + risk_h) / height, width_frac, plot_h / height)
        )
        x_max = axis.ticks[-1]
        for curve in curves:
            style = palette.style(curve.arm)
            x = np.append(curve.time, min(curve.end, axis.tick_days[-1])) / axis.days_per_unit
            keep = x <= x_max
            y = np.append(curve.value, curve.value[-1]) * 100
            # An arm without events is a line along 0 % (incidence) or 100 %
            # (survival): drawn unclipped above an offset axis, and named so.
            flat = not np.any(curve.value != (0.0 if kind == "incidence" else 1.0))
            ax.step(
                x[keep], y[keep], where="post", color=style.color, linestyle=style.linestyle,
                label=curve.arm + (" (no events)" if flat else ""), solid_joinstyle="miter", clip_on=False,
            )
            if kind == "survival" and curve.censored is not None and curve.censored.size:
                marks = curve.censored[curve.censored <= axis.tick_days[-1]]
                ax.plot(
                    marks / axis.days_per_unit, curve.value_at(marks) * 100, linestyle="none",
                    marker="|", markersize=3, markeredgewidth=0.5, color=style.color,
                )
        ax.set_xlim(0, x_max)
        # Axes set a little away from the plot, so that a curve along 0 % or
        # along the y-axis is never hidden behind an axis line.
        ax.spines["bottom"].set_position(("outward", 3))
        ax.spines["left"].set_position(("outward", 3))
        # Rare events (severe GVHD, NRM) are drawn on 0-50 % so the arms can be
        # told apart; the axis says so, as in hematology journals.
        highest = max((float(np.max(c.value)) for c in curves), default=0.0)
        top = 50 if kind == "incidence" and highest <= 0.45 else 100
        ax.set_ylim(0, top)
        ax.set_yticks(np.linspace(0, top, 6))
        ax.set_xticks(axis.ticks)
        ax.set_xticklabels([f"{t:g}" for t in axis.ticks])
        ax.set_ylabel(ylabel)
        ax.set_xlabel(xlabel or f"Time after day 0 ({axis.unit})")
        if title:
            ax.set_title(title, loc="left", fontweight="bold", pad=11 if note else 4)
        if note:
            # The test result sits between the title and the plot, never on a curve.
            ax.text(0.0, 1.015, note, transform=ax.transAxes, ha="left", va="bottom", fontsize=6.5)
        _place_legend(fig, ax, curves, axis)
        if rows:
            risk = fig.add_axes((left, bottom_in / height, width_frac, (rows + 0.6) * row_h / height),
                                sharex=ax)
            risk.set_ylim(rows - 0.4, -1.2)
            risk.axis("off")
            label_at = blended_transform_factory(fig.transFigure, risk.transData)
            risk.text(0.02, -1.0, "No. at risk", transform=label_at, ha="left",
                      va="center", fontweight="bold", fontsize=7)
            for row, arm in enumerate(arms_shown):
                style = palette.style(arm)
                risk.text(left - 0.16 / COLUMN_WIDTH_IN, row, arm, transform=label_at, ha="right", va="center",
                          color=style.color, fontsize=7)
                for tick, count in zip(axis.ticks, at_risk[arm], strict=True):
                    risk.text(tick, row, f"{int(count)}", ha="center", va="center", fontsize=7)
    return fig


_LEGEND_PLACES = ("lower right", "upper left", "upper right", "lower left", "center right",
                  "center left", "upper center", "lower center")


def _curve_points(curves: Sequence[StepCurve], axis: TimeAxis) -> np.ndarray:
    """Dense points along the drawn step curves (data units), vertical jumps included."""
    points = []
    grid = np.linspace(0, axis.tick_days[-1], 300)
    for curve in curves:
        end = min(curve.end, axis.tick_days[-1])
        x = grid[grid <= end]
        points.append(np.column_stack([x / axis.days_per_unit, curve.value_at(x) * 100]))
        for index in range(1, len(curve.time)):
            if curve.time[index] <= end:
                y = np.linspace(curve.value[index - 1], curve.value[index], 12) * 100
                points.append(np.column_stack([np.full(12, curve.time[index] / axis.days_per_unit), y]))
    return np.concatenate(points) if points else np.empty((0, 2))


def _place_legend(fig: Figure, ax, curves: Sequence[StepCurve], axis: TimeAxis) -> None:
    """Try the usual legend positions and keep the one covering the fewest curve points.

    matplotlib's ``loc="best"`` counts path vertices, which a step curve has
    only at its steps, so it happily puts a legend across a long straight
    segment; dense points along the curves avoid that. Ties keep the order
    of :data:`_LEGEND_PLACES` (deterministic).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    renderer = canvas.get_renderer()
    points = ax.transData.transform(_curve_points(curves, axis)) if curves else np.empty((0, 2))
    best, best_cover = _LEGEND_PLACES[0], None
    for place in _LEGEND_PLACES:
        legend = ax.legend(loc=place, handlelength=2.2)
        box = legend.get_window_extent(renderer).padded(2)
        cover = int(np.sum((points[:, 0] >= box.x0) & (points[:, 0] <= box.x1)
                           & (points[:, 1] >= box.y0) & (points[:, 1] <= box.y1)))
        if best_cover is None or cover < best_cover:
            best, best_cover = place, cover
        if cover == 0:
            break
    ax.legend(loc=best, handlelength=2.2)


def plot_category_bars(
    percent: pd.DataFrame, *, colors: Sequence[str], ylabel: str, title: str | None = None,
    counts: pd.DataFrame | None = None,
) -> Figure:
    """Stacked 100 % bars: one bar per arm (rows), one segment per category (columns).

    Used for the maximum aGVHD grade and the chimerism category by arm,
    where a reader compares distributions rather than single rates.
    """
    arms = list(percent.index)
    categories = list(percent.columns)
    longest = max((len(str(c)) for c in categories), default=4)
    with plt.rc_context(_STYLE):
        fig = Figure(figsize=(COLUMN_WIDTH_IN, 2.3 if title else 2.1))
        legend_frac = min(0.45, (0.055 * longest + 0.35) / COLUMN_WIDTH_IN)
        ax = fig.add_axes((0.15, 0.2, 0.83 - legend_frac, 0.68 if title else 0.74))
        x = np.arange(len(arms))
        bottom = np.zeros(len(arms))
        for category, color in zip(categories, colors, strict=True):
            heights = percent[category].to_numpy(dtype=float)
            ax.bar(x, heights, bottom=bottom, width=0.62, color=color, edgecolor="white",
                   linewidth=0.4, label=str(category).replace("_", " "))
            bottom += heights
        ax.set_xticks(x)
        ax.set_xticklabels(
            [f"{arm}\n(n={int(counts.loc[arm].sum())})" if counts is not None else arm
             for arm in arms]
        )
        ax.set_ylim(0, 100)
        ax.set_ylabel(ylabel)
        if title:
            ax.set_title(title, loc="left", fontweight="bold")
        handles, labels = ax.get_legend_handles_labels()
        ax.legend(handles[::-1], labels[::-1], loc="center left", bbox_to_anchor=(1.02, 0.5),
                  handlelength=1.0, handleheight=1.0)
    return fig


@dataclass(frozen=True)
class RenderedFigure:
    """A figure written to disk, with the SVG text kept for inlining."""

    name: str
    svg_path: Path
    png_path: Path
    svg: bytes
    png: bytes


def save_figure(fig: Figure, out_dir: Path, name: str, *, dpi: int = 300) -> RenderedFigure:
    """Write ``name.svg`` and ``name.png`` (300 dpi) with deterministic metadata."""
    out_dir.mkdir(parents=True, exist_ok=True)
    svg_buffer, png_buffer = io.BytesIO(), io.BytesIO()
    with plt.rc_context(_STYLE):
        fig.savefig(svg_buffer, format="svg",
                    metadata={"Date": None, "Creator": None})
        fig.savefig(png_buffer, format="png", dpi=dpi,
                    metadata={"Software": None})
    svg_path, png_path = out_dir / f"{name}.svg", out_dir / f"{name}.png"
    svg_path.write_bytes(svg_buffer.getvalue())
    png_path.write_bytes(png_buffer.getvalue())
    return RenderedFigure(name, svg_path, png_path, svg_buffer.getvalue(), png_buffer.getvalue())
