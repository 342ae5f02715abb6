"""Every reader, fed arbitrary input, succeeds or raises a located InputError (issue 18).

Property-based tests (hypothesis) of each reader of user files: cohort
tables as CSV, Parquet and Excel; RIS, MEDLINE and CSV literature exports;
PubMed XML answers; the extraction sheet; and endpoint tables given to the
statistics commands. Any other exception is a bug. Examples are generated
from a fixed seed (``derandomize``) and bounded, so each suite takes a few
seconds and gives the same result on every run; no example database is
written. ``GRAFTLINE_FUZZ_EXAMPLES=500`` runs many fresh random examples
instead, to explore.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graftline.errors import InputError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "cohort"
# GRAFTLINE_FUZZ_EXAMPLES=500 explores further with fresh random examples (not in CI).
_EXPLORE = int(os.environ.get("GRAFTLINE_FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=_EXPLORE or 25, derandomize=not _EXPLORE, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
FEW = settings(FUZZ, max_examples=_EXPLORE or 12)

# Cells that break parsers: separators, quotes, line ends, NUL, BOM, formulas,
# numbers in odd spellings, dates in odd formats, very long text.
NASTY = st.sampled_from([
    "", " ", ",", ";", "\t", '"', '""', "'", "\n", "\r\n", "\r", "\x00", "\ufeff", "\u00a0", "é", "µL",
    "=1+1", "-", "+", "@x", "NaN", "nan", "inf", "-inf", "1e308", "1e-320", "-0", "0x1A", "1,5", "1.5.5",
    "<0.1", ">", "< >", "2023-02-30", "31/12/2023", "0000-00-00", "9999-12-31", "2023-13-01", "12:00",
    "TRUE", "yes", "ja", "EX01", " EX01 ", "ex01", "anc", "ANC", "plt", "/uL", "10^9/L", "K/uL", "mg",
    "x" * 300, "[/]", "[bold]", "%s", "{0}", "NULL", "None",
])
CELL = st.one_of(NASTY, st.text(max_size=12), st.integers(-10**6, 10**6).map(str),
                 st.floats(allow_nan=True, allow_infinity=True).map(repr))


def _csv_text(header: list[str], rows: list[list[str]], sep: str) -> str:
    buffer = io.StringIO()
    import csv

    csv.writer(buffer, delimiter=sep, lineterminator="\n").writerows([header, *rows])
    return buffer.getvalue()


def _headers(table: str) -> list[str]:
    from graftline.cohort.readers import input_columns
    from graftline.cohort.schema import TABLES

    return list(input_columns(TABLES[table]))


@st.composite
def table_csv(draw, table: str) -> bytes:
    """A CSV for ``table``: mostly its own columns (so parsing gets past the header), some noise."""
    known = _headers(table)
    header = draw(st.lists(st.one_of(st.sampled_from(known), NASTY), min_size=0, max_size=len(known) + 2))
    rows = draw(st.lists(st.lists(CELL, min_size=max(len(header) - 1, 0), max_size=len(header) + 1), max_size=6))
    sep = draw(st.sampled_from([",", ";", "\t", "|"]))
    text = _csv_text(header, rows, sep)
    if draw(st.booleans()):  # cut anywhere: a truncated file
        text = text[: draw(st.integers(0, len(text)))]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"]))
    return text.encode(encoding, errors="replace")


ANY_BYTES = st.binary(max_size=400)


@pytest.fixture(scope="module")
def cohort_copy(tmp_path_factory):
    base = tmp_path_factory.mktemp("fuzz") / "cohort"
    shutil.copytree(EXAMPLE, base)
    return base


def _validate_with(directory: Path, name: str, content: bytes):
    from graftline.cohort import validate

    for old in directory.glob(f"{name.split('.')[0]}.*"):
        old.unlink()
    (directory / name).write_bytes(content)
    try:
        report = validate(directory)
    except InputError:
        return None
    # Every problem is located: at least a file, and a row or column where one applies.
    for problem in report.problems:
        assert problem.file and problem.message
    return report


# --- cohort tables -------------------------------------------------------------


@FUZZ
@given(table=st.sampled_from(["labs", "patients", "treatments", "followup", "transfusions"]), data=st.data())
def test_cohort_csv(cohort_copy, table, data):
    content = data.draw(st.one_of(table_csv(table), ANY_BYTES))
    try:
        _validate_with(cohort_copy, f"{table}.csv", content)
    finally:
        shutil.copy(EXAMPLE / f"{table}.csv", cohort_copy / f"{table}.csv")


@st.composite
def frame_for(draw, table: str) -> pd.DataFrame:
    known = _headers(table)
    columns = draw(st.lists(st.sampled_from(known + ["extra", "Patient ID"]), max_size=len(known), unique=True))
    n = draw(st.integers(0, 5))
    kinds = st.sampled_from(["text", "int", "float", "bool", "date", "null"])
    data = {}
    for column in columns:
        kind = draw(kinds)
        if kind == "text":
            data[column] = draw(st.lists(CELL, min_size=n, max_size=n))
        elif kind == "int":
            data[column] = draw(st.lists(st.integers(-2**62, 2**62), min_size=n, max_size=n))
        elif kind == "float":
            data[column] = draw(st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=n, max_size=n))
        elif kind == "bool":
            data[column] = draw(st.lists(st.booleans(), min_size=n, max_size=n))
        elif kind == "date":
            data[column] = pd.to_datetime(draw(st.lists(st.datetimes(), min_size=n, max_size=n)))
        else:
            data[column] = [None] * n
    return pd.DataFrame(data, index=range(n))


@FEW
@given(table=st.sampled_from(["labs", "patients", "treatments"]), data=st.data())
def test_cohort_parquet(cohort_copy, table, data):
    frame = data.draw(frame_for(table))
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    content = buffer.getvalue()
    if data.draw(st.booleans()):
        content = content[: data.draw(st.integers(0, len(content)))]
    try:
        _validate_with(cohort_copy, f"{table}.parquet", content)
    finally:
        (cohort_copy / f"{table}.parquet").unlink(missing_ok=True)
        shutil.copy(EXAMPLE / f"{table}.csv", cohort_copy / f"{table}.csv")


@FEW
@given(table=st.sampled_from(["labs", "patients"]), data=st.data())
def test_cohort_excel(cohort_copy, table, data):
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    frame = data.draw(frame_for(table))
    # Characters an .xlsx cannot hold at all (openpyxl refuses to write them).
    frame = frame.map(lambda v: ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v)
    frame.columns = [ILLEGAL_CHARACTERS_RE.sub("", c) for c in frame.columns]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append([None if pd.isna(v) else (v.to_pydatetime() if isinstance(v, pd.Timestamp) else v) for v in row])
    if data.draw(st.booleans()) and frame.shape[1] > 1:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=2)
    if data.draw(st.booleans()):
        sheet.append(["=1/0", "=A1", ILLEGAL_CHARACTERS_RE.sub("", data.draw(CELL))])
    buffer = io.BytesIO()
    workbook.save(buffer)
    content = buffer.getvalue()
    if data.draw(st.booleans()):
        content = content[: data.draw(st.integers(0, len(content)))]
    try:
        _validate_with(cohort_copy, f"{table}.xlsx", content)
    finally:
        (cohort_copy / f"{table}.xlsx").unlink(missing_ok=True)
        shutil.copy(EXAMPLE / f"{table}.csv", cohort_copy / f"{table}.csv")


# --- literature exports --------------------------------------------------------

RIS_TAGS = ["TY", "ER", "TI", "T1", "AU", "A1", "PY", "Y1", "DO", "AN", "N1", "JO", "T2", "AB", "UR", "XX", "ty"]
MEDLINE_TAGS = ["PMID", "TI", "AB", "FAU", "AU", "DP", "AID", "LID", "JT", "TA", "PT", "XX", "  "]


@st.composite
def tagged_lines(draw, tags: list[str], form: str) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 14))):
        tag = draw(st.sampled_from(tags))
        value = draw(st.one_of(NASTY, st.text(max_size=20)))
        layout = draw(st.sampled_from([form, "{tag} - {value}", "{tag}  -{value}", "      {value}", "{value}"]))
        lines.append(layout.format(tag=tag, value=value.replace("\n", " ")))
    text = "\n".join(lines)
    return text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1"])), errors="replace")


def _read_export(path: Path, fmt: str):
    from graftline.review.imports import read_export

    try:
        return read_export(path, source="fuzz", format=fmt)
    except InputError:
        return None


@FUZZ
@given(content=st.one_of(tagged_lines(RIS_TAGS, "{tag}  - {value}"), ANY_BYTES))
def test_ris(tmp_path, content):
    path = tmp_path / "export.ris"
    path.write_bytes(content)
    _read_export(path, "ris")


@FUZZ
@given(content=st.one_of(tagged_lines(MEDLINE_TAGS, "{tag:<4}- {value}"), ANY_BYTES))
def test_medline(tmp_path, content):
    path = tmp_path / "export.nbib"
    path.write_bytes(content)
    _read_export(path, "medline")


@FUZZ
@given(content=st.one_of(
    st.lists(st.lists(CELL, max_size=5), max_size=5).map(
        lambda rows: _csv_text(["title", "authors", "year", "doi", "pmid"], rows, ",").encode()),
    ANY_BYTES))
def test_literature_csv(tmp_path, content):
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    _read_export(path, "csv")


XML_PIECES = st.sampled_from([
    "<PubmedArticleSet>", "</PubmedArticleSet>", "<PubmedArticle>", "</PubmedArticle>", "<MedlineCitation>",
    "</MedlineCitation>", "<PMID>1</PMID>", "<PMID></PMID>", "<PMID>x</PMID>", "<Article>", "</Article>",
    "<ArticleTitle>T</ArticleTitle>", "<AuthorList><Author><LastName>A</LastName></Author></AuthorList>",
    "<Journal><JournalIssue><PubDate><Year>20x1</Year></PubDate></JournalIssue></Journal>",
    "<PubmedData><ArticleIdList><ArticleId IdType=\"doi\">10.1/x</ArticleId></ArticleIdList></PubmedData>",
    "<eSearchResult>", "</eSearchResult>", "<Count>3</Count>", "<Count>-1</Count>", "<ERROR>bad</ERROR>",
    "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", "&a;", "&amp;", "<![CDATA[x]]>", "<?xml version=\"1.0\"?>", "<", ">",
])


@FUZZ
@given(content=st.one_of(st.lists(XML_PIECES, max_size=20).map(lambda parts: "".join(parts).encode()), ANY_BYTES))
def test_pubmed_xml(content):
    from graftline.review.pubmed_xml import parse_efetch, parse_esearch

    for parse in (lambda body: parse_efetch(body, origin="efetch batch 1"), parse_esearch):
        try:
            parse(content)
        except InputError:
            pass


# --- extraction sheet ----------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_extraction_sheet(tmp_path, data):
    from graftline.meta.sheet import prepare_outcome, read_extraction_sheet

    columns = ["study", "year", "design", "arm", "n", "mean", "sd", "median", "q1", "q3", "min", "max",
               "events", "outcome"]
    header = data.draw(st.lists(st.sampled_from(columns + ["extra"]), min_size=0, max_size=16, unique=True))
    rows = data.draw(st.lists(st.lists(st.one_of(CELL, st.sampled_from(["msc", "control", "rct", "x", "10", "3.5"])),
                                       min_size=len(header), max_size=len(header)), max_size=5))
    content = data.draw(st.one_of(st.just(_csv_text(header, rows, ",").encode()), ANY_BYTES))
    path = tmp_path / "sheet.csv"
    path.write_bytes(content)
    try:
        sheet = read_extraction_sheet(path)
        measure = data.draw(st.sampled_from([None, "MN", "PLO", "MD", "RR", "SMD"]))
        compare = data.draw(st.sampled_from([None, ("msc", "control")]))
        prepare_outcome(sheet, data.draw(st.sampled_from(["x", "10", "neutrophil_engraftment_days"])),
                        measure=measure, compare=compare, source=path.name)
    except InputError:
        pass


# --- endpoint tables given to the statistics commands --------------------------


@FEW
@given(data=st.data())
def test_endpoint_tables_in_statistics_commands(tmp_path, data, graftline):
    header = data.draw(st.lists(st.sampled_from(["patient_id", "arm", "os_day", "os_status", "relapse_day",
                                                 "relapse_status", "age", "x"]), max_size=8, unique=True))
    cell = st.one_of(CELL, st.sampled_from(["0", "1", "2", "10", "a", "b"]))
    rows = data.draw(st.lists(st.lists(cell, min_size=len(header), max_size=len(header)), max_size=6))
    content = data.draw(st.one_of(st.just(_csv_text(header, rows, ",").encode()), ANY_BYTES))
    path = tmp_path / "endpoints.csv"
    path.write_bytes(content)
    command = data.draw(st.sampled_from([
        ["km", path, "--time", "os_day", "--event", "os_status", "--group", "arm"],
        ["cox", path, "--time", "os_day", "--event", "os_status", "-x", "age"],
        ["cuminc", path, "--endpoint", "relapse", "--group", "arm"],
        ["fine-gray", path, "--endpoint", "relapse", "--covariates", "age"],
    ]))
    run = graftline(*command)
    assert run.code in (0, 1), run.output
    assert "Traceback" not in run.output
