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


#: Measures of one arm: no null line and no test against 0 (a mean of 14 days is not "significant").
SINGLE_ARM = {"MN", "MNLN", "PR", "PLO", "PFT", "PAS"}


def _arm_columns(frame, arms, arm_labels):
    """Per-arm text columns (header, values) for two-arm or single-arm counts and summaries."""
    if arms is None:
        arms = frame
    columns = []
    labels = arm_labels or ("Experimental", "Control")

    def count(events, n):
        return [f"{e:.0f}/{m:.0f}" if np.isfinite(e) and np.isfinite(m) else "" for e, m in zip(events, n, strict=True)]

    def summary(mean, sd, n):
        return [f"{a:.1f} ({b:.1f}) {m:.0f}" if np.isfinite(a) and np.isfinite(b) and np.isfinite(m) else ""
                for a, b, m in zip(mean, sd, n, strict=True)]

    def get(name):
        return np.asarray(arms[name], dtype=float) if name in arms else None

    if get("events1") is not None and get("n1") is not None and get("events2") is not None:
        columns.append((f"{labels[0]}\nevents/n", count(get("events1"), get("n1"))))
        columns.append((f"{labels[1]}\nevents/n", count(get("events2"), get("n2"))))
    elif get("mean1") is not None and get("sd1") is not None:
        columns.append((f"{labels[0]}\nmean (SD) n", summary(get("mean1"), get("sd1"), get("n1"))))
        columns.append((f"{labels[1]}\nmean (SD) n", summary(get("mean2"), get("sd2"), get("n2"))))
    elif get("events") is not None:
        columns.append(("Events/n", count(get("events"), get("n"))))
    elif get("mean") is not None and get("sd") is not None:
        columns.append(("Mean (SD)", [f"{a:.1f} ({b:.1f})" if np.isfinite(a) and np.isfinite(b) else ""
                                      for a, b in zip(get("mean"), get("sd"), strict=True)]))
    return columns


def _display_order(result, frame, sort, order):
    """Study indices in display order: as given (sheet order), or stably sorted."""
    k = len(frame)
    if order is not None:
        key = np.asarray(order)
        if len(key) != k:
            raise ValueError(f"order has {len(key)} values for {k} studies")
        ranks = np.argsort(np.argsort(key, kind="stable"), kind="stable")
        return np.argsort(ranks, kind="stable")
    if sort is None:
        return np.arange(k)
    if sort == "effect":
        return np.argsort(np.where(np.isfinite(frame["yi"]), frame["yi"], np.inf), kind="stable")
    if sort == "weight":
        w = np.asarray(result.weights, dtype=float)
        return np.argsort(-np.where(np.isfinite(w), w, -np.inf), kind="stable")
    raise ValueError(f"sort must be 'effect' or 'weight' (or give order=), not {sort!r}")


def forest_plot(result, *, path: str | Path | None = None, title: str | None = None,
                xlabel: str | None = None, digits: int = 2, favours: tuple[str, str] | None = None,
                footnote: str | None = None, sort: str | None = None, order=None, arms=None,
                arm_labels: tuple[str, str] | None = None):
    """Draw a forest plot as reviewers expect it (RevMan / metafor ``forest`` layout).

    Parameters
    ----------
    result : PoolResult, SparsePoolResult or GLMMResult
        A fitted model (with ``subgroup=`` for subgroup totals).
    path : str or Path, optional
        Save to this file; ``.svg``, ``.png`` (300 dpi) or ``.pdf``.
    title, xlabel : str, optional
        Figure title and axis label (default: the measure's natural scale).
    digits : int
        Decimals in the estimate column.
    favours : (str, str), optional
        What lies left and right of the null line, e.g. ``("MSC", "control")``
        prints "Favours MSC" and "Favours control" under the axis (not drawn
        for single-arm measures, which have no null line).
    footnote : str, optional
        Text under the figure (e.g. which rows were converted from medians).
    sort : {"effect", "weight"}, optional
        Order studies by effect size or by weight (largest first); default:
        the order of the result (the sheet's order).
    order : array_like, optional
        Sort keys per study (e.g. publication year), stable: ties keep their order.
    arms : DataFrame, optional
        Per-study arm data shown as columns: ``events1, n1, events2, n2``
        (events/n per arm), ``mean1, sd1, n1, mean2, sd2, n2`` (mean (SD) n per
        arm), or one arm's ``events, n`` / ``mean, sd``. Default: the counts a
        Mantel-Haenszel, Peto or GLMM result carries.
    arm_labels : (str, str), optional
        Names of the two arms in the column headers.

    Returns
    -------
    matplotlib.figure.Figure

    Notes
    -----
    One row per study: label, arm columns, a square sized by its weight and
    its confidence interval (normal-theory, ``yi +- z sqrt(vi)``), the estimate
    with CI and the weight in percent. Subgroups get a header, a subtotal
    diamond and their total counts; the overall diamond is followed by the
    prediction interval as a bar, the heterogeneity statistics and -- for
    comparative measures only -- the test for the overall effect (a single-arm
    mean or proportion is not tested against 0). Ratio measures are drawn on a
    log axis; proportions from PLO/PFT/PAS are back-transformed (PFT studies at
    their own n, pooled at the harmonic mean). A study without an estimate
    (no events in either arm) is listed as "not estimable".

    Examples
    --------
    >>> from graftline.meta import pool
    >>> res = pool([-0.9, -1.6, -0.2, -0.5], [0.3, 0.2, 0.05, 0.1], measure="RR")
    >>> fig = forest_plot(res, favours=("MSC", "control"))  # or path="forest.svg"
    >>> len(fig.axes)
    3
    """
    measure = (result.measure or "").upper()
    scale, pooled_t, study_t = _to_plot_scale(result)
    frame = result.study_frame()
    n = frame["n"].to_numpy(dtype=float) if "n" in frame else np.full(len(frame), np.nan)
    lo = study_t(frame["ci_lower"].to_numpy(), n)
    hi = study_t(frame["ci_upper"].to_numpy(), n)
    est = study_t(frame["yi"].to_numpy(), n)
    weights = np.asarray(result.weights, dtype=float)
    has_weights = np.isfinite(weights).any()
    arm_cols = _arm_columns(frame, arms, arm_labels)
    display = _display_order(result, frame, sort, order)

    # Layout rows from the top: (kind, payload).
    rows: list[tuple[str, object]] = []
    if getattr(result, "subgroups", None) is not None and result.subgroup is not None:
        for name, sub in zip(result.subgroups.names, result.subgroups.results, strict=True):
            rows.append(("header", name))
            members = [i for i in display if result.subgroup[i] == name]
            rows.extend(("study", i) for i in members)
            rows.append(("diamond", (f"Subtotal ({name})", sub, members)))
            rows.append(("blank", None))
    else:
        rows.extend(("study", i) for i in display)
        rows.append(("blank", None))
    model = getattr(result, "model", None)
    method_text = {"MH": "Mantel-Haenszel", "Peto": "Peto"}.get(result.method, result.method)
    if model is not None:
        method_text = f"GLMM {model}" if model != "PLO" else "GLMM"
    rows.append(("diamond", (f"Overall ({method_text}{', HKSJ' if result.test == 'knha' else ''})",
                             result, list(range(len(frame))))))
    has_pi = np.isfinite(getattr(result, "pi_lower", np.nan))
    if has_pi:
        rows.append(("pi", result))
    rows.append(("stats", result))
    if getattr(result, "subgroups", None) is not None:
        rows.append(("blank", None))

    left_width = 2.4 + 1.25 * len(arm_cols) + (0.5 if np.isfinite(n).any() else 0)
    height = 1.9 + 0.28 * (len(rows) + 3)
    fig = Figure(figsize=(6.8 + left_width, height))
    grid = fig.add_gridspec(1, 3, width_ratios=[left_width, 3.6, 2.6], wspace=0.02,
                            left=0.02, right=0.98, top=1 - 0.7 / height, bottom=1.1 / height)
    left, ax, right = (fig.add_subplot(grid[0, j]) for j in range(3))
    for text_ax in (left, right):
        text_ax.axis("off")
    # Long statistics lines in the left panel may run on under the plot area.
    ax.patch.set_visible(False)
    left.set_zorder(3)
    ypos = np.arange(len(rows), 0, -1, dtype=float)
    top = len(rows) + 1
    for a in (left, ax, right):
        a.set_ylim(0.3, top + 0.6)
    left.set_xlim(0, left_width)
    right.set_xlim(0, 1)
    # Column x positions (inches from the left of the panel, right-aligned numbers).
    positions = [2.4 + 1.25 * (j + 1) - 0.15 for j in range(len(arm_cols))]
    n_x = left_width - 0.1

    bold = {"fontweight": "bold"}
    left.text(0.0, top, "Study", va="center", **bold)
    for (header, _values), x in zip(arm_cols, positions, strict=True):
        left.text(x, top, header, va="center", ha="right", fontsize=8, **bold)
    if np.isfinite(n).any():
        left.text(n_x, top, "n", va="center", ha="right", **bold)
    right.text(0.02, top, f"{_axis_short(measure, scale)} [{int(round(result.level * 100))}% CI]",
               va="center", **bold)
    if has_weights:
        right.text(0.98, top, "Weight", va="center", ha="right", **bold)

    max_w = float(np.nanmax(weights)) if has_weights else 1.0
    for y, (kind, payload) in zip(ypos, rows, strict=True):
        if kind == "header":
            left.text(0.0, y, str(payload), va="center", fontstyle="italic", **bold)
        elif kind == "study":
            i = int(payload)
            left.text(0.0, y, frame["study"][i], va="center")
            for (_header, values), x in zip(arm_cols, positions, strict=True):
                left.text(x, y, values[i], va="center", ha="right", fontsize=8)
            if np.isfinite(n[i]):
                left.text(n_x, y, f"{n[i]:.0f}", va="center", ha="right")
            if not np.isfinite(est[i]):
                right.text(0.02, y, "not estimable", va="center", fontstyle="italic", color="#555555")
            else:
                ax.plot([lo[i], hi[i]], [y, y], color="black", lw=1)
                share = weights[i] / max_w if has_weights and np.isfinite(weights[i]) else 0.5
                ax.plot([est[i]], [y], marker="s", ms=4 + 10 * np.sqrt(share), color="#1f4e79", ls="none")
                right.text(0.02, y, f"{_fmt(est[i], digits)} [{_fmt(lo[i], digits)}, {_fmt(hi[i], digits)}]",
                           va="center", family="monospace")
            if has_weights and np.isfinite(weights[i]):
                right.text(0.98, y, f"{weights[i]:.1f}%", va="center", ha="right")
        elif kind == "diamond":
            label, fit, members = payload
            centre, low, high = (float(pooled_t(x)) for x in (fit.estimate, fit.ci_lower, fit.ci_upper))
            if np.isfinite(centre):
                ax.add_patch(Polygon([[low, y], [centre, y + 0.3], [high, y], [centre, y - 0.3]],
                                     closed=True, color="#b22222" if fit is result else "#555555"))
            left.text(0.0, y, label, va="center", **bold)
            for (header, values), x in zip(arm_cols, positions, strict=True):
                total = _total(header, values, members)
                if total:
                    left.text(x, y, total, va="center", ha="right", fontsize=8, **bold)
            if np.isfinite(n[members]).any():
                left.text(n_x, y, f"{np.nansum(n[members]):.0f}", va="center", ha="right", **bold)
            right.text(0.02, y, f"{_fmt(centre, digits)} [{_fmt(low, digits)}, {_fmt(high, digits)}]",
                       va="center", family="monospace", **bold)
            if has_weights and fit is not result:
                right.text(0.98, y, f"{np.nansum(weights[members]):.1f}%", va="center", ha="right", **bold)
            if fit is not result:
                left.text(0.02, y - 0.42, _heterogeneity_text(fit), va="center", fontsize=7, color="#444444")
        elif kind == "pi":
            fit = payload
            a_, b_ = float(pooled_t(fit.pi_lower)), float(pooled_t(fit.pi_upper))
            ax.plot([a_, b_], [y, y], color="#b22222", lw=3, solid_capstyle="butt")
            left.text(0.0, y, "Prediction interval", va="center", fontstyle="italic")
            right.text(0.02, y, f"[{_fmt(a_, digits)}, {_fmt(b_, digits)}]", va="center", family="monospace")
        elif kind == "stats":
            fit = payload
            lines = [_heterogeneity_text(fit)]
            if measure not in SINGLE_ARM and np.isfinite(fit.statistic):
                name = "t" if fit.test == "knha" else "Z"
                lines.append(f"Test for overall effect: {name} = {fit.statistic:.2f} (p {_p(fit.p_value)})")
            groups = getattr(fit, "subgroups", None)
            if groups is not None and np.isfinite(groups.q_between):
                lines.append(f"Test for subgroup differences: Q = {groups.q_between:.2f}, "
                             f"df = {groups.df_between}, p {_p(groups.p_between)}")
            left.text(0.0, y, "\n".join(lines), va="center", fontsize=7.5, color="#333333")

    null = 1.0 if measure in _RATIO else (None if scale == "proportion" or measure in SINGLE_ARM else 0.0)
    if null is not None:
        ax.axvline(null, color="#777777", lw=0.8, ls="--")
    if measure in _RATIO:
        ax.set_xscale("log")
        ticks = _ratio_ticks(*ax.get_xlim())
        ax.set_xticks(ticks, [f"{t:g}" for t in ticks])
        ax.xaxis.set_minor_locator(NullLocator())
    ax.set_yticks([])
    for spine in ("left", "right", "top"):
        ax.spines[spine].set_visible(False)
    ax.set_xlabel(xlabel or _axis_label(result, scale))
    if favours and null is not None:
        # Under the axis label, either side of the null line (RevMan's layout).
        for x, text, align in ((0.0, f"Favours {favours[0]}", "left"), (1.0, f"Favours {favours[1]}", "right")):
            ax.annotate(text, xy=(x, 0), xycoords="axes fraction", xytext=(0, -42), textcoords="offset points",
                        ha=align, va="top", fontsize=8.5, fontstyle="italic")
    if footnote:
        fig.text(0.02, 0.12 / height, footnote, fontsize=7, color="#444444")
    if title:
        fig.suptitle(title, fontsize=12, fontweight="bold", y=1 - 0.2 / height)
    if path is not None:
        save_figure(fig, path)
    return fig


def _ratio_ticks(low: float, high: float) -> list[float]:
    """Readable ticks for a log ratio axis: decades, then 0.5/2, then 0.25/4 when the range is narrow."""
    decades = np.log10(high) - np.log10(low)
    candidates = [0.001, 0.01, 0.1, 1, 10, 100, 1000]
    if decades < 3:
        candidates += [0.5, 2]
    if decades < 1.6:
        candidates += [0.25, 4, 0.75, 1.5]
    return sorted(t for t in candidates if low <= t <= high)


def _total(header: str, values: list[str], members) -> str:
    """Subtotal of an events/n column (sums of both numbers); blank for means."""
    if "events/n" not in header.lower():
        return ""
    parts = [values[i].split("/") for i in members if values[i]]
    if not parts:
        return ""
    return f"{sum(float(a) for a, _ in parts):.0f}/{sum(float(b) for _, b in parts):.0f}"


def _heterogeneity_text(fit) -> str:
    if fit.k <= 1:
        return "one study"
    tau2 = getattr(fit, "tau2", 0.0)
    head = f"tau² = {_tau2_text(tau2)}; " if getattr(fit, "method", "") not in {"FE", "MH", "Peto"} else ""
    return f"Heterogeneity: {head}I² = {fit.i2:.0f}%; Q = {fit.q:.2f}, df = {fit.q_df}, p {_p(fit.q_p_value)}"


def _axis_short(measure: str, scale: str) -> str:
    return {"RR": "RR", "OR": "OR", "HR": "HR", "ROM": "Ratio", "MD": "MD", "SMD": "SMD", "RD": "RD",
            "MN": "Mean", "MNLN": "Mean", "RMSTD": "Difference"}.get(measure, scale.capitalize() or "Estimate")


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
