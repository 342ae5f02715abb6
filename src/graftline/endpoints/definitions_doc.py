"""Render every endpoint option, its value in each preset and its source, for docs/endpoints.md.

The options table in ``docs/endpoints.md`` sits between generated-block
markers and is rewritten from :class:`EndpointDefinitions` by::

    python -m graftline.endpoints.definitions_doc docs/endpoints.md

A test fails when the document and the definitions disagree.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

from graftline.endpoints.definitions import PRESETS, EndpointDefinitions, _text

BEGIN = "<!-- BEGIN GENERATED FROM graftline.endpoints.definitions: do not edit by hand -->"
END = "<!-- END GENERATED -->"


def options_markdown() -> str:
    """One row per option: the value in every preset (bold where it differs) and the source."""
    names = list(PRESETS)
    lines = [
        "| option | " + " | ".join(f"`{n}`" for n in names) + " | rule | source |",
        "|---|" + "---|" * len(names) + "---|---|",
    ]
    for f in dataclasses.fields(EndpointDefinitions):
        if f.name == "preset_name":
            continue
        values = [_text(getattr(PRESETS[n], f.name)) for n in names]
        differs = len(set(values)) > 1
        shown = [f"**`{v}`**" if differs else f"`{v}`" for v in values]
        lines.append(f"| `{f.name}` | " + " | ".join(shown) + f" | {f.metadata['doc']} | {f.metadata['source']} |")
    return "\n".join(lines)


def generated_block() -> str:
    return "\n".join([BEGIN, "", options_markdown(), "", END])


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
