"""``graftline endpoints`` and ``graftline explain``."""

from __future__ import annotations

from pathlib import Path

import typer

from graftline.cli.app import app, console
from graftline.errors import InputError


def _connect(db: str):
    """Open a cohort store read-only: a DuckDB file path, or a ``postgresql://`` URL."""
    from graftline.cohort import connect

    return connect(db, read_only=True)


def _definitions(preset: str, options: list[str] | None):
    from graftline.endpoints import EndpointDefinitions

    return EndpointDefinitions.preset(preset).with_options(options or [])


@app.command()
def endpoints(
    db: str = typer.Option(..., "--db", help="Cohort store: DuckDB file or postgresql:// URL."),
    out: Path = typer.Option(..., "--out", help="Output file (one row per patient)."),
    format: str = typer.Option("csv", "--format", help="csv, xlsx or parquet."),
    preset: str = typer.Option("cibmtr", "--preset", help="Definition preset: cibmtr or astct2021."),
    option: list[str] = typer.Option(None, "--option", help="Deviation from the preset, key=value (repeatable); see docs/endpoints.md."),
) -> None:
    """Derive every endpoint, one row per patient (docs/endpoints.md)."""
    from graftline.endpoints import endpoint_frame
    from graftline.export import write_csv, write_parquet, write_xlsx

    if format not in ("csv", "xlsx", "parquet"):
        raise InputError(f"--format {format!r}: expected csv, xlsx or parquet")
    definitions = _definitions(preset, option)
    frame = endpoint_frame(_connect(db), definitions)
    # Spreadsheet-safe, and written beside the target first so that a failure
    # leaves an existing file as it was (graftline.export).
    {"csv": write_csv, "xlsx": write_xlsx, "parquet": write_parquet}[format](frame, out)
    console.print(f"{len(frame)} patients, {len(frame.columns)} columns -> {out} (preset {preset})")
    for name, base, value in definitions.deviations():
        console.print(f"  deviation from {preset}: {name} = {value!r} (preset {base!r})")


@app.command()
def explain(
    patient_id: str = typer.Argument(..., help="Patient identifier as in the cohort."),
    db: str = typer.Option(..., "--db", help="Cohort store: DuckDB file or postgresql:// URL."),
    endpoint: str = typer.Option(..., "--endpoint", help="Endpoint name, e.g. neutrophil_engraftment."),
    preset: str = typer.Option("cibmtr", "--preset", help="Definition preset."),
    option: list[str] = typer.Option(None, "--option", help="Deviation from the preset, key=value."),
) -> None:
    """Print the rule applied to one patient's endpoint and the source rows that decided it."""
    from graftline.endpoints import explain as explain_endpoint

    explanation = explain_endpoint(_connect(db), patient_id, endpoint, _definitions(preset, option))
    typer.echo(explanation.render())
