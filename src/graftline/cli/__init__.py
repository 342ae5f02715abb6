"""The ``graftline`` command.

Each area of graftline adds its commands in a module of this package
(``graftline/cli/<area>.py``) by decorating functions with ``@app.command()``
on the :data:`app` defined in :mod:`graftline.cli.app`; this module imports
them all. Heavy libraries are imported inside the commands so that
``graftline --help`` stays fast.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

from graftline.cli.app import app, console
from graftline.errors import GraftlineError

_NOT_COMMANDS = {"app"}
# Help lists commands in the order of the flow: data, endpoints, statistics,
# evidence synthesis, simulation, the report. Modules not named here follow.
_FLOW_ORDER = ("cohort", "redcap", "endpoints", "survival", "landmark", "cmprsk", "multistate", "meta", "review",
               "simulate", "report")


def _load_commands() -> None:
    names = [m.name for m in pkgutil.iter_modules(__path__)]
    names = [n for n in names if n not in _NOT_COMMANDS and not n.startswith("_")]
    rank = {name: i for i, name in enumerate(_FLOW_ORDER)}
    for name in sorted(names, key=lambda n: (rank.get(n, len(rank)), n)):
        importlib.import_module(f"{__name__}.{name}")


_load_commands()


def main(argv: list[str] | None = None) -> None:
    """Entry point: user mistakes become one clear message and exit status 1."""
    try:
        app(args=argv, standalone_mode=True)
    except GraftlineError as error:
        console.print(f"[bold red]error:[/] {error}", highlight=False)
        sys.exit(1)


__all__ = ["app", "main"]
