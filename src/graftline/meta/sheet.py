"""The extraction sheet: reading it with located errors and turning one outcome into effect sizes.

The format is documented in ``docs/extraction-sheet.md``; the review helper
writes sheets in it. One row = one arm of one study for one outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from graftline.errors import InputError
from graftline.meta.conversion import estimate_mean_sd
from graftline.meta.effect_sizes import effect_sizes

#: Columns with a fixed meaning; every other column is a free study-level
#: characteristic usable as a subgroup (e.g. ``msc_source``).
SHEET_COLUMNS = ("study", "year", "design", "arm", "n", "mean", "sd", "median", "q1", "q3",
                 "min", "max", "events", "outcome", "hr", "hr_lower", "hr_upper", "p_value",
                 "o_minus_e", "v", "favours")
REQUIRED_COLUMNS = ("study", "n", "outcome")
NUMERIC_COLUMNS = ("n", "mean", "sd", "median", "q1", "q3", "min", "max", "events", "hr", "hr_lower",
                   "hr_upper", "p_value", "o_minus_e", "v")
INTEGER_COLUMNS = ("year", "n", "events")
CONTINUOUS_MEASURES = ("MN", "MNLN", "MD", "SMD", "ROM")
SURVIVAL_MEASURES = ("HR",)
BINARY_MEASURES = ("PR", "PLO", "PFT", "PAS", "RR", "OR", "RD")
TWO_ARM_MEASURES = ("MD", "SMD", "ROM", "RR", "OR", "RD")


@dataclass(frozen=True, eq=False)  # holds DataFrames
class PreparedOutcome:
    """Effect sizes for one outcome, ready to pool, and what was done to get them."""

    outcome: str
    measure: str
    studies: pd.DataFrame  # one row per study: study, label, n, yi, vi, converted, ... + free columns
    excluded: tuple[str, ...]  # "<sheet> line <L> (<study>): <reason>"
    conversions: tuple[str, ...]  # "<study> <arm>: mean and SD estimated from median, IQR (S3)"


def read_extraction_sheet(path: str | Path) -> pd.DataFrame:
    """Read and validate an extraction sheet (CSV).

    Returns the rows as a DataFrame with numeric columns as floats (NaN when
    empty) and an added ``line`` column (the CSV line, header = line 1).
    Raises :class:`InputError` listing every problem with file, line, column
    and value.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path} is a folder; expected the extraction sheet as one CSV file")
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True)
    except pd.errors.EmptyDataError:
        raise InputError(f"{path}: the file is empty; expected the extraction sheet with a header row "
                         "(see docs/extraction-sheet.md)") from None
    except (pd.errors.ParserError, UnicodeDecodeError, OSError) as error:
        raise InputError(f"{path}: not a readable CSV file ({error})") from None
    raw.columns = [c.strip() for c in raw.columns]
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        raise InputError(f"{path}: missing required column(s) {', '.join(missing)}; "
                         f"found {', '.join(raw.columns)} (see docs/extraction-sheet.md)")
    sheet = raw.apply(lambda col: col.str.strip())
    sheet.insert(0, "line", np.arange(2, len(sheet) + 2))
    problems: list[str] = []
    for column in NUMERIC_COLUMNS + ("year",):
        if column not in sheet:
            sheet[column] = np.nan
            continue
        text = sheet[column].replace({"": None, "NA": None, "na": None, "NR": None, "nr": None})
        values = pd.to_numeric(text, errors="coerce")
        for i in np.flatnonzero(text.notna().to_numpy() & values.isna().to_numpy()):
            problems.append(f"line {sheet['line'].iat[i]}, column {column}: {sheet[column].iat[i]!r} "
                            "is not a number")
        if column in INTEGER_COLUMNS:
            for i in np.flatnonzero(values.notna().to_numpy() & (values % 1 != 0).to_numpy()):
                problems.append(f"line {sheet['line'].iat[i]}, column {column}: {values.iat[i]:g} "
                                "is not a whole number")
        sheet[column] = values.astype(float)
    for column in ("study", "outcome"):
        for i in np.flatnonzero((sheet[column] == "").to_numpy()):
            problems.append(f"line {sheet['line'].iat[i]}, column {column}: empty")
    for i, row in enumerate(sheet.itertuples(index=False)):
        line = sheet["line"].iat[i]
        if np.isfinite(row.n) and row.n <= 0:
            problems.append(f"line {line}, column n: {row.n:g} must be a positive number of patients")
        if np.isfinite(row.events) and np.isfinite(row.n) and not 0 <= row.events <= row.n:
            problems.append(f"line {line}, column events: {row.events:g} must be between 0 and n = {row.n:g}")
        if np.isfinite(row.sd) and row.sd < 0:
            problems.append(f"line {line}, column sd: {row.sd:g} is negative")
        for column in ("hr", "hr_lower", "hr_upper", "v"):
            value = getattr(row, column)
            if np.isfinite(value) and value <= 0:
                problems.append(f"line {line}, column {column}: {value:g} must be positive")
        if np.isfinite(row.p_value) and not 0 < row.p_value <= 1:
            problems.append(f"line {line}, column p_value: {row.p_value:g} must be in (0, 1]")
        hr_triple = [v for v in (row.hr_lower, row.hr, row.hr_upper) if np.isfinite(v)]
        if any(b < a for a, b in zip(hr_triple, hr_triple[1:], strict=False)):
            problems.append(f"line {line}, columns hr_lower/hr/hr_upper: not in increasing order")
        five = [row.min, row.q1, row.median, row.q3, row.max]
        present = [v for v in five if np.isfinite(v)]
        if any(b < a for a, b in zip(present, present[1:], strict=False)):
            shown = ", ".join("" if not np.isfinite(v) else f"{v:g}" for v in five)
            problems.append(f"line {line}, columns min/q1/median/q3/max: {shown} are not in "
                            "increasing order")
    if problems:
        shown = problems[:20]
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise InputError(f"{path}: {len(problems)} problem(s):\n  " + "\n  ".join(shown) + more)
    for column in ("arm", "design"):
        if column not in sheet:
            sheet[column] = ""
    return sheet


def subgroup_columns(sheet: pd.DataFrame) -> list[str]:
    """The free (study-level) columns of a sheet, usable with ``--by``."""
    return [c for c in sheet.columns if c not in SHEET_COLUMNS and c != "line"]


def prepare_outcome(
    sheet: pd.DataFrame,
    outcome: str,
    *,
    measure: str | None = None,
    arm: str | None = None,
    compare: tuple[str, str] | None = None,
    conversion: str = "luo-wan",
    skew_test: bool = True,
    source: str = "sheet",
) -> PreparedOutcome:
    """Select one outcome, convert medians where needed and compute effect sizes.

    Parameters
    ----------
    sheet : DataFrame
        From :func:`read_extraction_sheet`.
    outcome : str
        Value of the ``outcome`` column.
    measure : str, optional
        Effect measure. Default: ``MN`` (continuous) or ``PLO`` (events) for one
        arm per study, ``MD`` or ``RR`` with ``compare``.
    arm : str, optional
        Keep only rows of this arm (single-arm analyses of e.g. MSC recipients).
    compare : (str, str), optional
        ``(experimental_arm, control_arm)`` for two-arm measures.
    conversion, skew_test : optional
        Passed to :func:`estimate_mean_sd` for rows without mean/SD.
    source : str
        Name of the sheet in messages.
    """
    rows = sheet[sheet["outcome"] == outcome]
    if rows.empty:
        known = ", ".join(sorted(sheet["outcome"].unique()))
        raise InputError(f"{source}: no rows for outcome {outcome!r}; outcomes in the sheet: {known}")
    if arm is not None:
        rows = rows[rows["arm"] == arm]
        if rows.empty:
            raise InputError(f"{source}: no rows for outcome {outcome!r} in arm {arm!r}")
    from graftline.meta.time_to_event import has_hazard_ratio_statistics, prepare_hazard_ratios

    binary = rows["events"].notna().any()
    if measure is None and has_hazard_ratio_statistics(rows):
        measure = "HR"
    if measure is None:
        measure = ("RR" if binary else "MD") if compare else ("PLO" if binary else "MN")
    measure = measure.upper()
    known = CONTINUOUS_MEASURES + BINARY_MEASURES + SURVIVAL_MEASURES
    if measure not in known:
        raise InputError(f"measure {measure!r} is not one of {', '.join(known)}")

    def where(row) -> str:
        return f"{source} line {int(row['line'])} ({row['study']}{', ' + row['arm'] if row['arm'] else ''})"

    if measure == "HR":
        return prepare_hazard_ratios(rows, outcome, compare=compare, free=subgroup_columns(sheet),
                                     source=source, where=where)
    if (measure in TWO_ARM_MEASURES) != (compare is not None):
        raise InputError(f"measure {measure} " + ("compares two arms: give compare=(experimental, control)"
                                                  if compare is None else "is for one arm per study"))
    excluded: list[str] = []
    conversions: list[str] = []

    if measure in CONTINUOUS_MEASURES:
        rows, dropped, notes = _complete_means(rows, conversion, skew_test, where)
        excluded += dropped
        conversions += notes
        value_cols = ["mean", "sd"]
    else:
        missing = rows["events"].isna()
        excluded += [f"{where(r)}: no events reported for a binary outcome" for _, r in rows[missing].iterrows()]
        rows = rows[~missing]
        value_cols = ["events"]

    free = subgroup_columns(sheet)
    if compare is None:
        duplicated = rows.duplicated(["study", "year"], keep=False) if "year" in rows else rows.duplicated("study")
        if duplicated.any():
            first = rows[duplicated].iloc[0]
            raise InputError(f"{where(first)}: study has several rows for outcome {outcome!r}; choose one "
                             "arm (--arm) or compare two (--compare)")
        if rows.empty:
            raise InputError(f"{source}: no usable rows for outcome {outcome!r}:\n  " + "\n  ".join(excluded))
        if measure in CONTINUOUS_MEASURES:
            es = effect_sizes(measure, n=rows["n"], mean=rows["mean"], sd=rows["sd"])
        else:
            es = effect_sizes(measure, events=rows["events"], n=rows["n"])
        studies = rows[["line", "study", "year", "design", "arm", "n", *value_cols,
                        *[c for c in ("converted", "scenario") if c in rows], *free]].reset_index(drop=True)
    else:
        studies, dropped = _pair_arms(rows, compare, value_cols, free, where)
        excluded += dropped
        if studies.empty:
            raise InputError(f"{source}: no study reports both arms {compare[0]!r} and {compare[1]!r} "
                             f"for outcome {outcome!r}")
        if measure in CONTINUOUS_MEASURES:
            es = effect_sizes(measure, n1=studies["n_1"], mean1=studies["mean_1"], sd1=studies["sd_1"],
                              n2=studies["n_2"], mean2=studies["mean_2"], sd2=studies["sd_2"])
        else:
            es = effect_sizes(measure, events1=studies["events_1"], n1=studies["n_1"],
                              events2=studies["events_2"], n2=studies["n_2"])
        studies["n"] = studies["n_1"] + studies["n_2"]
    studies["yi"] = es["yi"].to_numpy()
    studies["vi"] = es["vi"].to_numpy()
    year = studies["year"].map(lambda y: "" if not np.isfinite(y) else f" {int(y)}")
    studies.insert(1, "label", studies["study"].astype(str) + year)
    bad = studies["vi"] <= 0
    for _, row in studies[bad].iterrows():
        excluded.append(f"{source} line {int(row['line'])} ({row['label']}): sampling variance is 0 "
                        "(SD = 0?); not poolable")
    studies = studies[~bad].reset_index(drop=True)
    return PreparedOutcome(outcome, measure, studies, tuple(excluded), tuple(conversions))


def _complete_means(rows, conversion, skew_test, where):
    rows = rows.copy()
    rows["converted"] = False
    rows["scenario"] = ""
    need = rows["mean"].isna() | rows["sd"].isna()
    excluded, notes = [], []
    if need.any():
        sub = rows[need]
        # Only the spread enters the SD; where a mean but no median is reported,
        # the mean stands in for the median (it only enters the skewness test).
        centre = sub["median"].where(sub["median"].notna(), sub["mean"]).to_numpy()
        est = estimate_mean_sd(sub["n"].to_numpy(), median=centre, q1=sub["q1"].to_numpy(),
                               q3=sub["q3"].to_numpy(), minimum=sub["min"].to_numpy(),
                               maximum=sub["max"].to_numpy(), method=conversion, skew_test=skew_test)
        for (index, row), (_, conv) in zip(sub.iterrows(), est.iterrows(), strict=True):
            if np.isfinite(row["mean"]) and np.isfinite(conv["sd"]):
                # Reported mean kept; only the SD is estimated.
                rows.loc[index, ["sd", "converted", "scenario"]] = [conv["sd"], True, conv["scenario"]]
                notes.append(f"{where(row)}: SD estimated from {_spread(conv['scenario'])} ({conv['scenario']})")
            elif conv["converted"]:
                rows.loc[index, ["mean", "sd", "converted", "scenario"]] = [
                    conv["mean"], conv["sd"], True, conv["scenario"]]
                notes.append(f"{where(row)}: mean and SD estimated from median, "
                             f"{_spread(conv['scenario'])} ({conv['scenario']}, {conversion})")
            else:
                reason = conv["note"] or "not convertible"
                if not np.isfinite(row["median"]) and not np.isfinite(row["mean"]):
                    reason = "no mean and no median"
                elif np.isfinite(row["mean"]) and conv["note"].startswith("median without"):
                    reason = "mean without SD, IQR or range"
                excluded.append(f"{where(row)}: excluded, {reason}")
        rows["converted"] = rows["converted"].astype(bool)
    ok = rows["mean"].notna() & rows["sd"].notna()
    return rows[ok], excluded, notes


def _spread(scenario: str) -> str:
    return {"S1": "range", "S2": "IQR and range", "S3": "IQR"}.get(scenario, "")


def _pair_arms(rows, compare, value_cols, free, where):
    experimental, control = compare
    keys = ["study", "year"]
    one = rows[rows["arm"] == experimental]
    two = rows[rows["arm"] == control]
    merged = one.merge(two, on=keys, suffixes=("_1", "_2"), how="outer", indicator=True)
    excluded = []
    for _, row in merged[merged["_merge"] != "both"].iterrows():
        side = "_1" if row["_merge"] == "left_only" else "_2"
        have, lack = (experimental, control) if side == "_1" else (control, experimental)
        excluded.append(f"line {int(row['line' + side])} ({row['study']}): has arm {have!r} but no usable "
                        f"arm {lack!r}")
    # An outer merge sorts by the keys; studies stay in sheet order (reviewers' order) instead.
    both = merged[merged["_merge"] == "both"].sort_values("line_1", kind="stable").copy()
    both["line"] = both["line_1"]
    both["design"] = both["design_1"]
    both["arm"] = f"{experimental} vs {control}"
    if "converted_1" in both:
        both["converted"] = both["converted_1"].astype(bool) | both["converted_2"].astype(bool)
    for column in free:
        both[column] = both[f"{column}_1"]
    columns = ["line", "study", "year", "design", "arm", "n_1", "n_2",
               *[f"{c}{s}" for c in value_cols for s in ("_1", "_2")],
               *(["converted"] if "converted" in both else []), *free]
    return both[columns].reset_index(drop=True), excluded
