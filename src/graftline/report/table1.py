"""Table 1: patient and graft characteristics by arm, with tests between arms.

Continuous variables are summarised as median (interquartile range) and
compared with the Kruskal-Wallis test; categorical ones as n (%) of the
patients with a known value, compared with Pearson's chi-square test, or with
Fisher's exact test when an expected cell count is below 5 (exact for 2x2,
Monte-Carlo for larger tables, as R's ``fisher.test(simulate.p.value = TRUE)``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from scipy.special import gammaln

#: (column, label, kind, scale) of the variables Table 1 shows when present.
VARIABLES: tuple[tuple[str, str, str, float], ...] = (
    ("age", "Age, years", "continuous", 1.0),
    ("sex", "Sex", "categorical", 1.0),
    ("diagnosis", "Diagnosis", "categorical", 1.0),
    ("disease_risk", "Disease risk", "categorical", 1.0),
    ("modality", "Therapy", "categorical", 1.0),
    ("graft_source", "Graft source", "categorical", 1.0),
    ("donor_type", "Donor type", "categorical", 1.0),
    ("cd34_per_kg", "CD34+ cells, x10^6/kg", "continuous", 1e-6),
    ("msc", "MSC co-infusion", "categorical", 1.0),
)

MONTE_CARLO_TABLES = 10_000
_MONTE_CARLO_SEED = 20_110_936  # fixed: the same cohort gives the same p-value


@dataclass(frozen=True)
class Table1:
    """Table 1 of a cohort.

    Attributes
    ----------
    display
        The table as printed: ``characteristic``, ``level``, one column per arm
        headed ``arm (n=N)``, ``Total``, ``p`` and ``test``.
    summary
        The same numbers unformatted, one row per variable, level and arm:
        ``variable, level, arm, n, known, percent, median, q1, q3, missing``.
    tests
        One row per variable: ``variable, test, statistic, df, p_value, note``.
    """

    display: pd.DataFrame
    summary: pd.DataFrame
    tests: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        return self.display


def format_p(p: float) -> str:
    """Journal style: ``<0.001`` or three decimals; a dash when there is no test."""
    if p is None or not np.isfinite(p):
        return "-"
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def fisher_monte_carlo(table: np.ndarray, *, tables: int = MONTE_CARLO_TABLES,
                       rng: np.random.Generator | None = None) -> float:
    """Fisher's exact test for an r x c table by simulation with fixed margins.

    Notes
    -----
    The statistic is the table's log-probability up to a constant,
    ``-sum(log(x_ij!))``; tables are drawn with both margins fixed by
    permuting one variable, and ``p = (1 + #{sim <= obs}) / (B + 1)`` with
    R's relative tolerance ``64 * eps`` for ties, as in R's ``fisher.test``
    with ``simulate.p.value = TRUE``. The p-value is a Monte-Carlo estimate
    (standard error about ``sqrt(p (1 - p) / B)``); the generator is seeded
    with a fixed seed unless one is given, so a report is reproducible.
    """
    rng = rng if rng is not None else np.random.default_rng(_MONTE_CARLO_SEED)
    table = np.asarray(table, dtype=np.int64)
    rows, cols = table.shape
    row_of = np.repeat(np.arange(rows), table.sum(axis=1))
    col_of = np.concatenate([np.repeat(np.arange(cols), table[r]) for r in range(rows)])
    observed = -gammaln(table + 1.0).sum()
    simulated = np.empty(tables)
    for b in range(tables):
        shuffled = rng.permutation(col_of)
        counts = np.bincount(row_of * cols + shuffled, minlength=rows * cols)
        simulated[b] = -gammaln(counts + 1.0).sum()
    almost_one = 1 + 64 * np.finfo(float).eps
    return float((1 + np.sum(simulated <= observed / almost_one)) / (tables + 1))


def compare_proportions(table: np.ndarray) -> dict:
    """Test of an arms x levels count table: chi-square, or Fisher's exact test for small counts.

    Returns a dict with ``test`` and, when a test was possible, ``statistic``,
    ``df``, ``p_value``; otherwise ``note`` says why not.
    """
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    if table.shape[1] < 2:
        return {"test": "none", "note": "a single value in every arm: nothing to compare"}
    if table.shape[0] < 2:
        return {"test": "none", "note": "fewer than two arms with patients"}
    expected = stats.contingency.expected_freq(table)
    if (expected < 5).any():
        if table.shape == (2, 2):
            result = stats.fisher_exact(table)
            return {"test": "Fisher exact", "p_value": float(result.pvalue)}
        return {
            "test": "Fisher exact (Monte-Carlo)",
            "p_value": fisher_monte_carlo(table),
            "note": f"{MONTE_CARLO_TABLES} simulated tables",
        }
    # Yates' continuity correction for 2x2 tables, as R's chisq.test default.
    result = stats.chi2_contingency(table, correction=True)
    return {"test": "Chi-square", "statistic": float(result.statistic),
            "df": float(result.dof), "p_value": float(result.pvalue)}


def _test_continuous(groups: Sequence[np.ndarray]) -> dict:
    groups = [g for g in groups if g.size > 0]
    if len(groups) < 2:
        return {"test": "none", "note": "fewer than two arms with values"}
    if np.unique(np.concatenate(groups)).size < 2:
        return {"test": "none", "note": "all values are equal"}
    result = stats.kruskal(*groups)
    return {"test": "Kruskal-Wallis", "statistic": float(result.statistic),
            "df": float(len(groups) - 1), "p_value": float(result.pvalue)}


def _level_text(value) -> str:
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    return str(value)


def table1(patients: pd.DataFrame, arms: Sequence[str]) -> Table1:
    """Summarise the patient characteristics by arm.

    Parameters
    ----------
    patients
        One row per patient with ``arm`` and any of the columns in
        :data:`VARIABLES`; absent columns are left out of the table.
    arms
        Arms in report order (columns of the table).

    Returns
    -------
    Table1

    Notes
    -----
    Percentages are of the patients of the arm with a known value; the number
    with a missing value is shown on its own row and left out of the tests.
    Quartiles are R's default (``quantile(type = 7)``). Kruskal-Wallis uses
    the tie-corrected statistic (``kruskal.test``); chi-square uses Yates'
    correction for 2x2 tables (``chisq.test``).

    Examples
    --------
    >>> import pandas as pd
    >>> t = table1(pd.DataFrame({"arm": ["a", "a", "b", "b"], "age": [60, 62, 70, 71]}), ["a", "b"])
    >>> t.display.iloc[0]["a (n=2)"]
    '61.0 (60.5-61.5)'
    """
    arm = patients["arm"].astype(str).to_numpy()
    headers = {a: f"{a} (n={int((arm == a).sum())})" for a in arms}
    total_header = f"Total (n={len(patients)})"
    display_rows, summary_rows, test_rows = [], [], []
    for column, label, kind, scale in VARIABLES:
        if column not in patients.columns or patients[column].isna().all():
            continue
        values = patients[column]
        missing = values.isna().to_numpy()
        if kind == "continuous":
            numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float) * scale
            missing = ~np.isfinite(numbers)
            cells, groups = {}, []
            for name in [*arms, None]:
                mask = (arm == name) if name is not None else np.ones(arm.size, bool)
                known = numbers[mask & ~missing]
                if name is not None:
                    groups.append(known)
                if known.size:
                    q1, median, q3 = np.percentile(known, [25, 50, 75])
                    cells[name] = f"{median:.1f} ({q1:.1f}-{q3:.1f})"
                else:
                    q1 = median = q3 = np.nan
                    cells[name] = "-"
                summary_rows.append({"variable": column, "level": "", "arm": name or "Total",
                                     "n": int(known.size), "known": int(known.size),
                                     "percent": np.nan, "median": median, "q1": q1, "q3": q3,
                                     "missing": int((mask & missing).sum())})
            test = {"variable": column, **_test_continuous(groups)}
            display_rows.append({"characteristic": label, "level": "median (IQR)",
                                 **{headers[a]: cells[a] for a in arms},
                                 total_header: cells[None],
                                 "p": format_p(test.get("p_value", np.nan)),
                                 "test": test["test"]})
        else:
            levels = sorted({_level_text(v) for v in values[~missing]})
            text = np.array([_level_text(v) if not m else "" for v, m in zip(values, missing, strict=True)],
                            dtype=object)
            table = np.array([[np.sum((arm == a) & (text == lv)) for lv in levels] for a in arms])
            test = {"variable": column, **compare_proportions(table)}
            for index, level in enumerate(levels):
                row = {"characteristic": label if index == 0 else "", "level": level}
                for name in [*arms, None]:
                    mask = (arm == name) if name is not None else np.ones(arm.size, bool)
                    known = int((mask & ~missing).sum())
                    count = int((mask & (text == level)).sum())
                    percent = 100.0 * count / known if known else np.nan
                    row[headers[name] if name else total_header] = (
                        f"{count} ({percent:.0f})" if known else "-"
                    )
                    summary_rows.append({"variable": column, "level": level, "arm": name or "Total",
                                         "n": count, "known": known, "percent": percent,
                                         "median": np.nan, "q1": np.nan, "q3": np.nan,
                                         "missing": int((mask & missing).sum())})
                row["p"] = format_p(test.get("p_value", np.nan)) if index == 0 else ""
                row["test"] = test["test"] if index == 0 else ""
                display_rows.append(row)
        if missing.any():
            display_rows.append({"characteristic": "", "level": "missing",
                                 **{headers[a]: str(int(((arm == a) & missing).sum())) for a in arms},
                                 total_header: str(int(missing.sum())), "p": "", "test": ""})
        test_rows.append(test)
    columns = ["characteristic", "level", *headers.values(), total_header, "p", "test"]
    tests = pd.DataFrame(test_rows, columns=["variable", "test", "statistic", "df", "p_value", "note"])
    return Table1(
        display=pd.DataFrame(display_rows, columns=columns),
        summary=pd.DataFrame(summary_rows),
        tests=tests,
    )
