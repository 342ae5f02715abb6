"""Publication figure of a multi-state model: stacked state occupation, one panel per group.

The bands are mstate's ``plot.probtrans(type = "stacked")`` (drawn by
:func:`graftline.stats.multistate.plotting.stacked_plot`): at each time the
height of a band is the probability of being in that state, the first state
at the bottom. Panels share the report's journal style (7-pt type, text as
paths in SVG), the time axis and a legend listing the states top to bottom
as they are stacked; under each panel, the number of patients still in
follow-up at each tick.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.figure import Figure

from graftline.report.figures import _STYLE, TimeAxis

PANEL_WIDTH_IN = 2.3
PLOT_HEIGHT_IN = 1.7
#: Panels per row (three fill a double journal column).
PER_ROW = 3


def plot_state_occupation(result, *, groups: Sequence, state_labels: Mapping[str, str],
                          colors: Sequence[str], axis: TimeAxis, in_follow_up: Mapping[object, np.ndarray] | None,
                          title: str | None = None, note: str | None = None, xlabel: str | None = None,
                          group_title: str | None = None) -> Figure:
    """Stacked state occupation per group.

    Parameters
    ----------
    result
        :class:`graftline.stats.multistate.MultiStateResult`.
    groups
        The groups to draw, in panel order (keys of ``result.fits``).
    state_labels
        Legend text per state (default the state's name).
    colors
        One colour per state of ``result.states``, bottom band first.
    axis
        Time axis; curves are in days (``axis.days_per_unit`` converts).
    in_follow_up
        Patients in follow-up at each tick of ``axis``, per group (None: no row).
    group_title
        Column name put before a numeric group label (``arm=1``).
    """
    import matplotlib.pyplot as plt

    from graftline.stats.multistate.plotting import stacked_plot

    groups = list(groups)
    columns = min(len(groups), PER_ROW)
    rows = math.ceil(len(groups) / columns)
    left_in, gap_in = 0.5, 0.25
    legend_in = 0.25 + 0.055 * max(len(state_labels.get(s, s)) for s in result.states) + 0.25
    risk_in = 0.42 if in_follow_up is not None else 0.0
    titled = len(groups) > 1 or bool(group_title)
    panel_title_in = 0.2 if titled else 0.05
    row_in = PLOT_HEIGHT_IN + 0.32 + risk_in + panel_title_in
    top_in = 0.1 + (0.2 if title else 0.0) + (0.14 if note else 0.0)
    width = left_in + columns * PANEL_WIDTH_IN + (columns - 1) * gap_in + legend_in
    height = top_in + rows * row_in
    with plt.rc_context(_STYLE):
        fig = Figure(figsize=(width, height))
        if title:
            fig.text(0.08 / width, 1 - 0.1 / height, title, ha="left", va="top", fontweight="bold", fontsize=7.5)
        if note:
            fig.text(0.08 / width, 1 - (0.12 + (0.2 if title else 0.0)) / height, note, ha="left", va="top",
                     fontsize=6.5)
        ax = None
        for k, group in enumerate(groups):
            row, column = divmod(k, columns)
            x0 = left_in + column * (PANEL_WIDTH_IN + gap_in)
            y0 = height - top_in - row * row_in - panel_title_in - PLOT_HEIGHT_IN
            ax = fig.add_axes((x0 / width, y0 / height, PANEL_WIDTH_IN / width, PLOT_HEIGHT_IN / height))
            until = float(axis.tick_days[-1])
            stacked_plot(result, group, ax=ax, colors=colors, until=min(until, _last_time(result, group)),
                         legend=False)
            ax.set_xlim(0, until)
            ax.set_xticks(axis.tick_days)
            ax.set_xticklabels([f"{t:g}" for t in axis.ticks])
            ax.set_yticks(np.linspace(0, 1, 6))
            ax.set_yticklabels([f"{p:g}" for p in range(0, 101, 20)])
            ax.set_ylabel("Patients in each state (%)" if column == 0 else "")
            ax.set_xlabel(xlabel or f"Time after day 0 ({axis.unit})")
            shown = f"{group_title}={group}" if group_title else str(group)
            ax.set_title("")  # stacked_plot's centred group name; the panel's is on the left
            ax.set_title(shown if titled else "", loc="left", fontweight="bold",
                         fontsize=7, pad=3)
            if in_follow_up is not None:
                _follow_up_row(fig, ax, axis, in_follow_up[group], width, height, x0, y0)
        handles, texts = ax.get_legend_handles_labels()
        names = [state_labels.get(s, s.replace("_", " ")) for s in result.states]
        # Top band first in the legend, as the bands are stacked.
        fig.legend(handles[::-1], names[::-1], loc="upper left", frameon=False, handlelength=1.2,
                   bbox_to_anchor=((width - legend_in + 0.15) / width, 1 - (top_in + panel_title_in) / height))
    return fig


def in_follow_up(result, tick_days: np.ndarray) -> dict[object, np.ndarray]:
    """Patients still in follow-up (last row ending at or after t) at each tick, per group.

    As ``n.risk`` under a Kaplan-Meier curve: a patient whose follow-up ends
    on day t is still counted at t.
    """
    counts = {}
    for group in result.groups:
        rows = result.fits[group].rows
        last = np.full(rows.n_clusters, -np.inf)
        np.maximum.at(last, rows.cluster, rows.exit)
        last.sort()
        counts[group] = last.size - np.searchsorted(last, tick_days, side="left")
    return counts


def _last_time(result, group) -> float:
    fit = result.fits[group]
    return float(fit.time[-1]) if fit.time.size else 0.0


def _follow_up_row(fig: Figure, ax, axis: TimeAxis, counts: np.ndarray, width: float, height: float,
                   x0: float, y0: float) -> None:
    """"No. in follow-up" and the counts under the ticks, below the x-axis label."""
    from matplotlib.transforms import blended_transform_factory

    y = (y0 - 0.5) / height
    place = blended_transform_factory(ax.transData, fig.transFigure)
    fig.text(x0 / width, y + 0.13 / height, "No. in follow-up", ha="left", va="center", fontsize=6.5,
             fontweight="bold")
    for tick, count in zip(axis.tick_days, counts, strict=True):
        fig.text(tick, y, f"{int(count)}", transform=place, ha="center", va="center", fontsize=6.5)
