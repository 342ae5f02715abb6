"""``graftline balance``: covariate balance of two arms before and after adjustment.

Tables go to stdout as CSV; sample sizes and notes go to stderr. The CSV
is spreadsheet-safe and a figure appears whole or not at all
(:mod:`graftline.export`): arm and covariate names come from users' files.
"""

from __future__ import annotations

from pathlib import Path

import typer

from graftline.cli.app import app, console
from graftline.errors import InputError
from graftline.export import print_csv, replaced

TREATMENT = typer.Option(..., "--treatment", help="Column with the two arms compared (e.g. arm).")
ADJUST = typer.Option(..., "--adjust", help="Confounders, comma-separated, e.g. age,disease_risk.")
TREATED = typer.Option(None, "--treated", help="The treated arm's label (default: R's second level).")
CATEGORICAL = typer.Option([], "--categorical", "-c",
                           help="Confounder with numeric codes to treat as categories; repeatable.")


def figure_path(path: Path | None, option: str) -> Path | None:
    """``path`` checked before any work: a .png, .svg or .pdf file in an existing folder."""
    if path is None:
        return None
    if path.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise InputError(f"{option} {path}: expected a .png, .svg or .pdf file name")
    if not path.parent.is_dir():
        raise InputError(f"{option} {path}: folder {path.parent} does not exist")
    return path


def save_figure(figure, path: Path) -> None:
    """Write ``figure`` to ``path`` whole, or not at all (an existing file stays as it was on failure)."""
    with replaced(path) as partial:
        figure.savefig(partial, format=path.suffix.lower().lstrip("."), dpi=150, bbox_inches="tight")


def read_two_arms(table: Path, treatment: str, adjust: str, categorical: list[str]):
    """The rows of ``table`` with every needed column complete, and the covariate frame."""
    import pandas as pd

    from graftline.cli.endpoints import read_endpoint_table

    if not table.exists():
        raise InputError(f"{table}: no such file")
    frame = read_endpoint_table(table, quiet_if_unknown=True)
    names = [c.strip() for c in adjust.split(",") if c.strip()]
    if not names:
        raise InputError("--adjust: name at least one confounder, e.g. --adjust age,disease_risk")
    missing = [c for c in [treatment, *names, *categorical] if c not in frame.columns]
    if missing:
        raise InputError(f"{table.name}: no column {missing}; the file has {list(frame.columns)}")
    complete = frame[[treatment, *names]].notna().all(axis=1)
    if not complete.all():
        console.print(f"{int((~complete).sum())} patient(s) with a missing {treatment} or confounder left out "
                      "(complete-case analysis)", highlight=False, soft_wrap=True)
        frame = frame[complete].reset_index(drop=True)
    covariates = frame[names].copy()
    for column in categorical:
        if column in covariates:
            covariates[column] = pd.Categorical(covariates[column])
    return frame, covariates


@app.command()
def balance(
    table: Path = typer.Argument(..., help="CSV or Parquet, one row per patient (e.g. an endpoint table)."),
    treatment: str = TREATMENT,
    adjust: str = ADJUST,
    treated: str | None = TREATED,
    method: str = typer.Option("iptw", "--method", help="iptw (weighting) or match (nearest neighbour)."),
    estimand: str = typer.Option("ATE", "--estimand", help="IPTW target: ATE, ATT or ATO (overlap)."),
    stabilize: bool = typer.Option(False, "--stabilize", help="Stabilised weights."),
    trim: float | None = typer.Option(None, "--trim", help="Drop patients with a score outside [t, 1-t]."),
    truncate: float | None = typer.Option(None, "--truncate", help="Cap weights at this quantile, e.g. 0.99."),
    caliper: float = typer.Option(0.2, "--caliper", help="Matching caliper in SDs of the score logit."),
    sd_denominator: str = typer.Option("pooled", "--sd", help="SMD denominator: pooled, treated or control."),
    love_plot: Path | None = typer.Option(None, "--love-plot", help="Write the Love plot to this PNG file."),
    categorical: list[str] = CATEGORICAL,
) -> None:
    """Balance table (SMD, variance ratio) before and after IPTW or matching, as MatchIt/cobalt."""
    from graftline.stats import balance_table, match_nearest, propensity_scores

    figure_path(love_plot, "--love-plot")
    frame, covariates = read_two_arms(table, treatment, adjust, categorical)
    try:
        if method == "iptw":
            model = propensity_scores(frame[treatment], covariates, treated=treated)
            weights = model.weights(estimand=estimand, stabilize=stabilize, trim=trim, truncate=truncate)
            how = f"IPTW ({estimand.upper()}{', stabilised' if stabilize else ''})"
        elif method == "match":
            result = match_nearest(frame[treatment], covariates, caliper=caliper, treated=treated)
            weights = result.weights
            how = (f"1:1 nearest-neighbour matching on the score logit, caliper {caliper} SD: "
                   f"{result.n_matched_treated} of {int(result.model.treated.sum())} treated matched")
        else:
            raise InputError(f"--method {method!r}: expected iptw or match")
        result_table = balance_table(frame[treatment], covariates, weights, treated=treated,
                                     sd_denominator=sd_denominator)
    except InputError as error:
        raise InputError(f"{table.name}: {error}") from None
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


@app.command("adjusted-curves")
def adjusted_curves(
    table: Path = typer.Argument(..., help="Endpoint table (CSV or Parquet) with <E>_day and <E>_status."),
    endpoint: str = typer.Option(..., "--endpoint", help="Endpoint, e.g. os, relapse, nrm (2 = competing event)."),
    treatment: str = TREATMENT,
    adjust: str = ADJUST,
    treated: str | None = TREATED,
    method: str = typer.Option("gcomp", "--method", help="gcomp, iptw or aiptw."),
    estimand: str = typer.Option("ATE", "--estimand",
                                 help="ATE (whole cohort), ATT (the treated) or ATO (overlap); ATT/ATO with iptw or gcomp."),
    times: str = typer.Option("100,365,730", "--times", help="Comma-separated days."),
    plot: Path | None = typer.Option(None, "--plot", help="Write the adjusted curves to this PNG file."),
    categorical: list[str] = CATEGORICAL,
) -> None:
    """Standardised risks by arm at chosen days, with difference and ratio, as riskRegression::ate."""
    import numpy as np
    import pandas as pd

    from graftline.stats import adjusted_risks, from_endpoints

    figure_path(plot, "--plot")
    frame, covariates = read_two_arms(table, treatment, adjust, categorical)
    try:
        days = np.array([float(d) for d in times.split(",") if d.strip()])
    except ValueError:
        raise InputError(f"--times {times!r}: expected comma-separated days, e.g. 100,365") from None
    try:
        time, status = from_endpoints(frame, endpoint)
        result = adjusted_risks(time, status, frame[treatment], covariates, times=days, method=method,
                                variance="full", treated=treated, cause=1 if (status == 2).any() else None,
                                estimand=estimand)
    except InputError as error:
        raise InputError(f"{table.name}: {error}") from None
    risks = result.to_frame()
    contrasts = pd.concat([result.difference().assign(contrast="difference"),
                           result.ratio().assign(contrast="ratio")], ignore_index=True)
    print_csv(risks)
    print()
    print_csv(contrasts[["contrast", "time", "estimate", "se", "lower", "upper", "p_value"]])
    what = {"gcomp": "G-computation from Cox models", "iptw": "IPTW with censoring weights",
            "aiptw": "augmented IPTW (doubly robust)"}.get(method, method)
    console.print(f"{what}; estimand {result.estimand}; risk of {endpoint} by day, {result.labels[1]} vs "
                  f"{result.labels[0]}, influence-function standard errors including the estimation of every "
                  f"model (riskRegression::ate, known.nuisance = FALSE)",
                  highlight=False, soft_wrap=True)
    if plot is not None:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        grid = np.linspace(0.0, float(days.max()), 60)
        curves = adjusted_risks(time, status, frame[treatment], covariates, times=grid, method=method,
                                variance="full", treated=treated,
                                cause=1 if (status == 2).any() else None, estimand=estimand)
        ax = curves.plot()
        ax.set_xlabel("days")
        ax.set_title(f"{endpoint}: adjusted ({method})")
        save_figure(ax.figure, plot)
        plt.close(ax.figure)
        console.print(f"curves written to {plot}", highlight=False, soft_wrap=True)
