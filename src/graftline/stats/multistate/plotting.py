"""Stacked state-occupation plot, as mstate's ``plot.probtrans(type = "stacked")``.

The probabilities of the states are stacked in the model's order (the
first state at the bottom); the height of each band at time t is the
probability of being in that state at t, and the bands fill [0, 1].
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# Colour-blind safe (Okabe-Ito), then greys for models with many states.
_COLORS = ("#56B4E9", "#009E73", "#F0E442", "#E69F00", "#CC79A7", "#D55E00", "#0072B2",
           "#999999", "#666666", "#333333")


def stacked_plot(result, group, *, ax=None, states: Sequence[str] | None = None, colors=None,
                 until: float | None = None, legend: bool = True):
    """Draw one group's stacked state probabilities on ``ax`` (new figure if None)."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4.5))
    order = list(states) if states is not None else list(result.states)
    index = [result._state_index(s) for s in order]
    fit = result.fits[group]
    time = np.r_[min(0.0, fit.time[0]), fit.time]
    p = np.vstack([fit.initial, fit.probability])[:, index]
    if until is not None:
        keep = time <= until
        time, p = np.r_[time[keep], until], np.vstack([p[keep], p[keep][-1]])
    top = np.cumsum(p, axis=1)
    bottom = top - p
    palette = list(colors) if colors is not None else list(_COLORS)
    for k, state in enumerate(order):
        ax.fill_between(time, bottom[:, k], top[:, k], step="post", color=palette[k % len(palette)],
                        linewidth=0, label=state.replace("_", " "))
        ax.step(time, top[:, k], where="post", color="black", linewidth=0.5)
    ax.set_xlim(time[0], time[-1])
    ax.set_ylim(0, 1)
    ax.set_xlabel("days")
    ax.set_ylabel("probability")
    if len(result.groups) > 1:
        ax.set_title(str(group))
    if legend:
        handles, labels = ax.get_legend_handles_labels()
        ax.legend(handles[::-1], labels[::-1], loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    return ax
