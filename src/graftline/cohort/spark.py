"""Apache Spark as a cohort store: Spark Connect or a local session, through Ibis.

The endpoint engine is Ibis expressions; on Spark they run through ibis's
``pyspark`` backend, unchanged. This module only turns a URL into such a
connection and makes the tables visible to it:

``sc://HOST:PORT[/;token=...]``
    Spark Connect (Databricks, a Spark 3.4+/4.x connect server). Everything
    after the host is passed to Spark as written.
``spark://local`` or ``spark://local[N]``
    An in-process Spark session with N cores (default 2), bound to the
    loopback interface, the web UI off, the driver memory bounded
    (``GRAFTLINE_SPARK_MEMORY``, default ``2g``).

Either form takes graftline's own options after ``?`` (removed before the
URL reaches Spark):

``database=NAME``
    Read the tables of that catalog database (``USE NAME``).
``parquet=DIR`` / ``delta=DIR``
    Register ``DIR/<table>`` (a Parquet or Delta folder, or
    ``DIR/<table>.parquet``) as a temporary view per table found, so the
    cohort or OMOP tables can be Parquet/Delta paths in a lakehouse.

PySpark is optional (``pip install 'graftline[spark]'``) and needs Java 17.

Examples
--------
>>> con = connect_spark("spark://local[2]?parquet=/data/omop")      # doctest: +SKIP
>>> con = connect_spark("sc://spark.example.org:15002?database=cdm")  # doctest: +SKIP
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from graftline.errors import InputError

if TYPE_CHECKING:
    import ibis

#: URL prefixes that mean Spark.
SPARK_SCHEMES = ("sc://", "spark://")
#: Driver memory of a local session unless GRAFTLINE_SPARK_MEMORY says otherwise.
DEFAULT_MEMORY = "2g"
DEFAULT_CORES = 2

_LOCAL = re.compile(r"^spark://local(?:\[(?P<cores>\d+|\*)\])?/?$")
_OPTIONS = ("database", "parquet", "delta")


@dataclass(frozen=True)
class SparkTarget:
    """A parsed Spark URL: where to run, and where the tables are."""

    remote: str | None
    cores: int = DEFAULT_CORES
    database: str | None = None
    paths: dict[str, str] = field(default_factory=dict)

    @property
    def local(self) -> bool:
        return self.remote is None


def is_spark_url(text: object) -> bool:
    return isinstance(text, str) and text.startswith(SPARK_SCHEMES)


def parse_spark_url(url: str) -> SparkTarget:
    """Split a Spark URL into the connection and graftline's options.

    Examples
    --------
    >>> parse_spark_url("spark://local[4]?database=cdm")
    SparkTarget(remote=None, cores=4, database='cdm', paths={})
    >>> parse_spark_url("sc://10.0.0.5:15002/;token=x?parquet=/lake/omop").paths
    {'parquet': '/lake/omop'}
    """
    base, _, query = url.partition("?")
    options = dict(parse_qsl(query, keep_blank_values=True))
    unknown = sorted(set(options) - set(_OPTIONS))
    if unknown:
        raise InputError(f"{_shown(url)}: unknown option(s) {unknown}; expected database=, parquet= or delta=")
    paths = {kind: options[kind] for kind in ("parquet", "delta") if options.get(kind)}
    if len(paths) > 1:
        raise InputError(f"{_shown(url)}: give parquet= or delta=, not both")
    if base.startswith("sc://"):
        if len(base) <= len("sc://"):
            raise InputError(f"{_shown(url)}: expected sc://HOST:PORT (Spark Connect)")
        return SparkTarget(remote=base, database=options.get("database"), paths=paths)
    match = _LOCAL.match(base)
    if match is None:
        raise InputError(
            f"{_shown(url)}: expected spark://local, spark://local[N] (a local session) "
            "or sc://HOST:PORT (Spark Connect)"
        )
    cores = match.group("cores")
    return SparkTarget(
        remote=None,
        cores=os.cpu_count() or DEFAULT_CORES if cores == "*" else int(cores or DEFAULT_CORES),
        database=options.get("database"),
        paths=paths,
    )


def connect_spark(url: str, *, config: Mapping[str, str] | None = None) -> ibis.BaseBackend:
    """Open Spark as an Ibis connection (see the module docstring for the URL forms).

    Parameters
    ----------
    url
        ``sc://HOST:PORT`` or ``spark://local[N]``, with graftline's options.
    config
        Extra Spark settings, e.g. ``{"spark.sql.shuffle.partitions": "1"}``
        for small data; a local session also takes JVM settings here
        (``spark.driver.extraJavaOptions`` is appended to graftline's).

    Raises
    ------
    InputError
        PySpark is not installed, Java is missing, the server cannot be
        reached, or a named database or folder does not exist.
    """
    target = parse_spark_url(url)
    try:
        import ibis
        from pyspark.sql import SparkSession
    except ImportError as error:
        raise InputError(
            f"--db {_shown(url)} needs PySpark: pip install 'graftline[spark]' ({error})"
        ) from None
    config = dict(config or {})
    if target.local:
        session = _local_session(SparkSession, target.cores, config)
    else:
        try:
            session = SparkSession.builder.remote(target.remote).getOrCreate()
            for key, value in config.items():
                session.conf.set(key, value)
        except Exception as error:  # grpc and py4j errors vary; the user needs the reason
            raise InputError(f"cannot connect to Spark at {_shown(url)}: {_first_line(error)}") from None
    if target.database:
        if not session.catalog.databaseExists(target.database):
            raise InputError(f"{_shown(url)}: Spark has no database {target.database!r}")
        session.catalog.setCurrentDatabase(target.database)
    for kind, folder in target.paths.items():
        register_folder(session, Path(folder), kind)
    return ibis.pyspark.connect(session)


def local_session_config(cores: int, memory: str | None = None) -> dict[str, str]:
    """The settings of a local session: loopback only, bounded memory, no web UI."""
    memory = memory or os.environ.get("GRAFTLINE_SPARK_MEMORY", DEFAULT_MEMORY)
    # Spark writes managed tables, its metastore and spill files into the working directory
    # unless told otherwise; a private temporary folder keeps a user's folder clean.
    scratch = _scratch_path()
    return {
        # Loopback only: nothing listens on the machine's network interfaces.
        "spark.driver.host": "127.0.0.1",
        "spark.driver.bindAddress": "127.0.0.1",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.driver.memory": memory,
        "spark.sql.shuffle.partitions": str(max(2, 2 * cores)),
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.warehouse.dir": str(scratch / "warehouse"),
        "spark.local.dir": str(scratch / "local"),
        "spark.driver.extraJavaOptions": f"-Dderby.system.home={scratch / 'derby'}",
    }


def _scratch_path() -> Path:
    return Path(tempfile.gettempdir()) / f"graftline-spark-{os.getpid()}"


_SCRATCH_REMOVED_AT_EXIT: set[Path] = set()


def private_scratch() -> Path:
    """This process's Spark scratch folder, made private (0700) and removed when the process ends.

    Spark's spill and shuffle files there hold patient rows. Folders left by
    a killed process (its id is in the name and it is gone) are removed first.
    """
    import atexit

    from graftline.interrupts import remove_stale_temporary_folders

    remove_stale_temporary_folders("spark")
    scratch = _scratch_path()
    scratch.mkdir(mode=0o700, exist_ok=True)
    os.chmod(scratch, 0o700)
    if scratch not in _SCRATCH_REMOVED_AT_EXIT:
        # Registered before the session starts, so it runs after PySpark's own exit hook stops it.
        atexit.register(shutil.rmtree, scratch, True)
        _SCRATCH_REMOVED_AT_EXIT.add(scratch)
    return scratch


def _local_session(SparkSession, cores: int, config: dict[str, str]):
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise InputError("a local Spark session needs Java 17 (Debian: apt-get install openjdk-17-jre-headless)")
    private_scratch()
    settings = local_session_config(cores)
    java = config.pop("spark.driver.extraJavaOptions", "")
    settings["spark.driver.extraJavaOptions"] = f"{settings['spark.driver.extraJavaOptions']} {java}".strip()
    settings.update(config)
    builder = SparkSession.builder.master(f"local[{cores}]").appName("graftline")
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as error:  # a JVM that does not start explains itself on its first line
        raise InputError(f"cannot start a local Spark session: {_first_line(error)}") from None
    session.sparkContext.setLogLevel("ERROR")
    return session


def register_folder(session, folder: Path, kind: str = "parquet") -> list[str]:
    """Register each ``folder/<table>`` (Parquet or Delta) as a temporary view named after it.

    Returns the view names. A folder that does not exist is an input error.
    """
    if not folder.is_dir():
        raise InputError(f"{kind}={folder}: no such folder")
    names = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "_")):
            continue
        name = entry.name.removesuffix(".parquet").lower()
        if kind == "parquet" and (entry.suffix == ".parquet" or entry.is_dir()):
            frame = session.read.parquet(str(entry))
        elif kind == "delta" and entry.is_dir():
            frame = session.read.format("delta").load(str(entry))
        else:
            continue
        frame.createOrReplaceTempView(name)
        names.append(name)
    if not names:
        raise InputError(f"{kind}={folder}: no {kind} tables found (expected one folder or .parquet file per table)")
    return names


def register_tables(con: ibis.BaseBackend, tables: dict) -> None:
    """Make Arrow tables (or pandas frames) visible to a Spark connection as temporary views.

    For tests and benchmarks: Arrow keeps the column types (INTEGER days,
    DATE dates) that a pandas round trip would turn into floats and objects.
    """
    import pyarrow as pa

    session = con._session
    for name, data in tables.items():
        table = data if isinstance(data, pa.Table) else pa.Table.from_pandas(data, preserve_index=False)
        session.createDataFrame(table).createOrReplaceTempView(name)


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return _shown(text[0] if text else type(error).__name__)


def _shown(text: str) -> str:
    """Hide secrets (a Spark Connect token, a password) before printing."""
    text = re.sub(r"(?i)(token|password)=[^;&\s]*", r"\1=***", text)
    return re.sub(r"://([^:/@\s]+):[^@\s]*@", r"://\1:***@", text)
