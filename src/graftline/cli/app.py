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
# Markup is off: messages carry text from users' files (ids, values, study
# titles, paths), and "[/]" or "[old]" in them must print as written, not
# raise MarkupError or vanish. Colour goes through say() or rich.text.Text.
console = Console(stderr=True, markup=False)


def say(text: str, *, label: str | None = None, style: str | None = None) -> None:
    """Print ``text`` for people on stderr, as written; an optional ``label`` (``"warning:"``) in ``style``.

    Without a label, ``style`` colours the whole line.
    """
    from rich.text import Text

    line = Text()
    if label:
        line.append(label, style=style or "bold")
        line.append(" ")
        line.append(text)
    else:
        line.append(text, style=style)
    console.print(line, highlight=False)


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
