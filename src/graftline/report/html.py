"""Assemble the report as one self-contained HTML file.

Everything the page shows is inside the file: CSS in a ``<style>`` element,
figures as ``data:`` URIs (SVG, so they stay sharp when zoomed or printed),
no script, no web font, no link to anything outside. The file can be mailed
or archived with a paper and opens the same way offline, years later.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from graftline.report.figures import RenderedFigure

_CSS = """
:root { color-scheme: light; }
body { font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif;
  font-size: 14px; line-height: 1.45; color: #1a1a1a; background: #fff;
  max-width: 1100px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; border-bottom: 2px solid #1a1a1a; padding-bottom: 3px; margin-top: 40px; }
h3 { font-size: 15px; margin: 26px 0 8px; }
p.subtitle { color: #555; margin: 0 0 16px; }
nav ol { columns: 2; padding-left: 20px; }
table { border-collapse: collapse; margin: 8px 0 4px; font-size: 12.5px;
  font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 4px; }
thead th { border-top: 1.5px solid #1a1a1a; border-bottom: 1px solid #1a1a1a; }
tbody tr:last-child td { border-bottom: 1.5px solid #1a1a1a; }
th, td { padding: 3px 10px; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; }
.figures { display: flex; flex-wrap: wrap; gap: 18px 28px; }
figure { margin: 8px 0; width: 500px; max-width: 100%; }
figure img { width: 100%; height: auto; display: block; }
figure.wide { width: 900px; }
figcaption { font-size: 12px; color: #333; margin-top: 4px; }
.notice { border-left: 4px solid #D55E00; background: #fff4ec; padding: 6px 12px;
  margin: 8px 0; font-size: 13px; }
.note { font-size: 12px; color: #444; }
.banner { border: 2px solid #0072B2; background: #eef6fc; padding: 8px 14px; margin: 8px 0 16px;
  font-size: 14px; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; font-size: 13px; }
dl.meta dt { font-weight: bold; }
@media print { body { max-width: none; padding: 0; } h2 { break-before: page; }
  figure, table { break-inside: avoid; } }
"""


@dataclass(frozen=True)
class Paragraph:
    text: str
    css_class: str = ""


@dataclass(frozen=True)
class Notice:
    """Something that could not be estimated, with the reason."""

    text: str


@dataclass(frozen=True)
class TableBlock:
    frame: pd.DataFrame
    caption: str
    note: str = ""


@dataclass(frozen=True)
class FigureBlock:
    figure: RenderedFigure
    caption: str
    wide: bool = False  # a two-column figure (forest plots): shown at the page's width


@dataclass(frozen=True)
class FigureRow:
    """Figures shown side by side (wrapping on narrow screens)."""

    figures: tuple[FigureBlock, ...]


@dataclass(frozen=True)
class Definitions:
    """A key/value list (methods, software versions)."""

    items: tuple[tuple[str, str], ...]


Block = Paragraph | Notice | TableBlock | FigureBlock | FigureRow | Definitions


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)


def _table(block: TableBlock) -> str:
    frame = block.frame
    header = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for values in frame.itertuples(index=False):
        cells = []
        for position, value in enumerate(values):
            text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
            numeric = position > 0 and (text[:1].isdigit() or text[:1] in "<-" and text[1:2].isdigit())
            cells.append(f'<td class="num">{html.escape(text)}</td>' if numeric
                         else f"<td>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    note = f'<p class="note">{html.escape(block.note)}</p>' if block.note else ""
    return (f"<table><caption>{html.escape(block.caption)}</caption><thead><tr>{header}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{note}")


def _figure(block: FigureBlock) -> str:
    data = base64.b64encode(block.figure.svg).decode("ascii")
    caption = html.escape(block.caption)
    wide = ' class="wide"' if block.wide else ""
    return (f'<figure id="fig-{html.escape(block.figure.name)}"{wide}>'
            f'<img src="data:image/svg+xml;base64,{data}" alt="{caption}">'
            f"<figcaption>{caption} (files: {html.escape(block.figure.name)}.svg, "
            f"{html.escape(block.figure.name)}.png)</figcaption></figure>")


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        cls = f' class="{block.css_class}"' if block.css_class else ""
        return f"<p{cls}>{html.escape(block.text)}</p>"
    if isinstance(block, Notice):
        return f'<p class="notice"><strong>Not estimated:</strong> {html.escape(block.text)}</p>'
    if isinstance(block, TableBlock):
        return _table(block)
    if isinstance(block, FigureBlock):
        return _figure(block)
    if isinstance(block, FigureRow):
        return '<div class="figures">' + "".join(_figure(f) for f in block.figures) + "</div>"
    if isinstance(block, Definitions):
        items = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in block.items)
        return f'<dl class="meta">{items}</dl>'
    raise TypeError(f"unknown report block {type(block).__name__}")


def _section(section: Section, level: int) -> str:
    tag = f"h{level}"
    parts = [f'<section id="{html.escape(section.anchor)}"><{tag}>{html.escape(section.title)}</{tag}>']
    parts += [_block(block) for block in section.blocks]
    parts += [_section(sub, level + 1) for sub in section.subsections]
    parts.append("</section>")
    return "\n".join(parts)


def render_html(title: str, subtitle: str, sections: Sequence[Section], *, banner: str | None = None) -> str:
    """The complete report page.

    Parameters
    ----------
    title, subtitle
        Page heading and the line under it (cohort size, date).
    sections
        Top-level sections in order; a table of contents links to them.
    banner
        A statement every reader must see first (e.g. that the data are simulated).
    """
    shown = f'<p class="banner" role="note"><strong>{html.escape(banner)}</strong></p>' if banner else ""
    toc = "".join(
        f'<li><a href="#{html.escape(s.anchor)}">{html.escape(s.title)}</a></li>' for s in sections
    )
    body = "\n".join(_section(section, 2) for section in sections)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>\n"
        f"<h1>{html.escape(title)}</h1><p class=\"subtitle\">{html.escape(subtitle)}</p>{shown}"
        f"<nav><ol>{toc}</ol></nav>\n{body}\n</body></html>\n"
    )
