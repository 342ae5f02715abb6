"""Render the schema's tables and the unit table as Markdown for docs/data-model.md.

The column tables in ``docs/data-model.md`` sit between generated-block
markers and are rewritten from :mod:`graftline.cohort.schema` by::

    python -m graftline.cohort.schema_doc docs/data-model.md

A test fails when the document and the schema disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

from graftline.cohort.schema import COUNT_ANALYTES, TABLES, Table
from graftline.cohort.units import COUNT_FACTORS, COUNT_UNIT, OTHER_UNITS

BEGIN = "<!-- BEGIN GENERATED FROM graftline.cohort.schema: do not edit by hand -->"
END = "<!-- END GENERATED -->"


def _kind(column) -> str:
    if column.kind == "category":
        return "one of " + ", ".join(f"`{v}`" for v in column.allowed or ())
    return column.kind


def _aliases(column) -> str:
    if not column.aliases:
        return ""
    listed = ", ".join(f"`{spelling}` -> `{value}`" for spelling, value in column.aliases)
    return f" Also accepted (case, spaces and hyphens do not matter): {listed}."


def _bounds(column) -> str:
    parts = []
    if column.minimum is not None:
        parts.append(f">= {column.minimum:g}")
    if column.maximum is not None:
        parts.append(f"<= {column.maximum:g}")
    return ", ".join(parts)


def table_markdown(table: Table) -> str:
    lines = [
        f"### `{table.name}`{' (required)' if table.required else ''}",
        "",
        table.description,
        "",
        f"Example: [`examples/cohort/{table.name}.csv`](../examples/cohort/{table.name}.csv)."
        + (f" One row per {', '.join(table.key)}." if table.key else ""),
        "",
        "| column | type | required | unit | bounds | meaning |",
        "|---|---|---|---|---|---|",
    ]
    for time in table.times:
        need = "one of the two" if time.required else ""
        lines.append(f"| `{time.day}` | integer days from day 0 | {need} | days | | {time.description} |")
        lines.append(f"| `{time.date}` | date (YYYY-MM-DD) | {need} | | | The same time as a date; converted with `treatments.day0_date`. |")
    for column in table.columns:
        lines.append(
            f"| `{column.name}` | {_kind(column)} | {'yes' if column.required else ''} | "
            f"{column.unit or ''} | {_bounds(column)} | {column.description}{_aliases(column)} |"
        )
    return "\n".join(lines)


def unit_markdown() -> str:
    lines = [
        "### Units",
        "",
        f"Cell counts ({', '.join(f'`{a}`' for a in COUNT_ANALYTES)}) are stored in {COUNT_UNIT}. "
        "Accepted spellings (case, spaces and µ/u do not matter) and the factor to the stored unit:",
        "",
        "| analyte | unit as written | multiply by | stored unit |",
        "|---|---|---|---|",
    ]
    for spelling, factor in COUNT_FACTORS.items():
        lines.append(f"| counts | `{spelling}` | {factor:g} | {COUNT_UNIT} |")
    for analyte, (canonical, factors) in OTHER_UNITS.items():
        for spelling, factor in factors.items():
            lines.append(f"| `{analyte}` | `{spelling}` | {factor:.6g} | {canonical} |")
    return "\n".join(lines)


def generated_block() -> str:
    parts = [BEGIN, ""]
    for table in TABLES.values():
        parts += [table_markdown(table), ""]
    parts += [unit_markdown(), "", END]
    return "\n".join(parts)


def update(path: Path) -> bool:
    """Rewrite the generated block of ``path``; True if it changed."""
    text = path.read_text()
    start, end = text.index(BEGIN), text.index(END) + len(END)
    new = text[:start] + generated_block() + text[end:]
    path.write_text(new)
    return new != text


if __name__ == "__main__":
    changed = update(Path(sys.argv[1]))
    print(("updated " if changed else "unchanged ") + sys.argv[1])
