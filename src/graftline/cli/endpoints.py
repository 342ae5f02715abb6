"""``graftline endpoints`` and ``graftline explain``."""

from __future__ import annotations

from pathlib import Path

import typer

from graftline.cli.app import app, console
from graftline.errors import InputError


def _connect(db: str, source: str = "graftline", concepts: Path | None = None, cdm_schema: str | None = None):
    """Open a cohort store read-only (a DuckDB file, ``postgresql://``, ``sc://``, ``spark://local``).

    With ``source="omop"`` the store is an OMOP CDM, read through the
    concept sets as graftline's canonical tables (:class:`graftline.cohort.omop.source.OmopSource`).
    """
    from graftline.cohort import connect

    if source not in SOURCES:
        raise InputError(f"--source {source!r}: expected one of {', '.join(SOURCES)}")
    con = connect(db, read_only=True)
    if source == "graftline":
        return con
    from graftline.cohort.omop import load_concept_sets
    from graftline.cohort.omop.source import OmopSource

    return OmopSource(con, concepts=load_concept_sets(concepts), database=cdm_schema)


#: What --db holds: a graftline cohort store, or an OMOP CDM v5.4.
SOURCES = ("graftline", "omop")
SOURCE_HELP = "What --db holds: graftline (a cohort store) or omop (an OMOP CDM v5.4; docs/omop.md)."
CONCEPTS_HELP = "OMOP only: folder with your own concept-set CSVs (replacing the shipped files of the same name)."
SCHEMA_HELP = "OMOP only: schema (PostgreSQL) or database (Spark) of the CDM tables, if not the default."
DB_HELP = "Cohort store or CDM: DuckDB file, postgresql://, sc://HOST:PORT (Spark Connect) or spark://local[N]."


def _definitions(preset: str, options: list[str] | None):
    from graftline.endpoints import EndpointDefinitions

    return EndpointDefinitions.preset(preset).with_options(options or [])


@app.command()
def endpoints(
    db: str = typer.Option(..., "--db", help=DB_HELP),
    out: Path = typer.Option(..., "--out", help="Output file (one row per patient)."),
    format: str = typer.Option("csv", "--format", help="csv or parquet."),
    preset: str = typer.Option("cibmtr", "--preset", help="Definition preset: cibmtr or astct2021."),
    option: list[str] = typer.Option(None, "--option", help="Deviation from the preset, key=value (repeatable); see docs/endpoints.md."),
    source: str = typer.Option("graftline", "--source", help=SOURCE_HELP),
    concepts: Path = typer.Option(None, "--concepts", help=CONCEPTS_HELP),
    cdm_schema: str = typer.Option(None, "--cdm-schema", help=SCHEMA_HELP),
) -> None:
    """Derive every endpoint, one row per patient (docs/endpoints.md)."""
    from graftline.endpoints import endpoint_frame

    if format not in ("csv", "parquet"):
        raise InputError(f"--format {format!r}: expected csv or parquet")
    definitions = _definitions(preset, option)
    frame = endpoint_frame(_connect(db, source, concepts, cdm_schema), definitions)
    # Write next to the target first so a failure leaves an existing file as it was.
    partial = out.with_name(out.name + ".partial")
    if format == "csv":
        frame.to_csv(partial, index=False)
    else:
        frame.to_parquet(partial, index=False)
    partial.replace(out)
    console.print(f"{len(frame)} patients, {len(frame.columns)} columns -> {out} (preset {preset})")
    for name, base, value in definitions.deviations():
        console.print(f"  deviation from {preset}: {name} = {value!r} (preset {base!r})")


@app.command()
def explain(
    patient_id: str = typer.Argument(..., help="Patient identifier as in the cohort."),
    db: str = typer.Option(..., "--db", help=DB_HELP),
    endpoint: str = typer.Option(..., "--endpoint", help="Endpoint name, e.g. neutrophil_engraftment."),
    preset: str = typer.Option("cibmtr", "--preset", help="Definition preset."),
    option: list[str] = typer.Option(None, "--option", help="Deviation from the preset, key=value."),
    source: str = typer.Option("graftline", "--source", help=SOURCE_HELP),
    concepts: Path = typer.Option(None, "--concepts", help=CONCEPTS_HELP),
    cdm_schema: str = typer.Option(None, "--cdm-schema", help=SCHEMA_HELP),
) -> None:
    """Print the rule applied to one patient's endpoint and the source rows that decided it."""
    from graftline.endpoints import explain as explain_endpoint

    store = _connect(db, source, concepts, cdm_schema)
    explanation = explain_endpoint(store, patient_id, endpoint, _definitions(preset, option))
    typer.echo(explanation.render())
