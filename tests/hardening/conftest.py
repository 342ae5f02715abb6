"""Run the ``graftline`` command in-process, through its real entry point.

``main`` is what the installed ``graftline`` script calls, so these runs
pass the CLI's error boundary exactly as a user's do, without the second
of start-up a subprocess costs per call.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "cohort"


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        """stdout and stderr, lines joined (Rich wraps long messages)."""
        return " ".join((self.stdout + "\n" + self.stderr).split())


def run_graftline(*args: str) -> Run:
    from graftline.cli import main

    # graftline.cli.app is both a module and (in graftline.cli) the Typer app.
    app_module = importlib.import_module("graftline.cli.app")

    out, err = io.StringIO(), io.StringIO()
    app_module.console.width = 200
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main([str(a) for a in args])
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture
def graftline():
    return run_graftline


@pytest.fixture
def example_cohort(tmp_path: Path) -> Path:
    directory = tmp_path / "cohort"
    shutil.copytree(EXAMPLE, directory)
    return directory
