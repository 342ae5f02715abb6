"""Ingest a cohort directory into a DuckDB file, all or nothing.

Everything is validated first. Only when there are no errors are the staged
tables written - into a temporary DuckDB file beside the target, which then
atomically replaces it (:func:`os.replace`). A failure at any point leaves an
existing database byte for byte as it was; a re-ingest of the same files
replaces the whole cohort, so it never duplicates rows.

A CSV labs file (most of a cohort's rows) is the exception to "validated
first": once every other table is clean, it is read, checked and written into
the temporary file in one pass (:mod:`graftline.cohort.streamed_labs`); if any
lab row breaks a rule, that transaction is rolled back and the labs are staged
and checked like the other tables, so the report lists every problem.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

import graftline
from graftline.cohort import labs_layout, streamed_labs
from graftline.cohort.problems import CohortValidationError, Problem, ValidationReport
from graftline.cohort.readers import SUFFIXES, LoadedFile, discover
from graftline.cohort.schema import TABLES, Table
from graftline.cohort.staging import lit, q, stored_select
from graftline.cohort.store import FILES_TABLE, LOG_TABLE, WARNINGS_TABLE, create_table_sql
from graftline.cohort.summarised import count_after_last_contact
from graftline.cohort.validation import (
    StagedCheck,
    duckdb_session,
    stage_deferred,
    stage_directory,
    stage_for_store,
)
from graftline.errors import InputError
from graftline.interrupts import owned_name, remove_stale, signals_as_interrupts

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Origin:
    """Where the files of a folder came from when graftline converted them itself.

    A REDCap export (:mod:`graftline.cohort.redcap`) is converted into the
    canonical tables in a temporary folder, which ingest reads as usual; the
    store's provenance must still name what the user gave.

    Attributes
    ----------
    source
        Recorded as ``ingest_log.source_directory`` instead of the folder.
    inputs
        ``(role, path)`` of each file the folder was made from (e.g.
        ``("redcap_export", export.csv)``), recorded in ``ingest_files``
        (``table_name`` = role) with its SHA-256, after the converted tables.
    relocate
        Turns a problem located in the converted files into one located in
        the source (applied to the warnings ingest stores).
    tables
        Extra tables written into the store in the same transaction, e.g.
        the map from converted rows back to the source.
    """

    source: str
    inputs: tuple[tuple[str, Path], ...] = ()
    relocate: Callable[[Problem], Problem] | None = None
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)


@dataclass(frozen=True)
class IngestResult:
    """What an ingest wrote.

    Attributes
    ----------
    database
        The DuckDB file written.
    rows
        ``(table, rows stored)`` for all ten canonical tables.
    report
        The validation report (no errors; warnings are also stored in the
        database's ``validation_warnings`` table).
    removed
        Temporary files beside the target that an interrupted (killed)
        ingest had left, removed by this one.
    """

    database: str
    rows: tuple[tuple[str, int], ...]
    report: ValidationReport
    removed: tuple[str, ...] = ()

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame(self.rows, columns=["table", "rows"])


def _is_duckdb_file(path: Path) -> bool:
    """DuckDB files carry the magic bytes ``DUCK`` at offset 8."""
    with path.open("rb") as handle:
        return handle.read(12)[8:12] == b"DUCK"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


def ingest(directory: str | os.PathLike, db: str | os.PathLike, *, threads: int | None = None,
           origin: Origin | None = None, checks: Sequence[StagedCheck] = ()) -> IngestResult:
    """Validate ``directory`` and, if it has no errors, replace the cohort in ``db``.

    Parameters
    ----------
    directory
        Folder of ``<table>.csv|.parquet|.xlsx`` files (see ``docs/data-model.md``).
    db
        DuckDB file to create or replace.
    threads
        DuckDB threads (default: all cores).
    origin
        For a folder graftline converted from another source (a REDCap
        export): what the store's provenance names instead (see :class:`Origin`).
    checks
        Further checks of the staged cohort (see :func:`graftline.cohort.validate`);
        their warnings are stored with the others.

    Returns
    -------
    IngestResult

    Raises
    ------
    CohortValidationError
        (an :class:`~graftline.errors.InputError`) when validation finds
        errors; its ``report`` lists them all and nothing was written.
    InputError
        When another ingest into the same ``db`` is running (see Notes).

    Notes
    -----
    The new store is written to a hidden temporary file beside ``db``
    (``.NAME.PID.HEX.tmp``) that replaces it when complete. Ctrl-C or
    SIGTERM during the write removes it (SIGTERM raises
    :class:`graftline.interrupts.Terminated` while ingest runs); one left by
    a killed process is removed by the next ingest of the same target and
    listed in :attr:`IngestResult.removed`. An ingest holds a lock on the
    target (``.NAME.lock``, an OS lock released even when the process is
    killed): a second ingest into the same target at the same time fails
    at once with a clear message and changes nothing.

    Examples
    --------
    >>> ingest("examples/cohort", "cohort.duckdb").to_frame()  # doctest: +SKIP
    """
    target = Path(db)
    if not target.parent.is_dir():
        raise InputError(f"cannot write {target}: folder {target.parent} does not exist")
    if target.is_dir():
        raise InputError(f"{target} is a folder; expected a database file name such as cohort.duckdb")
    if target.exists() and not _is_duckdb_file(target):
        raise InputError(
            f"{target} exists and is not a DuckDB database; refusing to overwrite it "
            "(choose another --db name, e.g. cohort.duckdb)"
        )
    if Path(f"{target}.wal").exists():
        raise InputError(
            f"{target} has an unfinished write-ahead log ({target}.wal): another program may have it "
            "open; close it (or open and close it once with DuckDB) before replacing it"
        )
    source = Path(directory)
    with signals_as_interrupts(), ingest_lock(target):
        # Holding the lock, no other ingest writes beside this target: any
        # temporary store there was left by a killed one.
        removed = tuple(str(p) for p in remove_stale(target, TEMPORARY, any_owner=True))
        for path in removed:
            log.warning("removed %s, left by an interrupted ingest", path)
        rows, report = _ingest_locked(source, target, threads, origin, checks)
    return IngestResult(str(target), rows, report, removed)


#: Suffix of the temporary store written beside the target.
TEMPORARY = "tmp"


def _ingest_locked(source: Path, target: Path, threads: int | None, origin: Origin | None,
                   checks: Sequence[StagedCheck]) -> tuple[tuple[tuple[str, int], ...], ValidationReport]:
    with ThreadPoolExecutor(max_workers=1) as hasher, duckdb_session(threads) as con:
        # Hash the input files while DuckDB parses them (hashlib releases the GIL).
        files = discover(source)[0] if source.is_dir() else {}
        hashes = {name: hasher.submit(_sha256, path) for name, path in files.items() if path.suffix in SUFFIXES}
        session = stage_directory(con, source, store=True, defer=("labs",) if SINGLE_PASS and "labs" in files else (),
                                  checks=checks)
        temporary = owned_name(target, TEMPORARY)
        try:
            rows = None
            if "labs" in session.deferred:
                labs = streamed_labs.plan(con, session.deferred["labs"], "patients" in session.loaded) if session.report().ok else None
                if labs is not None:
                    rows = _write(con, session, temporary, hashes, labs, origin=origin)
                if rows is None:
                    _discard(temporary)
                    # After an aborted pass (or errors elsewhere) a problem is all but
                    # certain: list the problems first, and stage the labs for the
                    # store only if there is none.
                    stage_deferred(session, "labs", store=labs is None and session.report().ok)
                    if session.report().ok and "labs" in session.loaded and "labs" not in session.stored:
                        stage_for_store(session, "labs")
            if not session.report().ok:
                raise CohortValidationError(session.report())
            if rows is None:
                rows = _write(con, session, temporary, hashes, origin=origin)
            report = session.report()
            os.replace(temporary, target)
        finally:
            _discard(temporary)
    return rows, report


@contextlib.contextmanager
def ingest_lock(db: str | os.PathLike) -> Iterator[None]:
    """Hold the ingest lock of the store ``db`` (the hidden file ``.NAME.lock`` beside it).

    The lock is an OS file lock (``flock``; ``msvcrt.locking`` on Windows),
    released by the OS even when the process is killed. The lock file is
    removed on release; a file left by a killed process is simply locked
    again by the next ingest.

    Raises
    ------
    InputError
        If another process holds the lock: another ingest into ``db`` is running.
    """
    target = Path(db)
    lock = target.with_name(f".{target.name}.lock")
    while True:
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(descriptor):
            owner = os.pread(descriptor, 32, 0).decode(errors="replace").strip()
            os.close(descriptor)
            running = f" (process {owner})" if owner.isdigit() else ""
            raise InputError(
                f"another ingest into {target} is running{running}; nothing was written. Wait for it "
                "to finish, or ingest into another --db"
            )
        # The previous holder may have removed the file between our open and
        # lock: then we locked a file nobody else will look at; try again.
        try:
            current = os.stat(lock).st_ino == os.fstat(descriptor).st_ino
        except FileNotFoundError:
            current = False
        if current:
            break
        os.close(descriptor)
    try:
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
        os.close(descriptor)  # releases the lock


def _try_lock(descriptor: int) -> bool:
    """Take an exclusive lock on an open file without waiting; False if another process holds it."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as error:  # a file system without locks (some network mounts)
        log.warning("cannot lock the ingest lock file (%s): concurrent ingests are not prevented", error)
    return True


#: Ingest CSV labs in one pass (see :mod:`graftline.cohort.streamed_labs`);
#: False forces the staged path (the tests compare the two).
SINGLE_PASS = True


def _discard(temporary: Path) -> None:
    for leftover in (temporary, Path(f"{temporary}.wal")):
        leftover.unlink(missing_ok=True)


def _write(con: duckdb.DuckDBPyConnection, session, temporary: Path, hashes: dict[str, Future],
           labs: streamed_labs.LabsPlan | None = None, *,
           origin: Origin | None = None) -> tuple[tuple[str, int], ...] | None:
    """Write every table into a new DuckDB file ``temporary`` in one transaction.

    With ``labs``, the labs are read from their CSV in the same transaction
    (first, so that little is lost if the pass aborts); if the single pass
    cannot store them, the transaction is rolled back and None returned.
    """
    # FSST's analysis (training a symbol table on every string segment) was
    # ~15 % of the write for ten million labs, yet dictionary compression
    # wins on the cohort's short, repetitive text (ids, analytes, units,
    # file names): the file is the same size without it. The values stored
    # do not depend on the compression.
    con.execute("SET disabled_compression_methods = 'fsst'")
    con.execute(f"ATTACH {lit(str(temporary))} AS out")
    try:
        # One transaction: one commit to the new file instead of one per statement.
        con.execute("BEGIN TRANSACTION")
        # ENUM types are found in the default database only.
        con.execute("USE out")
        if labs is not None:
            try:
                session.loaded["labs"] = streamed_labs.store(con, labs)
            except streamed_labs.StreamAborted as reason:
                log.debug("labs take the staged path: %s", reason)
                con.execute("ROLLBACK")
                return None
            session.deferred.pop("labs")
            session.problems += labs.header_problems
        rows = []
        for name, table in TABLES.items():
            loaded = session.loaded.get(name)
            if name == "labs":
                _write_labs(con, session, loaded, streamed=labs is not None)
                if labs is not None:  # the single pass: counted on the stored rows, as validation does on staged ones
                    session.late["labs"] = count_after_last_contact(con, labs_layout.DATA_TABLE, "patient_id")
                rows.append((name, con.execute(f"SELECT count(*) FROM {labs_layout.DATA_TABLE}").fetchone()[0]))
                continue
            con.execute(create_table_sql(table, q(name)))
            if loaded is not None:
                if name in session.stored:
                    # The parts hold consecutive file rows; a plain scan keeps their order.
                    for k in range(session.stored[name]):
                        con.execute(f"INSERT INTO {q(name)} SELECT {_columns(table, loaded)} FROM memory.store_{name}_{k}")
                else:
                    con.execute(_sorted_insert_sql(table, loaded))
            rows.append((name, con.execute(f"SELECT count(*) FROM {q(name)}").fetchone()[0]))
        _write_metadata(con, session, hashes, origin)
        con.execute("COMMIT")
        con.execute("CHECKPOINT out")
    except BaseException:
        with contextlib.suppress(duckdb.Error):  # the error may have ended the transaction
            con.execute("ROLLBACK")
        raise
    finally:
        con.execute("USE memory")
        con.execute("DETACH out")
    return tuple(rows)


def _write_labs(con: duckdb.DuckDBPyConnection, session, loaded: LoadedFile | None, *, streamed: bool) -> None:
    """``labs_data`` and the ``labs`` view (see :mod:`graftline.cohort.labs_layout`)."""
    if not streamed:
        for statement in labs_layout.create_sql(labs_layout.KNOWN_PATIENT_IDS):
            con.execute(statement)
        if loaded is not None:
            # The parts hold consecutive file rows in file order: the stored
            # position is the file row, as the view's source_row says.
            for k in range(session.stored["labs"]):
                con.execute(f"INSERT INTO {labs_layout.DATA_TABLE} {labs_layout.coded_select(f'memory.store_labs_{k}')}")
    con.execute(labs_layout.view_sql(loaded.file if loaded is not None else None))


def _columns(table: Table, loaded: LoadedFile) -> str:
    """The stored columns, the constant source_file given as a literal."""
    return ", ".join(f"{lit(loaded.file)} AS source_file" if c == "source_file" else q(c) for c in table.stored_columns)


def _sorted_insert_sql(table: Table, loaded: LoadedFile) -> str:
    """INSERT of a staged table into the store, sorted back into file order.

    The staged rows pass through hash joins, which do not keep row order.
    The constant ``source_file`` is added after the sort so that the sort
    does not carry it for every row.
    """
    inner = stored_select(table, source_file=False)
    order = "source_row"
    if "source_row" not in table.stored_columns:
        inner, order = f"{inner}, _row AS _file_row", "_file_row"
    return (f"INSERT INTO {q(table.name)} SELECT {_columns(table, loaded)} FROM "
            f"(SELECT {inner} FROM memory.stage_{table.name} ORDER BY {order})")


def _write_metadata(con: duckdb.DuckDBPyConnection, session, hashes: dict[str, Future],
                    origin: Origin | None = None) -> None:
    report: ValidationReport = session.report()
    source = origin.source if origin is not None else str(session.directory.resolve())
    con.execute(
        f"CREATE TABLE {LOG_TABLE} (graftline_version VARCHAR, duckdb_version VARCHAR, "
        "ingested_at TIMESTAMP, source_directory VARCHAR, n_warnings INTEGER)"
    )
    # The values are written as SQL literals, not bound parameters: DuckDB's
    # Python client imports pandas on the first bound parameter (~0.3 s).
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    con.execute(
        f"INSERT INTO {LOG_TABLE} VALUES ({lit(graftline.__version__)}, {lit(duckdb.__version__)}, "
        f"TIMESTAMP {lit(now)}, {lit(source)}, {len(report.warnings):d})"
    )
    con.execute(
        f"CREATE TABLE {FILES_TABLE} (table_name VARCHAR, file VARCHAR, sha256 VARCHAR, "
        "bytes BIGINT, rows BIGINT)"
    )
    for name, loaded in session.loaded_in_order():
        path = session.directory / loaded.file
        digest = hashes[name].result() if name in hashes else _sha256(path)
        con.execute(
            f"INSERT INTO {FILES_TABLE} VALUES ({lit(name)}, {lit(loaded.file)}, {lit(digest)}, "
            f"{path.stat().st_size:d}, {loaded.rows:d})"
        )
    for role, path in origin.inputs if origin is not None else ():
        con.execute(
            f"INSERT INTO {FILES_TABLE} VALUES ({lit(role)}, {lit(path.name)}, {lit(_sha256(path))}, "
            f"{path.stat().st_size:d}, NULL)"
        )
    con.execute(
        f"CREATE TABLE {WARNINGS_TABLE} (file VARCHAR, \"row\" INTEGER, \"column\" VARCHAR, "
        "value VARCHAR, message VARCHAR, expected VARCHAR, severity VARCHAR)"
    )
    located = report.warnings
    if origin is not None and origin.relocate is not None:
        located = [origin.relocate(p) for p in located]
    warnings = [(p.file, p.row, p.column, p.value, p.message, p.expected, p.severity) for p in located]
    if warnings:
        values = ", ".join("(" + ", ".join(_sql_value(v) for v in w) + ")" for w in warnings)
        con.execute(f"INSERT INTO {WARNINGS_TABLE} VALUES {values}")
    for name, frame in origin.tables.items() if origin is not None else ():
        con.register("_origin_frame", frame)
        try:
            con.execute(f"CREATE TABLE {q(name)} AS SELECT * FROM _origin_frame")
        finally:
            con.unregister("_origin_frame")


def _sql_value(value: str | int | None) -> str:
    """A warning's field as an SQL literal."""
    if value is None:
        return "NULL"
    return f"{value:d}" if isinstance(value, int) else lit(str(value))
