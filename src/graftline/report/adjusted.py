"""The report's adjusted comparison (``--adjust-method``): balance, Love plot, adjusted curves.

Each arm is compared with the reference arm (the first): a logistic
propensity model on the ``--adjust`` covariates gives the balance before and
after inverse probability weighting for the chosen estimand (``--adjust-estimand``:
ATE, ATT or ATO), and for every time-to-event endpoint of the report
(engraftment or count recovery, acute and chronic GVHD, relapse, NRM and the
survival endpoints) the standardised risks at the landmark days with their
difference, by the chosen method (:func:`graftline.stats.adjusted_risks`),
drawn beside the crude curves, and the IPTW-weighted (cause-specific) Cox
hazard ratio with its robust standard error.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from graftline.report import analysis, endpoints_shown
from graftline.report.html import FigureBlock, FigureRow, Paragraph, Section, TableBlock
from graftline.report.writer import ReportWriter, p_text

METHODS = {
    "iptw": "inverse probability of treatment weighting with inverse probability of censoring weights "
            "(IPTW-IPCW; logistic propensity model, Cox model of censoring)",
    "gcomp": "G-computation (direct standardisation) from Cox models: one for the endpoint, or one per "
             "cause (cause-specific Cox) for competing risks",
    "aiptw": "augmented IPTW (doubly robust: propensity, outcome and censoring models)",
}
#: The population each estimand standardises to, in the words of the report.
ESTIMANDS = {
    "ATE": "the average treatment effect (ATE): the whole cohort of the two arms",
    "ATT": "the average treatment effect in the treated (ATT): the patients given the compared arm",
    "ATO": "the average treatment effect in the overlap population (ATO; overlap weights, "
           "Li et al., JASA 2018): the patients who could plausibly have received either arm",
}
#: How each estimand weighs the two arms (propensity score e of the compared arm).
_WEIGHTS = {"ATE": " (1/e and 1/(1-e))", "ATT": " (1 for the compared arm, e/(1-e) for the reference arm)",
            "ATO": " (1-e for the compared arm, e for the reference arm)"}
VARIANCE = {
    "iptw": "influence functions that include the estimation of the propensity and censoring models",
    "gcomp": "influence functions that include the estimation of the Cox models",
    "aiptw": "influence functions that include the estimation of the propensity, censoring and outcome "
             "models",
}


def check_estimand(method: str, estimand: str) -> str:
    """``estimand`` in upper case, or an InputError where ``method`` does not offer it."""
    from graftline.errors import InputError

    key = str(estimand).upper()
    if key not in ESTIMANDS:
        raise InputError(f"--adjust-estimand {estimand!r}: expected one of {', '.join(ESTIMANDS)}")
    if key != "ATE" and method == "aiptw":
        raise InputError(f"--adjust-estimand {key}: augmented IPTW here standardises to the whole cohort "
                         "(ATE); use --adjust-method iptw or gcomp for the ATT or ATO")
    return key


def methods_text(method: str, adjust: Sequence[str], estimand: str = "ATE") -> str:
    """The Methods paragraph of the adjusted comparison: estimand, method, variance, references."""
    return (f"Adjusted comparison: each arm against the first, adjusted for {', '.join(adjust)}; estimand "
            f"{ESTIMANDS[estimand]}; {METHODS[method]}; standard errors from "
            f"{VARIANCE[method]} (Ozenne et al., Biom J 2020; Austin, Stat Med 2014). Propensity scores from "
            "a logistic model; balance as standardised mean differences with the pooled SD of the "
            "unweighted arms (Austin and Stuart, Stat Med 2015). Models use Breslow ties. Hazard ratios: "
            f"Cox models of the arm alone (cause-specific for relapse and NRM) weighted by the {estimand} "
            f"weights{_WEIGHTS[estimand]}, Efron ties, robust (sandwich) standard errors that treat the "
            "weights as known, found conservative for the ATE (Austin, Stat Med 2016). Restricted mean "
            "survival: the area under each arm's adjusted survival curve up to the last landmark day within "
            "both arms' follow-up (Royston and Parmar, BMC Med Res Methodol 2013); no adjusted estimate is "
            "given beyond the shorter-followed arm's last follow-up, or where a model's likelihood is "
            "monotone.")


def adjusted_section(writer: ReportWriter, endpoints: pd.DataFrame, arms: Sequence[str],
                     adjust: Sequence[str], method: str, estimand: str = "ATE", definitions=None) -> Section:
    """The "Adjusted comparison" section for ``method`` in ``METHODS`` and ``estimand`` in ``ESTIMANDS``.

    ``definitions`` (the endpoint definitions, when known) name what competes
    with engraftment and how "not applicable" patients enter, as in the
    engraftment section.
    """
    import matplotlib.pyplot as plt

    from graftline.report.sections import engraftment_specs
    from graftline.stats import balance_table, propensity_scores

    engraftment, not_applicable = engraftment_specs(endpoints, arms, definitions)
    specs = engraftment + endpoints_shown.GVHD + endpoints_shown.DISEASE + endpoints_shown.SURVIVAL

    section = Section("adjusted", "Adjusted comparison")
    section.blocks.append(Paragraph(
        f"Arms compared with {arms[0]} after adjustment for {', '.join(adjust)}. Estimand: "
        f"{ESTIMANDS[estimand]}. Method: {METHODS[method]}. Standard errors: "
        f"{VARIANCE[method]}; Wald 95 % intervals and tests on the risk scale (as riskRegression::ate). "
        "Covariate balance is shown before and after inverse probability weighting; |SMD| < 0.1 is "
        "taken as balanced. Patients with a missing covariate are left out of this section."))
    for arm in arms[1:]:
        pair = endpoints[endpoints["arm"].astype(str).isin([arms[0], arm])]
        pair = pair[pair[list(adjust)].notna().all(axis=1)].reset_index(drop=True)
        treatment = pd.Categorical(pair["arm"].astype(str), categories=[arms[0], arm])
        title = f"{arm} vs {arms[0]}"
        try:
            model = propensity_scores(treatment, pair[list(adjust)])
            balance = balance_table(treatment, pair[list(adjust)], model.weights(estimand=estimand))
        except Exception as error:  # noqa: BLE001 - one failed comparison must not stop the report
            section.blocks.append(writer.reason("adjusted", title, f"no propensity model ({error})"))
            continue
        frame = balance.to_frame()
        writer.collect("balance", frame.assign(comparison=title))
        shown = frame[["term", "mean_treated", "mean_control", "smd_unweighted", "smd", "variance_ratio"]].copy()
        shown.columns = ["term", f"mean {arm} (weighted)", f"mean {arms[0]} (weighted)",
                         "SMD before", "SMD after", "variance ratio after"]
        sizes = balance.sample_sizes()
        section.blocks.append(TableBlock(shown.round(3).astype(str), f"Covariate balance, {title}",
                                         note="Effective sample size after weighting: " + "; ".join(
                                             f"{r.arm} {r.effective_n:.1f} of {r.n}" for r in sizes.itertuples())))
        ax = balance.plot()
        ax.set_title(f"Balance: {title}")
        love = writer.figure(ax.figure, f"love_plot_{_slug(arm)}")
        plt.close(ax.figure)
        figures = [FigureBlock(love, f"Love plot, {title}: absolute SMD before (open) and after weighting")]
        rows, hazard_rows, restricted_rows = [], [], []
        weights = model.weights(estimand=estimand)
        for spec in specs:
            data = analysis.endpoint_data(pair, spec.name, list(treatment.categories),
                                          not_applicable=not_applicable if spec in engraftment else "excluded")
            if isinstance(data, str) or len(data.arms) < 2:
                continue
            if not (data.status == 1).any():
                writer.reason("adjusted", f"{spec.title}, {title}", "not estimated (no events in either arm)")
                continue
            outcome = _endpoint(writer, pair, data, spec, treatment, adjust, method, estimand, title, rows)
            if outcome is not None:
                figures.append(outcome)
                if spec.kind == "survival":
                    restricted_rows.extend(_restricted_mean(writer, pair, data, spec, treatment, adjust, method,
                                                            estimand, title))
            hazard_rows.extend(_weighted_hazard_ratio(writer, data, spec, treatment, weights[data.rows], title))
        section.blocks.append(FigureRow(tuple(figures)))
        if rows:
            table = pd.DataFrame(rows)
            writer.collect("adjusted_risks", table.assign(comparison=title))
            section.blocks.append(TableBlock(table.astype(str), f"Adjusted risks, {title} ({method}, {estimand})"))
        if restricted_rows:
            table = pd.DataFrame(restricted_rows)
            writer.collect("adjusted_restricted_means", table.assign(comparison=title))
            shown = pd.DataFrame({
                "endpoint": table.endpoint, "to day": table.tau.astype(int),
                **{f"{label} (days)": table[f"arm_{k}"].map(lambda v: f"{v:.0f}")
                   for k, label in enumerate(treatment.categories)},
                f"difference {arm} - {arms[0]} (days, 95 % CI)": [
                    f"{r.difference:.0f} ({r.lower:.0f} to {r.upper:.0f})" for r in table.itertuples()],
                "p": [p_text(p) for p in table.p_value]})
            section.blocks.append(TableBlock(
                shown.astype(str), f"Adjusted restricted mean survival, {title} ({method}, {estimand})",
                note="Area under each arm's adjusted survival curve up to the last landmark day within both "
                     "arms' follow-up: the mean days alive and event-free over that period (Royston and Parmar, "
                     "BMC Med Res Methodol 2013); no proportional-hazards assumption; Wald 95 % intervals."))
        if hazard_rows:
            table = pd.DataFrame(hazard_rows)
            writer.collect("adjusted_hazard_ratios", table.assign(comparison=title))
            shown = pd.DataFrame({
                "endpoint": table.endpoint,
                "hazard ratio (95 % CI)": [f"{r.hr:.2f} ({r.lower:.2f} to {r.upper:.2f})" for r in table.itertuples()],
                "robust SE of log HR": table.se.round(3), "p": [p_text(p) for p in table.p_value]})
            section.blocks.append(TableBlock(shown.astype(str), f"IPTW-weighted hazard ratios, {title}",
                                             note=f"Cox models of the arm weighted by the {estimand} weights "
                                                  "(cause-specific for competing events); robust SEs."))
    return section


def _within_follow_up(data, spec) -> tuple[float, np.ndarray]:
    """The shorter-followed arm's last day, and ``spec``'s landmark days up to it.

    Past an arm's last follow-up its risk would be extrapolated, not estimated
    (ate reports NA there): adjusted curves stop at that day and later landmarks are left out.
    """
    followed = float(min(data.time[data.arm == label].max() for label in data.arms))
    return followed, np.asarray([d for d in spec.landmarks if d <= followed], float)


def _restricted_mean(writer, pair, data, spec, treatment, adjust, method, estimand, title) -> list[dict]:
    """Adjusted restricted mean survival of both arms up to the last landmark within follow-up."""
    from graftline.stats import adjusted_restricted_mean

    arm = pd.Categorical(data.arm, categories=list(treatment.categories))
    landmarks = _within_follow_up(data, spec)[1]
    if not landmarks.size:
        return []
    part = pair.iloc[data.rows].reset_index(drop=True)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # the same models as the adjusted risks, whose warnings are handled
            result = adjusted_restricted_mean(data.time, (data.status == 1).astype(int), arm, part[list(adjust)],
                                              tau=float(landmarks.max()), method=method, estimand=estimand)
    except Exception as error:  # noqa: BLE001 - one failed estimate must not stop the report
        writer.reason("adjusted", f"{spec.title}, {title}",
                      f"restricted mean not estimated ({type(error).__name__}: {error})")
        return []
    row = result.to_frame().iloc[2]
    return [{"endpoint": spec.title, "tau": result.tau, "arm_0": result.estimate[0], "arm_1": result.estimate[1],
             "difference": result.difference, "se": result.difference_se, "lower": row.lower, "upper": row.upper,
             "p_value": row.p_value}]


def _weighted_hazard_ratio(writer, data, spec, treatment, weights, title) -> list[dict]:
    """The IPTW-weighted Cox hazard ratio of the arm for one endpoint, robust SE (R: coxph(weights, robust)).

    ``weights`` are those of ``data``'s patients (``data.rows`` of the pair).
    """
    from graftline.stats import cox_ph

    status = data.status
    arm = data.arm == treatment.categories[1]
    if not (status[arm] == 1).any() or not (status[~arm] == 1).any():
        # No event in an arm: the hazard ratio is 0 or infinite (monotone likelihood).
        if (status == 1).any():
            writer.reason("adjusted", f"{spec.title}, {title}", "weighted hazard ratio not estimated "
                          "(an arm has no events)")
        return []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # non-convergence is reported through `converged`
            fit = cox_ph(data.time, (status == 1).astype(int),
                         pd.DataFrame({"arm": arm.astype(float)}), weights=weights, robust=True)
    except Exception as error:  # noqa: BLE001 - one failed model must not stop the report
        writer.reason("adjusted", f"{spec.title}, {title}", f"weighted hazard ratio not estimated ({error})")
        return []
    if not fit.converged or not np.isfinite(fit.coef).all():
        writer.reason("adjusted", f"{spec.title}, {title}", "weighted hazard ratio not estimated "
                      "(the model did not converge)")
        return []
    row = fit.to_frame().iloc[0]
    return [{"endpoint": spec.title, "hr": row.hr, "lower": row.lower, "upper": row.upper, "se": row.se,
             "naive_se": row.naive_se, "p_value": row.p_value}]


def _endpoint(writer, pair, data, spec, treatment, adjust, method, estimand, title, rows) -> FigureBlock | None:
    """Adjusted risks at the landmark days (into ``rows``) and the adjusted curves beside the crude ones."""
    import matplotlib.pyplot as plt

    from graftline.stats import (
        ConvergenceWarning,
        adjusted_risks,
        cumulative_incidence,
        kaplan_meier,
    )

    part = pair.iloc[data.rows].reset_index(drop=True)
    arm = pd.Categorical(data.arm, categories=list(treatment.categories))
    time = data.time
    status = data.status
    competing = spec.kind == "incidence"
    if not competing:
        status = (status == 1).astype(int)
    cause = 1 if competing and (status == 2).any() else None
    variance = "full"     # every method's influence function includes its models' estimation
    followed, landmarks = _within_follow_up(data, spec)
    horizon = float(min(spec.cap_days or followed, followed))
    if not landmarks.size:
        writer.reason("adjusted", f"{spec.title}, {title}",
                      f"not estimated: follow-up of an arm ends on day {followed:g}, before the first landmark "
                      f"(day {min(spec.landmarks)})")
        return None
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            at = adjusted_risks(time, status, arm, part[list(adjust)], times=landmarks,
                                method=method, variance=variance, cause=cause, estimand=estimand)
            curve = adjusted_risks(time, status, arm, part[list(adjust)], times=np.linspace(0, horizon, 60),
                                   method=method, variance=variance, cause=cause, estimand=estimand)
    except Exception as error:  # noqa: BLE001
        writer.reason("adjusted", f"{spec.title}, {title}", f"not estimated ({type(error).__name__}: {error})")
        return None
    diverged = [str(w.message) for w in caught if issubclass(w.category, ConvergenceWarning)]
    if diverged:
        # A coefficient running to infinity (a covariate level without events) leaves the risks
        # near a boundary and their influence-function SEs meaningless: say so rather than print them.
        writer.reason("adjusted", f"{spec.title}, {title}",
                      f"not estimated: a model's likelihood is monotone ({diverged[0]}); adjust for fewer "
                      "covariates or merge sparse levels")
        return None
    difference = at.difference()
    risks = at.to_frame()          # Wald limits truncated to [0, 1], as riskRegression's
    for k, day in enumerate(at.times):
        for a in (0, 1):
            r = risks[(risks.arm == at.labels[a]) & (risks.time == day)].iloc[0]
            value, low, high = (r.risk, r.lower, r.upper) if competing else (1 - r.risk, 1 - r.upper, 1 - r.lower)
            rows.append({"endpoint": spec.title, "day": int(day), "arm": at.labels[a],
                         "estimate (%)": f"{100 * value:.1f} ({100 * low:.1f} to {100 * high:.1f})"})
        d = difference.iloc[k]
        sign = 1 if competing else -1
        rows.append({"endpoint": spec.title, "day": int(day), "arm": f"difference {at.labels[1]} - {at.labels[0]}",
                     "estimate (%)": f"{sign * 100 * d.estimate:.1f} ({100 * min(sign * d.lower, sign * d.upper):.1f} "
                                     f"to {100 * max(sign * d.lower, sign * d.upper):.1f}), {p_text(d.p_value)}"})
    ax = curve.plot(survival=not competing, colors=tuple(writer.palette.style(str(a)).color for a in at.labels))
    _crude(ax, time, status, arm, competing, horizon, cumulative_incidence, kaplan_meier)
    ax.set_xlabel("days")
    ax.set_title(f"{spec.short or spec.title}: adjusted (solid) and crude (dotted)")
    rendered = writer.figure(ax.figure, f"adjusted_{spec.name}_{_slug(str(at.labels[1]))}")
    plt.close(ax.figure)
    return FigureBlock(rendered, f"{spec.title}, {title}: {method}-adjusted ({estimand}) "
                       + ("cumulative incidence" if competing else "survival") + " with 95 % bands, crude dotted")


def _crude(ax, time, status, arm, competing, horizon, cumulative_incidence, kaplan_meier) -> None:
    grid = np.linspace(0, horizon, 120)
    colors = {line.get_label().replace(" (adjusted)", ""): line.get_color() for line in ax.get_lines()}
    if competing:
        frame = cumulative_incidence(time, status, arm).at(grid)
        frame = frame[frame.cause == 1]
        value = "estimate"
    else:
        frame = kaplan_meier(time, status, arm).at(grid)
        value = "survival"
    for label, rows in frame.groupby("group", sort=False):
        ax.step(rows.time, rows[value], where="post", linestyle=":", color=colors.get(str(label), "grey"),
                label=f"{label} (crude)")
    ax.legend(fontsize="small")


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text.lower())
