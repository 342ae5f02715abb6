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


def _load_commands() -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module.name not in _NOT_COMMANDS and not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")


_load_commands()


def main(argv: list[str] | None = None) -> None:
    """Entry point: user mistakes become one clear message and exit status 1."""
    try:
        app(args=argv, standalone_mode=True)
    except GraftlineError as error:
        console.print(f"[bold red]error:[/] {error}", highlight=False)
        sys.exit(1)


__all__ = ["app", "main"]
