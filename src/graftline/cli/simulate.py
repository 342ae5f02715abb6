"""``graftline simulate``, ``graftline predict``, ``graftline power``."""

from __future__ import annotations

from pathlib import Path

import typer

from graftline.cli.app import app, console
from graftline.credentials import is_url, mask_url
from graftline.errors import InputError


@app.command()
def simulate(
    arm: list[str] = typer.Option(..., "--arm", help="Arm to simulate (repeat): chemo, mst, allo_pbsc, allo_bm, allo_cord, allo_bm_msc, allo_pbsc_msc, allo_cord_msc."),
    n: int = typer.Option(..., "--n", help="Patients per arm."),
    seed: int = typer.Option(..., "--seed", help="Random seed; the same seed writes the same bytes."),
    out: str = typer.Option(..., "--out", help="Output directory (CSV per table) or a .duckdb file."),
    horizon: int = typer.Option(100, "--horizon", help="Last day of simulated blood counts."),
) -> None:
    """Simulate a randomised cohort and write it as the canonical cohort tables."""
    from graftline.simulate import simulate_cohort
    from graftline.simulate.store import write_cohort
    from graftline.simulate.tables import check_request

    if is_url(out):
        raise InputError(f"--out {mask_url(out)}: simulate writes a folder of CSV files or a .duckdb file, "
                         "not into a database server")
    check_request(arm, n)
    with console.status(f"simulating {n} patients per arm x {len(arm)} arms"):
        tables = simulate_cohort(arm, n, seed, horizon=horizon)
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
    replicates: int = typer.Option(2000, "--replicates", help="Virtual replicates of the patient."),
    seed: int = typer.Option(0, "--seed"),
    plot: Path = typer.Option(None, "--plot", help="Write a PNG of expected counts over time."),
) -> None:
    """Predicted neutrophil and platelet engraftment day for one treatment plan."""
    from rich.table import Table

    from graftline.simulate import custom_arm
    from graftline.simulate.predict import predict_engraftment

    if graft_source is None:
        graft_source = {"mst": "pbsc", "chemo": "none"}.get(modality, "")
        if not graft_source:
            raise InputError("--graft-source is required for allo_hsct (pbsc, bm or cord)")
    plan = custom_arm(modality=modality, graft_source=graft_source, cd34_per_kg=cd34_per_kg,
                      msc=msc, conditioning=conditioning)
    prediction = predict_engraftment(plan, replicates=replicates, seed=seed)
    table = Table(title=f"Predicted engraftment ({replicates} virtual replicates)")
    for column in ("endpoint", "median day", "80 % interval", "engrafted by day 100"):
        table.add_column(column)
    for row in prediction.to_frame().itertuples():
        table.add_row(row.endpoint, f"{row.median:.0f}", f"{row.lower:.0f}-{row.upper:.0f}", f"{row.engrafted_pct:.1f} %")
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
) -> None:
    """Power of a two-arm trial by simulating and analysing whole trials."""
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
        result = trial_power(arm, endpoint, n, trials=trials, seed=seed, alpha=alpha,
                             progress=lambda done: bar.advance(task, done))
    test = "Gray's test" if result.test == "gray" else "log-rank test"
    table = Table(title=f"Power: {' vs '.join(result.arms)}, {endpoint} ({test}, alpha {alpha})")
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
