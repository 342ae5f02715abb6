"""Risk-of-bias figures as robvis draws them: the traffic-light plot and the weighted summary plot.

Colours and symbols follow robvis' "cochrane" palette (McGuinness & Higgins,
Res Synth Methods 2021;12:55-61): green "+" low, yellow "-" some concerns /
moderate, red "x" high / serious, dark red "!" critical, blue "?" no
information; Newcastle-Ottawa ratings map good / fair / poor onto
low / some concerns / high.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from graftline.meta.plots import save_figure
from graftline.meta.risk_of_bias import JUDGEMENTS, NO_INFORMATION, TOOL_NAMES, TOOLS, nos_rating

#: (colour, symbol) per judgement.
STYLE = {
    "low": ("#02C100", "+"),
    "some concerns": ("#E2DF07", "-"),
    "moderate": ("#E2DF07", "-"),
    "high": ("#BF0000", "x"),
    "serious": ("#BF0000", "x"),
    "critical": ("#820000", "!"),
    NO_INFORMATION: ("#4EA1F7", "?"),
    "good": ("#02C100", "+"),
    "fair": ("#E2DF07", "-"),
    "poor": ("#BF0000", "x"),
}


def _levels(tool: str) -> tuple[str, ...]:
    if tool == "nos":
        return ("good", "fair", "poor")
    return (*JUDGEMENTS[tool], NO_INFORMATION)


def _cells(table, tool):
    """Rows (study labels), columns (domain codes + Overall) and judgement text per cell."""
    wide = table.wide(tool)
    if wide.empty:
        raise ValueError(f"no {TOOL_NAMES[tool]} judgements in the table")
    domains = [d for d in TOOLS[tool] if d in wide.columns]
    labels = [f"{row['label']}{' (' + row['for_outcome'] + ')' if row['for_outcome'] else ''}" for _, row in wide.iterrows()]
    cells = []
    for _, row in wide.iterrows():
        values = []
        for d in domains:
            v = row[d]
            if tool == "nos":
                stars = float(v) if v not in (None, "nan") and v == v else np.nan
                values.append("" if np.isnan(stars) else f"{stars:.0f}*")
            else:
                values.append(v if isinstance(v, str) else NO_INFORMATION)
        values.append(row["overall"])
        cells.append(values)
    return labels, [*domains, "Overall"], cells


def traffic_light_plot(table, tool: str, *, path: str | Path | None = None, title: str | None = None):
    """One row per study, one circle per domain and overall, coloured and marked by judgement.

    For the Newcastle-Ottawa Scale the domain cells show the stars awarded and
    the overall cell the good / fair / poor rating.
    """
    labels, columns, cells = _cells(table, tool)
    n_rows, n_cols = len(labels), len(columns)
    key_height = 0.2 * (len(TOOLS[tool]) + 1) + 0.2
    grid_height = 0.42 * n_rows + 0.55
    height = 0.55 + grid_height + key_height
    width = 2.6 + 0.62 * n_cols + 2.2
    fig = Figure(figsize=(width, height))
    ax = fig.add_axes([0.02, key_height / height, 0.96, grid_height / height])
    ax.set_xlim(-4.2, n_cols + 3.2)
    ax.set_ylim(-0.7, n_rows + 0.2)
    ax.axis("off")
    for j, column in enumerate(columns):
        ax.text(j, n_rows - 0.05, column, ha="center", va="bottom", fontsize=9, fontweight="bold")
    for i, (label, values) in enumerate(zip(labels, cells, strict=True)):
        y = n_rows - 1 - i + 0.5 - 0.5
        ax.text(-0.6, y, label, ha="right", va="center", fontsize=9)
        for j, value in enumerate(values):
            judgement = value
            if tool == "nos" and j < len(values) - 1:
                judgement = None
            if judgement is None:
                ax.text(j, y, value or "n/a", ha="center", va="center", fontsize=9)
                continue
            colour, symbol = STYLE.get(judgement, ("#cccccc", "?"))
            ax.scatter([j], [y], s=420, color=colour, edgecolor="#333333", linewidth=0.6, zorder=2)
            ax.text(j, y, symbol, ha="center", va="center", fontsize=11, fontweight="bold", zorder=3)
    ax.plot([n_cols - 1.5, n_cols - 1.5], [-0.5, n_rows - 0.5], color="#999999", lw=0.6)
    # Domain key under the grid and judgement legend on the right, as robvis.
    key = [f"{code}: {name}" for code, name in TOOLS[tool].items()]
    fig.text(0.03, (key_height - 0.1) / height, "Domains:\n" + "\n".join(key), fontsize=7.5, va="top")
    levels = _levels(tool)
    handles = [Patch(facecolor=STYLE[level][0], edgecolor="#333333", label=f"{STYLE[level][1]}  {level.capitalize()}")
               for level in levels]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.83, 1.0), fontsize=8, frameon=False,
              title="Judgement", title_fontsize=8.5)
    fig.suptitle(title or f"Risk of bias ({TOOL_NAMES[tool]})", fontsize=11, fontweight="bold",
                 y=1 - 0.08 / height, va="top")
    if path is not None:
        save_figure(fig, path)
    return fig


def summary_plot(table, tool: str, *, weights: dict[str, float] | None = None, path: str | Path | None = None,
                 title: str | None = None):
    """Percentage of studies (or of the analysis weight) at each judgement, per domain and overall.

    ``weights`` maps study labels to weights (e.g. the percentage weights of a
    pooled analysis); without it every study counts the same, as robvis'
    ``rob_summary(weighted = FALSE)``.
    """
    labels, columns, cells = _cells(table, tool)
    study_labels = [label.split(" (")[0] for label in labels]
    w = np.array([float(weights.get(s, 0.0)) if weights else 1.0 for s in study_labels])
    if w.sum() <= 0:
        raise ValueError("weights are zero for every study in the risk-of-bias table")
    levels = _levels(tool)
    fig = Figure(figsize=(9, 0.9 + 0.45 * len(columns)))
    ax = fig.add_axes([0.42, 0.25, 0.55, 0.62])
    names = dict(TOOLS[tool])
    rows = []
    for j, column in enumerate(columns):
        if tool == "nos" and column != "Overall":
            # Stars per domain: rated against the domain's own maximum for the bar.
            per_study = []
            for values in cells:
                stars = float(values[j][:-1]) if values[j] else np.nan
                per_study.append(_nos_domain_level(column, stars))
        else:
            per_study = [values[j] for values in cells]
        shares = [w[[p == level for p in per_study]].sum() / w.sum() * 100 for level in levels]
        rows.append((names.get(column, "Overall risk of bias"), shares))
    y = np.arange(len(rows))[::-1]
    for (_name, shares), yy in zip(rows, y, strict=True):
        left = 0.0
        for level, share in zip(levels, shares, strict=True):
            if share > 0:
                ax.barh(yy, share, left=left, color=STYLE[level][0], edgecolor="#333333", lw=0.5, height=0.7)
            left += share
    ax.set_yticks(y, [name for name, _ in rows], fontsize=8.5)
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    handles = [Patch(facecolor=STYLE[level][0], edgecolor="#333333", label=level.capitalize()) for level in levels]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(levels), fontsize=8,
              frameon=False)
    what = "of the analysis weight" if weights else "of studies"
    fig.suptitle(title or f"Risk of bias ({TOOL_NAMES[tool]}): share {what}", fontsize=11, fontweight="bold")
    if path is not None:
        save_figure(fig, path)
    return fig


def _nos_domain_level(domain: str, stars: float) -> str:
    """NOS domain stars as good / fair / poor, by the AHRQ thresholds of that domain."""
    if np.isnan(stars):
        return "good" if domain == "comparability" else "poor"
    full = {"selection": 4.0, "comparability": 2.0, "outcome": 3.0}
    probe = dict(full)
    probe[domain] = stars
    return nos_rating(probe["selection"], probe["comparability"], probe["outcome"])
