"""``graftline validate`` and ``graftline ingest``: cohort files (or a REDCap export) in, located problems out."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from graftline.cli.app import app, console, say
from graftline.credentials import is_url, mask_url
from graftline.errors import InputError


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


def _checks() -> tuple:
    """The endpoint rules' consistency checks (graftline.endpoints.checks), default preset."""
    from graftline.endpoints.checks import consistency_problems

    return (lambda con, files: consistency_problems(con, files=files),)


def _print_report(report, output: OutputFormat) -> None:
    if output is OutputFormat.json:
        # Data on stdout, so that `graftline validate DIR --format json > problems.json` works.
        typer.echo(report.to_json())
        return
    from rich.table import Table
    from rich.text import Text

    if report.problems and not console.is_terminal:
        # Logs and pipes get one greppable line per problem.
        console.print(f"{report.directory}: {report.summary()}", highlight=False, markup=False)
        for problem in report.problems:
            console.print(f"{problem.severity}: {problem}", highlight=False, markup=False, soft_wrap=True)
    elif report.problems:
        table = Table(title=f"{report.directory}: {report.summary()}", title_justify="left", expand=True)
        # Cells are Text: values from the user's files are shown as written.
        table.add_column("where", ratio=3, overflow="fold")
        table.add_column("value", ratio=2, overflow="fold")
        table.add_column("problem", ratio=5, overflow="fold")
        table.add_column("expected", ratio=4, overflow="fold")
        for p in report.problems:
            style = "red" if p.severity == "error" else "yellow"
            table.add_row(
                Text(p.location, style=style), "" if p.value is None else p.value,
                p.message if p.severity == "error" else f"(warning) {p.message}", p.expected,
            )
        console.print(table)
    else:
        say(f"{report.directory}: {report.summary()}", style="green")


def store_file(db: str) -> Path:
    """The DuckDB file ingest writes; a URL is refused before it is taken for a path."""
    if is_url(db) and not db.startswith("duckdb://"):
        raise InputError(
            f"--db {mask_url(db)}: ingest writes a DuckDB file, not into a database server; give a file "
            "such as --db cohort.duckdb (endpoints and report read PostgreSQL by URL; "
            "graftline.cohort.store_tables writes clean tables into it)"
        )
    return Path(db.removeprefix("duckdb://"))


def _write_report(report, out: str, output: OutputFormat) -> None:
    """The report as data: ``-`` is stdout (JSON, or one line per problem), a file by its suffix."""
    if out == "-":
        if output is OutputFormat.json:
            typer.echo(report.to_json())
        else:
            typer.echo(str(report))
        return
    from graftline.export import replaced, write_csv

    path = Path(out)
    if not path.parent.is_dir():
        raise InputError(f"--out {out}: folder {path.parent} does not exist")
    if path.suffix.lower() == ".csv":
        # Values quoted from the user's files: spreadsheet-safe (graftline.export).
        write_csv(report.to_frame(), path)
    else:
        as_json = path.suffix.lower() == ".json" or output is OutputFormat.json
        with replaced(path) as partial:
            partial.write_text((report.to_json() if as_json else str(report)) + "\n", encoding="utf-8")
    console.print(f"report written to {path}", highlight=False)


_REDCAP_HELP = "A REDCap CSV export (raw or labels), or a folder with the export and its data dictionary."
_DICTIONARY_HELP = "The REDCap project's data dictionary (CSV); graftline's own: graftline redcap dictionary."
_MAPPING_HELP = "For a centre's own dictionary: which field holds which canonical column (docs/redcap.md)."


def _source(directory: Path | None, redcap: Path | None) -> None:
    from graftline.errors import InputError

    if (directory is None) == (redcap is None):
        raise InputError("give either a folder of cohort files (graftline validate DIR) or a REDCap export "
                         "(--redcap export.csv --dictionary dictionary.csv), not both or neither")


@app.command()
def validate(
    directory: Path = typer.Argument(None, help="Folder with <table>.csv|.parquet|.xlsx files (or give --redcap or --db)."),
    redcap: Path = typer.Option(None, "--redcap", help=_REDCAP_HELP),
    dictionary: Path = typer.Option(None, "--dictionary", help=_DICTIONARY_HELP),
    mapping: Path = typer.Option(None, "--mapping", help=_MAPPING_HELP),
    output: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table (for people) or json (for programs)."),
    db: str = typer.Option(None, "--db", help="Check a store or OMOP CDM in place instead: DuckDB file, postgresql://, sc:// or spark://local."),
    source: str = typer.Option("graftline", "--source", help="What --db holds: graftline (a cohort store) or omop (an OMOP CDM v5.4)."),
    concepts: Path = typer.Option(None, "--concepts", help="OMOP only: folder with your own concept-set CSVs."),
    cdm_schema: str = typer.Option(None, "--cdm-schema", help="OMOP only: schema or Spark database of the CDM tables."),
    out: str = typer.Option(
        None, "--out", help="Write the report as data: a .json, .csv or text file, or - for stdout. Messages stay on stderr."
    ),
) -> None:
    """Check cohort files (or a REDCap export, or a store/CDM in place with --db) and list every problem at once (exit 1 if there are errors).

    Besides each value, the rows are read as the endpoint rules read them
    (docs/endpoints.md): disagreeing GVHD grades, chronic GVHD without an NIH
    diagnosis and deaths from relapse without a relapse record are warnings.
    """
    if db is not None:
        from graftline.errors import InputError

        if directory is not None or redcap is not None:
            raise InputError("give a folder of cohort files, a REDCap export (--redcap) or --db with a cohort "
                             "store or OMOP CDM - one of them")
        report = _validate_store(db, source, concepts, cdm_schema)
    else:
        _source(directory, redcap)
        if redcap is not None:
            from graftline.cohort.redcap import validate_redcap

            report = validate_redcap(redcap, dictionary=dictionary, mapping=mapping, checks=_checks())
        else:
            from graftline.cohort import validate as validate_directory

            report = validate_directory(directory, checks=_checks())
    if out is not None:
        _write_report(report, out, output)
        console.print(f"{report.directory}: {report.summary()}", highlight=False, markup=False)
    else:
        _print_report(report, output)
    raise typer.Exit(0 if report.ok else 1)


def _validate_store(db: str, source: str, concepts: Path | None, cdm_schema: str | None):
    """The row rules run in place on the store's engine (graftline.cohort.checks)."""
    from graftline.cli.endpoints import _connect
    from graftline.cohort import ValidationReport
    from graftline.cohort.checks import check_tables
    from graftline.cohort.schema import TABLES

    store = _connect(db, source, concepts, cdm_schema)
    if source == "omop":
        problems = store.problems
    else:
        present = set(store.list_tables())
        problems = check_tables({name: store.table(name) for name in TABLES if name in present})
    return ValidationReport(mask_url(db), tuple(problems))


@app.command()
def ingest(
    directory: Path = typer.Argument(None, help="Folder with <table>.csv|.parquet|.xlsx files."),
    db: str = typer.Option("cohort.duckdb", "--db", help="DuckDB file to create or replace."),
    redcap: Path = typer.Option(None, "--redcap", help=_REDCAP_HELP),
    dictionary: Path = typer.Option(None, "--dictionary", help=_DICTIONARY_HELP),
    mapping: Path = typer.Option(None, "--mapping", help=_MAPPING_HELP),
    output: OutputFormat = typer.Option(OutputFormat.table, "--format", help="How to print problems: table or json."),
) -> None:
    """Validate and load a cohort (or a REDCap export) into a DuckDB file, all or nothing."""
    from graftline.cohort import CohortValidationError
    from graftline.cohort import ingest as ingest_directory
    from graftline.cohort.redcap import RedcapValidationError, ingest_redcap

    db = store_file(db)
    _source(directory, redcap)
    try:
        with console.status(f"validating and ingesting {directory or redcap} ..."):
            if redcap is not None:
                result = ingest_redcap(redcap, db, dictionary=dictionary, mapping=mapping, checks=_checks())
            else:
                result = ingest_directory(directory, db, checks=_checks())
    except (CohortValidationError, RedcapValidationError) as error:
        _print_report(error.report, output)
        say(f"nothing was written; {db} is unchanged", label="error:", style="bold red")
        raise typer.Exit(1) from None
    for leftover in result.removed:
        console.print(f"removed {leftover}, left by an interrupted ingest", highlight=False, markup=False)
    if result.report.warnings:
        _print_report(result.report, output)
    rows = ", ".join(f"{name} {n}" for name, n in result.rows if n)
    say(f"wrote {result.database}: {rows}", style="green")
