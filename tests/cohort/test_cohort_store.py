"""The store: connect() by path or URL, store_tables() into any Ibis backend, read_warnings()."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from graftline.cohort import TABLES, connect, ingest, read_warnings, store_tables, stored_types
from graftline.errors import InputError


@pytest.fixture(scope="module")
def example_store(tmp_path_factory, example_dir):
    db = tmp_path_factory.mktemp("store") / "cohort.duckdb"
    ingest(example_dir, db)
    return db


def _frames(con) -> dict[str, pd.DataFrame]:
    return {name: con.table(name).to_pandas() for name in TABLES}


def test_connect_path_opens_the_duckdb_file_through_ibis(example_store):
    con = connect(example_store, read_only=True)
    labs = con.table("labs")
    assert tuple(labs.columns) == TABLES["labs"].stored_columns
    anc = labs.filter(labs.analyte == "anc").count().execute()
    assert anc == 271  # examples/cohort/labs.csv: one ANC and one PLT per patient-day
    assert str(labs.schema()["day"]) == "int32" and str(labs.schema()["date"]) == "date"


def test_connect_refuses_missing_read_only_file(tmp_path):
    with pytest.raises(InputError, match="no cohort database"):
        connect(tmp_path / "none.duckdb", read_only=True)


def test_store_tables_round_trips_clean_frames(example_store, tmp_path):
    source = connect(example_store, read_only=True)
    frames = _frames(source)
    target = connect(tmp_path / "copy.duckdb")
    store_tables(target, frames)
    copied = _frames(target)
    for name in TABLES:
        pd.testing.assert_frame_equal(frames[name], copied[name], obj=name)


def test_store_tables_adds_missing_optional_columns_and_empty_tables(tmp_path):
    con = connect(tmp_path / "sim.duckdb")
    # What a simulator writes: only the columns it knows.
    store_tables(con, {
        "patients": pd.DataFrame({"patient_id": ["S1", "S2"], "age": [60, 70]}),
        "labs": pd.DataFrame({"patient_id": ["S1"], "day": [3], "analyte": ["anc"], "value": [0.4], "unit": ["10^9/L"]}),
    })
    assert set(TABLES) <= set(con.list_tables())
    labs = con.table("labs").to_pandas()
    assert tuple(labs.columns) == TABLES["labs"].stored_columns
    assert labs.loc[0, "day"] == 3 and pd.isna(labs.loc[0, "date"])
    assert con.table("chimerism").count().execute() == 0
    for name, (_, ibis_type) in stored_types(TABLES["labs"]).items():
        assert str(con.table("labs").schema()[name]) == ibis_type


def test_store_tables_rejects_unknown_tables_and_columns(tmp_path):
    con = connect(tmp_path / "x.duckdb")
    with pytest.raises(InputError, match="unknown cohort tables"):
        store_tables(con, {"lab": pd.DataFrame()})
    with pytest.raises(InputError, match=r"table labs: unknown columns \['anc'\]"):
        store_tables(con, {"labs": pd.DataFrame({"anc": [1.0]})})


def test_read_warnings_is_empty_for_a_clean_store(example_store):
    warnings = read_warnings(example_store)
    assert list(warnings.columns) == ["file", "row", "column", "value", "message", "expected", "severity"]
    assert len(warnings) == 0


def _postgres_url(in_ci: bool) -> str:
    url = os.environ.get("GRAFTLINE_PG_URL")
    if not url:
        if in_ci:
            pytest.fail("CI=true but GRAFTLINE_PG_URL is not set")
        pytest.skip("no PostgreSQL: set GRAFTLINE_PG_URL (see .ci/run)")
    return url


@pytest.mark.postgres
def test_store_tables_on_postgresql_round_trips(example_store, in_ci):
    url = _postgres_url(in_ci)
    try:
        con = connect(url)
    except InputError as error:
        if in_ci:
            raise
        pytest.skip(f"PostgreSQL not reachable: {error}")
    frames = _frames(connect(example_store, read_only=True))
    store_tables(con, frames)
    for name in TABLES:
        back = con.table(name).to_pandas()
        sort = [c for c in ("patient_id", "source_row", "day") if c in back.columns]
        pd.testing.assert_frame_equal(
            frames[name].sort_values(sort).reset_index(drop=True),
            back.sort_values(sort).reset_index(drop=True),
            obj=name, check_dtype=False,
        )


def test_a_file_that_is_not_a_duckdb_database_is_a_clear_error(tmp_path):
    # e.g. `graftline endpoints --db notes.csv`: the message names the file, no traceback.
    not_a_database = tmp_path / "notes.csv"
    not_a_database.write_text("a,b\n1,2\n")
    with pytest.raises(InputError, match="cannot open .*notes.csv as a cohort database"):
        connect(not_a_database, read_only=True)
    assert not_a_database.read_text() == "a,b\n1,2\n"


def test_store_tables_replaces_the_labs_of_an_ingested_store(example_dir, tmp_path):
    # Ingest keeps labs as a view over coded data (labs_layout); a plain table replaces both.
    db = tmp_path / "cohort.duckdb"
    ingest(example_dir, db)
    con = connect(db)
    assert "labs_data" in con.list_tables() and con.table("labs").count().execute() == 542  # rows of labs.csv
    store_tables(con, {"labs": pd.DataFrame({"patient_id": ["EX01"], "day": [3], "analyte": ["anc"],
                                             "value": [0.4], "unit": ["10^9/L"]})}, complete=False)
    labs = con.table("labs").to_pandas()
    assert "labs_data" not in con.list_tables()
    assert labs[["patient_id", "day", "value"]].values.tolist() == [["EX01", 3, 0.4]]
    assert con.table("patients").count().execute() == 8  # the other tables are kept
