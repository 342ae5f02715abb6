"""``graftline report`` and ``graftline demo``."""

from __future__ import annotations

import shutil
import time
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import typer

from graftline.cli.app import app, console, say
from graftline.credentials import is_url
from graftline.errors import InputError

#: The demo's virtual trial: chemotherapy alone, MST, allo-HSCT (PBSC) with MSC co-infusion.
DEMO_ARMS = ("chemo", "mst", "allo_pbsc_msc")
DEMO_PATIENTS_PER_ARM = 500
DEMO_SEED = 20110936  # fixed: the demo gives the same report every time
REPORT_STEPS = 7  # calls of build_report's progress callback
#: Hazard ratios of the demo are adjusted for disease risk against the favourable group (not R's
#: alphabetical default, "adverse").
DEMO_REFERENCE = {"disease_risk": "favorable"}


@contextmanager
def _progress():
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(bar_width=24),
                  TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
                  console=console, transient=False) as progress:
        yield progress


def _report_task(progress, description: str):
    task = progress.add_task(description, total=REPORT_STEPS)
    started = []

    def step(name: str) -> None:
        # Called when a step starts: the steps before it are done.
        progress.update(task, completed=len(started), description=f"{description}: {name}")
        started.append(name)

    return task, step


def _definitions(preset: str | None, options: list[str] | None):
    from graftline.endpoints import DEFAULT_PRESET, EndpointDefinitions

    return EndpointDefinitions.preset(preset or DEFAULT_PRESET).with_options(options or [])


def _adjust(text: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (text or "").split(",") if part.strip())


@app.command()
def report(
    out: Path = typer.Option(..., "--out", help="Folder for index.html, figures/ and tables/."),
    db: str = typer.Option(None, "--db", help="Cohort store or OMOP CDM: DuckDB file, postgresql://, sc:// or spark://local."),
    endpoints: Path = typer.Option(None, "--endpoints",
                                   help="Start from an endpoint table (.csv or .parquet) instead of deriving it."),
    adjust: str = typer.Option(None, "--adjust", help="Covariates for the hazard ratios, e.g. age,disease_risk."),
    adjust_method: str = typer.Option(None, "--adjust-method",
                                      help="Adjusted comparison with balance and adjusted curves: iptw, gcomp or aiptw."),
    adjust_estimand: str = typer.Option(
        "ATE", "--adjust-estimand",
        help="Population of the adjusted comparison: ATE (whole cohort), ATT (patients given the compared arm) "
             "or ATO (overlap weights); ATT/ATO with --adjust-method iptw or gcomp."),
    include_ids: bool = typer.Option(False, "--include-ids", help="Show patient identifiers (off by default)."),
    preset: str = typer.Option(None, "--preset", help="Endpoint definition preset: harmonized2024 (default), astct2021 or cibmtr."),
    option: list[str] = typer.Option(None, "--option", help="Deviation from the preset, key=value (repeatable)."),
    reference: list[str] = typer.Option(
        [], "--reference",
        help="Reference level, COL=LEVEL: arm=NAME for the arm compared against, or a categorical --adjust "
             "column (R's relevel()); repeatable."),
    simulated: bool | None = typer.Option(
        None, "--simulated/--not-simulated",
        help="Say the data are simulated (banner, title, Methods); default: decided from the patient ids "
             "that graftline simulate gives (SIM000001, ...)."),
    literature: list[Path] = typer.Option(
        [], "--literature",
        help="Extraction sheet (CSV, docs/extraction-sheet.md): pool its studies and set this cohort against "
             "them (forest plot with the cohort's row and the 95% prediction interval); repeatable."),
    literature_arm: str | None = typer.Option(
        None, "--literature-arm", help="Arm of the sheet to pool (default: msc where the sheet has it)."),
    cohort_arm: str | None = typer.Option(
        None, "--cohort-arm", help="Arm of the cohort set against the literature (default: MSC recipients, "
                                   "else every patient)."),
    source: str = typer.Option("graftline", "--source", help="What --db holds: graftline (a cohort store) or omop (an OMOP CDM v5.4)."),
    concepts: Path = typer.Option(None, "--concepts", help="OMOP only: folder with your own concept-set CSVs."),
    cdm_schema: str = typer.Option(None, "--cdm-schema", help="OMOP only: schema or Spark database of the CDM tables."),
) -> None:
    """Write the self-contained HTML analysis of a cohort (docs/report.md)."""
    from graftline.cli._analysis_input import parse_reference
    from graftline.cli.endpoints import _connect
    from graftline.report import build_report

    if db is None and endpoints is None:
        raise InputError("give --db cohort.duckdb (a cohort store) or --endpoints FILE (an endpoint table)")
    if db is not None and not is_url(str(db)) and not Path(db).exists():
        raise InputError(f"--db {db}: no such cohort store; create it with `graftline ingest DIR --db {db}`")
    if endpoints is not None and (preset or option):
        raise InputError("--endpoints FILE brings the definitions it was derived with; give it without --preset/--option")
    for sheet in literature:
        if not sheet.is_file():
            raise InputError(f"--literature {sheet}: no such file; expected an extraction sheet (CSV)")
    if source != "graftline" and db is not None:
        # An OMOP CDM is read through its views; the report reads them like a store.
        db = _connect(db, source, concepts, cdm_schema)
    store = db
    source = endpoints if endpoints is not None else db
    started = time.perf_counter()
    with _progress() as progress:
        task, step = _report_task(progress, "report")
        # An endpoint file brings its own definitions (stored with it by `graftline endpoints`).
        definitions = None if endpoints is not None else _definitions(preset, option)
        result = build_report(source, out, adjust=_adjust(adjust), adjust_method=adjust_method,
                              adjust_estimand=adjust_estimand, include_ids=include_ids,
                              definitions=definitions, store=store if endpoints else None,
                              progress=step, reference=parse_reference(reference), simulated=simulated,
                              literature=literature, literature_arm=literature_arm, cohort_arm=cohort_arm)
        progress.update(task, completed=REPORT_STEPS, description="report")
    _summary(result, time.perf_counter() - started)
    if definitions is not None:
        console.print(f"  endpoint definitions: {definitions.summary()}", highlight=False)
    else:
        from graftline.endpoints import read_endpoint_definitions

        console.print(f"  {read_endpoint_definitions(endpoints).describe()}", highlight=False)


def _summary(result, seconds: float) -> None:
    console.print(f"report: {result.index.resolve()}  ({len(result.figures)} figures, "
                  f"{len(result.tables)} tables, {seconds:.1f} s)", highlight=False)
    if len(result.not_estimated):
        console.print(f"  {len(result.not_estimated)} item(s) could not be estimated; reasons in the report "
                      "and in tables/not_estimated.csv", highlight=False)


@app.command()
def demo(
    out: Path = typer.Option(Path("demo"), "--out", help="Folder for the demo (replaced if it exists)."),
    n: int = typer.Option(DEMO_PATIENTS_PER_ARM, "--n", help="Virtual patients per arm."),
    seed: int = typer.Option(DEMO_SEED, "--seed", help="Seed of the simulation."),
) -> None:
    """Simulate a three-arm trial, ingest it, derive endpoints and write the report."""
    import pandas as pd

    from graftline.cohort import connect, ingest
    from graftline.endpoints import EndpointDefinitions, endpoint_frame, write_endpoint_table
    from graftline.export import staged_folder
    from graftline.report import build_report

    if n < 1:
        raise InputError(f"--n {n}: expected at least 1 patient per arm")
    started = time.perf_counter()
    # Built in a hidden folder beside --out and moved there when complete:
    # an interrupted demo leaves an earlier one as it was.
    with _progress() as progress, staged_folder(out) as folder:
        cohort_dir, db, report_dir = folder / "cohort", folder / "cohort.duckdb", folder / "report"
        cohort_dir.mkdir()
        task = progress.add_task(f"simulate {len(DEMO_ARMS)} arms x {n} patients (seed {seed})", total=1)
        tables = _simulate(n, seed)
        for name, frame in tables.items():
            frame.to_parquet(cohort_dir / f"{name}.parquet", index=False)
        progress.update(task, completed=1)

        task = progress.add_task(f"ingest into {db}", total=1)
        ingest(cohort_dir, db)
        progress.update(task, completed=1)

        definitions = EndpointDefinitions.preset()
        task = progress.add_task(f"derive endpoints ({definitions.preset_name} preset)", total=1)
        con = connect(str(db), read_only=True)
        frame: pd.DataFrame = endpoint_frame(con, definitions)
        write_endpoint_table(frame, folder / "endpoints.csv", definitions)
        progress.update(task, completed=1)

        task, step = _report_task(progress, "report")
        result = build_report(frame, report_dir, adjust=("age", "disease_risk"), definitions=definitions,
                              store=con, progress=step, reference=DEMO_REFERENCE, simulated=True,
                              literature=_demo_sheets())
        progress.update(task, completed=REPORT_STEPS, description="report")
        con.disconnect()
        # The demo replaces an earlier one: its parts go before the new ones move in.
        for stale in (out / "cohort", out / "report"):
            if stale.is_dir():
                shutil.rmtree(stale)
        (out / "cohort.duckdb").unlink(missing_ok=True)
    result = replace(result, index=out / "report" / "index.html")
    _summary(result, time.perf_counter() - started)
    say(f"Open {result.index.resolve()} in a browser.", style="bold")


def _demo_sheets() -> list[Path]:
    """The example extraction sheets shipped in examples/meta (published studies, and invented ones
    labelled as such), when graftline runs from its source tree."""
    root = Path(__file__).resolve().parents[3] / "examples" / "meta"
    names = ("msc_cotransplantation_sourced.csv", "msc_engraftment_illustrative.csv")
    return [root / name for name in names if (root / name).is_file()]


def _simulate(n: int, seed: int) -> dict:
    from graftline.simulate import simulate_cohort

    return simulate_cohort(list(DEMO_ARMS), n=n, seed=seed)
