"""Forest and funnel plots for a :class:`~graftline.meta.pooling.PoolResult`.

Figures are built on :class:`matplotlib.figure.Figure` directly (no pyplot
state, no GUI backend), so they render headless and the same input gives the
same file.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.patches import Polygon
from matplotlib.ticker import NullLocator
from scipy import stats

from graftline.meta.bias import TrimAndFill
from graftline.meta.pooling import PoolResult
from graftline.meta.transforms import back_transform_function, inverse_freeman_tukey

_RATIO = {"RR", "OR", "ROM", "HR"}
_FORMATS = {".svg", ".png", ".pdf"}


def _to_plot_scale(result: PoolResult):
    """Function mapping analysis-scale values (and per-study n) to the plotted scale."""
    measure = (result.measure or "").upper()
    name, pooled = back_transform_function(measure, result.n)
    if measure == "PFT":
        def per_study(x, n):
            return inverse_freeman_tukey(x, n)
    else:
        def per_study(x, n):
            return pooled(x)
    return name, pooled, per_study


def _fmt(x: float, digits: int) -> str:
    return "NA" if not np.isfinite(x) else f"{x:.{digits}f}"


def forest_plot(result: PoolResult, *, path: str | Path | None = None, title: str | None = None,
                xlabel: str | None = None, digits: int = 2, favours: tuple[str, str] | None = None,
                footnote: str | None = None):
    """Draw a forest plot.

    Parameters
    ----------
    result : PoolResult
        A fitted model (with ``subgroup=`` for subgroup diamonds).
    path : str or Path, optional
        Save to this file; ``.svg``, ``.png`` (300 dpi) or ``.pdf``.
    title, xlabel : str, optional
        Figure title and axis label (default: the measure's natural scale).
    digits : int
        Decimals in the estimate column.
    favours : (str, str), optional
        Labels under the axis, left and right of the null line
        (e.g. ``("favours MSC", "favours control")``).
    footnote : str, optional
        Text under the figure (e.g. which rows were converted from medians).

    Returns
    -------
    matplotlib.figure.Figure

    Notes
    -----
    One row per study: label, n (if known), a square sized by its weight and
    its confidence interval (normal-theory, ``yi +- z sqrt(vi)``), the estimate
    with CI and the weight in percent (of the overall model). Subgroups get a
    header and a diamond with their own pooled estimate; the overall diamond
    is followed by the prediction interval as a bar. Ratio measures are drawn
    on a log axis with ratios as labels; proportions from PLO/PFT/PAS are
    back-transformed (PFT studies at their own n, pooled at the harmonic mean).

    Examples
    --------
    >>> from graftline.meta import pool
    >>> res = pool([-0.9, -1.6, -0.2, -0.5], [0.3, 0.2, 0.05, 0.1], measure="RR")
    >>> fig = forest_plot(res)            # or forest_plot(res, path="forest.svg")
    >>> len(fig.axes)
    3
    """
    scale, pooled_t, study_t = _to_plot_scale(result)
    frame = result.study_frame()
    n = frame["n"].to_numpy() if "n" in frame else np.full(len(frame), np.nan)
    lo = study_t(frame["ci_lower"].to_numpy(), n)
    hi = study_t(frame["ci_upper"].to_numpy(), n)
    est = study_t(frame["yi"].to_numpy(), n)

    # Layout rows from the top: (kind, payload).
    rows: list[tuple[str, object]] = []
    if result.subgroups is not None and result.subgroup is not None:
        for name, sub in zip(result.subgroups.names, result.subgroups.results, strict=True):
            rows.append(("header", name))
            rows.extend(("study", i) for i in np.flatnonzero(result.subgroup == name))
            rows.append(("diamond", (f"Subtotal ({name})", sub)))
            rows.append(("blank", None))
    else:
        rows.extend(("study", i) for i in range(result.k))
        rows.append(("blank", None))
    rows.append(("diamond", (f"Overall ({result.method}{', HKSJ' if result.test == 'knha' else ''})",
                             result)))
    has_pi = np.isfinite(result.pi_lower)
    if has_pi:
        rows.append(("pi", result))

    height = 1.6 + 0.28 * (len(rows) + 3)
    fig = Figure(figsize=(10, height))
    grid = fig.add_gridspec(1, 3, width_ratios=[3.2, 3.6, 2.6], wspace=0.02,
                            left=0.02, right=0.98, top=1 - 0.55 / height, bottom=0.9 / height)
    left, ax, right = (fig.add_subplot(grid[0, j]) for j in range(3))
    for text_ax in (left, right):
        text_ax.axis("off")
    ypos = np.arange(len(rows), 0, -1, dtype=float)
    top = len(rows) + 1
    for a in (left, ax, right):
        a.set_ylim(0.3, top + 0.5)
    left.set_xlim(0, 1)
    right.set_xlim(0, 1)

    bold = {"fontweight": "bold"}
    left.text(0.0, top, "Study", va="center", **bold)
    if np.isfinite(n).any():
        left.text(0.95, top, "n", va="center", ha="right", **bold)
    right.text(0.05, top, f"Estimate [{int(round(result.level * 100))}% CI]", va="center", **bold)
    right.text(0.98, top, "Weight", va="center", ha="right", **bold)

    max_w = float(np.max(result.weights)) if result.k else 1.0
    for y, (kind, payload) in zip(ypos, rows, strict=True):
        if kind == "header":
            left.text(0.0, y, str(payload), va="center", fontstyle="italic", **bold)
        elif kind == "study":
            i = int(payload)
            left.text(0.0, y, frame["study"][i], va="center")
            if np.isfinite(n[i]):
                left.text(0.95, y, f"{n[i]:.0f}", va="center", ha="right")
            ax.plot([lo[i], hi[i]], [y, y], color="black", lw=1)
            size = 4 + 10 * np.sqrt(result.weights[i] / max_w)
            ax.plot([est[i]], [y], marker="s", ms=size, color="#1f4e79", ls="none")
            right.text(0.05, y, f"{_fmt(est[i], digits)} [{_fmt(lo[i], digits)}, {_fmt(hi[i], digits)}]",
                       va="center", family="monospace")
            right.text(0.98, y, f"{result.weights[i]:.1f}%", va="center", ha="right")
        elif kind == "diamond":
            label, fit = payload
            centre, low, high = (float(pooled_t(x)) for x in (fit.estimate, fit.ci_lower, fit.ci_upper))
            ax.add_patch(Polygon([[low, y], [centre, y + 0.3], [high, y], [centre, y - 0.3]],
                                 closed=True, color="#b22222" if fit is result else "#555555"))
            left.text(0.0, y, label, va="center", **bold)
            if np.isfinite(fit.n).any() if fit.n is not None else False:
                left.text(0.95, y, f"{np.nansum(fit.n):.0f}", va="center", ha="right", **bold)
            right.text(0.05, y, f"{_fmt(centre, digits)} [{_fmt(low, digits)}, {_fmt(high, digits)}]",
                       va="center", family="monospace", **bold)
            het = (f"tau² = {_tau2_text(fit.tau2)}; I² = {fit.i2:.0f}%; Q = {fit.q:.2f}, df = {fit.q_df}, "
                   f"p {_p(fit.q_p_value)}") if fit.k > 1 else "one study"
            left.text(0.02, y - 0.42, het, va="center", fontsize=7, color="#444444")
        elif kind == "pi":
            fit = payload
            a_, b_ = float(pooled_t(fit.pi_lower)), float(pooled_t(fit.pi_upper))
            ax.plot([a_, b_], [y, y], color="#b22222", lw=3, solid_capstyle="butt")
            left.text(0.0, y, "Prediction interval", va="center", fontstyle="italic")
            right.text(0.05, y, f"[{_fmt(a_, digits)}, {_fmt(b_, digits)}]", va="center",
                       family="monospace")

    null = 1.0 if (result.measure or "").upper() in _RATIO else (
        None if scale == "proportion" or (result.measure or "").upper() in {"MN", "MNLN"} else 0.0)
    if null is not None:
        ax.axvline(null, color="#777777", lw=0.8, ls="--")
    if (result.measure or "").upper() in _RATIO:
        ax.set_xscale("log")
        ticks = [t for t in (0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 10, 20, 100)
                 if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
        ax.set_xticks(ticks, [f"{t:g}" for t in ticks])
        ax.xaxis.set_minor_locator(NullLocator())
    ax.set_yticks([])
    for spine in ("left", "right", "top"):
        ax.spines[spine].set_visible(False)
    ax.set_xlabel(xlabel or _axis_label(result, scale))
    if favours and null is not None:
        for x, text, align in ((0.0, favours[0], "left"), (1.0, favours[1], "right")):
            ax.annotate(text, xy=(x, 0), xycoords="axes fraction", xytext=(0, -40),
                        textcoords="offset points", ha=align, fontsize=8)
    if result.subgroups is not None and np.isfinite(result.subgroups.q_between):
        s = result.subgroups
        fig.text(0.02, 0.25 / height, f"Test for subgroup differences: Q = {s.q_between:.2f}, "
                 f"df = {s.df_between}, p {_p(s.p_between)}", fontsize=8)
    if footnote:
        fig.text(0.02, 0.05 / height, footnote, fontsize=7, color="#444444")
    if title:
        fig.suptitle(title, fontsize=12, fontweight="bold", y=1 - 0.15 / height)
    if path is not None:
        save_figure(fig, path)
    return fig


def funnel_plot(result: PoolResult, *, path: str | Path | None = None,
                trim_fill: TrimAndFill | None = None, title: str | None = None):
    """Funnel plot: effect sizes against their standard errors (inverted axis).

    Parameters
    ----------
    result : PoolResult
        A fitted model without moderators.
    path : str or Path, optional
        Save to ``.svg``, ``.png`` or ``.pdf``.
    trim_fill : TrimAndFill, optional
        Adds the filled studies as open circles and the adjusted estimate.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Notes
    -----
    The pseudo-confidence region is ``estimate +- z_(1-alpha/2) SE`` around the
    pooled estimate, as in metafor's ``funnel`` (analysis scale).

    Examples
    --------
    >>> from graftline.meta import pool
    >>> fig = funnel_plot(pool([-0.9, -1.6, -0.2, -0.5], [0.3, 0.2, 0.05, 0.1]))
    >>> fig.axes[0].get_ylabel()
    'Standard error'
    """
    se = np.sqrt(result.vi)
    fig = Figure(figsize=(6, 5))
    ax = fig.add_subplot(1, 1, 1)
    se_max = float(np.max(se)) * 1.05
    if trim_fill is not None and trim_fill.k0:
        se_max = max(se_max, float(np.max(np.sqrt(trim_fill.filled_vi))) * 1.05)
    crit = stats.norm.isf((1 - result.level) / 2)
    grid = np.array([0.0, se_max])
    ax.fill_betweenx(grid, result.estimate - crit * grid, result.estimate + crit * grid,
                     color="#eeeeee", zorder=0)
    ax.plot(result.estimate - crit * grid, grid, color="#999999", lw=0.8)
    ax.plot(result.estimate + crit * grid, grid, color="#999999", lw=0.8)
    ax.axvline(result.estimate, color="#b22222", lw=1)
    ax.plot(result.yi, se, "o", color="#1f4e79", ms=5, label="studies")
    if trim_fill is not None and trim_fill.k0:
        ax.plot(trim_fill.filled_yi, np.sqrt(trim_fill.filled_vi), "o", mfc="white",
                mec="#1f4e79", ms=5, label=f"filled ({trim_fill.k0})")
        ax.axvline(trim_fill.result.estimate, color="#b22222", lw=1, ls="--")
        ax.legend(frameon=False, fontsize=8)
    ax.set_ylim(se_max, 0)
    ax.set_ylabel("Standard error")
    ax.set_xlabel(_axis_label(result, "as analysed"))
    if title:
        ax.set_title(title)
    fig.tight_layout()
    if path is not None:
        save_figure(fig, path)
    return fig


def save_figure(fig: Figure, path: str | Path) -> Path:
    """Save as SVG, PNG (300 dpi) or PDF, without time stamps (reproducible bytes)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in _FORMATS:
        raise ValueError(f"figure format must be one of {', '.join(sorted(_FORMATS))}, not {suffix!r}")
    metadata = {"Date": None} if suffix == ".svg" else ({"CreationDate": None} if suffix == ".pdf" else {})
    # A fixed salt makes SVG element ids, hence the file, the same on every run.
    with rc_context({"svg.hashsalt": "graftline"}):
        fig.savefig(path, dpi=300 if suffix == ".png" else None, metadata=metadata, bbox_inches="tight")
    return path


def _axis_label(result: PoolResult, scale: str) -> str:
    from graftline.meta.effect_sizes import MEASURE_LABELS

    measure = (result.measure or "").upper()
    if scale not in {"as analysed", ""} and measure not in {"MN", "MD", "SMD", "RD"}:
        return scale.capitalize()
    return MEASURE_LABELS.get(measure, "Effect size").capitalize()


def _tau2_text(tau2: float) -> str:
    # Fisher scoring halves its step at the boundary, leaving values like 1e-260 for a true 0.
    return "0" if tau2 < 1e-8 else f"{tau2:.3g}"


def _p(p: float) -> str:
    if not np.isfinite(p):
        return "= NA"
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"
