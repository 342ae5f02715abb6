"""Collects a report's figures, CSV tables and not-estimated reasons; number formatting."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from graftline.export import write_csv
from graftline.report.figures import DAYS_PER_MONTH, RenderedFigure, save_figure
from graftline.report.html import Notice
from graftline.report.palette import Palette
from graftline.report.table1 import format_p


@dataclass  # mutable on purpose: it accumulates output while a report is built
class ReportWriter:
    """Collects figures, CSV tables and not-estimated reasons while sections are built."""

    out_dir: Path
    palette: Palette
    figures: dict[str, RenderedFigure] = field(default_factory=dict)
    tables: dict[str, Path] = field(default_factory=dict)
    frames: dict[str, list[pd.DataFrame]] = field(default_factory=dict)
    not_estimated: list[dict] = field(default_factory=list)

    def figure(self, fig, name: str) -> RenderedFigure:
        rendered = save_figure(fig, self.out_dir / "figures", name)
        self.figures[name] = rendered
        return rendered

    def collect(self, table: str, frame: pd.DataFrame | None) -> None:
        if frame is not None and not frame.empty:
            self.frames.setdefault(table, []).append(frame)

    def reason(self, section: str, endpoint: str, reason: str) -> Notice:
        self.not_estimated.append({"section": section, "endpoint": endpoint, "reason": reason})
        return Notice(f"{endpoint}: {reason}" if endpoint else reason)

    def write_tables(self, extra: dict[str, pd.DataFrame]) -> None:
        folder = self.out_dir / "tables"
        folder.mkdir(parents=True, exist_ok=True)
        frames = {name: _concat(parts) for name, parts in self.frames.items()}
        frames.update(extra)
        frames["not_estimated"] = pd.DataFrame(self.not_estimated, columns=["section", "endpoint", "reason"])
        for name, frame in frames.items():
            path = folder / f"{name}.csv"
            write_csv(frame, path, float_format="%.10g")
            self.tables[name] = path


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Stack table parts; a column that is all-NA in one part takes its dtype from the others.

    pandas is deprecating the rule that all-NA columns do not count towards
    the result dtype; dropping them per part (their rows become NA anyway)
    keeps float columns float, so the CSV number format stays the same.
    """
    columns = list(dict.fromkeys(column for part in parts for column in part.columns))
    trimmed = [part.dropna(axis=1, how="all") for part in parts]
    return pd.concat(trimmed, ignore_index=True).reindex(columns=columns)


def pct_ci(estimate: float, lower: float, upper: float) -> str:
    if not np.isfinite(estimate):
        return "-"
    if not (np.isfinite(lower) and np.isfinite(upper)):
        return f"{100 * estimate:.1f}"
    return f"{100 * estimate:.1f} ({100 * lower:.1f}-{100 * upper:.1f})"


def time_ci(median: float, lower: float, upper: float, unit: str, *, with_unit: bool = False) -> str:
    """A median time and its 95 % CI for a table cell: ``16 (15-17)``, ``22 (20-NR)``, ``NR``.

    NR (not reached) is the one word for a median or limit the curve never
    reaches, in every table (a table note spells it out). A median whose both
    limits are not reached reads ``22 (CI NR)``, not ``22 (NR-NR)``.
    ``with_unit`` adds the unit after a number (for prose).
    """
    scale = 1.0 if unit == "days" else DAYS_PER_MONTH
    digits = 0 if unit == "days" else 1

    def one(x: float) -> str:
        return "NR" if not np.isfinite(x) else f"{x / scale:.{digits}f}"

    if not np.isfinite(median):
        return "not reached" if with_unit else "NR"
    suffix = f" {unit}" if with_unit else ""
    if not (np.isfinite(lower) or np.isfinite(upper)):
        return f"{one(median)} (CI NR){suffix}"
    return f"{one(median)} ({one(lower)}-{one(upper)}){suffix}"


def p_text(p: float) -> str:
    text = format_p(p)
    return text if text.startswith("<") else f"= {text}"


def landmark_label(day: int, unit: str) -> str:
    if unit == "months" and day % 365 == 0:
        years = day // 365
        return f"{years} year" + ("s" if years > 1 else "")
    return f"day {day}"


