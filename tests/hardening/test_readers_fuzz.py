"""Every reader, fed arbitrary input, succeeds or raises a located InputError (issue 18).

Property-based tests (hypothesis) of each reader of user files: cohort
tables as CSV, Parquet and Excel; RIS, MEDLINE, CSV, BibTeX and EndNote XML
literature exports; PubMed XML answers; REDCap data dictionaries and
exports; the extraction sheet; and endpoint tables given to the statistics
commands. Any other exception is a bug. Examples are generated
from a fixed seed (``derandomize``) and bounded, so each suite takes a few
seconds and gives the same result on every run; no example database is
written. ``GRAFTLINE_FUZZ_EXAMPLES=500`` runs many fresh random examples
instead, to explore (profiles in ``tests/conftest.py``).
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graftline.errors import InputError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "cohort"
# The number of examples comes from the hypothesis profile tests/conftest.py loads: "ci" under
# CI=true (fixed seed, fewest), "dev" otherwise, "explore" with GRAFTLINE_FUZZ_EXAMPLES=500.
FUZZ = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
#: Readers whose every example costs more (a whole cohort validated, a command run in-process).
FEW = settings(FUZZ, max_examples=max(FUZZ.max_examples // 2, 4))
FEWER = settings(FUZZ, max_examples=max(FUZZ.max_examples // 3, 3))

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


#: The tables fuzzed (the optional ones are left out of the copy: reading them costs each example time).
FUZZED_TABLES = ("labs", "patients", "treatments", "followup", "transfusions")


@pytest.fixture(scope="module")
def cohort_copy(tmp_path_factory):
    base = tmp_path_factory.mktemp("fuzz") / "cohort"
    base.mkdir()
    for table in FUZZED_TABLES:
        shutil.copy(EXAMPLE / f"{table}.csv", base)
    assert validate_ok(base)
    return base


def validate_ok(directory: Path) -> bool:
    from graftline.cohort import validate

    return validate(directory).ok


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
@given(table=st.sampled_from(FUZZED_TABLES), data=st.data())
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


BIBTEX_PIECES = st.sampled_from([
    "@article{key,", "@book{", "@comment{x}", "@string{j = {Blood}}", "@preamble{x}", "@misc{k2,\n", "}", "{", "}}",
    "\ttitle = {Mesenchymal {MSC} co-infusion},\n", "title = \"x\",", "author = {Okafor, C. and Lee, A.},\n",
    "author = {},", "year = {20x3},", "year = 2023,", "doi = {10.1/x},", "note = {PMID: 123},", "journal = j,",
    "pmid = {abc},", "= {", ",", "\n", "%", "\\", "@", "title = {unclosed",
])


@FUZZ
@given(content=st.one_of(st.lists(st.one_of(BIBTEX_PIECES, NASTY), max_size=24).map(lambda parts: "".join(parts).encode()),
                         ANY_BYTES))
def test_bibtex(tmp_path, content):
    path = tmp_path / "export.bib"
    path.write_bytes(content)
    _read_export(path, "bibtex")


ENDNOTE_PIECES = st.sampled_from([
    "<?xml version=\"1.0\"?>", "<xml>", "</xml>", "<records>", "</records>", "<record>", "</record>",
    "<titles><title>T</title></titles>", "<titles><title><style>A</style><style>B</style></title></titles>",
    "<contributors><authors><author>A, B.</author></authors></contributors>", "<dates><year>20x1</year></dates>",
    "<accession-num>123</accession-num>", "<remote-database-name>PubMed</remote-database-name>",
    "<electronic-resource-num>10.1/x</electronic-resource-num>", "<urls><related-urls><url>https://doi.org/10.1/y"
    "</url></related-urls></urls>", "<rec-number>x</rec-number>", "<notes>PMID: 9</notes>", "&amp;",
    "<![CDATA[x]]>", "<titles/>", "<dates><year/></dates>",
])
BROKEN_XML = st.sampled_from(["&bad;", "<", ">", "</record>", "\x00"])


@st.composite
def endnote_xml(draw) -> bytes:
    """Mostly well-formed EndNote XML with odd records; sometimes pieces in any order."""
    inner = st.lists(st.one_of(ENDNOTE_PIECES, NASTY.map(_xml_text)), max_size=8).map("".join)
    records = "".join(f"<record>{part}</record>" for part in draw(st.lists(inner, max_size=4)))
    text = f"<?xml version=\"1.0\"?><xml><records>{records}</records></xml>"
    if draw(st.integers(0, 3)) == 0:  # broken: a stray piece somewhere, or cut off
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(BROKEN_XML) + text[at:] if draw(st.booleans()) else text[:at]
    return text.encode()


def _xml_text(value: str) -> str:
    """Text as it may stand in XML (characters XML cannot hold dropped, markup escaped)."""
    kept = "".join(c for c in value if c in "\t\n\r" or (c >= " " and c != "\ufffe"))
    return kept.replace("&", "&amp;").replace("<", "&lt;")


@FUZZ
@given(content=st.one_of(endnote_xml(), st.lists(ENDNOTE_PIECES, max_size=24).map(lambda parts: "".join(parts).encode()),
                         ANY_BYTES))
def test_endnote_xml(tmp_path, content):
    path = tmp_path / "export.xml"
    path.write_bytes(content)
    _read_export(path, "endnote-xml")


_LAUGHS = ("<!DOCTYPE x [<!ENTITY a0 \"lol\">" + "".join(
    f"<!ENTITY a{i} \"{f'&a{i - 1};' * 10}\">" for i in range(1, 10)) + "]>")


@pytest.mark.parametrize("attack", [
    # "Billion laughs": nine levels of ten entities each expand to 3 GB of text.
    _LAUGHS + "<xml><records><record><titles><title>&a9;</title></titles></record></records></xml>",
    # An external entity (XXE) that would read a local file into the title.
    "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><records><record><titles><title>&e;</title>"
    "</titles></record></records></xml>",
])
def test_xml_entity_attacks_are_refused(tmp_path, attack):
    """An XML export cannot make graftline expand entities without bound or read a local file."""
    from graftline.review.imports import read_export
    from graftline.review.pubmed_xml import parse_efetch

    path = tmp_path / "export.xml"
    path.write_text('<?xml version="1.0"?>' + attack)
    with pytest.raises(InputError, match="line 1"):
        read_export(path, source="fuzz", format="endnote-xml")
    with pytest.raises(InputError):
        parse_efetch(attack.replace("xml><records", "PubmedArticleSet><x").encode(), origin="efetch batch 1")


# --- REDCap: data dictionary and export ----------------------------------------

REDCAP_DICTIONARY_HEADER = [
    "Variable / Field Name", "Form Name", "Section Header", "Field Type", "Field Label",
    "Choices, Calculations, OR Slider Labels", "Field Note", "Text Validation Type OR Show Slider Number",
    "Text Validation Min", "Text Validation Max", "Identifier?", "Branching Logic (Show field only if...)",
    "Required Field?", "Custom Alignment", "Question Number (surveys only)", "Matrix Group Name",
    "Matrix Ranking?", "Field Annotation",
]
REDCAP_CELL = st.one_of(CELL, st.sampled_from([
    "record_id", "patient", "lab_anc", "text", "dropdown", "radio", "checkbox", "yesno", "calc", "descriptive",
    "1, Yes | 0, No", "1, a|2", "date_ymd", "number", "integer", "[x] = '1'", "y", "2020-01-01", "0", "1",
]))


@pytest.fixture(scope="module")
def redcap_dictionary(tmp_path_factory):
    from graftline.cohort.redcap import write_dictionary

    return write_dictionary(tmp_path_factory.mktemp("redcap") / "dictionary.csv")


@FUZZ
@given(data=st.data())
def test_redcap_dictionary(tmp_path, data):
    from graftline.cohort.redcap.format import read_dictionary

    width = data.draw(st.integers(0, len(REDCAP_DICTIONARY_HEADER) + 1))
    header = REDCAP_DICTIONARY_HEADER[:width]
    rows = data.draw(st.lists(st.lists(REDCAP_CELL, min_size=max(width - 1, 0), max_size=width + 1), max_size=6))
    content = data.draw(st.one_of(st.just(_csv_text(header, rows, ",").encode()), ANY_BYTES))
    path = tmp_path / "dictionary.csv"
    path.write_bytes(content)
    try:
        read_dictionary(path)
    except InputError:
        pass


@FEW
@given(data=st.data())
def test_redcap_export(tmp_path, data, redcap_dictionary):
    """An export of graftline's REDCap project: its own columns, in any order and with any values."""
    from graftline.cohort.redcap import validate_redcap
    from graftline.cohort.redcap.export import export_columns
    from graftline.cohort.redcap.format import read_dictionary

    fields, _ = read_dictionary(redcap_dictionary)
    known = [column.name for column in export_columns(fields)]
    header = [known[0], *data.draw(st.lists(st.one_of(st.sampled_from(known[1:]), NASTY), max_size=10))]
    cell = st.one_of(REDCAP_CELL, st.sampled_from(["SIM1", "daily_labs", "1", "2", "10^9/L", "anc"]))
    rows = data.draw(st.lists(st.lists(cell, min_size=len(header) - 1, max_size=len(header) + 1), max_size=5))
    content = data.draw(st.one_of(st.just(_csv_text(header, rows, ",").encode()), ANY_BYTES))
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    try:
        validate_redcap(path, dictionary=redcap_dictionary)
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


STATISTICS_COMMANDS = {
    "km": ["--time", "os_day", "--event", "os_status", "--group", "arm"],
    "cox": ["--time", "os_day", "--event", "os_status", "-x", "age"],
    "cuminc": ["--endpoint", "relapse", "--group", "arm"],
    "fine-gray": ["--endpoint", "relapse", "--covariates", "age"],
    "rmst": ["--tau", "5", "--time", "os_day", "--event", "os_status", "--group", "arm"],
    "landmark": ["--outcome", "os", "--at", "2"],
    "balance": ["--treatment", "arm", "--adjust", "age"],
    "adjusted-curves": ["--endpoint", "os", "--treatment", "arm", "--adjust", "age", "--times", "5"],
    "multistate --endpoint": ["--endpoint", "relapse", "--times", "5"],
    "multistate --time": ["--time", "relapse_day", "--event", "relapse_status", "--group", "arm"],
}


@st.composite
def endpoint_csv(draw) -> bytes:
    header = draw(st.lists(st.sampled_from(["patient_id", "arm", "os_day", "os_status", "relapse_day",
                                            "relapse_status", "age", "x"]), max_size=8, unique=True))
    cell = st.one_of(CELL, st.sampled_from(["0", "1", "2", "10", "a", "b"]))
    rows = draw(st.lists(st.lists(cell, min_size=len(header), max_size=len(header)), max_size=6))
    return draw(st.one_of(st.just(_csv_text(header, rows, ",").encode()), ANY_BYTES))


@FUZZ
@given(content=endpoint_csv())
def test_endpoint_table_reader(tmp_path, content):
    """The one reader behind every statistics command (graftline.table_files via read_endpoint_table)."""
    from graftline.cli.endpoints import read_endpoint_table

    path = tmp_path / "endpoints.csv"
    path.write_bytes(content)
    try:
        read_endpoint_table(path, quiet_if_unknown=True)
    except InputError:
        pass


@pytest.mark.parametrize("command", sorted(STATISTICS_COMMANDS))
@FEWER
@given(content=endpoint_csv())
def test_endpoint_tables_in_statistics_commands(tmp_path, command, content, graftline):
    """Each statistics command, past the reader: columns of any type, too few rows, no events."""
    path = tmp_path / "endpoints.csv"
    path.write_bytes(content)
    run = graftline(command.split(" ")[0], path, *STATISTICS_COMMANDS[command])
    assert run.code in (0, 1), run.output
    assert "Traceback" not in run.output


# --- a chemotherapy protocol line (--regimen) ----------------------------------

REGIMEN_PIECES = st.sampled_from([
    "cytarabine", "daunorubicin", "mitoxantrone", "aspirin", " ", "  ", "+", "100", "1.5", "0", "-3", "1e400", "1.2.3",
    "mg/m2", "g/m2", "mg/m^2", "mg/kg", "ci", "3h", "0h", "30min", "1.2.3h", "q12h", "q0h", "q5h", "q99h", "d1-7",
    "d1,3,5", "d7-1", "d1-999999999", "d0", "d", "d-", "d1,,2", "d61",
])


@FUZZ
@given(line=st.one_of(st.lists(REGIMEN_PIECES, max_size=12).map(" ".join), st.text(max_size=40)))
def test_regimen_protocol_line(line):
    """Any --regimen text is a regimen within the documented bounds, or one message naming the line."""
    from graftline.simulate.regimens import MAX_CYCLE_DAY, MAX_DOSE_MG_M2, resolve_regimen

    try:
        regimen = resolve_regimen(line)
    except InputError as error:
        assert repr(line.strip().lower()) in str(error) or repr(line) in str(error) or "unknown regimen" in str(error)
        return
    for drug in regimen.drugs:
        assert 0 < drug.dose_mg_m2 <= MAX_DOSE_MG_M2 and 1 <= min(drug.days) <= max(drug.days) <= MAX_CYCLE_DAY
        assert drug.hours > 0 and 24 % round(24 / drug.per_day) == 0
