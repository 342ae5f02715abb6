"""Fixtures for the cohort tests: a fresh copy of the example cohort to break."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "cohort"


class CohortFiles:
    """A copy of examples/cohort whose CSV cells a test can change."""

    def __init__(self, directory: Path) -> None:
        self.dir = directory

    def read(self, table: str) -> list[list[str]]:
        with (self.dir / f"{table}.csv").open(newline="") as handle:
            return list(csv.reader(handle))

    def write(self, table: str, rows: list[list[str]]) -> None:
        with (self.dir / f"{table}.csv").open("w", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)

    def set(self, table: str, row: int, column: str, value: str) -> None:
        """Set a cell; ``row`` as a spreadsheet shows it (header = row 1)."""
        rows = self.read(table)
        rows[row - 1][rows[0].index(column)] = value
        self.write(table, rows)

    def get(self, table: str, row: int, column: str) -> str:
        rows = self.read(table)
        return rows[row - 1][rows[0].index(column)]

    def append(self, table: str, **values: str) -> int:
        """Append a row; returns its spreadsheet row number."""
        rows = self.read(table)
        rows.append([values.get(name, "") for name in rows[0]])
        self.write(table, rows)
        return len(rows)

    def drop_column(self, table: str, column: str) -> None:
        rows = self.read(table)
        index = rows[0].index(column)
        self.write(table, [r[:index] + r[index + 1:] for r in rows])

    def find_row(self, table: str, **match: str) -> int:
        rows = self.read(table)
        for number, row in enumerate(rows[1:], start=2):
            if all(row[rows[0].index(k)] == v for k, v in match.items()):
                return number
        raise LookupError(match)


@pytest.fixture
def cohort(tmp_path: Path) -> CohortFiles:
    directory = tmp_path / "cohort"
    shutil.copytree(EXAMPLE, directory)
    return CohortFiles(directory)


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE
