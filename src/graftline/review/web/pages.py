"""Server-rendered pages of the screening app.

Every value that comes from a record, a reviewer or a setting goes through
:func:`esc` (``html.escape`` with quotes) or, for highlighted text,
:func:`highlight`, which finds the terms in the raw text and escapes each
piece separately, so a term can never create or break markup. The pages
load one stylesheet and one script from ``/static`` (shipped in the
package) and nothing else.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

STAGE_NAMES = {"title_abstract": "Title/abstract", "full_text": "Full text"}


def esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def term_pattern(terms: Iterable[str]) -> re.Pattern | None:
    """One case-insensitive pattern for highlight terms; a trailing ``*`` matches any word ending.

    Example
    -------
    >>> bool(term_pattern(["transplant*"]).search("Transplantation"))
    True
    """
    parts = []
    for term in terms:
        term = term.strip()
        if not term:
            continue
        prefix = term.endswith("*")
        body = re.escape(term.rstrip("*").strip())
        if body:
            parts.append(rf"\b{body}\w*" if prefix else rf"\b{body}\b")
    return re.compile("|".join(sorted(parts, key=len, reverse=True)), re.IGNORECASE) if parts else None


def highlight(text: str | None, include: re.Pattern | None, exclude: re.Pattern | None) -> str:
    """Escaped ``text`` with inclusion terms in ``<mark class="inc">`` and exclusion terms in ``<mark class="exc">``."""
    if not text:
        return ""
    spans = []
    for pattern, kind in ((include, "inc"), (exclude, "exc")):
        if pattern is not None:
            spans += [(m.start(), m.end(), kind) for m in pattern.finditer(text)]
    spans.sort()
    out, at = [], 0
    for start, end, kind in spans:
        if start < at:  # overlapping match: the first one wins
            continue
        out.append(esc(text[at:start]))
        out.append(f'<mark class="{kind}">{esc(text[start:end])}</mark>')
        at = end
    out.append(esc(text[at:]))
    return "".join(out)


def layout(title: str, body: str, *, reviewer: str | None = None, csrf: str | None = None,
           stage: str | None = None) -> str:
    nav = ""
    if reviewer:
        links = [f'<a href="/screen/{s}"{" aria-current=page" if s == stage else ""}>{esc(n)}</a>'
                 for s, n in STAGE_NAMES.items()]
        links.append('<a href="/progress">PRISMA and progress</a>')
        if reviewer == "consensus":
            links.append('<a href="/conflicts/title_abstract">Conflicts</a>')
        nav = (f'<nav>{" ".join(links)}<span class="who">Screening as <b id="reviewer">{esc(reviewer)}</b></span>'
               f'<form method="post" action="/logout" class="inline"><input type="hidden" name="csrf" '
               f'value="{esc(csrf)}"><button type="submit">Log out</button></form></nav>')
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)} - graftline screening'
            f'</title><meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<link rel="stylesheet" href="/static/screen.css"></head><body>{nav}<main>{body}</main>'
            f'<script src="/static/screen.js"></script></body></html>')


def login_page(csrf: str, *, tokens: bool, message: str | None = None) -> str:
    field = ('<label>Reviewer token <input name="token" autocomplete="off" autofocus required></label>'
             '<p class="hint">The token was printed when the server started; each reviewer has their own.</p>'
             if tokens else
             '<label>Your name <input name="name" autofocus required maxlength="40" pattern="[A-Za-z0-9 ._-]+">'
             '</label><p class="hint">Decisions are recorded under this name. Log in as <b>consensus</b> to '
             'resolve conflicts.</p>')
    error = f'<p class="error" role="alert">{esc(message)}</p>' if message else ""
    return layout("Log in", f'<h1>graftline screening</h1>{error}<form method="post" action="/login" '
                  f'class="card" id="login"><input type="hidden" name="csrf" value="{esc(csrf)}">{field}'
                  '<button type="submit">Start screening</button></form>')


def bar(label: str, done: int, total: int, ident: str) -> str:
    share = 0 if total == 0 else round(100 * done / total, 1)
    return (f'<div class="bar" id="{ident}"><span class="label">{esc(label)}</span><progress max="{total}" '
            f'value="{done}"></progress><span class="count"><span class="done">{done}</span> / '
            f'<span class="total">{total}</span> ({share}%)</span></div>')


def prisma_panel(tally) -> str:
    """The PRISMA 2020 boxes as they stand (ids are what the tests and script read)."""
    rows = [("identified", "Records identified", sum(tally.databases.values()) + sum(tally.registers.values())),
            ("duplicates", "Duplicates removed", tally.duplicates_removed),
            ("screened", "Records screened", tally.screened),
            ("excluded", "Records excluded", tally.screened_excluded),
            ("awaiting_ta", "Awaiting title/abstract decision", tally.awaiting_title_abstract),
            ("conflicts_ta", "Title/abstract conflicts", tally.conflicts_title_abstract),
            ("sought", "Reports sought for retrieval", tally.reports_sought),
            ("not_retrieved", "Reports not retrieved", tally.reports_not_retrieved),
            ("assessed", "Reports assessed for eligibility", tally.reports_sought - tally.reports_not_retrieved),
            ("reports_excluded", "Reports excluded", sum(tally.reports_excluded.values())),
            ("awaiting_ft", "Awaiting full-text decision", tally.awaiting_full_text),
            ("included", "Studies included", tally.reports_included)]
    cells = "".join(f'<tr><th scope="row">{esc(label)}</th><td id="prisma-{key}" data-key="{key}">{n}</td></tr>'
                    for key, label, n in rows)
    reasons = "".join(f"<li>{esc(reason)}: {n}</li>" for reason, n in tally.reports_excluded.items())
    status = "final" if tally.finished else "live (screening not finished)"
    return (f'<section class="card prisma" id="prisma"><h2>PRISMA 2020 counts <small id="prisma-status">{status}'
            f'</small></h2><table>{cells}</table>{f"<ul>{reasons}</ul>" if reasons else ""}</section>')


def record_card(record: dict, *, include, exclude) -> str:
    authors = record.get("authors") or []
    shown = "; ".join(authors[:8]) + (f"; ... ({len(authors)} authors)" if len(authors) > 8 else "")
    links = []
    if record.get("doi"):
        links.append(f'<a rel="noreferrer" target="_blank" href="https://doi.org/{esc(record["doi"])}">doi:'
                     f'{esc(record["doi"])}</a>')
    if record.get("pmid"):
        links.append(f'<a rel="noreferrer" target="_blank" href="https://pubmed.ncbi.nlm.nih.gov/'
                     f'{esc(record["pmid"])}/">PMID {esc(record["pmid"])}</a>')
    meta = " &middot; ".join(x for x in (esc(record.get("source")), esc(record.get("journal")),
                                         esc(record.get("year"))) if x)
    abstract = highlight(record.get("abstract"), include, exclude) or '<i class="hint">No abstract.</i>'
    return (f'<article class="card record" id="record" data-record-id="{record["record_id"]}">'
            f'<p class="meta">Record {record["record_id"]} &middot; {meta}</p>'
            f'<h1 id="title">{highlight(record.get("title"), include, exclude) or "<i>No title</i>"}</h1>'
            f'<p class="authors">{esc(shown)}</p><p class="links">{" ".join(links)}</p>'
            f'<div class="abstract" id="abstract">{abstract}</div></article>')


def decision_form(record_id: int, stage: str, reasons: list[str], csrf: str, *, back: str = "",
                  ident: str = "decide") -> str:
    options = "".join(f'<option value="{esc(r)}">{k}. {esc(r)}</option>' for k, r in enumerate(reasons, start=1))
    required = " (required)" if stage == "full_text" else " (optional)"
    return (f'<form method="post" action="/decide" class="decide" id="{ident}">'
            f'<input type="hidden" name="csrf" value="{esc(csrf)}"><input type="hidden" name="record_id" '
            f'value="{record_id}"><input type="hidden" name="stage" value="{esc(stage)}">'
            f'<input type="hidden" name="back" value="{esc(back)}">'
            f'<button name="decision" value="include" class="include" accesskey="i"><kbd>I</kbd> Include</button>'
            f'<button name="decision" value="maybe" class="maybe"><kbd>M</kbd> Maybe</button>'
            f'<button name="decision" value="exclude" class="exclude"><kbd>E</kbd> Exclude</button>'
            f'<label>Reason{required} <select name="reason" id="{ident}-reason"><option value="">-</option>'
            f'{options}</select></label></form>')


def screen_page(*, reviewer: str, csrf: str, stage: str, record: dict | None, progress: dict, tally, reasons,
                include, exclude, message: str | None = None, undo_available: bool) -> str:
    error = f'<p class="error" role="alert" id="message">{esc(message)}</p>' if message else ""
    undo = (f'<form method="post" action="/undo" id="undo"><input type="hidden" name="csrf" value="{esc(csrf)}">'
            f'<input type="hidden" name="stage" value="{esc(stage)}"><button type="submit"'
            f'{"" if undo_available else " disabled"}><kbd>U</kbd> Undo my last decision</button></form>')
    bars = (bar("My decisions", progress["mine"], progress["records"], "bar-mine")
            + bar("Records settled", progress["settled"], progress["records"], "bar-settled"))
    if record is None:
        main = (f'<article class="card done" id="done"><h1>Nothing left for you at '
                f'{esc(STAGE_NAMES[stage].lower())} screening</h1><p>Every record has its '
                f'{progress["reviewers_per_record"]} independent decision(s) or yours. Conflicts: '
                f'<b id="conflict-count">{progress["conflicts"]}</b> (resolved by the consensus reviewer).</p></article>')
    else:
        main = record_card(record, include=include, exclude=exclude) + decision_form(
            record["record_id"], stage, reasons, csrf)
    help_text = ('<p class="hint keys">Keys: <kbd>I</kbd> include, <kbd>E</kbd> exclude, <kbd>M</kbd> maybe, '
                 '<kbd>1</kbd>-<kbd>9</kbd> choose the exclusion reason, <kbd>U</kbd> undo. Blinded: you do not '
                 'see other reviewers\' decisions. Order: ' + esc(progress["order"]) + '.</p>')
    body = (f'<header class="stage"><h2>{esc(STAGE_NAMES[stage])} screening</h2>{bars}</header>{error}'
            f'<div class="columns"><div class="main">{main}{undo}{help_text}</div>'
            f'<aside>{prisma_panel(tally)}</aside></div>')
    return layout(f"{STAGE_NAMES[stage]} screening", body, reviewer=reviewer, csrf=csrf, stage=stage)


def conflicts_page(*, csrf: str, stage: str, conflicts: list, records: dict, reasons, include, exclude,
                   message: str | None = None) -> str:
    other = "full_text" if stage == "title_abstract" else "title_abstract"
    items = []
    for record_id, opinions in conflicts:
        record = records[record_id]
        views = "".join(f'<li><b>{esc(reviewer)}</b>: <span class="d-{esc(d)}">{esc(d)}</span>'
                        f'{f" ({esc(r)})" if r else ""}</li>' for reviewer, (d, r) in sorted(opinions.items()))
        items.append(f'<li class="card conflict" data-record-id="{record_id}"><h3>'
                     f'{highlight(record.get("title"), include, exclude)}</h3><ul class="views">{views}</ul>'
                     f'<details><summary>Abstract</summary>{highlight(record.get("abstract"), include, exclude)}'
                     f'</details>{decision_form(record_id, stage, reasons, csrf, back="conflicts", ident=f"resolve-{record_id}")}</li>')
    error = f'<p class="error" role="alert" id="message">{esc(message)}</p>' if message else ""
    listing = f'<ol class="conflicts" id="conflicts">{"".join(items)}</ol>' if items else (
        '<p class="card" id="no-conflicts">No conflicts.</p>')
    body = (f'<h1>Conflicts at {esc(STAGE_NAMES[stage].lower())} screening</h1>{error}'
            f'<p class="hint">Your decision as <b>consensus</b> settles each record. '
            f'<a href="/conflicts/{other}">{esc(STAGE_NAMES[other])} conflicts</a></p>{listing}')
    return layout("Conflicts", body, reviewer="consensus", csrf=csrf, stage=None)


def progress_page(*, reviewer: str, csrf: str, tally, progress: list[dict], reviewers: dict[str, int]) -> str:
    bars = "".join(bar(f"{STAGE_NAMES[p['stage']]}: records settled", p["settled"], p["records"],
                       f"bar-{p['stage']}") for p in progress)
    people = "".join(f"<tr><th scope=row>{esc(name)}</th><td>{n}</td></tr>" for name, n in sorted(reviewers.items()))
    body = (f'<h1>Progress</h1><section class="card">{bars}<h2>Decisions per reviewer</h2><table id="reviewers">'
            f'{people}</table><p class="hint">Counts only: decisions stay blinded until the conflicts view.</p>'
            f'</section>{prisma_panel(tally)}')
    return layout("Progress", body, reviewer=reviewer, csrf=csrf)


def message_page(title: str, text: str, *, reviewer: str | None = None, csrf: str | None = None) -> str:
    return layout(title, f'<h1>{esc(title)}</h1><p class="card">{esc(text)}</p>', reviewer=reviewer, csrf=csrf)
