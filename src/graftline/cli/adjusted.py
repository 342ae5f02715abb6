"""``graftline balance`` and ``graftline adjusted-curves``: two arms compared fairly.

Tables go to stdout as CSV; sample sizes, notes and warnings go to stderr,
one line each. The CSV is spreadsheet-safe and a figure appears whole or
not at all (:mod:`graftline.export`): arm and covariate names come from
users' files. The input conventions (``-c``, complete cases, ``--endpoint``
or ``--time/--event``) are those of ``cox`` and ``fine-gray``
(:mod:`graftline.cli._analysis_input`).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import typer

from graftline.cli import _analysis_input as given
from graftline.cli.app import app, console, say
from graftline.errors import InputError
from graftline.export import print_csv, replaced

TREATMENT = typer.Option(..., "--treatment",
                         help="Column with the two arms compared, e.g. arm (values such as chemo and mst).")
ADJUST = typer.Option(..., "--adjust",
                      help="Confounders measured before treatment, comma-separated, e.g. age,disease_risk. "
                           "Text columns are categorical.")
TREATED = typer.Option(None, "--treated",
                       help="Label of the treated (exposed) arm, e.g. mst. Default: the second label in sorted "
                            "order (mst for chemo/mst, 1 for 0/1).")
CATEGORICAL = typer.Option([], "--categorical", "-c",
                           help="Confounder with numeric codes to treat as categories (R's factor()); "
                                "repeatable or comma-separated.")
#: Defaults of options that apply to one --method only (None: not given).
DEFAULT_ESTIMAND = "ATE"
DEFAULT_CALIPER = 0.2


def figure_path(path: Path | None, option: str) -> Path | None:
    """``path`` checked before any work: a .png, .svg or .pdf file in an existing folder."""
    if path is None:
        return None
    if path.is_dir():
        raise InputError(f"{option} {path}: is a folder; give a file name such as {path / 'figure.png'}")
    if path.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise InputError(f"{option} {path}: expected a .png, .svg or .pdf file name")
    if not path.parent.is_dir():
        raise InputError(f"{option} {path}: folder {path.parent} does not exist")
    return path


def save_figure(figure, path: Path) -> None:
    """Write ``figure`` to ``path`` whole, or not at all (an existing file stays as it was on failure)."""
    with replaced(path) as partial:
        figure.savefig(partial, format=path.suffix.lower().lstrip("."), dpi=150, bbox_inches="tight")


def checked_estimand(estimand: str) -> str:
    """``--estimand`` in capitals (``att`` is ATT), or an error naming the choices."""
    if estimand.upper() not in ("ATE", "ATT", "ATO"):
        raise InputError(f"--estimand {estimand!r}: expected ATE (the whole cohort), ATT (patients like the "
                         "treated) or ATO (the overlap population)")
    return estimand.upper()


def confounder_names(treatment: str, adjust: str) -> list[str]:
    """The ``--adjust`` names, each once; the treatment itself is not a confounder."""
    names = given.split_names(adjust)
    if not names:
        raise InputError("--adjust: name at least one confounder, e.g. --adjust age,disease_risk")
    if treatment in names:
        raise InputError(f"--adjust {adjust}: {treatment} is the treatment (--treatment), not a confounder; "
                         "leave it out of --adjust")
    return names


def confounders(rows: given.AnalysisRows, treatment: str, names: list[str], categorical: list[str], *,
                models: str):
    """Complete cases for the arm and every confounder, and the confounders as the models see them."""
    outside = [c for c in given.split_names(list(categorical)) if c not in names]
    if outside:
        raise InputError(f"-c {', '.join(outside)}: not among the confounders ({', '.join(names)}); "
                         "add it to --adjust")
    columns = set(rows.frame.columns)
    for name in names:
        stem = name.removesuffix("_day").removesuffix("_status")
        if stem != name and {f"{stem}_day", f"{stem}_status"} <= columns:
            say(f"--adjust {name}: part of the endpoint {stem} ({stem}_day, {stem}_status), an outcome measured "
                "after treatment; adjusting for it biases the comparison (confounders are measured before "
                "treatment)", label="warning:", style="bold yellow")
    rows = given.complete_rows(rows, [treatment, *names])
    arm = rows.frame[treatment]
    if arm.dtype.kind == "f" and np.all(arm == np.round(arm)):
        # 0/1 codes read as 0.0/1.0 because of a missing value: label the arms 0 and 1.
        rows.frame[treatment] = arm.astype(np.int64)
    covariates, _ = given.covariate_frame(rows, names, categorical=categorical, command=models)
    return rows, covariates


def table_rows(table: Path, columns: list[str]) -> given.AnalysisRows:
    """Every row of ``table`` (``balance`` has no outcome), the named columns required."""
    from graftline.cli.endpoints import read_endpoint_table

    if not table.exists():
        raise InputError(f"{table}: no such file")
    frame = read_endpoint_table(table, quiet_if_unknown=True)
    given._require(frame, columns, table.name)
    n = len(frame)
    return given.AnalysisRows(frame.reset_index(drop=True), np.zeros(n), np.zeros(n, dtype=np.int64), None,
                              label="", source=table.name, from_endpoint=False, event="")


@app.command()
def balance(
    table: Path = typer.Argument(..., help="CSV or Parquet, one row per patient (e.g. an endpoint table)."),
    treatment: str = TREATMENT,
    adjust: str = ADJUST,
    treated: str | None = TREATED,
    method: str = typer.Option("iptw", "--method",
                               help="iptw: propensity-score weights; match: 1:1 nearest-neighbour matching on "
                                    "the score (greedy, without replacement, as MatchIt's default)."),
    estimand: str | None = typer.Option(
        None, "--estimand",
        help="Population the weights target (iptw only): ATE (the whole cohort, default), ATT (patients like "
             "the treated) or ATO (overlap: patients who could have had either arm). Matching targets the ATT."),
    stabilize: bool = typer.Option(False, "--stabilize",
                                   help="Stabilised weights: each arm's weights times its share (iptw only)."),
    trim: float | None = typer.Option(
        None, "--trim", help="Leave out patients with a score below t or above 1 - t, e.g. 0.05 (iptw only; changes "
                             "the target population)."),
    truncate: float | None = typer.Option(
        None, "--truncate", help="Cap the weights at this quantile and raise those below 1 minus it, "
                                 "e.g. 0.99 (iptw only)."),
    caliper: float | None = typer.Option(
        None, "--caliper", help=f"Largest distance of a matched pair, in SDs of the score's logit "
                                f"(match only; default {DEFAULT_CALIPER}, Austin 2011)."),
    sd_denominator: str = typer.Option(
        "pooled", "--sd", help="SD dividing the mean difference: pooled (default), treated (MatchIt's choice for "
                               "the ATT) or control; always from the unadjusted arms."),
    love_plot: Path | None = typer.Option(None, "--love-plot",
                                          help="Also draw the Love plot (|SMD| before and after) to this "
                                               ".png, .svg or .pdf file."),
    weights_out: Path | None = typer.Option(
        None, "--weights-out",
        help="Also write the patients kept (weight > 0) with their propensity_score and weight (and matched "
             "pair) to this .csv, .parquet or .xlsx file, for weighted analyses: cox/fine-gray --weights weight "
             "(--cluster pair after matching). Holds the input's patient rows."),
    categorical: list[str] = CATEGORICAL,
) -> None:
    """Covariate balance of two arms before and after IPTW or matching, as MatchIt and cobalt.

    Prints one row per model term (categories as indicators against the first
    level): the means per arm, the standardised mean difference (SMD) and the
    variance ratio, with and without adjustment. Below it on stderr: patients
    and effective sample size per arm, and whether every |SMD| is below 0.1
    (Austin 2009). Patients with a missing arm or confounder are left out.
    """
    from graftline.stats import balance_table, match_nearest, propensity_scores

    if method not in ("iptw", "match"):
        raise InputError(f"--method {method!r}: expected iptw or match")
    estimand = None if estimand is None else checked_estimand(estimand)
    if sd_denominator not in ("pooled", "treated", "control"):
        raise InputError(f"--sd {sd_denominator!r}: expected pooled, treated or control")
    for option, value, low, high, example in (("--trim", trim, 0.0, 0.5, "0.05"),
                                              ("--truncate", truncate, 0.5, 1.0, "0.99")):
        if value is not None and not low < value < high:
            raise InputError(f"{option} {value:g}: expected a number between {low:g} and {high:g} (exclusive), "
                             f"e.g. {option} {example}")
    if caliper is not None and not caliper > 0:
        raise InputError(f"--caliper {caliper:g}: expected a positive number of SDs of the score logit, e.g. 0.2")
    if method == "match":
        used = [option for option, value in (("--estimand", estimand), ("--stabilize", stabilize or None),
                                             ("--trim", trim), ("--truncate", truncate)) if value is not None]
        if used:
            raise InputError(f"{', '.join(used)}: for --method iptw; matching pairs each treated patient with "
                             "a control, so it targets the treated (ATT) and has no weights to stabilise, "
                             "trim or truncate")
    elif caliper is not None:
        raise InputError("--caliper: for --method match (the largest distance of a matched pair); "
                         "IPTW keeps every patient, see --trim")
    names = confounder_names(treatment, adjust)
    figure_path(love_plot, "--love-plot")
    table_path(weights_out, "--weights-out")
    rows = table_rows(table, [treatment, *names])
    if weights_out is not None:
        taken = [c for c in WEIGHT_COLUMNS if c in rows.frame.columns]
        if taken:
            raise InputError(f"--weights-out: {rows.source} already has a column {taken}, which the written table "
                             "adds; rename it")
    rows, covariates = confounders(rows, treatment, names, categorical, models="the propensity model")
    arm = rows.frame[treatment]
    try:
        if method == "iptw":
            estimand = estimand or DEFAULT_ESTIMAND
            model = propensity_scores(arm, covariates, treated=treated)
            pair = None
            weights = model.weights(estimand=estimand, stabilize=stabilize, trim=trim, truncate=truncate)
            details = [estimand, *(["stabilised"] if stabilize else []),
                       *([f"trimmed to scores in [{trim:g}, {1 - trim:g}]"] if trim is not None else []),
                       *([f"truncated at the {truncate:g} quantile"] if truncate is not None else [])]
            how = f"IPTW ({', '.join(details)})"
            left_out = 0 if trim is None else int((weights == 0).sum())
            if trim is not None and not left_out:
                console.print(f"--trim {trim:g}: no patient has a score below {trim:g} or above {1 - trim:g}; "
                              "nobody left out", highlight=False, soft_wrap=True)
            elif trim is not None:
                say(f"--trim {trim:g}: {left_out} of {len(weights)} patients with a score below {trim:g} or above "
                    f"{1 - trim:g} are left out; the comparison is now about the patients kept, not the whole "
                    "cohort", label="warning:", style="bold yellow")
        else:
            caliper = DEFAULT_CALIPER if caliper is None else caliper
            result = match_nearest(arm, covariates, caliper=caliper, treated=treated)
            model, weights, pair = result.model, result.weights, matched_pairs(result)
            n_treated = int(result.model.treated.sum())
            how = (f"1:1 nearest-neighbour matching on the score logit, caliper {caliper:g} SD: "
                   f"{result.n_matched_treated} of {n_treated} treated matched")
            unmatched = n_treated - result.n_matched_treated
            if unmatched:
                say(f"{unmatched} of {n_treated} treated patients ({100 * unmatched / n_treated:.0f} %) found no "
                    "control within the caliper and are left out: the balance below, and any analysis of the "
                    "matched set, describe the matched treated only", label="warning:", style="bold yellow")
        result_table = balance_table(arm, covariates, weights, treated=treated, sd_denominator=sd_denominator)
    except InputError as error:
        raise InputError(f"{rows.source}: {error}") from None
    print_csv(result_table.to_frame())
    sizes = result_table.sample_sizes()
    console.print(how, highlight=False, soft_wrap=True)
    for row in sizes.itertuples():
        console.print(f"{row.role} arm {row.arm}: n = {row.n}, effective n = {row.effective_n:.1f}", highlight=False, soft_wrap=True)
    console.print(f"largest |SMD| after adjustment: {result_table.max_abs_smd:.3f} "
                  f"({'all below' if result_table.balanced() else 'not all below'} 0.1)", highlight=False, soft_wrap=True)
    if love_plot is not None:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        ax = result_table.plot()
        ax.set_title(f"Balance: {how.split(':')[0]}")
        save_figure(ax.figure, love_plot)
        plt.close(ax.figure)
        console.print(f"Love plot written to {love_plot}", highlight=False, soft_wrap=True)
    if weights_out is not None:
        write_weights(weights_out, rows, model.score, weights, pair, treatment=treatment)


#: Columns ``balance --weights-out`` adds to the patients' rows.
WEIGHT_COLUMNS = ("propensity_score", "weight", "pair")


def table_path(path: Path | None, option: str) -> Path | None:
    """``path`` checked before any work: a .csv, .parquet or .xlsx file in an existing folder."""
    if path is None:
        return None
    if path.is_dir():
        raise InputError(f"{option} {path}: is a folder; give a file name such as {path / 'weights.csv'}")
    if path.suffix.lower() not in (".csv", ".parquet", ".pq", ".xlsx"):
        raise InputError(f"{option} {path}: expected a .csv, .parquet or .xlsx file name")
    if not path.parent.is_dir():
        raise InputError(f"{option} {path}: folder {path.parent} does not exist")
    return path


def matched_pairs(result) -> np.ndarray:
    """The matched set of each patient (1, 2, ...; 0 for the unmatched), to cluster on."""
    pair = np.zeros(len(result.weights), dtype=np.int64)
    frame = result.to_frame()
    pair[frame.treated_row.to_numpy()] = frame.subclass.to_numpy() + 1
    pair[frame.control_row.to_numpy()] = frame.subclass.to_numpy() + 1
    return pair


def write_weights(path: Path, rows: given.AnalysisRows, score: np.ndarray, weights: np.ndarray,
                  pair: np.ndarray | None, *, treatment: str) -> None:
    """The analysed patients with weight > 0 and their score, weight (and pair), whole or not at all.

    Patients with weight 0 (trimmed, unmatched) are left out: a weighted
    Cox model refuses weight 0, as R's coxph does.
    """
    from graftline.export import write_table

    kept = weights > 0
    frame = rows.frame.assign(propensity_score=score, weight=weights)
    if pair is not None:
        frame = frame.assign(pair=pair)
    write_table(frame[kept].reset_index(drop=True), path)
    dropped = int((~kept).sum())
    console.print(f"{int(kept.sum())} patients with their weights written to {path}"
                  + (f" ({dropped} with weight 0 left out)" if dropped else "")
                  + f"; e.g. graftline cox {path} --endpoint os --covariates {treatment} --weights weight"
                  + (" --cluster pair" if pair is not None else ""), highlight=False, soft_wrap=True)


def parse_days(times: str) -> np.ndarray:
    """``--times 100,365,730`` as days >= 0, each named when wrong."""
    parts = [part.strip() for part in times.split(",") if part.strip()]
    if not parts:
        raise InputError(f"--times {times!r}: give at least one day, e.g. --times 100,365,730")
    days = []
    for part in parts:
        try:
            day = float(part)
        except ValueError:
            raise InputError(f"--times {times!r}: {part!r} is not a number; expected comma-separated days, "
                             "e.g. 100,365") from None
        if not np.isfinite(day) or day < 0:
            raise InputError(f"--times {times!r}: {part} is not a day >= 0")
        days.append(day)
    return np.array(days)


def check_follow_up(days: np.ndarray, time: np.ndarray, arm, source: str, option: str = "--times") -> None:
    """Refuse days beyond an arm's last follow-up: the risk there would be extrapolated, not estimated."""
    import pandas as pd

    last = pd.Series(time).groupby(pd.Series(np.asarray(arm)).astype(str).to_numpy()).max().sort_values()
    for label, day in last.items():
        beyond = days[days > day]
        if beyond.size:
            raise InputError(
                f"{source}: {option} {', '.join(f'{d:g}' for d in beyond)} lies beyond the last follow-up of arm "
                f"{label} (day {day:g}); no patient of that arm is observed there, so the risk would be "
                "extrapolated, not estimated (riskRegression::ate reports NA). Choose days up to "
                f"{last.min():g}")


@app.command("adjusted-curves")
def adjusted_curves(
    table: Path = typer.Argument(..., help="CSV or Parquet, one row per patient: an endpoint table "
                                           "(with --endpoint) or any table (with --time/--event)."),
    endpoint: str | None = typer.Option(
        None, "--endpoint", help="Endpoint of an endpoint table (its NAME_day, NAME_status columns), e.g. os, "
                                 "relapse, nrm; status 2 (competing event) gives the cumulative incidence."),
    time: str | None = given.TIME,
    event: str | None = given.EVENT,
    treatment: str = TREATMENT,
    adjust: str = ADJUST,
    treated: str | None = TREATED,
    method: str = typer.Option(
        "gcomp", "--method",
        help="gcomp: G-computation from Cox models (cause-specific with competing events); iptw: inverse "
             "probability of treatment and censoring weights; aiptw: doubly robust (ATE only)."),
    estimand: str = typer.Option(
        DEFAULT_ESTIMAND, "--estimand",
        help="Population standardised to: ATE (the whole cohort), ATT (patients like the treated) or ATO "
             "(overlap: patients who could have had either arm); ATT and ATO with gcomp or iptw."),
    times: str = typer.Option("100,365,730", "--times",
                              help="Days at which to report the risks, comma-separated; up to each arm's last "
                                   "follow-up."),
    plot: Path | None = typer.Option(None, "--plot",
                                     help="Also draw the adjusted curves with 95 % bands to this .png, .svg or "
                                          ".pdf file."),
    tau: float | None = typer.Option(
        None, "--tau",
        help="Also the adjusted restricted mean up to this day: survival time (one event type) or time lost "
             "to the event (competing events), per arm and the difference, in days."),
    categorical: list[str] = CATEGORICAL,
) -> None:
    """Adjusted (standardised) risks by arm at chosen days, with difference and ratio, as riskRegression::ate.

    For each arm, the risk of the event by each day had every patient of the
    target population received that arm; then the risk difference (treated
    minus control) and ratio with 95 % Wald intervals and p-values. Standard
    errors include the estimation of every model. Patients with a missing
    arm or confounder are left out.
    """
    from graftline.stats import adjusted_risks
    from graftline.stats.adjusted.risks import BeyondFollowUpWarning

    if method not in ("gcomp", "iptw", "aiptw"):
        raise InputError(f"--method {method!r}: expected gcomp, iptw or aiptw")
    estimand = checked_estimand(estimand)
    if method == "aiptw" and estimand != "ATE":
        raise InputError(f"--estimand {estimand} with --method aiptw: AIPTW here standardises to the whole "
                         f"cohort (ATE) only; for the {estimand} use --method iptw or gcomp")
    if endpoint is None and time is None:
        raise InputError("adjusted-curves: give --endpoint NAME (an endpoint table) or --time COL --event COL")
    names = confounder_names(treatment, adjust)
    days = parse_days(times)
    figure_path(plot, "--plot")
    if endpoint is None and event is None:
        raise InputError("adjusted-curves: --time goes with --event COL (1 event, 2 competing event, 0 censored)")
    rows = given.read_rows(table, command="adjusted-curves", endpoint=endpoint, time=time, event=event,
                           competing=True, columns=[treatment, *names])
    rows, covariates = confounders(rows, treatment, names, categorical, models="each model")
    what = rows.label
    status = rows.status
    cause = 1 if (status == 2).any() else None
    check_follow_up(days, rows.time, rows.frame[treatment], rows.source)
    if tau is not None:
        if not np.isfinite(tau) or tau <= 0:
            raise InputError(f"--tau {tau:g}: expected a day > 0")
        check_follow_up(np.array([tau]), rows.time, rows.frame[treatment], rows.source, "--tau")

    def estimate(at):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", BeyondFollowUpWarning)  # check_follow_up refused such days
            return adjusted_risks(rows.time, status, rows.frame[treatment], covariates, times=at, method=method,
                                  variance="full", treated=treated, cause=cause, estimand=estimand)

    try:
        result = estimate(days)
        curves = estimate(np.linspace(0.0, float(days.max()), 60)) if plot is not None else None
        restricted = None
        if tau is not None:
            from graftline.stats import adjusted_restricted_mean

            restricted = adjusted_restricted_mean(rows.time, status, rows.frame[treatment], covariates, tau=tau,
                                                  method=method, variance="full", treated=treated, cause=cause,
                                                  estimand=estimand)
    except InputError as error:
        raise InputError(f"{rows.source}: {what}: {error}") from None
    import pandas as pd

    arm_codes = np.asarray(rows.frame[treatment]).astype(str)
    # The weighting estimators rest on each arm's own events (G-computation borrows the Cox model's
    # baseline hazard, so its risks are positive from the first event in either arm).
    for label in result.labels if result.method != "gcomp" else ():
        in_arm = arm_codes == str(label)
        first = rows.time[in_arm & (status == 1)].min(initial=np.inf)
        early = days[days < first]
        if early.size:
            say(f"arm {label} has no {what} event before day {first:g}: at day {' and '.join(f'{d:g}' for d in early)} "
                "its risk is 0 (or near it), so the ratio there is undefined and the difference's interval "
                "rests on the other arm alone", label="warning:", style="bold yellow")
    risks = result.to_frame()
    contrasts = pd.concat([result.difference().assign(contrast="difference"),
                           result.ratio().assign(contrast="ratio")], ignore_index=True)
    print_csv(risks)
    print()
    print_csv(contrasts[["contrast", "time", "estimate", "se", "lower", "upper", "p_value"]])
    if restricted is not None:
        print()
        print_csv(restricted.to_frame().assign(quantity=restricted.quantity))
    described = {"gcomp": "G-computation from Cox models", "iptw": "IPTW with censoring weights",
                 "aiptw": "augmented IPTW (doubly robust)"}[result.method]
    console.print(f"{described}; estimand {result.estimand}; risk of {what} by day "
                  f"({'cumulative incidence of cause 1, status 2 competing' if cause else '1 - survival'}), "
                  f"{result.labels[1]} vs {result.labels[0]}; influence-function standard errors including "
                  "the estimation of every model (riskRegression::ate, known.nuisance = FALSE)",
                  highlight=False, soft_wrap=True)
    if curves is not None:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        ax = curves.plot()
        ax.set_xlabel("days")
        ax.set_title(f"{what}: adjusted ({result.method}, {result.estimand})")
        save_figure(ax.figure, plot)
        plt.close(ax.figure)
        console.print(f"curves written to {plot}", highlight=False, soft_wrap=True)
