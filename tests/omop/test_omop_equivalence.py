"""An OMOP CDM of simulated patients gives the endpoint table of the same patients ingested from CSV.

Row by row, column by column, on DuckDB, PostgreSQL and Spark. The patients
come from ``graftline simulate`` (three arms: chemotherapy alone, MST,
allo-HSCT with MSC); see ``omop_cohorts.py`` for what is removed from the
CSV side because OMOP cannot carry it.
"""

from __future__ import annotations

import ibis
import pandas as pd
import pytest
from omop_cohorts import arrow_tables, ingested_store, simulated

from graftline.cohort.omop import write_omop
from graftline.cohort.omop.source import OmopSource
from graftline.cohort.spark import register_tables
from graftline.endpoints import EndpointDefinitions, endpoint_frame

DEFINITIONS = EndpointDefinitions.preset("cibmtr")


@pytest.fixture(scope="module")
def from_csv(tmp_path_factory):
    canonical, _ = simulated()
    store = ingested_store(tmp_path_factory.mktemp("omop"), canonical)
    return endpoint_frame(store, DEFINITIONS)


def test_the_comparison_exercises_every_mapped_table(from_csv):
    # Not a vacuous comparison: engraftment, relapse, aGVHD grade >= II, chimerism,
    # infections and deaths all occur in the simulated cohort.
    frame = from_csv
    assert len(frame) == 36
    assert (frame.neutrophil_engraftment_status == 1).sum() > 20
    assert (frame.platelet_engraftment_status == 1).sum() > 10
    assert (frame.relapse_status == 1).sum() > 0
    assert (frame.agvhd_max_grade >= 2).sum() > 0
    assert set(frame.chimerism_category) - {"not_tested"}
    assert (frame.infection_status == 1).sum() > 0
    assert (frame.os_status == 1).sum() > 0
    assert set(frame.modality) == {"chemo", "mst", "allo_hsct"}


def test_omop_on_duckdb_equals_csv_ingest(from_csv):
    _, frames = simulated()
    con = ibis.duckdb.connect()
    write_omop(con, frames)
    on_omop = endpoint_frame(OmopSource(con), DEFINITIONS)
    pd.testing.assert_frame_equal(on_omop, from_csv, check_dtype=False)


@pytest.mark.postgres
def test_omop_on_postgres_equals_csv_ingest(from_csv, postgres_schema):
    _, frames = simulated()
    con = postgres_schema("graftline_omop_test")
    write_omop(con, frames)
    on_omop = endpoint_frame(OmopSource(con), DEFINITIONS)
    pd.testing.assert_frame_equal(on_omop, from_csv, check_dtype=False)


@pytest.mark.spark
def test_omop_on_spark_equals_csv_ingest(from_csv, spark):
    _, frames = simulated()
    register_tables(spark, arrow_tables(frames))
    on_omop = endpoint_frame(OmopSource(spark), DEFINITIONS)
    pd.testing.assert_frame_equal(on_omop, from_csv, check_dtype=False)
