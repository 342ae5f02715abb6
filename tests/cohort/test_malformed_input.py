"""Property: random malformed CSV rows never produce a traceback.

Whatever text ends up in a cohort file, validation returns a report (or
raises InputError for the directory as a whole); ingest either writes a
database or raises CohortValidationError. Anything else is a bug.
"""

from __future__ import annotations

import csv
import shutil

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

from graftline.cohort import ValidationReport, ingest, validate
from graftline.errors import InputError

LAB_HEADER = ["patient_id", "day", "date", "analyte", "value", "unit", "qualifier"]

# Cells that are nearly right are the interesting ones: numbers with junk,
# dates in other formats, units and analytes in odd case, qualifiers, quotes.
nasty_cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "EX01", "EX99", "anc", "PLT", "Hb", "10^9/L", "/uL", "mg", "%", "<0.1",
                     "> 5", "-1", "1e400", "nan", "inf", "3.5", "2023-02-30", "2023-02-07", "07/02/2023",
                     "1,5", '"', "'", "\\", "NULL", "0x10", "1_000", "yes", "\t", "\u00b5", "999999999999"]),
    st.integers(-10**12, 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
lab_row = st.lists(nasty_cell, min_size=0, max_size=9)


def _copy(example_dir, tmp_path_factory):
    directory = tmp_path_factory.mktemp("cohort")
    for name in ("patients", "treatments", "followup"):
        shutil.copy(example_dir / f"{name}.csv", directory / f"{name}.csv")
    return directory


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(lab_row, min_size=0, max_size=6))
def test_random_lab_rows_never_raise_a_traceback(example_dir, tmp_path_factory, rows):
    directory = _copy(example_dir, tmp_path_factory)
    with (directory / "labs.csv").open("w", newline="", encoding="utf-8", errors="surrogatepass") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(LAB_HEADER)
        writer.writerows(rows)
    try:
        report = validate(directory)
    except InputError:
        return
    assert isinstance(report, ValidationReport)
    for problem in report.problems:
        assert problem.file and problem.message  # every problem is located and explained
    if report.ok:  # a clean report must ingest (refusals are tested in test_ingest)
        ingest(directory, directory / "cohort.duckdb")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=300))
def test_random_bytes_as_a_table_file_never_raise_a_traceback(example_dir, tmp_path_factory, content):
    directory = _copy(example_dir, tmp_path_factory)
    (directory / "infections.csv").write_bytes(content)
    report = validate(directory)
    assert isinstance(report, ValidationReport)
    assert all(p.file for p in report.problems)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    table=st.sampled_from(["patients", "treatments", "followup", "gvhd_assessments", "chimerism"]),
    rows=st.lists(lab_row, min_size=1, max_size=4),
)
def test_random_rows_in_parent_and_other_tables_never_raise_a_traceback(example_dir, tmp_path_factory, table, rows):
    # Broken parent tables (patients, treatments, followup) feed every cross-table rule.
    directory = tmp_path_factory.mktemp("cohort")
    for path in example_dir.glob("*.csv"):
        shutil.copy(path, directory / path.name)
    with (directory / f"{table}.csv").open() as handle:
        header = next(csv.reader(handle))
    with (directory / f"{table}.csv").open("a", newline="", encoding="utf-8", errors="surrogatepass") as handle:
        csv.writer(handle, lineterminator="\n").writerows([(r + [""] * len(header))[: len(header)] for r in rows])
    report = validate(directory)
    assert isinstance(report, ValidationReport)
    assert all(p.file and p.message for p in report.problems)
