"""``graftline endpoints`` and ``graftline explain``."""

from __future__ import annotations

from pathlib import Path

import typer

from graftline.cli.app import app, console
from graftline.errors import InputError

PRESET_HELP = "Definition preset: harmonized2024 (default), astct2021 or cibmtr (docs/endpoints.md)."


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


def _definitions(preset: str | None, options: list[str] | None):
    from graftline.endpoints import DEFAULT_PRESET, EndpointDefinitions

    return EndpointDefinitions.preset(preset or DEFAULT_PRESET).with_options(options or [])


def read_endpoint_table(path: Path, *, quiet_if_unknown: bool = False, what: str = "the endpoint table"):
    """Read an endpoint table for a statistics command and say which definitions it was derived with.

    The line goes to stderr (tables go to stdout). ``quiet_if_unknown``: say
    nothing for a file graftline did not write (``km``/``cox`` read any CSV).
    ``what`` names what the file should hold in the message when it cannot be read.
    """
    from graftline.endpoints import read_endpoint_table as read

    frame, stored = read(path, what=what)
    if stored.definitions is not None or not quiet_if_unknown or "does not match" in stored.note:
        console.print(stored.describe(), highlight=False, markup=False)
    return frame


@app.command()
def endpoints(
    db: str = typer.Option(..., "--db", help=DB_HELP),
    out: Path = typer.Option(..., "--out", help="Output file (one row per patient)."),
    format: str = typer.Option(None, "--format", help="csv, xlsx or parquet (default: by the --out suffix, else csv)."),
    preset: str = typer.Option("harmonized2024", "--preset", help=PRESET_HELP),
    option: list[str] = typer.Option(None, "--option", help="Deviation from the preset, key=value (repeatable); see docs/endpoints.md."),
    source: str = typer.Option("graftline", "--source", help=SOURCE_HELP),
    concepts: Path = typer.Option(None, "--concepts", help=CONCEPTS_HELP),
    cdm_schema: str = typer.Option(None, "--cdm-schema", help=SCHEMA_HELP),
) -> None:
    """Derive every endpoint, one row per patient (docs/endpoints.md).

    The definitions used are stored with the table (Parquet metadata, or
    OUT.definitions.json beside a CSV or XLSX) for the commands that read it later.
    """
    from graftline.endpoints import endpoint_frame, write_endpoint_table

    if format is not None and format not in ("csv", "xlsx", "parquet"):
        raise InputError(f"--format {format!r}: expected csv, xlsx or parquet")
    definitions = _definitions(preset, option)
    frame = endpoint_frame(_connect(db, source, concepts, cdm_schema), definitions)
    # Spreadsheet-safe, and written beside the target first so that a failure
    # leaves existing files as they were (graftline.export).
    written = write_endpoint_table(frame, out, definitions, format=format)
    console.print(f"{len(frame)} patients, {len(frame.columns)} columns -> {out} (preset {definitions.preset_name})", highlight=False)
    for name, base, value in definitions.deviations():
        console.print(f"  deviation from {definitions.preset_name}: {name} = {value!r} (preset {base!r})", highlight=False)
    if len(written) > 1:
        console.print(f"  definitions stored in {written[1]}", highlight=False)


@app.command()
def explain(
    patient_id: str = typer.Argument(..., help="Patient identifier as in the cohort."),
    db: str = typer.Option(..., "--db", help=DB_HELP),
    endpoint: str = typer.Option(..., "--endpoint", help="Endpoint name, e.g. neutrophil_engraftment."),
    endpoints_file: Path = typer.Option(
        None, "--endpoints", help="An endpoint table written by `graftline endpoints`: explain with the definitions it was derived with."
    ),
    preset: str = typer.Option(None, "--preset", help=PRESET_HELP),
    option: list[str] = typer.Option(None, "--option", help="Deviation from the preset, key=value."),
    source: str = typer.Option("graftline", "--source", help=SOURCE_HELP),
    concepts: Path = typer.Option(None, "--concepts", help=CONCEPTS_HELP),
    cdm_schema: str = typer.Option(None, "--cdm-schema", help=SCHEMA_HELP),
) -> None:
    """Print the rule applied to one patient's endpoint and the source rows that decided it."""
    from graftline.endpoints import explain as explain_endpoint
    from graftline.endpoints import read_endpoint_definitions

    if endpoints_file is not None:
        if preset or option:
            raise InputError("--endpoints FILE brings its own definitions; give it without --preset/--option")
        if not endpoints_file.exists():
            raise InputError(f"--endpoints {endpoints_file}: no such file")
        stored = read_endpoint_definitions(endpoints_file)
        if stored.definitions is None:
            raise InputError(f"--endpoints {endpoints_file}: {stored.describe()}; give --preset (and --option) instead")
        definitions = stored.definitions
    else:
        definitions = _definitions(preset, option)
    explanation = explain_endpoint(_connect(db, source, concepts, cdm_schema), patient_id, endpoint, definitions)
    typer.echo(explanation.render())
