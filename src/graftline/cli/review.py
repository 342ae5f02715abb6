"""``graftline review ...``: the systematic-review workflow on one project file."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer

from graftline.cli.app import app, console, say
from graftline.errors import InputError
from graftline.export import print_csv

review_app = typer.Typer(
    help="Systematic review: search, import, de-duplicate, screen, PRISMA 2020, extraction sheet.",
    no_args_is_help=True,
)
app.add_typer(review_app, name="review")

PROJECT = typer.Option(..., "--project", "-p", help="Review project file (made by `graftline review init`).")


def _open(path: Path):
    from graftline.review.project import ReviewProject

    return ReviewProject.open(path)


def _show(frame, *, csv: bool, title: str | None = None, max_width: int = 60) -> None:
    """A table for people (Rich, stdout) or CSV for programs."""
    if csv:
        print_csv(frame)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)  # printed with markup off: titles from exports as written
    for column in frame.columns:
        table.add_column(str(column), overflow="fold", max_width=max_width)
    for row in frame.itertuples(index=False):
        table.add_row(*["" if v is None or (isinstance(v, float) and v != v) else str(v) for v in row])
    Console(markup=False).print(table)


@review_app.command("init")
def init(path: Path = typer.Argument(..., help="New project file, e.g. review.duckdb.")) -> None:
    """Create an empty review project."""
    from graftline.review.project import ReviewProject

    ReviewProject.create(path).close()
    console.print(f"created review project {path}")


@review_app.command("search-pubmed")
def search_pubmed(
    project: Path = PROJECT,
    query: str = typer.Option(..., "--query", "-q", help="PubMed query, exactly as it should be reported."),
    mindate: str = typer.Option(None, help="Earliest publication date, YYYY[/MM[/DD]]."),
    maxdate: str = typer.Option(None, help="Latest publication date, YYYY[/MM[/DD]]."),
    batch_size: int = typer.Option(200, help="Records per efetch request."),
    cache_dir: Path = typer.Option(None, help="Response cache (default: <project>.cache next to the project)."),
    base_url: str = typer.Option(None, envvar="GRAFTLINE_EUTILS_URL", help="E-utilities base URL."),
    email: str = typer.Option(None, envvar="NCBI_EMAIL", help="Contact e-mail sent to NCBI (their request)."),
    refresh: bool = typer.Option(False, help="Ignore cached answers and ask PubMed again."),
) -> None:
    """Search PubMed (E-utilities) and store the records and the search log.

    The API key is read from the NCBI_API_KEY environment variable and never stored.
    """
    from graftline.review.eutils import DEFAULT_BASE_URL, EUtilsClient
    from graftline.review.pubmed import run_pubmed_search

    with _open(project) as review:
        client = EUtilsClient(base_url=base_url or DEFAULT_BASE_URL,
                              cache_dir=cache_dir or project.with_name(project.name + ".cache"),
                              email_address=email)
        search_id, search = run_pubmed_search(review, client, query, mindate=mindate, maxdate=maxdate,
                                              batch_size=batch_size, refresh=refresh)
    if search.hit_count == 0:
        say(f"PubMed found no records for {query!r}; the search is recorded "
            f"(search {search_id}, 0 hits) as PRISMA-S asks. Check the query.", style="yellow")
        return
    untitled = int(search.records["title"].isna().sum())
    console.print(f"search {search_id}: {search.hit_count} hits, {len(search.records)} records stored "
                  f"({search.requests_sent} requests, the rest from cache)"
                  + (f"; {untitled} record(s) have no title" if untitled else ""))


@review_app.command("import")
def import_file(
    file: Path = typer.Argument(..., help="Export file: .ris (also Ovid .ovd/.cgi/.txt), .nbib/.medline, "
                                "PubMed or EndNote .xml, .bib, or .csv (Scopus, WoS, Rayyan, Covidence)."),
    project: Path = PROJECT,
    source: str = typer.Option(..., "--source", "-s", help="Database the export came from, e.g. embase."),
    format: str = typer.Option(None, "--format", help="ris, medline, csv, pubmed-xml, endnote-xml or bibtex "
                               "(default: from the extension and content)."),
    query: str = typer.Option(None, help="The search string as run in the database (PRISMA-S)."),
    hit_count: int = typer.Option(None, help="Hits the database reported (default: records in the file)."),
    date_run: str = typer.Option(None, help="When the search was run, YYYY-MM-DD (default: now)."),
    keep_untitled: bool = typer.Option(False, help="Keep records without a title instead of refusing the file."),
) -> None:
    """Import a database export; the whole file or nothing.

    Lines outside any record are skipped and listed with their line numbers;
    a record that cannot be read stops the import. The summary says how many
    records each database in the file gave and how many lack a title, DOI or PMID.
    """
    from graftline.review.imports import import_export, load_export

    when = None
    if date_run:
        try:
            when = dt.datetime.fromisoformat(date_run)
        except ValueError:
            raise InputError(f"--date-run {date_run!r} is not a date (YYYY-MM-DD)") from None
    reading = load_export(file, source=source.strip().lower(), format=format)
    for warning in reading.warnings[:50]:
        say(warning, label="warning:", style="yellow")
    if len(reading.warnings) > 50:
        say(f"... and {len(reading.warnings) - 50} more lines skipped", label="warning:", style="yellow")
    with _open(project) as review:
        search_id, frame = import_export(review, file, source=source, query=query, hit_count=hit_count,
                                         date_run=when, keep_untitled=keep_untitled, reading=reading)
    console.print(f"imported {len(frame)} records from {file} ({reading.format}) as search {search_id} ({source})",
                  highlight=False)
    for row in reading.summary().itertuples(index=False):
        console.print(f"  {row.database}: {row.records} records; without title {row.without_title}, "
                      f"without DOI {row.without_doi}, without PMID {row.without_pmid}", highlight=False)
    for origin in frame.loc[frame["title"].isna(), "origin"]:
        say(f"{origin} has no title (kept)", label="warning:", style="yellow")


@review_app.command("searches")
def searches(project: Path = PROJECT, csv: bool = typer.Option(False, help="Print CSV.")) -> None:
    """The search log (PRISMA-S): database, query, filters, date run, hits."""
    with _open(project) as review:
        frame = review.query("SELECT search_id, database, interface, query, filters, date_run, hit_count, "
                             "records_imported, file FROM searches ORDER BY search_id")
    if not csv:
        frame["date_run"] = frame["date_run"].dt.strftime("%Y-%m-%d %H:%M UTC")
    _show(frame, csv=csv, title="Searches")


@review_app.command("records")
def records(
    project: Path = PROJECT,
    untitled: bool = typer.Option(False, help="Only records without a title."),
    unscreened: str = typer.Option(None, help="Only records awaiting a decision at this stage."),
    csv: bool = typer.Option(False, help="Print CSV."),
) -> None:
    """List records (not merged away)."""
    from graftline.review.records import project_records
    from graftline.review.screening import STAGES
    from graftline.review.screening import unscreened as waiting

    with _open(project) as review:
        if unscreened:
            if unscreened not in STAGES:
                raise InputError(f"--unscreened {unscreened!r} must be one of {', '.join(STAGES)}")
            frame = waiting(review, unscreened)[["record_id", "title"]]
        else:
            frame = project_records(review, include_duplicates=False)
            if untitled:
                frame = frame[frame["title"].isna()]
            frame = frame[["record_id", "source", "pmid", "doi", "year", "title", "origin"]]
    _show(frame, csv=csv, title="Records")


@review_app.command("dedupe")
def dedupe(
    project: Path = PROJECT,
    title_threshold: float = typer.Option(93.0, help="Minimum title similarity (0-100)."),
    author_threshold: float = typer.Option(88.0, help="Minimum first-author surname similarity (0-100)."),
    year_tolerance: int = typer.Option(1, help="Largest difference of publication years."),
) -> None:
    """Find and merge duplicate records (every merge is logged and can be undone)."""
    from graftline.review.duplicates import deduplicate_project

    with _open(project) as review:
        result = deduplicate_project(review, title_threshold=title_threshold, author_threshold=author_threshold,
                                     year_tolerance=year_tolerance)
    by_reason = result.merges["reason"].value_counts().to_dict()
    console.print(f"{len(result.merges)} duplicate(s) merged among {result.n_records} records "
                  f"({', '.join(f'{k}: {v}' for k, v in sorted(by_reason.items())) or 'none'}); "
                  "review them with `graftline review duplicates`")


@review_app.command("duplicates")
def duplicates(
    project: Path = PROJECT,
    all: bool = typer.Option(False, "--all", help="Include undone merges."),
    csv: bool = typer.Option(False, help="Print CSV."),
) -> None:
    """List merges with reason and score, for review."""
    from graftline.review.duplicates import list_merges

    with _open(project) as review:
        frame = list_merges(review, include_undone=all)
    columns = ["merge_id", "duplicate_id", "duplicate_source", "kept_id", "kept_source", "reason", "score",
               "detail", "duplicate_title", "kept_title"] + (["undone_at"] if all else [])
    _show(frame[columns], csv=csv, title="Merges", max_width=40)


@review_app.command("undo-merge")
def undo_merge(merge_id: int = typer.Argument(..., help="Merge id from `graftline review duplicates`."),
               project: Path = PROJECT) -> None:
    """Undo one merge; the pair is not merged again by later de-duplication."""
    from graftline.review.duplicates import undo_merge as undo

    with _open(project) as review:
        undo(review, merge_id)
    console.print(f"merge {merge_id} undone")


@review_app.command("reasons")
def reasons(project: Path = PROJECT,
            add: list[str] = typer.Option(None, "--add", help="Add an exclusion reason.")) -> None:
    """Show (or extend) the project's list of exclusion reasons."""
    with _open(project) as review:
        for reason in add or []:
            review.add_exclusion_reason(reason)
        listed = review.exclusion_reasons()
    for reason in listed:
        typer.echo(reason)


@review_app.command("screen")
def screen(
    record_ids: list[int] = typer.Argument(..., help="Record id(s)."),
    project: Path = PROJECT,
    stage: str = typer.Option(..., help="title_abstract or full_text."),
    decision: str = typer.Option(..., help="include, exclude or maybe."),
    reviewer: str = typer.Option(..., help="Who decides ('consensus' resolves conflicts)."),
    reason: str = typer.Option(None, help="Exclusion reason from `graftline review reasons`."),
) -> None:
    """Record one screening decision for one or more records."""
    import pandas as pd

    from graftline.review.screening import record_decisions

    frame = pd.DataFrame({"record_id": record_ids, "stage": stage, "decision": decision, "reviewer": reviewer,
                          "reason": reason})
    with _open(project) as review:
        n = record_decisions(review, frame, where=[f"record {r}" for r in record_ids])
    console.print(f"{n} decision(s) recorded")


@review_app.command("import-decisions")
def import_decisions(file: Path = typer.Argument(..., help="CSV: record_id, stage, decision, reason, reviewer."),
                     project: Path = PROJECT) -> None:
    """Import screening decisions from CSV (all or none)."""
    from graftline.review.screening import read_decisions_csv, record_decisions

    frame, where = read_decisions_csv(file)
    with _open(project) as review:
        n = record_decisions(review, frame, where=where)
    console.print(f"{n} decision(s) imported from {file}")


@review_app.command("settings")
def settings(
    project: Path = PROJECT,
    highlight_include: str = typer.Option(None, help="Terms highlighted green while screening, comma-separated "
                                          "('transplant*' matches any ending)."),
    highlight_exclude: str = typer.Option(None, help="Terms highlighted red while screening, comma-separated."),
    reviewers_per_record: int = typer.Option(None, help="Independent reviewers per record (2 = dual screening)."),
) -> None:
    """Show (or change) the project's screening settings."""
    from graftline.review.project import SETTINGS

    with _open(project) as review:
        for name, value in (("highlight_include", highlight_include), ("highlight_exclude", highlight_exclude),
                            ("reviewers_per_record", reviewers_per_record)):
            if value is not None:
                review.set_setting(name, str(value))
        values = {name: review.setting(name) for name in SETTINGS}
    for name, value in values.items():
        typer.echo(f"{name} = {value}")


@review_app.command("serve")
def serve(
    project: Path = PROJECT,
    host: str = typer.Option("127.0.0.1", help="Interface to listen on. Anything but loopback needs --reviewer."),
    port: int = typer.Option(8765, help="Port (0 picks a free one)."),
    reviewer: list[str] = typer.Option(None, "--reviewer", help="A reviewer allowed to log in (repeatable); each "
                                       "gets a token printed at start. Required off loopback; name 'consensus' "
                                       "for the reviewer who resolves conflicts."),
) -> None:
    """Screen in the browser: one record at a time, keyboard, blinded dual screening, live PRISMA counts.

    The server is the project file's only writer while it runs (DuckDB allows
    one); stop it with Ctrl-C and the CLI commands see the same decisions.
    """
    from graftline.review.web.serve import serve as run

    def announce(text: str) -> None:
        typer.echo(text)
        sys.stdout.flush()

    run(project, host=host, port=port, reviewers=reviewer or None, announce=announce)


@review_app.command("conflicts")
def conflicts(project: Path = PROJECT, stage: str = typer.Option(None, help="Only this stage."),
              csv: bool = typer.Option(False, help="Print CSV.")) -> None:
    """Records on which reviewers disagree."""
    from graftline.review.screening import conflicts as find

    with _open(project) as review:
        frame = find(review, stage)
    if frame.empty:
        console.print("no conflicts")
        return
    _show(frame[["stage", "record_id", "reviewer", "decision", "reason", "title"]], csv=csv, title="Conflicts")


@review_app.command("not-retrieved")
def not_retrieved(record_ids: list[int] = typer.Argument(...), project: Path = PROJECT,
                  note: str = typer.Option(None, help="Why (e.g. 'library could not obtain').")) -> None:
    """Record that full texts could not be obtained (PRISMA: reports not retrieved)."""
    from graftline.review.screening import mark_not_retrieved

    with _open(project) as review:
        mark_not_retrieved(review, record_ids, note=note)
    console.print(f"{len(record_ids)} report(s) marked as not retrieved")


@review_app.command("prioritise")
def prioritise(project: Path = PROJECT, top: int = typer.Option(20, help="How many to show."),
               csv: bool = typer.Option(False, help="Print CSV (all records).")) -> None:
    """Order unscreened records by predicted relevance. It only orders; it never decides."""
    from graftline.review.prioritise import prioritise as rank

    with _open(project) as review:
        result = rank(review)
    say(f"(model trained on {result.n_training} decisions, {result.n_included_training} included)",
        label=result.statement, style="bold")
    frame = result.ranking if csv else result.ranking.head(top)
    _show(frame.assign(relevance=frame["relevance"].round(3)), csv=csv, title="Screening order")


@review_app.command("prisma")
def prisma(
    project: Path = typer.Option(None, "--project", "-p", help="Review project file."),
    out: Path = typer.Option(..., "--out", help="Directory for prisma.svg, prisma.png, prisma_counts.csv."),
    from_counts: Path = typer.Option(None, help="Draw from an (edited) counts table instead of the project."),
) -> None:
    """PRISMA 2020 flow diagram (SVG, PNG) and counts table; counts must add up."""
    from graftline.review.flow_diagram import write_flow_diagram
    from graftline.review.prisma import counts_from_project, counts_from_table

    if from_counts is not None:
        counts = counts_from_table(from_counts)
    elif project is not None:
        with _open(project) as review:
            counts = counts_from_project(review)
    else:
        raise InputError("give --project or --from-counts")
    for path in write_flow_diagram(counts, out):
        console.print(f"wrote {path}")


@review_app.command("extraction-sheet")
def extraction_sheet(
    project: Path = PROJECT,
    out: Path = typer.Option(..., "--out", help="CSV to write (not overwritten)."),
    outcome: list[str] = typer.Option(None, "--outcome", help="One row per study per outcome, e.g. "
                                      "neutrophil_engraftment_days (repeatable)."),
    arm: list[str] = typer.Option(None, "--arm", help="One row per study per arm, e.g. msc, control (repeatable)."),
) -> None:
    """Write the extraction sheet `graftline meta` reads, pre-filled with the included studies."""
    from graftline.review.extraction import write_extraction_sheet

    with _open(project) as review:
        sheet = write_extraction_sheet(review, out, outcomes=tuple(outcome or ()), arms=tuple(arm or ()))
    console.print(f"wrote {out}: {sheet['study'].nunique()} included studies, {len(sheet)} rows")
