"""The review project file: one DuckDB database holding every search, imported
record, merge, screening decision and retrieval status of a review.

Every change goes through :meth:`ReviewProject.transaction`, so an operation
that fails part-way (a malformed file, an unknown record) leaves the project as
it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from graftline.errors import InputError

SCHEMA_VERSION = 1

DEFAULT_EXCLUSION_REASONS = (
    "wrong population",
    "wrong intervention",
    "wrong comparator",
    "wrong outcome",
    "wrong study design",
    "not primary research",
    "duplicate publication",
    "full text in a language we cannot read",
)

_DDL = """
CREATE SEQUENCE search_id_seq START 1;
CREATE SEQUENCE record_id_seq START 1;
CREATE SEQUENCE merge_id_seq START 1;
CREATE SEQUENCE decision_id_seq START 1;
CREATE TABLE project_info (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE searches (
    search_id INTEGER PRIMARY KEY DEFAULT nextval('search_id_seq'),
    database VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,          -- database | register | other
    interface VARCHAR,              -- e-utilities, file import: how records arrived
    query VARCHAR,
    filters VARCHAR,                -- JSON: date range, limits (PRISMA-S item 9)
    date_run TIMESTAMP NOT NULL,
    hit_count INTEGER,              -- as reported by the database
    records_imported INTEGER NOT NULL,
    file VARCHAR
);
CREATE TABLE records (
    record_id INTEGER PRIMARY KEY DEFAULT nextval('record_id_seq'),
    search_id INTEGER NOT NULL,
    source VARCHAR NOT NULL,
    source_id VARCHAR,
    pmid VARCHAR,
    doi VARCHAR,
    title VARCHAR,
    abstract VARCHAR,
    authors VARCHAR[],
    year INTEGER,
    journal VARCHAR,
    origin VARCHAR                  -- file and record number, for error messages and audit
);
CREATE TABLE merges (
    merge_id INTEGER PRIMARY KEY DEFAULT nextval('merge_id_seq'),
    duplicate_id INTEGER NOT NULL,  -- record removed as duplicate
    kept_id INTEGER NOT NULL,       -- record it is merged into
    matched_id INTEGER NOT NULL,    -- record whose comparison triggered the merge
    reason VARCHAR NOT NULL,        -- doi | pmid | fuzzy
    score DOUBLE,
    detail VARCHAR,
    merged_at TIMESTAMP NOT NULL,
    undone_at TIMESTAMP
);
CREATE TABLE exclusion_reasons (reason VARCHAR PRIMARY KEY);
CREATE TABLE decisions (
    decision_id INTEGER PRIMARY KEY DEFAULT nextval('decision_id_seq'),
    record_id INTEGER NOT NULL,
    stage VARCHAR NOT NULL,         -- title_abstract | full_text
    decision VARCHAR NOT NULL,      -- include | exclude | maybe
    reason VARCHAR,
    reviewer VARCHAR NOT NULL,      -- "consensus" resolves conflicts
    decided_at TIMESTAMP NOT NULL
);
CREATE TABLE withdrawn (           -- decisions a reviewer undid (kept in decisions for the audit trail)
    decision_id INTEGER PRIMARY KEY,
    reviewer VARCHAR NOT NULL,
    withdrawn_at TIMESTAMP NOT NULL
);
CREATE TABLE retrieval (
    record_id INTEGER PRIMARY KEY,
    retrieved BOOLEAN NOT NULL,
    note VARCHAR,
    recorded_at TIMESTAMP NOT NULL
);
"""


SETTINGS = {
    # name: (default, description)
    "highlight_include": ("", "terms highlighted in green while screening, comma-separated; '*' ends a prefix"),
    "highlight_exclude": ("", "terms highlighted in red while screening, comma-separated; '*' ends a prefix"),
    "reviewers_per_record": ("2", "independent reviewers per record at each stage (2 = dual screening)"),
}


def serve_marker(path: Path) -> Path:
    """The file `graftline review serve` writes beside the project while it serves it."""
    return path.with_name(path.name + ".serve")


def _served_at(path: Path) -> str | None:
    marker = serve_marker(path)
    try:
        return marker.read_text().strip() or None
    except OSError:
        return None


class ReviewProject:
    """An open review project (a DuckDB file).

    A thin wrapper: it owns the connection and the transaction boundary; the
    review operations are functions in the other modules that take a project.

    Example
    -------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "review.duckdb"
    >>> project = ReviewProject.create(path)
    >>> project.exclusion_reasons()[0]
    'wrong population'
    >>> project.close()
    """

    def __init__(self, path: Path, connection) -> None:
        self.path = path
        self.connection = connection

    @classmethod
    def create(cls, path: str | Path) -> ReviewProject:
        """Create a new, empty project file; refuses to overwrite one."""
        import duckdb

        path = Path(path)
        if path.exists():
            raise InputError(f"{path}: a file already exists; choose another name for the new review project")
        if not path.parent.is_dir():
            raise InputError(f"{path}: folder {path.parent} does not exist; create it first or choose another place")
        try:
            connection = duckdb.connect(str(path))
        except duckdb.Error as error:
            raise InputError(f"{path}: cannot create the review project ({error})") from None
        connection.execute("BEGIN")
        connection.execute(_DDL)
        connection.execute("INSERT INTO project_info VALUES ('kind', 'graftline-review'), ('schema_version', ?)",
                           [str(SCHEMA_VERSION)])
        connection.executemany("INSERT INTO exclusion_reasons VALUES (?)",
                               [[r] for r in DEFAULT_EXCLUSION_REASONS])
        connection.execute("COMMIT")
        return cls(path, connection)

    @classmethod
    def open(cls, path: str | Path) -> ReviewProject:
        """Open an existing project made by :meth:`create`."""
        import duckdb

        path = Path(path)
        if not path.exists():
            raise InputError(f"{path}: no review project here; create one with `graftline review init {path}`")
        try:
            connection = duckdb.connect(str(path))
            kind = connection.execute("SELECT value FROM project_info WHERE key = 'kind'").fetchone()
        except duckdb.Error as error:
            if "lock" in str(error).lower():
                served = _served_at(path)
                if served:
                    raise InputError(f"{path}: the project is being served by `graftline review serve` at {served} "
                                     "(the server is the file's only writer); screen in the browser, or stop the "
                                     "server (Ctrl-C) and run this command again") from None
                raise InputError(f"{path}: the project is open in another process (DuckDB allows one writer); "
                                 "close it there, or have each reviewer export decisions to CSV and import them") from None
            raise InputError(f"{path}: not a graftline review project ({error})") from None
        if kind is None or kind[0] != "graftline-review":
            raise InputError(f"{path}: not a graftline review project")
        # Projects made before undo existed get the (empty) table.
        connection.execute("CREATE TABLE IF NOT EXISTS withdrawn (decision_id INTEGER PRIMARY KEY, "
                           "reviewer VARCHAR NOT NULL, withdrawn_at TIMESTAMP NOT NULL)")
        return cls(path, connection)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> ReviewProject:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[object]:
        """All statements inside commit together or not at all."""
        self.connection.execute("BEGIN")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def query(self, sql: str, parameters: list | None = None):
        """Run a read-only query and return a pandas DataFrame."""
        return self.connection.execute(sql, parameters or []).df()

    def exclusion_reasons(self) -> list[str]:
        rows = self.connection.execute("SELECT reason FROM exclusion_reasons ORDER BY rowid").fetchall()
        return [r[0] for r in rows]

    def setting(self, name: str) -> str:
        """A project setting (see :data:`SETTINGS`), its default when never set."""
        if name not in SETTINGS:
            raise InputError(f"unknown setting {name!r}; settings are {', '.join(SETTINGS)}")
        row = self.connection.execute("SELECT value FROM project_info WHERE key = ?", [f"setting.{name}"]).fetchone()
        return row[0] if row else SETTINGS[name][0]

    def set_setting(self, name: str, value: str) -> None:
        """Change a project setting (checked: reviewers per record is 1 or more)."""
        if name not in SETTINGS:
            raise InputError(f"unknown setting {name!r}; settings are {', '.join(SETTINGS)}")
        value = value.strip()
        if name == "reviewers_per_record" and not (value.isdigit() and int(value) >= 1):
            raise InputError(f"reviewers_per_record must be a whole number of at least 1, not {value!r}")
        with self.transaction() as con:
            con.execute("INSERT OR REPLACE INTO project_info VALUES (?, ?)", [f"setting.{name}", value])

    def add_exclusion_reason(self, reason: str) -> None:
        reason = reason.strip()
        if not reason:
            raise InputError("an exclusion reason cannot be empty")
        with self.transaction() as con:
            con.execute("INSERT INTO exclusion_reasons VALUES (?) ON CONFLICT DO NOTHING", [reason])
