"""Ingest's single pass over a CSV labs file stores and reports what the staged path does.

The single pass (graftline.cohort.streamed_labs) only changes speed: for a
clean file it must store exactly the staged path's tables, and for a file
with any problem it must give way to the staged path, so that the report is
the same. Each case below breaks (or nearly breaks) one rule and runs both
paths on the same files.
"""

from __future__ import annotations

import csv
import shutil

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings
from store_contents import read_store

from graftline.cohort import CohortValidationError, ingest, ingestion, streamed_labs
from graftline.cohort.units import normalise_unit_spelling


def _outcome(directory, db, monkeypatch, *, single_pass: bool):
    """('stored', contents) or ('refused', problems) for one ingest."""
    monkeypatch.setattr(ingestion, "SINGLE_PASS", single_pass)
    try:
        ingest(directory, db)
    except CohortValidationError as error:
        assert not db.exists()
        return "refused", [str(p) for p in error.report.problems]
    return "stored", read_store(db)


def _both_paths(directory, tmp_path, monkeypatch):
    """Both outcomes, written into a new folder under ``tmp_path``."""
    out = tmp_path / f"run{len(list(tmp_path.glob('run*')))}"
    out.mkdir()
    single = _outcome(directory, out / "single.duckdb", monkeypatch, single_pass=True)
    staged = _outcome(directory, out / "staged.duckdb", monkeypatch, single_pass=False)
    return single, staged


def _staged_path_forbidden(*args, **kwargs):
    raise AssertionError("the labs took the staged path")


def test_a_clean_csv_is_stored_in_one_pass_exactly_as_the_staged_path_stores_it(cohort, tmp_path, monkeypatch):
    # Odd but valid spellings take the general normalisation inside the pass.
    cohort.set("labs", 2, "patient_id", " EX01 ")
    cohort.set("labs", 3, "analyte", "pLt")
    cohort.set("labs", 4, "unit", "cells / µL")
    cohort.set("labs", 5, "unit", "K/ul")
    cohort.set("labs", 5, "value", "36")  # 36000 K/uL would be implausible (a warning: staged path)
    with monkeypatch.context() as patch:
        patch.setattr(ingestion, "stage_deferred", _staged_path_forbidden)
        single = _outcome(cohort.dir, tmp_path / "single.duckdb", patch, single_pass=True)
    staged = _outcome(cohort.dir, tmp_path / "staged.duckdb", monkeypatch, single_pass=False)
    assert single[0] == staged[0] == "stored"
    assert single[1].keys() == staged[1].keys()
    for name in single[1]:
        assert single[1][name] == staged[1][name], name
    labs = single[1]["labs"]
    assert labs[0][0] == "EX01" and labs[1][3] == "plt" and labs[2][4] == 0.675  # 675 /uL
    assert [row[7] for row in labs] == list(range(2, len(labs) + 2))  # source_row: the file rows


def _write_labs(cohort, header, rows):
    cohort.write("labs", [header, *rows])


# (change to examples/cohort, whether the data are still valid)
CASES = {
    "missing patient_id": (lambda c: c.set("labs", 2, "patient_id", ""), False),
    "blank patient_id": (lambda c: c.set("labs", 2, "patient_id", "   "), False),
    "unknown patient_id": (lambda c: c.set("labs", 9, "patient_id", "EX99"), False),
    "missing analyte": (lambda c: c.set("labs", 2, "analyte", ""), False),
    "unknown analyte": (lambda c: c.set("labs", 2, "analyte", "neutrophils"), False),
    "analyte with spaces": (lambda c: c.set("labs", 2, "analyte", " anc "), True),
    "missing value": (lambda c: c.set("labs", 2, "value", ""), False),
    "value with text": (lambda c: c.set("labs", 2, "value", "1,5"), False),
    "negative count": (lambda c: c.set("labs", 3, "value", "-4"), False),
    "qualified value": (lambda c: c.set("labs", 3, "value", "<100"), True),
    "missing unit": (lambda c: c.set("labs", 2, "unit", ""), False),
    "unknown unit": (lambda c: c.set("labs", 9, "unit", "mg"), False),
    "chemistry unit on a count": (lambda c: c.set("labs", 9, "unit", "g/dL"), False),
    "unparseable date": (lambda c: c.set("labs", 2, "date", "2023-02-30"), False),
    "implausible year": (lambda c: c.set("labs", 2, "date", "2204-02-03"), False),
    "no time": (lambda c: c.set("labs", 2, "date", ""), False),
    "day and date agree": (lambda c: c.set("labs", 2, "day", "-3"), True),
    "day and date disagree": (lambda c: c.set("labs", 2, "day", "5"), False),
    "day not whole": (lambda c: (c.set("labs", 2, "date", ""), c.set("labs", 2, "day", "3.5")), False),
    "before birth": (lambda c: c.set("labs", 2, "date", "1950-01-01"), False),
    "after death": (lambda c: c.append("labs", patient_id="EX02", day="301", analyte="anc", value="1", unit="10^9/L"), False),
    "death on the last lab day": (lambda c: c.append("labs", patient_id="EX02", day="300", analyte="anc", value="1", unit="10^9/L"), True),
    "death before day 0": (lambda c: (c.set("followup", 3, "death_day", "-2")), False),
    "row with too many fields": (lambda c: c.append("labs", patient_id="EX01", day="1,2", analyte="anc", value="1", unit="K/uL"), False),
    "patient without day 0": (lambda c: c.set("treatments", 2, "day0_date", ""), False),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_rule_gives_the_same_outcome_on_both_paths(case, cohort, tmp_path, monkeypatch):
    change, valid = CASES[case]
    change(cohort)
    single, staged = _both_paths(cohort.dir, tmp_path, monkeypatch)
    assert single == staged
    assert single[0] == ("stored" if valid else "refused")


def test_a_qualifier_column_is_checked_and_stored_the_same_way(cohort, tmp_path, monkeypatch):
    rows = cohort.read("labs")
    header = rows[0] + ["qualifier"]
    body = [r + [""] for r in rows[1:]]
    body[0][3], body[0][4], body[0][-1] = "PLT", "5", "<"  # qualifier given in its column
    body[1][4] = ">1000"  # ... or in the value
    cohort.write("labs", [header, *body])
    single, staged = _both_paths(cohort.dir, tmp_path, monkeypatch)
    assert single == staged and single[0] == "stored"
    body[2][-1] = "~"  # not a qualifier
    body[3][4], body[3][-1] = "<5", ">"  # contradicts the value
    cohort.write("labs", [header, *body])
    single, staged = _both_paths(cohort.dir, tmp_path, monkeypatch)
    assert single == staged and single[0] == "refused"
    assert any("unknown qualifier" in p for p in single[1]) and any("contradicts" in p for p in single[1])


def test_chemistry_and_percentages_take_their_own_units(cohort, tmp_path, monkeypatch):
    cohort.append("labs", patient_id="EX01", day="1", analyte="Hb", value="90", unit="g/L")
    cohort.append("labs", patient_id="EX01", day="1", analyte="bilirubin", value="34.2", unit="umol/L")
    cohort.append("labs", patient_id="EX01", day="1", analyte="neut_pct", value="55", unit="%")
    single, staged = _both_paths(cohort.dir, tmp_path, monkeypatch)
    assert single == staged and single[0] == "stored"
    cohort.append("labs", patient_id="EX01", day="2", analyte="NEUT_PCT", value="101", unit="%")
    single, staged = _both_paths(cohort.dir, tmp_path, monkeypatch)
    assert single == staged and single[0] == "refused"
    assert any("impossible percentage" in p for p in single[1])


def test_common_spellings_are_the_spellings_the_staged_path_normalises():
    for written, analyte in streamed_labs.analyte_spellings().items():
        assert written.strip().lower().replace(" ", "_").replace("-", "_") == analyte
    normal, written_units = streamed_labs.unit_spellings()
    for written, spelling in written_units.items():
        assert normalise_unit_spelling(written) == spelling and spelling in normal
    assert {"K/uL", "10^9/L", "/uL", "G/L", "cells/mm3", "g/dL", "mg/dL", "umol/L"} <= written_units.keys()


# Random lab files: mostly plausible rows with some nearly-right cells.
cell = {
    "patient_id": st.sampled_from(["EX01", "EX02", "EX03", " EX01", "EX99", "", "ex01"]),
    "day": st.sampled_from(["", "-3", "0", "14", "3.0", "3.5", "x", "400"]),
    "date": st.sampled_from(["", "2023-02-03", "2023-02-09", "2023-04-20", "2023-02-30", "1950-01-01", "2023/02/09"]),
    "analyte": st.sampled_from(["anc", "ANC", "Plt", "wbc", "hb", "neut_pct", "bilirubin", "n", ""]),
    "value": st.sampled_from(["0.5", "500", "0", "-1", "<0.1", ">5", "101", "abc", "", "1e3", "nan"]),
    "unit": st.sampled_from(["10^9/L", "K/uL", "/uL", "cells/µL", "g/dL", "%", "mg", "umol/L", ""]),
}
lab_rows = st.lists(st.fixed_dictionaries(cell), min_size=1, max_size=8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=lab_rows)
def test_random_lab_files_give_the_same_outcome_on_both_paths(example_dir, tmp_path_factory, monkeypatch, rows):
    directory = tmp_path_factory.mktemp("cohort")
    for name in ("patients", "treatments", "followup"):
        shutil.copy(example_dir / f"{name}.csv", directory / f"{name}.csv")
    with (directory / "labs.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(cell), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    single, staged = _both_paths(directory, directory, monkeypatch)
    assert single == staged


def test_a_pass_aborted_for_a_row_the_rules_accept_still_stores_the_labs(cohort, tmp_path, monkeypatch):
    # Should the pass ever stop on a clean file, the staged path checks and stores it.
    staged = _outcome(cohort.dir, tmp_path / "staged.duckdb", monkeypatch, single_pass=False)
    aborted = []

    def pretend_a_lab_after_death(con):
        aborted.append(True)
        return False

    monkeypatch.setattr(streamed_labs, "check_births_and_deaths", pretend_a_lab_after_death)
    single = _outcome(cohort.dir, tmp_path / "single.duckdb", monkeypatch, single_pass=True)
    assert aborted and single[0] == "stored"
    assert single == staged
