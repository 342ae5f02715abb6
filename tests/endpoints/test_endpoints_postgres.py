"""The same endpoint expressions on PostgreSQL give the same rows as on DuckDB.

Needs a server: ``GRAFTLINE_PG_URL`` (CI: postgresql://graftline:graftline@127.0.0.1:5432/graftline).
Locally: ``pg_ctlcluster 15 main start`` and a role/database graftline with
password graftline (see ``.ci/run``). Without it the test is skipped with
that reason outside CI and fails in CI (``CI=true``).
"""

from __future__ import annotations

import os
from urllib.parse import urlparse

import ibis
import pandas as pd
import pytest
from test_endpoints_engine import random_cohort

from graftline.endpoints import EndpointDefinitions, endpoint_frame

SCHEMA = "graftline_endpoints_test"


@pytest.fixture(scope="module")
def postgres(in_ci):
    url = os.environ.get("GRAFTLINE_PG_URL")
    if not url:
        if in_ci:
            pytest.fail("CI=true but GRAFTLINE_PG_URL is not set: the PostgreSQL comparison must run in CI")
        pytest.skip("GRAFTLINE_PG_URL is not set (start PostgreSQL and set it to run the DuckDB/PostgreSQL comparison)")
    parts = urlparse(url)
    options = dict(host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password, database=parts.path.lstrip("/"))
    try:
        admin = ibis.postgres.connect(**options)
    except Exception as error:  # noqa: BLE001 - any connection failure means "no server"
        if in_ci:
            raise
        pytest.skip(f"no PostgreSQL server reachable at {parts.hostname}:{parts.port}: {error}")
    admin.raw_sql(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; CREATE SCHEMA {SCHEMA}")
    con = ibis.postgres.connect(**options, schema=SCHEMA)
    yield con
    admin.raw_sql(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")


def scenario_cohort():
    """Random recovery curves plus hand-built patients touching every endpoint."""
    cohort, _ = random_cohort(seed=99, patients=40)
    low = {d: 0.1 for d in range(10)}
    cohort.patient("cord1", graft_source="cord", death=30).anc(low).chimerism(21, 45.0).infection(12, "bacterial")
    cohort.patient("mst1", modality="mst", arm="MST").anc({**low, 11: 0.8, 12: 0.9, 13: 1.0}).chimerism(30, 0.3, method="qpcr", lod_pct=0.1)
    cohort.patient("chemo1", modality="chemo", graft_source="none", arm="chemo").anc({**low, 16: 0.6, 17: 0.9, 18: 1.1}).disease(28, "cr")
    p = cohort.patient("gvhd1", weight_kg=30.0, last_contact=400)
    p.gvhd(20, skin_bsa_pct=30).gvhd(35, stool_episodes_day=8, upper_gi=True).gvhd(150, cgvhd_lungs=1, systemic_therapy=True, cgvhd_diagnostic_sign=True)
    p.lab("cd4", {30: 80.0, 90: 250.0}, unit="/uL").lab("alc", {14: 0.2, 30: 0.7})
    p.disease(30, "pr").disease(60, "cr").disease(200, "relapse").infection(45, "viral").infection(120, "fungal")
    p.adverse_event(0, 3, "msc_infusion")
    cohort.patient("never1").anc({d: 2.0 for d in range(30)}).plt({d: 150.0 for d in range(30)})
    cohort.patient("nolabs", death=5)
    # Graft failure, rejection, lineage chimerism and MST persistence (issue 12 rules).
    aplastic = {d: 0.1 for d in range(45)}
    cohort.patient("pgf1").anc(aplastic).plt({d: 10.0 for d in range(45)}).transfusion(28).chimerism(28, None, lod_pct=1.0)
    counts = {**{d: 0.1 for d in range(14)}, **{d: 1.5 for d in range(14, 90)}, 40: 0.2, 41: 0.1, 42: 0.3}
    p = cohort.patient("sgf1").anc(counts).plt({**{d: 10.0 for d in range(17)}, **{d: 60.0 for d in range(17, 90)}})
    p.transfusion(60).transfusion(63).disease(50, "relapse")
    p.chimerism(30, 99.0, lineage="cd33").chimerism(33, 98.0, lineage="cd3").chimerism(90, 3.0, lineage="cd3").chimerism(90, 99.0, lineage="cd33")
    cohort.patient("mst2", modality="mst").chimerism(14, 0.4, method="qpcr", lod_pct=0.1).chimerism(44, 0.2, method="qpcr").chimerism(70, None, lod_pct=0.1)
    cohort.patient("mst3", modality="mst").chimerism(21, 3.0)
    # MAGIC attribution and averaging, entered grades, the NIH diagnosis gate.
    g = cohort.patient("gvhd2", last_contact=500)
    g.gvhd(10, stool_ml_day=200).gvhd(11, stool_ml_day=300, alternative_cause="infection", alternative_cause_organ="lower_gi")
    g.gvhd(12, stool_ml_day=1100, bilirubin_mg_dl=7, alternative_cause="sos_vod", alternative_cause_organ="liver")
    g.gvhd(40, agvhd_overall_grade=3).gvhd(120, cgvhd_skin=2).gvhd(200, cgvhd_global_severity="moderate", systemic_therapy=True)
    # ELN responses, EFS, time origins, death from relapse without a relapse record.
    cohort.patient("eln1", modality="mst", treatment_start=-5, randomisation=-7, death=150, cause="relapse").disease(28, "crh")
    cohort.patient("eln2", modality="chemo", graft_source="none", treatment_start=0, randomisation=-3).disease(30, "mlfs").disease(90, "progression")
    return cohort


@pytest.mark.postgres
@pytest.mark.parametrize(
    "definitions",
    [
        EndpointDefinitions.preset("harmonized2024"),
        EndpointDefinitions.preset("astct2021"),
        EndpointDefinitions.preset("cibmtr"),
        EndpointDefinitions.preset("harmonized2024").replace(
            time_origin="randomisation", cr_definition="cr_crh_cri", gvhd_entered_values="prefer", stool_average_days=1,
            cgvhd_requires_diagnostic_sign=False, engraftment_competing=("death", "relapse", "second_infusion"),
        ),
    ],
    ids=["harmonized2024", "astct2021", "cibmtr", "options"],
)
def test_duckdb_and_postgres_give_identical_rows(postgres, definitions):
    cohort = scenario_cohort()
    cohort.load_into(postgres)
    on_duckdb = endpoint_frame(cohort.connect(), definitions)
    on_postgres = endpoint_frame(postgres, definitions)
    assert len(on_duckdb) == 53
    # Row by row, column by column: same values, same missing cells.
    pd.testing.assert_frame_equal(on_postgres, on_duckdb, check_dtype=False)
