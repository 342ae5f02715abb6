"""``graftline simulate``, ``graftline predict``, ``graftline power``."""

from __future__ import annotations

from pathlib import Path

import typer

from graftline.cli.app import app, console
from graftline.credentials import is_url, mask_url
from graftline.errors import InputError

_REGIMEN_HELP = ("Chemotherapy of the first cycle for chemo and MST arms: 7+3, guo2011, hidac, idac, or a protocol "
                 "line such as 'cytarabine 100 mg/m2 ci d1-7 + daunorubicin 60 mg/m2 d1-3'.")
_CYCLES_HELP = "Treatment cycles of chemo and MST arms (MST: donor cells every cycle)."
_CONSOLIDATION_HELP = "Regimen of cycles 2, 3, ... (default idac)."
_GCSF_HELP = "G-CSF after every cycle of chemo and MST arms, from day +1 until ANC >= 1.0 twice."
_INTERVAL_HELP = "Days between the cell-infusion days of successive cycles (default 35)."
_FIXED_HELP = ("Use the calibration's point values (posterior mode) instead of integrating over the shipped "
               "posterior draws.")


def _with_plan(arms, *, regimen, cycles, consolidation, gcsf, interval_days):
    """The arms with the chemotherapy options applied to every chemo and MST arm."""
    from dataclasses import replace

    from graftline.errors import InputError
    from graftline.simulate.arms import resolve_arm

    resolved = [resolve_arm(a) for a in arms]
    changes = {k: v for k, v in (("regimen", regimen), ("cycles", cycles), ("consolidation", consolidation),
                                 ("interval_days", interval_days)) if v is not None}
    if gcsf:
        changes["gcsf"] = True
    if not changes:
        return resolved
    if not any(a.modality in ("chemo", "mst") for a in resolved):
        raise InputError("--regimen, --cycles, --consolidation, --gcsf and --interval-days apply to chemo and MST "
                         "arms; none was given")
    return [replace(a, **changes) if a.modality in ("chemo", "mst") else a for a in resolved]


@app.command()
def simulate(
    arm: list[str] = typer.Option(..., "--arm", help="Arm to simulate (repeat): chemo, mst, chemo_cycles, mst_cycles, allo_pbsc, allo_bm, allo_cord, allo_bm_msc, allo_pbsc_msc, allo_cord_msc."),
    n: int = typer.Option(..., "--n", help="Patients per arm."),
    seed: int = typer.Option(..., "--seed", help="Random seed; the same seed writes the same bytes."),
    out: str = typer.Option(..., "--out", help="Output directory (CSV per table) or a .duckdb file."),
    horizon: int = typer.Option(100, "--horizon", help="Last day of simulated blood counts."),
    regimen: str = typer.Option(None, "--regimen", help=_REGIMEN_HELP),
    cycles: int = typer.Option(None, "--cycles", help=_CYCLES_HELP),
    consolidation: str = typer.Option(None, "--consolidation", help=_CONSOLIDATION_HELP),
    gcsf: bool = typer.Option(False, "--gcsf", help=_GCSF_HELP),
    interval_days: int = typer.Option(None, "--interval-days", help=_INTERVAL_HELP),
) -> None:
    """Simulate a randomised cohort and write it as the canonical cohort tables."""
    from graftline.simulate import simulate_cohort
    from graftline.simulate.store import write_cohort
    from graftline.simulate.tables import check_request

    if is_url(out):
        raise InputError(f"--out {mask_url(out)}: simulate writes a folder of CSV files or a .duckdb file, "
                         "not into a database server")
    check_request(arm, n)
    arms = _with_plan(arm, regimen=regimen, cycles=cycles, consolidation=consolidation, gcsf=gcsf,
                      interval_days=interval_days)
    with console.status(f"simulating {n} patients per arm x {len(arm)} arms"):
        tables = simulate_cohort(arms, n, seed, horizon=horizon)
        path = write_cohort(tables, out)
    rows = ", ".join(f"{name} {len(frame)}" for name, frame in tables.items())
    console.print(f"wrote {path}: {rows}", highlight=False)


@app.command()
def predict(
    modality: str = typer.Option(..., "--modality", help="allo_hsct, mst or chemo."),
    graft_source: str = typer.Option(None, "--graft-source", help="pbsc, bm or cord (allo_hsct); pbsc for mst."),
    cd34_per_kg: float = typer.Option(0.0, "--cd34-per-kg", help="CD34+ cells/kg, e.g. 4e6."),
    msc: bool = typer.Option(False, "--msc", help="MSC co-infusion."),
    conditioning: str = typer.Option(None, "--conditioning", help="mac or ric for allo_hsct (default mac)."),
    regimen: str = typer.Option("guo2011", "--regimen", help=_REGIMEN_HELP),
    cycles: int = typer.Option(1, "--cycles", help=_CYCLES_HELP),
    consolidation: str = typer.Option("idac", "--consolidation", help=_CONSOLIDATION_HELP),
    gcsf: bool = typer.Option(False, "--gcsf", help=_GCSF_HELP),
    replicates: int = typer.Option(2000, "--replicates", help="Virtual replicates of the patient."),
    seed: int = typer.Option(0, "--seed"),
    fixed_parameters: bool = typer.Option(False, "--fixed-parameters", help=_FIXED_HELP),
    plot: Path = typer.Option(None, "--plot", help="Write a PNG of expected counts over time."),
) -> None:
    """Predicted neutrophil and platelet engraftment day for one treatment plan.

    The 80 % interval is for one patient (between-patient variability and, unless
    --fixed-parameters, the calibration's uncertainty); the 95 % interval is that
    of the population median (calibration uncertainty only).
    """
    from rich.table import Table

    from graftline.simulate import custom_arm
    from graftline.simulate.predict import predict_engraftment

    if graft_source is None:
        graft_source = {"mst": "pbsc", "chemo": "none"}.get(modality, "")
        if not graft_source:
            raise InputError("--graft-source is required for allo_hsct (pbsc, bm or cord)")
    plan = custom_arm(modality=modality, graft_source=graft_source, cd34_per_kg=cd34_per_kg,
                      msc=msc, conditioning=conditioning, regimen=regimen, cycles=cycles,
                      consolidation=consolidation, gcsf=gcsf)
    prediction = predict_engraftment(plan, replicates=replicates, seed=seed,
                                     parameter_uncertainty=not fixed_parameters)
    what = "point values" if fixed_parameters else "over the calibration's posterior"
    table = Table(title=f"Predicted engraftment ({replicates} virtual replicates, {what})")
    columns = ["endpoint", "median day", "80 % interval (patient)"]
    columns += [] if fixed_parameters else ["95 % interval (median)"]
    for column in columns + ["engrafted by day 100"]:
        table.add_column(column)
    for row in prediction.to_frame().itertuples():
        cells = [row.endpoint, f"{row.median:.0f}", f"{row.lower:.0f}-{row.upper:.0f}"]
        cells += [] if fixed_parameters else [f"{row.median_lower:.1f}-{row.median_upper:.1f}"]
        table.add_row(*cells, f"{row.engrafted_pct:.1f} %")
    console.print(table)
    if plot is not None:
        import matplotlib.pyplot as plt

        from graftline.export import replaced

        kind = plot.suffix.lower().lstrip(".")
        if kind not in ("png", "svg", "pdf"):
            raise InputError(f"--plot {plot}: expected a .png, .svg or .pdf file name")
        figure = prediction.plot()
        with replaced(plot) as partial:  # whole, or not at all
            figure.savefig(partial, dpi=120, format=kind)
        plt.close(figure)
        console.print(f"wrote {plot}", highlight=False)


@app.command()
def power(
    arm: list[str] = typer.Option(..., "--arm", help="The two arms to compare (give --arm twice)."),
    endpoint: str = typer.Option("platelet_engraftment", "--endpoint", help="neutrophil_engraftment, platelet_engraftment (Gray's test) or os (log-rank)."),
    n: list[int] = typer.Option(..., "--n", help="Patients per arm (repeat for several sizes)."),
    trials: int = typer.Option(1000, "--trials", help="Simulated trials per sample size."),
    alpha: float = typer.Option(0.05, "--alpha", help="Two-sided significance level."),
    seed: int = typer.Option(0, "--seed"),
    regimen: str = typer.Option(None, "--regimen", help=_REGIMEN_HELP),
    cycles: int = typer.Option(None, "--cycles", help=_CYCLES_HELP),
    consolidation: str = typer.Option(None, "--consolidation", help=_CONSOLIDATION_HELP),
    gcsf: bool = typer.Option(False, "--gcsf", help=_GCSF_HELP),
    interval_days: int = typer.Option(None, "--interval-days", help=_INTERVAL_HELP),
    fixed_parameters: bool = typer.Option(False, "--fixed-parameters", help=_FIXED_HELP),
) -> None:
    """Power of a two-arm trial by simulating and analysing whole trials.

    Unless --fixed-parameters, each trial runs under its own draw of the
    calibration's posterior: the power is averaged over the model's uncertainty.
    """
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.table import Table

    from graftline.simulate.power import trial_power

    with Progress(
        TextColumn("[bold]simulating trials"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.percentage:>3.0f}%"), TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
        console=console,
    ) as bar:
        task = bar.add_task("trials", total=trials * len(n))
        arms = _with_plan(arm, regimen=regimen, cycles=cycles, consolidation=consolidation, gcsf=gcsf,
                          interval_days=interval_days)
        result = trial_power(arms, endpoint, n, trials=trials, seed=seed, alpha=alpha,
                             progress=lambda done: bar.advance(task, done),
                             parameter_uncertainty=not fixed_parameters)
    test = "Gray's test" if result.test == "gray" else "log-rank test"
    what = "point values" if fixed_parameters else "averaged over the calibration's posterior"
    table = Table(title=f"Power: {' vs '.join(result.arms)}, {endpoint} ({test}, alpha {alpha}; {what})")
    for column in ("n per arm", "trials", "power", "95 % Wilson", "95 % Clopper-Pearson", "log-rank fallbacks"):
        table.add_column(column)
    for row in result.to_frame().itertuples():
        table.add_row(
            str(row.n_per_arm), str(row.trials), f"{row.power:.3f}",
            f"{row.wilson_low:.3f}-{row.wilson_high:.3f}",
            f"{row.clopper_pearson_low:.3f}-{row.clopper_pearson_high:.3f}",
            str(row.logrank_fallbacks),
        )
    console.print(table)
    if result.test == "gray" and any(result.logrank_fallbacks):
        console.print("log-rank fallbacks: trials where Gray's test is undefined (an arm with no censoring); "
                      "see docs/simulator.md", highlight=False)
