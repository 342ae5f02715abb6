"""Ctrl-C and SIGTERM end graftline cleanly; files being written are never left half-done.

Python turns Ctrl-C (SIGINT) into :class:`KeyboardInterrupt`, so ``finally``
blocks remove temporary files; SIGTERM (what ``kill``, systemd and batch
schedulers send) would end the process without running them.
:func:`signals_as_interrupts` makes SIGTERM raise :class:`Terminated` (a
``KeyboardInterrupt``) too, and records which signal arrived: a signal that
lands inside a DuckDB query comes out as DuckDB's own "interrupted" error,
and the record is how the CLI still knows it was an interruption.

SIGKILL cannot be caught. Temporary files therefore carry the id of the
process that writes them (:func:`owned_name`), and the next writer of the
same target removes those whose process is gone (:func:`remove_stale`).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: Exit statuses of a process ended by a signal, as shells report them (128 + signal number).
EXIT_STATUS = {signal.SIGINT: 130, signal.SIGTERM: 143}


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived; raised like Ctrl-C so that cleanup runs."""


@dataclass
class Received:
    """The first SIGINT or SIGTERM that arrived while :func:`signals_as_interrupts` was active."""

    signal: signal.Signals | None = None


@contextlib.contextmanager
def signals_as_interrupts() -> Iterator[Received]:
    """While active, SIGINT and SIGTERM raise (``KeyboardInterrupt``/:class:`Terminated`) and are recorded.

    Only handlers still at Python's defaults are replaced, and only in the
    main thread (the only one that receives signals); the previous handlers
    are restored on exit.
    """
    received = Received()
    if threading.current_thread() is not threading.main_thread():
        yield received
        return

    def handler(signum: int, frame) -> None:
        if received.signal is None:
            received.signal = signal.Signals(signum)
        raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()

    defaults = {signal.SIGINT: signal.default_int_handler, signal.SIGTERM: signal.SIG_DFL}
    replaced = {}
    for signum, default in defaults.items():
        if signal.getsignal(signum) is default:
            replaced[signum] = signal.signal(signum, handler)
    try:
        yield received
    finally:
        for signum, previous in replaced.items():
            signal.signal(signum, previous)


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back while a few renames publish finished files.

    A signal that arrives meanwhile is delivered when the block ends, so a
    set of files is published all or none. Where signals cannot be blocked
    (not the main thread, no ``pthread_sigmask``) this does nothing.
    """
    held = {signal.SIGINT, signal.SIGTERM}
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def owned_name(target: Path, suffix: str) -> Path:
    """A hidden temporary path beside ``target`` naming this process: ``.NAME.PID.HEX.SUFFIX``."""
    return target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex[:12]}.{suffix}")


def remove_stale(target: Path, suffix: str, *, any_owner: bool = False) -> list[Path]:
    """Remove temporary files of ``target`` (see :func:`owned_name`) whose process is gone.

    With ``any_owner`` (the caller holds a lock no other writer of
    ``target`` can hold), every such file is stale, including those of
    earlier graftline versions whose names carry no process id. Returns the
    paths removed.
    """
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(?:(\d+)\.)?[0-9a-f]+\.{re.escape(suffix)}(?:\.wal)?")
    removed = []
    try:
        candidates = list(target.parent.iterdir())
    except OSError:
        return removed
    for path in candidates:
        match = pattern.fullmatch(path.name)
        if match is None:
            continue
        owner = match.group(1)
        if not any_owner and (owner is None or process_alive(int(owner))):
            continue
        with contextlib.suppress(OSError):
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
            removed.append(path)
    return removed


@contextlib.contextmanager
def private_temporary_folder(kind: str) -> Iterator[Path]:
    """A folder only this user can read (mode 0700) in the system's temporary folder, removed at the end.

    Named ``graftline-KIND-PID-XXXXXXXX`` (in ``$TMPDIR``): such folders may
    hold patient data (DuckDB's spill files, a converted REDCap export), so
    one left by a killed process (its id is in the name and it is gone) is
    removed when the next one of the same kind is made.
    """
    import tempfile

    remove_stale_temporary_folders(kind)
    with tempfile.TemporaryDirectory(prefix=f"graftline-{kind}-{os.getpid()}-") as folder:
        yield Path(folder)


def remove_stale_temporary_folders(kind: str) -> list[Path]:
    """Remove the folders ``graftline-KIND-PID[-...]`` in ``$TMPDIR`` whose process is gone.

    Those of :func:`private_temporary_folder`, and a local Spark session's
    scratch folder (:func:`graftline.cohort.spark.private_scratch`).
    """
    import tempfile

    pattern = re.compile(rf"graftline-{re.escape(kind)}-(\d+)(?:-\w+)?")
    removed = []
    try:
        entries = list(Path(tempfile.gettempdir()).iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match and entry.is_dir() and not entry.is_symlink() and not process_alive(int(match.group(1))):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def process_alive(pid: int) -> bool:
    """True if a process with this id exists (it may belong to another user)."""
    if pid == os.getpid() or os.name == "nt":
        return True  # on Windows, os.kill(pid, 0) would send CTRL_C_EVENT: never probe there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return True  # cannot tell: assume alive, never remove another's file
    return True


__all__ = [
    "EXIT_STATUS",
    "Received",
    "Terminated",
    "owned_name",
    "process_alive",
    "remove_stale",
    "signals_as_interrupts",
    "signals_deferred",
]
