"""Log hazard ratios and their variances from what trial reports give (Tierney et al. 2007).

Survival outcomes (overall survival, NRM, relapse) are pooled as log hazard
ratios with the generic inverse-variance method (Cochrane Handbook 6.8,
10.4.3); this module turns each study's published statistics into ``yi``
(log HR, experimental versus control) and ``vi``, choosing the most direct
method the study's numbers allow and saying which one it used.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from graftline.errors import InputError

#: Methods in order of preference, with what each needs.
HR_METHODS = {
    "hr_ci": "HR and its confidence interval",
    "o_minus_e": "log-rank O - E and its variance V",
    "hr_p": "HR and the two-sided p-value",
    "p_events": "two-sided p-value, events per arm (or total events and arm sizes) and the direction",
    "medians": "median survival per arm and events per arm (assumes exponential survival)",
}


def _column(values, k: int, name: str) -> np.ndarray:
    if values is None:
        return np.full(k, np.nan)
    array = np.atleast_1d(np.asarray(values, dtype=float))
    if len(array) != k:
        raise InputError(f"{name} has {len(array)} values for {k} studies")
    return array


def log_hazard_ratios(*, hr=None, hr_lower=None, hr_upper=None, level: float = 0.95, p_value=None,
                      o_minus_e=None, v=None, events1=None, events2=None, events=None, n1=None, n2=None,
                      favours_experimental=None, median1=None, median2=None) -> pd.DataFrame:
    """Log hazard ratio (experimental vs control) and its variance per study, from reported statistics.

    Every argument is one value per study (NaN or None where not reported).

    Parameters
    ----------
    hr, hr_lower, hr_upper : array_like
        Reported hazard ratio (experimental vs control) and its confidence limits.
    level : float
        Confidence level of the reported intervals (0.95 unless the paper says otherwise).
    p_value : array_like
        Two-sided p-value of the log-rank test or Cox model.
    o_minus_e, v : array_like
        Log-rank observed minus expected events in the experimental arm and
        its variance (Peto/IPD meta-analyses report these).
    events1, events2 : array_like
        Events (e.g. deaths) in the experimental and control arm.
    events : array_like
        Total events, when only the total is reported (with ``n1``, ``n2``).
    n1, n2 : array_like
        Patients randomised to each arm (allocation ratio ``R = n1/n2``).
    favours_experimental : array_like of bool
        Direction when only a p-value is reported: True if the experimental
        arm had the lower hazard.
    median1, median2 : array_like
        Median survival per arm (last resort; see Notes).

    Returns
    -------
    pandas.DataFrame
        ``yi`` (log HR), ``vi``, ``method`` (a key of :data:`HR_METHODS`,
        empty where nothing usable is reported) and ``note``.

    Notes
    -----
    Tried in this order per study (Tierney et al. 2007; Parmar et al. 1998),
    with ``z_a`` the normal quantile for a two-sided ``a``:

    1. ``hr_ci``: ``yi = log HR`` (the centre of the log CI if the HR itself
       is missing), ``vi = ((log U - log L) / (2 z_(1-level)))^2``.
    2. ``o_minus_e``: ``yi = (O-E)/V``, ``vi = 1/V`` (Peto's one-step estimate).
    3. ``hr_p``: ``vi = (log HR / z_p)^2`` -- undefined for HR = 1 or p = 1.
    4. ``p_events``: ``V = e1 e2/(e1 + e2)`` with events per arm (Tierney eq. 13,
       1:1 allocation), else ``V = E R/(1 + R)^2`` with total events and
       ``R = n1/n2``; ``O - E = -+ z_p sqrt(V)`` (minus if the experimental arm
       is favoured), then as method 2.
    5. ``medians``: under exponential survival ``HR = median2/median1`` and
       ``vi = 1/e1 + 1/e2`` (Michiels et al. 2005) -- flagged in ``note``,
       biased when hazards are not constant.

    References
    ----------
    1. Tierney JF, Stewart LA, Ghersi D, Burdett S, Sydes MR. Practical methods
       for incorporating summary time-to-event data into meta-analysis.
       Trials 2007;8:16.
    2. Parmar MKB, Torri V, Stewart L. Extracting summary statistics to perform
       meta-analyses of the published literature for survival endpoints.
       Stat Med 1998;17:2815-2834.
    3. Michiels S, Piedbois P, Burdett S, et al. Meta-analysis when only the
       median survival times are known. Stat Med 2005;24:2869-2881.

    Examples
    --------
    >>> log_hazard_ratios(hr=[0.62], hr_lower=[0.41], hr_upper=[0.94]).round(4)
           yi      vi method note
    0 -0.478  0.0448  hr_ci
    """
    if not 0 < level < 1:
        raise InputError(f"level must be between 0 and 1, not {level!r}")
    lengths = {len(np.atleast_1d(x)) for x in (hr, hr_lower, hr_upper, p_value, o_minus_e, v, events1,
                                              events2, events, n1, n2, median1, median2) if x is not None}
    if len(lengths) > 1:
        raise InputError(f"columns have different lengths {sorted(lengths)}")
    k = lengths.pop() if lengths else 0
    hr, lo, hi, p, oe, var, e1, e2, e, m1, m2, a1, a2 = (
        _column(x, k, name) for x, name in ((hr, "hr"), (hr_lower, "hr_lower"), (hr_upper, "hr_upper"),
                                            (p_value, "p_value"), (o_minus_e, "o_minus_e"), (v, "v"),
                                            (events1, "events1"), (events2, "events2"), (events, "events"),
                                            (n1, "n1"), (n2, "n2"), (median1, "median1"), (median2, "median2")))
    favours = (np.full(k, None, dtype=object) if favours_experimental is None
               else np.asarray(favours_experimental, dtype=object))
    for name, values in (("hr", hr), ("hr_lower", lo), ("hr_upper", hi), ("median1", a1), ("median2", a2)):
        bad = np.flatnonzero(np.isfinite(values) & (values <= 0))
        if bad.size:
            raise InputError(f"study {bad[0] + 1}: {name} = {values[bad[0]]:g} must be positive")
    bad = np.flatnonzero(np.isfinite(p) & ((p <= 0) | (p > 1)))
    if bad.size:
        raise InputError(f"study {bad[0] + 1}: p_value = {p[bad[0]]:g} must be in (0, 1]")
    bad = np.flatnonzero(np.isfinite(lo) & np.isfinite(hi) & (lo >= hi))
    if bad.size:
        raise InputError(f"study {bad[0] + 1}: hr_lower = {lo[bad[0]]:g} is not below hr_upper = {hi[bad[0]]:g}")

    crit = stats.norm.isf((1 - level) / 2)
    yi, vi = np.full(k, np.nan), np.full(k, np.nan)
    method = np.full(k, "", dtype=object)
    note = np.full(k, "", dtype=object)
    for i in range(k):
        if np.isfinite(lo[i]) and np.isfinite(hi[i]):
            centre = np.log(hr[i]) if np.isfinite(hr[i]) else (np.log(lo[i]) + np.log(hi[i])) / 2
            yi[i], vi[i], method[i] = centre, ((np.log(hi[i]) - np.log(lo[i])) / (2 * crit)) ** 2, "hr_ci"
            if np.isfinite(hr[i]) and not np.log(lo[i]) <= centre <= np.log(hi[i]):
                note[i] = "reported HR lies outside its CI: check the extraction"
            elif not np.isfinite(hr[i]):
                note[i] = "HR taken as the centre of its CI on the log scale"
        elif np.isfinite(oe[i]) and np.isfinite(var[i]) and var[i] > 0:
            yi[i], vi[i], method[i] = oe[i] / var[i], 1 / var[i], "o_minus_e"
        elif np.isfinite(hr[i]) and np.isfinite(p[i]) and hr[i] != 1 and p[i] < 1:
            z = stats.norm.isf(p[i] / 2)
            yi[i], vi[i], method[i] = np.log(hr[i]), (np.log(hr[i]) / z) ** 2, "hr_p"
            note[i] = "variance from the p-value: rounding of a reported p (e.g. 'p = 0.04') makes it approximate"
        elif np.isfinite(p[i]) and favours[i] is not None and p[i] < 1:
            if np.isfinite(e1[i]) and np.isfinite(e2[i]) and e1[i] > 0 and e2[i] > 0:
                V = e1[i] * e2[i] / (e1[i] + e2[i])
            elif np.isfinite(e[i]) and np.isfinite(m1[i]) and np.isfinite(m2[i]) and e[i] > 0:
                R = m1[i] / m2[i]
                V = e[i] * R / (1 + R) ** 2
            else:
                note[i] = "p-value without events per arm (or total events and arm sizes)"
                continue
            z = stats.norm.isf(p[i] / 2)
            o_minus_e = -z * np.sqrt(V) if bool(favours[i]) else z * np.sqrt(V)
            yi[i], vi[i], method[i] = o_minus_e / V, 1 / V, "p_events"
        elif (np.isfinite(a1[i]) and np.isfinite(a2[i]) and np.isfinite(e1[i]) and np.isfinite(e2[i])
              and e1[i] > 0 and e2[i] > 0):
            yi[i], vi[i], method[i] = np.log(a2[i] / a1[i]), 1 / e1[i] + 1 / e2[i], "medians"
            note[i] = "HR from the ratio of medians: assumes constant hazards (exponential survival)"
        else:
            note[i] = "no usable hazard-ratio statistics"
    return pd.DataFrame({"yi": yi, "vi": vi, "method": method, "note": note})


#: Extraction-sheet columns with hazard-ratio statistics (experimental vs control).
HR_COLUMNS = ("hr", "hr_lower", "hr_upper", "p_value", "o_minus_e", "v")


def has_hazard_ratio_statistics(rows: pd.DataFrame) -> bool:
    """True if any row of an outcome carries hazard-ratio statistics (so the default measure is HR)."""
    return any(c in rows and rows[c].notna().any() for c in HR_COLUMNS)


def prepare_hazard_ratios(rows: pd.DataFrame, outcome: str, *, compare: tuple[str, str] | None,
                          free: list[str], source: str, where):
    """Log hazard ratios for one outcome of an extraction sheet (``measure="HR"``).

    The statistics (``hr, hr_lower, hr_upper, p_value, o_minus_e, v``,
    experimental versus control) sit on the experimental arm's row; with
    ``compare`` the control arm's row gives its own ``n``, ``events`` and
    ``median``. Without ``compare`` each study has one row (``n`` = all
    patients). See :func:`log_hazard_ratios` for the conversions.
    """
    from graftline.meta.sheet import PreparedOutcome

    excluded: list[str] = []
    if compare is None:
        keys = ["study", "year"]
        duplicated = rows.duplicated(keys, keep=False)
        if duplicated.any():
            first = rows[duplicated].iloc[0]
            raise InputError(f"{where(first)}: study has several rows for outcome {outcome!r}; compare two arms "
                             "with --compare EXPERIMENTAL:CONTROL (hazard ratios go on the experimental row)")
        studies = rows.copy()
        for column in ("n", "events", "median"):
            studies[f"{column}_1"] = np.nan
            studies[f"{column}_2"] = np.nan
        favours = _favours(studies.get("favours"), None)
    else:
        experimental, control = compare
        one = rows[rows["arm"] == experimental]
        two = rows[rows["arm"] == control]
        misplaced = two[[c for c in HR_COLUMNS if c in two]].notna().any(axis=1)
        for _, row in two[misplaced].iterrows():
            raise InputError(f"{where(row)}: hazard-ratio statistics on the control arm's row; put them on the "
                             f"{experimental!r} row (HR of {experimental} versus {control})")
        merged = one.merge(two[["study", "year", "line", "n", "events", "median"]], on=["study", "year"],
                           how="left", suffixes=("", "_control"))
        for _, row in two[~two.set_index(["study", "year"]).index.isin(one.set_index(["study", "year"]).index)].iterrows():
            excluded.append(f"{where(row)}: control arm without an {experimental!r} row")
        merged = merged.sort_values("line", kind="stable")
        studies = merged.assign(n_1=merged["n"], events_1=merged["events"], median_1=merged["median"],
                                n_2=merged["n_control"], events_2=merged["events_control"],
                                median_2=merged["median_control"])
        studies["n"] = studies["n_1"] + studies["n_2"].fillna(0)
        studies["arm"] = f"{experimental} vs {control}"
        favours = _favours(studies.get("favours"), compare)
    for column in HR_COLUMNS:
        if column not in studies:
            studies[column] = np.nan
    converted = log_hazard_ratios(
        hr=studies["hr"], hr_lower=studies["hr_lower"], hr_upper=studies["hr_upper"],
        p_value=studies["p_value"], o_minus_e=studies["o_minus_e"], v=studies["v"],
        events1=studies["events_1"], events2=studies["events_2"], n1=studies["n_1"], n2=studies["n_2"],
        events=studies["events"] if compare is None else None, favours_experimental=favours,
        median1=studies["median_1"], median2=studies["median_2"])
    studies = studies.reset_index(drop=True)
    studies["yi"], studies["vi"] = converted["yi"].to_numpy(), converted["vi"].to_numpy()
    studies["hr_method"], studies["hr_note"] = converted["method"].to_numpy(), converted["note"].to_numpy()
    usable = np.isfinite(studies["yi"]) & np.isfinite(studies["vi"]) & (studies["vi"] > 0)
    for _, row in studies[~usable].iterrows():
        excluded.append(f"{where(row)}: excluded, {row['hr_note'] or 'no usable hazard-ratio statistics'}")
    studies = studies[usable].reset_index(drop=True)
    if studies.empty:
        raise InputError(f"{source}: no usable hazard-ratio statistics for outcome {outcome!r}:\n  "
                         + "\n  ".join(excluded))
    notes = [f"{where(row)}: log HR from {HR_METHODS[row['hr_method']]}"
             + (f" ({row['hr_note']})" if row["hr_note"] else "")
             for _, row in studies.iterrows() if row["hr_method"] != "hr_ci" or row["hr_note"]]
    year = studies["year"].map(lambda y: "" if not np.isfinite(y) else f" {int(y)}")
    studies.insert(1, "label", studies["study"].astype(str) + year)
    keep = ["line", "label", "study", "year", "design", "arm", "n", "n_1", "events_1", "median_1", "n_2",
            "events_2", "median_2", *HR_COLUMNS, "hr_method", "hr_note", "yi", "vi", *free]
    return PreparedOutcome(outcome, "HR", studies[[c for c in keep if c in studies]], tuple(excluded),
                           tuple(notes))


def _favours(column, compare):
    """The ``favours`` column as True (experimental), False (control) or None."""
    if column is None:
        return None
    out = []
    for value in column.fillna("").astype(str).str.strip().str.lower():
        if value in {"experimental"} or (compare is not None and value == compare[0].lower()):
            out.append(True)
        elif value in {"control"} or (compare is not None and value == compare[1].lower()):
            out.append(False)
        else:
            out.append(None)
    return out
