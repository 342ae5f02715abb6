"""The Typer application every command module registers on."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(
    name="graftline",
    help="Endpoints, statistics, evidence synthesis and simulation for hematopoietic cell therapies.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Messages for people go to stderr so that stdout can carry data (CSV, JSON).
console = Console(stderr=True)


@app.callback()
def _graftline(
    debug: bool = typer.Option(
        False, "--debug",
        help="On an unexpected error, also print the traceback (for a bug report). Give it before the command.",
    ),
) -> None:
    """Endpoints, statistics, evidence synthesis and simulation for hematopoietic cell therapies."""
    # A callback makes Typer keep sub-command names even when only one
    # command is registered. --debug is read by graftline.cli.main, which
    # needs it even when the error comes before this callback runs.
