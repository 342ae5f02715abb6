"""This cohort against the literature: the sheet's studies pooled, the cohort drawn as its own row.

For each outcome that both an extraction sheet (``docs/extraction-sheet.md``)
and the cohort have, the studies' single-arm estimates are pooled with a
random-effects model (REML, metafor's ``rma``; :func:`graftline.meta.pool`)
and the cohort's estimate, in the same measure, is set against the pooled
estimate and its 95 % prediction interval: the range in which the true value
of a new, similar study is expected (Higgins, Thompson & Spiegelhalter 2009;
metafor's ``predict``, normal quantile: ``mu +- z sqrt(tau^2 + SE(mu)^2)``).

The cohort's estimate uses the sheet's measure:

* engraftment days (measure MN): the mean day among the cohort's patients
  who engrafted, with SE = SD / sqrt(n) and the normal 95 % CI, as each
  study's ``yi +- 1.96 sqrt(vi)``; patients who died or were censored before
  engrafting have no day and are left out (as in the studies' means);
* proportions (measure PLO, pooled on the logit scale): events / patients
  with the Wilson 95 % interval (Wilson 1927; Brown, Cai & DasGupta 2001),
  crude as the studies report them (the cumulative incidence elsewhere in
  the report accounts for censoring and competing events; this does not).

"Inside" means the cohort's point estimate lies within the prediction
interval. The cohort's own confidence interval is drawn too: with a small
cohort it can overlap the interval even when the point lies outside.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from graftline.errors import GraftlineError, InputError


@dataclass(frozen=True)
class LiteratureOutcome:
    """One outcome as the sheet names it and as the cohort stores it."""

    sheet: tuple[str, ...]
    cohort: str
    kind: str  # "days" (mean engraftment day) or "proportion" (events / patients)
    title: str


OUTCOMES = (
    LiteratureOutcome(("neutrophil_engraftment_days",), "neutrophil_engraftment", "days",
                      "Neutrophil engraftment (ANC >= 0.5)"),
    # The cohort's platelet engraftment is >= 20 x10^9/L; sheets' ">50" rows are a different outcome.
    LiteratureOutcome(("platelet_engraftment_20_days", "platelet_engraftment_days"), "platelet_engraftment",
                      "days", "Platelet engraftment (>= 20)"),
    LiteratureOutcome(("engraftment_failure", "primary_graft_failure"), "primary_graft_failure", "proportion",
                      "Engraftment failure"),
    LiteratureOutcome(("acute_gvhd_grade_2_4", "agvhd_2_4"), "agvhd_2_4", "proportion", "Acute GVHD II-IV"),
    LiteratureOutcome(("acute_gvhd_grade_3_4", "agvhd_3_4"), "agvhd_3_4", "proportion", "Acute GVHD III-IV"),
    LiteratureOutcome(("chronic_gvhd", "cgvhd"), "cgvhd", "proportion", "Chronic GVHD"),
    LiteratureOutcome(("nrm", "non_relapse_mortality"), "nrm", "proportion", "Non-relapse mortality"),
    LiteratureOutcome(("relapse",), "relapse", "proportion", "Relapse"),
    LiteratureOutcome(("complete_remission", "cr", "cr_rate"), "cr_achieved", "proportion",
                      "Complete remission"),
)


@dataclass(frozen=True)
class CohortEstimate:
    """The cohort's estimate in the sheet's measure.

    ``events`` is the number of patients with the event (proportions) and
    None for days; ``n`` the patients it is computed from; ``left_out`` those
    of the chosen arms without a value (no engraftment, not evaluable).
    """

    estimate: float
    lower: float
    upper: float
    n: int
    events: int | None
    left_out: int
    interval: str  # "normal (mean +- 1.96 SE)" or "Wilson"


@dataclass(frozen=True, eq=False)  # holds a pooled result with arrays
class LiteratureComparison:
    """One outcome: the pooled studies, the cohort, and where the cohort falls."""

    outcome: LiteratureOutcome
    sheet_outcome: str
    sheet_arm: str | None
    cohort_label: str
    pooled: object  # graftline.meta.PoolResult
    studies: pd.DataFrame
    cohort: CohortEstimate
    excluded: tuple[str, ...]

    @property
    def natural(self):
        return self.pooled.back_transform()

    @property
    def position(self) -> str:
        """``inside``, ``above`` or ``below`` the 95 % prediction interval (point estimate)."""
        pi = self.natural
        if self.cohort.estimate < pi.pi_lower:
            return "below"
        if self.cohort.estimate > pi.pi_upper:
            return "above"
        return "inside"

    def to_frame(self) -> pd.DataFrame:
        pi = self.natural
        return pd.DataFrame([{
            "outcome": self.outcome.cohort, "sheet_outcome": self.sheet_outcome, "sheet_arm": self.sheet_arm or "",
            "measure": self.pooled.measure, "method": self.pooled.method, "studies": self.pooled.k,
            "study_patients": int(np.nansum(self.pooled.n)) if self.pooled.n is not None else np.nan,
            "pooled": pi.estimate, "pooled_lower": pi.ci_lower, "pooled_upper": pi.ci_upper,
            "pi_lower": pi.pi_lower, "pi_upper": pi.pi_upper, "tau2": self.pooled.tau2, "i2": self.pooled.i2,
            "cohort": self.cohort_label, "cohort_estimate": self.cohort.estimate,
            "cohort_lower": self.cohort.lower, "cohort_upper": self.cohort.upper, "cohort_n": self.cohort.n,
            "cohort_events": self.cohort.events, "cohort_interval": self.cohort.interval,
            "position": self.position,
        }])


def cohort_mean_days(days: np.ndarray) -> CohortEstimate:
    """Mean engraftment day with SE = SD/sqrt(n) and the normal 95 % CI (the studies' ``MN``).

    Examples
    --------
    >>> e = cohort_mean_days(np.array([10.0, 12.0, 14.0]))
    >>> round(e.estimate, 6), round(e.upper - e.estimate, 6)
    (12.0, 2.263171)
    """
    days = np.asarray(days, dtype=float)
    n = days.size
    if n < 2:
        raise InputError(f"{n} patient(s) with a day: a mean with a standard error needs at least 2")
    mean, se = float(days.mean()), float(days.std(ddof=1) / np.sqrt(n))
    z = stats.norm.isf(0.025)
    return CohortEstimate(mean, mean - z * se, mean + z * se, n, None, 0, "normal (mean +- 1.96 SE)")


def cohort_proportion(events: int, n: int) -> CohortEstimate:
    """``events / n`` with the Wilson 95 % interval (scipy's ``binomtest(...).proportion_ci('wilson')``)."""
    if n < 1:
        raise InputError("no evaluable patient")
    interval = stats.binomtest(int(events), int(n)).proportion_ci(confidence_level=0.95, method="wilson")
    return CohortEstimate(events / n, float(interval.low), float(interval.high), int(n), int(events), 0, "Wilson")


def _cohort_estimate(endpoints: pd.DataFrame, outcome: LiteratureOutcome) -> CohortEstimate:
    """The cohort's value of ``outcome`` (every row of ``endpoints`` is a patient of the compared arms)."""
    from dataclasses import replace

    stem = outcome.cohort
    if outcome.kind == "days":
        day, status = f"{stem}_day", f"{stem}_status"
        if day not in endpoints or status not in endpoints:
            raise InputError(f"the endpoint table has no {day}/{status}")
        engrafted = pd.to_numeric(endpoints[status], errors="coerce") == 1
        if f"{stem}_applicable" in endpoints:
            engrafted &= endpoints[f"{stem}_applicable"].astype("boolean").fillna(True).to_numpy(dtype=bool)
        days = pd.to_numeric(endpoints.loc[engrafted, day], errors="coerce").dropna().to_numpy()
        return replace(cohort_mean_days(days), left_out=int(len(endpoints) - days.size))
    if stem == "cr_achieved" or stem == "primary_graft_failure":
        if stem not in endpoints:
            raise InputError(f"the endpoint table has no {stem} column")
        values = endpoints[stem].map(lambda v: True if v in (True, "yes", "true", "True", 1)
                                     else False if v in (False, "no", "false", "False", 0) else None)
        known = values.dropna().astype(bool)
        return replace(cohort_proportion(int(known.sum()), int(known.size)), left_out=int(values.isna().sum()))
    status = f"{stem}_status"
    if status not in endpoints:
        raise InputError(f"the endpoint table has no {status}")
    code = pd.to_numeric(endpoints[status], errors="coerce").dropna()
    return replace(cohort_proportion(int((code == 1).sum()), int(code.size)),
                   left_out=int(len(endpoints) - code.size))


def sheet_provenance(sheet: pd.DataFrame, path: Path) -> tuple[str, bool]:
    """How the sheet describes itself: (a sentence, whether its numbers are invented for illustration)."""
    from graftline.meta.sheet import subgroup_columns

    free = subgroup_columns(sheet)
    text = " ".join(sheet[c].astype(str).str.lower().str.cat(sep=" ") for c in free)
    if "invented" in text or "illustrat" in text or "illustrative" in path.name.lower():
        return (f"{path.name}: ILLUSTRATIVE numbers invented to show the method; they are not evidence and "
                "must not be read as the literature.", True)
    if "pmid" in sheet.columns and sheet["pmid"].astype(str).str.strip().ne("").any():
        return (f"{path.name}: numbers extracted from published studies (PubMed IDs in the sheet's pmid column, "
                "the sentence each number comes from in its source column).", False)
    return f"{path.name}: an extraction sheet supplied by the user.", False


def compare_with_literature(endpoints: pd.DataFrame, sheet: pd.DataFrame, *, cohort_label: str,
                            sheet_arm: str | None = None, source: str = "sheet",
                            method: str = "REML") -> tuple[list[LiteratureComparison], list[str]]:
    """Pool the sheet's studies for every outcome the cohort also has and place the cohort.

    ``endpoints`` holds the compared patients only. ``sheet_arm``: the
    sheet's arm to pool (e.g. ``msc``); default ``msc`` where the outcome has
    such rows, else the outcome's only arm. Returns the comparisons and, for
    outcomes that could not be compared, the reasons.
    """
    from graftline.meta import pool
    from graftline.meta.sheet import prepare_outcome

    comparisons, reasons = [], []
    present = set(sheet["outcome"])
    for outcome in OUTCOMES:
        names = [name for name in outcome.sheet if name in present]
        if not names:
            continue
        name = names[0]
        rows = sheet[sheet["outcome"] == name]
        arms = sorted({a for a in rows["arm"] if a})
        arm = sheet_arm if sheet_arm is not None else ("msc" if "msc" in arms else None)
        if arm is None and rows.duplicated(["study", "year"]).any():
            reasons.append(f"{name}: studies give several arms ({', '.join(arms)}); choose one with --literature-arm")
            continue
        try:
            prepared = prepare_outcome(sheet, name, arm=arm, source=source)
            if len(prepared.studies) < 2:
                reasons.append(f"{name}: {len(prepared.studies)} study with usable numbers"
                               + (f" ({'; '.join(prepared.excluded)})" if prepared.excluded else "")
                               + "; pooling needs at least 2")
                continue
            studies = prepared.studies
            fit = pool(studies["yi"], studies["vi"], method=method, labels=list(studies["label"]),
                       n=studies["n"], measure=prepared.measure)
            cohort = _cohort_estimate(endpoints, outcome)
        except GraftlineError as error:
            reasons.append(f"{name}: {error}")
            continue
        comparisons.append(LiteratureComparison(outcome, name, arm, cohort_label, fit, studies, cohort,
                                                prepared.excluded))
    matched = {n for o in OUTCOMES for n in o.sheet}
    others = sorted(present - matched)
    if others:
        reasons.append(f"sheet outcomes the cohort has no counterpart for: {', '.join(others)}")
    return comparisons, reasons


def literature_forest(comparison: LiteratureComparison, *, title: str | None = None):
    """Forest plot: the studies, the pooled estimate with its prediction interval, and the cohort's row.

    ``title`` is added after the outcome in the heading (e.g. that the
    studies are invented for illustration).

    The prediction interval is a bar under the pooled diamond and a shaded
    band through every row, so the eye sees at once whether the cohort's
    point lies inside it. SVG groups carry ids (``cohort-row``,
    ``prediction-interval``, ``pooled-estimate``) for tests and readers.
    """
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure
    from matplotlib.patches import Polygon
    from matplotlib.transforms import blended_transform_factory

    from graftline.report.figures import _STYLE

    fit, cohort = comparison.pooled, comparison.cohort
    pi = comparison.natural
    percent = comparison.outcome.kind == "proportion"
    scale = 100.0 if percent else 1.0
    back = _back(fit)
    crit = stats.norm.isf(0.025)
    se = np.sqrt(fit.vi)
    est, low, high = back(fit.yi), back(fit.yi - crit * se), back(fit.yi + crit * se)
    labels = [f"{label} (n={int(n)})" for label, n in zip(fit.labels, fit.n, strict=True)]
    k = fit.k
    rows = k + 4  # studies, gap, pooled, PI, cohort
    height = 1.05 + 0.24 * rows
    width = 6.4
    accent, ink, band = "#D55E00", "#1a1a1a", "#cfe3f3"
    unit = " (%)" if percent else ", mean day"
    fmt = (lambda x: f"{x * scale:.1f}") if percent else (lambda x: f"{x:.1f}")
    with plt.rc_context(_STYLE):
        fig = Figure(figsize=(width, height))
        ax = fig.add_axes((0.36, 0.55 / height, 0.36, (height - 1.1) / height))
        y_study = np.arange(k)
        y_pooled, y_pi, y_cohort = k + 1, k + 2, k + 3.2
        ax.axvspan(pi.pi_lower * scale, pi.pi_upper * scale, color=band, alpha=0.6, linewidth=0, zorder=0,
                   gid="prediction-interval-band")
        weights = fit.weights / np.max(fit.weights)
        for i in range(k):
            ax.plot([low[i] * scale, high[i] * scale], [y_study[i]] * 2, color=ink, linewidth=0.8)
            size = 3 + 5 * np.sqrt(weights[i])
            ax.plot(est[i] * scale, y_study[i], marker="s", markersize=size, color=ink, linestyle="none")
        diamond = Polygon([(pi.ci_lower * scale, y_pooled), (pi.estimate * scale, y_pooled - 0.32),
                           (pi.ci_upper * scale, y_pooled), (pi.estimate * scale, y_pooled + 0.32)],
                          closed=True, facecolor=ink, edgecolor=ink, gid="pooled-estimate")
        ax.add_patch(diamond)
        ax.plot([pi.pi_lower * scale, pi.pi_upper * scale], [y_pi] * 2, color="#0072B2", linewidth=2.2,
                solid_capstyle="butt", gid="prediction-interval")
        for x in (pi.pi_lower, pi.pi_upper):
            ax.plot([x * scale] * 2, [y_pi - 0.2, y_pi + 0.2], color="#0072B2", linewidth=1.2)
        ax.plot([cohort.lower * scale, cohort.upper * scale], [y_cohort] * 2, color=accent, linewidth=1.4,
                gid="cohort-row-interval")
        ax.plot(cohort.estimate * scale, y_cohort, marker="D", markersize=6.5, color=accent, linestyle="none",
                gid="cohort-row")
        ax.axvline(pi.estimate * scale, color=ink, linewidth=0.5, linestyle=":", zorder=0)
        ax.set_ylim(y_cohort + 0.8, -0.8)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        everything = np.concatenate([low, high, [pi.pi_lower, pi.pi_upper, cohort.lower, cohort.upper]]) * scale
        span = np.nanmax(everything) - np.nanmin(everything)
        ax.set_xlim(np.nanmin(everything) - 0.05 * span, np.nanmax(everything) + 0.05 * span)
        ax.set_xlabel(comparison.outcome.title + unit)
        row = blended_transform_factory(fig.transFigure, ax.transData)  # x: figure, y: the row
        texts = ([(y, labels[i], f"{fmt(est[i])} [{fmt(low[i])}, {fmt(high[i])}]", ink, "normal")
                  for i, y in enumerate(y_study)]
                 + [(y_pooled, f"Random effects ({fit.method}), k = {k}, I\u00b2 = {fit.i2:.0f}%",
                     f"{fmt(pi.estimate)} [{fmt(pi.ci_lower)}, {fmt(pi.ci_upper)}]", ink, "bold"),
                    (y_pi, "95% prediction interval", f"[{fmt(pi.pi_lower)}, {fmt(pi.pi_upper)}]", "#0072B2",
                     "normal"),
                    (y_cohort, f"This cohort: {comparison.cohort_label} (n={cohort.n})",
                     f"{fmt(cohort.estimate)} [{fmt(cohort.lower)}, {fmt(cohort.upper)}]", accent, "bold")])
        for y, label, value, color, weight in texts:
            ax.text(0.02, y, label, transform=row, ha="left", va="center", color=color, fontweight=weight)
            ax.text(0.98, y, value, transform=row, ha="right", va="center", color=color, fontweight=weight)
        ax.text(0.98, -1.35, "estimate [95% CI]", transform=row, ha="right", va="center", fontsize=6.5)
        where = {"inside": "inside", "above": "above", "below": "below"}[comparison.position]
        heading = comparison.outcome.title + (f" {title}" if title else "")
        fig.text(0.02, 1 - 0.1 / height, heading, ha="left", va="top", fontweight="bold")
        fig.text(0.02, 1 - 0.27 / height, f"This cohort lies {where} the 95% prediction interval of the studies.",
                 ha="left", va="top", color=accent if where != "inside" else ink)
    return fig


def _back(fit):
    """The measure's back-transformation to the natural scale (identity for means, inverse logit for PLO)."""
    from graftline.meta.transforms import back_transform_function

    function = back_transform_function(fit.measure, fit.n)[1]
    return lambda x: np.asarray(function(np.asarray(x, dtype=float)), dtype=float)


def describe(comparison: LiteratureComparison) -> str:
    """One sentence for the report."""
    pi = comparison.natural
    percent = comparison.outcome.kind == "proportion"
    fmt = (lambda x: f"{100 * x:.1f} %") if percent else (lambda x: f"day {x:.1f}")
    what = ("mean engraftment day" if comparison.outcome.kind == "days"
            else "proportion (events / patients, crude)")
    return (f"{comparison.outcome.title}: the studies' pooled estimate is {fmt(pi.estimate)} "
            f"(95 % CI {fmt(pi.ci_lower)} to {fmt(pi.ci_upper)}; 95 % prediction interval {fmt(pi.pi_lower)} to "
            f"{fmt(pi.pi_upper)}; k = {comparison.pooled.k}); this cohort's {what} is {fmt(comparison.cohort.estimate)} "
            f"(95 % CI {fmt(comparison.cohort.lower)} to {fmt(comparison.cohort.upper)}, n = {comparison.cohort.n}): "
            f"{comparison.position} the prediction interval.")


def literature_table(comparisons: Sequence[LiteratureComparison]) -> pd.DataFrame:
    """The comparisons as the report's table (formatted text)."""
    rows = []
    for c in comparisons:
        pi = c.natural
        percent = c.outcome.kind == "proportion"
        fmt = (lambda x: f"{100 * x:.1f}") if percent else (lambda x: f"{x:.1f}")
        rows.append({
            "outcome": c.outcome.title + (" (%)" if percent else ", mean day"),
            "studies (patients)": f"{c.pooled.k} ({int(np.nansum(c.pooled.n))})",
            "pooled (95% CI)": f"{fmt(pi.estimate)} ({fmt(pi.ci_lower)}-{fmt(pi.ci_upper)})",
            "95% PI": f"{fmt(pi.pi_lower)}-{fmt(pi.pi_upper)}",
            "I\u00b2": f"{c.pooled.i2:.0f}%",
            "this cohort (95% CI)": f"{fmt(c.cohort.estimate)} ({fmt(c.cohort.lower)}-{fmt(c.cohort.upper)})",
            "cohort n": str(c.cohort.n),
            "cohort vs PI": c.position,
        })
    return pd.DataFrame(rows)
