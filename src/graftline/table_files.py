"""Reading a table a user gives on the command line (an endpoint table): CSV or Parquet.

One reader for ``graftline km``, ``cox``, ``cuminc``, ``fine-gray`` and
``report --endpoints``, so that every way a file can be wrong ends in one
:class:`~graftline.errors.InputError` naming the file: missing, empty, not
text, not Parquet, ragged rows, or a folder.

A folder of Parquet parts (a partitioned export from Spark, a warehouse or
pyarrow; hive-style ``key=value`` sub-folders included) is read whole: all
parts, in name order. A folder of CSV parts is refused with the command that
combines it: row numbers in messages would otherwise point at no file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from graftline.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

CSV_SUFFIXES = (".csv", ".txt")
PARQUET_SUFFIXES = (".parquet", ".pq")


def read_table_file(path: str | os.PathLike, *, what: str = "an endpoint table") -> pd.DataFrame:
    """Read ``path`` (CSV, Parquet, or a folder of Parquet parts) into a DataFrame.

    Parameters
    ----------
    path
        The file or folder.
    what
        What the file should hold, for messages ("an endpoint table").

    Raises
    ------
    InputError
        For anything that is not a readable table, naming the file and what
        was expected.
    """
    import pandas as pd

    path = Path(path)
    expected = f"{what} as .csv or .parquet"
    if not path.exists():
        raise InputError(f"{path}: no such file; expected {expected}")
    if path.is_dir():
        return _read_folder(path, expected)
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES + PARQUET_SUFFIXES:
        raise InputError(f"{path}: expected {expected}, got {suffix or 'no suffix'!r}")
    try:
        if suffix in PARQUET_SUFFIXES:
            frame = pd.read_parquet(path)
        else:
            frame = pd.read_csv(path)
    except pd.errors.EmptyDataError:
        raise InputError(f"{path}: the file is empty; expected {what} with a header row") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; expected {expected} (save it as CSV UTF-8)") from None
    except pd.errors.ParserError as error:
        raise InputError(f"{path}: not a readable CSV file ({_first_line(error)})") from None
    except (OSError, ValueError) as error:  # pyarrow's ArrowInvalid is a ValueError
        raise InputError(f"{path}: cannot be read as {'Parquet' if suffix in PARQUET_SUFFIXES else 'CSV'} "
                         f"({_first_line(error)}); expected {expected}") from None
    if len(frame.columns) == 0:
        raise InputError(f"{path}: no columns; expected {what} with a header row")
    return frame


def _read_folder(path: Path, expected: str) -> pd.DataFrame:
    import pandas as pd

    parts = [p for p in path.rglob("*") if p.is_file() and not p.name.startswith((".", "_"))]
    parquet = [p for p in parts if p.suffix.lower() in PARQUET_SUFFIXES]
    if parquet and len(parquet) == len(parts):
        try:
            return pd.read_parquet(path)
        except (OSError, ValueError) as error:
            raise InputError(f"{path}: a folder of Parquet parts that cannot be read together "
                             f"({_first_line(error)})") from None
    kind = "CSV" if any(p.suffix.lower() in CSV_SUFFIXES for p in parts) else "other"
    hint = (f"; combine the parts first, e.g. duckdb -c \"COPY (SELECT * FROM read_csv('{path.name}/*.csv')) "
            f"TO '{path.stem}.parquet'\"" if kind == "CSV" else "")
    raise InputError(f"{path} is a folder of {len(parts)} {kind} file(s), not a table; expected {expected} "
                     f"or a folder of Parquet parts{hint}")


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:300] if text else type(error).__name__


__all__ = ["read_table_file"]
