"""An endpoint table on disk keeps the definitions it was derived with.

``graftline endpoints --out FILE`` writes the table and, with it, the
:class:`EndpointDefinitions` used (preset, every option, deviations):

- Parquet: in the file's key-value metadata (``graftline.endpoint_definitions``);
- CSV: in a sidecar ``FILE.definitions.json`` holding also the SHA-256 of
  the CSV, so that a table edited or replaced afterwards is not read with
  definitions that no longer describe it.

Every command that reads an endpoint table (``report --endpoints``,
``explain --endpoints``, ``km``, ``cuminc``, ``fine-gray``) reads the
definitions back with :func:`read_endpoint_definitions` and prints which
preset they are.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from graftline.endpoints.definitions import EndpointDefinitions
from graftline.errors import InputError

PARQUET_KEY = b"graftline.endpoint_definitions"
SIDECAR_SUFFIX = ".definitions.json"


def sidecar_path(path: str | os.PathLike) -> Path:
    """Where the definitions of a CSV endpoint table are kept: ``FILE.definitions.json``."""
    path = Path(path)
    return path.with_name(path.name + SIDECAR_SUFFIX)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


FORMATS = ("csv", "xlsx", "parquet")


def _format(path: Path, format: str | None) -> str:
    if format is not None:
        if format not in FORMATS:
            raise InputError(f"format {format!r}: expected csv, xlsx or parquet")
        return format
    suffix = path.suffix.lower()
    return "parquet" if suffix in (".parquet", ".pq") else "xlsx" if suffix == ".xlsx" else "csv"


def write_endpoint_table(
    frame: pd.DataFrame,
    path: str | os.PathLike,
    definitions: EndpointDefinitions,
    *,
    format: str | None = None,
) -> list[Path]:
    """Write the table and its definitions; a failure leaves existing files as they were.

    CSV and XLSX are written spreadsheet-safe by :mod:`graftline.export`
    (a text cell that a spreadsheet would run as a formula gets a leading
    ``'``); their definitions go to the sidecar ``FILE.definitions.json``
    with the table's SHA-256. Parquet keeps them in its metadata.

    Parameters
    ----------
    frame
        The endpoint table (``endpoint_frame``).
    path
        Output file; ``format`` (csv, xlsx or parquet) defaults to its suffix.
    definitions
        The definitions the table was derived with.

    Returns
    -------
    list of Path
        The files written (the table, and for CSV and XLSX the sidecar).
    """
    from graftline.export import replaced, write_csv, write_xlsx

    path = Path(path)
    kind = _format(path, format)
    if kind == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(frame, preserve_index=False)
        metadata = {**(table.schema.metadata or {}), PARQUET_KEY: definitions.to_json().encode()}
        with replaced(path) as partial:
            pq.write_table(table.replace_schema_metadata(metadata), partial)
        return [path]
    sidecar = sidecar_path(path)
    # The table is renamed into place first, then the sidecar: interrupted in
    # between, the old sidecar no longer matches the table's SHA-256, and the
    # table reads as "definitions unknown", never with the wrong ones.
    with replaced(sidecar) as sidecar_partial, replaced(path) as partial:
        (write_xlsx if kind == "xlsx" else write_csv)(frame, partial)
        record = {"table": path.name, "sha256": _sha256(partial), "rows": len(frame),
                  "definitions": definitions.to_dict()}
        sidecar_partial.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return [path, sidecar]


@dataclass(frozen=True)
class StoredDefinitions:
    """What is known of how an endpoint table on disk was derived.

    ``definitions`` is None when nothing is known; ``note`` then says why
    (no sidecar, or a sidecar that does not match the table).
    """

    definitions: EndpointDefinitions | None
    note: str

    def describe(self) -> str:
        """One line for a command's output."""
        if self.definitions is None:
            return f"endpoint definitions: unknown ({self.note})"
        return f"endpoint definitions: {self.definitions.summary()} ({self.note})"


def read_endpoint_definitions(path: str | os.PathLike) -> StoredDefinitions:
    """The definitions an endpoint table was derived with, as far as they are known.

    Raises
    ------
    InputError
        If the stored definitions are unreadable or name an unknown option.
    """
    path = Path(path)
    if path.is_dir():
        return StoredDefinitions(None, f"{path.name} is a folder of parts, which carries no graftline definitions")
    if path.suffix.lower() in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        try:
            metadata = pq.read_schema(path).metadata or {}
        except (OSError, ValueError) as error:
            raise InputError(f"{path}: not a readable Parquet file ({error})") from None
        if PARQUET_KEY not in metadata:
            return StoredDefinitions(None, f"{path.name} carries no graftline definitions")
        text = metadata[PARQUET_KEY].decode("utf-8")
        return StoredDefinitions(EndpointDefinitions.from_json(text, where=f"{path.name} metadata"), f"stored in {path.name}")
    sidecar = sidecar_path(path)
    if not sidecar.exists():
        return StoredDefinitions(None, f"no {sidecar.name} beside the table")
    try:
        record = json.loads(sidecar.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise InputError(f"{sidecar}: not valid JSON ({error.msg} at line {error.lineno})") from None
    except UnicodeDecodeError:
        raise InputError(f"{sidecar}: not UTF-8 text; expected the JSON graftline endpoints wrote") from None
    if not isinstance(record, dict) or "definitions" not in record:
        raise InputError(f"{sidecar}: expected the graftline record with 'definitions'")
    if record.get("sha256") != _sha256(path):
        return StoredDefinitions(None, f"{sidecar.name} does not match {path.name}: the table changed after graftline wrote it")
    definitions = EndpointDefinitions.from_dict(record["definitions"], where=str(sidecar))
    return StoredDefinitions(definitions, f"from {sidecar.name}")


def read_endpoint_table(path: str | os.PathLike, *, what: str = "the endpoint table",
                        ) -> tuple[pd.DataFrame, StoredDefinitions]:
    """Read an endpoint table (CSV, Parquet, or a folder of Parquet parts) and what is known of its definitions.

    Every way the file can be wrong (missing, empty, not text, a folder of
    CSV parts, ...) is one :class:`~graftline.errors.InputError` naming it
    (:func:`graftline.table_files.read_table_file`; ``what`` is what the file
    should hold, for that message).
    """
    from graftline.table_files import read_table_file

    frame = read_table_file(path, what=what)
    return frame, read_endpoint_definitions(path)
