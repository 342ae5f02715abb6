"""Diagnostic figures: contour-enhanced funnel, Baujat, GOSH and cumulative forest plots.

Headless :class:`matplotlib.figure.Figure` objects, saved with
:func:`graftline.meta.plots.save_figure` (reproducible bytes).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import NullFormatter
from scipy import stats

from graftline.meta.plots import _RATIO, _axis_label, _ratio_ticks, save_figure

#: Regions of two-sided significance around the null, from the centre out:
#: (p-value boundary, shade of the region inside it, legend), then the outside.
CONTOURS = ((0.10, "#ffffff", "p > 0.10"), (0.05, "#d9d9d9", "0.05 < p < 0.10"),
            (0.01, "#a6a6a6", "0.01 < p < 0.05"))
OUTSIDE = ("#737373", "p < 0.01")


def contour_funnel_plot(result, *, path: str | Path | None = None, title: str | None = None,
                        null: float = 0.0):
    """Contour-enhanced funnel plot (Peters et al. 2008).

    Studies (effect on the analysis scale against standard error) over regions
    of conventional statistical significance around the null: white for
    p > 0.10, light grey for 0.05 < p < 0.10, mid grey for 0.01 < p < 0.05,
    dark grey for p < 0.01. If small studies are missing mainly from the
    non-significant (white) region, publication bias is a likely cause of
    asymmetry; if they are missing from the significant regions, other causes
    are more likely (Cochrane Handbook 13.3.5.3).

    Parameters
    ----------
    result : PoolResult
        A fitted comparative model (null at 0 on the analysis scale: log ratio or difference).
    null : float
        Null value on the analysis scale.

    References
    ----------
    1. Peters JL, Sutton AJ, Jones DR, Abrams KR, Rushton L. Contour-enhanced
       meta-analysis funnel plots help distinguish publication bias from other
       causes of asymmetry. J Clin Epidemiol 2008;61:991-996.
    """
    se = np.sqrt(np.asarray(result.vi, dtype=float))
    ok = np.isfinite(se) & np.isfinite(result.yi)
    fig = Figure(figsize=(6.4, 5))
    ax = fig.add_subplot(1, 1, 1)
    se_max = float(np.max(se[ok])) * 1.1
    grid = np.linspace(0, se_max, 50)
    spread = max(float(np.max(np.abs(np.asarray(result.yi)[ok] - null))) * 1.15,
                 stats.norm.isf(0.005) * se_max)
    ax.fill_betweenx(grid, null - spread, null + spread, color=OUTSIDE[0], zorder=0, lw=0)
    # Widest region first, so that each narrower one is drawn over it.
    for alpha, colour, label in reversed(CONTOURS):
        z = stats.norm.isf(alpha / 2)
        ax.fill_betweenx(grid, null - z * grid, null + z * grid, color=colour, zorder=0, lw=0, label=label)
    ax.fill_between([], [], color=OUTSIDE[0], label=OUTSIDE[1])
    ax.axvline(null, color="#444444", lw=0.8, ls="--")
    ax.axvline(result.estimate, color="#b22222", lw=1)
    ax.plot(np.asarray(result.yi)[ok], se[ok], "o", color="#1f4e79", ms=5, mec="white", mew=0.5, zorder=3)
    ax.set_xlim(null - spread, null + spread)
    ax.set_ylim(se_max, 0)
    ax.set_ylabel("Standard error")
    ax.set_xlabel(_axis_label(result, "as analysed"))
    ax.legend(loc="lower left", fontsize=7.5, frameon=True, framealpha=0.9)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    if path is not None:
        save_figure(fig, path)
    return fig


def baujat_plot(result, *, path: str | Path | None = None, title: str | None = None):
    """Baujat plot: each study's contribution to heterogeneity against its influence on the result.

    Coordinates from :func:`graftline.meta.diagnostics.baujat` (metafor's
    ``baujat``); studies in the upper right both drive heterogeneity and move
    the pooled estimate.
    """
    from graftline.meta.diagnostics import baujat

    frame = baujat(result)
    fig = Figure(figsize=(6.4, 5))
    ax = fig.add_subplot(1, 1, 1)
    ax.grid(color="#dddddd", lw=0.6)
    ax.scatter(frame["x"], frame["y"], s=12, color="#1f4e79", zorder=3)
    for _, row in frame.iterrows():
        ax.annotate(str(row["study"]), (row["x"], row["y"]), xytext=(3, 3), textcoords="offset points",
                    fontsize=7.5)
    fixed = result.method == "FE"
    ax.set_xlabel("Contribution to overall heterogeneity" if fixed else "Squared Pearson residual")
    ax.set_ylabel("Influence on overall result")
    if title:
        ax.set_title(title)
    fig.tight_layout()
    if path is not None:
        save_figure(fig, path)
    return fig


def gosh_plot(gosh, *, path: str | Path | None = None, title: str | None = None, back_transform=None):
    """GOSH plot: I^2 against the pooled estimate for every subset, with marginal histograms.

    ``gosh`` is a :class:`graftline.meta.diagnostics.GoshResult`. Ratio
    measures are shown as ratios (log axis), as metafor's ``plot(gosh(...))``
    shows the estimate and I^2.
    """
    fits = gosh.fits
    estimate = fits["estimate"].to_numpy(dtype=float)
    measure = (gosh.measure or "").upper()
    if back_transform is None and measure in _RATIO:
        back_transform = np.exp
    if back_transform is not None:
        estimate = back_transform(estimate)
    fig = Figure(figsize=(6.4, 6))
    grid = fig.add_gridspec(2, 2, width_ratios=[4, 1], height_ratios=[1, 4], wspace=0.05, hspace=0.05)
    main = fig.add_subplot(grid[1, 0])
    top = fig.add_subplot(grid[0, 0], sharex=main)
    side = fig.add_subplot(grid[1, 1], sharey=main)
    main.scatter(estimate, fits["i2"], s=4, alpha=0.35, color="#1f4e79", lw=0, rasterized=True)
    if measure in _RATIO:
        main.set_xscale("log")
        bins = np.geomspace(estimate.min(), estimate.max(), 40) if estimate.min() > 0 else 40
    else:
        bins = 40
    top.hist(estimate, bins=bins, color="#1f4e79", alpha=0.6)
    side.hist(fits["i2"], bins=40, orientation="horizontal", color="#1f4e79", alpha=0.6)
    if measure in _RATIO:
        ticks = _ratio_ticks(*main.get_xlim())
        main.set_xticks(ticks, [f"{t:g}" for t in ticks])
        main.xaxis.set_minor_formatter(NullFormatter())
    for a in (top, side):
        a.tick_params(which="both", labelbottom=False, labelleft=False)
        for spine in ("top", "right"):
            a.spines[spine].set_visible(False)
    main.set_xlabel(_gosh_label(gosh))
    main.set_ylabel("I² (%)")
    fig.text(0.02, 0.98, f"{len(fits):,} subsets of {len(gosh.labels)} studies ({gosh.method})",
             fontsize=8, va="top")
    if title:
        fig.suptitle(title, y=0.995)
    if path is not None:
        save_figure(fig, path)
    return fig


def _gosh_label(gosh) -> str:
    from graftline.meta.effect_sizes import MEASURE_LABELS
    from graftline.meta.transforms import back_transform_function

    measure = (gosh.measure or "").upper()
    if measure in _RATIO:
        return back_transform_function(measure)[0].capitalize()
    return MEASURE_LABELS.get(measure, "Pooled estimate").capitalize()


def cumulative_plot(result, order=None, *, decreasing: bool = False, path: str | Path | None = None,
                    title: str | None = None, digits: int = 2):
    """Forest plot of a cumulative meta-analysis: the pooled estimate as each study is added.

    Rows from :func:`graftline.meta.diagnostics.cumulative` (metafor's ``cumul``).
    """
    from graftline.meta.diagnostics import cumulative
    from graftline.meta.transforms import back_transform_function

    frame = cumulative(result, order, decreasing=decreasing)
    name, transform = back_transform_function(result.measure, result.n)
    est, lo, hi = (np.asarray(transform(frame[c].to_numpy(dtype=float))) for c in ("estimate", "ci_lower", "ci_upper"))
    k = len(frame)
    height = 1.4 + 0.3 * (k + 2)
    fig = Figure(figsize=(10, height))
    grid = fig.add_gridspec(1, 3, width_ratios=[3, 4, 2.6], wspace=0.02, left=0.02, right=0.98,
                            top=1 - 0.6 / height, bottom=0.8 / height)
    left, ax, right = (fig.add_subplot(grid[0, j]) for j in range(3))
    for text_ax in (left, right):
        text_ax.axis("off")
    y = np.arange(k, 0, -1, dtype=float)
    for a in (left, ax, right):
        a.set_ylim(0.3, k + 1.6)
    left.set_xlim(0, 1)
    right.set_xlim(0, 1)
    left.text(0, k + 1, "Adding", fontweight="bold", va="center")
    right.text(0.02, k + 1, "Estimate [95% CI]", fontweight="bold", va="center")
    for i in range(k):
        left.text(0, y[i], f"+ {frame['study'][i]}", va="center")
        ax.plot([lo[i], hi[i]], [y[i], y[i]], color="black", lw=1)
        ax.plot([est[i]], [y[i]], "D", color="#b22222", ms=5)
        right.text(0.02, y[i], f"{est[i]:.{digits}f} [{lo[i]:.{digits}f}, {hi[i]:.{digits}f}]", va="center",
                   family="monospace")
    measure = (result.measure or "").upper()
    if measure in _RATIO:
        ax.set_xscale("log")
        ax.axvline(1.0, color="#777777", lw=0.8, ls="--")
        ticks = _ratio_ticks(*ax.get_xlim())
        ax.set_xticks(ticks, [f"{t:g}" for t in ticks])
        ax.xaxis.set_minor_formatter(NullFormatter())
    elif measure not in {"MN", "MNLN", "PLO", "PFT", "PAS", "PR"}:
        ax.axvline(0.0, color="#777777", lw=0.8, ls="--")
    ax.set_yticks([])
    for spine in ("left", "right", "top"):
        ax.spines[spine].set_visible(False)
    ax.set_xlabel(name.capitalize() if name not in {"as analysed", ""} else _axis_label(result, "as analysed"))
    fig.suptitle(title or "Cumulative meta-analysis", fontsize=12, fontweight="bold", y=1 - 0.15 / height)
    if path is not None:
        save_figure(fig, path)
    return fig
