"""``graftline validate|endpoints --source omop`` on an OMOP CDM in a DuckDB file."""

from __future__ import annotations

import ibis
import pandas as pd
from omop_cohorts import simulated
from typer.testing import CliRunner

from graftline.cli import app
from graftline.cohort.omop import write_omop

runner = CliRunner()


def _cdm(path, *, bad_unit: bool = False):
    _, frames = simulated()
    frames = dict(frames)
    if bad_unit:
        measurement = frames["measurement"].copy()
        measurement.loc[0, "unit_concept_id"] = 8510  # "unit": converts no count
        frames["measurement"] = measurement
    con = ibis.duckdb.connect(str(path))
    write_omop(con, frames)
    con.disconnect()
    return path


def test_endpoints_and_validate_from_an_omop_cdm(tmp_path):
    db = _cdm(tmp_path / "cdm.duckdb")
    out = tmp_path / "endpoints.csv"
    result = runner.invoke(app, ["endpoints", "--source", "omop", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out)
    assert len(frame) == 36 and set(frame.modality) == {"chemo", "mst", "allo_hsct"}
    result = runner.invoke(app, ["validate", "--source", "omop", "--db", str(db)])
    assert result.exit_code == 0, result.output


def test_validate_names_the_measurement_with_an_unconvertible_unit(tmp_path):
    db = _cdm(tmp_path / "cdm.duckdb", bad_unit=True)
    result = runner.invoke(app, ["validate", "--source", "omop", "--db", str(db), "--format", "json"])
    assert result.exit_code == 1
    assert "OMOP measurement (row = measurement_id)" in result.output
    assert "unit_concept_id 8510" in result.output and "is not a cell-count unit" in result.output


def test_unknown_source_is_a_clear_error(tmp_path):
    db = _cdm(tmp_path / "cdm.duckdb")
    result = runner.invoke(app, ["endpoints", "--source", "i2b2", "--db", str(db), "--out", str(tmp_path / "x.csv")])
    assert result.exit_code != 0
    assert "--source 'i2b2': expected one of graftline, omop" in str(result.exception) + result.output
