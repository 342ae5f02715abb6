"""GRADE certainty of evidence and the summary-of-findings table, with every reason written out.

Certainty starts high for randomised trials and low for observational
studies, and is rated down for risk of bias, inconsistency, indirectness,
imprecision and publication bias (and, for observational studies, may be
rated up). What can be derived from the data is derived, with the rule
named; what needs judgement (indirectness, and anything the reviewer wants to
override) is entered with its reason (GRADE Handbook; Guyatt et al., J Clin
Epidemiol 2011, GRADE guidelines 4-9; Cochrane Handbook chapter 14).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from graftline.errors import InputError

LEVELS = ("very low", "low", "moderate", "high")
DOMAINS = ("risk_of_bias", "inconsistency", "indirectness", "imprecision", "publication_bias")
#: GRADE's rules of thumb for the optimal information size (Guyatt et al. 2011, GRADE 6).
OIS_EVENTS = 300
OIS_PARTICIPANTS = 400
_RATIO = {"RR", "OR", "HR", "ROM"}
_COMPARATIVE = _RATIO | {"MD", "SMD", "RD", "RMSTD"}


@dataclass(frozen=True)
class Rating:
    """One GRADE domain: a change of 0, -1 or -2 levels (+1/+2 for upgrades) and why."""

    change: int
    reason: str
    entered: bool = False


@dataclass(frozen=True)
class GradeAssessment:
    """Certainty of the evidence for one outcome, with the summary-of-findings numbers."""

    outcome: str
    start: str
    ratings: dict[str, Rating] = field(default_factory=dict)
    certainty: str = ""
    studies: int = 0
    participants: float = np.nan
    events: float = np.nan
    relative_effect: str = ""
    absolute_effect: str = ""
    measure: str = ""

    def reasons(self) -> str:
        """Every rating down or up, in words (the footnotes of a summary-of-findings table)."""
        parts = [f"{name.replace('_', ' ')} ({r.change:+d}): {r.reason}" for name, r in self.ratings.items()
                 if r.change != 0]
        return "; ".join(parts) if parts else "no serious concerns"

    def to_frame(self) -> pd.DataFrame:
        row = {"outcome": self.outcome, "studies": self.studies, "participants": self.participants,
               "events": self.events, "measure": self.measure, "relative_effect": self.relative_effect,
               "absolute_effect": self.absolute_effect, "start": self.start, "certainty": self.certainty}
        for name, rating in self.ratings.items():
            row[name] = rating.change
            row[f"{name}_reason"] = rating.reason
        row["reasons"] = self.reasons()
        return pd.DataFrame([row])


def _parse(entry) -> Rating | None:
    """An entered rating: ``Rating``, ``(change, reason)`` or ``"-1: reason"``."""
    if entry is None:
        return None
    if isinstance(entry, Rating):
        return Rating(entry.change, entry.reason, True)
    if isinstance(entry, tuple):
        change, reason = entry
    else:
        text = str(entry)
        change, _, reason = text.partition(":")
    try:
        value = int(str(change).strip())
    except ValueError:
        raise InputError(f"a GRADE rating looks like '-1: reason', not {entry!r}") from None
    if value not in (-2, -1, 0, 1, 2):
        raise InputError(f"a GRADE rating changes certainty by -2 to +2 levels, not {value}")
    if not str(reason).strip():
        raise InputError(f"a GRADE rating needs its reason written out ({entry!r})")
    return Rating(value, str(reason).strip(), True)


def grade_certainty(result, *, outcome: str, design: str = "rct", risk_of_bias=None, study_labels=None,
                    indirectness=None, publication_bias=None, inconsistency=None, imprecision=None,
                    risk_of_bias_rating=None, upgrade=None, events=None, control_events=None,
                    control_n=None, ois=None) -> GradeAssessment:
    """Rate the certainty of a pooled result and compute its summary-of-findings row.

    Parameters
    ----------
    result : PoolResult, SparsePoolResult or GLMMResult
        The meta-analysis of this outcome.
    outcome : str
        Outcome name for the table.
    design : {"rct", "observational"}
        Body of evidence: certainty starts at high or low.
    risk_of_bias : RiskOfBiasTable, optional
        Judgements for the included studies (matched on ``study_labels``).
    study_labels : sequence of str, optional
        Labels of the pooled studies as in the risk-of-bias table (default:
        the result's labels).
    indirectness, publication_bias, inconsistency, imprecision, risk_of_bias_rating, upgrade
        Entered ratings (``"-1: population were children"`` or
        ``(-1, "reason")``); an entered rating replaces the derived one.
        Indirectness cannot be derived and is "not rated down" unless entered.
    events : float, optional
        Total events (binary outcomes), for the optimal information size.
    control_events, control_n : float, optional
        Control-arm totals, for the assumed risk in the absolute effect
        (default: the result's own per-arm counts where it has them).
    ois : float, optional
        Optimal information size (participants, or events for binary outcomes)
        from a sample-size calculation; default GRADE's rules of thumb (300
        events, 400 participants).

    Returns
    -------
    GradeAssessment

    Notes
    -----
    Derived ratings (each reason names its rule):

    - Risk of bias: share of the analysis weight (equal shares when the model
      has none) from studies at high risk (RoB 2 high, ROBINS-I serious or
      critical, NOS poor). -2 if studies at high risk carry more than half the
      weight and at least one is critical (ROBINS-I), -1 if they carry more
      than half, or if low-risk studies carry less than half; else 0
      (GRADE 4: "most information from studies at low risk").
    - Inconsistency: -1 if I^2 >= 50 % (Cochrane Handbook 10.10.2:
      substantial), or if the 95 % prediction interval crosses the null while
      the confidence interval does not; -2 if I^2 >= 75 % and the prediction
      interval crosses the null. Not rated with one study.
    - Imprecision: -1 for each of: the confidence interval includes the null
      (comparative measures); the optimal information size is not met; at
      most -2.
    - Publication bias: with >= 10 studies, -1 if Egger's test has p < 0.10;
      with fewer, not assessable (0, said so).
    - Upgrade (observational only, when no domain was rated down): +1 for a
      large effect (ratio > 2 or < 0.5), +2 for a very large one (> 5 or < 0.2).

    References
    ----------
    1. Guyatt GH, Oxman AD, Vist G, et al. GRADE guidelines 4: rating the
       quality of evidence - study limitations. J Clin Epidemiol 2011;64:407-415.
    2. Guyatt GH, Oxman AD, Kunz R, et al. GRADE guidelines 6, 7, 8, 9
       (imprecision, inconsistency, indirectness, upgrading). J Clin Epidemiol
       2011;64:1283-1316.
    3. Schünemann H, Brozek J, Guyatt G, Oxman A (eds). GRADE Handbook, 2013.
    """
    design = str(design).lower()
    if design not in {"rct", "observational"}:
        raise InputError(f"design must be 'rct' or 'observational', not {design!r}")
    start = "high" if design == "rct" else "low"
    measure = (getattr(result, "measure", None) or "").upper()
    ratings: dict[str, Rating] = {}
    ratings["risk_of_bias"] = _parse(risk_of_bias_rating) or _rate_risk_of_bias(
        result, risk_of_bias, list(study_labels) if study_labels is not None else list(result.labels))
    ratings["inconsistency"] = _parse(inconsistency) or _rate_inconsistency(result, measure)
    ratings["indirectness"] = _parse(indirectness) or Rating(0, "not rated down (no concern entered)")
    participants = float(np.nansum(result.n)) if getattr(result, "n", None) is not None else np.nan
    total_events = events if events is not None else _total_events(result)
    ratings["imprecision"] = _parse(imprecision) or _rate_imprecision(result, measure, participants,
                                                                      total_events, ois)
    ratings["publication_bias"] = _parse(publication_bias) or _rate_publication_bias(result)
    up = _parse(upgrade)
    if up is None and design == "observational":
        up = _rate_large_effect(result, measure, ratings)
    if up is not None and up.change != 0:
        if design == "rct" and up.change > 0:
            raise InputError("upgrading is for observational evidence (GRADE 9)")
        ratings["upgrade"] = up
    level = LEVELS.index(start) + sum(r.change for r in ratings.values())
    certainty = LEVELS[int(np.clip(level, 0, len(LEVELS) - 1))]
    relative, absolute = _effects(result, measure, control_events, control_n)
    return GradeAssessment(outcome=outcome, start=start, ratings=ratings, certainty=certainty,
                           studies=int(result.k), participants=participants, events=total_events,
                           relative_effect=relative, absolute_effect=absolute, measure=measure)


def summary_of_findings(assessments) -> pd.DataFrame:
    """One row per outcome: participants (studies), effects, certainty and the reasons."""
    rows = []
    for a in assessments:
        rows.append({
            "outcome": a.outcome,
            "participants (studies)": f"{a.participants:.0f} ({a.studies})" if np.isfinite(a.participants)
            else f"({a.studies})",
            "relative effect (95% CI)": a.relative_effect, "absolute effect (95% CI)": a.absolute_effect,
            "certainty": a.certainty.upper() if a.certainty == "high" else a.certainty.capitalize(),
            "reasons": a.reasons(),
        })
    return pd.DataFrame(rows)


def _weights(result) -> np.ndarray:
    w = np.asarray(getattr(result, "weights", np.full(result.k, np.nan)), dtype=float)
    if not np.isfinite(w).all() or w.sum() <= 0:
        return np.full(len(result.labels), 100 / len(result.labels))
    return w


def _rate_risk_of_bias(result, table, labels) -> Rating:
    if table is None:
        return Rating(0, "not assessed (no risk-of-bias table)")
    weights = _weights(result)
    overall = table.overall.drop_duplicates("label").set_index("label")
    missing = [label for label in labels if label not in overall.index]
    if missing:
        return Rating(0, f"not assessed for {', '.join(missing[:3])}{'...' if len(missing) > 3 else ''} "
                         "(no risk-of-bias judgement)")
    severity = overall.loc[labels, "severity"].to_numpy()
    worst = overall.loc[labels, "overall"].to_numpy()
    total = weights.sum()
    high = weights[severity == "high"].sum() / total
    low = weights[severity == "low"].sum() / total
    text = f"{100 * high:.0f}% of the weight from studies at high risk, {100 * low:.0f}% at low risk"
    if high > 0.5 and np.any(worst == "critical"):
        return Rating(-2, text + ", including critical risk (ROBINS-I)")
    if high > 0.5:
        return Rating(-1, text)
    if low < 0.5:
        return Rating(-1, text + " (most weight from studies with some concerns or worse)")
    return Rating(0, text)


def _null(measure: str) -> float | None:
    if measure in _RATIO:
        return 0.0  # on the log scale
    if measure in _COMPARATIVE:
        return 0.0
    return None


def _rate_inconsistency(result, measure) -> Rating:
    if result.k < 2:
        return Rating(0, "one study: not assessable")
    i2 = float(result.i2)
    pi_lower, pi_upper = float(getattr(result, "pi_lower", np.nan)), float(getattr(result, "pi_upper", np.nan))
    null = _null(measure)
    pi_crosses = (null is not None and np.isfinite(pi_lower) and pi_lower < null < pi_upper)
    ci_crosses = null is not None and result.ci_lower < null < result.ci_upper
    text = f"I² = {i2:.0f}%"
    if np.isfinite(pi_lower) and null is not None:
        text += f", prediction interval {'crosses' if pi_crosses else 'does not cross'} the null"
    if i2 >= 75 and pi_crosses:
        return Rating(-2, text + " (considerable heterogeneity)")
    if i2 >= 50:
        return Rating(-1, text + " (substantial heterogeneity, I² >= 50%)")
    if pi_crosses and not ci_crosses:
        return Rating(-1, text + " while the confidence interval does not")
    return Rating(0, text)


def _total_events(result) -> float:
    e1, e2 = getattr(result, "events1", None), getattr(result, "events2", None)
    if e1 is None:
        return np.nan
    return float(np.nansum(e1) + (np.nansum(e2) if e2 is not None else 0.0))


def _rate_imprecision(result, measure, participants, events, ois) -> Rating:
    reasons, change = [], 0
    null = _null(measure)
    if null is not None and result.ci_lower < null < result.ci_upper:
        change -= 1
        reasons.append("the 95% CI includes no effect")
    if ois is not None:
        size, target, unit = (events if np.isfinite(events) else participants), ois, "events" if np.isfinite(events) else "participants"
    elif np.isfinite(events):
        size, target, unit = events, OIS_EVENTS, "events"
    else:
        size, target, unit = participants, OIS_PARTICIPANTS, "participants"
    if np.isfinite(size) and size < target:
        change -= 1
        shown = unit[:-1] if round(size) == 1 else unit
        reasons.append(f"{size:.0f} {shown}, below the optimal information size of {target:.0f} {unit}")
    if not reasons:
        return Rating(0, "CI excludes no effect and the optimal information size is met")
    return Rating(max(change, -2), "; ".join(reasons))


def _rate_publication_bias(result) -> Rating:
    if result.k < 10:
        return Rating(0, f"not assessable with {result.k} studies (tests need >= 10; Cochrane Handbook 13.3.5.4)")
    if not hasattr(result, "_design"):
        return Rating(0, "not assessed (no funnel-plot test for this model)")
    from graftline.meta.bias import egger_test

    test = egger_test(result)
    if test.p_value < 0.10:
        return Rating(-1, f"funnel-plot asymmetry (Egger's test p = {test.p_value:.3f})")
    return Rating(0, f"no funnel-plot asymmetry detected (Egger's test p = {test.p_value:.2f})")


def _rate_large_effect(result, measure, ratings) -> Rating | None:
    if measure not in _RATIO or any(r.change < 0 for r in ratings.values()):
        return None
    ratio = float(np.exp(result.estimate))
    if ratio > 5 or ratio < 0.2:
        return Rating(2, f"very large effect (ratio {ratio:.2f})")
    if ratio > 2 or ratio < 0.5:
        return Rating(1, f"large effect (ratio {ratio:.2f})")
    return None


def _effects(result, measure, control_events, control_n) -> tuple[str, str]:
    est, lo, hi = float(result.estimate), float(result.ci_lower), float(result.ci_upper)
    if measure in _RATIO:
        name = {"RR": "RR", "OR": "OR", "HR": "HR", "ROM": "ratio of means"}[measure]
        relative = f"{name} {np.exp(est):.2f} ({np.exp(lo):.2f} to {np.exp(hi):.2f})"
        if control_events is None and getattr(result, "events2", None) is not None:
            control_events, control_n = np.nansum(result.events2), np.nansum(result.n2)
        if measure in {"RR", "OR"} and control_events is not None and control_n:
            risk = control_events / control_n

            def corresponding(log_ratio):
                ratio = np.exp(log_ratio)
                return risk * ratio if measure == "RR" else risk * ratio / (1 - risk + risk * ratio)

            per_1000 = [1000 * (corresponding(x) - risk) for x in (est, lo, hi)]
            absolute = (f"{1000 * risk:.0f} per 1000 with control; {_signed(per_1000[0])} per 1000 "
                        f"({_signed(per_1000[1])} to {_signed(per_1000[2])})")
            return relative, absolute
        return relative, ""
    if measure in {"MD", "RD", "SMD", "RMSTD"}:
        scale = 1000 if measure == "RD" else 1
        unit = " per 1000" if measure == "RD" else ""
        name = {"MD": "MD", "RD": "RD", "SMD": "SMD", "RMSTD": "RMST difference"}[measure]
        return "", f"{name} {_signed(scale * est)}{unit} ({_signed(scale * lo)} to {_signed(scale * hi)})"
    back = result.back_transform()
    return "", f"{back.scale} {back.estimate:.3g} ({back.ci_lower:.3g} to {back.ci_upper:.3g}) (single arm)"


def _signed(x: float) -> str:
    return f"{x:+.1f}" if abs(x) < 10 else f"{x:+.0f}"
