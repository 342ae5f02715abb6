"""``graftline redcap ...``: graftline's REDCap data dictionary, its mapping, and converted exports.

``graftline validate --redcap`` and ``graftline ingest --redcap`` read the
exports themselves (see :mod:`graftline.cli.cohort`).
"""

from __future__ import annotations

from pathlib import Path

import typer

from graftline.cli.app import app, console

redcap_app = typer.Typer(
    name="redcap",
    help="REDCap: graftline's data dictionary, its field mapping, and exports converted to cohort tables.",
    no_args_is_help=True,
)
app.add_typer(redcap_app, name="redcap")


@redcap_app.command()
def dictionary(
    out: Path = typer.Option(..., "--out", help="CSV file to write, e.g. dictionary.csv."),
) -> None:
    """Write graftline's REDCap data dictionary (Project Setup > Data Dictionary > Upload)."""
    from graftline.cohort.redcap import graftline_dictionary, write_dictionary

    fields, _ = graftline_dictionary()
    path = write_dictionary(out)
    forms = len({f.form_name for f in fields})
    console.print(f"wrote {path}: {len(fields)} fields in {forms} instruments; upload it in REDCap, then make the "
                  "instruments other than patient, treatment and follow_up repeating (graftline redcap repeating; "
                  "docs/redcap.md)", highlight=False)


@redcap_app.command()
def repeating(
    out: Path = typer.Option(..., "--out", help="CSV file to write, e.g. repeating.csv."),
) -> None:
    """Write which of graftline's instruments repeat (REDCap's "Import Repeating Instruments and Events" format)."""
    from graftline.cohort.redcap import repeating_instruments, write_repeating

    path = write_repeating(out)
    forms = ", ".join(form for form, _ in repeating_instruments())
    console.print(f"wrote {path}: {forms}", highlight=False)


@redcap_app.command()
def mapping(
    out: Path = typer.Option(..., "--out", help="CSV file to write, e.g. mapping.csv."),
) -> None:
    """Write the field -> canonical column mapping of graftline's dictionary (a template for a centre's own)."""
    from graftline.cohort.redcap import write_mapping

    path = write_mapping(out)
    console.print(f"wrote {path}", highlight=False)


@redcap_app.command()
def convert(
    redcap: Path = typer.Argument(..., help="A REDCap CSV export (raw or labels), or a folder with it and its dictionary."),
    out: Path = typer.Option(..., "--out", help="Folder for the cohort tables (<table>.csv)."),
    dictionary: Path = typer.Option(None, "--dictionary", help="The project's data dictionary (CSV)."),
    mapping: Path = typer.Option(None, "--mapping", help="For a centre's own dictionary: field -> canonical column."),
) -> None:
    """Write the canonical cohort tables of a REDCap export, to inspect them (graftline ingest --redcap ingests directly)."""
    from graftline.cli.cohort import OutputFormat, _print_report
    from graftline.cohort.redcap import convert_redcap

    report = convert_redcap(redcap, out, dictionary=dictionary, mapping=mapping)
    if report.problems:
        _print_report(report, OutputFormat.table)
    rows = ", ".join(f"{name} {n}" for name, n in report.rows)
    console.print(f"wrote {out}: {rows}", highlight=False)
    raise typer.Exit(0 if report.ok else 1)
