"""``graftline endpoints`` and ``graftline explain`` on a DuckDB cohort file."""

from __future__ import annotations

import ibis
import pandas as pd
import pytest
from endpoint_timelines import Cohort

from graftline.cli import main
from graftline.endpoints import (
    ENDPOINT_COLUMNS,
    EndpointDefinitions,
    competing,
    explain,
    read_endpoint_definitions,
)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    cohort = Cohort()
    p = cohort.patient("P01", graft_source="pbsc")
    p.anc({**{d: 0.1 for d in range(10)}, 10: 0.6, 11: 0.7, 12: 0.8})
    p.plt({**{d: 10.0 for d in range(12)}, 12: 25.0, 13: 30.0, 14: 40.0}).transfusion(3).transfusion(5)
    p.gvhd(20, skin_bsa_pct=30).gvhd(30, skin_bsa_pct=60, bilirubin_mg_dl=2.5)
    cohort.patient("P02", modality="mst", death=40).anc({d: 1.0 for d in range(20)}).chimerism(30, 0.4, method="qpcr")
    path = tmp_path_factory.mktemp("store") / "cohort.duckdb"
    con = ibis.duckdb.connect(str(path))
    cohort.load_into(con)
    con.disconnect()
    return path


def run(args, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    captured = capsys.readouterr()
    # Rich wraps long messages on stderr; compare them with single spaces.
    return exit_info.value.code, captured.out, " ".join(captured.err.split())


def test_endpoints_csv_and_parquet(store, tmp_path, capsys):
    out = tmp_path / "endpoints.csv"
    options = ["--option", "anc_threshold=0.65", "--option", "engraftment_values=2"]
    code, _, err = run(["endpoints", "--db", str(store), "--out", str(out), *options], capsys)
    assert code in (0, None), err
    frame = pd.read_csv(out)
    assert tuple(frame.columns) == ENDPOINT_COLUMNS
    # Threshold 0.65: day 10 (0.6) is below, days 11-12 (0.7, 0.8) are two values >= 0.65 -> day 11.
    assert frame.set_index("patient_id").loc["P01", "neutrophil_engraftment_day"] == 11
    assert "deviation from harmonized2024: anc_threshold = 0.65 (preset 0.5)" in err
    # The file feeds the statistics layer directly.
    time, status = competing(frame, "neutrophil_engraftment")
    assert list(time) == [11.0] and list(status) == [1]  # P02 never fell below 0.65: not applicable, left out
    parquet = tmp_path / "endpoints.parquet"
    code, _, err = run(["endpoints", "--db", str(store), "--out", str(parquet), "--format", "parquet"], capsys)
    assert code in (0, None), err
    # Without the options the default preset holds (0.5, three values): days 10-12 (0.6, 0.7, 0.8) -> day 10.
    assert pd.read_parquet(parquet).set_index("patient_id").loc["P01", "neutrophil_engraftment_day"] == 10


def test_endpoints_bad_input_is_one_clear_message_and_leaves_output(store, tmp_path, capsys):
    out = tmp_path / "endpoints.csv"
    out.write_text("previous results\n")
    code, _, err = run(["endpoints", "--db", str(store), "--out", str(out), "--option", "anc_threshold=high"], capsys)
    assert code == 1 and "anc_threshold" in err and "Traceback" not in err
    assert out.read_text() == "previous results\n"
    missing = tmp_path / "missing.duckdb"
    code, _, err = run(["endpoints", "--db", str(missing), "--out", str(out)], capsys)
    # The message names the path (wording: this module's fallback or graftline.cohort.connect).
    assert code == 1
    assert str(missing) in err.replace(" ", "")
    assert not missing.exists()  # a missing store is not silently created


def test_explain_neutrophil_prints_rule_and_source_rows(store, capsys):
    code, out, err = run(["explain", "P01", "--db", str(store), "--endpoint", "neutrophil_engraftment"], capsys)
    assert code in (0, None), err
    assert "first of 3 consecutive" in out
    assert "neutrophil_engraftment_day = 10" in out
    # The three ANC values of the run with their source rows (ANC rows are source rows 2..14: day 10 is row 12).
    block = out.split("run of 3 values >= 0.5:")[1].strip().splitlines()
    header, rows = block[0].split(), [line.split() for line in block[1:4]]
    assert header == ["day", "analyte", "value", "unit", "source_row"]
    assert [(r[0], r[2], r[4]) for r in rows] == [("10", "0.6", "12"), ("11", "0.7", "13"), ("12", "0.8", "14")]
    assert "first value below threshold (nadir phase):" in out


def test_explain_not_applicable_shows_the_lowest_value(store, capsys):
    # P02 (MST): ANC 1.0 every day, never below 0.5 -> not applicable; the lowest value is shown.
    code, out, err = run(["explain", "P02", "--db", str(store), "--endpoint", "neutrophil_engraftment"], capsys)
    assert code in (0, None), err
    assert "neutrophil_engraftment_applicable = False" in out
    assert "lowest value, never below 0.5:" in out


def test_explain_platelets_shows_last_transfusion(store):
    explanation = explain(ibis.duckdb.connect(str(store), read_only=True), "P01", "platelet_engraftment")
    roles = explanation.to_frame().role.tolist()
    assert "last platelet transfusion before recovery (7 days before)" in roles
    # P01: platelets 10 until day 11, then 25, 30, 40 on days 12-14 (>= 20); the last
    # transfusion was on day 5, so day 12 is the first with 7 transfusion-free days before it.
    assert explanation.result["platelet_engraftment_day"] == 12


def test_explain_agvhd_shows_deciding_assessment_with_stages(store):
    # Day 20: skin 30 % (stage 2) -> grade I. Day 30: skin 60 % (stage 3) + bilirubin 2.5
    # (liver stage 1) -> grade II: the first assessment with grade >= II decides.
    explanation = explain(ibis.duckdb.connect(str(store), read_only=True), "P01", "agvhd_2_4")
    rows = explanation.to_frame()
    assert rows.day.tolist() == [30]
    assert (rows.skin_stage.iloc[0], rows.liver_stage.iloc[0], rows.agvhd_grade.iloc[0]) == (3, 1, 2)


def test_explain_mst_chimerism_and_unknown_patient(store):
    con = ibis.duckdb.connect(str(store), read_only=True)
    explanation = explain(con, "P02", "chimerism_category")
    assert explanation.result["chimerism_category"] == "microchimerism"
    assert "0.4" in explanation.render()
    from graftline.errors import InputError

    with pytest.raises(InputError, match="'P99' is not in the cohort"):
        explain(con, "P99", "os")
    with pytest.raises(InputError, match="cannot explain 'anc'"):
        explain(con, "P01", "anc")


def test_endpoint_table_keeps_its_definitions_for_the_commands_that_read_it(store, tmp_path, capsys):
    # CSV: the definitions go to OUT.definitions.json (with the CSV's SHA-256); Parquet: into its metadata.
    out = tmp_path / "endpoints.csv"
    code, _, err = run(["endpoints", "--db", str(store), "--out", str(out), "--preset", "cibmtr", "--option", "chimerism_landmark_day=60"], capsys)
    assert code in (0, None), err
    sidecar = tmp_path / "endpoints.csv.definitions.json"
    assert sidecar.exists() and f"definitions stored in {sidecar}".replace(" ", "") in err.replace(" ", "")
    stored = read_endpoint_definitions(out)
    assert stored.definitions == EndpointDefinitions.preset("cibmtr").replace(chimerism_landmark_day=60)
    parquet = tmp_path / "endpoints.parquet"
    run(["endpoints", "--db", str(store), "--out", str(parquet), "--format", "parquet", "--preset", "astct2021"], capsys)
    assert read_endpoint_definitions(parquet).definitions == EndpointDefinitions.preset("astct2021")
    # cuminc and km read the table and say which definitions it was derived with (on stderr).
    code, _, err = run(["cuminc", str(out), "--endpoint", "neutrophil_engraftment"], capsys)
    assert code in (0, None), err
    assert "endpoint definitions: preset cibmtr with 1 deviation(s): chimerism_landmark_day=60" in err
    code, outtext, err = run(["km", str(parquet), "--time", "os_day", "--event", "os_status"], capsys)
    assert code in (0, None), err
    assert "endpoint definitions: preset astct2021, no deviations" in err and "median" in outtext
    # explain --endpoints FILE explains with the table's definitions and prints the preset on the rule.
    code, outtext, err = run(["explain", "P01", "--db", str(store), "--endpoint", "primary_graft_failure", "--endpoints", str(out)], capsys)
    assert code in (0, None), err
    assert "by day +28 (PBSC)" in outtext and "[preset cibmtr]" in outtext
    code, _, err = run(["explain", "P01", "--db", str(store), "--endpoint", "os", "--endpoints", str(out), "--preset", "cibmtr"], capsys)
    assert code == 1 and "brings its own definitions" in err


def test_a_table_changed_after_it_was_written_loses_its_definitions(store, tmp_path, capsys):
    # Someone edits the CSV afterwards: the stored definitions no longer describe it, and the
    # commands say so instead of printing them.
    out = tmp_path / "endpoints.csv"
    run(["endpoints", "--db", str(store), "--out", str(out)], capsys)
    frame = pd.read_csv(out)
    frame.loc[0, "os_day"] = 1
    frame.to_csv(out, index=False)
    stored = read_endpoint_definitions(out)
    assert stored.definitions is None and "changed after graftline wrote it" in stored.note
    code, _, err = run(["cuminc", str(out), "--endpoint", "os"], capsys)
    assert "endpoint definitions: unknown" in err
    # A CSV graftline never wrote: km says nothing about definitions, cuminc says they are unknown.
    plain = tmp_path / "plain.csv"
    pd.DataFrame({"time": [1, 2, 3], "event": [1, 0, 1]}).to_csv(plain, index=False)
    code, _, err = run(["km", str(plain)], capsys)
    assert code in (0, None) and "definitions" not in err
