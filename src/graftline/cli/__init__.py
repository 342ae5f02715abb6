"""The ``graftline`` command.

Each area of graftline adds its commands in a module of this package
(``graftline/cli/<area>.py``) by decorating functions with ``@app.command()``
on the :data:`app` defined in :mod:`graftline.cli.app`; this module imports
them all. Heavy libraries are imported inside the commands so that
``graftline --help`` stays fast.

:func:`main` is the error boundary every command runs inside:

====================  ===========================================================  ======
what happened         what is printed (stderr)                                     status
====================  ===========================================================  ======
a user's mistake      ``error: <file, row, column: what is wrong (expected ...)>``  1
a file system error   ``error: cannot read or write <path>: <reason>`` (no         1
                      permission, disk full, a folder where a file goes)
out of memory         ``error: not enough memory for this command (...)``, ask     1
                      for less
bad command line      the usage message                                            2
Ctrl-C (SIGINT)       ``interrupted; nothing was written``                         130
SIGTERM               ``terminated; nothing was written``                          143
anything else         a short "please report it" message; the traceback only       70
                      with ``graftline --debug COMMAND ...``
a warning             ``warning: <message>``, once per distinct message (Python's  --
                      file:line form only with ``--debug``)
====================  ===========================================================  ======

Every message passes :func:`graftline.credentials.mask_credentials`, so no
password in a URL is ever printed.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import signal
import sys
import traceback
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from graftline.cli.app import app, console, say
from graftline.credentials import mask_credentials
from graftline.errors import GraftlineError
from graftline.interrupts import EXIT_STATUS, Received, Terminated, signals_as_interrupts

_NOT_COMMANDS = {"app"}
# Help lists commands in the order of the flow: data, endpoints, statistics,
# evidence synthesis, simulation, the report. Modules not named here follow.
_FLOW_ORDER = ("cohort", "redcap", "endpoints", "survival", "landmark", "cmprsk", "multistate", "meta", "review",
               "simulate", "report")

#: Exit status of an unexpected error: a bug (sysexits.h EX_SOFTWARE).
EXIT_BUG = 70


def _load_commands() -> None:
    names = [m.name for m in pkgutil.iter_modules(__path__)]
    names = [n for n in names if n not in _NOT_COMMANDS and not n.startswith("_")]
    rank = {name: i for i, name in enumerate(_FLOW_ORDER)}
    for name in sorted(names, key=lambda n: (rank.get(n, len(rank)), n)):
        importlib.import_module(f"{__name__}.{name}")


_load_commands()


def main(argv: list[str] | None = None) -> None:
    """Entry point: run one command inside the error boundary (see the module docstring)."""
    from graftline.export import forget_written

    args = sys.argv[1:] if argv is None else [str(a) for a in argv]
    debug = _debug_requested(args)
    forget_written()
    with signals_as_interrupts() as received, _warnings_as_lines(debug):
        try:
            app(args=args, standalone_mode=True)
        except SystemExit as stop:
            # Typer ends a KeyboardInterrupt with status 130 and no message.
            if received.signal is not None or stop.code == EXIT_STATUS[signal.SIGINT]:
                _interrupted(received)
            raise
        except KeyboardInterrupt as interrupt:
            if received.signal is None and isinstance(interrupt, Terminated):
                received.signal = signal.SIGTERM
            _interrupted(received)
        except GraftlineError as error:
            if received.signal is not None:
                _interrupted(received)
            _print_error(str(error))
            sys.exit(1)
        except OSError as error:
            if received.signal is not None:
                _interrupted(received)
            if error.filename is None or error.errno is None:
                _report_bug(error, debug)
                sys.exit(EXIT_BUG)
            # The file system refused (no permission, disk full, a folder where a
            # file goes): the user's environment, not a bug in graftline.
            _print_error(f"cannot read or write {error.filename}: {error.strerror}")
            sys.exit(1)
        except Exception as error:
            # DuckDB reports a signal that lands in a query as its own error.
            if received.signal is not None:
                _interrupted(received)
            if isinstance(error, MemoryError) or type(error).__name__ == "OutOfMemoryException":
                # Asking for more than the machine holds (--n, --replicates, --horizon, a huge
                # table): the user's request and environment, not a bug.
                _print_error(_out_of_memory(error))
                sys.exit(1)
            _report_bug(error, debug)
            sys.exit(EXIT_BUG)


@contextmanager
def _warnings_as_lines(debug: bool) -> Iterator[None]:
    """Print each warning raised inside a command as one ``warning: <message>`` line, once.

    Python's default shows ``/path/to/module.py:225: ConvergenceWarning: ...``
    and the source line that raised it: noise for the people reading the
    message. With ``--debug`` the default stays, for bug reports. Warnings
    of graftline and of the libraries it calls are ``UserWarning``s (model
    convergence, times beyond follow-up): each distinct message is shown
    once per command, however often a loop repeats it.
    """
    if debug:
        yield
        return
    shown: set[str] = set()

    def show(message, category, filename, lineno, file=None, line=None) -> None:  # noqa: ARG001
        text = " ".join(str(message).split())
        if text not in shown:
            shown.add(text)
            say(mask_credentials(text), label="warning:", style="bold yellow")

    with warnings.catch_warnings():
        warnings.simplefilter("always", UserWarning)  # repeats are folded by `shown`, not by location
        warnings.showwarning = show
        yield


def _debug_requested(args: list[str]) -> bool:
    """``graftline --debug COMMAND ...`` (the option before the command), or GRAFTLINE_DEBUG=1."""
    for arg in args:
        if arg == "--debug":
            return True
        if not arg.startswith("-"):
            break
    return os.environ.get("GRAFTLINE_DEBUG", "").lower() in {"1", "true", "yes"}


def _print_error(message: str) -> None:
    from rich.text import Text

    console.print(Text.assemble(("error:", "bold red"), " ", mask_credentials(message)),
                  highlight=False, soft_wrap=True)


def _interrupted(received: Received) -> None:
    """Say what an interruption left and end with the signal's exit status."""
    from graftline.export import written

    signum = received.signal or signal.SIGINT
    word = "terminated" if signum == signal.SIGTERM else "interrupted"
    done = written()
    if done:
        listed = ", ".join(str(p) for p in done[:5]) + (f" and {len(done) - 5} more" if len(done) > 5 else "")
        text = f"{word}; written completely before that: {listed}; nothing else was written"
    else:
        text = f"{word}; nothing was written"
    console.print(mask_credentials(text), markup=False, highlight=False, soft_wrap=True)
    sys.exit(EXIT_STATUS.get(signum, 130))


def _out_of_memory(error: BaseException) -> str:
    from graftline.export import written

    detail = " ".join(str(error).split())[:200]
    done = written()
    outputs = (f"Files written before that are complete: {', '.join(map(str, done[:5]))}."
               if done else "Nothing was written.")
    return (f"not enough memory for this command ({detail or type(error).__name__}). {outputs} Ask for less "
            "(fewer patients, replicates, trials or days) or run it where more memory is free.")


def _report_bug(error: BaseException, debug: bool) -> None:
    from graftline.export import written

    kind = type(error).__name__
    detail = " ".join(str(error).split())[:300]
    if debug:
        text = "".join(traceback.format_exception(error))
        console.print(mask_credentials(text), markup=False, highlight=False, soft_wrap=True)
    done = written()
    outputs = (f"Files written before the error are complete: {', '.join(map(str, done[:5]))}."
               if done else "Nothing was written.")
    _print_error(
        f"graftline stopped on an unexpected error ({kind}{': ' + detail if detail else ''}). "
        f"{outputs} This is a bug in graftline, not a problem with your data: please report it with "
        "the command you ran and the output of the same command run as `graftline --debug ...`"
        + (" (shown above)." if debug else ".")
    )


__all__ = ["app", "main", "EXIT_BUG"]
