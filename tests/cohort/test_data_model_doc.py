"""docs/data-model.md documents every table and column of the schema, and the unit table."""

from __future__ import annotations

from pathlib import Path

from graftline.cohort.schema import TABLES
from graftline.cohort.schema_doc import BEGIN, END, generated_block
from graftline.cohort.units import COUNT_FACTORS

DOC = Path(__file__).resolve().parents[2] / "docs" / "data-model.md"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "cohort"


def test_generated_block_is_current():
    text = DOC.read_text()
    block = text[text.index(BEGIN): text.index(END) + len(END)]
    assert block == generated_block(), "run: python -m graftline.cohort.schema_doc docs/data-model.md"


def test_every_column_and_unit_is_documented():
    text = DOC.read_text()
    for table in TABLES.values():
        section = text[text.index(f"### `{table.name}`"):]
        section = section[: section.find("\n### ", 5)]
        for name in table.stored_columns:
            assert f"| `{name}` |" in section, f"{table.name}.{name}"
    for spelling in COUNT_FACTORS:
        assert f"`{spelling}`" in text


def test_every_table_has_an_example_file():
    for table in TABLES.values():
        assert (EXAMPLES / f"{table.name}.csv").exists(), table.name
        assert f"examples/cohort/{table.name}.csv" in DOC.read_text()
